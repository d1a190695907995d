"""The safety screen: when to call emergency services, when to get evaluated.

From the library's ``safety:`` section (the clinic's "When is upper back pain
serious?" and urgent-care lists).  It never diagnoses.  Shown once at first run
with an "I have read this" button (:attr:`SafetyDialog.acknowledged`; the app
remembers it), from the tray menu, and after a pain rating of 8 or more.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..core.library import Safety
from ..core.safety import Evaluation, Reason
from .i18n import translate

HIGH_PAIN = 8
"""A rating this high shows the safety screen again."""


def evaluation_text(evaluation: Evaluation) -> str:
    """The calm words for "time to get evaluated" (plain text, translated)."""
    reasons = {
        Reason.LASTING: translate("Safety", "Your diary shows pain on most days for more than "
                                     "two weeks."),
        Reason.COMING_BACK: translate("Safety", "Your diary shows the pain coming back after "
                                         "pain-free spells."),
        Reason.SLEEP_OR_WORK: translate("Safety", "You noted that the pain gets in the way of "
                                           "your sleep or your work."),
    }
    lines = [reasons[r] for r in evaluation.reasons]
    lines.append(translate("Safety", "The clinic suggests having your back evaluated by a "
                              "clinician when this happens. This is not a diagnosis."))
    if evaluation.clinic_contact:
        lines.append(translate("Safety", "Your clinic: %1").replace(
            "%1", evaluation.clinic_contact))
    return " ".join(lines)


class SafetyDialog(QDialog):
    """The clinic's levels, each under its own heading: emergency care now (the red flags),
    urgent care (the clinic's "When to see urgent care" line), and getting evaluated.

    Every line is a plain-text label whose accessible name is its text, so a screen
    reader speaks all of it, headings included.
    """

    acknowledged = Signal()

    def __init__(self, safety: Safety, *, first_run: bool = False,
                 high_pain: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Safety: when to get help"))
        self.setAccessibleName(self.tr("Safety: when to get help"))
        self.setMinimumWidth(560)
        self.labels: list[QLabel] = []
        """Every text on the screen, in reading order."""
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        if high_pain:
            self.intro = self._text(layout, self.tr(
                "You rated your pain 8 or more. Please read this; if any of it applies, "
                "do not wait for it to pass."))
        self.emergency_heading = self._heading(layout, self.tr("Emergency care"))
        self.emergency_text = self._text(layout, safety.emergency, bold=True)
        self.red_flags = self._text(layout, _bullets(safety.red_flags))
        self.urgent_heading: QLabel | None = None
        self.urgent_text: QLabel | None = None
        if safety.urgent_care:
            layout.addSpacing(6)
            self.urgent_heading = self._heading(layout, self.tr("When to see urgent care"))
            self.urgent_text = self._text(layout, _bullets(safety.urgent_care))
        layout.addSpacing(6)
        self.evaluate_heading = self._heading(
            layout, self.tr("When to get your back evaluated"))
        self.evaluate_text = self._text(layout, "\n".join(
            [self.tr("Get your back evaluated by a clinician if:"),
             _bullets(safety.evaluate_when)]))
        layout.addSpacing(6)
        self.disclaimer = self._text(layout, safety.disclaimer, small=True)
        row = QHBoxLayout()
        row.addStretch(1)
        self.ok_button = QPushButton(self.tr("I have read this") if first_run
                                     else self.tr("Close"))
        self.ok_button.setAccessibleName(self.ok_button.text())
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self._ok)
        row.addWidget(self.ok_button)
        layout.addStretch(1)
        layout.addLayout(row)
        self.first_run = first_run
        # wrapped text: as tall as it needs at its width (Qt's hint is for a narrow column)
        width = max(self.minimumWidth(), self.sizeHint().width())
        self.resize(width, layout.totalHeightForWidth(width))

    def _text(self, layout: QVBoxLayout, text: str, *, bold: bool = False,
              small: bool = False) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setAccessibleName(text)  # what is written is what is spoken
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if bold or small:
            font = label.font()
            font.setBold(bold)
            if small:
                font.setPointSizeF(font.pointSizeF() * 0.9)
            label.setFont(font)
        layout.addWidget(label)
        self.labels.append(label)
        return label

    def _heading(self, layout: QVBoxLayout, text: str) -> QLabel:
        label = self._text(layout, text)
        font = label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        label.setFont(font)
        return label

    def spoken_text(self) -> str:
        """Everything on the screen, as a screen reader speaks it, one label a line."""
        return "\n".join(label.accessibleName() for label in self.labels)

    def _ok(self) -> None:
        if self.first_run:
            self.acknowledged.emit()
        self.accept()


def _bullets(lines: tuple[str, ...]) -> str:
    """One line a point, bulleted when there are several."""
    if len(lines) == 1:
        return lines[0]
    return "\n".join(f"• {line}" for line in lines)
