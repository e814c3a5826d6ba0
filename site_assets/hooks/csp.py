"""A strict Content-Security-Policy for every page: the site's own files, plus WebAssembly for the checker.

The policy reaches the browser as ``<meta http-equiv="Content-Security-Policy">`` (site_assets/overrides/main.html
writes it, with the placeholder ``CSP_PLACEHOLDER``, near the top of ``<head>``). This hook fills it in, per page:

- ``script-src 'self' 'wasm-unsafe-eval'`` plus the sha256 hash of each inline script mkdocs-material writes into
  the page (``__md_scope`` …, the palette and the content-tab scripts). ``<script type="application/json">`` data
  blocks are not scripts and need no hash.
- No ``'unsafe-inline'`` and no ``'unsafe-eval'`` anywhere, on every page. The build FAILS if a page has an
  inline event handler (``onclick=`` …), a ``javascript:`` URL, a ``style=`` attribute or a ``<style>`` element,
  which the policy would block. (The process page's diagram is an SVG drawn at build time with presentation
  attributes, not styles: see diagrams.py.)

After the build, ``csp-header.txt`` at the site root holds the policy as an HTTP header value, with the hashes of
all pages together (the meta tag cannot carry ``frame-ancestors``; the header adds it). ``_headers`` (Netlify,
Cloudflare Pages) gives it to each page; dev/notes.md (部署到静态主机) shows the Nginx and Apache forms. These files are plain text and
harmless on hosts that ignore them.
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

_all_hashes: set[str] = set()


def policy(hashes: list[str], header: bool = False) -> str:
    parts = []
    for name, values in BASE_DIRECTIVES + (HEADER_ONLY if header else []):
        if name == "script-src":
            values = [*values, *(f"'sha256-{h}'" for h in hashes)]
        parts.append(f"{name} {' '.join(values)}")
    return "; ".join(parts)


class _Attributes(HTMLParser):
    """Collects what the policy would block: on* attributes, javascript: URLs, style attributes and elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "style":
            self.blocked.append("<style> (inline style element)")
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
    return output.replace(PLACEHOLDER, policy(hashes), 1)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """404.html is rendered from a template, not from a page."""
    if PLACEHOLDER not in output_content:
        return output_content
    hashes = inline_script_hashes(output_content)
    _all_hashes.update(hashes)
    return output_content.replace(PLACEHOLDER, policy(hashes), 1)


def header_paths(config: Any) -> list[str]:
    """URL path patterns for the _headers file: every page, then the scripts (workers)."""
    site = Path(config["site_dir"])
    out = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith(("assets/", "pyodide/", "search/")):
            continue
        url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        out.append("/" + url)
        if url != rel:
            out.append("/" + rel)
    return [*out, "/assets/*", "/sw.js"]


@event_priority(-100)
def on_post_build(config: Any, **kwargs: Any) -> None:
    site = Path(config["site_dir"])
    hashes = sorted(_all_hashes)
    strict = policy(hashes, header=True)
    (site / "csp-header.txt").write_text(strict + "\n", encoding="utf-8")
    lines = [
        "# Netlify / Cloudflare Pages: HTTP headers (written by site_assets/hooks/csp.py).",
        "# Each page has exactly one Content-Security-Policy: rules that match the same path are merged, and two",
        "# policies would both be enforced.",
        "/*",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: no-referrer",
    ]
    for path in header_paths(config):
        lines += [path, f"  Content-Security-Policy: {strict}"]
    (site / "_headers").write_text("\n".join(lines) + "\n", encoding="utf-8")
