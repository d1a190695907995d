"""A window that lists the routines and exercises of the library, with their details.

It takes a :class:`~posture_coach.core.library.Library` and shows it; it reads
no YAML and writes nothing.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMainWindow,
    QSizePolicy,
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
from .i18n import current_language, translate

ROLE = Qt.ItemDataRole.UserRole
LINK_SCHEME = "exercise"


def fit_size(drawing: QSize, room: QSize) -> QSize:
    """The largest size with the drawing's proportions that fits in ``room``."""
    if drawing.width() <= 0 or drawing.height() <= 0 or room.width() <= 0 \
            or room.height() <= 0:
        return QSize(0, 0)
    scale = min(room.width() / drawing.width(), room.height() / drawing.height())
    return QSize(max(1, int(drawing.width() * scale)), max(1, int(drawing.height() * scale)))


def minutes_text(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    if minutes and secs:
        return translate("LibraryWindow", "{minutes} min {seconds} s").format(
            minutes=minutes, seconds=secs)
    if minutes:
        return translate("LibraryWindow", "{minutes} min").format(minutes=minutes)
    return translate("LibraryWindow", "{seconds} s").format(seconds=secs)


class LibraryWindow(QMainWindow):
    """Routines and exercises on the left; the selected one's details on the right."""

    quit_requested = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library.localized(current_language())
        library = self.library
        self.setWindowTitle(self.tr("Exercise library — {app}").format(app=APP_DISPLAY_NAME))
        self.menuBar().setAccessibleName(self.tr("Menu bar"))
        menu = self.menuBar().addMenu(self.tr("&File"))
        self.close_action = QAction(self.tr("&Close window"), self)
        self.close_action.setShortcuts([*QKeySequence.keyBindings(QKeySequence.StandardKey.Close),
                                   QKeySequence(Qt.Key.Key_Escape)])
        self.close_action.triggered.connect(self.close)
        menu.addAction(self.close_action)
        self.addAction(self.close_action)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.quit_requested)
        menu.addAction(quit_action)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Name"), self.tr("Length")])
        self.tree.setAccessibleName(self.tr("Routines and exercises"))
        self.tree.setAccessibleDescription(self.tr(
            "Choose a routine or an exercise to see its details"))
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        routines = QTreeWidgetItem(self.tree, [self.tr("Routines")])
        for routine in library.routines:
            item = QTreeWidgetItem(routines, [routine.name, minutes_text(routine.seconds)])
            item.setData(0, ROLE, ("routine", routine.id))
            item.setToolTip(0, routine.name)  # the whole name where the column elides it
        exercises = QTreeWidgetItem(self.tree, [self.tr("Exercises")])
        for exercise in library.exercises:
            item = QTreeWidgetItem(exercises, [exercise.name,
                                               minutes_text(exercise.dose.seconds)])
            item.setData(0, ROLE, ("exercise", exercise.id))
            item.setToolTip(0, exercise.name)
        self.tree.expandAll()
        # The list is as wide as its longest name (never "…"), and keeps that width when
        # the window is resized: the details pane takes the rest.
        self.tree.resizeColumnToContents(0)
        self.tree.resizeColumnToContents(1)
        frame = 2 * self.tree.frameWidth()
        scrollbar = self.tree.verticalScrollBar().sizeHint().width()
        self.list_width = (self.tree.columnWidth(0) + self.tree.columnWidth(1) + frame
                           + scrollbar + 8)
        self.tree.setMinimumWidth(self.list_width)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setAccessibleName(self.tr("Illustration: start and end position"))
        self.picture.setMinimumSize(160, 120)
        # The label follows the room it is given, not the size of its pixmap (which is
        # rendered to fit that room, whole).
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setAccessibleName(self.tr("Details"))
        self.details.anchorClicked.connect(self._on_link)

        right = QWidget()
        layout = QVBoxLayout(right)
        layout.addWidget(self.picture, 2)
        layout.addWidget(self.details, 3)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        splitter.setCollapsible(1, False)
        self.splitter = splitter
        self.setCentralWidget(splitter)
        self.resize(max(960, self.list_width + 560), 680)
        splitter.setSizes([self.list_width, self.width() - self.list_width])

        self._shown: Exercise | None = None
        self.tree.currentItemChanged.connect(self._on_select)
        first = routines.child(0) if routines.childCount() else None
        if first is not None:
            self.tree.setCurrentItem(first)

    def select_exercise(self, exercise_id: str) -> bool:
        """Select an exercise in the list (and so show it); False when it is not there."""
        exercises = self.tree.topLevelItem(1)
        if exercises is None:
            return False
        for i in range(exercises.childCount()):
            item = exercises.child(i)
            if item is not None and item.data(0, ROLE) == ("exercise", exercise_id):
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                return True
        return False

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == LINK_SCHEME:
            self.select_exercise(url.path())

    def _links(self, label: str, ids: tuple[str, ...]) -> str:
        known = [self.library.exercise(i) for i in ids if self.library.has_exercise(i)]
        if not known:
            return ""
        names = ", ".join(f'<a href="{LINK_SCHEME}:{escape(e.id)}">{escape(e.name)}</a>'
                          for e in known)
        return f"<p><b>{escape(label)}</b> {names}</p>"

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
            f"<li><b>{escape(item.exercise.name)}</b> — "
            f"{escape(item.dose.describe(translate))}</li>"
            for item in routine.items)
        about = self.tr("About {length}.").format(length=minutes_text(routine.seconds))
        self.details.setHtml(
            f"<h2>{escape(routine.name)}</h2><p>{escape(routine.summary)}</p>"
            f"<p>{escape(about)}</p><ol>{rows}</ol>")

    def show_exercise(self, exercise: Exercise) -> None:
        self._shown = exercise
        self._update_picture()
        steps = "".join(f"<li>{escape(s)}</li>" for s in exercise.steps)
        cautions = "".join(f"<li>{escape(c)}</li>" for c in exercise.cautions)
        equipment = ("<p>" + self.tr("<b>You need:</b> {things}").format(
            things=escape(", ".join(exercise.equipment))) + "</p>"
            if exercise.equipment else "")
        dose = self.tr("<b>Dose:</b> {dose} (about {length})").format(
            dose=escape(exercise.dose.describe(translate)),
            length=escape(minutes_text(exercise.dose.seconds)))
        source = self.tr("Source: {source}").format(source=exercise.source)
        progression = (self._links(self.tr("Easier:"), self.library.easier(exercise.id))
                       + self._links(self.tr("Harder:"), self.library.harder(exercise.id)))
        self.details.setHtml(
            f"<h2>{escape(exercise.name)}</h2><p>{escape(exercise.summary)}</p>"
            f"<p>{dose}</p>{equipment}{progression}"
            "<h3>" + escape(self.tr("Steps")) + f"</h3><ol>{steps}</ol>"
            "<h3>" + escape(self.tr("Cautions")) + f"</h3><ul>{cautions}</ul>"
            f"<p><small>{escape(source)}</small></p>")

    def _update_picture(self) -> None:
        path = self._shown.illustration if self._shown is not None else None
        if path is None:
            self.picture.clear()
            return
        room = QSize(min(self.picture.width() - 16, 720), self.picture.height() - 8)
        size = fit_size(art.renderer(path).defaultSize(), room)
        if size.isEmpty():
            self.picture.clear()
            return
        self.picture.setPixmap(art.render(path, size.width(), ratio=self.devicePixelRatioF()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_picture()
