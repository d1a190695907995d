"""A small notification window of the app's own: the last link of the notifier chain.

It appears at the bottom-right of the available area of the screen under the mouse,
stays on top, never takes the keyboard focus, and closes itself after a while (the
countdown pauses while the mouse is over it).  Clicking it emits :attr:`Toast.clicked`
(the app opens the break); its close button just closes it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QCursor, QEnterEvent, QGuiApplication, QIcon, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .. import APP_DISPLAY_NAME

DEFAULT_TIMEOUT_S = 10.0
MARGIN = 16
WIDTH = 360
MAX_TITLE = 80
MAX_MESSAGE = 280


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _window_type() -> Qt.WindowType:
    """A tooltip-type window: never activated (on X11 the window manager leaves it alone;
    Qt::Tool windows were still activated), no taskbar entry, not hidden on macOS while
    the app is inactive (a tray app's usual state).  Wayland gives tooltips only to
    windows that have a parent with input, so there it is a tool window, which the
    compositor places."""
    if QGuiApplication.platformName().startswith("wayland"):
        return Qt.WindowType.Tool
    return Qt.WindowType.ToolTip


class Toast(QWidget):
    """A frameless, always-on-top window showing a title and a message.

    ``timeout_s`` is how long it stays up; :attr:`timer` is the single-shot QTimer
    that closes it (tests can fire it).  It holds no timer while hidden.
    """

    clicked = Signal()
    closed = Signal()

    def __init__(self, title: str = "", message: str = "", *,
                 timeout_s: float = DEFAULT_TIMEOUT_S, icon: QIcon | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toast")
        self.setWindowFlags(_window_type() | Qt.WindowType.FramelessWindowHint
                            | Qt.WindowType.WindowStaysOnTopHint
                            | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_X11NetWmWindowTypeNotification)
        self.setAttribute(Qt.WidgetAttribute.WA_MacAlwaysShowToolWindow)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

        card = QFrame(self)
        card.setObjectName("toastCard")
        card.setFrameShape(QFrame.Shape.Box)
        card.setStyleSheet("#toastCard { background: palette(window); "
                           "border: 1px solid palette(mid); }")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(card)

        self.icon_label = QLabel(card)
        self.icon_label.setAccessibleName(self.tr("Notification icon"))
        self.title_label = QLabel(card)
        self.title_label.setObjectName("toastTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.message_label = QLabel(card)
        self.message_label.setObjectName("toastMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setSizePolicy(QSizePolicy.Policy.Preferred,
                                         QSizePolicy.Policy.Minimum)
        self.close_button = QToolButton(card)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.setCursor(Qt.CursorShape.ArrowCursor)
        self.close_button.setToolTip(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close notification"))
        self.close_button.clicked.connect(self.close)

        texts = QVBoxLayout()
        texts.setSpacing(4)
        texts.addWidget(self.title_label)
        texts.addWidget(self.message_label)
        row = QHBoxLayout(card)
        row.setContentsMargins(12, 10, 6, 12)
        row.setSpacing(10)
        row.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(texts, 1)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)

        self.timer = QTimer(self)
        self.timer.setObjectName("toastTimer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.close)
        self.set_timeout(timeout_s)
        self.set_icon(icon)
        self.set_message(title, message)

    # --- content ---------------------------------------------------------------------

    def set_timeout(self, seconds: float) -> None:
        self.timer.setInterval(max(1, round(seconds * 1000)))

    def set_icon(self, icon: QIcon | None) -> None:
        if icon is None or icon.isNull():
            self.icon_label.clear()
            self.icon_label.hide()
        else:
            self.icon_label.setPixmap(icon.pixmap(32, 32, QIcon.Mode.Normal))
            self.icon_label.show()

    def set_message(self, title: str, message: str) -> None:
        """Show ``title`` and ``message`` (shortened to fit a small window; the whole
        message stays in the tooltip and the accessible description)."""
        self.title_label.setText(_shorten(title, MAX_TITLE))
        self.message_label.setText(_shorten(message, MAX_MESSAGE))
        self.message_label.setToolTip(message if len(message) > MAX_MESSAGE else "")
        self.message_label.setVisible(bool(message))
        self.title_label.setAccessibleName(title)
        self.message_label.setAccessibleName(message)
        self.setAccessibleName(self.tr("{app} notification: {title}").format(
            app=APP_DISPLAY_NAME, title=title))
        self.setAccessibleDescription(message)

    @property
    def title(self) -> str:
        return self.title_label.text()

    @property
    def message(self) -> str:
        return self.message_label.text()

    # --- showing ---------------------------------------------------------------------

    def popup(self) -> None:
        """Show (or show again) at the bottom-right of the screen under the mouse, without
        taking the focus, and start the countdown."""
        self.place()
        if self.isVisible():
            self.raise_()
        else:
            self.show()
        self.timer.start()

    def place(self) -> None:
        """Size to the text and move to the bottom-right of the available geometry of
        the screen under the mouse (the primary screen when none is)."""
        screen = (QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen())
        if screen is None:
            return
        area = screen.availableGeometry()
        self.setFixedWidth(max(120, min(WIDTH, area.width() - 2 * MARGIN)))
        self.adjustSize()
        x = max(area.left(), area.left() + area.width() - self.width() - MARGIN)
        y = max(area.top(), area.top() + area.height() - self.height() - MARGIN)
        if self.windowHandle() is not None:
            self.windowHandle().setScreen(screen)
        self.move(QPoint(x, y))

    # --- events ----------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and \
                self.rect().contains(event.position().toPoint()):
            event.accept()
            self.clicked.emit()
            self.close()
        else:
            super().mouseReleaseEvent(event)

    def enterEvent(self, event: QEnterEvent) -> None:
        self.timer.stop()  # let the user read it
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self.isVisible():
            self.timer.start()
        super().leaveEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()
