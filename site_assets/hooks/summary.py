# ruff: noqa: E501 - the long lines are the page's HTML and Chinese sentences, kept whole to stay readable
"""Render the 汇总推荐项目 page shell (docs/summary.md, marker ``<!-- summary:app -->``) at build time.

The table's columns, the list's title and the export file names come from :mod:`smpls.summary` and
:mod:`smpls.summary_export` and are written into the page as JSON config (``#smpls-summary-config``), so
the page's script (site_assets/js/rollup/) never repeats a label or a sentence. An unknown ``summary:…`` marker fails the build.
"""

from __future__ import annotations

import json
import sys
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from smpls import limits
from smpls.problems import ADVICE, ERROR
from smpls.summary import COLUMNS, ERROR_MARK, MAX_FILES, SUFFIXES, Entry, too_many_message
from smpls.summary_export import FILENAME, PLACEHOLDER_REGION, PROBLEMS_FILENAME, title

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project root, for site_assets.hooks

from site_assets.hooks.markers import replace_markers

# In docs/summary.md a link to a clause of the notice is written notice.md#clause:三 and gets the clause's anchor
# from smpls.notice (contract 2), so it follows the notice page.


def _escape(text: str) -> str:
    return escape(text, quote=True)


# smpls.summary's sentences with numbers become the page's templates: these two stand for {total} and {room}.
_TOTAL, _ROOM = 987_654_321, 876_543_219


def _template(text: str) -> str:
    return text.replace(str(_TOTAL), "{total}").replace(str(_ROOM), "{room}")


#: The checker's status line ("{message}": the checker's own words).
STATUS = {
    "ready": "检查程序已就绪。",
    "failed": "{message} 已保存的列表仍可查看和排序。",
    "loading": "{message}",
    "preparing": "正在准备检查程序……您可以先选择文件。",
}
#: Every sentence and word the page's script writes ({name}: filled in by the script).
TEXT = {
    "restored": "已恢复上次的列表（{count} 个文件，保存于 {time}）。",
    "noStoreOn": "这台电脑上不再保存汇总列表和申请书草稿。离开本页前请先导出。",
    "saveFailed": "无法在这台电脑上保存列表（浏览器的存储已满或被禁用）。离开本页前请先导出。",
    "progress": "正在检查 {done} / {total} 个文件…",
    "unreadableFile": "浏览器无法读取这个文件（可能已被移动或删除）。",
    "notChecked": "没有检查：{message}",
    "added": "已添加 {added} 个文件。",
    "addedWithBad": "已添加 {added} 个文件；列表中有 {bad} 个无法读取的文件，见表中说明。",
    "outsideItem": "{message}（依据：{basis}）",
    "countsEmpty": "还没有添加申请书。",
    "counts": "共 {files} 个文件：列入清单 {kept} 项（其中 {withErrors} 项有错误；{error} {errors} 个，{advice} {advices} 个）",
    "countsExcluded": "，已排除 {n} 项",
    "countsBad": "，无法读取 {n} 个",
    "countsEnd": "。",
    "excluded": "已排除",
    "unreadableTag": "无法读取",
    "duplicateTag": "可能重复",
    "outsideTag": "不在本省",
    "noProblems": "没有问题",
    "problems": "问题（{n}）",
    "unread": "未读入（{n}）",
    "problemsSpoken": "问题（{n} 个）",
    "unreadSpoken": "没有读入的文字（{n} 处）",
    "problemsLabel": "{label}的{spoken}",
    "up": "上移",
    "down": "下移",
    "exclude": "排除",
    "restore": "恢复",
    "remove": "移除",
    "opLabel": "{op}：{label}",
    "moved": "已把“{label}”{op}到第 {row} 行。",
    "problemList": "{name}的问题",
    "unplacedTitle": "Word 文件中没有读入任何一栏的文字（{n} 处），请核对是否漏填或填错了位置：",
    "unplacedList": "{name}没有读入的文字",
    "exportEmpty": "清单是空的：请先添加能读取的申请书（或恢复被排除的）。",
    "exporting": "正在生成…",
    "exported": "已生成 {name}（{what}）。",
    "exportFailed": "未能生成：{message}",
    "exportedLeftOut": "列入 {listed} 项；另有 {marked} 项有{error}，没有列入，清单中写明了份数",
    "exportedMarked": "{kept} 项，其中 {marked} 项有{error}，已标注",
    "exportedAll": "{kept} 项",
    "cleared": "列表已清空。",
}


