"""组织机构代码 (organization code) per GB 11714-1997《全国组织机构代码编制规则》.

The code has nine characters: an eight-character 本体代码 (digits or capital letters) and one check
character, printed as ``XXXXXXXX-X``. The check character is computed (GB 11714-1997, 4.2) as

    C9 = 11 - (sum of Ci × Wi, i = 1..8) mod 11,  Wi = 3, 7, 9, 10, 5, 8, 4, 2,

where a digit counts as its value and a letter A..Z as 10..35; a result of 10 is written ``X`` and 11 is
written ``0``. Since GB 32100-2015 the same nine characters form characters 9 to 17 (主体标识码) of the
18-character 统一社会信用代码.

python-stdnum has no module for this code; this one has the same shape (compact / validate / is_valid /
format).

The example printed in GB 11714-1997:

>>> validate("D2143569-X")
'D2143569X'
>>> format("d2143569x")
'D2143569-X'
>>> calc_check_char("60003734")
'1'
>>> validate("D2143569-1")  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
    ...
smpls.codes.InvalidChecksum: 组织机构代码没有通过校验（不说哪一位该改成什么）
>>> is_valid("12345")
False
"""

from __future__ import annotations

from smpls.codes import InvalidChecksum, InvalidFormat, InvalidLength, is_valid_by, to_ascii

__all__ = ["calc_check_char", "compact", "format", "is_valid", "validate"]

_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_BODY_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def compact(number: str) -> str:
    """Full-width made ASCII, spaces and hyphens removed, letters upper-cased.

    >>> compact(" ｄ2143569－x ")
    'D2143569X'
    """
    return to_ascii(number).replace(" ", "").replace("-", "").upper()


def calc_check_char(body: str) -> str:
    """The check character for an eight-character 本体代码."""
    total = sum(_BODY_CHARS.index(c) * w for c, w in zip(body, _WEIGHTS, strict=True))
    value = 11 - total % 11
    return "X" if value == 10 else "0" if value == 11 else str(value)


def validate(number: str) -> str:
    """Return the compact code, or raise :class:`smpls.codes.CodeError` with a Chinese message."""
    code = compact(number)
    if len(code) != 9:
        raise InvalidLength(
            f"组织机构代码应为 9 位（8 位本体代码加 1 位校验码，写作 XXXXXXXX-X），现在是 {len(code)} 位。"
        )
    body, check = code[:8], code[8]
    if any(c not in _BODY_CHARS for c in body):
        raise InvalidFormat("组织机构代码的前 8 位只能是数字或大写英文字母。")
    if check not in "0123456789X":
        raise InvalidFormat("组织机构代码的最后一位校验码只能是数字或 X。")
    if check != calc_check_char(body):  # never name the "right" character: any of the 9 may be the wrong one
        raise InvalidChecksum(
            "组织机构代码没有通过 GB 11714-1997 的校验：9 位中至少有一位写错了，但校验码不能说明是哪一位。"
            "请对照证书逐位核对。"
        )
    return code


is_valid = is_valid_by(validate)


def format(number: str) -> str:
    """The printed form ``XXXXXXXX-X``."""
    code = compact(number)
    return f"{code[:8]}-{code[8:]}" if len(code) == 9 else code
