"""Run by test_harness.py in its own pytest, never collected by the suite (no test_ prefix): a test during which
Chromium's browser process dies is run again on a new browser; a plain failure is not."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Browser, Page

MARK = Path(os.environ["SMPLS_CRASH_MARK"])  # exists after the first run crashed the browser


def test_the_browser_dies_on_the_first_run(page: Page, browser: Browser) -> None:
    if not MARK.exists():
        MARK.write_text("crashed once", encoding="utf-8")
        browser.new_browser_cdp_session().send("Browser.crash")
        page.evaluate("1")  # fails: the browser is gone
    assert page.evaluate("1 + 1") == 2


def test_after_the_crash_the_next_test_has_a_browser(page: Page) -> None:
    assert page.evaluate("2 + 2") == 4


def test_a_plain_failure(page: Page) -> None:
    """Last: the browser closed at the session's end (during this test's teardown) is not a crash either."""
    assert page.evaluate("1 + 1") == 3
