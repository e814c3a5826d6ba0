"""The search finds what people look up in the notice (issue 22): the queries in tests/data/search_queries.toml,
asked of the built site's own search worker and index in Node (tests/js/search-recall.mjs), no browser.

Built with ``SMPLS_SEARCH_NUMBERS=off`` (site_assets/hooks/search.py without the number fix) the dates, the
document number and the counts are not found, and this test fails.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
QUERIES = tomllib.loads((ROOT / "tests" / "data" / "search_queries.toml").read_text(encoding="utf-8"))["query"]
NODE = shutil.which("node") or "node"


@cache
def answers(site_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Every query's result groups, in the order the search box shows them."""
    run = subprocess.run(
        [NODE, str(ROOT / "tests" / "js" / "search-recall.mjs"), str(site_dir)],
        input=json.dumps([q["q"] for q in QUERIES], ensure_ascii=False),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    out: dict[str, list[dict[str, Any]]] = json.loads(run.stdout)
    return out


def spellings(query: str) -> set[str]:
    """The query's words and their other spellings (12月 and 十二月), as the worker cuts them."""
    script = (
        "const n = require(process.argv[1]);"
        "const words = n.segmentQuery(process.argv[2], () => false).split(' ').map((w) => w.replace(/^[+-]/, ''));"
        "console.log(JSON.stringify(words.flatMap((w) => [w, ...n.otherSpellings(w)])));"
    )
    run = subprocess.run(
        [NODE, "-e", script, str(ROOT / "site_assets" / "search" / "numbers.js"), query],
        capture_output=True, text=True, check=True, timeout=30,
    )  # fmt: skip
    return set(json.loads(run.stdout))


@pytest.mark.parametrize("entry", QUERIES, ids=[q["q"] for q in QUERIES])
def test_the_query_finds_its_pages_first_and_highlights_it(site_dir: Path, entry: dict[str, Any]) -> None:
    query, pages = entry["q"], entry["pages"]
    groups = answers(site_dir)[query]
    found = [g["page"] for g in groups]
    missing = [p or "(home)" for p in pages if p not in found]
    assert not missing, f"{query}: not found on {missing}; found on {found}"
    first = groups[0]
    assert first["page"] in pages, f"{query}: the first result is {first['location']}, not one of {pages}"
    words = spellings(query)
    assert any(any(mark.startswith(w) or w.startswith(mark) for w in words) for mark in first["marks"]), (
        f"{query}: the first result ({first['location']}) highlights {first['marks']}, none of {sorted(words)}"
    )
