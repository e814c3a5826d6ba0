"""One contract between Python and the page JavaScript (issue 21): every fact a page needs comes from Python
through its JSON config, so no page module under site_assets/js/ may write

* a field path of the 申请书 (``basic.unit_name``, from :func:`smpls.fields.iter_fields`), or a row list's path;
* a section key used as a path (``draft.cover``, ``"basic.x"``, ``"opinions"``; keys from :data:`smpls.model.SECTIONS`);
* a user-facing Chinese sentence (js_contract.chinese_sentences), other than the reviewed exceptions in
  js_contract_exceptions.py (file, sentence, why).

CPython only: it reads the repository's site_assets/js.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from js_contract import chinese_sentences, scan
from js_contract_exceptions import EXCEPTIONS
from unit_helpers import IN_BROWSER

from smpls.fields import ROWS, iter_fields
from smpls.model import SECTIONS

pytestmark = pytest.mark.skipif(IN_BROWSER, reason="reads the repository's page JavaScript (CPython only)")
JS = Path(__file__).resolve().parents[2] / "site_assets" / "js"
FILES = sorted(p.relative_to(JS).as_posix() for p in JS.rglob("*.js"))
SECTION_KEYS = [key for key, _ in SECTIONS]


def _code(rel: str) -> tuple[str, list[str]]:
    literals, code = scan((JS / rel).read_text(encoding="utf-8"))
    return code, [lit.text for lit in literals]


@cache
def field_paths() -> tuple[str, ...]:
    """Every dotted path of the model a page could re-type: the fields (rows by their list's path) and lists."""
    paths = {spec.path for spec in iter_fields() if "*" not in spec.path}
    paths |= {scheme.list_path for scheme in ROWS.values() if "." in scheme.list_path}
    return tuple(sorted(paths))


def test_the_scanner_tells_code_comments_strings_and_regexes_apart() -> None:
    src = (
        "const a = /[\"']/g; // basic.unit_name “注释里的句子。”\n"
        'const b = `共 ${n + "x"} 字。`; /* draft.cover */ x.y("是。");'
    )
    literals, code = scan(src)
    assert [lit.text for lit in literals] == ["共 ${…} 字。", "是。"]
    assert "unit_name" not in code and "cover" not in code and "/[\"']/g" in code
    assert [lit.line for lit in literals] == [2, 2]


@pytest.mark.parametrize("rel", FILES)
def test_no_field_path_in_page_js(rel: str) -> None:
    code, literals = _code(rel)
    text = code + "\n" + "\n".join(literals)
    found = [p for p in field_paths() if re.search(rf"(?<![\w$]){re.escape(p)}(?![\w$])", text)]
    assert not found, f"{rel} re-types field paths {found}: read them from the page config (smpls.fields)"


@pytest.mark.parametrize("rel", FILES)
def test_no_section_key_used_as_a_path(rel: str) -> None:
    code, literals = _code(rel)
    keys = "|".join(map(re.escape, SECTION_KEYS))
    as_property = [m.group(0) for m in re.finditer(rf"\.(?:{keys})\b(?!\s*\()|\[\s*\"(?:{keys})\"\s*\]", code)]
    as_string = [t for t in literals if re.fullmatch(rf"(?:{keys})(?:\..*)?", t)]
    assert not as_property and not as_string, (
        f"{rel} uses section keys as paths {as_property + as_string}: read them from the page config (smpls.model)"
    )


@pytest.mark.parametrize("rel", FILES)
def test_no_chinese_sentence_outside_the_exceptions(rel: str) -> None:
    allowed = set(EXCEPTIONS.get(rel, ("", ()))[1])
    found = [f"{lit.line}: {lit.text}" for lit in chinese_sentences((JS / rel).read_text(encoding="utf-8"))]
    extra = [f for f in found if f.split(": ", 1)[1] not in allowed]
    assert not extra, (
        f"{rel} writes Chinese sentences the page config should carry (from Python), or add a reviewed exception "
        f"(tests/unit/js_contract_exceptions.py): {extra}"
    )


def test_every_exception_is_still_needed_and_says_why() -> None:
    stale = []
    for rel, (why, sentences) in EXCEPTIONS.items():
        assert why.strip(), rel
        path = JS / rel
        written = {lit.text for lit in chinese_sentences(path.read_text(encoding="utf-8"))} if path.exists() else set()
        stale += [f"{rel}: {s}" for s in sentences if s not in written]
    assert not stale, f"exceptions no longer needed (prune them from js_contract_exceptions.py): {stale}"


def test_every_word_of_the_form_page_is_used() -> None:
    """The form's own words (site_assets/templates/form/words.toml, the page config's "words") are each read by a
    form script: a word left behind after a change fails here."""
    import tomllib  # here: the Pyodide runtime is trimmed to what smpls needs, and this test skips there

    words = tomllib.loads((JS.parent / "templates" / "form" / "words.toml").read_text(encoding="utf-8"))
    code = "\n".join(scan((JS / rel).read_text(encoding="utf-8"))[1] for rel in FILES if rel.startswith("form/"))
    unused = [f"{part}.{key}" for part, table in words.items() for key in table if not re.search(rf"\.{key}\b", code)]
    assert not unused, f"words no form script reads: {unused}"
