# ruff: noqa: E501 - the long lines are the page's HTML and Chinese sentences, kept whole to stay readable
"""Render the 申请书 form into docs/apply.md at build time, from the one definition in :mod:`smpls.model`.

Markers in a page (HTML comments, so the Markdown source stays readable):

``<!-- form:app -->``
    the whole form: status line, counts bar, error summary, task list, one ``<section>`` per part of the
    paper form (labels, hints, required marks, advised lengths and input types from each field's ``Meta``), the
    check-your-answers view with the downloads and the import, and the clear-draft dialog.

An unknown ``form:…`` marker fails the build. The HTML comes from Jinja templates (``site_assets/templates/form/``:
app, section, field, rows, row, next-steps), filled here. The page's script reads one JSON config written here
(:func:`page_config`): every field's path, label, kind and required mark, the id schemes, the row schemes, the
levels, the month pattern and display (:mod:`smpls.codes.yearmonth`), the limits (:mod:`smpls.limits`), the draft's
name rule (:mod:`smpls.docx`), the messages of the model (too many rows, :mod:`smpls.draft`'s and
:mod:`smpls.docx.container`'s file messages) and the page's own words (``templates/form/words.toml``), so the
JavaScript never repeats them (tests/unit/test_js_contract.py holds it to that).
Each part of the page that a script enhances carries ``data-module="form/…"`` (one module per job, wired by
``form.js``). The GB/T 2260 region data is its own hook (``regions.py``; the form leaves a ``regions:source``
marker for it).
"""

from __future__ import annotations

import json
import sys
import tomllib
from html import escape
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from smpls import draft, limits, notice
from smpls.codes import yearmonth
from smpls.docx import DRAFT_NAME_RULE, FILE_NAME_RULE
from smpls.docx import container as docx_container
from smpls.docx.layout import SEAL, SIGNATURE
from smpls.fields import MAX_ROWS_SHOWN, ROWS, TOO_MANY_ROWS, FieldSpec, iter_fields
from smpls.model import SCHEMA_VERSION, SECTIONS
from smpls.problems import ADVICE, ERROR

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project root, for site_assets.hooks

from site_assets.hooks.markers import replace_markers

REGION_TARGET = "assets/smpls/data/gb2260.json"  # written by the regions hook
#: what a first visit downloads for the checker (MB, the runtime and wheels as served precompressed), shown while
#: it loads; tests/site/test_journey.py holds it to the built site's pyodide/ files
CHECKER_DOWNLOAD_MB = 6


#: the id of a field's element is ID_PREFIX + its path with "." replaced by ID_SEP (the page config says so too)
ID_PREFIX, ID_SEP = "f-", "-"
#: the ids of the page's parts that scripts link to or focus ({key}: a section's key); in the page config too
IDS = {"section": "sec-{key}", "sectionTitle": "sec-{key}-title", "review": "review", "reviewTitle": "review-title"}


def row_label(kind: str, number: str) -> str:
    """``第 3 阶段`` / ``第 3 个参加单位``; ``number`` may be the template token ``{n}``."""
    return ROWS[kind].row_label(number)


def _e(text: str) -> str:
    return escape(text, quote=True)


TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "form"
#: the form's HTML templates (Jinja, as MkDocs ships it); every value is escaped unless marked safe
_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)


#: the page's own words, one table per component (templates/form/words.toml), for its scripts
WORDS: dict[str, dict[str, str]] = tomllib.loads((TEMPLATES / "words.toml").read_text(encoding="utf-8"))


def _render(name: str, **values: Any) -> str:
    """``templates/form/<name>`` filled with ``values``."""
    return _TEMPLATES.get_template(name).render(**values)


def field_id(path: str) -> str:
    """The element id of a field (its first radio for a choice): ``basic.org_code`` -> ``f-basic-org_code``."""
    return ID_PREFIX + path.replace(".", ID_SEP)


def section_id(key: str, which: str = "section") -> str:
    """The id of a section (``sec-basic``) or of its title (``which="sectionTitle"``), by :data:`IDS`."""
    return IDS[which].format(key=key)


def _concrete(spec: FieldSpec, index: str) -> str:
    return spec.path.replace("*", index)


