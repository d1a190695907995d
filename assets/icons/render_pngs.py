"""Render the app icon (posture-coach.svg) to the PNG sizes of the hicolor icon theme,
and the tray icons (tray-<state>.svg) to the sizes trays ask for.

    python assets/icons/render_pngs.py

writes assets/icons/hicolor/<N>x<N>/apps/posture-coach.png for each size, copies the
SVG to hicolor/scalable/apps/, and writes assets/icons/tray/tray-<state>-<N>.png.  The
app loads the PNGs so that QtSvg stays out of the tray app until a window with drawings
opens.  The PNGs are committed; run this again after changing an SVG
(tests/qt/test_launcher_icons.py checks they match).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
TRAY_STATES = ("running", "paused", "due")
TRAY_SIZES = (16, 22, 24, 32, 48, 64, 128)
HERE = Path(__file__).resolve().parent
SOURCE = HERE / "posture-coach.svg"
THEME = HERE / "hicolor"
TRAY = HERE / "tray"


def render(size: int, source: Path = SOURCE):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(source))
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
    TRAY.mkdir(exist_ok=True)
    for state in TRAY_STATES:
        for size in TRAY_SIZES:
            target = TRAY / f"tray-{state}-{size}.png"
            if not render(size, HERE / f"tray-{state}.svg").save(str(target), "PNG"):
                print(f"could not write {target}", file=sys.stderr)
                return 1
    print(f"wrote {len(SIZES)} PNGs and the SVG under {THEME}, "
          f"{len(TRAY_STATES) * len(TRAY_SIZES)} under {TRAY}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
