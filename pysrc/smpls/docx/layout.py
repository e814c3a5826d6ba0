"""The layout of the official 申请书 (附件 of 国标委发〔2021〕31号), written with :mod:`smpls.docx.ooxml`.

Cover page, 填写说明 page, then sections 一 to 六 as on the paper form. Labels come from the model's
:class:`~smpls.model.Meta` markers and :data:`~smpls.model.SECTIONS`; only text that exists nowhere else (the
填写说明, the “（盖章）” lines) is written here. Empty fields are blank space to fill by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from smpls.docx import embed
from smpls.docx.ooxml import (
    BORDER_NONE,
    BORDER_SINGLE,
    FANGSONG,
    HEI,
    SONG,
    TEXT_WIDTH,
    cell,
    frame_at_bottom,
    package,
    paragraph,
    row,
    run,
    table,
)
from smpls.fields import model_fields, printed_as
from smpls.model import (
    SECTIONS,
    Application,
    BasicInfo,
    Cover,
    Foundation,
    Funding,
    Meta,
    Opinions,
)
from smpls.notice import NOTICE

#: The 填写说明 page, verbatim from the 附件 (:attr:`smpls.notice.Notice.instructions`, numbered as printed).
INSTRUCTIONS_TITLE = "填写说明"
INSTRUCTIONS = NOTICE.numbered_instructions
SEAL = "（盖章）："
SIGNATURE = "负责人（签名）："
DATE_BLANK = "年\u3000\u3000月\u3000\u3000日"
#: the blank of one “年 月” on the cover, to fill by hand
YEAR_MONTH_BLANK = "\u3000\u3000\u3000年\u3000\u3000月"

TABLE_SIZE = 10.5  # 五号
TEXT_SIZE = 12  # 小四
COVER_SIZE = 15  # 小三
COVER_LINE_CHARS = 20  #: characters of COVER_SIZE that fit on one answer line of the cover

_YM = re.compile(r"(\d{4})-(\d{2})")


def _meta(model: type[BaseModel], name: str) -> Meta:
    return dict(model_fields(model))[name]


def _label(model: type[BaseModel], name: str) -> str:
    return _meta(model, name).label


def _section_title(key: str) -> str:
    return dict(SECTIONS)[key]


def year_month(value: str) -> str:
    """``2022-03`` → ``2022年3月``; anything else (a draft may hold any text) is shown as typed."""
    m = _YM.fullmatch(value)
    return f"{m.group(1)}年{int(m.group(2))}月" if m else value


def period(start: str, end: str) -> str:
    """The 时间 of a stage: ``2022年3月—2022年6月``; one time (``2023年上半年``) alone when there is no end."""
    if not start or not end:
        return year_month(start or end)
    return f"{year_month(start)}—{year_month(end)}"


# ---------------------------------------------------------------- small builders
def _p(text: str, *, size: float = TABLE_SIZE, font: str = SONG, bold: bool = False, **layout: Any) -> str:
    """A paragraph of one run; ``layout`` goes to :func:`~smpls.docx.ooxml.paragraph`."""
    return paragraph(run(text, font=font, size=size, bold=bold), **layout)


def _lines(text: str, *, size: float = TEXT_SIZE, font: str = FANGSONG, indent: bool = True) -> list[str]:
    """One paragraph per line of a multi-line answer (an empty answer gives one empty paragraph)."""
    first = round(size * 40) if indent else None  # two characters
    return [
        paragraph(run(line, font=font, size=size), align="both", first_line=first, line=360)
        for line in (text.split("\n") if text else [""])
    ]


def _label_cell(text: str, width: int, span: int = 1) -> str:
    return cell([_p(text, align="center")], width, span=span)


def _value_cell(text: str, width: int, span: int = 1, *, block: bool = False) -> str:
    if block:
        return cell(_lines(text, size=TABLE_SIZE, font=SONG, indent=False), width, span=span)
    return cell([_p(text, align="center")], width, span=span)


def _heading(text: str, *, page_break: bool = False) -> str:
    return paragraph(run(text, font=HEI, size=14), style="Heading1", page_break_before=page_break, keep_next=True)


# ---------------------------------------------------------------- cover and instructions
def cover(app: Application) -> Iterator[str]:
    c = app.cover
    title = Application.model_config.get("title") or ""
    cut = title.find("试点申请书")
    title_runs = run(title[:cut] + "\n" + title[cut:] if cut > 0 else title, size=26, bold=True)
    yield paragraph(title_runs, style="Title", before=1800, after=1800, line=400)

    def ym_or_blank(v: str) -> str:
        return year_month(v) if v else YEAR_MONTH_BLANK

    period_label = _meta(Cover, "period_start").form_label.split("（")[0]
    lines = [
        (_label(Cover, "pilot_name"), c.pilot_name),
        (period_label, f"{ym_or_blank(c.period_start)}至{ym_or_blank(c.period_end)}"),
        (_label(Cover, "undertaking_unit"), c.undertaking_unit),
        (_label(Cover, "guarantor_unit"), c.guarantor_unit),
        (_label(Cover, "guidance_unit"), c.guidance_unit),
    ]
    widths = (2100, 300, 6400)  # label spread over its cell, colon, underlined answer
    none = dict.fromkeys(("top", "left", "bottom", "right"), BORDER_NONE)
    underline = {**none, "bottom": BORDER_SINGLE}

    def text(value: str, align: str) -> list[str]:
        # an answer longer than a line is set smaller, so that the cover stays on one page
        size = COVER_SIZE if len(value) <= COVER_LINE_CHARS else TEXT_SIZE
        return [_p(value, size=size, font=FANGSONG, align=align)]

    rows = [
        row(
            [
                cell(text(label, "distribute"), widths[0], borders=none, valign="bottom"),
                cell(text("：", "center"), widths[1], borders=none, valign="bottom"),
                cell(text(value, "center"), widths[2], borders=underline, valign="bottom"),
            ],
            height=720,
        )
        for label, value in lines
    ]
    yield table(widths, rows, borders=False)
    # “20  年  月” as printed, its blanks widened to ideographic spaces for handwriting
    blank_date = _meta(Cover, "filled_on").form_label.replace("  ", "\u3000\u3000")
    date = year_month(c.filled_on) if c.filled_on else blank_date
    # the date line sits at the foot of the cover page, whatever the length of the answers above
    yield _p(date, size=16, font=SONG, align="center", frame=frame_at_bottom(TEXT_WIDTH))
    yield paragraph()  # the frame's anchor: keeps the date on the cover, not on the next page


def instructions() -> Iterator[str]:
    yield _p(INSTRUCTIONS_TITLE, size=16, font=HEI, align="center", after=480, page_break_before=True)
    for item in INSTRUCTIONS:
        yield _p(item, size=14, font=FANGSONG, align="both", line=440, after=160)


# ---------------------------------------------------------------- 一、承担单位基本信息
#: the six grid columns of table 一
BASIC_GRID = (1500, 1700, 1500, 1500, 900, 1970)


def basic(app: Application) -> Iterator[str]:
    b = app.basic
    g = BASIC_GRID

    def lab(name: str, col: int, span: int = 1) -> str:
        return _label_cell(_label(BasicInfo, name), sum(g[col : col + span]), span)

    def val(name: str, col: int, span: int = 1, block: bool = False) -> str:
        return _value_cell(getattr(b, name), sum(g[col : col + span]), span, block=block)

    province, county = _meta(BasicInfo, "reg_province"), _meta(BasicInfo, "reg_county")
    address = cell(
        [
            paragraph(
                run(f"{province.form_label} ", size=TABLE_SIZE),
                run(b.reg_province or "\u3000" * 4, size=TABLE_SIZE),
                run(f"\u3000{county.form_label} ", size=TABLE_SIZE),
                run(b.reg_county or "\u3000" * 4, size=TABLE_SIZE),
            )
        ],
        sum(g[3:]),
        span=3,
    )
    h = 600
    rows = [
        row([lab("unit_name", 0), val("unit_name", 1, 2), lab("org_code", 3), val("org_code", 4, 2)], height=h),
        row(
            [lab("legal_rep", 0), val("legal_rep", 1), _label_cell(province.label.split("（")[0], g[2]), address],
            height=h,
        ),
        row([lab("address", 0), val("address", 1, 5, block=True)], height=h),
        row(
            [
                lab("industry", 0),
                val("industry", 1),
                lab("economic_type", 2),
                val("economic_type", 3),
                lab("postcode", 4),
                val("postcode", 5),
            ],
            height=h,
        ),
        row([lab("phone", 0), val("phone", 1), lab("email", 2), val("email", 3, 3)], height=h),
        row(
            [lab("std_body_name", 0), val("std_body_name", 1, 2), lab("std_lead_name", 3), val("std_lead_name", 4, 2)],
            height=h,
        ),
        row([lab("business_scope", 0), val("business_scope", 1, 5, block=True)], height=1600),
        row([lab("major_accident", 0, 3), val("major_accident", 3, 3)], height=h),
        row(
            [
                lab("std_system_established", 0),
                _value_cell(year_month(b.std_system_established), sum(g[1:3]), 2),
                lab("std_system_running", 3),
                _value_cell(year_month(b.std_system_running), sum(g[4:6]), 2),
            ],
            height=h,
        ),
        row([lab("self_evaluation", 0), val("self_evaluation", 1, 5, block=True)], height=2400),
    ]
    yield _heading(_section_title("basic"), page_break=True)
    yield table(g, rows)


# ---------------------------------------------------------------- 二、三、五: boxes of free text
def _box(parts: list[tuple[str, str]], *, height: int) -> str:
    """A one-column table; each part is a row: an optional bold caption, then the answer's paragraphs."""
    rows = []
    for caption, text in parts:
        paras = [_p(caption, size=TEXT_SIZE, bold=True, after=60)] if caption else []
        rows.append(row([cell(paras + _lines(text), TEXT_WIDTH, valign="top")], height=height))
    return table([TEXT_WIDTH], rows)


