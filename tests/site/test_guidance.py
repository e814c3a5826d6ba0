"""The guidance keeps the notice's words apart from ours (read from the built HTML, no browser needed).

- every quotation of the notice names its clause and links to that clause's anchor on the notice page, and its
  words are the clause's (excerpts may leave parts out with ……);
- every link into the notice page lands on an element that exists;
- our explanations sit in one style, titled 本站说明, and are not phrased as requirements;
- the claims the notice does not make (issue 10) are gone from every page.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from built_html import Node, article, html_pages, ids, parse, squash

from smpls.notice import clause

GUIDANCE = ["conditions", "roles", "process", "areas", "faq", "contacts"]
#: pages that quote the notice (contacts only tabulates its facts)
QUOTING = ["conditions", "roles", "process", "areas", "faq", "self-check"]
#: words that make a sentence a requirement; an explanation of ours advises instead (建议……)
REQUIREMENT_WORDS = ["必须", "应当", "应该", "务必", "一律", "不得"]
#: claims the notice does not make (issue 10), none of which may come back on any page
FORBIDDEN = [
    "请说明试点属于哪个领域",
    "试点还应属于",
    "两年左右",
    "每个参加单位都要",
    "在试点中做什么",
    "下表依据申请书的填写说明",
]


def _pages(site_dir: Path) -> dict[str, Node]:
    return {p.relative_to(site_dir).as_posix(): parse(p) for p in html_pages(site_dir)}


@pytest.fixture(scope="module")
def pages(site_dir: Path) -> dict[str, Node]:
    return _pages(site_dir)


@pytest.fixture(scope="module")
def notice_ids(site_dir: Path) -> dict[str, int]:
    return ids(parse(site_dir / "notice" / "index.html"))


def _target(page: str, href: str) -> tuple[str, str]:
    url = urlsplit(urljoin(f"http://site/{page}", href))
    return url.path, url.fragment


def _pieces_in(excerpt: str, text: str) -> bool:
    pos = 0
    for piece in excerpt.split("……"):
        found = text.find(piece, pos)
        if found < 0:
            return False
        pos = found + len(piece)
    return True


def _clause_text(id_: str) -> str:
    """The clause as a reader sees it (a part's sub-clauses keep their numbers, as in the notice)."""
    return squash(re.sub(r"<(https?://[^>]+)>", r"\1", clause(id_).text))


def test_every_quotation_names_and_links_its_clause(pages: dict[str, Node], notice_ids: dict[str, int]) -> None:
    quoting: set[str] = set()
    for name, doc in pages.items():
        quotes = article(doc).by_class("smpls-quote") + article(doc).by_class("smpls-q")
        for q in quotes:
            c = clause(q.attrs["data-clause"])
            cites = q.by_class("smpls-cite", "a")
            assert len(cites) == 1, f"{name}: a quotation of {c.id} without exactly one clause link"
            assert cites[0].squashed() == squash(c.label), f"{name}: {c.id} cited as {cites[0].text()}"
            path, anchor = _target(name, cites[0].attrs["href"])
            assert path == "/notice/" and anchor == c.anchor, f"{name}: {c.id} links to {cites[0].attrs['href']}"
            assert notice_ids.get(anchor) == 1, f"{name}: #{anchor} is not on the notice page"
            if "smpls-quote" in q.classes:
                words = squash(q.find_all(lambda n: n.tag == "blockquote")[0].text())
            else:
                words = q.squashed().removesuffix(squash(f"（{c.label}）")).strip("“”")
            assert _pieces_in(words, _clause_text(c.id)), f"{name}: the quoted words are not {c.label}'s: {words}"
            quoting.add(name.removesuffix("/index.html"))
    assert set(QUOTING) <= quoting, f"pages without a quotation: {set(QUOTING) - quoting}"


def test_every_link_into_the_notice_lands_on_an_element(pages: dict[str, Node], notice_ids: dict[str, int]) -> None:
    checked = 0
    for name, doc in pages.items():
        for a in doc.find_all(lambda n: n.tag == "a" and "href" in n.attrs):
            path, anchor = _target(name, a.attrs["href"])
            if path == "/notice/" and anchor:
                checked += 1
                assert notice_ids.get(anchor) == 1, f"{name}: link to notice/#{anchor}, which does not exist"
    assert checked > 20


@pytest.mark.parametrize("page", [*GUIDANCE, "notice", "self-check"])
def test_our_explanations_are_marked_as_ours(pages: dict[str, Node], page: str) -> None:
    content = article(pages[f"{page}/index.html"])
    ours = content.find_all(lambda n: {"admonition", "ours"} <= n.classes)
    assert ours, f"{page}: no 本站说明 block"
    for block in ours:
        title = block.by_class("admonition-title")
        assert title and title[0].squashed().startswith("本站说明"), f"{page}: an explanation titled {title}"
        text = block.squashed()
        said = [w for w in REQUIREMENT_WORDS if w in re.sub(r"“[^”]*”", "", text)]  # quoted words aside
        assert not said, f"{page}: 本站说明 phrased as a requirement ({said}): {text[:80]}"
    # one style: no other kind of admonition on these pages
    others = [n.attrs["class"] for n in content.by_class("admonition") if "ours" not in n.classes]
    assert not others, f"{page}: explanation boxes in another style: {others}"


def test_claims_the_notice_does_not_make_are_gone(site_dir: Path) -> None:
    """Searched in the whole file, so a page's JSON config (what its script shows) counts too."""
    texts = {p.relative_to(site_dir).as_posix(): squash(p.read_text(encoding="utf-8")) for p in html_pages(site_dir)}
    found = [(name, claim) for name, text in texts.items() for claim in FORBIDDEN if claim in text]
    assert not found, f"claims with no basis in the notice: {found}"
