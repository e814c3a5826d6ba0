"""Helpers for browser tests, in one place: opening a page and waiting for its checker, reading the stored draft,
driving the 申请书 form like a user, the self-check's answers, axe-core checks, screenshots and the list of built pages.

A test module imports what it needs from here (or from trust.py, the trust suites' extras); no test module imports
another test module.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, expect

from smpls.eligibility import NOT_MET, QUESTIONS, UNSURE, Question, evaluate
from smpls.fields import FieldSpec, iter_fields

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "build" / "screenshots"
#: the complete example (examples/complete.json): a draft with every field filled and no 错误
COMPLETE: dict[str, Any] = json.loads((ROOT / "examples" / "complete.json").read_text(encoding="utf-8"))
READY_TIMEOUT = 120_000  # ms; the Python checker loads in a worker (a few seconds; slower when the machine is busy)
DRAFT_KEY = "smpls-draft"  # the localStorage key of the form's draft: {savedAt, draft}
SERIOUS = ("serious", "critical")


def load_module(path: Path, name: str | None = None) -> Any:
    """A Python file of the repository that is not a package (a build hook, site_assets/runtime/wheels.py)."""
    spec = importlib.util.spec_from_file_location(name or f"{path.stem}_module", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_hook(name: str) -> Any:
    """A build hook (site_assets/hooks/NAME.py) as a module."""
    return load_module(ROOT / "site_assets" / "hooks" / f"{name}.py", f"{name}_hook")


FORM_HOOK = build_hook("form")


def fid(path: str) -> str:
    """The element id of a field: the form hook's scheme (site_assets/hooks/form.py ``field_id``)."""
    return str(FORM_HOOK.field_id(path))


# ---------------------------------------------------------------- opening pages, waiting for the checker


def page_url(site_url: str, site_dir: Path, name: str) -> str:
    """The URL of the page built from docs/NAME.md (``name.html`` or ``name/``, as the build wrote it)."""
    return site_url + (f"{name}.html" if (site_dir / f"{name}.html").is_file() else f"{name}/")


def apply_url(site_url: str, site_dir: Path) -> str:
    return page_url(site_url, site_dir, "apply")


def open_form(page: Page, site_url: str, site_dir: Path, *, ready: bool = False) -> None:
    """Open the 申请书 form; with ``ready``, wait until its checker has loaded."""
    page.goto(apply_url(site_url, site_dir))
    page.wait_for_selector(".smpls-form--js")
    if ready:
        wait_ready(page)


def wait_ready(page: Page, timeout: int = READY_TIMEOUT) -> None:
    """Until the checker of the form (or the roll-up page) is ready."""
    page.wait_for_selector('.smpls-status[data-state="ready"]', timeout=timeout)


def settle(page: Page) -> None:
    """Wait until the checker has loaded (or failed) before leaving the page, so no download is cut off."""
    page.wait_for_selector('.smpls-status:not([data-state="loading"])', timeout=READY_TIMEOUT)


def page_without_service_worker(new_context: Any, **options: Any) -> Page:
    """A page in a new browser context with the site's service worker blocked, so that a test's route sees every
    request (the service worker would answer from its cache first)."""
    page: Page = new_context(service_workers="block", **options).new_page()
    return page


def expect_checker_failed(page: Page) -> Locator:
    """Until the form's status line says the checker failed to load; returns the status line."""
    status = page.locator(".smpls-status")
    expect(status).to_have_attribute("data-state", "failed", timeout=READY_TIMEOUT)
    return status


def open_check(page: Page, site_url: str, site_dir: Path, *, ready: bool = True) -> None:
    """Open the self-check; with ``ready`` (the default), wait until its checker has loaded."""
    page.goto(page_url(site_url, site_dir, "self-check"))
    page.wait_for_selector(".smpls-sc--js")
    if ready:
        wait_check_ready(page)


def wait_check_ready(page: Page) -> None:
    """Until the self-check's checker is ready."""
    page.wait_for_selector('.smpls-sc-status[data-state="ready"]', timeout=READY_TIMEOUT)


def open_summary(page: Page, site_url: str, *, ready: bool = True) -> None:
    """Open the roll-up page (汇总推荐项目); with ``ready`` (the default), wait until its checker has loaded."""
    page.goto(site_url + "summary/")
    if ready:
        wait_ready(page)


def wait_idle(page: Page) -> None:
    """Until the page has drawn and gone idle: every image in the document has loaded or failed, two frames are
    drawn, and the browser reports an idle period (the tasks already queued, such as load, error and
    security-policy events, have run). An awaited event instead of a fixed sleep before asserting that something
    did not happen."""
    page.evaluate(
        """() => Promise.all([...document.images].map((img) => img.complete || new Promise((done) => {
                img.addEventListener("load", done, { once: true });
                img.addEventListener("error", done, { once: true });
            })))
            .then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
            .then(() => new Promise((r) => requestIdleCallback(r)))"""
    )


