"""Reading a 申请书 back (smpls.docx.read_docx) after LibreOffice re-saved it, after edits made with python-docx
as a person makes them in Word, and from a look-alike built from scratch with python-docx."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from typing import Any

import pytest
from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.shared import Cm
from docx.table import Table
from docx_check import EXAMPLES, complete_draft, soffice

import docx
from smpls.docx import build_docx
from smpls.docx.reader import read_docx
from smpls.model import Application

pytestmark = pytest.mark.docx

NAMES = sorted(p.stem for p in EXAMPLES.glob("*.json"))


def draft_of(name: str) -> dict[str, Any]:
    return Application.model_validate(json.loads((EXAMPLES / f"{name}.json").read_text("utf-8"))).model_dump(
        mode="json"
    )


def storable(draft: dict[str, Any]) -> dict[str, Any]:
    """``draft`` without the characters a DOCX cannot hold (problems.json has a control character)."""
    loaded: dict[str, Any] = json.loads(json.dumps(draft).replace("\\u0007", ""))
    return loaded


def without_copy(data: bytes) -> bytes:
    """The same DOCX without the embedded draft: only the visible document is read."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if not info.filename.startswith("customXml/"):
                dst.writestr(info.filename, src.read(info.filename))
    return out.getvalue()


@pytest.fixture(scope="module")
def resaved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """Every example's DOCX re-saved by LibreOffice as .docx, and taken through .odt back to .docx."""
    base = tmp_path_factory.mktemp("lo")
    src = []
    for name in NAMES:
        path = base / f"{name}.docx"
        path.write_bytes(build_docx(Application.model_validate(draft_of(name))))
        src.append(path)
    word = "docx:MS Word 2007 XML"
    direct = soffice(src, word, base / "direct", base / "profile")
    odt = soffice(src, "odt", base / "odt", base / "profile")
    back = soffice(odt, word, base / "back", base / "profile")
    return {
        name: {"docx": d.read_bytes(), "odt": b.read_bytes()} for name, d, b in zip(NAMES, direct, back, strict=True)
    }


@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_resave_reads_back_exactly(resaved: dict[str, dict[str, bytes]], name: str) -> None:
    data = resaved[name]["docx"]
    result = read_docx(data)
    assert result.embedded, "LibreOffice keeps the custom XML part"
    assert result.draft == draft_of(name) and result.changed == () and result.unplaced == ()
    # the visible document alone says the same
    alone = read_docx(without_copy(data))
    assert alone.draft == storable(draft_of(name)) and alone.unplaced == ()


@pytest.mark.parametrize("name", NAMES)
def test_through_odt_and_back_reads_the_visible_document(resaved: dict[str, dict[str, bytes]], name: str) -> None:
    result = read_docx(resaved[name]["odt"])
    assert not result.embedded  # .odt has no place for the copy
    assert result.draft == storable(draft_of(name)) and result.unplaced == ()


# ---------------------------------------------------------------- edits as a person makes them


def open_docx(data: bytes) -> DocumentObject:
    return docx.Document(io.BytesIO(data))


def save(document: DocumentObject) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def table_with(document: DocumentObject, text: str) -> Table:
    return next(t for t in document.tables if any(text in c.text for r in t.rows for c in r.cells))


def set_text(cell: Any, text: str) -> None:
    """Replace the text of a cell's first run, keeping its formatting (as typing over it in Word does)."""
    para = cell.paragraphs[0]
    para.runs[0].text = text
    for extra in para.runs[1:]:
        extra._r.getparent().remove(extra._r)


