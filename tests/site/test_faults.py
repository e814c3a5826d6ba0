"""Faults, injected while a person uses the 申请书 form: the page recovers or explains, nothing typed is lost.

- the checker's worker dies in the middle of a validation (an uncaught error, or it stops answering);
- the worker script, a wheel, or the runtime cannot be loaded (404), or a wheel arrives changed;
- localStorage is full.

After each: the values are still on the screen, JSON download returns them, and the page tells the user in Chinese
what happened and what still works.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    download_json,
    expect_checker_failed,
    fid,
    open_form,
    page_without_service_worker,
    stored_draft,
    wait_draft_saved,
    wait_ready,
)
from playwright.sync_api import Page, Route, Worker, expect
from trust import COUNTS, record_counts

NAME = "临湖市政务服务“一网通办”综合标准化试点"
UNIT = "临湖市政务服务管理局"


@pytest.fixture(scope="module", autouse=True)
def _counts() -> Iterator[None]:
    yield
    record_counts()


def fault(kind: str) -> None:
    COUNTS["faults injected"] += 1
    COUNTS[f"fault: {kind}"] += 1


def checker_worker(page: Page) -> Worker:
    for _ in range(100):
        for w in page.workers:
            if w.url.endswith("/assets/smpls/runtime/worker.js"):
                return w
        page.wait_for_timeout(100)
    raise AssertionError(f"no checker worker among {[w.url for w in page.workers]}")


def type_some(page: Page) -> None:
    page.locator(f"#{fid('cover.pilot_name')}").fill(NAME)
    box = page.locator(f"#{fid('basic.unit_name')}")
    box.click()
    box.press_sequentially(UNIT)


def assert_nothing_lost(page: Page) -> None:
    assert page.input_value(f"#{fid('cover.pilot_name')}") == NAME
    assert page.input_value(f"#{fid('basic.unit_name')}") == UNIT
    saved = download_json(page)
    assert saved["cover"]["pilot_name"] == NAME
    assert saved["basic"]["unit_name"] == UNIT


def check_org_code(page: Page, value: str = "12345") -> None:
    box = page.locator(f"#{fid('basic.org_code')}")
    box.fill(value)
    box.blur()


# Replace the worker's message handler so that the next validation kills it, the way a crash would.
CRASH = """(how) => {
    const original = self.onmessage;
    self.onmessage = (event) => {
        if (event.data && event.data.name === 'validate') {
            if (how === 'silent') self.close();            // stops answering, no error event
            else setTimeout(() => { throw new Error('simulated crash in the checker'); });
            return;
        }
        return original.call(self, event);
    };
}"""


@pytest.mark.allow_console_errors(r"simulated crash", why="the worker's crash is injected and logged")
@pytest.mark.parametrize("how", ["error", "silent"])
def test_the_worker_dies_mid_validation(page: Page, site_url: str, site_dir: Path, how: str) -> None:
    open_form(page, site_url, site_dir, ready=True)
    type_some(page)
    first = checker_worker(page)
    first.evaluate(CRASH, how)
    fault(f"worker dies mid-validation ({how})")
    statuses: list[str] = []
    page.expose_function("__status", lambda s: statuses.append(s))
    page.evaluate(
        """() => new MutationObserver(() => window.__status(document.querySelector('.smpls-status__text').textContent))
            .observe(document.querySelector('.smpls-status'), {subtree: true, childList: true, characterData: true})"""
    )
    status = page.locator(".smpls-status")
    if how == "silent":
        # a worker that stops answering is given up after checker.js's CALL_TIMEOUT_MS (20 s): the page's clock
        # jumps over that wait instead of the test sitting through it
        page.clock.install()
        with first.expect_event("close"):  # the validation's call was sent (its timer set) and the worker stopped
            check_org_code(page)
        page.clock.fast_forward(21_000)
        page.clock.resume()
    else:
        check_org_code(page)
    # the page explains, starts a new checker, and checks again by itself
    expect(status).to_have_attribute("data-state", "loading", timeout=40_000)
    wait_ready(page)
    # it said so while it restarted (the form's own words, then the checker's)
    assert any("没有完成" in s or "意外停止" in s for s in statuses), statuses
    # the new worker's own steps keep saying that it restarts, up to its last step (runtime/checker.js `restarting`)
    assert any("意外停止" in s and "第 4/4 步" in s for s in statuses), statuses
    expect(page.locator('[data-msg-for="basic.org_code"]')).not_to_be_empty(timeout=20_000)
    assert checker_worker(page) is not first  # a new worker answered
    assert_nothing_lost(page)
    assert stored_draft(page)["cover"]["pilot_name"] == NAME


def failing_load(page: Page, site_url: str, site_dir: Path, message: re.Pattern[str]) -> None:
    open_form(page, site_url, site_dir)
    type_some(page)
    status = expect_checker_failed(page)
    expect(status).to_contain_text(message)
    expect(status).to_contain_text("您仍可以填写")
    wait_draft_saved(page, "一网通办")
    assert_nothing_lost(page)
    page.click('[data-action="check-all"]')
    expect(page.locator("[data-summary]")).to_contain_text("不能检查")
    page.click('[data-action="download-docx"]')
    expect(page.locator('[data-note="download"]')).to_contain_text("不能生成 Word")


# A file the checker needs answers 404: (the file, as a regular expression on its path; what the fault is
# counted as; what the status line says).
MISSING = [
    (r"/pyodide/pydantic_core-[^/]*\.whl", "wheel 404", r"pydantic_core.*无法下载（HTTP 404）"),
    (r"/assets/smpls/runtime/worker\.js", "worker script 404", r"无法启动"),
    (r"/pyodide/pyodide\.asm\.wasm", "pyodide.asm.wasm 404", r"运行环境未能加载"),
]


@pytest.mark.parametrize(
    ("path", "kind", "message"),
    [pytest.param(*case, marks=pytest.mark.allow_failed_requests(case[0]), id=case[1]) for case in MISSING],
)
def test_a_file_is_missing(new_context: Any, site_url: str, site_dir: Path, path: str, kind: str, message: str) -> None:
    page = page_without_service_worker(new_context)
    page.route(re.compile(f".*{path}$"), lambda r: r.fulfill(status=404, body="missing"))
    fault(kind)
    failing_load(page, site_url, site_dir, re.compile(message))


@pytest.mark.allow_failed_requests(r"/pyodide/smpls-[^/]*\.whl")  # the worker's follow-up HEAD may be cut short
def test_a_wheel_arrives_changed(new_context: Any, site_url: str, site_dir: Path) -> None:
    page = page_without_service_worker(new_context)

    def corrupt(route: Route) -> None:
        if route.request.method != "GET":  # the worker's HEAD request, asking why
            route.continue_()
            return
        response = route.fetch()
        body = bytearray(response.body())
        body[len(body) // 2] ^= 0xFF
        route.fulfill(response=response, body=bytes(body))

    page.route(re.compile(r".*/pyodide/smpls-[^/]*\.whl$"), corrupt)
    fault("wheel changed (sha256 mismatch)")
    failing_load(page, site_url, site_dir, re.compile(r"smpls-.*sha256"))


FILL_STORAGE = """
(() => {
  if (localStorage.getItem('filler-0') !== null) return;
  const chunk = 'x'.repeat(512 * 1024);
  try { for (let i = 0; i < 1000; i++) localStorage.setItem('filler-' + i, chunk); } catch (e) { /* full */ }
  const kb = 'x'.repeat(1024);
  try { for (let i = 0; i < 4000; i++) localStorage.setItem('filler-small-' + i, kb); } catch (e) { /* full */ }
  try { for (let i = 0; i < 4000; i++) localStorage.setItem('f' + i, 'x'); } catch (e) { /* full */ }
})();
"""


def test_local_storage_is_full(page: Page, site_url: str, site_dir: Path) -> None:
    page.add_init_script(FILL_STORAGE)
    open_form(page, site_url, site_dir, ready=True)
    fault("localStorage full")
    probe = (
        "() => { try { localStorage.setItem('probe', 'x'.repeat(100)); return 'stored'; } catch { return 'full'; } }"
    )
    assert page.evaluate(probe) == "full"
    type_some(page)
    saved = page.locator("[data-saved]")
    expect(saved).to_contain_text("存储空间已满")  # says why, and offers the download (test_storage)
    expect(saved).to_contain_text("下载草稿文件")
    check_org_code(page)
    expect(page.locator('[data-msg-for="basic.org_code"]')).not_to_be_empty(timeout=20_000)  # checking still works
    assert_nothing_lost(page)
    # space comes back (the user cleared other sites' data): the next change is saved again
    page.evaluate(
        "() => { for (const k of Object.keys(localStorage)) if (/^(filler|f\\d)/.test(k)) localStorage.removeItem(k); }"
    )
    page.locator(f"#{fid('basic.legal_rep')}").fill("周明远")
    expect(saved).to_contain_text("已自动保存")
    assert stored_draft(page)["basic"]["unit_name"] == UNIT
