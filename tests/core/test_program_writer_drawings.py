"""The writer's own exercises: drawings checked, staged and copied (or refused with
nothing written), translations kept where the PT did not change the original."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from posture_coach.core import paths
from posture_coach.core.errors import ValidationError
from posture_coach.core.library import Library, load_library_file
from posture_coach.core.program import load_program
from posture_coach.core.program_writer import (
    DraftDefinition,
    DraftExercise,
    DraftSession,
    ProgramDraft,
    draft_from_program,
    preview_program,
    save_program,
    to_document,
)
from tests.program_helpers import SVG


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library_file(paths.bundled_library())


def own(drawing: Path | None, **more: object) -> DraftDefinition:
    return DraftDefinition(
        id="towel-slide", name="Towel slide", kind="movement", position="wall",
        summary="Slide a towel up the wall.", steps=("Face the wall.", "Slide it up."),
        dose={"reps": 8}, cautions=("Stop before it pinches.",), source="Harbour Physio",
        drawing=drawing, **more)  # type: ignore[arg-type]


def draft_with(definition: DraftDefinition) -> ProgramDraft:
    return ProgramDraft(
        title="Upper back", clinic_name="Harbour Physio", clinic_phone="+61 2 9999 0000",
        clinic_address="1 Quay Street", clinician="Sam", start=date(2026, 11, 23),
        exercises=(DraftExercise("chin-tuck"),
                   DraftExercise(definition.id, define=definition)),
        desk_break=("chin-tuck",),
        sessions=(DraftSession("evening", "Evening", __import__("datetime").time(19, 0),
                               exercise_ids=(definition.id, "chin-tuck")),))


def test_the_preview_draws_the_chosen_file_and_writes_nothing(tmp_path: Path,
                                                              library: Library) -> None:
    chosen = tmp_path / "mine" / "slide.svg"
    chosen.parent.mkdir()
    chosen.write_text(SVG, encoding="utf-8")
    program = preview_program(draft_with(own(chosen)), library)
    assert program.prescription("towel-slide").exercise.illustration == chosen
    assert program.file is None
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["mine", "slide.svg"]


def test_a_save_elsewhere_copies_the_drawing_and_a_save_in_place_does_not(
        tmp_path: Path, library: Library) -> None:
    first = tmp_path / "a" / "program.yaml"
    first.parent.mkdir()
    chosen = tmp_path / "slide.svg"
    chosen.write_text(SVG, encoding="utf-8")
    program = save_program(first, draft_with(own(chosen)), library)
    picture = first.parent / "pictures" / "towel-slide.svg"
    assert program.prescription("towel-slide").exercise.illustration == picture.resolve()
    before = picture.stat().st_mtime_ns
    again = draft_from_program(load_program(first, library))
    save_program(first, again, library)
    assert picture.stat().st_mtime_ns == before  # the same bytes: not written again
    second = tmp_path / "b" / "jo.yaml"
    second.parent.mkdir()
    save_program(second, again, library)  # "save as" in another folder: copied there
    assert (second.parent / "pictures" / "towel-slide.svg").read_text(encoding="utf-8") == SVG


def test_a_pictures_folder_that_is_a_link_is_refused(tmp_path: Path,
                                                     library: Library) -> None:
    folder = tmp_path / "clinic"
    folder.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (folder / "pictures").symlink_to(elsewhere)
    chosen = tmp_path / "slide.svg"
    chosen.write_text(SVG, encoding="utf-8")
    with pytest.raises(OSError, match="is not a folder"):
        save_program(folder / "program.yaml", draft_with(own(chosen)), library)
    assert list(elsewhere.iterdir()) == []
    assert not (folder / "program.yaml").exists()


def test_an_invalid_program_copies_no_drawing(tmp_path: Path, library: Library) -> None:
    chosen = tmp_path / "slide.svg"
    chosen.write_text(SVG, encoding="utf-8")
    draft = replace(draft_with(own(chosen)), clinic_name="")
    folder = tmp_path / "clinic"
    folder.mkdir()
    with pytest.raises(ValidationError) as caught:
        save_program(folder / "program.yaml", draft, library)
    assert [p.path for p in caught.value.problems] == ["clinic.name"]
    assert list(folder.iterdir()) == []


def test_translations_are_kept_unless_their_original_changed(library: Library) -> None:
    translated = own(None, translations={"es": {"name": "Deslizar la toalla",
                                                "steps": ("Mira la pared.", "Súbela.")}},
                     original={"name": "Towel slide", "steps": ("Face the wall.",
                                                                "Slide it up.")})
    doc = to_document(draft_with(translated), library)
    assert doc["exercises"][1]["define"]["translations"] == {
        "es": {"name": "Deslizar la toalla", "steps": ["Mira la pared.", "Súbela."]}}
    edited = replace(translated, steps=("Face the wall.", "Slide it up.", "Slide it down."))
    doc = to_document(draft_with(edited), library)
    assert doc["exercises"][1]["define"]["translations"] == {
        "es": {"name": "Deslizar la toalla"}}  # the old steps no longer translate these
