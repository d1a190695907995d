"""What a new user stumbled on (issue 18), one test or more per item."""

from __future__ import annotations

import math

import pytest
from PySide6.QtGui import QColor, QPalette

from posture_coach.ui.widgets import CountdownRing, clock_text

# ---------------------------------------------------------------- item 5: countdowns


@pytest.mark.parametrize(("seconds", "shown"), [(118, "1:58"), (117.2, "1:58"), (5, "0:05"),
                                                (0, "0:00"), (600, "10:00"), (59.5, "1:00")])
def test_a_countdown_is_always_minutes_and_seconds(qtbot, seconds, shown) -> None:
    ring = CountdownRing()
    qtbot.addWidget(ring)
    ring.set_state(0.5, seconds, "left")
    assert ring.text() == shown == clock_text(seconds)
    assert ring.accessibleDescription() == f"{shown} left"


def _near(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()),
               abs(a.blue() - b.blue())) < 40


@pytest.mark.parametrize("fraction", [0.0, 0.01, 0.03, 0.5])
def test_a_nearly_full_ring_has_no_notch_at_twelve(qtbot, fraction) -> None:
    """Across the stroke's width every angle is one colour: the accent where time is left,
    the track where it has passed, so the passed time is a clean slit at 12 o'clock.  (Round
    caps meeting there drew a V: accent in the middle of the stroke, track at its edges.)"""
    ring = CountdownRing()
    qtbot.addWidget(ring)
    ring.resize(200, 200)
    ring.set_state(fraction, 118, "left")
    image = ring.grab().toImage()
    accent = ring.palette().color(QPalette.ColorRole.Highlight)
    side = 200 - 8
    pen_w = max(4.0, side / 14)
    radius = (side - pen_w) / 2
    left = 360 * (1 - fraction)  # the arc runs clockwise from 12 o'clock to here
    for step in range(0, 3600, 5):
        angle = step / 10
        if min(abs(angle - left), abs(angle - 360), angle) < 1.0:
            continue  # anti-aliased ends
        looks = []
        for edge in (-0.35, 0.0, 0.35):
            r = radius + edge * pen_w
            x = 100 + r * math.sin(math.radians(angle))
            y = 100 - r * math.cos(math.radians(angle))
            looks.append(_near(image.pixelColor(round(x), round(y)), accent))
        assert looks == [angle < left] * 3, (angle, looks)


# ---------------------------------------------------------------- item 2: the tray click


@pytest.mark.qt_log_ignore("This plugin does not support grabbing", extend=True)
def test_a_left_click_on_the_tray_icon_opens_the_menu_and_starts_nothing(qtbot) -> None:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QSystemTrayIcon

    from posture_coach.ui.tray import TrayController

    icon = QSystemTrayIcon()
    tray = TrayController([("desk-reset", "Desk reset")], [5], {"running": QIcon()},
                          lambda: "Next break in 12:00", tray_icon=icon)
    asked: list[object] = []
    tray.break_now.connect(asked.append)
    tray.activated.connect(lambda: asked.append("activated"))
    for reason in (QSystemTrayIcon.ActivationReason.Trigger,
                   QSystemTrayIcon.ActivationReason.DoubleClick):
        icon.activated.emit(reason)
        qtbot.waitUntil(tray.menu.isVisible)
        assert tray.next_action.text() == "Next break in 12:00"
        assert tray.break_menu.title() == "&Take a break now"
        tray.menu.hide()
    assert asked == []
    # the break starts from the explicit choice in the menu
    tray.routine_actions["desk-reset"].trigger()
    assert asked == ["desk-reset"]


# ---------------------------------------------------------------- item 9: snooze entries

def _app(tmp_path, when, settings: str = ""):
    from posture_coach.core.clock import FakeClock
    from tests.qt.apphelpers import build_app

    (tmp_path / "config").mkdir(exist_ok=True)
    if settings:
        (tmp_path / "config" / "settings.yaml").write_text("version: 1\n" + settings)
    clock = FakeClock(when)
    return build_app(tmp_path, clock, when.tzinfo), clock


def _snooze_entries(app) -> tuple[list[bool], str, bool]:
    tray = app.tray
    tray.menu.aboutToShow.emit()
    return ([a.isEnabled() for a in tray.snooze_actions], tray.snooze_why_action.text(),
            tray.snooze_why_action.isVisible())


