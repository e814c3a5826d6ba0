"""The notice page and the key facts are built from smpls.notice; every page says the call has closed, without JS.

The first tests read the built HTML (no browser): each clause's anchor exists once and its verbatim text stands
after that anchor and before the next clause's. The banner test opens every page in Chromium with JavaScript off.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from built_html import Node, article, html_pages, ids, parse, squash, text_with_marks
from playwright.sync_api import BrowserContext, expect

from smpls.notice import CLAUSES, FACTS, Clause, clause, status_note


def _plain(text: str) -> str:
    """The clause as a reader sees it: the seed's <http://…> is shown as the address."""
    return squash(re.sub(r"<(https?://[^>]+)>", r"\1", text))


def _descendant(c: Clause, other: Clause) -> bool:
    return other.id.startswith(f"{c.id}（")


@pytest.fixture(scope="module")
def notice(site_dir: Path) -> Node:
    return parse(site_dir / "notice" / "index.html")


def test_each_clause_has_its_anchor_once(notice: Node) -> None:
    counts = ids(notice)
    assert {c.anchor: counts.get(c.anchor, 0) for c in CLAUSES} == {c.anchor: 1 for c in CLAUSES}


def test_each_clause_text_is_verbatim_under_its_anchor(notice: Node) -> None:
    text, marks = text_with_marks(article(notice))
    order = sorted(CLAUSES, key=lambda c: marks[c.anchor])
    for i, c in enumerate(order):
        start = marks[c.anchor]
        end = next((marks[o.anchor] for o in order[i + 1 :] if not _descendant(c, o)), len(text))
        region = text[start:end]
        children = [o for o in CLAUSES if _descendant(c, o)]
        lines = [f"（{o.id[len(c.id) + 1 :]}{o.text}" for o in children] if children else c.text.split("\n")
        for line in lines:
            assert _plain(line) in region, f"{c.id} (#{c.anchor}): “{line}” is not where its anchor is"


def test_clause_order_follows_the_notice(notice: Node) -> None:
    _, marks = text_with_marks(article(notice))
    assert [c.id for c in sorted(CLAUSES, key=lambda c: marks[c.anchor])] == [c.id for c in CLAUSES]


def test_home_key_facts_come_from_the_notice_data(site_dir: Path) -> None:
    home = parse(site_dir / "index.html")
    table = article(home).find_all(lambda n: n.tag == "table")
    assert table, "the home page has no key facts table"
    facts = table[0].squashed()
    deadline, issued = FACTS.deadline, FACTS.issued
    for value in (
        FACTS.doc_number,
        FACTS.issuer,
        f"{issued.year}年{issued.month}月{issued.day}日",
        f"{deadline.year}年{deadline.month}月{deadline.day}日前",
        FACTS.contact_people,
        FACTS.contacts,
        FACTS.system_url,
    ):
        assert squash(value) in facts, value
    # every row names where it comes from, and that place exists on the notice page
    notice_ids = ids(parse(site_dir / "notice" / "index.html"))
    for link in table[0].find_all(lambda n: "smpls-cite" in n.classes):
        url = urlsplit(urljoin("http://x/", link.attrs["href"]))
        assert url.path == "/notice/" and notice_ids.get(url.fragment) == 1, link.attrs["href"]
    assert clause("四").label in facts and clause("三").label in facts
    # whose deadline it is, in the notice's words (通知四): the provincial offices' and the 成员单位'
    for words in ("省级标准化行政主管部门", "联席会议成员单位", "试点项目清单", "相关材料（纸质版）", "报送联席办公室"):
        assert words in clause("四").text and squash(words) in facts, words


def test_contacts_page_lists_the_notice_contacts(site_dir: Path) -> None:
    contacts = article(parse(site_dir / "contacts" / "index.html"))
    text = contacts.squashed()
    for value in (FACTS.contact_people, FACTS.contact_fax, FACTS.address, FACTS.postcode, FACTS.system_url):
        assert squash(value) in text, value
    tel = [n.attrs["href"] for n in contacts.iter() if n.attrs.get("href", "").startswith("tel:")]
    assert tel == ["tel:+861082261006", "tel:+861082261652"]


def _urls(site_dir: Path) -> list[str]:
    urls = []
    for p in html_pages(site_dir):
        rel = p.relative_to(site_dir).as_posix()
        urls.append(rel.removesuffix("index.html"))
    return urls


def test_every_page_has_the_closed_notice_in_its_html(site_dir: Path) -> None:
    """Static HTML, in the words of smpls.notice.status_note(), on every page (the 404 page too)."""
    want = squash(status_note())
    for p in html_pages(site_dir):
        banners = parse(p).by_class("smpls-closed")
        assert len(banners) == 1 and banners[0].squashed() == want, p.relative_to(site_dir)


def test_closed_notice_is_visible_on_every_page_without_javascript(
    new_context: Callable[..., BrowserContext], site_url: str, site_dir: Path
) -> None:
    for width in (1280, 390):
        page = new_context(java_script_enabled=False, viewport={"width": width, "height": 800}).new_page()
        for url in _urls(site_dir):
            page.goto(site_url + url)
            banner = page.locator(".md-banner .smpls-closed")
            expect(banner).to_be_visible()
            expect(banner).to_have_text(status_note())
            box = banner.bounding_box()
            assert box is not None and box["y"] < 200, f"{url}: the notice is not at the top at {width}px"
