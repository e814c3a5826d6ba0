"""Fail the build, naming the module, when the site's Python code imports a module the runtime does not ship.

The runtime is trimmed to the reviewed list site_assets/runtime/imports.txt (plus imports-margin.txt). Here every
import in our package's graph from ``smpls.browser`` (inside functions too) is checked against that list, so a
new import is caught at build time rather than as an ImportError in a user's browser. See
site_assets/runtime/trim.py.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from site_assets.runtime.trim import Keep, describe_missing, missing_imports


def on_pre_build(config: Any, **kwargs: Any) -> None:
    missing = missing_imports(Keep.from_files())
    if missing:
        raise PluginError("imports hook: " + describe_missing(missing))