def test_snooze_is_greyed_with_why_when_there_is_nothing_to_snooze(tmp_path, qtbot) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    monday_10 = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    app, clock = _app(tmp_path, monday_10)
    try:
        assert _snooze_entries(app) == ([True, True], "", False)
        app.pause("1h")
        assert _snooze_entries(app) == (
            [False, False], "Nothing to snooze: no break is coming up now", True)
        app.resume()
        assert _snooze_entries(app)[0] == [True, True]
        clock.set(monday_10.replace(hour=22))  # after working hours
        app.apply(app.coach.replan())
        assert _snooze_entries(app) == (
            [False, False], "Nothing to snooze: no break is coming up now", True)
    finally:
        app.quit()


def test_at_the_snooze_cap_the_greyed_entry_says_why(tmp_path, qtbot) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    monday_10 = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    app, _clock = _app(tmp_path, monday_10, "snooze_cap: 2\n")
    try:
        app.snooze(5)
        assert _snooze_entries(app)[0] == [True, True]
        app.snooze(5)
        enabled, why, shown = _snooze_entries(app)
        assert enabled == [False, False] and shown
        assert why == "Snoozed 2 times in a row, the most allowed: take or skip the break"
        assert app.tray.snooze_actions[0].toolTip() == why
    finally:
        app.quit()


# ---------------------------------------------------------------- item 12: Qt's messages


def test_qt_messages_go_to_the_log_once_at_the_right_level(caplog) -> None:
    import logging

    from PySide6.QtCore import QMessageLogContext, QtMsgType

    from posture_coach.ui.qt_messages import QtMessageRouter, level_for

    passed: list[str] = []
    router = QtMessageRouter(previous=lambda _k, _c, m: passed.append(m))
    context = QMessageLogContext()
    with caplog.at_level(logging.DEBUG, logger="posture_coach.qt"):
        for _ in range(3):
            router(QtMsgType.QtWarningMsg, context,
                   "PulseAudioService: pa_context_connect() failed")
        router(QtMsgType.QtWarningMsg, context, "QWidget::setLayout: already has a layout")
        router(QtMsgType.QtCriticalMsg, context, "something broke")
    records = [(r.levelno, r.getMessage()) for r in caplog.records]
    assert records == [(logging.INFO, "PulseAudioService: pa_context_connect() failed"),
                       (logging.WARNING, "QWidget::setLayout: already has a layout"),
                       (logging.ERROR, "something broke")]
    assert len(passed) == 5  # a test's own capture still sees every one
    assert level_for(QtMsgType.QtWarningMsg, "qt.multimedia.ffmpeg", "VAAPI not found") \
        == logging.INFO
    assert level_for(QtMsgType.QtDebugMsg, "qt.multimedia", "x") == logging.DEBUG


# ---------------------------------------------------------------- item 8: History wording


def _history_window(qtbot, history):
    from zoneinfo import ZoneInfo

    from posture_coach.ui.history_window import HistoryWindow

    window = HistoryWindow(history, ZoneInfo("Europe/Berlin"), {"desk-reset": "Desk reset"})
    qtbot.addWidget(window)
    return window


def _journal_history(tmp_path, rows):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from posture_coach.core import stats
    from posture_coach.core.clock import FakeClock
    from posture_coach.core.journal import Journal

    tz = ZoneInfo("Europe/Berlin")
    now = datetime(2026, 11, 23, 17, 0, tzinfo=tz)  # a Monday
    journal = Journal.open(tmp_path / "j.sqlite3", FakeClock(now))
    for hour, outcome in rows:
        when = now.replace(hour=hour, second=30)
        journal.record_break(planned_at=None, started_at=when, ended_at=when,
                             routine_id="desk-reset", outcome=outcome)
    return journal, stats, now, tz


