"""When Chromium's own browser process dies, a new one: that test is run once more, and no other test is hurt.

Once in sixteen clean-clone runs (ci16, 2026-12-02) Debian's Chromium crashed as a whole (a crashpad dump of the
browser process, not of a page), and pytest-playwright's one browser per worker was gone: every later test of that
worker failed with ``TargetClosedError``. So the session browser is launched again when it is found disconnected,
and a browser test during which the browser process died is run once more, on the new browser; the first run is
reported as ``rerun`` (``R``, counted in the summary line). A test that fails without such a crash is never run
again, and a test that crashes the browser every time fails on its second run.

conftest.py imports the fixture and the hooks from here; test_harness.py shows both cases.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from _pytest.runner import runtestprotocol
from playwright.sync_api import Browser

#: whether the browser process died since the current test started (set by the browser's "disconnected" event)
_DIED: list[Browser] = []
#: the browsers closed by the session's end (their "disconnected" event is not a crash)
_CLOSED: list[Browser] = []


@pytest.fixture(scope="session")
def _browsers(launch_browser: Callable[[], Browser]) -> Iterator[list[Browser]]:
    """The browsers launched in this session (closed before Playwright stops, which launch_browser's fixture does)."""
    launched: list[Browser] = []
    yield launched
    for each in launched:
        if each.is_connected():
            _CLOSED.append(each)
            each.close()


@pytest.fixture
def browser(_browsers: list[Browser], launch_browser: Callable[[], Browser]) -> Browser:
    """pytest-playwright's browser, one per worker, launched again if its process died."""
    if not _browsers or not _browsers[-1].is_connected():
        fresh = launch_browser()
        fresh.on("disconnected", lambda gone: None if gone in _CLOSED else _DIED.append(gone))
        _browsers.append(fresh)
    return _browsers[-1]


def _clear_for_rerun(item: pytest.Function) -> None:
    """Forget the first run's fixture values and setup error, so that the second run sets up anew."""
    for defs in item._fixtureinfo.name2fixturedefs.values():
        for fixturedef in defs:
            result = getattr(fixturedef, "cached_result", None)
            if result is not None and result[2] is not None:  # the fixture raised
                fixturedef.cached_result = None
    item._initrequest()


def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> bool | None:
    if not isinstance(item, pytest.Function) or "browser" not in item.fixturenames:
        return None
    item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    _DIED.clear()
    reports = runtestprotocol(item, nextitem=nextitem, log=False)
    if _DIED and any(report.failed for report in reports):
        for report in reports:  # the first run: up to its first failure, reported as a rerun
            failed = report.failed
            if failed:
                report.outcome = "rerun"  # type: ignore[assignment]
                report.sections.append(("browser crash", "Chromium's browser process died; run again on a new one"))
            item.ihook.pytest_runtest_logreport(report=report)
            if failed:
                break
        _clear_for_rerun(item)
        _DIED.clear()
        reports = runtestprotocol(item, nextitem=nextitem, log=False)
    for report in reports:
        item.ihook.pytest_runtest_logreport(report=report)
    item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True


def pytest_report_teststatus(report: pytest.TestReport) -> Any:
    if str(report.outcome) == "rerun":
        return "rerun", "R", ("RERUN", {"yellow": True})
    return None
