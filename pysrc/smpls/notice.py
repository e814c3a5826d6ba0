"""The notice 国标委发〔2021〕31号 as one value, :data:`NOTICE`: its facts, its clauses with stable ids and their
verbatim text, the four conditions, the focus areas of clause 一, the sections and 填写说明 of its 申请书, and
whether the call is open, derived from its dates.

Pages, the self-check, the rules and the problem codes cite a clause by id; nothing else copies its words.
A later batch is one data module defining its own ``NOTICE`` (built with :class:`Notice`), plus its pages:
``SMPLS_NOTICE=package.module`` selects it (the tests' fictional batch does this); without it, the real batch
below is the notice.

>>> clause("二（四）").label
'通知二（四）'
>>> clause("填写说明2").href
'notice/#n-fill-2'
>>> FACTS.deadline.isoformat()
'2021-12-20'
>>> NOTICE.is_open(date(2021, 12, 20)), NOTICE.is_open(date(2021, 12, 21))
(True, False)
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Final

#: the environment variable naming the module of another batch's :class:`Notice` (its ``NOTICE``)
NOTICE_MODULE_ENV: Final = "SMPLS_NOTICE"


@dataclass(frozen=True)
class Clause:
    """One clause of the notice: ``id`` (``二（四）``, ``填写说明2``, ``申请书六``), the ``anchor`` on the notice
    page (``n-2-4``), a short ``title`` and the verbatim ``text`` (whitespace aside)."""

    id: str
    anchor: str
    title: str
    text: str

    @property
    def href(self) -> str:
        """The site-root-relative link to the clause on the notice page."""
        return f"notice/#{self.anchor}"

    @property
    def label(self) -> str:
        """How a basis names the clause: ``通知二（四）``, ``填写说明 2``, ``申请书六``, ``申请书封面``."""
        if self.id.startswith("填写说明"):
            return f"填写说明 {self.id.removeprefix('填写说明')}"
        if self.id.startswith("申请书"):
            return self.id
        if self.id == "封面":
            return "申请书封面"
        return f"通知{self.id}"


@dataclass(frozen=True)
class Facts:
    """The key facts of the notice, each as the notice writes it (dates as :class:`~datetime.date`)."""

    doc_number: str
    title: str
    issuer: str
    batch: str
    issued: date
    deadline: date
    contact_people: str
    contact_phones: str
    contact_fax: str
    contacts: str
    address: str
    postcode: str
    system_name: str
    system_url: str
    attachment: str

    @property
    def subject(self) -> str:
        """What the notice calls for, from its title: ``第八批社会管理和公共服务综合标准化试点项目``."""
        return self.title.partition("征集")[2].removesuffix("的通知")


NUMERALS: Final = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
#: the clause ids of the notice's four parts, in order
PARTS: Final = ("一", "二", "三", "四")


def cn_date(d: date) -> str:
    """``2021年12月20日``: a date as the notice writes it."""
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class Notice:
    """One batch's notice and its 申请书, as data. Everything else in :mod:`smpls` derives from it: the clauses
    (:attr:`clauses`) are built from the parts below, so each text is typed once."""

    facts: Facts
    #: the lines of the salutation (各省、……), as printed
    addressees: tuple[str, ...]
    #: the paragraph before 一 (为认真贯彻落实……现就有关事宜通知如下：)
    preamble: str
    #: (title, text) of parts 一, 三 and 四; 二 is :attr:`conditions`
    general: tuple[str, str]
    conditions_title: str
    #: the basic conditions of 二, verbatim, each ending in its punctuation
    conditions: tuple[str, ...]
    procedure: tuple[str, str]
    other: tuple[str, str]
    #: the 申请书's cover as printed (its lines)
    cover: str
    #: the 填写说明 of the 申请书, verbatim, without their numbers
    instructions: tuple[str, ...]
    #: the 申请书's sections in paper order: (the draft's key, the title as printed: ``一、承担单位基本信息``);
    #: the first is the cover, ``("cover", "封面")``
    sections: tuple[tuple[str, str], ...]
    #: the focus areas clause 一 lists (重点围绕……等领域开展), each verbatim in it
    focus_areas: tuple[str, ...]
    #: the boxes this batch's 申请书 labels differently from :mod:`smpls.model`'s: (field path, label)
    form_labels: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        missing = [area for area in self.focus_areas if area not in self.general[1]]
        if missing:
            raise ValueError(f"focus areas not in clause 一: {missing}")
        if f"{cn_date(self.facts.deadline)}前" not in self.other[1]:
            raise ValueError(f"the deadline {cn_date(self.facts.deadline)} is not in clause 四")
        if self.facts.subject not in self.preamble or self.facts.batch not in self.facts.subject:
            raise ValueError(f"the preamble does not call for {self.facts.subject}")

    # -- the clauses
    @cached_property
    def clauses(self) -> tuple[Clause, ...]:
        """Every clause, in the order of the notice."""
        numbered = list(zip(NUMERALS, self.conditions, strict=False))
        return (
            Clause("一", "n-1", *self.general),
            Clause("二", "n-2", self.conditions_title, "\n".join(f"（{n}）{text}" for n, text in numbered)),
            *(Clause(f"二（{n}）", f"n-2-{i}", f"基本条件（{n}）", text) for i, (n, text) in enumerate(numbered, 1)),
            Clause("三", "n-3", *self.procedure),
            Clause("四", "n-4", *self.other),
            Clause("封面", "n-cover", "申请书封面", self.cover),
            *(
                Clause(f"填写说明{i}", f"n-fill-{i}", f"填写说明 {i}", text)
                for i, text in enumerate(self.instructions, start=1)
            ),
            *(
                Clause(f"申请书{title.partition('、')[0]}", f"n-form-{i}", title.partition("、")[2], title)
                for i, (_key, title) in enumerate(self.sections[1:], start=1)
            ),
        )

    @cached_property
    def _by_id(self) -> dict[str, Clause]:
        return {c.id: c for c in self.clauses}

    def clause(self, id: str) -> Clause:
        """The clause with this id; ``KeyError`` for an unknown id."""
        return self._by_id[id]

    @cached_property
    def section_clauses(self) -> dict[str, str]:
        """The clause of the 申请书 that holds each section: ``{"cover": "封面", "basic": "申请书一", …}``."""
        return {
            key: "封面" if i == 0 else f"申请书{title.partition('、')[0]}"
            for i, (key, title) in enumerate(self.sections)
        }

    @cached_property
    def numbered_instructions(self) -> tuple[str, ...]:
        """The 填写说明 as the 申请书 prints them: ``1. 试点名称：……``."""
        return tuple(f"{i}. {text}" for i, text in enumerate(self.instructions, start=1))

    # -- open or closed
    def is_open(self, today: date) -> bool:
        """True until the end of the deadline day (通知四: 于……前报送)."""
        return today <= self.facts.deadline

    def deadline_state(self, today: date) -> str:
        """``已截止`` or ``尚未截止``, as the key facts show beside the deadline."""
        return "尚未截止" if self.is_open(today) else "已截止"

    def status_note(self, today: date) -> str:
        """One paragraph, static: whether the call is open on ``today``, and what the site is for."""
        call = f"{self.facts.subject}的征集（{self.facts.doc_number}）"
        if self.is_open(today):
            return (
                f"{call}尚未截止：通知四要求于{cn_date(self.facts.deadline)}前报送推荐的项目清单和相关材料。"
                "本站可用于阅读这份通知、起草申请书，并按这份通知检查填写内容。"
            )
        return (
            f"{call}已于{cn_date(self.facts.deadline)}截止。本站仍可用于阅读这份通知、起草申请书，并按这份通知检查填写内容；"
            "以后批次的通知可能调整申报条件或申请书格式，申报时请以当批通知为准。"
        )


#: The real batch: 国标委发〔2021〕31号 (the seed text, tests/unit/golden/notice-source.txt).
EIGHTH_BATCH: Final = Notice(
    facts=Facts(
        doc_number="国标委发〔2021〕31号",
        title="国家标准化管理委员会关于征集第八批社会管理和公共服务综合标准化试点项目的通知",
        issuer="国家标准化管理委员会",
        batch="第八批",
        issued=date(2021, 11, 4),
        deadline=date(2021, 12, 20),
        contact_people="标准技术司 杨晓蕾 张鸿飞",
        contact_phones="010-82261006、82261652",
        contact_fax="82262634",
        contacts="010-82261006、82261652，82262634（传真）",
        address="北京市海淀区马甸东路9号",
        postcode="100088",
        system_name="社会管理和公共服务综合标准化试点项目管理信息系统",
        system_url="http://smpls.cnis.ac.cn/",
        attachment="社会管理和公共服务综合标准化试点申请书",
    ),
    addressees=(
        "各省、自治区、直辖市和新疆生产建设兵团市场监管局（厅、委），",
        "社会管理和公共服务标准化联席会议成员单位：",
    ),
    preamble="为认真贯彻落实《国家标准化发展纲要》，加快推进社会管理和公共服务领域标准化试点建设，"
    "发挥标准化对加强和创新社会管理、提升公共服务水平的作用，"
    "按照《社会管理和公共服务综合标准化试点细则（试行）》（国标委服务联〔2013〕61号）要求，"
    "决定向各地区、各部门征集第八批社会管理和公共服务综合标准化试点项目。现就有关事宜通知如下：",
    general=(
        "总体要求",
        "社会管理和公共服务综合标准化试点的创建要围绕保障和改善民生、转变政府职能、提升社会治理能力的内在需求，"
        "结合地区、行业发展特色及优势，按照“政府推动、部门联合、自愿申报、有序实施”的原则，重点围绕优化营商环境、"
        "行政管理和服务、社会治理、法律服务、公共资源交易、城市管理等领域开展。",
    ),
    conditions_title="试点单位的基本条件",
    conditions=(
        "具有明确的社会管理、公共服务职能，能够独立承担法律责任的机构或者组织；",
        "具有一定的标准化工作基础，主要负责人具有较强的标准化意识，设置标准化管理内设机构及配备专兼职标准化人员；",
        "当地党委、政府重视标准化工作，能够为试点提供政策、资金及其他支持；",
        "三年内未发生重大服务质量、安全、环境保护等事故，未受到相关部门的通报、行政处分及被媒体曝光造成严重社会影响。",
    ),
    procedure=(
        "试点的推荐和申报步骤",
        "各省、自治区、直辖市和新疆生产建设兵团相关行业主管部门结合本地区实际和政府工作重点组织推荐，"
        "试点单位自愿提出试点申请，填写《社会管理和公共服务综合标准化试点申请书》（见附件），"
        "经试点承担单位、参加单位、保证单位、业务指导单位及管理单位同意后报送省级标准化行政主管部门。"
        "省级标准化行政主管部门统一受理、汇总本区域内的试点申请，审核通过后，"
        "经社会管理和公共服务综合标准化试点项目管理信息系统（<http://smpls.cnis.ac.cn/>）"
        "提交至社会管理和公共服务标准化联席会议办公室（设在市场监管总局标准技术司，以下简称联席办公室）。\n"
        "社会管理和公共服务标准化联席会议成员单位可将推荐的项目申请材料直接报送联席办公室。",
    ),
    other=(
        "其他事项",
        "请各省级标准化行政主管部门、社会管理和公共服务标准化联席会议成员单位高度重视试点项目征集工作，"
        "加强组织和沟通协调，于2021年12月20日前将推荐的社会管理和公共服务综合标准化试点项目清单和相关材料（纸质版）"
        "报送联席办公室。\n"
        "联系人：标准技术司 杨晓蕾 张鸿飞\n"
        "联系方式：010-82261006、82261652，82262634（传真）\n"
        "联系地址：北京市海淀区马甸东路9号\n"
        "邮政编码：100088",
    ),
    cover="试点名称：_____\n试点时间：_____年 月至 _____年 月\n"
    "试点承担单位：_____\n试点保证单位：_____\n业务指导单位：_____",
    instructions=(
        "试点名称：“XXX（社会管理和公共服务）综合标准化试点”。",
        "试点承担单位可以为企事业单位、组织、机构或者地方人民政府等；参加单位是参与试点创建的有关单位；"
        "保证单位可以是地方人民政府，省、自治区、直辖市行业主管部门或者标准化行政主管部门。",
        "业务指导单位为省、自治区、直辖市行业主管部门。",
        "试点管理单位为省、自治区、直辖市标准化行政主管部门。",
        "本申请书一式4份，字迹要工整清晰，可以打印。其中试点承担单位1份，业务指导单位1份、试点管理单位1份、"
        "部级联席办公室1份。",
    ),
    sections=(
        ("cover", "封面"),
        ("basic", "一、承担单位基本信息"),
        ("foundation", "二、承担试点的工作基础"),
        ("goals", "三、试点预期实现工作目标（包括标准体系建立、实施及实施效果等）"),
        (
            "schedule",
            "四、计划工作步骤、时间进度、阶段工作内容（包括宣传培训、标准体系建立、组织实施标准、自查、申请评估等）",
        ),
        ("funding", "五、经费保障情况"),
        ("opinions", "六、试点承担单位、参加单位、保证单位、业务指导单位及管理单位意见"),
    ),
    focus_areas=("优化营商环境", "行政管理和服务", "社会治理", "法律服务", "公共资源交易", "城市管理"),
)


def _selected() -> Notice:
    """The notice of the batch :data:`NOTICE_MODULE_ENV` names (its module's ``NOTICE``), else the real one."""
    name = os.environ.get(NOTICE_MODULE_ENV, "").strip()
    if not name:
        return EIGHTH_BATCH
    found = getattr(importlib.import_module(name), "NOTICE", None)
    if not isinstance(found, Notice):
        raise ImportError(f"{NOTICE_MODULE_ENV}={name}: the module has no NOTICE of type smpls.notice.Notice")
    return found


#: The notice the site, the checks and the 申请书 are about.
NOTICE: Final[Notice] = _selected()
#: Every clause, in the order of the notice.
CLAUSES: Final[tuple[Clause, ...]] = NOTICE.clauses
FACTS: Final[Facts] = NOTICE.facts


def clause(id: str) -> Clause:
    """The clause with this id; ``KeyError`` for an unknown id."""
    return NOTICE.clause(id)


def excerpt(id: str, words: str) -> str:
    """``words``, checked to be verbatim in clause ``id`` (``ValueError`` otherwise), so a page that quotes the
    notice cannot misquote it.

    >>> excerpt("填写说明5", "本申请书一式4份")
    '本申请书一式4份'
    """
    if words not in clause(id).text:
        raise ValueError(f"not in {id}: {words}")
    return words


def status_note(today: date | None = None) -> str:
    """:meth:`Notice.status_note` of :data:`NOTICE` on ``today`` (default: :func:`datetime.date.today`)."""
    return NOTICE.status_note(today or date.today())