def test_history_summary_agrees_with_the_table_and_adherence_never_reads_4_of_1(
        tmp_path, qtbot) -> None:
    from posture_coach.core.journal import Outcome
    from posture_coach.core.stats import Adherence

    journal, stats, now, tz = _journal_history(
        tmp_path, [(10, Outcome.DONE), (11, Outcome.DONE), (12, Outcome.PARTIAL)])
    try:
        from posture_coach.core.policy import Schedule

        window = _history_window(qtbot, stats.history(journal, Schedule(), tz, now))
        summary = window.today_label.text()
        table_taken = window.day_table.item(0, 1).text()
        assert window.day_table.horizontalHeaderItem(1).text() == "Taken"
        assert summary.startswith(f"{table_taken} taken (2 done, 1 partly done, 0 natural)")
        history = window.history
        import dataclasses

        window.set_history(dataclasses.replace(history, adherence=Adherence(7, 4, 1)))
        assert window.adherence_label.text() == (
            "100 % over the last 7 days: 4 breaks taken in working hours, more than the "
            "1 planned")
        window.set_history(dataclasses.replace(history, adherence=Adherence(7, 1, 4)))
        assert window.adherence_label.text() == (
            "25 % over the last 7 days: 1 of 4 planned breaks taken in working hours")
    finally:
        journal.close()


def test_the_day_view_lists_a_rating_after_the_break_it_followed(tmp_path, qtbot) -> None:
    from datetime import timedelta

    from posture_coach.core.journal import Outcome
    from posture_coach.core.policy import Schedule

    journal, stats, now, tz = _journal_history(tmp_path, [(10, Outcome.DONE)])
    try:
        # the app saves the rating with the moment the break window closed, a little
        # before the break's own record is written
        ended = journal.last_break().ended_at
        journal.record_pain(at=ended - timedelta(milliseconds=3), rating=4,
                            break_id=journal.last_break().id)
        window = _history_window(qtbot, stats.history(journal, Schedule(), tz, now))
        window.show_day(stats.day_detail(journal, now.date(), tz))
        lines = [window.day_list.item(i).text() for i in range(window.day_list.count())]
        assert lines == ["10:00 Desk reset: done", "10:00 Pain 4/10"]
    finally:
        journal.close()


# ---------------------------------------------------------------- item 1: settings fire breaks


