"""smpls.docx.reader: a 申请书 read back from its DOCX (CPython and Pyodide; no python-docx here).

Edits are made on the document's XML text, as a person's edit in Word would change it; tests/docx repeats
them with python-docx and LibreOffice.
"""

from __future__ import annotations

import doctest
import io
import json
import random
import re
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from unit_helpers import EXAMPLES, load_example, real_batch

import smpls.docx as smpls_docx
from smpls import browser
from smpls.docx import build_docx
from smpls.docx import ooxml as o
from smpls.docx import reader as reader_module
from smpls.docx.layout import build
from smpls.docx.reader import DocxError, read_docx, split_range
from smpls.model import Application, ScheduleRow

EXAMPLE_NAMES = sorted(p.name for p in EXAMPLES.glob("*.json"))


def app_of(name: str) -> Application:
    return Application.model_validate(load_example(name))


def dump(app: Application) -> dict[str, Any]:
    return app.model_dump(mode="json")


def document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("word/document.xml").decode("utf-8")


def replace_parts(data: bytes, **parts: bytes | str) -> bytes:
    """``data`` with some parts replaced or added (keys use ``__`` for ``/``: word__document.xml)."""
    new = {k.replace("__", "/"): v.encode() if isinstance(v, str) else v for k, v in parts.items()}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, new.pop(info.filename, None) or src.read(info.filename))
        for name, content in new.items():
            dst.writestr(name, content)
    return out.getvalue()


def edit(data: bytes, change: Callable[[str], str]) -> bytes:
    xml = document_xml(data)
    changed = change(xml)
    assert changed != xml, "the edit did not apply"
    return with_document(data, changed)


def with_document(data: bytes, xml: str) -> bytes:
    return replace_parts(data, **{"word__document.xml": xml})


def complete_docx() -> bytes:
    return build_docx(app_of("complete.json"))


@pytest.mark.parametrize("module", [reader_module, smpls_docx], ids=["reader", "docx"])
def test_doctests(module: Any) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_example_round_trips_exactly(name: str) -> None:
    app = app_of(name)
    result = read_docx(build_docx(app))
    assert result.draft == dump(app)
    assert result.embedded and result.changed == () and result.unplaced == ()


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_visible_document_alone_reads_every_example(name: str) -> None:
    """Without the embedded copy (e.g. after a trip through .odt), the labels alone give the draft, except for
    characters a DOCX cannot hold (problems.json has a control character)."""
    app = app_of(name)
    result = read_docx(build(app, embed_draft=False))
    assert not result.embedded and result.unplaced == ()
    want = json.loads(json.dumps(dump(app)).replace("\\u0007", ""))
    assert result.draft == want


@pytest.mark.parametrize("running", ["已运行 1 年 3 个月", "2020年9月", "两年"])
def test_standard_system_running_as_a_month_or_a_length(running: str) -> None:
    data = load_example("complete.json")
    data["basic"]["std_system_running"] = running
    app = Application.model_validate(data)
    assert read_docx(build(app, embed_draft=False)).draft["basic"]["std_system_running"] == app.basic.std_system_running


def test_untouched_download_keeps_what_the_document_cannot_show() -> None:
    app = app_of("problems.json")
    assert "\x07" in app.basic.industry
    assert read_docx(build_docx(app)).draft["basic"]["industry"] == app.basic.industry


# ---------------------------------------------------------------- edits in Word win over the embedded copy


def test_visible_edit_wins_and_is_listed_as_changed() -> None:
    data = edit(complete_docx(), lambda x: x.replace(">周明远<", ">周 明 远（代）<"))
    result = read_docx(data)
    assert result.draft["basic"]["legal_rep"] == "周 明 远（代）"
    assert result.changed == ("basic.legal_rep",)
    rest = dump(app_of("complete.json"))
    rest["basic"]["legal_rep"] = "周 明 远（代）"
    assert result.draft == rest


