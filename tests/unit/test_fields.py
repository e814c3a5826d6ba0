"""smpls.fields: the flat list of fields derived from the model."""

from __future__ import annotations

from smpls.fields import field_by_path, iter_fields


def test_paths_are_unique_and_in_paper_order() -> None:
    paths = [f.path for f in iter_fields()]
    assert len(paths) == len(set(paths))
    assert paths[0] == "cover.pilot_name" and paths[-1] == "opinions.management_unit"
    assert "schedule.*.start" in paths and "opinions.participants.*.name" in paths


def test_field_by_path() -> None:
    spec = field_by_path("schedule.2.start")
    assert spec is not None and spec.name == "start" and spec.repeat == "schedule"
    assert field_by_path("basic.org_code") is not None
    assert field_by_path("basic.nothing") is None


def test_every_field_has_a_chinese_label() -> None:
    for f in iter_fields():
        assert f.meta.label and any("\u4e00" <= c <= "\u9fff" for c in f.meta.label)
        assert f.meta.max_length > 0


def test_row_schemes_match_the_model() -> None:
    """Each repeatable row scheme names the list its cells live in, and reads that list from a draft."""
    from smpls.fields import ROWS
    from smpls.model import Application

    app = Application.model_validate(
        {"schedule": [{"content": "宣传培训"}], "opinions": {"participants": [{"name": "甲"}, {"name": "乙"}]}}
    )
    assert [len(s.rows(app)) for s in ROWS.values()] == [1, 2]
    for kind, scheme in ROWS.items():
        cells = [f for f in iter_fields() if f.repeat == kind]
        assert cells and all(f.path.startswith(f"{scheme.list_path}.*.") for f in cells)
        assert set(scheme.model.model_fields) >= {f.name for f in cells}
    assert ROWS["schedule"].row_label("3") == "第 3 阶段"
    assert ROWS["participants"].row_label("{n}") == "第 {n} 个参加单位"
