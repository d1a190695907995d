"""The break window with a break length: the keep-moving screen after a short routine, its
countdown, Done, and the accessibility walker over it."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer
from pytestqt.qtbot import QtBot

from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Outcome, StepStatus
from posture_coach.core.library import Routine
from posture_coach.core.player import KEEP_MOVING_ID
from posture_coach.ui.guided_break import GuidedBreakWindow
from tests.qt.a11y import audit
from tests.qt.fakes import FakeTimer
from tests.qt.test_guided_break import SHOTS, START, bundled, run, shown


@pytest.fixture
def desk() -> Routine:
    return bundled().routine("desk-reset")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def make(qtbot: QtBot, clock: FakeClock) -> Iterator[functools.partial[GuidedBreakWindow]]:
    def factory(parent: QObject) -> QTimer:
        return FakeTimer(parent)

    def build(routine: Routine, **kw: object) -> GuidedBreakWindow:
        window = GuidedBreakWindow(routine, clock, timer_factory=factory, **kw)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        return window

    yield functools.partial(build)


def walk_illustration() -> Path | None:
    return bundled().exercise("walk-break").illustration


def to_keep_moving(window: GuidedBreakWindow, clock: FakeClock) -> None:
    window.next()  # the posture checklist waits for Next
    run(window, clock, 99)  # squeeze 37 s, extension 32 s (holds and relaxes), breathing 30 s


def test_short_routine_goes_on_with_keep_moving(
        qtbot: QtBot, desk: Routine, clock: FakeClock,
        make: functools.partial[GuidedBreakWindow]) -> None:
    window = shown(make(desk, break_min=5, move_illustration=walk_illustration()), qtbot)
    assert window.total_label.text() == "5:00 left"  # the break's length, not the routine's
    to_keep_moving(window, clock)
    assert not window.on_rating_page and window.player.moving
    assert window.name_label.text() == "Keep moving"
    assert window.step_label.text() == "Routine done"
    assert window.total_label.text() == "3:21 left"  # 5 min less 99 s
    assert window.ring.isVisible() and window.ring.text() == "3:21"
    assert "Look into the distance" in window.lines_label.text()
    assert "5 min" in window.dose_label.text()
    assert window.picture.path == walk_illustration()
    assert window.next_button.text() == "&Done" and window.next_button.isVisible()
    assert not window.skip_button.isVisible() and not window.finish_button.isVisible()
    assert window.snooze_button.isVisible() and window.back_button.isEnabled()
    assert audit(window) == []
    if SHOTS.is_dir():
        window.grab().save(str(SHOTS / "test-keep-moving.png"))
    run(window, clock, 200)
    assert window.player.moving and window.ring.text() == "0:01"
    run(window, clock, 1)
    assert window.on_rating_page  # the break length reached: the rating
    with qtbot.waitSignal(window.finished) as blocker:
        window.rate(2)
    outcome, records, rating = blocker.args
    assert outcome is Outcome.DONE and rating == 2
    assert (records[-1].exercise_id, records[-1].status) == (KEEP_MOVING_ID, StepStatus.DONE)
    assert sum(r.seconds for r in records) == pytest.approx(300)


def test_done_ends_it_early_and_the_break_counts_as_the_routine(
        qtbot: QtBot, desk: Routine, clock: FakeClock,
        make: functools.partial[GuidedBreakWindow]) -> None:
    window = shown(make(desk, break_min=10), qtbot)
    to_keep_moving(window, clock)
    run(window, clock, 30)
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)  # Done
    assert window.on_rating_page
    with qtbot.waitSignal(window.finished) as blocker:
        window.rate(None)
    outcome, records, _rating = blocker.args
    assert outcome is Outcome.DONE  # as it would be without a break length
    assert (records[-1].exercise_id, records[-1].status) == (KEEP_MOVING_ID,
                                                             StepStatus.SKIPPED)
    assert records[-1].seconds == pytest.approx(30)


def test_back_from_keep_moving_brings_the_routine_buttons_back(
        qtbot: QtBot, desk: Routine, clock: FakeClock,
        make: functools.partial[GuidedBreakWindow]) -> None:
    window = shown(make(desk, break_min=3), qtbot)
    to_keep_moving(window, clock)
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    assert window.name_label.text() != "Keep moving"
    assert window.next_button.text() == "&Next" and window.skip_button.isVisible()
    assert window.finish_button.isVisible()


def test_snooze_and_escape_still_work_while_moving(
        qtbot: QtBot, desk: Routine, clock: FakeClock,
        make: functools.partial[GuidedBreakWindow]) -> None:
    window = shown(make(desk, break_min=3, guard_s=0), qtbot)
    to_keep_moving(window, clock)
    with qtbot.waitSignal(window.snoozed):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_a_long_routine_is_not_cut(qtbot: QtBot, clock: FakeClock,
                                   make: functools.partial[GuidedBreakWindow]) -> None:
    evening = bundled().routine("evening-home-session")
    window = shown(make(evening, break_min=1), qtbot)
    planned = sum(s.seconds for s in window.player.steps)
    assert planned > 60
    run(window, clock, 60)
    assert not window.on_rating_page and not window.player.moving
    run(window, clock, planned, step=1)
    assert window.on_rating_page
    with qtbot.waitSignal(window.finished) as blocker:
        window.rate(None)
    assert KEEP_MOVING_ID not in [r.exercise_id for r in blocker.args[1]]
