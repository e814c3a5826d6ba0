"""The problem vocabulary: :class:`Problem`, the levels, and :data:`CODES`, every code with its basis.

The rule of trust: a code may be an **错误** only when the notice (a clause of 国标委发〔2021〕31号, see
:mod:`smpls.notice`) or a national standard is its basis. Everything else is a **提示** worded as advice
("建议……") whose basis is :data:`SITE` (本站建议). ``tests/unit/test_problems.py`` enforces this over
:data:`CODES`. Each :class:`Problem` carries the label and link of its basis, so every message names it.

>>> p = Problem("accident", ERROR, "basic.major_accident", "……")
>>> p.basis, p.basis_href
('通知二（四）', 'notice/#n-2-4')
>>> sorted(Problem("too_long", ADVICE, "goals.text", "建议……").to_dict())
['basis', 'basis_href', 'code', 'level', 'message', 'path']
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Final, Literal

from smpls.notice import clause

Level = Literal["错误", "提示"]
ERROR: Final = "错误"
ADVICE: Final = "提示"

BasisKind = Literal["notice", "standard", "format", "site"]

#: where each check is explained for the applicant (docs/checks.md, one anchor per code): a problem whose basis
#: is a standard or the site's advice links to its own code there (see :class:`Problem`)
RULES_HREF: Final = "checks/"
#: where the draft file format is described
FORMAT_HREF: Final = "data-format/#draft"


@dataclass(frozen=True)
class Basis:
    """Why a rule exists: a clause of the notice, a standard, the draft file format, or the site's advice."""

    kind: BasisKind
    label: str  #: short Chinese label, e.g. ``通知二（四）``, ``GB 32100-2015``, ``本站建议``
    href: str  #: site-root-relative link

    @property
    def authoritative(self) -> bool:
        """True for the notice and national standards: the only bases an 错误 about the application may have."""
        return self.kind in ("notice", "standard")


def clause_basis(clause_id: str) -> Basis:
    """The basis of a clause of the notice, e.g. ``clause_basis("二（四）")``."""
    c = clause(clause_id)
    return Basis("notice", c.label, c.href)


@dataclass(frozen=True)
class Published:
    """A published standard a basis may name: how the basis names it, its title, who publishes it and what
    kind of document it is (a 国家标准 is not the same as a ministry's plan or an internet RFC)."""

    label: str
    title: str
    publisher: str
    kind: str


#: Every standard a basis may name. A new rule resting on another one adds it here, with its real number or
#: title: :func:`standard` refuses a label not in this table, and the trust test checks every basis against it.
PUBLISHED: Final[dict[str, Published]] = {
    p.label: p
    for p in (
        Published(
            "GB 32100-2015",
            "法人和其他组织统一社会信用代码编码规则",
            "国家质量监督检验检疫总局、国家标准化管理委员会",
            "国家标准",
        ),
        Published("GB 11714-1997", "全国组织机构代码编制规则", "国家技术监督局", "国家标准"),
        Published("《电信网编号计划》", "电信网编号计划（2017年版）", "工业和信息化部", "行业主管部门的编号计划"),
        Published("RFC 5322", "Internet Message Format（互联网电子邮件格式）", "IETF", "互联网技术规范（IETF RFC）"),
    )
}


def standard(label: str) -> Basis:
    """The basis of one or more published standards (labels of :data:`PUBLISHED` joined by “、”). Raises
    ValueError for a label that names no published standard: a basis may not invent one."""
    unknown = [part for part in label.split("、") if part not in PUBLISHED]
    if unknown or not label:
        raise ValueError(f"依据中的标准不在 smpls.problems.PUBLISHED 中：{'、'.join(unknown) or '（空）'}")
    return Basis("standard", label, RULES_HREF)


GB_32100: Final = standard("GB 32100-2015")
GB_11714: Final = standard("GB 11714-1997")
CODE_STANDARDS: Final = standard("GB 32100-2015、GB 11714-1997")
NUMBERING: Final = standard("《电信网编号计划》")
RFC_5322: Final = standard("RFC 5322")
#: the JSON file itself (RFC 8259 and the draft's JSON Schema): only :mod:`smpls.draft` uses it
DRAFT_FORMAT: Final = Basis("format", "草稿格式（JSON）", FORMAT_HREF)
#: the site's own advice: only ever a 提示, worded "建议……"
SITE: Final = Basis("site", "本站建议", RULES_HREF)


