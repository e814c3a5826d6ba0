"""The draft as a JSON document: versions, migrations, reading and writing, and :func:`validate`.

A draft is a JSON object: the :class:`~smpls.model.Application` fields plus ``schema_version``
(currently :data:`~smpls.model.SCHEMA_VERSION`). A document without ``schema_version`` is read as the
current version.

Migrations: :data:`MIGRATIONS` maps a version ``v`` to a function turning a version-``v`` object into a
version-``v + 1`` object; :func:`migrate` applies them in turn. Each migration must accept any dict
(the file may have been edited by hand) and never raise. A document from a newer version cannot be read
and gives the problem ``schema_version_newer``.

:func:`validate` never raises: whatever it is given (not a dict, wrong types, huge, deeply nested), it
returns a :class:`ValidationResult` whose ``application`` is the draft as far as it could be read (wrong
parts left blank, each reported as a Chinese problem with its path), or None when the input cannot be
read as a draft at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from pydantic import ValidationError

from smpls import limits
from smpls.fields import ROWS, field_by_path
from smpls.model import SCHEMA_VERSION, Application
from smpls.problems import ADVICE, ERROR, Problem, counts
from smpls.rules import check, sort_key

#: Largest draft file :func:`load` reads (the form refuses bigger files too): from :mod:`smpls.limits`.
MAX_BYTES: Final = limits.DRAFT_BYTES

#: What the form page says of a draft file it refuses, or reads with a note (site_assets/js/form/draft-file.js
#: reads the file before the checker is ready, with these words from the page's JSON config). ``{name}`` is the
#: file's name, ``{size}``/``{max}`` its size and the limit, ``{place}`` where the JSON breaks (``placeLine``),
#: ``{version}``/``{current}`` the file's draft version and this one's. A refusal ends with ``unchanged``.
FILE_MESSAGES: Final[dict[str, str]] = {
    "unnamed": "文件",
    "unchanged": "当前内容没有改变。",
    "notJson": "“{name}”不是 JSON 文件。请选择本页“下载草稿文件”保存的、以 .json 结尾的草稿文件。",
    "tooLarge": "“{name}”太大（{size}）：草稿文件不能超过 {max}。请确认选的是本页下载的 JSON 草稿。",
    "empty": "“{name}”是空文件，里面没有草稿。",
    "notText": "“{name}”不是文本格式的 JSON 文件（无法按 UTF-8 读取）。请选择本页“下载草稿文件”保存的文件。",
    "badJson": "“{name}”的 JSON 格式有错{place}，无法读取。文件可能不完整或被改动过。",
    "placeLine": "（第 {line} 行附近）",
    "notObject": "“{name}”里不是申请书草稿（不是本站保存的草稿文件）。请选择本页“下载草稿文件”保存的文件。",
    "noParts": "“{name}”里没有申请书的任何部分，不像是本页保存的草稿。",
    "badVersion": "“{name}”的版本号无效，不是本站保存的草稿文件。请选择本页“下载草稿文件”保存的文件。",
    "newer": (
        "“{name}”是较新版本的本网站保存的（草稿版本 {version}），这个页面只能读取到版本 {current}。"
        "请刷新页面或使用最新版本的网站再导入。"
    ),
    "noVersion": "文件里没有版本号，已按当前版本读取。",
}


@dataclass(frozen=True)
class ValidationResult:
    """The draft as read (None if it could not be read at all) and every problem found."""

    application: Application | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.level == ERROR)

    @property
    def advice(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.level == ADVICE)

    @property
    def ok(self) -> bool:
        """True when there is no 错误 (提示 may remain)."""
        return not self.errors

    def counts(self) -> dict[str, int]:
        return counts(self.problems)

    def to_dict(self) -> dict[str, Any]:
        """``{"problems": [...], "counts": {"错误": n, "提示": m}}``."""
        return {"problems": [p.to_dict() for p in self.problems], "counts": self.counts()}


# ---------------------------------------------------------------- migrations


def _v0_to_v1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 0 (the first prototype) kept the cover in ``pilot`` and the basic information in ``unit``,
    and wrote each schedule row's time as one text ``"2022-01至2022-06"`` in ``steps``::

        {"schema_version": 0,
         "pilot": {"name": …, "start": …, "end": …, "undertaking_unit": …, …},
         "unit": {"unit_name": …, …},
         "steps": [{"time": "2022-01至2022-06", "content": …, "units": …}], …}
    """
    out = {k: v for k, v in data.items() if k not in ("pilot", "unit", "steps")}
    pilot = data.get("pilot")
    if isinstance(pilot, dict):
        cover = {k: v for k, v in pilot.items() if k not in ("name", "start", "end")}
        renamed = {"name": "pilot_name", "start": "period_start", "end": "period_end"}
        cover.update({new: pilot[old] for old, new in renamed.items() if old in pilot})
        out["cover"] = cover
    if "unit" in data:
        out["basic"] = data["unit"]
    steps = data.get("steps")
    if isinstance(steps, list):
        rows: list[Any] = []
        for step in steps:
            if not isinstance(step, dict):
                rows.append(step)
                continue
            row = {k: v for k, v in step.items() if k != "time"}
            time = step.get("time")
            if isinstance(time, str):
                start, _, end = time.replace("—", "至").replace("~", "至").partition("至")
                row["start"], row["end"] = start.strip(), end.strip()
            rows.append(row)
        out["schedule"] = rows
    out["schema_version"] = 1
    return out


