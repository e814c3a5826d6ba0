"""smpls.browser: the text-in, text-out functions the Pyodide worker calls."""

from __future__ import annotations

import json

import pytest
from unit_helpers import load_example

from smpls import browser


def test_validate_complete() -> None:
    out = json.loads(browser.validate(json.dumps(load_example("complete.json"))))
    assert out == {"problems": [], "counts": {"错误": 0, "提示": 0}}


def test_validate_problems_shape() -> None:
    out = json.loads(browser.validate(json.dumps(load_example("problems.json"), ensure_ascii=False)))
    assert out["counts"]["错误"] == sum(p["level"] == "错误" for p in out["problems"]) > 0
    assert out["counts"]["提示"] == sum(p["level"] == "提示" for p in out["problems"]) > 0
    for p in out["problems"]:
        assert set(p) == {"path", "code", "level", "message", "basis", "basis_href"}
        assert p["level"] in ("错误", "提示")
        assert p["basis"] and p["basis_href"] and not p["basis_href"].startswith(("/", "http"))
    accident = next(p for p in out["problems"] if p["code"] == "accident")
    assert (accident["basis"], accident["basis_href"]) == ("通知二（四）", "notice/#n-2-4")


@pytest.mark.parametrize("text", ["", "null", "[]", "{", "\ud800", '{"schema_version": 99}', "9" * 5000])
def test_validate_never_raises(text: str) -> None:
    out = json.loads(browser.validate(text))
    assert out["counts"]["错误"] >= 1
    assert all(p["basis"] == "草稿格式（JSON）" for p in out["problems"])


def test_migrate_version_0() -> None:
    v0 = {
        "schema_version": 0,
        "pilot": {"name": "临湖市政务服务综合标准化试点", "start": "2022-03", "end": "2024-02"},
        "unit": {"unit_name": "临湖市政务服务管理局"},
        "steps": [{"time": "2022-03至2022-05", "content": "宣传培训"}],
    }
    out = json.loads(browser.migrate(json.dumps(v0, ensure_ascii=False)))
    assert out["draft"]["schema_version"] == 1
    assert out["draft"]["cover"]["pilot_name"] == "临湖市政务服务综合标准化试点"
    assert out["draft"]["basic"]["unit_name"] == "临湖市政务服务管理局"
    assert out["draft"]["schedule"][0] == {"start": "2022-03", "end": "2022-05", "content": "宣传培训", "units": ""}
    assert out["counts"]["错误"] > 0  # the rest is still to fill


@pytest.mark.parametrize(("text", "code"), [("[]", "not_object"), ('{"schema_version": 7}', "schema_version_newer")])
def test_migrate_unreadable(text: str, code: str) -> None:
    out = json.loads(browser.migrate(text))
    assert out["draft"] is None and out["problems"][0]["code"] == code


def test_questions_and_eligibility() -> None:
    data = json.loads(browser.questions())
    assert {"conditions", "questions", "focus_areas"} <= set(data)
    answers = {q["id"]: q["good"] for q in data["questions"] if q["good"]}
    answers["focus_area"] = data["focus_areas"][0]
    assert json.loads(browser.eligibility(json.dumps(answers)))["overall"] == "符合"
    assert json.loads(browser.eligibility("not json"))["overall"] == "需进一步确认"
    verdict = json.loads(browser.eligibility(json.dumps({"accident": "是"})))
    assert verdict["overall"] == "不符合" and verdict["prefill"] == {"basic.major_accident": "是"}


def test_docx_refuses_unreadable_draft() -> None:
    with pytest.raises(ValueError, match="JSON 对象"):
        browser.docx("[]")


def test_docx_bytes_and_filename() -> None:
    text = json.dumps(load_example("complete.json"), ensure_ascii=False)
    data = browser.docx(text)
    assert isinstance(data, bytes) and data[:2] == b"PK"
    assert browser.docx_filename(text).endswith(".docx")


def test_warm_imports_stdnum() -> None:
    import sys

    assert browser.warm() == "ok"
    assert "stdnum.cn.uscc" in sys.modules


def test_browser_import_is_light() -> None:
    import subprocess
    import sys

    if sys.platform == "emscripten":
        pytest.skip("needs a subprocess")
    code = "import sys, smpls.browser; print(sorted(m for m in sys.modules if m.startswith(('stdnum', 'smpls.docx'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
