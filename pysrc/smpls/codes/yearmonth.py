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

__all__ = ["Running", "format", "months", "normalise", "parse", "parse_length", "parse_running"]

_MONTH = re.compile(r"([0-9]{4})\s*(?:年|[-./])\s*([0-9]{1,2})\s*月?")
_SINCE = re.compile(r"\s*(?:起|开始|以来|至今|起至今|开始运行|起运行|运行至今)$")


def _ascii(text: str) -> str:
    try:
        return to_ascii(text).strip()
    except ValueError:
        return ""


def parse(text: str) -> tuple[int, int] | None:
    """(year, month) for a written month with a real month and a year from 1900 to 2100, else None."""
    m = _MONTH.fullmatch(_ascii(text))
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    if not (1900 <= year <= 2100 and 1 <= month <= 12):
        return None
    return year, month


def format(ym: tuple[int, int]) -> str:
    """``YYYY-MM``."""
    return f"{ym[0]}-{ym[1]:02d}"


def normalise(text: str) -> str:
    """A written month as ``YYYY-MM``; anything else unchanged (so that a rule can say what is wrong)."""
    ym = parse(text)
    return format(ym) if ym else text


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
