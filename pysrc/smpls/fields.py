"""The flat list of the form's fields, derived from :mod:`smpls.model` (the one definition).

Everything that shows or prints a field (the HTML form, the DOCX, the docs, the check-your-answers view)
walks :func:`iter_fields` instead of repeating labels.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

from pydantic import BaseModel

from smpls.model import SECTIONS, Application, Meta, Opinions, Participant, ScheduleRow

#: The most rows of one list the form page imports: a guard against hostile files that would freeze the page
#: (like the 2 MB file limit), not a rule: the notice sets no number, and Python reads every row.
MAX_ROWS_SHOWN: Final = 1000
#: What the form says of a file with more rows than that ({n} rows of {title}, {max} the most).
TOO_MANY_ROWS: Final = (
    "里有 {n} 个{title}，本页最多 {max} 个（防止浏览器卡住的限制，通知没有规定个数），无法导入。"
    "请确认选的是本页下载的草稿或申请书。"
)


@dataclass(frozen=True)
class RowScheme:
    """A repeatable row of the 申请书: where its list lives in the draft, what one row is called, how many the
    form starts with. There is no most: the notice sets no number of 参加单位 or stages (only the size of a
    file the site reads limits them)."""

    kind: str  #: "schedule" or "participants" (the :attr:`FieldSpec.repeat` of its cells)
    list_path: str  #: dotted path of the list in the JSON draft
    model: type[BaseModel]  #: the model of one row
    title: str  #: what the whole list is called ("计划工作步骤")
    unit: str  #: what one row is called ("阶段")
    min_rows: int

    def row_label(self, number: str) -> str:
        """``第 3 阶段`` / ``第 3 个参加单位``; ``number`` may be a template token such as ``{n}``."""
        return f"第 {number} 个{self.unit}" if self.kind == "participants" else f"第 {number} {self.unit}"

    def rows(self, app: Application) -> list[Any]:
        """The rows of this kind in ``app``."""
        value: Any = app
        for part in self.list_path.split("."):
            value = getattr(value, part)
        return list(value)


#: The one definition of the repeatable rows; the form, the draft reader and the rules read it.
ROWS: Final[dict[str, RowScheme]] = {
    "schedule": RowScheme("schedule", "schedule", ScheduleRow, "计划工作步骤", "阶段", 1),
    "participants": RowScheme("participants", "opinions.participants", Participant, "参加单位", "参加单位", 0),
}


@dataclass(frozen=True)
class FieldSpec:
    """One field: where it lives in the JSON draft and what the paper form says about it."""

    section: str  #: top-level key, e.g. "basic"
    name: str  #: attribute name, e.g. "org_code"
    meta: Meta
    repeat: str = ""  #: "" for a single field; "schedule" or "participants" for a cell of a repeatable row

    @property
    def path(self) -> str:
        """Dotted path of the field; for a repeatable cell, with ``*`` for the row index."""
        if self.repeat:
            return f"{ROWS[self.repeat].list_path}.*.{self.name}"
        return f"{self.section}.{self.name}"


def model_fields(model: type[BaseModel]) -> Iterator[tuple[str, Meta]]:
    """(name, Meta) for each described field of ``model``, in definition order."""
    for name, info in model.model_fields.items():
        meta = next((m for m in info.metadata if isinstance(m, Meta)), None)
        if meta is not None:
            yield name, meta


def iter_fields() -> Iterator[FieldSpec]:
    """Every field of the 申请书, in paper order."""
    for section, _title in SECTIONS:
        if section == "schedule":
            for name, meta in model_fields(ROWS["schedule"].model):
                yield FieldSpec(section, name, meta, repeat="schedule")
            continue
        if section == "opinions":
            for name, meta in model_fields(ROWS["participants"].model):
                yield FieldSpec(section, name, meta, repeat="participants")
            for name, meta in model_fields(Opinions):
                yield FieldSpec(section, name, meta)
            continue
        sub = Application.model_fields[section].annotation
        assert isinstance(sub, type) and issubclass(sub, BaseModel)
        for name, meta in model_fields(sub):
            yield FieldSpec(section, name, meta)


def field_by_path(path: str) -> FieldSpec | None:
    """The spec for a concrete path such as ``schedule.2.start`` or ``basic.email``."""
    parts = path.split(".")
    generic = ".".join("*" if p.isdigit() else p for p in parts)
    return next((f for f in iter_fields() if f.path == generic), None)
