"""Which modules does the code the site ships import? Runs inside Pyodide (tests/pyodide/run_unit_tests.mjs).

``install()`` wraps ``builtins.__import__`` and ``importlib.import_module`` to record every import as an edge
(importer module, imported module), including imports of modules already loaded, so the graph does not depend
on who imported a module first. ``exercise()`` calls every public function of ``smpls.browser`` with every
named example (and the DOCX made from it, for functions that take bytes; and all examples at once, for the
roll-up). ``needed(roots)`` is everything reachable from the modules loaded so far, following the edges
recorded during the whole run (the unit suite included): a rare branch of ``smpls.rules`` that imports a module
is found through the suite, while pytest's own imports are not reachable and stay out.
"""

from __future__ import annotations

# Only modules that Pyodide has loaded before this one may be imported at the top: anything imported before
# install() has its own imports unrecorded.
import builtins
import importlib
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

EDGES: set[tuple[str, str]] = set()  # (importer, module name or a data file's path in site-packages)
SITE_PACKAGES = "/lib/python3.14/site-packages/"
BASELINE: set[str] = set()
_import = builtins.__import__
_import_module = importlib.import_module
_SELF = {__name__, "__main__"}
# Modules that import on behalf of their caller (entry points, codecs by name, pickle's classes…): inside their
# functions, an import is charged to the first caller outside them; their own top-level imports stay theirs.
_AGENTS = ("importlib", "_frozen_importlib", "_frozen_importlib_external", "pkgutil", "runpy", "zipimport",
           "encodings", "codecs", "pickle", "copyreg", "_pyodide", "pyodide", "pathlib", "io", "_pyio")  # fmt: skip


def _is_agent(name: str) -> bool:
    return any(name == a or name.startswith(a + ".") for a in _AGENTS)


def _importer(frame: Any) -> str:
    """The module charged with an import made by code running in ``frame``."""
    while frame is not None:
        name = frame.f_globals.get("__name__")
        if name and (not _is_agent(name) or frame.f_code.co_name == "<module>"):
            return str(name)
        frame = frame.f_back
    return "?"


def _resolve(name: str, globals_: dict[str, Any] | None, level: int) -> str:
    if level == 0:
        return name
    package = (globals_ or {}).get("__package__") or ""
    base = package.rsplit(".", level - 1)[0] if level > 1 else package
    return f"{base}.{name}" if name else base


def _traced_import(
    name: str,
    globals: dict[str, Any] | None = None,
    locals: Any = None,
    fromlist: Iterable[str] | None = (),
    level: int = 0,
) -> Any:
    module = _import(name, globals, locals, fromlist, level)
    importer = _importer(sys._getframe(1))
    absolute = _resolve(name, globals, level)
    EDGES.add((importer, absolute))
    for item in fromlist or ():
        if item != "*" and f"{absolute}.{item}" in sys.modules:
            EDGES.add((importer, f"{absolute}.{item}"))
    return module


def _traced_import_module(name: str, package: str | None = None) -> Any:
    module = _import_module(name, package)
    EDGES.add((_importer(sys._getframe(1)), module.__name__))
    return module


def _audit(event: str, args: tuple[Any, ...]) -> None:
    """A data file read from an installed package (not code) is an edge too: ``stdnum/cn/loc.dat``."""
    if event != "open" or not isinstance(args[0], str) or not args[0].startswith(SITE_PACKAGES):
        return
    mode = args[1]
    if not isinstance(mode, str) or any(c in mode for c in "wax+"):
        return  # written (unpacking a wheel) or opened by os.open: not a data file read by code
    path = args[0][len(SITE_PACKAGES) :]
    if not path.endswith((".py", ".pyc", ".so", "/")) and ".dist-info/" not in path:
        EDGES.add((_importer(sys._getframe(1)), path))


def install() -> None:
    """Start recording. What is loaded now (Pyodide's start-up) is needed by any page."""
    BASELINE.update(set(sys.modules) - _SELF)
    builtins.__import__ = _traced_import
    importlib.import_module = _traced_import_module  # type: ignore[assignment]
    sys.addaudithook(_audit)


