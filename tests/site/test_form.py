"""The 申请书 form page (docs/apply.md), as a user: typing, checking, rows, review, saving, downloads.

Values come from examples/complete.json and the fields from smpls.fields.iter_fields(), so the tests follow
the model instead of a hand-kept list.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SiteGuard
from helpers import axe_violations, drop, format_violations, screenshot
from playwright.sync_api import Page, expect
from trust import download_json, ensure_rows, stored_draft, value_at

from smpls import browser
from smpls.fields import FieldSpec, field_by_path, iter_fields
from smpls.model import SECTIONS, Application

ROOT = Path(__file__).resolve().parents[2]
COMPLETE: dict[str, Any] = json.loads((ROOT / "examples" / "complete.json").read_text(encoding="utf-8"))
READY_TIMEOUT = 120_000  # ms; the Python checker loads in a worker (a few seconds; slower when the machine is busy)
#: a 统一社会信用代码 with a wrong check digit (the complete example's, last character changed): an 错误
BAD_CODE = "113304810025731875"
INPUT_TYPES = {"email": "email", "tel": "tel"}  # months and 是/否 are text boxes: any written form is kept


def _hook(name: str) -> Any:
    """A build hook (site_assets/hooks/NAME.py) as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"{name}_hook", ROOT / "site_assets" / "hooks" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FORM_HOOK = _hook("form")
fid = FORM_HOOK.field_id  # the element id of a field: the form hook's scheme, which the page config carries


def apply_url(site_url: str, site_dir: Path) -> str:
    return site_url + ("apply.html" if (site_dir / "apply.html").is_file() else "apply/")


def open_form(page: Page, site_url: str, site_dir: Path, *, ready: bool = False) -> None:
    page.goto(apply_url(site_url, site_dir))
    page.wait_for_selector(".smpls-form--js")
    if ready:
        wait_ready(page)


def wait_ready(page: Page) -> None:
    page.wait_for_selector('.smpls-status[data-state="ready"]', timeout=READY_TIMEOUT)


def settle(page: Page) -> None:
    """Wait until the checker has loaded (or failed) before leaving the page, so no download is cut off."""
    page.wait_for_selector('.smpls-status:not([data-state="loading"])', timeout=READY_TIMEOUT)


def reload(page: Page) -> None:
    settle(page)
    page.reload()
    page.wait_for_selector(".smpls-form--js")


def concrete_fields(draft: dict[str, Any]) -> Iterator[tuple[FieldSpec, str, str]]:
    """(spec, concrete path, value) for every field of ``draft``, rows expanded, in paper order."""
    for spec in iter_fields():
        if spec.repeat == "schedule":
            rows = draft["schedule"]
        elif spec.repeat == "participants":
            rows = draft["opinions"]["participants"]
        else:
            yield spec, spec.path, draft[spec.section][spec.name]
            continue
        for i, row in enumerate(rows):
            yield spec, spec.path.replace("*", str(i)), row[spec.name]


def type_into(page: Page, spec: FieldSpec, path: str, value: str) -> None:
    """Enter a value the way a person does: keys for very short text (a postcode, a number), a paste-like fill
    for the rest and months (typing key by key is tested on its own: test_errors_appear_on_leaving_a_field…,
    test_complete_the_cover_with_the_keyboard_alone, test_hostile), a click for a choice."""
    box = page.locator(f"#{fid(path)}")
    if spec.meta.kind in ("yearmonth", "period", "textarea", "choice") or len(value) > 6:
        box.fill(value)
    else:
        box.click()
        box.press("Control+A")
        box.press_sequentially(value)
    box.blur()


def fill_draft(page: Page, draft: dict[str, Any]) -> None:
    ensure_rows(page, "schedule", len(draft["schedule"]))
    ensure_rows(page, "participants", len(draft["opinions"]["participants"]))
    for spec, path, value in concrete_fields(draft):
        if value:
            type_into(page, spec, path, value)


def read_field(page: Page, spec: FieldSpec, path: str) -> str:
    return page.input_value(f"#{fid(path)}")


# ---------------------------------------------------------------- the HTML comes from the model


