# ruff: noqa: E501 - the long lines are the page's HTML and Chinese sentences, kept whole to stay readable
"""Render the self-check (docs/self-check.md) at build time from :mod:`smpls.eligibility`.

Marker in a page (an HTML comment, so the Markdown source stays readable):

``<!-- selfcheck:app -->``
    the whole self-check: one ``<section>`` per condition (clause, verbatim text, link to its explanation on the
    guidance page) with its questions as radio groups (``<fieldset>``/``<legend>``, hint) or a text box, the
    result area (one row per condition, filled by the page's script from the Python verdict), the buttons
    开始填写申请书 / 打印自查结果 / 清空回答, and the dialog that asks before anything in the 申请书 draft is
    replaced. The page therefore shows every question before Python is ready, and without JavaScript.

An unknown ``selfcheck:…`` marker fails the build, and so does a definition the page cannot honour: a condition
whose ``anchor`` is defined on no page of docs/ (checked again in the built HTML), a ``Prefill`` whose path is
not a field of :mod:`smpls.model`, or a prefilled value that is not one of that field's choices.
"""

from __future__ import annotations

import json
import re
import sys
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from smpls.eligibility import CONDITIONS, INFO, MET, NOT_MET, QUESTIONS, UNKNOWN, Condition, Question
from smpls.fields import FieldSpec, field_by_path
from smpls.model import SCHEMA_VERSION, SECTIONS
from smpls.notice import CLAUSES, Clause, clause, excerpt, status_note

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project root, for site_assets.hooks

from site_assets.hooks.markers import replace_markers

STORAGE_KEY = "smpls-self-check"
APPLY_PAGE = "apply.md"
NOTICE_PAGE = "notice.md"
CONTACTS_PAGE = "contacts.md"
#: where a condition's anchor is looked for (a missing anchor fails the build)
GUIDANCE_PAGES = ("conditions.md", "areas.md", "notice.md", "roles.md", "process.md", "faq.md")

_anchor_pages: dict[str, str] = {}  # anchor -> src path of the page that defines it (filled per build)


def _escape(text: str) -> str:
    return escape(text, quote=True)


def _defines(source: str, anchor: str) -> bool:
    a = re.escape(anchor)
    return bool(re.search(r"\{[^}\n]*#" + a + r"[\s}]", source) or re.search(r'\bid="' + a + '"', source))


def find_anchor(docs_dir: Path, anchor: str) -> str:
    """The docs page (src path) that defines ``anchor`` (``{ #anchor }`` or ``id="anchor"``)."""
    for name in GUIDANCE_PAGES:
        path = docs_dir / name
        if path.is_file() and _defines(path.read_text(encoding="utf-8"), anchor):
            return name
    raise PluginError(
        f"selfcheck: 条件的解释锚点 #{anchor} 在 docs/ 的指南页面中不存在（查找了 {', '.join(GUIDANCE_PAGES)}）"
    )


def _target(path: str) -> FieldSpec:
    spec = field_by_path(path)
    if spec is None:
        raise PluginError(f"selfcheck: Prefill 的目标 {path} 不是申请书中的栏目（smpls.model）")
    return spec


def check_definitions() -> None:
    """Fail the build when a question cannot be carried into the form as defined."""
    for q in QUESTIONS:
        if not any(c.id == q.condition for c in CONDITIONS):
            raise PluginError(f"selfcheck: 问题 {q.id} 属于不存在的条件 {q.condition}")
        for pre in q.prefill:
            spec = _target(pre.path)
            if spec.repeat:
                raise PluginError(f"selfcheck: Prefill 的目标 {pre.path} 是可重复行中的栏目，不能带入")
            choices = spec.meta.choices
            bad = [v for v in pre.values.values() if choices and v not in choices]
            if bad:
                raise PluginError(f"selfcheck: {q.id} 带入 {pre.path} 的值 {bad} 不在该栏目的选项 {list(choices)} 中")
            shared = [o for o in q.options if o in choices]
            if choices and shared != [c for c in choices if c in q.options]:
                raise PluginError(
                    f"selfcheck: {q.id} 的选项顺序 {list(q.options)} 应与申请书 {pre.path} 的 {list(choices)} 一致"
                )
    for c in CONDITIONS:
        if not any(q.condition == c.id for q in QUESTIONS):
            raise PluginError(f"selfcheck: 条件 {c.id} 没有问题")


