"""Every window fits its screen, at any scale: one application-wide filter instead of a
size rule in each window.

When a top-level window is about to show, :class:`ScreenFit` compares it with the
available area of its screen (the screen under the mouse for a new window, in logical
pixels, so 2x and 1.5x scaling are included):

* a window bigger than the area is made as big as the area;
* a window whose layout cannot shrink that far (its minimum size is bigger than the
  screen) gets its content put in a scroll area first, so every button stays
  reachable by scrolling instead of lying off the screen;
* a new window the app did not place opens centred on the screen under the mouse, and
  a window placed partly off the screen is moved onto it (not under Wayland, where the
  compositor places windows and a client cannot).

Menus, tooltips, splash screens and full-screen windows are left alone (Qt keeps menus
on screen itself; a full-screen break covers its screen by definition).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QMainWindow,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .placement import centred, pointer_screen

log = logging.getLogger(__name__)

SKIP_TYPES = (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen,
              Qt.WindowType.Desktop)
SCROLLED = "_posture_coach_scrolled"
PLACED = "_posture_coach_placed"
CENTRE = "_posture_coach_centre"


def window_screen(window: QWidget) -> QScreen | None:
    """The screen a window is on, or (not shown yet) the one under the mouse."""
    if window.isVisible() or window.testAttribute(Qt.WidgetAttribute.WA_Moved):
        screen = window.screen()
        if screen is not None:
            return screen
    return pointer_screen()


def _scroll_area(inner: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setObjectName("screenFitScroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(inner)
    return area


def wrap_in_scroll_area(window: QWidget) -> bool:
    """Put the window's content in a scroll area (once); False where it cannot."""
    if window.property(SCROLLED):
        return True
    if isinstance(window, QMainWindow):
        central = window.centralWidget()
        if central is None:
            return False
        window.takeCentralWidget()
        window.setCentralWidget(_scroll_area(central))
    else:
        layout = window.layout()
        if layout is None:
            return False
        inner = QWidget()
        inner.setLayout(layout)  # takes the layout and every widget in it along
        outer = QVBoxLayout(window)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(_scroll_area(inner))
    window.setProperty(SCROLLED, True)
    log.info("%r is taller or wider than the screen: its content scrolls",
             window.windowTitle())
    return True


def fit_window(window: QWidget, screen: QScreen | None = None) -> None:
    """Make ``window`` fit ``screen``'s available area (see the module's text)."""
    screen = screen or window_screen(window)
    if screen is None:
        return
    area: QRect = screen.availableGeometry()
    frame = window.frameGeometry()
    extra = QSize(max(0, frame.width() - window.width()),
                  max(0, frame.height() - window.height()))
    room = QSize(max(1, area.width() - extra.width()), max(1, area.height() - extra.height()))
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    if (minimum.width() > room.width() or minimum.height() > room.height()) \
            and wrap_in_scroll_area(window):
        window.setMinimumSize(min(window.minimumWidth(), room.width()),
                              min(window.minimumHeight(), room.height()))
    if window.width() > room.width() or window.height() > room.height():
        window.resize(min(window.width(), room.width()), min(window.height(), room.height()))


def keep_on_screen(window: QWidget, screen: QScreen | None = None) -> None:
    """Move a shown window that lies partly off its screen back onto it (X11, Windows,
    macOS; under Wayland the compositor places windows)."""
    if QGuiApplication.platformName() == "wayland" or not window.isVisible():
        return
    frame = window.frameGeometry()
    # the screen its middle is on: Qt's own idea (window.screen()) lags behind a move
    screen = screen or QGuiApplication.screenAt(frame.center()) or window.screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    x = min(max(frame.x(), area.x()), area.x() + area.width() - frame.width())
    y = min(max(frame.y(), area.y()), area.y() + area.height() - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def open_on_pointer_screen(window: QWidget) -> None:
    """A new window the app has not placed (no ``move`` yet), without a parent to open
    over, opens on the screen under the mouse: Qt alone opens it on the first screen of
    two wherever the pointer is.  Called once, as the window is polished; before Qt makes
    its native window the window is given that screen (Qt centres it there if it is
    small enough); and it is marked for :func:`centre_if_marked` as it shows.  Not under
    Wayland, where the compositor places windows."""
    if QGuiApplication.platformName() == "wayland" or window.property(PLACED):
        return
    window.setProperty(PLACED, True)
    if window.testAttribute(Qt.WidgetAttribute.WA_Moved) or window.parentWidget() is not None:
        return
    window.setProperty(CENTRE, True)
    if not window.testAttribute(Qt.WidgetAttribute.WA_WState_Created):
        screen = QGuiApplication.screenAt(QCursor.pos())
        if screen is not None and screen is not window.screen():
            window.setScreen(screen)  # Qt centres it there if it is small enough


def centre_if_marked(window: QWidget) -> None:
    """A window marked by :func:`open_on_pointer_screen` whose middle is not on the
    screen under the mouse as it first shows is centred there (at its final size)."""
    if not window.property(CENTRE):
        return
    window.setProperty(CENTRE, False)
    screen = pointer_screen()
    if screen is None:
        return
    frame = window.frameGeometry()
    if screen.availableGeometry().contains(frame.center()):
        return  # there already (Qt centred it, or the app put it there)
    window.move(centred(frame.width(), frame.height(), screen))


class ScreenFit(QObject):
    """Fits each top-level window to its screen as it is shown (install once)."""

    @staticmethod
    def _place(window: QWidget) -> None:
        try:
            keep_on_screen(window)
        except Exception:
            log.warning("keeping %r on the screen failed", window, exc_info=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish and isinstance(watched, QWidget) \
                and watched.isWindow() and watched.windowType() not in SKIP_TYPES:
            try:
                open_on_pointer_screen(watched)
            except Exception:
                log.warning("placing %r on the pointer's screen failed", watched,
                            exc_info=True)
        elif event.type() == QEvent.Type.Show and isinstance(watched, QWidget) \
                and watched.isWindow():
            kind = watched.windowType()
            if kind not in SKIP_TYPES and not watched.isFullScreen() \
                    and not watched.windowState() & Qt.WindowState.WindowFullScreen:
                try:
                    fit_window(watched)
                    centre_if_marked(watched)
                    # where it goes is known once Qt has placed it: look right after
                    QTimer.singleShot(0, watched, lambda w=watched: self._place(w))
                except Exception:  # never stand between a person and a window
                    log.warning("fitting %r to the screen failed", watched, exc_info=True)
        return False


_installed: list[ScreenFit] = []


def ensure_installed() -> None:
    """Install the filter on the running application, once."""
    app = QApplication.instance()
    if app is None or any(fit.parent() is app for fit in _installed):
        return
    fit = ScreenFit(app)
    app.installEventFilter(fit)
    _installed[:] = [fit]
