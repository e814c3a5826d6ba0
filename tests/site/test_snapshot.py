"""Python's start from a snapshot (site_assets/js/snapshot.js, worker.js): the first visit keeps a snapshot of a
freshly started Python in Cache Storage, later visits start from it; a snapshot that does not fit is dropped and
Python starts the usual way. Nothing the user typed is in it: it is taken before our code is installed."""

from __future__ import annotations

import json
import time
from pathlib import Path

from playwright.sync_api import Page, expect
from trust import apply_url, open_form, wait_ready

CACHE = "smpls.python-snapshot"

# Whether one snapshot is kept, whole (read back with the site's own snapshot.js).
SAVED = f"""async () => {{
  const cache = await caches.open({CACHE!r});
  const keys = await cache.keys();
  if (keys.length !== 1) return false;
  const {{ unpack }} = await import(new URL("../assets/smpls/snapshot.js", location.href));
  try {{
    return unpack(new Uint8Array(await (await cache.match(keys[0])).arrayBuffer())).length > 1000000;
  }} catch {{
    return false;
  }}
}}"""

# The stored snapshot, read back with the site's own snapshot.js: {size, restored bytes, whether a text occurs}.
STORED = f"""async (probe) => {{
  const cache = await caches.open({CACHE!r});
  const [key] = await cache.keys();
  const stored = new Uint8Array(await (await cache.match(key)).arrayBuffer());
  const {{ unpack }} = await import(new URL("../assets/smpls/snapshot.js", location.href));
  const memory = unpack(stored);
  const text = new TextDecoder("latin1").decode(memory);
  const wide = [...probe].map((c) => c + "\\0").join("");
  return {{ stored: stored.length, memory: memory.length, found: text.includes(probe) || text.includes(wide) }};
}}"""

TIMINGS = """async () => {
  const { startChecker } = await import(new URL("../assets/smpls/checker.js", location.href));
  return startChecker().status.timings;
}"""

PROBE = "ZQXJ4711-TYPED-BY-THE-TEST"
COMPLETE = Path(__file__).resolve().parents[2] / "examples" / "complete.json"


def wait_saved(page: Page, seconds: float = 30) -> None:
    """Until one whole snapshot is kept (polled with evaluate, which awaits SAVED's promise; wait_for_function would
    take the promise itself as a true value)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(SAVED):
        assert time.monotonic() < deadline, f"no whole snapshot kept within {seconds} s"
        page.wait_for_timeout(250)


def check_a_field(page: Page) -> None:
    email = page.locator("#f-basic-email")
    email.fill("not-an-email")
    email.press("Tab")
    expect(page.locator("#f-basic-email-msg .smpls-msg__item--error")).to_have_count(1)


def test_a_return_visit_starts_python_from_the_snapshot_without_anything_typed(
    page: Page, site_url: str, site_dir: Path
) -> None:
    open_form(page, apply_url(site_url, site_dir))
    name = page.locator("#f-cover-pilot_name")
    name.fill(PROBE)
    wait_ready(page)
    name.press("Tab")  # the typed text goes to Python (a check)
    check_a_field(page)
    assert "restored" not in page.evaluate(TIMINGS)
    wait_saved(page)
    stored = page.evaluate(STORED, PROBE)
    assert not stored["found"], "the snapshot holds text the user typed"
    assert page.evaluate(STORED, "/lib/python3.14/site-packages")["found"]  # what Python itself holds: found
    assert stored["stored"] < stored["memory"] * 0.7, stored  # kept without its zero pages

    page.reload()
    wait_ready(page)
    assert "restored" in page.evaluate(TIMINGS)
    expect(name).to_have_value(PROBE)  # the draft, as before
    check_a_field(page)
    # the restored Python does the rest too: imports made later, a Word file, and a package installed on demand
    done = page.evaluate(
        """async (draft) => {
          const { startChecker } = await import(new URL("../assets/smpls/checker.js", location.href));
          const checker = startChecker();
          const questions = await checker.call("questions");
          const word = await checker.call("docx", draft);
          return [Object.keys(questions).length, word.bytes.byteLength, await checker.call("summary_warm")];
        }""",
        json.loads(COMPLETE.read_text(encoding="utf-8")),
    )
    assert done[0] > 0 and done[1] > 10_000 and done[2] == "ok", done


def test_a_snapshot_that_does_not_fit_is_dropped_and_python_starts_anyway(
    page: Page, site_url: str, site_dir: Path
) -> None:
    # a damaged snapshot where the site's snapshot.js looks for the one of these runtime files
    page.goto(site_url)
    page.evaluate(
        f"""async () => {{
          const lock = await (await fetch(new URL("pyodide/pyodide-lock.json", location.href))).json();
          const {{ entryUrl }} = await import(new URL("assets/smpls/snapshot.js", location.href));
          const cache = await caches.open({CACHE!r});
          await cache.put(entryUrl(lock.smpls.snapshot), new Response("not a snapshot"));
        }}"""
    )
    open_form(page, apply_url(site_url, site_dir))
    wait_ready(page)
    assert "restored" not in page.evaluate(TIMINGS)
    check_a_field(page)
    wait_saved(page)  # a new one, taken by this visit
