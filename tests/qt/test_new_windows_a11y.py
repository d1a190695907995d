"""The windows added with History, home programs and Settings: the accessibility walker
(tests/qt/a11y.py) finds nothing, and in English and Spanish no two mnemonics on one
page of a window share a key (the key would cycle between them instead of choosing)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from posture_coach.core import paths, stats
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal
from posture_coach.core.library import Library, load_library_file
from posture_coach.core.policy import Schedule
from posture_coach.core.settings import Settings
from posture_coach.ui.history_window import HistoryWindow
from posture_coach.ui.import_preview import ImportPreviewDialog
from posture_coach.ui.pain_dialog import PainDialog
from posture_coach.ui.program_editor import ProgramEditor
from posture_coach.ui.psfs_dialog import PsfsDialog
from posture_coach.ui.safety_window import SafetyDialog
from posture_coach.ui.settings_dialog import SettingsDialog
from tests.qt.a11y import audit

TZ = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 24, 16, 0, tzinfo=TZ)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library_file(paths.bundled_library())


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal.open(tmp_path / "j.sqlite3", FakeClock(NOW)) as j:
        yield j


def build(name: str, library: Library, journal: Journal) -> QWidget:
    routines = [(r.id, r.name) for r in library.routines]
    if name == "history":
        return HistoryWindow(stats.history(journal, Schedule(), TZ, NOW), TZ, {}, None)
    if name == "pain":
        return PainDialog(initial=3)
    if name == "psfs":
        return PsfsDialog(["Lifting my toddler", "Driving for 30 minutes"], {"Driving": 4})
    if name == "safety":
        assert library.safety is not None
        return SafetyDialog(library.safety, first_run=True, high_pain=True)
    if name == "settings":
        return SettingsDialog(Settings(), routines, idle_monitor="fake", quiet_signal=None)
    if name == "editor":
        return ProgramEditor(library, today=QDate(2026, 11, 23))
    if name == "import-ok":
        return ImportPreviewDialog("Program\nClinic", "Importing this program will change "
                                   "this:", ["Breaks every 45 minutes"], True)
    assert name == "import-problems"
    return ImportPreviewDialog.problems("p.yaml", ["p.yaml:1:1: title: missing"])


WINDOWS = ("history", "pain", "psfs", "safety", "settings", "editor", "import-ok",
           "import-problems")


@pytest.mark.parametrize("name", WINDOWS)
def test_accessibility_walker_finds_nothing(name: str, library: Library, journal: Journal,
                                            qtbot: QtBot) -> None:
    window = build(name, library, journal)
    qtbot.addWidget(window)
    assert audit(window) == []


def _key(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _texts(widgets: list[QWidget]) -> list[str]:
    out = []
    for w in widgets:
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append(w.text())
        elif isinstance(w, QGroupBox):
            out.append(w.title())
    return out


def page_keys(window: QWidget) -> dict[str, list[str]]:
    """For each page of the window's tabs (or the window alone): the mnemonic keys a
    user can press there (the tab titles, the page's controls, those outside the tabs)."""
    tabs = window.findChild(QTabWidget)
    everything = window.findChildren(QWidget)
    if tabs is None:
        return {"": [k for t in _texts(everything) if (k := _key(t))]}
    inside = set(map(id, tabs.findChildren(QWidget)))
    outside = [w for w in everything if id(w) not in inside]
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    pages = {}
    for i in range(tabs.count()):
        page = tabs.widget(i)
        texts = titles + _texts(outside) + _texts(page.findChildren(QWidget))
        pages[titles[i]] = [k for t in texts if (k := _key(t))]
    return pages


@pytest.mark.parametrize("code", ["en", "es"])
@pytest.mark.parametrize("name", ["history", "pain", "psfs", "settings", "editor",
                                  "import-ok"])
def test_mnemonics_are_distinct_on_every_page(name: str, code: str, library: Library,
                                              journal: Journal, qtbot: QtBot,
                                              language: Callable[[str], str]) -> None:
    assert language(code) == code
    window = build(name, library, journal)
    qtbot.addWidget(window)
    pages = page_keys(window)
    assert any(pages.values())
    for page, keys in pages.items():
        assert len(keys) == len(set(keys)), (name, code, page, sorted(keys))
    # a label's & only works (and only hides) with a buddy to send the focus to
    loose = [label.text() for label in window.findChildren(QLabel)
             if _key(label.text()) and label.buddy() is None]
    assert loose == [], (name, code)
