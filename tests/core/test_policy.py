"""The break policy: unit cases and properties over random facts and clock jumps."""

from __future__ import annotations

import itertools
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from posture_coach.core.policy import (
    Pause,
    PauseKind,
    Schedule,
    State,
    WorkHours,
    interval_due,
    is_natural_break,
    pause_until,
    plan,
)

TZ = ZoneInfo("Europe/Berlin")
NY = ZoneInfo("America/New_York")
S = Schedule()  # 45 min, Mon-Fri 09:00-17:30, 30 s notice


def at(y: int, mo: int, d: int, h: int, mi: int = 0, tz: ZoneInfo = TZ) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=tz)


MON = (2026, 11, 23)  # a Monday


def test_interval_after_last_break() -> None:
    p = plan(S, now=at(*MON, 10, 0), tz=TZ, last_reset=at(*MON, 9, 50))
    assert p.due == at(*MON, 10, 35)
    assert p.notice_at == at(*MON, 10, 35) - timedelta(seconds=30)
    assert p.state is State.RUNNING


def test_first_break_of_the_day_counts_from_the_start_of_work() -> None:
    yesterday_evening = at(2026, 11, 20, 17, 0)  # Friday
    p = plan(S, now=at(*MON, 8, 0), tz=TZ, last_reset=yesterday_evening)
    assert p.due == at(*MON, 9, 45)
    assert p.state is State.OUTSIDE_HOURS


def test_no_break_that_would_fall_after_work() -> None:
    p = plan(S, now=at(*MON, 17, 0), tz=TZ, last_reset=at(*MON, 17, 0))
    assert p.due == at(2026, 11, 24, 9, 45)


def test_weekend_is_skipped() -> None:
    friday = at(2026, 11, 27, 17, 10)
    p = plan(S, now=friday, tz=TZ, last_reset=friday)
    assert p.due == at(2026, 11, 30, 9, 45)


def test_overdue_means_now_once() -> None:
    now = at(*MON, 14, 0)
    p = plan(S, now=now, tz=TZ, last_reset=at(*MON, 11, 0))
    assert p.due == now and p.notice_at == now


def test_snooze_overrides_interval() -> None:
    p = plan(S, now=at(*MON, 10, 35), tz=TZ, last_reset=at(*MON, 9, 50),
             snooze_until=at(*MON, 10, 40))
    assert p.due == at(*MON, 10, 40)
    # a snooze from before the last break no longer counts
    p = plan(S, now=at(*MON, 11, 0), tz=TZ, last_reset=at(*MON, 10, 50),
             snooze_until=at(*MON, 10, 40))
    assert p.due == at(*MON, 11, 35)


def test_pauses() -> None:
    now = at(*MON, 10, 0)
    p = plan(S, now=now, tz=TZ, last_reset=at(*MON, 9, 50),
             pauses=(Pause(PauseKind.USER, at(*MON, 11, 0)),))
    assert p.due == at(*MON, 11, 0) and p.state is State.PAUSED
    assert p.pause_until == at(*MON, 11, 0)
    p = plan(S, now=now, tz=TZ, last_reset=at(*MON, 9, 50),
             pauses=(Pause(PauseKind.ICE_HEAT),))
    assert p.due is None and p.state is State.PAUSED
    assert p.paused_by == (PauseKind.ICE_HEAT,)
    # an expired pause is ignored
    p = plan(S, now=now, tz=TZ, last_reset=at(*MON, 9, 50),
             pauses=(Pause(PauseKind.USER, at(*MON, 9, 55)),))
    assert p.due == at(*MON, 10, 35) and p.state is State.RUNNING


def test_pause_until_tomorrow_and_durations() -> None:
    friday = at(2026, 11, 27, 15, 0)
    assert pause_until("until-tomorrow", friday, S, TZ) == at(2026, 11, 30, 9, 0)
    assert pause_until("30m", friday, S, TZ) == at(2026, 11, 27, 15, 30)
    assert pause_until("2h", friday, S, TZ) == at(2026, 11, 27, 17, 0)


def test_clock_moved_back_does_not_push_the_break_away() -> None:
    p = plan(S, now=at(*MON, 10, 0), tz=TZ, last_reset=at(*MON, 11, 0))
    assert p.due == at(*MON, 10, 45)


def test_no_working_days_means_no_break() -> None:
    s = Schedule(hours=WorkHours(days=frozenset()))
    p = plan(s, now=at(*MON, 10, 0), tz=TZ, last_reset=None)
    assert p.due is None and p.state is State.OUTSIDE_HOURS


def test_dst_fall_back_keeps_real_minutes() -> None:
    # Europe/Berlin leaves summer time on 2026-10-25 at 03:00 -> 02:00 (a Sunday).
    hours = WorkHours(days=frozenset(range(7)), start=time(0, 0), end=time(23, 59))
    s = Schedule(hours=hours)
    last = datetime(2026, 10, 25, 0, 40, tzinfo=timezone.utc)  # 02:40 CEST
    due = interval_due(last, s, TZ)
    assert due is not None and due - last == timedelta(minutes=45)
    assert due.astimezone(TZ).hour == 2 and due.astimezone(TZ).minute == 25  # 02:25 CET


