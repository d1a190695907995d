"""Where a window opens: where the person last left it, else centred on the screen
with the pointer (where their attention is), never at the top-left corner.

One call for every window the app opens: ``show_placed(window, "history")``.  The key
names the window kind; where it was left is remembered for the run (kept while it is
still on a screen: a monitor unplugged since brings it back to the pointer's screen).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QCursor, QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

_left: dict[str, QRect] = {}  # window kind -> its frame when the person left it
_watchers: dict[int, _Watcher] = {}


def pointer_screen() -> QScreen | None:
    return QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()


def centred(size_w: int, size_h: int, screen: QScreen | None = None) -> QPoint:
    """The top-left corner that centres a frame of that size on ``screen`` (the
    pointer's), kept inside its available area."""
    screen = screen or pointer_screen()
    if screen is None:
        return QPoint(0, 0)
    area = screen.availableGeometry()
    x = area.x() + max(0, (area.width() - size_w) // 2)
    y = area.y() + max(0, (area.height() - size_h) // 2)
    return QPoint(x, y)


def _on_a_screen(frame: QRect) -> bool:
    """Enough of ``frame``'s title bar is on some screen to grab it."""
    grip = QRect(frame.x(), frame.y(), frame.width(), min(40, frame.height()))
    for screen in QGuiApplication.screens():
        seen = screen.availableGeometry().intersected(grip)
        if seen.width() >= min(100, frame.width()) and seen.height() >= 10:
            return True
    return False


def place(window: QWidget, key: str) -> bool:
    """Move ``window`` (not shown yet, or shown again) to where it opens; True when that
    is where the person left one, False when centred."""
    left = _left.get(key)
    if left is not None and _on_a_screen(QRect(left.topLeft(), window.frameGeometry().size())):
        window.move(left.topLeft())
        return True
    else:
        size = window.size() if window.isVisible() or window.testAttribute(
            Qt.WidgetAttribute.WA_Resized) else window.sizeHint()
        window.move(centred(size.width(), size.height()))
        return False


class _Watcher(QObject):
    """Remembers where the person leaves a window (moved, hidden or closed)."""

    def __init__(self, window: QWidget, key: str) -> None:
        super().__init__(window)
        self.key = key

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(watched, QWidget) and (
                kind in (QEvent.Type.Hide, QEvent.Type.Close)
                or (kind == QEvent.Type.Move and watched.isVisible())):
            _left[self.key] = QRect(watched.frameGeometry())
        return False


def remember(window: QWidget, key: str) -> None:
    """Keep track of where the person leaves ``window`` (once per window)."""
    if id(window) in _watchers:
        return
    watcher = _Watcher(window, key)
    window.installEventFilter(watcher)
    ident = id(window)
    _watchers[ident] = watcher
    window.destroyed.connect(lambda _obj=None: _watchers.pop(ident, None))


def show_placed(window: QWidget, key: str, *, activate: bool = True) -> None:
    """Show ``window`` where it belongs (see the module docstring); an open one is only
    raised, so a second click never moves a window the person put somewhere."""
    if not window.isVisible():
        restored = place(window, key)
        remember(window, key)
        window.show()
        frame = window.frameGeometry()
        if not restored and frame.size() != window.size():  # centre the frame, now known
            window.move(centred(frame.width(), frame.height()))
    window.raise_()
    if activate:
        window.activateWindow()


def was_left(key: str) -> bool:
    """A window of kind ``key`` was left somewhere this run."""
    return key in _left


def forget_all() -> None:
    """For tests: no window has been left anywhere."""
    _left.clear()
