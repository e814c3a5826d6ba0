"""Shared fixtures for the unit tests (CPython and Pyodide).

Examples are read from ``examples/`` next to ``tests/`` (override with ``SMPLS_EXAMPLES``); a fixed
``TODAY`` keeps the date rules deterministic.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any

import pytest
from unit_helpers import TODAY, load_example

from smpls.notice import NOTICE_MODULE_ENV


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under another batch (SMPLS_NOTICE), the tests of the real batch's own text are skipped, saying so."""
    other = os.environ.get(NOTICE_MODULE_ENV, "").strip()
    if other:
        skip = pytest.mark.skip(reason=f"about the real batch's own text; {NOTICE_MODULE_ENV}={other}")
        for item in items:
            if item.get_closest_marker("real_batch"):
                item.add_marker(skip)


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def complete() -> dict[str, Any]:
    """A fresh copy of examples/complete.json (tests may change it)."""
    return load_example("complete.json")


@pytest.fixture
def example() -> Any:
    """``example("problems.json")`` -> the parsed named example."""
    return load_example
