"""Opening a DOCX safely and turning ``word/document.xml`` into paragraphs and tables (standard library only).

Whatever the bytes are, :func:`open_docx` either returns the parts it needs or raises :class:`DocxError` with
a Chinese message saying what the file is and what to do:

* not a ZIP: an old binary Word ``.doc`` or WPS ``.wps`` (OLE compound file), a PDF, an RTF, or anything else;
* a ZIP but not a Word document (no ``word/document.xml``; e.g. an ``.odt`` or an ``.xlsx``);
* larger than :data:`MAX_FILE_BYTES`, with more than :data:`MAX_ENTRIES` entries, or a part that inflates to
  more than :data:`MAX_PART_BYTES` (the bytes actually inflated are counted, not the sizes the ZIP header
  claims), or the parts read inflating to more than :data:`MAX_TOTAL_BYTES` together (zip bombs);
* XML with a document type declaration (``<!DOCTYPE``): refused before any entity is declared, so entity
  expansion ("billion laughs") and external entities cannot happen. OOXML never uses a DTD.

Only the parts the reader needs are inflated (the document and the custom XML items); images and fonts are
never decompressed.

:func:`blocks` walks the document body in order and returns :class:`Para` (a paragraph outside any table) and
:class:`Table` items. A paragraph's text keeps soft line breaks as ``\\n`` and tabs as ``\\t``; runs are joined,
deleted revisions and field instructions are left out, text boxes become paragraphs of their own.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any, Final
from xml.parsers import expat

from smpls import limits

#: Largest .docx read, and the inflated sizes of one part and of all parts read: from :mod:`smpls.limits`.
MAX_FILE_BYTES: Final = limits.WORD_BYTES
MAX_PART_BYTES: Final = limits.WORD_PART_BYTES
MAX_TOTAL_BYTES: Final = limits.WORD_TOTAL_BYTES
#: Most entries a .docx may list (a Word document has about 15–40).
MAX_ENTRIES: Final = 2000
#: Most XML elements built while parsing one part (formatting elements are skipped, not counted): bounds memory.
MAX_ELEMENTS: Final = 400_000
#: Most custom XML items looked at for the embedded draft.
MAX_CUSTOM_ITEMS: Final = 20

W_NS: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_CHUNK = 64 * 1024

_SAVE_AS = "请在 Word 或 WPS 中打开它，选择“另存为”，保存类型选“Word 文档（*.docx）”，再导入新保存的文件。"


class DocxError(ValueError):
    """The file cannot be read as a DOCX; ``str(error)`` is a Chinese message for the user, ``code`` the
    problem code (``too_large`` for a file over :data:`MAX_FILE_BYTES`, else ``unreadable``)."""

    def __init__(self, message: str, code: str = "unreadable") -> None:
        super().__init__(message)
        self.code = code


# ---------------------------------------------------------------- the package


@dataclass(frozen=True)
class Package:
    """The parts of a DOCX the reader uses, inflated."""

    document: bytes
    custom: tuple[bytes, ...]  #: customXml/item*.xml


#: What a file over :data:`MAX_FILE_BYTES` is told (``{size}`` its size, ``{max}`` the limit); the form page too.
TOO_LARGE: Final = (
    "文件太大（{size}）。本站下载的申请书只有十几 KB，在 Word 中修改后一般也不超过 1 MB，"
    "最大可读取 {max}。请删除文档中的图片后另存，或确认选择的是申请书。"
)
#: The first bytes of a .docx (a ZIP), and of the files most often mistaken for one.
ZIP_HEAD: Final = b"PK\x03\x04"
NOT_DOCX_HEADS: Final[dict[str, bytes]] = {"ole": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "pdf": b"%PDF", "rtf": b"{\\rtf"}
#: What a file that is not a ZIP is, said to the user: by :data:`NOT_DOCX_HEADS`, an empty file, anything else.
#: The form page says the same before sending a file to the checker (its JSON config carries this table).
NOT_DOCX: Final[dict[str, str]] = {
    "ole": (
        "这是旧版 Word（.doc）或 WPS（.wps）格式的文件，也可能是设置了打开密码的文档，"
        f"本站只能读取 .docx 格式。{_SAVE_AS}（有密码的请先取消密码。）"
    ),
    "pdf": "这是 PDF 文件，不是 Word 文档。PDF 无法读回表单；请导入本站下载的 Word（.docx）文件或 JSON 草稿。",
    "rtf": f"这是 RTF 格式的文件，不是 .docx。{_SAVE_AS}",
    "empty": "文件是空的（0 字节）。请选择本站下载的 Word（.docx）文件。",
    "other": f"这个文件不是 Word 文档（.docx）：内容不是 .docx 应有的压缩包格式，可能只是改了扩展名。{_SAVE_AS}",
}


def _kind(data: bytes) -> str:
    """What a file that is not a ZIP looks like, for the message."""
    head = data[:8]
    for kind, sig in NOT_DOCX_HEADS.items():
        if (head.lstrip() if kind == "rtf" else head).startswith(sig):
            return NOT_DOCX[kind]
    return NOT_DOCX["empty" if not data else "other"]


def _inflate(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> bytes:
    """The bytes of one entry, counting what is really inflated against the per-part and total limits."""
    if info.flag_bits & 0x1:
        raise DocxError("文件中的内容被加密了，无法读取。请取消文档的密码后重新保存，再导入。")
    out = io.BytesIO()
    try:
        with zf.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                out.write(chunk)
                budget[0] -= len(chunk)
                if out.tell() > MAX_PART_BYTES or budget[0] < 0:
                    raise DocxError(
                        f"文件中的“{info.filename}”解压后超过 {MAX_PART_BYTES // 1024 // 1024} MB，"
                        "远大于任何申请书，可能是损坏或恶意构造的文件，没有读取。"
                    )
    except (zipfile.BadZipFile, zlib_error(), EOFError, NotImplementedError, OSError, RuntimeError) as exc:
        raise DocxError(f"文件已损坏，其中的“{info.filename}”无法解压。请在 Word 或 WPS 中重新保存后再导入。") from exc
    return out.getvalue()


def zlib_error() -> type[Exception]:
    import zlib

    return zlib.error


def open_docx(data: bytes) -> Package:
    """The document and custom XML parts of the DOCX ``data``; raises :class:`DocxError` (Chinese) if unreadable."""
    if len(data) > MAX_FILE_BYTES:
        raise DocxError(
            TOO_LARGE.format(size=f"{len(data) / 1024 / 1024:.1f} MB", max=limits.mb(MAX_FILE_BYTES)),
            "too_large",
        )
    if not data.startswith(ZIP_HEAD):
        raise DocxError(_kind(data))
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zlib_error(), EOFError, ValueError, OSError, NotImplementedError) as exc:
        raise DocxError(
            "文件已损坏（压缩包不完整，可能没有下载或复制完），无法读取。请重新保存或重新下载后再导入。"
        ) from exc
    if len(infos) > MAX_ENTRIES:
        raise DocxError(f"文件中有 {len(infos)} 个部件，不像是 Word 申请书，没有读取。")
    by_name = {i.filename: i for i in infos}
    main = by_name.get("word/document.xml")
    if main is None:
        if "mimetype" in by_name and any(n == "content.xml" for n in by_name):
            raise DocxError(f"这是 OpenDocument（.odt，如 LibreOffice 或 WPS 保存的）文件，不是 .docx。{_SAVE_AS}")
        raise DocxError(
            "这个压缩包不是 Word 文档（其中没有 word/document.xml），可能是表格、演示文稿或其他文件改了扩展名。"
            "请选择本站下载的 Word 申请书（.docx）。"
        )
    budget = [MAX_TOTAL_BYTES]
    document = _inflate(zf, main, budget)
    custom = tuple(
        _inflate(zf, i, budget)
        for i in infos[:MAX_ENTRIES]
        if i.filename.startswith("customXml/item") and i.filename.endswith(".xml") and "Props" not in i.filename
    )[:MAX_CUSTOM_ITEMS]
    return Package(document, custom)


# ---------------------------------------------------------------- safe XML


@dataclass
class Element:
    """A parsed XML element: ``tag`` is ``w:local`` for WordprocessingML, ``{namespace}local`` otherwise."""

    tag: str
    attrib: dict[str, str]
    children: list[Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        return self.attrib.get(name)


def _refuse_dtd(*_args: object) -> Any:
    raise DocxError(
        "文件中的 XML 含有文档类型声明（DTD）。Word 文档从不使用它，它可被用来构造恶意文件"
        "（实体展开、外部实体），因此没有读取。请在 Word 或 WPS 中重新保存后再导入。"
    )


#: WordprocessingML elements whose whole subtree the reader never looks at (formatting): not even built
_UNREAD = frozenset(
    f"{W_NS} {local}"
    for local in (
        *("rPr", "pPr", "tblPr", "tblGrid", "sectPr", "instrText", "delText", "fldData", "proofErr"),
        *("bookmarkStart", "bookmarkEnd", "lastRenderedPageBreak", "tcW", "vAlign", "tcBorders", "shd", "tcMar"),
        *("trHeight", "cantSplit", "tblHeader", "jc", "tblPrEx", "noWrap", "hideMark", "gridAfter", "wAfter"),
    )
)
#: the only elements whose attributes the reader uses
_ATTRIBUTES = frozenset(f"{W_NS} {local}" for local in ("br", "gridSpan", "vMerge", "gridBefore"))


def parse_xml(data: bytes) -> Element:
    """Parse XML bytes with expat, refusing any DTD; raises :class:`DocxError` on bad XML.

    Formatting subtrees (run and paragraph properties, table properties, section properties) are skipped.
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.ExternalEntityRefHandler = _refuse_dtd
    parser.buffer_text = True
    w_prefix = W_NS + " "
    root = Element("", {})
    stack = [root]
    skipping = 0
    names: dict[str, str] = {}

    def name(raw: str) -> str:
        found = names.get(raw)
        if found is None:
            if raw.startswith(w_prefix):
                found = "w:" + raw[len(w_prefix) :]
            else:
                uri, _, local = raw.partition(" ")
                found = "{" + uri + "}" + local if local else raw
            names[raw] = found
        return found

    built = 0

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal skipping, built
        if skipping or tag in _UNREAD:
            skipping += 1
            return
        built += 1
        if built > MAX_ELEMENTS:
            raise DocxError(
                f"文件中的 XML 有超过 {MAX_ELEMENTS} 个元素，远多于任何申请书（约 5000 个），没有读取。"
                "请确认选择的是申请书。"
            )
        el = Element(name(tag), {name(k): v for k, v in attrs.items()} if tag in _ATTRIBUTES else {})
        stack[-1].children.append(el)
        stack.append(el)

    def end(_tag: str) -> None:
        nonlocal skipping
        if skipping:
            skipping -= 1
        else:
            stack.pop()

    def text(data: str) -> None:
        if not skipping:
            stack[-1].text.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise DocxError(
            f"文件中的 XML 有格式错误（第 {exc.lineno} 行），文件可能已损坏。请在 Word 或 WPS 中重新保存后再导入。"
        ) from exc
    if not root.children:
        raise DocxError("文件中的 XML 是空的。")
    return root.children[0]