def wait_still(page: Page, selector: str) -> None:
    """Until the page has stopped moving: the scroll position, and the place, opacity and visibility of
    ``selector``'s element (if any), unchanged over ten looks 50 ms apart (a theme's fade-in after a scroll)."""
    page.evaluate(
        """(selector) => new Promise((resolve) => {
            let last = "", still = 0;
            const tick = () => {
                const el = document.querySelector(selector);
                const now = JSON.stringify([window.scrollY, el && el.getBoundingClientRect(), el && el.hidden,
                                            el && getComputedStyle(el).opacity, document.getAnimations().length]);
                still = now === last ? still + 1 : 0;
                last = now;
                if (still >= 10) resolve(); else setTimeout(tick, 50);
            };
            tick();
        })""",
        selector,
    )


# ---------------------------------------------------------------- the stored draft


def stored_draft(page: Page) -> Any:
    """The draft the form keeps in localStorage (the ``draft`` of its {savedAt, draft} record), or None."""
    text = page.evaluate("(key) => localStorage.getItem(key)", DRAFT_KEY)
    return json.loads(text)["draft"] if text else None


def wait_draft_saved(page: Page, needle: str) -> None:
    """Until the stored draft contains ``needle`` (the autosave has run)."""
    page.wait_for_function("([key, v]) => (localStorage.getItem(key) || '').includes(v)", arg=[DRAFT_KEY, needle])


def start_with(page: Page, draft: dict[str, Any]) -> None:
    """Have ``draft`` stored before the page's scripts run, as if saved on an earlier visit."""
    page.add_init_script(
        "localStorage.setItem('smpls-draft', JSON.stringify({savedAt: '2026-11-20T08:00:00Z', draft: DRAFT}));".replace(
            "DRAFT", json.dumps(draft, ensure_ascii=False)
        )
    )


def value_at(draft: Any, path: str) -> Any:
    """The value at a field path (``schedule.0.content``) of a draft."""
    node = draft
    for part in path.split("."):
        node = node[int(part)] if part.isdigit() else node[part]
    return node


# ---------------------------------------------------------------- the form, as a user


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


def read_field(page: Page, spec: FieldSpec, path: str) -> str:
    return page.input_value(f"#{fid(path)}")


def ensure_rows(page: Page, kind: str, count: int) -> None:
    rows = page.locator(f'[data-rows="{kind}"] > li')
    while rows.count() < count:
        page.click(f'[data-add-row="{kind}"]')
    expect(rows).to_have_count(count)


# Leave the field being typed in and wait until the download button has not moved for 0.5 s: leaving a field
# checks it, and a message appearing above the button between Playwright's mouse-down and mouse-up moves the
# button away from under the pointer (the click then lands elsewhere and nothing is downloaded).
SETTLE = """(selector) => new Promise((resolve) => {
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
    const button = document.querySelector(selector);
    let last = "", still = 0;
    const tick = () => {
        const now = JSON.stringify(button.getBoundingClientRect());
        still = now === last ? still + 1 : 0;
        last = now;
        if (still >= 10) resolve(); else setTimeout(tick, 50);
    };
    tick();
})"""


def download_json(page: Page) -> dict[str, Any]:
    """Press 下载草稿文件 and return the downloaded draft."""
    page.evaluate(SETTLE, '[data-action="download-json"]')
    with page.expect_download() as info:
        page.click('[data-action="download-json"]')
    assert info.value.suggested_filename.endswith(".json")
    path = info.value.path()
    assert path is not None
    data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return data


def download_word(page: Page) -> bytes:
    """Press 下载 Word 申请书 and return the file's bytes."""
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


# ---------------------------------------------------------------- the self-check's answers, from the data

ASKED = [q for q in QUESTIONS if q.kind != "text"]


def status_of(answers: dict[str, str], condition: str) -> str:
    return next(r.status for r in evaluate(answers).reasons if r.condition == condition)


def met_answer(q: Question) -> str:
    """The answer that meets q's condition (q.good, or for a choice without one, the first option that does)."""
    if q.good:
        return q.good
    return q.options[0]  # an informational question: any answer leaves the verdict as it is


ALL_MET: dict[str, str] = {q.id: met_answer(q) for q in ASKED}
# (question, the answer that fails its condition) for every question that can fail a condition
FAILING: list[tuple[Question, str]] = [
    (q, o) for q in ASKED for o in q.options if o != UNSURE and status_of({**ALL_MET, q.id: o}, q.condition) == NOT_MET
]


