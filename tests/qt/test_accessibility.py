"""Every window: accessible names, keyboard reach, fonts that follow the system."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from posture_coach.core import paths
from posture_coach.core.clock import FakeClock
from posture_coach.core.library import Library, load_library_file
from posture_coach.ui.guided_break import GuidedBreakWindow
from posture_coach.ui.ice_heat_window import IceHeatWindow
from posture_coach.ui.library_window import LibraryWindow
from posture_coach.ui.status_window import StatusWindow
from posture_coach.ui.toast import Toast
from tests.qt.a11y import audit, controls

NOW = datetime(2026, 11, 23, 10, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library_file(paths.bundled_library())


def test_walker_finds_a_nameless_button(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = QWidget()
    qtbot.addWidget(window)
    button = QPushButton("OK", window)
    named = QPushButton("Cancel", window)
    named.setAccessibleName("Cancel")
    named.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    font = named.font()
    font.setPixelSize(11)
    named.setFont(font)
    assert button in controls(window)
    assert audit(window) == ["QPushButton 'OK': no accessible name",
                             "QPushButton 'Cancel': cannot be reached with the keyboard",
                             "QPushButton 'Cancel': fixed pixel font size (11 px)"]
    assert audit(window, mouse_only=[named])[1:] == [
        "QPushButton 'Cancel': fixed pixel font size (11 px)"]


def test_guided_break_window(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    for routine in library.routines:  # every kind of step: reps, timed, breathing, checklist
        window = GuidedBreakWindow(routine, FakeClock(NOW))
        qtbot.addWidget(window)
        while not window.on_rating_page:
            assert audit(window) == [], (routine.id, window.player.index)
            window.next()
        assert audit(window) == []


def test_ice_heat_window(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    assert library.ice_heat is not None
    window = IceHeatWindow(library.ice_heat, FakeClock(NOW))
    qtbot.addWidget(window)
    assert audit(window) == []
    window.choose("heat")
    window.start()
    assert audit(window) == []


def test_library_window(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    window = LibraryWindow(library)
    qtbot.addWidget(window)
    assert audit(window) == []


def test_status_window(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = StatusWindow(QMenu())
    qtbot.addWidget(window)
    assert audit(window) == []


def test_toast(qtbot) -> None:  # type: ignore[no-untyped-def]
    toast = Toast("Time for a break", "Desk reset", icon=QIcon())
    qtbot.addWidget(toast)
    # A notification never takes the keyboard focus; it closes by itself, and what it
    # offers (the break) is in the tray menu.
    assert audit(toast, mouse_only=[toast.close_button]) == []


def test_escape_closes_the_library_and_the_ice_heat_window_but_not_a_session(
        qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    window = LibraryWindow(library)
    qtbot.addWidget(window)
    window.show()
    # (offscreen windows are never active, so the shortcut itself is not pressed here)
    assert QKeySequence(Qt.Key.Key_Escape) in window.close_action.shortcuts()
    window.close_action.trigger()
    assert not window.isVisible()
    assert library.ice_heat is not None
    ice = IceHeatWindow(library.ice_heat, FakeClock(NOW))
    qtbot.addWidget(ice)
    ice.show()
    ice.choose("ice")
    ice.start()
    qtbot.keyClick(ice, Qt.Key.Key_Escape)
    assert ice.isVisible() and ice.running  # a stray Esc never ends a session
    ice.stop()
    qtbot.keyClick(ice, Qt.Key.Key_Escape)
    assert not ice.isVisible()


def test_painted_text_follows_the_system_font(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The countdown's caption is never drawn smaller than the system's text."""
    from PySide6.QtGui import QFont, QFontInfo

    from posture_coach.ui.widgets import _base_px

    widget = QWidget()
    qtbot.addWidget(widget)
    big = QFont(widget.font())
    big.setPointSizeF(widget.font().pointSizeF() * 2)
    small_px = _base_px(widget)
    widget.setFont(big)
    assert _base_px(widget) == QFontInfo(big).pixelSize() > small_px
