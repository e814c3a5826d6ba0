"""The harness itself: the guard fails on what it should (these tests would catch a broken guard)."""

from __future__ import annotations

from collections.abc import Callable

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
    page.evaluate("() => fetch('missing-file.txt').catch(() => null)")
    page.evaluate("() => fetch('http://192.0.2.1:9/x').catch(() => null)")
    page.wait_for_timeout(300)
    problems = site_guard.problems()
    assert any("missing-file.txt" in p and "HTTP 404" in p for p in problems), problems
    assert any(p.startswith("off-site request: http://192.0.2.1:9/x") for p in problems), problems
    # This test checked the guard's findings itself: clear them so the guard does not fail it.
    site_guard.off_origin.clear()
    site_guard.failed.clear()
    site_guard.console_errors.clear()
