"""The program editor's form for an exercise the PT defines: name, kind, position, the
steps in order, the dose, cautions, source, a drawing chosen from a file, and easier and
harder versions among the library's exercises.

OK checks the form with the same reader a program file goes through
(:func:`~posture_coach.core.program_writer.definition_problems`) and shows what is wrong
in plain words, each with its field; the dialog closes only when nothing is.  The drawing
is checked by whoever opens the dialog (``check_drawing``: the shell gives the core's
check of an untrusted file) before it is drawn here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.library import GENERAL_PRACTICE, MAX_LINKS, POSITIONS, Exercise, Kind, Library
from ..core.program_writer import DraftDefinition, definition_problems, new_id
from . import art

ROLE = Qt.ItemDataRole.UserRole
PREVIEW_PX = 160

DrawingCheck = Callable[[Path], list[str]]
"""Problems with a drawing file (none: it may be used)."""


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(" ".join(line.split()) for line in edit.toPlainText().splitlines()
                 if line.strip())


class ExerciseDialog(QDialog):
    """Define (or edit) one of the program's own exercises."""

    def __init__(self, library: Library, definition: DraftDefinition | None = None, *,
                 others: tuple[Exercise, ...] = (), taken: frozenset[str] = frozenset(),
                 check_drawing: DrawingCheck | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library
        self.others = others
        self.taken = taken
        self.check_drawing: DrawingCheck = check_drawing or (lambda _path: [])
        self.original = definition
        self.drawing: Path | None = definition.drawing if definition else None
        self._id_touched = definition is not None
        self.setWindowTitle(self.tr("Your own exercise") if definition is None
                            else self.tr("Edit your exercise"))
        self.setAccessibleName(self.windowTitle())
        self.labels: dict[str, str] = {
            "id": self.tr("Id"), "name": self.tr("Name"), "kind": self.tr("Kind"),
            "position": self.tr("Position"), "summary": self.tr("Summary"),
            "steps": self.tr("Steps"), "dose": self.tr("Dose"),
            "cautions": self.tr("Cautions"), "source": self.tr("Source"),
            "illustration": self.tr("Drawing"), "easier": self.tr("Easier versions"),
            "harder": self.tr("Harder versions"), "equipment": self.tr("Equipment"),
            "targets": self.tr("Targets"), "translations": self.tr("Translations")}
        columns = QHBoxLayout()
        columns.addLayout(self._text_column(), 1)
        right = QWidget()
        right.setLayout(self._dose_column())
        right.setMinimumWidth(540)  # the easier and harder lists show whole names
        columns.addWidget(right, 1)
        self.problems_label = QLabel("")
        self.problems_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problems_label.setWordWrap(True)
        self.problems_label.setAccessibleName(self.tr("What to correct"))
        self.problems_label.setStyleSheet("color: palette(highlight); font-weight: bold")
        self.problems_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Keep this e&xercise"))
        ok.setAccessibleName(self.tr("Keep this exercise"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.buttons)
        self.resize(1100, 680)
        if definition is not None:
            self._fill(definition)
        self._kind_changed()
        self._show_drawing()

    # ------------------------------------------------------------------ building
    def _text_column(self) -> QFormLayout:
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Exercise name"))
        self.name_edit.textEdited.connect(self._name_edited)
        form.addRow(self.tr("&Name:"), self.name_edit)
        self.id_edit = QLineEdit()
        self.id_edit.setAccessibleName(self.tr("Exercise id"))
        self.id_edit.setToolTip(self.tr("Lower-case letters, digits and dashes; the file "
                                        "and the journal name the exercise by it"))
        self.id_edit.textEdited.connect(self._id_edited)
        self.id_edit.setReadOnly(self.original is not None)
        form.addRow(self.tr("&Id:"), self.id_edit)
        self.kind_combo = QComboBox()
        kinds = {Kind.STRETCH: self.tr("stretch"), Kind.BREATHING: self.tr("breathing"),
                 Kind.POSTURE: self.tr("posture"), Kind.MOVEMENT: self.tr("movement"),
                 Kind.STRENGTH: self.tr("strength")}
        for kind in Kind:
            self.kind_combo.addItem(kinds[kind], kind.value)
        self.kind_combo.setAccessibleName(self.tr("Kind of exercise"))
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        self.position_combo = QComboBox()
        positions = {"seated": self.tr("seated"), "standing": self.tr("standing"),
                     "floor": self.tr("on the floor"), "doorway": self.tr("in a doorway"),
                     "wall": self.tr("at a wall"), "walking": self.tr("walking"),
                     "car": self.tr("in the car"), "any": self.tr("anywhere")}
        for position in POSITIONS:
            self.position_combo.addItem(positions[position], position)
        self.position_combo.setAccessibleName(self.tr("Position"))
        form.addRow(self.tr("&Position:"), self.position_combo)
        self.summary_edit = QLineEdit()
        self.summary_edit.setAccessibleName(self.tr("Summary in one sentence"))
        form.addRow(self.tr("S&ummary:"), self.summary_edit)
        self.steps_edit = QPlainTextEdit()
        self.steps_edit.setAccessibleName(self.tr("Steps, one a line, in order"))
        self.steps_edit.setPlaceholderText(self.tr("One step a line, in the order they are "
                                                   "done"))
        self.steps_edit.setTabChangesFocus(True)
        self.steps_edit.setMaximumHeight(220)
        form.addRow(self.tr("S&teps:"), self.steps_edit)
        self.cautions_edit = QPlainTextEdit()
        self.cautions_edit.setAccessibleName(self.tr("Cautions, one a line"))
        self.cautions_edit.setPlaceholderText(self.tr("One caution a line: when to stop, "
                                                      "what to avoid"))
        self.cautions_edit.setTabChangesFocus(True)
        self.cautions_edit.setMaximumHeight(140)
        form.addRow(self.tr("&Cautions:"), self.cautions_edit)
        self.source_combo = QComboBox()
        self.source_combo.setEditable(True)
        sources = [GENERAL_PRACTICE,
                   *sorted({e.source for e in self.library.exercises} - {GENERAL_PRACTICE})]
        self.source_combo.addItems(sources)
        self.source_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source_combo.setMinimumContentsLength(24)  # the library's are long
        self.source_combo.setAccessibleName(self.tr("Source"))
        self.source_combo.setToolTip(self.tr("Where the exercise comes from: a section of "
                                             "the clinic's page, or general physiotherapy "
                                             "practice"))
        form.addRow(self.tr("&Source:"), self.source_combo)
        return form

    def _dose_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.dose_form = form
        self.mode_combo = QComboBox()
        self.mode_combo.addItem(self.tr("repetitions"), "reps")
        self.mode_combo.addItem(self.tr("minutes"), "timed")
        self.mode_combo.setAccessibleName(self.tr("Dose counted in"))
        self.mode_combo.currentIndexChanged.connect(self._kind_changed)
        form.addRow(self.tr("Dose &given in:"), self.mode_combo)

        def spin(label: str, name: str, low: int, high: int, value: int) -> QSpinBox:
            box = QSpinBox()
            box.setRange(low, high)
            box.setValue(value)
            box.setAccessibleName(name)
            form.addRow(label, box)
            return box

        def seconds(label: str, name: str, low: float, high: float, value: float
                    ) -> QDoubleSpinBox:
            box = QDoubleSpinBox()
            box.setRange(low, high)
            box.setDecimals(0 if high > 60 else 1)
            box.setValue(value)
            box.setAccessibleName(name)
            box.setSuffix(self.tr(" s"))
            form.addRow(label, box)
            return box

        self.sets_spin = spin(self.tr("S&ets:"), self.tr("Sets"), 1, 20, 1)
        self.reps_spin = spin(self.tr("&Reps:"), self.tr("Repetitions"), 1, 200, 10)
        self.hold_spin = seconds(self.tr("&Hold:"), self.tr("Hold in seconds, 0 for none"),
                                 0, 600, 0)
        self.rest_spin = seconds(self.tr("Rest &between sets:"),
                                 self.tr("Rest between sets in seconds"), 0, 600, 0)
        self.minutes_spin = spin(self.tr("&Minutes:"), self.tr("Minutes"), 1, 60, 2)
        self.inhale_spin = seconds(self.tr("Breat&he in:"), self.tr("Breathe in, seconds"),
                                   0.5, 30, 4)
        self.breath_hold_spin = seconds(self.tr("Pause &between:"),
                                        self.tr("Hold the breath, seconds"), 0, 30, 0)
        self.exhale_spin = seconds(self.tr("Breathe &out:"), self.tr("Breathe out, seconds"),
                                   0.5, 30, 6)
        self.cycles_spin = spin(self.tr("B&reaths:"), self.tr("Slow breaths"), 1, 200, 6)
        self.each_side_check = QCheckBox(self.tr("Done on e&ach side"))
        self.each_side_check.setAccessibleName(self.tr("Done on each side"))
        form.addRow(self.each_side_check)
        column.addLayout(form)

        drawing = QHBoxLayout()
        self.drawing_view = QLabel()
        self.drawing_view.setFixedSize(PREVIEW_PX, PREVIEW_PX * 3 // 4)
        self.drawing_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drawing_view.setAccessibleName(self.tr("The exercise's drawing"))
        self.drawing_view.setFrameShape(QLabel.Shape.StyledPanel)
        drawing.addWidget(self.drawing_view)
        buttons = QVBoxLayout()
        self.drawing_label = QLabel("")
        self.drawing_label.setTextFormat(Qt.TextFormat.PlainText)
        self.drawing_label.setWordWrap(True)
        self.drawing_label.setAccessibleName(self.tr("Drawing file"))
        buttons.addWidget(self.drawing_label)
        self.choose_button = QPushButton(self.tr("Choose a &drawing…"))
        self.choose_button.setAccessibleName(self.tr("Choose a drawing file (SVG or PNG)"))
        self.choose_button.clicked.connect(self.ask_drawing)
        buttons.addWidget(self.choose_button)
        self.no_drawing_button = QPushButton(self.tr("No dra&wing"))
        self.no_drawing_button.setAccessibleName(self.tr("Use no drawing"))
        self.no_drawing_button.clicked.connect(lambda: self.set_drawing(None))
        buttons.addWidget(self.no_drawing_button)
        buttons.addStretch(1)
        drawing.addLayout(buttons, 1)
        column.addLayout(drawing)

        links = QHBoxLayout()
        self.easier_list = self._link_list(self.tr("Easier versions"))
        self.harder_list = self._link_list(self.tr("Harder versions"))
        for title, widget in ((self.tr("Easier versions:"), self.easier_list),
                              (self.tr("Harder versions:"), self.harder_list)):
            box = QVBoxLayout()
            box.addWidget(QLabel(title))
            box.addWidget(widget)
            links.addLayout(box)
        column.addLayout(links, 1)
        return column

    def _link_list(self, name: str) -> QListWidget:
        widget = QListWidget()
        widget.setAccessibleName(name)
        for exercise in (*self.library.exercises, *self.others):
            item = QListWidgetItem(exercise.name)
            item.setData(ROLE, exercise.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            widget.addItem(item)
        return widget

    # ------------------------------------------------------------------ filling
    def _fill(self, d: DraftDefinition) -> None:
        self.name_edit.setText(d.name)
        self.id_edit.setText(d.id)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(d.kind)))
        self.position_combo.setCurrentIndex(max(0, self.position_combo.findData(d.position)))
        self.summary_edit.setText(d.summary)
        self.steps_edit.setPlainText("\n".join(d.steps))
        self.cautions_edit.setPlainText("\n".join(d.cautions))
        self.source_combo.setEditText(d.source)
        dose = d.dose
        self.mode_combo.setCurrentIndex(1 if dose.get("duration_s") is not None else 0)
        self.sets_spin.setValue(int(dose.get("sets", 1)))
        self.reps_spin.setValue(int(dose.get("reps") or 10))
        self.hold_spin.setValue(float(dose.get("hold_s") or 0))
        self.rest_spin.setValue(float(dose.get("rest_s") or 0))
        self.minutes_spin.setValue(max(1, round(float(dose.get("duration_s") or 120) / 60)))
        self.inhale_spin.setValue(float(dose.get("inhale_s") or 4))
        self.breath_hold_spin.setValue(float(dose.get("breath_hold_s") or 0))
        self.exhale_spin.setValue(float(dose.get("exhale_s") or 6))
        self.cycles_spin.setValue(int(dose.get("cycles") or 6))
        self.each_side_check.setChecked(bool(dose.get("each_side")))
        for widget, ids in ((self.easier_list, d.easier), (self.harder_list, d.harder)):
            for i in range(widget.count()):
                item = widget.item(i)
                item.setCheckState(Qt.CheckState.Checked if item.data(ROLE) in ids
                                   else Qt.CheckState.Unchecked)

    def _name_edited(self, text: str) -> None:
        if not self._id_touched:
            self.id_edit.setText(new_id(text, self.taken | {e.id for e in
                                                            self.library.exercises}))

    def _id_edited(self, _text: str) -> None:
        self._id_touched = True

    def _kind_changed(self) -> None:
        breathing = self.kind_combo.currentData() == Kind.BREATHING.value
        timed = not breathing and self.mode_combo.currentData() == "timed"
        shown = {self.mode_combo: not breathing, self.sets_spin: not breathing and not timed,
                 self.reps_spin: not breathing and not timed,
                 self.hold_spin: not breathing and not timed,
                 self.rest_spin: not breathing and not timed, self.minutes_spin: timed,
                 self.inhale_spin: breathing, self.breath_hold_spin: breathing,
                 self.exhale_spin: breathing, self.cycles_spin: breathing,
                 self.each_side_check: not breathing}
        for widget, visible in shown.items():
            widget.setVisible(visible)
            label = self.dose_form.labelForField(widget)
            if label is not None:
                label.setVisible(visible)

    # ------------------------------------------------------------------ the drawing
    def ask_drawing(self) -> None:
        start = str(self.drawing.parent) if self.drawing else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the exercise's drawing"),
                                              start, self.tr("Drawings (*.svg *.png)"))
        if path:
            self.set_drawing(Path(path))

    def set_drawing(self, path: Path | None) -> bool:
        """Use ``path`` as the drawing once it is checked (None: no drawing); False, with
        the reason shown, when it is refused."""
        if path is not None:
            problems = self.check_drawing(path)
            if problems:
                self.show_problems([self.tr("Drawing: {problem}").format(problem=p)
                                    for p in problems])
                return False
        self.drawing = path
        self.problems_label.hide()
        self._show_drawing()
        return True

    def _show_drawing(self) -> None:
        path = self.drawing
        self.no_drawing_button.setEnabled(path is not None)
        if path is None:
            self.drawing_view.setPixmap(QPixmap())
            self.drawing_view.setText(self.tr("No drawing"))
            self.drawing_label.setText(self.tr("No drawing yet: choose an SVG or PNG file. "
                                               "It is copied beside the program when you "
                                               "save."))
            return
        if path.suffix.lower() == ".svg":
            pixmap = art.render(path, PREVIEW_PX - 8)
        else:
            pixmap = QPixmap(str(path))
        if not pixmap.isNull():
            pixmap = pixmap.scaled(self.drawing_view.size() * 0.95,
                                   Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        self.drawing_view.setPixmap(pixmap)
        self.drawing_label.setText(path.name)

    # ------------------------------------------------------------------ the result
    def _checked(self, widget: QListWidget) -> tuple[str, ...]:
        return tuple(widget.item(i).data(ROLE) for i in range(widget.count())
                     if widget.item(i).checkState() == Qt.CheckState.Checked)

    def definition(self) -> DraftDefinition:
        """The form as a definition (checked or not)."""
        kind = str(self.kind_combo.currentData())
        dose: dict[str, object] = {}
        if kind == Kind.BREATHING.value:
            dose = {"inhale_s": self.inhale_spin.value(), "exhale_s": self.exhale_spin.value(),
                    "cycles": self.cycles_spin.value()}
            if self.breath_hold_spin.value() > 0:
                dose["breath_hold_s"] = self.breath_hold_spin.value()
        elif self.mode_combo.currentData() == "timed":
            dose = {"duration_s": float(self.minutes_spin.value() * 60)}
        else:
            dose = {"reps": self.reps_spin.value()}
            if self.sets_spin.value() > 1:
                dose["sets"] = self.sets_spin.value()
            if self.hold_spin.value() > 0:
                dose["hold_s"] = self.hold_spin.value()
            if self.rest_spin.value() > 0 and self.sets_spin.value() > 1:
                dose["rest_s"] = self.rest_spin.value()
        if kind != Kind.BREATHING.value and self.each_side_check.isChecked():
            dose["each_side"] = True
        base = self.original
        values = dict(
            id=self.id_edit.text().strip(), name=" ".join(self.name_edit.text().split()),
            kind=kind, position=str(self.position_combo.currentData()),
            summary=" ".join(self.summary_edit.text().split()),
            steps=_lines(self.steps_edit), dose=dose, cautions=_lines(self.cautions_edit),
            source=" ".join(self.source_combo.currentText().split()), drawing=self.drawing,
            easier=self._checked(self.easier_list), harder=self._checked(self.harder_list))
        if base is None:
            return DraftDefinition(**values)  # type: ignore[arg-type]
        from dataclasses import replace

        return replace(base, **values)  # type: ignore[arg-type]

    def problems(self) -> list[str]:
        """What is wrong with the form, in plain words, each with its field."""
        d = self.definition()
        out: list[str] = []
        plain = {"name": (not d.name, self.tr("give the exercise a name")),
                 "summary": (not d.summary, self.tr("say in one sentence what it does")),
                 "steps": (not d.steps, self.tr("write at least one step, one a line")),
                 "cautions": (not d.cautions, self.tr("write at least one caution, one a "
                                                      "line")),
                 "source": (not d.source, self.tr("say where the exercise comes from")),
                 "easier": (len(d.easier) > MAX_LINKS,
                            self.tr("choose at most %n exercise(s)", None, MAX_LINKS)),
                 "harder": (len(d.harder) > MAX_LINKS,
                            self.tr("choose at most %n exercise(s)", None, MAX_LINKS))}
        for key, (wrong, message) in plain.items():
            if wrong:
                out.append(self.tr("{field}: {problem}").format(field=self.labels[key],
                                                                 problem=message))
        both = set(d.easier) & set(d.harder)
        if both:
            names = ", ".join(self._name_of(i) for i in sorted(both))
            out.append(self.tr("{field}: {names} cannot be both easier and harder").format(
                field=self.labels["harder"], names=names))
        if d.id and d.id in self.taken and (self.original is None or
                                            d.id != self.original.id):
            out.append(self.tr("{field}: {id} is already an exercise of this program; give "
                               "another id").format(field=self.labels["id"], id=d.id))
        if out:
            return out
        for key, message in definition_problems(d, self.library, self.others):
            out.append(self.tr("{field}: {problem}").format(
                field=self.labels.get(key, key or self.tr("Exercise")), problem=message))
        if d.drawing is not None and (self.original is None or
                                      d.drawing != self.original.drawing):
            out += [self.tr("Drawing: {problem}").format(problem=p)
                    for p in self.check_drawing(d.drawing)]
        return out

    def _name_of(self, exercise_id: str) -> str:
        if self.library.has_exercise(exercise_id):
            return self.library.exercise(exercise_id).name
        return exercise_id

    def show_problems(self, problems: list[str]) -> None:
        self.problems_label.setText("\n".join(problems[:8]))
        self.problems_label.setVisible(bool(problems))

    def try_accept(self) -> None:
        problems = self.problems()
        if problems:
            self.show_problems(problems)
            return
        self.accept()
