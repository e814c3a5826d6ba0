"""The file limits, in one table: what the readers accept, read by the readers, the command line, the page
hooks (each page's JSON config) and so by the pages' JavaScript. Change a limit here and nowhere else.

* :data:`DRAFT_BYTES`: a JSON draft (:mod:`smpls.draft`). The site's draft of a complete 申请书 is a few
  dozen KB.
* :data:`WORD_BYTES`: a Word ``.docx`` (:mod:`smpls.docx.container`). The site's own download is about 13 KB
  and a file re-saved by Word or WPS 30–60 KB; 10 MB leaves room for a pasted seal scan or embedded fonts
  while keeping the browser's memory use (the bytes are copied into Pyodide) small.
* :data:`SUMMARY_FILES`: the most files one roll-up (汇总推荐项目) takes.

>>> DRAFT_BYTES < WORD_BYTES == largest()
True
>>> limit_for("申请书.docx", b"PK\\x03\\x04") == WORD_BYTES, limit_for("草稿.json", b"{") == DRAFT_BYTES
(True, True)
>>> too_large("大.docx", 12 * 1024 * 1024)
'文件太大（12.0 MB）：Word 文件（.docx）最大可读取 10 MB。请删除文档中的图片后另存，或确认选择的是申请书。'
"""

from __future__ import annotations

from typing import Any, Final

MB: Final = 1024 * 1024
#: Largest JSON draft read.
DRAFT_BYTES: Final = 2 * MB
#: Largest .docx read (the Word reader's own limit).
WORD_BYTES: Final = 10 * MB
#: Largest inflated size of one part of a .docx that is read (document.xml of a 申请书 is about 100 KB).
WORD_PART_BYTES: Final = 16 * MB
#: Largest inflated size of all the parts of a .docx read together.
WORD_TOTAL_BYTES: Final = 32 * MB
#: Most files one roll-up takes (the page and the CLI refuse the rest, saying so).
SUMMARY_FILES: Final = 1000

#: Files by name that the Word reader reads or explains (an old .doc, a PDF…), never read as JSON.
WORD_SUFFIXES: Final = (".docx", ".doc", ".wps", ".docm", ".dotx", ".pdf", ".rtf")
#: The same by their first bytes: a ZIP (.docx), an OLE compound file (.doc, .wps), a PDF, an RTF.
_HEADS: Final = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF", b"{\\rtf")


def largest() -> int:
    """The largest file any reader takes: read no more than this (plus one byte) of any file."""
    return max(DRAFT_BYTES, WORD_BYTES)


def is_word(name: str, head: bytes = b"") -> bool:
    """True for a file the Word reader reads or explains: a .docx/.doc/.wps/.pdf/.rtf by name, or by its first
    bytes (an old .doc or .wps is an OLE compound file)."""
    return name.lower().endswith(WORD_SUFFIXES) or head.startswith(_HEADS)


def limit_for(name: str, head: bytes = b"") -> int:
    """The limit of the reader that reads this file (by name and first bytes)."""
    return WORD_BYTES if is_word(name, head) else DRAFT_BYTES


def mb(size: int) -> str:
    """``2 MB``, ``10 MB``: a limit as people say it."""
    return f"{size // MB} MB" if size % MB == 0 else f"{size / MB:.1f} MB"


def too_large(name: str, size: int) -> str:
    """What the roll-up says of a file over its reader's limit (``size`` is the file's real size)."""
    if is_word(name):
        what = "Word 文件（.docx）"
        advice = "请删除文档中的图片后另存，或确认选择的是申请书。"
    else:
        what = "JSON 草稿"
        advice = "申请书草稿一般只有几十 KB，请确认选择的是本站保存的草稿文件。"
    return f"文件太大（{size / MB:.1f} MB）：{what}最大可读取 {mb(limit_for(name))}。{advice}"


def page_config() -> dict[str, Any]:
    """The limits as the pages read them (written into each page's JSON config by the hooks)."""
    return {
        "draftBytes": DRAFT_BYTES,
        "wordBytes": WORD_BYTES,
        "largestBytes": largest(),
        "summaryFiles": SUMMARY_FILES,
    }


__all__ = [
    "DRAFT_BYTES",
    "SUMMARY_FILES",
    "WORD_BYTES",
    "WORD_PART_BYTES",
    "WORD_SUFFIXES",
    "WORD_TOTAL_BYTES",
    "is_word",
    "largest",
    "limit_for",
    "mb",
    "page_config",
    "too_large",
]
