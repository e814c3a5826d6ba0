"""Year-month (``2022-03``) and the length a standard system has been running (``已运行 1 年 3 个月``).

One reading for the whole package: :mod:`smpls.model` normalises the written forms with :func:`normalise`,
:mod:`smpls.rules` reads them with :func:`parse` and :func:`parse_running`.

A month: the year (4 digits, 1900 to 2100), then ``年``, ``-``, ``.``, ``/``, then the month (1 or 2
digits), an optional ``月``; full-width digits are read too.

>>> normalise("２０２２年3月"), normalise("2022.3"), normalise("2022/03"), normalise("明年")
('2022-03', '2022-03', '2022-03', '明年')
>>> parse("2022-03"), parse("2022-13")
((2022, 3), None)

A length (标准体系运行时间 only): years and/or months in digits or Chinese numerals, with the usual words
around them (``已``, ``运行``, ``约``, ``近``, ``共``, ``多``, ``余``, ``以上``, ``左右``, ``半``). It is read
as a whole number of months, rounding down (``1 年多`` is 12):

>>> parse_running("已运行 1 年 3 个月"), parse_running("两年半"), parse_running("18个月")
(Running(month=None, months=15), Running(month=None, months=30), Running(month=None, months=18))
>>> parse_running("2020年9月至今")
Running(month=(2020, 9), months=None)
>>> parse_running("运行良好") is None
True
"""

from __future__ import annotations

import re
from typing import NamedTuple

from smpls.codes import to_ascii

__all__ = [
    "DISPLAY",
    "EXAMPLE",
    "STORED",
    "Running",
    "display",
    "format",
    "months",
    "normalise",
    "page_config",
    "parse",
    "parse_length",
    "parse_running",
    "parse_span",
]

#: A month as a draft stores it (what :func:`normalise` writes), as a pattern Python and JavaScript read alike.
STORED = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
#: How a stored month is shown to people (the Word file, the form's 核对信息): ``2022-03`` → ``2022年3月``.
DISPLAY = "{year}年{month}月"
#: The example under a month box of the form.
EXAMPLE = "例如 2022-03、2022年3月"
_STORED = re.compile(STORED)

_MONTH = re.compile(r"([0-9]{4})\s*(?:年|[-./])\s*([0-9]{1,2})\s*月?")
_CN_DIGITS = "〇零一二三四五六七八九"
#: a month as people write it on paper: Arabic or Chinese numerals, 元月/正月, with or without a day
_WRITTEN = re.compile(
    r"(?P<y>[0-9]{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>[0-9]{1,2}|十[一二]?|[一二三四五六七八九]|元|正)\s*月"
    r"(?:\s*(?:[0-9]{1,2}|[一二三]?十?[一二三四五六七八九十]?)\s*[日号])?"
)
_YEAR = re.compile(r"(?P<y>[0-9]{4}|[〇零一二三四五六七八九]{4})\s*年?")
#: parts of a year written instead of a month (read as the months they cover)
_PARTS: dict[str, tuple[int, int]] = {
    "": (1, 12),
    "全年": (1, 12),
    "度": (1, 12),
    "年度": (1, 12),
    "上半年": (1, 6),
    "下半年": (7, 12),
    "年初": (1, 1),
    "初": (1, 1),
    "年底": (12, 12),
    "底": (12, 12),
    "年末": (12, 12),
    "末": (12, 12),
    "一季度": (1, 3),
    "第一季度": (1, 3),
    "二季度": (4, 6),
    "第二季度": (4, 6),
    "三季度": (7, 9),
    "第三季度": (7, 9),
    "四季度": (10, 12),
    "第四季度": (10, 12),
}
_RANGE_SEPARATORS = re.compile(r"\s*(?:至|到|~|～|—+|–|－|-|―)\s*")
_MONTH_ONLY = re.compile(r"(?P<m>[0-9]{1,2}|十[一二]?|[一二三四五六七八九]|元|正)\s*月(?:份)?")
_SINCE = re.compile(r"\s*(?:起|开始|以来|至今|起至今|开始运行|起运行|运行至今)$")


def _ascii(text: str) -> str:
    try:
        return to_ascii(text).strip()
    except ValueError:
        return ""


def _year(text: str) -> int:
    return int(text) if text.isdigit() and text.isascii() else int("".join(str(_CN_VALUE[c]) for c in text))


_CN_VALUE = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _month(text: str) -> int:
    if text.isascii():
        return int(text)
    if text in ("元", "正"):
        return 1
    if text.startswith("十"):
        return 10 + (_CN_VALUE[text[1]] if len(text) > 1 else 0)
    return _CN_VALUE[text]


def _checked(year: int, month: int) -> tuple[int, int] | None:
    return (year, month) if 1900 <= year <= 2100 and 1 <= month <= 12 else None


def parse(text: str) -> tuple[int, int] | None:
    """(year, month) for a written month with a real month and a year from 1900 to 2100, else None.

    Besides the forms :func:`normalise` rewrites, a month written on paper is read: Chinese numerals
    (``二〇二一年十二月``), ``元月``/``正月`` for January, and a date whose day is left out of the reading
    (``2021年12月10日``).

    >>> parse("二〇二一年十二月"), parse("2022年元月"), parse("2021年12月10日")
    ((2021, 12), (2022, 1), (2021, 12))
    """
    t = re.sub(r"\s+", "", _ascii(text))
    m = _MONTH.fullmatch(t)
    if m:
        return _checked(int(m.group(1)), int(m.group(2)))
    m = _WRITTEN.fullmatch(t)
    if m:
        return _checked(_year(m.group("y")), _month(m.group("m")))
    return None