def foundation(app: Application) -> Iterator[str]:
    widths = (1100, TEXT_WIDTH - 1100)
    rows = [
        row(
            [
                _label_cell(_label(Foundation, name), widths[0]),
                cell(_lines(getattr(app.foundation, name)), widths[1], valign="top"),
            ],
            height=5200,
        )
        for name in ("conformity", "current_work")
    ]
    yield _heading(_section_title("foundation"))
    yield table(widths, rows)


def goals(app: Application) -> Iterator[str]:
    yield _heading(_section_title("goals"))
    yield _box([("", app.goals.text)], height=7000)


def funding(app: Application) -> Iterator[str]:
    sources = _meta(Funding, "sources")
    yield _heading(_section_title("funding"))
    yield _box(
        [
            (f"1. {_label(Funding, 'directions')}", app.funding.directions),
            # the form prints the hint in brackets: 2. 经费来源（包括当地政府、有关单位经费投入等）
            (f"2. {sources.label}（{sources.hint.rstrip('。')}）", app.funding.sources),
        ],
        height=3400,
    )


# ---------------------------------------------------------------- 四、计划工作步骤
SCHEDULE_GRID = (2800, 3870, 2400)
BLANK_SCHEDULE_ROWS = 6


def schedule(app: Application) -> Iterator[str]:
    """四: the table of :func:`~smpls.fields.printed_as` ``table``, one stage per row."""
    scheme = printed_as("table")
    g = SCHEDULE_GRID
    header = [_meta(scheme.model, "start").form_label, _label(scheme.model, "content"), _label(scheme.model, "units")]
    rows = [
        row(
            [cell([_p(t, bold=True, align="center")], w) for t, w in zip(header, g, strict=True)],
            height=560,
            header=True,
        )
    ]
    stages = scheme.rows(app)
    for stage in stages:
        rows.append(
            row(
                [
                    _value_cell(period(stage.start, stage.end), g[0]),
                    _value_cell(stage.content, g[1], block=True),
                    _value_cell(stage.units, g[2]),
                ],
                height=800,
                # a stage longer than the advised lengths may be taller than a page: let it split, never clip it
                cant_split=len(stage.content) <= 500 and len(stage.units) <= 100,
            )
        )
    for _ in range(0 if stages else BLANK_SCHEDULE_ROWS):
        rows.append(row([cell([], w) for w in g], height=800))
    yield _heading(_section_title(scheme.section))
    yield table(g, rows)


