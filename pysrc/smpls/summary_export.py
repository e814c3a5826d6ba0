"""The 推荐项目清单 as files: XLSX (openpyxl, imported only here), CSV (UTF-8 with BOM) and DOCX (the
standard-library writer of :mod:`smpls.docx.ooxml`); and the 问题清单 (every application's problems with their
basis, to send back) as DOCX and CSV. The same code runs in the browser (Pyodide) and the CLI.

The notice sets no layout for the list: every file says inside it that its layout is this site's suggestion
(:data:`LAYOUT_NOTE`). The printed (Word) list leaves out the applications with 错误 unless asked to list them,
marked (:func:`to_docx`); the Excel and CSV files are working sheets with every readable application.

>>> from smpls.summary import check_file
>>> e = check_file("a.json", b'{"cover": {"pilot_name": "=1+1"}}')
>>> to_csv([e]).decode("utf-8-sig").splitlines()[1].split(",")[:2]
['1', "'=1+1"]
>>> title("")
'××省（区、市）第八批社会管理和公共服务综合标准化试点推荐项目清单'
>>> title("浙江", member="民政部")
'民政部第八批社会管理和公共服务综合标准化试点推荐项目清单'
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Final

from smpls.problems import ERROR
from smpls.summary import COLUMNS, ERROR_MARK, PROBLEM_HEADING, Entry, exported, left_out_message, problem_rows, table

FILENAME: Final = "推荐项目清单"
SHEET_TITLE: Final = "推荐项目清单"
PROBLEMS_FILENAME: Final = "问题清单"
PLACEHOLDER_REGION: Final = "××省（区、市）"
#: Said inside every exported file (the page says it too): the notice sets no layout for these lists.
LAYOUT_NOTE: Final = (
    "说明：本表的格式是“社会管理和公共服务综合标准化试点申报助手”网站拟的建议，通知没有规定推荐项目清单的格式。"
)
PROBLEMS_NOTE: Final = (
    "说明：本问题清单由“社会管理和公共服务综合标准化试点申报助手”网站按通知逐份检查生成，格式是该网站拟的。"
    "“错误”是按通知或国家标准必须改正的，“提示”是建议核对的；每条都注明了依据。"
)

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): such text is written
# with a leading apostrophe in the CSV, and as a plain string (never a formula) in the XLSX.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _batch_title() -> str:
    """“第八批社会管理和公共服务综合标准化试点”, from the notice's title (:data:`smpls.notice.FACTS`)."""
    from smpls.notice import FACTS

    found = re.search(r"征集(.+?)项目的通知", FACTS.title)
    return found.group(1) if found else f"{FACTS.batch}社会管理和公共服务综合标准化试点"


def title(region: str, *, member: str = "") -> str:
    """“××省（区、市）第八批社会管理和公共服务综合标准化试点推荐项目清单”, with ``region`` for ××省（区、市）; a
    联席会议成员单位 (``member``, its own name) gets its name there instead."""
    sender = _XML_ILLEGAL.sub("", member).strip() or _XML_ILLEGAL.sub("", region).strip() or PLACEHOLDER_REGION
    return f"{sender}{_batch_title()}推荐项目清单"