def test_deleted_stage_and_inserted_stage_are_listed() -> None:
    app = app_of("complete.json")
    rows = re.findall(r"<w:tr>(?:(?!</w:tr>).)*</w:tr>", document_xml(build_docx(app)))
    second = next(r for r in rows if "标准体系建立：梳理" in r)
    fourth = next(r for r in rows if "自查：对照" in r)
    inserted = second.replace("标准体系建立：梳理", "新增阶段：梳理")
    data = edit(build_docx(app), lambda x: x.replace(second, "").replace(fourth, inserted + fourth))
    result = read_docx(data)
    contents = [s["content"][:4] for s in result.draft["schedule"]]
    assert contents == ["宣传培训", "组织实施", "新增阶段", "自查：对", "申请评估"]
    assert "schedule.2" in result.changed and "schedule" in result.changed
    # the stages nobody touched keep their exact values
    assert result.draft["schedule"][0] == dump(app)["schedule"][0]


def test_split_runs_tabs_and_breaks_read_as_one_value() -> None:
    second_run = f"</w:t></w:r><w:r>{o.run_properties(size=10.5)}<w:t>"
    data = edit(
        complete_docx(),
        lambda x: x.replace(
            '<w:t xml:space="preserve">周明远</w:t>', "<w:t>周</w:t><w:tab/><w:t>明</w:t><w:br/><w:t>远</w:t>", 1
        ),
    )
    data = edit(data, lambda x: x.replace(">陈思敏<", f">陈思{second_run}敏<", 1))
    result = read_docx(data)
    assert result.draft["basic"]["legal_rep"] == "周 明 远"  # a tab and a break are blanks in one-line text
    assert result.draft["basic"]["std_lead_name"] == "陈思敏"
    assert result.changed == ("basic.legal_rep",)


def test_deleted_text_of_tracked_changes_is_not_read() -> None:
    data = edit(
        complete_docx(),
        lambda x: x.replace(
            ">周明远<", ">周明远</w:t></w:r><w:del><w:r><w:delText>旧名字</w:delText></w:r></w:del><w:r><w:t><", 1
        ),
    )
    assert read_docx(data).draft["basic"]["legal_rep"] == "周明远"


# ---------------------------------------------------------------- a look-alike written from scratch


def _cell(text: str, width: int = 2000, span: int = 1) -> str:
    return o.cell([o.paragraph(o.run(text))], width, span=span)


def look_alike() -> bytes:
    """A 申请书 typed by hand: spaced labels, broken labels, other widths and merges, dates as people write."""
    p = o.paragraph
    r = o.run
    body = [
        p(r("社会管理和公共服务综合标准化试点申请书")),
        p(r("试点名称：湖滨县养老服务综合标准化试点")),
        p(r("试 点 时 间：2022.3—2024.2")),
        o.table(
            [3000, 6000],
            [
                o.row([_cell("试点承担单位：", 3000), _cell("湖滨县民政局", 6000)]),
                o.row([_cell("试点保证单位", 3000), _cell("湖滨县人民政府", 6000)]),
            ],
        ),
        p(r("２０２１年１２月")),
        p(r("一、承担单位基本信息")),
        o.table(
            [1200, 2000, 1800, 4000],
            [
                o.row([_cell("单 位 名 称", 1200), _cell("湖滨县民政局", 3800, 2), _cell("组织机构代码", 4000)]),
                o.row([_cell("11330000MB1234567X", 9000, 4)]),  # the value below its label
                o.row(
                    [
                        _cell("法定代表人\n(负责人)", 1200),
                        _cell("王\t五", 2000),
                        _cell("邮  编", 1800),
                        _cell("３１４０００", 4000),
                    ]
                ),
                o.row(
                    [
                        _cell("标准体系建立时间", 1200),
                        _cell("2020年6月", 2000),
                        _cell("标准体系运行时间", 1800),
                        _cell("2020.09", 4000),
                    ]
                ),
            ],
        ),
        p(r("三、试点预期实现工作目标")),
        p(r("建立养老服务标准体系。")),
        p(r("实施率达到 100%。")),
        p(r("四、计划工作步骤、时间进度、阶段工作内容")),
        o.table(
            [2000, 5000, 2000],
            [
                o.row([_cell("时 间"), _cell("阶段工作内容", 5000), _cell("负责单位及参与单位")]),
                o.row([_cell("2022年3月至2022年6月"), _cell("宣传培训", 5000), _cell("湖滨县民政局")]),
                o.row([_cell("2022.7—12"), _cell("标准体系建立", 5000), _cell("湖滨县民政局")]),
            ],
        ),
        p(r("五、经费保障情况")),
        p(r("1、经费主要投入方向：标准研制。")),
        p(r("2. 经费来源（包括当地政府、有关单位经费投入等）")),
        p(r("县财政 50 万元。")),
        p(r("六、试点承担单位、参加单位、保证单位、业务指导单位及管理单位意见")),
        p(r("参加单位(盖章): 湖滨县卫生健康局")),
        p(r("参加单位（盖章）：湖滨县医疗保障局")),
        p(r("管理单位（盖章）：某省市场监督管理局")),
    ]
    return o.package(body, title="申请书")


