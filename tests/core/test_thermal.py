"""Ice/heat session logic: minutes against the guidance, countdown, sleep, advice, text."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from posture_coach.core import paths
from posture_coach.core.clock import FakeClock
from posture_coach.core.library import IceHeat, load_library_file
from posture_coach.core.thermal import (
    SESSION_GAP,
    ThermalResult,
    ThermalTimer,
    check_minutes,
    clamp_minutes,
    clock_text,
    gap_text,
    left_text,
    minutes_note,
    mode_text,
    next_reasonable,
    too_soon,
)

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def ice_heat() -> IceHeat:
    found = load_library_file(paths.bundled_library()).ice_heat
    assert found is not None
    return found


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2024, 3, 4, 9, 0, tzinfo=BERLIN))


@pytest.fixture
def timer(ice_heat: IceHeat) -> ThermalTimer:
    return ThermalTimer(ice_heat)


def start(timer: ThermalTimer, clock: FakeClock, mode: str = "ice",
          minutes: int | None = None) -> None:
    timer.start(mode, minutes, clock.monotonic(), clock.now())


def test_the_shipped_guidance(ice_heat: IceHeat) -> None:
    assert (ice_heat.recommended_min, ice_heat.recommended_max) == (10, 15)
    assert (ice_heat.default_minutes, ice_heat.maximum_minutes) == (15, 20)


@pytest.mark.parametrize(("given", "expected"), [(None, 15), (1, 1), (10, 10), (20, 20)])
def test_check_minutes_accepts_1_to_maximum(ice_heat: IceHeat, given: int | None,
                                            expected: int) -> None:
    assert check_minutes(ice_heat, given) == expected


@pytest.mark.parametrize(("given", "message"), [
    (0, "1 to 20"), (-5, "1 to 20"), (21, "1 to 20"), (60, "1 to 20"),
    (12.5, "whole number"), (True, "whole number"), ("15", "whole number")])
def test_check_minutes_refuses_the_rest(ice_heat: IceHeat, given: object,
                                        message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_minutes(ice_heat, given)  # type: ignore[arg-type]


def test_clamp_minutes(ice_heat: IceHeat) -> None:
    assert [clamp_minutes(ice_heat, m) for m in (-3, 0, 1, 15, 20, 21, 999)] == [
        1, 1, 1, 15, 20, 20, 20]


def test_minutes_outside_the_recommended_range_are_flagged_not_refused(
        ice_heat: IceHeat) -> None:
    for minutes in (10, 12, 15):
        assert minutes_note(ice_heat, minutes) is None
    for minutes in (1, 9, 16, 20):
        note = minutes_note(ice_heat, minutes)
        assert note is not None and "10–15 minutes as tolerated" in note
        assert "never more than 20" in note


def test_start_defaults_and_flags(timer: ThermalTimer, clock: FakeClock) -> None:
    session = timer.start("heat", None, clock.monotonic(), clock.now())
    assert (session.mode, session.planned_minutes, session.note) == ("heat", 15, None)
    assert session.ends_at == clock.now() + timedelta(minutes=15)
    timer.stop(clock.monotonic())
    session = timer.start("ice", 18, clock.monotonic(), clock.now())
    assert session.note is not None and "10–15" in session.note


def test_start_refuses_bad_input(timer: ThermalTimer, clock: FakeClock) -> None:
    with pytest.raises(ValueError, match="mode"):
        timer.start("steam", 10, clock.monotonic(), clock.now())
    with pytest.raises(ValueError, match="1 to 20"):
        timer.start("ice", 21, clock.monotonic(), clock.now())
    with pytest.raises(ValueError, match="timezone-aware"):
        timer.start("ice", 10, clock.monotonic(), datetime(2024, 3, 4, 9, 0))
    assert not timer.running
    start(timer, clock)
    with pytest.raises(ValueError, match="already running"):
        start(timer, clock, "heat")


def test_asking_without_a_session_is_an_error(timer: ThermalTimer, clock: FakeClock) -> None:
    for call in (timer.remaining, timer.is_over, timer.stop, timer.seconds_left):
        with pytest.raises(ValueError, match="no ice/heat session"):
            call(clock.monotonic())


def test_countdown_to_completion(timer: ThermalTimer, clock: FakeClock) -> None:
    started = clock.now()
    start(timer, clock, "heat", 12)
    assert timer.seconds_left(clock.monotonic()) == 720
    assert left_text(timer.remaining(clock.monotonic())) == "12:00 left"
    clock.advance(0.4)
    assert timer.seconds_left(clock.monotonic()) == 720  # rounded up
    clock.advance(25.6)
    assert left_text(timer.remaining(clock.monotonic(), clock.now())) == "11:34 left"
    assert not timer.is_over(clock.monotonic(), clock.now())
    clock.advance(minutes=11, seconds=34)
    assert timer.remaining(clock.monotonic(), clock.now()) == 0
    assert timer.is_over(clock.monotonic(), clock.now())
    clock.advance(5)  # the tick came late: still ends at the planned time
    result = timer.stop(clock.monotonic(), clock.now())
    assert result == ThermalResult("heat", 12, True, started,
                                   started + timedelta(minutes=12))
    assert not timer.running


def test_stopped_early(timer: ThermalTimer, clock: FakeClock) -> None:
    started = clock.now()
    start(timer, clock, "ice", 10)
    clock.advance(minutes=4)
    result = timer.stop(clock.monotonic(), clock.now())
    assert not result.completed
    assert result.ended_at - result.started_at == timedelta(minutes=4)
    assert result.started_at == started


def test_a_sleep_counts_the_pack_stayed_on(timer: ThermalTimer, clock: FakeClock) -> None:
    start(timer, clock, "ice", 15)
    clock.advance(minutes=5)
    clock.sleep(minutes=30)  # the monotonic clock stood still
    assert timer.is_over(clock.monotonic(), clock.now())
    assert not timer.is_over(clock.monotonic())  # the monotonic clock alone cannot tell
    result = timer.stop(clock.monotonic(), clock.now())
    assert result.completed and result.ended_at - result.started_at == timedelta(minutes=15)


def test_a_wall_clock_set_back_is_ignored(timer: ThermalTimer, clock: FakeClock) -> None:
    start(timer, clock, "heat", 10)
    clock.advance(minutes=3)
    clock.jump(hours=-2)
    assert timer.seconds_left(clock.monotonic(), clock.now()) == 7 * 60
    result = timer.stop(clock.monotonic(), clock.now())
    assert not result.completed
    assert result.ended_at >= result.started_at  # the journal would refuse otherwise


def test_next_reasonable_and_too_soon(clock: FakeClock) -> None:
    ended = clock.now()
    assert next_reasonable(ended) == ended + timedelta(hours=1) == ended + SESSION_GAP
    assert not too_soon(None, clock.now())
    assert too_soon(ended, clock.advance(minutes=59))
    assert not too_soon(ended, clock.advance(minutes=1))
    assert not too_soon(ended - timedelta(days=1), clock.now())
    with pytest.raises(ValueError):
        next_reasonable(datetime(2024, 1, 1))


@pytest.mark.parametrize(("seconds", "text"), [
    (754, "12:34"), (0, "0:00"), (-3, "0:00"), (0.2, "0:01"), (59.999, "1:00"),
    (1200, "20:00"), (61, "1:01")])
def test_clock_text(seconds: float, text: str) -> None:
    assert clock_text(seconds) == text


def test_mode_and_gap_text(ice_heat: IceHeat) -> None:
    assert mode_text(ice_heat.ice) == "Ice: for a recent strain"
    assert mode_text(ice_heat.heat) == "Heat: for chronic tightness"
    ended = datetime(2024, 3, 4, 8, 5, tzinfo=timezone.utc)
    now = datetime(2024, 3, 4, 9, 30, tzinfo=BERLIN)
    assert gap_text(ended, now) == ("Your last session ended at 09:05; about an hour between "
                                    "sessions is reasonable.")
