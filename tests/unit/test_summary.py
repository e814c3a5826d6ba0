"""smpls.summary and smpls.summary_export (汇总推荐项目): rows from the named examples and generated drafts,
bad files, duplicates, and the CSV/XLSX/DOCX contents read back; the browser functions and the CLI."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from summary_samples import drafts
from unit_helpers import EXAMPLES, TODAY, cpython_only, load_example, real_batch

from smpls import browser, draft
from smpls.fields import model_fields
from smpls.model import SCHEMA_VERSION, BasicInfo, Cover
from smpls.notice import FACTS
from smpls.problems import ADVICE, ERROR
from smpls.summary import COLUMNS, MAX_FILES, Entry, check_file, duplicates, table
from smpls.summary_export import LAYOUT_NOTE, PROBLEMS_NOTE, title, to_csv, to_docx, to_xlsx

#: the list's title after the region, from the notice's facts (the batch it is for)
LIST_TITLE = f"{FACTS.batch}社会管理和公共服务综合标准化试点推荐项目清单"


def entries(files: list[tuple[str, bytes]]) -> list[Entry]:
    return [check_file(name, data, today=TODAY) for name, data in files]


def csv_rows(data: bytes) -> list[list[str]]:
    """The rows of an exported CSV, without its last line, which must be the note on the layout."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[-1] in ([LAYOUT_NOTE], [PROBLEMS_NOTE]), rows[-1]
    return rows[:-1]


# ---------------------------------------------------------------- columns and rows


def test_columns_take_their_labels_from_the_model() -> None:
    cover = dict(model_fields(Cover))
    labels = {c.key: c.label for c in COLUMNS}
    assert labels["pilot_name"] == cover["pilot_name"].label
    assert labels["undertaking_unit"] == cover["undertaking_unit"].label
    assert labels["guarantor_unit"] == cover["guarantor_unit"].label
    assert labels["guidance_unit"] == cover["guidance_unit"].label
    assert labels["phone"] == dict(model_fields(BasicInfo))["phone"].label
    assert labels["period"] == "试点时间" and labels["errors"] == ERROR and labels["advice"] == ADVICE
    assert [c.key for c in COLUMNS if c.official] == [
        "seq",
        "pilot_name",
        "undertaking_unit",
        "guarantor_unit",
        "guidance_unit",
        "period",
        "phone",
    ]


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_each_example_gives_the_row_and_counts_of_the_checker(name: str) -> None:
    data = (EXAMPLES / name).read_bytes()
    entry = check_file(name, data, today=TODAY)
    result = draft.load(data, today=TODAY)
    assert entry.readable and result.application is not None
    assert entry.counts == result.counts()
    assert entry.problems == tuple(p.to_dict() for p in result.problems)
    app = result.application
    assert entry.values["pilot_name"] == app.cover.pilot_name
    assert entry.values["phone"] == app.basic.phone
    start, end = app.cover.period_start, app.cover.period_end
    assert entry.values["period"] == (f"{start}至{end}" if start or end else "")


def test_rows_of_generated_drafts_in_order() -> None:
    listed = entries(drafts(30))
    heading, rows = table(listed)
    assert heading == [c.label for c in COLUMNS]
    assert [r[0] for r in rows] == list(range(1, 31))
    assert [r[1] for r in rows] == [f"示例{i:03d}市政务服务综合标准化试点" for i in range(1, 31)]
    assert [r[-3] for r in rows] == [1 if i % 5 == 0 else 0 for i in range(1, 31)]
    assert [r[-1] for r in rows] == [f"申请书-{i:03d}.json" for i in range(1, 31)]
    assert sum(e.counts.get(ERROR, 0) for e in listed) == 6 and not any(e.counts.get(ADVICE) for e in listed)