@real_batch  # a table typed with the real batch's labels
def test_look_alike_is_read_by_its_labels() -> None:
    result = read_docx(look_alike())
    d = result.draft
    assert not result.embedded
    assert d["cover"] == {
        "pilot_name": "湖滨县养老服务综合标准化试点",
        "period_start": "2022-03",
        "period_end": "2024-02",
        "undertaking_unit": "湖滨县民政局",
        "guarantor_unit": "湖滨县人民政府",
        "guidance_unit": "",
        "filled_on": "2021-12",
    }
    assert d["basic"]["unit_name"] == "湖滨县民政局"
    assert d["basic"]["org_code"] == "11330000MB1234567X"
    assert d["basic"]["legal_rep"] == "王 五"
    assert d["basic"]["postcode"] == "３１４０００"
    assert (d["basic"]["std_system_established"], d["basic"]["std_system_running"]) == ("2020-06", "2020-09")
    assert d["goals"]["text"] == "建立养老服务标准体系。\n实施率达到 100%。"
    assert [(s["start"], s["end"], s["content"]) for s in d["schedule"]] == [
        ("2022-03", "2022-06", "宣传培训"),
        ("2022-07", "2022-12", "标准体系建立"),
    ]
    assert d["funding"] == {"directions": "标准研制。", "sources": "县财政 50 万元。"}
    assert [p["name"] for p in d["opinions"]["participants"]] == ["湖滨县卫生健康局", "湖滨县医疗保障局"]
    assert d["opinions"]["management_unit"] == "某省市场监督管理局"
    assert result.unplaced == ()


def test_period_in_two_lines() -> None:
    body = [o.paragraph(o.run(t)) for t in ("试点名称：某试点", "试点时间（起）：2022年3月", "试点时间(止)：2024.2")]
    body.append(o.paragraph(o.run("一、承担单位基本信息")))
    cover = read_docx(o.package(body, title="x")).draft["cover"]
    assert (cover["period_start"], cover["period_end"]) == ("2022-03", "2024-02")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2022年3月至2024年2月", ("2022年3月", "2024年2月")),
        ("2022.3—2024.2", ("2022.3", "2024.2")),
        ("2022-03~2022-06", ("2022-03", "2022-06")),
        ("２０２２年３月－２０２２年６月", ("2022年3月", "2022年6月")),
        ("—2022年6月", ("", "2022年6月")),
        ("2022年3月—", ("2022年3月", "")),
        ("明年春天", ("明年春天", "")),
    ],
)
def test_split_range(text: str, want: tuple[str, str]) -> None:
    assert split_range(text) == want


# ---------------------------------------------------------------- what cannot be placed


def test_text_outside_any_field_is_listed() -> None:
    data = edit(complete_docx(), lambda x: x.replace("负责人（签名）：", "负责人（签名）：周明远", 1))
    result = read_docx(data)
    assert any("负责人（签名）：周明远" in note for note in result.unplaced)


def test_every_stage_is_read() -> None:
    """The notice sets no number of stages: 45 are all read (only the document's size is limited)."""
    stage = {"start": "2022-03", "end": "2022-04", "content": "宣传培训", "units": "临湖市政务服务管理局"}
    app = Application.model_construct(**{**dict(app_of("complete.json")), "schedule": [ScheduleRow(**stage)] * 45})
    result = read_docx(build(app, embed_draft=False))
    assert len(result.draft["schedule"]) == 45
    assert not any("没有读取" in n for n in result.unplaced)


