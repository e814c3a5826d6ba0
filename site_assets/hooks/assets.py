"""Copy the site's own JavaScript (site_assets/js/) into the built site at assets/smpls/.

Pages load one entry module, ``assets/smpls/main.js`` (listed in mkdocs.yml ``extra_javascript``), which
finds elements with a ``data-module`` attribute and imports the module of that name. Scripts therefore
enhance HTML that already works, and a page without such elements loads nothing else.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "site_assets" / "js"
TARGET = Path("assets") / "smpls"


def on_post_build(config: Any, **kwargs: Any) -> None:
    target = Path(config["site_dir"]) / TARGET
    shutil.copytree(SOURCE, target, dirs_exist_ok=True)
