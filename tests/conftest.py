"""Suite-wide settings.

Hypothesis: the machine (2 cores, CI on the same box) can be slow for a moment;
a slow first draw or example is not a failure, so the timing health check and
per-example deadlines are off everywhere.  What is tested stays the same.
"""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("posture-coach", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("posture-coach")


PLATFORM_SKIP = "platform:"
"""A skip whose reason starts so is about the machine's kind (a Python version, no POSIX
signals), never about a tool or a service that CI should have installed."""


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """In CI (``CI`` set) no test may skip: a missing tool, desktop or service is a
    failure there, with the skip's reason (what `make test` promises: the whole suite)."""
    outcome = yield
    report = outcome.get_result()
    if not (os.environ.get("CI") and report.skipped) or hasattr(report, "wasxfail"):
        return
    longrepr = report.longrepr
    reason = str(longrepr[2] if isinstance(longrepr, tuple) else longrepr)
    if reason.removeprefix("Skipped: ").startswith(PLATFORM_SKIP):
        return
    report.outcome = "failed"
    report.longrepr = f"skipped in CI, where no test may skip: {reason}"


# PySide6 on Python 3.11 (where None is not immortal) can drop one reference to None too
# many in some calls; the count only runs out while the interpreter tears down, which then
# aborts ("none_dealloc: deallocating None") after every test has passed and been reported.
# The app itself leaves with os._exit for the same reason (launcher.py).  Here: once pytest
# has written everything, leave with its own exit status, skipping that teardown.
_exit_status: int | None = None


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    global _exit_status
    _exit_status = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    if _exit_status is None or os.environ.get("POSTURE_COACH_TEST_NORMAL_EXIT"):
        return
    import logging

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status)