def test_unreadable_files_are_left_out_of_the_list_and_numbering() -> None:
    listed = entries([*drafts(2), ("空.json", b"")])
    listed.insert(1, listed.pop())
    _, rows = table(listed)
    assert [r[0] for r in rows] == [1, 2] and [r[-1] for r in rows] == ["申请书-001.json", "申请书-002.json"]
    assert sum(not e.readable for e in listed) == 1


# ---------------------------------------------------------------- bad input

BAD = [
    ("empty", b"", "文件是空的"),
    ("not an application", json.dumps({"name": "x", "rows": [1, 2]}).encode(), "不是申请书草稿"),
    ("a list", b"[1, 2, 3]", "不是申请书草稿"),
    ("newer version", json.dumps({"schema_version": SCHEMA_VERSION + 1}).encode(), "更新版本"),
    ("not JSON", b"\xff\xfe\x00garbage", "不是 UTF-8"),
    ("truncated", b'{"cover": {"pilot_name": "x"', "格式错误"),
    ("deep nesting", b"[" * 20000 + b"]" * 20000, "嵌套太深"),
    ("too large", b'{"x": "' + b"a" * (3 * 1024 * 1024) + b'"}', "文件太大"),
    ("a zip", b"PK\x03\x04" + b"\x00" * 40, "压缩包"),
    ("proto", b'{"__proto__": {"polluted": 1}, "constructor": {}}', "不是申请书草稿"),
]


