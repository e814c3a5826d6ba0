"""smpls.eligibility: the basic conditions of 通知二 and the focus areas of 通知一."""

from __future__ import annotations

from typing import Any

import pytest

from smpls.eligibility import (
    CONDITIONS,
    FOCUS_AREAS,
    INFO,
    MET,
    NOT_MET,
    QUESTIONS,
    UNKNOWN,
    UNSURE,
    evaluate,
    questions_data,
)
from smpls.fields import field_by_path
from smpls.notice import clause

ALL_MET: dict[str, str] = {**{q.id: q.good for q in QUESTIONS if q.good}, "focus_area": "社会治理"}
BASIC = {"c1": "通知二（一）", "c2": "通知二（二）", "c3": "通知二（三）", "c4": "通知二（四）"}


def reason(verdict: Any, condition: str) -> Any:
    return next(r for r in verdict.reasons if r.condition == condition)


def test_all_met() -> None:
    verdict = evaluate(ALL_MET)
    assert verdict.overall == MET
    assert {r.status for r in verdict.reasons} == {MET, INFO}
    assert reason(verdict, "focus").status == INFO


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.good], ids=lambda q: q.id)
def test_each_condition_failing_alone(question: Any) -> None:
    bad = next(o for o in question.options if o not in (question.good, UNSURE))
    verdict = evaluate({**ALL_MET, question.id: bad})
    assert verdict.overall == NOT_MET
    failing = [r for r in verdict.reasons if r.status == NOT_MET]
    assert [r.condition for r in failing] == [question.condition]
    assert BASIC[question.condition] in failing[0].reason
    assert question.text in failing[0].reason
    assert failing[0].questions == (question.id,)


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.good], ids=lambda q: q.id)
@pytest.mark.parametrize("answer", [UNSURE, "", None, 1, "maybe"])
def test_unknown_answers_need_confirmation(question: Any, answer: Any) -> None:
    answers = {**ALL_MET, question.id: answer}
    if answer is None:
        del answers[question.id]
    verdict = evaluate(answers)
    assert verdict.overall == UNKNOWN
    (open_,) = [r for r in verdict.reasons if r.status == UNKNOWN]
    assert open_.condition == question.condition and BASIC[question.condition] in open_.reason


def test_not_met_wins_over_unknown() -> None:
    assert evaluate({"accident": "是"}).overall == NOT_MET


@pytest.mark.parametrize("area", FOCUS_AREAS)
def test_focus_areas(area: str) -> None:
    verdict = evaluate({**ALL_MET, "focus_area": area})
    assert verdict.overall == MET and area in reason(verdict, "focus").reason


@pytest.mark.parametrize("area", ["其他", "", None, "乱填"])
def test_focus_area_never_lowers_the_verdict(area: Any) -> None:
    """The verdict rests on the four conditions of 二 only: 通知一 says “重点围绕……等领域”, excluding no field."""
    answers = {**ALL_MET, "focus_area": area}
    verdict = evaluate(answers)
    assert verdict.overall == MET
    focus = reason(verdict, "focus")
    assert focus.status == INFO and "不影响结论" in focus.reason and focus.href == "notice/#n-1"
    assert evaluate({**answers, "accident": "是"}).overall == NOT_MET
    assert evaluate({**answers, "duty": UNSURE}).overall == UNKNOWN


def test_reasons_cite_the_notice() -> None:
    for r in evaluate(ALL_MET).reasons:
        c = clause(r.clause.removeprefix("通知"))
        assert r.href == c.href


@pytest.mark.parametrize("junk", [None, [], "x", 5, {"accident": ["是"]}, {1: 2}])
def test_junk_answers_never_raise(junk: Any) -> None:
    assert evaluate(junk).overall in (MET, NOT_MET, UNKNOWN)


def test_prefill() -> None:
    verdict = evaluate({**ALL_MET, "std_body_name": "  标准化工作领导小组  "})
    assert verdict.prefill == {"basic.std_body_name": "标准化工作领导小组", "basic.major_accident": "否"}
    assert evaluate({"accident": "是"}).prefill == {"basic.major_accident": "是"}
    assert evaluate({"accident": UNSURE}).prefill == {}


def test_prefill_paths_are_form_fields() -> None:
    from smpls.fields import field_by_path

    for q in QUESTIONS:
        for pre in q.prefill:
            spec = field_by_path(pre.path)
            assert spec is not None
            for value in pre.values.values():
                assert not spec.meta.choices or value in spec.meta.choices


def test_questions_as_data() -> None:
    data = questions_data()
    assert [c["id"] for c in data["conditions"]] == [c.id for c in CONDITIONS]
    assert {q["condition"] for q in data["questions"]} == {c.id for c in CONDITIONS}
    assert len({q["id"] for q in data["questions"]}) == len(QUESTIONS)
    for c in data["conditions"]:
        assert c["clause"].startswith("通知") and c["anchor"] and c["text"].endswith(("；", "。"))
    accident = next(q for q in data["questions"] if q["id"] == "accident")
    # in the 申请书's own order (basic.major_accident: 否, 是), the answer meeting the condition first
    spec = field_by_path("basic.major_accident")
    assert spec is not None
    assert accident["options"] == [*spec.meta.choices, "不确定"] == ["否", "是", "不确定"]
    assert accident["prefill"] == [{"path": "basic.major_accident", "values": {"是": "是", "否": "否"}}]


def test_condition_texts_are_the_notice_verbatim() -> None:
    """The texts come from smpls.notice (itself checked against the published notice in test_notice.py)."""
    for c in CONDITIONS:
        source = clause(c.clause.removeprefix("通知"))
        assert c.text in source.text and c.notice_href == source.href, c.id


def test_self_check_texts_quote_the_notice_verbatim_or_say_they_are_ours() -> None:
    """What a hint or a reason puts in quotation marks is the notice's own words (or an answer's name); words
    the notice does not have are marked 本站说明 (issue 19: “内设机构一般不能”, “法定职能或受委托的服务”,
    “不能承担试点” were neither)."""
    import re

    from smpls.eligibility import CONDITIONS, QUESTIONS
    from smpls.notice import CLAUSES

    notice_text = "".join(c.text for c in CLAUSES)
    from smpls.fields import iter_fields

    # an answer's name, or a box of the 申请书 by its label
    options = {o for q in QUESTIONS for o in q.options} | {
        label for f in iter_fields() for label in (f.meta.label, f.meta.form_label)
    }
    texts = [q.hint for q in QUESTIONS] + [t for c in CONDITIONS for t in (c.met, c.not_met, c.unknown)]
    for text in texts:
        for quoted in re.findall(r"“([^”]+)”", text):
            if quoted in options:
                continue
            for part in quoted.split("……"):
                assert part in notice_text, (quoted, text)
        for invented in ("内设机构一般不能", "法定职能", "受委托", "不能承担试点"):
            assert invented not in text, text
    legal = next(q for q in QUESTIONS if q.id == "legal_person")
    assert "本站说明" in legal.hint  # what a 法人 is: ours, not the notice's
