"""The applicant's journey on the form page (issue 24): clicks made while the checker loads, what the page says
while it loads and when it cannot, what to do after the Word download, and the form on a phone."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from helpers import axe_violations, format_violations
from playwright.sync_api import BrowserContext, Page, Route, expect
from test_form import COMPLETE, FORM_HOOK, READY_TIMEOUT, download_word, fid, open_form, start_with

from smpls import notice

HELD = re.compile(r".*/pyodide/smpls-[^/]*\.whl$")  # our wheel: held back to keep the checker loading


def held_page(new_context: Any, **options: Any) -> tuple[Page, list[Route]]:
    """A page whose checker stays loading until the test releases the held request (no service worker, which would
    answer from its cache before the route)."""
    context: BrowserContext = new_context(service_workers="block", **options)
    page = context.new_page()
    held: list[Route] = []
    page.route(HELD, lambda route: held.append(route))
    return page, held


def release(page: Page, held: list[Route]) -> None:
    while not held:
        page.wait_for_timeout(100)
    for route in held:
        route.continue_()
    held.clear()
    page.unroute(HELD)


def test_check_all_clicked_while_loading_runs_when_ready(new_context: Any, site_url: str, site_dir: Path) -> None:
    page, held = held_page(new_context)
    open_form(page, site_url, site_dir)
    page.fill(f"#{fid('basic.email')}", "not-an-email")
    page.click('[data-action="check-all"]')
    summary = page.locator("[data-summary]")
    expect(summary).to_contain_text("加载完成后会自动检查")
    expect(summary).to_be_focused()
    release(page, held)
    # the click was kept: the check runs by itself once the checker is ready, and the summary lists it
    expect(summary.locator('a[data-goto="basic.email"]')).to_be_visible(timeout=READY_TIMEOUT)
    expect(summary).to_be_focused()


def test_word_clicked_while_loading_downloads_when_ready(new_context: Any, site_url: str, site_dir: Path) -> None:
    page, held = held_page(new_context, accept_downloads=True)
    start_with(page, COMPLETE)
    open_form(page, site_url, site_dir)
    page.click('[data-action="download-docx"]')
    expect(page.locator('[data-note="download"]')).to_contain_text("加载完成后会自动生成 Word")
    with page.expect_download(timeout=READY_TIMEOUT) as info:
        release(page, held)
    assert info.value.suggested_filename.endswith(".docx")
    expect(page.locator('[data-note="download"]')).to_contain_text("已下载 Word")


def test_loading_shows_the_size_and_the_step(new_context: Any, site_url: str, site_dir: Path) -> None:
    page, held = held_page(new_context)
    open_form(page, site_url, site_dir)
    status = page.locator(".smpls-status")
    expect(status).to_contain_text(f"约 {FORM_HOOK.CHECKER_DOWNLOAD_MB} MB")
    expect(status).to_contain_text(re.compile(r"第 \d/4 步"))
    expect(status.locator("progress")).to_be_visible()
    # the 核对信息 part never says JavaScript is needed while it runs
    expect(page.locator("#review")).not_to_contain_text("JavaScript")
    release(page, held)
    expect(status).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT)


def test_the_stated_download_size_is_what_the_site_serves(site_dir: Path) -> None:
    """CHECKER_DOWNLOAD_MB (shown while loading) against the built runtime, as served precompressed (brotli)."""
    lock = site_dir / "pyodide" / "pyodide-lock.json"
    on_demand = ("openpyxl", "et_xmlfile")  # only for the summary page's Excel export
    total = 0
    for f in lock.parent.iterdir():
        if f.suffix in (".br", ".gz") or f.name.startswith(on_demand):
            continue
        br = f.with_name(f.name + ".br")
        total += (br if br.is_file() else f).stat().st_size
    stated = FORM_HOOK.CHECKER_DOWNLOAD_MB
    mb = total / 1e6
    assert stated - 1.5 <= mb <= stated + 1.0, f"the checker downloads {mb:.1f} MB, the page says {stated}"


@pytest.mark.allow_failed_requests(r"/pyodide/smpls-[^/]*\.whl")
def test_a_blocked_download_is_not_called_an_old_browser(new_context: Any, site_url: str, site_dir: Path) -> None:
    context: BrowserContext = new_context(service_workers="block")
    page = context.new_page()
    page.route(HELD, lambda route: route.abort("blockedbyclient"))  # what a proxy or a filter does
    open_form(page, site_url, site_dir)
    status = page.locator(".smpls-status")
    expect(status).to_have_attribute("data-state", "failed", timeout=READY_TIMEOUT)
    expect(status).to_contain_text("没有下载成功")
    expect(status).to_contain_text("代理、防火墙")
    expect(status).not_to_contain_text("版本太旧")
    for still in ("您仍可以填写", "自动保存", "草稿文件"):
        expect(status).to_contain_text(still)


def test_an_old_browser_is_told_so(new_context: Any, site_url: str, site_dir: Path) -> None:
    context: BrowserContext = new_context(service_workers="block")
    page = context.new_page()
    page.add_init_script("delete window.WebAssembly;")
    open_form(page, site_url, site_dir)
    status = page.locator(".smpls-status")
    expect(status).to_have_attribute("data-state", "failed", timeout=READY_TIMEOUT)
    expect(status).to_contain_text("版本太旧")
    expect(status).not_to_contain_text("没有下载成功")
    expect(status).to_contain_text("草稿文件")


def test_after_the_word_download_the_next_steps_quote_the_notice(page: Page, site_url: str, site_dir: Path) -> None:
    start_with(page, COMPLETE)
    open_form(page, site_url, site_dir, ready=True)
    steps = page.locator("[data-next]")
    expect(steps).to_be_hidden()
    download_word(page)
    expect(steps).to_be_visible()
    for words in ("一式4份", "盖章", "负责人（签名）", "报送", "本站的说明"):
        expect(steps).to_contain_text(words)
    quotes = steps.locator("q")
    assert quotes.count() >= 3
    fill_5, step_3 = notice.clause("填写说明5").text, notice.clause("三").text
    for text in quotes.all_inner_texts():
        assert text in fill_5 or text in step_3, text  # the notice's own words, never ours in quotes
    expect(steps.locator('a[href$="notice/#n-fill-5"]').first).to_be_visible()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
