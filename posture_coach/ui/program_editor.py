"""The physical therapist's program editor: no YAML by hand.

Four tabs: the clinic's details; the exercises (picked from the library with
their pictures, or defined by the PT with a drawing chosen from a file; each with
its dose, how often, notes and progression, and whether it belongs to the work
breaks and to which home sessions); the schedule (break interval, working hours,
the ice/heat plan, safety notes); the home sessions (every one: its name, time,
days and exercises in order).  Preview shows the handout; Save asks where and answers with
``save_requested``.  The widget writes nothing: whoever wires it saves through
:func:`posture_coach.core.program_writer.save_program` and answers with
:meth:`show_saved` or :meth:`show_problems`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from pathlib import Path

from PySide6.QtCore import QDate, QSize, Qt, QTime, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.library import Dose, Exercise, Kind, Library, dose_problems
from ..core.program import SIDES, THERMAL_PLAN_MODES, Program
from ..core.program_writer import (
    DraftDefinition,
    DraftExercise,
    DraftSession,
    ProgramDraft,
    draft_from_program,
    exercise_of,
)
from . import art
from .exercise_dialog import DrawingCheck, ExerciseDialog
from .i18n import translate
from .qdates import pydate, pytime, qdate
from .session_editor import SessionsPage

ROLE = Qt.ItemDataRole.UserRole
ICON_PX = 64


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


class _Entry:
    """The editor's working copy of one chosen exercise."""

    def __init__(self, exercise: Exercise, draft: DraftExercise | None = None):
        d = exercise.dose
        self.exercise = exercise
        self.draft = draft or DraftExercise(exercise.id, side="both" if d.each_side else None)

    @property
    def own(self) -> bool:
        """An exercise the PT defined in the program (not the library's)."""
        return self.draft.define is not None


def _icon(exercise: Exercise) -> QIcon:
    picture = exercise.illustration
    if picture is None:
        return QIcon()
    if picture.suffix.lower() == ".png":
        return QIcon(str(picture))
    return QIcon(art.render(picture, ICON_PX))


