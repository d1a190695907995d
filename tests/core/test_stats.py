"""Statistics over a journal built by hand: today, planned breaks, adherence with pauses,
the streak across weekends and paused days, DST days, pain, ice/heat, exercises."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posture_coach.core import stats
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal, Outcome, StepRecord, StepStatus
from posture_coach.core.policy import Schedule, WorkHours

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
SCHEDULE = Schedule(interval=timedelta(minutes=45),
                    hours=WorkHours(frozenset({0, 1, 2, 3, 4}), time(9, 0), time(17, 30)))
# Tuesday 2026-03-10, 18:00 in Berlin: after working hours.
NOW = datetime(2026, 3, 10, 18, 0, tzinfo=BERLIN)


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=BERLIN)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal.open(tmp_path / "journal.sqlite3", FakeClock(NOW)) as j:
        yield j


def brk(journal: Journal, end: datetime, outcome: Outcome = Outcome.DONE,
        steps: tuple[StepRecord, ...] = ()) -> int:
    return journal.record_break(planned_at=None, started_at=end - timedelta(minutes=2),
                                ended_at=end, routine_id="desk-reset", outcome=outcome,
                                steps=steps)


def fill_day(journal: Journal, day: date, n: int, outcome: Outcome = Outcome.DONE) -> None:
    for i in range(n):
        brk(journal, at(day, 9, 50) + timedelta(minutes=45 * i), outcome)


def test_days_are_local_and_dst_days_last_23_or_25_hours() -> None:
    spring = stats.day_bounds(date(2026, 3, 29), BERLIN)
    autumn = stats.day_bounds(date(2026, 10, 25), BERLIN)
    plain = stats.day_bounds(date(2026, 3, 10), BERLIN)
    assert spring[1] - spring[0] == timedelta(hours=23)
    assert autumn[1] - autumn[0] == timedelta(hours=25)
    assert plain[1] - plain[0] == timedelta(hours=24)
    assert plain[0] == datetime(2026, 3, 9, 23, 0, tzinfo=UTC)


def test_planned_breaks_working_time_without_pauses_over_interval() -> None:
    monday = date(2026, 3, 9)
    end_of_day = at(monday, 20)
    # 9:00-17:30 is 510 minutes: 11 breaks of 45 minutes.
    assert stats.planned_breaks(monday, SCHEDULE, BERLIN, [], end_of_day) == 11
    # a 90-minute pause and an ice session inside it: 420 minutes left -> 9
    spans = [(at(monday, 12), at(monday, 13, 30)), (at(monday, 13), at(monday, 13, 15))]
    assert stats.planned_breaks(monday, SCHEDULE, BERLIN, spans, end_of_day) == 9
    # a pause reaching before the working day counts only inside it
    spans = [(at(monday, 7), at(monday, 10, 30))]
    assert stats.planned_breaks(monday, SCHEDULE, BERLIN, spans, end_of_day) == 9
    # today, at 11:00: two hours so far -> 2
    assert stats.planned_breaks(monday, SCHEDULE, BERLIN, [], at(monday, 11)) == 2
    # Saturday is not a working day
    assert stats.planned_breaks(date(2026, 3, 14), SCHEDULE, BERLIN, [], end_of_day) == 0
    assert stats.default_goal(SCHEDULE) == 5


def test_today_at_a_glance_by_outcome(journal: Journal) -> None:
    today = NOW.date()
    for outcome, n in ((Outcome.DONE, 3), (Outcome.PARTIAL, 1), (Outcome.SKIPPED, 2),
                       (Outcome.SNOOZED, 1), (Outcome.NATURAL, 1)):
        for i in range(n):
            brk(journal, at(today, 10 + i, 5 * list(Outcome).index(outcome)), outcome)
    brk(journal, at(today - timedelta(days=1), 23, 59))  # yesterday, local
    h = stats.history(journal, SCHEDULE, BERLIN, NOW)
    t = h.today
    assert (t.done, t.partial, t.skipped, t.snoozed, t.natural) == (3, 1, 2, 1, 1)
    assert t.taken == 5 and t.planned == 11 and t.working
    assert h.days[-2].done == 1 and len(h.days) == 90 and h.days[-1] is t
    assert [d.day for d in h.last(7)] == [today - timedelta(days=6 - i) for i in range(7)]


def test_adherence_counts_taken_breaks_in_hours_against_planned_with_pauses(
        journal: Journal) -> None:
    clock = FakeClock(at(NOW.date(), 12))
    today = NOW.date()
    monday = today - timedelta(days=1)
    fill_day(journal, monday, 6)
    brk(journal, at(monday, 19))  # after hours: taken, not counted for adherence
    brk(journal, at(monday, 11, 30), Outcome.SKIPPED)
    # Today: a user pause 12:00-13:30 and an ice session 14:00-14:15
    j2 = Journal(journal._db, journal.path, clock)
    j2.start_pause("user", at(today, 13, 30))
    j2.end_pauses(at(today, 13, 30))
    journal.record_thermal(mode="ice", started_at=at(today, 14), ended_at=at(today, 14, 15),
                           planned_minutes=15, completed=True)
    fill_day(journal, today, 4)
    h = stats.history(journal, SCHEDULE, BERLIN, NOW)
    assert h.days[-2].planned == 11 and h.days[-2].taken_in_hours == 6
    # 510 - 90 - 15 = 405 minutes -> 9 planned today
    assert h.today.planned == 9 and h.today.taken_in_hours == 4
    assert h.adherence.planned == 20 and h.adherence.taken == 10
    assert h.adherence.percent == 50
    assert stats.Adherence(30, 0, 0).percent is None
    assert stats.Adherence(30, 12, 10).percent == 100


def test_streak_across_weekends_paused_days_and_a_miss(journal: Journal) -> None:
    today = NOW.date()  # Tuesday 2026-03-10
    goal = 3
    # Wed 25 Feb: a miss (2 breaks): the streak starts after it
    fill_day(journal, date(2026, 2, 25), 2)
    for d in (date(2026, 2, 26), date(2026, 2, 27),  # Thu, Fri
              date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4),  # Mon-Wed
              date(2026, 3, 6), date(2026, 3, 9)):  # Fri, Mon
        fill_day(journal, d, 3)
    # Thursday 5 March: paused all day (a day off): neither breaks nor extends
    j = Journal(journal._db, journal.path, FakeClock(at(date(2026, 3, 5), 8)))
    j.start_pause("user", at(date(2026, 3, 6), 9))
    j.end_pauses(at(date(2026, 3, 6), 9))
    # weekend 28 Feb-1 Mar: nothing, and Sat 7 March with breaks: neither counts
    fill_day(journal, date(2026, 3, 7), 5)
    # today (Tuesday) so far only 1 break: still going, does not break the streak
    fill_day(journal, today, 1)
    assert stats.streak(journal, SCHEDULE, BERLIN, at(today, 12), goal) == 7
    fill_day(journal, today, 2)  # now 3 today (the same times again: counted)
    assert stats.streak(journal, SCHEDULE, BERLIN, at(today, 12), goal) == 8
    h = stats.history(journal, SCHEDULE, BERLIN, NOW, goal)
    assert h.streak == 8 and h.goal == 3


def test_partly_paused_day_needs_only_what_was_planned(journal: Journal) -> None:
    monday = date(2026, 3, 9)
    # paused from 9:00 to 16:00: 90 minutes left -> 2 planned; 2 breaks meet a goal of 5
    j = Journal(journal._db, journal.path, FakeClock(at(monday, 9)))
    j.start_pause("user", at(monday, 16))
    j.end_pauses(at(monday, 16))
    brk(journal, at(monday, 16, 40))
    brk(journal, at(monday, 17, 20))
    assert stats.streak(journal, SCHEDULE, BERLIN, at(NOW.date(), 8)) == 1


def test_streak_is_zero_without_breaks(journal: Journal) -> None:
    assert stats.streak(journal, SCHEDULE, BERLIN, NOW) == 0


def test_dst_day_keeps_late_and_early_breaks_on_their_local_day(journal: Journal) -> None:
    spring = date(2026, 3, 29)  # a Sunday
    brk(journal, at(spring, 0, 30))
    brk(journal, at(spring, 23, 30))
    brk(journal, at(spring + timedelta(days=1), 0, 10))
    now = at(spring + timedelta(days=1), 12)
    h = stats.history(journal, SCHEDULE, BERLIN, now)
    assert h.days[-2].day == spring and h.days[-2].done == 2
    assert h.days[-1].done == 1
    detail = stats.day_detail(journal, spring, BERLIN)
    assert len(detail.breaks) == 2


def test_pain_trend_ice_heat_and_exercise_counts(journal: Journal) -> None:
    today = NOW.date()
    journal.record_pain(at=at(today, 9), rating=6)
    journal.record_pain(at=at(today, 15), rating=2, note="better")
    journal.record_pain(at=at(today - timedelta(days=3), 9), rating=4)
    journal.record_pain(at=at(today - timedelta(days=200), 9), rating=9)  # outside 90 days
    journal.record_thermal(mode="ice", started_at=at(today, 10), ended_at=at(today, 10, 15),
                           planned_minutes=15, completed=True)
    journal.record_thermal(mode="heat", started_at=at(today, 16),
                           ended_at=at(today, 16, 10), planned_minutes=15, completed=False)
    steps = (StepRecord(0, "chin-tuck", StepStatus.DONE, 30),
             StepRecord(1, "doorway-stretch", StepStatus.SKIPPED, 0))
    brk(journal, at(today, 11), steps=steps)
    brk(journal, at(today, 12), steps=steps[:1])
    h = stats.history(journal, SCHEDULE, BERLIN, NOW)
    assert [(p.day, p.mean, p.highest, p.count) for p in h.pain] == [
        (today - timedelta(days=3), 4.0, 4, 1), (today, 4.0, 6, 2)]
    assert (h.ice, h.heat) == (1, 1)
    assert h.exercises == (("chin-tuck", 2),)
    detail = stats.day_detail(journal, today, BERLIN)
    assert [p.rating for p in detail.pain] == [6, 2]
    assert [t.mode for t in detail.thermal] == ["ice", "heat"]


day_offsets = st.lists(st.tuples(st.integers(0, 120), st.integers(0, 23 * 60 + 59),
                                 st.sampled_from(list(Outcome))), max_size=40)


@settings(max_examples=40)
@given(day_offsets, st.integers(1, 8))
def test_properties_counts_add_up_and_bounds_hold(entries: list[tuple[int, int, Outcome]],
                                                  goal: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, \
            Journal.open(Path(tmp) / "j.sqlite3", FakeClock(NOW)) as journal:
        today = NOW.date()
        for back, minute, outcome in entries:
            end = datetime.combine(today - timedelta(days=back), time(0),
                                   tzinfo=BERLIN) + timedelta(minutes=minute)
            if end <= NOW:
                brk(journal, end, outcome)
        h = stats.history(journal, SCHEDULE, BERLIN, NOW, goal)
        start = stats.day_bounds(today - timedelta(days=89), BERLIN)[0]
        in_window = [b for b in journal.breaks_between(start, NOW + timedelta(days=1))]
        assert sum(d.done + d.partial + d.skipped + d.snoozed + d.natural
                   for d in h.days) == len(in_window)
        assert all(d.taken_in_hours <= d.taken for d in h.days)
        assert h.adherence.percent is None or 0 <= h.adherence.percent <= 100
        working_days_with_breaks = {stats.day_of(b.ended_at, BERLIN)
                                    for b in journal.breaks_between(
                                        datetime(2000, 1, 1, tzinfo=UTC), NOW)}
        assert 0 <= h.streak <= len(working_days_with_breaks)
        # a streak never grows when a break is removed: here, meeting a lower goal
        assert stats.streak(journal, SCHEDULE, BERLIN, NOW, 1) >= h.streak


def reference_streak(journal: Journal, now: datetime, goal: int) -> int:
    """The streak rule written plainly, one day at a time, for the property test."""
    today = now.astimezone(BERLIN).date()
    first = stats.first_day(journal, BERLIN)
    if first is None:
        return 0
    days = stats._count_days(journal, first, today, SCHEDULE, BERLIN, now, None, first)
    count = 0
    for day in sorted(days, reverse=True):
        met = stats.meets_goal(days[day], goal)
        if met is None or (day == today and not met):
            continue
        if not met:
            break
        count += 1
    return count


@settings(max_examples=40)
@given(st.lists(st.tuples(st.integers(0, 400), st.integers(8 * 60, 18 * 60),
                          st.sampled_from(list(Outcome))), max_size=80),
       st.lists(st.tuples(st.integers(0, 400), st.integers(0, 23), st.integers(1, 30)),
                max_size=4),
       st.integers(1, 3))
def test_streak_matches_the_plain_rule(entries: list[tuple[int, int, Outcome]],
                                       pauses: list[tuple[int, int, int]], goal: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        clock = FakeClock(NOW)
        with Journal.open(Path(tmp) / "j.sqlite3", clock) as journal:
            today = NOW.date()
            for back, minute, outcome in entries:
                end = datetime.combine(today - timedelta(days=back), time(0),
                                       tzinfo=BERLIN) + timedelta(minutes=minute)
                if end <= NOW:
                    brk(journal, end, outcome)
            for back, hour, hours in pauses:
                start = datetime.combine(today - timedelta(days=back), time(hour),
                                         tzinfo=BERLIN)
                if start < NOW:
                    clock.set(start)
                    journal.start_pause("user", start + timedelta(hours=hours))
                    journal.end_pauses(start + timedelta(hours=hours))
            clock.set(NOW)
            assert stats.streak(journal, SCHEDULE, BERLIN, NOW, goal) == \
                reference_streak(journal, NOW, goal)


@given(st.lists(st.tuples(st.integers(0, 200), st.integers(1, 50)), max_size=12),
       st.integers(0, 260), st.integers(1, 60))
def test_span_overlaps_agree_with_checking_every_span(spans: list[tuple[int, int]],
                                                      lo: int, length: int) -> None:
    from posture_coach.core.stats import _Overlaps

    base = datetime(2026, 1, 1, tzinfo=timezone.utc)
    def at(minutes: int) -> datetime:
        return base + timedelta(minutes=minutes)
    real = [(at(s), at(s + n)) for s, n in spans]
    start, end = at(lo), at(lo + length)
    assert _Overlaps(real)(start, end) == any(s < end and e > start for s, e in real)
