"""Many drafts → the rows of a 推荐项目清单 (the provincial office's roll-up), with duplicate warnings.

The office drops every application it received; each file is read and checked exactly as the form does
(:func:`smpls.draft.parse` and :func:`smpls.draft.validate`) and becomes one :class:`Entry`: the values of
the list's columns, the counts of 错误 and 提示, the problems, or why the file could not be read.
:func:`duplicates` finds the same 试点名称 or 承担单位 twice and the same file (by content) twice.
:func:`outside_region` finds applications registered outside the office's 省（区、市）, :func:`problem_rows` lists
every application's problems with their basis (the 问题清单 sent back to the applicants).
The exports (XLSX, CSV, DOCX) are in :mod:`smpls.summary_export`; the page calls the ``summary_*``
functions of :mod:`smpls.browser`, the command line ``python -m smpls summary``.

>>> [c.label for c in COLUMNS][:4]
['序号', '试点名称', '试点承担单位', '试点保证单位']
>>> entry = check_file("a.json", '{"cover": {"pilot_name": "某市政务服务综合标准化试点"}}'.encode())
>>> entry.readable, entry.values["pilot_name"], entry.counts["错误"] > 0
(True, '某市政务服务综合标准化试点', True)
>>> check_file("b.json", b"").reason
'文件是空的（0 字节），里面没有申请书。'
>>> check_file("c.doc", bytes.fromhex("d0cf11e0a1b11ae1")).reason[:31]
'这是旧版 Word（.doc）或 WPS（.wps）格式的文件'
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

from smpls import draft, limits
from smpls.fields import field_by_path, model_fields
from smpls.model import Application, BasicInfo, Cover, Meta
from smpls.names import province_of
from smpls.notice import clause
from smpls.problems import ADVICE, ERROR


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
    Column("province", _meta(BasicInfo, "reg_province").label, False, 12, lambda a: a.basic.reg_province),
    Column("errors", ERROR, False, 6),
    Column("advice", ADVICE, False, 6),
    Column("file", "文件名", False, 24),
)
VALUE_COLUMNS: Final = tuple(c for c in COLUMNS if c.value is not None)

#: Most files one summary takes (the page and the CLI refuse the rest, saying so): from :mod:`smpls.limits`.
MAX_FILES: Final = limits.SUMMARY_FILES
#: What a folder is searched for (the page and the CLI): drafts, and Word files (an old .doc or .wps gets a row
#: saying how to save it as .docx, as the form says).
SUFFIXES: Final = (".json", ".docx", ".doc", ".wps")


@dataclass(frozen=True)
class Entry:
    """One file of the roll-up: read (``readable``) with its column values, counts and problems, or not,
    with ``reason``. ``hash`` is the sha256 of the file's bytes; ``unplaced`` the text of a Word file the
    reader could not place in any box (as the form lists it)."""

    file: str
    hash: str
    readable: bool
    values: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=lambda: {ERROR: 0, ADVICE: 0})
    problems: tuple[dict[str, Any], ...] = ()
    reason: str = ""
    kind: str = "json"
    unplaced: tuple[str, ...] = ()

    @property
    def errors(self) -> int:
        return self.counts.get(ERROR, 0)

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
            "unplaced": list(self.unplaced),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Entry | None:
        """An entry as the page keeps it (or None when ``data`` is not one): only the known keys, as text."""
        if not isinstance(data, dict):
            return None
        values: dict[str, Any] = data["values"] if isinstance(data.get("values"), dict) else {}
        raw_counts: dict[str, Any] = data["counts"] if isinstance(data.get("counts"), dict) else {}
        problems: list[Any] = data["problems"] if isinstance(data.get("problems"), list) else []
        unplaced: list[Any] = data["unplaced"] if isinstance(data.get("unplaced"), list) else []
        return cls(
            file=str(data.get("file", "")),
            hash=str(data.get("hash", "")),
            readable=bool(data.get("readable")),
            values={c.key: str(values.get(c.key, "") or "") for c in VALUE_COLUMNS},
            counts={k: _int(raw_counts.get(k)) for k in (ERROR, ADVICE)},
            reason=str(data.get("reason", "") or ""),
            kind=str(data.get("kind", "json") or "json"),
            problems=tuple(_problem(p) for p in problems if isinstance(p, dict)),
            unplaced=tuple(str(u) for u in unplaced if isinstance(u, str)),
        )


_PROBLEM_KEYS: Final = ("path", "code", "level", "message", "basis", "basis_href")


def _problem(data: dict[str, Any]) -> dict[str, str]:
    return {k: str(data.get(k, "") or "") for k in _PROBLEM_KEYS}


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def _unreadable(name: str, digest: str, reason: str, kind: str = "json") -> Entry:
    return Entry(name, digest, False, counts={ERROR: 0, ADVICE: 0}, reason=reason, kind=kind)


def _from_result(
    name: str, digest: str, result: draft.ValidationResult, kind: str = "json", unplaced: Sequence[str] = ()
) -> Entry:
    app = result.application
    if app is None:
        first = result.problems[0].message if result.problems else "无法读取这个文件。"
        return _unreadable(name, digest, first, kind)
    values = {c.key: c.value(app) for c in VALUE_COLUMNS if c.value is not None}
    problems = tuple(p.to_dict() for p in result.problems)
    return Entry(name, digest, True, values, result.counts(), problems, kind=kind, unplaced=tuple(unplaced))


def check_file(name: str, data: bytes, *, today: date | None = None, size: int | None = None) -> Entry:
    """Read and check one file as the form does. Never raises. ``size`` is the file's real size when ``data``
    is only its beginning (the page reads no more than :func:`smpls.limits.largest` plus one byte)."""
    digest = hashlib.sha256(data).hexdigest()
    real = max(len(data), size or 0)
    if real > limits.limit_for(name, data[:8]):
        return _unreadable(name, digest, limits.too_large(name, real), "docx" if limits.is_word(name) else "json")
    try:
        return _check(name, data, digest, today)
    except Exception:  # pragma: no cover - draft.load never raises; this is the last line of defence
        return _unreadable(name, digest, "无法读取这个文件。请选择由本站“下载草稿文件”保存的草稿。")


def _check(name: str, data: bytes, digest: str, today: date | None) -> Entry:
    if not data:
        return _unreadable(name, digest, "文件是空的（0 字节），里面没有申请书。")
    if limits.is_word(name, data[:8]):
        return _check_word(name, data, digest, today)
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
            "请选择由本站“下载草稿文件”保存的文件。",
        )
    return _from_result(name, digest, draft.validate(value, today=today))


def _check_word(name: str, data: bytes, digest: str, today: date | None) -> Entry:
    """A Word file, or a file that is one by its first bytes: read, or explained by the Word reader (an old .doc
    or .wps, a PDF renamed .docx…) in the words the form uses for the same file."""
    from smpls.docx.reader import DocxError, read_docx

    try:
        result = read_docx(data)
    except DocxError as exc:
        return _unreadable(name, digest, str(exc), "docx")
    except Exception:  # a file we did not foresee: a row that says so, the others go on
        return _unreadable(name, digest, "无法读取这个 Word 文件。请在 Word 或 WPS 中重新保存后再添加。", "docx")
    return _from_result(name, digest, draft.validate(result.draft, today=today), "docx", result.unplaced)


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


def exported(entries: Iterable[Entry], *, with_errors: bool = True) -> list[Entry]:
    """The entries that go into the list: the readable ones, in order (推荐顺序); without those that have an
    错误 unless ``with_errors`` (the notice has the office recommend applications 审核通过后)."""
    return [e for e in entries if e.readable and (with_errors or not e.errors)]


#: How the printed list marks an application with 错误 when it is listed all the same (:func:`table`).
ERROR_MARK: Final = "（有错误）"


def table(
    entries: Sequence[Entry], *, official: bool = False, with_errors: bool = True, mark_errors: bool = False
) -> tuple[list[str], list[list[str | int]]]:
    """Heading and rows of the list: 序号 is the position among the entries listed (推荐顺序).
    ``official`` keeps only the columns of the printed list; ``with_errors`` False leaves out the applications
    with 错误; ``mark_errors`` adds :data:`ERROR_MARK` to the 试点名称 of those listed that have 错误."""
    columns = [c for c in COLUMNS if c.official or not official]
    rows: list[list[str | int]] = []
    for n, entry in enumerate(exported(entries, with_errors=with_errors), 1):
        cells: dict[str, str | int] = {
            "seq": n,
            "errors": entry.counts.get(ERROR, 0),
            "advice": entry.counts.get(ADVICE, 0),
            "file": entry.file,
            **entry.values,
        }
        if mark_errors and entry.errors:
            cells["pilot_name"] = f"{entry.values.get('pilot_name', '')}{ERROR_MARK}"
        rows.append([cells.get(c.key, "") for c in columns])
    return [c.label for c in columns], rows


def left_out_message(entries: Iterable[Entry]) -> str:
    """What the printed list says of the applications with 错误 it leaves out ("" when none)."""
    left = [e for e in exported(entries) if e.errors]
    if not left:
        return ""
    return (
        f"另有 {len(left)} 份申请书存在错误，没有列入本清单（通知三：省级标准化行政主管部门“审核通过后”提交）。"
        "请把问题清单发回申请单位修改后再列入。"
    )


# ---------------------------------------------------------------- the office's region


@dataclass(frozen=True)
class Outside:
    """An application registered outside the office's 省（区、市）: a 提示 (the name may be written in ways no
    rule foresees, and a 联席会议成员单位 recommends from every region)."""

    row: int  #: 0-based position in the list given to :func:`outside_region`
    province: str
    message: str
    basis: str = field(default_factory=lambda: clause("三").label)

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "province": self.province, "message": self.message, "basis": self.basis}


def outside_region(entries: Sequence[Entry], region: str) -> list[Outside]:
    """The readable entries whose 法人注册地址（省） names another 省（区、市） than ``region`` (the office's,
    as typed on the page). Nothing when either cannot be recognised: only a sure difference is reported."""
    office = province_of(region)
    if office is None:
        return []
    label = next(c.label for c in COLUMNS if c.key == "province")
    found: list[Outside] = []
    for i, entry in enumerate(entries):
        written = entry.values.get("province", "") if entry.readable else ""
        province = province_of(written)
        if province is None or province == office:
            continue
        name = entry.values.get("pilot_name") or entry.file
        message = (
            f"“{name}”的{label}是“{written}”，不在{office}。通知三写的是省级标准化行政主管部门汇总“本区域内”的"
            "试点申请；建议核对这份申请是否应由注册地所在的省（区、市）受理。"
        )
        found.append(Outside(i, province, message))
    return found


# ---------------------------------------------------------------- the 问题清单


@dataclass(frozen=True)
class ProblemRow:
    """One line of the 问题清单: which application, which box, what is wrong or advised, and on what basis."""

    seq: int  #: the application's position among the readable ones (1-based)
    file: str
    pilot_name: str
    unit: str
    level: str
    where: str
    message: str
    basis: str


#: The 问题清单's columns (:func:`problem_rows`), in order.
PROBLEM_HEADING: Final = ("序号", "文件名", "试点名称", "试点承担单位", "级别", "栏目", "问题", "依据")


def _where(path: str) -> str:
    """The box a problem is about, as the 申请书 names it: ``四、计划工作步骤 第 2 行：时间``."""
    if not path:
        return "（整份文件）"
    spec = field_by_path(path)
    if spec is None:
        return path
    rows = [int(p) + 1 for p in path.split(".") if p.isdigit()]
    return f"第 {rows[0]} 行：{spec.meta.label}" if rows else spec.meta.label


def problem_rows(entries: Iterable[Entry]) -> list[ProblemRow]:
    """Every problem of every readable entry, 错误 first within an application, then the text of a Word file
    the reader could not place (a 提示: the office may want the applicant to check it)."""
    out: list[ProblemRow] = []
    for n, entry in enumerate(exported(entries), 1):
        name = entry.values.get("pilot_name", "")
        unit = entry.values.get("undertaking_unit", "")
        ordered = sorted(entry.problems, key=lambda p: p.get("level") != ERROR)
        for p in ordered:
            where = _where(p.get("path", ""))
            out.append(
                ProblemRow(
                    n, entry.file, name, unit, p.get("level", ""), where, p.get("message", ""), p.get("basis", "")
                )
            )
        for text in entry.unplaced:
            message = f"Word 文件中这段文字没有读入任何一栏：“{text}”。请核对它是否应填在申请书的某一栏。"
            out.append(ProblemRow(n, entry.file, name, unit, ADVICE, "（没有读取的内容）", message, "本站说明"))
    return out
