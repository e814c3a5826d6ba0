"""The Python runtime of the site: Pyodide and our wheels served by the site itself, driven by checker.js.

A test-only page (served with the built site by these tests, never written into it or docs/) loads checker.js,
which starts the worker; the tests wait for its status and call the checker as a page would. A missing or changed
wheel is tested on the form page (test_faults), the runtime under the site's policy sent as HTTP headers in test_csp.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SiteGuard
from helpers import load_module
from playwright.sync_api import Page, Route
from trust import serve

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
READY_TIMEOUT_MS = 90_000
CJK = re.compile(r"[\u4e00-\u9fff]")

TEST_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>校验程序测试页</title><link rel="icon" href="data:,"></head>
<body>
<p id="status" data-state="">…</p>
<script type="module">
import { startChecker } from "./assets/smpls/runtime/checker.js";
const checker = startChecker();
window.checker = checker;
window.statuses = [];
checker.onStatus((s) => {
  window.statuses.push(s);
  const el = document.getElementById("status");
  el.dataset.state = s.state;
  el.textContent = s.message;
});
</script>
</body></html>
"""


TEST_PAGE_NAME = "runtime-test.html"


@pytest.fixture(scope="module")
def site_url(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site plus a bare page that drives the checker, served from a folder of links to the built
    site's files: the built site itself is never changed (other tests, maybe at the same time in another
    pytest-xdist worker, read every built page)."""
    folder = tmp_path_factory.mktemp("runtime-site")
    for entry in site_dir.iterdir():
        (folder / entry.name).symlink_to(entry)
    (folder / TEST_PAGE_NAME).write_text(TEST_PAGE, encoding="utf-8")
    with serve(folder) as (url, _state):
        yield url


@pytest.fixture
def test_page() -> str:
    return TEST_PAGE_NAME


def wait_for_state(page: Page, state: str) -> dict[str, Any]:
    page.wait_for_selector(f"#status[data-state='{state}']", timeout=READY_TIMEOUT_MS)
    status: dict[str, Any] = page.evaluate("() => window.checker.status")
    return status


def example(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def test_checker_gets_ready_and_validates_in_the_worker(
    page: Page, site_url: str, test_page: str, site_guard: SiteGuard
) -> None:
    page.goto(site_url + test_page)
    status = wait_for_state(page, "ready")
    assert CJK.search(status["message"]), status
    states = [s["state"] for s in page.evaluate("() => window.statuses")]
    assert states[0] == "loading" and states[-1] == "ready", states
    assert "failed" not in states

    complete = page.evaluate("(d) => window.checker.call('validate', d)", example("complete.json"))
    assert complete["counts"]["错误"] == 0, complete["problems"]
    problems = page.evaluate("(d) => window.checker.call('validate', d)", example("problems.json"))
    assert problems["counts"]["错误"] > 0
    assert all(CJK.search(p["message"]) for p in problems["problems"])
    # Garbage in, problems out (the worker never throws on a draft).
    garbage = page.evaluate("() => window.checker.call('validate', [1, 'x', null])")
    assert garbage["counts"]["错误"] >= 1

    # Everything came from this site: Pyodide's wasm, the stdlib and every wheel in the lock.
    assert site_guard.wasm_requests(), site_guard.requests
    lock = json.loads(page.evaluate("() => fetch('pyodide/pyodide-lock.json').then(r => r.text())"))
    requested = {u.rsplit("/", 1)[-1] for u in site_guard.requests}
    needed, todo = set(), ["smpls"]  # smpls and its dependencies; the rest only on demand (openpyxl: 汇总推荐项目)
    while todo:
        name = todo.pop()
        if name not in needed and name in lock["packages"]:
            needed.add(name)
            todo += lock["packages"][name]["depends"]
    for name, pkg in lock["packages"].items():
        assert (pkg["file_name"] in requested) == (name in needed), pkg["file_name"]
    assert site_guard.off_origin == []


def test_questions_eligibility_and_docx_through_the_worker(page: Page, site_url: str, test_page: str) -> None:
    page.goto(site_url + test_page)
    wait_for_state(page, "ready")
    questions = page.evaluate("() => window.checker.call('questions')")
    assert questions
    verdict = page.evaluate("() => window.checker.call('eligibility', {})")
    assert verdict["overall"] in ("符合", "不符合", "需进一步确认")

    got = page.evaluate(
        """async (d) => {
            const r = await window.checker.call('docx', d);
            return {isBuffer: r.bytes instanceof ArrayBuffer, size: r.bytes.byteLength,
                    head: String.fromCharCode(...new Uint8Array(r.bytes.slice(0, 2))), filename: r.filename};
        }""",
        example("complete.json"),
    )
    assert got["isBuffer"] and got["size"] > 1000, got
    assert got["head"] == "PK", got  # a zip: the .docx container
    assert got["filename"].endswith(".docx"), got


def test_unknown_call_is_rejected_in_chinese(page: Page, site_url: str, test_page: str) -> None:
    page.goto(site_url + test_page)
    wait_for_state(page, "ready")
    message = page.evaluate("() => window.checker.call('nope', {}).then(() => '', (e) => e.message)")
    assert CJK.search(message), message


def test_without_webassembly_the_page_says_so(page: Page, site_url: str, test_page: str) -> None:
    page.add_init_script("delete globalThis.WebAssembly")
    page.goto(site_url + test_page)
    status = wait_for_state(page, "failed")
    assert "WebAssembly" in status["message"] and CJK.search(status["message"]), status
    assert not page.evaluate("() => performance.getEntriesByType('resource').some(e => e.name.endsWith('.wasm'))")


def test_the_form_page_starts_the_worker_first_and_checker_js_takes_it_over(page: Page, site_url: str) -> None:
    """The page's first lines start the checker's worker (site_assets/overrides/main.html), before the page's
    modules; checker.js, held back here until the worker has asked for the runtime, takes that worker over with the
    messages it sent meanwhile: no second worker, and the checker gets ready."""
    held: list[Route] = []
    page.route("**/assets/smpls/runtime/checker.js", lambda route: held.append(route))
    with page.expect_request("**/pyodide/pyodide-lock.json", timeout=READY_TIMEOUT_MS):
        page.goto(site_url + "apply/", wait_until="commit")
    # Release before removing the handler: Playwright's server continues the in-flight routes of a removed handler
    # itself, and a continue_ after that fails with "Route is already handled!" (CI, stop 27).
    for route in held:
        route.continue_()
    page.unroute("**/assets/smpls/runtime/checker.js")
    page.wait_for_selector('.smpls-status[data-state="ready"]', timeout=READY_TIMEOUT_MS)
    workers = [w.url for w in page.workers if w.url.endswith("/assets/smpls/runtime/worker.js")]
    assert len(workers) == 1, workers
    start, checker_js = page.evaluate(
        """() => [performance.getEntriesByName('smpls:checker-start')[0].startTime, performance
                  .getEntriesByType('resource').find((e) => e.name.endsWith('/runtime/checker.js')).startTime]"""
    )
    assert start < checker_js


def test_lock_matches_the_files_and_big_files_are_precompressed(site_dir: Path) -> None:
    folder = site_dir / "pyodide"
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert {"pydantic", "pydantic-core", "python-stdnum", "smpls"} <= set(lock["packages"])
    for pkg in lock["packages"].values():
        data = (folder / pkg["file_name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == pkg["sha256"], pkg["file_name"]
    wasm = folder / "pyodide.asm.wasm"
    packed = folder / "pyodide.asm.wasm.gz"
    assert gzip.decompress(packed.read_bytes()) == wasm.read_bytes()
    assert packed.stat().st_size < wasm.stat().st_size * 0.5
    # Only what the browser needs from the npm package.
    assert not (folder / "pyodide.js").exists()
    assert not list(folder.glob("*.map")) and not list(folder.glob("*.d.ts")) and not list(folder.glob("*.html"))


def test_our_wheel_ships_the_bytecode_of_the_listed_modules_only(site_dir: Path) -> None:
    """Like the third-party wheels: no sources, and no module the browser never imports (the command line)."""
    import zipfile

    [wheel] = (site_dir / "pyodide").glob("smpls-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    code = {n for n in names if n.startswith("smpls/") and not n.endswith("/")}
    listed = (ROOT / "site_assets" / "runtime" / "imports.txt").read_text(encoding="utf-8").split()
    assert code and all(n.endswith(".pyc") for n in code), sorted(code)
    assert "smpls/browser.pyc" in code and "smpls/cli.pyc" not in code and "smpls/__main__.pyc" not in code
    modules = {n.removesuffix(".pyc").removesuffix("/__init__").replace("/", ".") for n in code}
    assert modules <= set(listed)


READ_WHEELS = """
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
const { storedEntries } = await import(process.argv[1]);
const out = {};
for (const file of process.argv.slice(2)) {
  const entries = storedEntries(new Uint8Array(readFileSync(file)));
  out[file] = entries && entries.map(([name, data]) => [name, createHash("sha256").update(data).digest("hex")]);
}
console.log(JSON.stringify(out));
"""


def test_worker_reads_every_wheel_as_pythons_zipfile_does(site_dir: Path) -> None:
    """worker.js writes the wheels' files as site_assets/js/lib/stored-zip.js reads them (not Pyodide's unzip): for
    every wheel of the site it must give the same files, with the same bytes, as Python's zipfile."""
    import subprocess
    import zipfile

    wheels = sorted(str(p) for p in (site_dir / "pyodide").glob("*.whl"))
    reader = (ROOT / "site_assets" / "js" / "lib" / "stored-zip.js").as_uri()
    run = subprocess.run(
        ["node", "--input-type=module", "-e", READ_WHEELS, reader, *wheels],
        capture_output=True,
        text=True,
        check=True,
    )
    got = json.loads(run.stdout)
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as z:
            expected = [[i.filename, hashlib.sha256(z.read(i)).hexdigest()] for i in z.infolist() if not i.is_dir()]
        assert got[wheel] == expected, f"{Path(wheel).name}: read differently (null: left to Pyodide's unzip)"