def test_edits_made_in_word_are_read_exactly_and_listed() -> None:
    want = complete_draft()
    document = open_docx(build_docx(Application.model_validate(want)))
    # change several cells
    basic = table_with(document, "组织机构代码")
    set_text(basic.cell(0, 1), "临湖市行政审批局")
    want["basic"]["unit_name"] = "临湖市行政审批局"
    set_text(basic.cell(4, 1), "0573-84560000")
    want["basic"]["phone"] = "0573-84560000"
    cover = document.tables[0]
    set_text(cover.cell(0, 2), "临湖市政务服务综合标准化试点")
    want["cover"]["pilot_name"] = "临湖市政务服务综合标准化试点"
    # insert a row in 四 (a copy of the second stage's row, typed over) and delete the fourth stage
    schedule = table_with(document, "阶段工作内容")
    rows = schedule._tbl.tr_lst
    new = copy.deepcopy(rows[2])
    rows[2].addnext(new)
    inserted = schedule.rows[3]
    set_text(inserted.cells[0], "2022年11月至2023年1月")
    set_text(inserted.cells[1], "中期检查：组织中期自查。")
    set_text(inserted.cells[2], "临湖市政务服务管理局")
    stage = {
        "start": "2022-11",
        "end": "2023-01",
        "content": "中期检查：组织中期自查。",
        "units": "临湖市政务服务管理局",
    }
    fourth = schedule.rows[5]._tr
    fourth.getparent().remove(fourth)
    want["schedule"] = [*want["schedule"][:2], stage, want["schedule"][2], want["schedule"][4]]
    # add a paragraph to 三
    goals = table_with(document, "标准体系建立：在现有体系基础上")
    goals.cell(0, 0).add_paragraph("4. 宣传推广：形成经验材料。")
    want["goals"]["text"] += "\n4. 宣传推广：形成经验材料。"
    # split a value over two runs (Word does this after a spelling check or a change of formatting)
    opinions = table_with(document, "管理单位（盖章）")
    para = next(p for c in opinions.columns[0].cells for p in c.paragraphs if p.text.startswith("管理单位"))
    name_run = para.runs[-1]
    name_run.text = "浙江省市场"
    tail = copy.deepcopy(name_run._r)
    name_run._r.addnext(tail)
    para.runs[-1].text = "监督管理局"
    para.runs[-1].bold = True

    result = read_docx(save(document))
    assert result.embedded
    assert result.draft == want
    assert set(result.changed) == {
        "cover.pilot_name",
        "basic.unit_name",
        "basic.phone",
        "goals.text",
        "schedule",
        "schedule.2",
    }
    assert result.unplaced == ()


def test_an_extra_participant_block_copied_in_word_is_a_participant() -> None:
    want = complete_draft()
    document = open_docx(build_docx(Application.model_validate(want)))
    opinions = table_with(document, "管理单位（盖章）")
    last = [r for r in opinions.rows if r.cells[0].text.startswith("参加单位")][-1]._tr
    extra = copy.deepcopy(last)
    last.addnext(extra)
    row = next(r for r in opinions.rows if r._tr is extra)
    row.cells[0].paragraphs[0].runs[-1].text = "临湖市财政局"
    result = read_docx(save(document))
    want["opinions"]["participants"].append({"name": "临湖市财政局"})
    assert result.draft == want
    assert result.changed == ("opinions.participants.3",)


def test_a_table_split_in_two_still_gives_every_stage() -> None:
    want = complete_draft()
    document = open_docx(build_docx(Application.model_validate(want)))
    schedule = table_with(document, "阶段工作内容")._tbl
    second = copy.deepcopy(schedule)
    for tr in second.tr_lst[:3]:
        second.remove(tr)
    for tr in schedule.tr_lst[3:]:
        schedule.remove(tr)
    gap = OxmlElement("w:p")  # the empty paragraph Word puts between the halves (Ctrl+Shift+Enter)
    schedule.addnext(gap)
    gap.addnext(second)
    result = read_docx(without_copy(save(document)))
    assert result.draft["schedule"] == want["schedule"]


# ---------------------------------------------------------------- a look-alike built from scratch


def labelled_rows(table: Table, rows: list[tuple[str, str]]) -> None:
    for (label, value), row in zip(rows, table.rows, strict=True):
        row.cells[0].text = label
        row.cells[1].text = value


