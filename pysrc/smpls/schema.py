"""The JSON Schema of a draft, generated from :mod:`smpls.model` (``python -m smpls schema``).

The schema describes the document :func:`smpls.draft.dump` writes. It is lenient like the model (every
leaf a string, ``maxLength`` from the paper form); the ``x-kind`` and ``x-required`` keywords carry the
form's metadata. Completeness and formats are checked by :mod:`smpls.rules`, not by the schema.
"""

from __future__ import annotations

import json
from typing import Any

from smpls.model import SCHEMA_VERSION, Application

#: JSON Schema dialect of the generated schema (pydantic generates draft 2020-12).
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema() -> dict[str, Any]:
    """The schema as a dict."""
    schema = Application.model_json_schema(mode="validation")
    props = schema.get("properties", {})
    if "schema_version" in props:
        props["schema_version"] = {
            "type": "integer",
            "title": "草稿格式版本",
            "description": "由申报助手写入；较旧的版本在导入时自动迁移。",
            "default": SCHEMA_VERSION,
            "maximum": SCHEMA_VERSION,
        }
    return {"$schema": DIALECT, **schema}


def schema_text() -> str:
    """The schema as stable, readable JSON text (what the golden file holds)."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
