"""site_assets/hooks/search.py: numbers joined with their unit in the search index, and the lunr files kept.

A build hook, not pysrc: it lives here, not in tests/unit (which also runs inside Pyodide, without site_assets)."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import build_hook

ROOT = Path(__file__).resolve().parents[2]
search = build_hook("search")

Z = "\u200b"


def words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\u200b，。、（）〔〕]+", search.join_numbers(text)) if w]


def test_digits_join_their_unit_and_part_from_the_next_word() -> None:
    # as the search plugin writes it: jieba's words between ZWSPs, digits apart
    assert words(f"于{Z}2021{Z}年{Z}12{Z}月{Z}20{Z}日前{Z}将") == ["于", "2021年", "12月", "20日", "前", "将"]
    assert words(f"一式{Z}4{Z}份{Z}，") == ["一式", "4份"]
    assert words(f"国标委{Z}发{Z}〔2021〕31{Z}号") == ["国标委", "发", "2021", "31号"]
    assert words(f"第{Z}3{Z}条") == ["第", "3条"]


def test_chinese_numerals_with_a_unit_are_one_word_where_a_jieba_word_starts() -> None:
    assert words(f"第八{Z}批") == ["第", "八批"]
    assert words(f"近三年{Z}没有") == ["近", "三年", "没有"]
    assert words(f"二{Z}〇{Z}二{Z}一年{Z}十二月{Z}二十日") == ["二〇二一年", "十二月", "二十日"]
    assert words(f"一{Z}式{Z}四份") == ["一", "式", "四份"]
    assert words(f"统一{Z}年度") == ["统一", "年度"]  # 一年 inside 统一年度 is no number
    assert words(f"十分{Z}重要") == ["十分", "重要"]  # 分 is not a unit here


def test_other_text_is_left_alone() -> None:
    for text in (f"010-82261006{Z}转{Z}12", "GB/T 2260", f"营商{Z}环境", "<p>版本 8.5.8</p>"):
        assert search.join_numbers(text) == text


def test_units_are_the_same_in_the_worker() -> None:
    js = (ROOT / "site_assets" / "search" / "numbers.js").read_text(encoding="utf-8")
    assert f'const UNITS = "{search.UNITS}";' in js
    assert f'const CN_NUMERALS = "{search.CN_NUMERALS}";' in js


def test_only_the_lunr_files_the_worker_loads_are_kept() -> None:
    assert search.lunr_files_needed(["en"]) == set()
    assert search.lunr_files_needed(["zh"]) == {"min/lunr.stemmer.support.min.js", "min/lunr.zh.min.js"}
    assert search.lunr_files_needed(["en", "ja"]) == {
        "min/lunr.stemmer.support.min.js",
        "min/lunr.ja.min.js",
        "tinyseg.js",
        "min/lunr.multi.min.js",
    }
