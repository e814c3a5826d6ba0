"""The harness itself: the guard fails on what it should (these tests would catch a broken guard)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from conftest import SiteGuard
from playwright.sync_api import BrowserContext, Page


def test_home_loads_through_guard(page: Page, site_url: str, site_guard: SiteGuard) -> None:
    page.goto(site_url)
    assert site_guard.watched == 1
    assert site_url in site_guard.requests
    assert site_guard.problems() == []


def test_guard_records_missing_file_and_off_site_request(
    new_context: Callable[..., BrowserContext], site_url: str, site_guard: SiteGuard
) -> None:
    # The site's Content-Security-Policy would stop the off-site request before it is made; bypass it here so
    # the guard itself is what is tested.
    page = new_context(bypass_csp=True).new_page()
    page.goto(site_url)
    # the guard listens on the context, which hears of a response or a failure before the page does
    with page.expect_response(lambda r: r.url.endswith("/missing-file.txt")):
        page.evaluate("() => fetch('missing-file.txt').catch(() => null)")
    with page.expect_event("requestfailed", lambda r: r.url.startswith("http://192.0.2.1:9/")):
        page.evaluate("() => fetch('http://192.0.2.1:9/x').catch(() => null)")
    problems = site_guard.problems()
    assert any("missing-file.txt" in p and "HTTP 404" in p for p in problems), problems
    assert any(p.startswith("off-site request: http://192.0.2.1:9/x") for p in problems), problems
    # This test checked the guard's findings itself: clear them so the guard does not fail it.
    site_guard.off_origin.clear()
    site_guard.failed.clear()
    site_guard.console_errors.clear()


def test_guard_records_uncaught_errors_and_rejections(page: Page, site_url: str, site_guard: SiteGuard) -> None:
    page.goto(site_url)
    page.evaluate(
        "() => { setTimeout(() => { throw new Error('uncaught-x') }); Promise.reject(new Error('unhandled-y')); }"
    )
    page.wait_for_function("() => new Promise((r) => setTimeout(() => r(true), 100))")
    problems = site_guard.problems()
    assert any("uncaught-x" in p for p in problems), problems
    assert any("unhandled-y" in p for p in problems), problems
    site_guard.page_errors.clear()


def test_a_form_component_that_fails_to_draw_is_reported_and_the_others_still_draw(
    page: Page, site_url: str, site_guard: SiteGuard
) -> None:
    page.goto(site_url + ("apply.html" if site_url.endswith(".html") else "apply/"))
    page.wait_for_selector(".smpls-form--js")
    page.evaluate(
        """() => { const app = document.querySelector('.smpls-form--js').smplsForm;
                   app.parts['form/counts'][0].render = () => { throw new Error('counts-broken'); }; }"""
    )
    page.fill("#f-cover-pilot_name", "临湖市政务服务综合标准化试点")
    # form/review draws after form/counts: the value reaches 核对信息 although form/counts failed
    page.wait_for_function(
        "() => document.querySelector('#review').textContent.includes('临湖市政务服务综合标准化试点')"
    )
    assert any("form/counts" in e and "counts-broken" in e for e in site_guard.console_errors), (
        site_guard.console_errors
    )
    site_guard.console_errors.clear()


def test_a_browser_crash_is_run_again_and_a_plain_failure_is_not(site_dir: Path, tmp_path: Path) -> None:
    """browser_crash.py: Chromium's browser process dies during one test (CDP Browser.crash); that test is run once
    more on a new browser and passes, the next test gets a browser, and a plain failure is reported once."""
    case = Path(__file__).parent / "cases" / "crash_once.py"
    env = {**os.environ, "SMPLS_CRASH_MARK": str(tmp_path / "crashed"), "SMPLS_SITE_DIR": str(site_dir)}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", str(case), "-n", "2", "-p", "no:cacheprovider", "-q", "-rA"],  # as make test
        cwd=Path(__file__).parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    summary = run.stdout.strip().splitlines()[-1]
    assert re.search(r"\b1 failed, 2 passed, 1 rerun\b", summary), run.stdout[-3000:]
    assert "PASSED cases/crash_once.py::test_the_browser_dies_on_the_first_run[chromium]" in run.stdout
    assert "PASSED cases/crash_once.py::test_after_the_crash_the_next_test_has_a_browser[chromium]" in run.stdout
    assert "FAILED cases/crash_once.py::test_a_plain_failure[chromium]" in run.stdout  # run once, not again
    assert (tmp_path / "crashed").exists()  # the browser was crashed, not spared
