"""联系电话: one or more numbers, each a mainland China mobile, a landline with its area code, a service
number of 工业和信息化部《电信网编号计划》 (12345, 95598, 10086, 400/800), or an international number.

What counts as one number, and how the field is read (also on the 数据格式 page):

* several numbers may be given, separated by ``、`` ``，`` ``,`` ``；`` ``;`` ``/`` or ``或``, as the notice
  itself writes ``010-82261006、82261652``, or by spaces between whole numbers (``0571-87654321 13957112345``;
  spaces inside one number, ``138 1234 5678``, keep it one); each is read. A number of 7 or 8 digits without an area
  code that follows a landline takes that landline's area code (``82261652`` above is ``010-82261652``);
  a label in brackets after a number, such as ``（传真）``, is allowed;
* full-width digits and dashes are made ASCII, spaces are ignored, brackets around the area code allowed;
* a country code ``+86``, ``0086`` or a bare ``86`` may come first; then the area code is written without
  its ``0`` (``+86 10 8226 1006``), or with it, as many people do (``+86 010 82261006``);
* mobile: 11 digits ``1[3-9]xxxxxxxxx`` (may be grouped 3-4-4), also with the trunk prefix ``0``
  (``013800138000``: ``0138`` is not an area code, no area code starts with ``01`` but ``010``);
* landline: area code ``0`` + 2 or 3 digits (010 and 02x have three digits, the others four), then a
  7- or 8-digit local number not starting with 0; an extension of 1 to 6 digits may follow, written
  ``转``, ``分机``, ``-``, ``ext`` or ``#``;
* service numbers ``400``/``800`` + 7 digits; the short numbers of the numbering plan: ``1`` + ``0``-``2``
  and 2 to 5 more digits (110, 10086, 12345, 116114), ``95`` + 3 to 6 digits (95598, 9510xxxx) and ``96`` + 3
  or 4 digits (local), also after an area code (``0571-12345``);
* international: ``+`` or ``00`` then a country code other than 86 and the number (E.164: at most 15
  digits), e.g. Hong Kong ``+852 2345 6789`` and Macao ``(00853) 2888 1234``;
* a country code in brackets, ``(+86)13800138000`` or ``+86(10)82261006``, is read as written.

A shape the module does not know raises a :class:`smpls.codes.CodeError`; :mod:`smpls.rules` makes it a
提示, never an 错误: a number is for calling, and the site cannot know every number that works.

Where this differs from libphonenumber (``tests/unit/test_codes_phone_oracle.py`` names each case):
extensions in ``转``/``分机``; any area code and mobile prefix of the right shape is accepted, allocated
or not (allocations change, and refusing a real number is worse than letting a typo through).

Why not ``phonenumberslite`` at run time: its wheel is 473 KB (579 files, 1.2 MB unpacked) and importing it
costs about 50 ms on CPython without .pyc files (as wheels are in the browser), several times that in
Pyodide; it does not understand ``转``/``分机`` either. It is the oracle of the unit tests instead.

>>> validate("０１０－８２２６１００６转１２３")
'010-82261006转123'
>>> validate("138 1234 5678")
'13812345678'
>>> validate("(0755)86001234分机8")
'0755-86001234转8'
>>> validate("010-82261006、82261652，82262634（传真）")
'010-82261006、010-82261652、010-82262634'
>>> validate("+86 10 8226 1006"), validate("8613800138000"), validate("013800138000")
('010-82261006', '13800138000', '13800138000')
>>> validate("0573-84561234、12345（政务服务便民热线）")
'0573-84561234、12345'
>>> validate("0571-87654321 13957112345"), validate("+86(10)82261006"), validate("(+86)13800138000")
('0571-87654321、13957112345', '010-82261006', '13800138000')
>>> validate("+852 2345 6789"), validate("95598"), validate("0571-87654321-8008")
('+85223456789', '95598', '0571-87654321转8008')
>>> validate("82261006")
Traceback (most recent call last):
    ...
smpls.codes.InvalidComponent: 座机号码前要加区号，例如 010-82261006。
"""