def group(page: Page, q: Question) -> Locator:
    """The question's group of answers on the self-check page."""
    return page.get_by_role("group", name=q.text, exact=True)


# ---------------------------------------------------------------- the snapshot of Python (runtime/snapshot.js)

SNAPSHOT_CACHE = "smpls.python-snapshot"

# Whether one snapshot is kept, whole (read back with the site's own snapshot.js).
SNAPSHOT_SAVED = f"""async () => {{
  const cache = await caches.open({SNAPSHOT_CACHE!r});
  const keys = await cache.keys();
  if (keys.length !== 1) return false;
  const {{ unpack }} = await import(new URL("../assets/smpls/runtime/snapshot.js", location.href));
  try {{
    return unpack(new Uint8Array(await (await cache.match(keys[0])).arrayBuffer())).length > 1000000;
  }} catch {{
    return false;
  }}
}}"""

# The checker's start-up timings, from a fresh checker on the page.
TIMINGS = """async () => {
  const { startChecker } = await import(new URL("../assets/smpls/runtime/checker.js", location.href));
  return startChecker().status.timings;
}"""


def wait_snapshot_saved(page: Page, seconds: float = 30) -> None:
    """Until one whole snapshot is kept (polled with evaluate, which awaits SNAPSHOT_SAVED's promise;
    wait_for_function would take the promise itself as a true value)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(SNAPSHOT_SAVED):
        assert time.monotonic() < deadline, f"no whole snapshot kept within {seconds} s"
        page.wait_for_timeout(250)


# ---------------------------------------------------------------- axe-core, screenshots, built pages


def axe_violations(page: Page, impacts: tuple[str, ...] = SERIOUS, selector: str | None = None) -> list[dict[str, Any]]:
    """Run axe-core (from node_modules, no network request) on the page; return violations of those impacts.

    Each item is axe's violation object (id, impact, help, helpUrl, nodes[...]).
    Use ``format_violations`` for a readable assertion message.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern
        # (page.add_script_tag would insert an inline <script>, which the site's strict policy blocks).
        page.evaluate(AXE.read_text(encoding="utf-8"))
    violations: list[dict[str, Any]] = page.evaluate(
        """async (selector) => {
            const result = await window.axe.run(selector ? document.querySelector(selector) : document,
                                                {resultTypes: ["violations"]});
            return result.violations;
        }""",
        selector,
    )
    return [v for v in violations if v.get("impact") in impacts]


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['impact']}: {v['id']} - {v['help']}")
        for node in v.get("nodes", [])[:5]:
            lines.append(f"    {node.get('target')}: {node.get('failureSummary', '').strip()}")
    return "\n".join(lines)


def screenshot(page: Page, name: str, full_page: bool = True, *, always: bool = False) -> Path:
    """Save a PNG of the page to build/screenshots/NAME.png and return its path.

    Only when SMPLS_SCREENSHOTS=1 (``make screenshots``): no test compares the pictures, they are for a person to
    look at, so the ordinary test run does not spend time on them. ``always``: written on every run (pictures that
    are an issue's evidence)."""
    path = SCREENSHOTS / f"{name}.png"
    if always or os.environ.get("SMPLS_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=full_page)
    return path


#: the widths the pictures of a page are taken at: a phone and a desktop
SCREEN_WIDTHS = [390, 1280]


def page_at(new_context: Any, width: int, height: int = 900) -> Page:
    """A new page in a new browser context whose window is ``width`` × ``height``."""
    page: Page = new_context(viewport={"width": width, "height": height}).new_page()
    return page


def sideways_overflow(page: Page) -> int:
    """By how many pixels the page is wider than its window (0 or less: it does not scroll sideways)."""
    overflow: int = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    return overflow


def built_pages(site_dir: Path) -> list[str]:
    """URL paths (relative to the site root, e.g. '' or 'notice/') of every page built from docs/*.md."""
    pages = []
    for html in sorted(site_dir.rglob("index.html")):
        rel = html.parent.relative_to(site_dir).as_posix()
        if rel.startswith(("assets", "search", "pyodide")):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


def drop(page: Page, name: str, data: bytes, mime: str = "application/json") -> None:
    """Drag a file onto the page's import box ([data-dropzone]), as a user drops it from the desktop."""
    page.evaluate(
        """([name, b64, mime]) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const dt = new DataTransfer();
            dt.items.add(new File([bytes], name, {type: mime}));
            const zone = document.querySelector("[data-dropzone]");
            zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
            zone.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
        }""",
        [name, base64.b64encode(data).decode("ascii"), mime],  # base64: a list of 2 million numbers takes a minute
    )
