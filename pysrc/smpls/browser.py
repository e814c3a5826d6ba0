"""The functions the site's Pyodide worker calls, by name: JSON text in, JSON text (or bytes) out.

The functions (the worker calls them by name, ``site_assets/js/runtime/worker.js``): ``validate(draft_json) -> str``
never raises; ``questions() -> str``;
``eligibility(answers_json) -> str``; ``docx(draft_json) -> bytes``; ``docx_filename(draft_json) -> str``;
and (asked for by the form's import) ``migrate(draft_json) -> str``, never raises; ``read_docx(bytes) -> str``,
never raises; ``warm() -> str`` for idle time after start-up.
Imports are kept light here: python-stdnum is imported on first use of a code check, smpls.docx only
when a DOCX is asked for.
"""

from __future__ import annotations

import json
from typing import Any

from smpls import draft
from smpls.model import Application
from smpls.problems import ADVICE, ERROR, Problem


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def validate(draft_json: str) -> str:
    """``{"problems": [{"path","code","level","message","basis","basis_href"}], "counts": {"错误": n, "提示": m}}``.

    Never raises."""
    try:
        return _dumps(draft.load(draft_json).to_dict())
    except Exception:  # pragma: no cover - draft.load never raises; this guards the JSON encoding
        problem = Problem("unreadable", ERROR, "", "无法读取这份草稿。").to_dict()
        return _dumps({"problems": [problem], "counts": {ERROR: 1, ADVICE: 0}})


def migrate(draft_json: str) -> str:
    """An older (or any) draft brought to the current version: ``{"draft": {...} | null, "problems": [...]}``.

    ``draft`` is the draft as read, in the current shape with every field present (wrong parts blank), or
    null when it cannot be read; ``problems`` are those of :func:`validate` (the first says why for null).
    Never raises.
    """
    try:
        result = draft.load(draft_json)
        app = result.application
        out = {"draft": None if app is None else app.model_dump(mode="json"), **result.to_dict()}
        return _dumps(out)
    except Exception:  # pragma: no cover - draft.load never raises; this guards the JSON encoding
        problem = Problem("unreadable", ERROR, "", "无法读取这份草稿。").to_dict()
        return _dumps({"draft": None, "problems": [problem], "counts": {ERROR: 1, ADVICE: 0}})


def warm() -> str:
    """Do the lazy imports now (python-stdnum, whose ``stdnum.util`` pulls in :mod:`pydoc`: about 150 ms in
    Pyodide) so that the user's first check of a 统一社会信用代码 is as fast as the rest. Call it once the
    checker is ready, when nothing else is waiting. Returns ``"ok"``."""
    from smpls.codes import uscc

    uscc.is_valid("91110000600037341L")
    validate("{}")
    return "ok"


def questions() -> str:
    """The self-check conditions and questions (see :func:`smpls.eligibility.questions_data`)."""
    from smpls.eligibility import questions_data

    return _dumps(questions_data())


def eligibility(answers_json: str) -> str:
    """The verdict for the answers: ``{"overall", "reasons": [...], "prefill": {path: value}}``. Never raises."""
    from smpls.eligibility import evaluate

    return _dumps(evaluate(_loads_object(answers_json)).to_dict())


def _loads_object(text: str) -> dict[str, Any]:
    """The JSON object in ``text``, or an empty one for anything else (bad JSON, a list, too deep): never raises."""
    try:
        value = json.loads(text)
    except (ValueError, TypeError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}


def _application(draft_json: str) -> Application:
    result = draft.load(draft_json)
    if result.application is None:
        raise ValueError(result.problems[0].message if result.problems else "无法读取这份草稿。")
    return result.application


def docx(draft_json: str) -> bytes:
    """The 申请书 as DOCX bytes. Raises ValueError (Chinese message) when the draft cannot be read."""
    from smpls.docx import build_docx

    return build_docx(_application(draft_json))


def docx_filename(draft_json: str) -> str:
    """The file name for the DOCX download."""
    from smpls.docx import docx_filename as name

    return name(_application(draft_json))


# ---------------------------------------------------------------- 汇总推荐项目 (docs/summary.md)