from __future__ import annotations

import re
from typing import NamedTuple

from smpls.codes import CodeError, InvalidComponent, InvalidFormat, InvalidLength, is_valid_by, to_ascii

__all__ = ["Phone", "compact", "format", "is_valid", "parse", "parse_all", "split", "validate"]


class Phone(NamedTuple):
    kind: str  #: "mobile", "landline", "service" (400/800), "short" (12345, 95598) or "international"
    area: str  #: area code with its leading 0 (or ``+852`` for an international number), or ""
    number: str
    ext: str = ""

    def __str__(self) -> str:
        if self.kind == "international":
            return f"{self.area}{self.number}"  # E.164: no table of country codes is needed to write it
        text = f"{self.area}-{self.number}" if self.area else self.number
        return f"{text}转{self.ext}" if self.ext else text

    @property
    def national_number(self) -> str:
        """The digits after the country code 86 (libphonenumber's ``national_number``): ``1082261006``."""
        return self.area[1:] + self.number


_EXT = re.compile(r"(?:转|分机|ext\.?|x|#)(\d+)$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[、，,；;/|]|或")
_LABEL_AFTER = re.compile(r"\((?:[^\d()]*)\)$")
_LABEL_BEFORE = re.compile(r"^(?:电话|座机|手机|传真|办公室?|总机|值班室?|热线)[:：]?")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_SERVICE = re.compile(r"[48]00\d{7}")
_COUNTRY = re.compile(r"^(?:\+|00)86-?")
#: the short numbers of the numbering plan (special services, operators' and sectors' service numbers)
_SHORT = re.compile(r"1[0-2]\d{1,4}|95\d{3,6}|96\d{3,4}")
_BRACKETED_COUNTRY = re.compile(r"^\((\+|00)(\d{1,3})\)-?")
_INTERNATIONAL = re.compile(r"^(?:\+|00)(?!86)([1-9]\d{0,2})-?(.*)$")


def compact(number: str) -> str:
    """ASCII digits, no spaces; brackets, ``-``, ``+`` and ``分机`` kept for :func:`parse`."""
    return to_ascii(number).replace(" ", "").replace("（", "(").replace("）", ")")


def _area_length(digits: str) -> int:
    """Length of the area code at the start of ``digits`` (which starts with 0)."""
    return 3 if digits.startswith(("010", "02")) else 4


def _after_country_code(rest: str) -> str:
    """The national form of what follows ``+86``: the area code gets its ``0`` back."""
    rest = rest.lstrip("-")
    if rest.startswith("(0)"):
        rest = rest[3:].lstrip("-")
    m = re.match(r"\(([1-9]\d{1,2})\)", rest)
    if m:  # +86(10)82261006: the area code in brackets, without its 0
        rest = f"0{m.group(1)}-{rest[m.end() :]}"
    digits = rest.replace("-", "").replace("(", "").replace(")", "")
    if rest.startswith(("0", "(0")) or _MOBILE.fullmatch(digits) or _SERVICE.fullmatch(digits):
        return rest
    return "0" + rest


def _national(text: str) -> Phone:
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
    if re.fullmatch(r"01[3-9]\d{9}", digits):
        digits = digits[1:]  # 0 + mobile: the trunk prefix, not the area code 0138
    if _SHORT.fullmatch(digits) and len(groups) == 1 and not ext:
        return Phone("short", "", digits)  # 12345, 95598: the numbering plan's short numbers
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
    if len(groups) == 2 and re.fullmatch(r"0\d{2,3}", groups[0]) and _SHORT.fullmatch(groups[1]) and not ext:
        return Phone("short", groups[0], groups[1])  # 0571-12345
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
    if local[0] == "0":
        raise InvalidComponent("区号后面的电话号码不以 0 开头，请核对。")
    if len(ext) > 6:
        raise InvalidLength("分机号最多 6 位。")
    return Phone("landline", area, local, ext)


