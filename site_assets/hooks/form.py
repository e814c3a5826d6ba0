# ruff: noqa: E501 - the long lines are the page's HTML and Chinese sentences, kept whole to stay readable
"""Render the 申请书 form into docs/apply.md at build time, from the one definition in :mod:`smpls.model`.

Markers in a page (HTML comments, so the Markdown source stays readable):

``<!-- form:app -->``
    the whole form: status line, counts bar, error summary, task list, one ``<section>`` per part of the
    paper form (labels, hints, required marks, advised lengths and input types from each field's ``Meta``), the
    check-your-answers view with the downloads and the import, and the clear-draft dialog.

An unknown ``form:…`` marker fails the build. The page's script reads one JSON config written here
(:func:`page_config`): every field's path, label, kind and required mark, the id scheme, the row schemes and
the levels, all derived from :mod:`smpls.fields` and :mod:`smpls.model`, so the JavaScript never repeats them.
Each part of the page that a script enhances carries ``data-module="form/…"`` (one module per job, wired by
``form.js``). The GB/T 2260 region data is its own hook (``regions.py``; the form leaves a ``regions:source``
marker for it).
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

from mkdocs.exceptions import PluginError

from smpls import limits, notice
from smpls.docx import FILE_NAME_RULE
from smpls.docx.layout import SEAL, SIGNATURE
from smpls.fields import MAX_ROWS_SHOWN, ROWS, FieldSpec, iter_fields
from smpls.model import SCHEMA_VERSION, SECTIONS
from smpls.problems import ADVICE, ERROR

REGION_TARGET = "assets/smpls/data/gb2260.json"  # written by the regions hook
MAX_IMPORT_BYTES = limits.DRAFT_BYTES  # the form reads JSON drafts and .docx up to this (smpls.limits)
#: what a first visit downloads for the checker (MB, the runtime and wheels as served precompressed), shown while
#: it loads; tests/site/test_journey.py holds it to the built site's pyodide/ files
CHECKER_DOWNLOAD_MB = 6

MARKER = re.compile(r"<!--\s*form:([A-Za-z0-9_-]+)\s*-->")

#: the id of a field's element is ID_PREFIX + its path with "." replaced by ID_SEP (the page config says so too)
ID_PREFIX, ID_SEP = "f-", "-"


def row_label(kind: str, number: str) -> str:
    """``第 3 阶段`` / ``第 3 个参加单位``; ``number`` may be the template token ``{n}``."""
    return ROWS[kind].row_label(number)


def _e(text: str) -> str:
    return escape(text, quote=True)


def field_id(path: str) -> str:
    """The element id of a field (its first radio for a choice): ``basic.org_code`` -> ``f-basic-org_code``."""
    return ID_PREFIX + path.replace(".", ID_SEP)


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

    label = f'<label class="smpls-label" for="{fid}">{_e(meta.label)}{mark}</label>'
    # No maxlength anywhere: the notice sets no length, and a cut paste is worse than a long one (a 提示
    # too_long advises above the usual length). data-advised is that length, for the character count.
    advised = meta.advised_length or meta.max_length
    if meta.kind == "textarea":
        rows = 4 if advised <= 500 else 8
        control = (
            f'<textarea class="smpls-input smpls-input--block" id="{fid}" {common} rows="{rows}"'
            f' data-advised="{advised}"{req}></textarea>'
            f'<p class="smpls-charcount" data-count-for="{fid}" aria-hidden="true">建议不超过 {advised} 字</p>'
        )
    else:
        extra = ""
        kind_type = {"email": "email", "tel": "tel"}
        typ = kind_type.get(meta.kind, "text")
        after = ""
        if meta.kind == "yearmonth":
            # A text box, not type=month: 二〇二一年十二月 or 2022年元月 are months too (the paper prints “年 月”).
            extra = ' placeholder="例如 2022-03、2022年3月" autocomplete="off"'
        elif meta.kind == "period":
            extra = ' placeholder="例如 2022年11月、2023年上半年" autocomplete="off"'
        elif meta.kind == "choice":
            # 是/否 offered as a list to pick from; the box takes any answer written in words (“未发生”)
            extra = f' list="{fid}-choices" autocomplete="off"'
            options = "".join(f'<option value="{_e(c)}"></option>' for c in meta.choices)
            after = f'<datalist id="{fid}-choices">{options}</datalist>'
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
        width = " smpls-input--short" if meta.max_length <= 30 and meta.kind != "text" else ""
        control = f'<input class="smpls-input{width}" type="{typ}" id="{fid}" {common}{extra}{req}>{after}'
    return f"<div {attrs}>{label}{hint}{msg}{control}</div>"


def render_row(kind: str, specs: list[FieldSpec], index: str, number: str) -> str:
    """One repeatable row (a schedule stage or a 参加单位); ``index``/``number`` may be template tokens."""
    path = f"{ROWS[kind].list_path}.{index}"
    legend_id = f"{field_id(path)}-legend"
    cells = "".join(render_field(s, _concrete(s, index)) for s in specs)
    vh = f'<span class="smpls-vh">{row_label(kind, number)}</span>'
    actions = (
        '<div class="smpls-row__actions">'
        f'<button type="button" class="smpls-btn smpls-btn--small" data-row-action="up">上移{vh}</button>'
        f'<button type="button" class="smpls-btn smpls-btn--small" data-row-action="down">下移{vh}</button>'
        f'<button type="button" class="smpls-btn smpls-btn--small smpls-btn--warn" data-row-action="remove">'
        f"删除{vh}</button></div>"
    )
    label = row_label(kind, number)
    return (
        f'<li class="smpls-row" data-row="{kind}" data-path="{_e(path)}">'
        f'<fieldset class="smpls-row__box" aria-labelledby="{legend_id}">'
        f'<legend class="smpls-row__title" id="{legend_id}">{label}</legend>'
        f'<div class="smpls-msg" id="{field_id(path)}-msg" data-msg-for="{_e(path)}"></div>'
        f"{cells}{actions}</fieldset></li>"
    )


def render_rows(kind: str, specs: list[FieldSpec], initial: int) -> str:
    scheme = ROWS[kind]
    list_path = scheme.list_path
    rows = "".join(render_row(kind, specs, str(i), str(i + 1)) for i in range(initial))
    template = render_row(kind, specs, "__I__", "__N__")
    return (
        f'<div class="smpls-repeat" data-module="form/rows" data-repeat="{kind}" data-path="{list_path}"'
        f' id="{field_id(list_path)}" tabindex="-1">'
        f'<h3 class="smpls-repeat__title">{_e(scheme.heading)}</h3>'
        f'<p class="smpls-hint">{_e(scheme.hint)}</p>'
        f'<div class="smpls-msg" id="{field_id(list_path)}-msg" data-msg-for="{list_path}"></div>'
        f'<ol class="smpls-rows" data-rows="{kind}">{rows}</ol>'
        f'<template data-row-template="{kind}">{template}</template>'
        f'<button type="button" class="smpls-btn" data-add-row="{kind}">{_e(scheme.add_text)}</button>'
        "</div>"
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
    return (
        f'<section class="smpls-section" id="sec-{key}" data-section="{key}" aria-labelledby="sec-{key}-title">'
        f'<h2 class="smpls-section__title" id="sec-{key}-title" tabindex="-1">{_e(title)}</h2>'
        f'<div class="smpls-msg" id="{field_id(key)}-msg" data-msg-for="{key}"></div>'
        f"{''.join(parts)}</section>"
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
        "maxImportBytes": MAX_IMPORT_BYTES,
        "checkerMB": CHECKER_DOWNLOAD_MB,
        # smpls.docx.docx_filename's rule, so the JSON download is named by the same rule (form/names.js)
        "fileName": {**FILE_NAME_RULE, "draft": "申请书草稿"},
    }


def closed_notice() -> str:
    """The static note that the call is closed (or open) on the day of the build
    (:func:`smpls.notice.status_note`), shown near the downloads."""
    return f'<p class="smpls-closed-note" data-closed-notice>{_e(notice.status_note())}</p>'


def _quoted(clause_id: str, words: str) -> str:
    """The notice's words in a ``<q>``, with a link to the clause: what the notice says, marked as its words."""
    c = notice.clause(clause_id)
    return (
        f'<q cite="../{c.href}">{_e(notice.excerpt(clause_id, words))}</q>（<a href="../{c.href}">{_e(c.label)}</a>）'
    )