def _info(c: Condition) -> str:
    """Marks what is asked for information only (the page styles it apart: it never enters the verdict)."""
    return ' data-informational=""' if c.informational else ""


def page_order() -> list[Condition]:
    """The conditions of 二 first (they decide the verdict), then what is asked for information only."""
    return sorted(CONDITIONS, key=lambda c: c.informational)


def notice_clause(c: Condition) -> Clause:
    """The clause of :mod:`smpls.notice` a condition quotes (its label is the condition's ``clause``)."""
    found = next((x for x in CLAUSES if x.label == c.clause), None)
    if found is None:
        raise PluginError(f"selfcheck: 条件 {c.id} 引用的 {c.clause} 不是 smpls.notice 中的条款")
    if c.text.strip() not in found.text:
        raise PluginError(f"selfcheck: 条件 {c.id} 的原文与 smpls.notice 中 {c.clause} 的原文不一致")
    return found


def q_id(question: Question, n: int | None = None) -> str:
    """Element id of a question's input (its first radio), or of its n-th radio (0-based)."""
    base = f"sc-{question.id}"
    return base if not n else f"{base}-{n + 1}"


def render_question(q: Question, contacts_href: str = "") -> str:
    hint_id, explain_id = f"{q_id(q)}-hint", f"{q_id(q)}-explain"
    hint = f'<p class="smpls-hint" id="{hint_id}">{_escape(q.hint)}</p>' if q.hint else ""
    if q.explain:
        contacts = f'通知所列的联系方式见<a href="{_escape(contacts_href)}">联系方式</a>。' if contacts_href else ""
        hint += f'<p class="smpls-hint smpls-sc-explain" id="{explain_id}">{_escape(q.explain)}{contacts}</p>'
    ids = " ".join(i for i, on in ((hint_id, q.hint), (explain_id, q.explain)) if on)
    described = f' aria-describedby="{ids}"' if ids else ""
    if q.kind == "text":
        optional = "" if q.required else '<span class="smpls-optional">（选填）</span>'
        return (
            f'<div class="smpls-sc-q smpls-sc-q--text" data-question="{q.id}">'
            f'<label class="smpls-label" for="{q_id(q)}">{_escape(q.text)}{optional}</label>{hint}'
            f'<input class="smpls-input" type="text" id="{q_id(q)}" name="{q.id}"'
            f' autocomplete="off"{described}>'
            f'<p class="smpls-sc-printed" aria-hidden="true"></p></div>'
        )
    radios = "".join(
        f'<div class="smpls-radio"><input type="radio" id="{q_id(q, n)}" name="{q.id}" value="{_escape(opt)}"{described}>'
        f'<label for="{q_id(q, n)}">{_escape(opt)}</label></div>'
        for n, opt in enumerate(q.options)
    )
    return (
        f'<fieldset class="smpls-sc-q" data-question="{q.id}" data-kind="{q.kind}">'
        f'<legend class="smpls-label">{_escape(q.text)}</legend>{hint}'
        f'<div class="smpls-radios smpls-radios--wrap">{radios}</div>'
        f'<p class="smpls-sc-unanswered">（未回答）</p></fieldset>'
    )


def render_condition(c: Condition, href: str, notice_href: str, contacts_href: str = "") -> str:
    questions = "".join(render_question(q, contacts_href) for q in QUESTIONS if q.condition == c.id)
    return (
        f'<section class="smpls-sc-cond" id="sc-cond-{c.id}" data-condition="{c.id}"'
        f'{_info(c)} aria-labelledby="sc-cond-{c.id}-title">'
        f'<h2 id="sc-cond-{c.id}-title"><span class="smpls-sc-clause">{_escape(c.clause)}</span>{_escape(c.title)}</h2>'
        f'<figure class="smpls-quote smpls-sc-quote" data-clause="{_escape(notice_clause(c).id)}">'
        f'<figcaption class="smpls-quote__source">原文 <a class="smpls-cite" href="{_escape(notice_href)}">{_escape(c.clause)}</a></figcaption>'
        f'<blockquote class="smpls-sc-text" cite="{_escape(notice_href)}"><p>{_escape(c.text)}</p></blockquote></figure>'
        f'<p class="smpls-sc-guide"><a href="{_escape(href)}">阅读对{_escape(c.clause)}的解释</a></p>'
        f"{questions}</section>"
    )


