"""统一社会信用代码 (Unified Social Credit Code) per GB 32100-2015《法人和其他组织统一社会信用代码编码规则》.

18 characters from the alphabet ``0-9 A-H J-N P-R T U W-Y`` (no I, O, Z, S, V):

* 1: 登记管理部门代码 (e.g. 1 机构编制, 5 民政, 9 工商, Y 其他),
* 2: 机构类别代码,
* 3-8: 登记管理机关行政区划码 (digits, GB/T 2260),
* 9-17: 主体标识码 (组织机构代码, GB 11714),
* 18: check character (weights 3^(i-1) mod 31, modulus 31).

The arithmetic is python-stdnum's ``stdnum.cn.uscc`` (imported lazily: it is not needed until a code is
checked). python-stdnum requires characters 1-8 to be digits; GB 32100 also allows letters in the first
two positions (A, N, Y), so the format check here follows the standard and only the check character comes
from python-stdnum.

>>> validate("91110000600037341L")
'91110000600037341L'
>>> validate("91110000600037341N")  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
    ...
smpls.codes.InvalidChecksum: 统一社会信用代码没有通过校验（不说哪一位该改成什么）
>>> org_code_part("91110000600037341L")
'600037341'
>>> is_valid("123")
False
"""

from __future__ import annotations

from smpls.codes import InvalidChecksum, InvalidFormat, InvalidLength, is_valid_by, to_ascii

__all__ = ["ALPHABET", "calc_check_char", "compact", "format", "is_valid", "org_code_part", "validate"]

#: GB 32100-2015 code characters (I, O, Z, S, V are not used).
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def compact(number: str) -> str:
    """Full-width made ASCII, spaces and hyphens removed, letters upper-cased."""
    return to_ascii(number).replace(" ", "").replace("-", "").upper()


def calc_check_char(first17: str) -> str:
    """The 18th character for the first 17 (computed by python-stdnum)."""
    from stdnum.cn import uscc  # lazy: python-stdnum is only needed when a code is checked

    return str(uscc.calc_check_digit(first17))


def validate(number: str) -> str:
    """Return the compact code, or raise :class:`smpls.codes.CodeError` with a Chinese message."""
    code = compact(number)
    if len(code) != 18:
        raise InvalidLength(f"统一社会信用代码应为 18 位，现在是 {len(code)} 位。")
    bad = sorted({c for c in code if c not in ALPHABET})
    if bad:
        shown = "、".join(bad[:5])
        raise InvalidFormat(f"统一社会信用代码只能由数字和大写英文字母（不含 I、O、Z、S、V）组成，不能含有 {shown}。")
    if not all("0" <= c <= "9" for c in code[2:8]):
        raise InvalidFormat("统一社会信用代码第 3 至 8 位是行政区划码，只能是数字。")
    if code[17] != calc_check_char(code[:17]):
        # Never name the "right" check character: the check only proves that some character is wrong, and
        # changing the last one to match would turn a typo anywhere into a wrong code that passes.
        raise InvalidChecksum(
            "统一社会信用代码没有通过 GB 32100-2015 的校验：18 位中至少有一位写错了，但校验码不能说明是哪一位。"
            "请对照营业执照或法人证书逐位核对。"
        )
    return code


is_valid = is_valid_by(validate)


def format(number: str) -> str:
    """The printed form: 18 characters without separators."""
    return compact(number)


def org_code_part(number: str) -> str:
    """Characters 9 to 17 (the 组织机构代码 part) of a compact code."""
    return compact(number)[8:17]
