"""A later batch is one data module: with the FICTIONAL batch of tests/fictional_batch/not_a_real_notice.py
(not a real notice) selected by ``SMPLS_NOTICE``, the checks, the self-check, the 申请书's sections, 填写说明
and labels, the DOCX and whether the call is open all follow it, with no other change to :mod:`smpls`.

Each notice is probed in a fresh interpreter (tests/fictional_batch/probe.py): the notice is chosen when
:mod:`smpls.notice` is first imported. The site built with it: tests/site/test_fictional_batch_site.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from functools import cache
from typing import Any

import pytest
from unit_helpers import ROOT, cpython_only

pytestmark = cpython_only

FOLDER = ROOT / "tests" / "fictional_batch"
#: the tests' day: the fictional call (deadline 2099-01-15) is open on it, the real one (2021-12-20) closed
TODAY = date(2098, 12, 1)


@cache
def probe(module: str = "", today: date = TODAY) -> dict[str, Any]:
    """What smpls derives from the notice of ``module`` ("" for the real batch) on ``today``."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(FOLDER), os.environ.get("PYTHONPATH")]))}
    env.pop("SMPLS_NOTICE", None)
    if module:
        env["SMPLS_NOTICE"] = module
    out = subprocess.run(
        [sys.executable, str(FOLDER / "probe.py"), today.isoformat()],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def fictional() -> dict[str, Any]:
    return probe("not_a_real_notice")


@pytest.fixture(scope="module")
def fixture_module() -> Any:
    sys.path.insert(0, str(FOLDER))
    try:
        import not_a_real_notice
    finally:
        sys.path.remove(str(FOLDER))
    return not_a_real_notice


def test_the_facts_are_the_fictional_batchs(fictional: dict[str, Any], fixture_module: Any) -> None:
    assert fictional["doc_number"] == fixture_module.NOTICE.facts.doc_number != probe()["doc_number"]
    assert fictional["batch"] == "第九十九批"
    assert "2099年1月15日前" in fictional["deadline_clause"]


def test_open_or_closed_is_derived_from_the_deadline(fictional: dict[str, Any]) -> None:
    assert fictional["is_open"] and fictional["deadline_state"] == "尚未截止"
    assert "尚未截止" in fictional["status_note"] and "已于" not in fictional["status_note"]
    assert "第九十九批" in fictional["status_note"] and "2099年1月15日" in fictional["status_note"]
    closed = probe("not_a_real_notice", date(2099, 1, 16))
    assert not closed["is_open"] and closed["deadline_state"] == "已截止"
    assert "已于2099年1月15日截止" in closed["status_note"]
    # the real batch on the same day: closed, in its own words
    real = probe()
    assert not real["is_open"] and "第八批" in real["status_note"] and "已于2021年12月20日截止" in real["status_note"]


def test_the_focus_areas_come_from_clause_one(fictional: dict[str, Any], fixture_module: Any) -> None:
    areas = list(fixture_module.FOCUS_AREAS)
    assert fictional["focus_areas"] == areas and fictional["focus_options"] == [*areas, "其他"]
    assert "、".join(areas) in fictional["clause_1"]
    assert "是通知一列举的领域之一" in fictional["focus_reasons"]["养老服务"]
    # 社会治理: an area of the real batch, not of this one
    assert "是通知一列举的领域之一" not in fictional["focus_reasons"]["社会治理"]
    assert "是通知一列举的领域之一" in probe()["focus_reasons"]["社会治理"]


def test_the_changed_label_is_used_everywhere(fictional: dict[str, Any], fixture_module: Any) -> None:
    path, label = fixture_module.CHANGED_LABEL
    assert path == "basic.unit_name"
    assert fictional["unit_name_label"] == fictional["unit_name_schema_title"] == label
    assert fictional["unit_name_messages"] == [f"请填写{label}（申请书一有这一栏）。"]
    assert fictional["docx_labels"] == [label]
    assert fictional["docx_read_back"] == "临湖市政务服务管理局"  # the reader finds the value by the new label
    real = probe()
    assert real["unit_name_messages"] == ["请填写单位名称（申请书一有这一栏）。"]
    assert real["docx_labels"] == ["单位名称"]


def test_sections_and_instructions_come_from_the_notice(fictional: dict[str, Any], fixture_module: Any) -> None:
    notice = fixture_module.NOTICE
    assert fictional["sections"] == [list(s) for s in notice.sections]
    assert fictional["instructions"] == [f"{i}. {text}" for i, text in enumerate(notice.instructions, start=1)]


@pytest.mark.skipif(bool(os.environ.get("SMPLS_NOTICE")), reason="this is the run the test starts")
def test_the_unit_suite_passes_with_the_fictional_batch() -> None:
    """The whole unit suite again, with the fictional batch selected: everything holds for another batch except
    the tests of the real batch's own text (marked real_batch), which are skipped, and only they."""
    env = {**os.environ, "SMPLS_NOTICE": "not_a_real_notice"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(FOLDER), os.environ.get("PYTHONPATH")]))
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/unit", "-q", "-rs", "-p", "no:xdist", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-4000:]
    skips = [
        line for line in run.stdout.splitlines() if line.startswith("SKIPPED") and "run the test starts" not in line
    ]
    assert skips and all("about the real batch's own text" in line for line in skips), skips
