# ruff: noqa: E501 - the long lines are the page's HTML and Chinese sentences, kept whole to stay readable
"""Write the notice's data (:mod:`smpls.notice`) into the pages at build time: its words are typed once, there.

Markers in docs/*.md (HTML comments, expanded before the Markdown is rendered):

``<!-- notice:clause ID -->``
    notice.md only: the clause verbatim with its anchor from the data: a heading for the parts 一…四 and the
    申请书 sections (its sub-clauses 二（一）… follow as paragraphs), a paragraph otherwise. Every clause of
    :data:`smpls.notice.CLAUSES` must be rendered there exactly once.
``<!-- notice:quote ID -->`` / ``<!-- notice:quote ID | 摘录 -->`` (on a line of its own)
    a quotation block: the clause (or the excerpt; ``……`` marks what is left out) captioned 原文 with the
    clause's label linked to its anchor on the notice page.
``<!-- notice:q ID | 摘录 -->`` (inline)
    “摘录”（label linked to the anchor）. An excerpt may say ``{deadline}`` and ``{focus_areas}`` instead of typing
    them (:data:`DATA_IN_EXCERPTS`).
``<!-- notice:facts -->`` / ``<!-- notice:contacts -->``
    the home page's key facts and the contacts page's table, from :data:`smpls.notice.FACTS`, each row citing
    the clause it comes from.

``<!-- notice:preamble -->`` (and ``head``, ``attachment``, ``signature``)
    notice.md only: the salutation and the paragraph before 一 (:attr:`smpls.notice.Notice.preamble`), the
    document's head, the attachment line and the signature; the page's description comes from the facts too.

Every page also gets the state of the call, closed or open on the day of the build
(:func:`smpls.notice.status_note`), through the Jinja global ``smpls_closed_notice`` that
``site_assets/overrides/main.html`` puts in the announcement bar: static HTML, no script needed.

An unknown marker, an unknown clause id, an excerpt that is not in its clause, or a clause missing from the
notice page fails the build.
"""

from __future__ import annotations

import re
from datetime import date
from html import escape
from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from smpls.notice import CLAUSES, FACTS, NOTICE, PARTS, Clause, clause, cn_date, status_note

NOTICE_PAGE = "notice.md"
MARKER = re.compile(r"<!--\s*notice:(\S+)(?:\s+(.*?))?\s*-->")
BLOCK_MARKER = re.compile(r"^<!--\s*notice:quote\s+(.*?)\s*-->[ \t]*$", re.MULTILINE)
URL = re.compile(r"<(https?://[^>\s]+)>")
ELLIPSIS = "……"

_rendered: dict[str, int] = {}  # clause id -> times rendered on the notice page (filled per build)


def _escape(text: str) -> str:
    """``text`` escaped for HTML (quotes too, so it may stand in an attribute)."""
    return escape(text, quote=True)


def _inline(text: str) -> str:
    """Escaped clause text; the seed's ``<http://…>`` becomes a link showing the address."""
    out, last = [], 0
    for m in URL.finditer(text):
        out.append(_escape(text[last : m.start()]))
        out.append(f'<a href="{_escape(m.group(1))}">{_escape(m.group(1))}</a>')
        last = m.end()
    out.append(_escape(text[last:]))
    return "".join(out)


def plain(text: str) -> str:
    """The clause text as a reader sees it (without the seed's ``<…>`` around the address)."""
    return URL.sub(r"\1", text)


def _clause(id_: str, where: str) -> Clause:
    try:
        return clause(id_.strip())
    except KeyError:
        known = "、".join(c.id for c in CLAUSES)
        raise PluginError(f"{where}: 通知中没有条款 {id_!r}（可用：{known}）") from None


#: the facts an excerpt takes from the notice's data instead of typing them, so that a page quoting the deadline
#: or the focus areas serves any batch: ``{deadline}`` (2021年12月20日), ``{focus_areas}`` (优化营商环境、……)
DATA_IN_EXCERPTS = {
    "{deadline}": lambda: cn_date(FACTS.deadline),
    "{focus_areas}": lambda: "、".join(NOTICE.focus_areas),
}


