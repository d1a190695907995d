"""The routine player, played with a fake clock on the bundled routines."""

from __future__ import annotations

import functools
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posture_coach.core import paths
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal, Outcome, StepStatus
from posture_coach.core.library import Library, Routine, load_library_file
from posture_coach.core.player import REP_RELAX_S, Player, expand

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@functools.cache
def bundled() -> Library:
    return load_library_file(paths.bundled_library())


@pytest.fixture
def library() -> Library:
    return bundled()


@pytest.fixture
def desk(library: Library) -> Routine:
    return library.routine("desk-reset")


@pytest.fixture
def evening(library: Library) -> Routine:
    return library.routine("evening-home-session")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


def tick(player: Player, clock: FakeClock, seconds: float) -> bool:
    clock.advance(seconds)
    return player.update()


# -- expanding a routine -------------------------------------------------------


def test_desk_reset_expands_to_one_step_per_item(desk: Routine) -> None:
    steps = expand(desk)
    assert [(s.exercise_id, s.kind, s.seconds) for s in steps] == [
        ("posture-reset-desk", "checklist", 20.0),
        ("shoulder-blade-squeeze", "reps", 37.0),  # 5 holds of 5 s, 4 relaxes of 3 s
        ("thoracic-extension-chair", "reps", 32.0),  # a 3 s relax first, then 4 holds
        ("rib-breathing", "breathing", 30.0),
    ]
    assert [s.index for s in steps] == [0, 1, 2, 3]
    assert steps[0].items == desk.items[0].exercise.steps
    assert (steps[1].reps, steps[1].hold_s, steps[1].set_number, steps[1].sets) == (5, 5.0, 1, 1)
    assert (steps[1].relax_s, steps[1].lead_s) == (3.0, 0.0)
    assert (steps[2].relax_s, steps[2].lead_s) == (3.0, 3.0)
    assert (steps[3].inhale_s, steps[3].breath_hold_s, steps[3].exhale_s,
            steps[3].cycles) == (4.0, 0.0, 6.0, 3)


def test_evening_session_has_sets_sides_and_rests(evening: Routine) -> None:
    steps = expand(evening)
    bird = [(s.kind, s.set_number, s.side) for s in steps if s.exercise_id == "bird-dog"]
    assert bird == [("reps", 1, "left"), ("reps", 1, "right"), ("rest", 2, None),
                    ("reps", 2, "left"), ("reps", 2, "right")]
    towel = [(s.kind, s.set_number, s.seconds) for s in steps
             if s.exercise_id == "thoracic-extension-towel"]
    assert towel == [("reps", 1, 37.0), ("rest", 2, 30.0), ("reps", 2, 37.0)]
    # a step of its own for every rest between sets, never after the last set
    assert sum(s.kind == "rest" for s in steps) == 4
    assert steps[-1].kind == "breathing" and steps[-1].cycles == 6
    wall = next(s for s in steps if s.exercise_id == "wall-angels")
    assert (wall.rep_s, wall.hold_s, wall.seconds) == (4.0, None, 40.0)
    # the steps add up to the routine's own length, less the transitions, plus the relaxes
    transitions = evening.transition_s * (len(evening.items) - 1)
    relaxes = sum((s.reps or 1) - 1 for s in steps if s.is_hold) * REP_RELAX_S
    lead_ins = sum(s.lead_s for s in steps)
    assert lead_ins == 5 * REP_RELAX_S  # doorway after towel, bird dog x3, chin tuck
    assert sum(s.seconds for s in steps) == evening.seconds - transitions + relaxes + lead_ins


# -- holds and reps ------------------------------------------------------------


