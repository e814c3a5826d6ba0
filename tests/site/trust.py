"""Shared pieces of the trust suites (test_csp, test_offline, test_hostile, test_faults).

- ``WATCH``: an init script that records Content-Security-Policy violations and ``alert``/``confirm``/``prompt``
  calls in ``window.__trust`` (dialogs are also caught by Playwright's ``dialog`` event).
- what the trust suites read of the form: every field a person types into, what the screen shows, whether the page
  still answers (opening pages, the stored draft and downloads are in helpers.py, shared by every browser test).
- ``COUNTS``: inputs tried and faults injected, written to build/trust-counts.json after each suite (each
  pytest-xdist worker writes its part of the run; the parts are summed), so the README figures can be checked
  against a run.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from helpers import ROOT
from playwright.sync_api import Page
from static_server import SiteHandler
from static_server import serve as serve_site

from smpls.fields import FieldSpec, iter_fields

COUNTS_FILE = ROOT / "build" / "trust-counts.json"
COUNTS_PARTS = ROOT / "build" / "trust-counts.parts"
COUNTS: Counter[str] = Counter()

WATCH = """
(() => {
  const t = (window.__trust = { violations: [], dialogs: [], xss: [] });
  document.addEventListener("securitypolicyviolation", (e) => {
    t.violations.push({
      directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile,
    });
  });
  for (const name of ["alert", "confirm", "prompt"]) {
    const orig = window[name];
    window[name] = function (...args) {
      t.dialogs.push(name + ":" + String(args[0]));
      return orig.apply(this, args);
    };
  }
  // Payloads call this if they ever run.
  window.__xss = (tag) => t.xss.push(String(tag));
})();
"""


def trust_state(page: Page) -> dict[str, list[Any]]:
    state: dict[str, list[Any]] = page.evaluate("() => window.__trust || {violations: [], dialogs: [], xss: []}")
    return state


def text_fields() -> list[FieldSpec]:
    """Every field a person types into (not the radio choices), from the model."""
    return [f for f in iter_fields() if f.meta.kind != "choice"]


def concrete(spec: FieldSpec, row: int = 0) -> str:
    return spec.path.replace("*", str(row))


def form_values(page: Page) -> dict[str, str]:
    """What the page shows in every named box (radios: the checked value)."""
    values: dict[str, str] = page.evaluate(
        """() => {
            const out = {};
            for (const el of document.querySelectorAll('#smpls-app input[name], #smpls-app textarea[name]')) {
                if (el.type !== 'radio') out[el.name] = el.value;
                else if (el.checked) out[el.name] = el.value;
                else if (!(el.name in out)) out[el.name] = '';
            }
            return out;
        }"""
    )
    return values


def responsive(page: Page, budget_ms: int = 2000) -> float:
    """Time (ms) for the main thread to answer a trivial evaluate; asserts it is within budget."""
    took: float = page.evaluate(
        """() => new Promise((resolve) => {
            const t0 = performance.now();
            setTimeout(() => resolve(performance.now() - t0), 0);
        })"""
    )
    assert took < budget_ms, f"the page did not answer for {took:.0f} ms"
    return took


def record_counts() -> None:
    """Write this process's counts as its part of this run, then sum the run's parts into build/trust-counts.json
    (pytest-xdist's workers share PYTEST_XDIST_TESTRUNUID; a plain run is one part). A suite that ran replaces
    its old figures; parts of earlier runs are removed."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID") or f"pid{os.getpid()}"
    here = COUNTS_PARTS / run
    here.mkdir(parents=True, exist_ok=True)
    for old in COUNTS_PARTS.iterdir():
        if old.is_dir() and old != here:
            shutil.rmtree(old, ignore_errors=True)
    part = here / f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.json"
    part.write_text(json.dumps(dict(COUNTS), ensure_ascii=False, sort_keys=True), encoding="utf-8")
    with open(COUNTS_PARTS / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        total: Counter[str] = Counter()
        for each in sorted(here.glob("*.json")):
            total.update(json.loads(each.read_text(encoding="utf-8")))
        previous: dict[str, int] = {}
        if COUNTS_FILE.exists():
            try:
                previous = json.loads(COUNTS_FILE.read_text(encoding="utf-8"))
            except ValueError:
                previous = {}
        merged = {**previous, **dict(total)}
        text = json.dumps(merged, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        COUNTS_FILE.write_text(text, encoding="utf-8")


# --- a server whose directory and headers a test can change ---------------------------------------------------


class _Handler(SiteHandler):
    """The site handler, with a directory and extra headers a test can change while it runs."""

    state: dict[str, Any]

    def translate_path(self, path: str) -> str:
        self.directory = str(self.state["dir"])
        return super().translate_path(path)

    def end_headers(self) -> None:
        headers = self.state.get("headers") or {}
        if callable(headers):
            headers = headers(self.path.split("?", 1)[0])
        for name, value in headers.items():
            self.send_header(name, value)
        super().end_headers()


@contextmanager
def serve(directory: Path, headers: Any = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """Serve ``directory`` on 127.0.0.1; yields (url, state): set state["dir"] to switch what is served.

    ``headers``: extra response headers, a dict or a function of the request path returning one."""
    state: dict[str, Any] = {"dir": directory, "headers": headers or {}}
    with serve_site(directory, handler=type("Handler", (_Handler,), {"state": state})) as (url, _):
        yield url, state
