"""Reading a 申请书 back from Word: values are found by the form's labels, not by cell positions.

:func:`read_docx` takes the bytes of a ``.docx`` (ours, re-saved by Word, WPS or LibreOffice, edited by hand, or
a look-alike typed from scratch) and returns a :class:`ReadResult`: the draft, the text it could not place
(Chinese notes), and, when the file carries the draft it was made from (:mod:`smpls.docx.embed`), the fields
changed in Word since the download. Unreadable files raise :class:`~smpls.docx.container.DocxError` with a
Chinese message.

How values are found (all labels come from :mod:`smpls.model` via :func:`smpls.fields.iter_fields`; where the
rows of 四 and 六 go, what they are called and how many the form takes, from :data:`smpls.fields.ROWS`):

* the section headings (一、… to 六、…) split the document into regions; a label is looked for in its own
  section's region (anywhere, when that heading is missing);
* a table cell holding only a label: its value is the next cell to the right (skipping a “：” cell), or the
  cell below when the label is last in its row;
* a paragraph starting with a label (numbered or not, with a bracketed hint or not) followed by “：” and a
  value, or a label paragraph followed by the value's paragraphs (五's “1. 经费主要投入方向”);
* 四: the header row (时间, 阶段工作内容, 负责单位及参与单位) names the columns; every later non-empty row of the
  table, and of tables that continue it, is a stage; 时间 is read as a range of months;
* 三: all remaining text of its region; 六: each “××单位（盖章）：名称” line, 参加单位 lines in order;
* 封面: the 试点时间 range and the lone “2021年12月” line (填表年月).

Labels match whatever the spacing (“单 位 名 称”, “法定代表人\\n(负责人)”) and full- or half-width brackets and
colons. Cell and paragraph text keeps soft line breaks and tabs; runs are joined, so a value split over runs
reads as one.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from smpls.codes.yearmonth import parse as parse_yearmonth
from smpls.docx import embed
from smpls.docx.container import W_NS, Block, Cell, DocxError, Para, Table, blocks, open_docx, parse_xml
from smpls.docx.layout import (
    DATE_BLANK,
    INSTRUCTIONS,
    INSTRUCTIONS_TITLE,
    SEAL,
    SIGNATURE,
    YEAR_MONTH_BLANK,
    _unit_word,
)
from smpls.fields import ROWS, FieldSpec, RowScheme, iter_fields, model_fields, printed_as
from smpls.model import SECTIONS, Application, BasicInfo, Cover, Opinions

SCHEDULE = printed_as("table")  #: 四: read from its table (:meth:`_Reader.schedule`)
PARTICIPANTS = printed_as("blocks")  #: 六: read by their label, and from the “参加单位（盖章）：” lines

__all__ = ["DocxError", "ReadResult", "read_docx", "read_visible"]


@dataclass(frozen=True)
class ReadResult:
    """What :func:`read_docx` found."""

    draft: dict[str, Any]  #: the draft (current schema version, every field present)
    unplaced: tuple[str, ...] = ()  #: Chinese notes: text of the document that is in no field
    changed: tuple[str, ...] = ()  #: field paths changed in Word since the download (empty without a copy)
    embedded: bool = False  #: the file carried the draft it was made from


# ---------------------------------------------------------------- text matching


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """Text compared loosely: NFKC (full-width brackets and colons made ASCII), no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _char_pattern(text: str) -> str:
    """A regex for ``text`` allowing any whitespace between characters and full-/half-width variants."""
    parts = []
    for ch in text:
        if ch.isspace():
            continue
        alts = {ch, unicodedata.normalize("NFKC", ch)}
        for a in list(alts):
            if "!" <= a <= "~":
                alts.add(chr(ord(a) + 0xFEE0))
        parts.append("[" + "".join(re.escape(a) for a in sorted(alts)) + "]" if len(alts) > 1 else re.escape(ch))
    return r"\s*".join(parts)


_NUMBERING = r"(?:\d+\s*[.、．]|[（(]\s*\d+\s*[)）]|[一二三四五六七八九十]+\s*[、.．])?"
_HINT = r"(?:[（(][^（()）\n]{0,80}[)）])?"


