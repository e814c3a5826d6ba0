"""Chinese search: mkdocs-material's search index is segmented with jieba at build time, so words are found."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect


def search(page: Page, site_url: str, query: str) -> list[str]:
    """Type the query like a person and return the result links' page paths (relative to the site root)."""
    page.goto(site_url, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material's search reacts to keyup
    results = page.locator(".md-search-result__list > li a")
    expect(results.first).to_be_visible(timeout=10_000)
    meta = page.locator(".md-search-result__meta")
    expect(meta).not_to_have_text("正在初始化搜索引擎")
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    root = urlsplit(site_url).path
    paths = []
    for href in hrefs:
        path = urlsplit(urljoin(page.url, href)).path.removeprefix(root)
        if path not in paths:
            paths.append(path)
    return paths


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("营商环境", ["areas/", "notice/"]),
        ("保证单位", ["roles/"]),
        ("标准化", ["notice/"]),
    ],
)
def test_chinese_search_finds_the_right_pages(page: Page, site_url: str, query: str, expected: list[str]) -> None:
    pages = search(page, site_url, query)
    for path in expected:
        assert path in pages, f"{query}: {path} not among the result pages {pages}"
    shown = page.locator(".md-search-result__list").inner_text().replace("\u200b", "")
    assert query in shown


def test_search_index_is_segmented_with_jieba(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    part_1 = next(d for d in index["docs"] if d["location"] == "notice/#n-1")
    # jieba separates words with a zero-width space (which the index's separator splits on); without jieba the
    # sentence would be one unbroken token and no word inside it could be found.
    assert "优化\u200b营商\u200b环境" in part_1["text"]
    assert "\\u200b" in index["config"]["separator"]


@pytest.mark.parametrize(
    ("query", "expected", "marked"),
    [
        ("12月20日", ["notice/", "process/", "faq/"], "12月"),
        ("十二月二十日", ["notice/", "process/", "faq/"], "12月"),
        ("31号", ["notice/"], "31号"),
        ("一式四份", ["notice/", "process/", "faq/"], "4份"),
    ],
)
def test_search_finds_numbers_and_dates(
    page: Page, site_url: str, query: str, expected: list[str], marked: str
) -> None:
    """Issue 22: numbers with their unit are found in either spelling, first, with the text as written marked
    (tests/site/test_search_recall.py asks many more queries of the same worker, without a browser)."""
    pages = search(page, site_url, query)
    for path in expected:
        assert path in pages, f"{query}: {path} not among the result pages {pages}"
    first = page.locator(".md-search-result__list > li").first
    marks = [m.replace("\u200b", "") for m in first.locator("mark").all_inner_texts()]
    assert marked in marks, f"{query}: the first result marks {marks}"


def test_the_site_and_its_offline_copy_carry_no_unused_search_language_files(site_dir: Path) -> None:
    """Issue 22: the search is configured with lang: en (Chinese comes from jieba), for which the theme's worker
    loads no lunr language file; the ~30 languages' files are not in the site, so not in sw.js's offline copy."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["en"]
    assert not (site_dir / "assets" / "javascripts" / "lunr").exists()
    sw = (site_dir / "sw.js").read_text(encoding="utf-8")
    assert "assets/javascripts/workers/search." in sw
    assert "javascripts/lunr/" not in sw
