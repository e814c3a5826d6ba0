"""The DOCX writer runs inside Pyodide (Node) and its output passes the same checks as on CPython."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx_check import EXAMPLES, check_docx, complete_draft

from smpls.docx import build_docx
from smpls.model import Application

pytestmark = pytest.mark.docx

ROOT = Path(__file__).parents[2]
SCRIPT = Path(__file__).with_name("pyodide_docx.mjs")


def test_pyodide_builds_the_complete_example(tmp_path: Path) -> None:
    if not any((ROOT / "build" / "wheels" / "pypi").glob("pydantic_core-*pyemscripten*.whl")):
        pytest.skip("the Pyodide wheels are not fetched: run `make setup`")
    node = shutil.which("node")
    assert node, "Node.js is needed to run Pyodide"
    out = tmp_path / "pyodide.docx"
    proc = subprocess.run(
        [node, str(SCRIPT), str(EXAMPLES / "complete.json"), str(out), "1"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["python"].startswith("3.14")
    # its speed is measured by `make bench` (bench/run.py: "Pyodide (Node): DOCX p50"), not asserted here
    app = Application.model_validate(complete_draft())
    check_docx(out, app, render=False)
    # the same XML as CPython writes (the script builds with this creation time)
    cpython = build_docx(app, created=datetime(2021, 12, 1, tzinfo=UTC))
    assert unzipped(out.read_bytes()) == unzipped(cpython)


def unzipped(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}
