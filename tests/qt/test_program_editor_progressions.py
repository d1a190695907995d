"""The program editor's "Make easier" / "Make harder": the selected exercise is swapped for
its linked version and keeps its dose; without a link the button is off and says why."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from posture_coach.core import paths
from posture_coach.core.library import Library, load_library_file
from posture_coach.core.program_writer import preview_program
from posture_coach.ui.program_editor import ProgramEditor


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library_file(paths.bundled_library())


def editor_with(qtbot: QtBot, lib: Library, *names: str) -> ProgramEditor:
    editor = ProgramEditor(lib, today=QDate(2026, 11, 23))
    qtbot.addWidget(editor)
    editor.show()
    editor.tabs.setCurrentIndex(1)
    for name in names:
        [item] = editor.library_list.findItems(name, Qt.MatchFlag.MatchExactly)
        editor.library_list.setCurrentItem(item)
        editor.add_button.click()
    return editor


def fill_clinic(editor: ProgramEditor) -> None:
    editor.clinic_edit.setText("Harbour Physio")
    editor.phone_edit.setText("+1 555 0100")
    editor.address_edit.setText("1 Quay Street")
    editor.clinician_edit.setText("Sam Okafor, PT")


def names(editor: ProgramEditor) -> list[str]:
    return [editor.chosen_list.item(i).text() for i in range(editor.chosen_list.count())]


def test_make_harder_swaps_and_keeps_the_dose(qtbot: QtBot, lib: Library) -> None:
    editor = editor_with(qtbot, lib, "Wall plank", "Chin tucks")
    editor.chosen_list.setCurrentRow(0)
    editor.sets_spin.setValue(2)
    editor.reps_spin.setValue(4)
    editor.hold_spin.setValue(30)
    editor.times_spin.setValue(2)
    editor.notes_edit.setText("Elbows under shoulders")
    editor.home_check.setChecked(True)
    assert not editor.easier_button.isEnabled()
    assert editor.step_note.text() == "The library has no easier version of Wall plank."
    assert editor.harder_button.isEnabled()
    qtbot.mouseClick(editor.harder_button, Qt.MouseButton.LeftButton)
    assert names(editor) == ["Plank on your knees", "Chin tucks"]
    assert editor.chosen_list.currentRow() == 0
    assert (editor.sets_spin.value(), editor.reps_spin.value(),
            editor.hold_spin.value()) == (2, 4, 30)
    assert editor.times_spin.value() == 2 and editor.notes_edit.text() == \
        "Elbows under shoulders" and editor.home_check.isChecked()
    assert editor.status.text() == ("Wall plank swapped for Plank on your knees; the dose "
                                    "is kept: 2 sets of 4 reps, hold 30 s.")
    # and back: knee plank has two easier versions, the PT picks one
    assert editor.easier_button.isEnabled()
    menu = editor.easier_button.menu()
    assert menu is not None
    assert [a.text() for a in menu.actions()] == ["Wall plank", "Wall push-up plus"]
    menu.actions()[0].trigger()
    assert names(editor) == ["Wall plank", "Chin tucks"]
    # what is saved is the swapped exercise with the kept dose
    editor.harder_button.click()
    fill_clinic(editor)
    program = preview_program(editor.draft(), lib)
    knee = program.prescription("knee-plank")
    assert (knee.dose.sets, knee.dose.reps, knee.dose.hold_s) == (2, 4, 30.0)
    assert knee.times_per_day == 2 and knee.notes == "Elbows under shoulders"
    assert "knee-plank" in [s for h in program.home_sessions for s in h.exercise_ids]
    assert "wall-plank" not in [p.exercise.id for p in program.prescriptions]


def test_several_harder_versions_are_offered_in_a_menu(qtbot: QtBot, lib: Library) -> None:
    editor = editor_with(qtbot, lib, "Plank on your knees")
    menu = editor.harder_button.menu()
    assert menu is not None
    assert [a.text() for a in menu.actions()] == ["Plank", "Side plank on your knees"]
    menu.actions()[1].trigger()
    assert names(editor) == ["Side plank on your knees"]
    # side plank is done on each side: the side follows the new exercise
    assert editor.side_combo.currentData() == "both"
    assert editor.harder_button.menu() is None and not editor.harder_button.isEnabled()
    assert editor.step_note.text() == \
        "The library has no harder version of Side plank on your knees."


def test_a_version_already_in_the_program_is_not_offered(qtbot: QtBot, lib: Library) -> None:
    editor = editor_with(qtbot, lib, "Plank", "Plank on your knees", "Wall plank")
    editor.chosen_list.setCurrentRow(2)  # wall plank: its harder version is there already
    assert not editor.harder_button.isEnabled()
    assert editor.harder_button.toolTip() == \
        "The harder version (Plank on your knees) is already in the program."
    editor.chosen_list.setCurrentRow(1)  # knee plank: only the side plank is left
    assert editor.harder_button.menu() is None and editor.harder_button.isEnabled()
    editor.harder_button.click()
    assert names(editor) == ["Plank", "Side plank on your knees", "Wall plank"]


def test_a_dose_that_does_not_fit_the_new_exercise(qtbot: QtBot, lib: Library) -> None:
    # a held plank to a wall push-up timed per rep: sets and reps carry, the hold cannot
    editor = editor_with(qtbot, lib, "Serratus wall slide")
    editor.sets_spin.setValue(3)
    editor.reps_spin.setValue(6)
    editor.harder_button.click()
    assert names(editor) == ["Wall push-up plus"]
    assert (editor.sets_spin.value(), editor.reps_spin.value()) == (3, 6)
    assert editor.status.text() == ("Serratus wall slide swapped for Wall push-up plus; the "
                                    "dose is kept: 3 sets of 6 reps, rest 30 s between sets.")
    editor.harder_button.click()
    assert names(editor) == ["Plank on your knees"]
    editor.hold_spin.setValue(25)
    menu = editor.easier_button.menu()
    assert menu is not None
    menu.actions()[1].trigger()  # back to the push-up: it has no hold
    assert names(editor) == ["Wall push-up plus"]
    assert editor.status.text() == ("Plank on your knees swapped for Wall push-up plus; the "
                                    "dose is kept as far as it fits: 3 sets of 6 reps, rest "
                                    "30 s between sets.")
    assert (editor.sets_spin.value(), editor.reps_spin.value()) == (3, 6)
    assert editor.hold_spin.value() == 0


def test_a_dose_of_another_kind_gives_way(qtbot: QtBot, lib: Library) -> None:
    from posture_coach.core.library import Dose, Exercise, Kind

    walk = Exercise("walk-more", "Walk longer", Kind.MOVEMENT, "walking", "Walk.", ("Go.",),
                    Dose(duration_s=600), ("Mind the stairs.",),
                    "general physiotherapy practice", easier=("chin-tuck",))
    library = Library((*lib.exercises, walk), lib.routines, lib.ice_heat, lib.safety)
    editor = editor_with(qtbot, library, "Chin tucks")
    assert editor.harder_button.menu() is not None  # supine chin tuck and the walk
    editor.harder_button.menu().actions()[1].trigger()
    assert names(editor) == ["Walk longer"]
    assert editor.duration_spin.value() == 10
    assert editor.status.text() == ("Chin tucks swapped for Walk longer, with its own dose "
                                    "(10 minutes): the old one does not fit it.")


def test_nothing_selected(qtbot: QtBot, lib: Library) -> None:
    editor = editor_with(qtbot, lib)
    assert not editor.easier_button.isEnabled() and not editor.harder_button.isEnabled()
    editor = editor_with(qtbot, lib, "Slow rib breathing")
    assert not editor.easier_button.isEnabled() and not editor.harder_button.isEnabled()
    assert editor.step_note.text() == \
        "The library has no easier or harder version of Slow rib breathing."
    editor.remove_button.click()
    assert not editor.harder_button.isEnabled() and editor.step_note.text() == ""