def _column(key: str) -> str:
    if not any(c.key == key for c in COLUMNS):
        raise PluginError(f"summary: smpls.summary.COLUMNS 中没有列 {key}")
    return key


def config() -> dict[str, Any]:
    return {
        "columns": [{"key": c.key, "label": c.label, "official": c.official} for c in COLUMNS],
        "levels": {"error": ERROR, "advice": ADVICE},
        "limits": limits.page_config(),
        "accept": list(SUFFIXES),
        "filenames": {"xlsx": FILENAME, "docx": FILENAME, "csv": FILENAME, "problems": PROBLEMS_FILENAME},
        "storageKey": "smpls-summary",
        "batch": 20,
        "placeholderRegion": PLACEHOLDER_REGION,
        "titleRest": title("").removeprefix(PLACEHOLDER_REGION),
        "tooMany": {"some": _template(too_many_message(_TOTAL, _ROOM)), "none": _template(too_many_message(_TOTAL, 0))},
        "unreadable": Entry("", "", False, counts={ERROR: 0, ADVICE: 0}).to_dict(),
        "status": STATUS,
        "text": TEXT,
        "nameColumn": _column("pilot_name"),  # names a row in its buttons; tagged 可能重复
        "provinceColumn": _column("province"),  # tagged 不在本省
    }


