"""Write ``file.gz`` (and ``file.br`` when the ``brotli`` command is installed) beside each big compressible file
of the built site, for static hosts that serve them by Accept-Encoding (nginx gzip_static/brotli_static, Caddy
``precompressed``…).

Registered last in mkdocs.yml and run at the lowest priority of all hooks, after every other hook has written
its files (the runtime under pyodide/, sw.js, _headers…), so it covers the whole site. Compressed copies are
cached in build/compressed/ by content hash (brotli -q 11 of the wasm takes a while). ``SMPLS_BROTLI_QUALITY``
(0-11, default 11) sets brotli's level, e.g. lower for quick test builds; the cache key includes it.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from site_assets.runtime.fetch_wheels import sha256

ROOT = Path(__file__).resolve().parents[2]
COMPRESSED = ROOT / "build" / "compressed"
SUFFIXES = {".wasm", ".mjs", ".js", ".json", ".zip", ".whl", ".html", ".css", ".svg", ".txt", ".xml"}
MIN_BYTES = 1024


def brotli_quality() -> int:
    value = os.environ.get("SMPLS_BROTLI_QUALITY", "11")
    if not value.isdigit() or not 0 <= int(value) <= 11:
        raise PluginError(f"precompress hook: SMPLS_BROTLI_QUALITY must be 0-11, not {value!r}")
    return int(value)


def worth_it(original: Path, compressed: Path) -> bool:
    """Keep a compressed copy only when it saves at least a tenth (already-deflated zips and wheels do not)."""
    return compressed.stat().st_size <= 0.9 * original.stat().st_size


def precompress(directory: Path, quality: int = 11) -> None:
    brotli = shutil.which("brotli")
    COMPRESSED.mkdir(parents=True, exist_ok=True)
    for path in sorted(directory.rglob("*")):
        if not path.is_file() or path.suffix not in SUFFIXES or path.stat().st_size < MIN_BYTES:
            continue
        digest = sha256(path)
        cached_gz = COMPRESSED / f"{digest}.gz"
        if not cached_gz.exists():
            tmp = cached_gz.with_suffix(".tmp")
            with path.open("rb") as src, gzip.GzipFile(tmp, "wb", compresslevel=9, mtime=0) as dst:
                shutil.copyfileobj(src, dst)
            tmp.replace(cached_gz)
        if worth_it(path, cached_gz):
            shutil.copyfile(cached_gz, path.with_name(path.name + ".gz"))
        if brotli:
            cached_br = COMPRESSED / (f"{digest}.br" if quality == 11 else f"{digest}.q{quality}.br")
            if not cached_br.exists():
                tmp = cached_br.with_suffix(".tmp")
                subprocess.run([brotli, "-f", "-q", str(quality), "-o", str(tmp), str(path)], check=True)
                tmp.replace(cached_br)
            if worth_it(path, cached_br):
                shutil.copyfile(cached_br, path.with_name(path.name + ".br"))


@event_priority(-1000)  # the lowest of all hooks (offline.py writes sw.js at -200, csp.py _headers at -100)
def on_post_build(config: Any, **kwargs: Any) -> None:
    precompress(Path(config["site_dir"]), brotli_quality())
