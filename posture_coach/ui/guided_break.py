"""The guided break window: plays a routine step by step, then asks how the back feels.

It takes a :class:`Routine` and a clock, plays it with a
:class:`~posture_coach.core.player.Player` and answers with signals; it records
nothing itself.  One frame timer (made by the injected ``timer_factory``)
drives it: about 30 frames a second for the breathing pacer, 4 a second for
plain countdowns, and none at all while it is hidden, closed, paused or on
the rating page.

Beside each exercise it shows its :class:`~posture_coach.core.player.Guidance`: the
cautions (open the first time a person meets the exercise, that is until a step
of it is recorded as done; afterwards behind the "Cautions" button, Alt+C), the
home program's notes (always) and its progression, "Too hard? Try: ..." and "Too
easy? Try: ...".  Between holds the ring says "relax" and counts the relax down.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QCursor,
    QGuiApplication,
    QHideEvent,
    QKeyEvent,
    QResizeEvent,
    QScreen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.clock import Clock
from ..core.library import Library, Routine
from ..core.player import Guidance, Player, PlayerView, guidance
from ..core.program import Program
from .i18n import translate
from .widgets import BreathingPacer, CountdownRing, Illustration, ScreenCover, clock_text

TimerFactory = Callable[[QObject], QTimer]

FRAME_MS = 25  # 40 frames a second for the breathing pacer (smooth with room to spare)
"""About 30 frames a second: the breathing pacer's circle moves smoothly."""
TICK_MS = 250
"""4 updates a second: enough for a countdown written in whole seconds."""
DEFAULT_SIZE = (720, 580)
PANEL_STYLE = "QFrame#cautions { border: 1px solid palette(mid); border-radius: 6px; }"
FIRST_TIME_STYLE = ("QFrame#cautions { border: 2px solid palette(highlight); "
                    "border-radius: 6px; }")
"""The cautions panel: framed in the accent colour the first time an exercise is met."""


def make_timer(parent: QObject) -> QTimer:
    """The app's timer factory (tests pass one that makes fake timers)."""
    timer = QTimer(parent)
    timer.setTimerType(Qt.TimerType.CoarseTimer)
    return timer


class TextArea(QScrollArea):
    """The step's words (dose, instructions, checklist, notes, cautions): as tall as they
    need when the screen has room, scrolling when it has not (large text on a small
    screen), so the buttons under them stay on screen."""

    def __init__(self, content: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the arrow keys are the window's
        # never taller than its words (the drawing takes the rest), shorter when it must
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._width = -1

    def needed_height(self) -> int:
        """The words' height at the current width."""
        content, width = self.widget(), self.viewport().width()
        layout = content.layout() if content is not None else None
        if layout is None:
            return 0
        # at least the layout's minimum: a wrapped label's minimum is taken at a narrow width
        return max(0, layout.totalHeightForWidth(width if width > 50 else 600),
                   layout.totalMinimumSize().height())

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.needed_height())

    def minimumSizeHint(self) -> QSize:
        lines = self.fontMetrics().lineSpacing() * 2
        return QSize(super().minimumSizeHint().width(), min(self.needed_height(), lines))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != self._width:  # wrapped text: the height follows
            self._width = event.size().width()
            self.updateGeometry()


