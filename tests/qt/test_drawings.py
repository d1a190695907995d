"""Every SVG under assets/ renders, is self-contained, and shows a movement.

- The drawings made by ``assets/exercises/draw.py`` are committed exactly as it makes them
  (run ``python assets/exercises/draw.py`` after changing it).
- Each SVG (exercises, ice/heat, icons) is valid for Qt's renderer, draws something, and
  refers to nothing outside itself: no linked files or images, no scripts, no text (the app
  is translated; words in a drawing would not be).
- In each exercise drawing the start (left half) and end (right half) differ visibly, and
  each stays in its half: no limb cut off by the frame or reaching into the other pose.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from posture_coach.core import paths
from posture_coach.ui import art

ASSETS = paths.assets_dir()
SVGS = sorted(ASSETS.rglob("*.svg"))
EXERCISE_SVGS = sorted((ASSETS / "exercises").glob("*.svg"))
# at least this share of a half's pixels must change between start and end (measured:
# the smallest now is about 2.5%, the supine chin tuck; identical halves give 0)
MIN_CHANGED_SHARE = 0.01

FORBIDDEN = {
    "an external link (href)": re.compile(r"\bhref\s*=\s*[\"'](?!#)", re.I),
    "a url() that is not a local #id": re.compile(r"url\(\s*(?!#)", re.I),
    "an <image>": re.compile(r"<\s*image\b", re.I),
    "a <script>": re.compile(r"<\s*script\b", re.I),
    "a <foreignObject>": re.compile(r"<\s*foreignObject\b", re.I),
    "text (not translated)": re.compile(r"<\s*(?:text|tspan|textArea)\b", re.I),
    "an event handler": re.compile(r"\son[a-z]+\s*=", re.I),
    "an @import": re.compile(r"@import", re.I),
    "an entity or DOCTYPE": re.compile(r"<!(?:DOCTYPE|ENTITY)", re.I),
}


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


DRAW = _load(ASSETS / "exercises" / "draw.py", "posture_coach_draw")


def _image(data: bytes, width: int, height: int, on_white: bool = False) -> QImage:
    renderer = QSvgRenderer(QByteArray(data))
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white if on_white else Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image


def _rgb(image: QImage) -> bytes:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    return b"".join(bytes(rgb.constScanLine(y))[: rgb.width() * 3] for y in range(rgb.height()))


def _alpha(image: QImage) -> bytes:
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    assert rgba.bytesPerLine() == rgba.width() * 4
    return bytes(rgba.constBits())[3: rgba.sizeInBytes(): 4]


def test_generator_covers_the_drawings_it_fixes() -> None:
    made = set(DRAW.DRAWINGS)
    assert {"ice-heat/ice", "ice-heat/heat", "exercises/prone-y-raise",
            "exercises/shoulder-blade-squeeze", "exercises/thoracic-extension-chair",
            "exercises/thoracic-extension-towel", "exercises/posture-reset-desk"} <= made
    assert len(made) >= 32


@pytest.mark.parametrize("key", sorted(DRAW.DRAWINGS))
def test_committed_svg_is_what_the_generator_makes(key: str) -> None:
    path = ASSETS / f"{key}.svg"
    assert path.is_file(), f"{path} is missing: run python assets/exercises/draw.py"
    assert path.read_text(encoding="utf-8") == DRAW.DRAWINGS[key](), \
        f"{path.name} differs from what draw.py makes: run python assets/exercises/draw.py"


def test_draw_check_mode_reports_a_stale_drawing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "exercises").mkdir()
    monkeypatch.setattr(DRAW, "ASSETS", tmp_path)
    assert DRAW.main(["plank"]) == 0
    assert DRAW.main(["--check", "plank"]) == 0
    written = tmp_path / "exercises" / "plank.svg"
    written.write_text(written.read_text(encoding="utf-8").replace("#263238", "#000000"),
                       encoding="utf-8")
    assert DRAW.main(["--check", "plank"]) == 1
    assert "plank" in capsys.readouterr().err
    assert DRAW.main(["no-such-drawing"]) == 2


def test_there_are_svgs() -> None:
    assert len(EXERCISE_SVGS) >= 39
    assert ASSETS / "ice-heat" / "ice.svg" in SVGS


@pytest.mark.parametrize("path", SVGS, ids=[str(p.relative_to(ASSETS)) for p in SVGS])
def test_svg_is_self_contained(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = [what for what, pattern in FORBIDDEN.items() if pattern.search(text)]
    assert not found, f"{path.relative_to(ASSETS)} holds {', '.join(found)}"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("path", SVGS, ids=[str(p.relative_to(ASSETS)) for p in SVGS])
def test_svg_renders(qapp: QApplication, path: Path, dark: bool) -> None:
    data = art.svg_bytes(path, dark)
    renderer = QSvgRenderer(QByteArray(data))
    assert renderer.isValid(), f"{path.name}: Qt cannot read it"
    box = renderer.viewBoxF()
    assert box.width() > 0 and box.height() > 0, f"{path.name}: empty viewBox"
    size = renderer.defaultSize()
    width = 200
    height = max(1, round(width * size.height() / size.width()))
    alpha = _alpha(_image(data, width, height))
    drawn = [i for i, a in enumerate(alpha) if a > 0x40]
    assert drawn, f"{path.name} ({'dark' if dark else 'light'}) draws nothing"
    rows = {i // width for i in drawn}
    cols = {i % width for i in drawn}
    assert max(rows) - min(rows) > height // 10 and max(cols) - min(cols) > width // 10, \
        f"{path.name}: what it draws is a speck"


@pytest.mark.parametrize("path", EXERCISE_SVGS, ids=[p.stem for p in EXERCISE_SVGS])
def test_start_and_end_differ(qapp: QApplication, path: Path) -> None:
    """Compare the left half (start) with the right half (end), the middle arrow left out."""
    image = _image(art.svg_bytes(path, False), 600, 300, on_white=True)
    width = 285  # 0..285 and 300..585: each half without the arrow between them
    start = _rgb(image.copy(0, 0, width, 300))
    end = _rgb(image.copy(300, 0, width, 300))
    changed = sum(max(abs(start[i] - end[i]), abs(start[i + 1] - end[i + 1]),
                      abs(start[i + 2] - end[i + 2])) > 0x60 for i in range(0, len(start), 3))
    share = changed / (len(start) // 3)
    assert share > MIN_CHANGED_SHARE, (
        f"{path.stem}: start and end differ in only {share:.2%} of the pixels; "
        "draw two positions that a new user can tell apart")


def test_start_and_end_check_catches_identical_halves(qapp: QApplication, tmp_path: Path) -> None:
    """The check above fails on a drawing whose end repeats its start (proves the check)."""
    text = (ASSETS / "exercises" / "plank.svg").read_text(encoding="utf-8")
    head = text.partition("  <!-- arrow -->")[0]
    start = head.split("  <!-- start -->", 1)[1]
    same = head + "  <!-- arrow -->\n" + start.replace("<g>", '<g transform="translate(300 0)">',
                                                         1) + "</svg>\n"
    path = tmp_path / "plank.svg"
    path.write_text(same, encoding="utf-8")
    with pytest.raises(AssertionError, match="differ in only"):
        test_start_and_end_differ(qapp, path)


def _extent(text: str, width: int, height: int) -> tuple[int, int, int, int]:
    """Where an SVG really draws (x0, x1, y0, y1) in its own units, also outside its frame:
    it is rendered in the middle of a canvas three times its size."""
    scale = 0.5
    w, h = round(width * scale), round(height * scale)
    renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
    image = QImage(3 * w, 3 * h, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(w, h, w, h))
    painter.end()
    alpha = _alpha(image)
    rows = [y for y in range(3 * h) if max(alpha[y * 3 * w: (y + 1) * 3 * w]) > 0x40]
    assert rows, "nothing drawn"
    cols = [x for x in range(3 * w) if max(alpha[x::3 * w]) > 0x40]
    return (round((cols[0] - w) / scale), round((cols[-1] + 1 - w) / scale),
            round((rows[0] - h) / scale), round((rows[-1] + 1 - h) / scale))


def _halves(text: str) -> tuple[str, str]:
    """The drawing with only its start, and with only its end (house layout comments)."""
    assert "<!-- start -->" in text and "<!-- arrow -->" in text and "<!-- end -->" in text, \
        "an exercise drawing is laid out as <!-- start -->, <!-- arrow -->, <!-- end -->"
    before, _, rest = text.partition("  <!-- arrow -->")
    end_part = rest.split("  <!-- end -->", 1)[1]
    return before + "</svg>\n", before.split("  <!-- start -->", 1)[0] + end_part


SLACK = 4  # px: antialiasing at half scale


@pytest.mark.parametrize("path", EXERCISE_SVGS, ids=[p.stem for p in EXERCISE_SVGS])
def test_each_pose_stays_in_its_half(qapp: QApplication, path: Path) -> None:
    start, end = _halves(path.read_text(encoding="utf-8"))
    for name, part, x_lo, x_hi in (("start", start, 0, 300), ("end", end, 300, 600)):
        x0, x1, y0, y1 = _extent(part, 600, 300)
        assert x0 >= x_lo - SLACK and x1 <= x_hi + SLACK, \
            f"{path.stem}: the {name} pose spans x {x0}..{x1}, outside its half {x_lo}..{x_hi}"
        assert y0 >= -SLACK and y1 <= 300 + SLACK, \
            f"{path.stem}: the {name} pose spans y {y0}..{y1}, outside the frame 0..300"


@pytest.mark.parametrize("name", ["ice", "heat"])
def test_ice_heat_drawing_stays_in_its_frame(qapp: QApplication, name: str) -> None:
    x0, x1, y0, y1 = _extent((ASSETS / "ice-heat" / f"{name}.svg").read_text(encoding="utf-8"),
                             300, 300)
    assert x0 >= -SLACK and x1 <= 300 + SLACK and y0 >= -SLACK and y1 <= 300 + SLACK, \
        f"{name}.svg draws at x {x0}..{x1}, y {y0}..{y1}, outside its 300x300 frame"


def test_half_check_catches_a_pose_crossing_over(qapp: QApplication) -> None:
    """Proves the check: a start pose moved 40 px right crosses into the end's half."""
    text = (ASSETS / "exercises" / "plank.svg").read_text(encoding="utf-8")
    moved = text.replace("  <!-- start -->\n  <g>",
                         '  <!-- start -->\n  <g transform="translate(40 0)">', 1)
    assert moved != text
    start, _ = _halves(moved)
    assert _extent(start, 600, 300)[1] > 300 + SLACK
