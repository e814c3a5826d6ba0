"""Benchmark of reading a 申请书 back from Word (not a test): ``smpls.browser.read_docx`` of the complete
example's DOCX, p50/p95 on CPython and in Pyodide under Node (bench/docx_read.mjs). Part of ``make bench``
(bench/run.py calls :func:`bench_docx_read`); alone:

    .venv/bin/python bench/docx_read.py [--runs 200] [--skip-node]

Wall-clock and CPU time are both given: on a shared, loaded machine the CPU time is the steadier figure.
Two files are timed: the download as it is (with the embedded draft, so the reader also re-renders that copy
to compare), and the same document without the copy (the visible document alone, e.g. after a trip through
.odt).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "complete.json"

Row = tuple[str, str, str]


def _pct(samples: list[float], p: float) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, max(0, math.ceil(p / 100 * len(s)) - 1))]


def _ms(v: float) -> str:
    return f"{v:.2f} ms" if v < 10 else f"{v:.0f} ms"


def _files() -> dict[str, bytes]:
    sys.path.insert(0, str(ROOT / "pysrc"))
    from smpls.docx import build_docx
    from smpls.model import Application

    data = build_docx(Application.model_validate(json.loads(EXAMPLE.read_text("utf-8"))))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if not info.filename.startswith("customXml/"):
                dst.writestr(info.filename, src.read(info.filename))
    return {"with the embedded draft": data, "visible document alone": out.getvalue()}


def bench_docx_read(runs: int = 200, skip_node: bool = False) -> list[Row]:
    from smpls import browser

    rows: list[Row] = []
    for what, data in _files().items():
        assert json.loads(browser.read_docx(data))["draft"] is not None
        for _ in range(10):
            browser.read_docx(data)
        samples, cpu = [], []
        for _ in range(runs):
            t, c = time.perf_counter(), time.process_time()
            browser.read_docx(data)
            samples.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        note = f"≤ 50 ms; CPU time p95 {_ms(_pct(cpu, 95))}"
        rows.append((f"CPython: read DOCX, {what}, p50 ({runs} runs)", _ms(_pct(samples, 50)), ""))
        rows.append((f"CPython: read DOCX, {what}, p95", _ms(_pct(samples, 95)), note))
    if skip_node:
        return rows
    with tempfile.TemporaryDirectory() as tmp:
        for what, data in _files().items():
            path = Path(tmp) / "form.docx"
            path.write_bytes(data)
            out = subprocess.run(
                ["node", str(ROOT / "bench" / "docx_read.mjs"), str(path), str(max(20, runs // 2))],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            r = json.loads(out.strip().splitlines()[-1])
            rows.append((f"Pyodide (Node): read DOCX, {what}, p50 ({r['n']} runs)", _ms(r["p50"]), ""))
            note = f"≤ 300 ms; CPU time p95 {_ms(r['cpu_p95'])}; first call {r['first']:.0f} ms"
            rows.append((f"Pyodide (Node): read DOCX, {what}, p95", _ms(r["p95"]), note))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description="time smpls.browser.read_docx")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--skip-node", action="store_true")
    args = parser.parse_args()
    for measure, value, note in bench_docx_read(args.runs, args.skip_node):
        print(f"| {measure} | {value} | {note} |")


if __name__ == "__main__":
    main()