@pytest.mark.parametrize(("case", "data", "says"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_file_gets_a_reason_and_never_raises(case: str, data: bytes, says: str) -> None:
    entry = check_file(f"{case}.json", data)
    assert not entry.readable
    assert says in entry.reason


def test_a_bad_file_among_good_ones_stops_nothing() -> None:
    files = drafts(3)
    files.insert(1, ("坏.json", b"{"))
    listed = entries(files)
    assert [e.readable for e in listed] == [True, False, True, True]


def test_the_file_limit_is_stated() -> None:
    from smpls.summary import too_many_message

    assert f"最多 {MAX_FILES} 个" in too_many_message(1200, MAX_FILES)
    assert "没有读取" in too_many_message(5, 0)


# ---------------------------------------------------------------- duplicates


def test_duplicate_names_units_and_files() -> None:
    listed = entries(drafts(4, duplicate=True))
    variant = json.loads(drafts(2)[1][1])
    variant["cover"]["undertaking_unit"] = " 示例００２市 政务服务管理局"  # full-width digits and spaces
    listed.append(check_file("变体.json", json.dumps(variant, ensure_ascii=False).encode()))
    listed.append(check_file("副本.json", drafts(3)[2][1]))
    found = {(d.kind, d.rows) for d in duplicates(listed)}
    assert ("pilot_name", (0, 3)) in found
    assert ("undertaking_unit", (1, 4)) in found
    assert ("file", (2, 5)) in found
    messages = " ".join(d.message for d in duplicates(listed))
    assert "“申请书-001.json”、“申请书-004.json”" in messages and "内容完全相同" in messages


def test_blank_names_and_unreadable_files_are_not_duplicates() -> None:
    empty = load_example("empty.json")
    listed = [
        check_file("a.json", json.dumps(empty).encode()),
        check_file("b.json", json.dumps({**empty, "basic": {"unit_name": "x"}}).encode()),
        check_file("c.json", b"{"),
        check_file("d.json", b"[1]"),
    ]
    assert duplicates(listed) == []


# ---------------------------------------------------------------- exports read back


def test_csv_has_a_bom_crlf_and_every_row() -> None:
    listed = entries(drafts(5))
    data = to_csv(listed)
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = csv_rows(data)
    heading, expected = table(listed)
    assert rows == [heading, *[[str(v) for v in r] for r in expected]]


def hostile_entry() -> Entry:
    data = load_example("complete.json")
    data["cover"]["pilot_name"] = '=HYPERLINK("http://example.invalid","点我")'
    data["cover"]["undertaking_unit"] = "+1+1"
    data["cover"]["guarantor_unit"] = "@SUM(A1)"
    data["cover"]["guidance_unit"] = "<b>&amp;</b>\u202e\U00020000😀"
    return check_file("恶意.json", json.dumps(data, ensure_ascii=False).encode())


def test_csv_defuses_formulas() -> None:
    row = csv_rows(to_csv([hostile_entry()]))[1]
    assert row[1].startswith("'=") and row[2] == "'+1+1" and row[3] == "'@SUM(A1)"


def test_xlsx_read_back_with_openpyxl() -> None:
    from openpyxl import load_workbook

    listed = [*entries(drafts(3)), hostile_entry()]
    book = load_workbook(io.BytesIO(to_xlsx(listed, region="浙江省")))
    sheet = book.active
    assert sheet is not None and sheet.title == "推荐项目清单"
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    heading, expected = table(listed)
    assert values == [heading, *expected]
    assert all(cell.data_type == "s" for cell in sheet[5][1:7])  # never a formula
    assert book.properties.title == title("浙江省")


def test_docx_title_table_and_landscape() -> None:
    listed = entries(drafts(3))
    data = to_docx(listed, region="浙江省", office="浙江省市场监督管理局")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert f"浙江省{LIST_TITLE}" in xml
    assert "浙江省市场监督管理局" in xml and 'w:orient="landscape"' in xml
    assert all(f"示例{i:03d}市政务服务综合标准化试点" in xml for i in (1, 2, 3))
    assert "申请书-001.json" not in xml  # the printed list has the official columns only


def test_title_from_the_notice() -> None:
    assert title("") == f"××省（区、市）{LIST_TITLE}"
    assert title("  新疆生产建设兵团 ") == f"新疆生产建设兵团{LIST_TITLE}"


# ---------------------------------------------------------------- browser functions


def test_browser_check_skips_content_already_listed() -> None:
    files = drafts(3)
    first = json.loads(browser.summary_check(json.dumps({"names": ["a.json"]}), [files[0][1]]))
    known = [{"hash": first["entries"][0]["hash"], "file": "a.json"}]
    meta = json.dumps({"names": ["b.json", "c.json", "d.json"], "known": known})
    result = json.loads(browser.summary_check(meta, [files[0][1], files[1][1], files[1][1]]))
    assert result["entries"][0] is None and result["entries"][2] is None
    assert result["entries"][1]["values"]["pilot_name"] == "示例002市政务服务综合标准化试点"
    assert result["notes"] == [
        "“b.json”与列表中的“a.json”内容完全相同，没有重复添加。",
        "“d.json”与列表中的“c.json”内容完全相同，没有重复添加。",
    ]


def test_browser_duplicates_and_exports_round_trip() -> None:
    files = drafts(4, duplicate=True)
    checked = json.loads(browser.summary_check(json.dumps({"names": [n for n, _ in files]}), [d for _, d in files]))
    payload = {"entries": checked["entries"]}
    dups = json.loads(browser.summary_duplicates(json.dumps(payload)))["duplicates"]
    assert [(d["kind"], d["rows"]) for d in dups] == [("pilot_name", [0, 3])]
    csv_data = browser.summary_export(json.dumps({**payload, "format": "csv"}))
    assert csv_rows(csv_data) == csv_rows(to_csv(entries(files)))
    assert browser.summary_export(json.dumps({**payload, "format": "xlsx"}))[:2] == b"PK"
    docx_data = browser.summary_export(json.dumps({**payload, "format": "docx", "date": "2021-12-15"}))
    assert "2021年12月15日" in zipfile.ZipFile(io.BytesIO(docx_data)).read("word/document.xml").decode()
    with pytest.raises(ValueError, match="未知的导出格式"):
        browser.summary_export(json.dumps({**payload, "format": "pdf"}))


@pytest.mark.parametrize("junk", ["", "null", "[]", '{"entries": 5}', '{"entries": [1, null, {"values": 3}]}'])
def test_browser_functions_take_junk(junk: str) -> None:
    assert json.loads(browser.summary_duplicates(junk)) == {"duplicates": [], "outside": []}
    assert json.loads(browser.summary_check(junk, [])) == {"entries": [], "notes": []}
    entries_part = json.loads(junk).get("entries") if junk.startswith("{") else None
    data = browser.summary_export(json.dumps({"format": "csv", "entries": entries_part}))
    assert csv_rows(data)[0] == [c.label for c in COLUMNS]


# ---------------------------------------------------------------- command line


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "smpls", "summary", *args, "--today", TODAY.isoformat()]
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", check=False)


@cpython_only
def test_cli_over_a_folder_gives_the_rows_and_exit_codes(tmp_path: Path) -> None:
    folder = tmp_path / "收到"
    (folder / "子目录").mkdir(parents=True)
    files = drafts(6, duplicate=True)
    for name, data in files[:4]:
        (folder / name).write_bytes(data)
    for name, data in files[4:]:
        (folder / "子目录" / name).write_bytes(data)
    (folder / "说明.txt").write_text("不是草稿", encoding="utf-8")
    out = tmp_path / "清单.csv"
    result = run_cli(str(folder), str(folder / files[0][0]), "-o", str(out))
    assert result.returncode == 1, result.stderr  # 申请书-005 has an 错误
    rows = csv_rows(out.read_bytes())
    expected = sorted([n for n, _ in files[:4]] + [f"子目录/{n}" for n, _ in files[4:]])  # by path, as the page
    assert [r[-1] for r in rows[1:]] == expected and expected[0].startswith("子目录/")
    assert "已在列表中" in result.stderr and "出现了 2 次" in result.stderr
    assert result.stdout.splitlines()[0].split("\t") == [c.label for c in COLUMNS]

    (folder / "空.json").write_bytes(b"")
    for suffix in ("xlsx", "docx"):
        result = run_cli(str(folder), "-o", str(tmp_path / f"清单.{suffix}"), "--region", "浙江省")
        assert result.returncode == 2 and "文件是空的" in result.stderr
        assert (tmp_path / f"清单.{suffix}").read_bytes()[:2] == b"PK"


@cpython_only
def test_cli_500_files(tmp_path: Path) -> None:
    for name, data in drafts(500):
        (tmp_path / name).write_bytes(data)
    result = run_cli(str(tmp_path))
    assert len(result.stdout.splitlines()) == 501


@pytest.mark.parametrize("name", ["smpls.summary", pytest.param("smpls.summary_export", marks=real_batch)])
def test_doctests(name: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


# ---------------------------------------------------------------- Word files, limits, unread text


def docx_of(name: str = "complete.json") -> bytes:
    from smpls.docx import build_docx
    from smpls.model import Application

    return build_docx(Application.model_validate(load_example(name)))


def test_a_3_mb_word_file_is_read_by_the_word_readers_limit() -> None:
    import random

    from smpls.docx import container

    picture = random.Random(0).randbytes(3 * 1024 * 1024)  # does not compress: the file stays over 3 MB
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_of())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        dst.writestr("word/media/image1.png", picture)
    data = out.getvalue()
    assert draft.MAX_BYTES < len(data) < container.MAX_FILE_BYTES
    entry = check_file("盖了章的扫描件.docx", data, today=TODAY)
    assert entry.readable and entry.kind == "docx", entry.reason
    assert entry.values["pilot_name"] == load_example("complete.json")["cover"]["pilot_name"]


def test_a_file_over_its_readers_limit_says_so_with_its_real_size() -> None:
    head = docx_of()[:8]
    entry = check_file("大.docx", head, size=12 * 1024 * 1024)  # the page sends only the first bytes
    assert not entry.readable and "12.0 MB" in entry.reason and "最大可读取 10 MB" in entry.reason
    entry = check_file("大.json", b"{" * 10, size=3 * 1024 * 1024)
    assert not entry.readable and "最大可读取 2 MB" in entry.reason


OLE = bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504
PDF = b"%PDF-1.7\n\xe2\xe3\xcf\xd3\n"


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("旧版.doc", OLE, "另存为"),
        ("金山.wps", OLE, "另存为"),
        ("改了扩展名.docx", OLE, "另存为"),
        ("改了扩展名.json", OLE, "另存为"),
        ("扫描件.pdf", PDF, "PDF"),
        ("扫描件.json", PDF, "PDF"),
    ],
)
def test_old_word_wps_and_pdf_files_get_the_word_readers_explanation(name: str, data: bytes, says: str) -> None:
    from smpls.docx.container import DocxError, open_docx

    entry = check_file(name, data)
    with pytest.raises(DocxError) as form_says:  # what the form's Word import says of the same file
        open_docx(data)
    assert not entry.readable and entry.reason == str(form_says.value)
    assert says in entry.reason and "UTF-8" not in entry.reason


