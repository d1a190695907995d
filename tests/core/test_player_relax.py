"""Relax between holds: the steps say "hold, then relax fully", and the player leaves the time.

Played with a fake clock over made-up doses (any holds, reps, sets, rests and sides) and
over the bundled routines: a hold is never followed by another hold without a relax of
:data:`REP_RELAX_S`, the planned time counts every relax, and the recorded steps say what
was done for how long.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posture_coach.core import paths
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Outcome, StepStatus
from posture_coach.core.library import Dose, Exercise, Kind, Routine, RoutineItem, load_library_file
from posture_coach.core.player import REP_RELAX_S, Player, expand, relax_seconds

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
DT = 0.25


def exercise(n: int, dose: Dose) -> Exercise:
    return Exercise(id=f"ex-{n}", name=f"Exercise {n}", kind=Kind.STRENGTH, position="any",
                    summary="", steps=("Hold, then relax fully.",), dose=dose, cautions=(),
                    source="general physiotherapy practice")


HOLD_DOSES = st.builds(
    Dose, hold_s=st.sampled_from([1.0, 2.5, 3.0, 5.0, 10.0]), reps=st.integers(1, 5),
    sets=st.integers(1, 3), rest_s=st.sampled_from([0.0, 5.0]), each_side=st.booleans())
OTHER_DOSES = st.one_of(
    st.builds(Dose, rep_s=st.sampled_from([2.0, 4.0]), reps=st.integers(1, 4)),
    st.builds(Dose, duration_s=st.sampled_from([4.0, 6.0]), each_side=st.booleans()))
DOSES = st.lists(st.one_of(HOLD_DOSES, HOLD_DOSES, OTHER_DOSES), min_size=1, max_size=4)


def routine_of(doses: list[Dose]) -> Routine:
    items = tuple(RoutineItem(exercise(i, d), d) for i, d in enumerate(doses))
    return Routine(id="made-up", name="Made up", summary="", items=items)


def expected_seconds(doses: list[Dose]) -> float:
    """The routine's length worked out by hand: holds, relaxes between them, rests, and a
    relax before a hold step that follows a hold step."""
    total, last_was_hold = 0.0, False
    for d in doses:
        if d.duration_s is not None:
            total += d.duration_s * d.sides
            last_was_hold = False
            continue
        reps = d.reps or 1
        for set_number in range(1, d.sets + 1):
            if set_number > 1 and d.rest_s > 0:
                total += d.rest_s
                last_was_hold = False
            for _side in range(d.sides):
                if d.hold_s is None:
                    total += reps * (d.rep_s or 3.0)
                    last_was_hold = False
                    continue
                total += reps * d.hold_s + (reps - 1) * REP_RELAX_S
                total += REP_RELAX_S if last_was_hold else 0.0
                last_was_hold = True
    return total


def timeline(player: Player, clock: FakeClock) -> list[tuple[str, object]]:
    """What the screen shows every ``DT`` seconds until the end: ("hold", (step, rep)),
    ("relax", step), or the kind of step."""
    seen: list[tuple[str, object]] = []
    for _ in range(100_000):
        if player.status == "finished":
            return seen
        view = player.view()
        if view.kind == "checklist":
            player.next()  # a checklist waits for Next
            continue
        if view.kind == "reps" and player.step.is_hold:
            seen.append(("relax", view.index) if view.relaxing
                        else ("hold", (view.index, view.rep)))
        else:
            seen.append((view.kind, view.index))
        clock.advance(DT)
        player.update()
    raise AssertionError("the routine never ended")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doses=DOSES)
def test_a_hold_is_never_followed_by_another_hold_without_a_relax(doses: list[Dose]) -> None:
    clock = FakeClock(START)
    player = Player(routine_of(doses), clock)
    seen = timeline(player, clock)
    last_hold: object = None
    calm = 0.0  # seconds of relax or rest since the last hold
    for what, key in seen:
        if what == "hold":
            if last_hold is not None and key != last_hold:
                assert calm >= REP_RELAX_S - 1e-9, f"hold {key} came {calm} s after {last_hold}"
            if key != last_hold:
                calm = 0.0
            last_hold = key
        elif what in ("relax", "rest"):
            calm += DT
        else:
            last_hold, calm = None, 0.0  # a paced or timed step: not a hold


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doses=DOSES)
def test_the_planned_time_counts_every_relax(doses: list[Dose]) -> None:
    clock = FakeClock(START)
    player = Player(routine_of(doses), clock)
    total = expected_seconds(doses)
    assert player.total_seconds_left() == pytest.approx(total)
    assert sum(s.seconds for s in player.steps) == pytest.approx(total)
    clock.advance(total - 0.01)
    player.update()
    assert player.status == "running"
    assert player.total_seconds_left() == pytest.approx(0.01)
    clock.advance(0.01)
    player.update()
    assert player.status == "finished"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doses=DOSES, stop_at=st.floats(0.0, 1.0))
def test_the_recorded_steps_stay_right(doses: list[Dose], stop_at: float) -> None:
    """Played for a while and finished: one record per exercise step (no record for a
    relax or a rest), each with the running seconds spent in it, relaxes included; a step
    played to its end is done, the one cut short and those after it skipped."""
    clock = FakeClock(START)
    player = Player(routine_of(doses), clock)
    played = round(expected_seconds(doses) * stop_at, 3)
    clock.advance(played)
    player.update()
    player.finish()
    expected: list[tuple[str, StepStatus, float]] = []
    left = played
    for step in player.steps:
        if left + 1e-6 >= step.seconds:
            spent, status = step.seconds, StepStatus.DONE
        else:
            spent, status = left, StepStatus.SKIPPED
        left = max(0.0, left - spent)
        if step.kind != "rest":
            expected.append((step.exercise_id, status, spent))
    records = player.records()
    assert [(r.exercise_id, r.status) for r in records] == [(e, s) for e, s, _ in expected]
    assert [r.seconds for r in records] == pytest.approx([x for _, _, x in expected],
                                                         abs=1e-5)
    assert player.running_seconds() == pytest.approx(played, abs=1e-5)
    if stop_at == 1.0:
        assert player.outcome() is Outcome.DONE


def test_relax_only_after_holds() -> None:
    assert relax_seconds(Dose(hold_s=5, reps=5)) == REP_RELAX_S
    assert relax_seconds(Dose(rep_s=4, reps=10)) == 0.0  # paced: the movement itself
    assert relax_seconds(Dose(duration_s=30)) == 0.0
    assert relax_seconds(Dose(inhale_s=4, exhale_s=6, cycles=3)) == 0.0
    one = expand(routine_of([Dose(hold_s=20, reps=1)]))
    assert [(s.seconds, s.lead_s) for s in one] == [(20.0, 0.0)]  # nothing to relax before


def test_other_side_and_set_without_rest_start_with_a_relax() -> None:
    steps = expand(routine_of([Dose(hold_s=5, reps=2, sets=2, each_side=True)]))
    assert [(s.set_number, s.side, s.lead_s, s.seconds) for s in steps] == [
        (1, "left", 0.0, 13.0), (1, "right", 3.0, 16.0),
        (2, "left", 3.0, 16.0), (2, "right", 3.0, 16.0)]
    rested = expand(routine_of([Dose(hold_s=5, reps=2, sets=2, rest_s=30)]))
    assert [(s.kind, s.lead_s) for s in rested] == [("reps", 0.0), ("rest", 0.0),
                                                    ("reps", 0.0)]  # the rest is the relax


@pytest.mark.parametrize("routine_id", ["desk-reset", "movement-break", "driving-reset",
                                        "evening-home-session", "breathing-break"])
def test_bundled_routines_relax_between_holds(routine_id: str) -> None:
    routine = load_library_file(paths.bundled_library()).routine(routine_id)
    clock = FakeClock(START)
    player = Player(routine, clock)
    seen = timeline(player, clock)
    holds = [key for what, key in seen if what == "hold"]
    for before, after in itertools.pairwise(seen):
        if before[0] == "hold" and after[0] == "hold":
            assert before[1] == after[1], f"{routine_id}: {after[1]} right after {before[1]}"
    if any(s.is_hold and (s.reps or 1) > 1 for s in player.steps):
        assert any(what == "relax" for what, _ in seen) and holds