# ---------------------------------------------------------------- paragraphs and tables


@dataclass(eq=False)
class Para:
    """One paragraph's text; ``used`` is set by the reader once the text has been placed or recognised."""

    text: str
    used: bool = False


@dataclass(eq=False)
class Cell:
    paras: list[Para]
    col: int  #: first grid column
    span: int = 1
    merged_up: bool = False  #: a vMerge continuation (its text belongs to the cell above)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras)


@dataclass(eq=False)
class Table:
    rows: list[list[Cell]]


Block = Para | Table

# elements whose text is never shown (or shown elsewhere): deleted text, field codes, properties, the fallback
# copy of alternate content
_SKIP = frozenset(
    {
        "w:delText",
        "w:instrText",
        "w:del",
        "w:moveFrom",
        "w:pPr",
        "w:rPr",
        "w:tcPr",
        "w:trPr",
        "w:tblPr",
        "w:sectPr",
        "w:fldData",
        f"{{{_MC_NS}}}Fallback",
    }
)
_MAX_DEPTH = 60


def _paragraph(p: Element, boxes: list[Block]) -> str:
    """The text of paragraph ``p``; paragraphs of text boxes inside it are appended to ``boxes``."""
    out: list[str] = []

    def walk(el: Element, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        for child in el.children:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == "w:t":
                out.append("".join(child.text))
            elif tag == "w:tab" or tag == "w:ptab":
                out.append("\t")
            elif tag == "w:br":
                if child.get("w:type") in (None, "textWrapping"):
                    out.append("\n")
            elif tag == "w:cr":
                out.append("\n")
            elif tag == "w:noBreakHyphen":
                out.append("-")
            elif tag == "w:txbxContent":
                boxes.extend(_body(child, depth + 1))
            else:
                walk(child, depth + 1)

    walk(p, 0)
    return "".join(out)


def _cell(tc: Element, col: int, depth: int) -> Cell:
    span = 1
    merged_up = False
    for prop in (c for c in tc.children if c.tag == "w:tcPr"):
        for p in prop.children:
            if p.tag == "w:gridSpan":
                try:
                    span = max(1, min(64, int(p.get("w:val") or "1")))
                except ValueError:
                    span = 1
            elif p.tag == "w:vMerge":
                merged_up = p.get("w:val") in (None, "continue")
    paras: list[Para] = []
    for block in _body(tc, depth + 1):
        if isinstance(block, Para):
            paras.append(block)
        else:  # a table inside a cell: its text, row by row
            paras.extend(para for r in block.rows for c in r for para in c.paras)
    return Cell(paras, col, span, merged_up)


def _row_cells(tr: Element, depth: int) -> list[Cell]:
    col = 0
    cells: list[Cell] = []
    for prop in (c for c in tr.children if c.tag == "w:trPr"):
        for p in prop.children:
            if p.tag == "w:gridBefore":
                try:
                    col = max(0, min(64, int(p.get("w:val") or "0")))
                except ValueError:
                    col = 0

    def walk(el: Element, d: int) -> None:
        nonlocal col
        for child in el.children:
            if child.tag == "w:tc":
                cell = _cell(child, col, d)
                cells.append(cell)
                col += cell.span
            elif child.tag in ("w:sdt", "w:sdtContent", "w:customXml") and d < _MAX_DEPTH:
                walk(child, d + 1)

    walk(tr, depth)
    return cells


def _table(tbl: Element, depth: int) -> Table:
    rows: list[list[Cell]] = []

    def walk(el: Element, d: int) -> None:
        for child in el.children:
            if child.tag == "w:tr":
                rows.append(_row_cells(child, d + 1))
            elif child.tag in ("w:sdt", "w:sdtContent", "w:customXml") and d < _MAX_DEPTH:
                walk(child, d + 1)

    walk(tbl, depth)
    return Table(rows)


def _body(el: Element, depth: int = 0) -> list[Block]:
    """Paragraphs and tables of a body, cell or text box, in order."""
    out: list[Block] = []
    if depth > _MAX_DEPTH:
        return out
    for child in el.children:
        if child.tag == "w:p":
            boxes: list[Block] = []
            text = _paragraph(child, boxes)
            out.extend(boxes)
            out.append(Para(text))
        elif child.tag == "w:tbl":
            out.append(_table(child, depth + 1))
        elif child.tag in ("w:sdt", "w:sdtContent", "w:customXml", "w:ins", "w:moveTo"):
            out.extend(_body(child, depth + 1))
    return out


def blocks(document: Element) -> list[Block]:
    """The paragraphs and tables of ``word/document.xml`` (its root element), in document order."""
    body = next((c for c in document.children if c.tag == "w:body"), None)
    if document.tag != "w:document" or body is None:
        raise DocxError(
            "文件中的 word/document.xml 不是 Word 正文，文件可能已损坏。请在 Word 或 WPS 中重新保存后再导入。"
        )
    return _body(body)
