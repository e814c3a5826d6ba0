"""The 申请书 (附件 of 国标委发〔2021〕31号) as pydantic models.

Every field of the paper form is defined here exactly once, with its Chinese label, a short hint, the
section it belongs to, its kind (which input it needs) and its length limit, as a :class:`Meta` marker.
The HTML form, the JSON Schema, the DOCX and the docs all derive from these definitions
(see :func:`smpls.fields.iter_fields`).

The models are deliberately lenient: every leaf is a string (whitespace normalised) so that any partial
draft parses; completeness and format are judged by :mod:`smpls.rules`, which reports problems with
Chinese messages instead of refusing the draft.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from smpls.codes import yearmonth as _yearmonth
from smpls.notice import NOTICE

SCHEMA_VERSION = 1

Kind = Literal[
    "text", "textarea", "yearmonth", "period", "running", "choice", "email", "tel", "postcode", "code", "region"
]


@dataclass(frozen=True)
class Meta:
    """What the paper form says about one field."""

    label: str
    hint: str = ""
    kind: Kind = "text"
    #: the usual length: above it :mod:`smpls.rules` advises shortening (提示 ``too_long``) unless
    #: ``advised_length`` is set. Never a limit on input: the notice sets none, and nothing stops typing.
    max_length: int = 50
    #: above this many characters :mod:`smpls.rules` advises shortening (提示 ``too_long``); 0: ``max_length``
    advised_length: int = 0
    required: bool = True
    #: what the form's picker offers (是/否); any other answer written in words is kept and read
    choices: tuple[str, ...] = ()
    #: the column or line of the paper form, when it differs from the label (e.g. 省(市))
    form_label: str = ""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        normalise = {
            "textarea": normalise_block,
            "yearmonth": normalise_yearmonth,
            "period": normalise_yearmonth,
            "running": normalise_yearmonth,
        }.get(self.kind, normalise_line)
        return core_schema.no_info_before_validator_function(normalise, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        # No maxLength and no enum: the paper sets no length and prints no choices (the rule of trust).
        out: dict[str, Any] = {"type": "string", "title": self.label}
        if self.hint:
            out["description"] = self.hint
        out["x-advised-length"] = self.advised_length or self.max_length
        if self.choices:
            out["examples"] = list(self.choices)
        out["x-kind"] = self.kind
        out["x-required"] = self.required
        return out


_SPACES = re.compile(r"[ \t\u00a0\u3000\u2000-\u200a\u202f\u205f]+")
_LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def normalise_line(value: Any) -> Any:
    """One-line text: NFC, surrounding blanks removed, runs of spaces (incl. 全角空格) made one space."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return value
    value = unicodedata.normalize("NFC", _LINE_ENDS.sub("\n", value))
    return _SPACES.sub(" ", value.replace("\n", " ")).strip()


def normalise_yearmonth(value: Any) -> Any:
    """Year-month: like :func:`normalise_line`, and the usual written forms made ``YYYY-MM``.

    ``2022年3月``, ``2022.3``, ``2022/03`` and ``２０２２－０３`` all become ``2022-03``; anything else is kept
    as typed so that :mod:`smpls.rules` can say what is wrong with it.
    """
    value = normalise_line(value)
    return _yearmonth.normalise(value) if isinstance(value, str) else value


