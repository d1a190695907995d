"""Time comes from a clock that is passed in, never from ``datetime.now()`` in the core.

All datetimes are timezone-aware.  :class:`FakeClock` lets tests (and the
compressed-day run) move time by hand, including backwards and across DST.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current wall-clock time, timezone-aware, in the local zone."""

    def monotonic(self) -> float:
        """Seconds on a clock that never jumps (for measuring durations)."""


class SystemClock:
    """The computer's clock, in its local time zone."""

    def now(self) -> datetime:
        return datetime.now(timezone.utc).astimezone()

    def monotonic(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock for tests: starts at ``start`` and moves only when told to."""

    def __init__(self, start: datetime, tz: tzinfo | None = None):
        if start.tzinfo is None:
            raise ValueError("FakeClock needs a timezone-aware start")
        self._now = start
        self._tz = tz or start.tzinfo
        self._mono = 1000.0

    def now(self) -> datetime:
        return self._now.astimezone(self._tz)

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float = 0, **kw: float) -> datetime:
        """Let time pass normally (wall and monotonic clocks move together)."""
        delta = timedelta(seconds=seconds, **kw)
        self._now += delta
        self._mono += delta.total_seconds()
        return self.now()

    def jump(self, seconds: float = 0, **kw: float) -> datetime:
        """Move only the wall clock (a manual change or a time-zone/DST fix)."""
        self._now += timedelta(seconds=seconds, **kw)
        return self.now()

    def sleep(self, seconds: float = 0, **kw: float) -> datetime:
        """The computer sleeps: the wall clock moves, the monotonic clock stands still."""
        return self.jump(seconds, **kw)

    def set(self, when: datetime) -> datetime:
        if when.tzinfo is None:
            raise ValueError("FakeClock.set needs a timezone-aware time")
        self._mono += max(0.0, (when - self._now).total_seconds())
        self._now = when
        return self.now()


def local_zone() -> tzinfo:
    """This computer's time zone (tzlocal), or a fixed offset on an unusual system."""
    try:
        from tzlocal import get_localzone

        return get_localzone()
    except Exception:  # pragma: no cover - an unusual system: a fixed offset
        zone = datetime.now().astimezone().tzinfo
        assert zone is not None
        return zone
