"""The program editor's home sessions page: every session of the program (add, rename,
remove, reorder), each with its reminder time, its days and its exercises in order."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.program import ALL_DAYS
from ..core.program_writer import DraftSession, new_id
from .qdates import pytime

ROLE = Qt.ItemDataRole.UserRole


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


class SessionsPage(QWidget):
    """The sessions, edited in place; ``changed`` after each edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._sessions: list[DraftSession] = []
        self._exercises: dict[str, str] = {}  # id -> name, the program's, in order
        self._loading = False
        self._fresh: set[str] = set()  # ids of sessions added here: they follow the name
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Home sessions")))
        self.session_list = QListWidget()
        self.session_list.setAccessibleName(self.tr("Home sessions"))
        self.session_list.currentRowChanged.connect(self._show)
        left.addWidget(self.session_list)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&New session"))
        self.add_button.setAccessibleName(self.tr("Add a home session"))
        self.add_button.clicked.connect(lambda: self.add_session())
        self.remove_button = QPushButton(self.tr("&Remove session"))
        self.remove_button.setAccessibleName(self.tr("Remove the home session"))
        self.remove_button.clicked.connect(self.remove_session)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        left.addLayout(row)
        row = QHBoxLayout()
        self.up_button = QPushButton(self.tr("Move &up"))
        self.up_button.setAccessibleName(self.tr("Move the session up"))
        self.up_button.clicked.connect(lambda: self.move_session(-1))
        self.down_button = QPushButton(self.tr("Move &down"))
        self.down_button.setAccessibleName(self.tr("Move the session down"))
        self.down_button.clicked.connect(lambda: self.move_session(1))
        row.addWidget(self.up_button)
        row.addWidget(self.down_button)
        left.addLayout(row)
        layout.addLayout(left, 2)

        self.detail = QWidget()
        form = QFormLayout(self.detail)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Session name"))
        self.name_edit.textEdited.connect(self._store)
        form.addRow(self.tr("Session na&me:"), self.name_edit)
        self.time_edit = QTimeEdit()
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(self.tr("Session time"))
        self.time_edit.timeChanged.connect(self._store)
        form.addRow(self.tr("&At:"), self.time_edit)
        days = QHBoxLayout()
        names = (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"),
                 self.tr("Fri"), self.tr("Sat"), self.tr("Sun"))
        full = (self.tr("Monday"), self.tr("Tuesday"), self.tr("Wednesday"),
                self.tr("Thursday"), self.tr("Friday"), self.tr("Saturday"),
                self.tr("Sunday"))
        self.day_checks: list[QCheckBox] = []
        for short, long in zip(names, full):
            check = QCheckBox(short)
            check.setAccessibleName(long)
            check.toggled.connect(self._store)
            days.addWidget(check)
            self.day_checks.append(check)
        form.addRow(self.tr("Days:"), days)
        form.addRow(QLabel(self.tr("Exercises of this session, in the order they are done:")))
        self.exercise_list = QListWidget()
        self.exercise_list.setAccessibleName(self.tr("Exercises of the session"))
        form.addRow(self.exercise_list)
        row = QHBoxLayout()
        self.add_combo = QComboBox()
        self.add_combo.setAccessibleName(self.tr("Exercise to add to the session"))
        self.add_exercise_button = QPushButton(self.tr("Add to the sess&ion"))
        self.add_exercise_button.setAccessibleName(self.tr("Add the exercise to the session"))
        self.add_exercise_button.clicked.connect(self._add_chosen)
        row.addWidget(self.add_combo, 1)
        row.addWidget(self.add_exercise_button)
        form.addRow(row)
        row = QHBoxLayout()
        self.take_button = QPushButton(self.tr("Ta&ke out"))
        self.take_button.setAccessibleName(self.tr("Take the exercise out of the session"))
        self.take_button.clicked.connect(self._take_out)
        self.earlier_button = QPushButton(self.tr("&Earlier"))
        self.earlier_button.setAccessibleName(self.tr("Do the exercise earlier"))
        self.earlier_button.clicked.connect(lambda: self._move_exercise(-1))
        self.later_button = QPushButton(self.tr("&Later"))
        self.later_button.setAccessibleName(self.tr("Do the exercise later"))
        self.later_button.clicked.connect(lambda: self._move_exercise(1))
        for button in (self.take_button, self.earlier_button, self.later_button):
            row.addWidget(button)
        form.addRow(row)
        note = QLabel(self.tr("A session without exercises is not saved."))
        note.setWordWrap(True)
        form.addRow(note)
        layout.addWidget(self.detail, 3)
        self._refresh()

    # ------------------------------------------------------------------ data
    def sessions(self) -> tuple[DraftSession, ...]:
        return tuple(self._sessions)

    def set_sessions(self, sessions: tuple[DraftSession, ...]) -> None:
        self._sessions = list(sessions)
        self._fresh.clear()
        self._refresh(0 if sessions else -1)

    def set_exercises(self, exercises: dict[str, str]) -> None:
        """The program's exercises (id -> name): a session keeps only these."""
        self._exercises = dict(exercises)
        self._sessions = [replace(s, exercise_ids=tuple(i for i in s.exercise_ids
                                                        if i in exercises))
                          for s in self._sessions]
        self._refresh(self.session_list.currentRow())

    def rename_exercise(self, old: str, new: str) -> None:
        """``old`` swapped for ``new`` in every session, in its place."""
        self._sessions = [replace(s, exercise_ids=tuple(new if i == old else i
                                                        for i in s.exercise_ids))
                          for s in self._sessions]
        self._refresh(self.session_list.currentRow())

    def include(self, index: int, exercise_id: str, on: bool) -> None:
        """Put the exercise in session ``index`` (at its end) or take it out."""
        if not 0 <= index < len(self._sessions):
            return
        s = self._sessions[index]
        ids = [i for i in s.exercise_ids if i != exercise_id]
        if on:
            ids = list(s.exercise_ids) if exercise_id in s.exercise_ids else \
                [*ids, exercise_id]
        self._sessions[index] = replace(s, exercise_ids=tuple(ids))
        self._refresh(self.session_list.currentRow())
        self.changed.emit()

    # ------------------------------------------------------------------ sessions
    def add_session(self, name: str | None = None, at: time = time(19, 0)) -> None:
        name = name or self.tr("Home session {n}").format(n=len(self._sessions) + 1)
        sid = new_id(name, {s.id for s in self._sessions}, fallback="session")
        self._sessions.append(DraftSession(sid, name, at, ALL_DAYS, ()))
        self._fresh.add(sid)
        self._refresh(len(self._sessions) - 1)
        self.name_edit.setFocus()
        self.name_edit.selectAll()
        self.changed.emit()

    def remove_session(self) -> None:
        row = self.session_list.currentRow()
        if 0 <= row < len(self._sessions):
            del self._sessions[row]
            self._refresh(min(row, len(self._sessions) - 1))
            self.changed.emit()

    def move_session(self, step: int) -> None:
        row = self.session_list.currentRow()
        to = row + step
        if 0 <= row < len(self._sessions) and 0 <= to < len(self._sessions):
            self._sessions.insert(to, self._sessions.pop(row))
            self._refresh(to)
            self.changed.emit()

    # ------------------------------------------------------------------ one session
    def _store(self) -> None:
        row = self.session_list.currentRow()
        if self._loading or not 0 <= row < len(self._sessions):
            return
        days = tuple(d for d, check in enumerate(self.day_checks) if check.isChecked())
        name = " ".join(self.name_edit.text().split())
        sid = self._sessions[row].id
        if sid in self._fresh and name:  # a new session's id follows its name
            self._fresh.discard(sid)
            sid = new_id(name, {s.id for i, s in enumerate(self._sessions) if i != row},
                         fallback="session")
            self._fresh.add(sid)
        self._sessions[row] = replace(self._sessions[row], id=sid, name=name,
                                      at=pytime(self.time_edit.time()), days=days)
        item = self.session_list.item(row)
        if item is not None:
            item.setText(self._title(self._sessions[row]))
        self.changed.emit()

    def _add_chosen(self) -> None:
        row = self.session_list.currentRow()
        chosen = self.add_combo.currentData()
        if chosen is not None:
            self.include(row, str(chosen), True)
            self.exercise_list.setCurrentRow(self.exercise_list.count() - 1)

    def _take_out(self) -> None:
        row = self.session_list.currentRow()
        item = self.exercise_list.currentItem()
        if item is not None:
            at = self.exercise_list.currentRow()
            self.include(row, str(item.data(ROLE)), False)
            self.exercise_list.setCurrentRow(min(at, self.exercise_list.count() - 1))

    def _move_exercise(self, step: int) -> None:
        row = self.session_list.currentRow()
        at = self.exercise_list.currentRow()
        if not 0 <= row < len(self._sessions):
            return
        ids = list(self._sessions[row].exercise_ids)
        to = at + step
        if 0 <= at < len(ids) and 0 <= to < len(ids):
            ids.insert(to, ids.pop(at))
            self._sessions[row] = replace(self._sessions[row], exercise_ids=tuple(ids))
            self._refresh(row)
            self.exercise_list.setCurrentRow(to)
            self.changed.emit()

    # ------------------------------------------------------------------ showing
    def _title(self, s: DraftSession) -> str:
        return self.tr("{name}, {time}").format(name=s.name or self.tr("(no name)"),
                                               time=f"{s.at:%H:%M}")

    def _refresh(self, row: int = -1) -> None:
        self._loading = True
        try:
            self.session_list.clear()
            for s in self._sessions:
                item = QListWidgetItem(self._title(s))
                item.setData(ROLE, s.id)
                self.session_list.addItem(item)
        finally:
            self._loading = False
        self.session_list.setCurrentRow(row)
        self._show(self.session_list.currentRow())

    def _show(self, row: int) -> None:
        if self._loading:
            return
        shown = 0 <= row < len(self._sessions)
        self.detail.setEnabled(shown)
        self.remove_button.setEnabled(shown)
        self.up_button.setEnabled(shown and row > 0)
        self.down_button.setEnabled(shown and row < len(self._sessions) - 1)
        self._loading = True
        try:
            self.exercise_list.clear()
            self.add_combo.clear()
            if not shown:
                self.name_edit.clear()
                for check in self.day_checks:
                    check.setChecked(False)
                return
            s = self._sessions[row]
            self.name_edit.setText(s.name)
            self.time_edit.setTime(_qtime(s.at))
            for d, check in enumerate(self.day_checks):
                check.setChecked(d in s.days)
            for exercise_id in s.exercise_ids:
                item = QListWidgetItem(self._exercises.get(exercise_id, exercise_id))
                item.setData(ROLE, exercise_id)
                self.exercise_list.addItem(item)
            for exercise_id, name in self._exercises.items():
                if exercise_id not in s.exercise_ids:
                    self.add_combo.addItem(name, exercise_id)
        finally:
            self._loading = False
        self.add_exercise_button.setEnabled(self.add_combo.count() > 0)
        has = bool(s.exercise_ids)
        for button in (self.take_button, self.earlier_button, self.later_button):
            button.setEnabled(has)