def test_heading_of_three_deleted_says_so_and_lists_the_text() -> None:
    data = edit(complete_docx(), lambda x: re.sub(r"<w:p>(?:(?!</w:p>).)*三、试点预期(?:(?!</w:p>).)*</w:p>", "", x))
    result = read_docx(data)
    assert any("三、试点预期实现工作目标" in n and "标题" in n for n in result.unplaced)
    assert any("标准体系建立：在现有体系基础上" in n for n in result.unplaced)


def test_tables_merged_into_one_are_still_read_by_label() -> None:
    """二's heading and the gap between the tables of 一 and 二 deleted: Word joins them into one table."""

    def merge(xml: str) -> str:
        xml = re.sub(r"<w:p>(?:(?!</w:p>).)*二、承担试点的工作基础(?:(?!</w:p>).)*</w:p>", "", xml)
        return re.sub(
            r"</w:tr></w:tbl><w:tbl>.*?</w:tblGrid>(<w:tr>(?:(?!</w:tbl>).)*现状及与试点)", r"</w:tr>\1", xml, count=1
        )

    app = app_of("complete.json")
    result = read_docx(edit(build(app, embed_draft=False), merge))
    assert result.draft["foundation"] == dump(app)["foundation"]
    assert result.draft["basic"] == dump(app)["basic"]


# ---------------------------------------------------------------- bad files


