"""The 数据格式 page and the published data files, derived from :mod:`smpls` (never typed by hand).

Markers in a page (HTML comments):

``<!-- data:fields -->``  a table of every field of the 申请书: JSON path, label, kind, limit, required.
``<!-- data:errors -->``  every code that can be an 错误 about the application, with its real basis: the clause of
                          the notice, or the published standard by number or title, publisher and kind
                          (:data:`smpls.problems.PUBLISHED`).
``<!-- data:checks -->``  for the applicant (docs/checks.md): each check of the 申请书 under its code as anchor
                          (where a basis link of a 提示 or a standard's 错误 points), in plain words: what it means,
                          its level, and its basis (the notice's words, the standard's title, or the site's advice).
``<!-- data:codes -->``   a table of every problem code: its level(s), its basis (linked to the clause of the notice
                          or to the rules on this page) and its description (:data:`smpls.problems.CODES`).

An unknown ``data:…`` marker fails the build. The hook also adds generated files under ``data/``:
``application.schema.json`` (the JSON Schema, ``python -m smpls schema``) and the named examples of
``examples/*.json``, so static hosts publish them beside the pages and MkDocs checks the links to them;
and ``favicon.ico`` (the theme's icon), which browsers request when they show such a raw file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

from smpls.fields import iter_fields
from smpls.notice import CLAUSES
from smpls.problems import CODES, ERROR, PUBLISHED, RULE_CODES, Basis
from smpls.schema import schema_text

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project root, for site_assets.hooks

from site_assets.hooks.markers import replace_markers

ROOT = Path(__file__).resolve().parents[2]
TARGET = "data"
KINDS = {
    "text": "单行文字",
    "textarea": "多行文字",
    "yearmonth": "年月（2022-03、2022年3月、二〇二二年三月等）",
    "period": "时间（一个年月、一段时间或起止年月）",
    "running": "年月或时长",
    "choice": "是或否（也可用文字写，如“未发生”）",
    "email": "电子邮箱",
    "tel": "电话号码",
    "postcode": "邮编",
    "code": "统一社会信用代码或组织机构代码",
    "region": "行政区划名称",
}


def _table(head: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table class="smpls-data-table"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def fields_table() -> str:
    rows = [
        (
            f"<code>{escape(f.path)}</code>",
            escape(f.meta.label),
            escape(KINDS[f.meta.kind] + ("：" + "／".join(f.meta.choices) if f.meta.choices else "")),
            str(f.meta.advised_length or f.meta.max_length),
            "是" if f.meta.required else "否",
        )
        for f in iter_fields()
    ]
    return _table(("JSON 路径", "栏目", "类型", "建议字数（超过时提示，不限制输入）", "必填"), rows)


def _link(label: str, href: str, page_url: str) -> str:
    """A link to a site-root-relative ``href`` from the page at ``page_url`` (e.g. ``data-format/``)."""
    up = "../" * page_url.strip("/").count("/") + ("../" if page_url.strip("/") else "")
    path, _, anchor = href.partition("#")
    if path == page_url:
        return f'<a href="#{escape(anchor)}">{escape(label)}</a>'
    return f'<a href="{escape(up + href)}">{escape(label)}</a>'


def _nowrap(text: str) -> str:
    """Chinese text that does not break between its characters (U+2060 WORD JOINER; no inline style: CSP)."""
    return "\u2060".join(escape(text))


def codes_table(page_url: str = "data-format/") -> str:
    rows = []
    for code, info in CODES.items():
        for level, basis in info.bases.items():
            rows.append(
                (
                    f"<code>{escape(code)}</code>",
                    _nowrap(level),
                    _link(basis.label, basis.href, page_url),
                    escape(info.description),
                )
            )
    return _table(("问题代码", "级别", "依据", "含义"), rows).replace("<th>级别</th>", f"<th>{_nowrap('级别')}</th>")


def _basis_in_full(basis: Basis, page_url: str) -> str:
    """A basis as the 错误 list names it: a clause linked, or each standard with its title, publisher and kind."""
    if basis.kind != "standard":
        return _link(basis.label, basis.href, page_url)
    parts = [PUBLISHED[label] for label in basis.label.split("、")]
    return "；".join(
        escape(f"{p.label}{'' if p.label.startswith('《') else f'《{p.title}》'}（{p.kind}，{p.publisher}）")
        for p in parts
    )


def errors_table(page_url: str = "data-format/") -> str:
    rows = [
        (f"<code>{escape(code)}</code>", escape(info.description), _basis_in_full(info.bases[ERROR], page_url))
        for code, info in CODES.items()
        if ERROR in info.bases and info.bases[ERROR].kind != "format"
    ]
    return _table(("问题代码", "错误", "依据"), rows)


def _basis_for_applicant(basis: Basis, page_url: str) -> str:
    if basis.kind == "notice":
        c = next((c for c in CLAUSES if c.label == basis.label), None)
        quote = f"<blockquote><p>{escape(c.text)}</p></blockquote>" if c and len(c.text) <= 300 else ""
        return f"<p>依据：通知的原文，{_link(basis.label, basis.href, page_url)}。</p>{quote}"
    if basis.kind == "standard":
        return f"<p>依据：{_basis_in_full(basis, page_url)}。</p>"
    return "<p>依据：本站的建议，不是通知的要求。照着改或不改都可以下载 Word 申请书。</p>"


def checks_list(page_url: str = "checks/") -> str:
    """Each check as the applicant reads it: the code is the anchor, the description the heading."""
    out = []
    for code, info in CODES.items():
        if code not in RULE_CODES:
            continue
        meaning = {ERROR: "按通知或标准，这样写肯定不对，需要修改", "提示": "建议核对，改不改都不影响下载"}
        levels = "；".join(f"{level}（{meaning[level]}）" for level in info.bases)
        body = "".join(_basis_for_applicant(b, page_url) for b in info.bases.values())
        out.append(
            f'<section class="smpls-check" id="{escape(code)}"><h2>{escape(info.description)}</h2>'
            f"<p>级别：{escape(levels)}。</p>{body}</section>"
        )
    return "".join(out)


RENDER: dict[str, Callable[[str], str]] = {
    "checks": checks_list,
    "fields": lambda _url: fields_table(),
    "codes": codes_table,
    "errors": errors_table,
}


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    return replace_markers(html, "data", page, {name: (lambda fn=fn: fn(page.url)) for name, fn in RENDER.items()})


def on_files(files: Files, config: Any) -> Files:
    # Browsers ask for /favicon.ico when showing a raw file such as the schema: serve the theme's icon there.
    icons = (Path(d) / "assets" / "images" / "favicon.png" for d in config["theme"].dirs)
    theme_icon = next(p for p in icons if p.is_file())
    files.append(File.generated(config, "favicon.ico", abs_src_path=str(theme_icon)))
    files.append(File.generated(config, f"{TARGET}/application.schema.json", content=schema_text()))
    for example in sorted((ROOT / "examples").glob("*.json")):
        files.append(File.generated(config, f"{TARGET}/examples/{example.name}", abs_src_path=str(example)))
    return files
