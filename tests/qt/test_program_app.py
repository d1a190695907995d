"""Home programs in the wired app (offscreen, fake clock): the active program's routines,
schedule and home-session reminders; the import preview; the editor; and the round trip
editor -> program file -> import -> routines and reminders -> handout PDF."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QTime
from pytestqt.qtbot import QtBot

from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Outcome
from posture_coach.core.program import DESK_ROUTINE_ID
from posture_coach.core.program_store import ProgramStore
from posture_coach.report.handout import write_handout
from posture_coach.shell.app import PostureCoachApp, load_app_library
from posture_coach.ui.import_preview import ImportPreviewDialog
from posture_coach.ui.program_editor import ProgramEditor
from tests.program_helpers import docs_example, write_program
from tests.qt.apphelpers import FakeNotifier, build_app
from tests.qt.test_app import play_through
from tests.qt.test_handout import pdf_text

TZ = ZoneInfo("Europe/Berlin")
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)
ALL_TIME = (datetime(2000, 1, 1, tzinfo=TZ), datetime(2100, 1, 1, tzinfo=TZ))


def make_app(tmp_path: Path, clock: FakeClock) -> tuple[PostureCoachApp, FakeNotifier]:
    notifier = FakeNotifier()
    return build_app(tmp_path, clock, TZ, notifier), notifier


@pytest.fixture
def running(tmp_path: Path, qtbot: QtBot) -> Iterator[tuple[PostureCoachApp, FakeClock,
                                                             FakeNotifier]]:
    clock = FakeClock(MONDAY_10)
    app, notifier = make_app(tmp_path, clock)
    yield app, clock, notifier
    app.quit()


def test_no_program_at_first(running) -> None:  # type: ignore[no-untyped-def]
    app, _clock, _notifier = running
    assert app.program is None
    assert app.home_session_times() == {}
    assert app.tray.program_title_action.text() == "No program imported"
    assert not app.tray.print_program_action.isEnabled()
    assert DESK_ROUTINE_ID not in app.tray.routine_actions


def test_import_preview_then_import(running, tmp_path: Path,  # type: ignore[no-untyped-def]
                                    qtbot: QtBot) -> None:
    app, _clock, _notifier = running
    before_due = app.coach.current_plan.due
    assert before_due == MONDAY_10 + timedelta(minutes=45)
    app.preview_import(write_program(tmp_path / "clinic"))
    dialog = app.program_dialog
    assert isinstance(dialog, ImportPreviewDialog)
    lines = [dialog.lines.item(i).text() for i in range(dialog.lines.count())]
    assert "Breaks every 40 minutes (now every 45 minutes)" in lines
    assert "Reminder: Evening session, every day at 19:00" in lines
    assert dialog.heading.text().startswith("Upper back home program\nRiverside Physiotherapy")
    assert ProgramStore(tmp_path / "data").active_id() is None  # nothing yet
    assert dialog.import_button is not None
    dialog.import_button.click()
    assert ProgramStore(tmp_path / "data").active_id() == "2026-11-23-upper-back-home-program"
    assert app.program is not None and app.program.title == "Upper back home program"
    # routines, schedule and reminders follow the program
    assert app.routine_id == DESK_ROUTINE_ID
    assert "Home program: desk break" in [a.text() for a in app.tray.routine_actions.values()]
    assert app.tray.program_title_action.text() == "Active: Upper back home program"
    assert app.coach.current_plan.due == MONDAY_10 + timedelta(minutes=40)
    times = app.home_session_times()
    assert set(times) == {"evening"}
    assert times["evening"] == datetime(2026, 11, 23, 19, 0, tzinfo=TZ)


def test_bad_file_preview_lists_problems(running, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, _clock, _notifier = running
    bad = write_program(tmp_path / "clinic", docs_example().replace(
        "exercise: chin-tuck", "exercise: chin-tuk"))
    app.preview_import(bad)
    dialog = app.program_dialog
    assert dialog.import_button is None
    assert dialog.heading.text() == "program.yaml cannot be imported"
    first = dialog.lines.item(0).text()
    assert first.startswith(f"{bad}:22:15: exercises[0].exercise: unknown exercise 'chin-tuk'")
    assert not (tmp_path / "data" / "programs").exists()
    assert app.program is None


def test_import_preview_of_a_package(running, tmp_path: Path,  # type: ignore[no-untyped-def]
                                     qtbot: QtBot) -> None:
    """A .pcprogram from the tray: the same preview, then the import with its drawing; a
    hostile package lists its refusal and imports nothing."""
    import shutil
    import zipfile

    from posture_coach.core import paths
    from posture_coach.core.library import load_library_file
    from posture_coach.core.package import pack_program
    from posture_coach.core.program_store import read_checked

    app, _clock, _notifier = running
    package = tmp_path / "alex.pcprogram"
    source = write_program(tmp_path / "clinic")
    data, program = read_checked(source, load_library_file(paths.bundled_library()))
    pack_program(data, program, source.parent, package)
    shutil.rmtree(tmp_path / "clinic")
    app.preview_import(package)
    dialog = app.program_dialog
    assert isinstance(dialog, ImportPreviewDialog)
    lines = [dialog.lines.item(i).text() for i in range(dialog.lines.count())]
    assert "Breaks every 40 minutes (now every 45 minutes)" in lines
    assert dialog.import_button is not None
    dialog.import_button.click()
    folder = tmp_path / "data" / "programs" / "2026-11-23-upper-back-home-program"
    assert ProgramStore(tmp_path / "data").active_id() == folder.name
    assert (folder / "pictures" / "towel-wall-slide.svg").is_file()
    assert app.program is not None and app.program.title == "Upper back home program"
    dialog.close()
    qtbot.waitUntil(lambda: app.program_dialog is None)

    hostile = tmp_path / "hostile.pcprogram"
    with zipfile.ZipFile(hostile, "w") as zf:
        zf.writestr("program.yaml", docs_example())
        zf.writestr("../evil.svg", "<svg/>")
    app.preview_import(hostile)
    dialog = app.program_dialog
    assert dialog.import_button is None
    assert dialog.lines.item(0).text() == (
        f"{hostile}:../evil.svg: entry leaves the archive ('..'); refusing the package")
    assert ProgramStore(tmp_path / "data").ids() == [folder.name]


def test_home_session_reminder_logs_a_home_session(tmp_path: Path, qtbot: QtBot) -> None:
    ProgramStore(tmp_path / "data").import_file(write_program(tmp_path / "clinic"),
                                                load_app_library(tmp_path / "config").library)
    clock = FakeClock(MONDAY_10.replace(hour=19))
    app, notifier = make_app(tmp_path, clock)
    try:
        assert app.program is not None
        app.on_home_session("evening")  # what the cron job runs at 19:00
        assert notifier.sent[-1][0] == "Home session: Evening session"
        assert "Slow rib breathing, Towel wall slide" in notifier.sent[-1][1]
        window = app.break_window
        assert window is not None and window.routine.id == "program-evening"
        play_through(app, clock, rating=3)
        records = app.journal.breaks_between(*ALL_TIME)
        assert [(r.outcome, r.routine_id) for r in records] == [(Outcome.DONE,
                                                                 "program-evening")]
        assert app.journal.home_sessions_between(*ALL_TIME) == {records[0].id: "evening"}
        assert list(dict.fromkeys(s.exercise_id for s in records[0].steps)) == \
            ["rib-breathing", "towel-wall-slide", "doorway-chest-stretch"]
    finally:
        app.quit()


def test_activation_from_the_command_line_is_picked_up_on_the_tick(
        running, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, _clock, _notifier = running
    store = ProgramStore(tmp_path / "data")
    store.import_file(write_program(tmp_path / "clinic"), app.base_library)
    app.tick()
    assert app.program is not None and app.home_session_times()
    store.deactivate()
    app.tick()
    assert app.program is None and app.home_session_times() == {}
    assert app.routine_id == "desk-reset"
    assert app.coach.schedule.interval == timedelta(minutes=45)


def test_the_command_line_tells_the_running_app_at_once(
        running, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`program import/activate/deactivate` send "program-changed": no minute's wait."""
    from posture_coach.core.commands import parse_request

    app, _clock, _notifier = running
    store = ProgramStore(tmp_path / "data")
    store.import_file(write_program(tmp_path / "clinic"), app.base_library)
    reply = app.handle_command(parse_request(b'{"cmd": "program-changed"}\n'))
    assert reply == {"program": "Upper back home program"}
    assert app.coach.current_plan.due == MONDAY_10 + timedelta(minutes=40)
    store.deactivate()
    assert app.handle_command(parse_request(b'{"cmd": "program-changed"}\n')) == \
        {"program": None}
    assert app.coach.current_plan.due == MONDAY_10 + timedelta(minutes=45)


