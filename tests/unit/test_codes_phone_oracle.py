"""smpls.codes.phone against libphonenumber (python-phonenumbers, a test-only dependency on CPython).

For CN fixed-line, mobile and 400/800 numbers that libphonenumber calls valid, written in its national,
international and E.164 formats (and the other ways people write them), our module must accept them
and find the same national number. Where we choose to differ, a test below names the case and why.
In Pyodide the oracle is not installed (it is not in site_assets/runtime/wheels.toml): these tests skip there.
"""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from smpls.codes import CodeError, phone

phonenumbers = pytest.importorskip("phonenumbers")
PNF = phonenumbers.PhoneNumberFormat
PNT = phonenumbers.PhoneNumberType
#: libphonenumber calls 800 numbers TOLL_FREE and 400 numbers SHARED_COST
TYPES = {PNT.FIXED_LINE: "landline", PNT.MOBILE: "mobile", PNT.TOLL_FREE: "service", PNT.SHARED_COST: "service"}


def _number(national: str) -> object:
    return phonenumbers.PhoneNumber(country_code=86, national_number=int(national))


@cache
def area_codes() -> tuple[str, ...]:
    """Area codes (without the 0) for which libphonenumber knows valid 7- or 8-digit local numbers."""
    candidates = ["10", *(f"2{d}" for d in range(10)), *(f"{a}{b:02d}" for a in "3456789" for b in range(100))]
    samples = ("2345678", "82261006", "6543210", "56781234")
    return tuple(a for a in candidates if any(phonenumbers.is_valid_number(_number(a + s)) for s in samples))


def written_forms(number: object) -> list[str]:
    national = phonenumbers.format_number(number, PNF.NATIONAL)
    international = phonenumbers.format_number(number, PNF.INTERNATIONAL)
    e164 = phonenumbers.format_number(number, PNF.E164)
    return [
        national,
        international,
        e164,
        national.replace(" ", "-"),
        national.replace(" ", ""),
        "00" + e164[1:],
        e164[1:],  # a bare 86
        international.replace("+86 ", "+86 (0)") if not national.startswith(("1", "4", "8")) else international,
    ]


def assert_same(number: object) -> None:
    assert phonenumbers.is_valid_number(number)
    expected_kind = TYPES[phonenumbers.number_type(number)]
    for text in written_forms(number):
        try:
            ours = phone.parse(text)
        except CodeError as exc:  # pragma: no cover - the assertion message
            raise AssertionError(f"{text!r} refused: {exc}") from None
        assert ours.national_number == str(number.national_number), text
        assert ours.kind == expected_kind, text


@pytest.mark.parametrize("kind", sorted(TYPES, key=int))
def test_libphonenumber_example_numbers(kind: object) -> None:
    assert_same(phonenumbers.example_number_for_type("CN", kind))


def test_the_notice_numbers() -> None:
    for text in ("010-82261006", "010 8226 1652", "010 8226 2634"):
        assert_same(phonenumbers.parse(text, "CN"))


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_fixed_line_numbers(data: st.DataObject) -> None:
    area = data.draw(st.sampled_from(area_codes()))
    local = data.draw(st.from_regex(r"[1-9][0-9]{6,7}", fullmatch=True))
    number = _number(area + local)
    assume(phonenumbers.number_type(number) == PNT.FIXED_LINE and phonenumbers.is_valid_number(number))
    assert_same(number)


@pytest.mark.parametrize(
    ("pattern", "examples"), [(r"1[3-9][0-9]{9}", 60), (r"[48]00[0-9]{7}", 40)], ids=["mobile", "400-and-800"]
)
def test_mobile_400_and_800_numbers(pattern: str, examples: int) -> None:
    @settings(max_examples=examples, deadline=None)
    @given(st.from_regex(pattern, fullmatch=True))
    def check(digits: str) -> None:
        number = _number(digits)
        assume(phonenumbers.is_valid_number(number))
        assert_same(number)

    check()


# ---------------------------------------------------------------- where we choose to differ


def test_differs_extensions_in_chinese() -> None:
    """转 / 分机 are how extensions are written on Chinese forms; libphonenumber does not read them."""
    assert phone.parse("010-82261006转123") == phone.Phone("landline", "010", "82261006", "123")
    with pytest.raises(phonenumbers.NumberParseException):
        phonenumbers.parse("010-82261006转123", "CN")


@pytest.mark.parametrize(
    "text",
    [
        "14012345678",  # mobile prefix 140 not allocated today
        "0600-2345678",  # area code 0600 not allocated
        "0755-1234567",  # 7 digits where Shenzhen has 8
    ],
)
def test_differs_unallocated_but_well_formed(text: str) -> None:
    """A number of the right shape is accepted even where libphonenumber knows it unallocated: allocations
    change, and refusing a real number (a false 错误) is worse than letting a typo through."""
    assert not phonenumbers.is_valid_number(phonenumbers.parse(text, "CN"))
    assert phone.is_valid(text)


def test_short_numbers_as_the_numbering_plan_allows() -> None:
    """Issue 19: 12345 after an area code (the city hotline) and alone are numbers of 《电信网编号计划》."""
    assert phonenumbers.is_valid_number(phonenumbers.parse("010-12345", "CN"))
    assert phone.is_valid("010-12345") and phone.is_valid("12345") and phone.is_valid("95598")
    for text in ("+852 2345 6789", "+853 2888 1234"):
        assert phonenumbers.is_valid_number(phonenumbers.parse(text))
        assert phone.is_valid(text), text
