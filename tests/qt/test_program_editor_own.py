"""The program editor defines the PT's own exercises (a drawing chosen from a file and
copied beside the program), edits every home session, and refuses hostile drawings with
a message, copying nothing.  Each test asserts what the PT sees and what is on disk."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from posture_coach.core import paths
from posture_coach.core.library import Library, load_library_file
from posture_coach.core.program import load_program
from posture_coach.shell.editor import wire_editor
from posture_coach.ui.exercise_dialog import ExerciseDialog
from posture_coach.ui.program_editor import ProgramEditor
from tests.program_helpers import SVG, docs_example, write_program


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library_file(paths.bundled_library())


def new_editor(qtbot: QtBot, lib: Library) -> ProgramEditor:
    editor = ProgramEditor(lib, today=QDate(2026, 11, 23))
    qtbot.addWidget(editor)
    wire_editor(editor, lib)
    editor.clinic_edit.setText("Harbour Physio")
    editor.phone_edit.setText("+61 2 9999 0000")
    editor.address_edit.setText("1 Quay Street")
    editor.clinician_edit.setText("Sam Okafor, PT")
    return editor


def add_library(editor: ProgramEditor, name: str) -> None:
    [item] = editor.library_list.findItems(name, Qt.MatchFlag.MatchExactly)
    editor.library_list.setCurrentItem(item)
    editor.add_button.click()


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(path), "")))


def fill_form(dialog: ExerciseDialog, name: str = "Towel slide") -> None:
    dialog.name_edit.setText(name)
    dialog.name_edit.textEdited.emit(name)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("movement"))
    dialog.position_combo.setCurrentIndex(dialog.position_combo.findData("wall"))
    dialog.summary_edit.setText("Slide a towel up the wall.")
    dialog.steps_edit.setPlainText("Face the wall.\n\nSlide the towel up.\nSlide it down.")
    dialog.cautions_edit.setPlainText("Stop before the shoulder pinches.")
    dialog.source_combo.setEditText("Harbour Physio")
    dialog.sets_spin.setValue(2)
    dialog.reps_spin.setValue(8)
    dialog.hold_spin.setValue(3)
    dialog.rest_spin.setValue(20)


def keep(dialog: ExerciseDialog) -> None:
    dialog.buttons.accepted.emit()


def saved(editor: ProgramEditor, path: Path) -> dict:  # type: ignore[type-arg]
    editor.save_requested.emit(path, editor.draft())
    assert editor.status.text().startswith(f"Saved to {path}."), editor.status.text()
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_define_an_exercise_with_a_drawing_and_save(tmp_path: Path, qtbot: QtBot,
                                                    lib: Library,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    drawing = tmp_path / "my drawings" / "slide.svg"
    drawing.parent.mkdir()
    drawing.write_text(SVG, encoding="utf-8")
    editor = new_editor(qtbot, lib)
    add_library(editor, "Wall plank")
    dialog = editor.new_exercise()
    fill_form(dialog)
    assert dialog.id_edit.text() == "towel-slide"  # made from the name
    choose_file(monkeypatch, drawing)
    dialog.choose_button.click()
    assert dialog.drawing_label.text() == "slide.svg"
    assert not dialog.drawing_view.pixmap().isNull()  # the PT sees the drawing
    [easier] = dialog.easier_list.findItems("Wall plank", Qt.MatchFlag.MatchExactly)
    easier.setCheckState(Qt.CheckState.Checked)
    keep(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [editor.chosen_list.item(i).text() for i in range(editor.chosen_list.count())] \
        == ["Wall plank", "Towel slide"]
    assert editor.status.text().startswith("Towel slide is in the program.")
    # the own exercise is at work breaks; put it in the evening session too
    assert editor.desk_check.isChecked()
    editor.session_checks[0].setChecked(True)
    # its easier link counts: "Make easier" offers the wall plank? it is already there
    assert not editor.easier_button.isEnabled()
    assert "already in the program" in editor.easier_button.toolTip()
    path = tmp_path / "clinic" / "jo.yaml"
    path.parent.mkdir()
    doc = saved(editor, path)
    define = doc["exercises"][1]["define"]
    assert define["id"] == "towel-slide" and define["illustration"] == \
        "pictures/towel-slide.svg"
    assert define["steps"] == ["Face the wall.", "Slide the towel up.", "Slide it down."]
    assert define["dose"] == {"reps": 8, "sets": 2, "hold_s": 3, "rest_s": 20}
    assert define["easier"] == ["wall-plank"] and define["source"] == "Harbour Physio"
    assert (path.parent / "pictures" / "towel-slide.svg").read_text(encoding="utf-8") == SVG
    assert doc["desk_break"] == ["wall-plank", "towel-slide"]
    assert doc["home_sessions"][0]["exercises"] == ["towel-slide"]
    program = load_program(path, lib)
    own = program.prescription("towel-slide")
    assert own.defined_here and own.exercise.illustration == \
        (path.parent / "pictures" / "towel-slide.svg").resolve()
    assert own.dose.describe() == "2 sets of 8 reps, hold 3 s, rest 20 s between sets"
    # "Make harder" from the wall plank is the knee plank; the own exercise's link is seen
    editor.chosen_list.setCurrentRow(0)
    assert editor.harder_button.isEnabled()
    with_own = program.with_library(lib)
    assert "towel-slide" in with_own.harder("wall-plank")


def test_validation_errors_are_shown_with_their_field(qtbot: QtBot, lib: Library) -> None:
    editor = new_editor(qtbot, lib)
    dialog = editor.new_exercise()
    keep(dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted  # not kept
    assert not dialog.problems_label.isHidden()
    shown = dialog.problems_label.text().splitlines()
    assert shown == ["Name: give the exercise a name",
                     "Summary: say in one sentence what it does",
                     "Steps: write at least one step, one a line",
                     "Cautions: write at least one caution, one a line"]
    fill_form(dialog)
    [harder] = dialog.harder_list.findItems("Plank", Qt.MatchFlag.MatchExactly)
    harder.setCheckState(Qt.CheckState.Checked)
    [easier] = dialog.easier_list.findItems("Plank", Qt.MatchFlag.MatchExactly)
    easier.setCheckState(Qt.CheckState.Checked)
    keep(dialog)
    assert dialog.problems_label.text() == \
        "Harder versions: Plank cannot be both easier and harder"
    # a circle: plank is harder than the wall plank, so nothing can be harder than the
    # plank and easier than the wall plank
    easier.setCheckState(Qt.CheckState.Unchecked)
    [wall] = dialog.easier_list.findItems("Wall plank", Qt.MatchFlag.MatchExactly)
    harder.setCheckState(Qt.CheckState.Unchecked)
    [plank] = dialog.easier_list.findItems("Plank", Qt.MatchFlag.MatchExactly)
    plank.setCheckState(Qt.CheckState.Checked)
    [wall] = dialog.harder_list.findItems("Wall plank", Qt.MatchFlag.MatchExactly)
    wall.setCheckState(Qt.CheckState.Checked)
    keep(dialog)
    assert dialog.problems_label.text().startswith("Easier versions: the progression goes "
                                                   "round in a circle (")
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert editor.chosen_list.count() == 0
    # an id the library has
    wall.setCheckState(Qt.CheckState.Unchecked)
    dialog.id_edit.setText("chin-tuck")
    keep(dialog)
    assert dialog.problems_label.text() == \
        "Id: 'chin-tuck' is already a library exercise; give your exercise another id"
    dialog.id_edit.setText("towel-slide")
    keep(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert editor.chosen_list.count() == 1


@pytest.mark.parametrize("hostile", ["symlink", "fifo", "huge", "not-svg", "outside-ref",
                                     "png-name"])
def test_hostile_drawings_are_refused_and_nothing_is_copied(
        hostile: str, tmp_path: Path, qtbot: QtBot, lib: Library,
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "real.svg").write_text(SVG, encoding="utf-8")
    bad = folder / ("bad.png" if hostile == "png-name" else "bad.svg")
    if hostile == "symlink":
        bad.symlink_to(folder / "real.svg")
    elif hostile == "fifo":
        os.mkfifo(bad)
    elif hostile == "huge":
        bad.write_text(SVG[:-7] + " " * (2 * 1024 * 1024) + "</svg>\n", encoding="utf-8")
    elif hostile == "not-svg":
        bad.write_text("name,reps\nslide,8\n", encoding="utf-8")
    elif hostile == "outside-ref":
        bad.write_text(SVG.replace("<circle", '<image href="../../etc/passwd"/><circle'),
                       encoding="utf-8")
    else:
        bad.write_text(SVG, encoding="utf-8")
    messages = {"symlink": "is a symbolic link", "fifo": "not a regular file",
                "huge": "larger than 1024 KiB", "not-svg": "is not an SVG drawing",
                "outside-ref": "outside itself", "png-name": "is not a PNG picture"}
    editor = new_editor(qtbot, lib)
    dialog = editor.new_exercise()
    fill_form(dialog)
    choose_file(monkeypatch, bad)
    done = threading.Event()
    timer = threading.Timer(5, lambda: done.is_set() or _unblock(bad))
    timer.start()  # a FIFO nobody writes to must not hang the editor
    try:
        dialog.choose_button.click()
    finally:
        done.set()
        timer.cancel()
    assert dialog.drawing is None
    assert not dialog.problems_label.isHidden()  # shown to the PT
    assert dialog.problems_label.text().startswith("Drawing: ")
    assert messages[hostile] in dialog.problems_label.text()
    # and at save, a drawing swapped for a hostile one after it was chosen is refused too
    dialog.set_drawing(folder / "real.svg")
    keep(dialog)
    entry = editor.entries[0]
    from dataclasses import replace

    assert entry.draft.define is not None
    entry.draft = replace(entry.draft, define=replace(entry.draft.define, drawing=bad))
    path = tmp_path / "clinic" / "p.yaml"
    path.parent.mkdir()
    editor.save_requested.emit(path, editor.draft())
    assert editor.status.text().startswith("Not saved: Exercise Towel slide, drawing: ")
    assert messages[hostile] in editor.status.text()
    assert sorted(p.name for p in path.parent.iterdir()) == []  # no program, no picture


def _unblock(fifo: Path) -> None:  # pragma: no cover - only when the check would hang
    with open(fifo, "w") as fh:
        fh.write("x")


def test_edit_and_delete_an_own_exercise(tmp_path: Path, qtbot: QtBot, lib: Library) -> None:
    path = write_program(tmp_path / "clinic")
    program = load_program(path, lib)
    editor = ProgramEditor(lib, program)
    qtbot.addWidget(editor)
    wire_editor(editor, lib)
    names = [editor.chosen_list.item(i).text() for i in range(editor.chosen_list.count())]
    assert names[-1] == "Towel wall slide"
    editor.chosen_list.setCurrentRow(3)
    assert editor.edit_button.isEnabled()
    dialog = editor.edit_selected()
    assert dialog is not None
    assert dialog.id_edit.isReadOnly() and dialog.id_edit.text() == "towel-wall-slide"
    assert dialog.steps_edit.toPlainText().count("\n") == 2
    assert dialog.drawing_label.text() == "towel-wall-slide.svg"
    dialog.name_edit.setText("Towel slide up the wall")
    dialog.cautions_edit.setPlainText("Stop before the shoulder pinches.\nKeep the ribs down.")
    keep(dialog)
    assert editor.chosen_list.item(3).text() == "Towel slide up the wall"
    doc = saved(editor, path)
    define = doc["exercises"][3]["define"]
    assert define["name"] == "Towel slide up the wall"
    assert define["cautions"] == ["Stop before the shoulder pinches.", "Keep the ribs down."]
    assert define["illustration"] == "pictures/towel-wall-slide.svg"  # where it was
    assert sorted(p.name for p in (path.parent / "pictures").iterdir()) == \
        ["towel-wall-slide.svg"]
    # a library exercise is not edited here
    editor.chosen_list.setCurrentRow(0)
    assert not editor.edit_button.isEnabled() and editor.edit_selected() is None
    # delete the own exercise: gone from the file and from its session
    editor.chosen_list.setCurrentRow(3)
    editor.remove_button.click()
    doc = saved(editor, path)
    assert "towel-wall-slide" not in str(doc["exercises"])
    assert doc["home_sessions"][0]["exercises"] == ["rib-breathing", "doorway-chest-stretch"]


def test_every_home_session_is_edited(tmp_path: Path, qtbot: QtBot, lib: Library) -> None:
    text = docs_example().replace("ice_heat:", """\
  - id: morning
    name: Morning session
    at: "07:30"
    days: [sat, sun]
    exercises: [towel-wall-slide, chin-tuck]