def exercise(examples: str) -> list[str]:
    """Call every public function of smpls.browser with every example; returns the names called. Exceptions
    other than ImportError are the functions' own answers to odd input and are ignored."""
    import inspect
    import json
    from pathlib import Path

    from smpls import browser

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(examples).glob("*.json"))]
    texts.append(json.dumps([json.loads(t) for t in texts], ensure_ascii=False))  # many drafts (roll-up)
    texts.append("{}")
    docx_bytes: list[bytes] = []
    for text in texts:
        try:
            docx_bytes.append(browser.docx(text))
        except ImportError:
            raise
        except Exception:
            pass
    called = []
    for name, func in sorted(vars(browser).items()):
        if name.startswith("_") or not inspect.isfunction(func) or func.__module__ != browser.__name__:
            continue
        params = list(inspect.signature(func).parameters.values())
        if not params:
            inputs: list[tuple[Any, ...]] = [()]
        elif "bytes" in str(params[0].annotation):
            inputs = [(b,) for b in docx_bytes]
        else:
            inputs = [(t,) for t in texts]
        for args in inputs:
            try:
                func(*args)
            except ImportError:
                raise
            except Exception:
                pass
        called.append(name)
    return called


def roots() -> set[str]:
    """Start-up, smpls.browser, and what JavaScript imported (no Python frame: importer "?")."""
    return BASELINE | {"smpls.browser"} | {imported for importer, imported in EDGES if importer == "?"}


def needed(start: Iterable[str] | None = None) -> list[str]:
    """The modules reachable from ``start`` (default: roots()) over the recorded edges, with every parent
    package: the modules the site's code needs."""
    graph: dict[str, set[str]] = {}
    for importer, imported in EDGES:
        graph.setdefault(importer, set()).add(imported)
    seen: set[str] = set()
    todo = list(roots() if start is None else start)
    while todo:
        name = todo.pop()
        if name in seen or name == "?" or name in _SELF:
            continue
        seen.add(name)
        todo.extend(graph.get(name, ()))
        if "/" in name:
            continue
        parts = name.split(".")
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)))
    return sorted(seen)


class _Fallback:
    """A meta path finder of last resort: any module (a package's submodule too) from a zip of sources (a second
    stdlib zip, or a wheel)."""

    def __init__(self, zip_path: str) -> None:
        self.zip_path = zip_path

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        import zipimport

        folder = "/".join(fullname.split(".")[:-1])
        try:
            return zipimport.zipimporter(f"{self.zip_path}/{folder}/" if folder else self.zip_path).find_spec(fullname)
        except zipimport.ZipImportError:
            return None


def fall_back_to(zip_path: str) -> None:
    """Let the tests import modules the site does not ship from a zip, last: pytest and hypothesis the standard
    library's from the full python_stdlib.zip, the unit suite smpls.schema from our whole wheel. Whether the
    site's own code reached one of them is what ``needed()`` then tells."""
    sys.meta_path.append(_Fallback(zip_path))


def why(name: str) -> list[str]:
    """The chain of imports by which ``name`` is needed (a root first), or [] if it is not."""
    graph: dict[str, set[str]] = {}
    for importer, imported in EDGES:
        graph.setdefault(importer, set()).add(imported)
    start = roots()
    previous: dict[str, str | None] = dict.fromkeys(start)
    todo = sorted(start)
    while todo:
        current = todo.pop(0)
        if current == name:
            chain = [current]
            while previous[chain[-1]] is not None:
                chain.append(previous[chain[-1]])  # type: ignore[arg-type]
            return chain[::-1]
        parts = [] if "/" in current else current.split(".")
        for nxt in sorted(graph.get(current, set()) | {".".join(parts[:i]) for i in range(1, len(parts))}):
            if nxt not in previous and nxt not in _SELF and nxt != "?":
                previous[nxt] = current
                todo.append(nxt)
    return []
