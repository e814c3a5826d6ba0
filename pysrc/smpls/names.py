"""Heuristics on unit names: is this a provincial-level department (填写说明 2 to 4)?

Only advice (提示) rests on these: a name is free text, and a department may be named in ways no rule
foresees.

>>> is_provincial_department("浙江省民政厅"), is_provincial_department("杭州市民政局")
(True, False)
>>> province_of("浙江 省(市) 临湖市"), province_of("广西"), province_of("某某省")
('浙江省', '广西壮族自治区', None)
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

#: 省级行政区 (GB/T 2260) and 新疆生产建设兵团, full and short names.
PROVINCES: Final[tuple[str, ...]] = (
    "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省",
    "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区",
    "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省",
    "宁夏回族自治区", "新疆维吾尔自治区", "新疆生产建设兵团",
)  # fmt: skip
_SHORT_PROVINCES = tuple(
    p.removesuffix("省").removesuffix("市").removesuffix("壮族自治区").removesuffix("回族自治区")
    .removesuffix("维吾尔自治区").removesuffix("自治区")
    for p in PROVINCES
)  # fmt: skip
_DEPARTMENT_END = re.compile(r"(厅|局|委员会|委|办公室|办|署|院|中心)$")
# words inside department names that contain 市/区/县 without naming a lower-level region
_NOT_REGION = re.compile(r"市场|城市|市政|市容|城乡|社区|区域|街区|景区|园区")
_LOWER_REGION = re.compile(r"市|区|县|州|盟|旗")
_STANDARDS_BODY = re.compile(r"市场监督管理|市场监管|质量技术监督|标准化")


def _province_rest(name: str) -> str | None:
    """What follows the provincial-level name at the start of ``name``, or None if it does not start with one."""
    for full in PROVINCES:
        if name.startswith(full):
            return name[len(full) :]
    for short in _SHORT_PROVINCES:
        if name.startswith(short) and len(short) >= 2:
            return name[len(short) :]
    return None


def province_of(text: str) -> str | None:
    """The 省级行政区 (full name, from :data:`PROVINCES`) that ``text`` starts with, written in full or short,
    with any spaces and full-width forms; None when it starts with none."""
    name = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    for full in PROVINCES:
        if name.startswith(full):
            return full
    for full, short in zip(PROVINCES, _SHORT_PROVINCES, strict=True):
        if len(short) >= 2 and name.startswith(short):
            return full
    return None


def is_provincial_department(name: str) -> bool:
    """True for names like ``浙江省民政厅`` or ``北京市市场监督管理局`` (not ``杭州市民政局``)."""
    rest = _province_rest(name)
    if rest is None or not _DEPARTMENT_END.search(rest):
        return False
    return not _LOWER_REGION.search(_NOT_REGION.sub("", rest))


def is_standards_body(name: str) -> bool:
    """True when the name looks like a 标准化行政主管部门 (市场监督管理局, 质量技术监督局, 标准化…)."""
    return bool(_STANDARDS_BODY.search(name))


__all__ = ["PROVINCES", "is_provincial_department", "is_standards_body", "province_of"]
