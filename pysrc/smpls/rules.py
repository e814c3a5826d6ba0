"""The checks of the 申请书, applied to an :class:`~smpls.model.Application`: the rule of trust in code.

:func:`check` returns a list of :class:`~smpls.problems.Problem` in paper order. Each problem has a stable
``code`` (:data:`smpls.problems.CODES` describes every code and its basis), a level (``"错误"`` only where
the notice or a national standard is the basis; ``"提示"``: advice, "建议……") and a dotted ``path``
matching :attr:`smpls.fields.FieldSpec.path` with row indexes (``schedule.0.start``). Messages are Chinese,
say what is wrong and how to fix it; the basis travels with each problem (``basis``, ``basis_href``).

Required fields and length limits come from the :class:`~smpls.model.Meta` marker of each field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date
from functools import cache, lru_cache

from smpls.codes import CodeError
from smpls.codes.yearmonth import months as _months
from smpls.codes.yearmonth import parse as parse_yearmonth
from smpls.codes.yearmonth import parse_running, parse_span
from smpls.fields import ROWS, FieldSpec, iter_fields, printed_as
from smpls.model import Application
from smpls.names import is_provincial_department, is_standards_body
from smpls.notice import NOTICE, clause
from smpls.problems import ADVICE, ERROR, Problem, clause_basis

# ---------------------------------------------------------------- helpers

_PLACEHOLDER = re.compile(r"[XxＸｘ×✕*＊○□]{2,}|某某")  # not 〇: 二〇〇八 is a year
_PILOT_SUFFIX = "综合标准化试点"
_NEGATIVE = re.compile(r"无|没有|暂无|尚无|未设立|未设置|尚未设立|尚未设置|尚未成立|不涉及|[-—/／\\、.。]+")
_STAGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("宣传培训", re.compile(r"宣传|培训|动员")),
    ("标准体系建立", re.compile(r"标准体系.{0,6}(建立|构建|建设|编制|框架)|(建立|构建|建设|编制).{0,6}标准体系")),
    ("组织实施标准", re.compile(r"实施|贯彻|执行")),
    ("自查", re.compile(r"自查|自评|自我评价")),
    ("申请评估", re.compile(r"评估|验收")),
)
#: the part of the 申请书 that holds each section's fields: the basis of ``required``
_SECTION_CLAUSE = NOTICE.section_clauses


def _quote(clause_id: str, words: str) -> str:
    """``“words”``, checked at import to be the verbatim words of the clause (so a message never misquotes)."""
    if words not in clause(clause_id).text:
        raise ValueError(f"not in {clause_id}: {words}")
    return f"“{words}”"


_NAME_FORMAT = _quote("填写说明1", "XXX（社会管理和公共服务）综合标准化试点")
_GUARANTOR = _quote("填写说明2", "保证单位可以是地方人民政府，省、自治区、直辖市行业主管部门或者标准化行政主管部门")
_GUIDANCE = _quote("填写说明3", "业务指导单位为省、自治区、直辖市行业主管部门")
_MANAGEMENT = _quote("填写说明4", "试点管理单位为省、自治区、直辖市标准化行政主管部门")
_NO_ACCIDENT = _quote("二（四）", "三年内未发生重大服务质量、安全、环境保护等事故")
_STD_BODY = _quote("二（二）", "设置标准化管理内设机构及配备专兼职标准化人员")
_STAGES_TITLE = _quote("申请书四", "包括宣传培训、标准体系建立、组织实施标准、自查、申请评估等")

#: answers to “近三年是否发生……事故” (an empty cell on the paper, no printed choices) read as no / yes
_NO = re.compile(
    r"(?:否|无|没有|没|未|从未|均未|未曾|不曾|并未)(?:发生(?:过)?)?(?:重大(?:服务质量、安全、环境保护)?(?:等)?事故)?[。.]?"
    r"|不存在[。.]?|否[，,。；;（(].*",
    re.DOTALL,
)
_YES = re.compile(r"(?:是|有|发生过|曾发生(?:过)?|已发生)[。.]?|是[，,。；;（(].*", re.DOTALL)


def read_yes_no(text: str) -> bool | None:
    """The answer to a yes/no box as written on paper: False (否、无、没有、未发生…), True (是、有、发生过), or
    None when the site cannot tell.

    >>> read_yes_no("未发生"), read_yes_no("无"), read_yes_no("是"), read_yes_no("见附件")
    (False, False, True, None)
    """
    t = re.sub(r"\s+", "", text)
    if _NO.fullmatch(t):
        return False
    if _YES.fullmatch(t):
        return True
    return None


def _bad_chars(value: str, multiline: bool) -> list[str]:
    """Control, format, surrogate, private-use and unassigned characters (``\n`` allowed in multi-line text)."""
    if (value.replace("\n", "") if multiline else value).isprintable():
        return []  # fast path: str.isprintable() is False for every category below (and for spaces other than " ")
    allowed = "\n\u200d\ufe0f" if multiline else "\u200d\ufe0f"  # ZWJ and VS16 belong to emoji sequences
    return [c for c in value if c not in allowed and unicodedata.category(c) in _BAD_CATEGORIES]


_BAD_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


@cache
def _field_specs() -> tuple[FieldSpec, ...]:
    return tuple(iter_fields())


@cache
def _field_order() -> dict[str, int]:
    order: dict[str, int] = {}
    for i, spec in enumerate(_field_specs()):
        order.setdefault(spec.section, i)
        order[spec.path] = i
    order.setdefault("schema_version", -1)
    return order


def sort_key(problem: Problem) -> tuple[int, int, int, int]:
    """Paper order: by section, then row, then field; errors before advice."""
    return (*_path_key(problem.path), 0 if problem.level == ERROR else 1)


@lru_cache(maxsize=4096)
def _path_key(path: str) -> tuple[int, int, int]:
    parts = path.split(".")
    generic = ".".join("*" if p.isdigit() else p for p in parts)
    order = _field_order()
    section = order.get(parts[0], len(order))
    pos = order.get(generic, section)
    row = next((int(p) for p in parts if p.isdigit()), -1)
    return (section, row, pos)


# ---------------------------------------------------------------- per-field rules


def _concrete(app: Application) -> Iterator[tuple[FieldSpec, str, str]]:
    """(spec, concrete path, value) for every field of the draft, rows expanded."""
    for spec in _field_specs():
        if spec.repeat:
            scheme = ROWS[spec.repeat]
            for i, row in enumerate(scheme.rows(app)):
                yield spec, f"{scheme.list_path}.{i}.{spec.name}", getattr(row, spec.name)
        else:
            yield spec, spec.path, getattr(getattr(app, spec.section), spec.name)


def _code_problem(path: str, value: str) -> Problem | None:
    from smpls.codes import orgcode, uscc

    compact = uscc.compact(value)
    try:
        if len(compact) == 18:
            uscc.validate(compact)
        elif len(compact) == 9:
            orgcode.validate(compact)
        else:
            return Problem(
                "org_code_format",
                ERROR,
                path,
                "组织机构代码应填 18 位统一社会信用代码（GB 32100-2015），"
                "或 9 位组织机构代码（GB 11714-1997，写作 XXXXXXXX-X），"
                f"现在是 {len(compact)} 位。请对照营业执照或事业单位法人证书等核对。",
            )
    except CodeError as exc:
        code = "uscc_checksum" if len(compact) == 18 else "orgcode_checksum"
        return Problem(code, ERROR, path, str(exc))
    if len(compact) == 18 and not orgcode.is_valid(uscc.org_code_part(compact)):
        part = uscc.org_code_part(compact)
        return Problem(
            "uscc_orgcode_part",
            ADVICE,
            path,
            f"统一社会信用代码的第 9 至 17 位（{part[:8]}-{part[8:]}）按 GB 32100-2015 是主体标识码（组织机构代码），"
            "但其校验码不对。代码本身校验通过，建议再核对一遍。",
        )
    return None


def _format_problem(spec: FieldSpec, path: str, value: str) -> Problem | None:
    kind, label = spec.meta.kind, spec.meta.label
    if kind == "yearmonth":
        if parse_yearmonth(value) is not None:
            return None
        return Problem(
            "yearmonth_format",
            ADVICE,
            path,
            f"本站没有从“{_clip(value)}”读出年月，因此不能核对{label}与其他时间的先后。"
            "这样写并不算错；如想让本站核对，建议写成 2022-03、2022年3月 或 二〇二二年三月。",
        )
    if kind == "period":
        if parse_span(value) is not None:
            return None
        return Problem(
            "yearmonth_format",
            ADVICE,
            path,
            f"本站没有从“{_clip(value)}”读出时间，因此不能核对各阶段的先后。这样写并不算错；"
            "如想让本站核对，建议写成 2022年11月、2023年上半年 或 2022年3月至2022年6月。",
        )
    if kind == "running":
        if parse_running(value) is None:
            return Problem(
                "running_format",
                ADVICE,
                path,
                f"“{_clip(value)}”既不是年月，也不是时长。建议写开始运行的年月（如 2020-09、2020年9月），"
                "或已运行的时长（如“已运行 1 年 3 个月”）。",
            )
        return None
    if kind == "code":
        return _code_problem(path, value)
    if kind in ("postcode", "tel", "email"):
        from smpls.codes import email_address, phone, postcode

        module = {"postcode": postcode, "tel": phone, "email": email_address}[kind]
        code = {"postcode": "postcode", "tel": "phone", "email": "email"}[kind]
        try:
            module.validate(value)
        except CodeError as exc:
            # A 提示: the site knows the usual shapes, not every value that works (a number for calling,
            # an address for writing); the applicant may be right.
            return Problem(code, ADVICE, path, f"{exc}建议核对；如果确实是这样写的，可以不改。")
        return None
    if kind == "choice" and read_yes_no(value) is None:
        return Problem(
            "yes_no_unread",
            ADVICE,
            path,
            f"本站没有从“{_clip(value)}”读出是或否。这样写并不算错（申请书这一栏没有印选项）；"
            "如想让本站核对，建议写“否”（或“未发生”）、“是”。",
        )
    return None


#: kinds whose format rule already says what the length should be
_OWN_LENGTH_CHECK = frozenset({"yearmonth", "period", "postcode", "code", "choice"})


def _clip(value: str, size: int = 20) -> str:
    return value if len(value) <= size else value[:size] + "…"


def _field_rules(app: Application) -> Iterator[Problem]:
    for spec, path, value in _concrete(app):
        meta = spec.meta
        if not value:
            if meta.required:
                verb = "选择" if meta.kind == "choice" else "填写"
                part = clause_basis(_SECTION_CLAUSE[spec.section])
                yield Problem.based("required", ERROR, path, f"请{verb}{meta.label}（{part.label}有这一栏）。", part)
            continue
        limit = meta.advised_length or meta.max_length
        if len(value) > limit and meta.kind not in _OWN_LENGTH_CHECK:
            yield Problem(
                "too_long",
                ADVICE,
                path,
                f"{meta.label}有 {len(value)} 个字，超过本站建议的 {limit} 字。"
                "申请书的表格会随内容变长，打印的页数随之增加；建议精简，便于审阅。",
            )
        bad = _bad_chars(value, multiline=meta.kind == "textarea")
        if bad:
            shown = "、".join(sorted({f"U+{ord(c):04X}" for c in bad})[:3])
            yield Problem(
                "control_chars",
                ADVICE,
                path,
                f"{meta.label}含有不可见或无法打印的字符（{shown}），多半是从其他软件复制时带入的。"
                "建议删除这一项后重新输入。",
            )
            continue  # the format checks would only repeat the message
        if len(value) > meta.max_length * 4:
            continue  # far too long to be a code or a date: one message is enough
        problem = _format_problem(spec, path, value)
        if problem is not None:
            yield problem


# ---------------------------------------------------------------- cross-field rules


def _cover_rules(app: Application) -> Iterator[Problem]:
    name = app.cover.pilot_name
    if name:
        if _PLACEHOLDER.search(name):
            yield Problem(
                "pilot_name_placeholder",
                ERROR,
                "cover.pilot_name",
                "试点名称中还有“XXX”“××”之类的占位符。请把它换成实际的地区或领域，"
                "例如“××市政务服务综合标准化试点”写成“青川市政务服务综合标准化试点”。",
            )
        if not name.endswith(_PILOT_SUFFIX):
            yield Problem(
                "pilot_name_suffix",
                ERROR,
                "cover.pilot_name",
                f"试点名称应以“综合标准化试点”结尾，填写说明 1 的格式为{_NAME_FORMAT}，"
                "例如“青川市政务服务综合标准化试点”。",
            )
    start = parse_yearmonth(app.cover.period_start)
    end = parse_yearmonth(app.cover.period_end)
    if start and end:
        span = _months(end) - _months(start)
        if span <= 0:
            yield Problem(
                "period_order",
                ERROR,
                "cover.period_end",
                f"试点结束时间（{app.cover.period_end}）应晚于开始时间（{app.cover.period_start}）。请核对这两个年月。",
            )
        elif span < 12 or span > 36:
            yield Problem(
                "period_unusual",
                ADVICE,
                "cover.period_end",
                f"试点时间从 {app.cover.period_start} 到 {app.cover.period_end}，共 {span} 个月。"
                "通知没有规定试点期的长短；这里只是提醒：建议核对年份是否写对。",
            )
    if app.basic.unit_name and app.cover.undertaking_unit and app.basic.unit_name != app.cover.undertaking_unit:
        yield Problem(
            "unit_name_mismatch",
            ADVICE,
            "basic.unit_name",
            f"单位名称“{_clip(app.basic.unit_name, 60)}”"
            f"与封面的试点承担单位“{_clip(app.cover.undertaking_unit, 60)}”不一致。"
            "建议两处都写承担单位的全称（与公章一致）。",
        )


def _role_rules(app: Application) -> Iterator[Problem]:
    guarantor = app.cover.guarantor_unit
    if guarantor and not ("人民政府" in guarantor or is_provincial_department(guarantor)):
        yield Problem(
            "role_guarantor",
            ADVICE,
            "cover.guarantor_unit",
            f"“{_clip(guarantor, 60)}”看起来不是保证单位。填写说明 2：{_GUARANTOR}，"
            "例如“青川市人民政府”。建议核对名称是否写全。",
        )
    guidance = app.cover.guidance_unit
    if guidance and not is_provincial_department(guidance):
        yield Problem(
            "role_guidance",
            ADVICE,
            "cover.guidance_unit",
            f"“{_clip(guidance, 60)}”看起来不是省级单位。填写说明 3：{_GUIDANCE}，"
            "例如“××省政务服务管理局”。建议核对名称是否写全。",
        )
    management = app.opinions.management_unit
    if management and not (is_provincial_department(management) and is_standards_body(management)):
        yield Problem(
            "role_management",
            ADVICE,
            "opinions.management_unit",
            f"“{_clip(management, 60)}”看起来不是省级标准化行政主管部门。"
            f"填写说明 4：{_MANAGEMENT}，通常是“××省市场监督管理局”。建议核对名称是否写全。",
        )


def _basic_rules(app: Application, today: date) -> Iterator[Problem]:
    basic = app.basic
    if read_yes_no(basic.major_accident) is True:
        yield Problem(
            "accident",
            ERROR,
            "basic.major_accident",
            f"通知二（四）要求{_NO_ACCIDENT}，发生过的单位不具备试点单位的基本条件。如确未发生，请改为“否”。",
        )
    if basic.std_body_name and _NEGATIVE.fullmatch(basic.std_body_name):
        yield Problem(
            "no_std_body",
            ERROR,
            "basic.std_body_name",
            f"通知二（二）要求{_STD_BODY}。请填写该机构（或协调组织）的名称；尚未设立的，应先设立再申报。",
        )
    established = parse_yearmonth(basic.std_system_established)
    running_read = parse_running(basic.std_system_running)
    running = running_read.month if running_read else None
    now = (today.year, today.month)
    for path, label, ym in (
        ("basic.std_system_established", "标准体系建立时间", established),
        ("basic.std_system_running", "标准体系运行时间", running),
    ):
        if ym and _months(ym) > _months(now):
            yield Problem(
                "date_in_future",
                ADVICE,
                path,
                f"{label}（{ym[0]}-{ym[1]:02d}）晚于本月（{today.year}-{today.month:02d}）。"
                "建议填写已经发生的年月；尚未建立或运行的可留空。",
            )
    if established and running and _months(established) > _months(running):
        yield Problem(
            "std_system_order",
            ADVICE,
            "basic.std_system_running",
            f"标准体系开始运行的年月（{running[0]}-{running[1]:02d}）早于建立时间（{basic.std_system_established}）。"
            "建议核对这两个年月：标准体系一般先建立后运行。",
        )


def _schedule_rules(app: Application) -> Iterator[Problem]:
    scheme = printed_as("table")  # 四
    rows, at = scheme.rows(app), scheme.list_path
    if not rows:
        yield Problem(
            "schedule_empty",
            ERROR,
            at,
            "请至少填写一行计划工作步骤，写明时间、阶段工作内容和负责单位及参与单位"
            "（申请书四：包括宣传培训、标准体系建立、组织实施标准、自查、申请评估等）。",
        )
        return
    start = parse_yearmonth(app.cover.period_start)
    end = parse_yearmonth(app.cover.period_end)
    period_ok = start is not None and end is not None and _months(start) < _months(end)
    previous: tuple[int, int] | None = None
    for i, row in enumerate(rows):
        # 申请书四 has one 时间 column: a month, a part of a year or a range; 结束年月 is the form's extra box
        span = parse_span(row.start)
        row_start, row_end = (span[0] if span else None), parse_yearmonth(row.end) or (span[1] if span else None)
        if row.end and row_start and row_end and _months(row_end) < _months(row_start):
            yield Problem(
                "schedule_row_dates",
                ADVICE,
                f"{at}.{i}.end",
                f"第 {i + 1} 行的结束年月（{row.end}）早于开始年月（{row.start}），建议核对。",
            )
        if row_start and previous and _months(row_start) < _months(previous):
            yield Problem(
                "schedule_order",
                ADVICE,
                f"{at}.{i}.start",
                f"第 {i + 1} 行（{row.start} 开始）排在更晚开始的一行之后。"
                "建议按开始时间先后排列各阶段，可用“上移”调整。",
            )
        if row_start:
            previous = row_start if previous is None or _months(row_start) > _months(previous) else previous
        if period_ok and start and end:
            # the 时间 column read whole when 结束年月 is empty: one message, on the column
            ends = (("start", row_start), ("end", row_end)) if row.end else (("start", row_start or row_end),)
            if not row.end and row_end and row_start and _months(start) <= _months(row_start) <= _months(end):
                ends = (("start", row_end),)
            for field, ym in ends:
                if ym and not (_months(start) <= _months(ym) <= _months(end)):
                    what = ("开始" if field == "start" else "结束") + "年月" if row.end else "时间"
                    yield Problem(
                        "schedule_outside_period",
                        ADVICE,
                        f"{at}.{i}.{field}",
                        f"第 {i + 1} 行的{what}（{getattr(row, field)}）"
                        f"不在试点时间 {app.cover.period_start} 至 {app.cover.period_end} 之内。"
                        "申请评估等阶段常在期满后进行，这样写可以；否则建议核对年份。",
                    )
    text = "\n".join(row.content for row in rows)
    for stage, pattern in _STAGES:
        if not pattern.search(text):
            yield Problem(
                "schedule_stage_missing",
                ADVICE,
                at,
                f"计划工作步骤中没有看到“{stage}”阶段。申请书四的标题写明{_STAGES_TITLE}；建议为它加一行，或在某一行的阶段工作内容中写明。",
            )


def check(app: Application, *, today: date | None = None) -> list[Problem]:
    """Every problem of ``app``, in paper order. ``today`` defaults to :func:`datetime.date.today`."""
    today = today or date.today()
    problems = [
        *_field_rules(app),
        *_cover_rules(app),
        *_role_rules(app),
        *_basic_rules(app, today),
        *_schedule_rules(app),
    ]
    problems.sort(key=sort_key)
    return problems


__all__ = ["check", "sort_key"]
