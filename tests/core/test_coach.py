"""The coach with a real journal and a fake clock: snooze, pause, idle, sleep, restarts."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posture_coach.core.clock import FakeClock
from posture_coach.core.coach import Coach, describe_plan
from posture_coach.core.journal import Journal, Outcome
from posture_coach.core.policy import Schedule, State

TZ = ZoneInfo("Europe/Berlin")
START = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)  # Monday


@pytest.fixture
def setup(tmp_path: Path):  # type: ignore[no-untyped-def]
    clock = FakeClock(START)
    journal = Journal.open(tmp_path / "j.sqlite3", clock)
    yield Coach(journal, clock, TZ, Schedule()), clock, journal
    journal.close()


def test_break_cycle(setup) -> None:  # type: ignore[no-untyped-def]
    coach, clock, journal = setup
    plan = coach.replan()
    assert plan.due == START + timedelta(minutes=45)
    clock.advance(minutes=45)
    coach.start_break("desk-reset", plan.due)
    assert coach.replan().due is None  # nothing planned while the break is shown
    clock.advance(minutes=2)
    plan = coach.finish_break(Outcome.DONE)
    assert plan.due == clock.now() + timedelta(minutes=45)
    assert journal.last_break().outcome is Outcome.DONE


def test_snooze_while_shown_and_before_due(setup) -> None:  # type: ignore[no-untyped-def]
    coach, clock, journal = setup
    coach.start_break("desk-reset")
    assert coach.snooze(5).due == clock.now() + timedelta(minutes=5)
    assert journal.last_break().outcome is Outcome.SNOOZED
    # snoozing before a break is due puts it off from its due time
    due = coach.replan().due
    assert coach.snooze(10).due == due + timedelta(minutes=10)
    with pytest.raises(ValueError):
        coach.snooze(0)


def test_pause_survives_a_restart(setup, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    coach, clock, journal = setup
    plan = coach.pause("1h")
    assert plan.state is State.PAUSED and plan.due == START + timedelta(hours=1)
    again = Coach(journal, clock, TZ, Schedule())
    assert again.replan().due == START + timedelta(hours=1)
    assert again.resume().state is State.RUNNING
    with pytest.raises(ValueError):
        coach.pause("3h")


def test_idle_and_return(setup) -> None:  # type: ignore[no-untyped-def]
    coach, clock, journal = setup
    assert not coach.observe_idle(60)
    assert not coach.observe_idle(None)
    assert coach.observe_idle(181)
    assert coach.replan().due is None
    clock.advance(minutes=20)
    assert not coach.observe_idle(1381)  # still away
    assert coach.observe_idle(2)
    record = journal.last_break()
    assert record.outcome is Outcome.NATURAL
    assert record.started_at == START - timedelta(seconds=181)


def test_sleep_and_clock_jumps(setup) -> None:  # type: ignore[no-untyped-def]
    coach, clock, journal = setup
    clock.advance(minutes=1)
    assert not coach.check_clock()
    clock.sleep(hours=5)
    assert coach.check_clock()
    assert journal.last_break().outcome is Outcome.NATURAL
    clock.jump(minutes=-60)  # the clock was set back an hour
    assert coach.check_clock()
    assert journal.last_break().outcome is Outcome.NATURAL  # nothing new recorded
    plan = coach.replan()
    assert plan.due is not None and plan.due >= clock.now()


def test_status_and_description(setup) -> None:  # type: ignore[no-untyped-def]
    coach, clock, _journal = setup
    status = coach.status()
    assert status["state"] == "running" and status["seconds_to_next"] == 2700
    assert describe_plan(coach.replan(), clock.now(), TZ) == "Next break at 10:45 (in 45 min)"
    coach.observe_idle(200)
    assert describe_plan(coach.replan(), clock.now(), TZ) == "Breaks paused while you are away"


def test_snooze_cap_refuses_and_a_done_break_resets_it(setup) -> None:  # type: ignore[no-untyped-def]
    from posture_coach.core.coach import SnoozeRefused

    coach, clock, _journal = setup
    coach.snooze_cap = 2
    for _ in range(2):
        assert coach.can_snooze()
        coach.start_break("desk-reset")
        coach.snooze(5)
        clock.advance(minutes=5)
    assert coach.snoozes_in_a_row() == 2 and not coach.can_snooze()
    coach.start_break("desk-reset")
    with pytest.raises(SnoozeRefused, match="2 times in a row"):
        coach.snooze(5)
    assert coach.pending is not None  # the break stays: take it or skip it
    clock.advance(minutes=1)
    coach.finish_break(Outcome.SKIPPED)
    assert coach.snoozes_in_a_row() == 0 and coach.can_snooze()
    coach.snooze_cap = 0  # no snoozing at all
    assert not coach.can_snooze()


def test_snooze_block_says_why_snoozing_makes_no_sense(setup) -> None:  # type: ignore[no-untyped-def]
    coach, clock, _journal = setup
    coach.snooze_cap = 1
    coach.replan()
    assert coach.snooze_block() is None
    coach.pause("30m")
    assert coach.snooze_block() == "nothing"  # paused: no break coming
    coach.start_break("desk-reset")
    assert coach.snooze_block() is None  # a break on screen can be put off
    coach.snooze(5)
    assert coach.snooze_block() == "nothing"  # still paused: that comes first
    coach.resume()
    assert coach.snooze_block() == "cap"
    clock.set(START.replace(hour=23))
    coach.replan()
    assert coach.replan().state is State.OUTSIDE_HOURS and coach.snooze_block() == "nothing"


def test_a_settings_change_never_makes_a_break_due_at_once(setup) -> None:  # type: ignore[no-untyped-def]
    """Issue 18: working hours moved to start earlier made a break due hours ago, so it
    opened at once; now it comes after the usual notice (at least 10 s)."""
    from datetime import time

    from posture_coach.core.policy import WorkHours

    _coach, clock, journal = setup
    clock.set(START.replace(hour=6))
    fresh = Coach(journal, clock, TZ, Schedule())  # started before working hours
    clock.set(START.replace(hour=8, minute=30))
    assert fresh.replan().due == START.replace(hour=9, minute=45)
    early = Schedule(hours=WorkHours(start=time(6, 0)), notice=timedelta(seconds=30))
    plan = fresh.set_schedule(early)
    now = clock.now()
    assert plan.due == now + timedelta(seconds=30) and plan.notice_at == now
    clock.advance(seconds=20)
    assert fresh.replan().due == now + timedelta(seconds=30)  # kept on later looks
    no_notice = Schedule(hours=early.hours, notice=timedelta(0))
    assert fresh.set_schedule(no_notice).due == clock.now() + timedelta(seconds=10)
    # a break that counts ends the grace: plans go on as usual from it
    fresh.start_break("desk-reset")
    fresh.finish_break(Outcome.DONE)
    assert fresh.replan().due == clock.now() + timedelta(minutes=45)


@settings(max_examples=60, deadline=None)
@given(started=st.integers(min_value=0, max_value=23 * 60), later=st.integers(0, 600),
       start_min=st.integers(0, 23 * 60), interval=st.integers(10, 120),
       notice=st.integers(0, 600))
def test_no_settings_change_makes_a_break_due_within_its_notice(
        tmp_path_factory, started: int, later: int, start_min: int, interval: int,
        notice: int) -> None:
    from datetime import time

    from posture_coach.core.coach import SETTINGS_GRACE
    from posture_coach.core.policy import WorkHours

    clock = FakeClock(START.replace(hour=0) + timedelta(minutes=started))
    journal = Journal.open(tmp_path_factory.mktemp("j") / "j.sqlite3", clock)
    try:
        coach = Coach(journal, clock, TZ, Schedule())
        clock.advance(minutes=later)
        coach.replan()
        new = Schedule(interval=timedelta(minutes=interval), notice=timedelta(seconds=notice),
                       hours=WorkHours(days=frozenset(range(7)),
                                       start=time(start_min // 60, start_min % 60),
                                       end=time(23, 59)))
        plan = coach.set_schedule(new)
        if plan.due is not None:
            assert plan.due >= clock.now() + max(new.notice, SETTINGS_GRACE)
            assert plan.notice_at is not None and plan.notice_at >= clock.now()
    finally:
        journal.close()