@dataclass(frozen=True)
class Code:
    """One problem code: what it means, and for each level it can take, its basis."""

    description: str
    bases: dict[Level, Basis]

    @property
    def levels(self) -> tuple[Level, ...]:
        return tuple(level for level in (ERROR, ADVICE) if level in self.bases)


def _error(basis: Basis) -> dict[Level, Basis]:
    """The bases of a code that is only ever an 错误, on ``basis``."""
    return {ERROR: basis}


def _advice(basis: Basis) -> dict[Level, Basis]:
    """The bases of a code that is only ever a 提示, on ``basis``."""
    return {ADVICE: basis}


#: Every code a problem can carry (documentation and bases; a test checks the rule of trust over it).
CODES: Final[dict[str, Code]] = {
    # -- fields (from the Meta markers)
    "required": Code("申请书中的一栏未填写（依据为该栏所在的申请书部分）。", _error(clause_basis("三"))),
    "too_long": Code("超过本站建议的字数；申请书的表格会随内容变长，只是打印出来更长。", _advice(SITE)),
    "control_chars": Code("含有不可见的控制字符或无法打印的字符，多半是复制时带入的。", _advice(SITE)),
    # -- 封面
    "pilot_name_suffix": Code(
        "试点名称不是“XXX（社会管理和公共服务）综合标准化试点”的格式。", _error(clause_basis("填写说明1"))
    ),
    "pilot_name_placeholder": Code("试点名称中仍有 XXX、×× 等占位符。", _error(clause_basis("填写说明1"))),
    "yearmonth_format": Code(
        "本站没有从这一栏读出年月或时间，因此不能核对先后；这样写不算错（申请书只印了“年 月”和“时间”）。",
        _advice(SITE),
    ),
    "period_order": Code("试点时间“……年 月至……年 月”的结束年月不晚于开始年月。", _error(clause_basis("封面"))),
    "period_unusual": Code("试点时间短于 1 年或长于 3 年，建议核对年份是否写对。", _advice(SITE)),
    # -- 一、承担单位基本信息
    "org_code_format": Code(
        "组织机构代码既不是 18 位统一社会信用代码，也不是 9 位组织机构代码。", _error(CODE_STANDARDS)
    ),
    "uscc_checksum": Code("18 位统一社会信用代码有不允许的字符或校验码不对。", _error(GB_32100)),
    "orgcode_checksum": Code("9 位组织机构代码有不允许的字符或校验码不对。", _error(GB_11714)),
    "uscc_orgcode_part": Code("统一社会信用代码第 9 至 17 位不是有效的组织机构代码，建议核对。", _advice(GB_32100)),
    # no published standard we can name fixes the postcode's form: advice only
    "postcode": Code("邮编不是 6 位数字（空格和“-”不计），建议核对。", _advice(SITE)),
    "phone": Code("联系电话中有本站不认识的号码写法，建议核对；号码无误可以不改。", _advice(NUMBERING)),
    "email": Code("电子邮箱的写法本站不认识，建议核对。", _advice(RFC_5322)),
    "std_system_order": Code("标准体系开始运行的年月早于建立年月，建议核对。", _advice(SITE)),
    "date_in_future": Code("标准体系建立或运行的年月晚于本月，建议核对。", _advice(SITE)),
    "running_format": Code(
        "标准体系运行时间既不是年月，也不是时长（如“已运行 1 年 3 个月”），建议按这两种写法之一填写。", _advice(SITE)
    ),
    "accident": Code("近三年发生过重大事故（这一栏读作“是”）。", _error(clause_basis("二（四）"))),
    "yes_no_unread": Code("本站没有从这一栏读出是或否；这样写不算错，只是本站不能核对。", _advice(SITE)),
    "no_std_body": Code("没有标准化机构（或协调组织）。", _error(clause_basis("二（二）"))),
    "unit_name_mismatch": Code("基本信息中的单位名称与封面的试点承担单位不一致，建议统一写全称。", _advice(SITE)),
    # -- 单位角色（填写说明 2 至 4）: name heuristics, so only advice
    "role_guarantor": Code("保证单位的名称看起来不像地方人民政府或省级主管部门。", _advice(clause_basis("填写说明2"))),
    "role_guidance": Code("业务指导单位的名称看起来不像省级行业主管部门。", _advice(clause_basis("填写说明3"))),
    "role_management": Code("管理单位的名称看起来不像省级标准化行政主管部门。", _advice(clause_basis("填写说明4"))),
    # -- 四、计划工作步骤
    "schedule_empty": Code("计划工作步骤一行也没有。", _error(clause_basis("申请书四"))),
    "schedule_row_dates": Code("某一阶段的结束年月早于开始年月，建议核对。", _advice(SITE)),
    "schedule_order": Code("各阶段没有按开始时间先后排列，建议调整顺序。", _advice(SITE)),
    "schedule_outside_period": Code("某一阶段不在试点时间之内（申请评估常在期满后），建议核对年份。", _advice(SITE)),
    "schedule_stage_missing": Code("没有看到申请书四列举的某个阶段。", _advice(clause_basis("申请书四"))),
    # -- the JSON document (smpls.draft)
    "unreadable": Code("文件不是有效的 JSON 文本。", _error(DRAFT_FORMAT)),
    "too_large": Code("文件太大。", _error(DRAFT_FORMAT)),
    "not_object": Code("JSON 的最外层不是对象，不是申请书草稿。", _error(DRAFT_FORMAT)),
    "schema_version_newer": Code("草稿由更新版本的工具保存，本工具无法读取。", _error(DRAFT_FORMAT)),
    "schema_version_invalid": Code("草稿的 schema_version 不是整数。", _error(DRAFT_FORMAT)),
    "wrong_type": Code("某一项的类型不对（例如应为文字却是列表），已按空白处理。", _error(DRAFT_FORMAT)),
    "too_many_rows": Code("可重复的行超过上限，多余的行未读取。", _error(DRAFT_FORMAT)),
}