def render_result_rows(hrefs: dict[str, str]) -> str:
    rows = []
    for c in page_order():
        rows.append(
            f'<li class="smpls-sc-reason" data-reason="{c.id}" data-status=""'
            f"{_info(c)}>"
            f'<p class="smpls-sc-reason__head"><strong class="smpls-sc-tag" data-tag>{_escape(TEXT["noVerdict"])}</strong>'
            f'<span class="smpls-sc-reason__title">{_escape(c.clause)} {_escape(c.title)}</span></p>'
            f'<p class="smpls-sc-reason__text" data-text>{_escape(TEXT["reasonWaiting"])}</p>'
            f'<p class="smpls-sc-reason__links"><a href="{_escape(hrefs[c.id])}">{_escape(c.clause)}的解释</a>'
            f'<a href="#sc-cond-{c.id}" data-edit>修改这一条的回答</a></p></li>'
        )
    return "".join(rows)


#: The checker's status line ("{message}": the checker's own words).
STATUS = {
    "ready": "检查程序已就绪：每回答一题，结论随即更新。",
    "failed": "检查程序未能运行，因此本页现在无法给出结论。{message} 您的回答仍会保存；可以对照每一条的解释自行判断，或刷新页面重试。",
    "loading": "{message} 您可以先回答问题，结论会在检查程序就绪后显示。",
    "preparing": "正在准备检查程序……您可以先回答问题，结论会在检查程序就绪后显示。",
}
#: Every sentence the page's script writes ({name}: filled in by the script).
TEXT = {
    "noStore": "按您在申请书页面的选择，回答不保存在这台电脑上。",
    "restored": "已恢复您保存在这台电脑上的回答。要重新开始，请点页面底部的“清空回答”。",
    "restoredAt": "已恢复您在 {when} 保存在这台电脑上的回答。要重新开始，请点页面底部的“清空回答”。",
    "saved": "回答已自动保存在本机（{time}）",
    "saveFailed": "无法在这个浏览器中保存回答（本地存储被禁用或已满）。",
    "cleared": "已清空回答，这台电脑上保存的回答也已删除。",
    "noVerdict": "未得出",
    "noVerdictLoading": "检查程序就绪后，这里会显示结论和每一条的理由。",
    "noVerdictFailed": "检查程序未能运行，本页无法给出结论。请对照每一条的解释自行判断，或刷新页面重试。",
    "noVerdictError": "计算结论时出错，本页暂时无法给出结论。{detail} 请刷新页面重试。",
    "badResult": "检查程序返回的结果无法读取。",
    "reasonWaiting": "等待检查程序。",
    "reasonUnknown": "无法判断。",
    "notAnswered": "还没有回答（0/{total}）",
    "notFinished": "还没有答完（{answered}/{total}）",
    "unanswered": "未回答",
    "prompt": "请回答下面的 {total} 个问题，每答一题，结论随即更新。拿不准的可以先选“不确定”。",
    "reasonName": "{clause}（{title}）",
    "carryItem": "“{label}”：{value}",
    "carryNoStore": "您在申请书页面选择了不在这台电脑上保存草稿，所以回答无法自动带入。请在申请书中自己填写：{list}。",
    "carrySaveFailed": "无法写入申请书草稿（这个浏览器的本地存储被禁用或已满）。请在申请书中自己填写：{list}。",
    "carryNotReady": "检查程序还没有就绪，回答暂时无法带入申请书。请稍候再点，或直接去填写申请书。",
    "carryFailed": "检查程序未能运行，回答无法带入申请书。请在申请书中自己填写。",
    "carryCancelled": "已取消：申请书草稿没有任何改动。",
    "carryLink": "去填写申请书",
    "conflictSection": "申请书“{section}”中的栏目",
    "conflictKeep": "保留申请书中的“{value}”",
    "conflictTake": "改为自查回答“{value}”",
    "printTime": "自查时间：{time}",
    "printedAnswer": "答：{answer}",
    "printedNone": "（未回答）",
}