def _as_bytes(value: Any) -> bytes:
    """bytes from bytes, a memoryview, or (in Pyodide) a JavaScript Uint8Array/ArrayBuffer proxy."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    to_bytes = getattr(value, "to_bytes", None)
    return bytes(to_bytes()) if callable(to_bytes) else b""


def summary_check(meta_json: str, contents: Any) -> str:
    """Check a batch of files for the roll-up page. ``meta_json``: ``{"names": [...], "sizes": [...], "known":
    [{"hash", "file"}]}`` (``sizes``: each file's real size, when the page read only its beginning; ``known``:
    the files already in the list); ``contents``: the files' bytes, in the same order.

    Returns ``{"entries": [entry | null], "notes": ["中文说明", ...]}``: one entry per file (see
    :meth:`smpls.summary.Entry.to_dict`), or null with a note when the same content is already in the list
    (or earlier in this batch). Never raises.
    """
    from smpls.summary import check_file, same_file_message

    meta = _loads_object(meta_json)
    names: list[Any] = meta["names"] if isinstance(meta.get("names"), list) else []
    sizes: list[Any] = meta["sizes"] if isinstance(meta.get("sizes"), list) else []
    known_list: list[Any] = meta["known"] if isinstance(meta.get("known"), list) else []
    known = {str(k.get("hash")): str(k.get("file", "")) for k in known_list if isinstance(k, dict)}
    entries: list[dict[str, Any] | None] = []
    notes: list[str] = []
    for i, raw in enumerate(contents):
        name = str(names[i]) if i < len(names) else f"文件 {i + 1}"
        size = sizes[i] if i < len(sizes) and isinstance(sizes[i], int) and not isinstance(sizes[i], bool) else None
        entry = check_file(name, _as_bytes(raw), size=size)
        if entry.hash in known:
            entries.append(None)
            notes.append(same_file_message(name, known[entry.hash]))
            continue
        known[entry.hash] = name
        entries.append(entry.to_dict())
    return _dumps({"entries": entries, "notes": notes})


def _summary_entries(payload_json: str) -> tuple[list[Any], dict[str, Any]]:
    from smpls.summary import Entry

    payload = _loads_object(payload_json)
    raw: list[Any] = payload["entries"] if isinstance(payload.get("entries"), list) else []
    entries = [e for e in (Entry.from_dict(item) for item in raw) if e is not None]
    return entries, payload


def summary_duplicates(payload_json: str) -> str:
    """``{"entries": [...], "region", "member"}`` (the rows the office keeps, in order; the office's 省（区、市）
    or, for a 联席会议成员单位, its name) → ``{"duplicates": [{"kind", "value", "rows", "message"}], "outside":
    [{"row", "province", "message", "basis"}]}`` (``outside``: applications registered outside ``region``;
    none for a member). Never raises."""
    from smpls.summary import duplicates, outside_region

    entries, payload = _summary_entries(payload_json)
    region = "" if str(payload.get("member", "") or "").strip() else str(payload.get("region", "") or "")
    return _dumps(
        {
            "duplicates": [d.to_dict() for d in duplicates(entries)],
            "outside": [o.to_dict() for o in outside_region(entries, region)],
        }
    )


def summary_export(payload_json: str) -> bytes:
    """The list as a file: ``{"format": "xlsx"|"docx"|"csv"|"problems", "entries": [...], "region", "member",
    "office", "date", "withErrors"}`` (``date`` as YYYY-MM-DD, may be empty; ``withErrors``: the Word list also
    lists the applications with 错误, marked; ``problems``: the 问题清单 as DOCX). Raises ValueError (Chinese) for
    an unknown format."""
    from smpls import summary_export as export

    entries, payload = _summary_entries(payload_json)
    fmt = payload.get("format")
    region = str(payload.get("region", "") or "")[:40]
    member = str(payload.get("member", "") or "")[:60]
    office = str(payload.get("office", "") or "")[:60]
    if fmt == "csv":
        return export.to_csv(entries)
    if fmt == "xlsx":
        return export.to_xlsx(entries, region=region, member=member)
    if fmt == "problems":
        return export.problems_docx(entries, region=region, member=member)
    if fmt == "docx":
        from datetime import date

        try:
            day: date | None = date.fromisoformat(str(payload.get("date", "")))
        except ValueError:
            day = None
        with_errors = payload.get("withErrors") is True
        return export.to_docx(entries, region=region, member=member, office=office, day=day, with_errors=with_errors)
    raise ValueError(f"未知的导出格式：{fmt}")


def summary_warm() -> str:
    """Import openpyxl now (the roll-up page calls this once its checker is ready), so the first Excel
    export does not wait for it. Returns ``"ok"``."""
    import openpyxl  # noqa: F401 - imported for its side effect (the import time)

    return "ok"


def read_docx(data: Any) -> str:
    """A Word 申请书 read back: ``{"draft": {...} | null, "problems": [...], "counts": {...}, "unplaced": [...],
    "changed": [path, ...], "embedded": bool}``. ``data`` is bytes (or, in Pyodide, a JS ArrayBuffer or
    Uint8Array). For a file that cannot be read, ``draft`` is null and the first problem says why in Chinese.
    Never raises."""
    from smpls.docx.reader import DocxError
    from smpls.docx.reader import read_docx as read

    try:
        raw = data.to_bytes() if hasattr(data, "to_bytes") else bytes(data)
        result = read(raw)
        checked = draft.validate(result.draft)
        out = {
            "draft": result.draft,
            **checked.to_dict(),
            "unplaced": list(result.unplaced),
            "changed": list(result.changed),
            "embedded": result.embedded,
        }
    except Exception as exc:  # a DocxError says why; anything else is a file we did not foresee
        message = (
            str(exc) if isinstance(exc, DocxError) else "无法读取这个 Word 文件。请在 Word 或 WPS 中重新保存后再导入。"
        )
        code = exc.code if isinstance(exc, DocxError) else "unreadable"
        out = {
            "draft": None,
            "problems": [Problem(code, ERROR, "", message).to_dict()],
            "counts": {ERROR: 1, ADVICE: 0},
            "unplaced": [],
            "changed": [],
            "embedded": False,
        }
    return _dumps(out)
