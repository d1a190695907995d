"""The coach with a real journal and a fake clock: snooze, pause, idle, sleep, restarts."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

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
