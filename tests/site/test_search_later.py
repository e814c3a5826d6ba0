"""On a page with the checker, the theme's search worker (it builds the search index, about 0.3 s of CPU) waits
until the checker is ready or has failed, or until the search box is used (overrides/main.html), so the two do not
compete while Python starts. dev/notes.md 性能 has the measured gain (bench/ab.py, switch search-later).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

from helpers import apply_url, wait_ready
from playwright.sync_api import Page, Request, Route, expect

SEARCH_WORKER = re.compile(r"/assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")

RESOURCE_START = """(pattern) => {
  const entry = performance.getEntriesByType('resource').find((e) => new RegExp(pattern).test(e.name));
  return entry ? {start: entry.startTime, end: entry.responseEnd} : null;
}"""

RESOURCE_SEEN = "(pattern) => performance.getEntriesByType('resource').some((e) => new RegExp(pattern).test(e.name))"

START = datetime(2026, 11, 20, 8, 0)  # any time: only how it moves matters

MARK = "(name) => (performance.getEntriesByName(name)[0] || {}).startTime ?? null"


def test_the_search_worker_waits_for_the_checker(page: Page, site_url: str, site_dir: Path) -> None:
    page.goto(apply_url(site_url, site_dir))
    wait_ready(page)
    page.wait_for_function(RESOURCE_SEEN, arg=SEARCH_WORKER.pattern)
    ready = page.evaluate(MARK, "smpls:checker-ready")
    search = page.evaluate(RESOURCE_START, SEARCH_WORKER.pattern)
    assert search["start"] >= ready, f"search worker requested at {search['start']} ms, checker ready at {ready} ms"
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("营商环境")
    box.press("End")  # Material's search reacts to keyup
    expect(page.locator(".md-search-result__list > li a").first).to_be_visible()


def test_using_the_search_box_starts_the_search_at_once(page: Page, site_url: str, site_dir: Path) -> None:
    held: list[Route] = []
    page.route(re.compile(r"/pyodide/pydantic_core-[^/]*\.whl$"), lambda route: held.append(route))
    searched: list[Request] = []
    page.on("request", lambda r: searched.append(r) if SEARCH_WORKER.search(r.url) else None)
    page.clock.install(time=START)
    page.clock.pause_at(START + timedelta(seconds=1))  # the page's time stands still until the test moves it
    try:
        page.goto(apply_url(site_url, site_dir), wait_until="domcontentloaded")
        page.clock.run_for(9_000)  # 9 s of the page's time, short of the 10 s after which the search starts anyway
        page.evaluate("() => document.readyState")  # a worker started by then has been requested
        assert searched == [], "the search worker started before the checker was ready or the search box was used"
        box = page.locator("input.md-search__input")
        with page.expect_request(SEARCH_WORKER):  # at once: the page's time still stands
            box.click()
        page.clock.resume()  # the theme's search reacts to typing after timers
        box.fill("保证单位")
        box.press("End")
        expect(page.locator(".md-search-result__list > li a").first).to_be_visible(timeout=8_000)
        assert page.evaluate(MARK, "smpls:checker-ready") is None  # the checker is still waiting for its wheel
    finally:
        for route in held:
            route.continue_()
    wait_ready(page)
