"""The library window shows routines with computed lengths and exercise details."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
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


def _click_link(qtbot: QtBot, window: LibraryWindow, text: str) -> None:
    """Click the link that reads ``text`` in the details, where a person would."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QTextCursor

    document = window.details.document()
    block = document.begin()
    found = None
    while block.isValid() and found is None:
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().isAnchor() and fragment.text() == text:
                found = fragment.position() + fragment.length() // 2
                break
            it += 1
        block = block.next()
    assert found is not None, f"no link {text!r}"
    cursor = QTextCursor(document)
    cursor.setPosition(found)
    rect = window.details.cursorRect(cursor)
    qtbot.mouseClick(window.details.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.center().x(), rect.center().y()))


def _exercise_item(window: LibraryWindow, name: str) -> QTreeWidgetItem:
    exercises = window.tree.topLevelItem(1)
    return next(exercises.child(i) for i in range(exercises.childCount())
                if exercises.child(i).text(0) == name)


def test_easier_and_harder_are_shown_and_lead_there(qtbot: QtBot, lib: Library) -> None:
    window = LibraryWindow(lib)
    qtbot.addWidget(window)
    window.show()
    window.tree.setCurrentItem(_exercise_item(window, "Plank on your knees"))
    text = window.details.toPlainText()
    assert "Easier: Wall plank, Wall push-up plus" in text
    assert "Harder: Plank, Side plank on your knees" in text
    _click_link(qtbot, window, "Side plank on your knees")
    assert window.tree.currentItem().text(0) == "Side plank on your knees"
    assert window.details.toPlainText().startswith("Side plank on your knees")
    assert "Easier: Plank on your knees" in window.details.toPlainText()
    _click_link(qtbot, window, "Plank on your knees")
    _click_link(qtbot, window, "Wall plank")
    assert window.tree.currentItem().text(0) == "Wall plank"
    assert "Easier:" not in window.details.toPlainText()  # nothing easier: no line


def test_a_drawing_is_never_cropped(qtbot: QtBot, lib: Library) -> None:
    window = LibraryWindow(lib)
    qtbot.addWidget(window)
    window.show()
    for size in ((960, 680), (1400, 420), (900, 1000), (700, 380)):
        window.resize(*size)
        qtbot.waitUntil(lambda s=size: window.width() >= min(s[0], window.minimumWidth()))
        for ex in lib.exercises[:12]:
            window.select_exercise(ex.id)
            pixmap = window.picture.pixmap()
            assert not pixmap.isNull()
            shown = pixmap.deviceIndependentSize()
            assert shown.width() <= window.picture.width()
            assert shown.height() <= window.picture.height()
            # the drawing's own proportions are kept
            from posture_coach.ui import art

            default = art.renderer(ex.illustration).defaultSize()
            assert abs(shown.width() / shown.height()
                       - default.width() / default.height()) < 0.05


def test_the_list_shows_whole_names_and_keeps_its_width(qtbot: QtBot, lib: Library,
                                                        language: Any) -> None:
    for code in ("en", "es"):
        language(code)
        window = LibraryWindow(lib)
        qtbot.addWidget(window)
        window.show()
        metrics = window.tree.fontMetrics()
        indent = 2 * window.tree.indentation()
        name_column = window.tree.columnWidth(0)
        for ex in window.library.exercises:
            assert metrics.horizontalAdvance(ex.name) + indent <= name_column, ex.name
        visible = window.tree.viewport().width()
        assert window.tree.columnWidth(0) + window.tree.columnWidth(1) <= visible
        width = window.tree.width()
        window.resize(window.width() + 400, window.height())
        qtbot.waitUntil(lambda w=window: w.details.width() > 0)
        window.resize(window.width() - 400, window.height())
        assert window.tree.width() == width
        window.resize(400, window.height())  # narrower than the names: the window stops
        assert window.tree.width() == width and window.width() > width
        window.close()
