"""A small WordprocessingML (DOCX) writer: only what the 申请书 needs, standard library only.

python-docx cannot run in the browser (lxml has no wasm wheel), so the document is written directly as XML
text and zipped. The building blocks are plain functions that return XML fragments:

* :func:`run` — text with a font, size, bold and underline; ``\\n`` becomes a line break, ``\\t`` a tab;
* :func:`paragraph` — runs with alignment, spacing, indents, page break before, keep-with-next;
* :func:`cell`, :func:`row`, :func:`table` — fixed-width tables with borders, ``gridSpan`` (columns merged)
  and ``vMerge`` (rows merged), minimum row heights, repeated header rows;
* :func:`package` — wraps the body into a complete ``.docx`` (A4, margins, styles, fonts with fallbacks,
  a footer with the page number, core and app properties) and returns its bytes.

Lengths are in twentieths of a point (twips, 567 per cm) and sizes in points. All text goes through
:func:`clean` (drops characters XML 1.0 forbids, keeps every other character, e.g. 𠀀, emoji, RTL marks) and
is escaped, so any user text gives a well-formed document.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from io import BytesIO

#: East-Asian font families used in the document, with the Windows name Word falls back to.
SONG = "宋体"
FANGSONG = "仿宋"
HEI = "黑体"
LATIN = "Times New Roman"
_FONTS = {  # name: (altName, panose, family, pitch)
    SONG: ("SimSun", "02010600030101010101", "auto", "variable"),
    FANGSONG: ("FangSong", "02010609060101010101", "modern", "fixed"),
    HEI: ("SimHei", "02010609060101010101", "modern", "fixed"),
}

A4_WIDTH, A4_HEIGHT = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 1440, 1440, 1418, 1418  # 2.54 cm, 2.5 cm
TEXT_WIDTH = A4_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  #: 9070 twips, 16 cm

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"

# XML 1.0 forbids C0 controls other than tab/newline/return, lone surrogates and U+FFFE/U+FFFF; C1 controls
# are allowed by XML but rejected by Word, so they go too.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` without the characters a DOCX cannot hold; ``\\r\\n`` and ``\\r`` become ``\\n``."""
    return _ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def esc(text: str) -> str:
    """Escape for XML text and attribute values (after :func:`clean`)."""
    return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _half_points(size: float) -> int:
    return round(size * 2)