def test_form_html_comes_from_the_model(page: Page, site_url: str, site_dir: Path) -> None:
    open_form(page, site_url, site_dir)
    titles = page.locator(".smpls-section > .smpls-section__title").all_inner_texts()
    assert [t.strip() for t in titles] == [title for _, title in SECTIONS]
    tasks = page.locator("[data-task]")
    expect(tasks).to_have_count(len(SECTIONS))
    for spec, path, _ in concrete_fields(COMPLETE):
        if spec.repeat and not path.endswith(".0." + spec.name) and spec.repeat == "schedule":
            continue
        if spec.repeat == "participants":
            continue  # no participant row until one is added
        meta = spec.meta
        box = page.locator(f"#{fid(path)}")
        expect(box).to_have_count(1)
        wrap = page.locator(f'.smpls-field[data-path="{path}"]')
        label = wrap.locator("label.smpls-label, legend.smpls-label").first.inner_text()
        assert label.startswith(meta.label), (path, label)
        assert ("*" in label) == meta.required, (path, label)
        if meta.kind == "choice":  # 是/否 offered as a list to pick from, the box takes words too
            options = wrap.locator("datalist option").evaluate_all("els => els.map(e => e.value)")
            assert options == list(meta.choices)
        if meta.kind == "textarea":
            assert box.evaluate("e => e.tagName") == "TEXTAREA"
        else:
            assert box.get_attribute("type") == INPUT_TYPES.get(meta.kind, "text"), path
        assert box.get_attribute("maxlength") is None, path  # nothing stops typing (issue 19)
        if meta.hint:
            expect(page.locator(f"#{fid(path)}-hint")).to_have_text(meta.hint)
        assert (box.get_attribute("aria-required") == "true") == meta.required


def test_closed_batch_is_said_near_the_downloads(new_context: Any, site_url: str, site_dir: Path) -> None:
    from smpls.notice import status_note

    page = new_context(java_script_enabled=False).new_page()
    page.goto(apply_url(site_url, site_dir))
    notice = page.locator("#review [data-closed-notice]")
    expect(notice).to_have_text(status_note())
    # it sits with the downloads: after the 下载与导入 heading, before the buttons
    order = page.evaluate(
        """() => [...document.querySelectorAll('#review h3, #review [data-closed-notice], #review [data-action]')]
                 .map(e => e.dataset.action || (e.matches('[data-closed-notice]') ? 'notice' : e.textContent))"""
    )
    assert order[:3] == ["下载与导入", "notice", "download-docx"], order  # the Word file is the main action


def test_form_can_be_typed_in_without_any_script(new_context: Any, site_url: str, site_dir: Path) -> None:
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(apply_url(site_url, site_dir))
    page.fill("#f-cover-pilot_name", "临湖市政务服务综合标准化试点")
    page.fill("#f-basic-reg_province", "浙江省")
    page.fill("#f-basic-major_accident", "未发生")
    assert page.input_value("#f-cover-pilot_name") == "临湖市政务服务综合标准化试点"
    # each part that needs a script says so, only when there is none: the status line and 核对信息
    expect(page.locator("noscript")).to_have_count(2)


# ---------------------------------------------------------------- fill, download, reload


def test_fill_every_field_download_and_reload(page: Page, site_url: str, site_dir: Path) -> None:
    open_form(page, site_url, site_dir)
    fill_draft(page, COMPLETE)

    saved = download_json(page)
    assert saved["schema_version"] == COMPLETE["schema_version"]
    for _spec, path, value in concrete_fields(COMPLETE):
        assert value_at(saved, path) == value, path
    assert len(saved["schedule"]) == len(COMPLETE["schedule"])
    assert len(saved["opinions"]["participants"]) == len(COMPLETE["opinions"]["participants"])

    stored = stored_draft(page)
    assert stored and stored["draft"]["cover"] == COMPLETE["cover"]

    reload(page)
    expect(page.locator('[data-note="restored"]')).to_be_visible()
    expect(page.locator('[data-note="restored"]')).to_contain_text("已恢复")
    for spec, path, value in concrete_fields(COMPLETE):
        assert read_field(page, spec, path) == value, path

    # the complete example has no 错误; the count and the task list say so once the checker is ready
    wait_ready(page)
    page.click('[data-action="check-all"]')
    expect(page.locator(".smpls-count--error")).to_have_text("错误 0 处")
    expect(page.locator("[data-success]")).to_be_visible()
    expect(page.locator("[data-summary]")).to_be_hidden()
    for key, _ in SECTIONS:
        expect(page.locator(f'[data-task="{key}"]')).to_have_text("已完成")


# ---------------------------------------------------------------- problems appear and disappear


def test_errors_appear_on_leaving_a_field_and_go_away_when_fixed(page: Page, site_url: str, site_dir: Path) -> None:
    open_form(page, site_url, site_dir, ready=True)
    msg = page.locator("#f-basic-org_code-msg")
    page.locator("#f-basic-org_code").press_sequentially(BAD_CODE)
    expect(msg).to_be_empty()  # nothing while typing
    page.locator("#f-basic-org_code").press("Tab")
    expect(msg.locator(".smpls-msg__item--error")).to_have_count(1)
    expect(msg).to_contain_text("错误")
    expect(msg).not_to_contain_text("应为")  # a check digit never names the "right" character (issue 24)
    expect(page.locator("#f-basic-org_code")).to_have_attribute("aria-invalid", "true")
    # other, untouched empty fields show nothing yet
    expect(page.locator("#f-basic-postcode-msg")).to_be_empty()
    expect(page.locator(".smpls-count--error")).not_to_have_text("错误 0 处")

    page.locator("#f-basic-org_code").fill(COMPLETE["basic"]["org_code"])
    page.locator("#f-basic-org_code").press("Tab")
    expect(msg).to_be_empty()
    expect(page.locator("#f-basic-org_code")).not_to_have_attribute("aria-invalid", "true")