@dataclass(frozen=True)
class Target:
    """A label of the form and where its value goes."""

    path: str  #: a field path, or a special: cover.period, basic.reg, participant
    section: str
    label: str
    pattern: re.Pattern[str] = field(compare=False, repr=False)

    def match(self, text: str) -> tuple[bool, str] | None:
        """None when ``text`` does not start with the label; else (caption only?, inline value)."""
        m = self.pattern.match(text)
        if m is None:
            return None
        value = (m.group("value") or "").strip()
        return (not value, value)


def _target(path: str, section: str, label: str) -> Target:
    pattern = re.compile(rf"\s*{_NUMBERING}\s*{_char_pattern(label)}\s*{_HINT}\s*(?:[:：](?P<value>.*)|\Z)", re.DOTALL)
    return Target(path, section, label, pattern)


def _meta_label(model: type[Any], name: str) -> str:
    return dict(model_fields(model))[name].label


def _row_cell(path: str) -> tuple[RowScheme, str] | None:
    """``opinions.participants.*.name`` → (the participants' scheme, ``name``); None for a field of its own."""
    list_path, star, name = path.partition(".*.")
    return next(((s, name) for s in ROWS.values() if s.list_path == list_path), None) if star else None


@cache
def _participant_name() -> FieldSpec:
    """The one cell of a 参加单位 row: its name."""
    return next(spec for spec in iter_fields() if spec.repeat == PARTICIPANTS.kind)


def _set_path(out: dict[str, Any], path: str, value: Any) -> None:
    """``out`` with ``value`` at the dotted ``path`` (``opinions.participants``), making the dicts on the way."""
    *parents, last = path.split(".")
    for part in parents:
        out = out.setdefault(part, {})
    out[last] = value


@cache
def _targets() -> tuple[Target, ...]:
    out: list[Target] = []
    for spec in iter_fields():
        if spec.repeat == SCHEDULE.kind:
            continue
        out.append(_target(spec.path, spec.section, spec.meta.label))  # a 参加单位 too, as a row of its own
    # the form's combined lines: 试点时间 (起 and 止 in one line), 法人注册地址 (省 and 县 in one cell)
    cover = dict(model_fields(Cover))
    out.append(_target("cover.period", "cover", cover["period_start"].form_label.split("（")[0]))
    # … or in two lines, as the form's own names for them: 试点时间（起）, 试点时间（止）
    out += [_target(f"cover.{name}", "cover", cover[name].form_label) for name in ("period_start", "period_end")]
    out.append(_target("basic.reg", "basic", _meta_label(BasicInfo, "reg_province").split("（")[0]))
    # longest labels first, so that 法人注册地址（省） wins over 法人注册地址
    return tuple(sorted(out, key=lambda t: -len(t.label)))


@cache
def _headings() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for key, title in SECTIONS:
        if key == "cover":
            continue
        core = re.sub(r"^[一二三四五六七八九十]+、", "", title.split("（")[0])
        out.append((key, re.compile(rf"\s*{_NUMBERING}\s*{_char_pattern(core)}\s*(?:[（(].*)?\Z", re.DOTALL)))
    return tuple(out)


@cache
def _static() -> frozenset[str]:
    """Keys of the form's fixed text, which is recognised but not a value."""
    title = Application.model_config.get("title") or ""
    # “附件”: the attachment's own first line, kept by those who fill a copy of it
    texts = [title, "附件", INSTRUCTIONS_TITLE, *INSTRUCTIONS, "：", SIGNATURE, DATE_BLANK, YEAR_MONTH_BLANK]
    texts += [SIGNATURE.rstrip("：") + ":", SIGNATURE.rstrip("：")]  # the attachment prints it without a colon
    return frozenset(_key(t) for t in texts)


@cache
def _schedule_columns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(column, header pattern): ``period`` for the form's one 时间 column, or a field of the row."""
    metas = dict(model_fields(SCHEDULE.model))
    cols = [("period", metas["start"].form_label)] + [(name, meta.label) for name, meta in metas.items()]
    return tuple((name, re.compile(rf"\s*{_char_pattern(label)}\s*{_HINT}\s*[:：]?\s*\Z")) for name, label in cols)


