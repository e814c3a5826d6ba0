"""``python -m smpls json FILE.docx`` and ``validate FILE.docx`` via subprocess (CPython only)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from unit_helpers import EXAMPLES, cpython_only, load_example

from smpls.docx import build_docx
from smpls.docx.layout import build
from smpls.model import Application

pytestmark = cpython_only


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smpls", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_json_writes_the_draft_and_says_nothing_was_left_out(tmp_path: Path) -> None:
    src = tmp_path / "申请书.docx"
    src.write_bytes(build_docx(Application.model_validate(load_example("complete.json"))))
    out = run("json", str(src), "-o", str(tmp_path / "draft.json"))
    assert out.returncode == 0, out.stderr
    assert json.loads((tmp_path / "draft.json").read_text("utf-8")) == load_example("complete.json")
    assert "没有读取的内容（0 处）" in out.stderr


def test_json_to_stdout_lists_what_it_could_not_place(tmp_path: Path) -> None:
    app = Application.model_validate(load_example("complete.json"))
    xml = build(app, embed_draft=False)
    src = tmp_path / "a.docx"
    # a name written on the signature line of 六 is in no field of the form
    src.write_bytes(_with_signature(xml, "周明远"))
    out = run("json", str(src))
    assert out.returncode == 0 and json.loads(out.stdout)["cover"]["pilot_name"] == app.cover.pilot_name
    assert "没有读取的内容（1 处）" in out.stderr and "负责人（签名）：周明远" in out.stderr


def _with_signature(data: bytes, name: str) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "word/document.xml":
                content = content.replace("负责人（签名）：".encode(), f"负责人（签名）：{name}".encode(), 1)
            dst.writestr(info.filename, content)
    return out.getvalue()


def test_validate_accepts_docx_and_refuses_a_pdf_in_chinese(tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    good.write_bytes(build_docx(Application.model_validate(load_example("problems.json"))))
    pdf = tmp_path / "renamed.docx"
    pdf.write_bytes(b"%PDF-1.7\n")
    out = run("validate", str(good), str(EXAMPLES / "complete.json"))
    assert out.returncode == 1 and "[uscc_checksum]" in out.stdout
    out = run("validate", "--json", str(pdf))
    assert out.returncode == 2
    assert "PDF 文件" in json.loads(out.stdout)[0]["problems"][0]["message"]


def test_json_of_an_unreadable_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "old.docx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    out = run("json", str(bad), "-o", str(tmp_path / "x.json"))
    assert out.returncode == 2 and ".doc" in out.stderr and not (tmp_path / "x.json").exists()
