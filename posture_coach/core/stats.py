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
    return 0 if period is None else _planned_in(period, schedule, spans, now)


def _planned_in(period: Span, schedule: Schedule, spans: Sequence[Span], now: datetime
                ) -> int:
    """:func:`planned_breaks` for a day whose working period is known."""
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
_TAKEN_LIST = [o.value for o in TAKEN]


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
    start_day = first_day(journal, tz)
    if start_day is None:
        return 0
    today = day_of(now, tz)
    today_counts = _count_days(journal, today, today, schedule, tz, now, TAKEN,
                               start_day)[today]
    return _streak(journal, schedule, tz, now, goal, start_day, today_counts)


_DAY = timedelta(days=1)
_MIDNIGHT = time(0, 0)


def _walk_chunks(today: date, start_day: date) -> list[tuple[date, date]]:
    """The stretches ``(first, last)`` of days before today the streak looks at, newest
    first: 30 days, then 120, then 400 at a time, back to the journal's first day, each
    starting at most MAX_STREAK_DAYS before today (the last one may reach past that).

    The streak used to ask the journal one stretch at a time; where it stops and which
    ice/heat sessions it sees (:class:`_Spans`) still follow these stretches."""
    chunks: list[tuple[date, date]] = []
    last = today - _DAY
    size = 30
    while last >= start_day and (today - last).days <= MAX_STREAK_DAYS:
        first = max(start_day, last - timedelta(days=size - 1))
        size = min(size * 4, 400)
        chunks.append((first, last))
        last = first - _DAY
    return chunks


class _Spans:
    """Pauses and ice/heat sessions, sorted, for many days' questions: does a day meet
    any (:class:`_Overlaps`), and which ones may meet a working period (a few, found by
    binary search, instead of all of ten years')."""

    def __init__(self, spans: list[Span]):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.longest = max((e - s for s, e in self.spans), default=timedelta(0))
        self.overlaps = _Overlaps(self.spans)

    def near(self, lo: datetime, hi: datetime) -> list[Span]:
        """All the spans that meet ``[lo, hi)``, and maybe some that do not."""
        return self.spans[bisect_left(self.starts, lo - self.longest):
                          bisect_left(self.starts, hi)]


def _streak(journal: Journal, schedule: Schedule, tz: tzinfo, now: datetime, goal: int,
            start_day: date, today_counts: DayCounts) -> int:
    """The streak, given today's counts: yesterday and back, one pass over each stretch
    of days with one question for the breaks taken on each day of it.  The newest 30
    days are asked first (most streaks end in them), then all the older ones at once."""
    count = 1 if meets_goal(today_counts, goal) else 0
    chunks = _walk_chunks(today_counts.day, start_day)
    for stage in (chunks[:1], chunks[1:]):
        if not stage:
            break
        more, broken = _streak_over(journal, schedule, tz, now, goal, stage)
        count += more
        if broken:
            break
    return count


def _streak_over(journal: Journal, schedule: Schedule, tz: tzinfo, now: datetime,
                 goal: int, chunks: list[tuple[date, date]]) -> tuple[int, bool]:
    """Working days meeting the goal in ``chunks`` (newest first, adjacent), going back
    until one does not: (how many, whether one did not)."""
    hours = schedule.hours
    naive = (datetime.combine(date(2000, 1, 3), hours.end)
             - datetime.combine(date(2000, 1, 3), hours.start))
    full_day = int(naive // schedule.interval)
    first = chunks[-1][0]
    days = [first + timedelta(days=i) for i in range((chunks[0][1] - first).days + 2)]
    # local midnights as UTC (= day_bounds; astimezone to the day's own zone is a no-op)
    starts = [datetime.combine(d, _MIDNIGHT, tz).astimezone(UTC) for d in days]
    working = [i for i in range(len(days) - 1) if days[i].weekday() in hours.days]
    texts: dict[int, str] = {}
    tails: dict[time, str] = {}  # the time of day part, made once (isoformat's own is slow)
    for i in working:
        for k in (i, i + 1):
            if k not in texts:
                at = starts[k]
                tail = tails.get(at.timetz())
                if tail is None:
                    tail = tails[at.timetz()] = at.isoformat(timespec="microseconds")[10:]
                texts[k] = at.date().isoformat() + tail
    taken = questions.breaks_per_span(
        journal, [(i, texts[i], texts[i + 1]) for i in working], _TAKEN_LIST)
    lo, hi = starts[0], starts[-1]
    pauses = journal.pauses_between(lo, hi)
    thermal = journal.thermal_between(lo, hi + _DAY)
    # A session longer than a day was seen only by the stretch in which it ended (or the
    # one before): kept so, so the streak stays what it was.
    long = [t for t in thermal if t.ended_at - t.started_at > _DAY]
    shared = _Spans(pause_spans(pauses, thermal, now)) if not long else None
    short = [t for t in thermal if t.ended_at - t.started_at <= _DAY] if long else thermal
    count = 0
    for chunk_first, chunk_last in chunks:
        spans = shared
        high = (chunk_last - first).days + 1
        if spans is None:
            end = starts[high] + _DAY
            spans = _Spans(pause_spans(
                pauses, short + [t for t in long if t.ended_at < end], now))
        overlaps = spans.overlaps
        for i in range(high - 1, (chunk_first - first).days - 1, -1):
            day = days[i]
            if day.weekday() not in hours.days:
                continue
            lo, hi = starts[i], starts[i + 1]
            if hi - lo == _DAY and not overlaps(lo, hi):
                planned = full_day  # a plain day: no DST change, no pause
            else:
                period = hours.period_on(day, tz)
                planned = 0 if period is None else _planned_in(
                    period, schedule, spans.near(*period), now)
            if planned <= 0:
                continue
            if taken.get(i, 0) >= min(goal, planned):
                count += 1
            else:
                return count, True
    return count, False


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
    start_day = first_day(journal, tz)
    counts = _count_days(journal, first, today, schedule, tz, now, in_use_from=start_day)
    ordered = tuple(counts[d] for d in sorted(counts))
    start, end = day_bounds(first, tz)[0], day_bounds(today, tz)[1]
    thermal = journal.thermal_between(start, end)
    return History(
        now=now, today=counts[today], goal=goal,
        # today's counts as streak() makes them (the same pauses meet today)
        streak=0 if start_day is None else _streak(journal, schedule, tz, now, goal,
                                                   start_day, counts[today]),
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