@cache
def _opinion_words() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(target path, pattern of “××单位（盖章）：name”) for each opinion block of 六."""
    words = [
        ("cover.undertaking_unit", _unit_word(_meta_label(Cover, "undertaking_unit"))),
        (_participant_name().path, _unit_word(_participant_name().meta.label)),
        ("cover.guarantor_unit", _unit_word(_meta_label(Cover, "guarantor_unit"))),
        ("cover.guidance_unit", _unit_word(_meta_label(Cover, "guidance_unit"))),
        ("opinions.management_unit", _unit_word(_meta_label(Opinions, "management_unit"))),
    ]
    seal = _char_pattern(SEAL.rstrip("：:"))
    return tuple(
        (path, re.compile(rf"\s*(?:试点)?{_char_pattern(word)}\s*{seal}\s*[:：]?(?P<value>.*)", re.DOTALL))
        for path, word in words
    )


_FULLWIDTH = {0xFF10 + i: 0x30 + i for i in range(10)}
_YM = re.compile(r"(\d{4})\s*(?:年|[-./／－])\s*(\d{1,2})(?!\d)\s*月?")
_MONTH_ONLY = re.compile(r"\s*(?:至|到|~|～|—+|–+|－+|-+)\s*(\d{1,2})\s*月?\s*\Z")
_RANGE_SEP = re.compile(r"\s*(?:至|到|~|～|—+|–+|－+|-{2,})\s*")
_BLANK_DATE = re.compile(r"\s*(?:20)?\s*年\s*月\s*(?:日)?\s*\Z")
#: the attachment's cover prints “试点名称：_____”: people type over the underscores or between them
_UNDERLINE = re.compile(r"[_＿]+")


def _without_underline(text: str) -> str:
    """A cover value as typed over the attachment's “_____”: the underscores left around it removed.

    >>> _without_underline("__临湖市政务服务综合标准化试点___"), _without_underline("___2022__年_3_月")
    ('临湖市政务服务综合标准化试点', '2022年3月')
    """
    return _UNDERLINE.sub("", text).strip() if _UNDERLINE.search(text) else text


def split_range(text: str) -> tuple[str, str]:
    """A range of months as written in a cell, as (start, end) text for the model to normalise.

    >>> split_range("2022年3月至2024年2月")
    ('2022年3月', '2024年2月')
    >>> split_range("2022.3—2024.2")
    ('2022.3', '2024.2')
    >>> split_range("2022年3月至6月")
    ('2022年3月', '2022年6月')
    >>> split_range("2022.7—12")
    ('2022.7', '2022年12月')
    >>> split_range("\u3000\u3000\u3000年\u3000\u3000月至\u3000\u3000\u3000年\u3000\u3000月")
    ('', '')
    """
    t = text.translate(_FULLWIDTH)
    if not re.sub(r"[\s年月至到~～—–－-]", "", t):  # the blank “　年　月至　年　月” to fill by hand
        return "", ""
    found = list(_YM.finditer(t))
    if len(found) >= 2:
        return found[0].group(0).strip(), found[1].group(0).strip()
    if len(found) == 1:
        m = found[0]
        month = _MONTH_ONLY.match(t, m.end())
        if month:  # the end's year left out: 2022年3月至6月, 2022.7—12
            return m.group(0).strip(), f"{m.group(1)}年{month.group(1)}月"
    parts = _RANGE_SEP.split(t.strip(), maxsplit=1)
    return (parts[0].strip(), parts[1].strip()) if len(parts) == 2 else (t.strip(), "")


# ---------------------------------------------------------------- the document as regions


@dataclass
class _Doc:
    """The blocks with the region (section key) each one is in."""

    items: list[tuple[str, Block]]
    regions: set[str]

    def tables(self, region: str | None = None) -> Iterator[tuple[str, Table]]:
        for r, b in self.items:
            if isinstance(b, Table) and (region is None or r == region):
                yield r, b

    def paras(self) -> Iterator[tuple[str, Para]]:
        """Every paragraph with its region, in order (cells row by row)."""
        for r, b in self.items:
            if isinstance(b, Para):
                yield r, b
            else:
                for row in b.rows:
                    for c in row:
                        for p in c.paras:
                            yield r, p


def _regions(items: list[Block]) -> _Doc:
    region = "cover"
    out: list[tuple[str, Block]] = []
    found = {"cover"}
    instructions = _key(INSTRUCTIONS_TITLE)
    for b in items:
        if isinstance(b, Para) and b.text.strip():
            for key, pattern in _headings():
                if pattern.match(b.text):
                    region = key
                    found.add(key)
                    b.used = True
                    break
            else:
                if region == "cover" and _key(b.text) == instructions:
                    region = "instructions"
                    b.used = True
        out.append((region, b))
    return _Doc(out, found)


# ---------------------------------------------------------------- reading


@dataclass
class _Reader:
    doc: _Doc
    values: dict[str, str] = field(default_factory=dict)
    rows: dict[str, list[dict[str, str]]] = field(default_factory=lambda: {kind: [] for kind in ROWS})
    notes: list[str] = field(default_factory=list)
    labels_found: set[str] = field(default_factory=set)
    schedule_found: bool = False
    opinion_names: list[tuple[str, str]] = field(default_factory=list)  #: (cover path, name written in 六)

    def allowed(self, target: Target, region: str) -> bool:
        return region == target.section or target.section not in self.doc.regions

    def caption(self, text: str, region: str) -> tuple[Target, bool, str] | None:
        if not text.strip() or len(text) > 4000:
            return None
        for t in _targets():
            if self.allowed(t, region):
                m = t.match(text)
                if m is not None:
                    return t, m[0], m[1]
        return None

    def is_label(self, text: str, region: str) -> bool:
        """True when ``text`` is a label alone (no value after it)."""
        found = self.caption(text, region)
        return found is not None and found[1]

    def put(self, target: Target, value: str) -> None:
        self.labels_found.add(target.path)
        if target.section == "cover":
            value = _without_underline(value)
        if self.add_row(target.path, value):
            return
        old = self.values.get(target.path)
        if old is None or not old.strip():
            self.values[target.path] = value
        elif value.strip() and _key(value) != _key(old):
            self.notes.append(f"“{target.label}”出现了不止一次：已读取第一处，另一处的“{_snippet(value)}”没有读取。")

    def add_row(self, path: str, value: str) -> bool:
        """A row of one cell (a 参加单位 by its name) when ``path`` is a cell of a row; blank values are
        skipped. False when ``path`` is a field of its own."""
        cell = _row_cell(path)
        if cell is None:
            return False
        if value.strip():
            self.rows[cell[0].kind].append({cell[1]: value})
        return True

    # -- steps
    def mark_static(self) -> None:
        static = _static()
        for _r, p in self.doc.paras():
            if not p.used and _key(p.text) in static:
                p.used = True

    def opinions(self) -> None:
        for region, p in self.doc.paras():
            if p.used or not p.text.strip() or not (region == "opinions" or "opinions" not in self.doc.regions):
                continue
            for path, pattern in _opinion_words():
                m = pattern.match(p.text)
                if m is None:
                    continue
                p.used = True
                self.labels_found.add("opinions")
                name = m.group("value").strip()
                if path == "opinions.management_unit":
                    self.values.setdefault(path, name)
                elif not self.add_row(path, name):
                    self.opinion_names.append((path, name))
                break

    def schedule(self) -> None:
        region = SCHEDULE.section if SCHEDULE.section in self.doc.regions else None
        columns: dict[int, str] | None = None
        for r, table in self.doc.tables(region):
            start = 0
            if columns is None or region is None:
                header = _schedule_header(table)
                if header is None:
                    if columns is None or region is None:
                        continue  # (without 四's heading, only tables with the header are read as 四)
                else:
                    start, columns = header
                    self.schedule_found = True
                    self.labels_found.add(SCHEDULE.section)
            if columns is None:
                continue
            for cells in table.rows[start:]:
                if any(self.is_label(c.text, r) for c in cells):
                    break  # a row of another section (tables merged): left to the labels
                stage: dict[str, str] = {}
                for c in cells:
                    if c.merged_up:
                        continue
                    for col in range(c.col, c.col + c.span):
                        if col in columns:
                            name = columns[col]
                            stage[name] = (stage.get(name, "") + "\n" + c.text).strip("\n") if name in stage else c.text
                            break
                    else:
                        if c.text.strip():
                            continue  # left unused: reported as unplaced
                    for p in c.paras:
                        p.used = True
                if not any(v.strip() for v in stage.values()):
                    continue
                if "period" in stage:
                    s, e = split_range(stage.pop("period"))
                    stage.setdefault("start", s)
                    stage.setdefault("end", e)
                self.rows[SCHEDULE.kind].append(stage)

    def labels(self) -> None:
        for region, b in self.doc.items:
            if isinstance(b, Table):
                self.table(region, b)
        # paragraphs outside tables: “label：value”, or a label paragraph followed by the value's paragraphs
        current: Target | None = None
        lines: list[str] = []
        for region, b in self.doc.items:
            if isinstance(b, Table) or b.used:
                self.flush(current, lines)
                current = None
                continue
            found = self.caption(b.text, region)
            if found is not None:
                self.flush(current, lines)
                target, only, value = found
                current = None
                b.used = True
                if only:
                    current = target
                else:
                    self.put(target, value)
            elif current is not None:
                lines.append(b.text)
                b.used = True
        self.flush(current, lines)

    def flush(self, target: Target | None, lines: list[str]) -> None:
        """Put the value collected in ``lines`` (and clear them)."""
        if target is not None:
            self.put(target, "\n".join(lines))
        lines.clear()

    def table(self, region: str, table: Table) -> None:
        for r, cells in enumerate(table.rows):
            for i, c in enumerate(cells):
                if c.merged_up or all(p.used for p in c.paras):
                    continue
                found = self.caption(c.text, region)
                if found is not None and found[1]:
                    for p in c.paras:
                        p.used = True
                    value = self.neighbour(table, r, i, region)
                    self.put(found[0], "" if value is None else value.text)
                    if value is not None:
                        for p in value.paras:
                            p.used = True
                    continue
                # paragraphs of the cell: a caption starts a value that runs to the next caption
                current: Target | None = None
                lines: list[str] = []
                for p in c.paras:
                    if p.used:
                        continue
                    found = self.caption(p.text, region)
                    if found is not None:
                        self.flush(current, lines)
                        current = None
                        p.used = True
                        if found[1]:
                            current = found[0]
                        else:
                            self.put(found[0], found[2])
                    elif current is not None:
                        lines.append(p.text)
                        p.used = True
                self.flush(current, lines)

    def neighbour(self, table: Table, r: int, i: int, region: str) -> Cell | None:
        """The value cell of the label cell ``table.rows[r][i]``: to its right, else below it."""
        cells = table.rows[r]
        for c in cells[i + 1 :]:
            if _key(c.text) == ":" and all(p.used for p in c.paras):
                continue  # the cover's “：” cell
            if self.is_label(c.text, region):
                return None  # the next label: this one's value is blank
            return c
        label = cells[i]
        if r + 1 < len(table.rows):
            for c in table.rows[r + 1]:
                if c.col <= label.col < c.col + c.span and not c.merged_up:
                    return None if self.is_label(c.text, region) else c
        return None

    def cover_date(self) -> None:
        path = "cover.filled_on"
        if self.values.get(path, "").strip():
            return
        for region, p in self.doc.paras():
            if region != "cover" or p.used or not p.text.strip():
                continue
            # “20 年 月” filled as “2021 年 12 月”, “20 21 年 12 月” (after the printed 20), “二〇二一年十二月”
            t = re.sub(r"\s+", "", _without_underline(p.text.translate(_FULLWIDTH)))
            if _YM.fullmatch(t) or parse_yearmonth(t) or _BLANK_DATE.match(t):
                self.values[path] = "" if _BLANK_DATE.match(t) else t
                p.used = True
                return

    def goals(self) -> None:
        path = "goals.text"
        if "goals" not in self.doc.regions or self.values.get(path, "").strip():
            return
        lines = []
        for region, p in self.doc.paras():
            if region == "goals" and not p.used:
                lines.append(p.text)
                p.used = True
        self.values[path] = "\n".join(lines)
        self.labels_found.add(path)

    def unplaced(self) -> None:
        where = {**{k: v.split("（")[0] for k, v in SECTIONS}, "instructions": INSTRUCTIONS_TITLE}
        if not self.schedule_found:
            number = where[SCHEDULE.section].split("、")[0]
            header = "、".join(dict.fromkeys(m.form_label or m.label for _, m in model_fields(SCHEDULE.model)))
            self.notes.append(f"没有找到“{number}、{SCHEDULE.title}”表格的表头（{header}），{SCHEDULE.title}没有读取。")
        for region, p in self.doc.paras():
            if not p.used and p.text.strip():
                self.notes.append(f"{where.get(region, region)}中的“{_snippet(p.text)}”不属于任何栏目，没有读取。")
        if "goals" not in self.doc.regions and self.notes:
            self.notes.insert(
                0,
                f"没有找到“{where['goals']}”的标题，这一部分没有读取，它的文字可能在下面列出的内容中。"
                "请检查这个标题是否被删除，或它前后的表格是否被合并了。",
            )

    def read(self) -> dict[str, Any]:
        self.mark_static()
        self.opinions()
        self.schedule()
        self.labels()
        self.cover_date()
        self.goals()
        self.unplaced()
        return self.draft()

    def draft(self) -> dict[str, Any]:
        values = dict(self.values)
        period = values.pop("cover.period", None)
        if period is not None:
            start, end = split_range(period)
            values.setdefault("cover.period_start", start)
            values.setdefault("cover.period_end", end)
        reg = values.pop("basic.reg", None)
        if reg is not None:
            province, county = _split_region(reg)
            values.setdefault("basic.reg_province", province)
            values.setdefault("basic.reg_county", county)
        for path, name in self.opinion_names:
            label = next(t.label for t in _targets() if t.path == path)
            old = values.get(path, "")
            if not old.strip():
                values[path] = name
            elif name.strip() and _key(name) != _key(old):
                self.notes.append(
                    f"六中“{_unit_word(label)}”的名称“{_snippet(name)}”与封面的“{_snippet(old)}”不同，已按封面读取。"
                )
        out: dict[str, Any] = {}
        for path, value in values.items():
            _set_path(out, path, value)
        for scheme in ROWS.values():
            _set_path(out, scheme.list_path, self.rows[scheme.kind])  # every row: the notice sets no number
        return out


def _schedule_header(table: Table) -> tuple[int, dict[int, str]] | None:
    """(index of the first stage row, grid column → column name) when a row of ``table`` is 四's header."""
    for r, cells in enumerate(table.rows[:3]):
        columns: dict[int, str] = {}
        for c in cells:
            for name, pattern in _schedule_columns():
                if c.text.strip() and pattern.match(c.text):
                    columns[c.col] = name
                    break
        if "content" in columns.values() and len(columns) >= 2:
            for c in cells:
                for p in c.paras:
                    p.used = True
            return r + 1, columns
    return None