def _excerpt(c: Clause, excerpt: str, where: str) -> str:
    """``excerpt`` (its :data:`DATA_IN_EXCERPTS` filled in) if each piece between ``……`` is in the clause, in
    order; otherwise the build fails."""
    for name, value in DATA_IN_EXCERPTS.items():
        excerpt = excerpt.replace(name, value())
    text, pos = plain(c.text).replace("\n", ""), 0
    for piece in excerpt.split(ELLIPSIS):
        found = text.find(piece, pos) if piece else pos
        if found < 0:
            raise PluginError(f"{where}: “{piece}”不是{c.label}的原文（或顺序不对）")
        pos = found + len(piece)
    return excerpt


def _href(page: Any, files: Any, c: Clause) -> str:
    if page.file.src_uri == NOTICE_PAGE:
        return f"#{c.anchor}"
    notice = files.get_file_from_path(NOTICE_PAGE)
    if notice is None:
        raise PluginError(f"notice_data: 找不到 {NOTICE_PAGE}")
    return f"{get_relative_url(notice.url, page.file.url)}#{c.anchor}"


def _cite(page: Any, files: Any, c: Clause) -> str:
    return f'<a class="smpls-cite" href="{_escape(_href(page, files, c))}">{_escape(c.label)}</a>'


# ---------------------------------------------------------------- the notice page


def _children(c: Clause) -> list[Clause]:
    return [x for x in CLAUSES if x.id.startswith(f"{c.id}（")]


def _paragraphs(c: Clause) -> str:
    """A part's body: sentences as paragraphs; the short lines after them (contacts) kept together."""
    lines = [ln for ln in c.text.split("\n") if ln.strip()]
    body = [ln for ln in lines if ln.endswith(("。", "；"))]
    rest = [ln for ln in lines if ln not in body]
    html = "\n\n".join(f"<p>{_inline(ln)}</p>" for ln in body)
    if rest:
        html += '\n\n<div class="smpls-contacts">' + "".join(f"<p>{_inline(ln)}</p>" for ln in rest) + "</div>"
    return html


def render_clause(c: Clause) -> str:
    """Markdown (headings, so they reach the table of contents) and HTML for one clause of the notice page."""
    _rendered[c.id] = _rendered.get(c.id, 0) + 1
    if c.id in PARTS:
        children = _children(c)
        for child in children:
            _rendered[child.id] = _rendered.get(child.id, 0) + 1
        body = (
            "\n\n".join(
                f'<p id="{child.anchor}">（{child.id[len(c.id) + 1 :]}{_inline(child.text)}</p>' for child in children
            )
            if children
            else _paragraphs(c)
        )
        return f"## {c.id}、{c.title} {{ #{c.anchor} }}\n\n{body}\n"
    if c.id.startswith("申请书"):
        return f"### {c.text} {{ #{c.anchor} }}\n"
    if c.id.startswith("填写说明"):
        return f'<p id="{c.anchor}">{c.id.removeprefix("填写说明")}. {_inline(c.text)}</p>\n'
    if c.id == "封面":
        lines = "".join(
            "<p>" + _inline(ln).replace("_____", '<span class="smpls-blank">_____</span>') + "</p>"
            for ln in c.text.split("\n")
        )
        return f'<div class="smpls-cover" id="{c.anchor}">{lines}</div>\n'
    raise PluginError(f"notice_data: 不知道如何在通知页排出条款 {c.id}")


def render_preamble() -> str:
    """The salutation and the paragraph before 一 (Markdown: the salutation's lines joined by ``<br>``)."""
    return "<br>\n".join(_escape(line) for line in NOTICE.addressees) + f"\n\n{_escape(NOTICE.preamble)}\n"


