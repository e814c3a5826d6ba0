"""smpls.codes.email_address."""

from __future__ import annotations

import pytest

from smpls.codes import InvalidFormat, email_address


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name@example.gov.cn", "name@example.gov.cn"),
        ("First.Last+tag@Example.GOV.cn", "First.Last+tag@example.gov.cn"),
        ("bzh＠example．gov．cn", "bzh@example.gov.cn"),
        (" a_b-c@mail.example.com ", "a_b-c@mail.example.com"),
    ],
)
def test_valid(text: str, expected: str) -> None:
    assert email_address.validate(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name.example.gov.cn", "应含一个“@”"),
        ("a@b@example.cn", "应含一个“@”"),
        ("name@localhost", "应是域名"),
        ("name@example.", "应是域名"),
        ("name@-example.cn", "应是域名"),
        ("na me@example.cn", "不能含空格"),
        (".name@example.cn", "“@”前面"),
        ("张三@example.cn", "“@”前面"),
        ("name@例子.中国", "应是域名"),
    ],
)
def test_invalid(text: str, message: str) -> None:
    with pytest.raises(InvalidFormat, match=message):
        email_address.validate(text)