def test_the_snapshot_key_follows_every_runtime_file(site_dir: Path, tmp_path: Path) -> None:
    """Browsers keep a snapshot of Python with our package imported under this key
    (site_assets/js/runtime/snapshot.js): a new Pyodide, python_stdlib.zip, wheel (ours too), extension or worker
    code must give a new key, or an old snapshot would start Python with other files. The precompressed copies do
    not count."""
    hook = load_module(ROOT / "site_assets" / "runtime" / "wheels.py")
    folder = site_dir / "pyodide"
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert lock["smpls"]["snapshot"] == hook.snapshot_key(folder)
    files = [p for p in folder.iterdir() if p.suffix not in (".gz", ".br") and p.name != "pyodide-lock.json"]
    names = {p.name for p in files}
    assert {"pyodide.asm.wasm", "python_stdlib.zip"} <= names
    assert any(n.startswith("smpls-") for n in names) and any(n.endswith(".wasm") and "pydantic" in n for n in names)
    for path in files:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "pyodide.asm.wasm.br").write_bytes(b"not counted")
    keys = {hook.snapshot_key(tmp_path)}
    for path in files:
        original = (tmp_path / path.name).read_bytes()
        (tmp_path / path.name).write_bytes(original + b"\0")
        keys.add(hook.snapshot_key(tmp_path))
        (tmp_path / path.name).write_bytes(original)
    assert len(keys) == 1 + len(files)
    assert hook.snapshot_key(tmp_path) == lock["smpls"]["snapshot"]
    runtime = ROOT / "site_assets" / "js" / "runtime"
    assert set(hook.SNAPSHOT_CODE) >= {
        runtime / f"{name}.js" for name in ("worker", "loader", "snapshot", "requests", "support")
    } | {ROOT / "site_assets" / "js" / "lib" / "stored-zip.js"}


