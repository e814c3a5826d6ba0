"""Many drafts → the rows of a 推荐项目清单 (the provincial office's roll-up), with duplicate warnings.

The office drops every application it received; each file is read and checked exactly as the form does
(:func:`smpls.draft.parse` and :func:`smpls.draft.validate`) and becomes one :class:`Entry`: the values of
the list's columns, the counts of 错误 and 提示, the problems, or why the file could not be read.
:func:`duplicates` finds the same 试点名称 or 承担单位 twice and the same file (by content) twice.
The exports (XLSX, CSV, DOCX) are in :mod:`smpls.summary_export`; the page calls the ``summary_*``
functions of :mod:`smpls.browser`, the command line ``python -m smpls summary``.

>>> [c.label for c in COLUMNS][:4]
['序号', '试点名称', '试点承担单位', '试点保证单位']
>>> entry = check_file("a.json", '{"cover": {"pilot_name": "某市政务服务综合标准化试点"}}'.encode())
>>> entry.readable, entry.values["pilot_name"], entry.counts["错误"] > 0
(True, '某市政务服务综合标准化试点', True)
>>> check_file("b.json", b"").reason
'文件是空的（0 字节），里面没有申请书。'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from pydantic import BaseModel

from smpls import draft
from smpls.fields import model_fields
from smpls.model import Application, BasicInfo, Cover, Meta
from smpls.problems import ADVICE, ERROR, counts


def _meta(model: type[BaseModel], name: str) -> Meta:
    return dict(model_fields(model))[name]


def _period(app: Application) -> str:
    start, end = app.cover.period_start, app.cover.period_end
    return f"{start}至{end}" if start or end else ""


@dataclass(frozen=True)
class Column:
    """One column of the list: its key in :attr:`Entry.values`, its heading, and whether the printed list
    (DOCX, sent to the 联席办公室) has it; ``width`` is a relative width for the XLSX and DOCX."""

    key: str
    label: str
    official: bool
    width: int
    value: Callable[[Application], str] | None = None


#: The columns, labels taken from :mod:`smpls.model` and :mod:`smpls.rules` (the one definition).
COLUMNS: Final[tuple[Column, ...]] = (
    Column("seq", "序号", True, 5),
    Column("pilot_name", _meta(Cover, "pilot_name").label, True, 30, lambda a: a.cover.pilot_name),
    Column("undertaking_unit", _meta(Cover, "undertaking_unit").label, True, 22, lambda a: a.cover.undertaking_unit),
    Column("guarantor_unit", _meta(Cover, "guarantor_unit").label, True, 20, lambda a: a.cover.guarantor_unit),
    Column("guidance_unit", _meta(Cover, "guidance_unit").label, True, 20, lambda a: a.cover.guidance_unit),
    Column("period", _meta(Cover, "period_start").form_label.split("（")[0], True, 17, _period),
    Column("phone", _meta(BasicInfo, "phone").label, True, 18, lambda a: a.basic.phone),
    Column("errors", ERROR, False, 6),
    Column("advice", ADVICE, False, 6),
    Column("file", "文件名", False, 24),
)
VALUE_COLUMNS: Final = tuple(c for c in COLUMNS if c.value is not None)

#: Most files one summary takes (the page and the CLI refuse the rest, saying so).
MAX_FILES: Final = 1000


@dataclass(frozen=True)
class Entry:
    """One file of the roll-up: read (``readable``) with its column values, counts and problems, or not,
    with ``reason``. ``hash`` is the sha256 of the file's bytes."""

    file: str
    hash: str
    readable: bool
    values: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=lambda: {ERROR: 0, ADVICE: 0})
    problems: tuple[dict[str, Any], ...] = ()
    reason: str = ""
    kind: str = "json"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "hash": self.hash,
            "readable": self.readable,
            "values": self.values,
            "counts": self.counts,
            "problems": list(self.problems),
            "reason": self.reason,
            "kind": self.kind,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Entry | None:
        """An entry as the page keeps it (or None when ``data`` is not one): only the known keys, as text."""
        if not isinstance(data, dict):
            return None
        values: dict[str, Any] = data["values"] if isinstance(data.get("values"), dict) else {}
        raw_counts: dict[str, Any] = data["counts"] if isinstance(data.get("counts"), dict) else {}
        return cls(
            file=str(data.get("file", "")),
            hash=str(data.get("hash", "")),
            readable=bool(data.get("readable")),
            values={c.key: str(values.get(c.key, "") or "") for c in VALUE_COLUMNS},
            counts={k: _int(raw_counts.get(k)) for k in (ERROR, ADVICE)},
            reason=str(data.get("reason", "") or ""),
            kind=str(data.get("kind", "json") or "json"),
        )


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def _unreadable(name: str, digest: str, reason: str, kind: str = "json") -> Entry:
    return Entry(name, digest, False, counts={ERROR: 0, ADVICE: 0}, reason=reason, kind=kind)


