"""Print, as JSON, what :mod:`smpls` derives from the notice it is run with (``SMPLS_NOTICE`` selects one):
the facts, open or closed on ``argv[1]`` (an ISO date), the sections, 填写说明, focus areas, the messages of
an empty draft, the self-check's reading of a focus area, and a 申请书 DOCX read back. For
tests/unit/test_fictional_batch.py, which runs it in a fresh interpreter per notice."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from datetime import date

from smpls import draft, eligibility, model
from smpls.docx import layout
from smpls.docx.reader import read_docx
from smpls.fields import field_by_path
from smpls.notice import NOTICE, clause, status_note
from smpls.schema import json_schema


def _document_xml(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return package.read("word/document.xml").decode("utf-8")


def probe(today: date) -> dict[str, object]:
    unit_name = field_by_path("basic.unit_name")
    assert unit_name is not None
    empty = draft.validate({}, today=today)
    app = model.Application.model_validate({"basic": {"unit_name": "临湖市政务服务管理局"}})
    docx = layout.build(app, embed_draft=False)
    focus = {area: eligibility.evaluate({"focus_area": area}).reasons[0].reason for area in ("养老服务", "社会治理")}
    return {
        "doc_number": NOTICE.facts.doc_number,
        "batch": NOTICE.facts.batch,
        "is_open": NOTICE.is_open(today),
        "deadline_state": NOTICE.deadline_state(today),
        "status_note": status_note(today),
        "clause_1": clause("一").text,
        "deadline_clause": clause("四").text.split("\n")[0],
        "focus_areas": list(eligibility.FOCUS_AREAS),
        "focus_options": list(next(q for q in eligibility.QUESTIONS if q.id == "focus_area").options),
        "focus_reasons": focus,
        "sections": [list(s) for s in model.SECTIONS],
        "instructions": list(layout.INSTRUCTIONS),
        "unit_name_label": unit_name.meta.label,
        "unit_name_schema_title": json_schema()["$defs"]["BasicInfo"]["properties"]["unit_name"]["title"],
        "unit_name_messages": [p.message for p in empty.problems if p.path == "basic.unit_name"],
        "docx_labels": [label for label in ("单位名称", "承担单位全称") if label in _document_xml(docx)],
        "docx_read_back": read_docx(docx).draft["basic"]["unit_name"],
    }


if __name__ == "__main__":
    json.dump(probe(date.fromisoformat(sys.argv[1])), sys.stdout, ensure_ascii=False)
