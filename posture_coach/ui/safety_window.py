"""The safety screen: when to call emergency services, when to get evaluated.

From the library's ``safety:`` section (the clinic's "When is upper back pain
serious?" and urgent-care lists).  It never diagnoses.  Shown once at first run
with an "I have read this" button (:attr:`SafetyDialog.acknowledged`; the app
remembers it), from the tray menu, and after a pain rating of 8 or more.
"""

from __future__ import annotations

from html import escape

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
    """Emergency symptoms, "call emergency services", when to get evaluated."""

    acknowledged = Signal()

    def __init__(self, safety: Safety, *, first_run: bool = False,
                 high_pain: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Safety: when to get help"))
        self.setAccessibleName(self.tr("Safety: when to get help"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        parts = []
        if high_pain:
            parts.append("<p>" + escape(self.tr(
                "You rated your pain 8 or more. Please read this; if any of it applies, "
                "do not wait for it to pass.")) + "</p>")
        parts.append(f"<p><b>{escape(safety.emergency)}</b></p>")
        parts.append("<ul>" + "".join(f"<li>{escape(f)}</li>" for f in safety.red_flags)
                     + "</ul>")
        if safety.urgent_care:
            parts.append("<ul>" + "".join(f"<li>{escape(f)}</li>"
                                          for f in safety.urgent_care) + "</ul>")
        parts.append("<p>" + escape(self.tr("Get your back evaluated by a clinician if:"))
                     + "</p>")
        parts.append("<ul>" + "".join(f"<li>{escape(f)}</li>" for f in safety.evaluate_when)
                     + "</ul>")
        parts.append(f"<p><small>{escape(safety.disclaimer)}</small></p>")
        self.text = QLabel("".join(parts))
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                          | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName(self.tr("When to get help"))
        self.text.setAccessibleDescription(safety.emergency)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addStretch(1)
        self.ok_button = QPushButton(self.tr("I have read this") if first_run
                                     else self.tr("Close"))
        self.ok_button.setAccessibleName(self.ok_button.text())
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self._ok)
        row.addWidget(self.ok_button)
        layout.addLayout(row)
        self.first_run = first_run

    def _ok(self) -> None:
        if self.first_run:
            self.acknowledged.emit()
        self.accept()
