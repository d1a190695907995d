"""The guided break window, driven by a fake clock and a fake frame timer: no real waiting."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from posture_coach.core import paths
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Outcome, StepRecord, StepStatus
from posture_coach.core.library import Library, Routine, load_library_file
from posture_coach.ui.guided_break import FRAME_MS, TICK_MS, GuidedBreakWindow, clock_text
from posture_coach.ui.widgets import BreathingPacer, CountdownRing, ease_in_out
from tests.qt.fakes import FakeTimer

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
SHOTS = Path("/tmp/guided")




@functools.cache
def bundled() -> Library:
    return load_library_file(paths.bundled_library())


@pytest.fixture
def desk() -> Routine:
    return bundled().routine("desk-reset")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def timers() -> list[FakeTimer]:
    return []


@pytest.fixture
def make(qtbot: QtBot, clock: FakeClock, timers: list[FakeTimer]
         ) -> Iterator[functools.partial[GuidedBreakWindow]]:
    def factory(parent: QObject) -> QTimer:
        timer = FakeTimer(parent)
        timers.append(timer)
        return timer

    made: list[GuidedBreakWindow] = []

    def build(routine: Routine, **kw: object) -> GuidedBreakWindow:
        window = GuidedBreakWindow(routine, clock, timer_factory=factory, **kw)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        made.append(window)
        return window

    yield functools.partial(build)
    for window in made:
        assert not window.frame_timer.isActive() or window.isVisible()


def run(window: GuidedBreakWindow, clock: FakeClock, seconds: float, step: float = 0.25
        ) -> None:
    """Let ``seconds`` pass, one fake-timer frame every ``step`` seconds."""
    timer = window.frame_timer
    assert isinstance(timer, FakeTimer)
    left = seconds
    while left > 1e-9:
        dt = min(step, left)
        clock.advance(dt)
        left -= dt
        if timer.isActive():
            timer.fire()


def shown(window: GuidedBreakWindow, qtbot: QtBot) -> GuidedBreakWindow:
    window.show()
    qtbot.waitExposed(window)
    return window


# -- the whole desk reset ------------------------------------------------------


def test_plays_the_whole_desk_reset(qtbot: QtBot, desk: Routine, clock: FakeClock,
                                    make: functools.partial[GuidedBreakWindow]) -> None:
    window = shown(make(desk), qtbot)
    steps: list[int] = []
    window.step_changed.connect(steps.append)
    timer = window.frame_timer
    assert isinstance(timer, FakeTimer) and timer.isActive()

    # 1. the posture checklist: boxes to tick, it waits for Next
    assert window.step_label.text() == "Step 1 of 4"
    assert window.name_label.text() == "Posture reset at the desk"
    assert window.checklist.isVisibleTo(window) and not window.ring.isVisibleTo(window)
    ex = desk.items[0].exercise
    assert [box.text() for box in window.checkboxes] == list(ex.steps)
    assert window.picture.path == ex.illustration and not window.picture.pixmap().isNull()
    assert not window.back_button.isEnabled()
    for box in window.checkboxes[:3]:
        box.click()
    assert window.player.ticked() == {0, 1, 2}
    window.checkboxes[2].click()  # unticked again
    assert window.player.ticked() == {0, 1}
    run(window, clock, 60)  # a checklist never moves on by itself
    assert window.player.index == 0 and steps == []
    if SHOTS.is_dir():
        window.grab().save(str(SHOTS / "test-checklist.png"))
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert steps == [1]

    # 2. shoulder blade squeezes: 5 holds of 5 s, a ring counting each hold, 3 s of relax
    #    after each but the last
    assert window.step_label.text() == "Step 2 of 4"
    assert window.name_label.text() == "Shoulder blade squeezes"
    assert window.dose_label.text() == "5 reps, hold 5 s"
    assert window.ring.isVisibleTo(window) and not window.pacer.isVisibleTo(window)
    assert window.rep_label.text() == "Rep 1 of 5"
    assert window.ring.fraction == 0 and window.ring.text() == "0:05"
    assert window.ring.caption == "hold" and not window.ring.calm
    assert window.total_label.text() == "1:39 left"
    assert not window.side_label.isVisibleTo(window)
    assert window.back_button.isEnabled()
    assert timer.interval() == TICK_MS
    run(window, clock, 2)
    assert window.ring.fraction == pytest.approx(0.4)
    assert window.ring.text() == "0:03"
    run(window, clock, 3.5)  # the hold is over: relax
    assert window.rep_label.text() == "Rep 1 of 5"
    assert (window.ring.caption, window.ring.text()) == ("relax", "0:03")
    assert window.ring.calm and window.ring.fraction == pytest.approx(0.5 / 3)
    run(window, clock, 3)
    assert window.rep_label.text() == "Rep 2 of 5"
    assert window.ring.caption == "hold" and not window.ring.calm
    assert window.ring.fraction == pytest.approx(0.1)
    assert window.total_label.text() == "1:31 left"
    run(window, clock, 28.5)  # 37 s in all: on to the next exercise
    assert steps == [1, 2]

    # 3. thoracic extension in the chair: a relax after the squeezes, then 4 holds
    assert window.name_label.text() == desk.items[2].exercise.name
    assert window.rep_label.text() == "Rep 1 of 4"
    assert (window.ring.caption, window.ring.text()) == ("relax", "0:03")
    run(window, clock, 3)
    assert (window.ring.caption, window.ring.text()) == ("hold", "0:05")
    run(window, clock, 25)
    assert window.rep_label.text() == "Rep 4 of 4"
    assert window.ring.text() == "0:04"
    run(window, clock, 4)
    assert steps == [1, 2, 3]

    # 4. rib breathing: the pacer grows breathing in (4 s), shrinks breathing out (6 s)
    assert window.pacer.isVisibleTo(window) and not window.ring.isVisibleTo(window)
    assert timer.interval() == FRAME_MS  # smooth frames for the pacer
    assert window.rep_label.text() == "Breath 1 of 3"
    assert window.pacer.phase_text == "Breathe in"
    assert window.pacer.size_fraction == 0
    run(window, clock, 2, step=FRAME_MS / 1000)
    assert window.pacer.phase_text == "Breathe in"
    assert window.pacer.seconds_text() == "0:02"
    assert window.pacer.size_fraction == pytest.approx(0.5, abs=0.02)
    run(window, clock, 2)
    assert window.pacer.phase_text == "Breathe out"
    assert window.pacer.seconds_text() == "0:06"
    assert window.pacer.size_fraction == pytest.approx(1)
    run(window, clock, 4.5)
    assert window.pacer.phase_text == "Breathe out"
    assert window.pacer.size_fraction < 0.2
    run(window, clock, 1.5)
    assert window.rep_label.text() == "Breath 2 of 3"
    assert window.pacer.phase_text == "Breathe in"
    run(window, clock, 3)
    if SHOTS.is_dir():
        window.grab().save(str(SHOTS / "test-breathing.png"))
    run(window, clock, 14)
    assert window.rep_label.text() == "Breath 3 of 3"
    assert not window.on_rating_page

    # the end: the rating page, and no more frames
    with qtbot.assertNotEmitted(window.finished):
        run(window, clock, 3)
    assert window.on_rating_page and not timer.isActive()
    assert window.rating_question.text() == "How does your upper back feel now?"
    assert [b.text() for b in window.rating_buttons] == [str(n) for n in range(11)]
    with qtbot.waitSignal(window.finished) as blocker:
        qtbot.mouseClick(window.rating_buttons[3], Qt.MouseButton.LeftButton)
    outcome, records, rating = blocker.args
    assert outcome is Outcome.DONE and rating == 3
    assert records == window.player.records()
    assert all(isinstance(r, StepRecord) for r in records)
    assert [(r.exercise_id, r.status) for r in records] == [
        ("posture-reset-desk", StepStatus.DONE), ("shoulder-blade-squeeze", StepStatus.DONE),
        ("thoracic-extension-chair", StepStatus.DONE), ("rib-breathing", StepStatus.DONE)]
    assert [r.seconds for r in records] == pytest.approx([60.0, 37.0, 32.0, 30.0])
    assert not window.isVisible() and not timer.isActive()


def test_a_stretch_step_screenshot(qtbot: QtBot, desk: Routine, clock: FakeClock,
                                   make: functools.partial[GuidedBreakWindow]) -> None:
    window = shown(make(desk), qtbot)
    window.next()
    run(window, clock, 7)
    pixmap = window.grab()
    assert pixmap.width() == window.width() > 0
    if SHOTS.is_dir():
        pixmap.save(str(SHOTS / "test-stretch.png"))


def test_sides_sets_and_rests(qtbot: QtBot, clock: FakeClock,
                              make: functools.partial[GuidedBreakWindow]) -> None:
    window = shown(make(bundled().routine("evening-home-session")), qtbot)
    while window.player.step.exercise_id != "bird-dog":
        window.skip_step()
    assert window.side_label.isVisibleTo(window)
    assert window.side_label.text() == "Left side"
    assert window.set_label.text() == "Set 1 of 2"
    assert window.ring.caption == "relax"  # after the prone Y raise's holds
    run(window, clock, 3)
    assert window.ring.caption == "hold"
    window.next()
    assert window.side_label.text() == "Right side"
    window.next()  # the rest between sets
    assert window.name_label.text() == "Rest"
    assert window.set_label.text() == "Next: set 2 of 2"
    assert window.ring.caption == "rest" and window.ring.text() == "0:30"
    assert not window.side_label.isVisibleTo(window)
    run(window, clock, 10)
    assert window.ring.text() == "0:20"
    window.back()  # back over the rest to the last exercise step
    assert window.side_label.text() == "Right side"


# -- the keyboard --------------------------------------------------------------


def test_keys_do_nothing_during_the_guard(qtbot: QtBot, desk: Routine, clock: FakeClock,
                                          make: functools.partial[GuidedBreakWindow]) -> None:
    window = shown(make(desk), qtbot)
    window.next()
    with qtbot.assertNotEmitted(window.snoozed), qtbot.assertNotEmitted(window.finished):
        for key in (Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Return,
                    Qt.Key.Key_Escape):
            qtbot.keyClick(window, key)
        clock.advance(1.9)
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.player.index == 1 and window.player.status == "running"
    assert window.isVisible() and not window.on_rating_page


def test_keys_after_the_guard(qtbot: QtBot, desk: Routine, clock: FakeClock,
                              make: functools.partial[GuidedBreakWindow]) -> None:
    window = shown(make(desk), qtbot)
    timer = window.frame_timer
    clock.advance(2)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.player.index == 1
    run(window, clock, 1)
    assert window.ring.fraction == pytest.approx(0.2)
    # Space pauses: the countdown stands while the clock runs on
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.player.status == "paused" and not timer.isActive()
    assert window.pause_button.text() == "&Resume"
    assert window.name_label.text().endswith("(paused)")
    clock.advance(30)
    window.frame()
    assert window.ring.fraction == pytest.approx(0.2) and window.ring.text() == "0:04"
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.player.status == "running" and timer.isActive()
    run(window, clock, 1)
    assert window.ring.fraction == pytest.approx(0.4)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.player.index == 2
    qtbot.keyClick(window, Qt.Key.Key_Left)
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.player.index == 0
    qtbot.keyClick(window, Qt.Key.Key_Left)  # already on the first
    assert window.player.index == 0
    with qtbot.waitSignal(window.snoozed) as blocker, \
            qtbot.assertNotEmitted(window.finished):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert blocker.args == [5]
    assert not window.isVisible() and not timer.isActive()


def test_enter_finishes_and_escape_skips_the_rating(
        qtbot: QtBot, desk: Routine, clock: FakeClock,
        make: functools.partial[GuidedBreakWindow]) -> None:
    window = shown(make(desk, snooze_minutes=10), qtbot)
    assert window.snooze_button.text() == "S&nooze 10 min"
    clock.advance(2.5)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    run(window, clock, 5)
    with qtbot.assertNotEmitted(window.finished):
        qtbot.keyClick(window, Qt.Key.Key_Return)
    assert window.on_rating_page and not window.frame_timer.isActive()
    with qtbot.waitSignal(window.finished) as blocker, qtbot.assertNotEmitted(window.snoozed):
        qtbot.keyClick(window, Qt.Key.Key_Escape)
    outcome, records, rating = blocker.args
    assert outcome is Outcome.PARTIAL and rating is None
    assert [r.status for r in records] == [StepStatus.DONE, StepStatus.SKIPPED,
                                           StepStatus.SKIPPED, StepStatus.SKIPPED]
    assert records[1].seconds == pytest.approx(5)
    assert not window.isVisible()


def test_a_digit_key_rates(qtbot: QtBot, desk: Routine, clock: FakeClock,
                           make: functools.partial[GuidedBreakWindow]) -> None:
    window = shown(make(desk, guard_s=0), qtbot)
    qtbot.mouseClick(window.finish_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.finished) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_7)
    assert blocker.args[0] is Outcome.SKIPPED and blocker.args[2] == 7


def test_buttons(qtbot: QtBot, desk: Routine, clock: FakeClock,
                 make: functools.partial[GuidedBreakWindow]) -> None:
    window = shown(make(desk), qtbot)

    def click(button: QPushButton) -> None:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    click(window.skip_button)
    assert window.player.index == 1
    click(window.pause_button)
    assert window.player.status == "paused"
    click(window.pause_button)
    assert window.player.status == "running"
    click(window.back_button)
    assert window.player.index == 0
    with qtbot.waitSignal(window.snoozed) as blocker:
        click(window.snooze_button)
    assert blocker.args == [5]
    for button in (window.back_button, window.pause_button, window.skip_button,
                   window.next_button, window.snooze_button, window.finish_button,
                   window.rating_skip_button, *window.rating_buttons):
        assert button.accessibleName()


# -- the frame timer -----------------------------------------------------------


def test_frame_timer_runs_only_while_shown_and_playing(
        qtbot: QtBot, desk: Routine, clock: FakeClock,
        make: functools.partial[GuidedBreakWindow]) -> None:
    window = make(desk)
    timer = window.frame_timer
    assert not timer.isActive()  # not shown yet
    shown(window, qtbot)
    assert timer.isActive()
    window.pause()
    assert not timer.isActive()
    window.resume()
    assert timer.isActive()
    window.hide()
    assert not timer.isActive()
    window.show()
    assert timer.isActive()
    window.pause()
    window.hide()
    window.show()
    assert not timer.isActive()  # still paused
    window.resume()
    window.close()
    assert not timer.isActive()


def test_the_real_timer_factory_stops_too(qtbot: QtBot, desk: Routine,
                                          clock: FakeClock) -> None:
    window = GuidedBreakWindow(desk, clock)
    qtbot.addWidget(window)
    assert type(window.frame_timer) is QTimer and not window.frame_timer.isActive()
    window.show()
    qtbot.waitExposed(window)
    assert window.frame_timer.isActive()
    window.next()
    window.next()
    window.next()
    assert window.frame_timer.interval() == FRAME_MS
    window.pause()
    assert not window.frame_timer.isActive()
    window.resume()
    window.hide()
    assert not window.frame_timer.isActive()
    window.show()
    window.close()
    assert not window.frame_timer.isActive()


# -- closing without answering -------------------------------------------------


def test_closing_after_some_steps_is_partial(qtbot: QtBot, desk: Routine, clock: FakeClock,
                                             make: functools.partial[GuidedBreakWindow]
                                             ) -> None:
    window = shown(make(desk), qtbot)
    window.next()
    run(window, clock, 38)
    with qtbot.waitSignal(window.finished) as blocker:
        window.close()
    outcome, records, rating = blocker.args
    assert outcome is Outcome.PARTIAL and rating is None
    assert [r.status for r in records] == [StepStatus.DONE, StepStatus.DONE,
                                           StepStatus.SKIPPED, StepStatus.SKIPPED]
    assert records[2].seconds == pytest.approx(1)


def test_closing_at_once_is_skipped(qtbot: QtBot, desk: Routine,
                                    make: functools.partial[GuidedBreakWindow]) -> None:
    window = shown(make(desk), qtbot)
    with qtbot.waitSignal(window.finished) as blocker:
        window.close()
    assert blocker.args[0] is Outcome.SKIPPED and blocker.args[2] is None
    with qtbot.assertNotEmitted(window.finished):
        window.close()


def test_closing_the_rating_page_is_rating_none(qtbot: QtBot, desk: Routine,
                                                make: functools.partial[GuidedBreakWindow]
                                                ) -> None:
    window = shown(make(desk), qtbot)
    window.next()
    window.finish()
    with qtbot.waitSignal(window.finished) as blocker:
        window.close()
    assert blocker.args[0] is Outcome.PARTIAL and blocker.args[2] is None


# -- placing the window --------------------------------------------------------


def test_opens_centred_without_taking_focus(qtbot: QtBot, desk: Routine,
                                            make: functools.partial[GuidedBreakWindow]
                                            ) -> None:
    window = make(desk)
    assert window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    screen = window.screen().availableGeometry()
    assert window.width() == min(720, screen.width())
    assert window.height() == min(580, screen.height())  # room for the cautions too
    assert abs(window.frameGeometry().center().x() - screen.center().x()) <= 1
    assert abs(window.frameGeometry().center().y() - screen.center().y()) <= 1


def test_fullscreen(qtbot: QtBot, desk: Routine,
                    make: functools.partial[GuidedBreakWindow]) -> None:
    window = make(desk, fullscreen=True)
    assert window.windowState() & Qt.WindowState.WindowFullScreen
    window.show()
    qtbot.waitExposed(window)
    assert window.isFullScreen()


def test_the_picture_follows_the_window_width(qtbot: QtBot, desk: Routine,
                                              make: functools.partial[GuidedBreakWindow]
                                              ) -> None:
    window = shown(make(desk), qtbot)
    small = window.picture.pixmap().width()
    window.resize(1100, 800)
    qtbot.waitUntil(lambda: window.picture.pixmap().width() > small)


# -- the painted widgets -------------------------------------------------------


def test_ring_and_pacer_paint(qtbot: QtBot) -> None:
    ring = CountdownRing()
    qtbot.addWidget(ring)
    ring.resize(160, 160)
    ring.set_state(1.4, 2.01, "hold")
    assert ring.fraction == 1.0 and ring.text() == "0:03"
    assert not ring.grab().isNull()
    pacer = BreathingPacer()
    qtbot.addWidget(pacer)
    pacer.resize(200, 200)
    pacer.set_state("in", 0.5, 2.0, "Breathe in")
    assert pacer.size_fraction == pytest.approx(0.5)
    pacer.set_state("hold", 0.5, 2.0, "Hold")
    assert pacer.size_fraction == 1
    pacer.set_state("out", 0.25, 4.5, "Breathe out")
    assert pacer.size_fraction == pytest.approx(1 - ease_in_out(0.25))
    assert not pacer.grab().isNull()
    assert ease_in_out(0) == 0 and ease_in_out(1) == 1 and ease_in_out(2) == 1


def test_clock_text() -> None:
    assert [clock_text(s) for s in (0, 0.2, 59.5, 60, 65, 754)] == [
        "0:00", "0:01", "1:00", "1:00", "1:05", "12:34"]


def test_keys_work_while_a_button_has_focus(qtbot: QtBot) -> None:
    clock = FakeClock(datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc))
    routine = load_library_file(paths.bundled_library()).routine("desk-reset")
    window = GuidedBreakWindow(routine, clock, guard_s=0)
    qtbot.addWidget(window)
    window.show()
    button = window.findChildren(QPushButton)[0]
    button.setFocus()
    before = window.player.index
    qtbot.keyClick(button, Qt.Key.Key_Right)
    assert window.player.index == before + 1  # the window moved on; focus did not just move


MULTI_SCREEN_CHILD = r"""
import json, sys
from datetime import datetime, timezone
from PySide6.QtWidgets import QApplication
app = QApplication([])
from posture_coach.core import paths
from posture_coach.core.clock import FakeClock
from posture_coach.core.library import load_library_file
from posture_coach.ui.guided_break import GuidedBreakWindow
routine = load_library_file(paths.bundled_library()).routine("desk-reset")
clock = FakeClock(datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc))
window = GuidedBreakWindow(routine, clock, fullscreen=True)
window.show()
app.processEvents()
covers = [(c.target.name(), c.isVisible(), c.geometry().getRect()) for c in window.covers]
own = window.screen().name()
full = window.isFullScreen()
window.close()
app.processEvents()
print(json.dumps({"own": own, "full": full, "covers": covers,
                  "after_close": len(window.covers)}))
"""


def test_fullscreen_covers_every_screen(tmp_path: Path) -> None:
    """With two screens, a full-screen break takes one and covers the other; closing the
    break removes the cover.  (Qt's offscreen platform, configured with two screens.)"""
    import json
    import os
    import subprocess
    import sys

    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "left", "x": 0, "y": 0, "width": 1024, "height": 768,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "right", "x": 1024, "y": 0, "width": 1280, "height": 800,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    out = subprocess.run([sys.executable, "-c", MULTI_SCREEN_CHILD], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["full"] is True
    other = "right" if result["own"] == "left" else "left"
    geometry = [0, 0, 1024, 768] if other == "left" else [1024, 0, 1280, 800]
    assert result["covers"] == [[other, True, geometry]]
    assert result["after_close"] == 0


def test_not_fullscreen_means_no_covers(qtbot: QtBot) -> None:
    clock = FakeClock(datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc))
    routine = load_library_file(paths.bundled_library()).routine("desk-reset")
    window = GuidedBreakWindow(routine, clock)
    qtbot.addWidget(window)
    window.show()
    assert window.covers == [] and not window.isFullScreen()
