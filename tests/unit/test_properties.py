"""Property tests (hypothesis): validate never raises; model -> JSON -> model is lossless."""

from __future__ import annotations

import json
from typing import Any

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402 - after the importorskip
from hypothesis import strategies as st  # noqa: E402

from smpls import browser, draft  # noqa: E402
from smpls.fields import iter_fields  # noqa: E402
from smpls.model import Application  # noqa: E402
from smpls.problems import CODES  # noqa: E402

SETTINGS = settings(max_examples=60, deadline=None)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=30,
)

# drafts that look like drafts: the right keys with any JSON values
keys = [f.path.replace("*", "0") for f in iter_fields()]


@st.composite
def draft_like(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for path in draw(st.lists(st.sampled_from(keys), max_size=12)):
        node = data
        parts = path.split(".")
        for part in parts[:-1]:
            if part == "0":
                continue
            nxt = node.setdefault(part, [{}] if part in ("schedule", "participants") else {})
            node = nxt[0] if isinstance(nxt, list) else nxt
        node[parts[-1]] = draw(json_values)
    if draw(st.booleans()):
        data["schema_version"] = draw(st.integers(-2, 3) | json_values)
    return data


@SETTINGS
@given(json_values)
def test_any_json_value_never_raises(value: Any) -> None:
    result = draft.validate(value)
    assert all(p.code in CODES for p in result.problems)
    json.dumps(result.to_dict(), ensure_ascii=False)


@SETTINGS
@given(draft_like())
def test_draft_like_values_never_raise(value: dict[str, Any]) -> None:
    result = draft.validate(value)
    assert all(p.code in CODES for p in result.problems)
    out = json.loads(browser.validate(json.dumps(value)))
    assert set(out) == {"problems", "counts"}


@SETTINGS
@given(st.text(max_size=200))
def test_any_text_never_raises(text: str) -> None:
    assert set(json.loads(browser.validate(text))) == {"problems", "counts"}


# printable text without surrogates; normalisation (NFC, spaces) is applied first, so the round trip
# starts from a validated model
text_values = st.lists(
    st.characters(blacklist_categories=("Cs",)) | st.sampled_from(["𠀀", "😀", "👨‍👩‍👧", "〇", "龘", "\u3000", "\r\n"]),
    max_size=30,
).map("".join)


@st.composite
def applications(draw: st.DrawFn) -> Application:
    data: dict[str, Any] = {"cover": {}, "basic": {}, "goals": {}, "schedule": [], "opinions": {"participants": []}}
    for spec in iter_fields():
        if spec.repeat == "schedule":
            continue
        if spec.repeat == "participants":
            continue
        data.setdefault(spec.section, {})[spec.name] = draw(text_values)
    for _ in range(draw(st.integers(0, 3))):
        data["schedule"].append({"start": draw(text_values), "content": draw(text_values)})
    for _ in range(draw(st.integers(0, 2))):
        data["opinions"]["participants"].append({"name": draw(text_values)})
    return Application.model_validate(data)


@SETTINGS
@given(applications())
def test_model_json_model_is_lossless(app: Application) -> None:
    text = draft.dump(app)
    again = Application.model_validate_json(text)
    assert again == app
    result = draft.load(text)
    assert result.application == app
    assert draft.dump(again) == text


def test_rare_characters_survive() -> None:
    app = Application.model_validate({"cover": {"pilot_name": "𠀀😀市综合标准化试点"}, "goals": {"text": "𠀀\n😀"}})
    result = draft.load(draft.dump(app))
    assert result.application is not None
    assert result.application.cover.pilot_name == "𠀀😀市综合标准化试点"
    assert result.application.goals.text == "𠀀\n😀"
