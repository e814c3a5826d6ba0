"""Ship only what is imported: the reviewed module list, the trimming of the runtime to it, and the build's check.

- ``imports.txt`` (recorded, do not edit by hand): every module the browser functions import (and every data file
  they read from an installed package, as a path such as ``stdnum/cn/loc.dat``), recorded in
  Pyodide under Node by ``make imports`` (``node tests/pyodide/run_unit_tests.mjs --record-imports``, which calls
  every public function of ``smpls.browser`` with every example and runs the unit suite; see trace_imports.py).
  Review its diff like code: a new line is a new download for every user.
- ``imports-margin.txt`` (by hand): a few modules kept although the recorder did not see them, each with a reason;
  ``name.*`` keeps a package with all its submodules.

``trim_zip`` copies python_stdlib.zip or a pure-Python wheel with only the files of those modules and data files
(plus the wheel's .dist-info). ``missing_imports`` is the build's check: every module that
our package's import graph (from ``smpls.browser``, imports inside functions included) reaches must be in the
list, so a page never meets a module the site does not ship.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = ROOT / "site_assets" / "runtime"
IMPORTS = RUNTIME / "imports.txt"
MARGIN = RUNTIME / "imports-margin.txt"
PYSRC = ROOT / "pysrc"
OWN = "smpls"
BROWSER = "smpls.browser"
CODE_SUFFIXES = (".py", ".pyc", ".so")


def read_list(path: Path) -> list[str]:
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        name = line.split("#", 1)[0].strip()
        if name:
            names.append(name)
    return names


@dataclass(frozen=True)
class Keep:
    """The modules to ship: exact names, and packages kept whole (``name.*`` in the margin)."""

    exact: frozenset[str]
    whole: tuple[str, ...] = ()

    @classmethod
    def from_files(cls, imports: Path = IMPORTS, margin: Path = MARGIN) -> Keep:
        names = read_list(imports) + (read_list(margin) if margin.exists() else [])
        whole = tuple(sorted(n[:-2] for n in names if n.endswith(".*")))
        exact = {n for n in names if not n.endswith(".*")} | set(whole)
        for name in list(exact):  # a module's parent packages are imported with it
            if "/" in name:
                continue
            parts = name.split(".")
            exact.update(".".join(parts[:i]) for i in range(1, len(parts)))
        return cls(frozenset(exact), whole)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and (name in self.exact or any(name.startswith(w + ".") for w in self.whole))

    def digest(self) -> str:
        return hashlib.sha256(repr((sorted(self.exact), self.whole)).encode()).hexdigest()[:16]


def module_of(path: str) -> str | None:
    """``email/utils.py`` -> ``email.utils``; ``json/__init__.pyc`` -> ``json``; other files -> None."""
    folder, _, base = path.rpartition("/")
    if not base.endswith(CODE_SUFFIXES) or "__pycache__" in folder.split("/"):
        return None
    stem = base.split(".", 1)[0]
    parts = [p for p in folder.split("/") if p]
    return ".".join(parts if stem == "__init__" else [*parts, stem])


def kept(path: str, keep: Keep) -> bool:
    top = path.split("/", 1)[0]
    if top.endswith((".dist-info", ".data")):
        return True
    folder, _, base = path.rpartition("/")
    if "__pycache__" in folder.split("/"):
        parts = [p for p in folder.split("/") if p and p != "__pycache__"]
        stem = base.split(".", 1)[0]
        return ".".join(parts if stem == "__init__" else [*parts, stem]) in keep
    module = module_of(path)
    if module is not None:
        return module in keep
    if path.endswith("/"):  # a folder entry: kept with its package
        return ".".join(p for p in path.split("/") if p) in keep
    return path in keep  # a data file: only if it was read (or is in the margin)


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def trim_zip(source: Path, keep: Keep, out: Path) -> list[str]:
    """Write to ``out`` a copy of the zip (or wheel) with only the kept files; a wheel's RECORD is rewritten.
    Deterministic (same input and list, same bytes). Returns the module names left out."""
    dropped = []
    record: list[str] = []
    record_name = ""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zout:
        for info in zin.infolist():
            name = info.filename
            if name.endswith(".dist-info/RECORD"):
                record_name = name
                continue
            if not kept(name, keep):
                module = module_of(name)
                if module:
                    dropped.append(module)
                continue
            data = zin.read(info)
            zout.writestr(info, data)
            if not name.endswith("/"):
                record.append(_record_line(name, data))
        if record_name:
            record.append(f"{record_name},,")
            zout.writestr(zipfile.ZipInfo(record_name, date_time=(2020, 1, 1, 0, 0, 0)), "\n".join(record) + "\n")
    tmp.replace(out)
    return sorted(dropped)


# --- the build's check: our package imports nothing the site does not ship -------------------------------------


def _own_file(module: str) -> Path | None:
    base = PYSRC.joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def imports_of(module: str, path: Path) -> set[str]:
    """Every module the source imports, anywhere in it (functions too), except under ``if TYPE_CHECKING:``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if _type_checking(node):
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                name = f"{base}.{node.module}" if node.module else base
            else:
                name = node.module or ""
            if name == "__future__":
                return
            found.add(name)
            for alias in node.names:  # `from smpls import draft`: draft is a module of ours
                if _own_file(f"{name}.{alias.name}"):
                    found.add(f"{name}.{alias.name}")
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def own_graph(start: str = BROWSER) -> dict[str, set[str]]:
    """Our modules reachable from ``start`` (with their parent packages) -> the modules each imports."""
    graph: dict[str, set[str]] = {}
    todo = [start]
    while todo:
        module = todo.pop()
        if module in graph:
            continue
        path = _own_file(module)
        if path is None:
            raise FileNotFoundError(f"{module} is imported but is not a module of pysrc/{OWN}")
        parts = module.split(".")
        graph[module] = imports_of(module, path) | {".".join(parts[:i]) for i in range(1, len(parts))}
        todo.extend(n for n in graph[module] if n == OWN or n.startswith(OWN + "."))
    return graph


def missing_imports(keep: Keep, start: str = BROWSER) -> list[tuple[str, str]]:
    """(importer, module) for every import of our browser-reachable code that the runtime would not ship; our
    own modules too, since our wheel is trimmed like the others."""
    missing = []
    for importer, names in sorted(own_graph(start).items()):
        for name in sorted(names):
            if name not in keep:
                missing.append((importer, name))
    return missing


def describe_missing(missing: Iterable[tuple[str, str]]) -> str:
    lines = [f"  {importer} imports {name}" for importer, name in missing]
    return (
        "the site's Python code imports modules that the trimmed runtime does not ship "
        f"(not in {IMPORTS.relative_to(ROOT)} or {MARGIN.relative_to(ROOT)}):\n" + "\n".join(lines) + "\n"
        "Run `make imports` to record the list again (or add the module to the margin with a reason), "
        "then review the diff."
    )
