"""smpls.codes.orgcode (GB 11714-1997)."""

from __future__ import annotations

import pytest
from unit_helpers import orgcode_check

from smpls.codes import InvalidChecksum, InvalidFormat, InvalidLength, orgcode

# Published examples: the worked example of GB 11714-1997 and characters 9-17 of 统一社会信用代码
# listed in python-stdnum's tests (found online: 91110000600037341L, 121200004013590816, …).
PUBLISHED = ["D2143569-X", "60003734-1", "40135908-1", "L0151012-8", "MA2PBMEM-2", "07837757-X", "71092609-4"]


@pytest.mark.parametrize("code", PUBLISHED)
def test_published_codes_are_valid(code: str) -> None:
    assert orgcode.validate(code) == code.replace("-", "")
    assert orgcode.format(code.replace("-", "")) == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [("d2143569x", "D2143569X"), (" D2143569 - X ", "D2143569X"), ("Ｄ２１４３５６９－Ｘ", "D2143569X")],
)
def test_compact_forms(text: str, expected: str) -> None:
    assert orgcode.validate(text) == expected


@pytest.mark.parametrize("body", ["00000000", "12345678", "ZZZZZZZZ", "D2143569", "00257318", "A0000000"])
def test_check_character_matches_the_standard(body: str) -> None:
    assert orgcode.calc_check_char(body) == orgcode_check(body)


def test_check_values_ten_and_eleven() -> None:
    # 10 is written X, 11 is written 0
    x_body = next(f"{n:08d}" for n in range(1000) if orgcode_check(f"{n:08d}") == "X")
    zero_body = next(f"{n:08d}" for n in range(1000) if orgcode_check(f"{n:08d}") == "0")
    assert orgcode.calc_check_char(x_body) == "X"
    assert orgcode.calc_check_char(zero_body) == "0"
    assert orgcode.is_valid(x_body + "X") and orgcode.is_valid(zero_body + "0")


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        # wrong length
        ("D214356-X", InvalidLength, "应为 9 位"),
        ("D2143569-XX", InvalidLength, "现在是 10 位"),
        # bad check character
        # (the message never names a "right" check character: any of the 9 may be the wrong one)
        ("D2143569-1", InvalidChecksum, "至少有一位写错了，但校验码不能说明是哪一位"),
        ("60003734-2", InvalidChecksum, "至少有一位写错了"),
        # characters not allowed
        ("D214356Ö-X", InvalidFormat, "数字或大写英文字母"),
        ("D2143569-Y", InvalidFormat, "数字或 X"),
        # non-ASCII digits
        ("6000373⑷-1", InvalidFormat, "数字或大写英文字母"),
    ],
)
def test_invalid(text: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        orgcode.validate(text)
    assert not orgcode.is_valid(text)
