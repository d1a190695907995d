"""Exercise drawings: SVG files drawn in a small palette, recoloured for dark mode."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

# The drawings use exactly these colours (see assets/exercises/README.md).
DARK_SWAP = {
    "#263238": "#eceff1",  # figure ink
    "#78909c": "#b0bec5",  # props
    "#cfd8dc": "#455a64",  # soft fill
    "#1e88e5": "#64b5f6",  # accent
}


def is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None and scheme() == Qt.ColorScheme.Dark:
        return True
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def svg_bytes(path: Path, dark: bool) -> bytes:
    text = path.read_text(encoding="utf-8")
    if dark:
        for light, night in DARK_SWAP.items():
            text = text.replace(light, night)
    return text.encode("utf-8")


def renderer(path: Path, dark: bool | None = None) -> QSvgRenderer:
    dark = is_dark() if dark is None else dark
    return QSvgRenderer(QByteArray(svg_bytes(path, dark)))


def render(path: Path, width: int, dark: bool | None = None, ratio: float = 1.0) -> QPixmap:
    """The drawing scaled to ``width`` logical pixels (sharp at ``ratio`` device scale)."""
    r = renderer(path, dark)
    if not r.isValid():
        return QPixmap()
    size = r.defaultSize()
    height = max(1, round(width * size.height() / max(1, size.width())))
    image = QImage(QSize(round(width * ratio), round(height * ratio)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    r.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap
