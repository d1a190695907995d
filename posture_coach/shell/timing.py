"""The shell's clocks that tests and demos may shorten: the break interval and the
look-around tick (environment variables never set by users)."""

from __future__ import annotations

import logging
import os
from datetime import timedelta

log = logging.getLogger(__name__)

TICK_MS = 60_000
TEST_INTERVAL_ENV = "POSTURE_COACH_TEST_INTERVAL_S"
TEST_TICK_ENV = "POSTURE_COACH_TEST_TICK_S"
TEST_NATURAL_ENV = "POSTURE_COACH_TEST_NATURAL_S"


def interval_override() -> timedelta | None:
    """Tests and demos may shorten the interval to seconds (never set by users)."""
    raw = os.environ.get(TEST_INTERVAL_ENV)
    if not raw:
        return None
    try:
        seconds = float(raw)
    except ValueError:
        log.warning("ignoring %s=%r: not a number", TEST_INTERVAL_ENV, raw)
        return None
    if seconds <= 0:
        return None
    log.warning("break interval shortened to %s s by %s (for tests)", seconds,
                TEST_INTERVAL_ENV)
    return timedelta(seconds=seconds)


def natural_override() -> timedelta | None:
    """Tests of idle time on real desktops may shorten the away time that counts as a
    natural break to seconds (``POSTURE_COACH_TEST_NATURAL_S``; never set by users)."""
    raw = os.environ.get(TEST_NATURAL_ENV)
    try:
        seconds = float(raw) if raw else 0.0
    except ValueError:
        seconds = 0.0
    if seconds <= 0:
        return None
    log.warning("natural break shortened to %s s by %s (for tests)", seconds,
                TEST_NATURAL_ENV)
    return timedelta(seconds=seconds)


def tick_ms() -> int:
    """The look-around tick: a minute, or shorter for tests of clock jumps on the real
    app (``POSTURE_COACH_TEST_TICK_S``; never set by users)."""
    raw = os.environ.get(TEST_TICK_ENV)
    try:
        seconds = float(raw) if raw else 0.0
    except ValueError:
        seconds = 0.0
    return max(100, int(seconds * 1000)) if seconds > 0 else TICK_MS
