"""The 汇总推荐项目 page (docs/summary.md), as a provincial office uses it: drop many files, read the table and
the problems, reorder, exclude, reload, export and read each download back, clear; axe, 390 px and print.
The drafts come from tests/unit/summary_samples.py; the columns from smpls.summary (never a second list)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import axe_violations, format_violations, screenshot
from playwright.sync_api import Page, expect

from smpls.model import SCHEMA_VERSION
from smpls.notice import FACTS
from smpls.problems import ADVICE, ERROR
from smpls.summary import COLUMNS
from smpls.summary_export import LAYOUT_NOTE

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "unit"))
from summary_samples import drafts  # noqa: E402 - after the path to tests/unit

READY_TIMEOUT = 120_000
ROWS = "[data-rows] tr.smpls-sum__row"
BAD_FILES = [
    ("空文件.json", b""),
    ("别的数据.json", json.dumps({"name": "不是申请书", "items": [1, 2, 3]}).encode()),
    ("新版本.json", json.dumps({"schema_version": SCHEMA_VERSION + 1, "cover": {}}).encode()),
]


def open_summary(page: Page, site_url: str, *, ready: bool = True) -> None:
    page.goto(site_url + "summary/")
    if ready:
        page.wait_for_selector('.smpls-status[data-state="ready"]', timeout=READY_TIMEOUT)


def drop(page: Page, files: list[tuple[str, bytes]]) -> None:
    """Drop files on the drop zone, as a person dragging them from the file manager."""
    page.evaluate(
        """(files) => {
            const dt = new DataTransfer();
            for (const [name, bytes] of files) {
                dt.items.add(new File([new Uint8Array(bytes)], name, {type: "application/json"}));
            }
            const zone = document.querySelector("[data-dropzone]");
            zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
            zone.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
        }""",
        [[name, list(data)] for name, data in files],
    )


def pick(page: Page, files: list[tuple[str, bytes]]) -> None:
    page.set_input_files(
        "#smpls-sum-files", files=[{"name": n, "mimeType": "application/json", "buffer": d} for n, d in files]
    )


def wait_rows(page: Page, n: int, timeout: int = 60_000) -> None:
    expect(page.locator(ROWS)).to_have_count(n, timeout=timeout)
    expect(page.locator("[data-progress]")).to_be_hidden(timeout=timeout)


def column(page: Page, key: str) -> list[str]:
    return page.locator(f'{ROWS} td[data-col="{key}"]').all_inner_texts()


def stored(page: Page) -> dict[str, Any]:
    return json.loads(page.evaluate("localStorage.getItem('smpls-summary')") or "null")


def download(page: Page, fmt: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.click(f'[data-export="{fmt}"]')
    path = info.value.path()
    return info.value.suggested_filename, Path(path).read_bytes()


@pytest.fixture
def thirty(page: Page, site_url: str) -> list[tuple[str, bytes]]:
    """The page with 30 generated drafts (the last repeating the first 试点名称) and 3 bad files dropped."""
    files = drafts(30, duplicate=True)
    open_summary(page, site_url)
    drop(page, files + BAD_FILES)
    wait_rows(page, 33)
    return files


def test_drop_30_drafts_and_3_bad_files(page: Page, thirty: list[tuple[str, bytes]]) -> None:
    headings = page.locator(".smpls-sum__table thead th").all_inner_texts()
    assert [h.split("，")[0].strip() for h in headings[:-1]] == [c.label for c in COLUMNS]
    # the 3 bad files each have a row saying why
    bad = page.locator(f"{ROWS}.smpls-sum__row--bad")
    expect(bad).to_have_count(3)
    texts = " ".join(bad.all_inner_texts())
    assert "文件是空的" in texts and "不是申请书草稿" in texts and "更新版本" in texts
    assert column(page, "seq") == [str(i) for i in range(1, 31)]
    # every fifth draft has no 联系电话: one 错误 each
    assert column(page, "errors") == ["1" if i % 5 == 0 else "0" for i in range(1, 31)]
    counts = page.locator("[data-counts]").inner_text()
    assert "共 33 个文件" in counts and "列入清单 30 项" in counts and "无法读取 3 个" in counts
    assert f"{ERROR} 6 个" in counts
    dups = page.locator("[data-dups]")
    expect(dups).to_be_visible()
    assert "示例001市政务服务综合标准化试点" in dups.inner_text() and "申请书-030.json" in dups.inner_text()
    expect(page.locator(f"{ROWS}.smpls-sum__row--dup")).to_have_count(2)
    screenshot(page, "summary-30-rows")


def test_a_row_opens_its_problems_with_their_basis(page: Page, thirty: list[tuple[str, bytes]]) -> None:
    row = page.locator(ROWS).filter(has_text="申请书-005.json")  # no 联系电话
    row.get_by_role("button", name="问题").click()
    detail = page.locator(".smpls-sum__detail")
    expect(detail).to_have_count(1)
    assert "联系电话" in detail.inner_text() and ERROR in detail.inner_text()
    problem = json.loads(thirty[4][1])  # the same draft, checked by Python on CPython
    from smpls import draft as draft_module

    expected = draft_module.load(json.dumps(problem)).problems[0].to_dict()
    assert expected["message"] in detail.inner_text()
    if expected.get("basis"):  # contract 1 (trust-core): 依据 with its link
        assert f"依据：{expected['basis']}" in detail.inner_text()
    expect(row.get_by_role("button", name="问题")).to_have_attribute("aria-expanded", "true")


def test_same_file_twice_is_kept_once(page: Page, site_url: str) -> None:
    files = drafts(3)
    open_summary(page, site_url)
    pick(page, files)
    wait_rows(page, 3)
    pick(page, [("改了名字.json", files[1][1]), files[0]])
    notes = page.locator("[data-notes]")
    expect(notes).to_contain_text("与列表中的“申请书-002.json”内容完全相同")
    expect(notes).to_contain_text("“申请书-001.json”已在列表中")
    wait_rows(page, 3)


def test_reorder_exclude_and_reload(page: Page, site_url: str) -> None:
    open_summary(page, site_url)
    pick(page, drafts(4))
    wait_rows(page, 4)
    page.get_by_role("button", name="上移：示例003市政务服务综合标准化试点").click()
    page.get_by_role("button", name="排除：示例001市政务服务综合标准化试点").click()
    names = ["示例001市", "示例003市", "示例002市", "示例004市"]
    assert [n[:6] for n in column(page, "pilot_name")] == names
    assert column(page, "seq") == ["已排除", "1", "2", "3"]
    page.reload()
    wait_rows(page, 4)
    assert [n[:6] for n in column(page, "pilot_name")] == names
    assert column(page, "seq") == ["已排除", "1", "2", "3"]
    expect(page.locator('[data-note="restored"]')).to_contain_text("已恢复上次的列表（4 个文件")
    page.get_by_role("button", name="恢复：示例001市政务服务综合标准化试点").click()
    assert column(page, "seq") == ["1", "2", "3", "4"]


def test_sort_by_a_column(page: Page, site_url: str) -> None:
    open_summary(page, site_url)
    pick(page, drafts(6))
    wait_rows(page, 6)
    page.click('[data-sort="errors"]')
    expect(page.locator('th[data-col="errors"]')).to_have_attribute("aria-sort", "ascending")
    assert column(page, "errors")[-1] == "1"
    page.click('[data-sort="errors"]')
    assert column(page, "errors")[0] == "1" and column(page, "file")[0] == "申请书-005.json"
    assert stored(page)["entries"][0]["file"] == "申请书-005.json"


def test_exports_read_back_and_match_the_cli(page: Page, site_url: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from docx import Document

    files = drafts(8, duplicate=True) + BAD_FILES[:1]
    open_summary(page, site_url)
    pick(page, files)
    wait_rows(page, 9)
    page.get_by_role("button", name="排除：示例002市政务服务综合标准化试点").click()
    page.fill("#smpls-sum-region", "浙江省")
    page.fill("#smpls-sum-office", "浙江省市场监督管理局")
    kept = [n for n in column(page, "pilot_name") if n]
    kept.remove("示例002市政务服务综合标准化试点")
    kept = [k.removeprefix("可能重复").strip() for k in kept]

    name, data = download(page, "csv")
    assert name == "推荐项目清单.csv" and data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows.pop() == [LAYOUT_NOTE]  # the last line says the layout is the site's suggestion
    assert rows[0] == [c.label for c in COLUMNS]
    assert [r[1] for r in rows[1:]] == kept and [r[0] for r in rows[1:]] == [str(i) for i in range(1, 8)]

    name, data = download(page, "xlsx")
    assert name == "推荐项目清单.xlsx"
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    values = [[("" if v is None else str(v)) for v in r] for r in sheet.iter_rows(values_only=True)]
    assert values == rows

    name, data = download(page, "docx")
    assert name == "推荐项目清单.docx"
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"浙江省{FACTS.batch}社会管理和公共服务综合标准化试点推荐项目清单" in text and "浙江省市场监督管理局" in text
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == [c.label for c in COLUMNS if c.official]
    # the Word list (报送) leaves out 申请书-005, which has an 错误 (no 联系电话)
    assert [r.cells[1].text for r in table.rows[1:]] == [k for k in kept if not k.startswith("示例005市")]

    # the CLI over a folder of the same files, in the same order, gives the same rows
    folder = tmp_path / "收到的申请书"
    folder.mkdir()
    for n, d in files:
        (folder / n).write_bytes(d)
    out = tmp_path / "清单.csv"
    cmd = [sys.executable, "-m", "smpls", "summary", str(folder), "-o", str(out)]
    result = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 2, result.stderr  # one unreadable file
    cli_rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    page.get_by_role("button", name="恢复：示例002市政务服务综合标准化试点").click()
    _, data = download(page, "csv")
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig")))) == cli_rows
    assert "示例001市政务服务综合标准化试点”出现了 2 次" in result.stderr


def test_clear_asks_first(page: Page, site_url: str) -> None:
    open_summary(page, site_url)
    pick(page, drafts(2))
    wait_rows(page, 2)
    page.click('[data-action="clear"]')
    page.locator("#smpls-sum-clear-dialog").get_by_role("button", name="取消").click()
    wait_rows(page, 2)
    page.click('[data-action="clear"]')
    page.locator("#smpls-sum-clear-dialog").get_by_role("button", name="清空", exact=True).click()
    wait_rows(page, 0)
    assert stored(page) is None
    page.reload()
    wait_rows(page, 0)


def test_no_store_choice_keeps_nothing(page: Page, site_url: str) -> None:
    open_summary(page, site_url)
    page.check("#smpls-sum-no-store")
    pick(page, drafts(2))
    wait_rows(page, 2)
    assert stored(page) is None
    assert page.evaluate("localStorage.getItem('smpls-no-store')") == "1"


def test_500_files_at_once(page: Page, site_url: str) -> None:
    files = drafts(500)
    open_summary(page, site_url)
    pick(page, files[:2])
    wait_rows(page, 2)
    pick(page, files)  # the first two are already in the list
    expect(page.locator("[data-progress] p")).to_contain_text("/ 500 个文件")  # a progress indicator
    wait_rows(page, 500, timeout=300_000)
    expect(page.locator("[data-notes]")).to_contain_text("已添加 498 个文件")


def test_axe_390px_and_print(page: Page, site_url: str, thirty: list[tuple[str, bytes]]) -> None:
    page.locator(ROWS).filter(has_text="申请书-005.json").get_by_role("button", name="问题").click()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "summary-390")
    page.emulate_media(media="print")
    for hidden in [".md-sidebar", ".smpls-sum__ops", "[data-dups]", ".smpls-sum__drop", ".smpls-sum__export"]:
        assert page.locator(hidden).first.is_hidden(), hidden
    expect(page.locator(".smpls-sum__table")).to_be_visible()
    expect(page.locator(f"{ROWS}.smpls-sum__row--bad").first).to_be_hidden()
    visible = page.locator(f'{ROWS} td[data-col="seq"]:visible')
    expect(visible).to_have_count(30)
    page.set_viewport_size({"width": 1123, "height": 794})
    screenshot(page, "summary-print")
    assert ADVICE  # (levels come from smpls.rules)


def test_hostile_text_stays_text(page: Page, site_url: str) -> None:
    payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>'
    data = json.loads(drafts(1)[0][1])
    data["cover"]["pilot_name"] = payload
    data["cover"]["undertaking_unit"] = '=HYPERLINK("http://example.invalid")'
    data["cover"]["guarantor_unit"] = "𠀀😀\u202e" + "长" * 5000
    hostile = [("恶意.json", json.dumps(data, ensure_ascii=False).encode()), ("深.json", b"[" * 20000 + b"]" * 20000)]
    open_summary(page, site_url)
    pick(page, hostile)
    wait_rows(page, 2)
    assert page.locator("[data-rows] img, [data-rows] script").count() == 0
    assert payload in column(page, "pilot_name")[0]
    assert page.evaluate("window.__xss") is None
    expect(page.locator(f"{ROWS}.smpls-sum__row--bad")).to_contain_text("嵌套太深")
    _, data_csv = download(page, "csv")
    assert csv.reader(io.StringIO(data_csv.decode("utf-8-sig"))).__next__()[0] == "序号"
    assert "'=HYPERLINK" in data_csv.decode("utf-8-sig")


# ---------------------------------------------------------------- Word files, the Word list, the 问题清单


def docx_file(name: str, *, picture_mb: int = 0, signed: str = "") -> tuple[str, bytes]:
    """The site's Word 申请书 for examples/complete.json, with an incompressible picture of ``picture_mb`` MB, and
    ``signed`` written after “负责人（签名）：” (text no box holds)."""
    import random
    import zipfile

    from smpls.docx import build_docx
    from smpls.model import Application

    example = json.loads((ROOT / "examples" / "complete.json").read_text(encoding="utf-8"))
    data = build_docx(Application.model_validate(example))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info.filename)
            if signed and info.filename == "word/document.xml":
                part = part.decode("utf-8").replace("负责人（签名）：", f"负责人（签名）：{signed}", 1).encode("utf-8")
            dst.writestr(info.filename, part)
        if picture_mb:
            dst.writestr("word/media/image1.png", random.Random(0).randbytes(picture_mb * 1024 * 1024))
    return name, out.getvalue()


def test_a_3_mb_word_file_is_read(page: Page, site_url: str) -> None:
    from smpls import limits

    name, data = docx_file("带公章扫描件.docx", picture_mb=3)
    assert len(data) > 3 * 1024 * 1024  # over the 2 MB the page used to cut every file at
    open_summary(page, site_url)
    config = json.loads(page.locator("#smpls-summary-config").text_content() or "{}")
    assert config["limits"] == limits.page_config()  # the page reads the one table of limits
    drop(page, [(name, data)])
    wait_rows(page, 1)
    expect(page.locator(f"{ROWS}.smpls-sum__row--bad")).to_have_count(0)
    example = json.loads((ROOT / "examples" / "complete.json").read_text(encoding="utf-8"))
    assert column(page, "pilot_name") == [example["cover"]["pilot_name"]]


def test_old_word_file_gets_the_forms_explanation_and_unread_text_is_shown(page: Page, site_url: str) -> None:
    from smpls.docx.container import DocxError, open_docx

    ole = bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504
    with pytest.raises(DocxError) as form_says:  # what the form's Word reader says of the same file
        open_docx(ole)
    open_summary(page, site_url)
    drop(page, [("旧版申请书.doc", ole), docx_file("签了名.docx", signed="周明远")])
    wait_rows(page, 2)
    bad = page.locator(f"{ROWS}.smpls-sum__row--bad")
    expect(bad).to_contain_text(str(form_says.value))
    assert "UTF-8" not in bad.inner_text()
    row = page.locator(ROWS).filter(has_text="签了名.docx")
    row.get_by_role("button", name="没有读入的文字").click()
    expect(page.locator(".smpls-sum__unplaced")).to_contain_text("周明远")


def test_word_list_leaves_out_applications_with_errors_unless_asked(page: Page, site_url: str) -> None:
    from docx import Document

    open_summary(page, site_url)
    pick(page, drafts(5))  # 申请书-005 has no 联系电话: one 错误
    wait_rows(page, 5)
    _, data = download(page, "docx")
    doc = Document(io.BytesIO(data))
    names = [r.cells[1].text for r in doc.tables[0].rows[1:]]
    assert names == [f"示例{i:03d}市政务服务综合标准化试点" for i in range(1, 5)]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "另有 1 份申请书存在错误，没有列入本清单" in text and LAYOUT_NOTE in text
    expect(page.locator('[data-note="export"]')).to_contain_text("另有 1 项有错误，没有列入")
    page.get_by_label("Word 清单也列入有错误的申请书").check()
    _, data = download(page, "docx")
    names = [r.cells[1].text for r in Document(io.BytesIO(data)).tables[0].rows[1:]]
    assert len(names) == 5 and names[4] == "示例005市政务服务综合标准化试点（有错误）"


def test_problem_list_export(page: Page, site_url: str) -> None:
    from docx import Document
    from smpls.summary import check_file
    from smpls.summary_export import problems_docx

    files = drafts(5)
    open_summary(page, site_url)
    pick(page, files)
    wait_rows(page, 5)
    page.fill("#smpls-sum-region", "浙江省")
    name, data = download(page, "problems")
    assert name == "问题清单.docx"
    doc = Document(io.BytesIO(data))
    # the same code as the command line: the same document from the same files
    expected = Document(io.BytesIO(problems_docx([check_file(n, d) for n, d in files], region="浙江省")))
    assert [p.text for p in doc.paragraphs] == [p.text for p in expected.paragraphs]
    cells = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert cells[0] == ["级别", "栏目", "问题", "依据"] and cells[1][:2] == [ERROR, "联系电话"] and cells[1][3]
