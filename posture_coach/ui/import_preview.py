"""The import preview: what a home program will change, with Import and Cancel; or the
problems that keep a file from being imported.

Widgets only: it shows the lines it is given (as plain text: a program's text is
never rich text) and answers with ``import_requested``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.program import Program


class ImportPreviewDialog(QDialog):
    import_requested = Signal()

    def __init__(self, heading: str, intro: str, lines: Sequence[str], can_import: bool,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Home program: import preview"))
        self.setAccessibleName(self.tr("Home program: import preview"))
        layout = QVBoxLayout(self)
        self.heading = QLabel(heading)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName(self.tr("Program"))
        layout.addWidget(self.heading)
        self.intro = QLabel(intro)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.lines = QListWidget()
        self.lines.setWordWrap(True)
        self.lines.addItems(list(lines))  # QListWidget items are plain text
        self.lines.setAccessibleName(intro)
        self.lines.setMinimumWidth(560)
        layout.addWidget(self.lines)
        buttons = QDialogButtonBox()
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName(self.tr("Cancel: change nothing"))
        self.import_button = None
        if can_import:
            self.import_button = buttons.addButton(self.tr("&Import and activate"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
            self.import_button.setAccessibleName(self.tr("Import and activate the program"))
            self.import_button.setDefault(True)
        else:
            self.cancel_button.setText(self.tr("Close"))
            self.cancel_button.setAccessibleName(self.tr("Close"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)

    @classmethod
    def changes(cls, program: Program, lines: Sequence[str]) -> ImportPreviewDialog:
        c = program.clinic
        heading = f"{program.title}\n{c.name}, {c.clinician}, {c.phone}"
        intro = QCoreApplication.translate("ImportPreviewDialog",
                                           "Importing this program will change this:")
        return cls(heading, intro, lines, True)

    @classmethod
    def problems(cls, file_name: str, lines: Sequence[str]) -> ImportPreviewDialog:
        heading = QCoreApplication.translate("ImportPreviewDialog",
                                             "%1 cannot be imported").replace("%1", file_name)
        intro = QCoreApplication.translate(
            "ImportPreviewDialog", "Nothing was changed. Ask your therapist to fix these "
                                   "problems (each says where in the file):")
        return cls(heading, intro, lines, False)

    def _accept(self) -> None:
        self.import_requested.emit()
        self.accept()
