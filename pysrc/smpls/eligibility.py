"""Self-check of the basic conditions (通知二) of 国标委发〔2021〕31号, and the focus area (通知一) as information.

The questions are data (:data:`QUESTIONS`, :data:`CONDITIONS`) so that a page can render them at build
time; :func:`evaluate` turns answers into a :class:`Verdict`. The verdict rests on the four conditions of
二 only: ``符合`` when every one is met, ``不符合`` when any is not, otherwise ``需进一步确认``, with a reason
per condition citing its clause (text and link from :mod:`smpls.notice`). The focus area is asked as
information: 通知一 says "重点围绕……等领域开展", which excludes no field, so its answer (``供参考``) never
lowers the verdict.

Each question may say which draft fields its answer can prefill (:attr:`Question.prefill`), so that the
self-check page can carry the answers into the 申请书 form.

>>> all_met = {q.id: q.good for q in QUESTIONS if q.good}
>>> evaluate({**all_met, "focus_area": "社会治理"}).overall
'符合'
>>> evaluate(all_met).overall
'符合'
>>> evaluate({**all_met, "focus_area": "其他"}).overall
'符合'
>>> evaluate({"accident": "是"}).overall
'不符合'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Final, Literal

from smpls.fields import field_by_path
from smpls.notice import NOTICE, clause

YES: Final = "是"
NO: Final = "否"
UNSURE: Final = "不确定"
YES_NO: Final = (YES, NO, UNSURE)
#: the order of the 申请书's own choice (basic.major_accident: 否, 是), kept for the questions where 否 meets the
#: condition, so that the answer meeting it comes first everywhere (the selfcheck hook checks the order)
NO_YES: Final = (*field_by_path("basic.major_accident").meta.choices, UNSURE)  # type: ignore[union-attr]
#: whom to ask when unsure whether a condition is met (the self-check page links to the 联系方式 page)
ASK_WHOM: Final = "本省（自治区、直辖市）的标准化行政主管部门（通常是省级市场监督管理局）"

Status = Literal["符合", "不符合", "需进一步确认", "供参考"]
MET: Final = "符合"
NOT_MET: Final = "不符合"
UNKNOWN: Final = "需进一步确认"
#: the status of an informational item (the focus area): it never enters the verdict
INFO: Final = "供参考"

#: 通知 一 lists these focus areas ("重点围绕……等领域开展"): :attr:`smpls.notice.Notice.focus_areas`.
FOCUS_AREAS: Final[tuple[str, ...]] = NOTICE.focus_areas
OTHER_AREA: Final = "其他"


@dataclass(frozen=True)
class Prefill:
    """Carry an answer into the draft: ``values`` maps an answer to the field value; ``{}`` copies the text."""

    path: str
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Question:
    id: str
    condition: str  #: the id of the :class:`Condition` this question belongs to
    text: str
    hint: str = ""
    kind: Literal["yesno", "choice", "text"] = "yesno"
    options: tuple[str, ...] = YES_NO
    #: the answer that meets the condition ("" for questions that only collect information)
    good: str = YES
    required: bool = True
    prefill: tuple[Prefill, ...] = ()
    #: a longer explanation shown on request under the question (what a word means, whom to ask)
    explain: str = ""


@dataclass(frozen=True)
class Condition:
    id: str
    clause: str  #: e.g. "通知二（一）"
    title: str  #: short name
    text: str  #: the clause verbatim
    anchor: str  #: the id of the explanation on the guidance page
    met: str  #: reason when met
    not_met: str  #: reason when not met (the failing question's text is appended)
    unknown: str  #: reason when an answer is missing or 不确定
    notice_href: str = ""  #: the clause on the notice page (site-root-relative)
    informational: bool = False  #: asked for information only: never part of the verdict


def _condition(id: str, clause_id: str, title: str, anchor: str, met: str, not_met: str, unknown: str) -> Condition:
    """A condition quoting its clause of the notice verbatim (from :mod:`smpls.notice`)."""
    c = clause(clause_id)
    return Condition(id, c.label, title, c.text, anchor, met, not_met, unknown, c.href)


_FOCUS_TEXT = clause("一").text[clause("一").text.index("重点围绕") :]


CONDITIONS: Final[tuple[Condition, ...]] = (
    Condition(
        "focus",
        clause("一").label,
        "试点领域（仅供参考）",
        _FOCUS_TEXT,
        "focus-areas",
        "是通知一列举的领域之一。",
        "",
        "通知一写的是“重点围绕……等领域开展”，列举之外的领域并未排除。这一题只作了解，不影响结论。",
        clause("一").href,
        informational=True,
    ),
    _condition(
        "c1",
        "二（一）",
        "职能与法律责任",
        "condition-1",
        "具有明确的社会管理、公共服务职能，能够独立承担法律责任。",
        "试点单位应具有明确的社会管理、公共服务职能，并能够独立承担法律责任（通知二（一））。",
        "请确认本单位的职能和能否独立承担法律责任（例如是否具有法人资格），对照通知二（一）。",
    ),
    _condition(
        "c2",
        "二（二）",
        "标准化工作基础",
        "condition-2",
        "具有标准化工作基础，设有标准化管理机构并配备了标准化人员。",
        "试点单位应具有一定的标准化工作基础，设置标准化管理内设机构并配备专兼职标准化人员（通知二（二））。",
        "请确认本单位的标准化工作基础、标准化管理机构和人员，对照通知二（二）。",
    ),
    _condition(
        "c3",
        "二（三）",
        "当地支持",
        "condition-3",
        "当地党委、政府能够为试点提供政策、资金及其他支持。",
        "当地党委、政府应重视标准化工作，能够为试点提供政策、资金及其他支持（通知二（三））。",
        "请与当地党委、政府确认能否为试点提供政策、资金及其他支持，对照通知二（三）。",
    ),
    _condition(
        "c4",
        "二（四）",
        "无重大事故和不良影响",
        "condition-4",
        "三年内未发生重大事故，未受到通报、行政处分或造成严重社会影响的媒体曝光。",
        f"通知二（四）列出的试点单位基本条件是“{clause('二（四）').text.removesuffix('。')}”。",
        "请核实近三年是否发生过重大事故，是否受到通报、行政处分或媒体曝光，对照通知二（四）。",
    ),
)

QUESTIONS: Final[tuple[Question, ...]] = (
    Question(
        "focus_area",
        "focus",
        "试点主要属于哪个领域？",
        "仅作了解，不影响结论。通知一列举了这些领域，并写有“等”；都不是的选“其他”。",
        required=False,
        kind="choice",
        options=(*FOCUS_AREAS, OTHER_AREA),
        good="",
    ),
    Question(
        "duty",
        "c1",
        "本单位是否具有明确的社会管理或公共服务职能？",
        "通知二（一）写的是“具有明确的社会管理、公共服务职能”，没有列举具体的职能。"
        "本站说明：不确定时选“不确定”，并向省级标准化行政主管部门询问。",
    ),
    Question(
        "legal_person",
        "c1",
        "本单位能否独立承担法律责任？",
        "通知二（一）写的是“能够独立承担法律责任的机构或者组织”。"
        "本站说明：具有法人资格的单位（如机关、事业单位、社会团体、企业法人）能够独立承担法律责任；"
        "不确定时选“不确定”，并向省级标准化行政主管部门询问。",
    ),
    Question(
        "std_foundation",
        "c2",
        "本单位是否已有一定的标准化工作基础？",
        "例如已制定或实施标准、建立过标准体系、开展过标准化培训。",
    ),
    Question(
        "leader_awareness",
        "c2",
        "主要负责人是否具有较强的标准化意识，重视标准化工作？",
    ),
    Question(
        "std_body",
        "c2",
        "是否设置了标准化管理内设机构（或协调组织），并配备了专职或兼职标准化人员？",
        "例如标准化工作领导小组及其办公室。",
    ),
    Question(
        "std_body_name",
        "c2",
        "标准化机构（或协调组织）的名称",
        "选填；将带入申请书“标准化机构（或者协调组织）名称”。",
        kind="text",
        options=(),
        good="",
        required=False,
        prefill=(Prefill("basic.std_body_name"),),
    ),
    Question(
        "local_support",
        "c3",
        "当地党委、政府是否重视标准化工作，能够为试点提供政策、资金及其他支持？",
    ),
    Question(
        "accident",
        "c4",
        "近三年是否发生过重大服务质量、安全、环境保护等事故？",
        options=NO_YES,
        good=NO,
        prefill=(Prefill("basic.major_accident", {YES: YES, NO: NO}),),
        explain="通知没有规定“重大”的界限。安全生产事故的等级（特别重大、重大、较大、一般）见《生产安全事故报告和调查处理条例》"
        f"第三条，可作参考；服务质量、环境保护事故以相关部门的认定为准。拿不准的，请选“不确定”，并向{ASK_WHOM}询问。",
    ),
    Question(
        "sanction",
        "c4",
        "近三年是否受到相关部门的通报、行政处分，或被媒体曝光造成严重社会影响？",
        options=NO_YES,
        good=NO,
        explain=f"拿不准某次通报、处分或曝光是否算在内的，请选“不确定”，并向{ASK_WHOM}询问。",
    ),
)


@dataclass(frozen=True)
class Reason:
    condition: str
    clause: str
    title: str
    status: Status
    reason: str
    anchor: str
    questions: tuple[str, ...] = ()  #: ids of the questions that decided the status
    href: str = ""  #: the clause on the notice page (site-root-relative)


@dataclass(frozen=True)
class Verdict:
    overall: Status
    reasons: tuple[Reason, ...]
    #: draft path -> value, from answers that can be carried into the form
    prefill: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _answer(answers: dict[str, Any], question: Question) -> str:
    value = answers.get(question.id, "")
    if not isinstance(value, str):
        return ""
    value = value.strip()
    if question.kind == "text":
        return value[:200]
    return value if value in question.options else ""


def evaluate(answers: Any) -> Verdict:
    """The verdict for ``answers`` (question id -> answer text). Never raises: junk counts as unanswered."""
    if not isinstance(answers, dict):
        answers = {}
    given = {q.id: _answer(answers, q) for q in QUESTIONS}
    reasons: list[Reason] = []
    for cond in CONDITIONS:
        asked = [q for q in QUESTIONS if q.condition == cond.id and q.kind != "text"]
        if cond.informational:
            area = given["focus_area"]
            text = f"“{area}”{cond.met}{cond.unknown}" if area in FOCUS_AREAS else cond.unknown
            reasons.append(Reason(cond.id, cond.clause, cond.title, INFO, text, cond.anchor, (), cond.notice_href))
            continue
        failing = [q for q in asked if given[q.id] and given[q.id] != UNSURE and given[q.id] != q.good]
        open_ = [q for q in asked if given[q.id] in ("", UNSURE)]
        if failing:
            detail = "；".join(f"“{q.text}”答“{given[q.id]}”" for q in failing)
            reasons.append(
                Reason(
                    cond.id,
                    cond.clause,
                    cond.title,
                    NOT_MET,
                    f"{cond.not_met}您对{detail}。",
                    cond.anchor,
                    tuple(q.id for q in failing),
                    cond.notice_href,
                )
            )
        elif open_:
            decided = tuple(q.id for q in open_)
            reasons.append(
                Reason(cond.id, cond.clause, cond.title, UNKNOWN, cond.unknown, cond.anchor, decided, cond.notice_href)
            )
        else:
            reasons.append(Reason(cond.id, cond.clause, cond.title, MET, cond.met, cond.anchor, (), cond.notice_href))
    statuses = {r.status for r in reasons if r.status != INFO}
    overall: Status = NOT_MET if NOT_MET in statuses else UNKNOWN if UNKNOWN in statuses else MET
    prefill: dict[str, str] = {}
    for q in QUESTIONS:
        for pre in q.prefill:
            value = given[q.id]
            carried = pre.values.get(value, "") if pre.values else value
            if carried:
                prefill[pre.path] = carried
    return Verdict(overall, tuple(reasons), prefill)


def questions_data() -> dict[str, Any]:
    """Conditions and questions as plain data (the shape :func:`smpls.browser.questions` returns as JSON)."""
    return {
        "conditions": [asdict(c) for c in CONDITIONS],
        "questions": [
            {**asdict(q), "options": list(q.options), "prefill": [asdict(p) for p in q.prefill]} for q in QUESTIONS
        ],
        "focus_areas": list(FOCUS_AREAS),
    }
