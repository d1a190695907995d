"""The ice/heat window: choose ice or heat and the minutes, then a countdown.

It takes the library's :class:`~posture_coach.core.library.IceHeat` guidance
and a clock, and answers with signals; it records nothing itself (the app
writes ``ended`` to the journal with ``Journal.record_thermal``).

The 1 Hz timer comes from ``timer_factory`` (tests pass a fake) and runs only
while a session runs.  The time left is worked out from the clock on every
tick (see :mod:`posture_coach.core.thermal`), never by counting ticks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.clock import Clock
from ..core.library import IceHeat, ThermalMode
from ..core.thermal import ThermalResult, ThermalTimer, clock_text, too_soon
from . import art

TimerFactory = Callable[[QObject], QTimer]
TICK_MS = 1000
DRAWING_WIDTH = 150


def _qtimer(parent: QObject) -> QTimer:
    return QTimer(parent)


class IceHeatWindow(QWidget):
    """Choose ice or heat and the minutes; then count down, with a Stop button."""

    started = Signal(str, int)
    """(mode, planned minutes) when the countdown starts."""
    tick = Signal(int)
    """Whole seconds left, once a second while running (for the tray tooltip)."""
    ended = Signal(str, int, bool, object, object)
    """(mode, planned minutes, completed, started_at, ended_at): completed is True when
    the countdown reached zero, False when stopped early or the window closed."""

    def __init__(self, ice_heat: IceHeat, clock: Clock, *,
                 timer_factory: TimerFactory | None = None,
                 last_session_end: datetime | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ice_heat = ice_heat
        self.clock = clock
        self.last_session_end = last_session_end
        self.logic = ThermalTimer(ice_heat)
        self.mode: str | None = None
        self._timer = (timer_factory or _qtimer)(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_tick)
        self.setWindowTitle(self.tr("Ice or heat"))
        self.setAccessibleName(self.tr("Ice or heat session"))

        self.pages = QStackedWidget()
        self.choose_page = self._build_choose_page()
        self.countdown_page = self._build_countdown_page()
        self.pages.addWidget(self.choose_page)
        self.pages.addWidget(self.countdown_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self._show_mode(None)
        self._update_minutes_note()
        self._update_gap_note()
        self.resize(620, self.sizeHint().height())

    # -- building --------------------------------------------------------------

    def _build_choose_page(self) -> QWidget:
        page = QWidget()
        heading = QLabel(self.tr("<h2>Ice or heat for your upper back</h2>"))
        heading.setTextFormat(Qt.TextFormat.RichText)

        self.ice_button = self._mode_button(self.ice_heat.ice, "ice")
        self.heat_button = self._mode_button(self.ice_heat.heat, "heat")
        self.mode_group = QButtonGroup(self)
        self.mode_group.setExclusive(True)
        self.mode_group.addButton(self.ice_button)
        self.mode_group.addButton(self.heat_button)
        choice = QHBoxLayout()
        choice.addWidget(self.ice_button)
        choice.addWidget(self.heat_button)

        self.drawing = QLabel()
        self.drawing.setFixedWidth(DRAWING_WIDTH)
        self.drawing.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.drawing.setAccessibleName(self.tr("Drawing"))
        self.guidance = QLabel()
        self.guidance.setWordWrap(True)
        self.guidance.setTextFormat(Qt.TextFormat.RichText)
        self.guidance.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.guidance.setAccessibleDescription(self.tr("How to use it"))
        guide = QHBoxLayout()
        guide.addWidget(self.drawing)
        guide.addWidget(self.guidance, 1)

        cautions = "".join(f"<br/>•&nbsp;{escape(c)}" for c in self.ice_heat.cautions)
        self.cautions = QLabel(self.tr("<b>Protect your skin</b>") + cautions)
        self.cautions.setWordWrap(True)
        self.cautions.setTextFormat(Qt.TextFormat.RichText)
        self.cautions.setAccessibleDescription(self.tr("Skin safety"))
        self.cautions.setFrameShape(QFrame.Shape.StyledPanel)
        self.cautions.setContentsMargins(8, 6, 8, 6)

        self.minutes = QSpinBox()
        self.minutes.setRange(1, self.ice_heat.maximum_minutes)
        self.minutes.setValue(self.ice_heat.default_minutes)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.minutes.setAccessibleName(self.tr("Minutes"))
        self.minutes.setAccessibleDescription(self.tr(
            "From 1 to {maximum} minutes").format(maximum=self.ice_heat.maximum_minutes))
        self.minutes.valueChanged.connect(self._update_minutes_note)
        minutes_label = QLabel(self.tr("&Duration:"))
        minutes_label.setBuddy(self.minutes)
        self.minutes_note = QLabel()
        self.minutes_note.setTextFormat(Qt.TextFormat.PlainText)
        italic = QFont(self.minutes_note.font())
        italic.setItalic(True)
        self.minutes_note.setFont(italic)
        self.minutes_note.setWordWrap(True)
        self.minutes_note.setAccessibleDescription(self.tr("Note about the duration"))
        duration = QHBoxLayout()
        duration.addWidget(minutes_label)
        duration.addWidget(self.minutes)
        duration.addWidget(self.minutes_note, 1)
        duration.addStretch(0)  # keeps the spin box small while the note is hidden

        self.gap_note = QLabel()
        self.gap_note.setWordWrap(True)
        self.gap_note.setAccessibleDescription(self.tr("Time since your last session"))

        self.start_button = QPushButton(self.tr("&Start"))
        self.start_button.setAccessibleName(self.tr("Start"))
        self.start_button.setDefault(True)
        self.start_button.setAccessibleDescription(self.tr("Start the countdown"))
        self.start_button.clicked.connect(self.start)
        self.close_button = QPushButton(self.tr("&Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.setAccessibleDescription(self.tr("Close this window"))
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.start_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addLayout(choice)
        # the guide is as tall as the drawing in both states, so the skin box stays put
        # and no empty band opens above it; spare height goes above the buttons
        self.drawing.setMinimumHeight(DRAWING_WIDTH)
        layout.addLayout(guide)
        layout.addWidget(self.cautions)
        layout.addLayout(duration)
        layout.addWidget(self.gap_note)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _mode_button(self, mode: ThermalMode, mode_id: str) -> QPushButton:
        button = QPushButton()
        button.setCheckable(True)
        button.setMinimumHeight(56)
        button.setAccessibleName(mode.name)
        button.setAccessibleDescription(mode.when)

        def toggled(on: bool) -> None:
            # A check mark and bold text show the choice in every style and theme.
            button.setText(f"{'✓ ' if on else ''}{mode.name}\n{mode.when}")
            font = QFont(button.font())
            font.setBold(on)
            button.setFont(font)
            if on:
                self._show_mode(mode_id)

        toggled(False)
        button.toggled.connect(toggled)
        return button

    def _build_countdown_page(self) -> QWidget:
        page = QWidget()
        self.countdown_mode = QLabel()
        self.countdown_mode.setTextFormat(Qt.TextFormat.RichText)
        self.countdown_mode.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.countdown_mode.setWordWrap(True)
        self.countdown_mode.setAccessibleDescription(self.tr("Session"))
        self.countdown = QLabel("0:00")
        font = QFont(self.font())
        font.setPointSize(max(40, font.pointSize() * 5))
        font.setBold(True)
        self.countdown.setFont(font)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setAccessibleDescription(self.tr("Time left"))
        self.countdown_info = QLabel()
        self.countdown_info.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.countdown_info.setWordWrap(True)
        self.countdown_info.setAccessibleDescription(self.tr("Session status"))
        self.skin_reminder = QLabel(" ".join(escape(c) for c in self.ice_heat.cautions[:2]))
        self.skin_reminder.setWordWrap(True)
        self.skin_reminder.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.skin_reminder.setAccessibleDescription(self.tr("Skin safety"))

        self.stop_button = QPushButton(self.tr("S&top"))
        self.stop_button.setAccessibleName(self.tr("Stop"))
        self.stop_button.setAccessibleDescription(self.tr("Stop the session now"))
        self.stop_button.clicked.connect(self.stop)
        self.back_button = QPushButton(self.tr("&Back"))
        self.back_button.setAccessibleName(self.tr("Back"))
        self.back_button.setAccessibleDescription(self.tr("Choose another session"))
        self.back_button.clicked.connect(self._back)
        self.done_button = QPushButton(self.tr("&Close"))
        self.done_button.setAccessibleName(self.tr("Close"))
        self.done_button.setAccessibleDescription(self.tr("Close this window"))
        self.done_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.countdown_mode)
        layout.addWidget(self.countdown)
        layout.addWidget(self.countdown_info)
        layout.addStretch(1)
        layout.addWidget(self.skin_reminder)
        layout.addLayout(buttons)
        return page

    # -- choose page -------------------------------------------------------------

    def _mode_info(self, mode_id: str) -> ThermalMode:
        return self.ice_heat.ice if mode_id == "ice" else self.ice_heat.heat

    def choose(self, mode_id: str) -> None:
        """Select ice or heat (as a click on its button would)."""
        if mode_id not in ("ice", "heat"):
            raise ValueError(f"mode must be 'ice' or 'heat', got {mode_id!r}")
        button = self.ice_button if mode_id == "ice" else self.heat_button
        button.setChecked(True)

    def _show_mode(self, mode_id: str | None) -> None:
        self.mode = mode_id
        self.start_button.setEnabled(mode_id is not None)
        if mode_id is None:
            self.drawing.clear()
            self.drawing.hide()  # the hint spans the window, centred under both buttons
            self.guidance.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.guidance.setText(self.tr(
                "<p>Choose <b>ice</b> for a recent strain or <b>heat</b> for chronic "
                "tightness.</p>"))
            return
        self.drawing.show()
        self.guidance.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        mode = self._mode_info(mode_id)
        steps = "".join(f"<li>{escape(s)}</li>" for s in mode.steps)
        self.guidance.setText(f"<h3>{escape(mode.name)}</h3><p>{escape(mode.when)}</p>"
                              f"<ol>{steps}</ol>")
        if mode.illustration is not None:
            self.drawing.setPixmap(art.render(mode.illustration, DRAWING_WIDTH,
                                              ratio=self.devicePixelRatioF()))
            self.drawing.setAccessibleDescription(mode.name)
        else:
            self.drawing.clear()

    def _update_minutes_note(self) -> None:
        minutes = self.minutes.value()
        low, high = self.ice_heat.recommended_min, self.ice_heat.recommended_max
        if low <= minutes <= high:
            self.minutes_note.setText("")
            self.minutes_note.hide()
            return
        self.minutes_note.setText(self.tr(
            "{low}–{high} minutes as tolerated; never more than {maximum}.").format(
                low=low, high=high, maximum=self.ice_heat.maximum_minutes))
        self.minutes_note.show()

    def _update_gap_note(self) -> None:
        now = self.clock.now()
        last = self.last_session_end
        if last is None or not too_soon(last, now):
            self.gap_note.setText("")
            self.gap_note.hide()
            return
        local = last.astimezone(now.tzinfo)
        self.gap_note.setText(self.tr(
            "Your last session ended at {time}; about an hour between sessions is "
            "reasonable.").format(time=local.strftime("%H:%M")))
        self.gap_note.show()

    # -- running -----------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.logic.running

    def start(self) -> None:
        """Start the countdown for the chosen mode and minutes."""
        if self.mode is None or self.running:
            return
        session = self.logic.start(self.mode, self.minutes.value(), self.clock.monotonic(),
                                   self.clock.now())
        mode = self._mode_info(session.mode)
        self.countdown_mode.setText(f"<h2>{escape(mode.name)}</h2>")
        self.countdown_info.setText(self.tr("%n minute(s), until {time}", "",
                                            session.planned_minutes).format(
            time=session.ends_at.astimezone(self.clock.now().tzinfo).strftime("%H:%M")))
        self.stop_button.show()
        self.back_button.hide()
        self.done_button.hide()
        self.pages.setCurrentWidget(self.countdown_page)
        self.stop_button.setFocus()
        self._timer.start()
        self.started.emit(session.mode, session.planned_minutes)
        self._show_left(self.logic.seconds_left(self.clock.monotonic(), self.clock.now()))

    def _show_left(self, seconds: int) -> None:
        self.countdown.setText(clock_text(seconds))
        self.tick.emit(seconds)

    def _on_tick(self) -> None:
        if not self.running:
            self._timer.stop()
            return
        mono, wall = self.clock.monotonic(), self.clock.now()
        if self.logic.is_over(mono, wall):
            self._finish(mono, wall)
            return
        self._show_left(self.logic.seconds_left(mono, wall))

    def stop(self) -> None:
        """End the session now (completed only if its time was already up)."""
        if self.running:
            self._finish(self.clock.monotonic(), self.clock.now())

    def _finish(self, mono: float, wall: datetime) -> ThermalResult:
        self._timer.stop()
        result = self.logic.stop(mono, wall)
        self.last_session_end = result.ended_at
        if result.completed:
            self.countdown.setText(clock_text(0))
            self.countdown_info.setText(self.tr(
                "Time is up: take the pack off and let your skin rest."))
        else:
            spent = (result.ended_at - result.started_at).total_seconds()
            self.countdown_info.setText(self.tr(
                "Stopped after {time}. Take the pack off.").format(time=clock_text(spent)))
        self.stop_button.hide()
        self.back_button.show()
        self.done_button.show()
        self.done_button.setFocus()
        self.ended.emit(result.mode, result.planned_minutes, result.completed,
                        result.started_at, result.ended_at)
        return result

    def _back(self) -> None:
        self._update_gap_note()
        self.pages.setCurrentWidget(self.choose_page)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc closes the window, except while a session runs (Stop ends it, on purpose)."""
        if event.key() == Qt.Key.Key_Escape and not self.running:
            event.accept()
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            # Closing while the countdown runs ends the session, honestly, as not completed.
            self._finish(self.clock.monotonic(), self.clock.now())
        self._timer.stop()
        super().closeEvent(event)
