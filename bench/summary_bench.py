"""Benchmark of the 汇总推荐项目 page and command (not a test), called by bench/run.py.

- CPython: ``summary`` over 1000 generated drafts (read, check, rows, duplicates), and the export of 200 rows
  as XLSX, DOCX and CSV;
- Chromium: 200 drafts dropped at once on the page, from the drop (checker ready) to every row listed, with the
  longest gap of a 50 ms timer on the page meanwhile (responsiveness), and each export of the 200 rows from the
  click to the download;
- openpyxl's added size: the two wheels the page loads on demand (as served, .br/.gz when the build wrote them).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from common import CHROMIUM, ROOT, Row, serve


def _drafts(n: int) -> list[tuple[str, bytes]]:
    sys.path.insert(0, str(ROOT / "tests" / "unit"))
    sys.path.insert(0, str(ROOT / "pysrc"))
    from summary_samples import drafts

    return drafts(n)


def bench_cpython() -> list[Row]:
    from smpls.summary import check_file, duplicates, table
    from smpls.summary_export import to_csv, to_docx, to_xlsx

    files = _drafts(1000)
    with tempfile.TemporaryDirectory(prefix="smpls-summary-") as tmp:
        for name, data in files:
            (Path(tmp) / name).write_bytes(data)
        t = time.perf_counter()
        entries = [check_file(p.name, p.read_bytes()) for p in sorted(Path(tmp).iterdir())]
        table(entries)
        duplicates(entries)
        total = time.perf_counter() - t
    rows: list[Row] = [
        ("CPython: summary over 1000 drafts (read, check, rows, duplicates)", f"{total:.2f} s", "≤ 10 s")
    ]
    for fmt, export in (("XLSX", to_xlsx), ("DOCX", to_docx), ("CSV", to_csv)):
        t = time.perf_counter()
        export(entries[:200])
        rows.append((f"CPython: export of 200 rows, {fmt}", f"{(time.perf_counter() - t) * 1000:.0f} ms", "≤ 2 s"))
    return rows


def openpyxl_size(site: Path) -> list[Row]:
    lock = json.loads((site / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    raw = served = 0
    for name in ("openpyxl", "et-xmlfile"):
        wheel = site / "pyodide" / lock["packages"][name]["file_name"]
        raw += wheel.stat().st_size
        smaller = [p.stat().st_size for p in (wheel.with_name(wheel.name + ".br"), wheel.with_name(wheel.name + ".gz"))]
        served += min([wheel.stat().st_size, *[s for s in smaller if s]]) if any(p for p in smaller) else 0
    served = served or raw
    note = "loaded only on 汇总推荐项目, after the checker is ready"
    return [
        (
            "openpyxl + et_xmlfile added to that page's first visit",
            f"{raw / 1024:.0f} KB ({served / 1024:.0f} KB served)",
            note,
        )
    ]


def bench_browser(site: Path) -> list[Row]:
    from playwright.sync_api import sync_playwright

    files = _drafts(200)
    rows: list[Row] = []
    with serve(site) as (root, _):
        url = f"{root}summary/"
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_context(accept_downloads=True, service_workers="block").new_page()
            page.goto(url)
            page.wait_for_selector('.smpls-status[data-state="ready"]', timeout=180_000)
            page.evaluate(
                """(files) => {
                    const dt = new DataTransfer();
                    for (const [name, bytes] of files) dt.items.add(new File([new Uint8Array(bytes)], name));
                    window.__gap = 0; let last = performance.now();
                    window.__timer = setInterval(() => { const now = performance.now();
                        window.__gap = Math.max(window.__gap, now - last); last = now; }, 50);
                    window.__t0 = performance.now();
                    document.querySelector("[data-dropzone]").dispatchEvent(
                        new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
                }""",
                [[n, list(d)] for n, d in files],
            )
            page.locator("[data-progress]:not([hidden])").wait_for(timeout=10_000)
            page.locator("[data-rows] tr.smpls-sum__row").nth(199).wait_for(timeout=180_000)
            page.locator("[data-progress]").wait_for(state="hidden", timeout=180_000)
            took, gap = page.evaluate("[performance.now() - window.__t0, window.__gap]")
            rows.append(("Chromium: 200 drafts dropped → all listed (checker ready)", f"{took / 1000:.2f} s", "≤ 10 s"))
            rows.append(("Chromium: longest gap of a 50 ms page timer meanwhile", f"{gap:.0f} ms", "responsive"))
            for fmt in ("xlsx", "docx", "csv"):
                t = time.perf_counter()
                with page.expect_download(timeout=120_000):
                    page.click(f'[data-export="{fmt}"]')
                rows.append(
                    (
                        f"Chromium: export of 200 rows, {fmt} (click → download)",
                        f"{time.perf_counter() - t:.2f} s",
                        "≤ 2 s",
                    )
                )
            browser.close()
    return rows


def bench_summary(site: Path, *, skip_browser: bool = False) -> list[Row]:
    rows = bench_cpython() + openpyxl_size(site)
    if not skip_browser:
        rows += bench_browser(site)
    return rows


if __name__ == "__main__":
    for row in bench_summary((ROOT / "site").resolve(), skip_browser="--skip-browser" in sys.argv):
        print(" | ".join(row))
