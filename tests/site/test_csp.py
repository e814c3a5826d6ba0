"""The Content-Security-Policy: on every page, strict, enforced, and the site still works under it.

The policy allows only the site itself ('self') plus 'wasm-unsafe-eval' for WebAssembly, with sha256 hashes for the
few inline scripts mkdocs-material writes. It reaches the browser as a meta tag (site_assets/hooks/csp.py); the header
form (csp-header.txt, _headers) is tested too, served by a server that sends it on every response, including the
worker's script, where a meta tag does not reach.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SiteGuard
from helpers import built_pages, fid, open_form, page_url
from playwright.sync_api import Page, expect
from trust import COUNTS, WATCH, record_counts, serve, trust_state

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
FIRST_SCRIPT = re.compile(r"<script\b", re.I)


@pytest.fixture(scope="module", autouse=True)
def _counts() -> Iterator[None]:
    yield
    record_counts()


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def html_files(site_dir: Path) -> list[Path]:
    files = [site_dir / (p + "index.html") for p in built_pages(site_dir)]
    return [*files, site_dir / "404.html"]


def test_every_page_has_a_strict_policy_before_any_script(site_dir: Path) -> None:
    files = html_files(site_dir)
    assert len(files) >= 10
    for path in files:
        html = path.read_text(encoding="utf-8")
        metas = META.findall(html)
        assert len(metas) == 1, path
        meta_at = html.index('http-equiv="Content-Security-Policy"')
        first_script = FIRST_SCRIPT.search(html)
        assert first_script and meta_at < first_script.start(), f"{path}: the policy must come before every script"
        d = directives(metas[0])
        assert d["default-src"] == ["'self'"]
        assert d["script-src"][:2] == ["'self'", "'wasm-unsafe-eval'"]
        assert all(v.startswith("'sha256-") for v in d["script-src"][2:]), d["script-src"]
        assert d["object-src"] == ["'none'"]
        for name in ("connect-src", "worker-src", "font-src", "base-uri", "form-action"):
            assert d[name] == ["'self'"], (path, name)
        # No exception, the process page's diagram included (an SVG drawn at build time, without styles).
        assert d["style-src"] == ["'self'"], path
        assert "<style" not in html, f"{path}: inline style element"
        assert d["img-src"] == ["'self'", "data:"]
        assert "unsafe-inline" not in " ".join(d["script-src"]) and "'unsafe-eval'" not in metas[0], path
        assert "http:" not in metas[0] and "https:" not in metas[0] and "*" not in metas[0], path
        # Nothing in the page that the policy would have to allow.
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html, re.I), f"{path}: inline event handler"
        assert not re.search(r"<[a-z][^>]*\sstyle\s*=", html, re.I), f"{path}: inline style attribute"
        assert "javascript:" not in html.lower(), path


def parse_headers_file(text: str) -> dict[str, str]:
    """Path pattern -> Content-Security-Policy, from a Netlify/Cloudflare Pages _headers file."""
    out: dict[str, str] = {}
    path = ""
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line[0].isspace():
            path = line.strip()
        elif line.strip().startswith("Content-Security-Policy:"):
            assert path not in out, f"two policies for {path}"
            out[path] = line.split(":", 1)[1].strip()
    return out


def header_for(rules: dict[str, str], path: str) -> str:
    if path in rules:
        return rules[path]
    for pattern, value in rules.items():
        if pattern.endswith("*") and path.startswith(pattern[:-1]):
            return value
    return ""


def test_the_header_form_matches_the_pages(site_dir: Path) -> None:
    strict = (site_dir / "csp-header.txt").read_text(encoding="utf-8").strip()
    d = directives(strict)
    assert d["frame-ancestors"] == ["'self'"]
    assert d["style-src"] == ["'self'"]
    hashes = set(d["script-src"][2:])
    rules = parse_headers_file((site_dir / "_headers").read_text(encoding="utf-8"))
    assert "/*" not in rules, "a catch-all policy would be merged with each page's"
    for path in html_files(site_dir):
        meta = directives(META.findall(path.read_text(encoding="utf-8"))[0])
        assert set(meta["script-src"][2:]) <= hashes, path
        rel = "/" + path.relative_to(site_dir).as_posix()
        header = directives(rules[rel])
        assert header.pop("frame-ancestors") == ["'self'"]
        assert header["script-src"][:2] == meta["script-src"][:2]
        assert {k: v for k, v in header.items() if k != "script-src"} == {
            k: v for k, v in meta.items() if k != "script-src"
        }, rel
    assert header_for(rules, "/assets/smpls/runtime/worker.js") == strict


def visit_everything(page: Page, site_url: str, site_dir: Path) -> int:
    """Open every page, scroll it, use the search box; returns the number of pages."""
    pages = built_pages(site_dir)
    for rel in pages:
        page.goto(site_url + rel, wait_until="networkidle")  # pages with the checker: let it finish loading
        page.mouse.wheel(0, 4000)
    page.goto(site_url, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("营商环境")
    box.press("End")  # Material's search reacts to keyup
    expect(page.locator(".md-search-result__list > li a").first).to_be_visible(timeout=20_000)
    return len(pages)


def test_no_violation_on_any_page(page: Page, site_url: str, site_dir: Path, site_guard: SiteGuard) -> None:
    page.add_init_script(WATCH)
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text))
    count = visit_everything(page, site_url, site_dir)
    assert trust_state(page)["violations"] == []
    assert not [m for m in messages if "Content Security Policy" in m or "Content-Security-Policy" in m]
    COUNTS["csp pages checked"] = count


@pytest.mark.allow_console_errors(
    r"Content Security Policy|Content-Security-Policy", why="the injected script is refused: the browser reports it"
)
def test_the_policy_is_enforced(page: Page, site_url: str) -> None:
    """A negative control: markup injected by a script (as an XSS would) is refused by the browser."""
    page.add_init_script(WATCH)
    page.goto(site_url)
    page.evaluate(
        """() => {
            const div = document.createElement('div');
            div.innerHTML = '<img src="data:," onerror="__xss(1)">';
            document.body.append(div);
            const s = document.createElement('script');
            s.textContent = '__xss(2)';
            document.body.append(s);
        }"""
    )
    page.wait_for_function("() => window.__trust.violations.length >= 2")
    state = trust_state(page)
    assert state["xss"] == []
    blocked = {v["directive"] for v in state["violations"]}
    assert {"script-src-attr", "script-src-elem"} <= blocked or "script-src" in blocked, state["violations"]


# Under the meta policy every form test runs (the guard fails a test on the console error a refusal writes) and
# test_no_violation_on_any_page loads the form until its checker is ready; under the header policy, only this:
def check_the_form_under_the_policy(page: Page, site_url: str, site_dir: Path) -> None:
    page.add_init_script(WATCH)
    open_form(page, site_url, site_dir, ready=True)
    box = page.locator(f"#{fid('basic.org_code')}")
    box.fill("12345")
    box.blur()
    message = page.locator('[data-msg-for="basic.org_code"]')
    expect(message).not_to_be_empty(timeout=20_000)
    assert re.search(r"[\u4e00-\u9fff]", message.inner_text())
    page.click('[data-action="check-all"]')
    expect(page.locator("[data-summary]")).to_be_visible()
    with page.expect_download() as info:
        page.click('[data-action="download-docx"]')
    assert info.value.suggested_filename.endswith(".docx")
    assert trust_state(page)["violations"] == []


def test_the_header_policy_also_covers_the_worker(new_context: Any, site_dir: Path, site_guard: SiteGuard) -> None:
    """Served with the _headers policies as HTTP headers: the worker (Pyodide, wasm) runs under the policy too."""
    rules = parse_headers_file((site_dir / "_headers").read_text(encoding="utf-8"))

    def headers(path: str) -> dict[str, str]:
        value = header_for(rules, path)
        return {"Content-Security-Policy": value} if value else {}

    with serve(site_dir, headers) as (url, _state):
        site_guard.origin = url.rstrip("/")
        context = new_context(service_workers="block")
        page = context.new_page()
        policies: dict[str, str] = {}
        context.on(
            "response",
            lambda r: policies.setdefault(r.url.rsplit("/", 1)[-1], r.headers.get("content-security-policy", "")),
        )
        check_the_form_under_the_policy(page, url, site_dir)
        # the worker script came with the strict policy, so Pyodide compiled its WebAssembly under it
        assert "'wasm-unsafe-eval'" in policies["worker.js"] and "'unsafe-eval'" not in policies["worker.js"]
        for name in ("self-check", "process"):
            page.goto(page_url(url, site_dir, name), wait_until="networkidle")
            assert trust_state(page)["violations"] == [], name
