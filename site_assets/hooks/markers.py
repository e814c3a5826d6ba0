"""The markers a hook replaces in a page: ``<!-- prefix:name -->`` in the Markdown (form, selfcheck, summary,
regions, data). Shared by those hooks; not a hook itself (mkdocs.yml does not list it). An unknown name fails the
build, naming the page and the names there are."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from mkdocs.exceptions import PluginError


def replace_markers(html: str, prefix: str, page: Any, renderers: Mapping[str, Callable[[], str]]) -> str:
    """``html`` with each ``<!-- prefix:name -->`` replaced by ``renderers[name]()``."""
    pattern = re.compile(rf"<!--\s*{re.escape(prefix)}:([A-Za-z0-9_-]+)\s*-->")

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in renderers:
            raise PluginError(
                f"{page.file.src_path}: 未知的标记 {prefix}:{name}（可用：{', '.join(sorted(renderers))}）"
            )
        return renderers[name]()

    return pattern.sub(replace, html)
