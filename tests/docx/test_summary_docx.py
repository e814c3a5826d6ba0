"""The 推荐项目清单 as Word (smpls.summary_export.to_docx): read back with python-docx and rendered by
LibreOffice to PDF (every 试点名称, the title, 报送单位 and the date line on the page, landscape A4)."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from docx.enum.section import WD_ORIENT
from docx_check import _squeeze, pdf_text, render_pdf

import docx
from smpls.notice import FACTS
from smpls.summary import COLUMNS, ERROR_MARK, check_file
from smpls.summary_export import title, to_docx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from summary_samples import drafts

pytestmark = pytest.mark.docx


def listed(n: int) -> list:  # type: ignore[type-arg]
    entries = [check_file(name, data) for name, data in drafts(n)]
    hostile = json.loads(drafts(1)[0][1])
    hostile["cover"]["pilot_name"] = '<w:p>&"恶意"</w:p>\x01𠀀😀'
    entries.append(check_file("恶意.json", json.dumps(hostile, ensure_ascii=False).encode()))
    entries.insert(3, check_file("坏.json", b"{"))
    return entries


def test_read_back_with_python_docx() -> None:
    entries = listed(12)
    data = to_docx(entries, region="浙江省", office="浙江省市场监督管理局", day=date(2021, 12, 15), with_errors=True)
    doc = docx.Document(io.BytesIO(data))
    assert doc.sections[0].orientation == WD_ORIENT.LANDSCAPE
    text = [p.text for p in doc.paragraphs]
    assert text[0] == title("浙江省")
    assert "浙江省市场监督管理局" in text[1] and "2021年12月15日" in text and "报送单位（盖章）" in text
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == [c.label for c in COLUMNS if c.official]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert [r[0] for r in rows] == [str(i) for i in range(1, 14)]  # 坏.json is not in the list
    marked = {5: ERROR_MARK, 10: ERROR_MARK}  # no 联系电话: listed, marked
    assert [r[1] for r in rows[:12]] == [
        f"示例{i:03d}市政务服务综合标准化试点{marked.get(i, '')}" for i in range(1, 13)
    ]
    assert rows[12][1] == f'<w:p>&"恶意"</w:p>𠀀😀{ERROR_MARK}'  # text, the control character dropped


def test_blank_office_and_date_leave_lines_to_write_on() -> None:
    doc = docx.Document(io.BytesIO(to_docx(listed(2))))
    text = [p.text for p in doc.paragraphs]
    assert text[0].startswith(f"××省（区、市）{FACTS.batch}")
    assert "\u3000\u3000年\u3000\u3000月\u3000\u3000日" in text


def test_rendered_by_libreoffice(tmp_path: Path) -> None:
    entries = listed(25)
    pdf = render_pdf(to_docx(entries, region="浙江省", office="浙江省市场监督管理局"), tmp_path)
    text = _squeeze(pdf_text(pdf, tmp_path))
    assert _squeeze(title("浙江省")) in text
    for entry in entries:
        if entry.readable and not entry.errors:  # (those with 错误 are left out by default)
            assert _squeeze(entry.values["undertaking_unit"]) in text
    assert _squeeze("报送单位（盖章）") in text


def test_problem_list_read_back_and_rendered(tmp_path: Path) -> None:
    from smpls.summary_export import PROBLEMS_NOTE, problems_docx

    entries = listed(6)
    doc = docx.Document(io.BytesIO(problems_docx(entries, region="浙江省")))
    assert doc.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert doc.paragraphs[0].text == "浙江省推荐项目问题清单" and doc.paragraphs[1].text == PROBLEMS_NOTE
    # tables for 申请书-005 (no 联系电话) and the hostile name (not “…综合标准化试点”), none for the others
    assert len(doc.tables) == 2 and doc.tables[0].rows[1].cells[1].text == "联系电话"
    text = _squeeze(pdf_text(render_pdf(problems_docx(entries, region="浙江省"), tmp_path), tmp_path))
    assert _squeeze("5. 示例005市政务服务综合标准化试点") in text and _squeeze("未发现问题") in text
