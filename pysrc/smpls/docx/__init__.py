"""The 申请书 as a Word (DOCX) file, written with the standard library so that it also runs in Pyodide.

>>> from smpls.model import Application
>>> data = build_docx(Application.model_validate({"cover": {"pilot_name": "某市政务服务综合标准化试点"}}))
>>> data[:2]
b'PK'
>>> docx_filename(Application.model_validate({"cover": {"pilot_name": "某市/政务:服务*试点"}}))
'某市_政务_服务_试点申请书.docx'
>>> from smpls.docx import read_docx
>>> read_docx(data).draft["cover"]["pilot_name"]
'某市政务服务综合标准化试点'

:func:`read_docx` (the reader, :mod:`smpls.docx.reader`) is imported on first use.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from smpls.docx.layout import build
from smpls.model import Application

__all__ = [
    "DRAFT_NAME_RULE",
    "FALLBACK_FILENAME",
    "FILE_NAME_RULE",
    "DocxError",
    "ReadResult",
    "build_docx",
    "docx_filename",
    "draft_filename",
    "read_docx",
    "safe_name",
]

FALLBACK_FILENAME = "试点申请书.docx"

# Characters Windows or macOS refuse in file names, controls, and bidi controls (which can disguise the
# extension, e.g. U+202E).
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]')
# Runs of blanks become one space: written out (not \s) so that Python and JavaScript read the same class.
_BLANKS = re.compile(r"[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")
_MAX_NAME_BYTES = 200  # macOS allows 255 UTF-8 bytes per name, Windows 255 UTF-16 units

#: The file-name rule as data, for the page (site_assets/js/form-names.js names the JSON draft by it;
#: tests/js/form-names.test.mjs runs both on the same names).
FILE_NAME_RULE: dict[str, Any] = {"unsafe": _UNSAFE.pattern, "blanks": _BLANKS.pattern, "maxBytes": _MAX_NAME_BYTES}
#: The JSON draft's name (the form's 下载草稿文件, :func:`draft_filename`): ``申请书草稿-<单位>-<day>.json``, the
#: 单位 the first of ``unitFrom`` (field paths) filled in, made safe and cut to ``unitChars`` characters.
DRAFT_NAME_RULE: dict[str, Any] = {
    "draft": "申请书草稿",
    "unitFrom": ["basic.unit_name", "cover.undertaking_unit"],
    "unitChars": 40,
}


def safe_name(text: str) -> str:
    """``text`` made safe as (part of) a file name on Windows and macOS; ``""`` when nothing is left.

    >>> safe_name("临湖\u202egpj.exe  ")
    '临湖_gpj.exe'
    """
    name = _BLANKS.sub(" ", _UNSAFE.sub("_", text)).strip(" ._")
    name = name.encode("utf-8")[:_MAX_NAME_BYTES].decode("utf-8", "ignore")  # cut at a character boundary
    return name.rstrip(" .")


def build_docx(app: Application, *, created: datetime | None = None) -> bytes:
    """The 申请书 of ``app`` as the bytes of a ``.docx`` file (``created`` defaults to now, for the properties)."""
    return build(app, created=created)


def docx_filename(app: Application) -> str:
    """A file name from the 试点名称, safe on Windows and macOS: ``××市政务服务综合标准化试点申请书.docx``."""
    name = safe_name(app.cover.pilot_name)
    if not name:  # (never a reserved name such as CON: 申请书 is always appended)
        return FALLBACK_FILENAME
    return f"{name}申请书.docx"


def draft_filename(draft: dict[str, Any], day: str) -> str:
    """The JSON draft's name by :data:`DRAFT_NAME_RULE` (``day`` is ``YYYY-MM-DD``); the page names it alike.

    >>> draft_filename({"basic": {"unit_name": ""}, "cover": {"undertaking_unit": "临湖/市"}}, "2026-11-20")
    '申请书草稿-临湖_市-2026-11-20.json'
    """
    unit = ""
    for path in DRAFT_NAME_RULE["unitFrom"]:
        section, name = path.split(".")
        part = draft.get(section)
        value = part.get(name) if isinstance(part, dict) else None
        if value:
            unit = str(value)
            break
    safe = safe_name(unit)[: DRAFT_NAME_RULE["unitChars"]]
    return f"{DRAFT_NAME_RULE['draft']}{'-' + safe if safe else ''}-{day}.json"


def __getattr__(name: str) -> Any:
    """``read_docx``, ``ReadResult`` and ``DocxError`` from :mod:`smpls.docx.reader`, imported when first asked for."""
    if name in ("read_docx", "ReadResult", "DocxError"):
        from smpls.docx import reader

        return getattr(reader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
