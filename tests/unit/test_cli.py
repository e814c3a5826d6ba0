"""smpls.cli via subprocess (CPython only)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from unit_helpers import EXAMPLES, cpython_only

pytestmark = cpython_only


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smpls", *args],
        input=stdin.decode() if stdin else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_complete_exits_0() -> None:
    out = run("validate", str(EXAMPLES / "complete.json"))
    assert out.returncode == 0, out.stderr
    assert "没有问题" in out.stdout


def test_advice_only_exits_0() -> None:
    out = run("validate", str(EXAMPLES / "problems-uscc-part.json"))
    assert out.returncode == 0
    assert "0 个错误，1 个提示" in out.stdout and "[uscc_orgcode_part]" in out.stdout


def test_problems_exit_1_readable() -> None:
    out = run("validate", str(EXAMPLES / "complete.json"), str(EXAMPLES / "problems.json"))
    assert out.returncode == 1
    assert "错误  basic.org_code  [uscc_checksum]" in out.stdout
    assert "提示  cover.period_end  [period_unusual]" in out.stdout
    lines = [line for line in out.stdout.splitlines() if line.startswith("  ")]
    assert lines and all("（依据：" in line for line in lines)
    assert any(line.endswith("（依据：通知二（四））") for line in lines if "[accident]" in line)


def test_json_output() -> None:
    out = run("validate", "--json", str(EXAMPLES / "problems.json"), str(EXAMPLES / "empty.json"))
    assert out.returncode == 1
    reports = json.loads(out.stdout)
    assert [r["readable"] for r in reports] == [True, True]
    assert reports[0]["counts"]["错误"] > 0
    assert {"path", "code", "level", "message", "basis", "basis_href"} == set(reports[0]["problems"][0])
    accident = next(p for p in reports[0]["problems"] if p["code"] == "accident")
    assert (accident["basis"], accident["basis_href"]) == ("通知二（四）", "notice/#n-2-4")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(b"not json", "格式错误"), (b"[1, 2]", "JSON 对象"), (b'{"schema_version": 99}', "版本 99")],
)
def test_unreadable_exits_2(tmp_path: Path, content: bytes, fragment: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    out = run("validate", str(EXAMPLES / "problems.json"), str(bad))
    assert out.returncode == 2
    assert "无法读取" in out.stdout and fragment in out.stdout


def test_missing_file_exits_2(tmp_path: Path) -> None:
    out = run("validate", str(tmp_path / "nope.json"))
    assert out.returncode == 2 and "文件不存在" in out.stdout


def test_stdin() -> None:
    out = run("validate", "-", stdin=(EXAMPLES / "complete.json").read_bytes())
    assert out.returncode == 0


def test_schema_command() -> None:
    from smpls.schema import schema_text

    out = run("schema")
    assert out.returncode == 0 and out.stdout == schema_text()


def test_usage_error_exits_2() -> None:
    assert run().returncode == 2
    assert run("validate").returncode == 2


def test_docx_command(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    out = run("docx", str(EXAMPLES / "complete.json"), "-o", str(target))
    try:
        from smpls.docx import build_docx  # noqa: F401
    except ImportError:
        assert out.returncode == 2 and "smpls.docx" in out.stderr
        return
    assert out.returncode == 0, out.stderr
    assert target.read_bytes()[:2] == b"PK"


def test_docx_of_unreadable_draft_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    out = run("docx", str(bad), "-o", str(tmp_path / "x.docx"))
    assert out.returncode == 2 and not (tmp_path / "x.docx").exists()


def test_today_option() -> None:
    problems = str(EXAMPLES / "problems.json")
    early = run("validate", "--json", "--today", "2021-12-10", problems)
    late = run("validate", "--json", "--today", "2031-01-01", problems)
    assert "date_in_future" in {p["code"] for p in json.loads(early.stdout)[0]["problems"]}
    assert "date_in_future" not in {p["code"] for p in json.loads(late.stdout)[0]["problems"]}
    bad = run("validate", "--today", "2021/12/10", problems)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_legitimate_cases_of_issue_10_give_no_error(tmp_path: Path) -> None:
    """Long texts, a stage after the pilot's end, no 管理单位 name, several and international phone numbers,
    a running time written as a length: at most 提示, so the CLI exits 0."""
    data = json.loads((EXAMPLES / "complete.json").read_text(encoding="utf-8"))
    data["basic"]["business_scope"] = "负责政务服务。" * 100
    data["foundation"]["conformity"] = "对照通知二逐条说明。" * 350
    data["schedule"][0]["units"] = "临湖市政务服务管理局、" * 15
    data["schedule"][-1]["end"] = "2024-06"
    data["opinions"]["management_unit"] = ""
    data["basic"]["phone"] = "010-82261006、82261652；+86 10 8226 1006或8613800138000"
    data["basic"]["std_system_running"] = "已运行 1 年 3 个月"
    path = tmp_path / "legit.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = run("validate", "--json", str(path))
    assert out.returncode == 0, out.stdout
    (report,) = json.loads(out.stdout)
    assert report["counts"]["错误"] == 0
    assert {p["code"] for p in report["problems"]} == {"too_long", "schedule_outside_period"}
    assert all(p["basis"] == "本站建议" and "建议" in p["message"] for p in report["problems"])
