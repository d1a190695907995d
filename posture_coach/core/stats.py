"""What was done: today at a glance, adherence, the streak, trends (queries over the journal).

Pure functions of the journal, the schedule (working days, hours, interval), the
user's time zone and *now* (from the caller's clock).  The History window takes
the :class:`History` built here; it never reads the journal itself.

Rules (also in the README):

* **Days** are local calendar days in the user's time zone, midnight to
  midnight, so a day on which DST starts or ends lasts 23 or 25 hours.  A
  record belongs to the day its break *ended* (a pain rating: when it was
  taken; an ice/heat session: when it ended).
* **A break taken** is one done, partly done or natural (the user was away
  from the computer long enough; "I did a break away from the computer" is
  recorded as done).  Skipped and snoozed breaks are counted but not taken.
* **Breaks planned** on a working day = the working time of that day that is
  not covered by a pause (a pause the user asked for, or an ice/heat session,
  during which breaks wait), cut at *now* for today, divided by the break
  interval, rounded down.  A day outside the working days plans nothing.
* **Days before the journal's first record** (the app was not in use yet) plan
  nothing.
* **Adherence** over a window of days = breaks taken that ended inside the
  working hours / breaks planned, as a percentage capped at 100 %.  With
  nothing planned there is no adherence figure (``None``), never a made-up one.
* **The daily goal** defaults to half the breaks a full working day plans (at
  least one).  On a day partly paused the goal is at most what was planned.
  A day **meets the goal** when it has at least that many breaks taken.
* **The streak** counts the working days meeting the goal, going back from
  today.  Today extends it once met, but does not break it while it is still
  going.  Days outside the working days, and working days that planned
  nothing (paused all day), neither break nor extend it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from .journal import (
    BreakRecord,
    Journal,
    Outcome,
    PainRecord,
    PauseRecord,
    ThermalRecord,
    questions,
)
from .policy import Schedule, _local

UTC = timezone.utc
TAKEN = (Outcome.DONE, Outcome.PARTIAL, Outcome.NATURAL)
RANGES = (7, 30, 90)
"""The History window's charts: the last 7, 30 and 90 days."""
ADHERENCE_DAYS = 30
STREAK_CHUNK_DAYS = 120
MAX_STREAK_DAYS = 366 * 30


# ---------------------------------------------------------------------------
# days


def day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """Local midnight of ``day`` and of the next day, as UTC datetimes (23-25 h apart)."""
    return (_local(day, time(0, 0), tz).astimezone(UTC),
            _local(day + timedelta(days=1), time(0, 0), tz).astimezone(UTC))


def day_of(when: datetime, tz: tzinfo) -> date:
    """The local calendar day of ``when``."""
    return when.astimezone(tz).date()


