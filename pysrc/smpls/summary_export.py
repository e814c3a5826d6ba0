"""The 推荐项目清单 as files: XLSX (openpyxl, imported only here), CSV (UTF-8 with BOM) and DOCX (the
standard-library writer of :mod:`smpls.docx.ooxml`). The same code runs in the browser (Pyodide) and the CLI.

>>> from smpls.summary import check_file
>>> e = check_file("a.json", b'{"cover": {"pilot_name": "=1+1"}}')
>>> to_csv([e]).decode("utf-8-sig").splitlines()[1].split(",")[:2]
['1', "'=1+1"]
>>> title("")
'××省（区、市）第八批社会管理和公共服务综合标准化试点推荐项目清单'
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Final

from smpls.summary import COLUMNS, Entry, table

FILENAME: Final = "推荐项目清单"
SHEET_TITLE: Final = "推荐项目清单"
PLACEHOLDER_REGION: Final = "××省（区、市）"

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): such text is written
# with a leading apostrophe in the CSV, and as a plain string (never a formula) in the XLSX.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _batch_title() -> str:
    """“第八批社会管理和公共服务综合标准化试点”, from the notice's title (:data:`smpls.notice.FACTS`)."""
    from smpls.notice import FACTS

    found = re.search(r"征集(.+?)项目的通知", FACTS.title)
    return found.group(1) if found else f"{FACTS.batch}社会管理和公共服务综合标准化试点"


def title(region: str) -> str:
    """“××省（区、市）第八批社会管理和公共服务综合标准化试点推荐项目清单”, with ``region`` for ××省（区、市）."""
    region = _XML_ILLEGAL.sub("", region).strip() or PLACEHOLDER_REGION
    return f"{region}{_batch_title()}推荐项目清单"


def _csv_cell(value: str | int) -> str | int:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(entries: Sequence[Entry]) -> bytes:
    """The list as CSV: UTF-8 with BOM (Excel then opens the Chinese intact), CRLF line ends, all columns."""
    heading, rows = table(entries)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(heading)
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(entries: Sequence[Entry], *, region: str = "") -> bytes:
    """The list as an Excel workbook (openpyxl): one sheet, a header row, all columns, widths, a filter."""
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
    book.properties.title = title(region)
    book.properties.creator = "smpls"
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
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def to_docx(
    entries: Sequence[Entry],
    *,
    region: str = "",
    office: str = "",
    day: date | None = None,
    created: datetime | None = None,
) -> bytes:
    """The printable list (A4 landscape): the title, the 报送单位, a table of the official columns with
    推荐顺序 as 序号, and the date and seal line. Blank ``office``/``day`` leave a line to write on."""
    from smpls.docx import ooxml as w

    heading, rows = table(entries, official=True)
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
        w.paragraph(w.run(title(region), font=w.HEI, size=16), align="center", after=240, line=360),
        w.paragraph(w.run("报送单位："), w.run(office_line, underline=not office.strip()), after=120),
        w.table(widths, [head, *body]),
        w.paragraph(w.run(f"共 {len(rows)} 项。"), before=120),
        w.paragraph(w.run("报送单位（盖章）"), align="right", before=480, right=567),
        w.paragraph(
            w.run(_chinese_date(day) if day else "\u3000\u3000年\u3000\u3000月\u3000\u3000日"),
            align="right",
            before=120,
            right=567,
        ),
    ]
    data = w.package(
        parts, title=title(region), subject="推荐项目清单", created=created or datetime.now(UTC), first_page_footer=True
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
