"""The ice/heat window: choose, count down on a fake clock and a fake timer, end honestly."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from posture_coach.core import paths
from posture_coach.core.clock import FakeClock
from posture_coach.core.library import IceHeat, load_library_file
from posture_coach.ui.ice_heat_window import IceHeatWindow
from tests.qt.fakes import FakeTimer

BERLIN = ZoneInfo("Europe/Berlin")
SHOTS = Path(os.environ.get("ICEHEAT_SHOTS", "/tmp/iceheat"))




@pytest.fixture(scope="module")
def ice_heat() -> IceHeat:
    found = load_library_file(paths.bundled_library()).ice_heat
    assert found is not None
    return found


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2024, 3, 4, 9, 0, tzinfo=BERLIN))


class Made:
    def __init__(self, window: IceHeatWindow, timer: FakeTimer):
        self.window = window
        self.timer = timer
        self.started: list[tuple[str, int]] = []
        self.ticks: list[int] = []
        self.ended: list[tuple[Any, ...]] = []
        window.started.connect(lambda *a: self.started.append(a))
        window.tick.connect(self.ticks.append)
        window.ended.connect(lambda *a: self.ended.append(a))


@pytest.fixture
def make(qtbot: QtBot, ice_heat: IceHeat, clock: FakeClock) -> Any:
    def build(last_session_end: datetime | None = None) -> Made:
        timers: list[FakeTimer] = []

        def factory(parent: QObject) -> QTimer:
            timer = FakeTimer(parent)
            timers.append(timer)
            return timer

        window = IceHeatWindow(ice_heat, clock, timer_factory=factory,
                               last_session_end=last_session_end)
        qtbot.addWidget(window)
        window.show()
        assert len(timers) == 1
        return Made(window, timers[0])
    return build


def fire_after(made: Made, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    made.timer.fire()


def test_heat_12_minutes_counts_down_to_completion(make: Any, clock: FakeClock,
                                                   qtbot: QtBot) -> None:
    m: Made = make()
    w = m.window
    assert w.pages.currentWidget() is w.choose_page
    assert not w.start_button.isEnabled()  # ice or heat must be chosen first
    assert not m.timer.isActive()
    qtbot.mouseClick(w.heat_button, Qt.MouseButton.LeftButton)
    assert w.mode == "heat"
    assert "chronic tightness" in w.guidance.text()
    assert "Wrap a warm (not hot) heat pack" in w.guidance.text()
    assert not w.drawing.pixmap().isNull()
    w.minutes.setValue(12)
    assert w.minutes_note.isHidden()
    started_at = clock.now()
    qtbot.mouseClick(w.start_button, Qt.MouseButton.LeftButton)
    assert m.started == [("heat", 12)]
    assert w.pages.currentWidget() is w.countdown_page
    assert w.countdown.text() == "12:00"
    assert "Heat" in w.countdown_mode.text()
    assert m.timer.isActive() and m.timer.interval() == 1000
    fire_after(m, clock, 1)
    assert w.countdown.text() == "11:59"
    fire_after(m, clock, 25)
    assert w.countdown.text() == "11:34"
    assert m.ticks == [720, 719, 694]
    assert m.ended == []
    fire_after(m, clock, 11 * 60 + 33)
    assert w.countdown.text() == "0:01" and m.timer.isActive()
    fire_after(m, clock, 1)
    assert m.ended == [("heat", 12, True, started_at, started_at + timedelta(minutes=12))]
    assert not m.timer.isActive()  # the timer is stopped after the end
    assert w.countdown.text() == "0:00"
    assert "take the pack off" in w.countdown_info.text()
    assert w.stop_button.isHidden() and not w.done_button.isHidden()
    # closing afterwards says nothing more
    w.close()
    assert len(m.ended) == 1


def test_stop_early_is_not_completed(make: Any, clock: FakeClock, qtbot: QtBot) -> None:
    m: Made = make()
    w = m.window
    w.choose("ice")
    started_at = clock.now()
    w.start_button.click()
    fire_after(m, clock, 240)
    qtbot.mouseClick(w.stop_button, Qt.MouseButton.LeftButton)
    assert m.ended == [("ice", 15, False, started_at, started_at + timedelta(minutes=4))]
    assert not m.timer.isActive()
    assert "Stopped after 4:00" in w.countdown_info.text()
    # back to the first page: the session just ended, so the calm note shows
    w.back_button.click()
    assert w.pages.currentWidget() is w.choose_page
    assert not w.gap_note.isHidden() and "09:04" in w.gap_note.text()
    assert w.start_button.isEnabled()


def test_closing_while_running_ends_not_completed(make: Any, clock: FakeClock) -> None:
    m: Made = make()
    w = m.window
    w.choose("heat")
    w.start_button.click()
    fire_after(m, clock, 90)
    w.close()
    assert len(m.ended) == 1
    mode, minutes, completed, started, ended = m.ended[0]
    assert (mode, minutes, completed) == ("heat", 15, False)
    assert ended - started == timedelta(seconds=90)
    assert not m.timer.isActive()


def test_a_sleep_past_the_end_completes_on_the_next_tick(make: Any, clock: FakeClock) -> None:
    m: Made = make()
    m.window.choose("ice")
    m.window.minutes.setValue(10)
    m.window.start_button.click()
    clock.advance(60)
    clock.sleep(minutes=30)
    m.timer.fire()
    assert m.ended[0][2] is True
    assert not m.timer.isActive()


def test_duration_is_clamped_to_the_maximum(make: Any, ice_heat: IceHeat) -> None:
    w = make().window
    assert w.minutes.value() == 15 == ice_heat.default_minutes
    assert (w.minutes.minimum(), w.minutes.maximum()) == (1, 20)
    w.minutes.setValue(45)
    assert w.minutes.value() == 20
    assert not w.minutes_note.isHidden()
    assert "10–15 minutes as tolerated" in w.minutes_note.text()
    w.minutes.setValue(0)
    assert w.minutes.value() == 1 and not w.minutes_note.isHidden()
    w.minutes.setValue(10)
    assert w.minutes_note.isHidden()


def test_start_with_20_minutes_is_allowed(make: Any) -> None:
    m: Made = make()
    m.window.choose("heat")
    m.window.minutes.setValue(99)
    m.window.start_button.click()
    assert m.started == [("heat", 20)]
    assert m.window.countdown.text() == "20:00"
    m.window.stop()


@pytest.mark.parametrize(("minutes_ago", "shown"), [
    (None, False), (5, True), (59, True), (60, False), (300, False)])
def test_the_about_an_hour_note(make: Any, clock: FakeClock, minutes_ago: int | None,
                                shown: bool) -> None:
    last = None if minutes_ago is None else clock.now() - timedelta(minutes=minutes_ago)
    w = make(last).window
    assert w.gap_note.isHidden() is not shown
    if shown:
        assert last is not None
        text = w.gap_note.text()
        assert f"ended at {last.astimezone(BERLIN):%H:%M}" in text
        assert "about an hour between sessions is reasonable" in text
    w.choose("ice")
    assert w.start_button.isEnabled()  # advice only, never a block


def test_cautions_and_accessible_names(make: Any, ice_heat: IceHeat) -> None:
    w = make().window
    text = w.cautions.text()
    assert "Always keep a cloth between your skin and the pack." in text
    assert "Stop if your skin burns, goes numb or looks very red." in text
    assert "never more than 20 minutes" in text
    assert w.minutes.accessibleName() == "Minutes"
    # a label is heard as its text (issue 18): its context is a description, never a
    # name that would replace what it shows
    from tests.qt.a11y import hidden_text

    for label in (w.countdown, w.cautions, w.gap_note, w.guidance):
        assert label.accessibleName() == "" and label.accessibleDescription()
    assert hidden_text(w) == []
    assert w.ice_button.accessibleName() == "Ice"
    assert w.heat_button.accessibleDescription() == "For chronic tightness."
    with pytest.raises(ValueError):
        w.choose("steam")


def test_screenshots_of_both_pages(make: Any, clock: FakeClock, qtbot: QtBot) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    m: Made = make(clock.now() - timedelta(minutes=20))
    w = m.window
    w.choose("heat")
    w.minutes.setValue(18)
    qtbot.waitExposed(w)
    assert w.grab().save(str(SHOTS / "choose.png"))
    w.start_button.click()
    fire_after(m, clock, 5 * 60 + 26)
    assert w.grab().save(str(SHOTS / "countdown.png"))
    fire_after(m, clock, 13 * 60)
    assert w.grab().save(str(SHOTS / "finished.png"))
    assert all(isinstance(label.text(), str) for label in w.findChildren(QLabel))
