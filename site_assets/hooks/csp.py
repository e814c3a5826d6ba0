"""A strict Content-Security-Policy for every page: the site's own files, plus WebAssembly for the checker.

The policy reaches the browser as ``<meta http-equiv="Content-Security-Policy">`` (site_assets/overrides/main.html
writes it, with the placeholder ``CSP_PLACEHOLDER``, near the top of ``<head>``). This hook fills it in, per page:

- ``script-src 'self' 'wasm-unsafe-eval'`` plus the sha256 hash of each inline script mkdocs-material writes into
  the page (``__md_scope`` …, the palette and the content-tab scripts). ``<script type="application/json">`` data
  blocks are not scripts and need no hash.
- No ``'unsafe-inline'`` and no ``'unsafe-eval'`` anywhere. The build FAILS if a page has an inline event handler
  (``onclick=`` …), a ``javascript:`` URL or a ``style=`` attribute, which the policy would block.

One exception, for styles only: a page with a mermaid diagram (the flowchart on process.md) gets
``style-src 'self' 'unsafe-inline'``, because mermaid draws its SVG with ``<style>`` elements and ``style``
attributes. Scripts stay strict there too; with img-src/font-src/connect-src limited to the site, an injected style
cannot send anything anywhere. (A diagram pre-rendered to an SVG image would remove the exception.)

After the build, ``csp-header.txt`` at the site root holds the strict policy as an HTTP header value, with the hashes
of all pages together (the meta tag cannot carry ``frame-ancestors``; the header adds it), and
``csp-header-inline-styles.txt`` the variant for the pages listed in ``csp-inline-style-pages.txt``. ``_headers``
(Netlify, Cloudflare Pages) gives each page its policy; README shows the Nginx and Apache forms. These files are
plain text and harmless on hosts that ignore them.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

PLACEHOLDER = "CSP_PLACEHOLDER"
META_PATTERN = re.compile(r'<meta http-equiv="Content-Security-Policy" content="CSP_PLACEHOLDER">')
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
TYPE_ATTR = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
SRC_ATTR = re.compile(r"\bsrc\s*=", re.I)
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}

# The policy. Everything from this site ('self'); images also as data: URLs (mkdocs-material's CSS draws its icons
# with data:image/svg+xml masks); WebAssembly compilation for Pyodide ('wasm-unsafe-eval', not 'unsafe-eval').
BASE_DIRECTIVES = [
    ("default-src", ["'self'"]),
    ("script-src", ["'self'", "'wasm-unsafe-eval'"]),  # + inline script hashes
    ("style-src", ["'self'"]),
    ("img-src", ["'self'", "data:"]),
    ("font-src", ["'self'"]),
    ("connect-src", ["'self'"]),
    ("worker-src", ["'self'"]),
    ("manifest-src", ["'self'"]),
    ("object-src", ["'none'"]),
    ("base-uri", ["'self'"]),
    ("form-action", ["'self'"]),
]
HEADER_ONLY = [("frame-ancestors", ["'self'"])]  # ignored (with a console message) in a meta tag

MERMAID = 'class="mermaid"'

_all_hashes: set[str] = set()
_inline_style_pages: set[str] = set()  # page URLs, relative to the site root


def policy(hashes: list[str], header: bool = False, inline_styles: bool = False) -> str:
    parts = []
    for name, values in BASE_DIRECTIVES + (HEADER_ONLY if header else []):
        if name == "script-src":
            values = [*values, *(f"'sha256-{h}'" for h in hashes)]
        elif name == "style-src" and inline_styles:
            values = [*values, "'unsafe-inline'"]
        parts.append(f"{name} {' '.join(values)}")
    return "; ".join(parts)


class _Attributes(HTMLParser):
    """Collects what the policy would block: on* attributes, javascript: URLs, style attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.blocked.append(f"<{tag} {name}=…> (inline event handler)")
            elif name == "style":
                self.blocked.append(f"<{tag} style=…> (inline style)")
            elif name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.blocked.append(f"<{tag} {name}=javascript:…>")


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in SCRIPT.finditer(html):
        attrs, body = match.group(1), match.group(2)
        if SRC_ATTR.search(attrs):
            continue
        type_match = TYPE_ATTR.search(attrs)
        kind = type_match.group(1).lower() if type_match else ""
        if kind not in EXECUTABLE_TYPES:
            continue  # a data block such as application/json
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        hashes.append(base64.b64encode(digest).decode("ascii"))
    return sorted(set(hashes))


def on_pre_build(config: Any, **kwargs: Any) -> None:
    _all_hashes.clear()
    _inline_style_pages.clear()


@event_priority(-100)  # after every other hook and plugin has changed the page
def on_post_page(output: str, page: Any, config: Any) -> str:
    where = page.file.src_uri
    if len(META_PATTERN.findall(output)) != 1:
        raise PluginError(f"csp hook: {where} lacks the CSP meta tag of site_assets/overrides/main.html")
    checker = _Attributes()
    checker.feed(output)
    if checker.blocked:
        raise PluginError(f"csp hook: {where} has markup the Content-Security-Policy blocks: {checker.blocked[:5]}")
    hashes = inline_script_hashes(output)
    _all_hashes.update(hashes)
    inline_styles = MERMAID in output
    if inline_styles:
        _inline_style_pages.add(page.url)
    return output.replace(PLACEHOLDER, policy(hashes, inline_styles=inline_styles), 1)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """404.html is rendered from a template, not from a page."""
    if PLACEHOLDER not in output_content:
        return output_content
    hashes = inline_script_hashes(output_content)
    _all_hashes.update(hashes)
    return output_content.replace(PLACEHOLDER, policy(hashes), 1)


def header_paths(config: Any) -> list[tuple[str, bool]]:
    """(URL path pattern, inline styles?) for the _headers file: every page, then the scripts (workers)."""
    site = Path(config["site_dir"])
    out = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith(("assets/", "pyodide/", "search/")):
            continue
        url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        inline = url in _inline_style_pages
        out.append(("/" + url, inline))
        if url != rel:
            out.append(("/" + rel, inline))
    return [*out, ("/assets/*", False), ("/sw.js", False)]


@event_priority(-100)
def on_post_build(config: Any, **kwargs: Any) -> None:
    site = Path(config["site_dir"])
    hashes = sorted(_all_hashes)
    strict = policy(hashes, header=True)
    relaxed = policy(hashes, header=True, inline_styles=True)
    (site / "csp-header.txt").write_text(strict + "\n", encoding="utf-8")
    (site / "csp-header-inline-styles.txt").write_text(relaxed + "\n", encoding="utf-8")
    (site / "csp-inline-style-pages.txt").write_text(
        "".join(f"/{url}\n" for url in sorted(_inline_style_pages)), encoding="utf-8"
    )
    lines = [
        "# Netlify / Cloudflare Pages: HTTP headers (written by site_assets/hooks/csp.py).",
        "# Each page has exactly one Content-Security-Policy: rules that match the same path are merged, and two",
        "# policies would both be enforced.",
        "/*",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: no-referrer",
    ]
    for path, inline in header_paths(config):
        lines += [path, f"  Content-Security-Policy: {relaxed if inline else strict}"]
    (site / "_headers").write_text("\n".join(lines) + "\n", encoding="utf-8")
