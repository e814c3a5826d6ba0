"""The 申请书 DOCX: python-docx read-back, LibreOffice rendering, hostile text, file names."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from docx.shared import Cm
from docx_check import EXAMPLES, check_docx, complete_draft, storable
from pydantic import BaseModel

import docx
from smpls.docx import FALLBACK_FILENAME, build_docx, docx_filename
from smpls.docx import ooxml as o
from smpls.docx.layout import INSTRUCTIONS, INSTRUCTIONS_TITLE
from smpls.fields import model_fields
from smpls.model import Application, Participant, ScheduleRow

#: a large application: the notice sets no number of stages or 参加单位 (these were the old caps, 40 and 20)
MANY_STAGES, MANY_PARTICIPANTS = 40, 24

pytestmark = pytest.mark.docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        return {name: zf.read(name) for name in zf.namelist()}


def test_complete_example_reads_back_and_renders(complete_app: Application) -> None:
    result = check_docx(build_docx(complete_app), complete_app)
    assert result.pdf.startswith(b"%PDF")
    y, m = complete_app.cover.filled_on.split("-")
    assert_cover_on_one_page(result.pdf_text, f"{y}年{int(m)}月")
    # the form's fixed text is there too
    for text in ("社会管理和公共服务综合标准化", "填写说明", "组织机构代码", "阶段工作内容", "负责人（签名）"):
        assert text in result.pdf_text


def test_empty_draft_renders_with_blank_fields() -> None:
    app = Application()
    data = build_docx(app)
    result = check_docx(data, app)
    document = docx.Document(io.BytesIO(data))
    # the value cells of table 一 are empty: blank space, no placeholder text
    basic = next(t for t in document.tables if t.cell(0, 0).text == "单位名称")
    assert basic.cell(0, 1).text == ""
    assert basic.cell(0, 4).text == ""
    assert basic.cell(6, 1).text == ""
    # the schedule keeps blank rows to write in by hand; one 参加单位 block even with none listed
    schedule = next(t for t in document.tables if t.cell(0, 0).text == "时间")
    assert len(schedule.rows) > 3
    assert all(c.text == "" for r in schedule.rows[1:] for c in r.cells)
    assert result.pdf_text.count("参加单位（盖章）：") == 1
    # the cover keeps the paper form's blanks
    cover = "\n".join(p.text for p in document.paragraphs)
    assert re.search(r"20\s+年\s+月", cover)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_every_named_example_reads_back(path: Path) -> None:
    app = Application.model_validate(json.loads(path.read_text(encoding="utf-8")))
    check_docx(build_docx(app), app, render=False)


HOSTILE = {
    "markup": "A&B <试点> \"引号\" '单引号' ]]> &amp; </w:t>",
    "controls": "控制\x00字\x01符\x07\x08\x0b\x0c\x1b\x7f\x9f结束\ufffe\uffff\ud800",
    "astral": "𠀀𪚥 😀👍🏽👨‍👩‍👧 ☃",
    "rtl": "\u200f\u202eمرحبا\u202c\u200e שלום \u2067RTL\u2069",
}
LONG = ("标准化试点工作基础扎实，" * 2000)[:20000]


def hostile_app() -> Application:
    h = " ".join(HOSTILE.values())
    draft = json.loads(json.dumps(complete_draft()))
    draft["cover"]["pilot_name"] = HOSTILE["markup"] + HOSTILE["rtl"]
    draft["cover"]["undertaking_unit"] = HOSTILE["astral"]
    draft["basic"]["unit_name"] = HOSTILE["controls"]
    draft["basic"]["address"] = h
    draft["basic"]["business_scope"] = "\n".join(HOSTILE.values())
    draft["foundation"]["conformity"] = LONG
    draft["goals"]["text"] = LONG + "\n" + h
    draft["schedule"][0]["content"] = h + "\t制表符"
    draft["schedule"][0]["units"] = HOSTILE["markup"]
    draft["opinions"]["participants"] = [{"name": HOSTILE["rtl"]}, {"name": HOSTILE["astral"]}]
    return Application.model_validate(draft)


def test_hostile_text_gives_a_valid_document() -> None:
    app = hostile_app()
    assert len(app.foundation.conformity) == 20_000
    data = build_docx(app)
    for name, xml in parts(data).items():
        ElementTree.fromstring(xml)  # every part is well-formed XML
        assert b"\x00" not in xml and b"\x1b" not in xml, name
    check_docx(data, app)
    text = docx.Document(io.BytesIO(data)).tables[0].cell(0, 2).text
    assert "𠀀" not in text  # (the cover row holds the name; the astral text sits in another row)
    cells = {c.text for t in docx.Document(io.BytesIO(data)).tables for r in t.rows for c in r.cells}
    assert storable(HOSTILE["astral"]) in cells
    assert any("\u202eمرحبا" in c for c in cells)  # RTL marks kept
    assert any("控制字符结束" in c for c in cells)  # controls dropped, text kept


def test_clean_keeps_everything_but_what_xml_forbids() -> None:
    assert o.clean("a\x00b\x1fc\td\ne\x85\ud800f\ufffe") == "abc\td\nef"
    assert o.clean("𠀀😀\u200f\u202eא") == "𠀀😀\u200f\u202eא"
    assert o.clean("a\r\nb\rc") == "a\nb\nc"
    assert o.esc('<&>"') == "&lt;&amp;&gt;&quot;"


def test_page_fonts_footer_and_properties(complete_app: Application) -> None:
    created = datetime(2021, 12, 1, 8, 30, tzinfo=UTC)
    data = build_docx(complete_app, created=created)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert section.left_margin == section.right_margin
    assert round(section.left_margin.cm, 2) == 2.5
    assert section.different_first_page_header_footer  # no page number on the cover
    footer = section.footer._element.xml
    assert "PAGE" in footer and 'fldCharType="begin"' in footer
    props = document.core_properties
    assert props.title == "社会管理和公共服务综合标准化试点申请书"
    assert props.subject == complete_app.cover.pilot_name
    assert props.created == created
    xml = parts(data)
    styles = xml["word/styles.xml"].decode()
    assert 'w:eastAsia="宋体"' in styles and 'w:ascii="Times New Roman"' in styles
    assert 'w:eastAsia="zh-CN"' in styles  # without it renderers pick Japanese glyph shapes
    fonts = xml["word/fontTable.xml"].decode()
    assert '<w:font w:name="宋体"><w:altName w:val="SimSun"/>' in fonts
    assert '<w:font w:name="仿宋"><w:altName w:val="FangSong"/>' in fonts
    assert 'w:eastAsia="仿宋"' in xml["word/document.xml"].decode()
    assert build_docx(complete_app, created=created) == data  # same input, same bytes


def test_table_one_merges_cells_as_on_the_paper_form(complete_app: Application) -> None:
    document = docx.Document(io.BytesIO(build_docx(complete_app)))
    basic = next(t for t in document.tables if t.cell(0, 0).text == "单位名称")
    assert len(basic.columns) == 6
    rows = [[c.text for c in r.cells] for r in basic.rows]
    b = complete_app.basic
    assert rows[0] == ["单位名称", b.unit_name, b.unit_name, "组织机构代码", b.org_code, b.org_code]
    assert rows[1][:3] == ["法定代表人（负责人）", b.legal_rep, "法人注册地址"]
    assert rows[1][3] == rows[1][4] == rows[1][5]  # 省(市) … 县(区) … spans three columns
    assert rows[1][3].startswith("省(市) ") and "县(区) " in rows[1][3]
    assert rows[2] == ["单位地址"] + [b.address] * 5
    assert rows[3] == ["所属行业", b.industry, "经济类型", b.economic_type, "邮编", b.postcode]
    widths = [c.width for c in basic.columns]
    assert round(sum(w for w in widths if w is not None) / Cm(1), 2) == 16.0


def test_writer_merges_rows_with_vmerge() -> None:
    body = o.table(
        [2000, 2000],
        [
            o.row([o.cell([o.paragraph(o.run("合并"))], 2000, vmerge="restart"), o.cell([], 2000)]),
            o.row([o.cell([], 2000, vmerge="continue"), o.cell([o.paragraph(o.run("右下"))], 2000)]),
        ],
    )
    t = docx.Document(io.BytesIO(o.package([body], title="t"))).tables[0]
    assert t.cell(0, 0)._tc is t.cell(1, 0)._tc
    assert t.cell(1, 0).text == "合并" and t.cell(1, 1).text == "右下"


def test_schedule_has_one_row_per_stage(complete_app: Application) -> None:
    document = docx.Document(io.BytesIO(build_docx(complete_app)))
    table = next(t for t in document.tables if t.cell(0, 0).text == "时间")
    assert len(table.rows) == 1 + len(complete_app.schedule)
    first = complete_app.schedule[0]
    y, m = first.start.split("-")
    assert table.cell(1, 0).text.startswith(f"{y}年{int(m)}月—")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("临湖市政务服务综合标准化试点", "临湖市政务服务综合标准化试点申请书.docx"),
        ('A/B\\C:D*E?F"G<H>I|J', "A_B_C_D_E_F_G_H_I_J申请书.docx"),
        ("  ..试点.  ", "试点申请书.docx"),
        ("", FALLBACK_FILENAME),
        ("///", FALLBACK_FILENAME),
        ("CON", "CON申请书.docx"),
        ("evil\u202excod.exe", "evil_xcod.exe申请书.docx"),  # bidi override cannot disguise the extension
        ("𠀀试点😀", "𠀀试点😀申请书.docx"),
    ],
)
def test_filename_is_safe(name: str, expected: str) -> None:
    app = Application.model_construct(cover=Application().cover.model_copy(update={"pilot_name": name}))
    assert docx_filename(app) == expected


def test_long_filename_fits_macos_limit() -> None:
    app = Application.model_validate({"cover": {"pilot_name": "很长的试点名称" * 40}})
    name = docx_filename(app)
    assert name.endswith("申请书.docx") and len(name.encode("utf-8")) <= 255


def largest_draft() -> dict[str, Any]:
    """Every field at its usual length, many stages and 参加单位."""

    def fill(model: type[BaseModel], prefix: str) -> dict[str, str]:
        out = {}
        for name, m in model_fields(model):
            if m.kind in ("yearmonth", "period"):
                out[name] = "2023-12"
            elif m.choices:
                out[name] = m.choices[0]
            else:
                # a stage beyond the advised lengths splits across pages, which check_docx cannot follow
                limit = m.advised_length if model is ScheduleRow and m.advised_length else m.max_length
                out[name] = (prefix + "标准化工作情况说明，" * 600)[:limit]
        return out

    draft: dict[str, Any] = {
        section: fill(Application.model_fields[section].annotation, f"{section}：")  # type: ignore[arg-type]
        for section in ("cover", "basic", "foundation", "goals", "funding")
    }
    draft["schedule"] = [fill(ScheduleRow, f"第{i + 1}阶段：") for i in range(MANY_STAGES)]
    draft["opinions"] = {
        "participants": [fill(Participant, f"参加单位{i + 1}：") for i in range(MANY_PARTICIPANTS)],
        "management_unit": "浙江省市场监督管理局",
    }
    return draft


def test_largest_form_reads_back_and_renders() -> None:
    app = Application.model_validate(largest_draft())
    assert len(app.schedule) == MANY_STAGES and len(app.foundation.conformity) == 6000
    result = check_docx(build_docx(app), app)
    assert_cover_on_one_page(result.pdf_text, "2023年12月")


def assert_cover_on_one_page(pdf_text: str, date: str) -> None:
    pages = pdf_text.split("\f")
    assert date in pages[0].replace(" ", "")  # the date line at the foot of the cover
    assert "填写说明" not in pages[0] and pages[1].lstrip().startswith("填写说明")


def test_instructions_page_is_verbatim(complete_app: Application) -> None:
    notice = (Path(__file__).parents[1] / "unit" / "golden" / "notice-source.txt").read_text(encoding="utf-8")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(build_docx(complete_app))).paragraphs]
    start = paragraphs.index(INSTRUCTIONS_TITLE)
    assert len(INSTRUCTIONS) == 5
    for item in INSTRUCTIONS:
        assert item in notice
        assert item in paragraphs[start:]
