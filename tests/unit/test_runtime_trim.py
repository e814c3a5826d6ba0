"""The site's Python runtime is trimmed to the reviewed module list (site_assets/runtime/trim.py), and the build
refuses code that imports outside it; the process diagram is a committed drawing of its current source.

CPython only: these read the repository's build files (the Pyodide run checks the trimmed runtime itself).
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from unit_helpers import IN_BROWSER

pytestmark = pytest.mark.skipif(IN_BROWSER, reason="reads the repository's build files (CPython only)")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def trim() -> Any:
    sys.path.insert(0, str(ROOT))
    from site_assets.runtime import trim

    return trim


@pytest.mark.parametrize(
    ("path", "module"),
    [
        ("json/__init__.py", "json"),
        ("json/decoder.pyc", "json.decoder"),
        ("typing_extensions.py", "typing_extensions"),
        ("pydantic_core/_pydantic_core.cpython-314-wasm32-emscripten.so", "pydantic_core._pydantic_core"),
        ("stdnum/cn/loc.dat", None),
        ("email/", None),
    ],
)
def test_module_of_a_path(trim: Any, path: str, module: str | None) -> None:
    assert trim.module_of(path) == module


def test_keep_adds_parent_packages_and_whole_packages_from_the_margin(trim: Any, tmp_path: Path) -> None:
    (tmp_path / "imports.txt").write_text("# recorded\nemail.utils\njson\n", encoding="utf-8")
    (tmp_path / "margin.txt").write_text("encodings.*  # codecs by name\n", encoding="utf-8")
    keep = trim.Keep.from_files(tmp_path / "imports.txt", tmp_path / "margin.txt")
    for name in ["email", "email.utils", "json", "encodings", "encodings.cp437"]:
        assert name in keep, name
    assert "email.parser" not in keep and "json.tool" not in keep and "argparse" not in keep


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_trim_zip_keeps_listed_modules_and_data_files_and_dist_info(trim: Any, tmp_path: Path) -> None:
    src = tmp_path / "demo-1.0-py3-none-any.whl"
    src.write_bytes(
        _zip(
            {
                "demo/__init__.py": b"",
                "demo/used.py": b"x = 1",
                "demo/v1/__init__.py": b"",
                "demo/v1/old.py": b"",
                "demo/data.dat": b"table",
                "demo/other.dat": b"another table",
                "demo/__pycache__/used.cpython-314.pyc": b"pyc",
                "demo/__pycache__/unused.cpython-314.pyc": b"pyc",
                "demo/unused.py": b"",
                "demo-1.0.dist-info/METADATA": b"Name: demo",
                "demo-1.0.dist-info/RECORD": b"stale",
            }
        )
    )
    keep = trim.Keep(frozenset({"demo", "demo.used", "demo/data.dat"}))
    out = tmp_path / "out" / src.name
    dropped = trim.trim_zip(src, keep, out)
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        record = z.read("demo-1.0.dist-info/RECORD").decode()
    assert names == {
        "demo/__init__.py",
        "demo/used.py",
        "demo/data.dat",
        "demo/__pycache__/used.cpython-314.pyc",
        "demo-1.0.dist-info/METADATA",
        "demo-1.0.dist-info/RECORD",
    }
    assert dropped == ["demo.unused", "demo.v1", "demo.v1.old"]
    assert "demo/used.py,sha256=" in record and "old.py" not in record
    again = tmp_path / "again" / src.name
    trim.trim_zip(src, keep, again)
    assert again.read_bytes() == out.read_bytes()  # deterministic: the lock's sha256 is stable


def test_the_build_names_a_module_our_code_imports_outside_the_list(trim: Any) -> None:
    full = trim.Keep.from_files()
    assert trim.missing_imports(full) == []  # what the build checks (site_assets/hooks/imports.py)
    without_json = trim.Keep(frozenset(full.exact - {"json"}), full.whole)
    missing = trim.missing_imports(without_json)
    assert ("smpls.browser", "json") in missing
    assert "smpls.browser imports json" in trim.describe_missing(missing)
    without_reader = trim.Keep(frozenset(full.exact - {"smpls.docx.reader"}), full.whole)
    assert ("smpls.browser", "smpls.docx.reader") in trim.missing_imports(without_reader)  # ours is trimmed too


def test_the_graph_follows_imports_inside_functions_and_skips_the_cli(trim: Any) -> None:
    graph = trim.own_graph()
    assert "smpls.docx" in graph["smpls.browser"]  # imported inside browser.docx()
    assert "stdnum.cn" in graph["smpls.codes.uscc"]  # lazy import of python-stdnum
    assert "smpls.cli" not in graph  # not reachable from the browser functions


def test_the_list_holds_what_the_browser_needs_and_not_what_it_never_imports(trim: Any) -> None:
    names = set(trim.read_list(trim.IMPORTS))
    assert {"smpls.browser", "pydantic", "pydantic_core", "stdnum.cn.uscc", "json", "zipfile"} <= names
    never = {"pydantic.v1", "pydantic.mypy", "pydantic.experimental", "unittest", "argparse", "pytest", "hypothesis"}
    assert names.isdisjoint(never)
    assert not any(n.startswith(("_pytest", "hypothesis", "test_", "pydantic.deprecated")) for n in names)


# --- the process diagram -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def render() -> Any:
    sys.path.insert(0, str(ROOT))
    from site_assets.diagrams import render

    return render


def test_every_mermaid_block_has_a_drawing_of_its_current_source(render: Any) -> None:
    drawn = 0
    for md in sorted((ROOT / "docs").rglob("*.md")):
        page = md.relative_to(ROOT / "docs").with_suffix("").as_posix().replace("/", "-")
        for n, source in enumerate(render.mermaid_blocks(md.read_text(encoding="utf-8")), start=1):
            svg = render.svg_path(page, n).read_text(encoding="utf-8")
            assert render.recorded_hash(svg) == render.source_hash(source), f"{md.name}: run `make diagrams`"
            drawn += 1
    assert drawn >= 1


def test_the_drawing_has_a_text_alternative_and_no_styles_or_scripts(render: Any) -> None:
    svg = render.svg_path("process", 1).read_text(encoding="utf-8")
    root = re.match(r"<svg\b[^>]*>", svg)
    assert root and 'role="img"' in root.group(0) and "aria-labelledby=" in root.group(0)
    assert "<title" in svg and "推荐和申报流程图" in svg and "<desc" in svg
    assert not re.search(r"<style|\sstyle=|<script|foreignObject|\son[a-z]+=", svg)
    for label in ["试点单位", "省级标准化行政主管部门", "联席办公室", "联席会议成员单位", "直接报送"]:
        assert label in svg


# --- precompression comes last -----------------------------------------------------------------------------------


def test_precompress_runs_after_every_other_hook_so_it_covers_sw_js_and_headers() -> None:
    import importlib.util

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = re.findall(r"^  - (site_assets/hooks/\w+\.py)", text, re.M)
    assert hooks[-1] == "site_assets/hooks/precompress.py"
    priorities = {}
    for hook in hooks:
        spec = importlib.util.spec_from_file_location(Path(hook).stem + "_hook", ROOT / hook)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if hasattr(module, "on_post_build"):
            priorities[hook] = getattr(module.on_post_build, "mkdocs_priority", 0)
    last = priorities.pop("site_assets/hooks/precompress.py")
    assert all(last < p for p in priorities.values()), priorities


def test_brotli_quality_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from mkdocs.exceptions import PluginError

    spec = importlib.util.spec_from_file_location("precompress_hook", ROOT / "site_assets/hooks/precompress.py")
    assert spec and spec.loader
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    monkeypatch.delenv("SMPLS_BROTLI_QUALITY", raising=False)
    assert hook.brotli_quality() == 11
    monkeypatch.setenv("SMPLS_BROTLI_QUALITY", "5")
    assert hook.brotli_quality() == 5
    monkeypatch.setenv("SMPLS_BROTLI_QUALITY", "12")
    with pytest.raises(PluginError, match="0-11"):
        hook.brotli_quality()


@pytest.mark.parametrize(
    ("module", "files"),
    [
        ("batch_top", ["batch_top.py"]),
        ("batches.ninth", ["batches/__init__.py", "batches/ninth.py"]),  # the package above it comes along
    ],
)
def test_the_notice_wheel_holds_the_selected_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str, files: list[str]
) -> None:
    """A site built for another batch ships its notice module in a stored wheel of its own (wheels.notice_wheel)."""
    sys.path.insert(0, str(ROOT))
    from site_assets.runtime import wheels

    source = tmp_path / "src"
    for name in files:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(f"# {name}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(source))
    monkeypatch.setattr(wheels, "DERIVED", tmp_path / "derived")
    with zipfile.ZipFile(wheels.notice_wheel(module)) as z:
        assert sorted(z.namelist()) == files
        assert all(info.compress_type == zipfile.ZIP_STORED for info in z.infolist())  # as worker.js reads wheels
        assert z.read(files[-1]).decode() == f"# {files[-1]}\n"


def test_a_notice_module_the_build_cannot_find_is_named() -> None:
    sys.path.insert(0, str(ROOT))
    from mkdocs.exceptions import PluginError
    from site_assets.runtime import wheels

    with pytest.raises(PluginError, match="SMPLS_NOTICE=no_such_batch_module"):
        wheels.notice_wheel("no_such_batch_module")
