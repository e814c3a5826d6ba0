"""Helpers shared by the unit tests (imported as ``unit_helpers``; tests/unit is on sys.path)."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = Path(os.environ.get("SMPLS_EXAMPLES", ROOT / "examples"))
GOLDEN = Path(__file__).resolve().parent / "golden"

#: "today" for every rule check in the tests
TODAY = date(2021, 12, 10)

IN_BROWSER = sys.platform == "emscripten"
cpython_only = pytest.mark.skipif(IN_BROWSER, reason="needs subprocesses or the repository's files (CPython only)")
#: a test of the real batch's own text and facts (国标委发〔2021〕31号, its paper form): skipped when SMPLS_NOTICE
#: selects another batch (conftest.py), as test_fictional_batch.py's run of the whole unit suite does
real_batch = pytest.mark.real_batch

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ORG_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def orgcode_check(body: str) -> str:
    """GB 11714-1997 check character, written independently of smpls.codes.orgcode."""
    total = sum(ORG_CHARS.index(c) * w for c, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def uscc_check(first17: str) -> str:
    """GB 32100-2015 check character, written independently of python-stdnum."""
    weights = [pow(3, i, 31) for i in range(17)]
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, weights, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def make_uscc(prefix: str = "11330481", body: str = "00257318") -> str:
    """A valid 统一社会信用代码 whose characters 9-17 are a valid 组织机构代码."""
    first17 = prefix + body + orgcode_check(body)
    return first17 + uscc_check(first17)


def load_example(name: str) -> dict[str, Any]:
    with open(EXAMPLES / name, encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data
