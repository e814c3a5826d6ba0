"""Checks that a 申请书 DOCX holds a draft's values, for the DOCX tests and the browser download test.

    from docx_check import check_docx        # tests/docx is on pytest's pythonpath
    check_docx(path_or_bytes, app)            # python-docx read-back, LibreOffice → PDF, pdftotext

The expected text is worked out here from the draft and the model's labels, independently of
:mod:`smpls.docx.layout`, so a layout that drops or misplaces a value fails. (The module is not called
``check.py`` and tests/docx has no ``__init__.py``: a package named ``docx`` would shadow python-docx.)
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from docx.table import Table, _Cell

import docx
from smpls.fields import model_fields
from smpls.model import Application, BasicInfo, Cover, Foundation, Funding, Meta, Opinions, Participant, ScheduleRow

FONTS_CONF = Path(__file__).with_name("fonts.conf")
EXAMPLES = Path(__file__).parents[2] / "examples"
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_FOOTER_LINE = re.compile(r"^\s*—\s*\d+\s*—\s*$", re.MULTILINE)


def complete_draft() -> dict[str, Any]:
    """The named example examples/complete.json as a dict."""
    data: dict[str, Any] = json.loads((EXAMPLES / "complete.json").read_text(encoding="utf-8"))
    return data


def meta(model: type, name: str) -> Meta:
    return dict(model_fields(model))[name]


def storable(text: str) -> str:
    """What a DOCX can hold of ``text``: characters XML forbids (and C1 controls) dropped."""
    return _ILLEGAL.sub("", text)


def ym(value: str) -> str:
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    return f"{m.group(1)}年{int(m.group(2))}月" if m else value


def period(start: str, end: str) -> str:
    return f"{ym(start)}—{ym(end)}" if start or end else ""


@dataclass
class CheckResult:
    """What :func:`check_docx` found; ``problems`` is empty when the document is right."""

    problems: list[str] = field(default_factory=list)
    pdf: bytes = b""
    pdf_text: str = ""


def _unique_cells(table: Table) -> Iterator[list[_Cell]]:
    """Each row's cells, a merged cell (gridSpan) once."""
    for r in table.rows:
        seen: list[_Cell] = []
        for c in r.cells:
            if not seen or c._tc is not seen[-1]._tc:
                seen.append(c)
        yield seen


def _cell_after(doc: docx.document.Document, label: str) -> str | None:
    """Text of the cell right of the cell whose text is ``label`` (past a cell holding only a colon)."""
    for t in doc.tables:
        for cells in _unique_cells(t):
            for i, c in enumerate(cells[:-1]):
                if c.text.strip().rstrip("：") == label:
                    rest = [x.text for x in cells[i + 1 :] if x.text.strip() != "："]
                    return rest[0] if rest else ""
    return None


def expected_cells(app: Application) -> list[tuple[str, str, str]]:
    """(field path, label of the cell on the left, value text expected in that cell)."""
    c, b = app.cover, app.basic
    out = [
        ("cover.pilot_name", meta(Cover, "pilot_name").label, c.pilot_name),
        ("cover.undertaking_unit", meta(Cover, "undertaking_unit").label, c.undertaking_unit),
        ("cover.guarantor_unit", meta(Cover, "guarantor_unit").label, c.guarantor_unit),
        ("cover.guidance_unit", meta(Cover, "guidance_unit").label, c.guidance_unit),
    ]
    for name, m in model_fields(BasicInfo):
        if name in ("reg_province", "reg_county"):
            continue
        value = getattr(b, name)
        if m.kind in ("yearmonth", "running"):  # a running time written as a month prints as one
            value = ym(value)
        out.append((f"basic.{name}", m.label, value))
    for name, m in model_fields(Foundation):
        out.append((f"foundation.{name}", m.label, getattr(app.foundation, name)))
    return out


