"""A program file opened from the desktop by an event, not by argv (macOS).

On Linux and Windows a double-clicked program file starts ``posture-coach FILE``
(the launcher's ``Exec=posture-coach %f``; the installer's file association), which
shows the import preview.  macOS hands the file to the app as an Apple Event instead,
which Qt turns into a ``QFileOpenEvent`` on the QApplication, whether the app was
already running or was started for it.  This filter takes those events to the same
place: the import preview (``PostureCoachApp.preview_import``).

The filter is installed as soon as the QApplication exists: a file that arrives while
the rest of the app is still being set up is held and shown once it is ready.  It is
installed on macOS only (:func:`watch_file_open`): an event filter on the QApplication
sees every event of the app, and a Python one there made the first start-up calls
(``isSystemTrayAvailable`` among them) some 50 % slower on Linux, where these events
never come.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent

log = logging.getLogger(__name__)


class FileOpenFilter(QObject):
    """Turns the QApplication's file-open events into calls of ``open_path``."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._open: Callable[[Path], None] | None = None
        self.pending: list[Path] = []
        parent.installEventFilter(self)

    def deliver_to(self, open_path: Callable[[Path], None]) -> None:
        """The app is ready: show what arrived so far, then each file as it comes."""
        self._open = open_path
        pending, self.pending = self.pending, []
        for path in pending:
            open_path(path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        name = event.file() or event.url().toLocalFile()
        if not name:  # a URL that is no local file: nothing the app can open
            log.info("ignored an open request for %s", event.url().toString())
            return True
        path = Path(name)
        log.info("asked to open %s", path)
        if self._open is None:
            self.pending.append(path)
        else:
            self._open(path)
        return True


def watch_file_open(app: QObject, platform: str = sys.platform) -> FileOpenFilter | None:
    """The filter on ``app`` where the system sends file-open events (macOS); else None."""
    return FileOpenFilter(app) if platform == "darwin" else None