def test_text_the_word_reader_could_not_place_is_kept_per_row() -> None:
    data = docx_of()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    xml = xml.replace("负责人（签名）：", "负责人（签名）：周明远", 1)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, xml if info.filename == "word/document.xml" else src.read(info.filename))
    entry = check_file("签了名.docx", out.getvalue(), today=TODAY)
    assert any("周明远" in text for text in entry.unplaced)
    again = Entry.from_dict(json.loads(json.dumps(entry.to_dict())))
    assert again is not None and again.unplaced == entry.unplaced and again.problems == entry.problems


# ---------------------------------------------------------------- the Word list and 审核通过后


def test_word_list_leaves_out_applications_with_errors_and_says_how_many() -> None:
    listed = entries(drafts(10))  # 申请书-005 and -010 have no 联系电话: one 错误 each
    xml = zipfile.ZipFile(io.BytesIO(to_docx(listed))).read("word/document.xml").decode("utf-8")
    assert "示例004市" in xml and "示例005市" not in xml and "示例010市" not in xml
    assert "共 8 项。另有 2 份申请书存在错误，没有列入本清单" in xml
    _, rows = table(listed, official=True, with_errors=False)
    assert [r[0] for r in rows] == list(range(1, 9))


def test_word_list_with_errors_lists_them_marked() -> None:
    from smpls.summary import ERROR_MARK

    listed = entries(drafts(5))
    xml = zipfile.ZipFile(io.BytesIO(to_docx(listed, with_errors=True))).read("word/document.xml").decode("utf-8")
    assert (
        f"示例005市政务服务综合标准化试点{ERROR_MARK}" in xml
        and f"示例004市政务服务综合标准化试点{ERROR_MARK}" not in xml
    )
    assert "共 5 项，其中 1 项" in xml and "另有" not in xml


