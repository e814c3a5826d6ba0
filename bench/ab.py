"""A/B comparison in Chromium (not a test): each speed change against a build with that change switched off, visits
interleaved so that every build sees the same machine load; the gain is a ratio of medians on the same machine.

    .venv/bin/python bench/ab.py [--runs 5] [--off late-register,early-start] [--nosw]
    .venv/bin/python bench/ab.py --sites SITE_A SITE_B [--runs 5] [--nosw]     # two given builds

By default it makes, next to the site, one copy of the built site (`site/`) per change with that change undone by a
bench-side patch (PATCHES below: the site's own code carries only the changes, no switch) into build/ab/<change>/,
and compares each with the site as built, all builds interleaved in one round. Visits are as users get them (the
service worker allowed; a cold visit waits, untimed, for the offline copy) unless --nosw (service worker blocked:
the page alone). Warm visits are many returns to one profile per build, alternating (see compare()).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from common import ROOT, fmt_s, serve
from run import visit

sys.path.insert(0, str(ROOT / "site_assets" / "hooks"))
from offline import write_service_worker  # the copy gets its own service worker (its own version)

# Each change, undone in a copy of the built site: (files matched by a glob, pattern, replacement); every pattern
# must match in every file the glob names, exactly once, or the bench stops (the site's code changed).
EARLY_START = re.compile(r"\n  <script>\n    // The checker's worker starts here.*?\n  </script>", re.S)
SEARCH_LATER = re.compile(r"\n  <script>\n    // The theme's search worker.*?\n  </script>", re.S)
PATCHES: dict[str, list[tuple[str, str | re.Pattern[str], str]]] = {
    # checker pages register the service worker at page load, not once the checker is ready
    "late-register": [("assets/smpls/runtime/offline.js", "(usesChecker ? checkerSettled() : null)", "null")],
    # no inline script at the top of checker pages that starts the checker's worker (checker.js starts it)
    "early-start": [("**/index.html", EARLY_START, "")],
    # the theme's search worker starts with the page, not once the checker is ready
    "search-later": [("**/index.html", SEARCH_LATER, "")],
    # the service worker answers the runtime from its cache while online too
    "runtime-network": [("sw.js", "if (isRuntime && self.navigator.onLine) return;", "")],
    # Pyodide unzips the wheels (unpackArchive) instead of worker.js writing the files it read in JS
    "js-unzip": [
        (
            "assets/smpls/runtime/loader.js",
            "const entries = storedEntries(bytes);",
            "const entries = null;",
        )
    ],
    # Python starts the usual way on every visit, not from the snapshot after the import kept by an earlier one
    "snapshot": [
        ("assets/smpls/runtime/worker.js", "const stored = await found.catch(() => null);", "const stored = null;"),
        (
            "assets/smpls/runtime/worker.js",
            "if (!started.snapshot || !started.snapshot.key) return started;",
            "return started;",
        ),
    ],
}
SWITCHES = tuple(PATCHES)


def _patch(text: str, pattern: str | re.Pattern[str], new: str) -> str | None:
    """The text with the pattern replaced; None when the pattern is not in it (a page without the checker)."""
    if isinstance(pattern, re.Pattern):
        found = len(pattern.findall(text))
        return None if not found else pattern.sub(new, text) if found == 1 else ""
    return None if pattern not in text else text.replace(pattern, new) if text.count(pattern) == 1 else ""


def build(name: str, site: Path) -> Path:
    """A copy of the built site (links to its files) with change `name` undone in the files it touches; its service
    worker written again for the copy's files (a version of its own), then patched if the change is in it."""
    out = ROOT / "build" / "ab" / name
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(site, out, copy_function=os.symlink)
    patches = PATCHES[name]
    changed = _apply(out, [p for p in patches if p[0] != "sw.js"])
    (out / "sw.js").unlink()  # a link to the built site's: never written through
    write_service_worker(out)
    changed += _apply(out, [p for p in patches if p[0] == "sw.js"])
    if not changed:
        raise SystemExit(f"bench/ab.py: {name}: the patch found nothing to undo (the site's code changed)")
    return out


def _apply(out: Path, patches: list[tuple[str, str | re.Pattern[str], str]]) -> int:
    changed = 0
    for glob, pattern, new in patches:
        for path in sorted(out.glob(glob)):
            if path.is_dir() or path.suffix in (".gz", ".br"):
                continue
            text = _patch(path.read_text(encoding="utf-8"), pattern, new)
            if text == "":
                raise SystemExit(f"bench/ab.py: {path} holds {pattern!r} more than once")
            if text is None:
                continue
            path.unlink()  # a link to the built site: never written through
            path.write_text(text, encoding="utf-8")
            for suffix in (".gz", ".br"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            changed += 1
    return changed


def compare(pw: Any, sites: dict[str, Path], runs: int, sw: bool) -> dict[str, dict[str, list[float]]]:
    """Cold visits: `runs` per build, each from a fresh profile. Warm visits: 3 × `runs` per build, returns to one
    profile per build (its cold visit untimed), alternating between the builds: a warm visit is short, so many
    of them, interleaved, keep the machine's drift out of the ratio."""
    results: dict[str, dict[str, list[float]]] = {n: {"typed": [], "start": [], "cold": [], "warm": []} for n in sites}
    with ExitStack() as stack:
        urls = {n: stack.enter_context(serve(s.resolve(), precompressed=True, cache=True))[0] for n, s in sites.items()}
        for i in range(runs):
            order = list(sites) if i % 2 == 0 else list(reversed(sites))  # neither build always goes first
            for name in order:
                with tempfile.TemporaryDirectory(prefix="smpls-ab-") as profile:
                    first = visit(pw, Path(profile), urls[name], sw=sw, settle=True)
                results[name]["typed"].append(first["typed"])
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
        site = (ROOT / args.site).resolve()
        sites = {"all on": site} | {f"{n} off": build(n, site) for n in args.off.split(",") if n}
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\n{args.runs} cold and {3 * args.runs} warm visits of each build, interleaved; service worker "
        f"{'allowed' if sw else 'blocked'}; load {load}\n"
    )
    print("| comparison | typed (cold) | worker started (cold) | ready, cold | ready, warm | gain cold | gain warm |")
    print("|---|---|---|---|---|---|---|")
    with sync_playwright() as pw:
        r = compare(pw, sites, args.runs, sw)
    first, *others = sites
    for name in sites:
        gains = ["", ""]
        if name in others:
            gains = [f"{statistics.median(r[name][k]) / statistics.median(r[first][k]):.2f}×" for k in ("cold", "warm")]
        row = [name, *(fmt_s(r[name][k]) for k in ("typed", "start", "cold", "warm")), *gains]
        print("| " + " | ".join(row) + " |", flush=True)
    print("\ngain = median time with the change off ÷ median with it on (above 1: the change helps)")


if __name__ == "__main__":
    main()
