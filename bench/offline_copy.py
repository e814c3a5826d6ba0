"""The offline copy that the service worker saves at install, on a first visit of any page (site_assets/sw/sw.js,
the list written by site_assets/hooks/offline.py): files and bytes as a host with the build's .br files sends them,
without a browser. The search's lunr language files are counted apart (issue 22: the site keeps only those its
search configuration loads, none with ``lang: en``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _offline_hook() -> object:
    spec = importlib.util.spec_from_file_location("offline_hook", ROOT / "site_assets" / "hooks" / "offline.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sent_bytes(path: Path) -> int:
    """Bytes sent for a file: its .br twin if the build wrote one (brotli_static), else the file."""
    br = path.with_name(path.name + ".br")
    return (br if br.is_file() else path).stat().st_size


def offline_copy(site: Path) -> tuple[int, int, int, int]:
    """(files, bytes, lunr files, lunr bytes) of the copy saved at install (the runtime comes later, if at all)."""
    hook = _offline_hook()
    files = [(url, path) for url, path in hook.offline_files(site) if not url.startswith(hook.RUNTIME_PREFIX)]  # type: ignore[attr-defined]
    lunr = [path for url, path in files if url.startswith("assets/javascripts/lunr/")]
    return len(files), sum(sent_bytes(p) for _, p in files), len(lunr), sum(sent_bytes(p) for p in lunr)


def bench_offline_copy(site: Path) -> list[tuple[str, str, str]]:
    n, size, n_lunr, lunr = offline_copy(site)
    return [
        ("Offline copy saved at install (sw.js), precompressed", f"{size / 1024:.0f} KB, {n} files", ""),
        ("  of which lunr language files", f"{lunr / 1024:.0f} KB, {n_lunr} files", "0: the site uses none"),
    ]


if __name__ == "__main__":
    import sys

    for row in bench_offline_copy(Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve()):
        print(" | ".join(row))