def run_properties(*, font: str = SONG, size: float | None = None, bold: bool = False, underline: bool = False) -> str:
    """``<w:rPr>`` with the East-Asian font ``font`` and Times New Roman for Latin text."""
    parts = [
        f'<w:rFonts w:ascii="{LATIN}" w:hAnsi="{LATIN}" w:eastAsia="{esc(font)}" w:cs="{LATIN}" w:hint="eastAsia"/>'
    ]
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if size is not None:
        hp = _half_points(size)
        parts.append(f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>')
    if underline:  # (children in schema order: Word rejects a file whose rPr is out of order)
        parts.append('<w:u w:val="single"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def run(text: str, *, font: str = SONG, size: float | None = None, bold: bool = False, underline: bool = False) -> str:
    """A run of text; ``\\n`` is a line break and ``\\t`` a tab inside the same paragraph."""
    rpr = run_properties(font=font, size=size, bold=bold, underline=underline)
    pieces: list[str] = []
    for i, line in enumerate(clean(text).split("\n")):
        if i:
            pieces.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{esc(chunk)}</w:t>')
    return f"<w:r>{rpr}{''.join(pieces)}</w:r>"


def paragraph(
    *runs: str,
    align: str | None = None,
    style: str | None = None,
    before: int = 0,
    after: int = 0,
    line: int | None = None,
    first_line: int | None = None,
    left: int | None = None,
    right: int | None = None,
    keep_next: bool = False,
    page_break_before: bool = False,
    frame: str = "",
) -> str:
    """A paragraph of ``runs`` (from :func:`run`). ``align``: left, center, right, both (justified).

    ``line`` is the line height in 240ths of a line (240 single, 360 one and a half); ``first_line``, ``left``
    and ``right`` are indents in twips. ``frame`` is a ``<w:framePr>`` that
    takes the paragraph out of the flow (see :func:`frame_at_bottom`).
    """
    ppr: list[str] = []
    if style:
        ppr.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        ppr.append("<w:keepNext/>")
    if page_break_before:
        ppr.append("<w:pageBreakBefore/>")
    if frame:
        ppr.append(frame)
    spacing = f'<w:spacing w:before="{before}" w:after="{after}"'
    if line is not None:
        spacing += f' w:line="{line}" w:lineRule="auto"'
    ppr.append(spacing + "/>")
    indents = {"left": left, "right": right, "firstLine": first_line}
    if any(v is not None for v in indents.values()):
        ppr.append("<w:ind " + " ".join(f'w:{k}="{v}"' for k, v in indents.items() if v is not None) + "/>")
    if align:
        ppr.append(f'<w:jc w:val="{align}"/>')
    return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{''.join(runs)}</w:p>"


def frame_at_bottom(width: int) -> str:
    """A ``<w:framePr>`` placing a paragraph at the foot of the text area, centred, ``width`` twips wide."""
    return (
        f'<w:framePr w:w="{width}" w:wrap="around" w:hAnchor="margin" w:vAnchor="margin"'
        ' w:xAlign="center" w:yAlign="bottom"/>'
    )


def page_break() -> str:
    """A paragraph holding only a page break."""
    return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


BORDER_SINGLE = '<w:{side} w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
BORDER_NONE = '<w:{side} w:val="nil"/>'


def _borders(tag: str, spec: dict[str, str]) -> str:
    return f"<w:{tag}>" + "".join(spec[side].format(side=side) for side in spec) + f"</w:{tag}>"


def cell(
    paragraphs: Sequence[str],
    width: int,
    *,
    span: int = 1,
    vmerge: str | None = None,
    valign: str = "center",
    borders: dict[str, str] | None = None,
) -> str:
    """A table cell ``width`` twips wide spanning ``span`` grid columns.

    ``vmerge`` is ``"restart"`` for the first cell of a vertical merge and ``"continue"`` for the cells below
    it (whose paragraphs are ignored). ``borders`` overrides the table borders, e.g.
    ``{"bottom": BORDER_SINGLE}``.
    """
    tcpr = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if span > 1:
        tcpr.append(f'<w:gridSpan w:val="{span}"/>')
    if vmerge == "restart":
        tcpr.append('<w:vMerge w:val="restart"/>')
    elif vmerge == "continue":
        tcpr.append("<w:vMerge/>")
    if borders:
        tcpr.append(_borders("tcBorders", borders))
    tcpr.append(f'<w:vAlign w:val="{valign}"/>')
    body = "".join(paragraphs) if paragraphs and vmerge != "continue" else paragraph()
    return f"<w:tc><w:tcPr>{''.join(tcpr)}</w:tcPr>{body}</w:tc>"


def row(cells: Iterable[str], *, height: int | None = None, header: bool = False, cant_split: bool = False) -> str:
    """A table row; ``height`` is a minimum in twips (the row grows with its text)."""
    trpr = []
    if cant_split:
        trpr.append("<w:cantSplit/>")
    if height:
        trpr.append(f'<w:trHeight w:val="{height}" w:hRule="atLeast"/>')
    if header:
        trpr.append("<w:tblHeader/>")
    return f"<w:tr><w:trPr>{''.join(trpr)}</w:trPr>{''.join(cells)}</w:tr>"


def table(widths: Sequence[int], rows: Iterable[str], *, borders: bool = True, align: str = "center") -> str:
    """A table with fixed column ``widths`` (twips); ``borders`` draws a single black line around every cell."""
    line = BORDER_SINGLE if borders else BORDER_NONE
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    tblpr = (
        f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="{align}"/>'
        + _borders("tblBorders", dict.fromkeys(sides, line))
        + '<w:tblLayout w:type="fixed"/>'
        + '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        + '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
        + '<w:tblLook w:val="0000"/></w:tblPr>'
    )
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    return f"<w:tbl>{tblpr}{grid}{''.join(rows)}</w:tbl>"


# ---------------------------------------------------------------- package parts
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _styles(body_size: float) -> str:
    rpr = run_properties(size=body_size)
    lang = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    default_rpr = rpr.replace("</w:rPr>", lang + "</w:rPr>")
    heading = run_properties(font=HEI, size=14)
    return (
        f'{_XML}<w:styles xmlns:w="{W_NS}">'
        f"<w:docDefaults><w:rPrDefault>{default_rpr}</w:rPrDefault>"
        '<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after="0" w:line="300" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        "</w:style>"
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
        '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>'
        f"{run_properties(size=22, bold=True)}</w:style>"
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
        '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/>'
        '<w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr>'
        f"{heading}</w:style>"
        '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:jc w:val="center"/></w:pPr></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        "</w:styles>"
    )


def _font_table() -> str:
    fonts = [
        f'<w:font w:name="{LATIN}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
        '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    ]
    for name, (alt, panose, family, pitch) in _FONTS.items():
        fonts.append(
            f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:panose1 w:val="{panose}"/>'
            f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        )
    return f'{_XML}<w:fonts xmlns:w="{W_NS}">{"".join(fonts)}</w:fonts>'


def _footer() -> str:
    """Centred “— 3 —” with a PAGE field (GB/T 9704 style)."""
    rpr = run_properties(size=14)
    field = (
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr}<w:t>1</w:t></w:r>"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
    )
    dash = f'<w:r>{rpr}<w:t xml:space="preserve">— </w:t></w:r>'
    dash_after = f'<w:r>{rpr}<w:t xml:space="preserve"> —</w:t></w:r>'
    return (
        f'{_XML}<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
        f"{dash}{field}{dash_after}</w:p></w:ftr>"
    )


def _settings() -> str:
    return (
        f'{_XML}<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="420"/>'
        '<w:characterSpacingControl w:val="compressPunctuation"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
        ' w:val="15"/></w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>'
    )


def _core(title: str, subject: str, creator: str, created: datetime) -> str:
    stamp = created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"{_XML}<cp:coreProperties"
        ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(title)}</dc:title><dc:subject>{esc(subject)}</dc:subject>"
        f"<dc:creator>{esc(creator)}</dc:creator><cp:lastModifiedBy>{esc(creator)}</cp:lastModifiedBy>"
        f'<dc:language>zh-CN</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'
    )


