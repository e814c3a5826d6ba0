"""Small accessibility fixes to mkdocs-material's HTML that its templates offer no setting for.

- The search overlay is ``role="dialog"`` without a name (axe: aria-dialog-name, serious): name it 搜索.

The build fails if the expected markup is gone (a mkdocs-material upgrade): check the new markup and update.
"""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_DIALOG_NAMED = '<div class="md-search" data-md-component="search" role="dialog" aria-label="搜索">'


def on_post_page(output: str, page: Any, config: Any) -> str:
    if SEARCH_DIALOG not in output:
        raise PluginError(f"theme_fixes hook: search dialog markup not found in {page.file.src_uri}")
    return output.replace(SEARCH_DIALOG, SEARCH_DIALOG_NAMED)
