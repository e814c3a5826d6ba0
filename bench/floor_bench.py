"""The floor under 'validator ready, warm' (part of `make bench`, not a test): the site's own Pyodide files started on
a blank page, without any page of the site (no theme, no form, no service worker), in Chromium, warm.

- Pyodide alone: loadPyodide() and nothing else;
- + our wheels and `import smpls.browser`: what the checker's worker does, without the page around it.

The page is the same for both; the worker takes the mode from its URL. Both are served with the built site from
a folder of links (the built site is not changed), each from its own profile, the warm visits alternating.
"""

from __future__ import annotations

import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from run import CHROMIUM, CHROMIUM_ARGS, Row, fmt_s, serve

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title><link rel="icon" href="data:,">
<script>
performance.mark("floor:start");
const worker = new Worker("floor-worker.js" + location.search, { type: "module" });
worker.onmessage = (event) => {
  window.floor = event.data;
  performance.mark(event.data.error ? "floor:failed" : "floor:ready");
};
</script></head><body></body></html>
"""

WORKER = """const T0 = performance.now();
const full = new URL(location.href).searchParams.get("mode") === "full";
const base = new URL("pyodide/", location.href);
const ms = () => Math.round(performance.now() - T0);
try {
  const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
  const pyodide = await loadPyodide({ indexURL: base.href, stdout: () => {}, stderr: () => {} });
  const times = { pyodide: ms() };
  if (full) {
    const lock = await (await fetch(new URL("pyodide-lock.json", base))).json();
    const names = ["smpls"];
    for (let i = 0; i < names.length; i++) {
      for (const dep of lock.packages[names[i]].depends) if (!names.includes(dep)) names.push(dep);
    }
    const wheels = await Promise.all(
      names.map(async (name) => (await fetch(new URL(lock.packages[name].file_name, base))).arrayBuffer()),
    );
    const { storedEntries, writeEntries } = await import("./assets/smpls/stored-zip.js"); // as worker.js does
    for (const bytes of wheels) {
      writeEntries(pyodide.FS, "/lib/python3.14/site-packages", storedEntries(new Uint8Array(bytes)));
    }
    pyodide.runPython("import importlib; importlib.invalidate_caches()");
    pyodide.runPython("import smpls.browser");
    times.imported = ms();
  }
  postMessage(times);
} catch (err) {
  postMessage({ error: String(err) });
}
"""

MODES = {"bare": "Pyodide alone", "full": "+ our wheels and import smpls.browser"}


def _visit(pw: Any, profile: Path, url: str) -> float:
    context = pw.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, service_workers="block"
    )
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(url, wait_until="commit")
        page.wait_for_function(
            "() => performance.getEntriesByName('floor:ready').length"
            " || performance.getEntriesByName('floor:failed').length",
            timeout=120_000,
        )
        result = page.evaluate("() => window.floor")
        if "error" in result:
            raise SystemExit(f"bench: the blank-page Pyodide failed: {result['error']}")
        return float(page.evaluate("() => performance.getEntriesByName('floor:ready')[0].startTime"))
    finally:
        context.close()


def bench_floor(site: Path, runs: int) -> list[Row]:
    from playwright.sync_api import sync_playwright

    ready: dict[str, list[float]] = {mode: [] for mode in MODES}
    with ExitStack() as stack, sync_playwright() as pw:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="smpls-floor-")))
        for entry in site.resolve().iterdir():
            (folder / entry.name).symlink_to(entry)
        (folder / "floor.html").write_text(PAGE, encoding="utf-8")
        (folder / "floor-worker.js").write_text(WORKER, encoding="utf-8")
        url, _ = stack.enter_context(serve(folder, precompressed=True))
        profiles = {m: Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="smpls-floor-"))) for m in MODES}
        for mode in MODES:  # the cold visit, untimed: the browser's caches (and the compiled wasm) filled
            _visit(pw, profiles[mode], f"{url}floor.html?mode={mode}")
        for i in range(3 * runs):
            for mode in list(MODES) if i % 2 == 0 else list(reversed(MODES)):
                ready[mode].append(_visit(pw, profiles[mode], f"{url}floor.html?mode={mode}"))
    return [
        (f"Chromium, blank page (no page of the site): {label}, ready, warm", fmt_s(ready[mode]), "the floor")
        for mode, label in MODES.items()
    ]
