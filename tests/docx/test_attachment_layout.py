"""The Word reader on files laid out like the notice's own attachment (issue 19, item 4), not like our download.

The attachment (附件 of 国标委发〔2021〕31号, lines 58-153 of tests/unit/golden/notice-source.txt) prints:
the cover as lines “试点名称：_____” and “20 年 月”; 一 as a table of label cells (“法定代表人 (负责人)”,
“法人注册地址” beside one cell “省(市) 县(区)”, “标准化机构(或者 协调组织)名称”); 二's labels over several
lines (“现状及/与试点应/具备条件/符合性”); 四 as a table with one 时间 column; 六 as blocks “承担单位（盖章）：”,
“负责人（签名）”, “年 月 日”. The files below are built from that layout with python-docx in three fill styles
(values beside labels; cells merged differently; the cover typed over the underscores), and each is also
read after LibreOffice re-saved it. Every value must read back, and the checker must give no 错误.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from docx.document import Document as DocumentObject
from docx.table import Table
from docx_check import soffice

import docx
from smpls.docx.reader import read_docx
from smpls.draft import validate
from smpls.problems import ERROR

pytestmark = pytest.mark.docx

TODAY = __import__("datetime").date(2021, 12, 10)

#: what the applicant writes, by field path (as the model keeps it), and the stages and 参加单位
VALUES: dict[str, str] = {
    "cover.pilot_name": "临湖市政务服务“一网通办”综合标准化试点",
    "cover.undertaking_unit": "临湖市政务服务管理局",
    "cover.guarantor_unit": "临湖市人民政府",
    "cover.guidance_unit": "浙江省人民政府办公厅",
    "basic.unit_name": "临湖市政务服务管理局",
    "basic.org_code": "113304810025731874",
    "basic.legal_rep": "周明远",
    "basic.reg_province": "浙江",
    "basic.reg_county": "临湖市",
    "basic.address": "浙江省临湖市南湖区环城东路 188 号市民中心 B 座 6 楼",
    "basic.industry": "公共管理、社会保障和社会组织",
    "basic.economic_type": "机关法人",
    "basic.postcode": "314100",
    "basic.phone": "0573-84561234 13957112345",
    "basic.email": "bzh@linhu.example.gov.cn",
    "basic.std_body_name": "临湖市政务服务标准化工作领导小组办公室",
    "basic.std_lead_name": "陈思敏",
    "basic.business_scope": "负责全市政务服务体系建设和管理；受理、转办 12345 政务服务便民热线诉求。",
    "basic.major_accident": "未发生",
    "basic.std_system_established": "2020-06",
    "basic.std_system_running": "已运行 1 年 3 个月",
    "basic.self_evaluation": "已制定实施地方标准 3 项、服务规范 46 项。不足是监督评价机制尚不完善。",
    "foundation.conformity": "本局是市政府工作部门，具有明确的政务服务管理职能。\n已成立标准化工作领导小组。",
    "foundation.current_work": "已建立政务服务标准体系，收录标准 312 项。",
    "goals.text": "1. 形成覆盖“一网通办”全流程的标准体系。\n2. 标准实施率达到 100%。",
    "funding.directions": "标准体系建设、宣传培训和评估。",
    "funding.sources": "市财政专项经费 120 万元。",
    "opinions.management_unit": "浙江省市场监督管理局",
}
#: 四: (时间 as written in the one column, 阶段工作内容, 负责单位及参与单位)
STAGES = [
    ("2022年3月至2022年5月", "宣传培训，动员部署", "临湖市政务服务管理局"),
    ("2022年11月", "标准体系建立，编制标准体系表", "临湖市政务服务管理局、临湖市市场监督管理局"),
    ("2023年上半年", "组织实施标准", "各镇（街道）便民服务中心"),
    ("2023.7—2023.12", "自查，申请评估", "临湖市政务服务管理局"),
]
PARTICIPANTS = [f"临湖市第{i + 1}参与单位" for i in range(3)]
#: the 时间 column as the draft keeps it: a range in the two boxes, one time (a month, a half-year) in the first
READ_AS = {
    "2022年3月至2022年5月": ("2022-03", "2022-05"),
    "2022年11月": ("2022-11", ""),
    "2023年上半年": ("2023年上半年", ""),
    "2023.7—2023.12": ("2023-07", "2023-12"),
}


def expected(style: str) -> dict[str, Any]:
    """The draft the reader should give (as the model keeps it) for a file of ``style``."""
    out: dict[str, Any] = {}
    for path, value in VALUES.items():
        section, name = path.split(".")
        out.setdefault(section, {})[name] = value
    months = {"A": ("2022-03", "2024-02", "2021-12"), "B": ("2022-03", "2024-02", "2021-12")}
    months["C"] = ("2022-03", "2024-02", "二〇二一年十二月")
    start, end, filled = months[style]
    out["cover"].update(period_start=start, period_end=end, filled_on=filled)
    return out


def _span(table: Table, row: int, start: int, end: int) -> Any:
    return table.cell(row, start) if start == end else table.cell(row, start).merge(table.cell(row, end))


def _put(cell: Any, text: str) -> None:
    """A cell's text, one paragraph per line (as typing Enter in Word does)."""
    lines = text.split("\n")
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _rows(d: DocumentObject, cols: int, rows: list[list[tuple[str, int]]]) -> Table:
    """A table of ``cols`` grid columns; each row a list of (text, how many grid columns it spans)."""
    table = d.add_table(rows=len(rows), cols=cols)
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        col = 0
        for text, span in cells:
            _put(_span(table, r, col, col + span - 1), text)
            col += span
    return table