def check_document(doc: docx.document.Document, app: Application) -> list[str]:
    """Problems with the values of ``app`` in the python-docx document ``doc``."""
    problems: list[str] = []
    for path, label, value in expected_cells(app):
        got = _cell_after(doc, label)
        if got is None:
            problems.append(f"{path}: no cell labelled {label!r}")
        elif storable(value) not in got:
            problems.append(f"{path}: {value[:40]!r} not in the cell after {label!r} ({got[:60]!r})")

    # 法人注册地址: one cell with 省(市) … 县(区) …
    prov, county = meta(BasicInfo, "reg_province").form_label, meta(BasicInfo, "reg_county").form_label
    address = next((c.text for t in doc.tables for r in _unique_cells(t) for c in r if prov in c.text), None)
    if address is None or county not in address:
        problems.append(f"basic.reg_province: no cell with {prov} and {county}")
    else:
        after_prov = address.split(prov, 1)[1]
        if storable(app.basic.reg_province) not in after_prov.split(county, 1)[0]:
            problems.append(f"basic.reg_province: {app.basic.reg_province!r} not after {prov}")
        if storable(app.basic.reg_county) not in after_prov.split(county, 1)[1]:
            problems.append(f"basic.reg_county: {app.basic.reg_county!r} not after {county}")

    # 封面 试点时间 and the date line
    text = "\n".join(p.text for p in doc.paragraphs)
    all_cells = "\n".join(c.text for t in doc.tables for r in _unique_cells(t) for c in r)
    cover_period = _cell_after(doc, meta(Cover, "period_start").form_label.split("（")[0]) or ""
    for path, value in (("cover.period_start", app.cover.period_start), ("cover.period_end", app.cover.period_end)):
        if value and ym(value) not in cover_period:
            problems.append(f"{path}: {ym(value)!r} not on the cover ({cover_period!r})")
    if app.cover.filled_on and ym(app.cover.filled_on) not in text:
        problems.append(f"cover.filled_on: {ym(app.cover.filled_on)!r} not in the document")

    # 三 and 五: the text in some cell
    boxes = [("goals.text", app.goals.text)]
    boxes += [(f"funding.{n}", getattr(app.funding, n)) for n, _ in model_fields(Funding)]
    for path, value in boxes:
        if storable(value) not in all_cells:
            problems.append(f"{path}: {value[:40]!r} not in any cell")

    # 四: the schedule table, one row per stage after the header
    header = [
        meta(ScheduleRow, "start").form_label,
        meta(ScheduleRow, "content").label,
        meta(ScheduleRow, "units").label,
    ]
    table = next((t for t in doc.tables if [c.text for c in t.rows[0].cells] == header), None)
    if table is None:
        problems.append(f"schedule: no table with the header {header}")
    else:
        body = [[c.text for c in r.cells] for r in table.rows[1:]]
        for i, stage in enumerate(app.schedule):
            want = [period(stage.start, stage.end), storable(stage.content), storable(stage.units)]
            if i >= len(body) or body[i] != want:
                problems.append(f"schedule.{i}: row {body[i] if i < len(body) else None!r}, expected {want!r}")

    # 六: a block per unit, unit name after “（盖章）：”
    words = [
        (meta(Cover, "undertaking_unit").label.removeprefix("试点"), app.cover.undertaking_unit),
        *(
            (meta(Participant, "name").label.removesuffix("名称"), p.name)
            for p in app.opinions.participants or [Participant()]
        ),
        (meta(Cover, "guarantor_unit").label.removeprefix("试点"), app.cover.guarantor_unit),
        (meta(Cover, "guidance_unit").label, app.cover.guidance_unit),
        (meta(Opinions, "management_unit").label, app.opinions.management_unit),
    ]
    blocks = [c.text for t in doc.tables for r in _unique_cells(t) for c in r if "负责人（签名）" in c.text]
    if len(blocks) != len(words):
        problems.append(f"opinions: {len(blocks)} signature blocks, expected {len(words)}")
    for block, (word, name) in zip(blocks, words, strict=False):
        first = block.split("\n", 1)[0]
        if first != f"{word}（盖章）：{storable(name)}":
            problems.append(f"opinions: block starts {first!r}, expected {word}（盖章）：{name[:30]}")
        if "年" not in block or "月" not in block or "日" not in block:
            problems.append(f"opinions: block for {word} has no 年 月 日 line")
    return problems


