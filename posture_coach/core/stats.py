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

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from .journal import BreakRecord, Journal, Outcome, PainRecord, PauseRecord, ThermalRecord
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
    rows = journal.query(
        "SELECT min(t) FROM (SELECT min(ended_at) AS t FROM breaks"
        " UNION ALL SELECT min(started_at) FROM pauses"
        " UNION ALL SELECT min(at) FROM pain"
        " UNION ALL SELECT min(started_at) FROM thermal_sessions)")
    if not rows or rows[0][0] is None:
        return None
    return day_of(_from_db(rows[0][0]), tz)


def _count_days(journal: Journal, first: date, last: date, schedule: Schedule, tz: tzinfo,
                now: datetime, outcomes: Sequence[Outcome] | None = None,
                in_use_from: date | None = None) -> dict[date, DayCounts]:
    """DayCounts for every day of ``[first, last]``; days before ``in_use_from`` (or all
    days, when None) plan nothing."""
    start = day_bounds(first, tz)[0]
    end = day_bounds(last, tz)[1]
    sql = "SELECT ended_at, outcome FROM breaks WHERE ended_at >= ? AND ended_at < ?"
    params: list[object] = [_to_db(start), _to_db(end)]
    if outcomes is not None:
        sql += f" AND outcome IN ({', '.join('?' * len(outcomes))})"
        params.extend(o.value for o in outcomes)
    rows = journal.query(sql, params)
    spans = pause_spans(journal.pauses_between(start, end),
                        journal.thermal_between(start, end + timedelta(days=1)), now)
    periods: dict[date, tuple[datetime, datetime] | None] = {}
    counts: dict[date, Counter[str]] = {}
    in_hours: Counter[date] = Counter()
    for ended_text, outcome in rows:
        ended = _from_db(ended_text)
        day = ended.astimezone(tz).date()
        counts.setdefault(day, Counter())[outcome] += 1
        if outcome in _TAKEN_VALUES:
            if day not in periods:
                periods[day] = schedule.hours.period_on(day, tz)
            period = periods[day]
            if period is not None and period[0] <= ended < period[1]:
                in_hours[day] += 1
    out: dict[date, DayCounts] = {}
    day = first
    while day <= last:
        c = counts.get(day, Counter())
        out[day] = DayCounts(
            day=day, working=day.weekday() in schedule.hours.days,
            planned=(planned_breaks(day, schedule, tz, spans, now)
                     if in_use_from is not None and day >= in_use_from else 0),
            done=c["done"], partial=c["partial"], skipped=c["skipped"],
            snoozed=c["snoozed"], natural=c["natural"], taken_in_hours=in_hours[day])
        day += timedelta(days=1)
    return out


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
    last = today - timedelta(days=1)
    while last >= start_day and (today - last).days <= MAX_STREAK_DAYS:
        first = max(start_day, last - timedelta(days=STREAK_CHUNK_DAYS - 1))
        chunk = _count_days(journal, first, last, schedule, tz, now, TAKEN, start_day)
        day = last
        while day >= first:
            met = meets_goal(chunk[day], goal)
            if met is False:
                return count
            if met:
                count += 1
            day -= timedelta(days=1)
        last = first - timedelta(days=1)
    return count


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
    rows = journal.query(
        "SELECT s.exercise_id, count(*) FROM steps s JOIN breaks b ON b.id = s.break_id"
        " WHERE b.ended_at >= ? AND b.ended_at < ? AND s.status = 'done'"
        " GROUP BY s.exercise_id ORDER BY count(*) DESC, s.exercise_id",
        (_to_db(start), _to_db(end)))
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
