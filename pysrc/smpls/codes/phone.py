"""联系电话: a mainland China mobile number, or a landline with its area code and an optional extension.

Accepted after normalisation (full-width digits and dashes made ASCII, spaces removed, a leading ``+86``
or ``86`` dropped, brackets around the area code allowed):

* mobile: 11 digits ``1[3-9]xxxxxxxxx`` (may be grouped 3-4-4);
* landline: area code ``0`` + 2 or 3 digits (010 and 02x have three digits, the others four), then a
  7- or 8-digit local number not starting with 0 or 1; an extension of 1 to 6 digits may follow,
  written ``转``, ``分机``, ``-`` or ``ext``;
* service numbers ``400``/``800`` + 7 digits.

Why not ``phonenumberslite``: its wheel is 473 KB (579 files, 1.2 MB unpacked) and importing it costs
about 50 ms on CPython without .pyc files (as wheels are in the browser), several times that in Pyodide;
it does not understand ``转``/``分机`` either. This module is a few regular expressions and costs nothing
at start-up. See the note in the project report for the measurements.

>>> validate("０１０－８２２６１００６转１２３")
'010-82261006转123'
>>> validate("138 1234 5678")
'13812345678'
>>> validate("(0755)86001234分机8")
'0755-86001234转8'
>>> validate("82261006")
Traceback (most recent call last):
    ...
smpls.codes.InvalidComponent: 座机号码前要加区号，例如 010-82261006。
"""

from __future__ import annotations

import re
from typing import NamedTuple

from smpls.codes import InvalidComponent, InvalidFormat, InvalidLength, to_ascii

__all__ = ["Phone", "compact", "format", "is_valid", "parse", "validate"]


class Phone(NamedTuple):
    kind: str  #: "mobile", "landline" or "service"
    area: str  #: area code with its leading 0, or ""
    number: str
    ext: str = ""

    def __str__(self) -> str:
        text = f"{self.area}-{self.number}" if self.area else self.number
        return f"{text}转{self.ext}" if self.ext else text


_EXT = re.compile(r"(?:转|分机|ext\.?|x|#)(\d+)$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[、，,；;/|]|或")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_SERVICE = re.compile(r"[48]00\d{7}")


def compact(number: str) -> str:
    """ASCII digits, no spaces, no ``+86``; brackets and ``分机`` kept for :func:`parse`."""
    text = to_ascii(number).replace(" ", "").replace("（", "(").replace("）", ")")
    text = re.sub(r"^(?:\+|00)?86(?=[-(]?(?:0|1[3-9]))", "", text) if text.startswith(("+86", "0086")) else text
    return text


def _area_length(digits: str) -> int:
    """Length of the area code at the start of ``digits`` (which starts with 0)."""
    return 3 if digits.startswith(("010", "02")) else 4


def parse(number: str) -> Phone:
    """Split a phone number into its parts, or raise :class:`smpls.codes.CodeError`."""
    text = compact(number)
    if not text:
        raise InvalidFormat("请填写联系电话。")
    if _SEPARATORS.search(text):
        raise InvalidFormat("联系电话只填一个号码。")
    ext = ""
    m = _EXT.search(text)
    if m:
        ext, text = m.group(1), text[: m.start()].rstrip("-")
    m = re.fullmatch(r"\((0\d{2,3})\)-?(.*)", text)
    if m:
        text = f"{m.group(1)}-{m.group(2)}"
    if re.search(r"[^\d-]", text):
        raise InvalidFormat("联系电话只能含数字、“-”和表示分机的“转”，例如 010-82261006转123 或 13812345678。")
    groups = [g for g in text.split("-") if g]
    digits = "".join(groups)
    if not digits:
        raise InvalidFormat("请填写联系电话。")
    if digits[0] == "1":
        if ext:
            raise InvalidFormat("手机号码没有分机号。")
        if len(digits) != 11:
            raise InvalidLength(f"手机号码应为 11 位，现在是 {len(digits)} 位。")
        if not _MOBILE.fullmatch(digits):
            raise InvalidComponent("手机号码应以 13 至 19 开头。")
        return Phone("mobile", "", digits)
    if _SERVICE.fullmatch(digits) and not (len(groups) > 1 and groups[0].startswith("0")):
        return Phone("service", "", digits, ext)
    if digits[0] != "0":
        raise InvalidComponent("座机号码前要加区号，例如 010-82261006。")
    if len(groups) >= 3 and not ext and 1 <= len(groups[-1]) <= 6 and len("".join(groups[:-1])) >= 10:
        # 010-82261006-123: the last group is the extension
        ext, groups = groups[-1], groups[:-1]
        digits = "".join(groups)
    if len(groups) >= 2 and groups[0].startswith("0") and len(groups[0]) in (3, 4):
        area, local = groups[0], "".join(groups[1:])
    else:
        size = _area_length(digits)
        area, local = digits[:size], digits[size:]
    if len(local) not in (7, 8):
        raise InvalidLength(f"区号 {area} 后面的电话号码应为 7 或 8 位，现在是 {len(local)} 位。")
    if local[0] in "01":
        raise InvalidComponent("区号后面的电话号码不以 0 或 1 开头，请核对。")
    if len(ext) > 6:
        raise InvalidLength("分机号最多 6 位。")
    return Phone("landline", area, local, ext)


def validate(number: str) -> str:
    """Return the number in the usual written form (``010-82261006转123``), or raise a CodeError."""
    return str(parse(number))


def is_valid(number: str) -> bool:
    """True when :func:`validate` accepts the number."""
    try:
        return bool(validate(number))
    except ValueError:
        return False


def format(number: str) -> str:
    """The usual written form, or the input unchanged when it is not a valid number."""
    try:
        return validate(number)
    except ValueError:
        return number