def _from_result(name: str, digest: str, result: draft.ValidationResult, kind: str = "json") -> Entry:
    app = result.application
    if app is None:
        first = result.problems[0].message if result.problems else "无法读取这个文件。"
        return _unreadable(name, digest, first, kind)
    values = {c.key: c.value(app) for c in VALUE_COLUMNS if c.value is not None}
    return Entry(name, digest, True, values, result.counts(), tuple(p.to_dict() for p in result.problems), kind=kind)


def accepts_docx() -> bool:
    """True when Word files (the 申请书 this site writes) can be read too (:mod:`smpls.docx.reader`)."""
    try:
        from smpls.docx import reader
    except ImportError:  # pragma: no cover - a version without the reader
        return False
    return callable(getattr(reader, "read_docx", None))


def check_file(name: str, data: bytes, *, today: date | None = None) -> Entry:
    """Read and check one file as the form does. Never raises."""
    digest = hashlib.sha256(data).hexdigest()
    try:
        return _check(name, data, digest, today)
    except Exception:  # pragma: no cover - draft.load never raises; this is the last line of defence
        return _unreadable(name, digest, "无法读取这个文件。请选择由本站“下载 JSON”保存的草稿。")


def _check(name: str, data: bytes, digest: str, today: date | None) -> Entry:
    if not data:
        return _unreadable(name, digest, "文件是空的（0 字节），里面没有申请书。")
    if data[:4] == b"PK\x03\x04":
        return _check_zip(name, data, digest, today)
    value, problem = draft.parse(data)
    if problem is not None:
        return _unreadable(name, digest, problem.message)
    if (
        isinstance(value, dict)
        and "schema_version" not in value
        and not any(k in Application.model_fields for k in value)
    ):
        return _unreadable(
            name,
            digest,
            "这个 JSON 文件不是申请书草稿：里面没有 schema_version，也没有申请书的任何部分。"
            "请选择由本站“下载 JSON”保存的文件。",
        )
    return _from_result(name, digest, draft.validate(value, today=today))


def _check_zip(name: str, data: bytes, digest: str, today: date | None) -> Entry:
    is_docx = name.lower().endswith(".docx")
    if not accepts_docx() or not is_docx:
        what = "Word 文件" if is_docx else "压缩文件（ZIP）"
        accepted = "JSON 草稿或本站生成的 Word 申请书" if accepts_docx() else "本站“下载 JSON”保存的草稿"
        return _unreadable(name, digest, f"这是{what}，不是申请书草稿。这里只能读取{accepted}。", "docx")
    from smpls.docx.reader import DocxError, read_docx

    try:
        result = read_docx(data)
    except DocxError as exc:
        return _unreadable(name, digest, str(exc), "docx")
    except Exception:  # a file we did not foresee: a row that says so, the others go on
        return _unreadable(name, digest, "无法读取这个 Word 文件。请在 Word 或 WPS 中重新保存后再添加。", "docx")
    return _from_result(name, digest, draft.validate(result.draft, today=today), "docx")


