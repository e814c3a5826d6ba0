"""The process page shows its flowchart as an SVG drawn at build time: no diagram script, a text alternative,
printable, and light (≤ 150 KB as a host serving the site's .br files sends it)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page, expect

PAGE_BUDGET = 150_000  # bytes, first visit, precompressed


def _visit(page: Page, url: str) -> tuple[list[str], set[str]]:
    """Every URL the page requested, and the paths of its scripts."""
    urls: list[str] = []
    scripts: set[str] = set()

    def seen(request: Any) -> None:
        urls.append(request.url)
        if request.resource_type == "script":
            scripts.add(urlsplit(request.url).path)

    page.on("request", seen)
    page.goto(url, wait_until="networkidle")
    return urls, scripts


def _sent(site_dir: Path, site_url: str, urls: list[str]) -> int:
    """Bytes a host that serves the .br twins (nginx brotli_static) sends for these URLs."""
    total = 0
    for url in set(urls):
        if not url.startswith(site_url):
            continue
        path = site_dir / urlsplit(url).path.lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            continue
        twin = path.with_name(path.name + ".br")
        total += (twin if twin.is_file() else path).stat().st_size
    return total


def test_the_flowchart_is_an_svg_drawn_at_build_time(
    page: Page, site_url: str, site_dir: Path, new_context: Callable[..., BrowserContext]
) -> None:
    _urls, reading = _visit(new_context().new_page(), site_url + "notice/")
    urls, process = _visit(page, site_url + "process/")
    # no script beyond what every reading page loads (the theme's bundle and the site's own modules)
    assert process <= reading, process - reading
    assert not [u for u in urls if "mermaid" in u]
    assert _sent(site_dir, site_url, urls) <= PAGE_BUDGET

    svg = page.locator("article figure.smpls-diagram > svg")
    expect(svg).to_have_count(1)
    expect(svg).to_have_attribute("role", "img")
    expect(svg).to_have_accessible_name("推荐和申报流程图")
    expect(svg).to_have_accessible_description(re.compile("每一步做什么"))
    labels = re.sub(r"\s+", "", svg.text_content() or "")
    for label in ["试点单位", "省级标准化行政主管部门", "联席办公室", "联席会议成员单位", "直接报送"]:
        assert label in labels
    box = svg.bounding_box()
    assert box is not None and box["height"] > 400 and box["width"] > 300

    page.emulate_media(media="print")
    box = svg.bounding_box()
    width = page.evaluate("() => document.documentElement.clientWidth")
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    expect(svg).to_be_visible()