def render_head() -> str:
    return (
        f'<div class="smpls-doc-head"><p class="smpls-doc-issuer">{_escape(FACTS.issuer)}文件</p>'
        f'<p class="smpls-doc-number">{_escape(FACTS.doc_number)}</p></div>\n\n# {_escape(FACTS.title)} {{ #notice }}\n'
    )


def render_signature() -> str:
    return f'<div class="smpls-signature"><p>{_escape(FACTS.issuer)}</p><p>{_escape(cn_date(FACTS.issued))}</p></div>\n'


def render_attachment() -> str:
    return f'<p>附件：<a href="#attachment">{_escape(FACTS.attachment)}</a></p>\n'


PAGE_PARTS = {
    "head": render_head,
    "preamble": render_preamble,
    "signature": render_signature,
    "attachment": render_attachment,
}


# ---------------------------------------------------------------- quotations on the guidance pages


def render_quote(args: str, page: Any, files: Any) -> str:
    where = page.file.src_uri
    id_, _, excerpt = args.partition("|")
    c = _clause(id_, where)
    href = _href(page, files, c)
    if excerpt.strip():
        paras = [_excerpt(c, excerpt.strip(), where)]
    elif _children(c):
        paras = [f"（{x.id[len(c.id) + 1 :]}{x.text}" for x in _children(c)]
    else:
        paras = [ln for ln in c.text.split("\n") if ln.strip()]
    body = "".join(f"<p>{_inline(p)}</p>" for p in paras)
    return (
        f'<figure class="smpls-quote" data-clause="{_escape(c.id)}">'
        f'<figcaption class="smpls-quote__source">原文 <a class="smpls-cite" href="{_escape(href)}">{_escape(c.label)}</a></figcaption>'
        f'<blockquote cite="{_escape(href)}">{body}</blockquote></figure>'
    )


def render_q(args: str, page: Any, files: Any) -> str:
    where = page.file.src_uri
    id_, sep, excerpt = args.partition("|")
    if not sep or not excerpt.strip():
        raise PluginError(f"{where}: notice:q 需要摘录：<!-- notice:q 条款 | 原文摘录 -->")
    c = _clause(id_, where)
    text = _excerpt(c, excerpt.strip(), where)
    return f'<span class="smpls-q" data-clause="{_escape(c.id)}">“{_inline(text)}”（{_cite(page, files, c)}）</span>'


# ---------------------------------------------------------------- key facts