def next_steps() -> str:
    """Shown after a Word download: what to do with the file, our words with the notice's quoted (and linked)."""
    roles = "承担单位、参加单位（如有）、保证单位、业务指导单位和管理单位"
    seal, signature = SEAL.rstrip("：:"), SIGNATURE.rstrip("：:")
    return f"""<div class="smpls-next" data-next tabindex="-1" aria-labelledby="smpls-next-title" hidden>
<h4 class="smpls-next__title" id="smpls-next-title">下载 Word 之后</h4>
<p class="smpls-hint">以下步骤是本站的说明；引号里是通知的原文，点括号里的链接可查看该条。</p>
<ol class="smpls-next__steps">
<li>用 Word 或 WPS 打开，逐项核对后打印。通知说：{_quoted("填写说明5", "字迹要工整清晰，可以打印")}。</li>
<li>申请书六为{roles}各留一栏：每栏“{seal}”，由“{signature}”，并写上日期（都在打印后手写）。报送前要各单位同意：{_quoted("三", "经试点承担单位、参加单位、保证单位、业务指导单位及管理单位同意后报送省级标准化行政主管部门")}。</li>
<li>准备 4 份：{_quoted("填写说明5", "本申请书一式4份")}，{_quoted("填写说明5", "其中试点承担单位1份，业务指导单位1份、试点管理单位1份、部级联席办公室1份")}。</li>
<li>报送本省（自治区、直辖市）的标准化行政主管部门（通常是省级市场监督管理局），有疑问也先问它；通知所列的联系方式见<a href="../contacts/">联系方式</a>。本站不受理申请。</li>
</ol>
</div>"""


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
    config_json = json.dumps(page_config(), ensure_ascii=False).replace("</", "<\\/")
    body = "".join(render_section(k, t, s) for k, t, s in sections)
    mb = MAX_IMPORT_BYTES // (1024 * 1024)
    return f"""<div class="smpls-form" id="smpls-form" data-module="runtime/checker form/form lib/basis-dialog">
<script type="application/json" id="smpls-form-config">{config_json}</script>
<div class="smpls-status" data-module="form/status" data-state="loading" role="status">
<p class="smpls-status__text">正在准备检查程序……您可以先开始填写。</p>
<progress class="smpls-status__bar" aria-label="检查程序加载进度"></progress>
</div>
<noscript><p class="smpls-status smpls-status--failed">本页的检查、自动保存和下载需要启用 JavaScript。您仍可以阅读表格的各项内容。</p></noscript>
<div class="smpls-autosave" data-module="form/autosave">
<p class="smpls-note" data-note="restored" hidden></p>
<div class="smpls-privacy" data-privacy hidden>
<div class="smpls-checkbox"><input type="checkbox" id="smpls-no-store" aria-describedby="smpls-no-store-hint">
<label for="smpls-no-store">不在这台电脑上保存草稿</label></div>
<p class="smpls-hint" id="smpls-no-store-hint">适合公用电脑。选择后，这台电脑上已保存的草稿会被删除，以后的修改也不再保存；离开本页前请先“下载草稿文件”，页面会提醒您。</p>
</div>
</div>
<div class="smpls-bar" data-module="form/counts" aria-label="检查结果">
<p class="smpls-counts" aria-live="polite" aria-atomic="true"><span data-counts>尚未检查</span></p>
<button type="button" class="smpls-btn smpls-btn--primary" data-action="check-all">检查全部</button>
<a class="smpls-bar__link smpls-bar__to-summary" href="#smpls-summary" data-to-summary hidden>问题列表</a>
<a class="smpls-bar__link" href="#review">核对信息</a>
<a class="smpls-bar__back" href="#review" data-back hidden>返回核对信息</a>
</div>
<p class="smpls-saved" data-saved aria-live="polite"></p>
<div class="smpls-summary" id="smpls-summary" data-module="form/error-summary" data-summary tabindex="-1" aria-labelledby="smpls-summary-title" hidden>
<h2 class="smpls-summary__title" id="smpls-summary-title">有问题需要修改</h2>
<div class="smpls-summary__body"></div>
</div>
<p class="smpls-success" data-success tabindex="-1" hidden></p>
<nav class="smpls-tasks" id="smpls-tasks" tabindex="-1" data-module="form/tasks" aria-labelledby="smpls-tasks-title">
<h2 class="smpls-tasks__title" id="smpls-tasks-title">填写进度</h2>
<ol class="smpls-tasks__list">{tasks}</ol>
</nav>
<p class="smpls-hint">带 <span class="smpls-req" aria-hidden="true">*</span><span class="smpls-vh">星号</span> 的是必填项。</p>
<form class="smpls-app" id="smpls-app" data-module="form/fields form/inline-messages form/fold" novalidate autocomplete="off" aria-label="申请书">
{body}
</form>
<section class="smpls-review" id="review" aria-labelledby="review-title">
<h2 class="smpls-section__title" id="review-title" tabindex="-1">核对信息</h2>
<p>请逐项核对。点“修改”会跳到该项，改完后点页面上方的“返回核对信息”回到这里。</p>
<div data-module="form/review" data-review-body><noscript><p class="smpls-hint">（核对内容要在浏览器启用 JavaScript 后才能显示。）</p></noscript></div>
<h3>下载与导入</h3>
{closed_notice()}
<div class="smpls-downloads" data-module="form/downloads">
<div class="smpls-actions">
<button type="button" class="smpls-btn smpls-btn--primary" data-action="download-docx">下载 Word 申请书</button>
<button type="button" class="smpls-btn" data-action="download-json">下载草稿文件（.json，可再导入继续填写）</button>
</div>
<p class="smpls-hint">Word 申请书按通知附件的格式排版，需检查程序就绪后才能生成。草稿文件（.json）保存您填写的全部内容，以后可以在这里导入继续填写；在 Word、WPS 或 LibreOffice 里改过的 Word 文件也可以在这里导入。</p>
<p class="smpls-note" data-note="download" role="status"></p>
{next_steps()}
</div>
<div class="smpls-import" data-module="form/import-zone" data-dropzone>
<label class="smpls-label" for="smpls-import-file">导入草稿（草稿文件 .json 或 Word 申请书 .docx）</label>
<p class="smpls-hint" id="smpls-import-hint">选择以前下载的 .json 草稿或 .docx 申请书（不超过 {mb} MB）<span class="smpls-drag-words">，或把文件拖到这个框里</span>。导入会替换当前页面上的内容；替换前的内容会保留，可以撤销。读取 Word 文件需要检查程序就绪。</p>
<input type="file" id="smpls-import-file" accept=".json,application/json,.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" aria-describedby="smpls-import-hint">
<div class="smpls-import__msg" data-note="import" role="status"></div>
</div>
<div class="smpls-clear" data-module="form/clear">
<h3>清空草稿</h3>
<p>清空会删除页面上和这台电脑里保存的全部内容。</p>
<button type="button" class="smpls-btn smpls-btn--warn" data-action="clear">清空草稿</button>
<dialog class="smpls-dialog" id="smpls-clear-dialog" aria-labelledby="smpls-clear-title" aria-describedby="smpls-clear-text">
<h2 id="smpls-clear-title">确定清空草稿吗？</h2>
<p id="smpls-clear-text">页面上填写的全部内容和这台电脑里保存的草稿都会被删除，不能恢复。如果以后还要用，请先“下载草稿文件”。</p>
<div class="smpls-actions">
<button type="button" class="smpls-btn smpls-btn--warn" data-dialog="confirm">清空</button>
<button type="button" class="smpls-btn" data-dialog="cancel">取消</button>
</div>
</dialog>
</div>
</section>
</div>"""


RENDERERS = {"app": render_app}


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in RENDERERS:
            raise PluginError(f"{page.file.src_path}: 未知的标记 form:{name}（可用：{', '.join(sorted(RENDERERS))}）")
        return RENDERERS[name]()

    return MARKER.sub(replace, html)