def test_holds_advance_reps_and_steps_at_the_exact_second(desk: Routine,
                                                           clock: FakeClock) -> None:
    player = Player(desk, clock)
    assert player.next()  # the posture checklist waits for the user
    view = player.view()
    assert (view.kind, view.rep_text, view.seconds_left, view.fraction) == (
        "reps", "Rep 1 of 5", 5.0, 0.0)
    assert view.set_text is None
    assert not tick(player, clock, 2)
    view = player.view()
    assert (view.rep, view.seconds_left, view.fraction) == (1, 3.0, pytest.approx(0.4))
    assert not tick(player, clock, 2.999)
    assert player.view().rep == 1
    assert not player.view().relaxing
    assert not tick(player, clock, 0.001)  # the hold ends: relax fully, 3 s
    view = player.view()
    assert (view.rep, view.relaxing, view.seconds_left, view.fraction) == (1, True, 3.0, 0.0)
    assert not tick(player, clock, 1.5)
    assert (player.view().seconds_left, player.view().fraction) == (1.5, pytest.approx(0.5))
    assert not tick(player, clock, 1.5)
    view = player.view()
    assert (view.rep, view.relaxing, view.seconds_left, view.fraction) == (2, False, 5.0, 0.0)
    for rep in (3, 4, 5):
        assert not tick(player, clock, 5)
        assert player.view().relaxing
        assert not tick(player, clock, 3)
        assert player.view().rep_text == f"Rep {rep} of 5"
        assert not player.view().relaxing
    assert not tick(player, clock, 4.999)
    assert player.index == 1
    assert tick(player, clock, 0.001)  # the last hold ends: on to the next exercise
    assert player.index == 2
    view = player.view()
    assert view.exercise_id == "thoracic-extension-chair"
    # another hold exercise: it starts with a relax, not a hold
    assert (view.rep_text, view.relaxing, view.seconds_left) == ("Rep 1 of 4", True, 3.0)
    assert not tick(player, clock, 3)
    assert (player.view().relaxing, player.view().seconds_left) == (False, 5.0)


def test_leftover_time_carries_into_the_next_step(desk: Routine, clock: FakeClock) -> None:
    player = Player(desk, clock)
    player.next()
    assert tick(player, clock, 39)  # 37 s of squeezes and relaxes, then 2 s into the next
    assert player.index == 2
    assert player.elapsed == pytest.approx(2)
    assert player.view().seconds_left == pytest.approx(1)  # of its lead-in relax
    # a big jump runs through every remaining step and finishes
    assert tick(player, clock, 500)
    assert player.status == "finished"
    assert player.outcome() is Outcome.DONE
    assert [r.seconds for r in player.records()] == [0.0, 37.0, 32.0, 30.0]


def test_paced_reps_count_by_rep_s(evening: Routine, clock: FakeClock) -> None:
    player = Player(evening, clock)
    while player.step.exercise_id != "wall-angels":
        player.skip_step()
    view = player.view()
    assert (view.rep_text, view.set_text, view.seconds_left) == ("Rep 1 of 10", "Set 1 of 2", 4.0)
    tick(player, clock, 12)
    assert player.view().rep_text == "Rep 4 of 10"
    assert tick(player, clock, 28)
    assert player.step.kind == "rest"


def test_each_side_plays_left_then_right(evening: Routine, clock: FakeClock) -> None:
    player = Player(evening, clock)
    while player.step.exercise_id != "bird-dog":
        player.skip_step()
    seen = []
    while player.step.exercise_id == "bird-dog":
        view = player.view()
        seen.append((view.kind, view.set_text, view.side, view.rep_text))
        tick(player, clock, player.step.seconds)
    assert seen == [("reps", "Set 1 of 2", "left", "Rep 1 of 6"),
                    ("reps", "Set 1 of 2", "right", "Rep 1 of 6"),
                    ("rest", None, None, None),
                    ("reps", "Set 2 of 2", "left", "Rep 1 of 6"),
                    ("reps", "Set 2 of 2", "right", "Rep 1 of 6")]


def test_rest_between_sets(evening: Routine, clock: FakeClock) -> None:
    player = Player(evening, clock)
    assert tick(player, clock, 37)
    view = player.view()
    assert (view.kind, view.seconds_left, view.set_number, view.sets) == ("rest", 30.0, 2, 2)
    assert view.dose_text == "Rest 30 s"
    assert "set 2 of 2" in view.lines[0]
    assert not tick(player, clock, 29.5)
    assert player.view().seconds_left == pytest.approx(0.5)
    assert tick(player, clock, 0.5)
    assert player.view().set_text == "Set 2 of 2"
    # a rest may be cut short with next(); it is never recorded
    player.back()
    assert player.index == 0  # back() jumps over the rest
    assert len(player.records()) == len(expand(evening)) - 4


# -- breathing -----------------------------------------------------------------


