"""The Settings dialog: every setting, grouped in tabs; each change applies at once.

A number or time field applies its edit when the edit is finished: Enter, leaving the
field, or a pause of :data:`SETTLE_MS` in typing or pressing the arrows (so ↓ held in
"Working hours from" does not apply every hour on its way).  Set from code (not being
edited by a person, so without focus) a field applies at once.

The dialog holds a :class:`~posture_coach.core.settings.Settings` value and answers
every change with ``changed(Settings)``: the app saves the file and applies it (plans
the next break again, sets the volume, the theme, start at login).  The dialog never
writes a file.  A combination that cannot be used (working hours that end before they
start, no routine chosen) is explained in the dialog and not sent.

While it is open it follows the app's models (:meth:`SettingsDialog.follow`, as napari's
layer controls follow their layer): a setting changed elsewhere shows in its field (a
field being edited keeps what the person typed), and what the desktop lets the app
watch (:class:`~posture_coach.core.desktop_state.DesktopState`: the idle monitor, the
busy signals, a sound device) is said as it changes.  Closed, it hears nothing more.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from .. import APP_DISPLAY_NAME
from ..core.desktop_state import DesktopState, DesktopStateModel
from ..core.quiet import NO_SOUND_SERVER
from ..core.settings import (
    ALLOWED_INTERVAL,
    ICE_HEAT_MAX_MINUTES,
    MAX_BREAK_MIN,
    MAX_QUIET_LIMIT,
    MAX_SNOOZE_CAP,
    Settings,
)
from ..core.settings_model import FIELDS, SettingsModel
from .i18n import available_languages, current_language, resolve
from .signal_words import busy_sentence, idle_sentence, technical

SNOOZE_SLOTS = 3
SETTLE_MS = 1000  # a pause this long in an edit of a number or time field applies it


class TimeField(QTimeEdit):
    """A time field where typed digits work after a click, too: the click selects the
    hour or minute under the pointer, so typing replaces it (Qt only places the cursor,
    and digits typed into a full section were dropped)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.lineEdit().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.lineEdit() and event.type() == QEvent.Type.MouseButtonRelease \
                and not self.lineEdit().hasSelectedText():
            self.setSelectedSection(self.currentSection())
        return super().eventFilter(watched, event)


