"""\"Log my pain now\": a 0-10 rating, an optional note, and whether the pain gets in
the way of sleep or work.  Answers with :attr:`PainDialog.logged`; records nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSlider,
    QVBoxLayout,
    QWidget,
)

NOTE_MAX = 500


class PainDialog(QDialog):
    """Rate the upper back from 0 (no pain) to 10 (the worst imaginable)."""

    logged = Signal(int, str, bool, bool)
    """(rating, note ("" for none), interferes with sleep, interferes with work)."""

    def __init__(self, initial: int = 0, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Log my pain now"))
        self.setAccessibleName(self.tr("Log my pain now"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        question = QLabel(self.tr("How does your upper back feel right now?"))
        question.setWordWrap(True)
        layout.addWidget(question)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("0 no pain")))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 10)
        self.slider.setValue(max(0, min(10, initial)))
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setPageStep(1)
        self.slider.setAccessibleName(self.tr("Pain rating from 0 to 10"))
        self.slider.setAccessibleDescription(
            self.tr("0 is no pain, 10 is the worst pain imaginable. Use the arrow keys."))
        row.addWidget(self.slider, 1)
        row.addWidget(QLabel(self.tr("10 worst")))
        layout.addLayout(row)
        self.value_label = QLabel()
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.value_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.value_label.setFont(font)
        layout.addWidget(self.value_label)
        question.setBuddy(self.slider)
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_MAX)
        self.note.setPlaceholderText(self.tr("A note, if you like (what you were doing…)"))
        self.note.setAccessibleName(self.tr("Note"))
        layout.addWidget(self.note)
        self.sleep = QCheckBox(self.tr("The pain gets in the way of my &sleep"))
        self.sleep.setAccessibleName(self.tr("The pain gets in the way of my sleep"))
        self.work = QCheckBox(self.tr("The pain gets in the way of my &work"))
        self.work.setAccessibleName(self.tr("The pain gets in the way of my work"))
        layout.addWidget(self.sleep)
        layout.addWidget(self.work)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setAccessibleName(self.tr("Save the rating"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel without saving"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.slider.valueChanged.connect(self._show_value)
        self._show_value(self.slider.value())
        self.slider.setFocus()

    def _show_value(self, value: int) -> None:
        self.value_label.setText(self.tr("%1 / 10").replace("%1", str(value)))

    def save(self) -> None:
        self.logged.emit(self.slider.value(), self.note.text().strip(),
                         self.sleep.isChecked(), self.work.isChecked())
        self.accept()
