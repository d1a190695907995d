"""Ice and heat sessions: the countdown's logic, with no Qt.

The clinic's guidance (``exercises.yaml``, ``ice_heat``): ice for a recent
strain, heat for chronic tightness, 10–15 minutes as tolerated, never more
than 20 minutes at a time, a cloth between skin and pack.

:class:`ThermalTimer` holds one running session.  Time is passed in (a
monotonic reading and the wall-clock time), never read here.  A session is
over when *either* clock says the planned time has passed: the monotonic
clock stands still while the computer sleeps, but the pack stayed on the
skin, so after a sleep the wall clock decides.  A wall clock set backwards is
ignored.

About an hour between sessions is advice, not a rule: :func:`next_reasonable`
and :func:`too_soon` say when, and nothing is ever blocked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from .library import IceHeat, ThermalMode

MODES = ("ice", "heat")
SESSION_GAP = timedelta(hours=1)
"""About this long between two sessions is reasonable (advice only)."""


def _check_aware(value: datetime, name: str) -> None:
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {value!r}")


def _check_mode(mode: str) -> str:
    if mode not in MODES:
        raise ValueError(f"mode must be 'ice' or 'heat', got {mode!r}")
    return mode


# -- minutes -------------------------------------------------------------------


def recommended_text(ice_heat: IceHeat) -> str:
    """``"10–15 minutes as tolerated"``."""
    return f"{ice_heat.recommended_min}–{ice_heat.recommended_max} minutes as tolerated"


def minutes_note(ice_heat: IceHeat, minutes: int) -> str | None:
    """A gentle note when ``minutes`` lies outside the recommended range, else None."""
    if ice_heat.recommended_min <= minutes <= ice_heat.recommended_max:
        return None
    return (f"{recommended_text(ice_heat)}; never more than "
            f"{ice_heat.maximum_minutes} minutes at a time.")


def check_minutes(ice_heat: IceHeat, minutes: int | None) -> int:
    """``minutes`` checked against the guidance (None: the default).

    1..maximum is allowed (outside the recommended range too: see
    :func:`minutes_note`); anything else raises :exc:`ValueError`.
    """
    if minutes is None:
        return ice_heat.default_minutes
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise ValueError(f"minutes must be a whole number, got {minutes!r}")
    if not 1 <= minutes <= ice_heat.maximum_minutes:
        raise ValueError(f"minutes must be from 1 to {ice_heat.maximum_minutes} "
                         f"(never more than {ice_heat.maximum_minutes} at a time), "
                         f"got {minutes}")
    return minutes


def clamp_minutes(ice_heat: IceHeat, minutes: int) -> int:
    """``minutes`` forced into 1..maximum (for a user's typing)."""
    return max(1, min(ice_heat.maximum_minutes, int(minutes)))


# -- sessions --------------------------------------------------------------------


@dataclass(frozen=True)
class ThermalSession:
    """A started session: what, how long, and when it began on both clocks."""

    mode: str
    planned_minutes: int
    started_monotonic: float
    started_at: datetime
    note: str | None = None
    """Set when the minutes lie outside the recommended range."""

    @property
    def planned_seconds(self) -> float:
        return self.planned_minutes * 60.0

    @property
    def ends_at(self) -> datetime:
        """When the countdown reaches zero, on the wall clock."""
        return self.started_at + timedelta(seconds=self.planned_seconds)

    def elapsed(self, now_monotonic: float, now_wall: datetime | None = None) -> float:
        """Seconds the pack has been on: the larger of the two clocks' readings.

        The wall clock counts only when it moved forward (a sleep); never below 0.
        """
        seconds = max(0.0, now_monotonic - self.started_monotonic)
        if now_wall is not None:
            _check_aware(now_wall, "now_wall")
            seconds = max(seconds, (now_wall - self.started_at).total_seconds())
        return seconds

    def remaining(self, now_monotonic: float, now_wall: datetime | None = None) -> float:
        """Seconds left, never below 0."""
        return max(0.0, self.planned_seconds - self.elapsed(now_monotonic, now_wall))

    def seconds_left(self, now_monotonic: float, now_wall: datetime | None = None) -> int:
        """Whole seconds left, rounded up (the countdown shows 0:00 only at the end)."""
        return math.ceil(self.remaining(now_monotonic, now_wall) - 1e-9)

    def is_over(self, now_monotonic: float, now_wall: datetime | None = None) -> bool:
        return self.remaining(now_monotonic, now_wall) <= 0.0


@dataclass(frozen=True)
class ThermalResult:
    """A finished session, ready for :meth:`Journal.record_thermal`."""

    mode: str
    planned_minutes: int
    completed: bool
    started_at: datetime
    ended_at: datetime


class ThermalTimer:
    """One ice or heat session at a time: start, ask what is left, stop."""

    def __init__(self, ice_heat: IceHeat):
        self.ice_heat = ice_heat
        self.session: ThermalSession | None = None

    @property
    def running(self) -> bool:
        return self.session is not None

    def mode_info(self, mode: str) -> ThermalMode:
        return self.ice_heat.ice if _check_mode(mode) == "ice" else self.ice_heat.heat

    def start(self, mode: str, minutes: int | None, now_monotonic: float,
              now_wall: datetime) -> ThermalSession:
        """Start a session (``minutes`` None: the default).  Raises if one is running."""
        _check_mode(mode)
        _check_aware(now_wall, "now_wall")
        if self.session is not None:
            raise ValueError(f"a {self.session.mode} session is already running")
        planned = check_minutes(self.ice_heat, minutes)
        self.session = ThermalSession(mode, planned, float(now_monotonic), now_wall,
                                      minutes_note(self.ice_heat, planned))
        return self.session

    def _running(self) -> ThermalSession:
        if self.session is None:
            raise ValueError("no ice/heat session is running")
        return self.session

    def remaining(self, now_monotonic: float, now_wall: datetime | None = None) -> float:
        return self._running().remaining(now_monotonic, now_wall)

    def seconds_left(self, now_monotonic: float, now_wall: datetime | None = None) -> int:
        return self._running().seconds_left(now_monotonic, now_wall)

    def is_over(self, now_monotonic: float, now_wall: datetime | None = None) -> bool:
        return self._running().is_over(now_monotonic, now_wall)

    def stop(self, now_monotonic: float, now_wall: datetime | None = None) -> ThermalResult:
        """End the session: completed if its time was up, else stopped early.

        ``ended_at`` is ``started_at`` plus the time the pack was on (at most the
        planned time), so it never lies before ``started_at`` even if the wall
        clock was set back.
        """
        session = self._running()
        elapsed = session.elapsed(now_monotonic, now_wall)
        completed = elapsed >= session.planned_seconds
        ended_at = session.started_at + timedelta(
            seconds=min(elapsed, session.planned_seconds))
        self.session = None
        return ThermalResult(session.mode, session.planned_minutes, completed,
                             session.started_at, ended_at)


# -- advice and text ---------------------------------------------------------------


def next_reasonable(ended_at: datetime) -> datetime:
    """When another session is reasonable: about an hour after the last ended (advice)."""
    _check_aware(ended_at, "ended_at")
    return ended_at + SESSION_GAP


def too_soon(last_ended_at: datetime | None, now: datetime) -> bool:
    """True when the last session ended less than about an hour before ``now``."""
    if last_ended_at is None:
        return False
    _check_aware(now, "now")
    return now < next_reasonable(last_ended_at)


def clock_text(seconds: float) -> str:
    """``754`` -> ``"12:34"`` (whole seconds, rounded up; never negative)."""
    total = max(0, math.ceil(seconds - 1e-9))
    return f"{total // 60}:{total % 60:02d}"


def left_text(seconds: float) -> str:
    """``754`` -> ``"12:34 left"``."""
    return f"{clock_text(seconds)} left"


def mode_text(mode: ThermalMode) -> str:
    """``"Ice: for a recent strain"``."""
    when = mode.when.strip().rstrip(".")
    if when[:1].isupper() and not when[1:2].isupper():
        when = when[:1].lower() + when[1:]
    return f"{mode.name}: {when}"


def gap_text(last_ended_at: datetime, tz_now: datetime) -> str:
    """The calm note shown when the last session was recent (times in ``tz_now``'s zone)."""
    local = last_ended_at.astimezone(tz_now.tzinfo)
    return (f"Your last session ended at {local:%H:%M}; about an hour between sessions "
            "is reasonable.")
