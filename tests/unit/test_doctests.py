"""The doctests in the code modules' docstrings."""

from __future__ import annotations

import doctest
import importlib

import pytest
from unit_helpers import real_batch

MODULES = [
    "smpls.codes",
    "smpls.codes.orgcode",
    "smpls.codes.uscc",
    "smpls.codes.phone",
    "smpls.codes.postcode",
    "smpls.codes.email_address",
    "smpls.eligibility",
    pytest.param("smpls.notice", marks=real_batch),  # its examples show the real batch's facts
    "smpls.problems",
    "smpls.names",
    "smpls.codes.yearmonth",
    "smpls.docx",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