def same_file_message(name: str, other: str) -> str:
    """What the page and the CLI say when a file's content is already in the list."""
    if name == other:
        return f"“{name}”已在列表中（内容完全相同），没有重复添加。"
    return f"“{name}”与列表中的“{other}”内容完全相同，没有重复添加。"


def too_many_message(total: int, room: int) -> str:
    return (
        f"一次汇总最多 {MAX_FILES} 个文件：这次选择了 {total} 个，只读取了前 {room} 个，其余没有读取。"
        "请分批导出后再汇总剩下的文件。"
        if room
        else f"列表已有 {MAX_FILES} 个文件，这次选择的 {total} 个没有读取。请先导出或清空列表。"
    )


# ---------------------------------------------------------------- duplicates


def _key(text: str) -> str:
    """Compare names as a person would: full-width = half-width, spaces and case ignored."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


@dataclass(frozen=True)
class Duplicate:
    """The same value in several rows (0-based positions in the list given to :func:`duplicates`)."""

    kind: str  #: "file", "pilot_name" or "undertaking_unit"
    value: str
    rows: tuple[int, ...]
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value, "rows": list(self.rows), "message": self.message}


def duplicates(entries: Sequence[Entry]) -> list[Duplicate]:
    """The same file (by content), 试点名称 or 承担单位 in more than one of ``entries``. Blank values and
    unreadable files are left out of the name checks."""
    found: list[Duplicate] = []
    labels = {c.key: c.label for c in COLUMNS}
    checks: list[tuple[str, Callable[[Entry], str]]] = [
        ("file", lambda e: e.hash),
        ("pilot_name", lambda e: _key(e.values.get("pilot_name", "")) if e.readable else ""),
        ("undertaking_unit", lambda e: _key(e.values.get("undertaking_unit", "")) if e.readable else ""),
    ]
    for kind, key in checks:
        groups: dict[str, list[int]] = {}
        for i, entry in enumerate(entries):
            k = key(entry)
            if k:
                groups.setdefault(k, []).append(i)
        for rows in groups.values():
            if len(rows) < 2:
                continue
            names = "、".join(f"“{entries[i].file}”" for i in rows)
            if kind == "file":
                value = entries[rows[0]].file
                message = f"同一个文件出现了 {len(rows)} 次：{names}内容完全相同。请只保留一个。"
            else:
                value = entries[rows[0]].values.get(kind, "")
                message = (
                    f"{labels[kind]}“{value}”出现了 {len(rows)} 次：{names}。"
                    "请确认是否重复报送，或是否应合并为一个试点项目。"
                )
            found.append(Duplicate(kind, value, tuple(rows), message))
    return found


# ---------------------------------------------------------------- the list


def exported(entries: Iterable[Entry]) -> list[Entry]:
    """The entries that go into the list: the readable ones, in order (推荐顺序)."""
    return [e for e in entries if e.readable]


def table(entries: Sequence[Entry], *, official: bool = False) -> tuple[list[str], list[list[str | int]]]:
    """Heading and rows of the list: 序号 is the position among the readable entries (推荐顺序).
    ``official`` keeps only the columns of the printed list."""
    columns = [c for c in COLUMNS if c.official or not official]
    rows: list[list[str | int]] = []
    for n, entry in enumerate(exported(entries), 1):
        cells: dict[str, str | int] = {
            "seq": n,
            "errors": entry.counts.get(ERROR, 0),
            "advice": entry.counts.get(ADVICE, 0),
            "file": entry.file,
            **entry.values,
        }
        rows.append([cells.get(c.key, "") for c in columns])
    return [c.label for c in columns], rows


def total_counts(entries: Iterable[Entry]) -> dict[str, int]:
    """错误/提示 over all readable entries, and the number of unreadable files (``无法读取``)."""
    listed = list(entries)
    out = counts([])
    for entry in listed:
        out[ERROR] += entry.counts.get(ERROR, 0)
        out[ADVICE] += entry.counts.get(ADVICE, 0)
    out["无法读取"] = sum(not e.readable for e in listed)
    return out
