"""macOS opens a double-clicked program file with a QFileOpenEvent on the QApplication,
not through argv: the event shows the same import preview as `posture-coach FILE`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posture_coach.core.clock import FakeClock
from posture_coach.core.program_store import ProgramStore
from posture_coach.shell.app import PostureCoachApp
from posture_coach.shell.file_open import FileOpenFilter
from posture_coach.ui.import_preview import ImportPreviewDialog
from tests.program_helpers import docs_example, write_program
from tests.qt.apphelpers import FakeNotifier, build_app

TZ = ZoneInfo("Europe/Berlin")


@pytest.fixture
def coach(tmp_path: Path, qtbot: QtBot) -> Iterator[PostureCoachApp]:
    app = build_app(tmp_path, FakeClock(datetime(2026, 11, 23, 10, 0, tzinfo=TZ)), TZ,
                    FakeNotifier())
    yield app
    app.quit()


@pytest.fixture
def file_open() -> Iterator[FileOpenFilter]:
    qapp = QApplication.instance()
    assert qapp is not None
    filt = FileOpenFilter(qapp)
    yield filt
    qapp.removeEventFilter(filt)
    filt.deleteLater()


def send_open(path: Path) -> bool:
    qapp = QApplication.instance()
    assert qapp is not None
    return QApplication.sendEvent(qapp, QFileOpenEvent(str(path)))


def test_a_file_open_event_shows_the_import_preview(coach: PostureCoachApp,
                                                    file_open: FileOpenFilter,
                                                    tmp_path: Path) -> None:
    file_open.deliver_to(coach.preview_import)
    program = write_program(tmp_path / "clinic")
    assert send_open(program)
    dialog = coach.program_dialog
    assert isinstance(dialog, ImportPreviewDialog)
    assert dialog.heading.text().startswith("Upper back home program\nRiverside Physiotherapy")
    lines = [dialog.lines.item(i).text() for i in range(dialog.lines.count())]
    assert "Reminder: Evening session, every day at 19:00" in lines
    assert dialog.import_button is not None
    dialog.import_button.click()
    assert ProgramStore(tmp_path / "data").active_id() == "2026-11-23-upper-back-home-program"


def test_a_file_that_arrives_while_the_app_starts_is_shown_once_it_is_ready(
        coach: PostureCoachApp, file_open: FileOpenFilter, tmp_path: Path) -> None:
    """macOS sends the file of the double-click that started the app right away."""
    bad = write_program(tmp_path / "clinic", docs_example().replace(
        "exercise: chin-tuck", "exercise: chin-tuk"))
    send_open(bad)
    assert coach.program_dialog is None  # not ready yet: held, not lost
    file_open.deliver_to(coach.preview_import)
    dialog = coach.program_dialog
    assert isinstance(dialog, ImportPreviewDialog)
    assert dialog.import_button is None
    assert dialog.heading.text() == "program.yaml cannot be imported"
    assert dialog.lines.item(0).text().startswith(
        f"{bad}:22:15: exercises[0].exercise: unknown exercise 'chin-tuk'")


def test_a_url_that_is_no_local_file_is_ignored(coach: PostureCoachApp,
                                               file_open: FileOpenFilter) -> None:
    file_open.deliver_to(coach.preview_import)
    qapp = QApplication.instance()
    assert qapp is not None
    QApplication.sendEvent(qapp, QFileOpenEvent(QUrl("https://example.org/program.yaml")))
    assert coach.program_dialog is None


def test_the_filter_is_installed_on_macos_only() -> None:
    """Elsewhere no file-open event comes, and a Python event filter on the QApplication
    would see every event of the app (it made the start to the tray icon slower)."""
    from posture_coach.shell.file_open import watch_file_open

    qapp = QApplication.instance()
    assert qapp is not None
    assert watch_file_open(qapp, "linux") is None
    assert watch_file_open(qapp, "win32") is None
    filt = watch_file_open(qapp, "darwin")
    assert isinstance(filt, FileOpenFilter)
    qapp.removeEventFilter(filt)
    filt.deleteLater()