def test_check_all_shows_summary_linking_to_fields(page: Page, site_url: str, site_dir: Path) -> None:
    open_form(page, site_url, site_dir, ready=True)
    page.fill("#f-basic-org_code", BAD_CODE)
    page.click('[data-action="check-all"]')
    summary = page.locator("[data-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.locator(".smpls-summary__title")).to_contain_text("处错误需要修改")
    errors = summary.locator(".smpls-summary__list--error > li")
    count = errors.count()
    assert count > 10  # an almost empty form: every required field
    expect(page.locator(".smpls-count--error")).to_have_text(f"错误 {count} 处")
    link = summary.locator('a[data-goto="basic.org_code"]')
    expect(link).to_contain_text("组织机构代码")
    link.click()
    expect(page.locator("#f-basic-org_code")).to_be_focused()
    # 错误 and 提示 look different: a word tag and a different class, not only a colour
    expect(page.locator("#f-basic-org_code-msg .smpls-tagword")).to_have_text("错误")
    expect(page.locator('[data-task="basic"]')).to_have_text("有问题")
    expect(page.locator('[data-task="goals"]')).to_have_text("未开始")

    page.fill("#f-basic-org_code", COMPLETE["basic"]["org_code"])
    page.locator("#f-basic-org_code").press("Tab")
    expect(page.locator('a[data-goto="basic.org_code"]')).to_have_count(0)
    expect(page.locator(".smpls-count--error")).to_have_text(f"错误 {count - 1} 处")


def test_hints_look_different_from_errors(page: Page, site_url: str, site_dir: Path) -> None:
    problems = json.loads((ROOT / "examples" / "problems.json").read_text(encoding="utf-8"))
    open_form(page, site_url, site_dir, ready=True)
    fill_draft(page, {**problems, "schedule": problems.get("schedule") or [{}]})
    page.click('[data-action="check-all"]')
    hint = page.locator(".smpls-msg__item--hint").first
    error = page.locator(".smpls-msg__item--error").first
    expect(hint).to_be_visible()
    expect(error).to_be_visible()
    expect(hint.locator(".smpls-tagword")).to_have_text("提示")
    expect(error.locator(".smpls-tagword")).to_have_text("错误")
    assert hint.evaluate("e => getComputedStyle(e).color") != error.evaluate("e => getComputedStyle(e).color")
    expect(page.locator(".smpls-summary__list--hint").first).to_be_visible()


def required_left(rows: int = 1) -> int:
    """How many required fields an empty form has, with ``rows`` schedule rows and no 参加单位."""
    specs = [s for s in iter_fields() if s.meta.required]
    return sum(1 for s in specs if not s.repeat) + rows * sum(1 for s in specs if s.repeat == "schedule")


def test_an_untouched_form_counts_what_is_left_not_errors(page: Page, site_url: str, site_dir: Path) -> None:
    open_form(page, site_url, site_dir, ready=True)
    left = required_left()
    counts = page.locator("[data-counts]")
    expect(counts).to_have_text(f"未填 {left} 项")
    expect(page.locator(".smpls-count--error")).to_have_count(0)
    expect(page.locator(".smpls-msg__item")).to_have_count(0)
    # a wrong value, once left, is an 错误; a required field counts once the user has left it empty
    page.locator(f"#{fid('basic.org_code')}").fill(BAD_CODE)
    page.locator(f"#{fid('basic.org_code')}").blur()
    expect(page.locator(".smpls-count--error")).to_have_text("错误 1 处")
    expect(page.locator(".smpls-count--todo")).to_have_text(f"未填 {left - 1} 项")
    page.locator(f"#{fid('basic.phone')}").focus()
    page.locator(f"#{fid('basic.phone')}").blur()
    expect(page.locator(".smpls-count--error")).to_have_text("错误 2 处")
    # after 检查全部 every empty required field of the part begun (一) counts, as the summary lists them; the
    # parts not begun are not listed: the bar and the summary say how many are left, the task list names them
    page.click('[data-action="check-all"]')
    basic = sum(1 for s in iter_fields() if s.meta.required and s.section == "basic")
    expect(page.locator(".smpls-summary__list--error li")).to_have_count(basic)  # the wrong code among them
    expect(page.locator(".smpls-count--error")).to_have_text(f"错误 {basic} 处")
    expect(page.locator(".smpls-count--todo")).to_have_text(f"{len(SECTIONS) - 1} 个部分未开始")
    expect(page.locator("[data-summary] [data-not-started]")).to_contain_text("见填写进度")
    expect(page.locator('[data-task="cover"]')).to_have_text("未开始")


def test_a_restored_draft_shows_the_problems_in_what_was_written(page: Page, site_url: str, site_dir: Path) -> None:
    draft = {**COMPLETE, "basic": {**COMPLETE["basic"], "org_code": BAD_CODE, "email": ""}}
    page.add_init_script(
        "localStorage.setItem('smpls-draft', JSON.stringify({savedAt: '2026-11-20T08:00:00Z', draft: DRAFT}));".replace(
            "DRAFT", json.dumps(draft, ensure_ascii=False)
        )
    )
    open_form(page, site_url, site_dir, ready=True)
    expect(page.locator(f"#{fid('basic.org_code')}-msg .smpls-msg__item--error")).to_have_count(1)
    expect(page.locator(f"#{fid('basic.email')}-msg")).to_be_empty()  # empty, not yet left: only counted as 未填
    expect(page.locator(".smpls-count--error")).to_have_text("错误 1 处")
    expect(page.locator(".smpls-count--todo")).to_have_text("未填 1 项")


def test_each_message_names_its_basis(page: Page, site_url: str, site_dir: Path) -> None:
    open_form(page, site_url, site_dir, ready=True)
    page.locator(f"#{fid('basic.org_code')}").fill(BAD_CODE)
    page.locator(f"#{fid('basic.org_code')}").press("Tab")
    problem = json.loads(browser.validate(json.dumps({"basic": {"org_code": BAD_CODE}})))["problems"]
    email = next(p for p in problem if p["path"] == "basic.org_code")
    inline = page.locator(f"#{fid('basic.org_code')}-msg .smpls-basis")
    expect(inline).to_have_text(f"依据：{email['basis']}")
    href = site_url + email["basis_href"]
    assert inline.locator("a").evaluate("a => a.href") == href
    page.click('[data-action="check-all"]')
    item = page.locator(".smpls-summary__list li", has=page.locator('a[data-goto="basic.org_code"]'))
    expect(item.locator(".smpls-basis")).to_have_text(f"依据：{email['basis']}")
    item.locator(".smpls-basis a").click()  # opens in place (test_a_basis_opens_in_place…); the whole page from there
    page.locator("dialog.smpls-basis-dialog a.smpls-basis-dialog__full").click()
    page.wait_for_url(href)
    anchor = email["basis_href"].split("#")[1]
    expect(page.locator(f"[id='{anchor}']")).to_have_count(1)


# ---------------------------------------------------------------- rows


def schedule_contents(page: Page) -> list[str]:
    return page.locator('[data-rows="schedule"] textarea[name$=".content"]').evaluate_all(
        "els => els.map(e => e.value)"
    )


def test_schedule_rows_add_move_remove(page: Page, site_url: str, site_dir: Path) -> None:
    open_form(page, site_url, site_dir)
    page.fill("#f-schedule-0-content", "宣传培训")
    page.click('[data-add-row="schedule"]')
    expect(page.locator("#f-schedule-1-start")).to_be_focused()
    expect(page.locator("[data-announce]")).to_have_text("已添加第 2 阶段。")
    page.fill("#f-schedule-1-content", "标准体系建立")
    page.click('[data-add-row="schedule"]')
    page.fill("#f-schedule-2-content", "自查")
    page.fill("#f-schedule-2-units", "临湖市政务服务管理局")
    assert schedule_contents(page) == ["宣传培训", "标准体系建立", "自查"]

    # move the third stage up: its values go with it, focus stays on its 上移 button
    page.locator('[data-rows="schedule"] > li').nth(2).locator('[data-row-action="up"]').click()
    assert schedule_contents(page) == ["宣传培训", "自查", "标准体系建立"]
    assert page.input_value("#f-schedule-1-units") == "临湖市政务服务管理局"
    focused = page.evaluate("() => document.activeElement.closest('li').dataset.path")
    assert focused == "schedule.1"
    expect(page.locator("[data-announce]")).to_contain_text("现在是第 2 阶段")

    # first row: 上移 is disabled; move it down instead
    expect(page.locator('[data-rows="schedule"] > li').first.locator('[data-row-action="up"]')).to_be_disabled()
    page.locator('[data-rows="schedule"] > li').first.locator('[data-row-action="down"]').click()
    assert schedule_contents(page) == ["自查", "宣传培训", "标准体系建立"]

    # remove the middle one; undo brings it back
    page.locator('[data-rows="schedule"] > li').nth(1).locator('[data-row-action="remove"]').click()
    assert schedule_contents(page) == ["自查", "标准体系建立"]
    expect(page.locator("#f-schedule-1-start")).to_be_focused()
    expect(page.locator("[data-announce]")).to_have_text("已删除第 2 阶段。")
    page.click('[data-action="undo-remove"]')
    assert schedule_contents(page) == ["自查", "宣传培训", "标准体系建立"]

    page.locator('[data-rows="schedule"] > li').nth(2).locator('[data-row-action="remove"]').click()
    saved = download_json(page)
    assert [r["content"] for r in saved["schedule"]] == ["自查", "宣传培训"]
    assert saved["schedule"][0]["units"] == "临湖市政务服务管理局"


def test_participant_rows_with_the_keyboard(page: Page, site_url: str, site_dir: Path) -> None:
    open_form(page, site_url, site_dir)
    add = page.locator('[data-add-row="participants"]')
    add.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#f-opinions-participants-0-name")).to_be_focused()
    page.keyboard.type("临湖市大数据发展管理局")
    add.focus()
    page.keyboard.press("Enter")
    page.keyboard.type("临湖市标准化研究院")
    # Shift+Tab back to this row's buttons and move it up with Enter
    page.keyboard.press("Tab")  # 上移
    page.keyboard.press("Enter")
    names = page.locator('[data-rows="participants"] input').evaluate_all("els => els.map(e => e.value)")
    assert names == ["临湖市标准化研究院", "临湖市大数据发展管理局"]
    saved = download_json(page)
    assert [p["name"] for p in saved["opinions"]["participants"]] == names


# ---------------------------------------------------------------- the keyboard alone


def test_complete_the_cover_with_the_keyboard_alone(page: Page, site_url: str, site_dir: Path) -> None:
    open_form(page, site_url, site_dir, ready=True)
    cover = COMPLETE["cover"]
    # from the task list, by keyboard: Tab to the 封面 link, Enter, then Tab into the first field
    page.locator('.smpls-task__link[href="#sec-cover"]').focus()
    page.keyboard.press("Enter")
    for _ in range(10):
        if page.evaluate("() => document.activeElement.id") == "f-cover-pilot_name":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "f-cover-pilot_name"
    for spec in (s for s in iter_fields() if s.section == "cover"):
        value = cover[spec.name]
        assert page.evaluate("() => document.activeElement.name") == spec.path
        page.keyboard.type(value)  # months too: a text box takes 2022-03 as typed
        page.keyboard.press("Tab")
    saved = download_json(page)
    assert saved["cover"] == cover
    page.click('[data-action="check-all"]')
    expect(page.locator('[data-task="cover"]')).to_have_text("已完成")


# ---------------------------------------------------------------- review, downloads


def test_review_change_link_goes_to_the_field_and_back(page: Page, site_url: str, site_dir: Path) -> None:
    open_form(page, site_url, site_dir)
    page.fill("#f-basic-email", "bzh@linhu.example.gov.cn")
    page.locator('a[href="#review"].smpls-bar__link').click()
    review = page.locator("[data-review-body]")
    row = review.locator(".smpls-review__row", has=page.locator('a[data-change="basic.email"]'))
    expect(row.locator(".smpls-review__value")).to_have_text("bzh@linhu.example.gov.cn")
    expect(review.locator(".smpls-review__row", has=page.locator('a[data-change="basic.phone"]'))).to_contain_text(
        "未填写"
    )
    row.locator('a[data-change="basic.email"]').click()
    expect(page.locator("#f-basic-email")).to_be_focused()
    page.fill("#f-basic-email", "office@linhu.example.gov.cn")
    back = page.locator("[data-back]")
    expect(back).to_be_visible()
    back.click()
    expect(page.locator('a[data-change="basic.email"]')).to_be_focused()
    # the check of the field just left answers after the focus came back (on a slow PC): the redraw keeps it
    page.evaluate("() => document.querySelector('.smpls-form--js').smplsForm.render()")
    expect(page.locator('a[data-change="basic.email"]')).to_be_focused()
    expect(row.locator(".smpls-review__value")).to_have_text("office@linhu.example.gov.cn")
    expect(back).to_be_hidden()


def start_with(page: Page, draft: dict[str, Any]) -> None:
    page.add_init_script(
        "localStorage.setItem('smpls-draft', JSON.stringify({savedAt: '2026-11-20T08:00:00Z', draft: DRAFT}));".replace(
            "DRAFT", json.dumps(draft, ensure_ascii=False)
        )
    )


def download_word(page: Page) -> bytes:
    with page.expect_download(timeout=60_000) as info:
        page.click('[data-action="download-docx"]')
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    path = download.path()
    assert path is not None
    data = Path(path).read_bytes()
    assert data[:2] == b"PK"
    expect(page.locator('[data-note="download"]')).to_contain_text("已下载 Word")
    return data


def test_download_word(page: Page, site_url: str, site_dir: Path) -> None:
    start_with(page, COMPLETE)
    open_form(page, site_url, site_dir, ready=True)
    assert page.input_value("#f-cover-pilot_name") == COMPLETE["cover"]["pilot_name"]
    data = download_word(page)
    from docx_check import check_docx  # tests/docx is on pytest's pythonpath (pyproject.toml)

    check_docx(data, Application.model_validate(COMPLETE), render=False)


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_a_word_file_edited_elsewhere_comes_back(page: Page, site_url: str, site_dir: Path) -> None:
    import docx

    start_with(page, COMPLETE)
    open_form(page, site_url, site_dir, ready=True)
    document = docx.Document(io.BytesIO(download_word(page)))
    # edit it as a colleague would in Word: a new 试点名称, and a code with a wrong check digit
    edits = {"cover.pilot_name": "临湖市公共服务综合标准化试点", "basic.org_code": BAD_CODE}
    for path, value in edits.items():
        old = value_at(COMPLETE, path)
        cell = next(c for t in document.tables for r in t.rows for c in r.cells if c.text.strip() == old)
        para = cell.paragraphs[0]
        para.runs[0].text = value
        for extra in para.runs[1:]:
            extra._r.getparent().remove(extra._r)
    edited = io.BytesIO()
    document.save(edited)

    drop(page, "申请书（改）.docx", edited.getvalue(), DOCX_MIME)
    note = page.locator('[data-note="import"]')
    expect(note).to_contain_text("已导入“申请书（改）.docx”")
    for path, value in edits.items():
        assert page.input_value(f"#{fid(path)}") == value
    changed = note.locator("[data-import-changed] li").all_inner_texts()
    assert set(changed) == {field_by_path(p).meta.label for p in edits}, changed  # type: ignore[union-attr]
    # the check ran on the imported draft: the wrong code shows without touching anything
    expect(page.locator(f"#{fid('basic.org_code')}-msg .smpls-msg__item--error")).to_have_count(1)
    expect(page.locator(".smpls-count--error")).to_have_text("错误 1 处")

    note.locator('[data-action="undo-import"]').click()
    expect(note).to_contain_text("已恢复导入前的内容")
    for path in edits:
        assert page.input_value(f"#{fid(path)}") == value_at(COMPLETE, path)

    # an old binary .doc under a .docx name: a clear message, the draft unchanged
    drop(page, "旧申请书.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), DOCX_MIME)
    expect(note).to_contain_text("旧版 Word（.doc）")
    expect(note).to_contain_text("当前内容没有改变")
    assert page.input_value(f"#{fid('cover.pilot_name')}") == COMPLETE["cover"]["pilot_name"]


# ---------------------------------------------------------------- saving choices


def test_not_keeping_the_draft_on_this_computer(page: Page, site_url: str, site_dir: Path) -> None:
    open_form(page, site_url, site_dir)
    page.fill("#f-cover-pilot_name", "临湖市政务服务综合标准化试点")
    page.wait_for_function("() => localStorage.getItem('smpls-draft') !== null")
    page.check("#smpls-no-store")
    assert stored_draft(page) is None
    page.fill("#f-basic-unit_name", "临湖市政务服务管理局")
    page.wait_for_timeout(400)
    assert stored_draft(page) is None
    expect(page.locator("[data-saved]")).to_contain_text("不保存在这台电脑上")

    # leaving with unsaved work asks first
    settle(page)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.type), d.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]