def _app(application: str) -> str:
    return (
        f'{_XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>{esc(application)}</Application><DocSecurity>0</DocSecurity></Properties>"
    )


_CONTENT_TYPES = (
    f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_CT_MAIN}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_CT_MAIN}.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_CT_MAIN}.settings+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{_CT_MAIN}.fontTable+xml"/>'
    f'<Override PartName="/word/footer1.xml" ContentType="{_CT_MAIN}.footer+xml"/>'
    f'<Override PartName="/word/footer2.xml" ContentType="{_CT_MAIN}.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)
_CT_CUSTOM_PROPS = (
    '<Override PartName="/customXml/itemProps1.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>'
)
#: a fixed id for the data-store item, so that the file is the same for the same input
_CUSTOM_ITEM_ID = "{6C1F5B0E-3A4D-4E8B-9B1A-0D2C5E7F8A91}"
#: relationship type of a custom XML part (Word and WPS keep such parts when they save)
CUSTOM_XML_REL = f"{_REL}/customXml"


def _rels(targets: Sequence[tuple[str, str]]) -> str:
    items = "".join(
        f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>' for i, (kind, target) in enumerate(targets, 1)
    )
    return f'{_XML}<Relationships xmlns="{_PKG_REL}">{items}</Relationships>'


_ROOT_RELS = _rels(
    [
        (f"{_REL}/officeDocument", "word/document.xml"),
        ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
        (f"{_REL}/extended-properties", "docProps/app.xml"),
    ]
)
_DOC_RELS = _rels(
    [
        (f"{_REL}/styles", "styles.xml"),
        (f"{_REL}/settings", "settings.xml"),
        (f"{_REL}/fontTable", "fontTable.xml"),
        (f"{_REL}/footer", "footer1.xml"),  # rId4: the page number (see package())
        (f"{_REL}/footer", "footer2.xml"),  # rId5: the empty footer of a cover page
    ]
)
_DOC_RELS_CUSTOM = _DOC_RELS.replace(
    "</Relationships>",
    f'<Relationship Id="rId6" Type="{CUSTOM_XML_REL}" Target="../customXml/item1.xml"/></Relationships>',
)