def normalise_block(value: Any) -> Any:
    """Multi-line text: NFC, line ends made ``\\n``, trailing blanks on each line and blank edges removed."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return value
    value = unicodedata.normalize("NFC", _LINE_ENDS.sub("\n", value))
    lines = [line.rstrip(" \t\u3000") for line in value.split("\n")]
    return "\n".join(lines).strip("\n").strip(" ") if any(lines) else ""


#: 申请书一 prints “省(市) 县(区)” in one cell, filled as “浙江 省(市) 临湖市 县(区)”
_REGION_CELL = re.compile(
    r"(?P<province>.*?)\s*省\s*[(（]\s*市\s*[)）]\s*(?P<county>.*?)\s*(?:县\s*[(（]\s*区\s*[)）])?\s*", re.DOTALL
)


def split_region_cell(text: str) -> tuple[str, str] | None:
    """(province, county) as written in the one cell “X 省(市) Y 县(区)”, or None for other text.

    >>> split_region_cell("浙江 省(市) 临湖市 县(区)")
    ('浙江', '临湖市')
    >>> split_region_cell("浙江省") is None
    True
    """
    m = _REGION_CELL.fullmatch(text) if isinstance(text, str) else None
    return (m.group("province").strip(), m.group("county").strip()) if m else None


class Section(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False, validate_default=True)


# ---------------------------------------------------------------- 封面
class Cover(Section):
    """封面."""

    pilot_name: Annotated[
        str,
        Meta(
            "试点名称",
            "填写说明 1：“XXX（社会管理和公共服务）综合标准化试点”。例如“××市政务服务综合标准化试点”。",
            max_length=60,
        ),
    ] = ""
    period_start: Annotated[
        str,
        Meta("试点开始时间", "试点开始的年月。", kind="yearmonth", max_length=20, form_label="试点时间（起）"),
    ] = ""
    period_end: Annotated[
        str,
        Meta(
            "试点结束时间",
            "试点结束的年月，应晚于开始时间。",
            kind="yearmonth",
            max_length=20,
            form_label="试点时间（止）",
        ),
    ] = ""
    undertaking_unit: Annotated[
        str,
        Meta("试点承担单位", "可以为企事业单位、组织、机构或者地方人民政府等（填写说明 2）。", max_length=60),
    ] = ""
    guarantor_unit: Annotated[
        str,
        Meta(
            "试点保证单位",
            "可以是地方人民政府，省、自治区、直辖市行业主管部门或者标准化行政主管部门（填写说明 2）。",
            max_length=60,
        ),
    ] = ""
    guidance_unit: Annotated[
        str, Meta("业务指导单位", "为省、自治区、直辖市行业主管部门（填写说明 3）。", max_length=60)
    ] = ""
    filled_on: Annotated[
        str,
        Meta("填表年月", "封面底部的“20  年  月”。", kind="yearmonth", max_length=20, form_label="20  年  月"),
    ] = ""


# ---------------------------------------------------------------- 一、承担单位基本信息
class BasicInfo(Section):
    """一、承担单位基本信息."""

    @model_validator(mode="before")
    @classmethod
    def _one_region_cell(cls, data: Any) -> Any:
        """The paper's one cell “浙江 省(市) 临湖市 县(区)” in 省 with 县 empty: its two parts, as written."""
        if isinstance(data, dict) and not data.get("reg_county"):
            parts = split_region_cell(data.get("reg_province"))  # type: ignore[arg-type]
            if parts and parts[1]:
                data = {**data, "reg_province": parts[0], "reg_county": parts[1]}
        return data

    unit_name: Annotated[str, Meta("单位名称", "承担单位的全称，与公章一致。", max_length=60)] = ""
    org_code: Annotated[
        str,
        Meta(
            "组织机构代码",
            "18 位统一社会信用代码，或 9 位组织机构代码（写作 XXXXXXXX-X）。",
            kind="code",
            max_length=20,  # 18 characters, or 10 written XXXXXXXX-X; spaces are allowed and not counted
        ),
    ] = ""
    legal_rep: Annotated[str, Meta("法定代表人（负责人）", "", max_length=30)] = ""
    reg_province: Annotated[
        str,
        Meta("法人注册地址（省）", "省、自治区、直辖市。", kind="region", max_length=20, form_label="省(市)"),
    ] = ""
    reg_county: Annotated[
        str, Meta("法人注册地址（县）", "县、区、县级市。", kind="region", max_length=30, form_label="县(区)")
    ] = ""
    address: Annotated[str, Meta("单位地址", "通信地址，写到门牌号。", max_length=100)] = ""
    industry: Annotated[str, Meta("所属行业", "例如：公共管理、社会保障和社会组织。", max_length=30)] = ""
    economic_type: Annotated[str, Meta("经济类型", "例如：机关法人、事业单位、国有、集体、民营。", max_length=30)] = ""
    postcode: Annotated[str, Meta("邮编", "6 位数字。", kind="postcode", max_length=6)] = ""
    phone: Annotated[
        str,
        Meta(
            "联系电话",
            "手机号，或带区号的座机号，分机可写“转”或“-”；几个号码用“、”隔开，例如 010-82261006转123、82261652。",
            kind="tel",
            max_length=80,
        ),
    ] = ""
    email: Annotated[str, Meta("电子邮箱", "例如 name@example.gov.cn。", kind="email", max_length=80)] = ""
    std_body_name: Annotated[
        str,
        Meta(
            "标准化机构（或者协调组织）名称",
            "负责标准化工作的内设机构或协调组织，例如“标准化工作领导小组”。",
            max_length=60,
        ),
    ] = ""
    std_lead_name: Annotated[str, Meta("标准化负责人姓名", "", max_length=30)] = ""
    business_scope: Annotated[
        str, Meta("业务范围", "承担单位的主要职能和服务内容。", kind="textarea", max_length=2000, advised_length=500)
    ] = ""
    major_accident: Annotated[
        str,
        Meta(
            "近三年是否发生重大服务质量、安全、环境保护事故",
            "通知二（四）：“三年内未发生重大服务质量、安全、环境保护等事故……”。"
            "可填“否”或“是”，也可以照纸质申请书用自己的话写，例如“未发生”。",
            kind="choice",
            max_length=30,
            choices=("否", "是"),
        ),
    ] = ""
    std_system_established: Annotated[
        str,
        Meta("标准体系建立时间", "年月；尚未建立可留空。", kind="yearmonth", max_length=20, required=False),
    ] = ""
    std_system_running: Annotated[
        str,
        Meta(
            "标准体系运行时间",
            "开始运行的年月（如 2020-09、2020年9月），或已运行的时长（如“已运行 1 年 3 个月”）；尚未运行可留空。",
            kind="running",
            max_length=30,
            required=False,
        ),
    ] = ""
    self_evaluation: Annotated[
        str,
        Meta(
            "标准化工作自我评价",
            "简要评价本单位标准化工作的成效与不足。",
            kind="textarea",
            max_length=2000,
            advised_length=800,
        ),
    ] = ""