def zip_of(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    return out.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
BAD_FILES: dict[str, tuple[bytes, str]] = {
    "old .doc or renamed .wps": (OLE, "旧版 Word（.doc）或 WPS（.wps）"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF 文件"),
    "rtf": (b"{\\rtf1\\ansi hello}", "RTF"),
    "empty": (b"", "空的"),
    "json text": (b'{"schema_version": 1}', "不是 Word 文档"),
    "zip without a document": (zip_of({"a.txt": b"x"}), "没有 word/document.xml"),
    "odt": (zip_of({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<a/>"}), ".odt"),
    "truncated zip": (b"PK\x03\x04" + b"\0" * 100, "已损坏"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_file_gets_a_chinese_message(name: str) -> None:
    data, fragment = BAD_FILES[name]
    with pytest.raises(DocxError, match=re.escape(fragment)):
        read_docx(data)
    out = json.loads(browser.read_docx(data))
    assert out["draft"] is None and out["problems"][0]["level"] == "错误" and fragment in out["problems"][0]["message"]


def test_more_than_10_mb_is_refused_unread() -> None:
    with pytest.raises(DocxError, match="文件太大") as info:
        read_docx(b"PK\x03\x04" + b"\0" * (10 * 1024 * 1024))
    assert info.value.code == "too_large"


def test_a_3_mb_file_with_a_picture_is_read_without_inflating_the_picture() -> None:
    picture = random.Random(0).randbytes(3 * 1024 * 1024)  # (does not compress: the file stays over 3 MB)
    data = replace_parts(complete_docx(), **{"word__media__image1.png": picture})
    assert len(data) > 3 * 1024 * 1024
    assert read_docx(data).draft == dump(app_of("complete.json"))


def test_zip_bomb_part_is_stopped_at_its_limit() -> None:
    bomb = build_docx(Application())
    bomb = replace_parts(bomb, **{"word__document.xml": b"<a>" + b" " * (17 * 1024 * 1024) + b"</a>"})
    assert len(bomb) < 100_000
    with pytest.raises(DocxError, match="解压后超过 16 MB"):
        read_docx(bomb)


def test_zip_bomb_over_several_parts_is_stopped_by_the_total(monkeypatch: pytest.MonkeyPatch) -> None:
    from smpls.docx import container

    monkeypatch.setattr(container, "MAX_PART_BYTES", 1_000_000)
    monkeypatch.setattr(container, "MAX_TOTAL_BYTES", 2_500_000)
    filler = b"<a>" + b" " * 900_000 + b"</a>"
    data = replace_parts(complete_docx(), **{f"customXml__item{i}.xml": filler for i in range(2, 6)})
    with pytest.raises(DocxError, match="解压后超过"):
        read_docx(data)


def test_sizes_in_the_zip_header_are_not_trusted() -> None:
    """A header claiming a small document: the bytes really inflated are counted (zipfile stops at the claimed
    size and then fails the CRC), so the lie is caught either way."""
    data = bytearray(replace_parts(build_docx(Application()), **{"word__document.xml": b" " * (20 * 1024 * 1024)}))
    name = b"word/document.xml"
    for header, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := data.find(header, at)) >= 0:
            name_at = at + (30 if header == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                data[at + offset : at + offset + 4] = (1000).to_bytes(4, "little")
            at += 4
    with pytest.raises(DocxError):
        read_docx(bytes(data))


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    f'<w:document xmlns:w="{o.W_NS}"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>'
)
EXTERNAL = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    f'<w:document xmlns:w="{o.W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
)
PARAMETER = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY % p SYSTEM "http://example.invalid/x.dtd"> %p;]>'
    f'<w:document xmlns:w="{o.W_NS}"><w:body/></w:document>'
)


@pytest.mark.parametrize("xml", [LAUGHS, EXTERNAL, PARAMETER], ids=["billion laughs", "external", "parameter"])
def test_xml_with_a_dtd_is_refused(xml: str) -> None:
    with pytest.raises(DocxError, match="文档类型声明（DTD）"):
        read_docx(with_document(complete_docx(), xml))


def test_dtd_in_the_embedded_copy_is_ignored_and_the_document_read() -> None:
    data = replace_parts(complete_docx(), **{"customXml__item1.xml": LAUGHS.replace("w:document", "draft")})
    result = read_docx(data)
    assert not result.embedded and result.draft == dump(app_of("complete.json"))


@pytest.mark.parametrize(
    ("xml", "fragment"),
    [
        ("<w:document", "格式错误"),
        (f'<w:document xmlns:w="{o.W_NS}"><w:p>&undefined;</w:p></w:document>', "格式错误"),
        ("<other/>", "不是 Word 正文"),
    ],
)
def test_broken_document_xml(xml: str, fragment: str) -> None:
    with pytest.raises(DocxError, match=fragment):
        read_docx(with_document(complete_docx(), xml))


def test_other_document_without_the_labels_is_refused() -> None:
    body = [
        o.paragraph(o.run("会议纪要")),
        o.paragraph(o.run("参会人员：张三、李四")),
        o.table([9000], [o.row([_cell("议题")])]),
    ]
    with pytest.raises(DocxError, match="找不到申请书的栏目"):
        read_docx(o.package(body, title="会议纪要"))


def test_a_document_of_too_many_elements_is_refused_while_parsing() -> None:
    xml = f'<w:document xmlns:w="{o.W_NS}"><w:body>{"<w:p/>" * 400_001}</w:body></w:document>'
    with pytest.raises(DocxError, match="超过 400000 个元素"):
        read_docx(with_document(complete_docx(), xml))


def test_a_document_of_too_many_paragraphs_is_refused() -> None:
    xml = f'<w:document xmlns:w="{o.W_NS}"><w:body>{"<w:p/>" * 20_001}</w:body></w:document>'
    with pytest.raises(DocxError, match="文档太长"):
        read_docx(with_document(complete_docx(), xml))


def test_deeply_nested_tables_do_not_crash() -> None:
    inner = "<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    for _ in range(300):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl><w:p/>"
    xml = f'<w:document xmlns:w="{o.W_NS}"><w:body>{inner}</w:body></w:document>'
    with pytest.raises(DocxError, match="找不到申请书的栏目"):
        read_docx(with_document(complete_docx(), xml))


@pytest.mark.parametrize("value", [None, "text", 12, b"PK\x03\x04junk", bytearray(OLE), memoryview(b"%PDF")])
def test_browser_read_docx_never_raises(value: Any) -> None:
    out = json.loads(browser.read_docx(value))
    assert out["draft"] is None and out["counts"]["错误"] == 1
    assert set(out) == {"draft", "problems", "counts", "unplaced", "changed", "embedded"}
    assert {"path", "code", "level", "message", "basis", "basis_href"} == set(out["problems"][0])


def test_browser_read_docx_returns_the_draft_and_its_check() -> None:
    out = json.loads(browser.read_docx(build_docx(app_of("problems.json"))))
    assert out["draft"] == dump(app_of("problems.json"))
    assert out["embedded"] is True and out["changed"] == [] and out["unplaced"] == []
    assert out["counts"]["错误"] > 0 and out["problems"][0]["level"] in ("错误", "提示")
