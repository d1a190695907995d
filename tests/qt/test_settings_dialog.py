"""The Settings dialog in the wired app: each setting changed in the dialog has its
effect (the planned break moves, sound is muted, the theme applies, start at login is
written and removed, the rotation and the snooze cap hold), the file is saved; a broken
settings file is backed up and reported; a due break waits while the user is busy."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from posture_coach.core.clock import FakeClock
from posture_coach.core.commands import CommandError
from posture_coach.core.journal import Journal
from posture_coach.core.quiet import NO_SOUND_SERVER
from posture_coach.core.settings import Settings, load_settings
from posture_coach.desktop.autostart import XdgAutostart
from posture_coach.desktop.quiet import FakeQuiet
from posture_coach.shell.app import JOURNAL_NAME, PostureCoachApp, Services, load_app_library
from posture_coach.ui.i18n import install_translator
from posture_coach.ui.settings_dialog import SettingsDialog
from posture_coach.ui.theme import apply_theme
from tests.qt.test_app import MONDAY_10, TZ, FakeIdle, FakeNotifier, play_through


class Volume:
    def __init__(self) -> None:
        self.volume, self.muted = 60, False
        self.played: list[str] = []

    def set_volume(self, volume: int, muted: bool) -> None:
        self.volume, self.muted = volume, muted

    def play(self, name: str) -> None:
        self.played.append(name)

    def has_output(self) -> bool | None:
        return None  # not known


@pytest.fixture
def wired(tmp_path: Path, qtbot: QtBot) -> Iterator[dict[str, Any]]:
    clock = FakeClock(MONDAY_10)
    sounds, quiet = Volume(), FakeQuiet()
    autostart = XdgAutostart(tmp_path / "xdg-config")
    services = Services(tmp_path / "config", tmp_path / "data", clock, TZ, idle=FakeIdle(),
                        notifiers=[FakeNotifier()], use_tray=False, run_jobs=False,
                        sounds=sounds, quiet=quiet, autostart=autostart)
    journal = Journal.open(tmp_path / "data" / JOURNAL_NAME, clock)
    app = PostureCoachApp(services, load_app_library(services.config).library,
                          load_settings(services.config, clock.now()), journal)
    app.start()
    app.show_settings()
    dialog = app.settings_dialog
    yield {"app": app, "clock": clock, "sounds": sounds, "quiet": quiet,
           "autostart": autostart, "dialog": dialog, "config": tmp_path / "config"}
    if app.settings_dialog is not None:  # the one open now (a language change rebuilds it)
        app.settings_dialog.close()
    app.quit()
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    apply_theme(qapp, "system")
    install_translator(qapp, "en")  # a test may have chosen another language


def saved(w: dict[str, Any]) -> Settings:
    return load_settings(w["config"], w["clock"].now()).settings


def test_interval_and_hours_move_the_planned_break(wired: dict[str, Any]) -> None:
    app, dialog = wired["app"], wired["dialog"]
    assert app.coach.current_plan.due == MONDAY_10 + timedelta(minutes=45)
    dialog.interval.setValue(30)
    assert app.coach.current_plan.due == MONDAY_10 + timedelta(minutes=30)
    assert saved(wired).interval_min == 30
    dialog.interval.setValue(20)
    assert "more often" in dialog.interval_note.text()
    dialog.work_start.setTime(QTime(11, 0))
    assert app.coach.current_plan.due == MONDAY_10.replace(hour=11, minute=20)
    dialog.day_boxes[0].setChecked(False)  # no Mondays: next Tuesday
    assert app.coach.current_plan.due.weekday() == 1
    dialog.notice.setValue(0)
    assert app.settings.notice_s == 0 and saved(wired).work_days == (1, 2, 3, 4)


def test_hours_that_end_before_they_start_are_explained_not_sent(
        wired: dict[str, Any], qtbot: QtBot) -> None:
    dialog = wired["dialog"]
    with qtbot.assertNotEmitted(dialog.changed):
        dialog.work_end.setTime(QTime(8, 0))
    assert "end after they start" in dialog.problem.text() and not dialog.problem.isHidden()
    assert saved(wired).work_end.hour == 17


def test_sound_volume_notifications_fullscreen(wired: dict[str, Any]) -> None:
    app, dialog, sounds = wired["app"], wired["dialog"], wired["sounds"]
    dialog.tabs.setCurrentIndex(3)
    dialog.sound.setChecked(False)
    assert sounds.muted is True and not dialog.volume.isEnabled()
    dialog.sound.setChecked(True)
    dialog.volume.setValue(25)
    assert (sounds.volume, sounds.muted) == (25, False)
    dialog.notifications.setChecked(False)
    dialog.fullscreen.setChecked(True)
    s = saved(wired)
    assert (s.sound, s.volume, s.notifications, s.fullscreen_breaks) == (True, 25, False, True)
    assert app.settings.fullscreen_breaks is True


def test_theme_applies_to_the_application(wired: dict[str, Any]) -> None:
    dialog = wired["dialog"]
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    window = qapp.palette().color(QPalette.ColorRole.Window)
    text = qapp.palette().color(QPalette.ColorRole.WindowText)
    assert window.lightness() < 60 and text.lightness() > 200
    from posture_coach.ui.art import is_dark
    assert is_dark()
    dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 200
    assert not is_dark()
    assert saved(wired).theme == "light"


def test_start_at_login_is_written_and_removed(wired: dict[str, Any]) -> None:
    dialog, autostart = wired["dialog"], wired["autostart"]
    dialog.start_at_login.setChecked(True)
    assert autostart.path.is_file() and "Exec=" in autostart.path.read_text()
    assert "--config-dir" in autostart.path.read_text()  # this copy's own folders
    dialog.start_at_login.setChecked(False)
    assert not autostart.path.exists()


def test_rotation_order_and_choice(wired: dict[str, Any]) -> None:
    app, dialog, clock = wired["app"], wired["dialog"], wired["clock"]
    dialog.tabs.setCurrentIndex(1)
    lst = dialog.routine_list
    ids = [lst.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lst.count())]
    assert ids[:2] == ["stand-and-move", "movement-break"]  # the default rotation first
    lst.item(ids.index("breathing-break")).setCheckState(Qt.CheckState.Checked)
    lst.setCurrentRow(ids.index("breathing-break"))
    for _ in range(ids.index("breathing-break")):
        dialog.up_button.click()
    assert saved(wired).routines == ("breathing-break", "stand-and-move", "movement-break")
    assert app.routine_id == "breathing-break"
    app.open_break()
    assert app.break_window.routine.id == "breathing-break"
    play_through(app, clock)
    assert app.routine_id == "stand-and-move"  # the next break brings the next routine


def test_snooze_lengths_and_cap(wired: dict[str, Any]) -> None:
    app, dialog, clock = wired["app"], wired["dialog"], wired["clock"]
    dialog.snooze_spins[0].setValue(7)
    dialog.snooze_spins[1].setValue(0)
    dialog.snooze_cap.setValue(1)
    assert saved(wired).snooze_minutes == (7,)
    tray = app.tray
    assert [a.text() for a in tray.snooze_actions] == ["Snooze 7 minutes"]
    tray.snooze_actions[0].trigger()
    assert not tray.snooze_actions[0].isEnabled()  # the cap is reached
    clock.advance(minutes=60)
    app.open_break()
    assert not app.break_window.snooze_button.isEnabled()
    app.break_window.snooze()  # Escape does nothing either
    assert app.break_window is not None
    with pytest.raises(CommandError, match="1 times in a row"):
        app.snooze(7)
    app.break_window.finish()
    app.break_window.rate(None)
    assert tray.snooze_actions[0].isEnabled()


def test_idle_and_ice_heat_and_language(wired: dict[str, Any], qtbot: QtBot) -> None:
    app, dialog = wired["app"], wired["dialog"]
    assert dialog.idle_status.text().startswith("Time away from the keyboard and mouse is "
                                                "noticed")
    assert "fake idle" in dialog.idle_status.toolTip()  # the technical name, out of the way
    dialog.idle.setChecked(False)
    assert app.idle is None and "Idle detection is off" in dialog.idle_status.text()
    dialog.idle.setChecked(True)
    assert app.idle is not None and "fake idle" in dialog.idle_status.toolTip()
    assert "Time away from the keyboard and mouse is noticed" in dialog.idle_status.text()
    dialog.idle.setChecked(False)
    dialog.natural_break.setValue(10)
    assert app.coach.schedule.natural_break == timedelta(minutes=10)
    dialog.ice_heat_mode.setCurrentIndex(dialog.ice_heat_mode.findData("heat"))
    dialog.ice_heat_minutes.setValue(12)
    app.show_ice_heat()
    window = app.ice_heat_window
    assert window.heat_button.isChecked() and window.minutes.value() == 12
    window.close()
    dialog.quiet_limit.setValue(10)
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    # the dialog is built again in Spanish (tests/qt/test_language_switch.py)
    qtbot.waitUntil(lambda: app.settings_dialog is not None and app.settings_dialog is not dialog)
    assert app.settings_dialog.windowTitle() == "Ajustes"
    s = saved(wired)
    assert (s.idle_detection, s.natural_break_min, s.ice_heat_mode, s.ice_heat_minutes,
            s.language, s.quiet_limit_min) == (False, 10, "heat", 12, "es", 10)


def test_restore_defaults(wired: dict[str, Any]) -> None:
    app, dialog = wired["app"], wired["dialog"]
    dialog.interval.setValue(60)
    dialog.volume.setValue(10)
    dialog.restore_defaults()
    assert saved(wired) == Settings() and app.settings == Settings()
    assert dialog.interval.value() == 45


def test_no_idle_monitor_is_said() -> None:
    dialog = SettingsDialog(Settings(), [("desk-reset", "Desk reset")], idle_monitor=None,
                            quiet_signal=None)
    assert "does not tell the app how long the keyboard and mouse" in \
        dialog.idle_status.text()
    assert "breaks never wait" in dialog.quiet_status.text()
    assert "microphone" not in dialog.quiet_status.text()
    for widget in (dialog.interval, dialog.volume, dialog.theme, dialog.routine_list,
                   dialog.start_at_login, *dialog.day_boxes, *dialog.snooze_spins):
        assert widget.accessibleName(), widget
    dialog.deleteLater()


def test_no_sound_server_is_said() -> None:
    dialog = SettingsDialog(Settings(), [("desk-reset", "Desk reset")], idle_monitor=None,
                            quiet_signal="camera in use (/dev/video)",
                            quiet_kinds=["in-a-call"], quiet_off=[NO_SOUND_SERVER])
    text = dialog.quiet_status.text()
    assert "Breaks wait while you are in a call (the microphone or camera is in use)." in text
    assert "The microphone is not watched: no sound server (PulseAudio or PipeWire) " \
           "answers." in text
    assert "camera in use (/dev/video)" in dialog.quiet_status.toolTip()  # the technical name
    assert dialog.quiet_status.accessibleName() in ("", text)  # heard as it reads
    dialog.deleteLater()


def test_a_due_break_waits_while_busy_then_arrives(wired: dict[str, Any]) -> None:
    app, clock, quiet = wired["app"], wired["clock"], wired["quiet"]
    due = app.coach.current_plan.due
    clock.set(due)
    quiet.reason = "do-not-disturb"
    app.on_due(due)
    assert app.break_window is None and app.quiet_timer.isActive()
    assert app.tray.state == "due"
    clock.advance(minutes=5)
    app.quiet_timer.timeout.emit()
    assert app.break_window is None
    quiet.reason = None
    clock.advance(seconds=5)
    app.quiet_timer.timeout.emit()
    assert app.break_window is not None and not app.quiet_timer.isActive()
    app.break_window.finish()
    app.break_window.rate(None)
    # busy the whole time: it arrives at the limit
    quiet.reason = "fullscreen"
    due = app.coach.current_plan.due
    clock.set(due)
    app.on_due(due)
    clock.advance(minutes=29, seconds=59)
    app.quiet_timer.timeout.emit()
    assert app.break_window is None
    clock.advance(seconds=1)
    app.quiet_timer.timeout.emit()
    assert app.break_window is not None


def test_broken_settings_file_is_backed_up_and_reported(tmp_path: Path, qtbot: QtBot,
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    from posture_coach.shell.app import start_app

    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.yaml").write_text("version: 2\ntheme: neon\ninterval_min: 30\n")
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: boxes.append(self.text()))

    class Server:
        def set_handler(self, handler: object) -> None: ...
        def stop(self) -> None: ...

    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    started = start_app(qapp, config, tmp_path / "data", FakeClock(MONDAY_10), None, Server())
    assert isinstance(started, PostureCoachApp)
    try:
        assert started.settings.interval_min == 30 and started.settings.theme == "system"
        [text] = boxes
        assert f"{config / 'settings.yaml'}:2:8: theme:" in text
        assert "settings.yaml.broken-" in text
        assert list(config.glob("settings.yaml.broken-*"))
        assert (config / "settings.yaml").read_text().startswith("version: 2\ntheme: neon")
    finally:
        started.quit()


def test_break_length_is_set_and_the_next_break_window_honours_it(
        wired: dict[str, Any]) -> None:
    app, dialog, clock = wired["app"], wired["dialog"], wired["clock"]
    assert dialog.break_length.value() == 0
    assert dialog.break_length.text() == "As the routine sets"
    assert dialog.break_length.accessibleName() == "Break length"
    assert "never cut" in dialog.break_length.accessibleDescription()
    dialog.break_length.setValue(4)
    assert saved(wired).break_min == 4 and app.settings.break_min == 4
    app.break_now("desk-reset")  # a 95 s routine in a 4 minute break
    window = app.break_window
    assert window is not None and window.player.break_s == 240
    assert window.total_label.text() == "4:00 left"
    play_through(app, clock, rating=None)
    last = app.journal.last_break()
    assert last is not None and last.outcome.value == "done"
    assert last.steps[-1].exercise_id == "keep-moving"
    assert last.steps[-1].status.value == "done"
    assert sum(s.seconds for s in last.steps) >= 240
    assert app.names()["keep-moving"] == "Keep moving"
    dialog.restore_defaults()
    assert dialog.break_length.value() == 0 and saved(wired).break_min == 0
    app.break_now("desk-reset")
    assert app.break_window is not None and app.break_window.player.break_s == 0
    app.break_window.close()