def test_breathing_cycles_in_then_out(desk: Routine, clock: FakeClock) -> None:
    player = Player(desk, clock)
    for _ in range(3):
        player.skip_step()
    assert player.step.kind == "breathing"
    view = player.view()
    assert (view.phase, view.phase_text, view.phase_seconds_left, view.cycle_text) == (
        "in", "Breathe in", 4.0, "Breath 1 of 3")
    tick(player, clock, 1)
    assert player.view().fraction == pytest.approx(0.25)
    tick(player, clock, 2.9)
    assert player.view().phase == "in"
    tick(player, clock, 0.1)
    view = player.view()
    assert (view.phase, view.phase_seconds_left, view.fraction) == (
        "out", pytest.approx(6.0), pytest.approx(0.0))
    tick(player, clock, 3)
    assert (player.view().phase, player.view().seconds_left) == ("out", pytest.approx(3.0))
    tick(player, clock, 3)
    view = player.view()
    assert (view.phase, view.cycle, view.phase_seconds_left) == ("in", 2, pytest.approx(4.0))
    tick(player, clock, 10)
    assert (player.view().phase, player.view().cycle) == ("in", 3)
    assert not tick(player, clock, 9.5)
    assert player.view().phase == "out"
    assert tick(player, clock, 0.5)  # the last breath out ends the routine
    assert player.status == "finished"


# -- pause ---------------------------------------------------------------------


def test_pause_stops_the_countdown(desk: Routine, clock: FakeClock) -> None:
    player = Player(desk, clock)
    player.next()
    tick(player, clock, 2)
    assert player.pause()
    assert not player.pause()  # pausing twice is a no-op
    assert player.view().paused
    assert not tick(player, clock, 600)
    view = player.view()
    assert (view.rep, view.seconds_left, view.total_seconds_left) == (1, 3.0, 97.0)
    assert player.resume()
    assert not player.resume()
    tick(player, clock, 3)
    assert player.view().relaxing
    tick(player, clock, 3)
    assert player.view().rep == 2
    assert player.records()[1].seconds == pytest.approx(8)


def test_time_counted_up_to_a_pause_without_an_update(desk: Routine, clock: FakeClock) -> None:
    player = Player(desk, clock)
    player.next()
    clock.advance(2)
    player.pause()  # the 2 s before the click count
    clock.advance(100)
    player.resume()
    assert player.elapsed == pytest.approx(2)


def test_monotonic_clock_going_backwards_counts_as_no_time(desk: Routine,
                                                           clock: FakeClock) -> None:
    player = Player(desk, clock)
    player.next()
    tick(player, clock, 2)
    assert not tick(player, clock, -50)
    assert player.elapsed == pytest.approx(2)
    tick(player, clock, 1)
    assert player.elapsed == pytest.approx(3)


def test_wall_clock_jump_does_not_disturb_a_hold(desk: Routine, clock: FakeClock) -> None:
    player = Player(desk, clock)
    player.next()
    clock.jump(hours=3)
    clock.sleep(minutes=10)
    assert not player.update()
    assert player.view().seconds_left == 5.0


# -- moving by hand ------------------------------------------------------------


def test_checklist_ticks_and_waits(desk: Routine, clock: FakeClock) -> None:
    player = Player(desk, clock)
    view = player.view()
    assert view.kind == "checklist" and view.step_text == "Step 1 of 4"
    assert [i.ticked for i in view.checklist] == [False] * 4
    assert player.tick_item(1)
    assert player.tick_item(3)
    assert player.tick_item(3, ticked=False)
    assert not player.tick_item(4)
    assert not player.tick_item(-1)
    assert [i.ticked for i in player.view().checklist] == [False, True, False, False]
    assert [i.text for i in player.view().checklist] == list(desk.items[0].exercise.steps)
    assert not tick(player, clock, 60)  # no auto-advance, the clock still counts
    assert player.view().seconds_left == 0.0
    assert player.next()
    assert not player.tick_item(0)  # not a checklist
    assert player.records()[0].seconds == 60.0