class SettingsDialog(QDialog):
    """Every setting; ``changed`` carries the new value after each accepted edit."""

    changed = Signal(object)  # Settings

    def __init__(self, settings: Settings, routines: Sequence[tuple[str, str]], *,
                 idle_monitor: str | None, quiet_signal: str | None,
                 quiet_kinds: Sequence[str] | None = None, audio_output: bool | None = None,
                 quiet_off: Sequence[str] = (), parent: QWidget | None = None):
        """``idle_monitor``, ``quiet_signal``: the technical names of what reads idle time
        and the busy signals (a tooltip); ``quiet_kinds``: what the busy signals tell
        (``fullscreen``, ``do-not-disturb``: said in plain words, ui/signal_words.py);
        ``audio_output``: False when no sound device was found (None: not known);
        ``quiet_off``: the signals that cannot work here (no sound server: the microphone
        is not watched)."""
        super().__init__(parent)
        self.desktop = DesktopState(idle_monitor, quiet_signal, tuple(quiet_kinds or ()),
                                    tuple(quiet_off), audio_output)
        self._unfollow: list[Callable[[], None]] = []
        self.settings = settings
        self.routine_names = dict(routines)
        self._loading = False
        self.settle_timer = QTimer(self)  # an edit in progress applies after a pause
        self.settle_timer.setSingleShot(True)
        self.settle_timer.setInterval(SETTLE_MS)
        self.settle_timer.timeout.connect(self._edited)
        self.setWindowTitle(self.tr("Settings"))  # Qt adds " — Posture Coach"
        self.setAccessibleName(self.tr("Settings"))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Settings groups"))
        self.tabs.tabBar().setAccessibleName(self.tr("Settings groups"))
        self.tabs.setUsesScrollButtons(False)  # every tab in sight: the dialog grows
        self.tabs.addTab(self._breaks_tab(), self.tr("&Breaks"))
        self.tabs.addTab(self._routines_tab(), self.tr("&Routines"))
        self.tabs.addTab(self._snooze_tab(), self.tr("&Snooze and quiet"))
        self.tabs.addTab(self._sound_tab(), self.tr("&Notifications and sound"))
        self.tabs.addTab(self._idle_tab(), self.tr("&Idle"))
        self.tabs.addTab(self._ice_heat_tab(), self.tr("Ice and &heat"))
        self.tabs.addTab(self._general_tab(), self.tr("&General"))

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAccessibleDescription(self.tr("Problem with these settings"))
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.defaults_button = buttons.addButton(self.tr("Restore &defaults"),
                                                 QDialogButtonBox.ButtonRole.ResetRole)
        self.defaults_button.setAccessibleName(self.tr("Restore defaults"))
        self.defaults_button.setAccessibleDescription(
            self.tr("Put every setting back to how the app comes; applies at once"))
        self.defaults_button.clicked.connect(self.restore_defaults)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.setIcon(QIcon())  # the style's dark cross is lost on a dark theme
        buttons.rejected.connect(self.close)
        note = QLabel(self.tr("Changes apply at once."))
        note.setAccessibleName(note.text())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.problem)
        bottom = QHBoxLayout()
        bottom.addWidget(note, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.show_values(settings)
        self.show_desktop(self.desktop)

    # ------------------------------------------------------------------ following
    def follow(self, settings: SettingsModel, desktop: DesktopStateModel) -> None:
        """Show what ``settings`` and ``desktop`` hold after each change, until this
        dialog is closed."""
        self.unfollow()
        self._unfollow = [
            settings.subscribe(FIELDS, lambda new, old: self._settings_changed(new, old)),
            desktop.subscribe(desktop.fields, lambda new, old: self.show_desktop(new))]
        self._settings_changed(settings.current, self.settings)
        self.show_desktop(desktop.current)

    def unfollow(self) -> None:
        for unsubscribe in self._unfollow:
            unsubscribe()
        self._unfollow = []

    def _settings_changed(self, new: Settings, old: Settings) -> None:
        """The settings changed (here or elsewhere): the fields that differ from what
        the dialog holds show the new values; one being edited keeps its edit."""
        if new == self.settings:
            return  # this dialog's own change, coming back
        editing = self.focusWidget() if self.settle_timer.isActive() else None
        spin = editing if isinstance(editing, QSpinBox) else None
        clock = editing if isinstance(editing, QTimeEdit) else None
        typed_number = spin.value() if spin is not None else None
        typed_time = clock.time() if clock is not None else None
        self.settings = new
        self.show_values(new)
        self._loading = True  # the edit in progress stays, and applies when finished
        try:
            if spin is not None and typed_number is not None:
                spin.setValue(typed_number)
            if clock is not None and typed_time is not None:
                clock.setTime(typed_time)
        finally:
            self._loading = False

    # ------------------------------------------------------------------ building
    def _named(self, widget: QWidget, name: str, description: str = "") -> QWidget:
        widget.setAccessibleName(name)
        if description:
            widget.setAccessibleDescription(description)
            widget.setToolTip(description)
        if isinstance(widget, QCheckBox):
            widget.toggled.connect(self._edited)
        elif isinstance(widget, QSlider):
            widget.valueChanged.connect(self._edited)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(lambda _v, w=widget: self._field_changed(w))
            widget.editingFinished.connect(self.apply_now)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self._edited)
        elif isinstance(widget, QTimeEdit):
            widget.timeChanged.connect(lambda _t, w=widget: self._field_changed(w))
            widget.editingFinished.connect(self.apply_now)
        return widget

    def _field_changed(self, field: QWidget) -> None:
        """A number or time changed: while a person edits the field (it has the focus)
        the change waits for the edit to finish; set from code it applies at once."""
        if self._loading:
            return
        if field.hasFocus():
            self.settle_timer.start()
        else:
            self._edited()

    def apply_now(self) -> None:
        """Apply an edit in progress (Enter, the field left, the dialog closed)."""
        self.settle_timer.stop()
        self._edited()

    def done(self, result: int) -> None:
        self.apply_now()
        self.unfollow()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.apply_now()
        self.unfollow()
        super().closeEvent(event)

    @staticmethod
    def _row(form: QFormLayout, label: str, widget: QWidget) -> QLabel:
        caption = QLabel(label)
        caption.setBuddy(widget)
        form.addRow(caption, widget)
        return caption

    def _spin(self, low: int, high: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        return spin

    def _breaks_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        low, high = ALLOWED_INTERVAL
        self.interval = self._spin(low, high, self.tr(" min"))
        self._named(self.interval, self.tr("Break every"),
                    self.tr("Minutes of work between breaks; the clinic suggests 30 to 60"))
        self._row(form, self.tr("Break &every:"), self.interval)
        self.interval_note = QLabel()
        self.interval_note.setWordWrap(True)
        self.interval_note.setAccessibleDescription(self.tr("Note about the interval"))
        form.addRow("", self.interval_note)
        days = QWidget()
        days_layout = QHBoxLayout(days)
        days_layout.setContentsMargins(0, 0, 0, 0)
        names = (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"),
                 self.tr("Fri"), self.tr("Sat"), self.tr("Sun"))
        long_names = (self.tr("Monday"), self.tr("Tuesday"), self.tr("Wednesday"),
                      self.tr("Thursday"), self.tr("Friday"), self.tr("Saturday"),
                      self.tr("Sunday"))
        self.day_boxes: list[QCheckBox] = []
        for short, full in zip(names, long_names):
            box = QCheckBox(short)
            self._named(box, full, self.tr("Breaks on {day}").format(day=full))
            days_layout.addWidget(box)
            self.day_boxes.append(box)
        caption = QLabel(self.tr("Working days:"))
        caption.setBuddy(self.day_boxes[0])
        form.addRow(caption, days)
        self.work_start = TimeField()
        self.work_start.setDisplayFormat("HH:mm")
        self._named(self.work_start, self.tr("Working hours start"))
        self._row(form, self.tr("Working hours fro&m:"), self.work_start)
        self.work_end = TimeField()
        self.work_end.setDisplayFormat("HH:mm")
        self._named(self.work_end, self.tr("Working hours end"))
        self._row(form, self.tr("&until:"), self.work_end)
        self.notice = self._spin(0, 600, self.tr(" s"))
        self.notice.setSpecialValueText(self.tr("No notice"))
        self._named(self.notice, self.tr("Notice before a break"),
                    self.tr("A notification this many seconds before a break; 0 for none"))
        self._row(form, self.tr("No&tice before a break:"), self.notice)
        self.break_length = self._spin(0, MAX_BREAK_MIN, self.tr(" min"))
        self.break_length.setSpecialValueText(self.tr("As the routine sets"))
        self._named(self.break_length, self.tr("Break length"),
                    self.tr("A break lasts at least this long: after a shorter routine, a "
                            "calm 'keep moving' screen counts down the rest, and Done ends "
                            "it early. A longer routine is never cut."))
        self._row(form, self.tr("Brea&k length:"), self.break_length)
        self.fullscreen = QCheckBox(self.tr("Show breaks &full screen"))
        self._named(self.fullscreen, self.tr("Show breaks full screen"),
                    self.tr("The break covers every screen"))
        form.addRow("", self.fullscreen)
        return page

    def _routines_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel(self.tr("Breaks take turns through the routines ticked here, "
                               "from the top."))
        intro.setWordWrap(True)
        self.routine_list = QListWidget()
        self.routine_list.setAccessibleName(self.tr("Routines in rotation"))
        self.routine_list.setAccessibleDescription(self.tr(
            "Tick the routines to use; move them up or down to set their order"))
        self.routine_list.itemChanged.connect(self._edited)
        intro.setBuddy(self.routine_list)
        buttons = QHBoxLayout()
        self.up_button = QPushButton(self.tr("Move &up"))
        self.up_button.setAccessibleName(self.tr("Move routine up"))
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button = QPushButton(self.tr("Move do&wn"))
        self.down_button.setAccessibleName(self.tr("Move routine down"))
        self.down_button.clicked.connect(lambda: self._move(1))
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        layout.addWidget(intro)
        layout.addWidget(self.routine_list)
        layout.addLayout(buttons)
        return page

    def _snooze_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.snooze_spins: list[QSpinBox] = []
        labels = (self.tr("Snooze choice &1:"), self.tr("Snooze choice &2:"),
                  self.tr("Snooze choice &3:"))
        for index, label in enumerate(labels):
            spin = self._spin(0, 120, self.tr(" min"))
            spin.setSpecialValueText(self.tr("Off"))
            self._named(spin, self.tr("Snooze choice {n}").format(n=index + 1),
                        self.tr("Minutes a snooze puts a break off; Off for no choice here"))
            self._row(form, label, spin)
            self.snooze_spins.append(spin)
        self.snooze_cap = self._spin(0, MAX_SNOOZE_CAP, "")
        self.snooze_cap.setSpecialValueText(self.tr("No snoozing"))
        self._named(self.snooze_cap, self.tr("Snoozes in a row"),
                    self.tr("After this many snoozes in a row a break can only be taken "
                            "or skipped"))
        self._row(form, self.tr("Snoozes in a row at &most:"), self.snooze_cap)
        self.quiet_limit = self._spin(0, MAX_QUIET_LIMIT, self.tr(" min"))
        self.quiet_limit.setSpecialValueText(self.tr("Never wait"))
        self._named(self.quiet_limit, self.tr("Wait while busy"),
                    self.tr("While a full-screen window has focus, Do Not Disturb is on "
                            "or you are in a call (the microphone or camera is in use), a "
                            "due break waits up to this long"))
        self._row(form, self.tr("While busy, a break &waits up to:"), self.quiet_limit)
        self.quiet_status = QLabel()
        self.quiet_status.setWordWrap(True)
        form.addRow("", self.quiet_status)
        return page

    def _sound_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.notifications = QCheckBox(self.tr("Show notifi&cations before and at breaks"))
        self._named(self.notifications, self.tr("Notifications"))
        form.addRow(self.notifications)
        self.sound = QCheckBox(self.tr("&Play sounds at steps and at the end"))
        self._named(self.sound, self.tr("Play sounds at steps and at the end"))
        form.addRow(self.sound)
        self.sound_note = QLabel(self.tr("No sound device was found on this computer, so "
                                         "no sound plays for now."))
        self.sound_note.setWordWrap(True)
        form.addRow(self.sound_note)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setPageStep(10)
        self._named(self.volume, self.tr("Volume"), self.tr("Sound volume, 0 to 100"))
        self._row(form, self.tr("&Volume:"), self.volume)
        self.sound.toggled.connect(self.volume.setEnabled)
        return page

    def _idle_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.idle = QCheckBox(self.tr("Notice when I am &away"))
        self._named(self.idle, self.tr("Idle detection"),
                    self.tr("Time away from keyboard and mouse counts as a break"))
        form.addRow(self.idle)
        self.natural_break = self._spin(1, 60, self.tr(" min"))
        self._named(self.natural_break, self.tr("Away counts as a break after"),
                    self.tr("Away from keyboard and mouse at least this long counts as a "
                            "break"))
        self._row(form, self.tr("Away counts as a break af&ter:"), self.natural_break)
        self.idle_status = QLabel()
        self.idle_status.setWordWrap(True)
        self.idle.toggled.connect(self._show_idle_status)
        form.addRow("", self.idle_status)
        return page

    def _ice_heat_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.ice_heat_mode = QComboBox()
        for value, label in (("ask", self.tr("Ask each time")), ("ice", self.tr("Ice")),
                             ("heat", self.tr("Heat"))):
            self.ice_heat_mode.addItem(label, value)
        self._named(self.ice_heat_mode, self.tr("Ice or heat to start with"))
        self._row(form, self.tr("Start &with:"), self.ice_heat_mode)
        self.ice_heat_minutes = self._spin(1, ICE_HEAT_MAX_MINUTES, self.tr(" min"))
        self._named(self.ice_heat_minutes, self.tr("Ice or heat minutes"),
                    self.tr("The clinic suggests 10 to 15 minutes"))
        self._row(form, self.tr("&Minutes:"), self.ice_heat_minutes)
        return page

    def _general_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.theme = QComboBox()
        for value, label in (("system", self.tr("Follow the system")),
                             ("light", self.tr("Light")), ("dark", self.tr("Dark"))):
            self.theme.addItem(label, value)
        self._named(self.theme, self.tr("Theme"))
        self._row(form, self.tr("&Theme:"), self.theme)
        self.language = QComboBox()
        for value, label in (("system", self.tr("Follow the system")),
                             ("en", "English"), ("es", "Español")):
            self.language.addItem(label, value)
        self._named(self.language, self.tr("Language"),
                    self.tr("The language of the app; applies at once"))
        self._row(form, self.tr("&Language:"), self.language)
        self.language_note = QLabel()  # when the command line chose another language
        self.language_note.setWordWrap(True)
        self.language_note.hide()
        form.addRow("", self.language_note)
        self.start_at_login = QCheckBox(self.tr("Start {app} when I l&og in").format(
            app=APP_DISPLAY_NAME))
        self._named(self.start_at_login, self.tr("Start at login"))
        form.addRow(self.start_at_login)
        return page

    # ------------------------------------------------------------------ values
    def show_values(self, s: Settings) -> None:
        """Put ``s`` into the widgets without sending anything."""
        self._loading = True
        try:
            self.interval.setValue(s.interval_min)
            self._show_note(s)
            for index, box in enumerate(self.day_boxes):
                box.setChecked(index in s.work_days)
            self.work_start.setTime(QTime(s.work_start.hour, s.work_start.minute))
            self.work_end.setTime(QTime(s.work_end.hour, s.work_end.minute))
            self.notice.setValue(s.notice_s)
            self.break_length.setValue(s.break_min)
            self.fullscreen.setChecked(s.fullscreen_breaks)
            self.routine_list.clear()
            order = [r for r in s.routines if r in self.routine_names]
            order += [r for r in self.routine_names if r not in order]
            for routine_id in order:
                item = QListWidgetItem(self.routine_names[routine_id])
                item.setData(Qt.ItemDataRole.UserRole, routine_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if routine_id in s.routines
                                   else Qt.CheckState.Unchecked)
                self.routine_list.addItem(item)
            self.routine_list.setCurrentRow(0)
            for index, spin in enumerate(self.snooze_spins):
                spin.setValue(s.snooze_minutes[index] if index < len(s.snooze_minutes) else 0)
            self.snooze_cap.setValue(s.snooze_cap)
            self.quiet_limit.setValue(s.quiet_limit_min)
            self.notifications.setChecked(s.notifications)
            self.sound.setChecked(s.sound)
            self.volume.setValue(s.volume)
            self.volume.setEnabled(s.sound)
            self.idle.setChecked(s.idle_detection)
            self.natural_break.setValue(s.natural_break_min)
            self._show_idle_status()
            self.ice_heat_mode.setCurrentIndex(self.ice_heat_mode.findData(s.ice_heat_mode))
            self.ice_heat_minutes.setValue(s.ice_heat_minutes)
            self.theme.setCurrentIndex(self.theme.findData(s.theme))
            self.language.setCurrentIndex(self.language.findData(s.language))
            self._show_language_note()
            self.start_at_login.setChecked(s.start_at_login)
        finally:
            self._loading = False

    def _routines(self) -> tuple[str, ...]:
        items = (self.routine_list.item(i) for i in range(self.routine_list.count()))
        return tuple(str(item.data(Qt.ItemDataRole.UserRole)) for item in items
                     if item.checkState() == Qt.CheckState.Checked)

    def value(self) -> tuple[Settings | None, str]:
        """The settings the widgets show, or None and what is wrong with them."""
        start = self.work_start.time()
        end = self.work_end.time()
        days = tuple(i for i, box in enumerate(self.day_boxes) if box.isChecked())
        routines = self._routines()
        if (end.hour(), end.minute()) <= (start.hour(), start.minute()):
            return None, self.tr("Working hours must end after they start.")
        if not routines:
            return None, self.tr("Tick at least one routine for the breaks.")
        from datetime import time

        snooze = tuple(dict.fromkeys(s.value() for s in self.snooze_spins if s.value() > 0))
        return replace(
            self.settings, interval_min=self.interval.value(), work_days=days,
            work_start=time(start.hour(), start.minute()),
            work_end=time(end.hour(), end.minute()), notice_s=self.notice.value(),
            break_min=self.break_length.value(),
            fullscreen_breaks=self.fullscreen.isChecked(),
            routines=routines,
            snooze_minutes=snooze, snooze_cap=self.snooze_cap.value(),
            quiet_limit_min=self.quiet_limit.value(),
            notifications=self.notifications.isChecked(), sound=self.sound.isChecked(),
            volume=self.volume.value(), idle_detection=self.idle.isChecked(),
            natural_break_min=self.natural_break.value(),
            ice_heat_mode=str(self.ice_heat_mode.currentData()),
            ice_heat_minutes=self.ice_heat_minutes.value(),
            theme=str(self.theme.currentData()), language=str(self.language.currentData()),
            start_at_login=self.start_at_login.isChecked()), ""

    def _edited(self, *_args: object) -> None:
        if self._loading:
            return
        settings, problem = self.value()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        if settings is None or settings == self.settings:
            return
        self.settings = settings
        self._show_note(settings)
        self.changed.emit(settings)

    def show_desktop(self, state: DesktopState) -> None:
        """Say what the desktop lets the app watch now: the idle monitor, the busy
        signals and what is not watched, whether a sound device was found."""
        self.desktop = state
        self._show_idle_status()
        status = busy_sentence(state.busy_kinds if state.busy_signals else ())
        if NO_SOUND_SERVER in state.not_watched:
            status += " " + self.tr("The microphone is not watched: no sound server "
                                    "(PulseAudio or PipeWire) answers.")
        self.quiet_status.setText(status)
        self.quiet_status.setToolTip(technical(state.busy_signals))
        no_sound = state.audio_output is False
        self.sound_note.setVisible(no_sound)
        self.sound.setAccessibleDescription(self.sound_note.text() if no_sound else "")

    def _show_idle_status(self, *_args: object) -> None:
        monitor = self.desktop.idle_monitor
        self.idle_status.setText(idle_sentence(self.idle.isChecked(), monitor))
        self.idle_status.setToolTip(technical(monitor) if self.idle.isChecked() else "")

    def _show_language_note(self) -> None:
        """The Language box shows the setting; when ``--language`` or POSTURE_COACH_LANG
        chose another language for this run, the note below it says which applies."""
        now = current_language()
        setting = str(self.language.currentData())
        if resolve(setting) == now:
            self.language_note.hide()
            return
        names = dict(available_languages())
        self.language_note.setText(self.tr(
            "{language} applies now: it was chosen when the app was started (--language "
            "or POSTURE_COACH_LANG). This setting applies when you change it, or at the "
            "next start without that choice.").format(language=names.get(now, now)))
        self.language_note.show()

    def _show_note(self, settings: Settings) -> None:
        note = settings.interval_note() or ""
        self.interval_note.setText(note)
        self.interval_note.setVisible(bool(note))

    def _move(self, step: int) -> None:
        row = self.routine_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.routine_list.count():
            return
        item = self.routine_list.takeItem(row)
        self.routine_list.insertItem(target, item)
        self.routine_list.setCurrentRow(target)
        self._edited()

    def restore_defaults(self) -> None:
        self.show_values(Settings())
        self._edited()
