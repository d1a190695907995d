"""The library window shows routines with computed lengths and exercise details."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from posture_coach.core import paths
from posture_coach.core.library import Library, load_library_file
from posture_coach.ui.library_window import LibraryWindow, minutes_text


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library_file(paths.bundled_library())


def test_lists_routines_and_exercises(qtbot: QtBot, lib: Library) -> None:
    window = LibraryWindow(lib)
    qtbot.addWidget(window)
    window.show()
    routines, exercises = (window.tree.topLevelItem(i) for i in range(2))
    assert routines.text(0) == "Routines" and exercises.text(0) == "Exercises"
    assert [routines.child(i).text(0) for i in range(routines.childCount())] == \
        [r.name for r in lib.routines]
    assert routines.child(0).text(1) == minutes_text(lib.routines[0].seconds)
    assert exercises.childCount() == len(lib.exercises)
    # the first routine is shown on opening, with its illustration
    assert "Desk reset" in window.details.toPlainText()
    assert not window.picture.pixmap().isNull()


def test_selecting_an_exercise_shows_steps_dose_cautions_source(qtbot: QtBot,
                                                               lib: Library) -> None:
    window = LibraryWindow(lib)
    qtbot.addWidget(window)
    exercises = window.tree.topLevelItem(1)
    door = next(exercises.child(i) for i in range(exercises.childCount())
                if exercises.child(i).text(0) == "Doorway chest stretch")
    window.tree.setCurrentItem(door)
    text = window.details.toPlainText()
    ex = lib.exercise("doorway-chest-stretch")
    assert ex.steps[0] in text and ex.cautions[0] in text
    assert "3 reps, hold 20 s" in text
    assert ex.source in text
    assert window.picture.pixmap().width() >= 200


def test_minutes_text() -> None:
    assert minutes_text(110) == "1 min 50 s"
    assert minutes_text(120) == "2 min"
    assert minutes_text(45) == "45 s"
