"""A/B comparison in Chromium (not a test): each speed change against a build with that change switched off, visits
interleaved so that every build sees the same machine load; the gain is a ratio of medians on the same machine.

    .venv/bin/python bench/ab.py [--runs 5] [--off late-register,early-start] [--nosw]
    .venv/bin/python bench/ab.py --sites SITE_A SITE_B [--runs 5] [--nosw]     # two given builds

By default it builds, next to the site, one site per change with SMPLS_PERF_OFF=<change> (the switches are listed
in site_assets/hooks/offline.py) into build/ab/<change>/, and compares each with the site as built (`site/`), all
builds interleaved in one round. Visits are as users get them (the service worker allowed; a cold visit waits,
untimed, for the offline copy) unless --nosw (service worker blocked: the page alone). Warm visits are many returns
to one profile per build, alternating (see compare()).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from run import ROOT, fmt_s, serve, visit

sys.path.insert(0, str(ROOT / "site_assets" / "hooks"))
from offline import PERF_SWITCHES as SWITCHES  # the switches are defined once, by the build


def build(name: str) -> Path:
    out = ROOT / "build" / "ab" / name
    env = {**os.environ, "SMPLS_PERF_OFF": name, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--strict", "-q", "-d", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return out


def compare(pw: Any, sites: dict[str, Path], runs: int, sw: bool) -> dict[str, dict[str, list[float]]]:
    """Cold visits: `runs` per build, each from a fresh profile. Warm visits: 3 × `runs` per build, returns to one
    profile per build (its cold visit untimed), alternating between the builds: a warm visit is short, so many
    of them, interleaved, keep the machine's drift out of the ratio."""
    results: dict[str, dict[str, list[float]]] = {n: {"start": [], "cold": [], "warm": []} for n in sites}
    with ExitStack() as stack:
        urls = {n: stack.enter_context(serve(s.resolve(), precompressed=True))[0] for n, s in sites.items()}
        for i in range(runs):
            order = list(sites) if i % 2 == 0 else list(reversed(sites))  # neither build always goes first
            for name in order:
                with tempfile.TemporaryDirectory(prefix="smpls-ab-") as profile:
                    first = visit(pw, Path(profile), urls[name], sw=sw, settle=True)
                results[name]["start"].append(first["start"])
                results[name]["cold"].append(first["ready"])
        profiles = {n: Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="smpls-ab-"))) for n in sites}
        for name in sites:
            visit(pw, profiles[name], urls[name], sw=sw, settle=True)
        for i in range(3 * runs):
            for name in list(sites) if i % 2 == 0 else list(reversed(sites)):
                results[name]["warm"].append(visit(pw, profiles[name], urls[name], sw=sw)["ready"])
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--off", default=",".join(SWITCHES), help="changes to compare, comma-separated")
    parser.add_argument("--sites", nargs="+", type=Path, help="compare these built sites instead")
    parser.add_argument("--nosw", action="store_true", help="block the service worker (the page alone)")
    parser.add_argument("--site", default="site", help="the site with every change on (default: site)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    sw = not args.nosw
    if args.sites:
        sites = {str(s): s for s in args.sites}
    else:
        sites = {"all on": (ROOT / args.site).resolve()} | {f"{n} off": build(n) for n in args.off.split(",") if n}
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\n{args.runs} cold and {3 * args.runs} warm visits of each build, interleaved; service worker "
        f"{'allowed' if sw else 'blocked'}; load {load}\n"
    )
    print("| comparison | worker started (cold) | ready, cold | ready, warm | gain cold | gain warm |")
    print("|---|---|---|---|---|---|")
    with sync_playwright() as pw:
        r = compare(pw, sites, args.runs, sw)
    first, *others = sites
    for name in sites:
        gains = ["", ""]
        if name in others:
            gains = [f"{statistics.median(r[name][k]) / statistics.median(r[first][k]):.2f}×" for k in ("cold", "warm")]
        row = [name, fmt_s(r[name]["start"]), fmt_s(r[name]["cold"]), fmt_s(r[name]["warm"]), *gains]
        print("| " + " | ".join(row) + " |", flush=True)
    print("\ngain = median time with the change off ÷ median with it on (above 1: the change helps)")


if __name__ == "__main__":
    main()