def _csv_cell(value: str | int) -> str | int:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(heading: Sequence[str], rows: Sequence[Sequence[str | int]], note: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(heading)
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    writer.writerow([note])
    return out.getvalue().encode("utf-8-sig")


def to_csv(entries: Sequence[Entry]) -> bytes:
    """The list as CSV: UTF-8 with BOM (Excel then opens the Chinese intact), CRLF line ends, all columns;
    the last line is :data:`LAYOUT_NOTE`."""
    heading, rows = table(entries)
    return _csv(heading, rows, LAYOUT_NOTE)


def to_xlsx(entries: Sequence[Entry], *, region: str = "", member: str = "") -> bytes:
    """The list as an Excel workbook (openpyxl), a working sheet: a header row, all columns, widths, a filter;
    a second sheet “说明” and the printed footer say :data:`LAYOUT_NOTE`."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, NamedStyle
        from openpyxl.utils import get_column_letter
    except ImportError as exc:  # pragma: no cover - openpyxl is pinned in requirements.txt and wheels.toml
        raise RuntimeError("生成 Excel 文件需要 openpyxl（pip install openpyxl）。") from exc
    heading, rows = table(entries)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    book.properties.title = title(region, member=member)
    book.properties.creator = "smpls"
    book.properties.description = LAYOUT_NOTE
    sheet.append(heading)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    book.add_named_style(NamedStyle(name="smpls-wrap", alignment=Alignment(vertical="top", wrap_text=True)))
    for r, row in enumerate(rows, 2):
        for c, value in enumerate(row, 1):
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, str):
                cell.value = _XML_ILLEGAL.sub("", value)
                cell.data_type = "s"  # never a formula, whatever the text starts with
            else:
                cell.value = value
            cell.style = "smpls-wrap"  # (a named style: cheaper than an Alignment per cell)
    for c, column in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(c)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.oddFooter.left.text = LAYOUT_NOTE
    about = book.create_sheet("说明")
    for line in (
        title(region, member=member),
        LAYOUT_NOTE,
        "本表是工作表，含全部能读取的申请书及其错误、提示数；报送用 Word 清单。",
    ):
        about.append([line])
    about.column_dimensions["A"].width = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def to_docx(
    entries: Sequence[Entry],
    *,
    region: str = "",
    member: str = "",
    office: str = "",
    day: date | None = None,
    created: datetime | None = None,
    with_errors: bool = False,
) -> bytes:
    """The printable list (A4 landscape): the title, the 报送单位, a table of the official columns with
    推荐顺序 as 序号, how many applications with 错误 were left out (or, ``with_errors``, listed and marked
    “（有错误）”), :data:`LAYOUT_NOTE`, and the date and seal line. Blank ``office``/``day`` leave a line to
    write on."""
    from smpls.docx import ooxml as w

    heading, rows = table(entries, official=True, with_errors=with_errors, mark_errors=with_errors)
    marked = sum(e.errors > 0 for e in exported(entries)) if with_errors else 0
    count = f"共 {len(rows)} 项" + (f"，其中 {marked} 项试点名称后注“{ERROR_MARK}”，尚未改正。" if marked else "。")
    left_out = "" if with_errors else left_out_message(entries)
    official = [c for c in COLUMNS if c.official]
    text_width = w.A4_HEIGHT - w.MARGIN_LEFT - w.MARGIN_RIGHT
    unit = text_width // sum(c.width for c in official)
    widths = [c.width * unit for c in official]
    widths[1] += text_width - sum(widths)

    def cell(text: str | int, width: int, *, bold: bool = False, align: str = "left") -> str:
        para = w.paragraph(w.run(str(text), size=10.5, bold=bold), align=align, line=260)
        return w.cell([para], width)

    head = w.row([cell(h, wd, bold=True, align="center") for h, wd in zip(heading, widths, strict=True)], header=True)
    body = [
        w.row(
            [
                cell(v, wd, align="center" if i == 0 else "left")
                for i, (v, wd) in enumerate(zip(row, widths, strict=True))
            ],
            cant_split=True,
        )
        for row in rows
    ]
    office_line = office.strip() or "\u3000" * 12
    parts = [
        w.paragraph(w.run(title(region, member=member), font=w.HEI, size=16), align="center", after=240, line=360),
        w.paragraph(w.run("报送单位："), w.run(office_line, underline=not office.strip()), after=120),
        w.table(widths, [head, *body]),
        w.paragraph(w.run(count + left_out), before=120),
        w.paragraph(w.run(LAYOUT_NOTE, size=9), before=60),
        w.paragraph(w.run("报送单位（盖章）"), align="right", before=480, right=567),
        w.paragraph(
            w.run(_chinese_date(day) if day else "\u3000\u3000年\u3000\u3000月\u3000\u3000日"),
            align="right",
            before=120,
            right=567,
        ),
    ]
    data = w.package(
        parts,
        title=title(region, member=member),
        subject="推荐项目清单",
        created=created or datetime.now(UTC),
        first_page_footer=True,
    )
    return _landscape(data)


# ---------------------------------------------------------------- the 问题清单


def _problem_table(entries: Sequence[Entry]) -> tuple[list[str], list[list[str | int]]]:
    rows: list[list[str | int]] = [
        [r.seq, r.file, r.pilot_name, r.unit, r.level, r.where, r.message, r.basis] for r in problem_rows(entries)
    ]
    return list(PROBLEM_HEADING), rows


def problems_csv(entries: Sequence[Entry]) -> bytes:
    """The 问题清单 as CSV (one line per problem, :data:`smpls.summary.PROBLEM_HEADING`), then :data:`PROBLEMS_NOTE`."""
    heading, rows = _problem_table(entries)
    return _csv(heading, rows, PROBLEMS_NOTE)


def problems_docx(
    entries: Sequence[Entry], *, region: str = "", member: str = "", created: datetime | None = None
) -> bytes:
    """The 问题清单 to send back (A4 landscape): for each readable application, in list order, a heading (序号,
    试点名称, 承担单位, 文件名) and a table of its problems (级别, 栏目, 问题, 依据), or “未发现问题”."""
    from smpls.docx import ooxml as w

    heading = ["级别", "栏目", "问题", "依据"]
    text_width = w.A4_HEIGHT - w.MARGIN_LEFT - w.MARGIN_RIGHT
    widths = [text_width * n // 20 for n in (2, 4, 10, 4)]
    widths[2] += text_width - sum(widths)

    def cell(text: str, width: int, *, bold: bool = False) -> str:
        return w.cell([w.paragraph(w.run(text, size=10.5, bold=bold), line=260)], width)

    found = problem_rows(entries)
    sender = (member or region).strip()
    head = f"{sender}推荐项目问题清单" if sender else "推荐项目问题清单"
    parts = [
        w.paragraph(w.run(_XML_ILLEGAL.sub("", head), font=w.HEI, size=16), align="center", after=120, line=360),
        w.paragraph(w.run(PROBLEMS_NOTE, size=9), after=240),
    ]
    for n, entry in enumerate(exported(entries), 1):
        name = entry.values.get("pilot_name") or "（未填试点名称）"
        unit = entry.values.get("undertaking_unit") or "（未填承担单位）"
        parts.append(w.paragraph(w.run(f"{n}. {name}", bold=True), before=240, after=60, keep_next=True))
        parts.append(
            w.paragraph(w.run(f"试点承担单位：{unit}；文件：{entry.file}", size=10.5), after=60, keep_next=True)
        )
        mine = [r for r in found if r.seq == n]
        if not mine:
            parts.append(w.paragraph(w.run("未发现问题。", size=10.5)))
            continue
        errors = sum(r.level == ERROR for r in mine)
        parts.append(w.paragraph(w.run(f"错误 {errors} 处，提示 {len(mine) - errors} 处。", size=10.5), keep_next=True))
        head_row = w.row([cell(h, wd, bold=True) for h, wd in zip(heading, widths, strict=True)], header=True)
        body = [
            w.row(
                [cell(v, wd) for v, wd in zip((r.level, r.where, r.message, r.basis), widths, strict=True)],
                cant_split=True,
            )
            for r in mine
        ]
        parts.append(w.table(widths, [head_row, *body]))
    data = w.package(
        parts,
        title=_XML_ILLEGAL.sub("", head),
        subject=PROBLEMS_FILENAME,
        created=created or datetime.now(UTC),
        first_page_footer=True,
    )
    return _landscape(data)


def _landscape(data: bytes) -> bytes:
    """The same document with its page turned to A4 landscape (the list has seven columns)."""
    from smpls.docx import ooxml as w

    portrait = f'<w:pgSz w:w="{w.A4_WIDTH}" w:h="{w.A4_HEIGHT}"/>'
    landscape = f'<w:pgSz w:w="{w.A4_HEIGHT}" w:h="{w.A4_WIDTH}" w:orient="landscape"/>'
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                xml = content.decode("utf-8")
                if portrait not in xml:  # pragma: no cover - guards a change of the writer
                    raise RuntimeError("smpls.docx.ooxml: page size not found")
                content = xml.replace(portrait, landscape).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()
