"""Every bundled drawing renders, is not blank, keeps its shape and stays in the palette.

The exercise drawings and the ice/heat drawings are drawn in a small palette so
that ``art.DARK_SWAP`` can recolour them for dark mode; a drawing with a colour
outside that palette would keep its light-mode colour at night. The tray icons
must render at tray sizes and at a large size.
"""

from __future__ import annotations

import re
import sys
from array import array
from pathlib import Path
from typing import NamedTuple

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from posture_coach.core import paths
from posture_coach.core.library import load_library_file
from posture_coach.ui import art

INK = "#263238"  # light-mode figure ink; art.DARK_SWAP must replace it at night
ICE_HEAT_COLOURS = ("#4fc3f7", "#ff8a65", "#eceff1")
MIN_OPAQUE_SHARE = 0.02
WIDTHS = (200, 600)
ICON_SIZES = (16, 22, 256)
EXERCISE_VIEWBOX = QRectF(0, 0, 600, 300)

HEX = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})(?![0-9a-zA-Z_-])")
# colour-bearing attributes and style properties: fill="…", style="stroke: …"
COLOUR_VALUE = re.compile(
    r"""(?:\b(?:fill|stroke|stop-color|flood-color|lighting-color|color)\s*=\s*["']([^"']*)["']"""
    r"""|\b(?:fill|stroke|stop-color|flood-color|lighting-color|color)\s*:\s*([^;"'}]*))""")
NON_COLOURS = {"none", "currentcolor", "inherit", "transparent", ""}


class Drawing(NamedTuple):
    name: str  # what a failure is called: the exercise id or ice-heat/<mode>
    path: Path | None
    exercise: bool  # exercise drawings are 2:1, ice/heat drawings 1:1


def _drawings() -> list[Drawing]:
    lib = load_library_file(paths.bundled_library())
    out = [Drawing(e.id, e.illustration, True) for e in lib.exercises]
    if lib.ice_heat is not None:
        out += [Drawing("ice-heat/ice", lib.ice_heat.ice.illustration, False),
                Drawing("ice-heat/heat", lib.ice_heat.heat.illustration, False)]
    return out


DRAWINGS = _drawings()
ICONS = sorted((paths.assets_dir() / "icons").glob("*.svg"))


def _palette() -> tuple[set[str], str]:
    """The allowed colours and where they come from (for failure messages)."""
    readme = paths.assets_dir() / "exercises" / "README.md"
    if readme.is_file():
        return {_norm(c) for c in HEX.findall(readme.read_text(encoding="utf-8"))}, str(readme)
    colours = {*art.DARK_SWAP, *art.DARK_SWAP.values(), *ICE_HEAT_COLOURS}
    return {_norm(c) for c in colours}, "art.DARK_SWAP and the ice/heat colours"


def _norm(colour: str) -> str:
    colour = colour.lower()
    if len(colour) == 4:  # #abc -> #aabbcc
        colour = "#" + "".join(ch * 2 for ch in colour[1:])
    return colour


def _rgba_pattern(colour: str, min_alpha: int) -> re.Pattern[bytes]:
    rgb = bytes.fromhex(colour[1:])
    return re.compile(re.escape(rgb) + b"[" + re.escape(bytes([min_alpha])) + b"-\xff]")


def _has_colour(data: bytes, colour: str, min_alpha: int = 0x80) -> bool:
    """Whether an RGBA8888 buffer holds a pixel of ``colour`` that is at least half opaque."""
    return any(m.start() % 4 == 0 for m in _rgba_pattern(colour, min_alpha).finditer(data))


def _pixels(image: QImage) -> bytes:
    """The image as tightly packed, non-premultiplied R, G, B, A bytes."""
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    assert rgba.bytesPerLine() == rgba.width() * 4
    return bytes(rgba.constBits())[: rgba.sizeInBytes()]


def _check_not_blank(data: bytes, what: str) -> None:
    total = len(data) // 4
    opaque_share = 1 - data[3::4].count(0) / total
    assert opaque_share > MIN_OPAQUE_SHARE, \
        f"{what} is blank: only {opaque_share:.1%} of its pixels are drawn"
    opaque = {v for v in set(array("I", data))
              if v.to_bytes(4, sys.byteorder)[3] == 0xFF}
    assert len(opaque) >= 2, \
        f"{what} has {len(opaque)} distinct opaque colour(s); expected a drawing, not a blot"


def _require_svg(drawing: Drawing) -> Path:
    assert drawing.path is not None, f"{drawing.name} has no illustration"
    assert drawing.path.is_file(), f"{drawing.name}: drawing {drawing.path} is missing"
    assert drawing.path.suffix.lower() == ".svg", \
        f"{drawing.name}: {drawing.path.name} is not an SVG (art.render only draws SVG)"
    return drawing.path