def test_next_back_skip_and_guards(desk: Routine, clock: FakeClock) -> None:
    player = Player(desk, clock)
    assert not player.back()  # the first step stays
    assert player.index == 0
    player.next()
    tick(player, clock, 7)
    assert player.back()
    assert player.index == 0 and player.elapsed == 0
    player.next()
    assert player.view().rep == 1  # the step starts over
    assert player.skip_step()
    assert player.index == 2
    player.next()
    assert player.view().step_text == "Step 4 of 4"
    assert player.next()  # next on the last step finishes
    assert player.status == "finished"
    assert not player.next() and not player.back() and not player.skip_step()
    assert not player.pause() and not player.resume()
    assert not tick(player, clock, 10)
    view = player.view()
    assert (view.status, view.index, view.total_seconds_left) == ("finished", 3, 0.0)
    statuses = [r.status for r in player.records()]
    assert statuses == [StepStatus.DONE, StepStatus.SKIPPED, StepStatus.DONE, StepStatus.DONE]
    assert player.outcome() is Outcome.PARTIAL
    secs = [r.seconds for r in player.records()]
    assert secs == [0.0, pytest.approx(7.0), 0.0, 0.0]


def test_finish_counts_the_rest_as_skipped(evening: Routine, clock: FakeClock) -> None:
    player = Player(evening, clock)
    tick(player, clock, 37 + 30 + 10)
    player.finish()
    player.finish()
    assert player.status == "finished"
    records = player.records()
    assert [r.position for r in records] == list(range(13))
    assert records[0].status is StepStatus.DONE and records[0].seconds == 37.0
    assert records[1].status is StepStatus.SKIPPED and records[1].seconds == pytest.approx(10)
    assert all(r.status is StepStatus.SKIPPED for r in records[1:])
    assert player.outcome() is Outcome.PARTIAL


def test_outcome_skipped_when_nothing_was_done(desk: Routine, clock: FakeClock) -> None:
    player = Player(desk, clock)
    assert player.outcome() is Outcome.SKIPPED  # as it would be recorded now
    player.skip_step()
    player.finish()
    assert player.outcome() is Outcome.SKIPPED


def test_total_seconds_left(evening: Routine, clock: FakeClock) -> None:
    player = Player(evening, clock)
    total = sum(s.seconds for s in player.steps)
    assert player.view().total_seconds_left == total
    tick(player, clock, 40)
    assert player.view().total_seconds_left == total - 40
    assert player.view().step_seconds_left == 27.0  # 3 s into the rest after 37 s of holds


# -- anything goes -------------------------------------------------------------

ACTIONS = st.lists(st.one_of(
    st.tuples(st.just("advance"), st.floats(-30, 120, allow_nan=False)),
    st.tuples(st.sampled_from(["next", "back", "pause", "resume", "skip", "update",
                               "finish", "view"]), st.just(0.0)),
    st.tuples(st.just("tick"), st.integers(-2, 6)),
), max_size=60)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(routine_id=st.sampled_from(["desk-reset", "evening-home-session"]), actions=ACTIONS)
def test_any_sequence_of_actions_is_safe(routine_id: str,
                                         actions: list[tuple[str, float]]) -> None:
    clock = FakeClock(START)
    player = Player(bundled().routine(routine_id), clock)
    running = 0.0
    for name, arg in actions:
        if name == "advance":
            before, was_running = clock.monotonic(), player.status == "running"
            clock.advance(arg)  # (FakeClock rounds to microseconds)
            if was_running:
                running += max(0.0, clock.monotonic() - before)
            player.update()
        elif name == "tick":
            player.tick_item(int(arg))
        elif name == "skip":
            player.skip_step()
        else:
            getattr(player, name)()
        assert 0 <= player.index < len(player.steps)
        view = player.view()
        assert view.index == player.index
        assert 0.0 <= view.fraction <= 1.0
        assert view.seconds_left >= 0 and view.total_seconds_left >= 0
        records = player.records()
        assert len(records) == sum(s.kind != "rest" for s in player.steps)
        assert all(r.seconds >= 0 for r in records)
        assert sum(r.seconds for r in records) <= running + 1e-6
        assert player.outcome() in (Outcome.DONE, Outcome.PARTIAL, Outcome.SKIPPED)


def test_records_go_into_the_journal(desk: Routine, clock: FakeClock, tmp_path: Path) -> None:
    started = clock.now()
    player = Player(desk, clock)
    player.next()
    tick(player, clock, 30)
    player.finish()
    with Journal.open(tmp_path / "journal.db", clock) as journal:
        journal.record_break(planned_at=None, started_at=started, ended_at=clock.now(),
                             routine_id=desk.id, outcome=player.outcome(),
                             steps=player.records())
        stored = journal.last_break()
    assert stored is not None
    assert stored.outcome is Outcome.PARTIAL
    assert stored.steps == player.records()
