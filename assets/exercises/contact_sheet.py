"""Render every drawing under assets/ (exercises and ice/heat) on one contact sheet,
light and dark, the way the app draws them (``posture_coach.ui.art.svg_bytes``).

    python assets/exercises/contact_sheet.py [OUT_DIR]

writes OUT_DIR/drawings-light.png and OUT_DIR/drawings-dark.png (default docs/screenshots).
Open them and look: limbs through the floor, heads inside props, start and end that look alike.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CELL_W, CELL_H, LABEL, COLS = 400, 200, 18, 3


def drawings() -> list[Path]:
    return [*sorted(HERE.glob("*.svg")), *sorted((HERE.parent / "ice-heat").glob("*.svg"))]


def sheet(dark: bool):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QByteArray, QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    sys.path.insert(0, str(REPO))
    from posture_coach.ui.art import svg_bytes

    files = drawings()
    rows = (len(files) + COLS - 1) // COLS
    image = QImage(COLS * CELL_W, rows * (CELL_H + LABEL), QImage.Format.Format_RGB32)
    background = QColor("#202124" if dark else "#ffffff")
    image.fill(background)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for i, path in enumerate(files):
        x, y = (i % COLS) * CELL_W, (i // COLS) * (CELL_H + LABEL)
        renderer = QSvgRenderer(QByteArray(svg_bytes(path, dark)))
        size = renderer.defaultSize()
        w = CELL_W if size.width() > size.height() else CELL_H
        renderer.render(painter, QRectF(x + (CELL_W - w) / 2, y + LABEL, w, CELL_H))
        painter.setPen(QColor("#9aa0a6"))
        painter.drawText(x + 6, y + 14, path.stem)
        painter.drawRect(x, y, CELL_W - 1, CELL_H + LABEL - 1)
    painter.end()
    return image


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out = Path(argv[0]) if argv else REPO / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for dark in (False, True):
        target = out / f"drawings-{'dark' if dark else 'light'}.png"
        if not sheet(dark).save(str(target), "PNG"):
            print(f"could not write {target}", file=sys.stderr)
            return 1
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
