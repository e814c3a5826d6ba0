"""Fetch the pinned wheels of site_assets/runtime/wheels.toml from PyPI into build/wheels/pypi/ and check them.

Called by ``make setup``. Idempotent: a wheel already in the cache with the right sha256 is not fetched again.
Exits non-zero, naming the wheel, when a download fails or a hash does not match (the bad file is removed).

    python site_assets/runtime/fetch_wheels.py [--group browser|test]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "site_assets" / "runtime" / "wheels.toml"
CACHE = ROOT / "build" / "wheels" / "pypi"


def load_manifest() -> list[dict[str, Any]]:
    with MANIFEST.open("rb") as f:
        wheels: list[dict[str, Any]] = tomllib.load(f)["wheel"]
    return wheels


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def download(entry: dict[str, Any], dest: Path) -> Path:
    """pip download one pinned wheel (no dependencies: the manifest lists them all) into dest."""
    cmd = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:", "-d", str(dest)]
    if "platform" in entry:
        cmd += ["--platform", entry["platform"], "--python-version", "3.14", "--implementation", "cp"]
    cmd.append(f"{entry['name']}=={entry['version']}")
    subprocess.run(cmd, check=True)
    got = dest / entry["file"]
    if not got.exists():
        found = ", ".join(p.name for p in dest.iterdir()) or "nothing"
        raise SystemExit(f"fetch_wheels: expected {entry['file']}, pip downloaded {found}")
    return got


def fetch(groups: set[str]) -> list[Path]:
    CACHE.mkdir(parents=True, exist_ok=True)
    paths = []
    for entry in load_manifest():
        if entry["group"] not in groups:
            continue
        target = CACHE / entry["file"]
        if target.exists() and sha256(target) == entry["sha256"]:
            paths.append(target)
            continue
        with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
            got = download(entry, Path(tmp))
            digest = sha256(got)
            if digest != entry["sha256"]:
                raise SystemExit(
                    f"fetch_wheels: sha256 mismatch for {entry['file']}: got {digest}, "
                    f"site_assets/runtime/wheels.toml pins {entry['sha256']}"
                )
            shutil.move(got, target)
        print(f"fetch_wheels: {entry['file']} ok")
        paths.append(target)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--group", action="append", choices=["browser", "test"], help="default: both")
    args = parser.parse_args()
    paths = fetch(set(args.group or ["browser", "test"]))
    print(f"fetch_wheels: {len(paths)} wheels verified in {CACHE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
