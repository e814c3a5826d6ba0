"""What the benchmarks share (bench/run.py, floor_bench.py, ab.py, summary_bench.py): Chromium, the static server of
the browser tests (tests/site/static_server.py), the table's row type and number formats."""

from __future__ import annotations

import math
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "site"))
from static_server import Counter, serve  # noqa: E402 - the tests' server, from its folder

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "ROOT", "Counter", "Row", "fmt_mb", "fmt_ms", "fmt_s", "pct", "serve"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--mute-audio"]

Row = tuple[str, str, str]  # measure, value, target


def pct(samples: list[float], p: float) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, max(0, math.ceil(p / 100 * len(s)) - 1))]


def fmt_ms(value: float) -> str:
    return f"{value:.2f} ms" if value < 10 else f"{value:.0f} ms"


def fmt_s(values: list[float]) -> str:
    """Median (min–max) of a few timings in ms, shown in seconds."""
    med = statistics.median(values) / 1000
    if len(values) == 1:
        return f"{med:.2f} s"
    return f"{med:.2f} s ({min(values) / 1000:.2f}–{max(values) / 1000:.2f})"


def fmt_mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB"
