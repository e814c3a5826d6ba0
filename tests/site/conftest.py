"""Browser-test harness for the built site (pytest-playwright on Debian's /usr/bin/chromium).

Fixtures every browser test can use:

- ``site_dir`` (session): the site built once with ``mkdocs build --strict`` into a temporary directory.
  Set ``SMPLS_SITE_DIR=site`` to test an existing build instead (e.g. right after ``make build``).
- ``site_url`` (session): ``http://127.0.0.1:PORT/`` serving ``site_dir`` (static_server.py, shared with bench/:
  ``.wasm`` is sent as ``application/wasm``, ``.mjs``/``.js`` as ``text/javascript``, no HTTP caching).
- ``page`` / ``context`` / ``new_context``: pytest-playwright's, on Debian's chromium (``$SMPLS_CHROMIUM``, else
  ``chromium`` on PATH, else /usr/bin/chromium), locale zh-CN. Without it the run stops at once with one message.
  The site's service worker is blocked unless a test is marked ``service_workers``.
- ``browser``: one per pytest-xdist worker, launched again if Chromium's browser process died; the test during
  which it died is run once more and reported ``rerun`` (browser_crash.py).
- Playwright's ``expect`` waits up to 15 s (not 5): the suite runs on two pytest-xdist workers on two cores, and a
  page busy starting Python can take longer than 5 s to update; a passing test does not wait longer for it.
- ``site_guard`` (autouse): every browser context a test opens is watched. The test FAILS if any request goes to
  a host other than the local server, any request fails (``requestfailed``, or an HTTP status >= 400), any
  console message has type ``error``, or any uncaught page error occurs. ``site_guard.requests`` lists every
  URL requested. To allow an expected failure, call ``site_guard.allow_failed(r"regex on URL")`` or
  ``site_guard.allow_console_error(r"regex on text")``, or mark the test with
  ``@pytest.mark.allow_failed_requests(r"regex", ...)`` / ``@pytest.mark.allow_console_errors(r"regex", ...,
  why="…")``: the mark must say why the error is expected (the test fails without ``why``). Uncaught page errors
  (``weberror``: an exception or a rejected promise nobody handled) are never allowed by a mark; the form reports a
  component that fails to start or draw with ``console.error``, so that fails the test too.
  Requests the browser cancels itself (``net::ERR_ABORTED``: downloads, loads cut short by the next page) are not
  counted as failures.

Tests in tests/site/ are marked ``site`` automatically. Tests marked ``screenshots`` only take pictures for a person
to look at (``make screenshots``): they are left out unless ``-m`` names them, and ``helpers.screenshot`` writes a
PNG only when ``SMPLS_SCREENSHOTS=1``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser_crash import _browsers, browser, pytest_report_teststatus, pytest_runtest_protocol  # noqa: F401
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response, WebError, expect
from static_server import serve

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("SMPLS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_FIXTURES = {"page", "context", "new_context", "browser"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--mute-audio",
    # V8 compiles WebAssembly functions when first called and with its baseline compiler only: the same behaviour,
    # about a quarter less CPU for each of the suite's ~90 starts of Python (measured: 5.6 → 4.2 CPU-seconds a
    # start on the 2-core machine). Timings are measured by `make bench`, with Chromium's defaults.
    "--js-flags=--wasm-lazy-compilation --liftoff-only",
]

GUARD_KEY = pytest.StashKey["SiteGuard"]()
expect.set_options(timeout=15_000)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "allow_failed_requests(*regex): failed requests whose URL matches are allowed")
    config.addinivalue_line(
        "markers", "allow_console_errors(*regex, why=...): console errors whose text matches are allowed, for a reason"
    )
    config.addinivalue_line(
        "markers", "service_workers: let the site's service worker (the offline copy) run in this test's contexts"
    )
    # pytest-playwright 0.10.0 defines its session fixture `base_url` as an instance method, which pytest 9 warns
    # about; pyproject turns warnings into errors, so this one (not ours to fix) is ignored.
    config.addinivalue_line(
        "filterwarnings", "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.site)
    if "screenshots" not in (config.option.markexpr or ""):
        pictures = [item for item in items if item.get_closest_marker("screenshots")]
        if pictures:
            config.hook.pytest_deselected(items=pictures)
            items[:] = [item for item in items if item not in pictures]


def pytest_collection_finish(session: pytest.Session) -> None:
    """No Chromium: one message, instead of an error for every browser test."""
    needs_browser = any(BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())) for item in session.items)
    if needs_browser and not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.exit(
            f"浏览器测试需要 Chromium，但没有找到 {CHROMIUM}。请安装 Debian 软件包 chromium"
            "（sudo apt-get install chromium）或设置 SMPLS_CHROMIUM，也可以用 make test 自动安装。\n"
            f"The browser tests need Chromium, and {CHROMIUM} is missing. Install the Debian package chromium "
            "(sudo apt-get install chromium) or set SMPLS_CHROMIUM; `make test` installs it for you.",
            returncode=4,
        )


# --- building and serving the site -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site_dir() -> Iterator[Path]:
    existing = os.environ.get("SMPLS_SITE_DIR")
    if existing:
        path = Path(existing)
        if not path.is_absolute():
            path = ROOT / path
        assert (path / "index.html").is_file(), f"SMPLS_SITE_DIR={existing} 中没有已构建的站点（缺少 index.html）"
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="smpls-site-") as tmp:
        out = Path(tmp) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}"
        yield out


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as (url, _):
        yield url


# --- Chromium -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


# --- the guard ------------------------------------------------------------------------------------------------


@dataclass
class SiteGuard:
    """Records the network and console activity of every watched browser context."""

    origin: str | None = None
    requests: list[str] = field(default_factory=list)
    service_worker_requests: list[str] = field(default_factory=list)  # also in `requests`
    off_origin: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    allowed_failed: list[re.Pattern[str]] = field(default_factory=list)
    allowed_console: list[re.Pattern[str]] = field(default_factory=list)
    watched: int = 0

    def allow_failed(self, pattern: str) -> None:
        """Allow failed requests (and their 'Failed to load resource' console error) whose URL matches."""
        self.allowed_failed.append(re.compile(pattern))

    def allow_console_error(self, pattern: str) -> None:
        self.allowed_console.append(re.compile(pattern))

    def wasm_requests(self) -> list[str]:
        return [u for u in self.requests if urlsplit(u).path.endswith(".wasm")]

    # event handlers

    def _is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about", "chrome-error"):
            return True
        if self.origin is None:
            return parts.hostname in ("127.0.0.1", "localhost")
        return f"{parts.scheme}://{parts.netloc}" == self.origin

    def _failure_allowed(self, url: str) -> bool:
        return any(p.search(url) for p in self.allowed_failed)

    def on_request(self, req: Request) -> None:
        self.requests.append(req.url)
        if req.service_worker is not None:
            self.service_worker_requests.append(req.url)
        if not self._is_local(req.url):
            self.off_origin.append(req.url)

    def on_request_failed(self, req: Request) -> None:
        text = req.failure or "unknown"
        if "ERR_ABORTED" in text:
            # cancelled by the browser, not refused: a download handed over (blob:, data:), or a favicon or image
            # still loading when the test moved on to the next page. A missing file is an HTTP status >= 400
            # (on_response) and a blocked or failed one another net:: error.
            return
        if not self._failure_allowed(req.url):
            self.failed.append(f"{req.method} {req.url} -> {text}")

    def on_response(self, resp: Response) -> None:
        if resp.status >= 400 and not self._failure_allowed(resp.url):
            self.failed.append(f"{resp.request.method} {resp.url} -> HTTP {resp.status}")

    def on_console(self, msg: ConsoleMessage) -> None:
        if msg.type != "error":
            return
        url = (msg.location or {}).get("url", "")
        if msg.text.startswith("Failed to load resource") and self._failure_allowed(url):
            return
        if any(p.search(msg.text) for p in self.allowed_console):
            return
        self.console_errors.append(f"{msg.text} ({url})")

    def on_web_error(self, err: WebError) -> None:
        self.page_errors.append(str(err.error))  # an uncaught error is a bug whatever the test expects

    def watch(self, context: BrowserContext) -> None:
        self.watched += 1
        context.on("request", self.on_request)
        context.on("requestfailed", self.on_request_failed)
        context.on("response", self.on_response)
        context.on("console", self.on_console)
        context.on("weberror", self.on_web_error)

    def problems(self) -> list[str]:
        out: list[str] = []
        out += [f"off-site request: {u}" for u in self.off_origin]
        out += [f"failed request: {u}" for u in self.failed]
        out += [f"console error: {t}" for t in self.console_errors]
        out += [f"page error: {t}" for t in self.page_errors]
        return out


@pytest.fixture(autouse=True)
def site_guard(request: pytest.FixtureRequest) -> SiteGuard:
    guard = SiteGuard()
    for mark in request.node.iter_markers("allow_failed_requests"):
        for pattern in mark.args:
            guard.allow_failed(pattern)
    for mark in request.node.iter_markers("allow_console_errors"):
        if not str(mark.kwargs.get("why", "")).strip():
            pytest.fail(
                "@pytest.mark.allow_console_errors needs why=: say why these errors are expected", pytrace=False
            )
        for pattern in mark.args:
            guard.allow_console_error(pattern)
    if "site_url" in request.fixturenames or "page" in request.fixturenames:
        url = request.getfixturevalue("site_url")
        parts = urlsplit(url)
        guard.origin = f"{parts.scheme}://{parts.netloc}"
    request.node.stash[GUARD_KEY] = guard
    return guard


# SMPLS_CPU_THROTTLE=4 runs every page's main thread 4× slower (CDP Emulation.setCPUThrottlingRate): a hunt for
# tests that pass only on a fast machine (a slow office PC, or this one busy). Not set by `make test`.
CPU_THROTTLE = float(os.environ.get("SMPLS_CPU_THROTTLE", "1") or 1)


def _throttle(page: Page) -> None:
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_THROTTLE})


@pytest.fixture
def new_context(
    new_context: Callable[..., BrowserContext], site_guard: SiteGuard, request: pytest.FixtureRequest
) -> Callable[..., BrowserContext]:
    """pytest-playwright's ``new_context``, with every context it creates watched by the guard.

    The site's service worker is blocked unless the test is marked ``service_workers`` (test_offline and the
    reading-page test): it is tested there, and its install (it saves every page) would cost every other test
    a second of CPU. A test may still pass ``service_workers=`` itself."""

    allow = request.node.get_closest_marker("service_workers") is not None

    def make(**kwargs: Any) -> BrowserContext:
        kwargs.setdefault("service_workers", "allow" if allow else "block")
        context = new_context(**kwargs)
        site_guard.watch(context)
        if CPU_THROTTLE > 1:
            context.on("page", _throttle)
        return context

    return make


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    result = yield
    guard = item.stash.get(GUARD_KEY, None)
    if guard is not None and guard.watched:
        problems = guard.problems()
        if problems:
            pytest.fail("the page did something the site must not do:\n  " + "\n  ".join(problems), pytrace=False)
    return result
