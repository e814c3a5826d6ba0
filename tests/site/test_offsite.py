"""Nothing in the built site loads from another host: scripts, styles, fonts, images, imports.

The browser tests' guard catches off-site requests a page actually makes; this test reads every built file, so
it also catches references on pages or code paths the browser tests do not reach.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

OFFSITE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)

# HTML attributes that make the browser fetch something (not <a href>, which only links).
FETCHING_ATTRS = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "frame": ["src"],
    "embed": ["src"],
    "source": ["src", "srcset"],
    "audio": ["src"],
    "video": ["src", "poster"],
    "track": ["src"],
    "input": ["src"],
    "object": ["data"],
    "image": ["href", "xlink:href"],  # SVG
    "use": ["href", "xlink:href"],  # SVG
}
FETCHING_LINK_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
    "mask-icon",
}

CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""", re.IGNORECASE)
JS_LOADS = [
    re.compile(r"""\bimport\s*\(\s*['"`]((?:https?:)?//[^'"`]+)"""),  # dynamic import("https://…")
    re.compile(r"""\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]((?:https?:)?//[^'"]+)"""),  # import x from "https://…"
    re.compile(r"""\bimport\s*['"]((?:https?:)?//[^'"]+)"""),  # import "https://…"
    re.compile(r"""\bimportScripts\s*\(\s*['"`]((?:https?:)?//[^'"`]+)"""),
    re.compile(r"""\bnew\s+(?:Shared)?Worker\s*\(\s*['"`]((?:https?:)?//[^'"`]+)"""),
    re.compile(r"""@import\s+(?:url\()?\s*['"]((?:https?:)?//[^'"]+)"""),  # CSS inside JS strings
]
# Hosts of CDNs that serve scripts, styles and fonts: none may appear in any built script or stylesheet.
CDN_HOSTS = re.compile(
    r"(?:unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|fonts\.googleapis\.com|fonts\.gstatic\.com)"
)


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for attr in FETCHING_ATTRS.get(tag, []):
            if attr in values:
                self.refs += [part.strip().split(" ")[0] for part in values[attr].split(",")]
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels & FETCHING_LINK_RELS:
                self.refs.append(values.get("href", ""))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.refs.append(values.get("content", "").partition("url=")[2])
        if "style" in values:
            self.refs += _css_refs(values["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.refs += _css_refs(data)


def _css_refs(css: str) -> list[str]:
    return CSS_URL.findall(css) + CSS_IMPORT.findall(css)


def _offsite(refs: list[str]) -> list[str]:
    return [r for r in refs if OFFSITE.match(r)]


def _files(site_dir: Path, *suffixes: str) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*") if p.is_file() and p.suffix in suffixes)


def test_html_pages_reference_nothing_off_site(site_dir: Path) -> None:
    pages = _files(site_dir, ".html")
    assert len(pages) >= 8
    found = {}
    for html in pages:
        parser = _Refs()
        parser.feed(html.read_text(encoding="utf-8"))
        bad = _offsite(parser.refs)
        if bad:
            found[str(html.relative_to(site_dir))] = bad
    assert found == {}


def test_stylesheets_load_no_off_site_font_image_or_import(site_dir: Path) -> None:
    sheets = _files(site_dir, ".css")
    assert sheets
    found = {}
    for css in sheets:
        text = css.read_text(encoding="utf-8", errors="replace")
        bad = _offsite(_css_refs(text)) + CDN_HOSTS.findall(text)
        if bad:
            found[str(css.relative_to(site_dir))] = bad
    assert found == {}


def test_scripts_import_nothing_off_site(site_dir: Path) -> None:
    scripts = _files(site_dir, ".js", ".mjs")
    assert scripts
    found = {}
    for js in scripts:
        text = js.read_text(encoding="utf-8", errors="replace")
        bad = [m for pattern in JS_LOADS for m in pattern.findall(text)]
        if js.parent.name != "pyodide":  # Pyodide's loader names its CDN as a default; the runtime overrides it
            bad += CDN_HOSTS.findall(text)
        if bad:
            found[str(js.relative_to(site_dir))] = bad
    assert found == {}


def test_material_bundle_names_no_cdn_and_the_site_ships_no_mermaid(site_dir: Path) -> None:
    (bundle,) = (site_dir / "assets" / "javascripts").glob("bundle.*.min.js")
    text = bundle.read_text(encoding="utf-8")
    assert "unpkg.com" not in text
    assert 'new URL("assets/vendor/mermaid/mermaid.min.js",__md_scope)' in text
    # diagrams are drawn at build time (site_assets/hooks/diagrams.py): no page needs mermaid's 3.5 MB
    assert not (site_dir / "assets" / "vendor" / "mermaid").exists()
    assert not [p for p in site_dir.rglob("*.html") if 'class="mermaid"' in p.read_text(encoding="utf-8")]
    assert (site_dir / "assets" / "vendor" / "resize-observer-polyfill" / "ResizeObserver.js").is_file()


def test_the_checker_catches_an_off_site_reference() -> None:
    parser = _Refs()
    parser.feed(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Noto">'
        '<script src="//cdn.example.org/x.js"></script><a href="https://example.org/">ok</a>'
        "<style>@font-face{src:url(https://fonts.gstatic.com/a.woff2)}</style>"
    )
    assert _offsite(parser.refs) == [
        "https://fonts.googleapis.com/css?family=Noto",
        "//cdn.example.org/x.js",
        "https://fonts.gstatic.com/a.woff2",
    ]
    js = 'import("https://unpkg.com/mermaid@11/dist/mermaid.min.js");import {a} from "https://esm.sh/a";'
    assert [m for p in JS_LOADS for m in p.findall(js)] == [
        "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
        "https://esm.sh/a",
    ]