def render_app() -> str:
    cfg = config()
    config_json = json.dumps(cfg, ensure_ascii=False).replace("</", "<\\/")
    accept = ",".join(cfg["accept"])
    sizes = f"草稿不超过 {limits.mb(limits.DRAFT_BYTES)}，Word 文件不超过 {limits.mb(limits.WORD_BYTES)}"
    ours = '<div class="admonition ours"><p class="admonition-title">本站说明</p>{}</div>'
    heads = "".join(
        f'<th scope="col" data-col="{c.key}">{_escape(c.label)}</th>'
        if c.key == "seq"
        else f'<th scope="col" data-col="{c.key}" aria-sort="none"><button type="button" class="smpls-sum__sort" data-sort="{c.key}">{_escape(c.label)}<span class="smpls-vh">，点击排序</span></button></th>'
        for c in COLUMNS
    )
    return f"""<div class="smpls-sum" id="smpls-summary" data-module="runtime/checker rollup/rollup lib/basis-dialog">
<script type="application/json" id="smpls-summary-config">{config_json}</script>
<div class="smpls-sum__drop" data-module="rollup/add" data-dropzone>
<h2 class="smpls-sum__h" id="smpls-sum-add">添加申请书</h2>
<p class="smpls-hint" id="smpls-sum-hint">可一次选择多个文件或整个文件夹<span class="smpls-drag-words">，也可以把文件、文件夹拖到这个框里</span>。可读取申请书草稿（.json）和 Word 申请书（.docx），{_escape(sizes)}，一次最多 {MAX_FILES} 个。旧版 Word（.doc）和 WPS（.wps）文件会列出并说明如何另存为 .docx。同一文件重复添加时只保留一份。</p>
<div class="smpls-actions">
<label class="smpls-btn smpls-btn--primary smpls-sum__pick" for="smpls-sum-files">选择文件</label>
<input class="smpls-sum__input" type="file" id="smpls-sum-files" multiple accept="{_escape(accept)}" aria-describedby="smpls-sum-hint">
<label class="smpls-btn smpls-sum__pick" for="smpls-sum-folder">选择文件夹</label>
<input class="smpls-sum__input" type="file" id="smpls-sum-folder" webkitdirectory multiple aria-describedby="smpls-sum-hint">
</div>
<div class="smpls-sum__progress" data-progress hidden>
<progress max="1" value="0" aria-labelledby="smpls-sum-progress-text"></progress>
<p id="smpls-sum-progress-text" aria-live="polite"></p>
</div>
</div>
<div class="smpls-status" data-module="lib/status-line" data-state="loading" role="status">
<p class="smpls-status__text">{_escape(STATUS["preparing"])}</p>
</div>
<noscript><p class="smpls-status smpls-status--failed">本页的检查、汇总和导出需要启用 JavaScript。</p></noscript>
<p class="smpls-note" data-module="rollup/restored" data-note="restored" hidden></p>
<div class="smpls-privacy" data-module="rollup/privacy" data-privacy hidden>
<div class="smpls-checkbox"><input type="checkbox" id="smpls-sum-no-store" aria-describedby="smpls-sum-no-store-hint">
<label for="smpls-sum-no-store">不在这台电脑上保存</label></div>
<p class="smpls-hint" id="smpls-sum-no-store-hint">与“填写申请书”页是同一个选择。选择后，这台电脑上保存的汇总列表和申请书草稿都会被删除，以后也不再保存；离开本页前请先导出，页面会提醒您。</p>
</div>
<div class="smpls-sum__notes" data-module="rollup/notes" data-notes role="status" aria-live="polite"></div>
<div class="smpls-sum__dups" data-module="rollup/duplicates" data-dups tabindex="-1" aria-labelledby="smpls-sum-dups-title" hidden>
<h2 class="smpls-sum__h" id="smpls-sum-dups-title">可能重复</h2>
<ul></ul>
</div>
<div class="smpls-sum__dups" data-module="rollup/outside" data-outside tabindex="-1" aria-labelledby="smpls-sum-outside-title" hidden>
<h2 class="smpls-sum__h" id="smpls-sum-outside-title">注册地不在本省（区、市）（{_escape(ADVICE)}）</h2>
<ul></ul>
</div>
<h2 class="smpls-sum__h smpls-sum__title" id="smpls-sum-title" data-module="rollup/title" data-title>{_escape(title(""))}</h2>
<p class="smpls-counts" data-module="rollup/counts" data-counts aria-live="polite">{_escape(TEXT["countsEmpty"])}</p>
<p class="smpls-hint smpls-sum__how">可以点列标题排序，或用每行的“上移”“下移”调整顺序；“排除”的申请书不列入导出的清单。点“问题”查看这份申请书的错误和提示及其依据，以及 Word 文件中没有读入任何一栏的文字。</p>
{ours.format("<p>通知没有规定推荐项目清单的格式和排序。本站把表中的顺序作为推荐顺序，导出时按这个顺序编序号；这只是本站的做法，请按本省的审核结果排序。</p>")}
<div class="smpls-sum__wrap" tabindex="0" role="region" aria-labelledby="smpls-sum-title">
<table class="smpls-sum__table" data-module="rollup/table">
<thead><tr>{heads}<th scope="col" class="smpls-sum__ops">操作</th></tr></thead>
<tbody data-rows></tbody>
</table>
</div>
<section class="smpls-sum__export" data-module="rollup/export" aria-labelledby="smpls-sum-export-title">
<h2 class="smpls-sum__h" id="smpls-sum-export-title">导出</h2>
<p class="smpls-hint">导出的文件只含未排除、能读取的申请书，按当前顺序编序号。</p>
<div class="smpls-sum__fields" data-module="rollup/meta">
<div class="smpls-field"><label class="smpls-label" for="smpls-sum-region">省（区、市）</label>
<p class="smpls-hint" id="smpls-sum-region-hint">用于清单标题，例如“浙江省”；留空时标题写“{_escape(PLACEHOLDER_REGION)}”。填写后，法人注册地址在别的省（区、市）的申请书会得到一条{_escape(ADVICE)}。</p>
<input class="smpls-input" type="text" id="smpls-sum-region" maxlength="40" data-meta="region" aria-describedby="smpls-sum-region-hint"></div>
<div class="smpls-field"><label class="smpls-label" for="smpls-sum-member">联席会议成员单位（成员单位报送时填写）</label>
<p class="smpls-hint" id="smpls-sum-member-hint">填写本单位名称后，清单标题写这个名称，不再写省（区、市），也不核对注册地（通知三：成员单位可直接报送联席办公室）。</p>
<input class="smpls-input" type="text" id="smpls-sum-member" maxlength="60" data-meta="member" aria-describedby="smpls-sum-member-hint"></div>
<div class="smpls-field"><label class="smpls-label" for="smpls-sum-office">报送单位</label>
<p class="smpls-hint" id="smpls-sum-office-hint">例如“××省市场监督管理局”；留空时 Word 中留一条横线手写。</p>
<input class="smpls-input" type="text" id="smpls-sum-office" maxlength="60" data-meta="office" aria-describedby="smpls-sum-office-hint"></div>
<div class="smpls-field"><label class="smpls-label" for="smpls-sum-date">落款日期</label>
<p class="smpls-hint" id="smpls-sum-date-hint">留空时 Word 中留“　　年　　月　　日”手写。</p>
<input class="smpls-input" type="date" id="smpls-sum-date" data-meta="date" aria-describedby="smpls-sum-date-hint"></div>
</div>
<h3 id="smpls-sum-word">报送用：Word 推荐项目清单</h3>
<p class="smpls-hint">可打印的清单（序号至联系电话，A4 横向），随纸质材料报送联席办公室。通知写的是省级标准化行政主管部门“审核通过后”提交，所以默认只列没有{_escape(ERROR)}的申请书，并在清单中写明没有列入的份数。</p>
{ours.format("<p>清单末尾的“报送单位（盖章）”和落款日期是本站拟的格式；通知只要求报送清单和相关材料（纸质版），没有规定清单的格式和是否盖章。</p>")}
<div class="smpls-checkbox"><input type="checkbox" id="smpls-sum-with-errors" aria-describedby="smpls-sum-with-errors-hint">
<label for="smpls-sum-with-errors">Word 清单也列入有{_escape(ERROR)}的申请书</label></div>
<p class="smpls-hint" id="smpls-sum-with-errors-hint">列入的在试点名称后注“{_escape(ERROR_MARK)}”。</p>
<div class="smpls-actions">
<button type="button" class="smpls-btn smpls-btn--primary" data-export="docx">下载 Word 清单（{_escape(FILENAME)}.docx）</button>
<button type="button" class="smpls-btn" data-action="print">打印本页的表</button>
</div>
<h3 id="smpls-sum-sheet">工作用：Excel 工作表</h3>
<p class="smpls-hint">含全部能读取的申请书和全部列（文件名、{_escape(ERROR)}和{_escape(ADVICE)}数、法人注册地址），便于筛选、核对，不用于报送。CSV 的内容相同，供其他程序读取。</p>
<div class="smpls-actions">
<button type="button" class="smpls-btn" data-export="xlsx">下载 Excel（{_escape(FILENAME)}.xlsx）</button>
<button type="button" class="smpls-btn" data-export="csv">下载 CSV</button>
</div>
<h3 id="smpls-sum-problems">发回申请单位：问题清单</h3>
<p class="smpls-hint">每份申请书的{_escape(ERROR)}和{_escape(ADVICE)}，每条注明栏目和依据，以及 Word 文件中没有读入的文字；可发给申请单位修改。</p>
<div class="smpls-actions">
<button type="button" class="smpls-btn" data-export="problems">下载问题清单（{_escape(PROBLEMS_FILENAME)}.docx）</button>
</div>
<p class="smpls-note" data-note="export" role="status"></p>
<p class="smpls-hint">导出文件的格式都是本站拟的建议，通知没有规定推荐项目清单的格式；每个导出的文件里也写明了这一点。</p>
<h3>清空列表</h3>
<p>清空会删除本页的列表和这台电脑里保存的汇总，不影响您电脑里的原始文件。</p>
<button type="button" class="smpls-btn smpls-btn--warn" data-action="clear" data-module="rollup/clear" data-dialog-id="smpls-sum-clear-dialog">清空列表</button>
</section>
<dialog class="smpls-dialog" id="smpls-sum-clear-dialog" aria-labelledby="smpls-sum-clear-title" aria-describedby="smpls-sum-clear-text">
<h2 id="smpls-sum-clear-title">确定清空列表吗？</h2>
<p id="smpls-sum-clear-text">列表中的全部申请书和这台电脑里保存的汇总都会被删除。原始文件不受影响，以后可以重新添加。</p>
<div class="smpls-actions">
<button type="button" class="smpls-btn smpls-btn--warn" data-dialog="confirm">清空</button>
<button type="button" class="smpls-btn" data-dialog="cancel">取消</button>
</div>
</dialog>
</div>"""


RENDERERS = {"app": render_app}


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return replace_markers(html, "summary", page, RENDERERS)