def test_every_export_says_its_layout_is_the_sites_suggestion() -> None:
    from openpyxl import load_workbook

    listed = entries(drafts(3))
    assert csv_rows(to_csv(listed))  # (csv_rows asserts the last line is the note)
    book = load_workbook(io.BytesIO(to_xlsx(listed)))
    assert [r[0] for r in book["说明"].iter_rows(values_only=True)][1] == LAYOUT_NOTE
    assert book.active is not None and LAYOUT_NOTE in book.active.oddFooter.left.text
    assert LAYOUT_NOTE in zipfile.ZipFile(io.BytesIO(to_docx(listed))).read("word/document.xml").decode("utf-8")
    assert "通知没有规定" in LAYOUT_NOTE


def test_a_member_unit_gets_its_own_name_in_the_title() -> None:
    listed = entries(drafts(2))
    xml = zipfile.ZipFile(io.BytesIO(to_docx(listed, member="民政部"))).read("word/document.xml").decode("utf-8")
    assert f"民政部{LIST_TITLE}" in xml and "××省" not in xml


# ---------------------------------------------------------------- 本区域内


def with_province(i: int, province: str) -> Entry:
    from summary_samples import draft as make_draft

    data = make_draft(i)
    data["basic"]["reg_province"] = province
    return check_file(f"申请书-{i}.json", json.dumps(data, ensure_ascii=False).encode(), today=TODAY)