def _international(code: str, rest: str) -> Phone:
    digits = re.sub(r"[-()]", "", rest)
    if not digits.isdigit() or not 4 <= len(code + digits) <= 15:
        raise InvalidFormat(f"境外号码 +{code} 后面应是号码的数字（连国家或地区代码最多 15 位）。")
    return Phone("international", f"+{code}", digits)


def _one(text: str) -> Phone:
    text = _LABEL_BEFORE.sub("", _LABEL_AFTER.sub("", text))
    if not text:
        raise InvalidFormat("请填写联系电话。")
    m = _BRACKETED_COUNTRY.match(text)
    if m:  # (+86)13800138000, (00852)23456789
        text = f"+{m.group(2)}{text[m.end() :]}"
    m = _INTERNATIONAL.match(text)
    if m:
        return _international(m.group(1), m.group(2))
    m = _COUNTRY.match(text)
    if m:
        return _national(_after_country_code(text[m.end() :]))
    if text.startswith("86"):
        try:
            return _national(_after_country_code(text[2:]))
        except CodeError:
            pass  # not a country code after all: say what is wrong with the number as written
    return _national(text)


def parse(number: str) -> Phone:
    """One number split into its parts, or :class:`smpls.codes.CodeError` (also for several numbers)."""
    phones = parse_all(number)
    if len(phones) != 1:
        raise InvalidFormat("这里只能填一个号码。")
    return phones[0]


def split(number: str) -> list[str]:
    """The numbers as written, split at the separators and at spaces between whole numbers."""
    text = to_ascii(number).replace("（", "(").replace("）", ")")
    out: list[str] = []
    for piece in _SEPARATORS.split(text):
        out.extend(_split_spaces(piece.split()))
    return out


def _split_spaces(tokens: list[str]) -> list[str]:
    """Space-separated tokens grouped into numbers: the longest run from the left that reads as one number
    (``010 8226 1006`` stays one; ``0571-87654321 13957112345`` is two); unreadable text stays whole."""
    whole = "".join(tokens)
    if len(tokens) < 2 or _reads(whole):
        return [whole] if whole else []
    groups: list[str] = []
    i = 0
    while i < len(tokens):
        j = next((j for j in range(len(tokens), i, -1) if _reads("".join(tokens[i:j]))), 0)
        if not j:
            return [whole]  # some part is not a number: say what is wrong with the whole
        groups.append("".join(tokens[i:j]))
        i = j
    return groups


def _reads(text: str) -> bool:
    try:
        _one(text)
    except CodeError:
        return False
    return True


def parse_all(number: str) -> list[Phone]:
    """Every number of the field, in order, or a :class:`smpls.codes.CodeError` naming the wrong one."""
    pieces = split(number)
    if not pieces:
        raise InvalidFormat("请填写联系电话。")
    phones: list[Phone] = []
    for i, piece in enumerate(pieces):
        bare = _LABEL_AFTER.sub("", piece)
        previous = phones[-1] if phones else None
        try:
            if previous and previous.kind == "landline" and re.fullmatch(r"[2-9]\d{6,7}", bare):
                phones.append(Phone("landline", previous.area, bare))  # 010-82261006、82261652
            else:
                phones.append(_one(piece))
        except CodeError as exc:
            if len(pieces) == 1:
                raise
            raise type(exc)(f"第 {i + 1} 个号码“{piece}”：{exc}") from None
    return phones


def validate(number: str) -> str:
    """The numbers in the usual written form (``010-82261006转123``, several joined by ``、``), or a CodeError."""
    return "、".join(str(p) for p in parse_all(number))


is_valid = is_valid_by(validate)


def format(number: str) -> str:
    """The usual written form, or the input unchanged when it is not valid."""
    try:
        return validate(number)
    except ValueError:
        return number