def render_field(spec: FieldSpec, path: str) -> str:
    """One field: label, hint, message slot and the input chosen by ``Meta.kind`` (templates/form/field.html)."""
    meta = spec.meta
    fid = field_id(path)
    described = f"{fid}-hint {fid}-msg" if meta.hint else f"{fid}-msg"
    # No maxlength anywhere: the notice sets no length, and a cut paste is worse than a long one (a 提示
    # too_long advises above the usual length). data-advised is that length, for the character count.
    advised = meta.advised_length or meta.max_length
    extra = ' autocomplete="off"'
    if meta.kind == "yearmonth":
        # A text box, not type=month: 二〇二一年十二月 or 2022年元月 are months too (the paper prints “年 月”).
        extra = f' placeholder="{_e(yearmonth.EXAMPLE)}" autocomplete="off"'
    elif meta.kind == "period":
        extra = ' placeholder="例如 2022年11月、2023年上半年" autocomplete="off"'
    elif meta.kind == "choice":
        # 是/否 offered as a list to pick from; the box takes any answer written in words (“未发生”)
        extra = f' list="{fid}-choices" autocomplete="off"'
    elif meta.kind == "postcode":
        extra = ' inputmode="numeric" autocomplete="postal-code"'
    elif meta.kind == "email":
        extra = ' autocomplete="email" spellcheck="false"'
    elif meta.kind == "tel":
        extra = ' autocomplete="tel"'
    elif meta.kind == "code":
        extra = ' spellcheck="false" autocapitalize="characters" autocomplete="off"'
    elif meta.kind == "region":
        extra = f' autocomplete="off" data-region="{"province" if spec.name.endswith("province") else "county"}"'
    return _render(
        "field.html",
        meta=meta,
        path=path,
        fid=fid,
        described=described,
        advised=advised,
        rows=4 if advised <= 500 else 8,
        type={"email": "email", "tel": "tel"}.get(meta.kind, "text"),
        extra=extra,
        width=" smpls-input--short" if meta.max_length <= 30 and meta.kind != "text" else "",
    )


def render_row(kind: str, specs: list[FieldSpec], index: str, number: str) -> str:
    """One repeatable row (a schedule stage or a 参加单位); ``index``/``number`` may be template tokens."""
    path = f"{ROWS[kind].list_path}.{index}"
    return _render(
        "row.html",
        kind=kind,
        path=path,
        legend_id=f"{field_id(path)}-legend",
        msg_id=f"{field_id(path)}-msg",
        label=row_label(kind, number),
        cells="".join(render_field(s, _concrete(s, index)) for s in specs),
    )


def render_rows(kind: str, specs: list[FieldSpec], initial: int) -> str:
    scheme = ROWS[kind]
    list_path = scheme.list_path
    rows = "".join(render_row(kind, specs, str(i), str(i + 1)) for i in range(initial))
    template = render_row(kind, specs, "__I__", "__N__")
    return _render(
        "rows.html",
        kind=kind,
        list_path=list_path,
        list_id=field_id(list_path),
        title=scheme.heading,
        intro=scheme.hint,
        rows=rows,
        template=template,
        add=scheme.add_text,
    )


def _sections() -> list[tuple[str, str, list[FieldSpec]]]:
    specs = list(iter_fields())
    return [(key, title, [s for s in specs if s.section == key]) for key, title in SECTIONS]


def render_section(key: str, title: str, specs: list[FieldSpec]) -> str:
    parts: list[str] = []
    if key == "opinions":
        parts.append(
            '<p class="smpls-hint">承担单位、保证单位和业务指导单位的名称取自封面；意见、盖章、签名和日期在打印后手写。</p>'
        )
    for kind, scheme in ROWS.items():
        if scheme.section == key:
            parts.append(render_rows(kind, [s for s in specs if s.repeat == kind], scheme.min_rows))
    parts.extend(render_field(s, s.path) for s in specs if not s.repeat)
    if key == "basic":
        parts.append('<p class="smpls-hint smpls-source"><!-- regions:source --></p>')
    return _render(
        "section.html",
        key=key,
        title=title,
        sec=section_id(key),
        sec_title=section_id(key, "sectionTitle"),
        msg_id=f"{field_id(key)}-msg",
        parts="".join(parts),
    )