def _custom_parts(xml: str, namespace: str) -> dict[str, str]:
    """The parts of one custom XML data-store item holding ``xml`` (a complete XML document)."""
    props = (
        f'{_XML}<ds:datastoreItem ds:itemID="{_CUSTOM_ITEM_ID}"'
        ' xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{esc(namespace)}"/></ds:schemaRefs></ds:datastoreItem>'
    )
    rels = _rels([(f"{_REL}/customXmlProps", "itemProps1.xml")])
    return {"customXml/item1.xml": xml, "customXml/itemProps1.xml": props, "customXml/_rels/item1.xml.rels": rels}


def package(
    body: Iterable[str],
    *,
    title: str,
    subject: str = "",
    creator: str = "smpls",
    created: datetime | None = None,
    body_size: float = 12,
    first_page_footer: bool = False,
    custom_xml: tuple[str, str] | None = None,
) -> bytes:
    """The complete ``.docx``: A4 portrait, the body fragments in order, page numbers in the footer.

    ``first_page_footer=False`` leaves the first page (a cover) without a page number. The bytes are the same
    for the same input and ``created`` time. ``custom_xml`` is ``(namespace, xml)``: a custom XML part
    (``customXml/item1.xml``) related to the document, e.g. data for a program that reads the file back.
    """
    sect = (
        '<w:sectPr><w:footerReference w:type="default" r:id="rId4"/>'
        '<w:footerReference w:type="first" r:id="rId5"/>'
        f'<w:pgSz w:w="{A4_WIDTH}" w:h="{A4_HEIGHT}"/>'
        f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}"'
        f' w:left="{MARGIN_LEFT}" w:header="851" w:footer="850" w:gutter="0"/>'
        + ("" if first_page_footer else "<w:titlePg/>")
        + "</w:sectPr>"
    )
    document = (
        f'{_XML}<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{"".join(body)}{sect}</w:body></w:document>'
    )
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "docProps/core.xml": _core(title, subject, creator, created or datetime.now(UTC)),
        "docProps/app.xml": _app(creator),
        "word/document.xml": document,
        "word/_rels/document.xml.rels": _DOC_RELS_CUSTOM if custom_xml else _DOC_RELS,
        "word/styles.xml": _styles(body_size),
        "word/settings.xml": _settings(),
        "word/fontTable.xml": _font_table(),
        "word/footer1.xml": _footer(),
        "word/footer2.xml": f'{_XML}<w:ftr xmlns:w="{W_NS}"><w:p/></w:ftr>',
    }
    if custom_xml:
        parts["[Content_Types].xml"] = _CONTENT_TYPES.replace("</Types>", _CT_CUSTOM_PROPS + "</Types>")
        parts.update(_custom_parts(custom_xml[1], custom_xml[0]))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, xml.encode("utf-8"))
    return out.getvalue()
