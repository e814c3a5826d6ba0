"""smpls.codes.postcode."""

from __future__ import annotations

import pytest

from smpls.codes import InvalidFormat, InvalidLength, postcode


@pytest.mark.parametrize(
    ("text", "expected"),
    # spaces and hyphens are not counted (issue 24: “311 000” is six digits)
    [
        ("100088", "100088"),
        ("１００ ０８８", "100088"),
        (" 010010 ", "010010"),
        ("311 000", "311000"),
        ("311-000", "311000"),
    ],
)
def test_valid(text: str, expected: str) -> None:
    assert postcode.validate(text) == expected


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("10008", InvalidLength, "现在是 5 位"),
        ("1000888", InvalidLength, "现在是 7 位"),
        ("10008a", InvalidFormat, "只能是 6 位数字"),
        ("10008²", InvalidFormat, "只能是 6 位数字"),
    ],
)
def test_invalid(text: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        postcode.validate(text)