#: version v -> function migrating a version-v object to version v + 1.
MIGRATIONS: Final[dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {0: _v0_to_v1}


def migrate(data: dict[str, Any]) -> tuple[dict[str, Any] | None, list[Problem]]:
    """``data`` brought to the current version, or None with a problem when that is impossible."""
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, str) and version.strip().isdecimal() and version.strip().isascii():
        version = int(version.strip())
    if not isinstance(version, int) or isinstance(version, bool) or version < min(MIGRATIONS, default=0):
        return None, [
            Problem(
                "schema_version_invalid",
                ERROR,
                "schema_version",
                f"文件中的 schema_version 应为不大于 {SCHEMA_VERSION} 的整数，无法确定这份草稿的版本，因此没有读取。"
                "请选择由本站“下载草稿文件”保存的文件。",
            )
        ]
    if version > SCHEMA_VERSION:
        return None, [
            Problem(
                "schema_version_newer",
                ERROR,
                "schema_version",
                f"这份草稿由更新版本的申报助手保存（版本 {version}），"
                f"当前页面只能读取版本 {SCHEMA_VERSION} 及以前的草稿。"
                "请刷新页面使用最新版本后再导入。",
            )
        ]
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    return {**data, "schema_version": SCHEMA_VERSION}, []


# ---------------------------------------------------------------- structural errors → problems


def _kind_of(value: Any) -> str:
    if value is None:
        return "空值（null）"
    if isinstance(value, bool):
        return "真假值"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, str):
        return "文字"
    if isinstance(value, (list, tuple)):
        return "列表"
    if isinstance(value, dict):
        return "对象"
    return "无法识别的内容"


_ROW_TITLES: dict[str, str] = {scheme.list_path: scheme.title for scheme in ROWS.values()}


def _title(path: str) -> str:
    spec = field_by_path(path)
    if spec is not None:
        return spec.meta.label
    parts = path.split(".")
    if parts[-1].isdigit():
        base = ".".join(parts[:-1])
        name = _ROW_TITLES.get(base, base)
        return f"{name}第 {int(parts[-1]) + 1} 行"
    if path in _ROW_TITLES:
        return _ROW_TITLES[path]
    if path in Application.model_fields:
        return Application.model_fields[path].title or path
    return path


