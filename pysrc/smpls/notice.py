"""The notice 国标委发〔2021〕31号 as data: its clauses with stable ids, their verbatim text, and the key facts.

Pages, the self-check, the rules and the problem codes cite a clause by id; nothing else copies its words.
A later batch means new data here (and its own notice page), not edits across the code.

>>> clause("二（四）").label
'通知二（四）'
>>> clause("填写说明2").href
'notice/#n-fill-2'
>>> FACTS.deadline.isoformat()
'2021-12-20'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final


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


_CONDITIONS = (
    "具有明确的社会管理、公共服务职能，能够独立承担法律责任的机构或者组织；",
    "具有一定的标准化工作基础，主要负责人具有较强的标准化意识，设置标准化管理内设机构及配备专兼职标准化人员；",
    "当地党委、政府重视标准化工作，能够为试点提供政策、资金及其他支持；",
    "三年内未发生重大服务质量、安全、环境保护等事故，未受到相关部门的通报、行政处分及被媒体曝光造成严重社会影响。",
)
_NUMERALS = ("一", "二", "三", "四", "五", "六")

#: Every clause, in the order of the notice.
CLAUSES: Final[tuple[Clause, ...]] = (
    Clause(
        "一",
        "n-1",
        "总体要求",
        "社会管理和公共服务综合标准化试点的创建要围绕保障和改善民生、转变政府职能、提升社会治理能力的内在需求，"
        "结合地区、行业发展特色及优势，按照“政府推动、部门联合、自愿申报、有序实施”的原则，重点围绕优化营商环境、"
        "行政管理和服务、社会治理、法律服务、公共资源交易、城市管理等领域开展。",
    ),
    Clause(
        "二",
        "n-2",
        "试点单位的基本条件",
        "\n".join(f"（{n}）{text}" for n, text in zip(_NUMERALS, _CONDITIONS, strict=False)),
    ),
    *(
        Clause(f"二（{n}）", f"n-2-{i}", f"基本条件（{n}）", text)
        for i, (n, text) in enumerate(zip(_NUMERALS, _CONDITIONS, strict=False), start=1)
    ),
    Clause(
        "三",
        "n-3",
        "试点的推荐和申报步骤",
        "各省、自治区、直辖市和新疆生产建设兵团相关行业主管部门结合本地区实际和政府工作重点组织推荐，"
        "试点单位自愿提出试点申请，填写《社会管理和公共服务综合标准化试点申请书》（见附件），"
        "经试点承担单位、参加单位、保证单位、业务指导单位及管理单位同意后报送省级标准化行政主管部门。"
        "省级标准化行政主管部门统一受理、汇总本区域内的试点申请，审核通过后，"
        "经社会管理和公共服务综合标准化试点项目管理信息系统（<http://smpls.cnis.ac.cn/>）"
        "提交至社会管理和公共服务标准化联席会议办公室（设在市场监管总局标准技术司，以下简称联席办公室）。\n"
        "社会管理和公共服务标准化联席会议成员单位可将推荐的项目申请材料直接报送联席办公室。",
    ),
    Clause(
        "四",
        "n-4",
        "其他事项",
        "请各省级标准化行政主管部门、社会管理和公共服务标准化联席会议成员单位高度重视试点项目征集工作，"
        "加强组织和沟通协调，于2021年12月20日前将推荐的社会管理和公共服务综合标准化试点项目清单和相关材料（纸质版）"
        "报送联席办公室。\n"
        "联系人：标准技术司 杨晓蕾 张鸿飞\n"
        "联系方式：010-82261006、82261652，82262634（传真）\n"
        "联系地址：北京市海淀区马甸东路9号\n"
        "邮政编码：100088",
    ),
    Clause(
        "封面",
        "n-cover",
        "申请书封面",
        "试点名称：_____\n试点时间：_____年 月至 _____年 月\n"
        "试点承担单位：_____\n试点保证单位：_____\n业务指导单位：_____",
    ),
    Clause("填写说明1", "n-fill-1", "填写说明 1", "试点名称：“XXX（社会管理和公共服务）综合标准化试点”。"),
    Clause(
        "填写说明2",
        "n-fill-2",
        "填写说明 2",
        "试点承担单位可以为企事业单位、组织、机构或者地方人民政府等；参加单位是参与试点创建的有关单位；"
        "保证单位可以是地方人民政府，省、自治区、直辖市行业主管部门或者标准化行政主管部门。",
    ),
    Clause("填写说明3", "n-fill-3", "填写说明 3", "业务指导单位为省、自治区、直辖市行业主管部门。"),
    Clause("填写说明4", "n-fill-4", "填写说明 4", "试点管理单位为省、自治区、直辖市标准化行政主管部门。"),
    Clause(
        "填写说明5",
        "n-fill-5",
        "填写说明 5",
        "本申请书一式4份，字迹要工整清晰，可以打印。其中试点承担单位1份，业务指导单位1份、试点管理单位1份、"
        "部级联席办公室1份。",
    ),
    *(
        Clause(f"申请书{n}", f"n-form-{i}", title, f"{n}、{title}")
        for i, (n, title) in enumerate(
            zip(
                _NUMERALS,
                (
                    "承担单位基本信息",
                    "承担试点的工作基础",
                    "试点预期实现工作目标（包括标准体系建立、实施及实施效果等）",
                    "计划工作步骤、时间进度、阶段工作内容（包括宣传培训、标准体系建立、组织实施标准、自查、申请评估等）",
                    "经费保障情况",
                    "试点承担单位、参加单位、保证单位、业务指导单位及管理单位意见",
                ),
                strict=True,
            ),
            start=1,
        )
    ),
)

_BY_ID: Final[dict[str, Clause]] = {c.id: c for c in CLAUSES}


def clause(id: str) -> Clause:
    """The clause with this id; ``KeyError`` for an unknown id."""
    return _BY_ID[id]


def excerpt(id: str, words: str) -> str:
    """``words``, checked to be verbatim in clause ``id`` (``ValueError`` otherwise), so a page that quotes the
    notice cannot misquote it.

    >>> excerpt("填写说明5", "本申请书一式4份")
    '本申请书一式4份'
    """
    if words not in clause(id).text:
        raise ValueError(f"not in {id}: {words}")
    return words


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


FACTS: Final = Facts(
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
)


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def closed_notice() -> str:
    """One paragraph, static: the call closed on the deadline, and what the site is still good for."""
    return (
        f"{FACTS.batch}社会管理和公共服务综合标准化试点项目的征集（{FACTS.doc_number}）"
        f"已于{_cn_date(FACTS.deadline)}截止。本站仍可用于阅读这份通知、起草申请书，并按这份通知检查填写内容；"
        "以后批次的通知可能调整申报条件或申请书格式，申报时请以当批通知为准。"
    )
