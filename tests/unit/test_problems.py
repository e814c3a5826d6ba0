"""smpls.problems: the rule of trust over every code, and each problem names its basis."""

from __future__ import annotations

import re

import pytest
from unit_helpers import TODAY, load_example

from smpls.model import Application
from smpls.notice import CLAUSES
from smpls.problems import (
    ADVICE,
    CODES,
    DRAFT_CODES,
    ERROR,
    PUBLISHED,
    RULES_HREF,
    SITE,
    Basis,
    Code,
    Problem,
    clause_basis,
    standard,
)
from smpls.rules import check

EXAMPLES = (
    "problems.json",
    "empty.json",
    "problems-orgcode.json",
    "problems-uscc-part.json",
    "problems-empty-schedule.json",
)
ANCHORS = {c.href for c in CLAUSES}


def assert_trustworthy(code: str, info: Code) -> None:
    """The rule of trust for one code (a function, so that the test below can show it fails)."""
    assert info.bases, code
    for level, basis in info.bases.items():
        assert level in (ERROR, ADVICE)
        if level == ERROR:
            # an 错误 needs the notice or a standard; the draft file's own format only for the file codes
            assert basis.authoritative or (basis.kind == "format" and code in DRAFT_CODES), code
        if basis.kind == "site":
            assert level == ADVICE, code
        assert basis.label and basis.href and not basis.href.startswith(("/", "http")), code
        if basis.kind == "notice":
            assert basis.href in ANCHORS, code
        if basis.kind == "standard":
            # a standard is named by a real published one (smpls.problems.PUBLISHED), never by a description
            assert all(part in PUBLISHED for part in basis.label.split("、")), (code, basis.label)


@pytest.mark.parametrize("code", list(CODES))
def test_every_code_has_a_basis_for_each_level(code: str) -> None:
    assert_trustworthy(code, CODES[code])


def test_the_trust_test_catches_an_error_without_basis() -> None:
    with pytest.raises(AssertionError):
        assert_trustworthy("new_rule", Code("新规则。", {ERROR: SITE}))
    with pytest.raises(AssertionError):
        assert_trustworthy(
            "new_rule", Code("新规则。", {ERROR: Basis("format", "草稿格式（JSON）", "data-format/#draft")})
        )
    assert_trustworthy("new_rule", Code("新规则。", {ERROR: clause_basis("二（一）")}))


def test_file_codes_are_fixed() -> None:
    """Only these codes may be 错误 on the file's own format: a new one must be argued for here."""
    assert {
        "unreadable",
        "too_large",
        "not_object",
        "schema_version_newer",
        "schema_version_invalid",
        "wrong_type",
        "too_many_rows",
    } == DRAFT_CODES


def emitted() -> list[Problem]:
    return [p for name in EXAMPLES for p in check(Application.model_validate(load_example(name)), today=TODAY)]


def test_site_advice_is_worded_as_advice() -> None:
    found = [p for p in emitted() if p.basis == SITE.label]
    assert {p.code for p in found} >= {"too_long", "period_unusual", "schedule_order", "unit_name_mismatch"}
    for p in found:
        assert p.level == ADVICE and "建议" in p.message, p


def test_every_problem_carries_a_basis_of_its_code() -> None:
    for p in emitted():
        assert p.level in CODES[p.code].levels, p
        assert p.basis and p.basis_href, p
        if p.code != "required" and p.code != "wrong_type":
            base = CODES[p.code].bases[p.level]
            href = f"{base.href}#{p.code}" if base.href == RULES_HREF else base.href  # the check's own entry
            assert (p.basis, p.basis_href) == (base.label, href)


def test_a_level_the_code_cannot_take_is_refused() -> None:
    with pytest.raises(KeyError):
        Problem("too_long", ERROR, "goals.text", "……")


def test_the_trust_test_fails_on_an_invented_standard() -> None:
    """A basis that names a standard must name a published one: a description or a made-up number fails."""
    for label in ("电话号码编号规则", "邮政编码 6 位", "GB 99999-2099", "GB 32100-2015、国家邮箱标准"):
        with pytest.raises(AssertionError):
            assert_trustworthy("new_rule", Code("新规则。", {ERROR: Basis("standard", label, RULES_HREF)}))
        with pytest.raises(ValueError, match="PUBLISHED"):
            standard(label)
    assert_trustworthy("new_rule", Code("新规则。", {ERROR: standard("GB 32100-2015、GB 11714-1997")}))


# A GB number (GB or GB/T, number, year), a title in 《》, or an IETF RFC number: how a standard is cited.
_CITED = re.compile(r"GB(/T)? \d{4,5}-(19|20)\d\d|《[^》]+》|RFC \d{3,4}")


@pytest.mark.parametrize("label", list(PUBLISHED))
def test_each_published_standard_is_cited_by_number_or_title(label: str) -> None:
    published = PUBLISHED[label]
    assert _CITED.fullmatch(label), label
    assert published.title and published.publisher
    # only a GB number is a 国家标准: the numbering plan and an RFC are named as what they are
    assert (published.kind == "国家标准") == label.startswith("GB"), label