def fill_editor(editor: ProgramEditor, qtbot: QtBot) -> None:
    editor.title_edit.setText("Neck and upper back")
    editor.clinic_edit.setText("Harbour Physio")
    editor.phone_edit.setText("+44 20 7946 0000")
    editor.address_edit.setText("1 Quay Street, Bristol")
    editor.clinician_edit.setText("Sam Okafor, PT")
    editor.patient_edit.setText("Jo")
    editor.start_edit.setDate(QDate(2026, 11, 23))
    editor.tabs.setCurrentIndex(1)
    for name in ("Chin tucks", "Slow rib breathing", "Stand up and walk"):
        item = editor.library_list.findItems(name, __import__("PySide6.QtCore").QtCore.Qt
                                             .MatchFlag.MatchExactly)[0]
        editor.library_list.setCurrentItem(item)
        editor.add_button.click()
    editor.chosen_list.setCurrentRow(0)  # chin tucks
    editor.sets_spin.setValue(2)
    editor.reps_spin.setValue(8)
    editor.hold_spin.setValue(4)
    editor.times_spin.setValue(3)
    editor.days_spin.setValue(5)
    editor.notes_edit.setText("Eyes level")
    editor.chosen_list.setCurrentRow(1)  # breathing
    assert not editor.sets_spin.isVisible() or not editor.isVisible()
    editor.cycles_spin.setValue(8)
    editor.desk_check.setChecked(False)
    editor.home_check.setChecked(True)
    editor.chosen_list.setCurrentRow(2)  # walk
    editor.duration_spin.setValue(3)
    editor.home_check.setChecked(True)
    editor.tabs.setCurrentIndex(2)
    editor.interval_spin.setValue(35)
    editor.home_time.setTime(QTime(18, 30))
    editor.ice_combo.setCurrentIndex(editor.ice_combo.findData("heat"))
    editor.safety_edit.setPlainText("Stop if the arm tingles.\n\nCall us with questions.")


