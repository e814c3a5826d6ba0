"""Hostile input on the 申请书 form, typed, pasted and imported like a person (or an attacker) would.

Every text field of the model (smpls.fields.iter_fields) gets XSS payloads; fields get 100,000 characters; rich text
is pasted; rare CJK (Ext B), emoji and RTL marks go in; JSON files with __proto__ keys, deep nesting, huge arrays,
wrong types, a BOM and non-UTF-8 bytes are imported. Each case ends with: nothing executed or injected, a clear
Chinese message where something was refused, a page that still answers, and the draft intact.

Every hostile file (20 kinds) is read by readDraftFile without a browser (tests/js/form-import.test.mjs); here,
in one page, go the files that it lets through (the page must then draw, keep or refuse them) and one it refuses.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from helpers import (
    download_json,
    ensure_rows,
    fid,
    open_form,
    stored_draft,
    value_at,
    wait_draft_saved,
    wait_idle,
    wait_ready,
)
from playwright.sync_api import Page, expect
from trust import COUNTS, WATCH, concrete, form_values, record_counts, responsive, text_fields, trust_state

from smpls.fields import iter_fields

PAYLOADS = [
    "\"'><img src=x onerror=__xss('img')><b data-xss=1>粗</b>",
    "<svg onload=__xss('svg')></svg><script>__xss('script')</script>",
    "javascript:__xss('href')//<a href=\"javascript:__xss('a')\" data-xss=2>点</a>",
    "<iframe srcdoc=\"<script>parent.__xss('iframe')</script>\" data-xss=3></iframe>{{7*7}}${7*7}",
    "</textarea></title><style>*{display:none}</style><math><mi xlink:href=\"javascript:__xss('math')\">x",
    "\u202e<details open ontoggle=__xss('details') data-xss=4>",
]
INJECTED = (
    "[data-xss], img[src='x'], iframe, svg[onload], details[ontoggle], mi[*|href], "
    "#smpls-app script, [data-summary] script, [data-review-body] script, style:not([data-md])"
)
RARE = "𠀀𪚥𫝀 龘 👩\u200d👩\u200d👧\u200d👦 🇨🇳 e\u0301 \u200f\u202bالعربية\u202c \u2066עברית\u2069 \u00a0\u3000末"

SECTION_KEYS = [
    "cover",
    "basic",
    "foundation",
    "goals",
    "schedule",
    "funding",
    "opinions",
]


@pytest.fixture(scope="module", autouse=True)
def _counts() -> Iterator[None]:
    yield
    record_counts()


def tried(kind: str, n: int = 1) -> None:
    COUNTS["inputs tried"] += n
    COUNTS[f"input: {kind}"] += n


def watched_form(page: Page, site_url: str, site_dir: Path) -> None:
    page.add_init_script(WATCH)
    page.on("dialog", lambda d: (trust_state(page), d.dismiss()))
    open_form(page, site_url, site_dir, ready=True)


def assert_nothing_ran(page: Page) -> None:
    state = trust_state(page)
    assert state["xss"] == [], state["xss"]
    assert state["dialogs"] == [], state["dialogs"]
    assert state["violations"] == [], state["violations"]  # an injected handler would have been refused: none was
    injected = page.evaluate(
        "(sel) => [...document.querySelectorAll(sel)].map((e) => e.outerHTML.slice(0, 120))", INJECTED
    )
    assert injected == [], injected


def hostile_draft(values: Any) -> dict[str, Any]:
    """A draft with ``values(i)`` in every field of the model (two rows of each list)."""
    draft: dict[str, Any] = {"schema_version": 1, "schedule": [{}, {}], "opinions": {"participants": [{}, {}]}}
    i = 0
    for spec in iter_fields():
        if spec.repeat:
            rows = draft["schedule"] if spec.repeat == "schedule" else draft["opinions"]["participants"]
            for row in rows:
                row[spec.name] = values(i)
                i += 1
        else:
            draft.setdefault(spec.section, {})[spec.name] = values(i)
            i += 1
    return draft


def import_bytes(page: Page, name: str, data: bytes, mime: str = "application/json") -> None:
    page.set_input_files("#smpls-import-file", files=[{"name": name, "mimeType": mime, "buffer": data}])


def import_note(page: Page) -> str:
    note = page.locator('[data-note="import"]')
    expect(note).to_be_visible(timeout=20_000)
    return note.inner_text()


# ---------------------------------------------------------------- XSS, typed and imported


def test_xss_typed_into_every_text_field(page: Page, site_url: str, site_dir: Path) -> None:
    watched_form(page, site_url, site_dir)
    ensure_rows(page, "participants", 1)
    typed: dict[str, str] = {}
    for i, spec in enumerate(text_fields()):
        path = concrete(spec)  # months too: a text box (issue 19), no picker
        box = page.locator(f"#{fid(path)}")
        box.fill(PAYLOADS[i % len(PAYLOADS)])
        box.blur()
        typed[path] = box.input_value()
        assert typed[path] == PAYLOADS[i % len(PAYLOADS)]  # kept whole: no box has a maxlength (issue 19)
    tried("XSS typed into a text field", len(typed))
    page.click('[data-action="check-all"]')
    expect(page.locator("[data-summary]")).to_be_visible()
    wait_idle(page)  # whatever the drawn text could start has had its chance to run
    assert_nothing_ran(page)
    # the payloads are shown as text where the values are shown: the check-your-answers view
    review = page.locator("[data-review-body]").inner_text()
    assert "<img src=x onerror=__xss('img')>" in review
    saved = download_json(page)
    for path, value in typed.items():
        assert value_at(saved, path) == value, path
    # the Word file: the XML is well formed and holds the payload as text
    with page.expect_download() as info:
        page.click('[data-action="download-docx"]')
    docx = Path(str(info.value.path())).read_bytes()
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        xml = z.read("word/document.xml")
    ElementTree.fromstring(xml)
    assert (
        b"&lt;img src=x onerror=__xss('img')&gt;" in xml or b"&lt;img src=x onerror=__xss(&apos;img&apos;)&gt;" in xml
    )
    page.reload()
    page.wait_for_selector(".smpls-form--js")
    wait_ready(page)
    for path, value in typed.items():
        assert page.input_value(f"#{fid(path)}") == value, path
    assert_nothing_ran(page)


def test_xss_imported_into_every_field(page: Page, site_url: str, site_dir: Path) -> None:
    watched_form(page, site_url, site_dir)
    draft = hostile_draft(lambda i: PAYLOADS[i % len(PAYLOADS)])
    import_bytes(page, "<img src=x onerror=__xss('name')>.json", json.dumps(draft, ensure_ascii=False).encode())
    assert "已导入" in import_note(page)
    tried("XSS imported into a field (all kinds, two rows)", sum(1 for _ in _leaves(draft)))
    page.click('[data-action="check-all"]')
    expect(page.locator("[data-summary]")).to_be_visible()
    summary = page.locator("[data-summary]").inner_text()
    assert "错误" in summary
    wait_idle(page)  # whatever the drawn text could start has had its chance to run
    assert_nothing_ran(page)
    saved = download_json(page)
    for path, value in _leaves(draft):
        assert value_at(saved, path) == value, path


def _leaves(draft: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    for spec in iter_fields():
        if spec.repeat:
            for r in range(2):
                path = spec.path.replace("*", str(r))
                yield path, value_at(draft, path)
        else:
            yield spec.path, value_at(draft, spec.path)


# ---------------------------------------------------------------- size, paste, rare characters


def test_100000_characters_in_every_long_field(page: Page, site_url: str, site_dir: Path) -> None:
    watched_form(page, site_url, site_dir)
    long_fields = [s for s in text_fields() if s.meta.kind == "textarea"]
    huge = ("测试内容<b>" * 12500)[:100_000]
    for spec in long_fields:
        page.locator(f"#{fid(concrete(spec))}").fill(huge)
    tried("100,000 characters typed into a long field", len(long_fields))
    responsive(page)
    page.click('[data-action="check-all"]')
    expect(page.locator("[data-summary]")).to_be_visible(timeout=30_000)
    responsive(page)
    values = form_values(page)
    saved = download_json(page)
    for spec in long_fields:
        path = concrete(spec)
        assert value_at(saved, path) == values[path]
        assert values[path] == huge  # kept whole: no box has a maxlength (issue 19)
    # and by import, where no maxlength applies: 100,000 characters in every plain text field (within 2 MB)
    draft = hostile_draft(lambda i: "")
    plain = [s for s in text_fields() if s.meta.kind == "text" and not s.repeat][:6]
    for spec in plain:
        draft[spec.section][spec.name] = "长" * 100_000
    import_bytes(page, "long.json", json.dumps(draft, ensure_ascii=False).encode())
    assert "已导入" in import_note(page)
    tried("100,000 characters imported into a field", len(plain))
    responsive(page)
    page.click('[data-action="check-all"]')
    summary = page.locator("[data-summary]")
    expect(summary).to_be_visible(timeout=30_000)
    expect(summary).to_contain_text("字")  # too long: the limit, in characters
    responsive(page)
    saved = download_json(page)
    for spec in plain:
        assert saved[spec.section][spec.name] == "长" * 100_000
    assert_nothing_ran(page)


# Writing HTML to the clipboard makes the browser parse (sanitize) it in the page: the policy refuses its inline
# handler and style there and reports it; nothing of it runs or reaches the page (asserted below).
@pytest.mark.allow_console_errors(
    r"Content Security Policy|Content-Security-Policy",
    why="the pasted HTML's handler is refused: the browser reports it",
)
def test_pasted_rich_text_stays_plain(page: Page, site_url: str, site_dir: Path) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    watched_form(page, site_url, site_dir)
    html = (
        '<meta charset="utf-8"><b style="color:red">加粗</b><img src=x onerror="__xss(\'paste\')">'
        "<table><tr><td>表格</td></tr></table>"
    )
    plain = "加粗\n表格"
    targets = [concrete(s) for s in text_fields() if s.meta.kind in ("text", "textarea") and not s.repeat][:4]
    for path in targets:
        box = page.locator(f"#{fid(path)}")
        # a real paste from the clipboard, holding both text/html and text/plain
        page.evaluate(
            """async ([html, plain]) => navigator.clipboard.write([new ClipboardItem({
                'text/html': new Blob([html], {type: 'text/html'}),
                'text/plain': new Blob([plain], {type: 'text/plain'}),
            })])""",
            [html, plain],
        )
        box.click()
        box.press("Control+V")
        # and a synthetic paste event carrying only HTML, dispatched on the box
        box.evaluate(
            """(el, html) => {
                const data = new DataTransfer();
                data.setData('text/html', html);
                el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
            }""",
            html,
        )
        box.blur()
        value = box.input_value()
        kind = page.evaluate("(id) => document.getElementById(id).tagName", fid(path))
        # a one-line box turns the line break into a space; nothing of the HTML arrives
        assert value == (plain if kind == "TEXTAREA" else plain.replace("\n", " ")), (path, value)
    tried("rich text pasted (clipboard and synthetic event)", 2 * len(targets))
    wait_idle(page)  # whatever the drawn text could start has had its chance to run
    state = trust_state(page)
    assert {v["directive"] for v in state["violations"]} <= {"script-src-attr", "style-src-attr"}
    page.evaluate("() => { window.__trust.violations = []; }")
    assert_nothing_ran(page)
    saved = download_json(page)
    for path in targets:
        assert "<" not in value_at(saved, path)


def test_rare_characters_survive_typing_saving_and_reload(page: Page, site_url: str, site_dir: Path) -> None:
    watched_form(page, site_url, site_dir)
    units = len(RARE.encode("utf-16-le")) // 2  # maxlength counts UTF-16 code units
    targets = [
        s for s in text_fields() if s.meta.kind in ("text", "textarea") and not s.repeat and s.meta.max_length >= units
    ]
    assert len(targets) >= 5
    for spec in targets:
        box = page.locator(f"#{fid(concrete(spec))}")
        box.click()
        box.press_sequentially(RARE) if spec.meta.kind == "textarea" and spec is targets[-1] else box.fill(RARE)
        box.blur()
    tried("rare CJK (Ext B), emoji, RTL marks", len(targets))
    page.click('[data-action="check-all"]')
    expect(page.locator("[data-summary], [data-success]").first).to_be_attached()
    responsive(page)
    wait_draft_saved(page, "𠀀")
    saved = download_json(page)
    for spec in targets:
        assert saved[spec.section][spec.name] == RARE, spec.path
    counter = page.locator(f"[data-count-for='{fid(concrete(targets[-1]))}']")
    if counter.count():
        expect(counter).to_contain_text(f"{len(RARE)} /")  # characters, not UTF-16 units
    page.reload()
    page.wait_for_selector(".smpls-form--js")
    for spec in targets:
        assert page.input_value(f"#{fid(concrete(spec))}") == RARE, spec.path
    assert stored_draft(page)["cover"]["pilot_name"] == RARE


# ---------------------------------------------------------------- hostile files


def _deep(levels: int) -> str:
    return '{"schema_version": 1, "cover": {"pilot_name": ' + "[" * levels + "]" * levels + "}}"


# (case, file bytes, expected: "imported", "any", or a word of the refusal); the full list is in the node test.
PAGE_FILES: list[tuple[str, bytes, str]] = [
    (
        "non-UTF-8 (GBK)",
        json.dumps({"schema_version": 1, "cover": {"pilot_name": "临湖"}}, ensure_ascii=False).encode("gbk"),
        "UTF-8",
    ),
    (
        "BOM",
        "\ufeff".encode()
        + json.dumps({"schema_version": 1, "cover": {"pilot_name": "带BOM"}}, ensure_ascii=False).encode(),
        "imported",
    ),
    (
        "__proto__ keys",
        json.dumps(
            {
                "schema_version": 1,
                "__proto__": {"polluted": "yes"},
                "constructor": {"prototype": {"polluted": "yes"}},
                "cover": {"__proto__": {"polluted": "yes"}, "pilot_name": "原型"},
                "schedule": [{"__proto__": {"polluted": "yes"}, "content": "x"}],
            }
        ).encode(),
        "imported",
    ),
    ("deep nesting (20,000 levels)", _deep(20_000).encode(), "any"),
    (
        "wrong types",
        json.dumps(
            {
                "schema_version": 1,
                "cover": {"pilot_name": 12345, "period_start": True, "undertaking_unit": None},
                "basic": ["not", "an", "object"],
                "schedule": {"0": {"content": "x"}},
                "opinions": "text",
                "goals": {"text": {"nested": [1, 2]}},
                "funding": {"directions": [1.5e308, -0.0]},
            }
        ).encode(),
        "imported",
    ),
    (
        "huge array in a list (200,000 rows)",
        ('{"schema_version": 1, "schedule": [' + ",".join(["{}"] * 200_000) + "]}").encode(),
        "最多",
    ),
    (
        "huge unknown array",
        (
            '{"schema_version": 1, "cover": {"pilot_name": "大数组"}, "extra": [' + ",".join(["0"] * 300_000) + "]}"
        ).encode(),
        "imported",
    ),
]


def test_hostile_files_in_the_page(page: Page, site_url: str, site_dir: Path) -> None:
    """After each file: a Chinese message; if it was imported, undo; the draft from before on the screen and in
    storage, no prototype polluted, a page that answers; at the end, checking works and nothing ran."""
    watched_form(page, site_url, site_dir)
    page.locator(f"#{fid('cover.pilot_name')}").fill("导入前的内容")
    page.locator(f"#{fid('cover.pilot_name')}").blur()
    wait_draft_saved(page, "导入前的内容")
    before = form_values(page)
    note = page.locator('[data-note="import"]')
    for case, data, expected in PAGE_FILES:
        name = f"{case}.json"
        import_bytes(page, name, data)
        tried(f"hostile JSON file: {case}")
        expect(note).to_contain_text(f"“{name}”", timeout=20_000)  # this file's message, not the last one's
        message = note.inner_text()
        responsive(page)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message
        imported = "已导入" in message
        if expected == "imported":
            assert imported, (case, message)
        elif expected != "any":
            assert not imported and expected in message, (case, message)
            assert "当前内容没有改变" in message, (case, message)
        if imported:
            expect(page.locator('[data-action="undo-import"]')).to_be_visible()
            page.click('[data-action="undo-import"]')
            expect(note).to_contain_text("已恢复")
        # either way, the draft from before is on the screen and in storage
        assert form_values(page) == before, case
        assert stored_draft(page)["cover"]["pilot_name"] == "导入前的内容", case
        assert page.evaluate("() => ({}).polluted === undefined && Object.prototype.polluted === undefined"), case
    page.click('[data-action="check-all"]')
    expect(page.locator("[data-summary], [data-success]").first).to_be_attached()
    responsive(page)
    assert_nothing_ran(page)
