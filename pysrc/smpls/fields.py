"""The flat list of the form's fields, derived from :mod:`smpls.model` (the one definition).

Everything that shows or prints a field (the HTML form, the DOCX, the docs, the check-your-answers view)
walks :func:`iter_fields` instead of repeating labels.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from smpls.model import SECTIONS, Application, Meta, Opinions, Participant, ScheduleRow


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
        if self.repeat == "schedule":
            return f"schedule.*.{self.name}"
        if self.repeat == "participants":
            return f"opinions.participants.*.{self.name}"
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
            for name, meta in model_fields(ScheduleRow):
                yield FieldSpec(section, name, meta, repeat="schedule")
            continue
        if section == "opinions":
            for name, meta in model_fields(Participant):
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
