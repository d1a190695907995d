"""A plain break window: the routine's steps with Done, Snooze and Skip.

(The guided break window with timers and illustrations replaces it later.)
It takes a Routine and answers with signals; it records nothing itself.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QCursor, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..core.library import Routine
from .library_window import minutes_text


class BreakWindow(QWidget):
    done = Signal()
    skipped = Signal()
    snoozed = Signal(int)

    def __init__(self, routine: Routine, snooze_minutes: int = 5,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.routine = routine
        self._answered = False
        self.setWindowTitle(f"Break: {routine.name}")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        title = QLabel(f"<h2>Time for a break: {escape(routine.name)}</h2>"
                       f"<p>{escape(routine.summary)} About "
                       f"{escape(minutes_text(routine.seconds))}.</p>")
        title.setWordWrap(True)
        steps = "".join(
            f"<li><b>{escape(item.exercise.name)}</b> — {escape(item.dose.describe())}"
            f"<br/><small>{escape(' '.join(item.exercise.steps))}</small></li>"
            for item in routine.items)
        self.steps = QLabel(f"<ol>{steps}</ol>")
        self.steps.setWordWrap(True)
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        self.steps.setAccessibleName("Steps of this break")
        self.steps.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.done_button = QPushButton("&Done")
        self.snooze_button = QPushButton(f"S&nooze {snooze_minutes} min")
        self.skip_button = QPushButton("S&kip")
        for button, description in ((self.done_button, "I did this break"),
                                    (self.snooze_button, "Remind me again later"),
                                    (self.skip_button, "Skip this break")):
            button.setAccessibleDescription(description)
        self.done_button.clicked.connect(lambda: self._answer(self.done.emit))
        self.skip_button.clicked.connect(lambda: self._answer(self.skipped.emit))
        self.snooze_button.clicked.connect(
            lambda: self._answer(lambda: self.snoozed.emit(snooze_minutes)))
        escape_key = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape_key.activated.connect(
            lambda: self._answer(lambda: self.snoozed.emit(snooze_minutes)))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.skip_button)
        row.addWidget(self.snooze_button)
        row.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.steps, 1)
        layout.addLayout(row)
        self.resize(560, 420)

    def show_near_mouse(self) -> None:
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(area.center() - self.rect().center())
        self.show()

    def _answer(self, emit: object) -> None:
        if self._answered:
            return
        self._answered = True
        assert callable(emit)
        emit()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._answered:
            # Closing the window without an answer is an honest skip.
            self._answered = True
            self.skipped.emit()
        super().closeEvent(event)
