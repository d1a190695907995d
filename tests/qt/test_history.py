"""History window, pain dialog and safety screen offscreen; and the wired app: tray entries,
pain stored, 8+ shows the safety screen, first-run acknowledgement, the weekly
"time to get evaluated" notification, export from the window, delete all my data."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from posture_coach.core import safety, stats
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal, Outcome, StepRecord, StepStatus
from posture_coach.core.policy import Schedule
from posture_coach.shell.app import PostureCoachApp, load_app_library
from posture_coach.ui.history_window import HistoryWindow
from posture_coach.ui.pain_dialog import PainDialog
from posture_coach.ui.safety_window import SafetyDialog
from tests.qt.apphelpers import FakeNotifier, build_app

TZ = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 24, 16, 0, tzinfo=TZ)  # a Tuesday


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=TZ)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal.open(tmp_path / "j.sqlite3", FakeClock(NOW)) as j:
        yield j


def fill(journal: Journal) -> None:
    today = NOW.date()
    steps = (StepRecord(0, "chin-tuck", StepStatus.DONE, 30),
             StepRecord(1, "doorway-stretch", StepStatus.SKIPPED, 0))
    for i in range(4):
        journal.record_break(planned_at=None, started_at=at(today, 10 + i),
                             ended_at=at(today, 10 + i, 3), routine_id="desk-reset",
                             outcome=Outcome.DONE, steps=steps)
    journal.record_break(planned_at=None, started_at=at(today, 15), ended_at=at(today, 15),
                         routine_id=None, outcome=Outcome.SKIPPED)
    journal.record_pain(at=at(today, 11), rating=5, note="after lunch", sleep=True)
    journal.record_pain(at=at(today - timedelta(days=2), 11), rating=3)
    journal.record_thermal(mode="heat", started_at=at(today, 12), ended_at=at(today, 12, 15),
                           planned_minutes=15, completed=True)


def window_for(journal: Journal, qtbot: QtBot, evaluation: str | None = None
               ) -> HistoryWindow:
    h = stats.history(journal, Schedule(), TZ, NOW)
    w = HistoryWindow(h, TZ, {"chin-tuck": "Chin tuck", "desk-reset": "Desk reset"},
                      evaluation)
    qtbot.addWidget(w)
    return w


def test_history_shows_today_streak_adherence_charts(journal: Journal, qtbot: QtBot) -> None:
    fill(journal)
    w = window_for(journal, qtbot, "Time to get evaluated: test")
    w.show()
    assert w.banner.isVisible() and "evaluated" in w.banner.text()
    assert w.today_label.text().startswith(
        "4 taken (4 done, 0 partly done, 0 natural), 1 skipped")
    assert w.streak_label.text() == \
        "Working days in a row meeting the daily goal (breaks taken ≥ 5): 0"
    # Monday (first record the day before: in use) 11 planned, today 9 so far
    assert w.adherence_label.text().startswith("20 % over the last 30 days: 4 of 20 planned")
    assert w.thermal_label.text() == "Sessions in the last 90 days: ice 0, heat 1"
    series = w.breaks_chart.series()[0]
    done = series.barSets()[0]
    assert done.label() == "Done" and done.count() == 30 and done.at(29) == 4.0
    w.range_box.setCurrentIndex(0)
    assert w.breaks_chart.series()[0].barSets()[0].count() == 7
    assert w.day_table.rowCount() == 7 and w.day_table.item(0, 1).text() == "4"
    assert w.day_table.item(0, 5).text() == "5.0"
    assert w.pain_chart.series()[0].count() == 2
    assert w.exercise_table.item(0, 0).text() == "Chin tuck"
    assert w.exercise_table.item(0, 1).text() == "4"


def test_no_banner_without_evaluation_and_empty_journal(journal: Journal,
                                                        qtbot: QtBot) -> None:
    w = window_for(journal, qtbot)
    w.show()
    assert not w.banner.isVisible()
    assert "No breaks were planned" in w.adherence_label.text()
    assert "No pain ratings" in w.pain_summary.text()


def test_open_a_day_by_keyboard_and_see_its_entries(journal: Journal, qtbot: QtBot) -> None:
    fill(journal)
    w = window_for(journal, qtbot)
    asked: list[date] = []
    w.day_requested.connect(asked.append)
    w.day_table.setCurrentCell(0, 0)
    qtbot.keyClick(w.day_table, Qt.Key.Key_Return)
    assert asked == [NOW.date()]
    w.day_edit.setDate(w.day_edit.date().addDays(-2))
    w.open_day_button.click()
    assert asked[-1] == NOW.date() - timedelta(days=2)
    w.breaks_chart.series()[0].barSets()[0].clicked.emit(29)
    assert asked[-1] == NOW.date()
    w.show_day(stats.day_detail(journal, NOW.date(), TZ))
    lines = [w.day_list.item(i).text() for i in range(w.day_list.count())]
    assert lines[0] == "10:03 Desk reset: done — 1 of 2 exercises done (Chin tuck)"
    assert "11:00 Pain 5/10 · gets in the way of sleep — “after lunch”" in lines
    assert "12:00 Heat for 15 min" in lines
    assert lines[-1] == "15:00 Break away from the computer: skipped"
    assert w.tabs.currentWidget() is w.day_tab
    w.show_day(stats.DayDetail(day=date(2020, 1, 1)))
    assert w.day_list.item(0).text() == "Nothing was recorded on this day."


def test_export_and_delete_ask_first(journal: Journal, qtbot: QtBot,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    w = window_for(journal, qtbot)
    exports: list[tuple[str, str]] = []
    w.export_requested.connect(lambda p, f: exports.append((p, f)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: ("/tmp/x.json", "")))
    w.export_button.click()
    assert exports == [("/tmp/x.json", "json")]
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: ("", "")))
    w.export_button.click()
    assert len(exports) == 1
    deletes: list[bool] = []
    w.delete_requested.connect(lambda: deletes.append(True))
    answers = iter([True, False])
    questions: list[str] = []
    monkeypatch.setattr(w, "ask", lambda title, text: (questions.append(title),
                                                       next(answers))[1])
    w.delete_button.click()
    assert deletes == [] and questions == ["Delete all my data?", "Really delete everything?"]
    answers = iter([True, True])
    w.delete_button.click()
    assert deletes == [True]


def test_pain_dialog_emits_rating_note_and_interference(qtbot: QtBot) -> None:
    d = PainDialog(initial=3)
    qtbot.addWidget(d)
    got: list[tuple[int, str, bool, bool]] = []
    d.logged.connect(lambda *a: got.append(a))
    assert d.value_label.text() == "3 / 10"
    qtbot.keyClick(d.slider, Qt.Key.Key_Right)
    assert d.slider.value() == 4 and d.value_label.text() == "4 / 10"
    d.note.setText("  stiff  ")
    d.work.setChecked(True)
    d.save()
    assert got == [(4, "stiff", False, True)]


def test_safety_dialog_lists_red_flags_and_acknowledges(qtbot: QtBot, tmp_path: Path) -> None:
    library = load_app_library(tmp_path).library
    assert library.safety is not None
    d = SafetyDialog(library.safety, first_run=True, high_pain=True)
    qtbot.addWidget(d)
    text = d.spoken_text()
    for words in ("Chest pain", "trauma", "night sweats", "trouble walking",
                  "rapidly getting worse", "emergency", "rated your pain 8"):
        assert words in text
    acks: list[bool] = []
    d.acknowledged.connect(lambda: acks.append(True))
    assert d.ok_button.text() == "I have read this"
    d.ok_button.click()
    assert acks == [True]
    plain = SafetyDialog(library.safety)
    qtbot.addWidget(plain)
    assert plain.ok_button.text() == "Close" and "rated your pain" not in plain.spoken_text()


# ---------------------------------------------------------------------------- the app


@pytest.fixture
def parts(tmp_path: Path, qtbot: QtBot) -> Iterator[tuple[PostureCoachApp, FakeClock,
                                                          FakeNotifier]]:
    clock = FakeClock(NOW)
    notifier = FakeNotifier()
    app = build_app(tmp_path, clock, TZ, notifier)
    yield app, clock, notifier
    app.quit()


def test_tray_logs_pain_and_a_break_away_and_opens_history(parts) -> None:  # type: ignore
    app, clock, notifier = parts
    tray = app.tray
    assert tray.history_action.isEnabled()
    tray.break_away_action.trigger()
    last = app.journal.last_break()
    assert last is not None and last.outcome is Outcome.DONE and last.routine_id is None
    tray.history_action.trigger()
    window = app.history_window
    assert window is not None and window.isVisible()
    assert window.today_label.text().startswith("1 taken (1 done")
    tray.log_pain_action.trigger()
    dialog = app.pain_dialog
    dialog.slider.setValue(4)
    dialog.sleep.setChecked(True)
    dialog.save()
    pain = app.journal.last_pain()
    assert pain is not None and (pain.rating, pain.sleep) == (4, True)
    assert app.safety_dialog is None  # 4 is not high
    # the open History follows: the banner, and the weekly notification
    assert window.banner.isVisible() and "sleep or your work" in window.banner.text()
    assert notifier.sent[-1][0] == "Time to get evaluated"
    count = len(notifier.sent)
    clock.advance(hours=1)
    tray.log_pain_action.trigger()
    app.pain_dialog.slider.setValue(8)
    app.pain_dialog.save()
    assert app.journal.last_pain().rating == 8  # type: ignore[union-attr]
    assert app.safety_dialog is not None and "rated your pain 8" in \
        app.safety_dialog.spoken_text()
    assert len(notifier.sent) == count  # not again within the week
    window.day_requested.emit(NOW.date())
    assert window.day_list.count() == 3


def test_high_rating_after_a_break_shows_safety(parts) -> None:  # type: ignore
    app, _clock, _n = parts
    app.break_now("desk-reset")
    app.break_window.finish()
    app.break_window.rate(9)
    assert app.safety_dialog is not None


def test_first_run_safety_is_acknowledged_once(parts) -> None:  # type: ignore
    app, _clock, _n = parts
    app.first_run_safety()
    dialog = app.safety_dialog
    assert dialog is not None and dialog.first_run
    dialog.ok_button.click()
    assert safety.acknowledged(app.journal)
    assert app.safety_dialog is None or not app.safety_dialog.isVisible()
    app.first_run_safety()
    assert app.safety_dialog is None or not app.safety_dialog.isVisible()


def test_export_from_the_window_and_delete_all_data(parts, tmp_path: Path,  # type: ignore
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    app, clock, _n = parts
    data = app.services.data
    app.break_away()
    app.journal.record_pain(at=clock.now(), rating=2)
    (data / "journal.sqlite3.bak-v3").write_text("old copy")
    (data / "logs").mkdir(exist_ok=True)
    (data / "logs" / "posture-coach.log").write_text("a log")
    app.show_history()
    window = app.history_window
    out = tmp_path / "export.csv"
    window.export_requested.emit(str(out), "csv")
    assert "Exported to" in window.status.text()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and "pain" in out.read_text()
    window.export_requested.emit(str(tmp_path / "missing" / "x.csv"), "csv")
    assert "Could not write" in window.status.text()
    monkeypatch.setattr(window, "ask", lambda title, text: True)
    window.delete_button.click()
    assert "All your data was deleted" in window.status.text()
    assert not (data / "journal.sqlite3.bak-v3").exists()
    assert not (data / "logs" / "posture-coach.log").exists()
    assert app.journal.last_break() is None and app.journal.last_pain() is None
    assert window.today_label.text().startswith("0 taken (0 done")
    # the app keeps running with the fresh journal
    app.break_away()
    assert app.journal.last_break() is not None
    assert app.coach.journal is app.journal


def test_command_channel_opens_history_and_pain(parts) -> None:  # type: ignore
    from posture_coach.core.commands import Request

    app, _clock, _n = parts
    assert app.handle_command(Request("history", {})) == {"shown": "history"}
    assert app.history_window is not None
    assert app.handle_command(Request("log-pain", {})) == {"shown": "log-pain"}
    assert app.pain_dialog is not None


def test_daily_check_notifies_once_a_day_at_most_once_a_week(parts) -> None:  # type: ignore
    app, clock, notifier = parts
    app.journal.record_pain(at=clock.now(), rating=5, work=True)
    app.daily_checks()
    assert [t for t, _m in notifier.sent] == ["Time to get evaluated"]
    app.tick_timer.timeout.emit()  # the same day: not checked again
    clock.advance(days=1)
    app.tick_timer.timeout.emit()  # checked, but within the week: no second notification
    assert len(notifier.sent) == 1
    clock.advance(days=7)
    app.journal.record_pain(at=clock.now(), rating=5, sleep=True)
    app.tick_timer.timeout.emit()
    assert len(notifier.sent) == 2
