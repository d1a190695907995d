"""Small painted widgets for the guided break: a countdown ring, a breathing pacer, a drawing.

They know nothing of players or routines: the window hands them numbers
(``set_state``) and they paint them.  None of them owns a timer; the window
drives them from its one frame timer.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
    QScreen,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from . import art


def clock_text(seconds: float) -> str:
    """A countdown as minutes and seconds, rounded up: ``1:58``, ``0:05`` (never ``118``)."""
    whole = max(0, math.ceil(seconds - 1e-6))
    return f"{whole // 60}:{whole % 60:02d}"


def ease_in_out(t: float) -> float:
    """A gentle sine ease from 0 to 1 (slow at both ends, like a breath)."""
    t = min(1.0, max(0.0, t))
    return (1.0 - math.cos(math.pi * t)) / 2.0


def _accent(widget: QWidget) -> QColor:
    return widget.palette().color(QPalette.ColorRole.Highlight)


def _base_px(widget: QWidget) -> int:
    """The widget's (the system's) text size in pixels: painted text starts from it, so
    it grows with the user's font setting."""
    return max(1, QFontInfo(widget.font()).pixelSize())


def _calm(widget: QWidget) -> QColor:
    color = QColor(widget.palette().color(QPalette.ColorRole.WindowText))
    color.setAlphaF(0.45)
    return color


def _track(widget: QWidget) -> QColor:
    color = QColor(widget.palette().color(QPalette.ColorRole.WindowText))
    color.setAlphaF(0.15)
    return color


class CountdownRing(QWidget):
    """An arc that empties as a hold, rep, phase or step passes; the seconds left inside."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._fraction = 0.0
        self._seconds_left = 0.0
        self._caption = ""
        self._shown_seconds = ""
        self.calm = False
        """Paint the arc in the quiet text colour, not the accent: a relax, not a hold."""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(110, 110)

    @property
    def fraction(self) -> float:
        """How much has passed: 0 at the start (full ring), 1 at the end (empty)."""
        return self._fraction

    @property
    def seconds_left(self) -> float:
        return self._seconds_left

    @property
    def caption(self) -> str:
        return self._caption

    def text(self) -> str:
        """The time written in the centre, always as m:ss (``1:58``, ``0:05``)."""
        return clock_text(self._seconds_left)

    def sizeHint(self) -> QSize:
        return QSize(160, 160)

    def set_state(self, fraction: float, seconds_left: float, caption: str = "") -> None:
        fraction = min(1.0, max(0.0, fraction))
        if (fraction, seconds_left, caption) == (self._fraction, self._seconds_left,
                                                 self._caption):
            return
        self._fraction, self._seconds_left, self._caption = fraction, seconds_left, caption
        shown = self.text()
        if shown != self._shown_seconds:  # tell screen readers once a second, not per frame
            self._shown_seconds = shown
            self.setAccessibleDescription(f"{shown} {caption}".strip())
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height()) - 8
        if side <= 0:
            return
        pen_w = max(4.0, side / 14)
        rect = QRectF((self.width() - side) / 2 + pen_w / 2, (self.height() - side) / 2
                      + pen_w / 2, side - pen_w, side - pen_w)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(_track(self), pen_w)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.drawEllipse(rect)
        remaining = 1.0 - self._fraction
        if remaining > 0:
            pen.setColor(_calm(self) if self.calm else _accent(self))
            # flat ends: round caps meeting at 12 o'clock drew a notch in a nearly full ring
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            p.setPen(pen)
            # from 12 o'clock, clockwise (negative span), shrinking as time passes
            p.drawArc(rect, 90 * 16, -round(remaining * 360 * 16))
        p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        base = _base_px(self)  # never smaller than the system's text
        font = QFont(self.font())
        font.setPixelSize(max(base, round(side * 0.22)))
        font.setBold(True)
        p.setFont(font)
        number = QRectF(rect)
        if self._caption:
            number.setHeight(rect.height() * 0.62)
        p.drawText(number, Qt.AlignmentFlag.AlignHCenter | (
            Qt.AlignmentFlag.AlignBottom if self._caption else Qt.AlignmentFlag.AlignVCenter),
            self.text())
        if self._caption:
            small = QFont(self.font())
            small.setPixelSize(max(base, round(side * 0.09)))
            p.setFont(small)
            below = QRectF(rect.left(), rect.top() + rect.height() * 0.64, rect.width(),
                           rect.height() * 0.2)
            p.drawText(below, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                       self._caption)
        p.end()


class BreathingPacer(QWidget):
    """A circle that grows while breathing in and shrinks while breathing out."""

    MIN_SIZE = 0.45
    """The circle's radius at empty lungs, as a share of the largest radius."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._phase: str | None = None
        self._fraction = 0.0
        self._seconds_left = 0.0
        self._phase_text = ""
        self.fit_texts: tuple[str, ...] = ()
        """All the phase words; the font is sized so the widest fits (no size jumps)."""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(110, 110)

    @property
    def phase(self) -> str | None:
        return self._phase

    @property
    def phase_text(self) -> str:
        return self._phase_text

    @property
    def seconds_left(self) -> float:
        return self._seconds_left

    def seconds_text(self) -> str:
        """The seconds left in this breath, written as every countdown is: m:ss."""
        return clock_text(self._seconds_left)

    @property
    def size_fraction(self) -> float:
        """How full the lungs are: 0 = empty (smallest circle), 1 = full (largest)."""
        if self._phase == "in":
            return ease_in_out(self._fraction)
        if self._phase == "out":
            return 1.0 - ease_in_out(self._fraction)
        return 1.0 if self._phase == "hold" else 0.0

    def sizeHint(self) -> QSize:
        return QSize(180, 180)

    def set_state(self, phase: str | None, fraction: float, seconds_left: float,
                  phase_text: str) -> None:
        state = (phase, min(1.0, max(0.0, fraction)), seconds_left, phase_text)
        if state == (self._phase, self._fraction, self._seconds_left, self._phase_text):
            return
        if phase_text != self._phase_text:
            self.setAccessibleDescription(phase_text)
        self._phase, self._fraction, self._seconds_left, self._phase_text = state
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        biggest = (min(self.width(), self.height()) - 8) / 2
        if biggest <= 0:
            return
        radius = biggest * (self.MIN_SIZE + (1 - self.MIN_SIZE) * self.size_fraction)
        centre = QRectF(self.rect()).center()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = _accent(self)
        p.setPen(QPen(_track(self), 2, Qt.PenStyle.DashLine))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(centre, biggest, biggest)
        fill = QColor(accent)
        fill.setAlphaF(0.28)
        p.setBrush(fill)
        p.setPen(QPen(accent, 3))
        p.drawEllipse(centre, radius, radius)
        p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        base = _base_px(self)  # the system's text size, unless the words must shrink to fit
        font = QFont(self.font())
        font.setPixelSize(max(base, round(biggest * 0.17)))
        font.setBold(True)
        # the words must fit inside the smallest circle
        room = 1.7 * biggest * self.MIN_SIZE
        metrics = QFontMetricsF(font)
        wide = max(metrics.horizontalAdvance(t) for t in (self._phase_text, *self.fit_texts))
        if wide > room > 0:
            font.setPixelSize(max(9, math.floor(font.pixelSize() * room / wide)))
        p.setFont(font)
        line = font.pixelSize() * 1.3
        top = QRectF(0, centre.y() - line, self.width(), line)
        p.drawText(top, Qt.AlignmentFlag.AlignCenter, self._phase_text)
        font.setBold(False)
        font.setPixelSize(max(base, round(biggest * 0.22)))
        p.setFont(font)
        bottom = QRectF(0, centre.y(), self.width(), font.pixelSize() * 1.4)
        if self._phase_text:
            p.drawText(bottom, Qt.AlignmentFlag.AlignCenter, self.seconds_text())
        p.end()


