"""\"How are these activities going?\": the Patient-Specific Functional Scale, each of the
PT's activities rated 0-10.  Answers with :attr:`PsfsDialog.rated` or
:attr:`PsfsDialog.skipped`; records nothing."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


class PsfsDialog(QDialog):
    """One row per activity: its name and a 0-10 rating, the previous one as a hint."""

    rated = Signal(list)
    """``[(activity, rating), ...]`` in the program's order."""
    skipped = Signal()
    """"Not now": asked again at the next due time."""

    def __init__(self, activities: Sequence[str], previous: dict[str, int] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        previous = previous or {}
        self.activities = tuple(activities)
        self.setWindowTitle(self.tr("How are these activities going?"))
        self.setAccessibleName(self.tr("Rate your activities"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Your physical therapist asked how well you can do these activities today. "
            "Rate each from 0 (unable to do it) to 10 (able to do it as well as before "
            "your problem)."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.boxes: list[QSpinBox] = []
        for row, activity in enumerate(self.activities):
            label = QLabel(activity)
            label.setTextFormat(Qt.TextFormat.PlainText)  # program text is plain text
            label.setWordWrap(True)
            box = QSpinBox()
            box.setRange(0, 10)
            box.setValue(max(0, min(10, previous.get(activity, 5))))
            box.setSuffix(self.tr(" / 10"))
            box.setAccessibleName(self.tr("%1: rating from 0 to 10").replace("%1", activity))
            box.setAccessibleDescription(self.tr("0 is unable to do the activity, 10 is able "
                                                 "to do it as well as before the problem."))
            label.setBuddy(box)
            grid.addWidget(label, row, 0)
            grid.addWidget(box, row, 1)
            if activity in previous:
                last = QLabel(self.tr("last time: %1").replace("%1", str(previous[activity])))
                last.setEnabled(False)
                grid.addWidget(last, row, 2)
            self.boxes.append(box)
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("&Save"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setAccessibleName(self.tr("Save the ratings"))
        self.skip_button: QPushButton = self.buttons.addButton(
            self.tr("S&kip this time"), QDialogButtonBox.ButtonRole.RejectRole)
        self.skip_button.setAccessibleName(self.tr("Skip this time; you will be asked again "
                                                   "at the next rating"))
        self.save_button.clicked.connect(self.save)
        self.skip_button.clicked.connect(self.skip)
        layout.addWidget(self.buttons)
        self.answered = False
        """True once saved or skipped."""
        if self.boxes:
            self.boxes[0].setFocus()

    def ratings(self) -> list[tuple[str, int]]:
        return [(a, b.value()) for a, b in zip(self.activities, self.boxes)]

    def save(self) -> None:
        self.answered = True
        self.rated.emit(self.ratings())
        self.accept()

    def skip(self) -> None:
        self.answered = True
        self.skipped.emit()
        self.reject()

    def reject(self) -> None:
        """Escape or the window's close button: a skip too (asked again when due)."""
        if not self.answered:
            self.answered = True
            self.skipped.emit()
        super().reject()
