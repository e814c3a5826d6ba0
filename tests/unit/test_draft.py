"""smpls.draft: the JSON envelope, migrations, load/dump and validate (never raises)."""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest
from unit_helpers import TODAY, load_example

from smpls import draft
from smpls.model import SCHEMA_VERSION, Application
from smpls.problems import CODES, ERROR


def codes_of(result: draft.ValidationResult) -> set[str]:
    return {p.code for p in result.problems}


def test_complete_round_trip() -> None:
    result = draft.validate(load_example("complete.json"), today=TODAY)
    assert result.application is not None and result.ok and result.problems == ()
    again = draft.load(draft.dump(result.application), today=TODAY)
    assert again.application == result.application


def test_dump_is_readable_utf8_with_version() -> None:
    app = Application.model_validate(load_example("complete.json"))
    text = draft.dump(app)
    assert "临湖市政务服务管理局" in text and "\\u" not in text
    assert json.loads(text)["schema_version"] == SCHEMA_VERSION


def test_empty_example_is_readable_and_incomplete() -> None:
    result = draft.validate(load_example("empty.json"), today=TODAY)
    assert result.application == Application()
    assert not result.ok and codes_of(result) == {"required", "schedule_empty"}


# ---------------------------------------------------------------- not a draft


@pytest.mark.parametrize("value", [None, True, 0, 1.5, "text", "", [], [{}], ["cover"]])
def test_not_an_object(value: Any) -> None:
    result = draft.validate(value)
    assert result.application is None
    assert codes_of(result) == {"not_object"}
    assert "JSON 对象" in result.problems[0].message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "第 1 行第 1 列"),
        ("{", "格式错误"),
        ("{'cover': {}}", "格式错误"),
        ("[" * 100_000, "嵌套太深"),
        ("[" * 100_000 + "]" * 100_000, "嵌套太深"),
        ('{"cover": ' + "{" * 5000 + "}" * 5000 + "}", "嵌套太深"),
        (b"\xff\xfe{}", "UTF-8"),
    ],
)
def test_unreadable_text(text: str | bytes, fragment: str) -> None:
    result = draft.load(text)
    assert result.application is None and codes_of(result) == {"unreadable"}
    assert fragment in result.problems[0].message


def test_shallow_nesting_is_read() -> None:
    result = draft.load('{"goals": {"text": ' + "[" * 20 + "]" * 20 + '}, "cover": {"pilot_name": "[[[[{{{{"}}')
    assert result.application is not None
    assert result.application.cover.pilot_name == "[[[[{{{{"
    assert [p.path for p in result.problems if p.code == "wrong_type"] == ["goals.text"]


def test_bom_is_accepted() -> None:
    assert draft.load("\ufeff{}").application == Application()
    assert draft.load(b"\xef\xbb\xbf{}").application == Application()


def test_too_large() -> None:
    result = draft.load(" " * (draft.MAX_BYTES + 1))
    assert result.application is None and codes_of(result) == {"too_large"}
    assert "2 MB" in result.problems[0].message


# ---------------------------------------------------------------- wrong types are blanked and reported


@pytest.mark.parametrize(
    ("data", "path", "fragment"),
    [
        ({"cover": 5}, "cover", "应是一组字段（JSON 对象），文件中却是数字"),
        ({"cover": {"pilot_name": ["a"]}}, "cover.pilot_name", "“试点名称”应是文字，文件中却是列表"),
        ({"basic": {"email": None}}, "basic.email", "空值（null）"),
        ({"basic": {"phone": True}}, "basic.phone", "真假值"),
        ({"schedule": "2022"}, "schedule", "应是若干行（JSON 数组）"),
        ({"schedule": [1]}, "schedule.0", "“计划工作步骤第 1 行”"),
        ({"schedule": [{"start": {}}]}, "schedule.0.start", "“时间”"),
        ({"opinions": {"participants": [{"name": 1}, {"name": [1]}]}}, "opinions.participants.1.name", "参加单位名称"),
    ],
)
def test_wrong_types(data: dict[str, Any], path: str, fragment: str) -> None:
    result = draft.validate(data, today=TODAY)
    assert result.application is not None
    wrong = [p for p in result.problems if p.code == "wrong_type"]
    assert [p.path for p in wrong] == [path]
    assert fragment in wrong[0].message and "已按空白处理" in wrong[0].message
    # no second "请填写" for the same field
    assert not [p for p in result.problems if p.code == "required" and p.path == path]


def test_wrong_types_keep_the_rest() -> None:
    data = load_example("complete.json")
    data["basic"]["legal_rep"] = {"name": "周明远"}
    result = draft.validate(data, today=TODAY)
    assert result.application is not None
    assert result.application.basic.unit_name == "临湖市政务服务管理局"
    assert result.application.basic.legal_rep == ""
    assert [p.code for p in result.problems] == ["wrong_type"]


def test_numbers_are_read_as_text() -> None:
    result = draft.validate({"basic": {"postcode": 314100, "phone": 13812345678}}, today=TODAY)
    assert result.application is not None
    assert result.application.basic.postcode == "314100"
    assert "postcode" not in codes_of(result) and "phone" not in codes_of(result)