# ---------------------------------------------------------------- 二、承担试点的工作基础
class Foundation(Section):
    """二、承担试点的工作基础."""

    conformity: Annotated[
        str,
        Meta(
            "现状及与试点应具备条件符合性",
            "本站建议对照通知“二、试点单位的基本条件”逐条说明。",
            kind="textarea",
            max_length=6000,
            advised_length=3000,
        ),
    ] = ""
    current_work: Annotated[
        str,
        Meta(
            "目前标准化工作情况",
            "已有标准、机构人员、制度、培训等。",
            kind="textarea",
            max_length=6000,
            advised_length=3000,
        ),
    ] = ""


# ---------------------------------------------------------------- 三、试点预期实现工作目标
class Goals(Section):
    """三、试点预期实现工作目标."""

    text: Annotated[
        str,
        Meta(
            "试点预期实现工作目标",
            "包括标准体系建立、实施及实施效果等。",
            kind="textarea",
            max_length=6000,
            advised_length=3000,
        ),
    ] = ""


# ---------------------------------------------------------------- 四、计划工作步骤
class ScheduleRow(Section):
    """四、the schedule table: one stage per row."""

    start: Annotated[
        str,
        Meta(
            "时间",
            "申请书四的“时间”栏：一个年月（2022年11月）、一段时间（2023年上半年），或本阶段开始的年月。",
            kind="period",
            max_length=30,
            form_label="时间",
        ),
    ] = ""
    end: Annotated[
        str,
        Meta(
            "结束年月",
            "选填：本阶段结束的年月。左边已写明一段时间的，这里留空。",
            kind="yearmonth",
            max_length=20,
            required=False,
            form_label="时间",
        ),
    ] = ""
    content: Annotated[
        str,
        Meta(
            "阶段工作内容",
            "例如：宣传培训、标准体系建立、组织实施标准、自查、申请评估。",
            kind="textarea",
            max_length=1000,
            advised_length=500,
        ),
    ] = ""
    units: Annotated[str, Meta("负责单位及参与单位", "", max_length=300, advised_length=100)] = ""


