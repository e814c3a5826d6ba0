"""Checks for the identifiers on the 申请书, one small module each, in the shape of python-stdnum.

Every module has ``compact(text)``, ``validate(text)`` (returns the compact form or raises a
:class:`CodeError` subclass), ``is_valid(text)`` and ``format(text)``. Messages are Chinese and say how
to fix the value. Nothing here imports python-stdnum at module level (it is imported lazily by
:mod:`smpls.codes.uscc`), so importing :mod:`smpls.codes` is cheap in the browser.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

__all__ = [
    "CodeError",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "is_valid_by",
    "to_ascii",
]


class CodeError(ValueError):
    """A value is not a valid identifier; ``str(exc)`` is a Chinese message."""

    message = "格式不正确。"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)

    def __str__(self) -> str:
        return str(self.args[0])


class InvalidFormat(CodeError):
    message = "含有不允许的字符。"


class InvalidLength(InvalidFormat):
    message = "位数不对。"


class InvalidChecksum(CodeError):
    message = "校验码不对，请逐位核对。"


class InvalidComponent(CodeError):
    message = "其中一部分不正确。"


# Full-width forms (U+FF01..U+FF5E) map to ASCII by subtracting 0xFEE0; also the ideographic space
# and the dashes people type between area code and number.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u30fc"


def to_ascii(text: str) -> str:
    """Full-width letters, digits and punctuation made ASCII; any dash made ``-``; 全角空格 made a space.

    Only characters from the full-width block are changed (NFKC would also turn ``²`` into ``2``,
    which must stay an error).

    >>> to_ascii("０１０－８２２６１００６")
    '010-82261006'

    Anything but a string raises :class:`InvalidFormat` (so ``is_valid(None)`` is False).
    """
    if not isinstance(text, str):
        raise InvalidFormat("应填写文字。")
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        elif ch in _DASHES:
            out.append("-")
        elif ch == "\u3000" or unicodedata.category(ch) == "Zs":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def is_ascii_digits(text: str) -> bool:
    """True for a non-empty string of 0-9 only (``str.isdigit`` also accepts ``²`` and ``⑱``)."""
    return bool(text) and all("0" <= c <= "9" for c in text)


def is_valid_by(validate: Callable[[str], str]) -> Callable[[str], bool]:
    """A module's ``is_valid``: True when its ``validate`` accepts the text (python-stdnum's per-module API)."""

    def is_valid(number: str) -> bool:
        """True when :func:`validate` accepts the text."""
        try:
            return bool(validate(number))
        except ValueError:
            return False

    return is_valid