def _table(page: Any, files: Any, rows: list[tuple[str, str, Clause | None]]) -> str:
    """Two columns (项目, 内容); under each value, where in the notice it comes from, linked."""
    notice = files.get_file_from_path(NOTICE_PAGE)
    top = f"{get_relative_url(notice.url, page.file.url)}#notice"
    head_link = f'<a class="smpls-cite" href="{_escape(top)}">文头</a>'
    body = "".join(
        f'<tr><th scope="row">{_escape(name)}</th><td>{value}'
        f'<span class="smpls-facts-source">出处：{_cite(page, files, c) if c else head_link}</span></td></tr>'
        for name, value, c in rows
    )
    return (
        '<div class="smpls-facts-wrap"><table><thead><tr><th scope="col">项目</th><th scope="col">内容</th></tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _tel(number: str, area: str) -> str:
    digits = re.sub(r"\D", "", number)
    full = digits if digits.startswith("0") else area + digits
    return f'<a href="tel:+86{full[1:]}">{_escape(number)}</a>'


def render_facts(page: Any, files: Any) -> str:
    rows: list[tuple[str, str, Clause | None]] = [
        ("文号", _escape(FACTS.doc_number), None),
        ("发文单位", _escape(FACTS.issuer), None),
        ("发文日期", _escape(cn_date(FACTS.issued)), None),
        ("征集内容", _escape(FACTS.subject), None),
        (
            "清单和材料报送截止",
            # whose deadline: 通知四 asks the provincial offices and the 成员单位, not the applicants
            f"{_escape(cn_date(FACTS.deadline))}前（{NOTICE.deadline_state(date.today())}）：省级标准化行政主管部门和联席会议成员单位将推荐的试点项目清单"
            "和相关材料（纸质版）报送联席办公室。",
            clause("四"),
        ),
        (
            "管理信息系统",
            f'{_escape(FACTS.system_name)}（<a href="{_escape(FACTS.system_url)}">{_escape(FACTS.system_url)}</a>）',
            clause("三"),
        ),
        ("联系人", _escape(FACTS.contact_people), clause("四")),
        ("联系方式", _escape(FACTS.contacts), clause("四")),
        ("附件", _escape(FACTS.attachment), clause("封面")),
    ]
    return _table(page, files, rows)


def render_contacts(page: Any, files: Any) -> str:
    phones = FACTS.contact_phones.split("、")
    area = re.sub(r"\D", "", phones[0].partition("-")[0]) if "-" in phones[0] else ""
    links = "、".join(_tel(p, area) for p in phones)
    rows: list[tuple[str, str, Clause | None]] = [
        ("联系人", _escape(FACTS.contact_people), clause("四")),
        ("电话", links + (f"（区号 {area}）" if area else ""), clause("四")),
        ("传真", _escape(FACTS.contact_fax), clause("四")),
        ("地址", _escape(FACTS.address), clause("四")),
        ("邮政编码", _escape(FACTS.postcode), clause("四")),
        ("管理信息系统", f'<a href="{_escape(FACTS.system_url)}">{_escape(FACTS.system_url)}</a>', clause("三")),
    ]
    return _table(page, files, rows)


# ---------------------------------------------------------------- hooks


def status_html() -> str:
    """:func:`~smpls.notice.status_note` as HTML, its first sentence (the call closed on …) in bold."""
    text = status_note()
    first, sep, rest = text.partition("。")
    return f"<strong>{_escape(first + sep)}</strong>{_escape(rest)}" if sep else _escape(text)


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.globals["smpls_closed_notice"] = Markup(status_html())
    return env


def on_pre_build(config: Any) -> None:
    _rendered.clear()


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    where = page.file.src_uri
    if where == NOTICE_PAGE:
        page.meta["description"] = f"{FACTS.title}（{FACTS.doc_number}）全文及附件申请书。"
    markdown = BLOCK_MARKER.sub(lambda m: "\n" + render_quote(m.group(1), page, files) + "\n", markdown)

    def replace(m: re.Match[str]) -> str:
        name, args = m.group(1), (m.group(2) or "").strip()
        if name == "clause":
            if where != NOTICE_PAGE:
                raise PluginError(f"{where}: notice:clause 只用在 {NOTICE_PAGE}；其他页面请用 notice:quote 或 notice:q")
            return render_clause(_clause(args, where))
        if name == "q":
            return render_q(args, page, files)
        if name == "quote":
            raise PluginError(f"{where}: notice:quote 要单独占一行（行首，不缩进）")
        if name in PAGE_PARTS:
            if where != NOTICE_PAGE:
                raise PluginError(f"{where}: notice:{name} 只用在 {NOTICE_PAGE}")
            return PAGE_PARTS[name]()
        if name == "facts":
            return render_facts(page, files)
        if name == "contacts":
            return render_contacts(page, files)
        raise PluginError(
            f"{where}: 未知的标记 notice:{name}（可用：clause、quote、q、facts、contacts、{'、'.join(PAGE_PARTS)}）"
        )

    return MARKER.sub(replace, markdown)


def on_post_build(config: Any) -> None:
    """Every clause is on the notice page exactly once, so each anchor the site links to exists."""
    wrong = [f"{c.id}（{_rendered.get(c.id, 0)} 次）" for c in CLAUSES if _rendered.get(c.id, 0) != 1]
    if wrong:
        raise PluginError(
            f"notice_data: {NOTICE_PAGE} 中每个条款要恰好出现一次（<!-- notice:clause ID -->），这些不是：{'、'.join(wrong)}"
        )
