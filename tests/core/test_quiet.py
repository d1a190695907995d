"""A due break waits while the user is busy, never longer than the limit, never when no
signal is known; a fake clock and hypothesis properties."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from posture_coach.core.clock import FakeClock
from posture_coach.core.quiet import RECHECK, QuietGate, decide

T0 = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)
LIMIT = timedelta(minutes=30)


def test_waits_while_busy_then_arrives_when_free() -> None:
    clock = FakeClock(T0)
    gate = QuietGate(clock, LIMIT)
    first = gate.check("do not disturb")
    assert not first.show and first.recheck_at == T0 + RECHECK
    assert first.reason == "do not disturb"
    clock.advance(minutes=4)
    assert not gate.check("fullscreen").show and gate.waiting_since == T0
    clock.advance(seconds=5)
    free = gate.check(None)
    assert free.show and free.waited == timedelta(minutes=4, seconds=5) and free.reason is None
    assert gate.waiting_since is None


def test_arrives_at_the_limit_even_while_busy() -> None:
    clock = FakeClock(T0)
    gate = QuietGate(clock, LIMIT)
    gate.check("fullscreen")
    clock.advance(minutes=29, seconds=58)
    verdict = gate.check("fullscreen")
    assert not verdict.show and verdict.recheck_at == T0 + LIMIT  # never looks past it
    clock.advance(seconds=2)
    verdict = gate.check("fullscreen")
    assert verdict.show and verdict.reason == "limit"


def test_a_zero_limit_or_an_unknown_signal_never_waits() -> None:
    assert decide(T0, T0, "fullscreen", timedelta(0)).show
    assert decide(T0, T0, None, LIMIT).show


steps = st.lists(st.tuples(st.integers(min_value=0, max_value=900),
                           st.one_of(st.none(), st.sampled_from(["fullscreen", "dnd"]))),
                 min_size=1, max_size=40)


@given(steps, st.integers(min_value=0, max_value=120))
def test_a_break_never_waits_beyond_the_limit_nor_when_free(
        readings: list[tuple[int, str | None]], limit_min: int) -> None:
    clock = FakeClock(T0)
    limit = timedelta(minutes=limit_min)
    gate = QuietGate(clock, limit)
    since: datetime | None = None
    for advance, busy in readings:
        clock.advance(seconds=advance)
        since = since or clock.now()
        verdict = gate.check(busy)
        if busy is None or limit_min == 0:
            assert verdict.show
        if not verdict.show:
            assert clock.now() - since < limit
            assert verdict.recheck_at is not None
            assert clock.now() < verdict.recheck_at <= since + limit
        else:
            assert verdict.waited == clock.now() - since
            since = None