def _split_region(text: str) -> tuple[str, str]:
    """The one cell “省(市) 县(区)” as filled: values after the printed words or before them.

    >>> _split_region("省(市) 浙江省　县(区) 临湖市"), _split_region("浙江 省(市) 临湖市 县(区)")
    (('浙江省', '临湖市'), ('浙江', '临湖市'))
    """
    metas = dict(model_fields(BasicInfo))
    prov, county = (_char_pattern(metas[n].form_label) for n in ("reg_province", "reg_county"))
    # the attachment prints “省(市) 县(区)”: a value typed before each printed word
    m = re.fullmatch(rf"\s*(?P<p>\S.*?)\s*{prov}\s*(?P<c>.*?)\s*(?:{county})?\s*", text, re.DOTALL)
    if m:
        return m.group("p"), m.group("c")
    m = re.fullmatch(rf"\s*(?:{prov})?\s*[:：]?\s*(?P<p>.*?)\s*{county}\s*[:：]?\s*(?P<c>.*?)\s*", text, re.DOTALL)
    if m:
        return m.group("p"), m.group("c")
    m = re.fullmatch(rf"\s*{prov}\s*[:：]?\s*(?P<p>.*?)\s*", text, re.DOTALL)
    if m:
        return m.group("p"), ""
    parts = text.split()
    return (parts[0], " ".join(parts[1:])) if len(parts) > 1 else (text, "")


