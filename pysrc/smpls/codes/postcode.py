"""邮政编码: six digits (GB/T 29300 style postal codes of China).

>>> validate("１０００８８"), validate("311 000"), validate("311-000")
('100088', '311000', '311000')
>>> validate("10008")
Traceback (most recent call last):
    ...
smpls.codes.InvalidLength: 邮编应为 6 位数字，现在是 5 位。
"""

from __future__ import annotations

from smpls.codes import InvalidFormat, InvalidLength, is_ascii_digits, is_valid_by, to_ascii

__all__ = ["compact", "format", "is_valid", "validate"]


def compact(number: str) -> str:
    """Full-width digits made ASCII, spaces and hyphens removed (``311 000`` is ``311000``)."""
    return to_ascii(number).replace(" ", "").replace("-", "")


def validate(number: str) -> str:
    """Return the six digits, or raise :class:`smpls.codes.CodeError` with a Chinese message."""
    code = compact(number)
    if not is_ascii_digits(code):
        raise InvalidFormat("邮编只能是 6 位数字，例如 100088。")
    if len(code) != 6:
        raise InvalidLength(f"邮编应为 6 位数字，现在是 {len(code)} 位。")
    return code


is_valid = is_valid_by(validate)


def format(number: str) -> str:
    """The six digits."""
    return compact(number)
