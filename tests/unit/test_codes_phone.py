"""smpls.codes.phone."""

from __future__ import annotations

import pytest

from smpls.codes import InvalidComponent, InvalidFormat, InvalidLength, phone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # mobile
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("19912345678", "19912345678"),
        # landline with area code
        ("010-82261006", "010-82261006"),
        ("01082261006", "010-82261006"),
        ("(010)82261006", "010-82261006"),
        ("（010）82261006", "010-82261006"),
        ("021-5555555", "021-5555555"),
        ("0571-87654321", "0571-87654321"),
        ("0573 8456 1234", "0573-84561234"),
        ("０１０－８２２６１００６", "010-82261006"),
        ("010—82261006", "010-82261006"),
        # extensions: 转, 分机, -, ext
        ("010-82261006转123", "010-82261006转123"),
        ("010-82261006 转 123", "010-82261006转123"),
        ("010-82261006分机123", "010-82261006转123"),
        ("010-82261006-123", "010-82261006转123"),
        ("010-82261006 ext. 5", "010-82261006转5"),
        # service numbers
        ("400-812-3123", "4008123123"),
    ],
)
def test_valid(text: str, expected: str) -> None:
    assert phone.validate(text) == expected
    assert phone.is_valid(text)


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        # no area code
        ("82261006", InvalidComponent, "加区号"),
        # wrong length
        ("1381234567", InvalidLength, "11 位，现在是 10 位"),
        ("010-822610", InvalidLength, "7 或 8 位，现在是 6 位"),
        ("010-822610061", InvalidLength, "7 或 8 位，现在是 9 位"),
        # wrong digits
        ("12812345678", InvalidComponent, "13 至 19 开头"),
        ("010-02261006", InvalidComponent, "不以 0 或 1 开头"),
        # more than one number
        ("010-82261006、82261652", InvalidFormat, "只填一个号码"),
        ("13812345678/13912345678", InvalidFormat, "只填一个号码"),
        # letters, other digits
        ("010-8226100六", InvalidFormat, "只能含数字"),
        ("010-8226100⑹", InvalidFormat, "只能含数字"),
        ("13812345678转1", InvalidFormat, "手机号码没有分机号"),
        ("010-82261006转1234567", InvalidLength, "分机号最多 6 位"),
    ],
)
def test_invalid(text: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        phone.validate(text)
    assert phone.format(text) == text


def test_parse_parts() -> None:
    assert phone.parse("0755-86001234分机8") == phone.Phone("landline", "0755", "86001234", "8")