def config_json() -> str:
    """What the page's script needs: no ``good`` answers, so no verdict can be made up in JavaScript."""
    targets: dict[str, dict[str, str]] = {}
    titles = dict(SECTIONS)
    for q in QUESTIONS:
        for pre in q.prefill:
            spec = _target(pre.path)
            targets[pre.path] = {"label": spec.meta.label, "section": titles.get(spec.section, spec.section)}
    config = {
        "storageKey": STORAGE_KEY,
        "schemaVersion": SCHEMA_VERSION,
        "conditions": [{"id": c.id} for c in CONDITIONS],
        # what the page's script reads of a question; what an answer carries into the form is Python's (prefill)
        "questions": [{"id": q.id, "condition": q.condition, "required": q.required} for q in QUESTIONS],
        "targets": targets,
        "words": {"met": MET, "notMet": NOT_MET, "unknown": UNKNOWN, "info": INFO},
        "status": STATUS,
        "text": TEXT,
        "overall": {
            MET: "按您的回答，本单位符合通知二规定的四项基本条件。接下来的步骤见下方。",
            NOT_MET: "按您的回答，{names}不符合通知二规定的基本条件，理由见下方。如果回答有误，请修改。",
            UNKNOWN: "{names}还不能判断：有问题没有回答或答了“不确定”。请按下方的提示逐条确认。",
        },
    }
    return json.dumps(config, ensure_ascii=False).replace("</", "<\\/")


def _quoted(notice_url: str, clause_id: str, words: str) -> str:
    """The notice's words in a ``<q>`` with a link to the clause (:func:`smpls.notice.excerpt` checks them)."""
    c = clause(clause_id)
    href = f"{notice_url}#{c.anchor}"
    return f'<q cite="{_escape(href)}">{_escape(excerpt(clause_id, words))}</q>（<a href="{_escape(href)}">{_escape(c.label)}</a>）'


def next_steps(notice_url: str, apply_href: str, contacts_href: str) -> str:
    """Shown after 符合: what to do next, in our words, with the notice's words quoted."""

    def q(clause_id: str, words: str) -> str:
        return _quoted(notice_url, clause_id, words)

    return f"""<div class="smpls-sc-next" data-next hidden>
<h3 class="smpls-sc-next__title">接下来</h3>
<p class="smpls-hint">以下是本站的说明；引号里是通知原文。</p>
<ol>
<li>请一个保证单位同意为试点作保证：{q("填写说明2", "保证单位可以是地方人民政府，省、自治区、直辖市行业主管部门或者标准化行政主管部门")}。</li>
<li>请一个省级业务指导单位：{q("填写说明3", "业务指导单位为省、自治区、直辖市行业主管部门")}。</li>
<li>管理单位是本省的标准化行政主管部门：{q("填写说明4", "试点管理单位为省、自治区、直辖市标准化行政主管部门")}；有疑问也先问它（<a href="{_escape(contacts_href)}">联系方式</a>）。</li>
<li><a href="{_escape(apply_href)}">填写申请书</a>，下载 Word，打印后各单位盖章、负责人签名，{q("填写说明5", "本申请书一式4份")}，报送省级标准化行政主管部门。</li>
</ol>
</div>"""


