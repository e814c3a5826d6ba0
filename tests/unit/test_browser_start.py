"""The checker's start: importing smpls.browser (what the page waits for) leaves the heavy parts for first use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from unit_helpers import cpython_only

PYSRC = Path(__file__).resolve().parents[2] / "pysrc"

# Not needed to validate a draft: the DOCX writer and reader, the self-check, python-stdnum, the roll-up.
DEFERRED = ("smpls.docx", "smpls.eligibility", "smpls.summary", "stdnum")


@cpython_only
def test_importing_the_browser_module_defers_what_validate_does_not_need() -> None:
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import smpls.browser\n"
        "print(' '.join(m for m in sys.modules if m.split('.')[0] in ('smpls', 'stdnum')))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(PYSRC)], capture_output=True, text=True, check=True)
    loaded = set(out.stdout.split())
    assert "smpls.browser" in loaded
    early = sorted(m for m in loaded if m.startswith(DEFERRED))
    assert not early, f"imported when the checker starts, but only needed later: {early}"
