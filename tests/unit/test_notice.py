"""smpls.notice: the clauses are the notice's own words, the ids and anchors are the contract's."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from unit_helpers import GOLDEN, real_batch

from smpls.notice import CLAUSES, FACTS, NOTICE, Clause, clause, cn_date, status_note

#: the notice as published (the seed text), kept beside the golden files
SOURCE = (GOLDEN / "notice-source.txt").read_text(encoding="utf-8")


def _squash(text: str) -> str:
    """Drop all whitespace: the source breaks lines (even inside words, 主管部 / 门) where the PDF did."""
    return re.sub(r"\s+", "", text)


@real_batch
@pytest.mark.parametrize("c", CLAUSES, ids=[c.id for c in CLAUSES])
def test_clause_text_is_verbatim(c: Clause) -> None:
    for part in c.text.split("\n"):
        assert part.strip()
        assert _squash(part) in _squash(SOURCE), part


def test_ids_and_anchors_are_the_contract() -> None:
    ids = [c.id for c in CLAUSES]
    expected = {
        "一": "n-1",
        "二": "n-2",
        "二（一）": "n-2-1",
        "二（二）": "n-2-2",
        "二（三）": "n-2-3",
        "二（四）": "n-2-4",
        "三": "n-3",
        "四": "n-4",
        **{f"填写说明{i}": f"n-fill-{i}" for i in range(1, 6)},
        **{f"申请书{n}": f"n-form-{i}" for i, n in enumerate("一二三四五六", start=1)},
    }
    for id_, anchor in expected.items():
        assert clause(id_).anchor == anchor
        assert clause(id_).href == f"notice/#{anchor}"
    assert len(set(ids)) == len(ids)
    assert len({c.anchor for c in CLAUSES}) == len(CLAUSES)
    with pytest.raises(KeyError):
        clause("二（五）")


def test_labels() -> None:
    assert clause("二（四）").label == "通知二（四）"
    assert clause("填写说明5").label == "填写说明 5"
    assert clause("申请书六").label == "申请书六"


@real_batch
def test_facts_are_in_the_source() -> None:
    assert FACTS.deadline == date(2021, 12, 20)
    assert FACTS.issued == date(2021, 11, 4)
    for value in (
        FACTS.doc_number,
        FACTS.title,
        FACTS.contact_people,
        FACTS.contacts,
        FACTS.address,
        FACTS.postcode,
        FACTS.system_url,
        FACTS.attachment,
        FACTS.batch,
    ):
        assert _squash(value) in _squash(SOURCE), value
    assert "2021年12月20日前" in SOURCE
    assert "2021年11月4日" in SOURCE


@real_batch
def test_status_note_is_derived_from_the_deadline() -> None:
    deadline, after = FACTS.deadline, FACTS.deadline + timedelta(days=1)
    closed = status_note(after)
    assert closed == status_note()  # the site is built after the deadline
    assert FACTS.batch in closed and f"已于{cn_date(deadline)}截止" in closed and "\n" not in closed
    assert NOTICE.deadline_state(after) == "已截止" and not NOTICE.is_open(after)
    opened = status_note(deadline)
    assert "尚未截止" in opened and f"{cn_date(deadline)}前" in opened and "已于" not in opened
    assert NOTICE.deadline_state(deadline) == "尚未截止" and NOTICE.is_open(deadline)


@real_batch
def test_preamble_and_salutation_are_verbatim() -> None:
    for text in (*NOTICE.addressees, NOTICE.preamble):
        assert _squash(text) in _squash(SOURCE), text
    assert FACTS.subject in NOTICE.preamble


def test_the_forms_parts_derive_from_the_notice() -> None:
    from smpls.docx.layout import INSTRUCTIONS
    from smpls.eligibility import FOCUS_AREAS
    from smpls.model import SECTIONS
    from smpls.rules import _SECTION_CLAUSE

    assert NOTICE.sections == SECTIONS and NOTICE.focus_areas == FOCUS_AREAS
    assert tuple(f"{i}. {clause(f'填写说明{i}').text}" for i in range(1, len(INSTRUCTIONS) + 1)) == INSTRUCTIONS
    assert [clause(c).text for c in list(_SECTION_CLAUSE.values())[1:]] == [t for _k, t in SECTIONS[1:]]
    assert all(area in clause("一").text for area in FOCUS_AREAS)
