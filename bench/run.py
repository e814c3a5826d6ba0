"""Benchmark of the checker (not a test): prints a table of timings and sizes. `make bench` (after `make build`).

    .venv/bin/python bench/run.py [--site site] [--runs 3] [--skip-browser] [--skip-node]

- CPython: full-form validation (smpls.browser.validate of examples/complete.json), p50/p95 over 500 runs.
- Reading the complete example's DOCX back (bench/docx_read.py): p50/p95 on CPython and in Pyodide under Node.
- Pyodide under Node (bench/pyodide_bench.mjs, the site's own pyodide/ files): start-up phases, validation
  p50/p95 over 200 runs, DOCX generation p50/p95.
- Chromium (/usr/bin/chromium, fresh profile per cold visit; the same profile again for a warm visit), the form
  page served from localhost by a static server that honours Accept-Encoding with the precompressed .br/.gz
  files the build writes (or, for the "raw" row, ignores them): time until a typed character is accepted,
  validator ready (the checker's performance mark), validation round trip from the page p50/p95 (200 calls),
  and the bytes the server sent during the visit. With the service worker allowed (as users get it) the cold
  visit waits, untimed, until the offline copy is complete, as for a person who used the form; then two return
  visits (the first one served from the offline copy compiles pyodide.asm.wasm once, see sw.js).
- The floor: the same runtime started on a blank page (bench/floor_bench.py), Pyodide alone and with our import.
- The warm targets from interleaved returns (bench_overhead): the site, its worker on a blank page from the same
  snapshot, and Pyodide alone; the page's own overhead split into the worker's later start and its own time.
- First-visit bytes of the reading pages, the process page, the form and the self-check, with and without the
  offline copy; the offline copy's files and bytes at install, and its lunr language files (bench/offline_copy.py).

`bench/ab.py` then compares each speed change against a build with it switched off (`make bench` runs both).

Numbers depend on the machine and its load (printed with the table): quote them as rough.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from common import CHROMIUM, CHROMIUM_ARGS, ROOT, Row, fmt_mb, fmt_ms, fmt_s, pct, serve
from floor_bench import bench_floor, floor_folder, visit_blank  # the same runtime on a blank page

EXAMPLE = ROOT / "examples" / "complete.json"
FORM_PAGE = "apply/"
FORM_INPUT = "#f-cover-pilot_name"
VERBOSE = False

# The site's "validator ready" with the service worker (bench_browser), for the ratios to the blank-page floor.
SITE_READY: dict[str, list[float]] = {}


# --- CPython -------------------------------------------------------------------------------------------------


def bench_cpython(runs: int = 500) -> list[Row]:
    sys.path.insert(0, str(ROOT / "pysrc"))
    from smpls import browser

    text = EXAMPLE.read_text(encoding="utf-8")
    result = json.loads(browser.validate(text))
    assert result["counts"]["错误"] == 0, result
    for _ in range(20):
        browser.validate(text)
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        browser.validate(text)
        samples.append((time.perf_counter() - t) * 1000)
    return [
        (f"CPython {sys.version.split()[0]}: validation p50 ({runs} runs)", fmt_ms(pct(samples, 50)), ""),
        ("CPython: validation p95", fmt_ms(pct(samples, 95)), "≤ 2 ms"),
    ]


# --- Pyodide under Node ----------------------------------------------------------------------------------------


def bench_node(site: Path) -> list[Row]:
    out = subprocess.run(
        ["node", str(ROOT / "bench" / "pyodide_bench.mjs"), str(site / "pyodide"), str(EXAMPLE), "200", "50"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    data = json.loads(out.strip().splitlines()[-1])
    s, v, d = data["startup"], data["validate"], data["docx"]
    rows: list[Row] = [
        (
            "Pyodide (Node): start-up to first validation",
            f"{s['total'] / 1000:.2f} s",
            f"loadPyodide {s['loadPyodide']:.0f} ms, wheels {s['unpackWheels']:.0f} ms, "
            f"import {s['importBrowser']:.0f} ms, 1st call {s['firstValidate']:.0f} ms",
        ),
        (f"Pyodide (Node): validation p50 ({v['n']} runs)", fmt_ms(v["p50"]), ""),
        ("Pyodide (Node): validation p95", fmt_ms(v["p95"]), "≤ 30 ms"),
    ]
    if "error" in d:
        rows.append(("Pyodide (Node): DOCX", "failed", d["error"][:80]))
    else:
        first = f"first {data['docxFirst']:.0f} ms"
        rows.append((f"Pyodide (Node): DOCX p50 ({d['n']} runs)", fmt_ms(d["p50"]), first))
        rows.append(("Pyodide (Node): DOCX p95", fmt_ms(d["p95"]), "≤ 300 ms"))
    return rows


# --- Chromium -------------------------------------------------------------------------------------------------

FIRST_INPUT = """
document.addEventListener("input", () => {
  if (window.__firstInput === undefined) window.__firstInput = performance.now();
}, true);
"""


# Until the service worker is active with its cache complete: the pages, and on a checker page the runtime too
# (offline.js asks for it once the checker is ready). A returning user has that copy; the cold visit waits for it
# (untimed) so that the warm visit measures a return with the offline copy in place.
OFFLINE_COPY = """async (withRuntime) => {
  if (!('serviceWorker' in navigator)) return 0;
  for (let i = 0; i < 1200; i++) {
    const reg = await navigator.serviceWorker.getRegistration();
    const keys = (await caches.keys()).filter((k) => k.startsWith('smpls-'));
    if (reg && reg.active && reg.active.state === 'activated' && !reg.installing && keys.length === 1) {
      const cache = await caches.open(keys[0]);
      const n = (await cache.keys()).length;
      if (!withRuntime) return n;
      const lock = await cache.match(new URL('pyodide/pyodide-lock.json', reg.scope).href);
      if (lock && (await cache.match(new URL('pyodide/pyodide.asm.wasm', reg.scope).href))) {
        const files = Object.values((await lock.json()).packages).map((p) => p.file_name);
        let all = true;
        for (const f of files) if (!(await cache.match(new URL('pyodide/' + f, reg.scope).href))) all = false;
        if (all) return n;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return -1;
}"""


# Until the worker has kept its snapshot after the import (saved when the page is idle after ready; worker.js).
SNAPSHOT_KEPT = """async () => {
  for (let i = 0; i < 1200; i++) {
    if ((await (await caches.open('smpls.python-snapshot')).keys()).length) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}"""


def wait_offline_copy(page: Any, with_runtime: bool) -> None:
    if page.evaluate(OFFLINE_COPY, with_runtime) < 0:
        raise SystemExit("bench: the service worker did not finish its offline copy within 2 minutes")


def visit(
    pw: Any, profile: Path, url: str, roundtrips: int = 0, sw: bool = True, settle: bool = False
) -> dict[str, Any]:
    context = pw.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        headless=True,
        service_workers="allow" if sw else "block",
    )
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.add_init_script(FIRST_INPUT)
        page.goto(url + FORM_PAGE, wait_until="commit")
        page.locator(FORM_INPUT).press_sequentially("试")
        typed = page.evaluate("() => window.__firstInput")
        page.wait_for_function(
            "() => performance.getEntriesByName('smpls:checker-ready').length"
            " || performance.getEntriesByName('smpls:checker-failed').length",
            timeout=120_000,
        )
        marks = page.evaluate(
            "() => Object.fromEntries(performance.getEntriesByType('mark')"
            ".filter(m => m.name.startsWith('smpls:')).map(m => [m.name, m.startTime]))"
        )
        if "smpls:checker-ready" not in marks:
            raise SystemExit(f"bench: the checker failed on {url}{FORM_PAGE}: {marks}")
        result: dict[str, Any] = {
            "typed": typed,
            "start": marks["smpls:checker-start"],
            "ready": marks["smpls:checker-ready"],
            "worker": page.evaluate(
                "async () => (await import(new URL('../assets/smpls/runtime/checker.js', location.href)))"
                ".startChecker().status.timings"
            ),
        }
        if VERBOSE:
            print("visit:", {k: v for k, v in result.items() if k != "roundtrips"})
        if roundtrips:
            draft = json.loads(EXAMPLE.read_text(encoding="utf-8"))
            result["roundtrips"] = page.evaluate(
                """async ([draft, n]) => {
                    const { startChecker } = await import(new URL('assets/smpls/runtime/checker.js', document.baseURI
                        .replace(/apply\\/.*$/, '')).href);
                    const checker = startChecker();
                    for (let i = 0; i < 10; i++) await checker.call('validate', draft);
                    const out = [];
                    for (let i = 0; i < n; i++) {
                        const t = performance.now();
                        await checker.call('validate', draft);
                        out.push(performance.now() - t);
                    }
                    return out;
                }""",
                [draft, roundtrips],
            )
        if sw and settle:
            wait_offline_copy(page, with_runtime=True)
        if settle and not page.evaluate(SNAPSHOT_KEPT):
            raise SystemExit("bench: the worker kept no snapshot within 2 minutes")
        return result
    finally:
        context.close()


def bench_browser(site: Path, runs: int) -> list[Row]:
    """Cold and warm visits of the form page, with the site's service worker (offline copy) allowed, as users get
    it, and blocked (the page alone); one raw visit (no precompressed files, no service worker) for the bytes."""
    from playwright.sync_api import sync_playwright

    cold: dict[str, list[dict[str, Any]]] = {"sw": [], "nosw": []}
    warm: dict[str, list[dict[str, Any]]] = {"sw": [], "nosw": []}
    later: dict[str, list[dict[str, Any]]] = {"sw": [], "nosw": []}
    sent: dict[str, list[int]] = {"sw": [], "nosw": [], "raw": []}
    # The two ways are interleaved (sw, nosw, sw, nosw, …), each from its own server, so that both see the same
    # machine load; the raw visit (bytes only) comes last.
    with sync_playwright() as pw, ExitStack() as servers:
        served = {
            mode: servers.enter_context(serve(site, precompressed=mode != "raw", cache=True))
            for mode in ("sw", "nosw", "raw")
        }
        order = [mode for _ in range(runs) for mode in ("sw", "nosw")] + ["raw"]
        for i, mode in enumerate(order):
            url, counter = served[mode]
            with tempfile.TemporaryDirectory(prefix="smpls-bench-") as profile:
                counter.reset()
                sw = mode == "sw"
                first = visit(pw, Path(profile), url, roundtrips=200 if (sw and i == 0) else 0, sw=sw, settle=True)
                sent[mode].append(counter.bytes)
                if VERBOSE:
                    top = sorted(counter.files.items(), key=lambda kv: -kv[1])[:12]
                    print(f"{mode}: {counter.requests} requests", *(f"{n:>10} {p}" for p, n in top), sep="\n")
                if mode != "raw":
                    cold[mode].append(first)
                    warm[mode].append(visit(pw, Path(profile), url, sw=sw))
                    later[mode].append(visit(pw, Path(profile), url, sw=sw))
    rt = cold["sw"][0]["roundtrips"]
    for name, runs_of in (("cold", cold), ("warm, 1st return", warm), ("warm, 2nd return", later)):
        SITE_READY[name] = [r["ready"] for r in runs_of["sw"]]
        restored = sum("restored" in (r["worker"] or {}) for r in runs_of["sw"])
        SITE_READY[f"{name}: from the snapshot"] = [float(restored), float(len(runs_of["sw"]))]
    rows: list[Row] = []
    for mode, label in (("sw", "with service worker, as users get it"), ("nosw", "page alone")):
        target = {"sw": ("≤ 2.5 s", "≤ 1.5 s"), "nosw": ("≤ 3 s", "≤ 1.5 s")}[mode]
        rows += [
            (f"Chromium: typed character accepted, cold ({label})", fmt_s([r["typed"] for r in cold[mode]]), "< 1 s"),
            (f"Chromium: worker started, cold ({label})", fmt_s([r["start"] for r in cold[mode]]), ""),
            (f"Chromium: validator ready, cold ({label})", fmt_s([r["ready"] for r in cold[mode]]), target[0]),
            (
                f"Chromium: validator ready, warm, 1st return ({label})",
                fmt_s([r["ready"] for r in warm[mode]]),
                target[1],
            ),
            (f"Chromium: validator ready, warm, 2nd return ({label})", fmt_s([r["ready"] for r in later[mode]]), ""),
        ]
    rows += [
        ("Chromium: validation round trip p50 (200 calls)", fmt_ms(pct(rt, 50)), ""),
        ("Chromium: validation round trip p95", fmt_ms(pct(rt, 95)), "≤ 50 ms"),
        ("First visit, bytes sent, precompressed (page alone)", fmt_mb(statistics.median(sent["nosw"])), "≤ 8 MB"),
        ("First visit, bytes sent, precompressed (+ offline copy)", fmt_mb(statistics.median(sent["sw"])), ""),
        ("First visit, bytes sent, raw (page alone)", fmt_mb(sent["raw"][0]), ""),
    ]
    return rows


PAGES = (("阅读通知", "notice/"), ("首页", ""), ("条件", "conditions/"), ("流程", "process/"),
         ("填写申请书", "apply/"), ("自查", "self-check/"))  # fmt: skip


def bench_weights(site: Path) -> list[Row]:
    """Bytes a host that serves the .br files sends on a first visit of each page (fresh profile), with the service
    worker blocked (the page alone) and allowed (+ its offline copy, waited for: the pages, and the runtime on the
    pages that use the checker)."""
    from playwright.sync_api import sync_playwright

    rows: list[Row] = []
    with sync_playwright() as pw, serve(site, precompressed=True, cache=True) as (url, counter):
        for label, path in PAGES:
            sent = {}
            for sw in (False, True):
                with tempfile.TemporaryDirectory(prefix="smpls-bench-") as profile:
                    counter.reset()
                    context = pw.chromium.launch_persistent_context(
                        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
                        service_workers="allow" if sw else "block",
                    )  # fmt: skip
                    try:
                        page = context.pages[0] if context.pages else context.new_page()
                        page.goto(url + path, wait_until="load")
                        checker = page.locator('[data-module~="checker"]').count() > 0
                        if checker:
                            page.wait_for_function(
                                "() => performance.getEntriesByName('smpls:checker-ready').length", timeout=120_000
                            )
                        if sw:
                            wait_offline_copy(page, with_runtime=checker)
                        else:
                            page.wait_for_load_state("networkidle")
                    finally:
                        context.close()
                    sent[sw] = counter.bytes
            rows.append((f"First visit of {label} ({path or 'index'}), precompressed, page alone", fmt_mb(sent[False]),
                         "≤ 6 MB" if path in ("apply/", "self-check/") else "≤ 150 KB"))  # fmt: skip
            rows.append((f"First visit of {label}, + offline copy", fmt_mb(sent[True]), ""))
    return rows


def bench_overhead(site: Path, runs: int) -> list[Row]:
    """The two warm targets from returns interleaved (3 × `runs` each, the order alternating, so that a change of the
    machine's load between parts of the bench does not enter the ratios): the site's form page with the service
    worker, the site's worker on a blank page from the same snapshot, and Pyodide alone on a blank page. The page's
    own overhead is split into the worker's later start (page time: ready less the worker's own time to ready) and
    the worker's own longer time to ready."""
    from playwright.sync_api import sync_playwright

    ready: dict[str, list[float]] = {"site": [], "worker": [], "bare": []}
    start: dict[str, list[float]] = {"site": [], "worker": []}
    with ExitStack() as stack, sync_playwright() as pw:
        site_url, _ = stack.enter_context(serve(site, precompressed=True, cache=True))
        blank = floor_folder(stack, site)
        profiles = {k: Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="smpls-bench-"))) for k in ready}
        visit(pw, profiles["site"], site_url, settle=True)  # untimed: the offline copy and the snapshot kept
        for mode in ("worker", "bare"):
            visit_blank(pw, profiles[mode], f"{blank}floor.html?mode={mode}")
        for i in range(3 * runs):
            for kind in list(ready) if i % 2 == 0 else list(reversed(ready)):
                if kind == "site":
                    r = visit(pw, profiles["site"], site_url)
                    ready["site"].append(r["ready"])
                    start["site"].append(r["ready"] - r["worker"]["import"])
                    continue
                done, began = visit_blank(pw, profiles[kind], f"{blank}floor.html?mode={kind}")
                ready[kind].append(done)
                if kind == "worker":
                    start["worker"].append(began)
    med = {k: statistics.median(v) for k, v in ready.items()}
    began_site, began_blank = statistics.median(start["site"]), statistics.median(start["worker"])
    own_site, own_blank = med["site"] - began_site, med["worker"] - began_blank
    label = "Chromium, interleaved warm returns"
    return [
        (
            f"{label}: the site (with service worker)",
            fmt_s(ready["site"]),
            f"{med['site'] / med['bare']:.2f}× Pyodide alone (target ≤ 0.75×)",
        ),
        (
            f"{label}: the site's worker on a blank page, same snapshot",
            fmt_s(ready["worker"]),
            f"{med['worker'] / med['bare']:.2f}× Pyodide alone",
        ),
        (f"{label}: Pyodide alone on a blank page", fmt_s(ready["bare"]), "1.00×"),
        (
            f"{label}: the page's own overhead (the site − the blank page with the same snapshot)",
            f"{(med['site'] - med['worker']) / 1000:+.2f} s",
            f"{med['site'] / med['worker']:.2f}× the blank page with the same snapshot (target ≤ 1.1×)",
        ),
        (
            "  of which: the worker starts later (page time, median)",
            f"{(began_site - began_blank) / 1000:+.2f} s",
            f"the site {began_site / 1000:.2f} s, the blank page {began_blank / 1000:.2f} s",
        ),
        (
            "  of which: the worker's own time to ready (median)",
            f"{(own_site - own_blank) / 1000:+.2f} s",
            f"the site {own_site / 1000:.2f} s, the blank page {own_blank / 1000:.2f} s",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description="smpls benchmark (prints a table)")
    parser.add_argument("--site", default="site", help="built site directory (default: site)")
    parser.add_argument("--runs", type=int, default=3, help="cold and warm browser visits (default 3)")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-node", action="store_true")
    parser.add_argument("--skip-weights", action="store_true", help="skip the first-visit bytes of each page")
    parser.add_argument("--verbose", action="store_true", help="list the biggest files of each first visit")
    args = parser.parse_args()
    global VERBOSE
    VERBOSE = args.verbose
    site = (ROOT / args.site).resolve()
    if not (site / "pyodide" / "pyodide-lock.json").is_file():
        raise SystemExit(f"bench: {site} has no pyodide/ runtime: run `make build` first")

    rows = bench_cpython()
    from docx_read import bench_docx_read  # (bench/ is on sys.path: this file runs as a script)

    rows += bench_docx_read(skip_node=args.skip_node)
    from summary_bench import bench_summary  # 汇总推荐项目: CPython, openpyxl's size, Chromium

    rows += bench_summary(site, skip_browser=args.skip_browser)
    if not args.skip_node:
        rows += bench_node(site)
    if not args.skip_browser:
        rows += bench_browser(site, args.runs)
        floor_rows, floors = bench_floor(site, args.runs)
        rows += floor_rows
        for name, samples in SITE_READY.items():  # the site beside the floor, from this one run
            if name.endswith("from the snapshot"):
                rows.append((f"Chromium: the site, {name} (visits)", f"{samples[0]:.0f} of {samples[1]:.0f}", ""))
                continue
            ratio = statistics.median(samples) / floors["cold" if name == "cold" else "warm"]
            note = f"{ratio:.2f}× Pyodide alone"
            if name == "cold":
                full = statistics.median(samples) / floors["full cold"]
                note += f"; {full:.2f}× the blank page with our wheels and import (target ≤ 1.15×)"
            rows.append((f"Chromium: the site, ready, {name} (with service worker)", fmt_s(samples), note))
        rows += bench_overhead(site, args.runs)
    from offline_copy import bench_offline_copy  # the copy saved at install, without a browser

    rows += bench_offline_copy(site)
    if not args.skip_weights:
        rows += bench_weights(site)

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nsmpls benchmark, {time.strftime('%Y-%m-%d %H:%M')} UTC, {os.cpu_count()} cores, load average {load}")
    print(f"site: {site}\n")
    width = max(len(r[0]) for r in rows)
    print(f"| {'measure'.ljust(width)} | value | target / note |")
    print(f"|{'-' * (width + 2)}|-------|---------------|")
    for measure, value, note in rows:
        print(f"| {measure.ljust(width)} | {value} | {note} |")


if __name__ == "__main__":
    main()
