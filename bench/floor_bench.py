"""The floor under 'validator ready' (part of `make bench`, not a test): the site's own Pyodide files started on a
blank page, without any page of the site (no theme, no form, no service worker), in Chromium, cold and warm.

- Pyodide alone: loadPyodide() and nothing else;
- + our wheels and `import smpls.browser`: what the checker's worker does on a first visit, without the page
  around it (the wheels' files written, pydantic_core's extension from its own file, then the import);
- the site's worker (assets/smpls/runtime/worker.js) itself on the blank page: warm, it starts Python from the snapshot
  after the import that its cold visit kept.

The page is the same for all; it takes the mode from its URL. All are served with the built site from a folder of
links (the built site is not changed), each from its own profile, the warm visits alternating.
"""

from __future__ import annotations

import statistics
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from common import CHROMIUM, CHROMIUM_ARGS, Row, fmt_s, serve

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title><link rel="icon" href="data:,">
<script>
performance.mark("floor:start");
const site = new URLSearchParams(location.search).get("mode") === "worker";
const script = site ? "assets/smpls/runtime/worker.js" : "floor-worker.js" + location.search;
const worker = new Worker(script, { type: "module" });
worker.onmessage = async (event) => {
  let data = event.data;
  if (site) {
    if (data.type !== "status" || !["ready", "failed"].includes(data.state)) return;
    data = data.state === "ready" ? data.timings : { error: data.detail };
    performance.mark("floor:checker");
    if (!data.error && !data.restored) await kept(); // the cold visit: until the snapshot is saved
  }
  window.floor = data;
  performance.mark(data.error ? "floor:failed" : "floor:ready");
};
async function kept() {
  for (let i = 0; i < 600; i++) {
    if ((await (await caches.open("smpls.python-snapshot")).keys()).length) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
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
    const { storedEntries, writeEntries } = await import("./assets/smpls/lib/stored-zip.js"); // as worker.js does
    for (const bytes of wheels) {
      writeEntries(pyodide.FS, "/lib/python3.14/site-packages", storedEntries(new Uint8Array(bytes)));
    }
    for (const lib of lock.smpls.preload || []) {
      const bytes = new Uint8Array(await (await fetch(new URL(lib.file_name, base))).arrayBuffer());
      writeEntries(pyodide.FS, "/lib/python3.14/site-packages", [[lib.path, bytes]]);
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

MODES = {
    "bare": "Pyodide alone",
    "full": "+ our wheels and import smpls.browser",
    "worker": "the site's worker (warm: from the snapshot after the import)",
}


def visit_blank(pw: Any, profile: Path, url: str) -> tuple[float, float]:
    """Ready, in ms from the page's start (the site's worker: its "ready" status, not the wait for the snapshot), and
    for the site's worker when it started (ready less its own time to ready), else 0."""
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
        ready = float(
            page.evaluate(
                "() => (performance.getEntriesByName('floor:checker')[0]"
                " || performance.getEntriesByName('floor:ready')[0]).startTime"
            )
        )
        return ready, ready - result["import"] if "import" in result else 0.0
    finally:
        context.close()


def floor_folder(stack: ExitStack, site: Path) -> str:
    """The built site and the blank page, served from a folder of links (the built site is not changed): its URL."""
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="smpls-floor-")))
    for entry in site.resolve().iterdir():
        (folder / entry.name).symlink_to(entry)
    (folder / "floor.html").write_text(PAGE, encoding="utf-8")
    (folder / "floor-worker.js").write_text(WORKER, encoding="utf-8")
    url, _ = stack.enter_context(serve(folder, precompressed=True, cache=True))
    return url


def bench_floor(site: Path, runs: int) -> tuple[list[Row], dict[str, float]]:
    """Cold: `runs` visits per mode, each from a fresh profile. Warm: 3 × `runs` returns to one profile per mode
    (its cold visit untimed), the modes alternating. Each row with its ratio to Pyodide alone (cold to cold, warm
    to warm), all from this one run. Returns the rows and medians in ms: Pyodide alone's ({"cold", "warm"}) and
    the cold start with our wheels and import ("full cold")."""
    from playwright.sync_api import sync_playwright

    cold: dict[str, list[float]] = {mode: [] for mode in MODES}
    warm: dict[str, list[float]] = {mode: [] for mode in MODES}
    with ExitStack() as stack, sync_playwright() as pw:
        url = floor_folder(stack, site)
        for i in range(runs):
            for mode in list(MODES) if i % 2 == 0 else list(reversed(MODES)):
                with tempfile.TemporaryDirectory(prefix="smpls-floor-") as profile:
                    cold[mode].append(visit_blank(pw, Path(profile), f"{url}floor.html?mode={mode}")[0])
        profiles = {m: Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="smpls-floor-"))) for m in MODES}
        for mode in MODES:  # the cold visit, untimed: the browser's caches (and the compiled wasm) filled
            visit_blank(pw, profiles[mode], f"{url}floor.html?mode={mode}")
        for i in range(3 * runs):
            for mode in list(MODES) if i % 2 == 0 else list(reversed(MODES)):
                warm[mode].append(visit_blank(pw, profiles[mode], f"{url}floor.html?mode={mode}")[0])
    rows: list[Row] = []
    floors = {"cold": statistics.median(cold["bare"]), "warm": statistics.median(warm["bare"])}
    floors["full cold"] = statistics.median(cold["full"])
    for kind, samples in (("cold", cold), ("warm", warm)):
        floor = statistics.median(samples["bare"])
        for mode, label in MODES.items():
            ratio = f"{statistics.median(samples[mode]) / floor:.2f}× Pyodide alone"
            rows.append(
                (f"Chromium, blank page (no page of the site): {label}, ready, {kind}", fmt_s(samples[mode]), ratio)
            )
    return rows, floors