def test_round_trip_editor_file_import_handout(tmp_path: Path, qtbot: QtBot) -> None:
    from posture_coach.shell.editor import wire_editor

    library = load_app_library(tmp_path / "config").library
    editor = ProgramEditor(library, today=QDate(2026, 11, 23))
    qtbot.addWidget(editor)
    wire_editor(editor, library)
    fill_editor(editor, qtbot)
    path = tmp_path / "clinic" / "jo.yaml"
    path.parent.mkdir()
    editor.save_requested.emit(path, editor.draft())
    assert editor.status.text().startswith(f"Saved to {path}.")
    assert "program: 1" in path.read_text(encoding="utf-8")
    # import into a running app
    clock = FakeClock(MONDAY_10)
    app, _notifier = make_app(tmp_path, clock)
    try:
        app.import_program(path)
        program = app.program
        assert program is not None and program.clinic.name == "Harbour Physio"
        chin = program.prescription("chin-tuck")
        assert (chin.dose.sets, chin.dose.reps, chin.dose.hold_s) == (2, 8, 4.0)
        assert chin.frequency() == "3 times a day, 5 days a week" and chin.notes == "Eyes level"
        assert program.prescription("rib-breathing").dose.cycles == 8
        assert program.prescription("walk-break").dose.duration_s == 180
        desk = app.library.routine(DESK_ROUTINE_ID)
        assert [i.exercise.id for i in desk.items] == ["chin-tuck", "walk-break"]
        home = app.library.routine("program-home")
        assert [i.exercise.id for i in home.items] == ["rib-breathing", "walk-break"]
        assert app.home_session_times() == {"home": datetime(2026, 11, 23, 18, 30, tzinfo=TZ)}
        assert app.coach.schedule.interval == timedelta(minutes=35)
        assert program.safety_notes == ("Stop if the arm tingles.", "Call us with questions.")
        out = write_handout(program, app.base_library, tmp_path / "handout.pdf")
    finally:
        app.quit()
    text = " ".join(pdf_text(out).split())
    for word in ("Harbour Physio", "+44 20 7946 0000", "1 Quay Street, Bristol",
                 "Sam Okafor, PT", "Neck and upper back", "Stop if the arm tingles."):
        assert word in text, word
    for p in program.prescriptions:
        assert p.exercise.name in text and p.dose_text() in text and p.frequency() in text
    assert "2 sets of 8 reps, hold 4 s" in text and "8 slow breaths" in text
    assert "3 minutes" in text


