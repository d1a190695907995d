"""Break length: after a routine shorter than ``break_min`` the break goes on with a
keep-moving step until the break has run that long; the routine is never shortened, the
person can always end it, and the extra time is recorded as a step of its own."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posture_coach.core import exchange, stats
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal, Outcome, StepStatus
from posture_coach.core.player import KEEP_MOVING_ID, MAX_BREAK_S, Player
from posture_coach.core.settings import Settings
from tests.core.test_player import bundled

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def desk_player(clock: FakeClock, break_s: float) -> Player:
    return Player(bundled().routine("desk-reset"), clock, break_s=break_s)


def play_routine(player: Player, clock: FakeClock) -> None:
    """Tick the checklist's Next, let every timed step run out by itself."""
    player.next()  # the posture checklist waits for Next
    for _ in range(200):
        if player.moving or player.status == "finished":
            return
        clock.advance(1)
        player.update()


def test_without_a_break_length_nothing_changes() -> None:
    clock = FakeClock(START)
    player = desk_player(clock, 0)
    assert player.move_step is None
    play_routine(player, clock)
    assert player.status == "finished" and not player.moving
    assert KEEP_MOVING_ID not in [r.exercise_id for r in player.records()]


def test_the_break_goes_on_until_its_length_then_records_the_moving() -> None:
    clock = FakeClock(START)
    player = desk_player(clock, 300)  # desk reset plans 119 s (holds and relaxes)
    planned = sum(s.seconds for s in player.steps)
    assert planned == 119 and player.view().total_seconds_left == 300
    play_routine(player, clock)
    assert player.moving and player.status == "running"
    spent = player.running_seconds()
    view = player.view()
    assert view.kind == "move" and view.exercise_id == KEEP_MOVING_ID
    assert view.seconds_left == view.total_seconds_left == 300 - spent
    assert view.fraction == 0.0
    assert len(view.lines) == 3 and view.step_text == "Keep moving"
    clock.advance(100)
    player.update()
    assert player.moving and 0 < player.view().fraction < 1
    assert player.view().seconds_left == 200 - spent
    # pausing stops the break's clock too
    player.pause()
    clock.advance(1000)
    player.resume()
    player.update()
    assert player.moving and player.view().seconds_left == 200 - spent
    clock.advance(200 - spent - 0.5)
    player.update()
    assert player.moving
    clock.advance(0.5)
    player.update()
    assert player.status == "finished"
    assert abs(player.running_seconds() - 300) < 1e-6
    *routine, moving = player.records()
    assert [r.exercise_id for r in routine] == [s.exercise_id for s in player.steps]
    assert moving.exercise_id == KEEP_MOVING_ID and moving.status is StepStatus.DONE
    assert moving.position == len(routine) and abs(moving.seconds - (300 - spent)) < 1e-6
    assert player.outcome() is Outcome.DONE


def test_done_early_keeps_the_routine_outcome() -> None:
    clock = FakeClock(START)
    player = desk_player(clock, 600)
    play_routine(player, clock)
    clock.advance(60)
    player.update()
    assert player.next()  # "Done": ends the keep-moving step now
    assert player.status == "finished" and player.outcome() is Outcome.DONE
    moving = player.records()[-1]
    assert moving.exercise_id == KEEP_MOVING_ID and moving.status is StepStatus.SKIPPED
    assert abs(moving.seconds - 60) < 1e-6


def test_finish_during_the_routine_records_no_moving() -> None:
    clock = FakeClock(START)
    player = desk_player(clock, 600)
    player.next()
    clock.advance(3)
    player.update()
    player.finish()
    assert player.outcome() is Outcome.PARTIAL
    assert KEEP_MOVING_ID not in [r.exercise_id for r in player.records()]


def test_a_routine_longer_than_the_break_is_played_whole() -> None:
    clock = FakeClock(START)
    player = desk_player(clock, 60)  # shorter than the routine's 119 s
    assert player.view().total_seconds_left == 119
    play_routine(player, clock)
    assert player.status == "finished" and not player.moving
    assert [r.status for r in player.records()] == [StepStatus.DONE] * 4
    assert [r.seconds for r in player.records()][1:] == [37, 32, 30]  # holds and relaxes


def test_back_from_keep_moving_redoes_a_step_and_the_break_length_still_holds() -> None:
    clock = FakeClock(START)
    player = desk_player(clock, 200)
    play_routine(player, clock)
    assert player.back() and player.step.exercise_id == "rib-breathing"
    clock.advance(30)
    player.update()
    assert player.moving  # back to moving, with less left
    assert abs(player.view().seconds_left - player.break_seconds_left()) < 1e-9
    clock.advance(1000)
    player.update()
    assert player.status == "finished" and abs(player.running_seconds() - 200) < 1e-6
    assert player.records()[-1].status is StepStatus.DONE