def _settings_app(tmp_path, qtbot):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from posture_coach.core.clock import FakeClock
    from tests.qt.apphelpers import build_app

    monday_6 = datetime(2026, 11, 23, 6, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    clock = FakeClock(monday_6)
    app = build_app(tmp_path, clock, monday_6.tzinfo)  # started before working hours
    clock.set(monday_6.replace(hour=8, minute=30))
    app.apply(app.coach.replan())
    app.show_settings()
    dialog = app.settings_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return app, clock, dialog


def test_arrow_keys_in_a_time_field_apply_once_the_edit_settles_and_fire_no_break(
        tmp_path, qtbot) -> None:
    from datetime import timedelta

    from PySide6.QtCore import Qt, QTime

    app, clock, dialog = _settings_app(tmp_path, qtbot)
    try:
        sent: list[object] = []
        dialog.changed.connect(sent.append)
        field = dialog.work_start
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        field.setCurrentSection(field.Section.HourSection)
        for _ in range(3):  # 09:00 -> 06:00, one hour at a time
            qtbot.keyClick(field, Qt.Key.Key_Down)
        assert field.time() == QTime(6, 0)
        assert sent == [] and dialog.settle_timer.isActive()  # still being edited
        qtbot.waitUntil(lambda: bool(sent), timeout=3000)  # the pause in the edit
        assert len(sent) == 1 and app.settings.work_start.hour == 6
        plan = app.coach.current_plan
        now = clock.now()
        # due since 06:45 by the new hours, yet it comes after the usual notice
        assert app.break_window is None
        assert plan.due == now + timedelta(seconds=30)  # the usual notice (30 s)
        assert app.scheduler.get_job("notice") is not None
    finally:
        dialog.close()
        app.quit()


def test_enter_applies_a_number_at_once_and_typed_digits_work_after_a_click(
        tmp_path, qtbot) -> None:
    from PySide6.QtCore import QPoint, Qt, QTime

    app, _clock, dialog = _settings_app(tmp_path, qtbot)
    try:
        sent: list[object] = []
        dialog.changed.connect(sent.append)
        spin = dialog.interval
        spin.setFocus()
        qtbot.waitUntil(spin.hasFocus)
        spin.selectAll()
        qtbot.keyClicks(spin, "30")
        assert sent == []
        qtbot.keyClick(spin, Qt.Key.Key_Return)
        assert len(sent) == 1 and app.settings.interval_min == 30
        field = dialog.work_end
        edit = field.lineEdit()
        qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(4, edit.height() // 2))
        qtbot.keyClicks(field, "1615")
        assert field.time() == QTime(16, 15)
        field.clearFocus()  # leaving the field finishes the edit
        qtbot.waitUntil(lambda: app.settings.work_end.hour == 16)
        assert app.settings.work_end.minute == 15 and len(sent) == 2
    finally:
        dialog.close()
        app.quit()


# ---------------------------------------------------------------- item 7: Settings' words


@pytest.mark.parametrize(("kinds", "said"), [
    (("fullscreen", "do-not-disturb"),
     "Breaks wait while a full-screen window is in front or Do Not Disturb is on."),
    (("do-not-disturb",), "Breaks wait while Do Not Disturb is on."),
    (("fullscreen", "do-not-disturb", "in-a-call"),
     "Breaks wait while a full-screen window is in front, Do Not Disturb is on or you are "
     "in a call (the microphone or camera is in use)."),
    ((), "This desktop tells the app neither about full-screen windows, Do Not Disturb nor "
         "calls, so breaks never wait.")])
def test_settings_say_the_busy_signals_in_a_patients_words(qtbot, kinds, said) -> None:
    from posture_coach.core.settings import Settings
    from posture_coach.ui.settings_dialog import SettingsDialog

    name = "X11 _NET_WM_STATE_FULLSCREEN, dunst (dunstctl is-paused)" if kinds else None
    dialog = SettingsDialog(Settings(), [("desk-reset", "Desk reset")],
                            idle_monitor="X11 screensaver extension", quiet_signal=name,
                            quiet_kinds=kinds)
    qtbot.addWidget(dialog)
    assert dialog.quiet_status.text() == said
    assert "_NET_WM" not in dialog.quiet_status.text() + dialog.idle_status.text()
    assert "screensaver" not in dialog.idle_status.text()
    assert "screensaver" in dialog.idle_status.toolTip()
    assert dialog.idle_status.text() == ("Time away from the keyboard and mouse is noticed, "
                                         "and a long enough time away counts as a break.")


def test_the_real_busy_signals_have_plain_words() -> None:
    from posture_coach.desktop import calls, quiet
    from posture_coach.ui.signal_words import busy_phrases

    classes = [quiet.DunstDnd, quiet.GnomeDnd, quiet.FreedesktopInhibited, quiet.WindowsQuiet,
               quiet.X11Fullscreen] + [c for c in vars(calls).values()
                                       if isinstance(c, type) and hasattr(c, "busy")
                                       and c.__module__ == calls.__name__
                                       and hasattr(c, "name") and "Fake" not in c.__name__]
    for cls in classes:
        assert cls.kinds and set(cls.kinds) <= set(busy_phrases()), cls


@pytest.mark.parametrize("audio", [False, True, None])
def test_play_sounds_says_when_no_sound_device_was_found(qtbot, audio) -> None:
    from posture_coach.core.settings import Settings
    from posture_coach.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings(), [("desk-reset", "Desk reset")], idle_monitor=None,
                            quiet_signal=None, audio_output=audio)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(3)
    assert dialog.sound_note.isVisible() is (audio is False)
    if audio is False:
        assert dialog.sound_note.text() == ("No sound device was found on this computer, so "
                                            "no sound plays for now.")
        assert dialog.sound.accessibleDescription() == dialog.sound_note.text()


def test_the_language_box_says_when_the_command_line_chose_another(qtbot, language) -> None:
    from dataclasses import replace

    from posture_coach.core.settings import Settings
    from posture_coach.ui.settings_dialog import SettingsDialog

    language("en")  # as `--language en` installs it, while the setting says Español
    dialog = SettingsDialog(replace(Settings(), language="es"), [("d", "D")],
                            idle_monitor=None, quiet_signal=None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
    assert dialog.language.currentText() == "Español"
    assert dialog.language_note.isVisible()
    assert dialog.language_note.text().startswith(
        "English applies now: it was chosen when the app was started (--language")
    same = SettingsDialog(replace(Settings(), language="en"), [("d", "D")],
                          idle_monitor=None, quiet_signal=None)
    qtbot.addWidget(same)
    assert same.language_note.isHidden()


# ---------------------------------------------------------------- item 6: placement


@pytest.fixture
def no_places():
    from posture_coach.ui.placement import forget_all

    forget_all()
    yield
    forget_all()


def _centre_of_screen(window):
    from PySide6.QtGui import QGuiApplication

    area = QGuiApplication.primaryScreen().availableGeometry()
    frame = window.frameGeometry()

    def axis(start: int, length: int, area_start: int, area_length: int) -> bool:
        if length > area_length:  # wider than the screen: from its edge
            return start == area_start
        return abs(start + length / 2 - (area_start + area_length / 2)) <= 1
    return axis(frame.x(), frame.width(), area.x(), area.width()) and \
        axis(frame.y(), frame.height(), area.y(), area.height())


def test_a_window_opens_centred_then_where_it_was_left(qtbot, no_places) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QWidget

    from posture_coach.ui.placement import show_placed

    window = QWidget()
    qtbot.addWidget(window)
    window.resize(300, 200)
    show_placed(window, "test")
    assert window.isVisible() and _centre_of_screen(window)
    window.move(40, 50)
    window.close()
    again = QWidget()  # a window of that kind opened later opens where it was left
    qtbot.addWidget(again)
    again.resize(300, 200)
    show_placed(again, "test")
    assert again.pos() == QPoint(40, 50)
    again.move(5000, 5000)  # off every screen (a monitor unplugged): centred again
    again.close()
    third = QWidget()
    qtbot.addWidget(third)
    third.resize(300, 200)
    show_placed(third, "test")
    assert _centre_of_screen(third)


def test_every_window_of_the_app_opens_centred(tmp_path, qtbot, no_places) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from posture_coach.core.clock import FakeClock
    from tests.qt.apphelpers import build_app

    monday_10 = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    app = build_app(tmp_path, FakeClock(monday_10), monday_10.tzinfo)
    try:
        app.show_ice_heat()
        app.show_history()
        app.show_settings()
        app.log_pain()
        app.show_safety()
        windows = {"ice/heat": app.ice_heat_window, "history": app.history_window,
                   "settings": app.settings_dialog, "pain": app.pain_dialog,
                   "safety": app.safety_dialog}
        for name, window in windows.items():
            assert window.isVisible() and _centre_of_screen(window), (name, window.frameGeometry())
        assert app.tray.window is not None and _centre_of_screen(app.tray.window)
    finally:
        app.quit()


def test_the_ice_heat_window_has_no_gap_above_the_skin_box_and_a_centred_hint(qtbot) -> None:
    from datetime import datetime, timezone

    from PySide6.QtWidgets import QApplication

    from posture_coach.core import paths
    from posture_coach.core.clock import FakeClock
    from posture_coach.core.library import load_library_file
    from posture_coach.ui.ice_heat_window import IceHeatWindow

    ice_heat = load_library_file(paths.bundled_library()).ice_heat
    window = IceHeatWindow(ice_heat, FakeClock(datetime(2026, 1, 1, tzinfo=timezone.utc)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # before a choice the hint is centred in the window (no empty drawing column)
    hint = window.guidance
    assert not window.drawing.isVisible()
    centre = hint.mapTo(window, hint.rect().center()).x()
    assert abs(centre - window.width() / 2) <= 12
    for choose in (None, window.ice_button):
        if choose is not None:
            choose.click()
            qtbot.waitUntil(window.drawing.isVisible)
        QApplication.processEvents()
        guide_bottom = max(window.guidance.geometry().bottom(),
                           window.drawing.geometry().bottom()
                           if window.drawing.isVisible() else 0)
        gap = window.cautions.geometry().top() - guide_bottom
        assert gap <= 24, gap  # the layout's spacing, not an empty band


# ---------------------------------------------------------------- item 13: what is heard


def test_every_label_is_heard_as_it_reads(tmp_path, qtbot, no_places) -> None:
    """Each window a person reads: every visible label's spoken name is its text."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from posture_coach.core.clock import FakeClock
    from tests.qt.a11y import hidden_text
    from tests.qt.apphelpers import build_app

    monday_10 = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    app = build_app(tmp_path, FakeClock(monday_10), monday_10.tzinfo)
    try:
        app.show_ice_heat()
        app.show_history()
        app.show_settings()
        app.log_pain()
        windows = {"ice/heat": app.ice_heat_window, "history": app.history_window,
                   "pain": app.pain_dialog, "fallback": app.tray.window}
        problems = {name: hidden_text(w) for name, w in windows.items()}
        dialog = app.settings_dialog
        for index in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(index)
            problems[f"settings tab {index}"] = hidden_text(dialog)
        app.ice_heat_window.ice_button.click()
        problems["ice/heat chosen"] = hidden_text(app.ice_heat_window)
        app.show_safety()
        problems["safety"] = hidden_text(app.safety_dialog)
        app.break_now("desk-reset")
        problems["break: checklist"] = hidden_text(app.break_window)
        app.clock.advance(5)  # past the guard against a stray key
        app.break_window.skip_step()
        problems["break: first exercise"] = hidden_text(app.break_window)
        assert app.break_window.total_label.accessibleDescription() == \
            "Time left in this break"  # the role, as context
        assert {k: v for k, v in problems.items() if v} == {}
    finally:
        app.quit()


# ---------------------------------------------------------------- item 3: dark theme


def _luminance(c) -> float:
    def channel(v: int) -> float:
        v = v / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(a, b) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def edge_contrasts(window) -> list[tuple[str, float]]:
    """For each visible control, its edge against the background around it, measured
    from the window's pixels: the left edge (the best of its outer two pixel columns)
    at mid height against the pixel two columns further out."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import (
        QAbstractSpinBox,
        QCheckBox,
        QComboBox,
        QPushButton,
        QStyle,
        QStyleOptionButton,
    )

    image = window.grab().toImage()
    ratio = image.devicePixelRatio()
    found = []
    from PySide6.QtWidgets import (
        QAbstractScrollArea,
        QLineEdit,
        QRadioButton,
        QScrollArea,
        QWidget,
    )

    kinds = (QAbstractSpinBox, QCheckBox, QComboBox, QPushButton, QRadioButton, QLineEdit,
             QAbstractScrollArea)
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisibleTo(window) or \
                widget.parentWidget() is None or \
                not widget.visibleRegion().boundingRect().width():
            continue
        if isinstance(widget, QLineEdit) and isinstance(
                widget.parentWidget(), (QAbstractSpinBox, QComboBox)):
            continue  # the spin box's or combo box's own field: measured as that box
        if isinstance(widget, QAbstractScrollArea) and (
                isinstance(widget, QScrollArea) or widget.frameWidth() == 0):
            continue  # a frameless area (the words of a step) is a page, not a field
        if isinstance(widget, (QCheckBox, QRadioButton)):
            option = QStyleOptionButton()
            widget.initStyleOption(option)
            element = QStyle.SubElement.SE_CheckBoxIndicator if isinstance(
                widget, QCheckBox) else QStyle.SubElement.SE_RadioButtonIndicator
            rect = widget.style().subElementRect(element, option, widget)
        else:
            rect = widget.rect()
        top_left = widget.mapTo(window, rect.topLeft())
        y = round((top_left.y() + rect.height() // 2) * ratio)
        x = round(top_left.x() * ratio)
        if x < 3:
            continue
        background = image.pixelColor(QPoint(x - 2, y))
        best = max(contrast(image.pixelColor(QPoint(x + dx, y)), background) for dx in (0, 1))
        label = getattr(widget, "text", lambda: "")() or type(widget).__name__
        found.append((f"{type(widget).__name__} {label!r}", best))
    return found


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_every_control_edge_has_3_to_1_contrast_in_each_window(tmp_path, qtbot, qapp,
                                                                no_places, theme) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from posture_coach.core.clock import FakeClock
    from posture_coach.ui.theme import apply_theme
    from tests.qt.apphelpers import build_app

    apply_theme(qapp, theme)
    monday_10 = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    app = build_app(tmp_path, FakeClock(monday_10), monday_10.tzinfo)
    try:
        app.show_ice_heat()
        app.show_history()
        app.show_settings()
        app.log_pain()
        app.show_library()
        app.show_safety()
        app.programs.show_editor()
        app.break_now("desk-reset")  # the posture checklist comes first
        shots = {"ice/heat": app.ice_heat_window, "history": app.history_window,
                 "pain": app.pain_dialog, "posture checklist": app.break_window,
                 "library": app.library_window, "safety": app.safety_dialog,
                 "fallback window": app.tray.window}
        measured = {name: edge_contrasts(w) for name, w in shots.items()}
        app.clock.advance(5)  # past the guard against a stray key
        app.break_window.skip_step()
        measured["break: an exercise"] = edge_contrasts(app.break_window)
        app.ice_heat_window.ice_button.click()
        measured["ice/heat: the countdown"] = edge_contrasts(app.ice_heat_window)
        for name, window in (("settings", app.settings_dialog),
                             ("program editor", app.editor_window)):
            for index in range(window.tabs.count()):
                window.tabs.setCurrentIndex(index)
                measured[f"{name} tab {index}"] = edge_contrasts(window)
        # each window, each page, had controls to measure
        assert [k for k, v in measured.items() if not v] == []
        low = {name: [(w, round(c, 2)) for w, c in found if c < 3.0]
               for name, found in measured.items()}
        assert {k: v for k, v in low.items() if v} == {}
    finally:
        app.quit()
        apply_theme(qapp, "system")


# ---------------------------------------------------------------- item 11: the command line


def test_the_command_line_answers_in_the_apps_language(tmp_path, qtbot, capsys) -> None:
    """``status`` while the app runs in Spanish answers in Spanish, in local time; --json
    gives the reply for scripts, with ISO times."""
    import json
    from datetime import datetime, timezone

    from posture_coach.cli.main import _answer, _translator
    from posture_coach.core.cli_words import answer

    class Args:
        language = None

    reply = {"state": "running", "language": "es", "next_break": None,
             "seconds_to_next": None}
    assert _answer("status", reply, Args()).splitlines()[0] == \
        "Los descansos están activos. No hay ningún descanso previsto."
    spanish = _translator("es")
    when = datetime(2026, 12, 1, 14, 35, tzinfo=timezone.utc)
    text = answer("snooze", {"state": "running", "next_break": when.isoformat(),
                             "seconds_to_next": 720},
                  datetime(2026, 12, 1, 14, 23, tzinfo=timezone.utc), timezone.utc, spanish)
    assert text == "Pospuesta. Próximo descanso a las 14:35, en 12 minutos."
    Args.language = "en"  # --language wins
    assert _answer("status", reply, Args()).startswith("Breaks are on.")
    json.dumps(reply)  # the --json answer is the reply itself


def test_historys_charts_follow_the_dark_theme(tmp_path, qtbot, qapp, no_places) -> None:
    """Item 3: History's bar and pain charts were bright white in the dark theme: their
    pixels are now mostly the window's dark colour, and their words light."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from PySide6.QtGui import QColor

    from posture_coach.core.clock import FakeClock
    from posture_coach.ui.theme import apply_theme
    from tests.qt.apphelpers import build_app

    apply_theme(qapp, "dark")
    monday_10 = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    app = build_app(tmp_path, FakeClock(monday_10), monday_10.tzinfo)
    try:
        app.show_history()
        window = app.history_window
        window.resize(900, 680)
        window_colour = window.palette().color(QPalette.ColorRole.Window)
        for index, view in ((0, window.breaks_view), (1, window.pain_view)):
            window.tabs.setCurrentIndex(index)
            qtbot.waitUntil(view.isVisible)
            image = view.grab().toImage()
            step = 7
            pixels = [QColor(image.pixel(x, y)) for x in range(0, image.width(), step)
                      for y in range(0, image.height(), step)]
            dark = sum(1 for c in pixels if c.lightnessF() < 0.35)
            white = sum(1 for c in pixels if c.lightnessF() > 0.9)
            assert dark > 0.6 * len(pixels), (index, dark, len(pixels))
            assert white < 0.02 * len(pixels), (index, white, len(pixels))
            assert contrast(view.chart().titleBrush().color(), window_colour) >= 4.5 or \
                not view.chart().title()
    finally:
        app.quit()
        apply_theme(qapp, "system")
