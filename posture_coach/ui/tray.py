"""The tray icon and its menu, or a small window where there is no system tray.

Widgets only: it shows the status it is given and answers with signals; the app
decides what they mean.  The same menu serves the tray icon and the fallback
window, so the two never drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QAction, QCursor, QGuiApplication, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

if TYPE_CHECKING:
    from .status_window import StatusWindow

from .. import APP_DISPLAY_NAME
from ..core.commands import PAUSE_CHOICES


class TrayController(QObject):
    """The tray menu; its signals say what the user asked for."""

    break_now = Signal(str)
    snooze = Signal(int)
    pause = Signal(str)
    resume = Signal()
    open_library = Signal()
    open_safety = Signal()
    open_ice_heat = Signal()
    open_settings = Signal()
    import_program = Signal()
    print_program = Signal()
    edit_program = Signal()
    open_history = Signal()
    break_away = Signal()
    log_pain = Signal()
    quit = Signal()
    activated = Signal()  # the fallback window's "Take a break now" button (not the icon)

    def __init__(self, routines: Sequence[tuple[str, str]], snooze_minutes: Sequence[int],
                 icons: dict[str, QIcon], next_text: Callable[[], str],
                 use_tray: bool | None = None, parent: QObject | None = None,
                 tray_icon: QSystemTrayIcon | None = None):
        super().__init__(parent)
        self.icons = icons
        self._next_text = next_text
        self.menu = QMenu()
        # The structure is built here; every text is written by _write_texts (also after
        # a language change), so the two never drift apart.
        self.next_action = self.menu.addAction("")
        self.next_action.setEnabled(False)
        self.menu.addSeparator()
        self.break_menu = self.menu.addMenu("")
        self.routine_actions: dict[str, QAction] = {}
        self.set_routines(routines)
        self.snooze_actions: list[QAction] = []
        self._snooze_block: str | None = None
        self._snooze_cap: int | None = None
        # greyed snooze entries say why on the line below them
        self.snooze_why_action = self.menu.addAction("")
        self.snooze_why_action.setEnabled(False)
        self.snooze_why_action.setVisible(False)
        self.menu.setToolTipsVisible(True)
        self.pause_menu = self.menu.addMenu("")
        self.set_snooze_minutes(snooze_minutes)
        for choice in PAUSE_CHOICES:
            action = self.pause_menu.addAction("")
            action.triggered.connect(lambda _=False, c=choice: self.pause.emit(c))
        self.resume_action = self.menu.addAction("")
        self.resume_action.triggered.connect(self.resume)
        self.menu.addSeparator()
        self.break_away_action = self.menu.addAction("")
        self.break_away_action.triggered.connect(self.break_away)
        self.log_pain_action = self.menu.addAction("")
        self.log_pain_action.triggered.connect(self.log_pain)
        self.menu.addSeparator()
        self.library_action = self.menu.addAction("")
        self.library_action.triggered.connect(self.open_library)
        self.ice_heat_action = self.menu.addAction("")
        self.ice_heat_action.triggered.connect(self.open_ice_heat)
        self.history_action = self.menu.addAction("")
        self.history_action.triggered.connect(self.open_history)
        self.add_program_menu()
        self.settings_action = self.menu.addAction("")
        self.settings_action.triggered.connect(self.open_settings)
        self.safety_action = self.menu.addAction("")
        self.safety_action.triggered.connect(self.open_safety)
        self.menu.addSeparator()
        self.quit_action = self.menu.addAction("")
        self.quit_action.triggered.connect(self.quit)
        self._write_texts()
        self.menu.aboutToShow.connect(self.refresh_next)

        self.state: str | None = None
        self._tooltip = APP_DISPLAY_NAME
        self._paused = False
        self._shown = False
        available = QSystemTrayIcon.isSystemTrayAvailable() if use_tray is None else use_tray
        # self.tray: the icon in use (None while the app lives in its window); the icon
        # object, once made, is kept for the app's life (hidden while there is no tray).
        self.tray: QSystemTrayIcon | None = None
        self._icon: QSystemTrayIcon | None = tray_icon
        self.window: StatusWindow | None = None
        if tray_icon is not None or available:
            self._use_tray()
        else:
            self._use_window()
        self.set_state("running", APP_DISPLAY_NAME, paused=False)

    # ------------------------------------------------------------- tray or window
    def _use_tray(self) -> None:
        if self._icon is None:
            self._icon = QSystemTrayIcon(self.icons["running"])
            self._icon.activated.connect(self._on_activated)
            self._icon.setContextMenu(self.menu)
        elif self._icon.contextMenu() is not self.menu:
            self._icon.setContextMenu(self.menu)
            self._icon.activated.connect(self._on_activated)
        self.tray = self._icon

    def _use_window(self) -> None:
        if self.window is None:
            from .status_window import StatusWindow  # only where there is no tray

            self.window = StatusWindow(self.menu)
            self.window.close_requested.connect(self.quit)
            self.window.break_button.clicked.connect(lambda: self.activated.emit())
        self.tray = None

    @property
    def in_tray(self) -> bool:
        return self.tray is not None

    def place(self, in_tray: bool) -> bool:
        """Move into the tray (a tray appeared) or into the window (it went away), with
        the same menu, icon and status; True when it moved.  Windows the app has open,
        a break among them, are not touched."""
        if in_tray == self.in_tray:
            return False
        if in_tray:
            self._use_tray()
            if self.window is not None:
                self.window.hide()
        else:
            if self.tray is not None:
                self.tray.hide()
            self._use_window()
        state, self.state = self.state, None  # written again in the new place
        self.set_state(state or "running", self._tooltip, paused=self._paused)
        if self._shown:
            self.show()
        return True

    def set_routines(self, routines: Sequence[tuple[str, str]]) -> None:
        """The routines under "Take a break now" (a home program adds its own)."""
        self.break_menu.clear()
        self.routine_actions = {}
        for routine_id, name in routines:
            action = self.break_menu.addAction(name)
            action.triggered.connect(lambda _=False, r=routine_id: self.break_now.emit(r))
            self.routine_actions[routine_id] = action

    def add_program_menu(self) -> None:
        """The Home program submenu: import, print the handout, the PT's editor."""
        self.program_menu = self.menu.addMenu("")
        self.program_title_action = self.program_menu.addAction("")
        self.program_title_action.setEnabled(False)
        self.import_program_action = self.program_menu.addAction("")
        self.import_program_action.triggered.connect(self.import_program)
        self.print_program_action = self.program_menu.addAction("")
        self.print_program_action.triggered.connect(self.print_program)
        self.edit_program_action = self.program_menu.addAction("")
        self.edit_program_action.triggered.connect(self.edit_program)
        self._program_title: str | None = None
        self._emergency_number: str | None = None

    def set_emergency_number(self, number: str | None) -> None:
        """The safety entry names the emergency number when it is known (None: not)."""
        self._emergency_number = number
        if number is None:
            self.safety_action.setText(self.tr("Safety: &when to get help…"))
        else:
            self.safety_action.setText(
                self.tr("Safety: &when to get help (emergency: %1)…").replace("%1", number))

    def set_program(self, title: str | None) -> None:
        self._program_title = title
        if title is None:
            self.program_title_action.setText(self.tr("No program imported"))
        else:
            self.program_title_action.setText(self.tr("Active: %1").replace("%1", title))
        self.print_program_action.setEnabled(title is not None)

    # ---------------------------------------------------------------- language
    def retranslate(self, routines: Sequence[tuple[str, str]], snooze_minutes: Sequence[int],
                    program_title: str | None) -> None:
        """Write every entry again in the language just installed (the Settings dialog
        changed it): the texts of :meth:`_write_texts`, the routines given in that language."""
        self.set_routines(routines)
        self.set_snooze_minutes(snooze_minutes)
        self._write_texts()
        self.set_program(program_title)
        self.refresh_next()
        if self.window is not None:
            self.window.retranslate()

    def _write_texts(self) -> None:
        """Every fixed text of the menu, in the language installed now."""
        self.menu.setAccessibleName(self.tr("{app} menu").format(app=APP_DISPLAY_NAME))
        self.break_menu.setTitle(self.tr("&Take a break now"))
        self.pause_menu.setTitle(self.tr("&Pause breaks"))
        labels = {"30m": self.tr("For 30 minutes"), "1h": self.tr("For 1 hour"),
                  "2h": self.tr("For 2 hours"), "until-tomorrow": self.tr("Until tomorrow")}
        for action, choice in zip(self.pause_menu.actions(), PAUSE_CHOICES):
            action.setText(labels[choice])
        self.resume_action.setText(self.tr("&Resume breaks"))
        self.break_away_action.setText(self.tr("I did a break &away from the computer"))
        self.log_pain_action.setText(self.tr("Log my pai&n now…"))
        self.library_action.setText(self.tr("Exercise &library…"))
        self.ice_heat_action.setText(self.tr("&Ice/heat timer…"))
        self.history_action.setText(self.tr("&History…"))
        self.program_menu.setTitle(self.tr("Ho&me program"))
        self.program_menu.setAccessibleName(self.tr("Home program"))
        self.import_program_action.setText(self.tr("&Import a program…"))
        self.print_program_action.setText(self.tr("&Print the handout…"))
        self.edit_program_action.setText(self.tr("Program &editor (for your therapist)…"))
        self.set_program(self._program_title)
        self.set_snooze_block(self._snooze_block, self._snooze_cap)
        self.settings_action.setText(self.tr("S&ettings…"))
        self.set_emergency_number(self._emergency_number)
        self.quit_action.setText(self.tr("&Quit"))

    def show(self) -> None:
        self._shown = True
        if self.tray is not None:
            self.tray.show()
        elif self.window is not None:
            from .placement import show_placed

            show_placed(self.window, "status")

    def hide(self) -> None:
        self._shown = False
        if self.tray is not None:
            self.tray.hide()
        if self.window is not None:
            self.window.hide()

    def set_snooze_minutes(self, snooze_minutes: Sequence[int]) -> None:
        """One "Snooze N minutes" entry per length, just above "Pause breaks"."""
        for action in self.snooze_actions:
            self.menu.removeAction(action)
            action.deleteLater()
        self.snooze_actions = []
        for minutes in snooze_minutes:
            action = QAction(self.tr("Snooze %n minute(s)", "", minutes), self.menu)
            action.triggered.connect(lambda _=False, m=minutes: self.snooze.emit(m))
            self.menu.insertAction(self.snooze_why_action, action)
            self.snooze_actions.append(action)
        self.set_snooze_block(self._snooze_block, self._snooze_cap)

    def set_snooze_enabled(self, enabled: bool) -> None:
        """Snoozing allowed, or refused at the cap (kept for callers that only know that)."""
        self.set_snooze_block(None if enabled else "cap", self._snooze_cap)

    def set_snooze_block(self, block: str | None, cap: int | None = None) -> None:
        """The snooze entries greyed out while snoozing makes no sense, with why on the
        line below them: ``"nothing"`` (no break is coming: paused, outside working
        hours) or ``"cap"`` (snoozed ``cap`` times in a row); ``None`` enables them."""
        self._snooze_block, self._snooze_cap = block, cap
        why = self.snooze_why_text()
        for action in self.snooze_actions:
            action.setEnabled(block is None)
            action.setToolTip(why)
            action.setStatusTip(why)
        self.snooze_why_action.setText(why)
        self.snooze_why_action.setVisible(bool(why) and bool(self.snooze_actions))

    def snooze_why_text(self) -> str:
        if self._snooze_block == "nothing":
            return self.tr("Nothing to snooze: no break is coming up now")
        if self._snooze_block == "cap":
            if self._snooze_cap:
                return self.tr("Snoozed %n time(s) in a row, the most allowed: take or skip "
                               "the break", "", self._snooze_cap)
            return self.tr("Snoozed the most times in a row; take or skip the break")
        return ""

    def refresh_next(self) -> None:
        self.next_action.setText(self._next_text())

    def set_state(self, state: str, tooltip: str, *, paused: bool) -> None:
        """``state``: running, paused or due; ``tooltip``: the one-line status.

        Called every minute from the tray's tick: the icon is only sent again when the
        state changes (the menu's first line is written when the menu opens).
        """
        changed = state != self.state
        self.state = state
        self._tooltip, self._paused = tooltip, paused
        self.resume_action.setEnabled(paused)
        icon = self.icons.get(state, self.icons["running"])
        if self.tray is not None:
            if changed:
                self.tray.setIcon(icon)
            self.tray.setToolTip(f"{APP_DISPLAY_NAME}\n{tooltip}")
        if self.window is not None:
            if changed:
                self.window.setWindowIcon(icon)
            self.window.status.setText(tooltip)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        """A left click (or double click) on the icon opens the menu, where the next break
        and "Take a break now" are, as GNOME and KDE users expect; a break starts only from
        an explicit choice in it.  (The right click opens it through ``setContextMenu``.)"""
        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            if self.menu.isVisible():
                return
            self.menu.popup(self._menu_position())

    def _menu_position(self) -> QPoint:
        """Where the menu opens: at the pointer, kept on that screen."""
        at = QCursor.pos()
        screen = QGuiApplication.screenAt(at) or QGuiApplication.primaryScreen()
        if screen is None:
            return at
        area = screen.availableGeometry()
        size = self.menu.sizeHint()
        x = min(max(at.x(), area.left()), area.right() - size.width())
        y = at.y() if at.y() + size.height() <= area.bottom() else at.y() - size.height()
        return QPoint(max(area.left(), x), max(area.top(), y))


def icon_from_pngs(pngs: Sequence[Path], fallback_svg: Path) -> QIcon:
    """One icon from PNGs of several sizes (rendered from the SVG by
    assets/icons/render_pngs.py), so that showing it needs no SVG renderer; the SVG
    itself when the PNGs are missing."""
    existing = [p for p in pngs if p.is_file()]
    if not existing:
        return QIcon(str(fallback_svg))
    icon = QIcon()
    for png in existing:
        icon.addFile(str(png))
    return icon


def tray_icon(folder: Path, state: str) -> QIcon:
    return icon_from_pngs(sorted((folder / "tray").glob(f"tray-{state}-*.png")),
                          folder / f"tray-{state}.svg")


def app_icon(folder: Path) -> QIcon:
    return icon_from_pngs(sorted((folder / "hicolor").glob("*/apps/posture-coach.png")),
                          folder / "posture-coach.svg")


def load_icons(folder: Path) -> dict[str, QIcon]:
    return {state: tray_icon(folder, state) for state in ("running", "paused", "due")}


