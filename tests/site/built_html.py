"""Read the built site's HTML without a browser: a small element tree from the standard library's parser.

Enough for the page tests that check what the build wrote (ids, classes, links, text), fast and exact.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, match: Callable[[Node], bool]) -> list[Node]:
        return [n for n in self.iter() if match(n)]

    def by_class(self, name: str, tag: str | None = None) -> list[Node]:
        return self.find_all(lambda n: name in n.classes and (tag is None or n.tag == tag))

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children if not _hidden(c))

    def squashed(self) -> str:
        return squash(self.text())


def _hidden(node: Node | str) -> bool:
    return isinstance(node, Node) and node.tag in ("script", "style", "template")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(path: Path) -> Node:
    builder = _Builder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    return builder.root


def article(doc: Node) -> Node:
    found = doc.find_all(lambda n: n.tag == "article")
    assert found, "no <article> in the page"
    return found[0]


def ids(doc: Node) -> dict[str, int]:
    """Each id in the page and how many elements carry it."""
    counts: dict[str, int] = {}
    for n in doc.iter():
        if "id" in n.attrs:
            counts[n.attrs["id"]] = counts.get(n.attrs["id"], 0) + 1
    return counts


def text_with_marks(root: Node) -> tuple[str, dict[str, int]]:
    """The squashed text of ``root`` and, for each id, where in that text its element starts."""
    out: list[str] = []
    marks: dict[str, int] = {}
    length = 0

    def walk(node: Node) -> None:
        nonlocal length
        if "id" in node.attrs:
            marks.setdefault(node.attrs["id"], length)
        for child in node.children:
            if isinstance(child, str):
                s = squash(child)
                out.append(s)
                length += len(s)
            elif not _hidden(child):
                walk(child)

    walk(root)
    return "".join(out), marks


def html_pages(site_dir: Path) -> list[Path]:
    """Every page of the built site (not the search index, not the runtime's files)."""
    skip = ("assets", "pyodide", "search", "data")
    return sorted(p for p in site_dir.rglob("*.html") if p.relative_to(site_dir).parts[0] not in skip)


def page_file(site_dir: Path, url: str) -> Path:
    """The built file for a site-relative page URL such as ``notice/`` or ``notice/index.html``."""
    path = site_dir / url
    return path / "index.html" if url.endswith("/") or path.is_dir() else path