def attachment(style: str) -> bytes:
    """A 申请书 typed into a copy of the attachment.

    A: values in the cells beside the labels, the cover's underscores replaced by the values;
    B: the same table with its value cells merged differently (one value cell per row where the attachment has
       two), the labels of 二 in one cell over four lines, 六's blocks in table cells;
    C: the cover typed over the underscores (some left), “20 年 月” written in Chinese numerals.
    """
    v = VALUES
    d = docx.Document()
    d.add_paragraph("附件")
    d.add_paragraph("社会管理和公共服务综合标准化试点申请书")
    if style == "C":
        d.add_paragraph(f"试点名称：__{v['cover.pilot_name']}___")
        d.add_paragraph("试点时间：__2022__年_3_月至 __2024__年_2_月")
        d.add_paragraph(f"试点承担单位：_{v['cover.undertaking_unit']}_____")
        d.add_paragraph(f"试点保证单位：{v['cover.guarantor_unit']}____")
        d.add_paragraph(f"业务指导单位：___{v['cover.guidance_unit']}")
        d.add_paragraph("二〇二一年十二月")
    else:
        d.add_paragraph(f"试点名称：{v['cover.pilot_name']}")
        d.add_paragraph("试点时间：2022年 3月至 2024年 2月")
        d.add_paragraph(f"试点承担单位：{v['cover.undertaking_unit']}")
        d.add_paragraph(f"试点保证单位：{v['cover.guarantor_unit']}")
        d.add_paragraph(f"业务指导单位：{v['cover.guidance_unit']}")
        d.add_paragraph("2021 年 12 月" if style == "A" else "20 21 年 12 月")
    d.add_paragraph("填写说明")
    d.add_paragraph("1. 试点名称：“XXX（社会管理和公共服务）综合标准化试点”。")
    d.add_paragraph("一、承担单位基本信息")
    region = f"{v['basic.reg_province']} 省(市) {v['basic.reg_county']} 县(区)"
    # style B merges the value cells differently (wide values) and breaks the labels where the paper does
    b = style == "B"
    brk = "\n" if b else " "
    rows = [
        [("单位名称", 1), (v["basic.unit_name"], 3), ("组织机构代码", 1), (v["basic.org_code"], 1)],
        [
            ("法定代表人 (负责人)", 1),
            (v["basic.legal_rep"], 2 if b else 1),
            ("法人注册地址", 1),
            (region, 2 if b else 3),
        ],
        [("单位地址", 1), (v["basic.address"], 5)],
        [
            ("所属行业", 1),
            (v["basic.industry"], 1),
            ("经济类型", 1),
            (v["basic.economic_type"], 1),
            ("邮编", 1),
            (v["basic.postcode"], 1),
        ],
        [("联系电话", 1), (v["basic.phone"], 2 if b else 1), ("电子邮箱", 1), (v["basic.email"], 2 if b else 3)],
        [
            (f"标准化机构(或者{brk}协调组织)名称", 1),
            (v["basic.std_body_name"], 2 if b else 3),
            (f"标准化负责人{brk}姓名", 1),
            (v["basic.std_lead_name"], 2 if b else 1),
        ],
        [("业务范围", 1), (v["basic.business_scope"], 5)],
        [("近三年是否发生重大服务质量、安全、环境保护事故", 3 if b else 1), (v["basic.major_accident"], 3 if b else 5)],
        [
            ("标准体系建立时间", 1),
            ("2020年6月" if b else "2020.6", 2 if b else 1),
            ("标准体系运行时间", 1),
            (v["basic.std_system_running"], 2 if b else 3),
        ],
        [(f"标准化工作{brk}自我评价", 1), (v["basic.self_evaluation"], 5)],
    ]
    _rows(d, 6, rows)
    d.add_paragraph("二、承担试点的工作基础")
    label = "现状及\n与试点应\n具备条件\n符合性"
    _rows(
        d,
        2,
        [
            [(label, 1), (v["foundation.conformity"], 1)],
            [("目前标准化\n工作情况", 1), (v["foundation.current_work"], 1)],
        ],
    )
    d.add_paragraph("三、试点预期实现工作目标（包括标准体系建立、实施及实施效果等）")
    _rows(d, 1, [[(v["goals.text"], 1)]])
    d.add_paragraph(
        "四、计划工作步骤、时间进度、阶段工作内容（包括宣传培训、标准体系建立、组织实施标准、自查、申请评估等）"
    )
    _rows(d, 3, [[("时间", 1), ("阶段工作内容", 1), ("负责单位及参与单位", 1)]] + [[(t, 1) for t in s] for s in STAGES])
    d.add_paragraph("五、经费保障情况")
    five = "\n".join(
        [
            "1. 经费主要投入方向",
            v["funding.directions"],
            "2. 经费来源（包括当地政府、有关单位经费投入等）",
            v["funding.sources"],
        ]
    )
    if style == "B":
        _rows(d, 1, [[(five, 1)]])
    else:
        for line in five.split("\n"):
            d.add_paragraph(line)
    d.add_paragraph("六、试点承担单位、参加单位、保证单位、业务指导单位及管理单位意见")
    blocks = [
        f"承担单位（盖章）：{v['cover.undertaking_unit']}",
        *(f"参加单位（盖章）：{name}" for name in PARTICIPANTS),
        f"保证单位（盖章）：{v['cover.guarantor_unit']}",
        f"业务指导单位（盖章）：{v['cover.guidance_unit']}",
        f"管理单位（盖章）：{v['opinions.management_unit']}",
    ]
    if style == "B":
        _rows(d, 1, [[(f"{b}\n负责人（签名）\n年 月 日", 1)] for b in blocks])
    else:
        for b in blocks:
            d.add_paragraph(b)
            d.add_paragraph("负责人（签名）")
            d.add_paragraph("年 月 日")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


