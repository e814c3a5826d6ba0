"""Generated drafts for the roll-up (汇总推荐项目) tests and benchmark: ``drafts(n)`` → [(file name, bytes)].

Each draft is examples/complete.json with its own 试点名称, 承担单位 and 联系电话; every fifth has no
联系电话 (one 错误). With ``duplicate=True`` the last one repeats the first one's 试点名称.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from unit_helpers import load_example


def draft(i: int) -> dict[str, Any]:
    data = copy.deepcopy(load_example("complete.json"))
    city = f"示例{i:03d}市"
    data["cover"]["pilot_name"] = f"{city}政务服务综合标准化试点"
    data["cover"]["undertaking_unit"] = f"{city}政务服务管理局"
    data["basic"]["unit_name"] = f"{city}政务服务管理局"
    data["basic"]["phone"] = "" if i % 5 == 0 else f"0573-8456{i:04d}"
    return data


def drafts(n: int, *, duplicate: bool = False) -> list[tuple[str, bytes]]:
    out = []
    for i in range(1, n + 1):
        data = draft(i)
        if duplicate and i == n and n > 1:
            data["cover"]["pilot_name"] = draft(1)["cover"]["pilot_name"]
        out.append((f"申请书-{i:03d}.json", json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")))
    return out