class GuidedBreakWindow(QWidget):
    """A routine played step by step; see the module's docstring."""

    finished = Signal(object, object, object)
    """(outcome: Outcome, records: tuple[StepRecord, ...], rating: int | None)."""
    snoozed = Signal(int)
    step_changed = Signal(int)

    def __init__(self, routine: Routine, clock: Clock, *, snooze_minutes: int = 5,
                 timer_factory: TimerFactory | None = None, guard_s: float = 2.0,
                 fullscreen: bool = False, break_min: int = 0,
                 move_illustration: Path | None = None, library: Library | None = None,
                 program: Program | None = None, done_before: frozenset[str] = frozenset(),
                 parent: QWidget | None = None):
        """``library`` names the easier and harder exercises, ``program`` gives the
        therapist's notes, ``done_before`` (the journal's :meth:`exercises_done
        <posture_coach.core.journal.Journal.exercises_done>`) which exercises were done
        before: the others show their cautions up front."""
        super().__init__(parent)
        self.routine = routine
        self.clock = clock
        self.break_min = break_min
        self.player = Player(routine, clock, break_s=break_min * 60,
                             move_illustration=move_illustration)
        self.snooze_minutes = snooze_minutes
        self.guard_s = guard_s
        self.fullscreen = fullscreen
        self.covers: list[ScreenCover] = []
        self._opened_at: float | None = None
        self._answered = False
        self._rating_page_shown = False
        self._checklist_step: int | None = None
        self._index = self.player.index
        self._guidance = {step.exercise_id: guidance(step.exercise, library=library,
                                                     program=program, done_before=done_before)
                          for step in self.player.steps}
        self._cautions_open = {ex_id: g.first_time for ex_id, g in self._guidance.items()}
        self._words: tuple[object, ...] = ()
        """Per exercise: is its cautions panel open (first time: yes; the button toggles)."""

        self.setWindowTitle(self.tr("Break: {name}").format(name=routine.name))
        self.setAccessibleName(self.windowTitle())
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.frame_timer = (timer_factory or make_timer)(self)
        self.frame_timer.setInterval(TICK_MS)
        self.frame_timer.timeout.connect(self.frame)

        self.pages = QStackedWidget(self)
        self.play_page = self._build_play_page()
        self.rating_page = self._build_rating_page()
        self.pages.addWidget(self.play_page)
        self.pages.addWidget(self.rating_page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)

        self._refresh()  # first: its minimum height is set before the window is sized
        screen = self._place()
        if fullscreen:
            if screen is not None:
                # the whole screen from the start: a window manager would make it so, but
                # without one (or before it acts) the break would stay its windowed size
                self.setGeometry(screen.geometry())
            self.setWindowState(self.windowState() | Qt.WindowState.WindowFullScreen)

    # -- building ------------------------------------------------------------

    def _label(self, role: str, *, size: float = 1.0, bold: bool = False,
               wrap: bool = False) -> QLabel:
        """A label heard as the text it shows (Qt's name for a label with none set);
        ``role`` ("Step", "Time left in this break") is its description, never a name
        that would hide the text."""
        label = QLabel()
        if role:
            label.setAccessibleDescription(role)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(wrap)
        if size != 1.0 or bold:
            font = label.font()
            font.setPointSizeF(font.pointSizeF() * size)
            font.setBold(bold)
            label.setFont(font)
        return label

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the keys to the window
        button.installEventFilter(self)
        button.clicked.connect(slot)
        return button

    def _build_play_page(self) -> QWidget:
        page = QWidget()
        self.name_label = self._label(self.tr("Exercise"), size=1.5, bold=True, wrap=True)
        self.step_label = self._label(self.tr("Step"))
        self.total_label = self._label(self.tr("Time left in this break"))
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.picture = Illustration()
        self.picture.setAccessibleName(self.tr("Illustration"))
        self.ring = CountdownRing()
        self.ring.setAccessibleName(self.tr("Countdown"))
        self.pacer = BreathingPacer()
        self.pacer.setAccessibleName(self.tr("Breathing pacer"))
        self.pacer.fit_texts = (self.tr("Breathe in"), self.tr("Hold"), self.tr("Breathe out"))
        self.side_label = self._label(self.tr("Side"), size=1.3, bold=True)
        self.rep_label = self._label(self.tr("Repetition"), size=1.2)
        self.set_label = self._label(self.tr("Set"))
        for label in (self.side_label, self.rep_label, self.set_label):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.dose_label = self._label(self.tr("Dose"), wrap=True)
        self.lines_label = self._label(self.tr("Instructions"), wrap=True)
        self.lines_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.lines_label.setSizePolicy(QSizePolicy.Policy.Preferred,
                                       QSizePolicy.Policy.Minimum)
        self.notes_label = self._label("", wrap=True)
        self.cautions_panel = QFrame()
        self.cautions_panel.setObjectName("cautions")
        self.cautions_panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.cautions_panel.setAccessibleName(self.tr("Cautions"))
        self.cautions_heading = self._label("", bold=True, wrap=True)
        self.cautions_label = self._label("", wrap=True)
        self.progression_label = self._label("", wrap=True)
        panel = QVBoxLayout(self.cautions_panel)
        panel.setContentsMargins(10, 6, 10, 6)
        panel.setSpacing(2)
        for label in (self.cautions_heading, self.cautions_label, self.progression_label,
                      self.notes_label):
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        for label in (self.cautions_heading, self.cautions_label, self.progression_label):
            panel.addWidget(label)
        self.cautions_panel.setSizePolicy(QSizePolicy.Policy.Preferred,
                                          QSizePolicy.Policy.Minimum)
        self.checklist = QWidget()
        self.checklist.setAccessibleName(self.tr("Posture checklist"))
        self.checklist_layout = QVBoxLayout(self.checklist)
        self.checklist_layout.setContentsMargins(0, 0, 0, 0)
        self.checkboxes: list[QCheckBox] = []

        self.back_button = self._button(self.tr("&Back"), self.tr("Previous step"), self.back)
        self.pause_button = self._button(self.tr("&Pause"), self.tr("Pause"),
                                         self.toggle_pause)
        self.skip_button = self._button(self.tr("S&kip step"), self.tr("Skip this step"),
                                        self.skip_step)
        self.next_button = self._button(self.tr("&Next"), self.tr("Next step"), self.next)
        self.snooze_button = self._button(
            self.tr("S&nooze {n} min").format(n=self.snooze_minutes),
            self.tr("Snooze the break"), self.snooze)
        self.finish_button = self._button(self.tr("&Finish"), self.tr("Finish the break"),
                                          self.finish)
        self.cautions_button = self._button(self.tr("&Cautions"), self.tr("Cautions"),
                                            self.toggle_cautions)
        self.cautions_button.setCheckable(True)

        head = QHBoxLayout()
        head.addWidget(self.step_label)
        head.addStretch(1)
        head.addWidget(self.total_label)

        side = QVBoxLayout()
        side.addWidget(self.side_label)
        side.addWidget(self.ring, 1)
        side.addWidget(self.pacer, 1)
        side.addWidget(self.rep_label)
        side.addWidget(self.set_label)

        middle = QHBoxLayout()
        middle.addWidget(self.picture, 3)
        middle.addLayout(side, 2)

        words = QWidget()
        text = QVBoxLayout(words)
        text.setContentsMargins(0, 0, 0, 0)
        text.addWidget(self.dose_label)
        text.addWidget(self.lines_label)
        text.addWidget(self.checklist)
        text.addWidget(self.notes_label)
        text.addWidget(self.cautions_panel)
        self.text_area = TextArea(words)

        buttons = QHBoxLayout()
        for button in (self.back_button, self.pause_button, self.skip_button,
                       self.cautions_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.snooze_button, self.finish_button, self.next_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addLayout(head)
        layout.addWidget(self.name_label)
        layout.addLayout(middle, 1)
        layout.addWidget(self.text_area)
        layout.addLayout(buttons)
        return page

    def _build_rating_page(self) -> QWidget:
        page = QWidget()
        question = self._label("", size=1.5, bold=True, wrap=True)
        question.setText(self.tr("How does your upper back feel now?"))
        question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.rating_question = question
        hint = self._label(self.tr("Pain scale"), wrap=True)
        hint.setText(self.tr("0 = no pain, 10 = the worst pain you can imagine."))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid = QGridLayout()
        self.rating_buttons: list[QPushButton] = []
        for value in range(11):
            button = self._button(str(value), self.tr("Pain {n} of 10").format(n=value),
                                  self._rater(value))
            button.setMinimumSize(44, 44)
            self.rating_buttons.append(button)
            grid.addWidget(button, 0, value)
        self.rating_skip_button = self._button(self.tr("&Skip"), self.tr("Skip the rating"),
                                               self._rater(None))
        skip_row = QHBoxLayout()
        skip_row.addStretch(1)
        skip_row.addWidget(self.rating_skip_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        layout.addWidget(question)
        layout.addWidget(hint)
        layout.addSpacing(12)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addLayout(skip_row)
        return page

    def _rater(self, value: int | None) -> Callable[[], None]:
        return lambda: self.rate(value)

    def _place(self) -> QScreen | None:
        """A sensible size, centred on the screen under the mouse (that screen)."""
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        width, height = DEFAULT_SIZE
        height = max(height, self.minimumSizeHint().height())  # the words need it
        if screen is None:
            self.resize(width, height)
            return None
        area = screen.availableGeometry()
        self.resize(min(width, area.width()), min(height, area.height()))
        frame = self.frameGeometry()
        frame.moveCenter(area.center())
        self.move(frame.topLeft())
        return screen

    # -- state ---------------------------------------------------------------

    def guidance(self) -> Guidance:
        """The current step's guidance (empty on the keep-moving step)."""
        return self._guidance.get(self.player.step.exercise_id, Guidance())

    @property
    def cautions_open(self) -> bool:
        """Is the current exercise's cautions panel open?"""
        return self._cautions_open.get(self.player.step.exercise_id, False)

    def toggle_cautions(self) -> None:
        """Open or close the current exercise's cautions (the Cautions button, Alt+C)."""
        ex_id = self.player.step.exercise_id
        if ex_id not in self._cautions_open or self._answered or self.on_rating_page:
            return
        self._cautions_open[ex_id] = not self._cautions_open[ex_id]
        self._refresh()

    @property
    def on_rating_page(self) -> bool:
        return self.pages.currentWidget() is self.rating_page

    def view(self) -> PlayerView:
        return self.player.view()

    def guarded(self) -> bool:
        """True while keys do nothing: the first ``guard_s`` seconds after opening."""
        if self._opened_at is None:
            return True
        return self.clock.monotonic() - self._opened_at < self.guard_s

    def _want_frames(self) -> bool:
        return (self.isVisible() and not self._answered and not self.on_rating_page
                and self.player.status == "running")

    def _sync_timer(self) -> None:
        """Run the frame timer only when something moves on screen."""
        if not self._want_frames():
            self.frame_timer.stop()
            return
        interval = FRAME_MS if self.player.step.kind == "breathing" else TICK_MS
        if self.frame_timer.interval() != interval:
            self.frame_timer.setInterval(interval)
        if not self.frame_timer.isActive():
            self.frame_timer.start()

    # -- driving -------------------------------------------------------------

    def frame(self) -> None:
        """One frame: let the player catch up with the clock, then redraw."""
        if self._answered or self.on_rating_page:
            return
        self.player.update()
        self._after_move()

    def _after_move(self) -> None:
        if self.player.status == "finished":
            self._show_rating()
            return
        if self.player.index != self._index:
            self._index = self.player.index
            self.step_changed.emit(self._index)
        self._refresh()
        self._sync_timer()

    def next(self) -> None:
        if self._answered or self.on_rating_page:
            return
        self.player.next()
        self._after_move()

    def back(self) -> None:
        if self._answered or self.on_rating_page:
            return
        self.player.back()
        self._after_move()

    def skip_step(self) -> None:
        if self._answered or self.on_rating_page:
            return
        self.player.skip_step()
        self._after_move()

    def pause(self) -> None:
        if self.player.pause():
            self._refresh()
            self._sync_timer()

    def resume(self) -> None:
        if self.player.resume():
            self._refresh()
            self._sync_timer()

    @property
    def answered(self) -> bool:
        """Has the window sent its answer (finished or snoozed)?"""
        return self._answered

    def toggle_pause(self) -> None:
        if self._answered or self.on_rating_page:
            return
        if self.player.status == "paused":
            self.resume()
        else:
            self.pause()

    def finish(self) -> None:
        """End the routine now (steps not done count as skipped) and ask for a rating."""
        if self._answered or self.on_rating_page:
            return
        self.player.finish()
        self._show_rating()

    def refuse_snooze(self) -> None:
        """At the cap of snoozes in a row: the break can be done or skipped, not put off."""
        self.snooze_button.setEnabled(False)
        self.snooze_button.setToolTip(self.tr("Snoozed the most times in a row; take or "
                                              "skip this break"))

    def snooze(self) -> None:
        if self._answered or not self.snooze_button.isEnabled():
            return
        self._answered = True
        self.frame_timer.stop()
        self.snoozed.emit(self.snooze_minutes)
        self.close()

    def rate(self, rating: int | None) -> None:
        """Answer the rating page (None = skipped) and close."""
        if self._answered:
            return
        self.player.finish()
        self._answered = True
        self.frame_timer.stop()
        self.finished.emit(self.player.outcome(), self.player.records(), rating)
        self.close()

    def _show_rating(self) -> None:
        self.frame_timer.stop()
        self.pages.setCurrentWidget(self.rating_page)
        self.setWindowTitle(self.tr("Break finished: {name}").format(name=self.routine.name))

    # -- drawing -------------------------------------------------------------

    def _refresh(self) -> None:
        view = self.player.view()
        if view.kind == "move":
            self._refresh_moving(view)
            return
        self._show_routine_buttons(True)
        self.name_label.setText(view.exercise_name if view.kind != "rest" else self.tr("Rest"))
        self.step_label.setText(self.tr("Step {n} of {count}").format(n=view.index + 1,
                                                                 count=view.count))
        self.total_label.setText(self.tr("{time} left").format(
            time=clock_text(view.total_seconds_left)))
        self.picture.set_path(view.illustration)
        if view.kind == "checklist":
            self.dose_label.setText(self.tr("Check each point, then press Next."))
        else:
            self.dose_label.setText(
                self.tr("Rest {seconds} s").format(seconds=f"{self.player.step.seconds:g}")
                if view.kind == "rest" else self.player.step.dose.describe(translate))
        self.side_label.setText({"left": self.tr("Left side"), "right": self.tr("Right side")}.get(
            view.side or "", ""))
        self.side_label.setVisible(view.side is not None)

        rep_text = ""
        if view.kind == "reps" and view.rep is not None:
            rep_text = self.tr("Rep {n} of {count}").format(n=view.rep, count=view.reps)
        elif view.kind == "breathing" and view.cycle is not None:
            rep_text = self.tr("Breath {n} of {count}").format(n=view.cycle, count=view.cycles)
        self.rep_label.setText(rep_text)
        self.rep_label.setVisible(bool(rep_text))
        set_text = ""
        if view.kind == "reps" and view.sets and view.sets > 1:
            set_text = self.tr("Set {n} of {count}").format(n=view.set_number, count=view.sets)
        elif view.kind == "rest" and view.sets:
            set_text = self.tr("Next: set {n} of {count}").format(n=view.set_number,
                                                             count=view.sets)
        self.set_label.setText(set_text)
        self.set_label.setVisible(bool(set_text))

        lines: tuple[str, ...]
        if view.kind == "rest":
            lines = (self.tr("Rest, then do set {n} of {count} of {name}.").format(
                n=view.set_number, count=view.sets, name=self.player.step.exercise.name),)
        else:
            lines = view.lines
        self.lines_label.setText("\n".join(f"• {line}" for line in lines))

        breathing = view.kind == "breathing"
        checklist = view.kind == "checklist"
        self.pacer.setVisible(breathing)
        self.ring.setVisible(not breathing and not checklist)
        self.lines_label.setVisible(not checklist)
        self.checklist.setVisible(checklist)
        if breathing:
            phase_text = {"in": self.tr("Breathe in"), "hold": self.tr("Hold"),
                          "out": self.tr("Breathe out")}.get(view.phase or "", "")
            self.pacer.set_state(view.phase, view.fraction, view.seconds_left, phase_text)
        elif not checklist:
            caption = {"reps": self.tr("hold") if self.player.step.hold_s is not None
                       else self.tr("this rep"), "rest": self.tr("rest"),
                       "timed": self.tr("left")}.get(view.kind, "")
            if view.relaxing:
                caption = self.tr("relax")
            self.ring.calm = view.relaxing or view.kind == "rest"
            self.ring.set_state(view.fraction, view.seconds_left, caption)
        if checklist:
            self._fill_checklist(view)
        self._refresh_guidance()
        self._refresh_pause(view)
        self._speak_texts()
        words = (view.index, view.kind, self.cautions_open, self.lines_label.text())
        if words != self._words:  # new words: fit them (not on every frame)
            self._words = words
            self.text_area.updateGeometry()
            self._fit_text()

    def _speak_texts(self) -> None:
        """A screen reader speaks what the labels say (the exercise, the step, the dose,
        the instructions, side, rep and set), not what they are; that goes in the
        description."""
        for label in (self.name_label, self.step_label, self.dose_label, self.lines_label,
                      self.side_label, self.rep_label, self.set_label):
            if label.accessibleName() != label.text():
                if not label.accessibleDescription():
                    label.setAccessibleDescription(label.accessibleName())
                label.setAccessibleName(label.text())

    @staticmethod
    def _say(label: QLabel, text: str) -> None:
        """Show ``text``; a screen reader speaks the same (the label's accessible name)."""
        label.setText(text)
        label.setAccessibleName(text)
        label.setVisible(bool(text))

    def _refresh_guidance(self) -> None:
        """The therapist's notes, and the cautions panel with the progression."""
        g = self.guidance()
        self._say(self.notes_label, self.tr("Your therapist's notes: {notes}").format(
            notes=g.notes) if g.notes else "")
        panel_has = bool(g.cautions or g.progression or g.easier or g.harder)
        self.cautions_button.setVisible(panel_has)
        self.cautions_button.setChecked(panel_has and self.cautions_open)
        if not panel_has or not self.cautions_open:
            self.cautions_panel.hide()
            return
        heading = (self.tr("New to you: read these cautions before you start")
                   if g.first_time else self.tr("Cautions"))
        if not g.cautions:
            heading = ""
        self._say(self.cautions_heading, heading)
        self._say(self.cautions_label, "\n".join(f"• {c}" for c in g.cautions))
        lines = []
        if g.progression:
            lines.append(self.tr("Progression: {text}").format(text=g.progression))
        if g.easier:
            lines.append(self.tr("Too hard? Try: {names}").format(names=", ".join(g.easier)))
        if g.harder:
            lines.append(self.tr("Too easy? Try: {names}").format(names=", ".join(g.harder)))
        self._say(self.progression_label, "\n".join(lines))
        style = (FIRST_TIME_STYLE if g.first_time and g.cautions else PANEL_STYLE)
        if self.cautions_panel.styleSheet() != style:
            self.cautions_panel.setStyleSheet(style)
        self.cautions_panel.show()
        self._fit_panel()

    def _fit_panel(self) -> None:
        """Wrapped text in a frame: tell the layout how tall it is at this width, so the
        drawing gives way and no caution is cut off."""
        layout = self.cautions_panel.layout()
        if layout is None or not self.cautions_panel.isVisibleTo(self):
            return
        width = self.cautions_panel.width() if self.cautions_panel.width() > 50 else (
            self.width() - 36)
        height = layout.heightForWidth(width)
        if height > 0 and self.cautions_panel.minimumHeight() != height:
            self.cautions_panel.setMinimumHeight(height)

    def _fit_text(self) -> None:
        """The words come before the drawing: the text area is as tall as its words need,
        as far as the screen leaves room under the rest of the page at its smallest (on a
        small screen or with large text it scrolls, and the buttons stay on screen)."""
        page = self.play_page.layout()
        if page is None:
            return
        others = 0
        for i in range(page.count()):
            item = page.itemAt(i)
            if item is not None and item.widget() is not self.text_area \
                    and not item.isEmpty():
                others += item.minimumSize().height()
        margins = page.contentsMargins()
        others += margins.top() + margins.bottom() + page.spacing() * (page.count() - 1)
        screen = self.screen()
        room = (screen.availableGeometry().height() - 40 if screen is not None
                else 10_000) - others  # 40: a title bar
        height = max(self.text_area.minimumSizeHint().height(),
                     min(self.text_area.needed_height(), room))
        if self.text_area.minimumHeight() != height:
            state = self.windowState()
            self.text_area.setMinimumHeight(height)
            if self.windowState() != state:  # a larger minimum resized it: full screen stays
                self.setWindowState(state)
        outer = self.layout()
        if outer is not None:
            outer.invalidate()  # else the window keeps the last words' (larger) minimum
            outer.activate()
        if screen is not None and not self.isFullScreen():  # taller than the screen: fit it
            avail = screen.availableGeometry().height() - (self.frameGeometry().height()
                                                           - self.height())
            if self.height() > avail >= self.minimumHeight():
                self.resize(self.width(), avail)
                frame, area = self.frameGeometry(), screen.availableGeometry()
                if not area.contains(frame):
                    frame.moveCenter(area.center())
                    self.move(frame.topLeft())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_panel()
        self._fit_text()

    def _refresh_pause(self, view: PlayerView) -> None:
        paused = view.status == "paused"
        self.pause_button.setText(self.tr("&Resume") if paused else self.tr("&Pause"))
        self.pause_button.setAccessibleName(self.tr("Resume") if paused else self.tr("Pause"))
        if paused:
            self.name_label.setText(self.tr("{name} (paused)").format(name=self.name_label.text()))
        self.back_button.setEnabled(any(s.is_exercise for s in
                                        self.player.steps[:self.player.index]))

    def _show_routine_buttons(self, routine: bool) -> None:
        """The routine's buttons, or the keep-moving screen's (Next becomes Done)."""
        self.skip_button.setVisible(routine)
        self.finish_button.setVisible(routine)
        if routine:
            self.next_button.setText(self.tr("&Next"))
            self.next_button.setAccessibleName(self.tr("Next step"))
            self.next_button.setAccessibleDescription("")
        else:
            self.next_button.setText(self.tr("&Done"))
            self.next_button.setAccessibleName(self.tr("Done"))
            self.next_button.setAccessibleDescription(
                self.tr("End the break now; the routine counts as you did it"))

    def _refresh_moving(self, view: PlayerView) -> None:
        """The calm screen after the routine, until the break's length."""
        self._show_routine_buttons(False)
        self.name_label.setText(self.tr("Keep moving"))
        self.step_label.setText(self.tr("Routine done"))
        self.total_label.setText(self.tr("{time} left").format(
            time=clock_text(view.total_seconds_left)))
        self.picture.set_path(view.illustration)
        self.dose_label.setText(self.tr(
            "This break lasts {minutes} min. Press Done whenever you want to stop.").format(
                minutes=self.break_min))
        self.side_label.hide()
        self.rep_label.hide()
        self.set_label.hide()
        lines = (self.tr("Walk around at an easy pace."),
                 self.tr("Look into the distance: out of a window, or the far end of the "
                         "room."),
                 self.tr("Let your shoulders hang loose; roll them now and then."))
        self.lines_label.setText("\n".join(f"• {line}" for line in lines))
        self.lines_label.show()
        self._refresh_guidance()
        self.checklist.hide()
        self.pacer.hide()
        self.ring.show()
        self.ring.calm = False
        self.ring.set_state(view.fraction, view.seconds_left, self.tr("left"))
        self._refresh_pause(view)
        self._speak_texts()

    def _fill_checklist(self, view: PlayerView) -> None:
        if self._checklist_step != view.index:
            self._checklist_step = view.index
            for box in self.checkboxes:
                self.checklist_layout.removeWidget(box)
                box.deleteLater()
            self.checkboxes = []
            for i, item in enumerate(view.checklist):
                box = QCheckBox(item.text)
                box.setAccessibleName(item.text)
                box.setFocusPolicy(Qt.FocusPolicy.TabFocus)
                box.installEventFilter(self)
                box.toggled.connect(lambda on, i=i: self.player.tick_item(i, on))
                self.checklist_layout.addWidget(box)
                self.checkboxes.append(box)
        for box, item in zip(self.checkboxes, view.checklist):
            if box.isChecked() != item.ticked:
                box.blockSignals(True)
                box.setChecked(item.ticked)
                box.blockSignals(False)

    # -- events --------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The window's keys work while a button or check box has focus: arrows, Enter,
        Esc and digits go to the window (Space still presses the focused control)."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Return, Qt.Key.Key_Enter,
                       Qt.Key.Key_Escape) or Qt.Key.Key_0.value <= key <= Qt.Key.Key_9.value:
                self.keyPressEvent(event)
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        handled = (Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Return,
                   Qt.Key.Key_Enter, Qt.Key.Key_Escape)
        digits = range(Qt.Key.Key_0.value, Qt.Key.Key_9.value + 1)
        if key not in handled and key not in digits:
            super().keyPressEvent(event)
            return
        event.accept()
        if self.guarded() or self._answered:
            return  # typing meant for another window must not dismiss the break
        if self.on_rating_page:
            if key == Qt.Key.Key_Escape:
                self.rate(None)
            elif key in digits:
                self.rate(key - Qt.Key.Key_0.value)
            return
        if key == Qt.Key.Key_Space:
            self.toggle_pause()
        elif key == Qt.Key.Key_Right:
            self.next()
        elif key == Qt.Key.Key_Left:
            self.back()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish()
        elif key == Qt.Key.Key_Escape:
            self.snooze()

    def _cover_other_screens(self) -> None:
        """Full screen means all screens: the break on one, a calm cover on the others."""
        if not self.fullscreen or self.covers:
            return
        own = self.screen()
        for screen in QGuiApplication.screens():
            if screen is not own:
                cover = ScreenCover(screen)
                cover.show_on_screen()
                self.covers.append(cover)

    def _uncover(self) -> None:
        for cover in self.covers:
            cover.close()
            cover.deleteLater()
        self.covers = []

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._cover_other_screens()
        if self._opened_at is None:
            self._opened_at = self.clock.monotonic()
        if self.player.status != "finished":
            self.player.update()  # catch up with the clock before the first frame
            self._after_move()
        self._sync_timer()

    def hideEvent(self, event: QHideEvent) -> None:
        self.frame_timer.stop()
        self._uncover()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.frame_timer.stop()
        self._uncover()
        if not self._answered:
            # Closing without an answer: what was done counts, the rest is skipped.
            self._answered = True
            self.player.finish()
            self.finished.emit(self.player.outcome(), self.player.records(), None)
        super().closeEvent(event)