def _from_db(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _to_db(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


# ---------------------------------------------------------------------------
# planned breaks


Span = tuple[datetime, datetime]


def pause_spans(pauses: Iterable[PauseRecord], thermal: Iterable[ThermalRecord],
                now: datetime) -> list[Span]:
    """When breaks waited: each pause (until it ended, else its ``until``, else now) and
    each ice/heat session."""
    spans: list[Span] = []
    for p in pauses:
        end = p.ended_at or p.until or now
        spans.append((p.started_at, min(end, max(now, p.started_at))))
    spans.extend((t.started_at, t.ended_at) for t in thermal)
    return [(s.astimezone(UTC), e.astimezone(UTC)) for s, e in spans if e > s]


class _Overlaps:
    """Whether ``[lo, hi)`` meets any of the spans, by binary search over their union
    (a streak asks this of thousands of days against hundreds of pauses)."""

    def __init__(self, spans: Iterable[Span]):
        merged: list[list[datetime]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def __call__(self, lo: datetime, hi: datetime) -> bool:
        i = bisect_left(self.starts, hi) - 1  # the last union part starting before hi
        return i >= 0 and self.ends[i] > lo  # (the parts' ends rise with their starts)


def _covered(start: datetime, end: datetime, spans: Sequence[Span]) -> timedelta:
    """How much of ``[start, end)`` the spans cover (overlaps counted once)."""
    clipped = sorted((max(s, start), min(e, end)) for s, e in spans if s < end and e > start)
    total = timedelta(0)
    cur_s: datetime | None = None
    cur_e = start
    for s, e in clipped:
        if cur_s is None or s > cur_e:
            if cur_s is not None:
                total += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_s is not None:
        total += cur_e - cur_s
    return total


def planned_breaks(day: date, schedule: Schedule, tz: tzinfo, spans: Sequence[Span],
                   now: datetime) -> int:
    """Breaks planned on ``day``: unpaused working time (up to ``now``) / interval."""
    period = schedule.hours.period_on(day, tz)
    if period is None:
        return 0
    start, end = period
    end = min(end, now.astimezone(UTC))
    if end <= start:
        return 0
    available = end - start - _covered(start, end, spans)
    return max(0, int(available // schedule.interval))


def default_goal(schedule: Schedule) -> int:
    """Half the breaks a full working day plans, at least one."""
    hours = schedule.hours
    length = (datetime.combine(date(2000, 1, 3), hours.end)
              - datetime.combine(date(2000, 1, 3), hours.start))
    return max(1, int(length // schedule.interval) // 2)


# ---------------------------------------------------------------------------
# results


@dataclass(frozen=True)
class DayCounts:
    """One local day: breaks by outcome, how many were planned, whether it was a working day."""

    day: date
    working: bool = False
    planned: int = 0
    done: int = 0
    partial: int = 0
    skipped: int = 0
    snoozed: int = 0
    natural: int = 0
    taken_in_hours: int = 0

    @property
    def taken(self) -> int:
        return self.done + self.partial + self.natural


@dataclass(frozen=True)
class Adherence:
    days: int
    taken: int
    planned: int

    @property
    def percent(self) -> int | None:
        """Breaks taken in working hours against breaks planned, capped at 100; None when
        nothing was planned."""
        if self.planned <= 0:
            return None
        return min(100, round(100 * self.taken / self.planned))


@dataclass(frozen=True)
class PainDay:
    day: date
    mean: float
    highest: int
    count: int


@dataclass(frozen=True)
class History:
    """Everything the History window shows, built at ``now``."""

    now: datetime
    today: DayCounts
    goal: int
    streak: int
    adherence: Adherence
    days: tuple[DayCounts, ...]
    """The last 90 days, oldest first, today last."""
    pain: tuple[PainDay, ...]
    """Days with a pain rating within those 90 days, oldest first."""
    ice: int
    heat: int
    """Ice and heat sessions within those 90 days."""
    exercises: tuple[tuple[str, int], ...]
    """(exercise id, times done) within those 90 days, most done first."""

    def last(self, n: int) -> tuple[DayCounts, ...]:
        return self.days[-n:]


@dataclass(frozen=True)
class DayDetail:
    """Everything recorded on one local day, for the History window's day view."""

    day: date
    breaks: tuple[BreakRecord, ...] = ()
    pain: tuple[PainRecord, ...] = ()
    thermal: tuple[ThermalRecord, ...] = ()
    pauses: tuple[PauseRecord, ...] = field(default=())


# ---------------------------------------------------------------------------
# queries


def first_day(journal: Journal, tz: tzinfo) -> date | None:
    """The local day of the journal's first record (break, pause, pain rating, ice/heat)."""
    first = questions.first_record_text(journal)
    return None if first is None else day_of(_from_db(first), tz)


def _count_days(journal: Journal, first: date, last: date, schedule: Schedule, tz: tzinfo,
                now: datetime, outcomes: Sequence[Outcome] | None = None,
                in_use_from: date | None = None) -> dict[date, DayCounts]:
    """DayCounts for every day of ``[first, last]``; days before ``in_use_from`` (or all
    days, when None) plan nothing.

    SQLite counts: each local day's bounds (and working period) go in as UTC text,
    which sorts like time, so no stored time is parsed in Python.
    """
    days: list[date] = []
    day = first
    while day <= last:
        days.append(day)
        day += timedelta(days=1)
    bounds: dict[date, tuple[datetime, datetime]] = {}
    periods: dict[date, tuple[datetime, datetime] | None] = {}
    counts: dict[int, dict[str, int]] = {}
    in_hours: dict[int, int] = {}
    wanted = None if outcomes is None else [o.value for o in outcomes]
    for at in range(0, len(days), _DAYS_PER_QUERY):
        chunk = days[at:at + _DAYS_PER_QUERY]
        asked: list[tuple[int, str, str, str | None, str | None]] = []
        for i, d in enumerate(chunk, start=at):
            bounds[d] = day_bounds(d, tz)
            periods[d] = period = schedule.hours.period_on(d, tz)
            asked.append((i, _to_db(bounds[d][0]), _to_db(bounds[d][1]),
                          _to_db(period[0]) if period else None,
                          _to_db(period[1]) if period else None))
        for i, outcome, n, hours in questions.outcomes_per_day(journal, asked, wanted):
            counts.setdefault(i, {})[outcome] = int(n)
            if outcome in _TAKEN_VALUES:
                in_hours[i] = in_hours.get(i, 0) + int(hours)
    start, end = bounds[first][0], bounds[last][1]
    spans = pause_spans(journal.pauses_between(start, end),
                        journal.thermal_between(start, end + timedelta(days=1)), now)
    full: dict[tuple[timedelta, timedelta], int] = {}
    overlaps = _Overlaps(spans)
    out: dict[date, DayCounts] = {}
    for i, d in enumerate(days):
        c = counts.get(i, {})
        period = periods[d]
        planned = 0
        if period is not None and in_use_from is not None and d >= in_use_from:
            if period[1] <= now and not overlaps(period[0], period[1]):
                key = (period[1] - period[0], schedule.interval)
                length = period[1] - period[0]
                planned = full.setdefault(key, int(length // schedule.interval))
            else:
                planned = planned_breaks(d, schedule, tz, spans, now)
        out[d] = DayCounts(
            day=d, working=period is not None, planned=planned,
            done=c.get("done", 0), partial=c.get("partial", 0), skipped=c.get("skipped", 0),
            snoozed=c.get("snoozed", 0), natural=c.get("natural", 0),
            taken_in_hours=in_hours.get(i, 0))
    return out


_DAYS_PER_QUERY = 400
_TAKEN_VALUES = frozenset(o.value for o in TAKEN)


def meets_goal(counts: DayCounts, goal: int) -> bool | None:
    """True/False for a day that counts for the streak; None for one that neither breaks
    nor extends it (not a working day, or nothing planned)."""
    if not counts.working or counts.planned <= 0:
        return None
    return counts.taken >= min(goal, counts.planned)


def streak(journal: Journal, schedule: Schedule, tz: tzinfo, now: datetime,
           goal: int | None = None) -> int:
    """The current streak of working days meeting the goal (see the module doc)."""
    goal = default_goal(schedule) if goal is None else goal
    today = day_of(now, tz)
    start_day = first_day(journal, tz)
    if start_day is None:
        return 0
    count = 0
    today_counts = _count_days(journal, today, today, schedule, tz, now, TAKEN,
                               start_day)[today]
    if meets_goal(today_counts, goal):
        count += 1
    hours = schedule.hours
    naive = (datetime.combine(today, hours.end) - datetime.combine(today, hours.start))
    full_day = int(naive // schedule.interval)
    last = today - timedelta(days=1)
    size = 30
    while last >= start_day and (today - last).days <= MAX_STREAK_DAYS:
        first = max(start_day, last - timedelta(days=size - 1))
        size = min(size * 4, 400)
        days = [first + timedelta(days=i) for i in range((last - first).days + 2)]
        starts = [_local(d, time(0, 0), tz).astimezone(UTC) for d in days]
        texts = [_to_db(t) for t in starts]
        taken = _taken_per_day(journal, texts)
        spans = pause_spans(journal.pauses_between(starts[0], starts[-1]),
                            journal.thermal_between(starts[0], starts[-1] + timedelta(days=1)),
                            now)
        overlaps = _Overlaps(spans)
        for i in range(len(days) - 2, -1, -1):
            day = days[i]
            if day.weekday() not in hours.days:
                continue
            lo, hi = starts[i], starts[i + 1]
            if hi - lo == _DAY and not overlaps(lo, hi):
                planned = full_day  # a plain day: no DST change, no pause
            else:
                planned = planned_breaks(day, schedule, tz, spans, now)
            if planned <= 0:
                continue
            if taken.get(i, 0) >= min(goal, planned):
                count += 1
            else:
                return count
        last = first - timedelta(days=1)
    return count


_DAY = timedelta(days=1)


def _taken_per_day(journal: Journal, starts: Sequence[str]) -> dict[int, int]:
    """Breaks taken per day, for the days between consecutive ``starts`` (UTC text)."""
    out: dict[int, int] = {}
    taken = [o.value for o in TAKEN]
    for at in range(0, len(starts) - 1, _DAYS_PER_QUERY):
        idx = range(at, min(at + _DAYS_PER_QUERY, len(starts) - 1))
        out.update(questions.breaks_per_span(
            journal, [(i, starts[i], starts[i + 1]) for i in idx], taken))
    return out


def adherence(days: Sequence[DayCounts]) -> Adherence:
    return Adherence(len(days), sum(d.taken_in_hours for d in days if d.planned > 0),
                     sum(d.planned for d in days))


def pain_days(ratings: Iterable[PainRecord], tz: tzinfo) -> tuple[PainDay, ...]:
    by_day: dict[date, list[int]] = {}
    for p in ratings:
        by_day.setdefault(day_of(p.at, tz), []).append(p.rating)
    return tuple(PainDay(d, sum(r) / len(r), max(r), len(r)) for d, r in sorted(by_day.items()))


def exercise_counts(journal: Journal, start: datetime, end: datetime
                    ) -> tuple[tuple[str, int], ...]:
    """How often each exercise was done in breaks that ended in ``[start, end)``."""
    rows = questions.exercise_counts(journal, _to_db(start), _to_db(end))
    return tuple((str(r[0]), int(r[1])) for r in rows)


def history(journal: Journal, schedule: Schedule, tz: tzinfo, now: datetime,
            goal: int | None = None, days: int = RANGES[-1]) -> History:
    """Everything the History window shows."""
    goal = default_goal(schedule) if goal is None else goal
    today = day_of(now, tz)
    first = today - timedelta(days=days - 1)
    counts = _count_days(journal, first, today, schedule, tz, now,
                         in_use_from=first_day(journal, tz))
    ordered = tuple(counts[d] for d in sorted(counts))
    start, end = day_bounds(first, tz)[0], day_bounds(today, tz)[1]
    thermal = journal.thermal_between(start, end)
    return History(
        now=now, today=counts[today], goal=goal,
        streak=streak(journal, schedule, tz, now, goal),
        adherence=adherence(ordered[-ADHERENCE_DAYS:]),
        days=ordered,
        pain=pain_days(journal.pain_between(start, end), tz),
        ice=sum(1 for t in thermal if t.mode == "ice"),
        heat=sum(1 for t in thermal if t.mode == "heat"),
        exercises=exercise_counts(journal, start, end))


def day_detail(journal: Journal, day: date, tz: tzinfo) -> DayDetail:
    start, end = day_bounds(day, tz)
    return DayDetail(day=day, breaks=tuple(journal.breaks_between(start, end)),
                     pain=tuple(journal.pain_between(start, end)),
                     thermal=tuple(journal.thermal_between(start, end)),
                     pauses=tuple(journal.pauses_between(start, end)))