def test_dst_spring_forward_work_start() -> None:
    # New York springs forward on 2027-03-14 (a Sunday); work starts at 02:30 that day.
    hours = WorkHours(days=frozenset(range(7)), start=time(2, 30), end=time(12, 0))
    s = Schedule(hours=hours)
    p = plan(s, now=datetime(2027, 3, 14, 1, 0, tzinfo=NY), tz=NY,
             last_reset=datetime(2027, 3, 13, 11, 0, tzinfo=NY))
    assert p.due is not None
    assert p.due.astimezone(NY).replace(tzinfo=None) == datetime(2027, 3, 14, 4, 15)


def test_natural_break() -> None:
    assert is_natural_break(timedelta(minutes=3), S)
    assert not is_natural_break(timedelta(minutes=2, seconds=59), S)


# ------------------------------------------------------------------ properties
moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31),
                       timezones=st.just(timezone.utc))
schedules = st.builds(
    Schedule,
    interval=st.integers(10, 120).map(lambda m: timedelta(minutes=m)),
    hours=st.builds(
        WorkHours,
        days=st.frozensets(st.integers(0, 6), min_size=1),
        start=st.times(max_value=time(11, 0)).map(lambda t: t.replace(second=0, microsecond=0)),
        end=st.times(min_value=time(13, 0)).map(lambda t: t.replace(second=0, microsecond=0)),
    ),
)
zones = st.sampled_from([TZ, NY, ZoneInfo("UTC"), ZoneInfo("Australia/Lord_Howe")])


@settings(max_examples=400, deadline=None)
@given(schedule=schedules, now=moments, last=st.none() | moments, tz=zones,
       snooze=st.none() | moments)
def test_never_outside_working_hours_and_never_in_the_past(schedule: Schedule, now: datetime,
                                                            last: datetime | None, tz: ZoneInfo,
                                                            snooze: datetime | None) -> None:
    p = plan(schedule, now=now, tz=tz, last_reset=last, snooze_until=snooze)
    if p.due is None:
        return
    assert schedule.hours.contains(p.due, tz)
    assert p.due >= now
    assert p.notice_at is not None and now <= p.notice_at <= p.due


@settings(max_examples=400, deadline=None)
@given(schedule=schedules, now=moments, tz=zones, ago=st.integers(0, 60 * 24 * 3))
def test_never_sooner_than_the_interval_unless_asked(schedule: Schedule, now: datetime,
                                                     tz: ZoneInfo, ago: int) -> None:
    last = now - timedelta(minutes=ago)
    p = plan(schedule, now=now, tz=tz, last_reset=last)
    assume(p.due is not None)
    assert p.due is not None
    assert p.due - last >= schedule.interval


@settings(max_examples=200, deadline=None)
@given(schedule=schedules, start=moments, tz=zones,
       jumps=st.lists(st.integers(-180, 60 * 30), min_size=1, max_size=6),
       user_delay=st.integers(0, 9))
def test_after_any_clock_jump_at_most_one_reminder(schedule: Schedule, start: datetime,
                                                   tz: ZoneInfo, jumps: list[int],
                                                   user_delay: int) -> None:
    """Simulate the app minute by minute with clock jumps (sleep, manual changes): a
    reminder fires when due and waits for the user, who ends the break ``user_delay``
    minutes later.  In the interval after any jump, at most one reminder fires."""
    now, last = start, start
    pending_since: datetime | None = None
    for jump in jumps:
        now += timedelta(minutes=jump)
        fired = []
        for _ in range(schedule.interval // timedelta(minutes=1)):
            if pending_since is not None:
                if now - pending_since >= timedelta(minutes=user_delay):
                    last, pending_since = now, None
            else:
                p = plan(schedule, now=now, tz=tz, last_reset=last)
                if p.due is not None and p.due <= now:
                    fired.append(now)
                    pending_since = now
                    assert schedule.hours.contains(now, tz)
            now += timedelta(minutes=1)
        assert len(fired) <= 1, fired


def test_a_compressed_working_day() -> None:
    """A day with a fake clock: the user does each break 2 minutes after it is due."""
    now = at(*MON, 8, 30)
    last: datetime | None = None
    started = now
    reminders = []
    while now < at(*MON, 18, 30):
        p = plan(S, now=now, tz=TZ, last_reset=last, started_at=started)
        if p.due is not None and p.due <= now:
            reminders.append(now)
            now += timedelta(minutes=2)
            last = now
            continue
        now += timedelta(seconds=30)
    assert reminders[0] == at(*MON, 9, 45)
    gaps = {b - a for a, b in itertools.pairwise(reminders)}
    assert gaps == {timedelta(minutes=47)}
    assert all(at(*MON, 9) <= r < at(*MON, 17, 30) for r in reminders)
    assert len(reminders) == 10  # 09:45 ... 16:48
