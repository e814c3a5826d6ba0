"""Issue 19: what a person may write in the boxes of the printed 申请书 gets no 错误 ("the paper is the contract").

One case per example of the issue. Each changes the complete example at one or more paths and asserts that
the checker gives no 错误 (提示 are allowed: they are advice). The closing note of the issue quotes this list.
"""

from __future__ import annotations

from typing import Any

import pytest
from unit_helpers import TODAY, load_example

from smpls.draft import validate
from smpls.problems import ERROR

PARTICIPANTS_24 = [{"name": f"临湖市第{i + 1}参与单位"} for i in range(24)]
LONG_NAME = (
    "Siemens Healthineers Digital Health Solutions (Shanghai) Co., Ltd. "
    "西门子医疗数字健康解决方案（上海）有限公司临湖分公司"
)

#: (what the case is, changes to the complete example by dotted path)
CASES: list[tuple[str, dict[str, Any]]] = [
    ("事故：未发生", {"basic.major_accident": "未发生"}),
    ("事故：无", {"basic.major_accident": "无"}),
    ("事故：没有", {"basic.major_accident": "没有"}),
    ("四 时间：2022年11月（只写一个时间）", {"schedule.0.start": "2022年11月", "schedule.0.end": ""}),
    ("四 时间：2023年上半年", {"schedule.0.start": "2023年上半年", "schedule.0.end": ""}),
    ("封面 年月：二〇二一年十二月", {"cover.filled_on": "二〇二一年十二月"}),
    ("封面 年月：2021年12月10日", {"cover.filled_on": "2021年12月10日"}),
    ("封面 年月：2022年元月", {"cover.period_start": "2022年元月"}),
    ("电话：0573-84561234、12345（政务服务便民热线）", {"basic.phone": "0573-84561234、12345（政务服务便民热线）"}),
    ("电话：0571-87654321 13957112345", {"basic.phone": "0571-87654321 13957112345"}),
    ("电话：+86(10)82261006", {"basic.phone": "+86(10)82261006"}),
    ("电话：(+86)13800138000", {"basic.phone": "(+86)13800138000"}),
    ("24 个参加单位", {"opinions.participants": PARTICIPANTS_24}),
    ("参加单位名称超过 60 字", {"opinions.participants.0.name": LONG_NAME}),
    (
        "法人注册地址一格：浙江 省(市) 临湖市 县(区)",
        {"basic.reg_province": "浙江 省(市) 临湖市 县(区)", "basic.reg_county": ""},
    ),
]


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    node: Any = data
    parts = path.split(".")
    for part in parts[:-1]:
        node = node[int(part)] if part.isdigit() else node[part]
    node[parts[-1]] = value


def errors_for(changes: dict[str, Any]) -> list[str]:
    data = load_example("complete.json")
    for path, value in changes.items():
        _set(data, path, value)
    result = validate(data, today=TODAY)
    return [f"{p.code} {p.path}: {p.message}" for p in result.problems if p.level == ERROR]


@pytest.mark.parametrize(("case", "changes"), CASES, ids=[c[0] for c in CASES])
def test_what_the_paper_allows_gets_no_error(case: str, changes: dict[str, Any]) -> None:
    assert errors_for(changes) == []


def test_24_participants_are_all_kept() -> None:
    data = load_example("complete.json")
    data["opinions"]["participants"] = PARTICIPANTS_24
    result = validate(data, today=TODAY)
    assert result.application is not None
    assert len(result.application.opinions.participants) == 24


def test_a_long_name_is_kept_whole() -> None:
    data = load_example("complete.json")
    data["opinions"]["participants"][0]["name"] = LONG_NAME
    result = validate(data, today=TODAY)
    assert result.application is not None
    assert result.application.opinions.participants[0].name == LONG_NAME