def _snippet(text: str, limit: int = 40) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[:limit] + "…"


#: Most paragraphs (cells' included) read; a 申请书 has about 150, a long one a few thousand.
MAX_PARAGRAPHS = 20_000
#: Fewest labels, headings or tables of the 申请书 a document must show to be read as one.
MIN_LABELS = 3


def read_visible(items: list[Block]) -> tuple[dict[str, Any], list[str]]:
    """The draft (raw text, before the model normalises it) and the unplaced notes, from the document's blocks.

    Raises :class:`DocxError` when the document shows fewer than :data:`MIN_LABELS` of the form's labels.
    """
    if sum(1 for _ in _Doc([("", b) for b in items], set()).paras()) > MAX_PARAGRAPHS:
        raise DocxError(
            f"文档太长（超过 {MAX_PARAGRAPHS} 段），不像是申请书（本站的申请书约 150 段），没有读取。"
            "请确认选择的是申请书。"
        )
    doc = _regions(items)
    reader = _Reader(doc)
    data = reader.read()
    if len(reader.labels_found) + len(doc.regions) - 1 < MIN_LABELS:
        raise DocxError(
            "这份 Word 文档中找不到申请书的栏目（例如“单位名称”“组织机构代码”“四、计划工作步骤”），"
            "不像是社会管理和公共服务综合标准化试点申请书，没有读取。请选择本站下载的申请书或在其基础上修改的文件。"
        )
    return data, reader.notes


