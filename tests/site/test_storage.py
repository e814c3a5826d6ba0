"""When the browser's storage fails (issue 20): nothing lost and nothing unexplained.

- storage blocked (``localStorage`` / ``sessionStorage`` throw ``SecurityError`` when read, as with "block site
  data"): every page opens without an uncaught error, and the form says once that autosave is off;
- a saved draft that cannot be read (cut off mid-way) is moved aside unchanged, offered for download, and its
  readable part offered back with undo (the pure reading is tested in tests/js/draft-recover.test.mjs);
- full storage (``QuotaExceededError``): the form says saving failed and why, and offers the download at once;
- Cache Storage unavailable: the checker starts without a snapshot or an offline copy, and the privacy page says so;
- two tabs changing the same field: the last write wins, and the other tab names the field and shows the value.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from helpers import (
    COMPLETE,
    ROOT,
    download_json,
    fid,
    open_check,
    open_form,
    open_summary,
    page_url,
    stored_draft,
    wait_draft_saved,
)
from playwright.sync_api import Page, Route, expect

from smpls.fields import field_by_path

# What a browser set to block site data does: reading either storage throws.
BLOCKED = """(() => {
  for (const name of ["localStorage", "sessionStorage"]) {
    Object.defineProperty(window, name, {
      configurable: true,
      get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
    });
  }
})();"""

# A full disk or quota: reading works, every write throws.
FULL = """(() => {
  Storage.prototype.setItem = function () { throw new DOMException("full", "QuotaExceededError"); };
})();"""

# Cache Storage unusable (as in private windows of some browsers): opening or listing caches throws.
NO_CACHES = """Object.defineProperty(self, "caches", {
  configurable: true,
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""


def test_every_page_opens_without_an_error_when_storage_is_blocked(page: Page, site_url: str, site_dir: Path) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.add_init_script(BLOCKED)
    for name in ["", "notice/", "privacy/"]:
        page.goto(site_url + name)
        page.wait_for_load_state("load")
        expect(page.locator("h1").first).to_be_visible()
    open_check(page, site_url, site_dir)
    page.locator(".smpls-sc input[type=radio]").first.check()
    open_summary(page, site_url)
    open_form(page, site_url, site_dir, ready=True)
    assert errors == []


def test_the_form_says_once_that_autosave_is_off_when_storage_is_blocked(
    page: Page, site_url: str, site_dir: Path
) -> None:
    page.add_init_script(BLOCKED)
    page.clock.install()  # the page's timers run as usual until the test moves the clock on
    open_form(page, site_url, site_dir)
    saved = page.locator("[data-saved]")
    expect(saved).to_contain_text("自动保存已关闭")
    expect(saved).to_contain_text("只在这个标签页")
    expect(saved).to_contain_text("下载草稿文件")
    said = saved.inner_text()
    page.fill(f"#{fid('cover.pilot_name')}", "临湖市政务服务综合标准化试点")
    page.locator(f"#{fid('cover.pilot_name')}").blur()
    page.clock.run_for(2_000)  # well past the autosave's delay: the message is not replaced by a failure
    expect(saved).to_have_text(said)
    assert download_json(page)["cover"]["pilot_name"] == "临湖市政务服务综合标准化试点"


def _cut_draft() -> str:
    whole = json.dumps({"savedAt": "2026-11-20T08:00:00Z", "draft": COMPLETE}, ensure_ascii=False)
    return whole[: int(len(whole) * 0.6)]  # a write stopped mid-way


def test_an_unreadable_draft_is_kept_offered_and_its_readable_part_recovered(
    page: Page, site_url: str, site_dir: Path
) -> None:
    raw = _cut_draft()
    seed = "if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1'); "
    page.add_init_script(seed + f"localStorage.setItem('smpls-draft', {json.dumps(raw, ensure_ascii=False)}); }}")
    open_form(page, site_url, site_dir)
    note = page.locator('[data-note="unreadable"]')
    expect(note).to_contain_text("无法读取")
    # moved aside, unchanged, before anything new is saved
    aside = page.evaluate("() => localStorage.getItem('smpls-draft-unreadable')")
    assert aside == raw
    name = page.locator(f"#{fid('basic.unit_name')}")
    name.fill("新打的字")
    wait_draft_saved(page, "新打的字")
    assert page.evaluate("() => localStorage.getItem('smpls-draft-unreadable')") == raw

    # the raw text, as it was
    with page.expect_download() as info:
        note.locator('[data-action="download-unreadable"]').click()
    path = info.value.path()
    assert Path(path).read_text(encoding="utf-8") == raw

    # the readable part: listed first, put into the form on request, with undo
    note.locator("summary").click()
    expect(note.locator("[data-recovered] li").first).to_be_visible()
    assert note.locator("[data-recovered] li").count() > 5
    note.locator('[data-action="recover-draft"]').click()
    assert page.input_value(f"#{fid('cover.pilot_name')}") == COMPLETE["cover"]["pilot_name"]
    wait_draft_saved(page, COMPLETE["cover"]["pilot_name"])
    note.locator('[data-action="undo-recover"]').click()
    assert page.input_value(f"#{fid('cover.pilot_name')}") == ""
    assert page.input_value(f"#{fid('basic.unit_name')}") == "新打的字"
    assert page.evaluate("() => localStorage.getItem('smpls-draft-unreadable')") == raw

    # deleted only when asked twice
    drop = note.locator('[data-action="drop-unreadable"]')
    drop.click()
    assert page.evaluate("() => localStorage.getItem('smpls-draft-unreadable')") == raw
    drop.click()
    expect(note).to_have_count(0)
    assert page.evaluate("() => localStorage.getItem('smpls-draft-unreadable')") is None


def test_an_unreadable_draft_that_cannot_be_copied_aside_is_not_written_over(
    page: Page, site_url: str, site_dir: Path
) -> None:
    raw = _cut_draft()
    page.add_init_script(
        f"localStorage.setItem('smpls-draft', {json.dumps(raw, ensure_ascii=False)});" + FULL  # then nothing fits
    )
    open_form(page, site_url, site_dir)
    expect(page.locator('[data-note="unreadable"]')).to_contain_text("暂不自动保存")
    page.locator(f"#{fid('basic.unit_name')}").press_sequentially("新打的字")
    expect(page.locator("[data-saved]")).to_contain_text("暂停保存")
    page.click('[data-action="clear"]')
    page.locator('#smpls-clear-dialog [data-dialog="confirm"]').click()
    expect(page.locator(f"#{fid('basic.unit_name')}")).to_have_value("")
    assert page.evaluate("() => localStorage.getItem('smpls-draft')") == raw


def test_full_storage_says_why_and_offers_the_download(page: Page, site_url: str, site_dir: Path) -> None:
    page.add_init_script(FULL)
    open_form(page, site_url, site_dir)
    box = page.locator(f"#{fid('cover.pilot_name')}")
    box.press_sequentially("临湖市")
    saved = page.locator("[data-saved]")
    expect(saved).to_contain_text("没有保存")
    expect(saved).to_contain_text("已满")
    assert box.input_value() == "临湖市"  # typing is never lost
    box.press_sequentially("政务")
    assert box.input_value() == "临湖市政务"
    with page.expect_download() as info:
        saved.locator('[data-action="download-now"]').click()
    path = info.value.path()
    assert json.loads(Path(path).read_text(encoding="utf-8"))["cover"]["pilot_name"] == "临湖市政务"
    assert stored_draft(page) is None


def _no_caches_in_the_worker(route: Route) -> None:
    response = route.fetch()
    route.fulfill(response=response, body=NO_CACHES + response.text())


def _late(route: Route) -> None:
    """Pyodide's loader arrives after the worker has looked for a snapshot: the order in which a slow network
    delivers them, and the one in which a failed look-up went unhandled (an uncaught error) before the fix."""
    time.sleep(1)
    route.continue_()


def test_the_checker_starts_without_cache_storage(page: Page, site_url: str, site_dir: Path) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.add_init_script(NO_CACHES)
    page.route("**/assets/smpls/runtime/worker.js", _no_caches_in_the_worker)
    page.route("**/pyodide/pyodide.mjs", _late)
    for _ in range(2):  # the second visit finds no snapshot either, and still starts
        open_form(page, site_url, site_dir, ready=True)
        postcode = page.locator(f"#{fid('basic.postcode')}")
        postcode.fill("1234")
        postcode.press("Tab")
        expect(page.locator(f"#{fid('basic.postcode')}-msg .smpls-msg__item--hint")).to_have_count(
            1
        )  # checked by Python
    assert errors == []


def test_the_privacy_page_says_when_the_offline_copy_cannot_be_kept(page: Page, site_url: str, site_dir: Path) -> None:
    page.add_init_script(NO_CACHES)
    page.goto(page_url(site_url, site_dir, "privacy"))
    status = page.locator('[data-module="runtime/offline"]')
    expect(status).to_have_attribute("data-state", "no-cache")
    expect(status).to_contain_text("缓存存储")
    expect(page.locator("main")).to_contain_text("缓存存储不能用")


def test_two_tabs_changing_the_same_field_last_write_wins_and_the_other_is_told(
    page: Page, context: Any, site_url: str, site_dir: Path
) -> None:
    path = "cover.pilot_name"
    label = field_by_path(path).meta.label
    open_form(page, site_url, site_dir)
    other = context.new_page()
    open_form(other, site_url, site_dir)
    mine = page.locator(f"#{fid(path)}")
    mine.press_sequentially("甲市")
    wait_draft_saved(page, "甲市")
    expect(other.locator(f"#{fid(path)}")).to_have_value("甲市")
    theirs = other.locator(f"#{fid(path)}")
    theirs.fill("")
    theirs.press_sequentially("乙市")  # the same field, later, in the other tab
    wait_draft_saved(other, "乙市")
    expect(mine).to_have_value("乙市")
    saved = page.locator("[data-saved]")
    expect(saved).to_contain_text(label)
    expect(saved).to_contain_text("另一个窗口")
    assert stored_draft(page)["cover"]["pilot_name"] == "乙市"


def test_the_guarded_theme_script_defines_what_the_themes_own_does() -> None:
    """overrides/partials/javascripts/base.html replaces mkdocs-material's: after a theme upgrade, the same globals."""
    import re

    import material

    partial = Path("partials") / "javascripts" / "base.html"
    theirs = (Path(material.__file__).parent / "templates" / partial).read_text(encoding="utf-8")
    ours = (ROOT / "site_assets" / "overrides" / partial).read_text(encoding="utf-8")
    names = re.compile(r"(__md_\w+)=")
    assert (
        sorted(set(names.findall(ours)))
        == sorted(set(names.findall(theirs)))
        == [
            "__md_get",
            "__md_hash",
            "__md_scope",
            "__md_set",
        ]
    )
    assert "__md_get=(e,_=localStorage" in theirs  # the unguarded default this override exists for
    assert "localStorage" not in ours.split("__md_get=")[1].split("{try{")[0]
