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
from unit_helpers import EXAMPLES, TODAY, cpython_only, load_example

from smpls import browser, draft
from smpls.fields import model_fields
from smpls.model import SCHEMA_VERSION, BasicInfo, Cover
from smpls.problems import ADVICE, ERROR
from smpls.summary import COLUMNS, MAX_FILES, Entry, check_file, duplicates, table, total_counts
from smpls.summary_export import LAYOUT_NOTE, PROBLEMS_NOTE, title, to_csv, to_docx, to_xlsx


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
    assert total_counts(listed) == {ERROR: 6, ADVICE: 0, "无法读取": 0}


def test_unreadable_files_are_left_out_of_the_list_and_numbering() -> None:
    listed = entries([*drafts(2), ("空.json", b"")])
    listed.insert(1, listed.pop())
    _, rows = table(listed)
    assert [r[0] for r in rows] == [1, 2] and [r[-1] for r in rows] == ["申请书-001.json", "申请书-002.json"]
    assert total_counts(listed)["无法读取"] == 1


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
    assert "浙江省第八批社会管理和公共服务综合标准化试点推荐项目清单" in xml
    assert "浙江省市场监督管理局" in xml and 'w:orient="landscape"' in xml
    assert all(f"示例{i:03d}市政务服务综合标准化试点" in xml for i in (1, 2, 3))
    assert "申请书-001.json" not in xml  # the printed list has the official columns only


def test_title_from_the_notice() -> None:
    from smpls.notice import FACTS

    assert title("") == f"××省（区、市）{FACTS.batch}社会管理和公共服务综合标准化试点推荐项目清单"
    assert title("  新疆生产建设兵团 ").startswith("新疆生产建设兵团第八批")


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


@pytest.mark.parametrize("name", ["smpls.summary", "smpls.summary_export"])
def test_doctests(name: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