def test_every_row_is_kept() -> None:
    """The notice sets no number of stages or 参加单位: only the file-size guard (MAX_BYTES) limits rows."""
    result = draft.validate({"schedule": [{"content": "培训"}] * 45, "opinions": {"participants": [{}] * 24}})
    assert result.application is not None
    assert len(result.application.schedule) == 45
    assert len(result.application.opinions.participants) == 24
    assert "too_many_rows" not in codes_of(result)


def test_unknown_keys_are_ignored() -> None:
    result = draft.validate({"cover": {"pilot_name": "临湖市综合标准化试点", "extra": 1}, "other": []})
    assert result.application is not None and result.application.cover.pilot_name == "临湖市综合标准化试点"


def test_huge_and_deep_values_do_not_raise() -> None:
    deep: Any = "x"
    # In Pyodide the JavaScript stack is the limit: a 10 000-deep Python list freed inside pytest's call
    # stack overflows it. Browser input is JSON text, whose nesting draft.parse limits before json.loads.
    for _ in range(1_000 if sys.platform == "emscripten" else 10_000):
        deep = [deep]
    result = draft.validate({"cover": {"pilot_name": "中" * 1_000_000}, "goals": {"text": deep}}, today=TODAY)
    assert result.application is not None
    assert "too_long" in codes_of(result) and "wrong_type" in codes_of(result)
    assert all(len(p.message) < 400 for p in result.problems)


# ---------------------------------------------------------------- versions and migrations

V0 = {
    "schema_version": 0,
    "pilot": {
        "name": "临湖市政务服务综合标准化试点",
        "start": "2022-03",
        "end": "2024-02",
        "guarantor_unit": "临湖市人民政府",
    },
    "unit": {"unit_name": "临湖市政务服务管理局", "postcode": "314100"},
    "steps": [
        {"time": "2022-03至2022-05", "content": "宣传培训", "units": "临湖市政务服务管理局"},
        {"time": "2022-06~2023-12", "content": "组织实施标准"},
        "not a row",
    ],
    "goals": {"text": "目标"},
}


def test_migration_from_version_0() -> None:
    migrated, problems = draft.migrate(V0)
    assert problems == [] and migrated is not None
    assert migrated["schema_version"] == SCHEMA_VERSION
    assert migrated["cover"]["pilot_name"] == "临湖市政务服务综合标准化试点"
    assert migrated["cover"]["period_end"] == "2024-02"
    assert migrated["cover"]["guarantor_unit"] == "临湖市人民政府"
    assert migrated["basic"]["postcode"] == "314100"
    assert migrated["schedule"][0] == {
        "start": "2022-03",
        "end": "2022-05",
        "content": "宣传培训",
        "units": "临湖市政务服务管理局",
    }
    assert migrated["schedule"][1]["end"] == "2023-12"
    assert "pilot" not in migrated and "steps" not in migrated


def test_version_0_validates() -> None:
    result = draft.validate(V0, today=TODAY)
    assert result.application is not None
    assert result.application.schedule[0].start == "2022-03"
    assert result.application.goals.text == "目标"
    assert [p.path for p in result.problems if p.code == "wrong_type"] == ["schedule.2"]


@pytest.mark.parametrize("junk", [{"schema_version": 0, "pilot": 5, "unit": [], "steps": "x"}, {"schema_version": "0"}])
def test_migrations_accept_any_dict(junk: dict[str, Any]) -> None:
    result = draft.validate(junk, today=TODAY)
    assert result.application is not None


def test_missing_version_means_current() -> None:
    result = draft.validate({"cover": {"pilot_name": "临湖市政务服务综合标准化试点"}}, today=TODAY)
    assert result.application is not None and result.application.schema_version == SCHEMA_VERSION


def test_newer_version_is_refused_clearly() -> None:
    result = draft.validate({**load_example("complete.json"), "schema_version": SCHEMA_VERSION + 1})
    assert result.application is None
    (problem,) = result.problems
    assert problem.code == "schema_version_newer" and problem.level == ERROR and problem.path == "schema_version"
    assert f"版本 {SCHEMA_VERSION + 1}" in problem.message and "刷新页面" in problem.message


@pytest.mark.parametrize("version", [True, -1, 1.5, "abc", None, [1]])
def test_invalid_version(version: Any) -> None:
    result = draft.validate({"schema_version": version})
    assert result.application is None and codes_of(result) == {"schema_version_invalid"}


def test_every_migration_step_exists() -> None:
    assert set(draft.MIGRATIONS) == set(range(min(draft.MIGRATIONS), SCHEMA_VERSION))


def test_validation_result_helpers() -> None:
    result = draft.validate(load_example("problems.json"), today=TODAY)
    assert result.counts() == {"错误": len(result.errors), "提示": len(result.advice)}
    assert result.to_dict()["counts"] == result.counts()
    assert {p["code"] for p in result.to_dict()["problems"]} <= set(CODES)


def test_application_instance_is_accepted() -> None:
    app = Application.model_validate(load_example("complete.json"))
    assert draft.validate(app, today=TODAY).application == app
