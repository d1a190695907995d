"""Editing a program never loses what the editor does not show: a program read into a
draft and saved again is the same program (its own exercises, later home sessions and
every other field included)."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

import pytest

from posture_coach.core import paths
from posture_coach.core.library import Library, load_library_file
from posture_coach.core.program import Program, load_program
from posture_coach.core.program_writer import draft_from_program, save_program
from tests.program_helpers import docs_example, write_program


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library_file(paths.bundled_library())


def differences(a: Program, b: Program) -> list[str]:
    return [f.name for f in fields(Program)
            if f.name != "file" and getattr(a, f.name) != getattr(b, f.name)]


def test_the_documented_example_survives_an_edit_unchanged(tmp_path: Path,
                                                           library: Library) -> None:
    path = write_program(tmp_path / "clinic")
    before = load_program(path, library)
    assert any(p.defined_here for p in before.prescriptions)  # towel-wall-slide
    saved = save_program(path, draft_from_program(before), library)
    assert differences(before, saved) == []
    assert differences(before, load_program(path, library)) == []


def test_a_second_home_session_and_an_edit_of_the_first(tmp_path: Path,
                                                        library: Library) -> None:
    text = docs_example().replace("ice_heat:", """\
  - id: morning
    name: Morning session
    at: "07:30"
    days: [sat, sun]
    exercises: [towel-wall-slide, chin-tuck]

ice_heat:""", 1)
    path = write_program(tmp_path / "clinic", text)
    before = load_program(path, library)
    assert [s.id for s in before.home_sessions] == ["evening", "morning"]
    draft = draft_from_program(before)
    saved = save_program(path, replace(draft, title="Edited title"), library)
    assert saved.title == "Edited title"
    assert differences(before, saved) == ["title"]
