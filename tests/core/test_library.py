"""The library loader: every error class located exactly; the user's own library."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from posture_coach.core.errors import ValidationError
from posture_coach.core.library import (
    Dose,
    Kind,
    load_library,
    load_library_file,
)
from tests.helpers import MINIMAL, line_of, write_library


def problems_for(tmp_path: Path, text: str) -> list[str]:
    path = write_library(tmp_path, text)
    with pytest.raises(ValidationError) as exc:
        load_library_file(path, "exercises.yaml")
    return [str(p) for p in exc.value.problems]


def at(text: str, needle: str, token: str | None = None, nth: int = 1) -> str:
    """``line:column`` of ``token`` (default: ``needle``) on the nth line holding ``needle``."""
    line = line_of(text, needle, nth)
    column = text.splitlines()[line - 1].index(token or needle) + 1
    return f"{line}:{column}"


def test_minimal_library_loads(tmp_path: Path) -> None:
    lib = load_library_file(write_library(tmp_path))
    assert [e.id for e in lib.exercises] == ["squeeze", "breathe"]
    routine = lib.routine("quick")
    assert routine.items[0].dose == Dose(reps=5, hold_s=5.0)
    # 5 reps x 5 s + 6 breaths x 10 s + one 5 s transition
    assert routine.seconds == 25 + 60 + 5
    assert lib.exercise("breathe").kind is Kind.BREATHING


def test_negative_hold_is_located_exactly(tmp_path: Path) -> None:
    text = MINIMAL.replace("hold_s: 5}", "hold_s: -5}")
    assert problems_for(tmp_path, text) == [
        f"exercises.yaml:{at(text, 'hold_s: -5', '-5')}: exercises[0].dose.hold_s: "
        "must be a positive number, got -5"]


def test_unknown_field_gets_did_you_mean_and_all_errors_are_reported(tmp_path: Path) -> None:
    text = MINIMAL.replace("    cautions: [Stop if pain", "    cuations: [Stop if pain")
    text = text.replace("kind: breathing", "kind: breething")
    problems = problems_for(tmp_path, text)
    assert problems == [
        f"exercises.yaml:{at(text, 'cuations')}: exercises[0].cuations: unknown field; "
        "did you mean 'cautions'?",
        f"exercises.yaml:{at(text, '- id: squeeze', 'id: squeeze')}: exercises[0].cautions: "
        "required field is missing",
        f"exercises.yaml:{at(text, 'breething')}: exercises[1].kind: must be one of stretch, "
        "breathing, posture, movement, strength; got the text 'breething'; "
        "did you mean 'breathing'?",
    ]


def test_duplicate_exercise_id(tmp_path: Path) -> None:
    text = MINIMAL.replace("id: breathe", "id: squeeze").replace(
        "exercise: breathe", "exercise: squeeze")
    assert problems_for(tmp_path, text) == [
        f"exercises.yaml:{at(text, 'id: squeeze', 'squeeze', nth=2)}: exercises[1].id: "
        "duplicate exercise id 'squeeze' (first defined at line 3)"]


def test_duplicate_routine_id(tmp_path: Path) -> None:
    extra = "  - id: quick\n    name: Again\n    summary: x\n    items: [{exercise: squeeze}]\n"
    text = MINIMAL.replace("ice_heat:", extra + "ice_heat:")
    assert problems_for(tmp_path, text) == [
        f"exercises.yaml:{at(text, 'id: quick', 'quick', nth=2)}: routines[1].id: "
        f"duplicate routine id 'quick' (first defined at line {line_of(text, 'id: quick')})"]


def test_routine_naming_unknown_exercise(tmp_path: Path) -> None:
    text = MINIMAL.replace("- exercise: breathe", "- exercise: breath")
    assert problems_for(tmp_path, text) == [
        f"exercises.yaml:{at(text, 'exercise: breath', 'breath')}: "
        "routines[0].items[1].exercise: unknown exercise 'breath'; did you mean 'breathe'?"]


def test_routine_override_that_does_not_fit_the_exercise(tmp_path: Path) -> None:
    text = MINIMAL.replace("      - exercise: breathe",
                           "      - exercise: breathe\n        reps: 3")
    problems = problems_for(tmp_path, text)
    assert problems == [
        f"exercises.yaml:{at(text, 'reps: 3', '3')}: routines[0].items[1].reps: with exercise "
        "'breathe': does not apply to a breathing exercise; use inhale_s, breath_hold_s, "
        "exhale_s and cycles"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("/etc/squeeze.svg", "must be a path relative to the library file, under assets/; "
                             "got '/etc/squeeze.svg'"),
        ("C:/pictures/squeeze.svg", "must be a path relative to the library file, under "
                                    "assets/; got 'C:/pictures/squeeze.svg'"),
        ("assets/../../squeeze.svg", "must stay inside assets/ (no '..'); "
                                     "got 'assets/../../squeeze.svg'"),
        ("pictures/squeeze.svg", "must be under assets/ beside the library file; "
                                 "got 'pictures/squeeze.svg'"),
        ("assets/exercises/squeeze.gif", "must be an .svg or .png drawing; "
                                         "got 'assets/exercises/squeeze.gif'"),
    ],
)
def test_illustration_paths_refused(tmp_path: Path, value: str, message: str) -> None:
    text = MINIMAL.replace("assets/exercises/squeeze.svg", value)
    assert problems_for(tmp_path, text) == [
        f"exercises.yaml:{at(text, 'illustration:', value)}: exercises[0].illustration: "
        + message]


def test_illustration_missing_file(tmp_path: Path) -> None:
    text = MINIMAL.replace("assets/exercises/squeeze.svg", "assets/exercises/nope.svg")
    [problem] = problems_for(tmp_path, text)
    assert problem.startswith(
        f"exercises.yaml:{at(text, 'nope.svg', 'assets/')}: exercises[0].illustration: file "
        "'assets/exercises/nope.svg' does not exist")


def test_illustration_link_leaving_assets(tmp_path: Path) -> None:
    outside = tmp_path / "outside.svg"
    outside.write_text("<svg/>")
    write_library(tmp_path)
    os.symlink(outside, tmp_path / "assets" / "exercises" / "link.svg")
    text = MINIMAL.replace("assets/exercises/squeeze.svg", "assets/exercises/link.svg")
    assert problems_for(tmp_path, text) == [
        f"exercises.yaml:{at(text, 'link.svg', 'assets/')}: exercises[0].illustration: "
        "leaves assets/ through a link; got 'assets/exercises/link.svg'"]


def test_list_where_mapping_belongs(tmp_path: Path) -> None:
    assert problems_for(tmp_path, "- a\n- b\n") == [
        "exercises.yaml:1:1: (top level): must be a mapping of 'field: value' lines, "
        "got a list"]
    text = MINIMAL.replace("    dose: {reps: 10, hold_s: 5}", "    dose: [10, 5]")
    assert problems_for(tmp_path, text) == [
        f"exercises.yaml:{at(text, '[10, 5]')}: exercises[0].dose: must be a mapping of "
        "'field: value' lines, got a list"]


def test_wrong_types_and_missing_sections(tmp_path: Path) -> None:
    text = "version: 2\nexercises: 3\nroutines: []\n"
    assert problems_for(tmp_path, text) == [
        "exercises.yaml:1:10: version: this app reads library version 1; got 2 "
        "(written by a newer posture-coach?)",
        "exercises.yaml:2:12: exercises: must be a list (lines starting with '- '), "
        "got the number 3",
        "exercises.yaml:1:1: ice_heat: required field is missing",
        "exercises.yaml:1:1: safety: required field is missing",
    ]


def test_dose_needs_reps_or_duration(tmp_path: Path) -> None:
    text = MINIMAL.replace("dose: {reps: 10, hold_s: 5}", "dose: {hold_s: 5, duration_s: 30}")
    problems = problems_for(tmp_path, text)
    assert problems == [
        f"exercises.yaml:{at(text, 'hold_s: 5,', '5,')}: exercises[0].dose.hold_s: "
        "does not apply to a timed dose (duration_s)"]


def test_booleans_are_not_numbers(tmp_path: Path) -> None:
    text = MINIMAL.replace("reps: 10, hold_s: 5", "reps: yes, hold_s: 5")
    assert problems_for(tmp_path, text) == [
        f"exercises.yaml:{at(text, 'reps: yes', 'yes')}: exercises[0].dose.reps: must be a "
        "whole number, got true (yes/no)"]


def test_ice_heat_minutes_checked(tmp_path: Path) -> None:
    text = MINIMAL.replace("default: 15, maximum: 20", "default: 25, maximum: 20")
    assert problems_for(tmp_path, text) == [
        f"exercises.yaml:{at(text, 'default: 25', '25')}: ice_heat.minutes.default: "
        "must lie between recommended_min and maximum"]


# ---------------------------------------------------------------- the user's own library
USER = """\
version: 1
exercises:
  - id: squeeze
    name: My squeezes
    kind: stretch
    position: standing
    summary: My version.
    steps: [Stand., Squeeze.]
    dose: {reps: 3, hold_s: 10}
    cautions: [Gently.]
    source: my physiotherapist
  - id: neck-turns
    name: Neck turns
    kind: movement
    position: seated
    summary: Turn the head.
    steps: [Turn left., Turn right.]
    dose: {reps: 5, rep_s: 4, each_side: true}
    cautions: [Slowly.]
    source: my physiotherapist
