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
    # the console script pyproject installs; %f: a program file double-clicked opens
    # in the import preview (its MIME types: packaging/linux/posture-coach-mime.xml)
    assert f"Exec={APP_NAME} %f" in lines
    assert ("MimeType=application/x-posture-coach-program;"
            "application/x-posture-coach-program+yaml;") in lines
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


def test_tray_pngs_are_rendered_from_their_svgs(qapp: object) -> None:
    """The tray shows PNGs (no SVG renderer loaded at start); they must match the SVGs."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("render_pngs", ICONS / "render_pngs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for state in module.TRAY_STATES:
        for size in module.TRAY_SIZES:
            png = QImage(str(ICONS / "tray" / f"tray-{state}-{size}.png"))
            assert (png.width(), png.height()) == (size, size), (state, size)
            fresh = module.render(size, ICONS / f"tray-{state}.svg").convertToFormat(
                png.format())
            differing = sum(png.pixel(x, y) != fresh.pixel(x, y)
                            for x in range(size) for y in range(0, size, 4))
            assert differing <= size * size // 50, f"tray-{state} {size}px is stale"


def test_tray_and_app_icons_come_from_the_pngs(qapp: object) -> None:
    from posture_coach.ui.tray import app_icon, load_icons

    icons = load_icons(ICONS)
    assert set(icons) == {"running", "paused", "due"}
    for icon in icons.values():
        sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
        assert {(16, 16), (22, 22), (32, 32), (64, 64)} <= sizes
    assert (256, 256) in {(s.width(), s.height()) for s in app_icon(ICONS).availableSizes()}
