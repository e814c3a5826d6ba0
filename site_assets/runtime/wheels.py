"""The Python runtime the site ships, assembled from pinned inputs: used by the build hooks and as a command.

- the Pyodide core files of node_modules/pyodide (npm, pinned in package.json), with python_stdlib.zip trimmed to
  the reviewed module list (trim.py, imports.txt) and precompiled;
- the pinned browser wheels of wheels.toml from build/wheels/pypi/ (fetched and hash-checked by ``make setup``),
  and our own wheel built from pysrc/ with ``pip wheel --no-deps`` (pure Python; pyodide-build needs a download
  and cannot run offline); the pure-Python ones, ours included, trimmed to the same list (so smpls.cli and
  smpls.schema, which only the command line and the build use, are not shipped);
- precompiled bytecode made in Node by Pyodide's own Python (compile_pyc.mjs), cached by content hash under
  build/wheels/derived/; the shipped wheels hold bytecode only, ours too;
- the lock ``pyodide-lock.json`` (every wheel with its sha256 and dependencies);
- when ``SMPLS_NOTICE`` names another batch's module (smpls.notice), a small wheel holding that module, which our
  wheel depends on, and ``SMPLS_NOTICE`` in the lock's ``smpls.env``, which worker.js sets before
  ``import smpls.browser``: the browser's Python uses the same batch as the build.

``python site_assets/runtime/wheels.py [--untrimmed]`` prints as JSON the files the site ships (built exactly as
for the site), the untrimmed ones, the test wheels and our own wheel whole, for tests/pyodide/run_unit_tests.mjs
and bench/.

Errors say what to run (e.g. when the wheels were not fetched or do not match their hashes).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.exceptions import PluginError
from site_assets.runtime.fetch_wheels import sha256
from site_assets.runtime.trim import Keep, trim_zip

from smpls.notice import NOTICE_MODULE_ENV

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = ROOT / "site_assets" / "runtime"
MANIFEST = RUNTIME / "wheels.toml"
PYPI_CACHE = ROOT / "build" / "wheels" / "pypi"
DERIVED = ROOT / "build" / "wheels" / "derived"
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
CORE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]
STDLIB = "python_stdlib.zip"
OUR_PACKAGE = {"name": "smpls", "imports": ["smpls"], "depends": ["pydantic", "python-stdnum"]}
NOTICE_PACKAGE = "smpls-notice"
SITE_PACKAGES = "/lib/python3.14/site-packages/"
STDLIB_PREFIX = "/lib/python314.zip/"
# Precompiled bytecode roughly halves the time to "ready" (Python otherwise compiles ~300 modules from source
# at every start). SMPLS_NO_PYC=1 builds without it, for the benchmark's comparison.
PRECOMPILE = os.environ.get("SMPLS_NO_PYC") != "1"


def manifest() -> list[dict[str, Any]]:
    with MANIFEST.open("rb") as f:
        entries: list[dict[str, Any]] = tomllib.load(f)["wheel"]
    return entries


def browser_wheels() -> list[dict[str, Any]]:
    return [e for e in manifest() if e["group"] == "browser"]


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


def trimmed(source: Path, keep: Keep) -> Path:
    """A copy of a zip or pure-Python wheel with only the modules of the list (trim.py), cached by content."""
    rules = sha256(RUNTIME / "trim.py")[:8]  # a change to the trimming rules makes new copies
    out = DERIVED / "trim" / f"{sha256(source)[:16]}-{keep.digest()}-{rules}" / source.name
    if not out.exists():
        trim_zip(source, keep, out)
    return out


Job = tuple[Path, str, str, bool]


def precompiled(jobs: list[Job]) -> list[Path]:
    """Bytecode-compiled copies of zips, made in Node by Pyodide's own Python (compile_pyc.mjs), cached by the
    hash of input and options. Each job: (source, layout "zip"|"wheel", import prefix, sourceless)."""
    script_digest = hashlib.sha256(
        (RUNTIME / "compile_pyc.py").read_bytes()
        + (RUNTIME / "compile_pyc.mjs").read_bytes()
        + (NPM_PYODIDE / "pyodide.asm.wasm").stat().st_size.to_bytes(8)
    ).hexdigest()[:8]
    outputs: list[Path] = []
    todo = []
    for src, layout, prefix, sourceless in jobs:
        options = hashlib.sha256(repr((layout, prefix, sourceless, [])).encode()).hexdigest()[:8]
        key = f"{sha256(src)[:16]}-{script_digest}-{options}"
        out = DERIVED / "pyc" / key / src.name
        outputs.append(out)
        if not out.exists():
            todo.append(
                {"src": str(src), "dst": str(out), "prefix": prefix, "layout": layout, "sourceless": sourceless}
                | {"stored": True, "drop": []}
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


def npm_core_file(name: str) -> Path:
    src = NPM_PYODIDE / name
    if not src.exists():
        raise PluginError(f"runtime: {src} is missing. Run `make setup` (npm ci) first.")
    return src


def stdlib(keep: Keep | None = None) -> Path:
    """python_stdlib.zip as the site ships it: trimmed to the module list, bytecode only (no .py: the standard
    library's sources would double the download)."""
    src = trimmed(npm_core_file(STDLIB), keep or Keep.from_files())
    if PRECOMPILE:
        [src] = precompiled([(src, "zip", STDLIB_PREFIX, True)])
    return src


def untrimmed_wheels() -> tuple[list[Path], dict[str, dict[str, Any]]]:
    """The browser wheels as pinned (hash-checked) and our own, with their manifest entries by file name."""
    wheels: list[Path] = []
    entries: dict[str, dict[str, Any]] = {}
    for entry in browser_wheels():
        path = checked_wheel(entry)
        wheels.append(path)
        entries[path.name] = entry
    own = build_own_wheel()
    wheels.append(own)
    entries[own.name] = {"name": "smpls", "version": own.name.split("-")[1], **OUR_PACKAGE}
    return wheels, entries


def selected_notice() -> str:
    """The module of the batch the build is for (``SMPLS_NOTICE``, :data:`smpls.notice.NOTICE_MODULE_ENV`), or ""
    for the real one, which is in our wheel."""
    return os.environ.get(NOTICE_MODULE_ENV, "").strip()


def notice_wheel(module: str) -> Path:
    """A wheel of one module, the notice of another batch, with the ``__init__.py`` of the packages above it except
    ours (those are in our wheel). Stored, not compressed, as our wheels are (worker.js reads them so)."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        raise PluginError(f"runtime: SMPLS_NOTICE={module} is not a Python module this build can find (its .py file)")
    files = {module.replace(".", "/") + ".py": Path(spec.origin)}
    parts = module.split(".")
    for depth in range(1, len(parts)):
        package = ".".join(parts[:depth])
        found = importlib.util.find_spec(package)
        if package != "smpls" and found is not None and found.origin:
            files[package.replace(".", "/") + "/__init__.py"] = Path(found.origin)
    digest = hashlib.sha256(b"".join(name.encode() + b"\0" + path.read_bytes() for name, path in sorted(files.items())))
    out = DERIVED / "notice" / digest.hexdigest()[:16] / f"{NOTICE_PACKAGE.replace('-', '_')}-0-py3-none-any.whl"
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
            for name, path in sorted(files.items()):
                z.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), path.read_bytes())
    return out


def collect_wheels(keep: Keep | None = None) -> tuple[list[Path], dict[str, Any]]:
    """The wheels as the site ships them and their lock entries. Pure-Python wheels, ours included, are trimmed
    to the module list; pydantic-core (binary) is kept whole."""
    keep = keep or Keep.from_files()
    sources, entries = untrimmed_wheels()
    wheels = [w if "platform" in entries[w.name] else trimmed(w, keep) for w in sources]
    if PRECOMPILE:
        # Bytecode only, ours too: its sources were about 60 KB of brotli on every first visit of the form, for
        # tracebacks that users never read (the unit suite in Pyodide reads ours from the wheel with sources).
        wheels = precompiled([(w, "wheel", SITE_PACKAGES, True) for w in wheels])
    packages: dict[str, Any] = {}
    for wheel in wheels:
        e = entries[wheel.name]
        packages[e["name"]] = lock_entry(e["name"], e["version"], wheel, e["imports"], e["depends"])
    module = selected_notice()
    if module:
        wheel = notice_wheel(module)
        wheels.append(wheel)
        packages[NOTICE_PACKAGE] = lock_entry(NOTICE_PACKAGE, "0", wheel, [module], [])
        packages["smpls"]["depends"] = [*packages["smpls"]["depends"], NOTICE_PACKAGE]
    return wheels, packages


# A module's imports of the site's own modules (relative: "./loader.js", "../lib/stored-zip.js"), static or dynamic.
_JS_IMPORT = re.compile(r"""(?:\bfrom|\bimport)\s*\(?\s*["'](\.\.?/[^"']+\.js)["']""")


def worker_modules(entry: Path) -> list[Path]:
    """The worker's code: ``entry`` and every module it imports, directly or not."""
    found = [entry.resolve()]
    for module in found:
        for name in _JS_IMPORT.findall(module.read_text(encoding="utf-8")):
            path = (module.parent / name).resolve()
            if path not in found:
                found.append(path)
    return found


# The worker's code that starts Python and takes the snapshot: a change to any of its modules makes a new snapshot key.
SNAPSHOT_CODE = worker_modules(ROOT / "site_assets" / "js" / "runtime" / "worker.js")
LOCK = "pyodide-lock.json"


def split_libraries(target: Path, packages: dict[str, Any]) -> list[dict[str, str]]:
    """Take each compiled extension (``.so``) out of the wheels in ``target`` into a file of its own, named
    ``….wasm`` so that any host serves it as ``application/wasm``: worker.js compiles it with
    ``WebAssembly.compileStreaming`` (the browser keeps the compiled code) and loads it before Python starts, at
    the same place in memory on every visit, which a memory snapshot taken after the import needs. The wheel keeps
    every other file; its lock entry gets the new sha256. Returns the preload list for the lock:
    ``[{path (in site-packages), file_name, sha256}]``."""
    preload = []
    for pkg in packages.values():
        wheel = target / pkg["file_name"]
        with zipfile.ZipFile(wheel) as z:
            libs = [i for i in z.infolist() if i.filename.endswith(".so")]
            if not libs:
                continue
            stripped = wheel.with_name(wheel.name + ".tmp")
            with zipfile.ZipFile(stripped, "w") as out:
                for info in z.infolist():
                    if info not in libs:
                        out.writestr(info, z.read(info), compress_type=info.compress_type)
            for info in libs:
                name = f"{wheel.name.split('-')[0]}-{pkg['version']}-{Path(info.filename).name[:-3]}.wasm"
                (target / name).write_bytes(z.read(info))
                preload.append({"path": info.filename, "file_name": name, "sha256": sha256(target / name)})
        stripped.replace(wheel)
        pkg["sha256"] = sha256(wheel)
    return preload


def snapshot_key(target: Path) -> str:
    """What a snapshot of Python after ``import smpls.browser`` depends on (site_assets/js/runtime/snapshot.js): every
    runtime file in ``target`` (Pyodide, its JavaScript, the trimmed python_stdlib.zip, every wheel, ours too, and
    the extensions loaded before Python starts) and the worker's code that takes it. A change to any makes a new
    key, and browsers drop the snapshot they kept for the old one. Precompressed copies and the lock are left out."""
    digest = hashlib.sha256()
    files = [p for p in target.iterdir() if p.is_file() and p.name != LOCK and p.suffix not in (".gz", ".br")]
    for path in sorted(files) + SNAPSHOT_CODE:
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def write_lock(target: Path, packages: dict[str, Any], preload: list[dict[str, str]] | None = None) -> None:
    """pyodide-lock.json: Pyodide's own ``info``, our packages, and under ``smpls`` what worker.js needs besides
    (Pyodide reads only ``info`` and ``packages``): the snapshot key, the extensions to load before Python, and
    the environment to set before ``import smpls.browser`` (``env``: the batch, when it is not the real one)."""
    npm_lock = json.loads((NPM_PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
    env = {NOTICE_MODULE_ENV: selected_notice()} if selected_notice() else {}
    smpls = {"snapshot": snapshot_key(target), "preload": preload or [], "env": env}
    lock = {"info": npm_lock["info"], "packages": packages, "smpls": smpls}
    (target / LOCK).write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def test_wheels() -> list[Path]:
    """The wheels of group "test" (pytest, hypothesis and their dependencies), hash-checked."""
    return [checked_wheel(e) for e in manifest() if e["group"] == "test"]


def main() -> None:
    """Print the runtime's files as JSON: ``stdlib`` and ``browser`` as the site ships them; ``stdlib_full`` and
    ``browser_untrimmed`` before trimming (``--untrimmed`` prints only those, for recording the module list);
    ``test`` the test-only wheels; ``own_whole`` our wheel with its sources and every module (smpls.cli,
    smpls.schema), which the unit suite may import in Pyodide beyond what the site ships."""
    args = sys.argv[1:]
    if args not in ([], ["--untrimmed"]):
        raise SystemExit("usage: python site_assets/runtime/wheels.py [--untrimmed]")
    try:
        out: dict[str, Any] = {
            "stdlib_full": str(npm_core_file(STDLIB)),
            "browser_untrimmed": [str(p) for p in untrimmed_wheels()[0]],
            "test": [str(p) for p in test_wheels()],
            "own_whole": str(build_own_wheel()),
        }
        if not args:
            out["stdlib"] = str(stdlib())
            out["browser"] = [str(p) for p in collect_wheels()[0]]
    except PluginError as err:
        raise SystemExit(str(err)) from None
    print(json.dumps(out))


if __name__ == "__main__":
    main()