class Illustration(QWidget):
    """An exercise drawing, rendered to fit the widget's width and redrawn on resize."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._path: Path | None = None
        self._pixmap = QPixmap()
        self._key: tuple[Path, int, bool, float] | None = None
        self._aspect = 0.75
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 90)

    @property
    def path(self) -> Path | None:
        return self._path

    def pixmap(self) -> QPixmap:
        return self._pixmap

    def sizeHint(self) -> QSize:
        return QSize(320, 240)

    def set_path(self, path: Path | None) -> None:
        if path == self._path:
            return
        self._path = path
        if path is not None:
            r = art.renderer(path, False)
            size = r.defaultSize() if r.isValid() else QSize(4, 3)
            self._aspect = max(0.05, size.height() / max(1, size.width()))
        self._key = None
        self._render()

    def _render(self) -> None:
        if self._path is None:
            self._pixmap, self._key = QPixmap(), None
            self.update()
            return
        width = max(1, min(self.width(), math.floor(self.height() / self._aspect)))
        key = (self._path, width, art.is_dark(), self.devicePixelRatioF())
        if key == self._key:
            return
        self._key = key
        self._pixmap = art.render(self._path, width, key[2], key[3])
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light <-> dark
            self._render()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._pixmap.isNull():
            return
        ratio = self._pixmap.devicePixelRatio() or 1.0
        w, h = self._pixmap.width() / ratio, self._pixmap.height() / ratio
        p = QPainter(self)
        p.drawPixmap(QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h),
                     self._pixmap, QRectF(self._pixmap.rect()))
        p.end()


class ScreenCover(QWidget):
    """Covers another screen while a full-screen break runs on the main one, so the break
    is on all screens: a calm dark panel saying where the break is."""

    def __init__(self, screen: QScreen, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#263238"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#eceff1"))
        self.setPalette(palette)
        label = QLabel(self.tr("Time for a break: the break is on your other screen."))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        label.setFont(font)
        label.setAccessibleDescription(self.tr("A break is in progress on another screen"))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.setGeometry(screen.geometry())
        self.target = screen

    def show_on_screen(self) -> None:
        self.setGeometry(self.target.geometry())
        self.showFullScreen()
        handle = self.windowHandle()
        if handle is not None:
            handle.setScreen(self.target)