#: Codes about the JSON document itself, emitted by :mod:`smpls.draft` (``wrong_type`` also by the rules).
DRAFT_CODES: Final[frozenset[str]] = frozenset(
    code for code, info in CODES.items() if any(b.kind == "format" for b in info.bases.values())
)
#: Codes :func:`smpls.rules.check` can emit.
RULE_CODES: Final[frozenset[str]] = frozenset(CODES) - DRAFT_CODES


@dataclass(frozen=True)
class Problem:
    """One finding about a draft. ``basis``/``basis_href`` default to the code's basis for the level;
    a rule may pass a more precise one (e.g. ``required``: the part of the 申请书 holding the field)."""

    code: str
    level: Level
    path: str
    message: str
    basis: str = field(default="")
    basis_href: str = field(default="")

    def __post_init__(self) -> None:
        if not self.basis:
            default = CODES[self.code].bases[self.level]  # KeyError: a level the code cannot take
            object.__setattr__(self, "basis", default.label)
            object.__setattr__(self, "basis_href", default.href)
        if self.basis_href == RULES_HREF:
            object.__setattr__(self, "basis_href", f"{RULES_HREF}#{self.code}")

    @classmethod
    def based(cls, code: str, level: Level, path: str, message: str, basis: Basis) -> Problem:
        """A problem with an explicit basis."""
        return cls(code, level, path, message, basis.label, basis.href)

    def to_dict(self) -> dict[str, str]:
        """The JSON shape of the browser and the CLI: path, code, level, message, basis, basis_href."""
        out = asdict(self)
        return {k: out[k] for k in ("path", "code", "level", "message", "basis", "basis_href")}


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
    "PUBLISHED",
    "RULE_CODES",
    "SITE",
    "Basis",
    "Code",
    "Level",
    "Problem",
    "Published",
    "clause_basis",
    "counts",
    "standard",
]