def test_the_break_length_is_capped() -> None:
    player = desk_player(FakeClock(START), 10_000)
    assert player.break_s == MAX_BREAK_S


ACTIONS = st.lists(st.one_of(
    st.tuples(st.just("advance"), st.floats(-30, 200, allow_nan=False)),
    st.tuples(st.sampled_from(["next", "back", "pause", "resume", "skip", "update"]),
              st.just(0.0)),
    st.tuples(st.just("tick"), st.integers(-1, 6)),
), max_size=50)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(routine_id=st.sampled_from(["desk-reset", "evening-home-session", "breathing-break"]),
       break_min=st.integers(1, 15), actions=ACTIONS)
def test_the_break_never_ends_early_unless_the_person_ends_it(
        routine_id: str, break_min: int, actions: list[tuple[str, float]]) -> None:
    """Whatever is pressed (except ending the keep-moving step, or Finish), the break
    does not finish before its length; and the routine's steps play exactly as they
    would without a break length."""
    routine = bundled().routine(routine_id)
    clock, plain_clock = FakeClock(START), FakeClock(START)
    player = Player(routine, clock, break_s=break_min * 60)
    plain = Player(routine, plain_clock)
    assert player.steps == plain.steps  # the same steps, the same planned seconds
    for name, arg in actions:
        plain_was_playing = plain.status != "finished"
        if player.moving and name in ("next", "skip"):
            continue  # those end the break early, on purpose
        if name == "advance":
            clock.advance(arg)
            plain_clock.advance(arg)
            player.update()
            plain.update()
        elif name == "tick":
            player.tick_item(int(arg))
            plain.tick_item(int(arg))
        elif name == "skip":
            player.skip_step()
            plain.skip_step()
        else:
            getattr(player, name)()
            getattr(plain, name)()
        if player.status == "finished":
            assert player.running_seconds() >= player.break_s - 1e-6
        if plain.status != "finished":
            # until the routine ends, both play it the same: nothing is cut or stretched
            assert (player.index, player.status) == (plain.index, plain.status)
            assert player.records() == plain.records()
        elif plain_was_playing:
            # the routine has just ended: keep moving, unless the length is reached
            assert player.moving or player.running_seconds() >= player.break_s - 1e-6
        view = player.view()
        assert 0.0 <= view.fraction <= 1.0
        assert view.seconds_left >= 0 and view.total_seconds_left >= 0
        assert player.outcome() in (Outcome.DONE, Outcome.PARTIAL, Outcome.SKIPPED)
    # left alone (resumed, the checklist passed), the break runs to its length and stops
    player.resume()
    for _ in range(len(player.steps) + 2):
        if player.status == "finished":
            break
        if player.step.kind == "checklist":
            player.next()
        clock.advance(MAX_BREAK_S)
        player.update()
    assert player.status == "finished"
    assert player.running_seconds() >= player.break_s - 1e-6


def test_keep_moving_in_the_journal_history_and_exchange(tmp_path: Path) -> None:
    """Stats and export/import take the keep-moving step like any other exercise id."""
    clock = FakeClock(START)
    player = desk_player(clock, 300)
    started = clock.now()
    play_routine(player, clock)
    clock.advance(400)
    player.update()
    with Journal.open(tmp_path / "journal.db", clock) as journal:
        journal.record_break(planned_at=None, started_at=started, ended_at=clock.now(),
                             routine_id="desk-reset", outcome=player.outcome(),
                             steps=player.records())
        counts = dict(stats.exercise_counts(journal, started,
                                             clock.now() + timedelta(seconds=1)))
        assert counts[KEEP_MOVING_ID] == 1 and counts["rib-breathing"] == 1
        seen = stats.history(journal, Settings().schedule(), timezone.utc,
                             clock.now() + timedelta(minutes=1))
        assert dict(seen.exercises)[KEEP_MOVING_ID] == 1
        out = tmp_path / "export.json"
        exchange.export_file(journal, out, "json", timezone.utc, clock.now())
        csv_text = exchange.export_csv(journal, timezone.utc)
        assert KEEP_MOVING_ID in csv_text.splitlines()[1]
    with Journal.open(tmp_path / "other.db", clock) as other:
        exchange.import_file(other, out, clock.now())
        stored = other.last_break()
        assert stored is not None and stored.steps == player.records()
        assert stored.outcome is Outcome.DONE