def field_table() -> list[dict[str, Any]]:
    """What the page's script reads about each field (paths, labels, kinds, required marks), in paper order."""
    return [
        {
            "path": s.path,
            "section": s.section,
            "name": s.name,
            "repeat": s.repeat,
            "label": s.meta.label,
            "kind": s.meta.kind,
            "required": s.meta.required,
        }
        for s in iter_fields()
    ]


def page_config() -> dict[str, Any]:
    """The JSON the form's modules read (``#smpls-form-config``): nothing here is repeated in JavaScript."""
    return {
        "schemaVersion": SCHEMA_VERSION,
        "sections": [{"key": k, "title": t, "short": t.split("（")[0]} for k, t in SECTIONS],
        "fields": field_table(),
        "fieldId": {"prefix": ID_PREFIX, "sep": ID_SEP},
        "rows": {
            kind: {
                "list": scheme.list_path,
                "title": scheme.noun,
                "label": scheme.row_label("{n}"),
                "max": MAX_ROWS_SHOWN,
                "min": scheme.min_rows,
            }
            for kind, scheme in ROWS.items()
        },
        "levels": {"error": ERROR, "hint": ADVICE},
        "regions": REGION_TARGET,
        "limits": limits.page_config(),
        "checkerMB": CHECKER_DOWNLOAD_MB,
        # smpls.docx's rules, so the JSON download is named as draft_filename names it (form/names.js)
        "fileName": {**FILE_NAME_RULE, **DRAFT_NAME_RULE},
        "yearMonth": yearmonth.page_config(),
        "ids": IDS,
        "words": WORDS,
        "messages": {
            "tooManyRows": TOO_MANY_ROWS,
            "draftFile": draft.FILE_MESSAGES,  # form/draft-file.js
            # form/word-sniff.js: what smpls.docx.container says of a file that is not a .docx
            "word": {
                "zip": list(docx_container.ZIP_HEAD),
                "heads": {kind: list(head) for kind, head in docx_container.NOT_DOCX_HEADS.items()},
                "notDocx": docx_container.NOT_DOCX,
                "tooLarge": docx_container.TOO_LARGE,
            },
        },
    }


def closed_notice() -> str:
    """The static note that the call is closed (or open) on the day of the build
    (:func:`smpls.notice.status_note`), shown near the downloads."""
    return f'<p class="smpls-closed-note" data-closed-notice>{_e(notice.status_note())}</p>'


def _quoted(clause_id: str, words: str) -> str:
    """The notice's words in a ``<q>``, with a link to the clause: what the notice says, marked as its words."""
    c = notice.clause(clause_id)
    return Markup(
        f'<q cite="../{c.href}">{_e(notice.excerpt(clause_id, words))}</q>（<a href="../{c.href}">{_e(c.label)}</a>）'
    )


def next_steps() -> str:
    """Shown after a Word download: what to do with the file, our words with the notice's quoted (and linked)."""
    roles = "承担单位、参加单位（如有）、保证单位、业务指导单位和管理单位"
    seal, signature = SEAL.rstrip("：:"), SIGNATURE.rstrip("：:")
    return _render("next-steps.html", roles=roles, seal=seal, signature=signature, quoted=_quoted)


def render_app() -> str:
    sections = _sections()
    tasks = [(section_id(key), key, title.split("（")[0]) for key, title, _ in sections]
    config_json = json.dumps(page_config(), ensure_ascii=False).replace("</", "<\\/")
    body = "".join(render_section(k, t, s) for k, t, s in sections)
    sizes = f"草稿文件不超过 {limits.mb(limits.DRAFT_BYTES)}，Word 文件不超过 {limits.mb(limits.WORD_BYTES)}"
    return _render(
        "app.html",
        config_json=config_json,
        tasks=tasks,
        body=body,
        closed_notice=closed_notice(),
        next_steps=next_steps(),
        sizes=sizes,
        ids=IDS,
    )


RENDERERS = {"app": render_app}


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return replace_markers(html, "form", page, RENDERERS)
