"""smpls.schema: the JSON Schema generated from the model, checked against a golden file.

Update the golden file with ``SMPLS_UPDATE_GOLDEN=1 pytest tests/unit/test_schema.py`` (never by hand).
"""

from __future__ import annotations

import json
import os

import pytest
from unit_helpers import GOLDEN, load_example, real_batch

from smpls.fields import iter_fields
from smpls.schema import json_schema, schema_text

GOLDEN_FILE = GOLDEN / "application.schema.json"


@real_batch  # the golden schema has the real batch's labels
def test_schema_matches_golden_file() -> None:
    text = schema_text()
    if os.environ.get("SMPLS_UPDATE_GOLDEN") == "1":
        GOLDEN_FILE.write_text(text, encoding="utf-8")
    if not GOLDEN_FILE.exists():
        pytest.fail(f"{GOLDEN_FILE} is missing: run with SMPLS_UPDATE_GOLDEN=1")
    assert text == GOLDEN_FILE.read_text(encoding="utf-8"), "schema changed: rerun with SMPLS_UPDATE_GOLDEN=1"


def test_schema_carries_the_field_metadata() -> None:
    schema = json_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    defs = schema["$defs"]
    for spec in iter_fields():
        model = {
            "cover": "Cover",
            "basic": "BasicInfo",
            "foundation": "Foundation",
            "goals": "Goals",
            "funding": "Funding",
            "opinions": "Opinions",
        }.get(spec.section)
        if spec.repeat == "schedule":
            model = "ScheduleRow"
        elif spec.repeat == "participants":
            model = "Participant"
        prop = defs[model]["properties"][spec.name]
        assert prop["title"] == spec.meta.label
        assert "maxLength" not in prop and "enum" not in prop  # the paper sets no length and prints no choices
        assert prop["x-advised-length"] == (spec.meta.advised_length or spec.meta.max_length)
        assert prop["x-required"] is spec.meta.required
        assert prop["x-kind"] == spec.meta.kind


def test_examples_fit_the_schema_types() -> None:
    """A light structural check without a JSON Schema library: every leaf of the examples is a string."""
    data = load_example("complete.json")
    schema = json_schema()
    assert set(data) <= set(schema["properties"])
    assert json.loads(schema_text()) == schema


def test_the_schema_refuses_nothing_the_paper_allows() -> None:
    """No "pattern", "enum" or "maxLength": a month in words, an answer in words and a long name are all
    legitimate on the printed 申请书 (issue 19); the checker reads them and advises."""
    props = [p for d in json_schema()["$defs"].values() for p in d.get("properties", {}).values()]
    assert props and not [p for p in props if {"pattern", "x-pattern", "enum", "maxLength"} & set(p)]
    assert not [d for d in [json_schema(), *json_schema()["$defs"].values()] if "maxItems" in str(d)]
