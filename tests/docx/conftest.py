"""Fixtures for the DOCX tests."""

from __future__ import annotations

import pytest
from docx_check import complete_draft

from smpls.model import Application


@pytest.fixture
def complete_app() -> Application:
    """The named example examples/complete.json."""
    return Application.model_validate(complete_draft())
