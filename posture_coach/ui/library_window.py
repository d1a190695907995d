"""A window that lists the routines and exercises of the library, with their details.

It takes a :class:`~posture_coach.core.library.Library` and shows it; it reads
no YAML and writes nothing.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import APP_DISPLAY_NAME
from ..core.library import Exercise, Library, Routine
from . import art

ROLE = Qt.ItemDataRole.UserRole


def minutes_text(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    if minutes and secs:
        return f"{minutes} min {secs} s"
    if minutes:
        return f"{minutes} min"
    return f"{secs} s"


class LibraryWindow(QMainWindow):
    """Routines and exercises on the left; the selected one's details on the right."""

    quit_requested = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library
        self.setWindowTitle(f"Exercise library — {APP_DISPLAY_NAME}")
        self.resize(960, 640)
        menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.quit_requested)
        menu.addAction(quit_action)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Name", "Length"])
        self.tree.setAccessibleName("Routines and exercises")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        routines = QTreeWidgetItem(self.tree, ["Routines"])
        for routine in library.routines:
            item = QTreeWidgetItem(routines, [routine.name, minutes_text(routine.seconds)])
            item.setData(0, ROLE, ("routine", routine.id))
        exercises = QTreeWidgetItem(self.tree, ["Exercises"])
        for exercise in library.exercises:
            item = QTreeWidgetItem(exercises, [exercise.name,
                                               minutes_text(exercise.dose.seconds)])
            item.setData(0, ROLE, ("exercise", exercise.id))
        self.tree.expandAll()

        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setAccessibleName("Illustration: start and end position")
        self.picture.setMinimumHeight(120)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setAccessibleName("Details")

        right = QWidget()
        layout = QVBoxLayout(right)
        layout.addWidget(self.picture, 2)
        layout.addWidget(self.details, 3)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 560])
        self.setCentralWidget(splitter)

        self._shown: Exercise | None = None
        self.tree.currentItemChanged.connect(self._on_select)
        first = routines.child(0) if routines.childCount() else None
        if first is not None:
            self.tree.setCurrentItem(first)

    def _on_select(self, current: QTreeWidgetItem | None, _previous: object = None) -> None:
        data = current.data(0, ROLE) if current is not None else None
        if not data:
            return
        kind, ident = data
        if kind == "routine":
            self.show_routine(self.library.routine(ident))
        else:
            self.show_exercise(self.library.exercise(ident))

    def show_routine(self, routine: Routine) -> None:
        self._shown = routine.items[0].exercise if routine.items else None
        self._update_picture()
        rows = "".join(
            f"<li><b>{escape(item.exercise.name)}</b> — {escape(item.dose.describe())}</li>"
            for item in routine.items)
        self.details.setHtml(
            f"<h2>{escape(routine.name)}</h2><p>{escape(routine.summary)}</p>"
            f"<p>About {escape(minutes_text(routine.seconds))}.</p><ol>{rows}</ol>")

    def show_exercise(self, exercise: Exercise) -> None:
        self._shown = exercise
        self._update_picture()
        steps = "".join(f"<li>{escape(s)}</li>" for s in exercise.steps)
        cautions = "".join(f"<li>{escape(c)}</li>" for c in exercise.cautions)
        equipment = (f"<p><b>You need:</b> {escape(', '.join(exercise.equipment))}</p>"
                     if exercise.equipment else "")
        self.details.setHtml(
            f"<h2>{escape(exercise.name)}</h2><p>{escape(exercise.summary)}</p>"
            f"<p><b>Dose:</b> {escape(exercise.dose.describe())}"
            f" (about {escape(minutes_text(exercise.dose.seconds))})</p>{equipment}"
            f"<h3>Steps</h3><ol>{steps}</ol><h3>Cautions</h3><ul>{cautions}</ul>"
            f"<p><small>Source: {escape(exercise.source)}</small></p>")

    def _update_picture(self) -> None:
        path = self._shown.illustration if self._shown is not None else None
        if path is None:
            self.picture.clear()
            return
        width = max(200, min(self.picture.width() - 16, 640))
        self.picture.setPixmap(art.render(path, width, ratio=self.devicePixelRatioF()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_picture()
