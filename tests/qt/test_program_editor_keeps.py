"""The editor opens a program with parts it does not show (an exercise the file defines,
a second home session on some days, work days, the ice/heat "when"), says so, and a save
from the editor keeps every one of them."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from pytestqt.qtbot import QtBot

from posture_coach.core import paths
from posture_coach.core.library import load_library_file
from posture_coach.core.program import Program, load_program
from posture_coach.core.program_writer import save_program
from posture_coach.ui.program_editor import ProgramEditor
from tests.program_helpers import docs_example, write_program


def test_saving_from_the_editor_keeps_what_it_does_not_show(tmp_path: Path,
                                                            qtbot: QtBot) -> None:
    library = load_library_file(paths.bundled_library())
    text = docs_example().replace("ice_heat:", """\
  - id: morning
    name: Morning session
    at: "07:30"
    days: [sat, sun]
    exercises: [towel-wall-slide]

ice_heat:""", 1)
    path = write_program(tmp_path / "clinic", text)
    before = load_program(path, library)
    editor = ProgramEditor(library, before)
    qtbot.addWidget(editor)
    kept = editor.kept_label.text()
    assert "Towel wall slide" in kept and "Morning session" in kept
    editor.title_edit.setText("Renamed by the PT")
    saved = save_program(path, editor.draft(), library)
    changed = [f.name for f in fields(Program) if f.name != "file"
               and getattr(before, f.name) != getattr(saved, f.name)]
    assert changed == ["title"]