class ProgramEditor(QMainWindow):
    save_requested = Signal(object, object)  # Path, ProgramDraft
    preview_requested = Signal(object)  # ProgramDraft

    def __init__(self, library: Library, program: Program | None = None,
                 today: QDate | None = None, parent: QWidget | None = None,
                 check_drawing: DrawingCheck | None = None):
        super().__init__(parent)
        self.library = library
        self.entries: list[_Entry] = []
        self.desk: list[str] = []  # the work break's exercises, in order
        self.path: Path | None = program.file if program is not None else None
        self.check_drawing: DrawingCheck = check_drawing or (lambda _path: [])
        """Problems with a drawing file the PT chose (the shell gives the core's check)."""
        self.exercise_dialog: ExerciseDialog | None = None
        self.preview_dialog: QWidget | None = None  # the handout preview, kept while open
        self._loading = False
        self._carried: ProgramDraft | None = None  # the loaded program's draft
        self._steps_library: Library | None = None
        self.setWindowTitle(self.tr("Home program editor"))
        self.setAccessibleName(self.tr("Home program editor"))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Program parts"))
        self.tabs.tabBar().setAccessibleName(self.tr("Program parts"))
        self.tabs.addTab(self._clinic_tab(today or QDate.currentDate()), self.tr("&Clinic"))
        self.tabs.addTab(self._exercises_tab(), self.tr("E&xercises"))
        self.tabs.addTab(self._schedule_tab(), self.tr("&Schedule"))
        self.sessions_page = SessionsPage()
        self.sessions_page.changed.connect(self._sessions_changed)
        self.tabs.addTab(self.sessions_page, self.tr("H&ome sessions"))
        self.status = QLabel("")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Save status"))
        self.preview_button = QPushButton(self.tr("&Preview the handout"))
        self.preview_button.setAccessibleName(self.tr("Preview the handout"))
        self.preview_button.clicked.connect(lambda: self.preview_requested.emit(self.draft()))
        self.save_button = QPushButton(self.tr("Sa&ve program…"))
        self.save_button.setAccessibleName(self.tr("Save the program file"))
        self.save_button.clicked.connect(self.ask_save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        central = QWidget()
        layout = QVBoxLayout(central)
        self.psfs_label = QLabel("")  # the outcome measure, kept as the file has it
        self.psfs_label.setTextFormat(Qt.TextFormat.PlainText)  # text from the file
        self.psfs_label.setWordWrap(True)
        self.psfs_label.hide()
        layout.addWidget(self.psfs_label)
        layout.addWidget(self.tabs)
        layout.addLayout(buttons)
        self.setCentralWidget(central)
        self.resize(980, 640)
        if program is not None:
            self.load(draft_from_program(program))
        else:
            self.sessions_page.set_sessions(
                (DraftSession("home", self.tr("Evening session"), time(19, 0)),))
            self._rebuild_session_checks()

    # ------------------------------------------------------------------ tabs
    def _line(self, form: QFormLayout, label: str, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        form.addRow(label, edit)
        return edit

    def _clinic_tab(self, today: QDate) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.title_edit = self._line(form, self.tr("Program &title:"), self.tr("Program title"))
        self.title_edit.setText(self.tr("Upper back home program"))
        self.clinic_edit = self._line(form, self.tr("Clinic &name:"), self.tr("Clinic name"))
        self.phone_edit = self._line(form, self.tr("P&hone:"), self.tr("Clinic phone"))
        self.address_edit = self._line(form, self.tr("&Address:"), self.tr("Clinic address"))
        self.clinician_edit = self._line(form, self.tr("C&linician:"), self.tr("Clinician"))
        self.patient_edit = self._line(form, self.tr("Pat&ient (optional):"),
                                       self.tr("Patient display name"))
        self.start_edit = QDateEdit(today)
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd")
        self.start_edit.setAccessibleName(self.tr("Start date"))
        form.addRow(self.tr("First &day:"), self.start_edit)
        self.review_check = QCheckBox(self.tr("&Review on"))
        self.review_check.setAccessibleName(self.tr("Set a review date"))
        self.review_edit = QDateEdit(today.addDays(28))
        self.review_edit.setCalendarPopup(True)
        self.review_edit.setDisplayFormat("yyyy-MM-dd")
        self.review_edit.setAccessibleName(self.tr("Review date"))
        self.review_edit.setEnabled(False)
        self.review_check.toggled.connect(self.review_edit.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.review_check)
        row.addWidget(self.review_edit, 1)
        form.addRow(self.tr("Review:"), row)
        return page

    def _exercises_tab(self) -> QWidget:
        page = QWidget()
        layout = QHBoxLayout(page)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Library")))
        self.library_list = QListWidget()
        self.library_list.setAccessibleName(self.tr("Library exercises"))
        self.library_list.setIconSize(QSize(ICON_PX, ICON_PX))
        self.library_list.setWordWrap(True)
        for exercise in self.library.exercises:
            item = QListWidgetItem(exercise.name)
            item.setData(ROLE, exercise.id)
            item.setToolTip(exercise.summary)
            if exercise.illustration is not None:
                item.setIcon(QIcon(art.render(exercise.illustration, ICON_PX)))
            self.library_list.addItem(item)
        self.library_list.itemDoubleClicked.connect(lambda _item: self.add_selected())
        left.addWidget(self.library_list)
        self.add_button = QPushButton(self.tr("&Add to the program →"))
        self.add_button.setAccessibleName(self.tr("Add the selected exercise to the program"))
        self.add_button.clicked.connect(self.add_selected)
        left.addWidget(self.add_button)
        layout.addLayout(left, 2)

        middle = QVBoxLayout()
        middle.addWidget(QLabel(self.tr("In the program")))
        self.chosen_list = QListWidget()
        self.chosen_list.setAccessibleName(self.tr("Exercises in the program"))
        self.chosen_list.setIconSize(QSize(ICON_PX, ICON_PX))
        self.chosen_list.setWordWrap(True)
        self.chosen_list.currentRowChanged.connect(self._show_entry)
        middle.addWidget(self.chosen_list)
        own = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&Your own exercise…"))
        self.new_button.setAccessibleName(self.tr("Define a new exercise of your own"))
        self.new_button.clicked.connect(self.new_exercise)
        self.edit_button = QPushButton(self.tr("Edit yo&urs…"))
        self.edit_button.setAccessibleName(self.tr("Edit your own exercise"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove the exercise from the program"))
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.new_button, self.edit_button, self.remove_button):
            own.addWidget(button)
        middle.addLayout(own)
        steps = QHBoxLayout()
        self.easier_button = QPushButton(self.tr("Make easier"))
        self.harder_button = QPushButton(self.tr("Make harder"))
        self.step_menus = {"easier": QMenu(self.easier_button),
                           "harder": QMenu(self.harder_button)}
        for button, direction in ((self.easier_button, "easier"),
                                  (self.harder_button, "harder")):
            button.clicked.connect(lambda _checked=False, d=direction: self.step(d))
            steps.addWidget(button)
        self.easier_button.setAccessibleName(self.tr("Swap for an easier version"))
        self.harder_button.setAccessibleName(self.tr("Swap for a harder version"))
        middle.addLayout(steps)
        self.step_note = QLabel("")
        self.step_note.setTextFormat(Qt.TextFormat.PlainText)
        self.step_note.setWordWrap(True)
        self.step_note.setAccessibleName(self.tr("About making it easier or harder"))
        middle.addWidget(self.step_note)
        layout.addLayout(middle, 2)

        self.dose_box = QWidget()
        form = QFormLayout(self.dose_box)
        self.dose_name = QLabel("")
        self.dose_name.setTextFormat(Qt.TextFormat.PlainText)
        self.dose_name.setWordWrap(True)
        form.addRow(self.dose_name)

        def spin(label: str, name: str, low: int, high: int) -> QSpinBox:
            box = QSpinBox()
            box.setRange(low, high)
            box.setAccessibleName(name)
            box.valueChanged.connect(self._store_entry)
            form.addRow(label, box)
            return box

        self.sets_spin = spin(self.tr("Se&ts:"), self.tr("Sets"), 1, 20)
        self.reps_spin = spin(self.tr("R&eps:"), self.tr("Repetitions"), 1, 200)
        self.hold_spin = spin(self.tr("&Hold (seconds):"), self.tr("Hold in seconds"), 0, 600)
        self.duration_spin = spin(self.tr("&Minutes:"), self.tr("Minutes"), 1, 60)
        self.cycles_spin = spin(self.tr("&Breaths:"), self.tr("Slow breaths"), 1, 200)
        self.side_combo = QComboBox()
        sides = {"both": self.tr("both sides"), "left": self.tr("left side"),
                 "right": self.tr("right side"), "none": self.tr("no side")}
        for side in SIDES:
            self.side_combo.addItem(sides[side], side)
        self.side_combo.setAccessibleName(self.tr("Side"))
        self.side_combo.currentIndexChanged.connect(self._store_entry)
        form.addRow(self.tr("S&ide:"), self.side_combo)
        self.times_spin = spin(self.tr("Times a &day:"), self.tr("Times a day"), 1, 20)
        self.days_spin = spin(self.tr("Days a &week:"), self.tr("Days a week"), 1, 7)
        self.notes_edit = QLineEdit()
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.textChanged.connect(self._store_entry)
        form.addRow(self.tr("&Notes:"), self.notes_edit)
        self.progression_edit = QLineEdit()
        self.progression_edit.setAccessibleName(self.tr("Progression"))
        self.progression_edit.textChanged.connect(self._store_entry)
        form.addRow(self.tr("Pro&gression:"), self.progression_edit)
        self.desk_check = QCheckBox(self.tr("At wor&k breaks"))
        self.desk_check.setAccessibleName(self.tr("Done at work breaks"))
        self.desk_check.toggled.connect(self._store_entry)
        form.addRow(self.desk_check)
        self.session_checks: list[QCheckBox] = []
        self.session_checks_box = QVBoxLayout()
        form.addRow(self.session_checks_box)
        self.dose_form = form
        layout.addWidget(self.dose_box, 3)
        self.dose_box.setEnabled(False)
        self._update_steps()
        return page

    def _schedule_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.interval_check = QCheckBox(self.tr("Set the &break interval"))
        self.interval_check.setAccessibleName(self.tr("Set the break interval"))
        self.interval_check.setChecked(True)
        form.addRow(self.interval_check)
        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(10, 120)
        self.interval_spin.setValue(45)
        self.interval_spin.setSuffix(self.tr(" min"))
        self.interval_spin.setAccessibleName(self.tr("Minutes between breaks"))
        form.addRow(self.tr("Break &every:"), self.interval_spin)
        self.work_start = QTimeEdit(QTime(9, 0))
        self.work_start.setDisplayFormat("HH:mm")
        self.work_start.setAccessibleName(self.tr("Work starts"))
        self.work_end = QTimeEdit(QTime(17, 30))
        self.work_end.setDisplayFormat("HH:mm")
        self.work_end.setAccessibleName(self.tr("Work ends"))
        hours = QHBoxLayout()
        hours.addWidget(self.work_start)
        hours.addWidget(QLabel("–"))
        hours.addWidget(self.work_end)
        hours_label = QLabel(self.tr("Working &hours:"))
        hours_label.setBuddy(self.work_start)  # else the & shows and Alt+H does nothing
        form.addRow(hours_label, hours)
        self.interval_check.toggled.connect(self.interval_spin.setEnabled)
        self.interval_check.toggled.connect(self.work_start.setEnabled)
        self.interval_check.toggled.connect(self.work_end.setEnabled)
        self.ice_combo = QComboBox()
        self.ice_combo.addItem(self.tr("none"), None)
        modes = {"ice": self.tr("ice"), "heat": self.tr("heat"), "either": self.tr("ice or heat")}
        for mode in THERMAL_PLAN_MODES:
            self.ice_combo.addItem(modes[mode], mode)
        self.ice_combo.setAccessibleName(self.tr("Ice or heat"))
        form.addRow(self.tr("&Ice/heat:"), self.ice_combo)
        self.ice_minutes = QSpinBox()
        self.ice_minutes.setRange(1, 20)
        self.ice_minutes.setValue(15)
        self.ice_minutes.setSuffix(self.tr(" min"))
        self.ice_minutes.setAccessibleName(self.tr("Ice or heat minutes"))
        form.addRow(self.tr("Ice/heat &minutes:"), self.ice_minutes)
        self.ice_times = QSpinBox()
        self.ice_times.setRange(1, 8)
        self.ice_times.setAccessibleName(self.tr("Ice or heat times a day"))
        form.addRow(self.tr("Ice/heat times a &day:"), self.ice_times)
        self.safety_edit = QPlainTextEdit()
        self.safety_edit.setAccessibleName(self.tr("Safety notes, one per line"))
        self.safety_edit.setPlaceholderText(self.tr("One note per line"))
        form.addRow(self.tr("Sa&fety notes:"), self.safety_edit)
        return page

    # ------------------------------------------------------------------ exercises
    def add_exercise(self, exercise_id: str, draft: DraftExercise | None = None) -> None:
        if any(e.exercise.id == exercise_id for e in self.entries):
            return
        if draft is not None and draft.define is not None:
            exercise = exercise_of(draft.define)
        else:
            exercise = self.library.exercise(exercise_id)
        self.entries.append(_Entry(exercise, draft))
        if draft is None:
            self.desk.append(exercise_id)  # a new exercise is for the work breaks at first
        item = QListWidgetItem(exercise.name)
        item.setData(ROLE, exercise_id)
        item.setIcon(_icon(exercise))
        self.chosen_list.addItem(item)
        self._entries_changed()
        self.chosen_list.setCurrentRow(self.chosen_list.count() - 1)

    def add_selected(self) -> None:
        item = self.library_list.currentItem()
        if item is not None:
            self.add_exercise(str(item.data(ROLE)))

    def remove_selected(self) -> None:
        row = self.chosen_list.currentRow()
        if row < 0:
            return
        gone = self.entries.pop(row).exercise.id
        self.desk = [i for i in self.desk if i != gone]
        self._drop_links(gone)
        self.chosen_list.takeItem(row)
        self._entries_changed()
        self._show_entry(self.chosen_list.currentRow())

    def _drop_links(self, gone: str) -> None:
        """The PT's own exercises no longer name ``gone`` (no longer in the program) as an
        easier or harder version (a library exercise stays one to name)."""
        if self.library.has_exercise(gone):
            return
        for entry in self.entries:
            d = entry.draft.define
            if d is not None and gone in (*d.easier, *d.harder):
                d = replace(d, easier=tuple(i for i in d.easier if i != gone),
                            harder=tuple(i for i in d.harder if i != gone))
                entry.draft = replace(entry.draft, define=d)
                entry.exercise = exercise_of(d)

    def _entries_changed(self) -> None:
        self._steps_library = None
        self.sessions_page.set_exercises({e.exercise.id: e.exercise.name
                                          for e in self.entries})
        self._update_steps()

    def _sessions_changed(self) -> None:
        self._rebuild_session_checks()
        self._show_entry(self.chosen_list.currentRow())

    # ------------------------------------------------------------------ own exercises
    def own_exercises(self) -> tuple[Exercise, ...]:
        return tuple(e.exercise for e in self.entries if e.own)

    def new_exercise(self) -> ExerciseDialog:
        """The form for a new exercise of the PT's own (added when kept)."""
        return self._open_dialog(None)

    def edit_selected(self) -> ExerciseDialog | None:
        row = self.chosen_list.currentRow()
        if not 0 <= row < len(self.entries) or not self.entries[row].own:
            return None
        return self._open_dialog(row)

    def _open_dialog(self, row: int | None) -> ExerciseDialog:
        definition = self.entries[row].draft.define if row is not None else None
        mine = definition.id if definition is not None else None
        dialog = ExerciseDialog(
            self.library, definition,
            others=tuple(e for e in self.own_exercises() if e.id != mine),
            taken=frozenset(e.exercise.id for e in self.entries if e.exercise.id != mine),
            check_drawing=self.check_drawing, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._keep_definition(row, dialog.definition()))
        self.exercise_dialog = dialog
        dialog.open()
        return dialog

    def _keep_definition(self, row: int | None, definition: DraftDefinition) -> None:
        exercise = exercise_of(definition)
        if row is None:
            self.add_exercise(exercise.id, DraftExercise(
                exercise.id, side="both" if exercise.dose.each_side else None,
                define=definition))
            self.desk.append(exercise.id)
            self._show_entry(self.chosen_list.currentRow())
            self.status.setText(self.tr("{name} is in the program. Choose where it is done: "
                                        "at work breaks or in a home session.").format(
                                            name=exercise.name))
            return
        entry = self.entries[row]
        side = entry.draft.side
        if exercise.kind is Kind.BREATHING:
            side = None
        elif side is None or (side == "both") != exercise.dose.each_side:
            side = "both" if exercise.dose.each_side else None
        # the dose the PT gave in the form is the prescription's again
        entry.draft = replace(entry.draft, define=definition, dose={}, side=side)
        entry.exercise = exercise
        item = self.chosen_list.item(row)
        if item is not None:
            item.setText(exercise.name)
            item.setIcon(_icon(exercise))
        self._entries_changed()
        self._show_entry(row)
        self.status.setText(self.tr("{name} changed.").format(name=exercise.name))

    # ------------------------------------------------------------------ progressions
    def _steps(self) -> Library:
        """The library with the program's own exercises, whose links count too."""
        if self._steps_library is None:
            own = self.own_exercises()
            ids = {e.id for e in own}
            self._steps_library = Library(
                tuple(e for e in self.library.exercises if e.id not in ids) + own, ())
        return self._steps_library

    def step_options(self, direction: str) -> tuple[list[Exercise], str]:
        """The exercises the selected one can be swapped for (``easier`` or ``harder``),
        and, when there is none, why."""
        row = self.chosen_list.currentRow()
        if not 0 <= row < len(self.entries):
            return [], self.tr("Choose an exercise in the program first.")
        ex = self.entries[row].exercise
        steps = self._steps()
        linked = steps.easier(ex.id) if direction == "easier" else steps.harder(ex.id)
        linked = tuple(i for i in linked if steps.has_exercise(i))
        if not linked:
            if direction == "easier":
                return [], self.tr("The library has no easier version of {name}.").format(
                    name=ex.name)
            return [], self.tr("The library has no harder version of {name}.").format(
                name=ex.name)
        chosen = {e.exercise.id for e in self.entries}
        free = [steps.exercise(i) for i in linked if i not in chosen]
        if not free:
            names = ", ".join(steps.exercise(i).name for i in linked)
            if direction == "easier":
                return [], self.tr("The easier version ({names}) is already in the program."
                                   ).format(names=names)
            return [], self.tr("The harder version ({names}) is already in the program."
                               ).format(names=names)
        return free, ""

    def _update_steps(self) -> None:
        row = self.chosen_list.currentRow()
        selected = 0 <= row < len(self.entries)
        self.edit_button.setEnabled(selected and self.entries[row].own)
        self.remove_button.setEnabled(selected)
        notes = []
        for button, direction in ((self.easier_button, "easier"),
                                  (self.harder_button, "harder")):
            options, why = self.step_options(direction)
            menu = self.step_menus[direction]
            menu.clear()
            if len(options) > 1:  # the PT chooses which
                for ex in options:
                    action = QAction(ex.name, menu)
                    action.setData(ex.id)
                    action.triggered.connect(lambda _c=False, i=ex.id: self.swap_selected(i))
                    menu.addAction(action)
            # one: a click swaps (the stubs do not know that Qt takes no menu)
            button.setMenu(menu if len(options) > 1 else None)  # type: ignore[arg-type]
            button.setEnabled(bool(options))
            button.setToolTip(why or ", ".join(ex.name for ex in options))
            if why and selected:
                notes.append(why)
        if selected:
            ex_id = self.entries[row].exercise.id
            steps = self._steps()
            if not steps.easier(ex_id) and not steps.harder(ex_id):
                notes = [self.tr("The library has no easier or harder version of {name}."
                                 ).format(name=self.entries[row].exercise.name)]
        self.step_note.setText("\n".join(notes))

    def step(self, direction: str) -> None:
        """Swap the selected exercise for its easier or harder version (the only one; with
        several, the button's menu asks which)."""
        options, _why = self.step_options(direction)
        if len(options) == 1:
            self.swap_selected(options[0].id)

    def swap_selected(self, exercise_id: str) -> None:
        """Put ``exercise_id`` in the selected exercise's place, keeping its dose (sets,
        reps, hold, minutes or breaths, as far as they fit the new exercise), how often,
        notes, progression and where it is done: the work breaks and every home session
        it was in, at its place there."""
        row = self.chosen_list.currentRow()
        if not 0 <= row < len(self.entries) or not self.library.has_exercise(exercise_id):
            return
        old = self.entries[row]
        new = self.library.exercise(exercise_id)
        dose, kept = _carried_dose(old.exercise.dose.merged(old.draft.dose), new)
        if new.kind is Kind.BREATHING:
            side = None
        elif old.draft.side in ("left", "right"):
            side = old.draft.side
        else:
            side = "both" if new.dose.each_side else None
        draft = replace(old.draft, exercise_id=new.id, dose=dose, side=side, define=None)
        self.entries[row] = _Entry(new, draft)
        self.desk = [new.id if i == old.exercise.id else i for i in self.desk]
        if old.own:
            self._drop_links(old.exercise.id)
        self.sessions_page.rename_exercise(old.exercise.id, new.id)
        item = self.chosen_list.item(row)
        if item is not None:
            item.setText(new.name)
            item.setData(ROLE, new.id)
            item.setIcon(_icon(new))
        self._entries_changed()
        self._show_entry(row)
        described = new.dose.merged(dose).describe(translate)
        if kept:
            self.status.setText(self.tr("{old} swapped for {new}; the dose is kept: "
                                        "{dose}.").format(old=old.exercise.name,
                                                          new=new.name, dose=described))
        elif dose:
            self.status.setText(self.tr("{old} swapped for {new}; the dose is kept as far "
                                        "as it fits: {dose}.").format(
                                            old=old.exercise.name, new=new.name,
                                            dose=described))
        else:
            self.status.setText(self.tr("{old} swapped for {new}, with its own dose "
                                        "({dose}): the old one does not fit it.").format(
                                            old=old.exercise.name, new=new.name,
                                            dose=described))

    # ------------------------------------------------------------------ one exercise
    def _rebuild_session_checks(self) -> None:
        sessions = self.sessions_page.sessions()
        while len(self.session_checks) > len(sessions):
            check = self.session_checks.pop()
            self.session_checks_box.removeWidget(check)
            check.deleteLater()
        while len(self.session_checks) < len(sessions):
            check = QCheckBox()
            index = len(self.session_checks)
            check.toggled.connect(lambda on, i=index: self._toggle_session(i, on))
            self.session_checks_box.addWidget(check)
            self.session_checks.append(check)
        for check, session in zip(self.session_checks, sessions):
            check.setText(self.tr("In the home session: {name}").format(
                name=session.name or self.tr("(no name)")))
            check.setAccessibleName(self.tr("Done in the home session {name}").format(
                name=session.name))

    def _toggle_session(self, index: int, on: bool) -> None:
        row = self.chosen_list.currentRow()
        if self._loading or not 0 <= row < len(self.entries):
            return
        self.sessions_page.include(index, self.entries[row].exercise.id, on)

    def _show_entry(self, row: int) -> None:
        self.dose_box.setEnabled(0 <= row < len(self.entries))
        self._update_steps()
        if not 0 <= row < len(self.entries):
            return
        entry = self.entries[row]
        ex, d = entry.exercise, entry.draft
        dose = ex.dose.merged(d.dose)
        self._loading = True
        try:
            self.dose_name.setText(f"{ex.name}\n{ex.summary}")
            breathing, timed = dose.cycles is not None, dose.duration_s is not None
            for box, shown in ((self.sets_spin, not breathing and not timed),
                               (self.reps_spin, not breathing and not timed),
                               (self.hold_spin, not breathing and not timed),
                               (self.duration_spin, timed), (self.cycles_spin, breathing),
                               (self.side_combo, not breathing)):
                box.setVisible(shown)
                label = self.dose_form.labelForField(box)
                if label is not None:
                    label.setVisible(shown)
            self.sets_spin.setValue(dose.sets)
            self.reps_spin.setValue(dose.reps or 1)
            self.hold_spin.setValue(int(dose.hold_s or 0))
            self.duration_spin.setValue(max(1, round((dose.duration_s or 60) / 60)))
            self.cycles_spin.setValue(dose.cycles or 1)
            self.side_combo.setCurrentIndex(self.side_combo.findData(
                d.side or ("both" if dose.each_side else "none")))
            self.times_spin.setValue(d.times_per_day)
            self.days_spin.setValue(d.days_per_week)
            self.notes_edit.setText(d.notes or "")
            self.progression_edit.setText(d.progression or "")
            self.desk_check.setChecked(ex.id in self.desk)
            self._rebuild_session_checks()
            for check, session in zip(self.session_checks, self.sessions_page.sessions()):
                check.setChecked(ex.id in session.exercise_ids)
        finally:
            self._loading = False

    def _store_entry(self) -> None:
        row = self.chosen_list.currentRow()
        if self._loading or not 0 <= row < len(self.entries):
            return
        entry = self.entries[row]
        base = entry.exercise.dose
        shown_fields = ("cycles", "duration_s", "sets", "reps", "hold_s")
        dose: dict[str, object] = {k: v for k, v in entry.draft.dose.items()
                                   if k not in shown_fields}  # what the panel does not show
        if base.cycles is not None:
            dose["cycles"] = self.cycles_spin.value()
        elif base.duration_s is not None:
            dose["duration_s"] = float(self.duration_spin.value() * 60)
        else:
            dose["sets"] = self.sets_spin.value()
            dose["reps"] = self.reps_spin.value()
            if self.hold_spin.value() > 0:
                dose["hold_s"] = float(self.hold_spin.value())
        # only what differs from the exercise's own dose is written
        dose = {k: v for k, v in dose.items() if getattr(base, k, None) != v}
        entry.draft = replace(
            entry.draft, dose=dose,
            side=self.side_combo.currentData() if base.cycles is None else None,
            times_per_day=self.times_spin.value(), days_per_week=self.days_spin.value(),
            notes=self.notes_edit.text().strip() or None,
            progression=self.progression_edit.text().strip() or None)
        ex_id = entry.exercise.id
        if self.desk_check.isChecked() and ex_id not in self.desk:
            self.desk.append(ex_id)
        elif not self.desk_check.isChecked() and ex_id in self.desk:
            self.desk.remove(ex_id)

    # ------------------------------------------------------------------ draft
    def draft(self) -> ProgramDraft:
        def text(edit: QLineEdit) -> str:
            return " ".join(edit.text().split())

        start = pydate(self.start_edit.date())
        review = pydate(self.review_edit.date()) if self.review_check.isChecked() else None
        interval = self.interval_spin.value() if self.interval_check.isChecked() else None
        notes = tuple(line.strip() for line in self.safety_edit.toPlainText().splitlines()
                      if line.strip())
        ids = {e.exercise.id for e in self.entries}
        built = ProgramDraft(
            title=text(self.title_edit), clinic_name=text(self.clinic_edit),
            clinic_phone=text(self.phone_edit), clinic_address=text(self.address_edit),
            clinician=text(self.clinician_edit), start=start,
            exercises=tuple(e.draft for e in self.entries),
            patient=text(self.patient_edit) or None, review=review,
            interval_min=interval,
            work_start=pytime(self.work_start.time()) if interval else None,
            work_end=pytime(self.work_end.time()) if interval else None,
            desk_break=tuple(i for i in self.desk if i in ids),
            sessions=self.sessions_page.sessions(),
            ice_heat_mode=self.ice_combo.currentData(), ice_heat_minutes=self.ice_minutes.value(),
            ice_heat_times=self.ice_times.value(), safety_notes=notes)
        carried = self._carried
        if carried is None:
            return built
        # What this editor does not show comes back exactly as the program had it.
        return replace(built, work_days=carried.work_days if interval else None,
                       ice_heat_when=carried.ice_heat_when,
                       clinic_emergency_number=carried.clinic_emergency_number,
                       psfs=carried.psfs, psfs_every_days=carried.psfs_every_days)

    def load(self, draft: ProgramDraft) -> None:
        self._carried = draft
        self.psfs_label.setVisible(bool(draft.psfs))
        self.psfs_label.setText(self.tr(
            "Activities the patient rates from 0 to 10 every %n day(s) (Patient-Specific "
            "Functional Scale; kept as written): %1", "", draft.psfs_every_days).replace(
                "%1", ", ".join(draft.psfs)) if draft.psfs else "")
        self.title_edit.setText(draft.title)
        self.clinic_edit.setText(draft.clinic_name)
        self.phone_edit.setText(draft.clinic_phone)
        self.address_edit.setText(draft.clinic_address)
        self.clinician_edit.setText(draft.clinician)
        self.patient_edit.setText(draft.patient or "")
        self.start_edit.setDate(qdate(draft.start))
        self.review_check.setChecked(draft.review is not None)
        if draft.review is not None:
            self.review_edit.setDate(qdate(draft.review))
        self.interval_check.setChecked(draft.interval_min is not None)
        if draft.interval_min is not None:
            self.interval_spin.setValue(draft.interval_min)
        if draft.work_start is not None and draft.work_end is not None:
            self.work_start.setTime(_qtime(draft.work_start))
            self.work_end.setTime(_qtime(draft.work_end))
        index = self.ice_combo.findData(draft.ice_heat_mode)
        self.ice_combo.setCurrentIndex(max(0, index))
        self.ice_minutes.setValue(draft.ice_heat_minutes)
        self.ice_times.setValue(draft.ice_heat_times)
        self.safety_edit.setPlainText("\n".join(draft.safety_notes))
        self.entries.clear()
        self.chosen_list.clear()
        self.sessions_page.set_sessions(draft.sessions)
        for e in draft.exercises:
            if e.define is not None or self.library.has_exercise(e.exercise_id):
                self.add_exercise(e.exercise_id, e)
        self.desk = list(draft.desk_break)
        self.sessions_page.set_sessions(draft.sessions)
        self._rebuild_session_checks()
        self._show_entry(self.chosen_list.currentRow())

    # ------------------------------------------------------------------ saving
    def ask_save(self) -> None:
        start = str(self.path) if self.path else str(Path.home() / "program.yaml")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the home program"), start,
                                              self.tr("Home program (*.yaml)"))
        if path:
            self.save_requested.emit(Path(path), self.draft())

    def show_saved(self, path: Path) -> None:
        self.path = path
        self.status.setText(self.tr("Saved to %1. Give this file to your patient.")
                            .replace("%1", str(path)))

    def show_problems(self, problems: list[str]) -> None:
        self.status.setText(self.tr("Not saved: %1").replace("%1", "; ".join(problems[:3])))


def _dose_mode(dose: Dose) -> str:
    return "breaths" if dose.cycles is not None else \
        "timed" if dose.duration_s is not None else "reps"


def _carried_dose(shown: Dose, new: Exercise) -> tuple[dict[str, object], bool]:
    """The dose the editor shows (``shown``), as overrides for ``new``: all of it when it
    fits, what fits when part does (a hold does not carry to an exercise timed per rep),
    nothing when ``new`` is dosed another way (minutes, breaths or reps).  And whether
    all of it was kept."""
    mode = _dose_mode(shown)
    if mode != _dose_mode(new.dose):
        return {}, False
    values: dict[str, object]
    if mode == "breaths":
        values = {"cycles": shown.cycles}
    elif mode == "timed":
        values = {"duration_s": shown.duration_s}
    else:
        values = {"sets": shown.sets, "reps": shown.reps or 1}
        if shown.hold_s:
            values["hold_s"] = shown.hold_s

    def fits(overrides: dict[str, object]) -> bool:
        return not dose_problems(new.dose.merged(overrides), new.kind)

    if fits(values):
        return values, True
    fewer = {k: v for k, v in values.items() if k != "hold_s"}
    if fewer != values and fits(fewer):
        return fewer, False
    return {}, False

