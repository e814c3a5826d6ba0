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
        # country code: +86, 0086 or a bare 86, the area code without its 0 (or with it)
        ("+86 10 8226 1006", "010-82261006"),
        ("0086 10 82261006", "010-82261006"),
        ("+86 400 810 8888", "4008108888"),
        ("+86 (0)10 82261006", "010-82261006"),
        ("+86 010 82261006", "010-82261006"),
        ("8613800138000", "13800138000"),
        ("86-10-82261006", "010-82261006"),
        # 0 + mobile is the trunk prefix, not the area code 0138
        ("013800138000", "13800138000"),
        ("0138 0013 8000", "13800138000"),
        # several numbers, each checked; a bare local number takes the previous area code
        ("010-82261006、82261652", "010-82261006、010-82261652"),
        ("010-82261006、82261652，82262634（传真）", "010-82261006、010-82261652、010-82262634"),
        ("13812345678/13912345678", "13812345678、13912345678"),
        ("0571-87654321；13812345678", "0571-87654321、13812345678"),
        ("0571-87654321或13812345678", "0571-87654321、13812345678"),
        ("0571-87654321, 0571-87654322,", "0571-87654321、0571-87654322"),
        ("电话：0571-87654321", "0571-87654321"),
        # issue 19: what 《电信网编号计划》 allows, written as people write it
        ("0573-84561234、12345（政务服务便民热线）", "0573-84561234、12345"),
        ("0571-87654321 13957112345", "0571-87654321、13957112345"),  # two numbers separated by a space
        ("13957112345 0571-87654321转8008", "13957112345、0571-87654321转8008"),
        ("+86(10)82261006", "010-82261006"),
        ("(+86)13800138000", "13800138000"),
        ("（+86）138 0013 8000", "13800138000"),
        ("95598", "95598"),
        ("10086", "10086"),
        ("0571-12345", "0571-12345"),
        ("800-810-8888", "8008108888"),
        ("0571-87654321-8008", "0571-87654321转8008"),
        ("+852 2345 6789", "+85223456789"),  # Hong Kong
        ("00853 2888 1234", "+85328881234"),  # Macao
        ("(00852)23456789", "+85223456789"),
        ("+1 202 555 0100", "+12025550100"),
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
        ("010-02261006", InvalidComponent, "不以 0 开头"),
        # one of several numbers wrong: which one
        ("010-82261006、822616", InvalidComponent, "第 2 个号码“822616”"),
        ("13812345678、82261652", InvalidComponent, "第 2 个号码.*加区号"),
        # 86 that is not a country code
        ("86123", InvalidComponent, "加区号"),
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
    assert phone.parse("+86 755 8600 1234").national_number == "75586001234"


def test_parse_refuses_several_numbers() -> None:
    with pytest.raises(InvalidFormat, match="只能填一个号码"):
        phone.parse("13812345678、13912345678")
    assert [p.kind for p in phone.parse_all("13812345678、010-82261006、4008108888")] == [
        "mobile",
        "landline",
        "service",
    ]