# ---------------------------------------------------------------- the embedded copy and the merge


def _embedded(parts: Iterable[bytes]) -> dict[str, Any] | None:
    for data in parts:
        try:
            root = parse_xml(data)
        except DocxError:
            continue
        if root.tag != f"{{{embed.NAMESPACE}}}{embed.ROOT}":
            continue
        try:
            value = json.loads("".join(root.text))
        except (ValueError, RecursionError):
            return None
        return value if isinstance(value, dict) else None
    return None


def _validated(data: dict[str, Any]) -> dict[str, Any] | None:
    """``data`` normalised by the model (the rules are not run here); None when it is not a draft."""
    from pydantic import ValidationError

    try:
        return Application.model_validate(data).model_dump(mode="json")
    except ValidationError:  # e.g. more rows than the form allows: the draft module cuts and reports them
        from smpls import draft

        app = draft.validate(data).application
        return None if app is None else app.model_dump(mode="json")


def _merge(vis: Any, rend: Any, emb: Any, path: str, changed: list[str]) -> Any:
    """The visible value, except where it equals the rendering of the copy: there the copy's exact value."""
    if isinstance(vis, dict) and isinstance(rend, dict) and isinstance(emb, dict):
        return {k: _merge(v, rend.get(k), emb.get(k), f"{path}.{k}" if path else k, changed) for k, v in vis.items()}
    if isinstance(vis, list) and isinstance(rend, list) and isinstance(emb, list) and len(rend) == len(emb):
        out: list[Any] = []
        as_key = [json.dumps(x, sort_keys=True) for x in vis]
        matcher = difflib.SequenceMatcher(None, [json.dumps(x, sort_keys=True) for x in rend], as_key, autojunk=False)
        deleted = False
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                out.extend(emb[i1:i2])
                continue
            for k in range(j2 - j1):
                j = j1 + k
                if k < i2 - i1:
                    out.append(_merge(vis[j], rend[i1 + k], emb[i1 + k], f"{path}.{j}", changed))
                else:
                    out.append(vis[j])
                    changed.append(f"{path}.{j}")
            deleted = deleted or (i2 - i1) > (j2 - j1)
        if deleted:
            changed.append(path)
        return out
    if vis == rend:
        return emb
    changed.append(path)
    return vis


def read_docx(data: bytes) -> ReadResult:
    """Read a 申请书 from the bytes of a ``.docx``. Raises :class:`DocxError` (Chinese message) when unreadable."""
    from smpls.docx.layout import body

    package = open_docx(data)
    raw, notes = read_visible(blocks(parse_xml(package.document)))
    visible = _validated(raw)
    if visible is None:  # pragma: no cover - the reader only writes strings and lists of the model's shape
        raise DocxError("无法读取这份申请书的内容。")
    copy = _embedded(package.custom)
    original = None if copy is None else _validated(copy)
    if original is None:
        return ReadResult(visible, tuple(notes))
    # what the visible document would read as, had nobody touched it since the download
    rendering = "".join(body(Application.model_validate(original)))
    xml = f'<w:document xmlns:w="{W_NS}"><w:body>{rendering}</w:body></w:document>'
    again = blocks(parse_xml(xml.encode("utf-8")))
    rendered = _validated(read_visible(again)[0])
    changed: list[str] = []
    merged = _merge(visible, rendered, original, "", changed)
    return ReadResult(merged, tuple(notes), tuple(changed), True)