STYLES = ["A", "B", "C"]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Each style as built, and after LibreOffice re-saved it as .docx."""
    base = tmp_path_factory.mktemp("attachment")
    src = []
    for style in STYLES:
        path = base / f"style-{style}.docx"
        path.write_bytes(attachment(style))
        src.append(path)
    out = {p.stem.removeprefix("style-"): p.read_bytes() for p in src}
    again = soffice(src, "docx:MS Word 2007 XML", base / "lo", base / "profile")
    out.update({f"{p.stem.removeprefix('style-')}+LibreOffice": Path(p).read_bytes() for p in again})
    return out


@pytest.mark.parametrize("name", [*STYLES, *(f"{s}+LibreOffice" for s in STYLES)])
def test_every_value_reads_back_with_no_false_error(files: dict[str, bytes], name: str) -> None:
    result = read_docx(files[name])
    draft = result.draft
    want = expected(name[0])
    for section, values in want.items():
        for key, value in values.items():
            assert draft[section][key] == value, f"{section}.{key}"
    assert [(s["start"], s["end"], s["content"], s["units"]) for s in draft["schedule"]] == [
        (*READ_AS[t], c, u) for t, c, u in STAGES
    ]
    assert [p["name"] for p in draft["opinions"]["participants"]] == PARTICIPANTS
    assert result.unplaced == (), result.unplaced
    checked = validate(draft, today=TODAY)
    assert [f"{p.path}: {p.message}" for p in checked.problems if p.level == ERROR] == []
