"""When is the next break due?  Pure functions of the schedule, the journal's facts,
the active pause reasons and the clock.

The due time is a wall-clock datetime, never a countdown: the app recomputes it
after every break, snooze, pause, settings change, wake from sleep or clock jump,
and schedules exactly one wake-up for it.  That is why a restart keeps the plan
and why a laptop that slept for hours gets at most one reminder.

Rules, in order:

1. An open-ended pause reason (an ice/heat session, the user being away) means
   no break is planned until it ends.
2. Breaks come ``interval`` after the last break that counted (done, partly
   done, skipped or natural), counting from the start of the working period if
   that last break was before it (the night is a natural break).
3. A snooze the user asked for after that break replaces the due time, even if
   it is sooner than the interval.
4. A timed pause (the user paused, "until tomorrow") moves the due time to its
   end at the earliest.
5. A due time in the past becomes *now*: one reminder, never a burst.
6. Never outside working hours: a due time outside them moves to the next
   working period's start plus the interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from enum import Enum

MAX_DAYS_AHEAD = 15
UTC = timezone.utc


class State(str, Enum):
    RUNNING = "running"
    PAUSED = "paused"
    OUTSIDE_HOURS = "outside-hours"


class PauseKind(str, Enum):
    USER = "user"
    IDLE = "idle"
    ICE_HEAT = "ice-heat"
    BREAK_SHOWN = "break-shown"  # a break is on screen, waiting for the user


@dataclass(frozen=True)
class Pause:
    kind: PauseKind
    until: datetime | None = None  # None: until it is ended


@dataclass(frozen=True)
class WorkHours:
    """Working days (0 = Monday) and daily hours, in local wall-clock time."""

    days: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    start: time = time(9, 0)
    end: time = time(17, 30)

    def __post_init__(self) -> None:
        if not self.days <= set(range(7)):
            raise ValueError("working days are 0 (Monday) to 6 (Sunday)")
        if self.end <= self.start:
            raise ValueError("working hours must end after they start")

    def period_on(self, day: date, tz: tzinfo) -> tuple[datetime, datetime] | None:
        """The working period on ``day``, as UTC datetimes."""
        if day.weekday() not in self.days:
            return None
        return (_local(day, self.start, tz).astimezone(UTC),
                _local(day, self.end, tz).astimezone(UTC))

    def period_at_or_after(self, when: datetime, tz: tzinfo
                           ) -> tuple[datetime, datetime] | None:
        """The working period containing ``when``, or else the next one (UTC)."""
        local = when.astimezone(tz)
        for offset in range(MAX_DAYS_AHEAD):
            period = self.period_on(local.date() + timedelta(days=offset), tz)
            if period is not None and when < period[1]:
                return period
        return None

    def contains(self, when: datetime, tz: tzinfo) -> bool:
        period = self.period_on(when.astimezone(tz).date(), tz)
        return period is not None and period[0] <= when < period[1]


def _local(day: date, at: time, tz: tzinfo) -> datetime:
    """``day`` at wall-clock ``at`` in ``tz``; a time skipped by DST moves forward."""
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=tz)
    # Round-trip through UTC normalises a wall time that does not exist (spring forward).
    return aware.astimezone(tz) if aware.utcoffset() is not None else aware


@dataclass(frozen=True)
class Schedule:
    interval: timedelta = timedelta(minutes=45)
    notice: timedelta = timedelta(seconds=30)
    natural_break: timedelta = timedelta(minutes=3)
    hours: WorkHours = WorkHours()


@dataclass(frozen=True)
class Plan:
    due: datetime | None
    notice_at: datetime | None
    state: State
    paused_by: tuple[PauseKind, ...] = ()
    pause_until: datetime | None = None


def interval_due(anchor: datetime, schedule: Schedule, tz: tzinfo) -> datetime | None:
    """``interval`` of work after ``anchor``, restarting at each working period's start.

    All arithmetic is done in UTC: adding 45 minutes to a local wall-clock time
    across a DST change would be off by an hour.
    """
    anchor = anchor.astimezone(UTC)
    for _ in range(MAX_DAYS_AHEAD + 1):
        period = schedule.hours.period_at_or_after(anchor, tz)
        if period is None:
            return None
        start, end = period
        due = max(anchor, start) + schedule.interval
        if due < end:
            return due
        anchor = end
    return None


def plan(schedule: Schedule, *, now: datetime, tz: tzinfo, last_reset: datetime | None,
         snooze_until: datetime | None = None, pauses: tuple[Pause, ...] = (),
         started_at: datetime | None = None, not_before: datetime | None = None) -> Plan:
    """The next break, from the facts; see the module docstring for the rules.

    ``last_reset``: when the last break that counts ended (from the journal).
    ``snooze_until``: the end of a snooze asked for after it, if any.
    ``started_at``: when the app began watching (used when there is no break yet).
    ``not_before``: no break before this (a settings change plans again with the usual
    notice instead of starting a break at once).
    """
    now = now.astimezone(UTC)
    open_ended = tuple(p.kind for p in pauses if p.until is None)
    timed = [p for p in pauses if p.until is not None and p.until > now]
    if open_ended:
        return Plan(None, None, State.PAUSED, paused_by=open_ended)
    anchor = last_reset if last_reset is not None else (started_at or now)
    anchor = min(anchor.astimezone(UTC), now)  # a clock moved back does not push the plan away
    due = interval_due(anchor, schedule, tz)
    if due is None:
        return Plan(None, None, State.OUTSIDE_HOURS)
    if snooze_until is not None and (last_reset is None or snooze_until > last_reset):
        due = snooze_until.astimezone(UTC)
    pause_until = max((p.until for p in timed if p.until is not None), default=None)
    if pause_until is not None and pause_until > due:
        due = pause_until.astimezone(UTC)
    if not_before is not None and not_before > due:
        due = not_before.astimezone(UTC)
    due = max(due, now)
    if not schedule.hours.contains(due, tz):
        period = schedule.hours.period_at_or_after(due, tz)
        fresh = interval_due(period[0], schedule, tz) if period else None
        if fresh is None:
            return Plan(None, None, State.OUTSIDE_HOURS)
        due = fresh
    notice_at = max(now, due - schedule.notice)
    if timed:
        state = State.PAUSED
    elif schedule.hours.contains(now, tz):
        state = State.RUNNING
    else:
        state = State.OUTSIDE_HOURS
    return Plan(due.astimezone(tz), notice_at.astimezone(tz), state,
                paused_by=tuple(p.kind for p in timed),
                pause_until=pause_until.astimezone(tz) if pause_until else None)


def is_natural_break(away: timedelta, schedule: Schedule) -> bool:
    """Away from the computer at least as long as a break counts as one."""
    return away >= schedule.natural_break


def pause_until(choice: str, now: datetime, schedule: Schedule, tz: tzinfo) -> datetime:
    """The end of a pause the user picked: ``30m``, ``1h``, ``2h`` or ``until-tomorrow``."""
    durations = {"30m": timedelta(minutes=30), "1h": timedelta(hours=1),
                 "2h": timedelta(hours=2)}
    if choice in durations:
        return (now.astimezone(UTC) + durations[choice]).astimezone(tz)
    if choice == "until-tomorrow":
        local = now.astimezone(tz)
        tomorrow = local.date() + timedelta(days=1)
        period = schedule.hours.period_at_or_after(_local(tomorrow, time(0, 0), tz), tz)
        return (period[0] if period else _local(tomorrow, schedule.hours.start, tz)
                ).astimezone(tz)
    raise ValueError(f"unknown pause length {choice!r}")
