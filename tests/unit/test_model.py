"""smpls.model: normalisation of text fields and the lenient parsing of drafts."""

from __future__ import annotations

import pytest

from smpls.model import SCHEMA_VERSION, Application, normalise_block, normalise_line, normalise_yearmonth


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  临湖市 \u3000 政务  ", "临湖市 政务"),
        ("a\r\nb", "a b"),
        ("e\u0301", "é"),
        (12, "12"),
        (None, None),
        (True, True),
    ],
)
def test_normalise_line(value: object, expected: object) -> None:
    assert normalise_line(value) == expected


def test_normalise_block_keeps_lines() -> None:
    assert normalise_block("\n 第一行  \r\n第二行\u3000\n\n") == "第一行\n第二行"
    assert normalise_block(" \n \n") == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022年3月", "2022-03"),
        ("2022 年 12 月", "2022-12"),
        ("2022.3", "2022-03"),
        ("2022/03", "2022-03"),
        ("２０２２－０３", "2022-03"),
        ("2022-03", "2022-03"),
        ("2022-13", "2022-13"),
        ("2022-0", "2022-0"),
        ("二〇二二年三月", "二〇二二年三月"),
        ("2022年3²月", "2022年3²月"),
        ("", ""),
    ],
)
def test_normalise_yearmonth(value: str, expected: str) -> None:
    assert normalise_yearmonth(value) == expected


def test_empty_application() -> None:
    app = Application()
    assert app.schema_version == SCHEMA_VERSION
    assert app.schedule == [] and app.opinions.participants == []
    assert Application.model_validate({}) == app


def test_yearmonth_fields_are_normalised_on_parse() -> None:
    app = Application.model_validate({"cover": {"period_start": "2022年3月"}, "schedule": [{"end": "2023.1"}]})
    assert app.cover.period_start == "2022-03" and app.schedule[0].end == "2023-01"