# ---------------------------------------------------------------- 五、经费保障情况
class Funding(Section):
    """五、经费保障情况."""

    directions: Annotated[str, Meta("经费主要投入方向", "", kind="textarea", max_length=2000, advised_length=1000)] = ""
    sources: Annotated[
        str,
        Meta("经费来源", "包括当地政府、有关单位经费投入等。", kind="textarea", max_length=2000, advised_length=1000),
    ] = ""


# ---------------------------------------------------------------- 六、意见
class Participant(Section):
    """参加单位: one opinion block each."""

    name: Annotated[str, Meta("参加单位名称", "参与试点创建的有关单位（填写说明 2）。", max_length=60)] = ""


class Opinions(Section):
    """六、意见. 承担、保证、业务指导单位的名称取自封面，这里只填参加单位和管理单位；盖章、签名、日期留待手写."""

    participants: list[Participant] = Field(default_factory=list, title="参加单位")
    management_unit: Annotated[
        str,
        Meta(
            "管理单位",
            "选填（申请书六只有“管理单位（盖章）”）。为省、自治区、直辖市标准化行政主管部门（填写说明 4），"
            "例如“××省市场监督管理局”。",
            max_length=60,
            required=False,
        ),
    ] = ""


class Application(Section):
    """社会管理和公共服务综合标准化试点申请书."""

    model_config = ConfigDict(title=NOTICE.facts.attachment, extra="ignore", validate_default=True)

    schema_version: int = SCHEMA_VERSION
    cover: Cover = Field(default_factory=Cover, title="封面")
    basic: BasicInfo = Field(default_factory=BasicInfo, title="一、承担单位基本信息")
    foundation: Foundation = Field(default_factory=Foundation, title="二、承担试点的工作基础")
    goals: Goals = Field(default_factory=Goals, title="三、试点预期实现工作目标")
    schedule: list[ScheduleRow] = Field(default_factory=list, title="四、计划工作步骤、时间进度、阶段工作内容")
    funding: Funding = Field(default_factory=Funding, title="五、经费保障情况")
    opinions: Opinions = Field(default_factory=Opinions, title="六、意见")


#: The top-level sections in paper order: (key, title as printed on the form), from the notice.
SECTIONS: tuple[tuple[str, str], ...] = NOTICE.sections


def _relabel(labels: tuple[tuple[str, str], ...]) -> None:
    """Give the boxes a batch's 申请书 labels differently (:attr:`smpls.notice.Notice.form_labels`) their label:
    ``("basic.unit_name", "单位全称")``; a row's cell as ``opinions.participants.*.name``. The models on the
    way are rebuilt, deepest first, so the JSON Schema says the same."""
    for path, label in labels:
        *parents, name = [part for part in path.split(".") if part != "*"]
        chain: list[type[BaseModel]] = [Application]
        for part in parents:
            annotation = chain[-1].model_fields[part].annotation
            chain.append(get_args(annotation)[0] if get_args(annotation) else annotation)  # type: ignore[arg-type]
        info = chain[-1].model_fields[name]
        at = next(i for i, m in enumerate(info.metadata) if isinstance(m, Meta))
        info.metadata[at] = replace(info.metadata[at], label=label)
        for model in reversed(chain):
            model.model_rebuild(force=True)


_relabel(NOTICE.form_labels)
