"""The Linux launcher and icon set: a valid .desktop file naming the app and its icon the
way the app does, and PNGs of every size rendered from the SVG (not stale)."""

from __future__ import annotations

import subprocess

from PySide6.QtGui import QImage

from posture_coach import APP_DISPLAY_NAME, APP_NAME
from tests.desktop.xdesktop import require_tools
from tests.helpers import REPO

ICONS = REPO / "assets" / "icons"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def test_desktop_file_names_the_app_and_its_icon() -> None:
    path = REPO / "assets" / "linux" / f"{APP_NAME}.desktop"
    lines = path.read_text().splitlines()
    assert f"Name={APP_DISPLAY_NAME}" in lines and f"Icon={APP_NAME}" in lines
    assert f"Exec={APP_NAME}" in lines  # the console script pyproject installs
    require_tools("desktop-file-validate")  # Debian desktop-file-utils; fails in CI
    out = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_pngs_are_rendered_from_the_svg(qapp: object) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("render_pngs", ICONS / "render_pngs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.SIZES == SIZES
    for size in SIZES:
        png = QImage(str(ICONS / "hicolor" / f"{size}x{size}" / "apps" / "posture-coach.png"))
        assert (png.width(), png.height()) == (size, size)
        fresh = module.render(size).convertToFormat(png.format())
        differing = sum(png.pixel(x, y) != fresh.pixel(x, y)
                        for x in range(size) for y in range(0, size, 4))
        assert differing <= size * size // 50, f"{size}px icon is stale: run render_pngs.py"
    scalable = ICONS / "hicolor" / "scalable" / "apps" / "posture-coach.svg"
    assert scalable.read_bytes() == (ICONS / "posture-coach.svg").read_bytes()