def _squeeze(text: str) -> str:
    """Text as pdftotext reliably gives it back: letters, digits and CJK of the Basic Multilingual Plane.

    Spaces and line breaks move with the layout, and characters beyond U+FFFF (𠀀, emoji) come back only
    where an installed font has the glyph; the DOCX check above is exact for those.
    """
    return "".join(ch for ch in text if ch.isalnum() and ord(ch) < 0x10000)


def soffice(src: list[Path], fmt: str, outdir: Path, profile: Path) -> list[Path]:
    """Convert files with LibreOffice (profile: a fresh user profile; skips the test when it is not installed)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF.resolve()), "HOME": str(profile)}
    cmd = [exe, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore"]
    cmd += ["--convert-to", fmt, "--outdir", str(outdir), *map(str, src)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=False)
    ext = fmt.split(":")[0]
    out = [outdir / f"{p.stem}.{ext}" for p in src]
    if proc.returncode != 0 or not all(p.exists() for p in out):
        raise RuntimeError(f"LibreOffice failed ({proc.returncode}): {proc.stdout} {proc.stderr}")
    return out


def render_pdf(data: bytes, workdir: Path) -> bytes:
    """Convert DOCX bytes to PDF with LibreOffice (fresh profile, Chinese fonts mapped to Noto CJK SC)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    src = workdir / "form.docx"
    src.write_bytes(data)
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF.resolve()), "HOME": str(workdir)}
    cmd = [
        soffice,
        f"-env:UserInstallation={(workdir / 'profile').resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(workdir),
        str(src),
    ]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180, check=False)
    pdf = workdir / "form.pdf"
    if proc.returncode != 0 or not pdf.exists() or pdf.stat().st_size == 0:
        raise RuntimeError(f"LibreOffice failed ({proc.returncode}): {proc.stdout} {proc.stderr}")
    return pdf.read_bytes()


def pdf_text(pdf: bytes, workdir: Path) -> str:
    path = workdir / "text.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def all_values(app: Application) -> Iterator[tuple[str, str]]:
    """(path, text as printed) for every filled value of the draft."""
    for path, _label, value in expected_cells(app):
        yield path, value
    yield "basic.reg_province", app.basic.reg_province
    yield "basic.reg_county", app.basic.reg_county
    yield "cover.period_start", ym(app.cover.period_start)
    yield "cover.period_end", ym(app.cover.period_end)
    yield "cover.filled_on", ym(app.cover.filled_on)
    yield "goals.text", app.goals.text
    for name, _ in model_fields(Funding):
        yield f"funding.{name}", getattr(app.funding, name)
    for i, stage in enumerate(app.schedule):
        yield f"schedule.{i}.time", period(stage.start, stage.end)
        yield f"schedule.{i}.content", stage.content
        yield f"schedule.{i}.units", stage.units
    for i, p in enumerate(app.opinions.participants):
        yield f"opinions.participants.{i}.name", p.name
    yield "opinions.management_unit", app.opinions.management_unit


def check_docx(source: bytes | str | os.PathLike[str], app: Application, *, render: bool = True) -> CheckResult:
    """Check a 申请书 DOCX against the draft ``app``.

    python-docx must open it and find every value in its cell; with ``render``, LibreOffice must convert it to
    PDF and pdftotext must find every value (compared on letters, digits and CJK characters of the BMP:
    line breaks, spaces and glyphs without a font do not survive). Raise ``AssertionError`` listing the problems.
    """
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    result = CheckResult()
    document = docx.Document(io.BytesIO(data))
    result.problems += check_document(document, app)
    if render:
        with tempfile.TemporaryDirectory(prefix="smpls-docx-") as tmp:
            result.pdf = render_pdf(data, Path(tmp))
            result.pdf_text = pdf_text(result.pdf, Path(tmp))
        squeezed = _squeeze(_FOOTER_LINE.sub("", result.pdf_text))
        for path, value in all_values(app):
            if _squeeze(value) not in squeezed:
                result.problems.append(f"{path}: {value[:40]!r} not in the PDF text")
    assert not result.problems, "DOCX problems:\n" + "\n".join(result.problems)
    return result
