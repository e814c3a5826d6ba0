"""Put the Python runtime of the site into the built site under ``pyodide/``, with no other host involved.

on_post_build:
1. copies the Pyodide core files the browser needs from node_modules/pyodide (npm, pinned in package.json);
2. builds our own wheel from pysrc/ with ``pip wheel --no-deps`` (pure Python; pyodide-build needs a download
   and cannot run offline) and takes the pinned browser wheels of site_assets/runtime/wheels.toml from
   build/wheels/pypi/ (fetched and hash-checked by ``make setup``), python-stdnum slimmed to stdnum.cn;
3. writes ``pyodide/pyodide-lock.json`` (our own lock: every wheel with its sha256 and dependencies), so that
   ``loadPyodide({lockFileURL, packages})`` resolves and installs everything from the site itself;
4. precompresses the site's big files (.gz always, .br when the ``brotli`` command is installed) for static
   hosts that serve them by Accept-Encoding (nginx gzip_static/brotli_static, Caddy ``precompressed``…).

The build fails, saying what to run, when the wheels were not fetched or do not match their hashes.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = ROOT / "site_assets" / "runtime"
MANIFEST = RUNTIME / "wheels.toml"
PYPI_CACHE = ROOT / "build" / "wheels" / "pypi"
DERIVED = ROOT / "build" / "wheels" / "derived"
COMPRESSED = ROOT / "build" / "compressed"
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
CORE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]
OUR_PACKAGE = {"name": "smpls", "imports": ["smpls"], "depends": ["pydantic", "python-stdnum"]}
COMPRESS_SUFFIXES = {".wasm", ".mjs", ".js", ".json", ".zip", ".whl", ".html", ".css", ".svg", ".txt", ".xml"}
COMPRESS_MIN_BYTES = 1024
TARGET = "pyodide"
SITE_PACKAGES = "/lib/python3.14/site-packages/"
STDLIB_PREFIX = "/lib/python314.zip/"
# Precompiled bytecode roughly halves the time to "ready" (Python otherwise compiles ~300 modules from source
# at every start). SMPLS_NO_PYC=1 builds without it, for the benchmark's comparison.
PRECOMPILE = os.environ.get("SMPLS_NO_PYC") != "1"
# Standard-library modules a validator in a web worker never imports (debuggers, test runners, mail and network
# servers, process pools…), left out of the precompiled python_stdlib.zip to save ~0.5 MB of download.
# The site's tests call every function of smpls.browser on this runtime.
STDLIB_DROP = (
    "multiprocessing", "unittest", "doctest", "pdb", "bdb", "mailbox", "imaplib", "smtplib", "ftplib", "poplib",
    "xmlrpc", "wsgiref", "socketserver", "pickletools", "tabnanny", "pstats", "profile", "cProfile", "trace",
    "tracemalloc", "modulefinder", "pyclbr", "timeit", "compileall", "filecmp", "fileinput", "shelve", "sqlite3",
    "wave", "turtle", "antigravity", "this", "__hello__", "__phello__", "idlelib", "tkinter", "turtledemo",
    "ensurepip", "venv", "lib2to3", "dbm", "curses", "zipapp",
)  # fmt: skip


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def browser_wheels() -> list[dict[str, Any]]:
    with MANIFEST.open("rb") as f:
        entries: list[dict[str, Any]] = tomllib.load(f)["wheel"]
    return [e for e in entries if e["group"] == "browser"]


def checked_wheel(entry: dict[str, Any]) -> Path:
    path = PYPI_CACHE / entry["file"]
    if not path.exists():
        raise PluginError(
            f"runtime: the wheel {entry['file']} was not fetched. Run `make setup` "
            f"(python site_assets/runtime/fetch_wheels.py) with access to PyPI, then build again."
        )
    digest = sha256(path)
    if digest != entry["sha256"]:
        raise PluginError(
            f"runtime: {path} has sha256 {digest}, but site_assets/runtime/wheels.toml pins {entry['sha256']}. "
            f"Delete it and run `make setup` again."
        )
    return path


def _source_digest() -> str:
    h = hashlib.sha256()
    for path in sorted([ROOT / "pyproject.toml", *(ROOT / "pysrc").rglob("*")]):
        if path.is_file() and "__pycache__" not in path.parts and ".egg-info" not in str(path):
            h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def build_own_wheel() -> Path:
    """pip wheel --no-deps of pysrc/, cached by the hash of its sources."""
    out = DERIVED / "smpls" / _source_digest()
    found = sorted(out.glob("smpls-*.whl"))
    if found:
        return found[0]
    out.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), "."]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    found = sorted(out.glob("smpls-*.whl"))
    if result.returncode != 0 or not found:
        raise PluginError(f"runtime: building our wheel failed:\n{result.stdout}\n{result.stderr}")
    return found[0]


def slim_wheel(source: Path, keep: list[str]) -> Path:
    """A copy of a pure-Python wheel with only the paths in `keep` (files, or folders ending in /) and its
    .dist-info (RECORD rewritten). Deterministic: same input, same bytes, same sha256."""
    out = DERIVED / "slim" / sha256(source)[:16] / source.name
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    record_lines = []
    record_name = ""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zout:
        for info in zin.infolist():
            name = info.filename
            if name.endswith(".dist-info/RECORD"):
                record_name = name
                continue
            in_dist_info = name.split("/", 1)[0].endswith(".dist-info")
            if not in_dist_info and not any(name == k or (k.endswith("/") and name.startswith(k)) for k in keep):
                continue
            data = zin.read(name)
            zout.writestr(info, data)
            digest = hashlib.sha256(data).digest()
            b64 = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
            record_lines.append(f"{name},sha256={b64},{len(data)}")
        if record_name:
            record_lines.append(f"{record_name},,")
            zout.writestr(zipfile.ZipInfo(record_name, date_time=(2020, 1, 1, 0, 0, 0)), "\n".join(record_lines) + "\n")
    tmp.replace(out)
    return out


Job = tuple[Path, str, str, bool, tuple[str, ...]]


def precompiled(jobs: list[Job]) -> list[Path]:
    """Bytecode-compiled copies of zips, made in Node by Pyodide's own Python (compile_pyc.mjs), cached by the
    hash of input and options. Each job: (source, layout "zip"|"wheel", import prefix, sourceless, dropped
    top-level modules)."""
    script_digest = hashlib.sha256(
        (RUNTIME / "compile_pyc.py").read_bytes() + (NPM_PYODIDE / "pyodide.asm.wasm").stat().st_size.to_bytes(8)
    ).hexdigest()[:8]
    outputs: list[Path] = []
    todo = []
    for src, layout, prefix, sourceless, drop in jobs:
        options = hashlib.sha256(repr((layout, prefix, sourceless, sorted(drop))).encode()).hexdigest()[:8]
        key = f"{sha256(src)[:16]}-{script_digest}-{options}"
        out = DERIVED / "pyc" / key / src.name
        outputs.append(out)
        if not out.exists():
            todo.append(
                {
                    "src": str(src),
                    "dst": str(out),
                    "prefix": prefix,
                    "layout": layout,
                    "sourceless": sourceless,
                    "stored": True,
                    "drop": sorted(drop),
                }
            )
    if todo:
        node = shutil.which("node")
        if not node:
            raise PluginError("runtime: Node.js is needed to precompile Python bytecode (set SMPLS_NO_PYC=1 to skip).")
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(todo, f)
        try:
            result = subprocess.run([node, str(RUNTIME / "compile_pyc.mjs"), f.name], capture_output=True, text=True)
        finally:
            os.unlink(f.name)
        if result.returncode != 0:
            raise PluginError(f"runtime: compiling bytecode in Pyodide failed:\n{result.stderr[-3000:]}")
    return outputs


def lock_entry(name: str, version: str, wheel: Path, imports: list[str], depends: list[str]) -> dict[str, Any]:
    return {
        "name": name,
        "version": version,
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": sha256(wheel),
        "package_type": "package",
        "imports": imports,
        "depends": depends,
        "unvendored_tests": False,
        "shared_library": False,
    }


def collect_wheels() -> tuple[list[Path], dict[str, Any]]:
    wheels: list[Path] = []
    packages: dict[str, Any] = {}
    for entry in browser_wheels():
        path = checked_wheel(entry)
        if "slim" in entry:
            path = slim_wheel(path, entry["slim"])
        wheels.append(path)
        packages[entry["name"]] = lock_entry(entry["name"], entry["version"], path, entry["imports"], entry["depends"])
    own = build_own_wheel()
    version = own.name.split("-")[1]
    wheels.append(own)
    packages["smpls"] = lock_entry("smpls", version, own, OUR_PACKAGE["imports"], OUR_PACKAGE["depends"])
    if PRECOMPILE:
        # Third-party wheels get bytecode only; ours keeps its sources, for readable tracebacks.
        wheels = precompiled([(w, "wheel", SITE_PACKAGES, w.name.split("-")[0] != "smpls", ()) for w in wheels])
        for wheel in wheels:
            entry = next(p for p in packages.values() if p["file_name"] == wheel.name)
            entry["sha256"] = sha256(wheel)
    return wheels, packages


def write_lock(target: Path, packages: dict[str, Any]) -> None:
    npm_lock = json.loads((NPM_PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
    lock = {"info": npm_lock["info"], "packages": packages}
    (target / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def worth_it(original: Path, compressed: Path) -> bool:
    """Keep a compressed copy only when it saves at least a tenth (already-deflated zips and wheels do not)."""
    return compressed.stat().st_size <= 0.9 * original.stat().st_size


def precompress(directory: Path) -> None:
    """Write file.gz (and file.br when the brotli command exists) beside each big compressible file.

    Compressed copies are cached in build/compressed/ by content hash: brotli -q 11 of the wasm takes a while.
    """
    brotli = shutil.which("brotli")
    COMPRESSED.mkdir(parents=True, exist_ok=True)
    for path in sorted(directory.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESS_SUFFIXES or path.stat().st_size < COMPRESS_MIN_BYTES:
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
            cached_br = COMPRESSED / f"{digest}.br"
            if not cached_br.exists():
                tmp = cached_br.with_suffix(".tmp")
                subprocess.run([brotli, "-f", "-q", "11", "-o", str(tmp), str(path)], check=True)
                tmp.replace(cached_br)
            if worth_it(path, cached_br):
                shutil.copyfile(cached_br, path.with_name(path.name + ".br"))


@event_priority(-100)  # after the other hooks have written their files: precompress covers the whole site
def on_post_build(config: Any, **kwargs: Any) -> None:
    site = Path(config["site_dir"])
    target = site / TARGET
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in CORE_FILES:
        src = NPM_PYODIDE / name
        if not src.exists():
            raise PluginError(f"runtime: {src} is missing. Run `make setup` (npm ci) first.")
        if name == "python_stdlib.zip" and PRECOMPILE:
            # Bytecode only (no .py): the standard library's sources would double the download.
            [src] = precompiled([(src, "zip", STDLIB_PREFIX, True, STDLIB_DROP)])
        shutil.copy2(src, target / name)
    wheels, packages = collect_wheels()
    for wheel in wheels:
        shutil.copy2(wheel, target / wheel.name)
    write_lock(target, packages)
    precompress(site)


def test_wheels() -> list[Path]:
    """The wheels of group "test" (pytest, hypothesis and their dependencies), hash-checked."""
    with MANIFEST.open("rb") as f:
        entries: list[dict[str, Any]] = tomllib.load(f)["wheel"]
    return [checked_wheel(e) for e in entries if e["group"] == "test"]


def main() -> None:
    """``python site_assets/hooks/runtime.py wheels``: print as JSON the wheel files the site ships (built and
    checked exactly as for the site) and the test wheels, for tests/pyodide/run_unit_tests.mjs and bench/."""
    if sys.argv[1:] != ["wheels"]:
        raise SystemExit("usage: runtime.py wheels")
    try:
        browser, _packages = collect_wheels()
        tests = test_wheels()
    except PluginError as err:
        raise SystemExit(str(err)) from None
    print(json.dumps({"browser": [str(p) for p in browser], "test": [str(p) for p in tests]}))


if __name__ == "__main__":
    main()
