"""A library's drawings: the quick way for plain paths refuses what the full checks refuse.

After the first drawing of a folder passes the full checks, the next ones written plainly
(``assets/exercises/name.svg``) are taken when they are listed as regular files in that
folder.  A drawing that is a link out of the folder, a link to a device, a FIFO, a folder
or missing must still be refused, at its own line and column, whether it comes before or
after a good drawing of the same folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from posture_coach.core.errors import ValidationError
from posture_coach.core.library import load_library_file
from tests.helpers import MINIMAL, SVG, write_library

from .test_library import at

GOOD = "    illustration: assets/exercises/squeeze.svg\n"


def with_drawing(name: str, first: bool) -> str:
    """MINIMAL with the breathing exercise drawn by ``name``, before or after the good
    drawing of the squeeze exercise."""
    text = MINIMAL.replace("    source: general physiotherapy practice\nroutines:",
                           f"    illustration: assets/exercises/{name}\n"
                           "    source: general physiotherapy practice\nroutines:")
    assert text != MINIMAL
    if first:  # the breathing exercise (and its drawing) first
        start, second = text.index("  - id: squeeze"), text.index("  - id: breathe")
        end = text.index("routines:")
        text = text[:start] + text[second:end] + text[start:second] + text[end:]
    return text


def problems(tmp_path: Path, text: str) -> list[str]:
    path = write_library(tmp_path, text)
    with pytest.raises(ValidationError) as exc:
        load_library_file(path, "exercises.yaml")
    return [str(p) for p in exc.value.problems]


def _link_out(folder: Path, name: str) -> None:
    outside = folder.parents[2] / "outside.svg"
    outside.write_text(SVG)
    (folder / name).symlink_to(outside)


def _dangling(folder: Path, name: str) -> None:
    (folder / name).symlink_to(folder / "nowhere.svg")


HOSTILE: dict[str, tuple[Callable[[Path, str], None], str]] = {
    "link-out.svg": (_link_out, "leaves"),
    "zero.svg": (lambda folder, name: (folder / name).symlink_to("/dev/zero"), "leaves"),
    "fifo.svg": (lambda folder, name: os.mkfifo(folder / name), "missing"),
    "folder.svg": (lambda folder, name: (folder / name).mkdir(), "missing"),
    "dangling.svg": (_dangling, "missing"),
    "missing.svg": (lambda folder, name: None, "missing"),
}


@pytest.mark.parametrize("first", [False, True], ids=["after-a-good-one", "first"])
@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_drawing_is_refused_with_its_place(tmp_path: Path, name: str,
                                                     first: bool) -> None:
    make, what = HOSTILE[name]
    folder = tmp_path / "lib" / "assets" / "exercises"
    folder.mkdir(parents=True)
    make(folder, name)
    text = with_drawing(name, first)
    got = problems(tmp_path / "lib", text)
    written = f"assets/exercises/{name}"
    where = f"exercises.yaml:{at(text, name, 'assets/')}: exercises[{0 if first else 1}]"
    if what == "leaves":
        assert got == [f"{where}.illustration: leaves assets/ through a link; got "
                       f"{written!r}"]
    else:
        assert got == [f"{where}.illustration: file {written!r} does not exist (looked in "
                       f"{tmp_path / 'lib' / 'assets'})"]


@pytest.mark.parametrize("name", ["notes.txt", "squeeze.svg.gif", "x.SVG", "y.png"])
def test_only_svg_and_png_files_are_drawings(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "assets" / "exercises"
    folder.mkdir(parents=True)
    (folder / name).write_text(SVG)
    text = with_drawing(name, False)
    if name.lower().endswith((".svg", ".png")):
        lib = load_library_file(write_library(tmp_path, text))
        assert lib.exercise("breathe").illustration == folder.resolve() / name
        return
    assert problems(tmp_path, text) == [
        f"exercises.yaml:{at(text, name, 'assets/')}: exercises[1].illustration: must be "
        f"an .svg or .png drawing; got 'assets/exercises/{name}'"]


def test_a_link_inside_the_folder_is_taken_as_before(tmp_path: Path) -> None:
    folder = tmp_path / "assets" / "exercises"
    folder.mkdir(parents=True)
    (folder / "inside.svg").symlink_to(folder / "squeeze.svg")
    for first in (False, True):
        lib = load_library_file(write_library(tmp_path, with_drawing("inside.svg", first)))
        assert lib.exercise("breathe").illustration == folder.resolve() / "inside.svg"


def test_a_drawings_folder_that_is_a_link_out_refuses_every_drawing(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for name in ("squeeze.svg", "other.svg"):
        (elsewhere / name).write_text(SVG)
    (tmp_path / "lib" / "assets").mkdir(parents=True)
    (tmp_path / "lib" / "assets" / "exercises").symlink_to(elsewhere)
    text = with_drawing("other.svg", False)
    path = tmp_path / "lib" / "exercises.yaml"
    path.write_text(text)
    with pytest.raises(ValidationError) as exc:
        load_library_file(path, "exercises.yaml")
    assert [str(p) for p in exc.value.problems] == [
        f"exercises.yaml:{at(text, name, 'assets/')}: exercises[{index}].illustration: "
        f"leaves assets/ through a link; got 'assets/exercises/{name}'"
        for index, name in enumerate(("squeeze.svg", "other.svg"))]


def test_plain_and_unusual_paths_give_the_same_drawings(tmp_path: Path) -> None:
    """The quick way gives the very paths the full checks give."""
    folder = tmp_path / "assets" / "exercises"
    folder.mkdir(parents=True)
    (folder / "b.svg").write_text(SVG)
    plain = load_library_file(write_library(tmp_path, with_drawing("b.svg", False)))
    odd = load_library_file(write_library(tmp_path, with_drawing("./b.svg", False)))
    assert plain.exercise("breathe").illustration == folder.resolve() / "b.svg"
    assert [e.illustration for e in plain.exercises] == [e.illustration for e in odd.exercises]
    assert plain == odd