def test_no_store_choice_survives_reload_and_draft_is_not_restored(page: Page, site_url: str, site_dir: Path) -> None:
    open_form(page, site_url, site_dir)
    page.check("#smpls-no-store")
    page.fill("#f-cover-pilot_name", "临湖市政务服务综合标准化试点")
    download_json(page)  # saved as a file: leaving no longer asks
    settle(page)
    page.goto("about:blank")
    open_form(page, site_url, site_dir)
    expect(page.locator("#smpls-no-store")).to_be_checked()
    assert page.input_value("#f-cover-pilot_name") == ""


def test_clear_draft_asks_first(page: Page, site_url: str, site_dir: Path) -> None:
    open_form(page, site_url, site_dir)
    page.fill("#f-cover-pilot_name", "临湖市政务服务综合标准化试点")
    page.click('[data-action="clear"]')
    dialog = page.locator("#smpls-clear-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator('[data-dialog="cancel"]')).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.input_value("#f-cover-pilot_name") == "临湖市政务服务综合标准化试点"
    expect(page.locator('[data-action="clear"]')).to_be_focused()

    page.click('[data-action="clear"]')
    dialog.locator('[data-dialog="confirm"]').click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#f-cover-pilot_name")).to_have_value("")
    page.wait_for_function(
        """() => { const s = localStorage.getItem('smpls-draft');
                   return !s || JSON.parse(s).draft.cover.pilot_name === ''; }"""
    )
    reload(page)
    expect(page.locator("#f-cover-pilot_name")).to_have_value("")


# ---------------------------------------------------------------- regions


def test_county_choices_follow_the_province(page: Page, site_url: str, site_dir: Path) -> None:
    open_form(page, site_url, site_dir)
    page.wait_for_selector("#smpls-provinces option", state="attached")
    provinces = page.locator("#smpls-provinces option").evaluate_all("els => els.map(e => e.value)")
    assert "浙江省" in provinces and "北京市" in provinces and len(provinces) >= 31
    page.locator("#f-basic-reg_province").press_sequentially("浙江省")
    counties = page.locator("#smpls-counties option").evaluate_all("els => els.map(e => [e.value, e.label])")
    assert ["西湖区", "杭州市"] in counties
    assert all(c != "东城区" for c, _ in counties)
    page.locator("#f-basic-reg_province").fill("北京市")
    counties = page.locator("#smpls-counties option").evaluate_all("els => els.map(e => e.value)")
    assert "东城区" in counties and "西湖区" not in counties
    # free text is still accepted
    page.locator("#f-basic-reg_county").press_sequentially("临湖市")
    assert page.input_value("#f-basic-reg_county") == "临湖市"
    expect(page.locator(".smpls-source")).to_contain_text("GB/T 2260")


# ---------------------------------------------------------------- accessibility and looks


def test_a_basis_opens_in_place_and_closing_it_returns_to_the_form(page: Page, site_url: str, site_dir: Path) -> None:
    open_form(page, site_url, site_dir, ready=True)
    page.locator("#f-basic-org_code").fill(BAD_CODE)
    page.locator("#f-basic-org_code").press("Tab")
    link = page.locator("#f-basic-org_code-msg a.smpls-basis__link")
    expect(link).to_be_visible()
    link.click()
    dialog = page.locator("dialog.smpls-basis-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("统一社会信用代码编码规则")  # the standard by its title, from 检查规则说明
    assert "/checks/" in (dialog.locator("a.smpls-basis-dialog__full").get_attribute("href") or "")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(link).to_be_focused()
    assert page.url.endswith("/apply/") or page.url.endswith("apply.html")
    assert page.locator("#f-basic-org_code").input_value() == BAD_CODE
    # a clause of the notice: its words, from the notice page
    page.locator("#f-cover-pilot_name").fill("临湖市政务服务试点")
    page.locator("#f-cover-pilot_name").press("Tab")
    page.locator("#f-cover-pilot_name-msg a.smpls-basis__link").first.click()
    expect(dialog).to_contain_text("填写说明")
    dialog.get_by_role("button", name="关闭").click()
    expect(dialog).to_be_hidden()


def test_check_all_is_not_lost_when_a_check_answers_while_it_is_pressed(
    page: Page, site_url: str, site_dir: Path
) -> None:
    """The cause of test_axe_on_the_form_page's failures on a busy machine, and a user's lost click on a slow PC.

    Pressing 检查全部 takes the focus from the field being typed in; that field's check starts, and when its answer
    arrives before the button is let go, the bar's counts grow beside the button and move it: the release lands
    elsewhere and no click happens. Here the answer is awaited between the press and the release."""
    open_form(page, site_url, site_dir, ready=True)
    page.click('[data-add-row="participants"]')  # the new row's name box has the focus
    page.evaluate("() => (window.__before = document.querySelector('.smpls-form--js').smplsForm.result)")
    box = page.locator('[data-action="check-all"]').bounding_box()
    assert box
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.wait_for_function("() => document.querySelector('.smpls-form--js').smplsForm.result !== window.__before")
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")  # drawn, if drawn
    page.mouse.up()
    expect(page.locator("[data-summary]")).to_be_visible()
    expect(page.locator("[data-summary]")).to_contain_text("请填写参加单位名称")


def test_axe_on_the_form_page(page: Page, site_url: str, site_dir: Path) -> None:
    open_form(page, site_url, site_dir, ready=True)
    page.click('[data-add-row="participants"]')
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    page.click('[data-action="check-all"]')  # with inline messages and the summary shown
    expect(page.locator("[data-summary]")).to_be_visible()
    page.wait_for_timeout(1000)  # the theme's back-to-top button fades in after the scroll; measure it settled
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


# Not marked `screenshots`: the sideways-scroll check at 390 px is this page's only one (test_pages leaves the
# checker pages to their own tests); screenshot() writes PNGs only under `make screenshots`.
@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots(new_context: Any, site_url: str, site_dir: Path, site_guard: SiteGuard, width: int) -> None:
    context = new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    open_form(page, site_url, site_dir, ready=True)
    page.click('.smpls-task__link[href="#sec-basic"]')  # on a phone the parts are folded: the task list opens one
    page.fill("#f-basic-postcode", "31410")
    page.fill("#f-basic-email", "bzh@linhu")
    page.click('[data-action="check-all"]')
    screenshot(page, f"form-top-{width}", full_page=False)
    page.click('.smpls-task__link[href="#sec-schedule"]')
    page.click('[data-add-row="schedule"]')
    screenshot(page, f"form-rows-{width}", full_page=False)
    page.locator("#review").scroll_into_view_if_needed()
    screenshot(page, f"form-review-{width}", full_page=False)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px"


def test_a_draft_changed_in_another_tab_is_shown_not_overwritten(
    page: Page, context: Any, site_url: str, site_dir: Path
) -> None:
    open_form(page, site_url, site_dir)
    page.locator("#f-cover-pilot_name").press_sequentially("临湖市政务服务综合标准化试点")
    page.wait_for_function("() => (localStorage.getItem('smpls-draft') || '').includes('临湖市')")
    other = context.new_page()  # e.g. the self-check page carrying an answer into the draft
    open_form(other, site_url, site_dir)
    assert other.input_value("#f-cover-pilot_name") == "临湖市政务服务综合标准化试点"
    other.fill("#f-basic-major_accident", "否")
    other.wait_for_function("() => (localStorage.getItem('smpls-draft') || '').includes('\"major_accident\":\"否\"')")
    expect(page.locator("#f-basic-major_accident")).to_have_value("否")
    expect(page.locator("[data-saved]")).to_contain_text("另一个窗口")
    settle(other)
    other.close()
    reload(page)  # leaving the first tab does not write its older copy over the newer draft
    expect(page.locator("#f-basic-major_accident")).to_have_value("否")
    assert page.input_value("#f-cover-pilot_name") == "临湖市政务服务综合标准化试点"


# ---------------------------------------------------------------- the build hook itself (no browser)


def test_hook_fails_on_an_unknown_marker() -> None:
    from mkdocs.exceptions import PluginError

    regions = _hook("regions")

    class FakePage:
        class file:  # mimics mkdocs' page.file
            src_path = "apply.md"

    html = FORM_HOOK.on_page_content("<p>x</p><!-- form:app -->", FakePage(), None, None)
    html = regions.on_page_content(html, FakePage(), None, None)  # the next hook fills the form's regions marker
    assert (
        'data-module="runtime/checker form/form lib/basis-dialog"' in html
        and "<!--" not in html
        and "GB/T 2260" in html
    )
    with pytest.raises(PluginError, match="form:apps"):
        FORM_HOOK.on_page_content("<!-- form:apps -->", FakePage(), None, None)
    with pytest.raises(PluginError, match="regions:x"):
        regions.on_page_content("<!-- regions:x -->", FakePage(), None, None)


def test_region_data_comes_from_the_package() -> None:
    data = _hook("regions").region_data()
    names = [p["name"] for p in data["provinces"]]
    assert len(names) == 34 and names[0] == "北京市" and "新疆维吾尔自治区" in names
    counties = {p["name"]: [c for c, _ in p["counties"]] for p in data["provinces"]}
    assert "东城区" in counties["北京市"] and "西湖区" in counties["浙江省"]
    assert ["东莞市", ""] in next(p["counties"] for p in data["provinces"] if p["name"] == "广东省")
    assert sum(len(c) for c in counties.values()) > 2800
    assert data["standard"] == "GB/T 2260" and data["published"]


# ---------------------------------------------------------------- what the paper allows (issue 19, issue 24)


def test_months_and_answers_in_words_get_no_error(page: Page, site_url: str, site_dir: Path) -> None:
    """The paper prints “年 月” and an empty cell for the accident question: words written there are kept."""
    open_form(page, site_url, site_dir, ready=True)
    for path, text in (("cover.period_start", "2022年元月"), ("basic.major_accident", "未发生")):
        box = page.locator(f"#{fid(path)}")
        box.click()
        box.press_sequentially(text)
        box.press("Tab")
        expect(box).to_have_value(text)
    page.click('[data-action="check-all"]')
    expect(page.locator("[data-summary]")).to_be_visible()
    for path in ("cover.period_start", "basic.major_accident"):
        expect(page.locator(f"#{fid(path)}-msg .smpls-msg__item--error")).to_have_count(0)
        expect(page.locator(f'.smpls-summary__list--error a[data-goto="{path}"]')).to_have_count(0)
    assert download_json(page)["basic"]["major_accident"] == "未发生"


def test_a_pasted_spaced_code_is_kept_whole(page: Page, site_url: str, site_dir: Path) -> None:
    open_form(page, site_url, site_dir, ready=True)
    spaced = "1133 0481 0025 7318 74"  # 22 characters: the old maxlength of 20 cut it to 16 digits
    box = page.locator("#f-basic-org_code")
    box.focus()
    page.keyboard.insert_text(spaced)  # what a paste does: the text inserted at once (maxlength would cut it)
    box.press("Tab")
    expect(box).to_have_value(spaced)
    expect(page.locator("#f-basic-org_code-msg")).to_be_empty()


def test_more_than_twenty_participants_can_be_added(page: Page, site_url: str, site_dir: Path) -> None:
    open_form(page, site_url, site_dir)
    ensure_rows(page, "participants", 24)
    expect(page.locator('[data-rows="participants"] > li')).to_have_count(24)
    expect(page.locator('[data-add-row="participants"]')).to_be_enabled()