def _span(text: str, year: int | None) -> tuple[tuple[int, int], tuple[int, int]] | None:
    ym = parse(text)
    if ym:
        return ym, ym
    m = _YEAR.match(text)
    if m and ("年" in m.group(0) or m.end() == len(text)):
        y, part = _year(m.group("y")), _PARTS.get(text[m.end() :])
        if part and 1900 <= y <= 2100:
            return (y, part[0]), (y, part[1])
    m = _MONTH_ONLY.fullmatch(text)
    if m and year is not None:
        ym = _checked(year, _month(m.group("m")))
        return (ym, ym) if ym else None
    return None


def parse_span(text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The first and last month of a time written in the 时间 column of 申请书四, else None.

    One month, a part of a year, or a range of them:

    >>> parse_span("2022年11月")
    ((2022, 11), (2022, 11))
    >>> parse_span("2023年上半年")
    ((2023, 1), (2023, 6))
    >>> parse_span("2022年3月—5月"), parse_span("2022.03-2022.05")
    (((2022, 3), (2022, 5)), ((2022, 3), (2022, 5)))
    >>> parse_span("近期") is None
    True
    """
    t = re.sub(r"\s+", "", text) if isinstance(text, str) else ""
    whole = _span(_ascii(t), None)
    if whole:
        return whole
    for sep in _RANGE_SEPARATORS.finditer(t):
        left = _span(_ascii(t[: sep.start()]), None)
        if not left:
            continue
        right = _span(_ascii(t[sep.end() :]), left[1][0])
        if right:
            return left[0], right[1]
    return None


def format(ym: tuple[int, int]) -> str:
    """``YYYY-MM``."""
    return f"{ym[0]}-{ym[1]:02d}"


def normalise(text: str) -> str:
    """A month in digits (``2022年3月``, ``2022.3``) as ``YYYY-MM``; anything else kept as written.

    Only the digit forms are rewritten: a month written in words (``二〇二一年十二月``) is the applicant's
    text and stays so; :func:`parse` still reads it.
    """
    m = _MONTH.fullmatch(_ascii(text))
    ym = _checked(int(m.group(1)), int(m.group(2))) if m else None
    return format(ym) if ym else text


def display(value: str) -> str:
    """A stored month as people write it (``2022-03`` → ``2022年3月``); anything else as it is.

    >>> display("2022-03"), display("2022年上半年")
    ('2022年3月', '2022年上半年')
    """
    if not _STORED.fullmatch(value):
        return value
    return DISPLAY.format(year=value[:4], month=int(value[5:7]))


def page_config() -> dict[str, str]:
    """The month facts the pages read (the form's JSON config): the stored pattern, its display, the example."""
    return {"stored": STORED, "display": DISPLAY, "example": EXAMPLE}


def months(ym: tuple[int, int]) -> int:
    """Months since year 0: differences give lengths."""
    return ym[0] * 12 + ym[1] - 1


_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十]+"
_LENGTH = re.compile(
    rf"(?:已经|已|共|约|近|大约|累计)*(?:运行|持续运行)?(?:了|有|约|近)?"
    rf"(?:(?P<y>{_NUM})\s*(?:个)?\s*(?:年|周年)(?P<yhalf>半)?)?"
    rf"\s*(?:零|又)?\s*(?:(?P<m>{_NUM})\s*(?:个)?\s*(?:多|余)?\s*(?:个)?\s*月)?"
    rf"(?P<half>半年)?"
    r"\s*(?:多|余|有余|以上|左右|之久)?\s*(?:了)?"
)


def _number(text: str) -> float | None:
    if text[0].isdigit():
        return float(text)
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _DIGIT.get(tens, -1) if tens else 1
        o = _DIGIT.get(ones, -1) if ones else 0
        return None if t < 0 or o < 0 or len(tens) > 1 or len(ones) > 1 else t * 10 + o
    return _DIGIT[text] if len(text) == 1 else None


def parse_length(text: str) -> int | None:
    """A written length as whole months (``1 年 3 个月`` → 15, ``1.5 年`` → 18), else None."""
    t = re.sub(r"\s+", "", _ascii(text)).replace("多个月", "个多月")
    m = _LENGTH.fullmatch(t)
    if not m or not (m.group("y") or m.group("m") or m.group("half")):
        return None
    total = 0.0
    for group, factor in (("y", 12), ("m", 1)):
        if m.group(group):
            value = _number(m.group(group))
            if value is None:
                return None
            total += value * factor
    if m.group("yhalf") or m.group("half"):
        total += 6
    return int(total) if 0 < total <= 100 * 12 else None


class Running(NamedTuple):
    """标准体系运行时间 as read: the month it started running, or how many months it has been running."""

    month: tuple[int, int] | None
    months: int | None


def parse_running(text: str) -> Running | None:
    """A month (``2020-09``, ``2020年9月``, ``2020.9``, ``2020年9月至今``) or a length, else None."""
    ym = parse(_SINCE.sub("", _ascii(text)))
    if ym:
        return Running(ym, None)
    length = parse_length(text)
    return Running(None, length) if length is not None else None
