"""A/B comparison of built sites in Chromium (not a test): validator ready, cold and warm, visits interleaved so
that both sites see the same machine load.

    .venv/bin/python bench/ab.py SITE_A SITE_B [--runs 5] [--sw]

Example, precompiled bytecode or not:
    SMPLS_NO_PYC=1 .venv/bin/mkdocs build -q -d /tmp/site-nopyc && .venv/bin/python bench/ab.py /tmp/site-nopyc site
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from contextlib import ExitStack
from pathlib import Path

from run import fmt_s, serve, visit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sw", action="store_true", help="allow the site's service worker (default: blocked)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    results: dict[Path, dict[str, list[float]]] = {s: {"start": [], "cold": [], "warm": []} for s in args.sites}
    with sync_playwright() as pw, ExitStack() as stack:
        urls = {s: stack.enter_context(serve(s.resolve(), precompressed=True))[0] for s in args.sites}
        for _ in range(args.runs):
            for site in args.sites:
                with tempfile.TemporaryDirectory(prefix="smpls-ab-") as profile:
                    first = visit(pw, Path(profile), urls[site], sw=args.sw)
                    again = visit(pw, Path(profile), urls[site], sw=args.sw)
                results[site]["start"].append(first["start"])
                results[site]["cold"].append(first["ready"])
                results[site]["warm"].append(again["ready"])
    print(f"\n{args.runs} interleaved runs each, service worker {'allowed' if args.sw else 'blocked'}\n")
    print("| site | worker started (cold) | ready, cold | ready, warm |")
    print("|------|------|------|------|")
    for site, r in results.items():
        print(f"| {site} | {fmt_s(r['start'])} | {fmt_s(r['cold'])} | {fmt_s(r['warm'])} |")
    base = args.sites[0]
    for site in args.sites[1:]:
        for key in ("cold", "warm"):
            delta = statistics.median(results[site][key]) - statistics.median(results[base][key])
            print(f"{site} vs {base}, {key}: {delta / 1000:+.2f} s")


if __name__ == "__main__":
    main()