def test_an_application_registered_outside_the_region_gets_a_hint() -> None:
    from smpls.summary import outside_region

    listed = [
        with_province(1, "浙江省"),
        with_province(2, "江苏 省(市) 南京市"),
        with_province(3, ""),
        with_province(4, "浙江"),
    ]
    found = outside_region(listed, "浙江省")
    assert [(o.row, o.province) for o in found] == [(1, "江苏省")]
    assert "不在浙江省" in found[0].message and "本区域内" in found[0].message and found[0].basis == "通知三"
    assert outside_region(listed, "") == [] and outside_region(listed, "××省（区、市）") == []
    payload = {"entries": [e.to_dict() for e in listed], "region": "浙江省"}
    assert len(json.loads(browser.summary_duplicates(json.dumps(payload)))["outside"]) == 1
    member = {**payload, "member": "民政部"}  # a 成员单位 recommends from every region
    assert json.loads(browser.summary_duplicates(json.dumps(member)))["outside"] == []


# ---------------------------------------------------------------- the 问题清单


def test_problem_list_gives_each_applications_problems_with_their_basis() -> None:
    from smpls.summary import PROBLEM_HEADING, problem_rows
    from smpls.summary_export import problems_csv, problems_docx

    listed = [*entries(drafts(5)), check_file("坏.json", b"{")]
    found = problem_rows(listed)
    expected = draft.load(drafts(5)[4][1], today=TODAY).problems
    mine = [r for r in found if r.file == "申请书-005.json"]
    assert [(r.level, r.message, r.basis) for r in mine] == [(p.level, p.message, p.basis) for p in expected]
    assert mine[0].where == "联系电话" and mine[0].seq == 5
    rows = csv_rows(problems_csv(listed))
    assert rows[0] == list(PROBLEM_HEADING) and len(rows) == 1 + len(found)
    xml = zipfile.ZipFile(io.BytesIO(problems_docx(listed, region="浙江省"))).read("word/document.xml").decode()
    assert "浙江省推荐项目问题清单" in xml and "5. 示例005市政务服务综合标准化试点" in xml and "未发现问题" in xml
    assert "坏.json" not in xml  # an unreadable file has no application to send back to
    assert all(t in xml for t in ("级别", "栏目", "问题", "依据", expected[0].message, expected[0].basis))
    # (python-docx reads the tables back in tests/docx/test_summary_docx.py)
    data = browser.summary_export(json.dumps({"format": "problems", "entries": [e.to_dict() for e in listed]}))
    assert "示例005市" in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")


@cpython_only
def test_cli_word_list_options_and_the_problem_list(tmp_path: Path) -> None:
    for name, data in drafts(5):
        (tmp_path / name).write_bytes(data)
    out, problems = tmp_path / "清单.docx", tmp_path / "问题清单.docx"
    result = run_cli(str(tmp_path), "-o", str(out), "--problems", str(problems), "--member", "民政部")
    assert result.returncode == 1
    assert "另有 1 份申请书存在错误，没有列入本清单" in result.stderr
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert f"民政部{FACTS.batch}" in xml and "示例005市" not in xml
    assert "联系电话" in zipfile.ZipFile(problems).read("word/document.xml").decode("utf-8")
    result = run_cli(str(tmp_path), "-o", str(out), "--with-errors", "--region", "江苏省")
    assert "示例005市政务服务综合标准化试点（有错误）" in zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert result.stderr.count("不在江苏省") == 5  # the samples are registered in 浙江
