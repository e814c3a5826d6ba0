"""Put each mermaid diagram into its page as an inline SVG drawn at build time: no diagram script in the site.

The ```` ``` mermaid ```` blocks of a page (pymdownx.superfences writes them as ``<pre class="mermaid">``) are
replaced by the committed drawings of site_assets/diagrams/ (made by ``make diagrams``, see render.py there),
inside ``<figure class="smpls-diagram">``. The SVG has ``role="img"`` with the diagram's ``accTitle`` and
``accDescr`` as its name and description, and no inline styles (the page's CSP stays strict). The build fails,
saying to run ``make diagrams``, when a drawing is missing or was drawn from another version of its source.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from site_assets.diagrams.render import (
    mermaid_blocks,
    recorded_hash,
    source_hash,
    svg_path,
)

PRE = re.compile(r'<pre class="mermaid"><code>.*?</code></pre>', re.S)
_sources: dict[str, list[str]] = {}


def _page_name(page: Any) -> str:
    return str(Path(page.file.src_uri).with_suffix("").as_posix()).replace("/", "-")


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    _sources[page.file.src_uri] = mermaid_blocks(markdown)
    return markdown


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    sources = _sources.get(page.file.src_uri, [])
    blocks = PRE.findall(html)
    where = page.file.src_uri
    if len(blocks) != len(sources):
        raise PluginError(f"diagrams hook: {where} has {len(blocks)} mermaid blocks, but {len(sources)} were read")
    for n, (block, source) in enumerate(zip(blocks, sources, strict=True), start=1):
        path = svg_path(_page_name(page), n)
        if not path.is_file():
            raise PluginError(
                f"diagrams hook: {where} has a mermaid diagram but {path.name} is missing: run `make diagrams`"
            )
        svg = path.read_text(encoding="utf-8").strip()
        if recorded_hash(svg) != source_hash(source):
            raise PluginError(
                f"diagrams hook: site_assets/diagrams/{path.name} was drawn from another version of the mermaid "
                f"source in {where}: run `make diagrams` (needs Chromium) and commit the new drawing"
            )
        html = html.replace(block, f'<figure class="smpls-diagram">{svg}</figure>', 1)
    return html
