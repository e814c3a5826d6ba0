"""Python's start from a snapshot (site_assets/js/runtime/snapshot.js, worker.js): the first visit keeps, in Cache
Storage, a snapshot of Python with smpls.browser imported (pydantic_core's extension loaded before Python starts),
later visits start from it and then do everything a fresh start does; a snapshot that does not fit is dropped and
Python starts the usual way; one kept for another build is never used. Nothing the user typed is in it: it is
taken before the first call reaches Python."""

from __future__ import annotations

import time
from pathlib import Path

from helpers import COMPLETE, SNAPSHOT_CACHE, TIMINGS, open_form, wait_ready, wait_snapshot_saved
from playwright.sync_api import Page, expect

# The stored snapshot, read back with the site's own snapshot.js: {size, restored bytes, whether a text occurs}.
STORED = f"""async (probe) => {{
  const cache = await caches.open({SNAPSHOT_CACHE!r});
  const [key] = await cache.keys();
  const stored = new Uint8Array(await (await cache.match(key)).arrayBuffer());
  const {{ unpack }} = await import(new URL("../assets/smpls/runtime/snapshot.js", location.href));
  const memory = unpack(stored);
  const text = new TextDecoder("latin1").decode(memory);
  const wide = [...probe].map((c) => c + "\\0").join("");
  return {{ stored: stored.length, memory: memory.length, found: text.includes(probe) || text.includes(wide) }};
}}"""

# What the checker answers, from a fresh start and from a snapshot: the complete example checked, the questions, a
# Word file written and read back, openpyxl installed on demand.
ANSWERS = """async (draft) => {
  const { startChecker } = await import(new URL("../assets/smpls/runtime/checker.js", location.href));
  const checker = startChecker();
  const checked = await checker.call("validate", draft);
  const questions = await checker.call("questions");
  const word = await checker.call("docx", draft);
  const size = word.bytes.byteLength;
  const read = await checker.call("read_docx", word.bytes);
  return { checked, questions, size, read, openpyxl: await checker.call("summary_warm") };
}"""

PROBE = "ZQXJ4711-TYPED-BY-THE-TEST"


def check_a_field(page: Page) -> None:
    postcode = page.locator("#f-basic-postcode")
    postcode.fill("1234")
    postcode.press("Tab")
    expect(page.locator("#f-basic-postcode-msg .smpls-msg__item--hint")).to_have_count(1)  # a 提示 (issue 19)


def test_a_return_visit_starts_python_from_the_snapshot_without_anything_typed(
    page: Page, site_url: str, site_dir: Path
) -> None:
    open_form(page, site_url, site_dir)
    name = page.locator("#f-cover-pilot_name")
    name.fill(PROBE)
    wait_ready(page)
    name.press("Tab")  # the typed text goes to Python (a check)
    check_a_field(page)
    assert "restored" not in page.evaluate(TIMINGS)
    draft = COMPLETE
    fresh = page.evaluate(ANSWERS, draft)
    wait_snapshot_saved(page)
    stored = page.evaluate(STORED, PROBE)
    assert not stored["found"], "the snapshot holds text the user typed"
    assert page.evaluate(STORED, "/lib/python3.14/site-packages")["found"]  # what Python itself holds: found
    assert page.evaluate(STORED, "pydantic_core")["found"]  # taken after the import
    assert stored["stored"] < stored["memory"] * 0.8, stored  # kept without its zero pages

    page.reload()
    wait_ready(page)
    assert "restored" in page.evaluate(TIMINGS)
    expect(name).to_have_value(PROBE)  # the draft, as before
    check_a_field(page)
    # the restored Python answers as the fresh one did: checks, questions, a Word file written and read back, and
    # a package installed on demand
    restored = page.evaluate(ANSWERS, draft)
    assert fresh["openpyxl"] == "ok" and fresh["questions"] and fresh["read"]["draft"], fresh
    assert restored.pop("size") > 10_000 and fresh.pop("size") > 10_000  # the file's time differs, not its content
    assert restored == fresh


def test_a_snapshot_kept_for_another_build_is_never_used(page: Page, site_url: str, site_dir: Path) -> None:
    open_form(page, site_url, site_dir)
    wait_ready(page)
    wait_snapshot_saved(page)
    # the same snapshot, kept as if for another build of the site (another key)
    page.evaluate(
        f"""async () => {{
          const {{ entryUrl }} = await import(new URL("../assets/smpls/runtime/snapshot.js", location.href));
          const cache = await caches.open({SNAPSHOT_CACHE!r});
          const [kept] = await cache.keys();
          await cache.put(entryUrl("another-build"), await cache.match(kept));
          await cache.delete(kept);
        }}"""
    )
    page.reload()
    wait_ready(page)
    assert "restored" not in page.evaluate(TIMINGS)
    check_a_field(page)
    kept = f"async () => (await (await caches.open({SNAPSHOT_CACHE!r})).keys()).map((request) => request.url).join()"
    deadline = time.monotonic() + 30
    while "another-build" in page.evaluate(kept):  # until this build's own replaces it
        assert time.monotonic() < deadline, page.evaluate(kept)
        page.wait_for_timeout(250)
    wait_snapshot_saved(page)


def test_a_snapshot_that_does_not_fit_is_dropped_and_python_starts_anyway(
    page: Page, site_url: str, site_dir: Path
) -> None:
    # a damaged snapshot where the site's snapshot.js looks for the one of these runtime files
    page.goto(site_url)
    page.evaluate(
        f"""async () => {{
          const lock = await (await fetch(new URL("pyodide/pyodide-lock.json", location.href))).json();
          const {{ entryUrl }} = await import(new URL("assets/smpls/runtime/snapshot.js", location.href));
          const cache = await caches.open({SNAPSHOT_CACHE!r});
          await cache.put(entryUrl(lock.smpls.snapshot), new Response("not a snapshot"));
        }}"""
    )
    open_form(page, site_url, site_dir)
    wait_ready(page)
    assert "restored" not in page.evaluate(TIMINGS)
    check_a_field(page)
    wait_snapshot_saved(page)  # a new one, taken by this visit
