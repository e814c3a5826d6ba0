"""smpls.codes.yearmonth: the one reading of year-months and of 标准体系运行时间."""

from __future__ import annotations

import pytest

from smpls.codes import yearmonth
from smpls.model import normalise_yearmonth


@pytest.mark.parametrize(
    "text", ["2022-03", "2022-3", "2022年3月", "2022年03月", "2022.3", "2022/03", "２０２２－０３", "2022 年 3 月"]
)
def test_month_forms(text: str) -> None:
    assert yearmonth.parse(text) == (2022, 3)
    assert yearmonth.normalise(text) == "2022-03"
    assert normalise_yearmonth(text) == "2022-03"  # the model uses the same reading


NOT_MONTHS = ["2022-00", "2022-13", "1899-12", "2101-01", "22-03", "2022", "明年三月", "", "2022-3²"]


@pytest.mark.parametrize("text", NOT_MONTHS)
def test_not_months(text: str) -> None:
    assert yearmonth.parse(text) is None
    assert yearmonth.normalise(text) == text


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("已运行 1 年 3 个月", 15),
        ("1年", 12),
        ("已运行1年", 12),
        ("1 年零 3 个月", 15),
        ("18个月", 18),
        ("1.5年", 18),
        ("两年半", 30),
        ("半年", 6),
        ("一年多", 12),
        ("3个多月", 3),
        ("运行2年以上", 24),
        ("约十八个月", 18),
        ("二十个月", 20),
        ("三年", 36),
        ("１年３个月", 15),
    ],
)
def test_lengths(text: str, months: int) -> None:
    assert yearmonth.parse_running(text) == yearmonth.Running(None, months)


@pytest.mark.parametrize(
    ("text", "month"),
    [("2020-09", (2020, 9)), ("2020年9月", (2020, 9)), ("2020.9", (2020, 9)), ("2020年9月至今", (2020, 9))],
)
def test_running_months(text: str, month: tuple[int, int]) -> None:
    assert yearmonth.parse_running(text) == yearmonth.Running(month, None)


@pytest.mark.parametrize("text", ["运行良好", "年", "个月", "", "0 年", "很久", "九九九年", "2020-13", "10000 年"])
def test_running_unreadable(text: str) -> None:
    assert yearmonth.parse_running(text) is None