def test_editor_reopens_a_program_and_refuses_an_empty_one(tmp_path: Path,
                                                            qtbot: QtBot) -> None:
    from posture_coach.core.program import load_program
    from posture_coach.shell.editor import wire_editor

    library = load_app_library(tmp_path / "config").library
    program = load_program(write_program(tmp_path / "p"), library)
    editor = ProgramEditor(library, program)
    qtbot.addWidget(editor)
    assert editor.clinic_edit.text() == "Riverside Physiotherapy"
    assert editor.chosen_list.count() == 3  # the program's own exercise stays in its file
    assert editor.interval_spin.value() == 40
    draft = editor.draft()
    assert [e.exercise_id for e in draft.exercises] == \
        ["chin-tuck", "doorway-chest-stretch", "rib-breathing"]
    empty = ProgramEditor(library)
    qtbot.addWidget(empty)
    wire_editor(empty, library)
    target = tmp_path / "empty.yaml"
    empty.save_requested.emit(target, empty.draft())
    assert empty.status.text().startswith("Not saved: clinic.name: ")
    assert not target.exists()
    assert not list(tmp_path.glob(".empty.yaml*"))
    # every control has an accessible name
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QLineEdit

    for kind in (QAbstractButton, QAbstractSpinBox, QLineEdit):
        for widget in empty.findChildren(kind):
            if widget.objectName().startswith("qt_"):
                continue
            assert widget.accessibleName(), widget


def test_program_desk_break_stays_the_routine_after_breaks_and_settings_changes(
        tmp_path: Path, qtbot: QtBot) -> None:
    """The settings' rotation never replaces a program's prescribed desk break, and a
    settings change keeps the program's interval."""
    from dataclasses import replace

    ProgramStore(tmp_path / "data").import_file(write_program(tmp_path / "clinic"),
                                                load_app_library(tmp_path / "config").library)
    clock = FakeClock(MONDAY_10)
    app, _notifier = make_app(tmp_path, clock)
    try:
        assert app.routine_id == DESK_ROUTINE_ID
        app.apply_settings(replace(app.settings, routines=("desk-reset", "breathing-break")))
        assert app.routine_id == DESK_ROUTINE_ID
        assert app.coach.current_plan.due == MONDAY_10 + timedelta(minutes=40)
        app.break_now(app.routine_id)
        play_through(app, clock, rating=2)
        assert app.routine_id == DESK_ROUTINE_ID
    finally:
        app.quit()


def test_time_to_get_evaluated_names_the_programs_clinic(tmp_path: Path, qtbot: QtBot) -> None:
    ProgramStore(tmp_path / "data").import_file(write_program(tmp_path / "clinic"),
                                                load_app_library(tmp_path / "config").library)
    clock = FakeClock(MONDAY_10)
    app, _notifier = make_app(tmp_path, clock)
    try:
        assert app.program is not None
        app.journal.record_pain(at=clock.now(), rating=5, sleep=True)
        text = app.evaluation_text()
        clinic = app.program.clinic
        assert text is not None and clinic.phone in text and clinic.name in text
    finally:
        app.quit()


def dialog_text(dialog) -> str:  # type: ignore[no-untyped-def]
    """Every label's text in a dialog (what the user reads), tags stripped."""
    import re

    from PySide6.QtWidgets import QLabel

    return " ".join(re.sub(r"<[^>]+>", " ", label.text())
                    for label in dialog.findChildren(QLabel))


@pytest.mark.parametrize(("locale", "number", "sentence"), [
    ("en_AU.UTF-8", "000", "Call 000 or seek emergency care now"),
    ("en_NZ.UTF-8", "111", "Call 111 or seek emergency care now"),
    ("C.UTF-8", None, "Call your local emergency number or seek emergency care now"),
])
def test_safety_screen_and_tray_entry_give_the_locale_number(
        tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
        locale: str, number: str | None, sentence: str) -> None:
    monkeypatch.setenv("LC_ALL", locale)
    app, _notifier = make_app(tmp_path, FakeClock(MONDAY_10))
    try:
        entry = app.tray.safety_action.text()
        assert entry == ("Safety: &when to get help…" if number is None
                         else f"Safety: &when to get help (emergency: {number})…")
        app.tray.safety_action.trigger()
        assert app.safety_dialog is not None
        assert sentence in dialog_text(app.safety_dialog)
        assert "{emergency_number}" not in dialog_text(app.safety_dialog)
        app.safety_dialog.close()
    finally:
        app.quit()


def test_the_programs_emergency_number_wins(tmp_path: Path, qtbot: QtBot,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    app, _notifier = make_app(tmp_path, FakeClock(MONDAY_10))
    try:
        assert app.tray.safety_action.text() == "Safety: &when to get help (emergency: 911)…"
        path = write_program(tmp_path / "clinic", docs_example().replace(
            "  clinician: Dana Lee, PT\n",
            '  clinician: Dana Lee, PT\n  emergency_number: "000"\n'))
        app.import_program(path)
        assert app.program is not None and app.program.clinic.emergency_number == "000"
        assert app.tray.safety_action.text() == "Safety: &when to get help (emergency: 000)…"
        app.tray.safety_action.trigger()
        assert "Call 000 or seek emergency care now" in dialog_text(app.safety_dialog)
        app.safety_dialog.close()
    finally:
        app.quit()