def render_app(page: Any, config: Any, files: Any) -> str:
    check_definitions()
    docs_dir = Path(config["docs_dir"])

    def url_of(src: str) -> str:
        file = files.get_file_from_path(src)
        if file is None:
            raise PluginError(f"selfcheck: 找不到页面 {src}")
        return str(get_relative_url(file.url, page.url))

    hrefs: dict[str, str] = {}
    for c in CONDITIONS:
        src = find_anchor(docs_dir, c.anchor)
        _anchor_pages[c.anchor] = src
        hrefs[c.id] = f"{url_of(src)}#{c.anchor}"
    apply_href = url_of(APPLY_PAGE)
    notice_url = url_of(NOTICE_PAGE)
    contacts_href = url_of(CONTACTS_PAGE)
    conditions = "".join(
        render_condition(c, hrefs[c.id], f"{notice_url}#{notice_clause(c).anchor}", contacts_href) for c in page_order()
    )
    return f"""<div class="smpls-sc" id="smpls-sc" data-module="runtime/checker self-check/self-check">
<script type="application/json" id="smpls-sc-config">{config_json()}</script>
<div class="smpls-status smpls-sc-status" data-module="lib/status-line" data-state="loading" role="status">
<p class="smpls-status__text">{_escape(STATUS["preparing"])}</p>
</div>
<noscript><p class="smpls-status smpls-status--failed">本页需要启用 JavaScript 才能得出结论和保存回答。您仍可以阅读下面的问题，对照每一条的解释自行判断。</p></noscript>
<p class="smpls-note" id="smpls-sc-restored" data-note="restored" hidden></p>
<div class="smpls-sc-bar" data-module="self-check/bar" data-bar>
<p class="smpls-sc-bar__verdict" aria-live="polite" aria-atomic="true">自查结论：<strong class="smpls-sc-tag" data-bar-verdict>{_escape(TEXT["noVerdict"])}</strong></p>
<a class="smpls-sc-bar__link" href="#sc-result">查看理由</a>
</div>
<form class="smpls-sc-form" id="smpls-sc-form" data-module="self-check/answers" novalidate autocomplete="off" aria-label="自查问题">
{conditions}
</form>
<p class="smpls-saved smpls-sc-saved" data-module="self-check/autosave" data-restored-note="smpls-sc-restored" data-saved aria-live="polite"></p>
<section class="smpls-sc-result" id="sc-result" data-module="self-check/verdict" data-result data-overall="" aria-labelledby="sc-result-title">
<h2 id="sc-result-title" tabindex="-1">自查结果</h2>
<p class="smpls-sc-printtime" data-printtime hidden></p>
<div class="smpls-sc-overall" data-overall-box>
<p class="smpls-sc-overall__verdict">结论：<strong data-verdict>{_escape(TEXT["noVerdict"])}</strong></p>
<p class="smpls-sc-overall__text" data-overall-text>{_escape(TEXT["noVerdictLoading"])}</p>
</div>
<p class="smpls-sc-closed" data-closed>{_escape(status_note())}</p>
<ol class="smpls-sc-reasons" data-reasons>{render_result_rows(hrefs)}</ol>
{next_steps(notice_url, apply_href, contacts_href)}
<p class="smpls-hint smpls-sc-disclaimer">自查结论只是帮助您对照通知的条件，不代表审核结果；是否推荐由省级标准化行政主管部门审核决定。</p>
<div class="smpls-actions smpls-sc-actions">
<a class="smpls-btn smpls-btn--primary" href="{_escape(apply_href)}" data-action="start" data-module="self-check/carry" data-dialog-id="smpls-sc-dialog" data-note-id="smpls-sc-carry-note">开始填写申请书</a>
<button type="button" class="smpls-btn" data-action="print" data-module="self-check/print">打印自查结果</button>
<button type="button" class="smpls-btn" data-action="clear" data-module="self-check/clear">清空回答</button>
</div>
<p class="smpls-hint smpls-sc-carryhint">点“开始填写申请书”会把相关回答（如事故情况、标准化机构名称）带入申请书草稿；申请书中已填写的不同内容会先询问您，不会直接替换。</p>
<p class="smpls-note" id="smpls-sc-carry-note" data-note="carry" role="status"></p>
</section>
<dialog class="smpls-dialog smpls-sc-dialog" id="smpls-sc-dialog" aria-labelledby="smpls-sc-dialog-title" aria-describedby="smpls-sc-dialog-text">
<h2 id="smpls-sc-dialog-title">申请书草稿中已有不同的内容</h2>
<p id="smpls-sc-dialog-text">下面的栏目在申请书草稿中已经填写，和您的自查回答不同。请逐项选择要保留的内容：</p>
<div class="smpls-sc-conflicts" data-conflicts></div>
<div class="smpls-actions">
<button type="button" class="smpls-btn smpls-btn--primary" data-dialog="confirm">按所选内容填入，去填写申请书</button>
<button type="button" class="smpls-btn" data-dialog="cancel">取消</button>
</div>
</dialog>
</div>"""


RENDERERS = {"app": render_app}


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    renderers = {name: (lambda fn=fn: fn(page, config, files)) for name, fn in RENDERERS.items()}
    return replace_markers(html, "selfcheck", page, renderers)


def on_post_build(config: Any, **kwargs: Any) -> None:
    """The anchors the self-check links to must exist in the built pages, not only in the Markdown."""
    site = Path(config["site_dir"])
    for anchor, src in _anchor_pages.items():
        stem = src.removesuffix(".md")
        candidates = [site / stem / "index.html", site / f"{stem}.html"]
        html = next((p.read_text(encoding="utf-8") for p in candidates if p.is_file()), None)
        if html is None or f'id="{anchor}"' not in html:
            raise PluginError(f'selfcheck: 构建后的 {src} 中没有 id="{anchor}"，自查页面的解释链接会失效')