def test_library_has_drawings() -> None:
    assert any(d.exercise for d in DRAWINGS)
    assert sum(not d.exercise for d in DRAWINGS) == 2, "ice/heat drawings not found"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
@pytest.mark.parametrize("drawing", DRAWINGS, ids=[d.name for d in DRAWINGS])
def test_drawing_renders(qapp: QApplication, drawing: Drawing, width: int, dark: bool) -> None:
    path = _require_svg(drawing)
    what = f"{drawing.name} ({path.name}, {width}px, {'dark' if dark else 'light'})"
    assert art.renderer(path, dark).isValid(), f"{what}: Qt cannot read the SVG"

    pixmap = art.render(path, width, dark=dark)
    assert not pixmap.isNull(), f"{what}: nothing rendered"
    height = width // 2 if drawing.exercise else width
    assert (pixmap.width(), pixmap.height()) == (width, height), \
        f"{what}: rendered {pixmap.width()}x{pixmap.height()}, expected {width}x{height}"

    data = _pixels(pixmap.toImage())
    _check_not_blank(data, what)
    if dark:
        assert not _has_colour(data, INK), \
            f"{what}: pixels keep the light-mode ink {INK}; art.DARK_SWAP missed it"
    elif INK in path.read_text(encoding="utf-8").lower():
        # guards the dark check above: it must be looking for a colour that is really drawn
        assert _has_colour(data, INK, 0xFF), f"{what}: ink {INK} is written but not drawn"


@pytest.mark.parametrize("drawing", DRAWINGS, ids=[d.name for d in DRAWINGS])
def test_drawing_aspect_ratio(qapp: QApplication, drawing: Drawing) -> None:
    path = _require_svg(drawing)
    r = art.renderer(path, False)
    assert r.isValid(), f"{drawing.name}: Qt cannot read {path.name}"
    box, size = r.viewBoxF(), r.defaultSize()
    if drawing.exercise:
        assert box == EXERCISE_VIEWBOX, \
            f"{drawing.name}: {path.name} has viewBox {box.getRect()}, expected 0 0 600 300"
        assert size.width() == 2 * size.height(), \
            f"{drawing.name}: {path.name} is {size.width()}x{size.height()}, expected 2:1"
    else:
        assert box.width() == box.height() > 0, \
            f"{drawing.name}: {path.name} has viewBox {box.getRect()}, expected a square"
        assert size.width() == size.height(), \
            f"{drawing.name}: {path.name} is {size.width()}x{size.height()}, expected 1:1"


@pytest.mark.parametrize("drawing", DRAWINGS, ids=[d.name for d in DRAWINGS])
def test_drawing_uses_palette(drawing: Drawing) -> None:
    path = _require_svg(drawing)
    text = path.read_text(encoding="utf-8")
    palette, source = _palette()
    # exact spelling matters: art.svg_bytes swaps colours by plain text replacement,
    # so #CFD8DC or #cdd would pass the eye but keep its light colour in dark mode
    off = sorted({c for c in HEX.findall(text) if c not in palette})
    assert not off, (f"{drawing.name}: {path.name} uses colour(s) {', '.join(off)} "
                     f"outside the palette, written as lower-case #rrggbb "
                     f"({source}: {', '.join(sorted(palette))})")
    named = sorted({v.strip() for pair in COLOUR_VALUE.findall(text) for v in pair
                    if v.strip().lower() not in NON_COLOURS
                    and not v.strip().startswith(("#", "url("))})
    assert not named, (f"{drawing.name}: {path.name} writes colour(s) {', '.join(named)} "
                       f"by name or function; use palette hex colours ({source})")


def test_icons_exist() -> None:
    assert ICONS, f"no SVG icons under {paths.assets_dir() / 'icons'}"


@pytest.mark.parametrize("size", ICON_SIZES, ids=[f"{s}px" for s in ICON_SIZES])
@pytest.mark.parametrize("icon", ICONS, ids=[p.name for p in ICONS])
def test_icon_renders(qapp: QApplication, icon: Path, size: int) -> None:
    what = f"icon {icon.name} at {size}px"
    assert art.renderer(icon, False).isValid(), f"{what}: Qt cannot read the SVG"
    pixmap = art.render(icon, size, dark=False)
    assert not pixmap.isNull(), f"{what}: nothing rendered"
    assert pixmap.width() == size and pixmap.height() > 0, \
        f"{what}: rendered {pixmap.width()}x{pixmap.height()}"
    _check_not_blank(_pixels(pixmap.toImage()), what)
