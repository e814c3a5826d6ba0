"""Self-host the third-party browser code that mkdocs-material would otherwise fetch from unpkg.com.

mkdocs-material's bundle loads two scripts from a CDN when it needs them:
``https://unpkg.com/mermaid@11/dist/mermaid.min.js`` (on pages with a ``.mermaid`` element) and
``https://unpkg.com/resize-observer-polyfill`` (only in browsers without ResizeObserver).
This hook copies the polyfill from node_modules (pinned in package.json) into ``site/assets/vendor/`` and rewrites
both URLs in the built bundle to the site's own paths, resolved against ``__md_scope`` (the site root that
mkdocs-material's base template defines), so they work at any depth and under any sub-path.

mermaid is not copied: the diagrams are drawn at build time (diagrams.py), so no page has a ``.mermaid`` element
and the bundle never asks for it; its URL is still rewritten, so that the bundle names no other host.

The build fails if a file is missing (run ``npm ci``) or if the bundle no longer contains the expected URL
(a mkdocs-material upgrade changed it: look at the new bundle and update ``PATCHES``).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"

# node_modules source -> path in the built site
FILES = {
    "resize-observer-polyfill/dist/ResizeObserver.js": "assets/vendor/resize-observer-polyfill/ResizeObserver.js",
    "resize-observer-polyfill/LICENSE": "assets/vendor/resize-observer-polyfill/LICENSE",
}

# string literal in mkdocs-material's bundle -> JavaScript expression for the site's own copy
PATCHES = {
    '"https://unpkg.com/mermaid@11/dist/mermaid.min.js"': (
        'new URL("assets/vendor/mermaid/mermaid.min.js",__md_scope).href'
    ),
    '"https://unpkg.com/resize-observer-polyfill"': (
        'new URL("assets/vendor/resize-observer-polyfill/ResizeObserver.js",__md_scope).href'
    ),
}


def on_post_build(config: Any, **kwargs: Any) -> None:
    site = Path(config["site_dir"])
    for source, target in FILES.items():
        src = NODE_MODULES / source
        if not src.is_file():
            raise PluginError(f"vendor hook: {src} is missing; run `npm ci` (see package.json)")
        dst = site / target
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)

    bundles = sorted((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise PluginError(f"vendor hook: expected one mkdocs-material bundle, found {[b.name for b in bundles]}")
    bundle = bundles[0]
    text = bundle.read_text(encoding="utf-8")
    for old, new in PATCHES.items():
        if text.count(old) != 1:
            raise PluginError(f"vendor hook: {bundle.name} does not contain {old} exactly once; update PATCHES")
        text = text.replace(old, new)
    bundle.write_text(text, encoding="utf-8")