ice_heat:""", 1)
    path = write_program(tmp_path / "clinic", text)
    editor = ProgramEditor(lib, load_program(path, lib))
    qtbot.addWidget(editor)
    wire_editor(editor, lib)
    page = editor.sessions_page
    editor.tabs.setCurrentIndex(3)
    assert editor.tabs.tabText(3) == "H&ome sessions"
    assert [page.session_list.item(i).text() for i in range(page.session_list.count())] \
        == ["Evening session, 19:00", "Morning session, 07:30"]
    # the second session: rename, a time, days, its exercises reordered and one added
    page.session_list.setCurrentRow(1)
    assert [c.isChecked() for c in page.day_checks] == [False] * 5 + [True, True]
    page.name_edit.setText("Weekend morning")
    page.name_edit.textEdited.emit("Weekend morning")
    page.time_edit.setTime(QTime(8, 15))
    page.day_checks[4].setChecked(True)
    page.exercise_list.setCurrentRow(1)
    page.earlier_button.click()
    page.add_combo.setCurrentIndex(page.add_combo.findText("Slow rib breathing"))
    page.add_exercise_button.click()
    assert [page.exercise_list.item(i).text() for i in range(page.exercise_list.count())] \
        == ["Chin tucks", "Towel wall slide", "Slow rib breathing"]
    # a third session, moved first; an empty one is not written
    page.add_button.click()
    page.name_edit.setText("Lunch")
    page.name_edit.textEdited.emit("Lunch")
    page.time_edit.setTime(QTime(12, 30))
    page.add_combo.setCurrentIndex(page.add_combo.findText("Chin tucks"))
    page.add_exercise_button.click()
    page.up_button.click()
    page.up_button.click()
    page.add_button.click()  # left empty
    assert page.session_list.item(0).text() == "Lunch, 12:30"
    # the exercises tab offers each session
    editor.tabs.setCurrentIndex(1)
    editor.chosen_list.setCurrentRow(0)  # chin tucks
    assert [c.text() for c in editor.session_checks] == [
        "In the home session: Lunch", "In the home session: Evening session",
        "In the home session: Weekend morning", "In the home session: Home session 4"]
    assert [c.isChecked() for c in editor.session_checks] == [True, False, True, False]
    editor.session_checks[1].setChecked(True)
    doc = saved(editor, path)
    assert [(s["id"], s["name"], s["at"], s["days"], s["exercises"])
            for s in doc["home_sessions"]] == [
        ("lunch", "Lunch", "12:30", "every day", ["chin-tuck"]),
        ("evening", "Evening session", "19:00", "every day",
         ["rib-breathing", "towel-wall-slide", "doorway-chest-stretch", "chin-tuck"]),
        ("morning", "Weekend morning", "08:15", ["fri", "sat", "sun"],
         ["chin-tuck", "towel-wall-slide", "rib-breathing"])]
    program = load_program(path, lib)
    assert [r.name for r in program.routines()][1:] == [
        "Home program: lunch", "Home program: evening session",
        "Home program: weekend morning"]
    # remove a session
    editor.tabs.setCurrentIndex(3)
    page.session_list.setCurrentRow(0)
    page.remove_button.click()
    doc = saved(editor, path)
    assert [s["id"] for s in doc["home_sessions"]] == ["evening", "morning"]


def test_make_harder_in_every_session(qtbot: QtBot, lib: Library, tmp_path: Path) -> None:
    editor = new_editor(qtbot, lib)
    add_library(editor, "Chin tucks")
    add_library(editor, "Wall plank")
    page = editor.sessions_page
    page.add_session("Morning")
    editor.tabs.setCurrentIndex(1)
    editor.chosen_list.setCurrentRow(1)
    for check in editor.session_checks:
        check.setChecked(True)
    editor.chosen_list.setCurrentRow(0)
    editor.session_checks[1].setChecked(True)  # morning: after the wall plank
    assert [s.exercise_ids for s in page.sessions()] == \
        [("wall-plank",), ("wall-plank", "chin-tuck")]
    editor.chosen_list.setCurrentRow(1)
    editor.harder_button.click()
    assert [s.exercise_ids for s in page.sessions()] == \
        [("knee-plank",), ("knee-plank", "chin-tuck")]
    doc = saved(editor, tmp_path / "p.yaml")
    assert doc["desk_break"] == ["chin-tuck", "knee-plank"]
    assert [s["exercises"] for s in doc["home_sessions"]] == \
        [["knee-plank"], ["knee-plank", "chin-tuck"]]


def test_deleting_an_own_exercise_drops_the_links_to_it(qtbot: QtBot, lib: Library,
                                                        tmp_path: Path) -> None:
    editor = new_editor(qtbot, lib)
    first = editor.new_exercise()
    fill_form(first, "Towel slide")
    keep(first)
    second = editor.new_exercise()
    fill_form(second, "Towel slide overhead")
    [easier] = second.easier_list.findItems("Towel slide", Qt.MatchFlag.MatchExactly)
    easier.setCheckState(Qt.CheckState.Checked)
    [wall] = second.easier_list.findItems("Wall plank", Qt.MatchFlag.MatchExactly)
    wall.setCheckState(Qt.CheckState.Checked)
    keep(second)
    assert editor.entries[1].draft.define is not None
    assert editor.entries[1].draft.define.easier == ("wall-plank", "towel-slide")
    # the first one's "Make harder" is the second (its link is seen from either end)
    editor.chosen_list.setCurrentRow(0)
    assert "already in the program" in editor.harder_button.toolTip()
    editor.remove_button.click()
    assert editor.entries[0].draft.define is not None
    assert editor.entries[0].draft.define.easier == ("wall-plank",)
    doc = saved(editor, tmp_path / "p.yaml")
    assert doc["exercises"][0]["define"]["easier"] == ["wall-plank"]


def test_every_control_of_the_form_has_an_accessible_name(qtbot: QtBot,
                                                          lib: Library) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QListWidget,
        QPlainTextEdit,
    )

    editor = new_editor(qtbot, lib)
    dialog = editor.new_exercise()
    for kind in (QAbstractButton, QAbstractSpinBox, QLineEdit, QComboBox, QPlainTextEdit,
                 QListWidget):
        for widget in dialog.findChildren(kind):
            if widget.objectName().startswith("qt_") or isinstance(
                    widget.parent(), (QComboBox, QAbstractSpinBox)):
                continue
            assert widget.accessibleName(), widget
    for widget in editor.sessions_page.findChildren(QAbstractButton):
        assert widget.accessibleName(), widget


def test_saving_from_the_editor_changes_only_what_the_pt_changed(tmp_path: Path,
                                                                 qtbot: QtBot,
                                                                 lib: Library) -> None:
    """Everything the file holds comes back through the editor: its own exercise, a
    second session on some days, work days, the ice/heat "when", the emergency number."""
    from dataclasses import fields

    from posture_coach.core.program import Program

    text = docs_example().replace("ice_heat:", """\
  - id: morning
    name: Morning session
    at: "07:30"
    days: [sat, sun]
    exercises: [towel-wall-slide]

ice_heat:""", 1)
    text = text.replace("  clinician:", '  emergency_number: "000"\n  clinician:', 1)
    path = write_program(tmp_path / "clinic", text)
    before = load_program(path, lib)
    assert before.clinic.emergency_number == "000" and len(before.home_sessions) == 2
    editor = ProgramEditor(lib, before)
    qtbot.addWidget(editor)
    wire_editor(editor, lib)
    editor.title_edit.setText("Renamed by the PT")
    editor.save_requested.emit(path, editor.draft())
    assert editor.status.text().startswith(f"Saved to {path}.")
    saved = load_program(path, lib)
    changed = [f.name for f in fields(Program) if f.name != "file"
               and getattr(before, f.name) != getattr(saved, f.name)]
    assert changed == ["title"]
