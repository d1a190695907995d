"""The small window that takes the tray's place where the desktop has no system tray."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .. import APP_DISPLAY_NAME


class StatusWindow(QWidget):
    """Takes the tray's place where the desktop has no system tray."""

    close_requested = Signal()

    def __init__(self, menu: QMenu, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.break_button = QPushButton()
        self.break_button.setDefault(True)
        self.menu_button = menu_button = QToolButton()
        menu_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        menu_button.setMenu(menu)
        menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        row = QHBoxLayout()
        row.addWidget(self.break_button)
        row.addWidget(menu_button)
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self.retranslate()
        self.resize(360, 140)

    def retranslate(self) -> None:
        """The texts in the language installed now (also after the language changed)."""
        self.status.setAccessibleDescription(self.tr("Next break"))
        self.break_button.setText(self.tr("&Take a break now"))
        self.break_button.setAccessibleName(self.tr("Take a break now"))
        self.menu_button.setText(self.tr("&More"))
        self.menu_button.setAccessibleName(self.tr("More actions"))
        self.intro.setText(self.tr("No system tray was found, so {app} lives in this window. "
                                   "Closing it quits the app.").format(app=APP_DISPLAY_NAME))

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.close_requested.emit()
