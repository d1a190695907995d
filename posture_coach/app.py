"""The composition root: builds the services and the windows and wires them together."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from . import APP_DISPLAY_NAME, APP_NAME, __version__
from .core import paths
from .core.errors import ValidationError
from .core.library import LoadedLibrary, load_library

log = logging.getLogger(__name__)


def load_app_library(config: Path) -> LoadedLibrary:
    return load_library(paths.bundled_library(), paths.user_library(config))


def run(config: Path, data: Path) -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .ui.library_window import LibraryWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    icon = paths.assets_dir() / "icons" / "posture-coach.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    try:
        loaded = load_app_library(config)
    except ValidationError as exc:
        log.error("the bundled library is broken:\n%s", exc)
        QMessageBox.critical(None, APP_DISPLAY_NAME,
                             "The exercise library that came with the app cannot be read; "
                             "please reinstall posture-coach.\n\n" + str(exc))
        return 1
    window = LibraryWindow(loaded.library)
    window.quit_requested.connect(app.quit)
    window.show()
    if loaded.user_file_problems is not None:
        log.warning("your library file was not used:\n%s", loaded.user_file_problems)
        box = QMessageBox(QMessageBox.Icon.Warning, "Problem in your exercise library",
                          f"Your exercise library {loaded.user_file} has problems, so the "
                          "app is using the bundled library. Your file was not changed.",
                          parent=window)
        box.setDetailedText(str(loaded.user_file_problems))
        box.setInformativeText(str(loaded.user_file_problems.problems[0]))
        box.open()
    return app.exec()