def _structural_problem(error: Any) -> Problem:
    loc = tuple(error.get("loc", ()))
    path = ".".join(str(p) for p in loc)
    title = _title(path)
    kind = error.get("type", "")
    got = _kind_of(error.get("input"))
    if kind == "too_long":
        limit = (error.get("ctx") or {}).get("max_length", "")
        return Problem(
            "too_many_rows",
            ERROR,
            path,
            f"“{title}”最多 {limit} 行，文件中超出的行没有读取。请合并或删减后重新导入。",
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        expected = "一组字段（JSON 对象）"
    elif kind == "list_type":
        expected = "若干行（JSON 数组）"
    elif kind in ("string_type", "string_sub_type"):
        expected = "文字"
    else:
        expected = "可识别的内容"
    return Problem(
        "wrong_type",
        ERROR,
        path,
        f"“{title}”应是{expected}，文件中却是{got}，已按空白处理。请在表单中重新填写这一项。",
    )


def _repair(data: Any, loc: tuple[Any, ...], error_type: str, ctx: dict[str, Any]) -> Any:
    """A copy of ``data`` with the value at ``loc`` removed (so its default applies) or, for too many rows,
    the list cut to its limit. Only the containers along ``loc`` are copied."""
    if not loc:
        if error_type == "too_long" and isinstance(data, list):
            return data[: int(ctx.get("max_length", 0))]
        return None
    head, rest = loc[0], loc[1:]
    if isinstance(data, dict) and head in data:
        copy = dict(data)
        repaired = _repair(data[head], rest, error_type, ctx)
        if repaired is None:
            del copy[head]
        else:
            copy[head] = repaired
        return copy
    if isinstance(data, list) and isinstance(head, int) and 0 <= head < len(data):
        items = list(data)
        repaired = _repair(data[head], rest, error_type, ctx)
        items[head] = {} if repaired is None else repaired
        return items
    return data


def _build(data: dict[str, Any]) -> tuple[Application | None, list[Problem]]:
    problems: list[Problem] = []
    for _round in range(5):
        try:
            return Application.model_validate(data), problems
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        except (RecursionError, MemoryError, ValueError, TypeError):
            break
        for error in errors:
            problems.append(_structural_problem(error))
        for error in errors:
            data = _repair(data, tuple(error.get("loc", ())), error.get("type", ""), error.get("ctx") or {})
    problems.append(Problem("not_object", ERROR, "", "无法读取这份草稿的内容。请选择由本站“下载草稿文件”保存的文件。"))
    return None, problems


# ---------------------------------------------------------------- public API


def validate(data: Any, *, today: date | None = None) -> ValidationResult:
    """Read ``data`` (a parsed JSON value) as a draft and check it. Never raises."""
    try:
        return _validate(data, today)
    except Exception:  # pragma: no cover - the last line of defence; every known input is handled above
        return ValidationResult(
            None, (Problem("unreadable", ERROR, "", "无法读取这份草稿。请选择由本站“下载草稿文件”保存的文件。"),)
        )


def _validate(data: Any, today: date | None) -> ValidationResult:
    if isinstance(data, Application):
        data = data.model_dump()
    if not isinstance(data, dict):
        return ValidationResult(
            None,
            (
                Problem(
                    "not_object",
                    ERROR,
                    "",
                    f"这不是申请书草稿：文件的最外层应是一个 JSON 对象（以 {{ 开头），现在是{_kind_of(data)}。"
                    "请选择由本站“下载草稿文件”保存的文件。",
                ),
            ),
        )
    migrated, problems = migrate(data)
    if migrated is None:
        return ValidationResult(None, tuple(problems))
    app, structural = _build(migrated)
    if app is None:
        return ValidationResult(None, tuple(structural))
    blanked = {p.path for p in structural}
    rules = [p for p in check(app, today=today) if not (p.code == "required" and p.path in blanked)]
    found = sorted([*problems, *structural, *rules], key=sort_key)
    return ValidationResult(app, tuple(found))


#: Deepest nesting :func:`parse` accepts (a draft has 4 levels). Deeper input is refused before ``json.loads``:
#: in Pyodide a very deep document overflows the JavaScript stack and kills the interpreter.
MAX_DEPTH: Final = 32
_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_INNERMOST = re.compile(r"\[\]|\{\}")


def nesting_ok(text: str) -> bool:
    """False when the brackets of ``text`` (outside strings) nest deeper than :data:`MAX_DEPTH` levels.

    Unbalanced brackets (a truncated file) pass when shallow, so that ``json.loads`` can say where the
    text breaks off.
    """
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    for _ in range(MAX_DEPTH):
        if not brackets:
            return True
        brackets, removed = _INNERMOST.subn("", brackets)
        if not removed:
            break
    if len(brackets) > 4 * MAX_DEPTH:
        return False
    depth = 0
    for c in brackets:
        depth += 1 if c in "[{" else -1
        if depth > MAX_DEPTH:
            return False
    return True


def parse(source: str | bytes) -> tuple[Any, Problem | None]:
    """JSON text (or UTF-8 bytes, BOM allowed) to a value, or a problem saying why it cannot be read."""
    if len(source) > MAX_BYTES:
        return None, Problem(
            "too_large",
            ERROR,
            "",
            f"文件太大（{len(source) / 1024 / 1024:.1f} MB）。申请书草稿一般只有几十 KB，"
            f"最大可读取 {limits.mb(MAX_BYTES)}。"
            "请确认选择的是本站“下载草稿文件”保存的文件。",
        )
    try:
        text = source.decode("utf-8-sig") if isinstance(source, bytes) else source.removeprefix("\ufeff")
        if not nesting_ok(text):
            raise RecursionError
        return json.loads(text), None
    except UnicodeDecodeError:
        reason = "文件不是 UTF-8 编码的文本"
    except json.JSONDecodeError as exc:
        reason = f"第 {exc.lineno} 行第 {exc.colno} 列有格式错误"
    except (RecursionError, ValueError):
        reason = "括号嵌套太深、不配对，或数字太大"
    return None, Problem(
        "unreadable",
        ERROR,
        "",
        f"无法读取这个文件：{reason}，不是有效的 JSON。请选择由本站“下载草稿文件”保存的文件，不要用其他软件修改它。",
    )


def load(source: str | bytes, *, today: date | None = None) -> ValidationResult:
    """Parse JSON text and :func:`validate` it. Never raises."""
    try:
        value, problem = parse(source)
    except Exception:  # pragma: no cover - parse handles every known failure
        value, problem = None, Problem("unreadable", ERROR, "", "无法读取这个文件。")
    if problem is not None:
        return ValidationResult(None, (problem,))
    return validate(value, today=today)


def dump(app: Application) -> str:
    """The draft as JSON text (UTF-8, readable, with ``schema_version``)."""
    return json.dumps(app.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
