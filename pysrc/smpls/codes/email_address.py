"""电子邮箱: a plain check of the address form (one @, a domain with a dot, no spaces).

Deliverability cannot be checked offline; this catches typing mistakes such as a missing ``@``, a
full-width ``＠`` or a trailing full stop.

>>> validate("Name@Example.gov.cn")
'Name@example.gov.cn'
>>> is_valid("name@localhost")
False
"""

from __future__ import annotations

import re

from smpls.codes import InvalidFormat, is_valid_by, to_ascii

__all__ = ["compact", "format", "is_valid", "validate"]

_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}")
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")


def compact(address: str) -> str:
    """Full-width characters (``＠``, ``．``) made ASCII, surrounding spaces removed."""
    return to_ascii(address).replace("。", ".").strip()


def validate(address: str) -> str:
    """Return the address with the domain in lower case, or raise :class:`smpls.codes.CodeError`."""
    text = compact(address)
    if " " in text:
        raise InvalidFormat("电子邮箱不能含空格。")
    if text.count("@") != 1:
        raise InvalidFormat("电子邮箱应含一个“@”，例如 name@example.gov.cn。")
    local, domain = text.split("@")
    if not _LOCAL.fullmatch(local) or local.startswith(".") or local.endswith(".") or ".." in local:
        raise InvalidFormat("电子邮箱“@”前面的部分只能含英文字母、数字和 . _ - 等符号。")
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        raise InvalidFormat("电子邮箱“@”后面应是域名，例如 example.gov.cn。")
    return f"{local}@{domain.lower()}"


is_valid = is_valid_by(validate)


def format(address: str) -> str:
    """The address with the domain in lower case."""
    return compact(address)
