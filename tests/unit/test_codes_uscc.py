"""smpls.codes.uscc (GB 32100-2015 via python-stdnum)."""

from __future__ import annotations

import pytest
from unit_helpers import USCC_ALPHABET, make_uscc

from smpls.codes import InvalidChecksum, InvalidFormat, InvalidLength, uscc

# found online, listed in python-stdnum's tests
REAL = ["91110000600037341L", "121200004013590816", "91620105L015101280", "92340602MA2PBMEM24", "9115220107837757XE"]


@pytest.mark.parametrize("code", REAL)
def test_real_codes(code: str) -> None:
    assert uscc.validate(code) == code


@pytest.mark.parametrize(
    ("prefix", "body"),
    [("11330481", "00257318"), ("12110000", "40135908"), ("51440300", "MJL12345"), ("Y1110000", "12345678")],
)
def test_generated_codes_are_valid(prefix: str, body: str) -> None:
    code = make_uscc(prefix, body)
    assert uscc.validate(code) == code
    assert uscc.validate(" ".join([code[:2], code[2:8], code[8:17], code[17]])) == code
    assert uscc.validate(code.lower()) == code


@pytest.mark.parametrize("position", [0, 1, 5, 8, 12, 16, 17])
def test_one_changed_character_is_caught(position: int) -> None:
    code = make_uscc()
    for replacement in USCC_ALPHABET:
        if replacement == code[position] or (2 <= position < 8 and not replacement.isdigit()):
            continue
        broken = code[:position] + replacement + code[position + 1 :]
        assert not uscc.is_valid(broken), broken


def test_swapped_neighbours_are_caught() -> None:
    code = make_uscc()
    swapped = code[:9] + code[10] + code[9] + code[11:]
    assert swapped != code and not uscc.is_valid(swapped)


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        # wrong length
        ("9111000060003734", InvalidLength, "应为 18 位，现在是 16 位"),
        # bad check character
        # (the message never names a "right" check character: any of the 18 may be the wrong one)
        ("91110000600037341N", InvalidChecksum, "至少有一位写错了，但校验码不能说明是哪一位"),
        # letters GB 32100 leaves out
        ("9111000060003IOZSV", InvalidFormat, "I、O、S、V、Z"),
        # the region code must be digits
        ("91A10000600037341L", InvalidFormat, "第 3 至 8 位"),
        # non-ASCII digits
        ("9111000060003734¹L", InvalidFormat, "不能含有 ¹"),
    ],
)
def test_invalid(text: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        uscc.validate(text)


def test_org_code_part() -> None:
    assert uscc.org_code_part("91110000600037341L") == "600037341"