routines:
  - id: mine
    name: Mine
    summary: My routine.
    items: [{exercise: neck-turns}, {exercise: breathe, cycles: 2}]
"""


def test_user_library_adds_and_overrides(tmp_path: Path) -> None:
    bundled = write_library(tmp_path / "bundled")
    (tmp_path / "config").mkdir()
    user = tmp_path / "config" / "exercises.yaml"
    user.write_text(USER)
    loaded = load_library(bundled, user)
    assert loaded.user_file_problems is None
    lib = loaded.library
    assert lib.exercise("squeeze").name == "My squeezes"
    assert lib.exercise("neck-turns").dose.seconds == 5 * 4 * 2
    assert lib.routine("mine").seconds == 40 + 20 + 5
    # the bundled routine now uses the user's exercise, keeping its own override (reps 5)
    item = lib.routine("quick").items[0]
    assert item.exercise.name == "My squeezes"
    assert item.dose.reps == 5 and item.dose.hold_s == 10


def test_broken_user_library_falls_back_and_is_left_untouched(tmp_path: Path) -> None:
    bundled = write_library(tmp_path / "bundled")
    (tmp_path / "config").mkdir()
    user = tmp_path / "config" / "exercises.yaml"
    broken = USER.replace("cycles: 2", "cycles: -2").replace("version: 1", "version: 1\nsafety: x")
    user.write_text(broken)
    before = user.read_bytes()
    loaded = load_library(bundled, user)
    assert loaded.library == load_library_file(bundled)
    assert loaded.user_file == user
    assert loaded.user_file_problems is not None
    assert [str(p) for p in loaded.user_file_problems.problems] == [
        f"{user}:2:1: safety: unknown field; known fields: version, exercises, routines",
        f"{user}:{at(broken, 'cycles: -2', '-2')}: routines[0].items[1].cycles: "
        "must be at least 1, got -2",
    ]
    assert user.read_bytes() == before


def test_user_library_unknown_reference(tmp_path: Path) -> None:
    bundled = write_library(tmp_path / "bundled")
    user = tmp_path / "user.yaml"
    text = USER.replace("{exercise: neck-turns}", "{exercise: neck-turn}")
    user.write_text(text)
    loaded = load_library(bundled, user)
    assert loaded.user_file_problems is not None
    assert [str(p) for p in loaded.user_file_problems.problems] == [
        f"{user}:{at(text, 'neck-turn}', 'neck-turn')}: routines[0].items[0].exercise: "
        "unknown exercise 'neck-turn'; did you mean 'neck-turns'?"]


def test_no_user_library_is_fine(tmp_path: Path) -> None:
    bundled = write_library(tmp_path)
    loaded = load_library(bundled, tmp_path / "absent.yaml")
    assert loaded.user_file_problems is None and loaded.user_file is None


def test_dose_descriptions() -> None:
    assert Dose(reps=10, hold_s=5).describe() == "10 reps, hold 5 s"
    assert Dose(sets=2, reps=6, hold_s=5, each_side=True, rest_s=30).describe() == \
        "2 sets of 6 reps, hold 5 s, rest 30 s between sets, each side"
    assert Dose(duration_s=120).describe() == "2 minutes"
    assert Dose(duration_s=20).describe() == "20 s"
    assert Dose(inhale_s=4, exhale_s=6, cycles=12).describe() == \
        "12 slow breaths (in 4 s, out 6 s)"
    assert Dose(sets=2, reps=6, hold_s=5, each_side=True, rest_s=30).seconds == 2 * 6 * 5 * 2 + 30
    assert Dose(reps=10).seconds == 30  # 3 s a rep by default


def test_override_switches_dose_mode() -> None:
    base = Dose(reps=10, hold_s=5, sets=2, rest_s=30)
    assert base.merged({"duration_s": 60}) == Dose(duration_s=60)
    assert Dose(duration_s=60).merged({"reps": 4}) == Dose(reps=4)
