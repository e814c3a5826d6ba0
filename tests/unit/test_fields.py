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