def test_the_extension_is_served_apart_from_its_wheel(site_dir: Path) -> None:
    """pydantic_core's .so is served once, as its own application/wasm file (compiled with compileStreaming and
    loaded before Python starts): not in its wheel too, and with the sha256 the worker checks."""
    folder = site_dir / "pyodide"
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    [lib] = lock["smpls"]["preload"]
    assert lib["path"].startswith("pydantic_core/") and lib["path"].endswith(".so")
    assert lib["file_name"].endswith(".wasm")
    data = (folder / lib["file_name"]).read_bytes()
    assert data[:4] == b"\0asm" and hashlib.sha256(data).hexdigest() == lib["sha256"]
    core = lock["packages"]["pydantic-core"]
    wheel = folder / core["file_name"]
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == core["sha256"]
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
    assert any(n.startswith("pydantic_core/") for n in names)
    assert not [n for n in names if n.endswith(".so")]


def test_build_fails_clearly_without_fetched_or_with_changed_wheels(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.exceptions import PluginError

    hook = load_module(ROOT / "site_assets" / "runtime" / "wheels.py")
    entry = next(e for e in hook.browser_wheels() if e["name"] == "pydantic")
    monkeypatch.setattr(hook, "PYPI_CACHE", tmp_path)
    with pytest.raises(PluginError, match=r"was not fetched\. Run `make setup`"):
        hook.checked_wheel(entry)
    (tmp_path / entry["file"]).write_bytes(b"not the pinned wheel")
    with pytest.raises(PluginError, match=r"sha256 .* pins"):
        hook.checked_wheel(entry)
