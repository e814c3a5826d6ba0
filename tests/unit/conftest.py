"""Shared fixtures for the unit tests (CPython and Pyodide).

Examples are read from ``examples/`` next to ``tests/`` (override with ``SMPLS_EXAMPLES``); a fixed
``TODAY`` keeps the date rules deterministic.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from unit_helpers import TODAY, load_example


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
