"""Render the app icon (posture-coach.svg) to the PNG sizes of the hicolor icon theme.

    python assets/icons/render_pngs.py

writes assets/icons/hicolor/<N>x<N>/apps/posture-coach.png for each size and copies the
SVG to hicolor/scalable/apps/.  The PNGs are committed; run this again after changing
the SVG (tests/core/test_launcher.py checks they match it).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
HERE = Path(__file__).resolve().parent
SOURCE = HERE / "posture-coach.svg"
THEME = HERE / "hicolor"


def render(size: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for size in SIZES:
        target = THEME / f"{size}x{size}" / "apps" / "posture-coach.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(size).save(str(target), "PNG"):
            print(f"could not write {target}", file=sys.stderr)
            return 1
    scalable = THEME / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable / "posture-coach.svg")
    print(f"wrote {len(SIZES)} PNGs and the SVG under {THEME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