# ---------------------------------------------------------------- 六、意见
def _unit_word(label: str) -> str:
    """试点承担单位 → 承担单位, 参加单位名称 → 参加单位 (the words the form prints before （盖章）)."""
    return label.removeprefix("试点").removesuffix("名称")


def opinion_blocks(app: Application) -> list[tuple[str, str]]:
    """(unit word, unit name) for every block, in the form's order; at least one block for the rows printed as
    blocks (参加单位)."""
    blocks = printed_as("blocks")
    (name_field, name_meta), *_ = model_fields(blocks.model)
    participants = [getattr(p, name_field) for p in blocks.rows(app)] or [""]
    word = _unit_word
    return [
        (word(_label(Cover, "undertaking_unit")), app.cover.undertaking_unit),
        *((word(name_meta.label), name) for name in participants),
        (word(_label(Cover, "guarantor_unit")), app.cover.guarantor_unit),
        (word(_label(Cover, "guidance_unit")), app.cover.guidance_unit),
        (word(_label(Opinions, "management_unit")), app.opinions.management_unit),
    ]


def opinions(app: Application) -> Iterator[str]:
    rows = []
    for word, name in opinion_blocks(app):
        paras = [
            paragraph(run(word + SEAL, size=TEXT_SIZE, bold=True), run(name, size=TEXT_SIZE), before=120),
            _p(SIGNATURE, size=TEXT_SIZE, before=2000, left=4600),
            _p(DATE_BLANK, size=TEXT_SIZE, before=240, after=120, align="right", right=600),
        ]
        rows.append(row([cell(paras, TEXT_WIDTH, valign="top")], height=3300, cant_split=True))
    yield _heading(_section_title("opinions"))
    yield table([TEXT_WIDTH], rows)


def body(app: Application) -> list[str]:
    """The XML fragments of the document body, in order (the reader renders these to compare)."""
    return [
        *cover(app),
        *instructions(),
        *basic(app),
        *foundation(app),
        *goals(app),
        *schedule(app),
        *funding(app),
        *opinions(app),
    ]


def build(app: Application, *, created: datetime | None = None, embed_draft: bool = True) -> bytes:
    """The 申请书 of ``app`` as DOCX bytes, with the draft embedded (see :mod:`smpls.docx.embed`) unless
    ``embed_draft`` is false."""
    return package(
        body(app),
        title=Application.model_config.get("title") or "",
        subject=app.cover.pilot_name,
        created=created,
        body_size=TEXT_SIZE,
        custom_xml=(embed.NAMESPACE, embed.draft_xml(app)) if embed_draft else None,
    )
