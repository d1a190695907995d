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


# --- load -> edit -> save -> validate -> load, for programs the editor writes ----------
from datetime import date, time  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from posture_coach.core.library import Dose  # noqa: E402
from posture_coach.core.program_writer import (  # noqa: E402
    DraftDefinition,
    DraftExercise,
    DraftSession,
    ProgramDraft,
    dose_fields,
)
from tests.program_helpers import SVG  # noqa: E402

LIBRARY_IDS = ("chin-tuck", "wall-plank", "knee-plank", "rib-breathing", "walk-break",
               "doorway-chest-stretch")
words = st.text(alphabet="abcdefghij klmnop", min_size=1, max_size=20).map(
    lambda s: " ".join(s.split()) or "a")


@st.composite
def definitions(draw: st.DrawFn, index: int) -> DraftDefinition:
    kind = draw(st.sampled_from(["stretch", "movement", "strength", "breathing"]))
    if kind == "breathing":
        dose = {"inhale_s": 4.0, "exhale_s": float(draw(st.integers(2, 8))),
                "cycles": draw(st.integers(1, 12))}
    elif draw(st.booleans()):
        dose = {"duration_s": float(60 * draw(st.integers(1, 10)))}
    else:
        dose = {"reps": draw(st.integers(1, 30)), "sets": draw(st.integers(1, 4))}
        if draw(st.booleans()):
            dose["hold_s"] = float(draw(st.integers(1, 30)))
        if dose["sets"] > 1 and draw(st.booleans()):
            dose["rest_s"] = 15.0
    if kind != "breathing" and draw(st.booleans()):
        dose["each_side"] = True
    link = draw(st.sampled_from([(), ("wall-plank",)]))
    return DraftDefinition(
        id=f"own-{index}", name=draw(words), kind=kind,
        position=draw(st.sampled_from(["seated", "wall", "floor"])), summary=draw(words),
        steps=tuple(draw(st.lists(words, min_size=1, max_size=4))), dose=dose,
        cautions=tuple(draw(st.lists(words, min_size=1, max_size=2))), source=draw(words),
        drawing=Path(f"DRAWINGS/{index}.svg") if draw(st.booleans()) else None,
        harder=link if kind != "breathing" else ())


@st.composite
def drafts(draw: st.DrawFn) -> ProgramDraft:
    chosen = draw(st.lists(st.sampled_from(LIBRARY_IDS), unique=True, max_size=4))
    own = [draw(definitions(i)) for i in range(draw(st.integers(0, 3)))]
    exercises = [DraftExercise(i, times_per_day=draw(st.integers(1, 3))) for i in chosen]
    exercises += [DraftExercise(d.id, define=d, days_per_week=draw(st.integers(1, 7)))
                  for d in own]
    exercises = draw(st.permutations(exercises))
    ids = [e.exercise_id for e in exercises]
    assume_ids = ids or ["chin-tuck"]
    if not ids:
        exercises = [DraftExercise("chin-tuck")]
        ids = assume_ids
    sessions = []
    for n in range(draw(st.integers(0, 3))):
        picked = draw(st.lists(st.sampled_from(ids), unique=True, min_size=1))
        days = tuple(sorted(draw(st.sets(st.integers(0, 6), min_size=1))))
        sessions.append(DraftSession(f"s{n}", draw(words), time(draw(st.integers(5, 21)), 0),
                                     days, tuple(picked)))
    desk = draw(st.lists(st.sampled_from(ids), unique=True, min_size=0 if sessions else 1))
    return ProgramDraft(title=draw(words), clinic_name="Harbour Physio",
                        clinic_phone="+61 2 9999 0000", clinic_address="1 Quay Street",
                        clinician="Sam", start=date(2026, 11, 23),
                        exercises=tuple(exercises), desk_break=tuple(desk),
                        sessions=tuple(sessions), interval_min=draw(st.sampled_from(
                            [None, 30, 45])))


def _with_drawings(draft: ProgramDraft, folder: Path) -> ProgramDraft:
    out = []
    for e in draft.exercises:
        d = e.define
        if d is not None and d.drawing is not None:
            source = folder / d.drawing.name
            source.write_text(SVG, encoding="utf-8")
            e = replace(e, define=replace(d, drawing=source))
        out.append(e)
    return replace(draft, exercises=tuple(out))


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(draft=drafts())
def test_an_edited_program_round_trips(draft: ProgramDraft, library: Library,
                                       tmp_path_factory: pytest.TempPathFactory) -> None:
    """save -> load -> draft -> save again -> load: the same program, and the draft read
    back is the one saved (drawings copied beside it once)."""
    root = tmp_path_factory.mktemp("rt")
    (root / "chosen").mkdir()
    (root / "clinic").mkdir()
    draft = _with_drawings(draft, root / "chosen")
    path = root / "clinic" / "program.yaml"
    first = save_program(path, draft, library)
    loaded = load_program(path, library)
    assert differences(first, loaded) == []
    again = draft_from_program(loaded)
    second = save_program(path, again, library)
    assert differences(loaded, second) == []
    assert draft_from_program(load_program(path, library)) == again
    # what the PT wrote is what was read (drawings now beside the program)
    assert again.desk_break == draft.desk_break
    assert [(s.id, s.name, s.at, s.days, s.exercise_ids) for s in again.sessions] == \
        [(s.id, s.name, s.at, s.days, s.exercise_ids) for s in draft.sessions]
    for before, after in zip(draft.exercises, again.exercises):
        assert before.exercise_id == after.exercise_id
        if before.define is not None:
            assert after.define is not None
            assert replace(after.define, drawing=None) == \
                replace(before.define, drawing=None,
                        dose=dose_fields(Dose(**before.define.dose)))  # defaults left out
            if before.define.drawing is not None:
                assert after.define.drawing == (path.parent / "pictures" /
                                                f"{before.define.id}.svg").resolve()
    pictures = path.parent / "pictures"
    own_drawn = {e.define.id for e in draft.exercises
                 if e.define is not None and e.define.drawing is not None}
    found = {p.stem for p in pictures.iterdir()} if pictures.exists() else set()
    assert found == own_drawn