def look_alike() -> bytes:
    d = docx.Document()
    d.add_paragraph("社会管理和公共服务综合标准化试点申请书")
    cover = d.add_table(rows=3, cols=2)
    labelled_rows(
        cover,
        [
            ("试 点 名 称", "湖滨县养老服务综合标准化试点"),
            ("试点时间", "2022.3—2024.2"),
            ("试点承担单位", "湖滨县民政局"),
        ],
    )
    d.add_paragraph("2021年12月")
    d.add_paragraph("一、承担单位基本信息")
    basic = d.add_table(rows=4, cols=4)
    basic.style = "Table Grid"
    for i, w in enumerate((Cm(2.5), Cm(5), Cm(3), Cm(5))):
        basic.columns[i].width = w
    basic.cell(0, 0).text = "单 位 名 称"
    basic.cell(0, 1).text = "湖滨县民政局"
    basic.cell(0, 2).text = "组织机构\n代码"
    basic.cell(0, 3).text = "11330000MB1234567X"
    basic.cell(1, 0).text = "法定代表人\n(负责人)"
    merged = basic.cell(1, 1).merge(basic.cell(1, 3))  # merged where the official form has a label
    merged.text = "王五"
    basic.cell(2, 0).text = "业务范围"
    basic.cell(2, 1).merge(basic.cell(2, 3)).text = "养老服务管理。"
    # a label whose value is in the cell below (merged across the row)
    basic.cell(3, 0).merge(basic.cell(3, 3)).text = "标准化工作自我评价"
    extra = basic.add_row()
    extra.cells[0].merge(extra.cells[3]).text = "成效明显。"
    d.add_paragraph("二、承担试点的工作基础")
    found = d.add_table(rows=1, cols=2)
    labelled_rows(found, [("目前标准化\n工作情况", "已有标准 20 项。")])
    d.add_paragraph("四、计划工作步骤、时间进度、阶段工作内容")
    steps = d.add_table(rows=3, cols=3)
    for r, texts in enumerate(
        [
            ("时间", "阶段工作内容", "负责单位及参与单位"),
            ("2022年3月至2022年6月", "宣传培训", "湖滨县民政局"),
            ("2022.7—2022.12", "标准体系建立", "湖滨县民政局"),
        ]
    ):
        for c, text in enumerate(texts):
            steps.cell(r, c).text = text
    d.add_paragraph("六、试点承担单位、参加单位、保证单位、业务指导单位及管理单位意见")
    d.add_paragraph("参加单位（盖章）：湖滨县卫生健康局")
    d.add_paragraph("管理单位（盖章）：某省市场监督管理局")
    return save(d)


def test_look_alike_built_by_hand_is_read() -> None:
    result = read_docx(look_alike())
    d = result.draft
    assert not result.embedded
    assert d["cover"]["pilot_name"] == "湖滨县养老服务综合标准化试点"
    assert (d["cover"]["period_start"], d["cover"]["period_end"], d["cover"]["filled_on"]) == (
        "2022-03",
        "2024-02",
        "2021-12",
    )
    assert d["basic"]["unit_name"] == "湖滨县民政局"
    assert d["basic"]["org_code"] == "11330000MB1234567X"
    assert d["basic"]["legal_rep"] == "王五"
    assert d["basic"]["business_scope"] == "养老服务管理。"
    assert d["basic"]["self_evaluation"] == "成效明显。"
    assert d["foundation"]["current_work"] == "已有标准 20 项。"
    assert [(s["start"], s["end"], s["content"]) for s in d["schedule"]] == [
        ("2022-03", "2022-06", "宣传培训"),
        ("2022-07", "2022-12", "标准体系建立"),
    ]
    assert d["opinions"]["participants"] == [{"name": "湖滨县卫生健康局"}]
    assert d["opinions"]["management_unit"] == "某省市场监督管理局"
    assert result.unplaced == ()
