"""Put the site's Python runtime into ``site/pyodide/``, from the site itself with no other host involved.

Copies the Pyodide core files, python_stdlib.zip trimmed to the modules the site imports, the browser wheels
(pure-Python ones trimmed the same way) and our own wheel, and writes ``pyodide/pyodide-lock.json`` so that
``loadPyodide({lockFileURL, packages})`` resolves and installs everything from the site. The work is in
site_assets/runtime/wheels.py (also a command for the Node test runner and the benchmark); precompression of
these files is precompress.py's job.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from site_assets.runtime import wheels as runtime

TARGET = "pyodide"


def on_post_build(config: Any, **kwargs: Any) -> None:
    target = Path(config["site_dir"]) / TARGET
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in runtime.CORE_FILES:
        src = runtime.stdlib() if name == runtime.STDLIB else runtime.npm_core_file(name)
        shutil.copy2(src, target / name)
    wheels, packages = runtime.collect_wheels()
    for wheel in wheels:
        shutil.copy2(wheel, target / wheel.name)
    preload = runtime.split_libraries(target, packages)  # only here: the Node test runner keeps the wheel whole
    runtime.write_lock(target, packages, preload)
