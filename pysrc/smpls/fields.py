"""The flat list of the form's fields, derived from :mod:`smpls.model` (the one definition).

Everything that shows or prints a field (the HTML form, the DOCX, the docs, the check-your-answers view)
walks :func:`iter_fields` instead of repeating labels.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final, Literal

from pydantic import BaseModel

from smpls.model import SECTIONS, Application, Meta, Participant, ScheduleRow

#: The most rows of one list the form page imports: a guard against hostile files that would freeze the page
#: (like the 2 MB file limit), not a rule: the notice sets no number, and Python reads every row.
MAX_ROWS_SHOWN: Final = 1000


#: how the paper prints a list of rows: a table with a header row (四), or one block per row (六's 参加单位)
PaperLayout = Literal["table", "blocks"]


@dataclass(frozen=True)
class RowScheme:
    """A repeatable row of the 申请书, as data: where its list lives in the draft, what the list and one row
    are called, how the form labels and adds a row, how many it starts with and how the paper prints them.
    There is no most: the notice sets no number of 参加单位 or stages (only the size of a file the site reads
    limits them)."""

    kind: str  #: the key of the scheme (the :attr:`FieldSpec.repeat` of its cells, the page's ``data-row``)
    list_path: str  #: dotted path of the list in the JSON draft
    model: type[BaseModel]  #: the model of one row
    title: str  #: what the whole list is called ("计划工作步骤")
    noun: str  #: what one row is called ("阶段")
    #: how the form names one row, ``{n}`` its number: ``第 {n} 阶段`` / ``第 {n} 个参加单位``
    label_scheme: str
    add_text: str  #: the form's button that adds a row ("添加一个阶段")
    hint: str  #: the form's hint above the rows
    min_rows: int
    paper: PaperLayout

    @property
    def section(self) -> str:
        """The top-level section that holds the list: ``opinions`` for ``opinions.participants``."""
        return self.list_path.split(".")[0]

    @property
    def heading(self) -> str:
        """The form's heading of the list: a table's title names its columns (计划工作步骤（时间 / …）)."""
        if self.paper != "table":
            return self.title
        columns = dict.fromkeys(meta.form_label or meta.label for _name, meta in model_fields(self.model))
        return f"{self.title}（{' / '.join(columns)}）"

    def row_label(self, number: str) -> str:
        """``第 3 阶段`` / ``第 3 个参加单位``; ``number`` may be a template token such as ``{n}``."""
        return self.label_scheme.format(n=number)

    def rows(self, app: Application) -> list[Any]:
        """The rows of this kind in ``app``."""
        value: Any = app
        for part in self.list_path.split("."):
            value = getattr(value, part)
        return list(value)


#: The one definition of the repeatable rows; the form, the draft reader, the layout and the rules read it.
ROWS: Final[dict[str, RowScheme]] = {
    scheme.kind: scheme
    for scheme in (
        RowScheme(
            "schedule",
            "schedule",
            ScheduleRow,
            "计划工作步骤",
            "阶段",
            "第 {n} 阶段",
            "添加一个阶段",
            "按时间顺序每行填写一个阶段。可以添加、删除，也可以上移、下移调整顺序。",
            1,
            "table",
        ),
        RowScheme(
            "participants",
            "opinions.participants",
            Participant,
            "参加单位",
            "参加单位",
            "第 {n} 个参加单位",
            "添加一个参加单位",
            "申请书第六部分留有“参加单位（盖章）”意见栏；有几个参加单位，本站生成的 Word 就为每个单位各排一栏"
            "（盖章、签名和日期留待手写）。没有参加单位可以不添加。",
            0,
            "blocks",
        ),
    )
}


def printed_as(paper: PaperLayout) -> RowScheme:
    """The one list of rows the paper prints this way (the table of 四, the blocks of 六)."""
    return next(scheme for scheme in ROWS.values() if scheme.paper == paper)


@dataclass(frozen=True)
class FieldSpec:
    """One field: where it lives in the JSON draft and what the paper form says about it."""

    section: str  #: top-level key, e.g. "basic"
    name: str  #: attribute name, e.g. "org_code"
    meta: Meta
    repeat: str = ""  #: "" for a single field; for a cell of a repeatable row, its :attr:`RowScheme.kind`

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
    """Every field of the 申请书, in paper order: in each section, the cells of its rows, then its own fields."""
    for section, _title in SECTIONS:
        for scheme in ROWS.values():
            if scheme.section == section:
                for name, meta in model_fields(scheme.model):
                    yield FieldSpec(section, name, meta, repeat=scheme.kind)
        sub = Application.model_fields[section].annotation
        if isinstance(sub, type) and issubclass(sub, BaseModel):
            for name, meta in model_fields(sub):
                yield FieldSpec(section, name, meta)


def field_by_path(path: str) -> FieldSpec | None:
    """The spec for a concrete path such as ``schedule.2.start`` or ``basic.email``."""
    parts = path.split(".")
    generic = ".".join("*" if p.isdigit() else p for p in parts)
    return next((f for f in iter_fields() if f.path == generic), None)
