"""Write the service worker (site_assets/sw/sw.js) to the site root as ``sw.js``, so its scope is the whole site.

After every other hook (the runtime under ``pyodide/``, the copied scripts, the patched theme bundle) the hook lists
the built files to keep for offline use and computes the site's version: the first 16 hex digits of a sha256 over
every listed file's path and bytes (and the worker's own template). The version names the cache
(``smpls-<version>``), so any change to any file makes a new service worker that replaces the old cache.

Kept: every page (as its URL, ``apply/``), assets/, stylesheets/, search/ at install; pyodide/ (the runtime, ~23 MB)
once a page that uses the checker has it ready, so reading pages never download it. Uncompressed files only: the
browser stores what it decoded. Not kept: the precompressed ``.gz``/``.br`` copies, sitemaps, the host header
files (``_headers``, ``csp-*.txt``) and ``sw.js`` itself.

``mkdocs serve`` gets a service worker that removes itself and its caches instead, so a developer never sees a
stale page.

The speed changes are measured by ``bench/ab.py`` against copies of the built site with each one undone there (a
bench-side patch, then :func:`write_service_worker` on the copy): the site itself carries only the changes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "site_assets" / "sw" / "sw.js"
SKIP_SUFFIXES = {".gz", ".br", ".map"}
# The Python runtime: stored only once a page that uses the checker asks (see sw.js), not by reading pages.
RUNTIME_PREFIX = "pyodide/"
SKIP_NAMES = {
    "sw.js",
    "_headers",
    "csp-header.txt",
    "csp-header-inline-styles.txt",
    "csp-inline-style-pages.txt",
    "sitemap.xml",
    "sitemap.xml.gz",
    "CNAME",
}
# Written by browser tests into a built site; never part of it.
SKIP_PREFIXES = ("runtime-test",)

RETIRE = """// mkdocs serve: no offline copy while developing.
// Remove any earlier service worker of this site and its caches.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith("smpls-")) await caches.delete(key);
    await self.registration.unregister();
  })());
});
"""

_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def offline_files(site: Path, directory_urls: bool = True) -> list[tuple[str, Path]]:
    """(URL relative to the site root, file) for every file the service worker keeps, sorted by URL."""
    out = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if (
            path.suffix in SKIP_SUFFIXES
            or path.name in SKIP_NAMES
            or rel.startswith(SKIP_PREFIXES)
            or any(part.startswith(".") for part in path.relative_to(site).parts)
        ):
            continue
        url = rel
        if directory_urls and path.name == "index.html":
            url = rel[: -len("index.html")] or "./"
        out.append((url, path))
    return sorted(out)


def site_version(files: list[tuple[str, Path]]) -> str:
    h = hashlib.sha256(TEMPLATE.read_bytes())
    for url, path in files:
        h.update(url.encode("utf-8") + b"\0")
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        h.update(b"\0")
    return h.hexdigest()[:16]


def write_service_worker(site: Path, directory_urls: bool = True) -> str:
    """Write site/sw.js for the files now in ``site``; return the version. Tests call this on a changed copy."""
    files = offline_files(site, directory_urls)
    version = site_version(files)
    text = TEMPLATE.read_text(encoding="utf-8")
    for marker in ("__SMPLS_VERSION__", "__SMPLS_FILES__", "__SMPLS_RUNTIME__"):
        if text.count(marker) != 1:
            raise RuntimeError(f"offline hook: {TEMPLATE} must contain {marker} exactly once")
    core = [url for url, _ in files if not url.startswith(RUNTIME_PREFIX)]
    runtime = [url for url, _ in files if url.startswith(RUNTIME_PREFIX)]
    text = text.replace("__SMPLS_VERSION__", version)
    text = text.replace("__SMPLS_FILES__", json.dumps(core, ensure_ascii=False, indent=0))
    text = text.replace("__SMPLS_RUNTIME__", json.dumps(runtime, ensure_ascii=False, indent=0))
    (site / "sw.js").write_text(text, encoding="utf-8")
    return version


@event_priority(-200)  # after every other hook has written its files (csp.py runs at -100)
def on_post_build(config: Any, **kwargs: Any) -> None:
    site = Path(config["site_dir"])
    if _serving:
        (site / "sw.js").write_text(RETIRE, encoding="utf-8")
        return
    write_service_worker(site, bool(config["use_directory_urls"]))
