"""The streak in one pass (``stats.streak``) gives exactly what the day-by-day walk it
replaced gave: that walk is kept here, as it was, and compared on random journals
(breaks, pauses, ice/heat sessions, across DST changes in Berlin and New York), random
schedules and goals, and caps on how far back it looks."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posture_coach.core import stats
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal, Outcome, questions
from posture_coach.core.policy import Schedule, WorkHours, _local

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


# --------------------------------------------------------------------------- the old walk

def _taken_per_day(journal: Journal, starts: Sequence[str]) -> dict[int, int]:
    out: dict[int, int] = {}
    taken = [o.value for o in stats.TAKEN]
    for at in range(0, len(starts) - 1, 400):
        idx = range(at, min(at + 400, len(starts) - 1))
        out.update(questions.breaks_per_span(
            journal, [(i, starts[i], starts[i + 1]) for i in idx], taken))
    return out


def walk_streak(journal: Journal, schedule: Schedule, tz: tzinfo, now: datetime,
                goal: int | None = None) -> int:
    """``stats.streak`` as it was before it went in one pass: back day by day, 30, 120,
    then 400 days at a time, a question and the pauses fetched per stretch."""
    goal = stats.default_goal(schedule) if goal is None else goal
    today = stats.day_of(now, tz)
    start_day = stats.first_day(journal, tz)
    if start_day is None:
        return 0
    count = 0
    today_counts = stats._count_days(journal, today, today, schedule, tz, now, stats.TAKEN,
                                     start_day)[today]
    if stats.meets_goal(today_counts, goal):
        count += 1
    hours = schedule.hours
    naive = (datetime.combine(today, hours.end) - datetime.combine(today, hours.start))
    full_day = int(naive // schedule.interval)
    last = today - timedelta(days=1)
    size = 30
    while last >= start_day and (today - last).days <= stats.MAX_STREAK_DAYS:
        first = max(start_day, last - timedelta(days=size - 1))
        size = min(size * 4, 400)
        days = [first + timedelta(days=i) for i in range((last - first).days + 2)]
        starts = [_local(d, time(0, 0), tz).astimezone(UTC) for d in days]
        texts = [stats._to_db(t) for t in starts]
        taken = _taken_per_day(journal, texts)
        spans = stats.pause_spans(
            journal.pauses_between(starts[0], starts[-1]),
            journal.thermal_between(starts[0], starts[-1] + timedelta(days=1)), now)
        overlaps = stats._Overlaps(spans)
        for i in range(len(days) - 2, -1, -1):
            day = days[i]
            if day.weekday() not in hours.days:
                continue
            lo, hi = starts[i], starts[i + 1]
            if hi - lo == timedelta(days=1) and not overlaps(lo, hi):
                planned = full_day
            else:
                planned = stats.planned_breaks(day, schedule, tz, spans, now)
            if planned <= 0:
                continue
            if taken.get(i, 0) >= min(goal, planned):
                count += 1
            else:
                return count
        last = first - timedelta(days=1)
    return count


# --------------------------------------------------------------------------- journals

OUTCOMES = [o.value for o in Outcome]


def fill(journal: Journal, breaks: list[tuple[datetime, str]],
         pauses: list[tuple[datetime, datetime | None, datetime | None]],
         thermal: list[tuple[datetime, datetime]]) -> None:
    """Rows as the journal stores them, in one transaction (thousands in a test)."""
    with journal._write("fill") as db:
        db.executemany(
            "INSERT INTO breaks (planned_at, started_at, ended_at, routine_id, outcome,"
            " created_at) VALUES (NULL, ?, ?, 'desk-reset', ?, ?)",
            [(stats._to_db(end - timedelta(minutes=2)), stats._to_db(end), outcome,
              stats._to_db(end)) for end, outcome in breaks])
        db.executemany(
            "INSERT INTO pauses (reason, started_at, until, ended_at) VALUES ('user', ?, ?, ?)",
            [(stats._to_db(s), None if u is None else stats._to_db(u),
              None if e is None else stats._to_db(e)) for s, u, e in pauses])
        db.executemany(
            "INSERT INTO thermal_sessions (mode, started_at, ended_at, planned_minutes,"
            " completed, created_at) VALUES ('ice', ?, ?, 15, 1, ?)",
            [(stats._to_db(s), stats._to_db(e), stats._to_db(e)) for s, e in thermal])


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal.open(tmp_path / "j.sqlite3", FakeClock(datetime(2026, 3, 10, tzinfo=UTC))) \
            as j:
        yield j


def minutes(n: int) -> timedelta:
    return timedelta(minutes=n)


schedules = st.builds(
    lambda days, start, length, interval: Schedule(
        interval=minutes(interval),
        hours=WorkHours(frozenset(days), time(start // 60, start % 60),
                        time(min(start + length, 24 * 60 - 1) // 60,
                             min(start + length, 24 * 60 - 1) % 60))),
    st.sets(st.integers(0, 6), max_size=7),
    st.sampled_from([0, 60, 90, 120, 150, 9 * 60, 12 * 60 + 30, 22 * 60]) | st.integers(0, 1400),
    st.integers(15, 12 * 60), st.sampled_from([15, 30, 45, 60, 100]))

# days around DST changes in both zones (Berlin: last Sundays of March and October; New
# York: second Sunday of March, first of November), and plain ones
nows = st.builds(lambda day, minute: (day, minute),
                 st.sampled_from([date(2026, 3, 9), date(2026, 3, 29), date(2026, 3, 30),
                                  date(2026, 4, 15), date(2026, 10, 26), date(2026, 11, 2),
                                  date(2026, 11, 24), date(2027, 3, 15), date(2027, 1, 1)]),
                 st.integers(0, 24 * 60 - 1))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tz=st.sampled_from([BERLIN, NEW_YORK]), schedule=schedules, when=nows,
       goal=st.none() | st.integers(0, 8),
       run=st.tuples(st.integers(0, 420), st.integers(1, 12), st.integers(0, 30)),
       holes=st.lists(st.integers(0, 420), max_size=6),
       extra=st.lists(st.tuples(st.integers(0, 420), st.integers(0, 24 * 60 - 1),
                                st.sampled_from(OUTCOMES)), max_size=30),
       pauses=st.lists(st.tuples(st.integers(-2, 420), st.integers(0, 24 * 60 - 1),
                                 st.integers(1, 4000), st.sampled_from(["ended", "until",
                                                                        "open"])),
                       max_size=6),
       thermal=st.lists(st.tuples(st.integers(-2, 420), st.integers(0, 24 * 60 - 1),
                                  st.sampled_from([10, 15, 20]) | st.integers(0, 5000)),
                        max_size=6),
       cap=st.sampled_from([stats.MAX_STREAK_DAYS, 0, 1, 29, 30, 31, 45, 149, 150, 151, 200,
                            400]))
def test_streak_is_the_old_walk(tz: ZoneInfo, schedule: Schedule, when: tuple[date, int],
                                goal: int | None, run: tuple[int, int, int],
                                holes: list[int], extra: list[tuple[int, int, str]],
                                pauses: list[tuple[int, int, int, str]],
                                thermal: list[tuple[int, int, int]], cap: int) -> None:
    day, minute = when
    now = datetime.combine(day, time(0), tzinfo=tz) + minutes(minute)
    today = now.astimezone(tz).date()

    def local(back: int, minute: int) -> datetime:
        return datetime.combine(today - timedelta(days=back), time(0), tzinfo=tz) \
            + minutes(minute)

    # a run of days with breaks spread over the working hours (a long streak), with holes
    length, per_day, skip_every = run
    start_min = schedule.hours.start.hour * 60 + schedule.hours.start.minute
    breaks = []
    for back in range(length):
        if back in holes:
            continue
        for k in range(per_day):
            outcome = "skipped" if skip_every and k % skip_every == skip_every - 1 else "done"
            breaks.append((local(back, start_min + 5 + 37 * k), outcome))
    breaks += [(local(back, m), outcome) for back, m, outcome in extra]
    breaks = [(t, o) for t, o in breaks if t <= now]
    rows = []
    for back, m, hours, kind in pauses:
        s = local(back, m)
        e = s + minutes(hours)
        rows.append((s, e if kind == "until" else None, e if kind == "ended" else None))
    sessions = [(local(back, m), local(back, m) + minutes(n)) for back, m, n in thermal]
    with tempfile.TemporaryDirectory() as tmp, \
            Journal.open(Path(tmp) / "j.sqlite3", FakeClock(now)) as journal, \
            mock.patch.object(stats, "MAX_STREAK_DAYS", cap):
        fill(journal, breaks, rows, sessions)
        expected = walk_streak(journal, schedule, tz, now, goal)
        assert stats.streak(journal, schedule, tz, now, goal) == expected
        assert stats.history(journal, schedule, tz, now, goal).streak == expected


# --------------------------------------------------------------------------- fixed cases

SCHEDULE = Schedule()
NOW = datetime(2026, 3, 10, 18, 0, tzinfo=BERLIN)  # a Tuesday, after hours


def test_empty_journal_and_one_day(journal: Journal) -> None:
    assert stats.streak(journal, SCHEDULE, BERLIN, NOW) == 0 == walk_streak(
        journal, SCHEDULE, BERLIN, NOW)
    fill(journal, [(NOW - minutes(60 * k + 30), "done") for k in range(6)], [], [])
    assert stats.streak(journal, SCHEDULE, BERLIN, NOW) == 1 == walk_streak(
        journal, SCHEDULE, BERLIN, NOW)
    # one day, yesterday's only: 5 breaks meet the default goal of 5
    later = NOW + timedelta(days=1)
    assert stats.streak(journal, SCHEDULE, BERLIN, later) == 1 == walk_streak(
        journal, SCHEDULE, BERLIN, later)


def test_the_cap_stops_where_the_walk_stopped(journal: Journal) -> None:
    """Mondays only, a break on each for 33 years: the walk looked at stretches starting
    up to MAX_STREAK_DAYS back, the last one reaching past it."""
    schedule = Schedule(hours=WorkHours(frozenset({0}), time(9), time(17)))
    mondays = [d for d in (NOW.date() - timedelta(days=n) for n in range(1, 33 * 366))
               if d.weekday() == 0]
    fill(journal, [(datetime.combine(d, time(10), tzinfo=BERLIN), "done") for d in mondays],
         [], [])
    got = stats.streak(journal, schedule, BERLIN, NOW, 1)
    assert got == walk_streak(journal, schedule, BERLIN, NOW, 1)
    chunks = stats._walk_chunks(NOW.date(), mondays[-1])
    assert (NOW.date() - chunks[-1][1]).days <= stats.MAX_STREAK_DAYS
    assert got == sum(1 for d in mondays if d >= chunks[-1][0]) < len(mondays)
    assert (NOW.date() - chunks[-1][0]).days > stats.MAX_STREAK_DAYS


def test_a_long_ice_session_counts_as_the_walk_counted_it(journal: Journal) -> None:
    """A session longer than a day was seen only by the stretch of days it ended in (the
    walk's stretches: 1-30 days back, 31-150, 151-550, ...): on the days of older
    stretches it did not reduce what was planned."""
    today = NOW.date()

    def back(n: int) -> date:
        return today - timedelta(days=n)

    # 6 breaks a day (the goal is 5), but only 2 on the days 141-170 back, which an ice
    # session covers (from midnight 170 days back to midnight 140 days back)
    breaks = [(datetime.combine(back(n), time(9), tzinfo=BERLIN) + minutes(45 * k + 40),
               "done") for n in range(1, 300) for k in range(2 if 141 <= n <= 170 else 6)]
    session = (datetime.combine(back(170), time(0), tzinfo=BERLIN),
               datetime.combine(back(140), time(0), tzinfo=BERLIN))
    fill(journal, breaks, [], [session])
    got = stats.streak(journal, SCHEDULE, BERLIN, NOW)
    assert got == walk_streak(journal, SCHEDULE, BERLIN, NOW)
    # days 141-150 back planned nothing (covered); the stretch 151-550 days back did not
    # see the session: its first working day, with 2 breaks, ends the streak
    assert got == sum(1 for n in range(1, 141) if back(n).weekday() < 5)


def test_a_dst_day_plans_its_real_working_time(journal: Journal) -> None:
    """Working hours 1:00-4:00 on Sundays: on the Sunday clocks go forward they last two
    hours, so two breaks meet a goal of three there (not on a plain Sunday)."""
    schedule = Schedule(interval=minutes(60),
                        hours=WorkHours(frozenset({6}), time(1), time(4)))
    spring, plain = date(2026, 3, 29), date(2026, 3, 22)
    fill(journal, [(datetime.combine(spring, time(h, 30), tzinfo=BERLIN), "done")
                   for h in (1, 3)]
         + [(datetime.combine(plain, time(h, 30), tzinfo=BERLIN), "done") for h in (1, 2, 3)],
         [], [])
    now = datetime(2026, 4, 1, 12, tzinfo=BERLIN)
    assert stats.streak(journal, schedule, BERLIN, now, 3) == 2 == walk_streak(
        journal, schedule, BERLIN, now, 3)
