"""The open Settings dialog follows the app's models (napari's pattern, as History does):
a setting changed elsewhere, an idle monitor found late or one that fails, a busy signal
that fails show in it at once; a field being edited keeps what the person typed; once it
is closed it hears nothing more."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posture_coach.core.clock import FakeClock
from posture_coach.shell.root import PostureCoachApp
from tests.qt.apphelpers import FakeIdle, build_app

TZ = ZoneInfo("Europe/Berlin")
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)


class BrokenIdle(FakeIdle):
    name = "broken idle"

    def idle_seconds(self) -> float | None:
        raise RuntimeError("the display went away")


class BrokenBusy:
    name = "broken busy"
    kinds = ("fullscreen",)

    def busy(self) -> str | None:
        raise RuntimeError("the bus went away")


class NoDevice:
    def play(self, name: str) -> None: ...
    def set_volume(self, volume: int, muted: bool) -> None: ...
    def has_output(self) -> bool | None:
        return False


@pytest.fixture
def app(tmp_path: Path, qtbot: QtBot) -> Iterator[PostureCoachApp]:
    built = build_app(tmp_path, FakeClock(MONDAY_10), TZ)
    yield built
    built.quit()


def test_a_setting_changed_elsewhere_shows_in_the_open_dialog_until_it_closes(
        app: PostureCoachApp, qtbot: QtBot) -> None:
    before = app.model.listening, app.watch.state.listening
    app.show_settings()
    dialog = app.settings_dialog
    assert (app.model.listening, app.watch.state.listening) == (before[0] + 1, before[1] + 1)
    assert dialog.interval.value() == 45 and dialog.volume.value() == 60
    sent: list[object] = []
    dialog.changed.connect(sent.append)
    app.apply_settings(replace(app.settings, interval_min=30, volume=15, sound=False,
                               theme="dark"))  # not through this dialog
    assert dialog.interval.value() == 30 and dialog.volume.value() == 15
    assert not dialog.sound.isChecked() and not dialog.volume.isEnabled()
    assert dialog.theme.currentData() == "dark"
    assert sent == []  # shown, not sent back
    dialog.interval.setValue(50)  # the dialog goes on from what it shows
    assert app.settings.interval_min == 50 and app.settings.volume == 15
    dialog.close()
    qtbot.waitUntil(lambda: app.settings_dialog is None)
    assert (app.model.listening, app.watch.state.listening) == before  # unsubscribed
    app.apply_settings(replace(app.settings, interval_min=40))  # heard by nobody closed


def test_escape_unsubscribes_too(app: PostureCoachApp, qtbot: QtBot) -> None:
    before = app.model.listening
    app.show_settings()
    dialog = app.settings_dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # QDialog.reject: done(), no closeEvent
    qtbot.waitUntil(lambda: app.settings_dialog is None)
    assert app.model.listening == before


def test_the_idle_monitor_found_later_or_failing_shows_in_the_open_dialog(
        app: PostureCoachApp) -> None:
    app.idle = None  # none yet (as before the desktop answered)
    app.show_settings()
    dialog = app.settings_dialog
    assert "does not tell the app how long" in dialog.idle_status.text()
    app.idle = FakeIdle()  # found later
    assert dialog.idle_status.text().startswith("Time away from the keyboard and mouse is "
                                                "noticed")
    assert "fake idle" in dialog.idle_status.toolTip()
    app.idle = BrokenIdle()
    app.tick()  # the monitor fails: turned off, and the dialog says so
    assert app.idle is None
    assert "does not tell the app how long" in dialog.idle_status.text()
    assert app.status()["idle_detection"] is None  # status reads the same state
    dialog.close()


def test_a_busy_signal_that_fails_shows_in_the_open_dialog(app: PostureCoachApp,
                                                            qtbot: QtBot) -> None:
    app.quiet = BrokenBusy()
    app.show_settings()
    dialog = app.settings_dialog
    assert "broken busy" in dialog.quiet_status.toolTip()
    assert "never wait" not in dialog.quiet_status.text()
    due = app.coach.replan().due
    assert due is not None
    app.on_due(due)  # a break is due: the signal is asked, fails, and is dropped
    assert app.quiet is None and app.break_window is not None  # the break came
    assert "breaks never wait" in dialog.quiet_status.text()
    assert dialog.quiet_status.toolTip() == ""
    dialog.close()


def test_no_sound_device_is_said_when_the_dialog_opens(app: PostureCoachApp) -> None:
    app.watch.sounds = NoDevice()
    app.show_settings()
    dialog = app.settings_dialog
    assert not dialog.sound_note.isHidden()  # on its tab
    assert dialog.sound.accessibleDescription() == dialog.sound_note.text()
    assert app.watch.state.current.audio_output is False
    dialog.close()


def test_a_field_being_edited_keeps_what_was_typed(app: PostureCoachApp,
                                                   qtbot: QtBot) -> None:
    app.show_settings()
    dialog = app.settings_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    spin = dialog.interval
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    spin.selectAll()
    qtbot.keyClicks(spin, "35")
    assert spin.value() == 35 and dialog.settle_timer.isActive()  # still being edited
    app.apply_settings(replace(app.settings, volume=20))  # meanwhile, elsewhere
    assert dialog.volume.value() == 20 and spin.value() == 35  # the edit is kept
    qtbot.keyClick(spin, Qt.Key.Key_Return)  # finished: applied with the other change
    assert app.settings.interval_min == 35 and app.settings.volume == 20
    dialog.close()
