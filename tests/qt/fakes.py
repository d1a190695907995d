"""Fakes shared by the widget tests."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer


class FakeTimer(QTimer):
    """A QTimer that never fires by itself: tests call :meth:`fire`."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._active = False
        self.starts = 0

    def start(self, *args: Any) -> None:
        self._active = True
        self.starts += 1

    def stop(self) -> None:
        self._active = False

    def isActive(self) -> bool:
        return self._active

    def fire(self) -> None:
        assert self._active, "a stopped timer does not fire"
        self.timeout.emit()
