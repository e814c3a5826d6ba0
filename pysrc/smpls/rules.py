"""The rules of the notice and the 填写说明, applied to an :class:`~smpls.model.Application`.

:func:`check` returns a list of :class:`Problem` in paper order. Each problem has a stable ``code`` (the
table :data:`CODES` describes every code), a level (``"错误"``: the application is not complete or not
admissible; ``"提示"``: advice) and a dotted ``path`` matching :attr:`smpls.fields.FieldSpec.path` with
row indexes (``schedule.0.start``). Messages are Chinese, say what is wrong and how to fix it, and cite
the 填写说明 or the clause of 国标委发〔2021〕31号 where one applies.

Required fields and length limits come from the :class:`~smpls.model.Meta` marker of each field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Final, Literal

from smpls.codes import CodeError
from smpls.fields import FieldSpec, iter_fields
from smpls.model import Application

Level = Literal["错误", "提示"]
ERROR: Final = "错误"
ADVICE: Final = "提示"


@dataclass(frozen=True)
class Problem:
    """One finding about a draft."""

    code: str
    level: Level
    path: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """The JSON shape used by the browser and the CLI: path, code, level, message."""
        return asdict(self)


#: Every code a problem can carry, with a short description (documentation; a test checks it is complete).
CODES: Final[dict[str, str]] = {
    # -- fields (from the Meta markers)
    "required": "必填项未填写（Meta.required）。",
    "too_long": "超过纸质申请书能容纳的字数（Meta.max_length）。",
    "control_chars": "含有不可见的控制字符或无法打印的字符。",
    # -- 封面
    "pilot_name_suffix": "试点名称不以“综合标准化试点”结尾（填写说明 1）。",
    "pilot_name_placeholder": "试点名称中仍有 XXX、×× 等占位符（填写说明 1）。",
    "yearmonth_format": "年月不是“YYYY-MM”格式，或月份不存在。",
    "period_order": "试点结束时间不晚于开始时间。",
    "period_unusual": "试点期短于 1 年或长于 3 年（一般为两年左右）。",
    # -- 一、承担单位基本信息
    "org_code_format": "组织机构代码既不是 18 位统一社会信用代码，也不是 9 位组织机构代码。",
    "uscc_checksum": "18 位统一社会信用代码有不允许的字符或校验码不对（GB 32100-2015）。",
    "orgcode_checksum": "9 位组织机构代码有不允许的字符或校验码不对（GB 11714-1997）。",
    "uscc_orgcode_part": "统一社会信用代码第 9 至 17 位不是有效的组织机构代码。",
    "postcode": "邮编不是 6 位数字。",
    "phone": "联系电话不是手机号或带区号的座机号。",
    "email": "电子邮箱格式不对。",
    "std_system_order": "标准体系建立时间晚于运行时间。",
    "date_in_future": "标准体系建立或运行时间晚于今天。",
    "accident": "近三年发生过重大事故，不符合通知二（四）。",
    "no_std_body": "没有标准化机构（或协调组织），不符合通知二（二）。",
    "unit_name_mismatch": "基本信息中的单位名称与封面的试点承担单位不一致。",
    # -- 单位角色（填写说明 2 至 4）
    "role_guarantor": "保证单位看起来不是地方人民政府或省级行业主管部门、标准化行政主管部门（填写说明 2）。",
    "role_guidance": "业务指导单位看起来不是省级行业主管部门（填写说明 3）。",
    "role_management": "管理单位看起来不是省级标准化行政主管部门（填写说明 4）。",
    # -- 四、计划工作步骤
    "schedule_empty": "计划工作步骤一行也没有。",
    "schedule_row_dates": "某一阶段的结束年月早于开始年月。",
    "schedule_order": "各阶段没有按开始时间先后排列。",
    "schedule_outside_period": "某一阶段超出了试点时间。",
    "schedule_stage_missing": "缺少通知列举的某个阶段（宣传培训、标准体系建立、组织实施标准、自查、申请评估）。",
    # -- the JSON document (smpls.draft)
    "unreadable": "文件不是有效的 JSON 文本。",
    "too_large": "文件太大。",
    "not_object": "JSON 的最外层不是对象，不是申请书草稿。",
    "schema_version_newer": "草稿由更新版本的工具保存，本工具无法读取。",
    "schema_version_invalid": "草稿的 schema_version 不是整数。",
    "wrong_type": "某一项的类型不对（例如应为文字却是列表），已按空白处理。",
    "too_many_rows": "可重复的行超过上限，多余的行未读取。",
}

#: Codes :func:`check` can emit (``wrong_type`` too: a choice outside its options).
RULE_CODES: Final[frozenset[str]] = frozenset(
    code
    for code in CODES
    if code not in {"unreadable", "too_large", "not_object", "schema_version_newer", "schema_version_invalid"}
    and code != "too_many_rows"
)
#: Codes about the JSON document itself, emitted by :mod:`smpls.draft`.
DRAFT_CODES: Final[frozenset[str]] = frozenset(
    {
        "unreadable",
        "too_large",
        "not_object",
        "schema_version_newer",
        "schema_version_invalid",
        "wrong_type",
        "too_many_rows",
    }
)

# ---------------------------------------------------------------- helpers

_YEARMONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
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

#: 省级行政区 (GB/T 2260) and 新疆生产建设兵团, full and short names.
PROVINCES: Final[tuple[str, ...]] = (
    "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省",
    "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区",
    "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省",
    "宁夏回族自治区", "新疆维吾尔自治区", "新疆生产建设兵团",
)  # fmt: skip
_SHORT_PROVINCES = tuple(
    p.removesuffix("省").removesuffix("市").removesuffix("壮族自治区").removesuffix("回族自治区")
    .removesuffix("维吾尔自治区").removesuffix("自治区")
    for p in PROVINCES
)  # fmt: skip
_DEPARTMENT_END = re.compile(r"(厅|局|委员会|委|办公室|办|署|院|中心)$")
# words inside department names that contain 市/区/县 without naming a lower-level region
_NOT_REGION = re.compile(r"市场|城市|市政|市容|城乡|社区|区域|街区|景区|园区")
_LOWER_REGION = re.compile(r"市|区|县|州|盟|旗")
_STANDARDS_BODY = re.compile(r"市场监督管理|市场监管|质量技术监督|标准化")


def _province_rest(name: str) -> str | None:
    """What follows the provincial-level name at the start of ``name``, or None if it does not start with one."""
    for full in PROVINCES:
        if name.startswith(full):
            return name[len(full) :]
    for short in _SHORT_PROVINCES:
        if name.startswith(short) and len(short) >= 2:
            return name[len(short) :]
    return None


def is_provincial_department(name: str) -> bool:
    """True for names like ``浙江省民政厅`` or ``北京市市场监督管理局`` (not ``杭州市民政局``)."""
    rest = _province_rest(name)
    if rest is None or not _DEPARTMENT_END.search(rest):
        return False
    return not _LOWER_REGION.search(_NOT_REGION.sub("", rest))


def parse_yearmonth(value: str) -> tuple[int, int] | None:
    """(year, month) for ``YYYY-MM`` with a real month and a plausible year, else None."""
    m = _YEARMONTH.fullmatch(value)
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    if not (1900 <= year <= 2100 and 1 <= month <= 12):
        return None
    return year, month


def _months(ym: tuple[int, int]) -> int:
    return ym[0] * 12 + ym[1] - 1


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
        if spec.repeat == "schedule":
            for i, row in enumerate(app.schedule):
                yield spec, f"schedule.{i}.{spec.name}", getattr(row, spec.name)
        elif spec.repeat == "participants":
            for i, part in enumerate(app.opinions.participants):
                yield spec, f"opinions.participants.{i}.{spec.name}", getattr(part, spec.name)
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
                "组织机构代码应填 18 位统一社会信用代码，或 9 位组织机构代码（写作 XXXXXXXX-X），"
                f"现在是 {len(compact)} 位。"
                "请对照营业执照或事业单位法人证书等核对。",
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
            f"统一社会信用代码的第 9 至 17 位（{part[:8]}-{part[8:]}）应是本单位的组织机构代码，但其校验码不对。"
            "代码本身校验通过，请再核对一遍。",
        )
    return None


def _format_problem(spec: FieldSpec, path: str, value: str) -> Problem | None:
    kind, label = spec.meta.kind, spec.meta.label
    if kind == "yearmonth":
        if parse_yearmonth(value) is None:
            return Problem(
                "yearmonth_format",
                ERROR,
                path,
                f"{label}应写成“年-月”，例如 2022-03（也可以写 2022年3月），现在是“{_clip(value)}”。",
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
            return Problem(code, ERROR, path, f"{exc}")
        return None
    if kind == "choice" and spec.meta.choices and value not in spec.meta.choices:
        # only reachable from a hand-edited JSON file: the form offers the choices
        options = "或".join(f"“{c}”" for c in spec.meta.choices)
        return Problem("wrong_type", ERROR, path, f"{label}只能选{options}，现在是“{_clip(value)}”。")
    return None


#: kinds whose format rule already says what the length should be
_OWN_LENGTH_CHECK = frozenset({"yearmonth", "postcode", "code", "choice"})


def _clip(value: str, size: int = 20) -> str:
    return value if len(value) <= size else value[:size] + "…"


def _field_rules(app: Application) -> Iterator[Problem]:
    for spec, path, value in _concrete(app):
        meta = spec.meta
        if not value:
            if meta.required:
                verb = "选择" if meta.kind == "choice" else "填写"
                yield Problem("required", ERROR, path, f"请{verb}{meta.label}。")
            continue
        if len(value) > meta.max_length and meta.kind not in _OWN_LENGTH_CHECK:
            yield Problem(
                "too_long",
                ERROR,
                path,
                f"{meta.label}最多 {meta.max_length} 个字，现在是 {len(value)} 个字，"
                f"请删减 {len(value) - meta.max_length} 个字。",
            )
        bad = _bad_chars(value, multiline=meta.kind == "textarea")
        if bad:
            shown = "、".join(sorted({f"U+{ord(c):04X}" for c in bad})[:3])
            yield Problem(
                "control_chars",
                ERROR,
                path,
                f"{meta.label}含有不可见或无法打印的字符（{shown}），多半是从其他软件复制时带入的。请删除这一项后重新输入。",
            )
            continue  # the format checks would only repeat the message
        if len(value) > meta.max_length * 4:
            continue  # far too long to be a code or a date: one message is enough
        problem = _format_problem(spec, path, value)
        if problem is not None:
            yield problem


# ---------------------------------------------------------------- cross-field rules


def _cover_rules(app: Application, today: date) -> Iterator[Problem]:
    name = app.cover.pilot_name
    if name:
        if _PLACEHOLDER.search(name):
            yield Problem(
                "pilot_name_placeholder",
                ERROR,
                "cover.pilot_name",
                "试点名称中还有“XXX”“××”之类的占位符。请把它换成实际的地区或领域，"
                "例如“××市政务服务综合标准化试点”写成“青川市政务服务综合标准化试点”（填写说明 1）。",
            )
        if not name.endswith(_PILOT_SUFFIX):
            yield Problem(
                "pilot_name_suffix",
                ERROR,
                "cover.pilot_name",
                "试点名称应以“综合标准化试点”结尾，格式为“XXX（社会管理和公共服务）综合标准化试点”（填写说明 1），"
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
                "试点期一般为两年左右；如确需更短或更长，请在“计划工作步骤”中说明理由。",
            )
    if app.basic.unit_name and app.cover.undertaking_unit and app.basic.unit_name != app.cover.undertaking_unit:
        yield Problem(
            "unit_name_mismatch",
            ADVICE,
            "basic.unit_name",
            f"单位名称“{_clip(app.basic.unit_name, 60)}”"
            f"与封面的试点承担单位“{_clip(app.cover.undertaking_unit, 60)}”不一致。"
            "两处都应填写承担单位的全称（与公章一致）。",
        )


def _role_rules(app: Application) -> Iterator[Problem]:
    guarantor = app.cover.guarantor_unit
    if guarantor and not ("人民政府" in guarantor or is_provincial_department(guarantor)):
        yield Problem(
            "role_guarantor",
            ADVICE,
            "cover.guarantor_unit",
            f"“{_clip(guarantor, 60)}”看起来不是保证单位。保证单位可以是地方人民政府，省、自治区、直辖市行业主管部门"
            "或者标准化行政主管部门（填写说明 2），例如“青川市人民政府”。请核对名称是否写全。",
        )
    guidance = app.cover.guidance_unit
    if guidance and not is_provincial_department(guidance):
        yield Problem(
            "role_guidance",
            ADVICE,
            "cover.guidance_unit",
            f"“{_clip(guidance, 60)}”看起来不是省级单位。业务指导单位为省、自治区、直辖市行业主管部门（填写说明 3），"
            "例如“××省政务服务管理局”。请核对名称是否写全。",
        )
    management = app.opinions.management_unit
    if management and not (is_provincial_department(management) and _STANDARDS_BODY.search(management)):
        yield Problem(
            "role_management",
            ADVICE,
            "opinions.management_unit",
            f"“{_clip(management, 60)}”看起来不是省级标准化行政主管部门。管理单位为省、自治区、直辖市标准化行政主管部门"
            "（填写说明 4），通常是“××省市场监督管理局”。请核对名称是否写全。",
        )


def _basic_rules(app: Application, today: date) -> Iterator[Problem]:
    basic = app.basic
    if basic.major_accident == "是":
        yield Problem(
            "accident",
            ERROR,
            "basic.major_accident",
            "近三年发生过重大服务质量、安全、环境保护事故的单位不能承担试点"
            "（通知二（四）：三年内未发生重大服务质量、安全、环境保护等事故）。如确未发生，请改选“否”。",
        )
    if basic.std_body_name and _NEGATIVE.fullmatch(basic.std_body_name):
        yield Problem(
            "no_std_body",
            ERROR,
            "basic.std_body_name",
            "试点单位应设置标准化管理内设机构（或协调组织）并配备专兼职标准化人员（通知二（二））。"
            "请填写该机构的名称；尚未设立的，应先设立再申报。",
        )
    established = parse_yearmonth(basic.std_system_established)
    running = parse_yearmonth(basic.std_system_running)
    now = (today.year, today.month)
    for path, label, ym in (
        ("basic.std_system_established", "标准体系建立时间", established),
        ("basic.std_system_running", "标准体系运行时间", running),
    ):
        if ym and _months(ym) > _months(now):
            yield Problem(
                "date_in_future",
                ERROR,
                path,
                f"{label}（{ym[0]}-{ym[1]:02d}）晚于本月（{today.year}-{today.month:02d}）。"
                "请填写已经发生的年月；尚未建立或运行的可留空。",
            )
    if established and running and _months(established) > _months(running):
        yield Problem(
            "std_system_order",
            ERROR,
            "basic.std_system_running",
            f"标准体系运行时间（{basic.std_system_running}）早于建立时间（{basic.std_system_established}）。"
            "标准体系应先建立后运行，请核对这两个年月。",
        )


def _schedule_rules(app: Application) -> Iterator[Problem]:
    rows = app.schedule
    if not rows:
        yield Problem(
            "schedule_empty",
            ERROR,
            "schedule",
            "请至少填写一行计划工作步骤，写明时间、阶段工作内容和负责单位"
            "（包括宣传培训、标准体系建立、组织实施标准、自查、申请评估等）。",
        )
        return
    start = parse_yearmonth(app.cover.period_start)
    end = parse_yearmonth(app.cover.period_end)
    period_ok = start is not None and end is not None and _months(start) < _months(end)
    previous: tuple[int, int] | None = None
    for i, row in enumerate(rows):
        row_start, row_end = parse_yearmonth(row.start), parse_yearmonth(row.end)
        if row_start and row_end and _months(row_end) < _months(row_start):
            yield Problem(
                "schedule_row_dates",
                ERROR,
                f"schedule.{i}.end",
                f"第 {i + 1} 行的结束年月（{row.end}）早于开始年月（{row.start}），请核对。",
            )
        if row_start and previous and _months(row_start) < _months(previous):
            yield Problem(
                "schedule_order",
                ADVICE,
                f"schedule.{i}.start",
                f"第 {i + 1} 行（{row.start} 开始）排在更晚开始的一行之后。"
                "请按开始时间先后排列各阶段，可用“上移”调整。",
            )
        if row_start:
            previous = row_start if previous is None or _months(row_start) > _months(previous) else previous
        if period_ok and start and end:
            for field, ym in (("start", row_start), ("end", row_end)):
                if ym and not (_months(start) <= _months(ym) <= _months(end)):
                    yield Problem(
                        "schedule_outside_period",
                        ERROR,
                        f"schedule.{i}.{field}",
                        f"第 {i + 1} 行的{'开始' if field == 'start' else '结束'}年月（{getattr(row, field)}）"
                        f"不在试点时间 {app.cover.period_start} 至 {app.cover.period_end} 之内。"
                        "请调整这一阶段的时间，或修改封面的试点时间。",
                    )
    text = "\n".join(row.content for row in rows)
    for stage, pattern in _STAGES:
        if not pattern.search(text):
            yield Problem(
                "schedule_stage_missing",
                ADVICE,
                "schedule",
                f"计划工作步骤中没有看到“{stage}”阶段。申请书第四部分要求写明宣传培训、标准体系建立、组织实施标准、"
                f"自查、申请评估等阶段；请为它加一行，或在某一行的阶段工作内容中写明。",
            )


def check(app: Application, *, today: date | None = None) -> list[Problem]:
    """Every problem of ``app``, in paper order. ``today`` defaults to :func:`datetime.date.today`."""
    today = today or date.today()
    problems = [
        *_field_rules(app),
        *_cover_rules(app, today),
        *_role_rules(app),
        *_basic_rules(app, today),
        *_schedule_rules(app),
    ]
    problems.sort(key=sort_key)
    return problems


def counts(problems: list[Problem] | tuple[Problem, ...]) -> dict[str, int]:
    """``{"错误": n, "提示": m}``."""
    return {
        ERROR: sum(p.level == ERROR for p in problems),
        ADVICE: sum(p.level == ADVICE for p in problems),
    }


__all__ = [
    "ADVICE",
    "CODES",
    "DRAFT_CODES",
    "ERROR",
    "PROVINCES",
    "RULE_CODES",
    "Level",
    "Problem",
    "check",
    "counts",
    "is_provincial_department",
    "parse_yearmonth",
]
