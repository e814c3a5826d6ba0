"""The JSON draft carried inside the DOCX, so that an untouched download reads back exactly.

The draft is written as one custom XML part (``customXml/item1.xml``, related to the document); Word and
WPS keep such parts when they save. Its text is the draft's JSON with every non-ASCII character escaped
(``\\uXXXX``), so any draft, even with characters XML forbids, gives a well-formed part. The reader
(:mod:`smpls.docx.reader`) trusts the visible document first: the copy only fills in what the document
cannot show (e.g. a control character) and tells which fields were changed in Word since the download.
"""

from __future__ import annotations

import json

from smpls.model import Application

#: namespace of the root element of the part (also its schema reference)
NAMESPACE = "urn:smpls:draft"
ROOT = "draft"


def draft_xml(app: Application) -> str:
    """The custom XML part holding ``app`` as JSON."""
    text = json.dumps(app.model_dump(mode="json"), ensure_ascii=True, separators=(",", ":"))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{ROOT} xmlns="{NAMESPACE}">{text}</{ROOT}>'
