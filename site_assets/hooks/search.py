"""The site search finds numbers and dates (issue 22), and the site carries only the search files it uses.

mkdocs-material's search plugin segments Chinese text with jieba at build time, but only the runs of Chinese
characters: in 2021年12月20日 the digits stay apart from 年, 月 and 日 (2021 | 年 | 12 | 月 ...), while the theme's
worker reads the query 12月20日 as one word. So a number with its unit is never found. This hook:

- joins every number with the unit that follows it into one index word, in ``search/search_index.json``:
  12月, 20日, 2021年, 31号, 4份, 3条 with digits, and 八批, 四份, 十二月, 二〇二一年 with Chinese numerals
  (``join_numbers``; 第 stays a word of its own, so 第3条 is 第 + 3条);
- puts ``site_assets/search/numbers.js`` in front of the theme's search worker, under a new file name. In the
  worker it gives each number word its other spelling at the same place in the text (12月 and 十二月), and cuts
  each query into the index's words before the theme reads it (see that file);
- drops the lunr language files (``assets/javascripts/lunr/``) that the search configuration does not load:
  with ``lang: en`` (the default here; Chinese comes from jieba) the worker loads none of them, ~1.5 MB in the
  site and ~190 KB (brotli) in every first visit's offline copy.

The word separator (mkdocs.yml, ``plugins: search: separator``) adds the Chinese brackets and quotes, so that
〔2021〕31号 gives the word 31号. ``SMPLS_SEARCH_NUMBERS=off`` builds the site without the number fix (the
theme's separator, its index and worker as they come), for the recall test's "fails without the fix" check.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
NUMBERS_JS = ROOT / "site_assets" / "search" / "numbers.js"
WORKERS = "assets/javascripts/workers/"
LUNR = "assets/javascripts/lunr/"

ZWSP = "\u200b"
CN_NUMERALS = "〇零一二两三四五六七八九十百千万"
# The same list as numbers.js (UNITS); tests/unit/test_search_numbers.py checks that they agree.
UNITS = "年月日号时份条款项章节个家类批次位名人岁天周页张本册件届期级倍字元"
HAN = "\u3007\u4e00-\u9fff"
_DIGITS_THEN_UNIT = re.compile(rf"(?<=\d){ZWSP}(?=[{UNITS}])")
_UNIT_THEN_WORD = re.compile(rf"(?<=\d[{UNITS}])(?=[{HAN}\d])")
_HAN_RUN = re.compile(rf"[{HAN}](?:{ZWSP}?[{HAN}])*")
# a word before the number that jieba may join to it (第八批, 近三年, 每一项): it becomes a word of its own
NUMBER_PREFIXES = "第近每共约满逾前后"
_CN_NUMBER_AT = re.compile(rf"([{NUMBER_PREFIXES}]?)([{CN_NUMERALS}]+[{UNITS}])")


def enabled() -> bool:
    return os.environ.get("SMPLS_SEARCH_NUMBERS", "on") != "off"


def _recut_run(run: str) -> str:
    """A run of Chinese words (jieba's, joined by ZWSP) with each Chinese-numeral number word as a word of its
    own: 第八|批 -> 第|八批, 近三年 -> 近|三年, 二|〇|二|一年|十二月 -> 二〇二一年|十二月. A number word counts only
    where a jieba word starts, or after one of NUMBER_PREFIXES there (统一|年度 keeps its 一年 inside)."""
    words = run.split(ZWSP)
    text = "".join(words)
    cuts: set[int] = set()
    position = 0
    for word in words:
        cuts.add(position)
        position += len(word)
    cuts.add(len(text))
    starts = sorted(cuts)
    covered_until = 0
    for start in starts:
        if start < covered_until:
            continue
        m = _CN_NUMBER_AT.match(text, start)
        if not m:
            continue
        number_start, end = m.start(2), m.end()
        cuts -= {c for c in cuts if start < c < end}
        cuts |= {number_start, end}
        covered_until = end
    ordered = sorted(cuts)
    return ZWSP.join(text[a:b] for a, b in itertools.pairwise(ordered) if a < b)


def join_numbers(text: str) -> str:
    """The index text with each number and its unit as one word (see the module docstring)."""
    text = _DIGITS_THEN_UNIT.sub("", text)
    text = _UNIT_THEN_WORD.sub(ZWSP, text)
    return _HAN_RUN.sub(lambda m: _recut_run(m.group(0)), text)


def rewrite_index(path: Path) -> None:
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = join_numbers(doc[field])
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def lunr_files_needed(langs: list[str]) -> set[str]:
    """The files under assets/javascripts/lunr/ that the theme's search worker loads for these languages
    (mkdocs-material 9, search/worker/main: setupSearchLanguages)."""
    scripts = set()
    for lang in langs:
        if lang == "ja":
            scripts.add("tinyseg.js")
        if lang in ("hi", "th"):
            scripts.add("wordcut.js")
        if lang != "en":
            scripts.add(f"min/lunr.{lang}.min.js")
    if len(langs) > 1:
        scripts.add("min/lunr.multi.min.js")
    if scripts:
        scripts.add("min/lunr.stemmer.support.min.js")
    return scripts


class _State:
    theme_worker: Path | None = None  # the theme's worker file (in the installed theme)
    worker_url: str = ""  # its site path, assets/javascripts/workers/search.<hash>.min.js
    new_url: str = ""
    new_text: str = ""


_state = _State()


def _search_plugin(config: Any) -> Any:
    plugin = config["plugins"].get("material/search") or config["plugins"].get("search")
    if plugin is None:
        raise PluginError("search hook: the search plugin is not configured")
    return plugin


@event_priority(50)  # before the search plugin reads its separator
def on_config(config: Any) -> Any:
    if not enabled():
        _search_plugin(config).config.separator = None  # the theme's own default
    return config


def on_files(files: Any, config: Any) -> Any:
    langs = _search_plugin(config).config.lang or ["en"]
    needed = lunr_files_needed(list(langs))
    for file in list(files):
        uri = file.src_uri
        if uri.startswith(LUNR) and uri[len(LUNR) :] not in needed:
            files.remove(file)
        elif enabled() and uri.startswith(WORKERS + "search.") and uri.endswith(".min.js"):
            _state.theme_worker = Path(file.abs_src_path)
            _state.worker_url = uri
            files.remove(file)
        elif enabled() and uri.startswith(WORKERS + "search.") and uri.endswith(".min.js.map"):
            files.remove(file)  # it maps the theme's file, not the one written here
    if enabled():
        if _state.theme_worker is None:
            raise PluginError("search hook: the theme's search worker (assets/javascripts/workers/) is gone")
        theme = _state.theme_worker.read_text(encoding="utf-8")
        theme = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", theme)
        text = NUMBERS_JS.read_text(encoding="utf-8") + "\n" + theme
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
        _state.new_url = f"{WORKERS}search.{digest}.min.js"
        _state.new_text = text
    return files


def on_post_page(output: str, page: Any, config: Any) -> str:
    if not enabled():
        return output
    if _state.worker_url not in output:
        raise PluginError(f"search hook: {page.file.src_uri} does not name the theme's search worker")
    return output.replace(_state.worker_url, _state.new_url)


@event_priority(-50)  # after the search plugin has written search_index.json; before csp, offline, precompress
def on_post_build(config: Any, **kwargs: Any) -> None:
    if not enabled():
        return
    site = Path(config["site_dir"])
    rewrite_index(site / "search" / "search_index.json")
    target = site / _state.new_url
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_state.new_text, encoding="utf-8")


def on_post_template(output: str, template_name: str, config: Any) -> str:
    """404.html and other theme pages outside the nav name the worker too."""
    return output.replace(_state.worker_url, _state.new_url) if enabled() and _state.worker_url else output
