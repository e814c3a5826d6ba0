"""Helpers for browser tests: axe-core checks, screenshots and the list of built pages."""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "build" / "screenshots"

SERIOUS = ("serious", "critical")


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


def screenshot(page: Page, name: str, full_page: bool = True) -> Path:
    """Save a PNG of the page to build/screenshots/NAME.png and return its path.

    Only when SMPLS_SCREENSHOTS=1 (``make screenshots``): no test compares the pictures, they are for a person to
    look at, so the ordinary test run does not spend time on them."""
    path = SCREENSHOTS / f"{name}.png"
    if os.environ.get("SMPLS_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=full_page)
    return path


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
