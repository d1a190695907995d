"""Progressions: ``easier:`` / ``harder:`` links between exercises.

Each link is written once, on either end (``A harder: [B]`` is ``B easier: [A]``) and the
library completes the other end; the readers refuse, where the link is written, an id that
is not an exercise, a link to itself, an id twice, and a chain of harder links that comes
back to where it started.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posture_coach.core import paths
from posture_coach.core.errors import ValidationError
from posture_coach.core.library import (
    Dose,
    Exercise,
    Kind,
    Library,
    check_progressions,
    load_library,
    load_library_file,
    progression_links,
)
from posture_coach.core.program import load_program
from posture_coach.core.yaml import Problems
from tests.helpers import MINIMAL, line_of, write_library
from tests.program_helpers import docs_example, write_program

THREE = MINIMAL.replace("routines:\n", """\
  - id: wall
    name: Wall plank
    kind: strength
    position: wall
    summary: On the wall.
    steps: [Lean., Hold.]
    dose: {reps: 3, hold_s: 20}
    cautions: [Stop if pain sharpens.]
    source: general physiotherapy practice
    harder: [knees]
  - id: knees
    name: Knee plank
    kind: strength
    position: floor
    summary: On the knees.
    steps: [Prop up., Hold.]
    dose: {reps: 3, hold_s: 20}
    cautions: [Stop if pain sharpens.]
    source: general physiotherapy practice
    harder: [full]
  - id: full
    name: Plank
    kind: strength
    position: floor
    summary: On the toes.
    steps: [Prop up., Hold.]
    dose: {reps: 3, hold_s: 20}
    cautions: [Stop if pain sharpens.]
    source: general physiotherapy practice
routines:
""", 1)


def problems_for(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        load_library_file(write_library(tmp_path, text), "exercises.yaml")
    return [str(p) for p in exc.value.problems]


def at(text: str, needle: str, token: str) -> str:
    line = line_of(text, needle)
    return f"{line}:{text.splitlines()[line - 1].index(token) + 1}"


def test_links_are_completed_at_the_other_end(tmp_path: Path) -> None:
    lib = load_library_file(write_library(tmp_path, THREE))
    assert lib.harder("wall") == ("knees",) and lib.easier("wall") == ()
    assert lib.easier("knees") == ("wall",) and lib.harder("knees") == ("full",)
    assert lib.easier("full") == ("knees",) and lib.harder("full") == ()
    assert lib.exercise("full").easier == ()  # as written
    # written on the other end, or on both ends: the same links, counted once
    both = THREE.replace("    harder: [full]\n", "    harder: [full]\n    easier: [wall]\n")
    other = THREE.replace("    harder: [knees]\n", "").replace(
        "    harder: [full]\n", "    harder: [full]\n    easier: [wall]\n")
    for text in (both, other):
        again = load_library_file(write_library(tmp_path, text))
        assert (again.easier("knees"), again.harder("wall")) == (("wall",), ("knees",))
    # a translation keeps the links
    assert lib.localized("es").harder("wall") == ("knees",)


def test_unknown_id_is_located_with_a_suggestion(tmp_path: Path) -> None:
    text = THREE.replace("harder: [full]", "harder: [fulll]")
    assert problems_for(tmp_path, text) == [
        f"exercises.yaml:{at(text, 'harder: [fulll]', 'fulll')}: exercises[3].harder[0]: "
        "unknown exercise 'fulll'; did you mean 'full'?"]


def test_self_link_twice_listed_both_ways_and_bad_ids(tmp_path: Path) -> None:
    text = THREE.replace("harder: [knees]", "harder: [wall, knees, knees, Big Plank]") \
        .replace("harder: [full]", "harder: [full]\n    easier: [full]")
    line = line_of(text, "harder: [wall,")
    row = text.splitlines()[line - 1]
    col = {w: row.index(w) + 1 for w in ("wall,", "knees, knees", "Big")}
    both = at(text, "harder: [full]", "full")
    assert problems_for(tmp_path, text) == [
        f"exercises.yaml:{line}:{col['wall,']}: exercises[2].harder[0]: an exercise cannot "
        "be its own harder version",
        f"exercises.yaml:{line}:{col['knees, knees'] + 7}: exercises[2].harder[2]: "
        "'knees' is listed twice",
        f"exercises.yaml:{line}:{col['Big']}: exercises[2].harder[3]: must be an exercise id "
        "(lower-case letters, digits and dashes); got 'Big Plank'",
        f"exercises.yaml:{both}: exercises[3].harder[0]: 'full' is listed as both easier "
        "and harder",
    ]


def test_wrong_types_are_located(tmp_path: Path) -> None:
    text = THREE.replace("harder: [knees]", "harder: knees").replace(
        "harder: [full]", "harder: [3]")
    assert problems_for(tmp_path, text) == [
        f"exercises.yaml:{at(text, 'harder: knees', 'knees')}: exercises[2].harder: must be "
        "a list (lines starting with '- '), got the text 'knees'",
        f"exercises.yaml:{at(text, 'harder: [3]', '3')}: exercises[3].harder[0]: must be "
        "text, got the number 3",
    ]


def test_a_cycle_in_the_harder_direction_is_refused_where_it_closes(tmp_path: Path) -> None:
    text = THREE.replace("    source: general physiotherapy practice\nroutines:",
                         "    source: general physiotherapy practice\n"
                         "    harder: [wall]\nroutines:")
    assert problems_for(tmp_path, text) == [
        f"exercises.yaml:{at(text, 'harder: [wall]', 'wall')}: exercises[4].harder[0]: the "
        "progression goes round in a circle (wall → knees → full → wall, each harder than "
        "the one before); remove one of these links"]
    # the same circle written with an easier: link on the way
    text = THREE.replace("    harder: [knees]\n", "    easier: [full]\n").replace(
        "    harder: [full]\n", "    harder: [full]\n    easier: [wall]\n")
    [problem] = problems_for(tmp_path, text)
    assert "goes round in a circle" in problem


def test_a_broken_exercise_is_not_reported_again_as_unknown(tmp_path: Path) -> None:
    text = THREE.replace("    summary: On the toes.\n", "")
    problems = problems_for(tmp_path, text)
    assert len(problems) == 1 and "exercises[4].summary: required field is missing" in \
        problems[0]


def test_a_user_library_may_link_to_bundled_exercises(tmp_path: Path) -> None:
    bundled = write_library(tmp_path / "bundled", THREE)
    user = tmp_path / "user.yaml"
    user.write_text("""\
version: 1
exercises:
  - id: wall-easy
    name: Wall plank, short
    kind: strength
    position: wall
    summary: Shorter holds.
    steps: [Lean., Hold.]
    dose: {reps: 3, hold_s: 10}
    cautions: [Stop if pain sharpens.]
    source: general physiotherapy practice
    harder: [wall]
""")
    loaded = load_library(bundled, user)
    assert loaded.user_file_problems is None
    assert loaded.library.easier("wall") == ("wall-easy",)
    user.write_text(user.read_text().replace("harder: [wall]", "harder: [wal]\n    easier: [full]"))
    loaded = load_library(bundled, user)
    assert loaded.user_file_problems is not None
    messages = [p.message for p in loaded.user_file_problems.problems]
    assert messages == ["unknown exercise 'wal'; did you mean 'wall'?"]
    assert loaded.library.easier("wall") == ()  # the bundled library, as it was


def _program_with_link(link: str) -> str:
    text = docs_example()
    anchor = "      source: Riverside Physiotherapy\n"
    assert anchor in text, "the docs example defines an exercise"
    return text.replace(anchor, anchor + f"      {link}\n", 1)


def test_a_program_exercise_may_link_to_the_library(tmp_path: Path) -> None:
    library = load_library_file(paths.bundled_library())
    path = write_program(tmp_path / "clinic", _program_with_link("harder: [serratus-wall-slide]"))
    program = load_program(path, library)
    merged = program.with_library(library)
    assert merged.harder("towel-wall-slide") == ("serratus-wall-slide",)
    assert "towel-wall-slide" in merged.easier("serratus-wall-slide")
    assert library.easier("serratus-wall-slide") == ()  # the library itself is unchanged


@pytest.mark.parametrize(("link", "message"), [
    ("harder: [serratus-wal-slide]",
     "unknown exercise 'serratus-wal-slide'; did you mean 'serratus-wall-slide'?"),
    ("harder: [towel-wall-slide]", "an exercise cannot be its own harder version"),
])
def test_a_program_exercise_link_is_checked_and_located(tmp_path: Path, link: str,
                                                         message: str) -> None:
    library = load_library_file(paths.bundled_library())
    text = _program_with_link(link)
    path = write_program(tmp_path / "clinic", text)
    with pytest.raises(ValidationError) as exc:
        load_program(path, library)
    [problem] = exc.value.problems
    line = line_of(text, link)
    assert (problem.location.line, problem.message) == (line, message)
    assert problem.path.endswith("define.harder[0]")


def test_a_program_cannot_close_a_circle_through_the_library(tmp_path: Path) -> None:
    library = load_library_file(paths.bundled_library())
    text = _program_with_link("harder: [wall-push-up-plus]\n      easier: [knee-plank]")
    with pytest.raises(ValidationError) as exc:
        load_program(write_program(tmp_path / "clinic", text), library)
    [problem] = exc.value.problems
    assert "goes round in a circle" in problem.message
    assert "towel-wall-slide" in problem.message
    assert problem.path.endswith(("define.easier[0]", "define.harder[0]"))


# ------------------------------------------------------------------ the shipped library
@pytest.fixture(scope="module")
def shipped() -> Library:
    return load_library_file(paths.bundled_library())


def chains(lib: Library) -> list[list[str]]:
    """Every path from an exercise with nothing easier to one with nothing harder."""
    out: list[list[str]] = []
    stack = [[e.id] for e in lib.exercises if not lib.easier(e.id) and lib.harder(e.id)]
    while stack:
        path = stack.pop()
        ups = lib.harder(path[-1])
        if not ups:
            out.append(path)
        for up in ups:
            assert up not in path, f"circle: {[*path, up]}"
            stack.append([*path, up])
    return out


def test_every_progression_chain_of_the_shipped_library(shipped: Library) -> None:
    walked = chains(shipped)
    seen = {i for path in walked for i in path}
    linked = {e.id for e in shipped.exercises if shipped.easier(e.id) or shipped.harder(e.id)}
    assert seen == linked  # every linked exercise lies on a walked chain
    for path in walked:
        for low, high in pairwise(path):
            assert shipped.has_exercise(low) and shipped.has_exercise(high)
            assert high in shipped.harder(low) and low in shipped.easier(high)
            assert shipped.exercise(low).kind is not Kind.BREATHING
    as_text = {" → ".join(p) for p in walked}
    for wanted in ("wall-plank → knee-plank → plank",
                   "chin-tuck → supine-chin-tuck → supine-chin-tuck-head-lift",
                   "shoulder-blade-squeeze → prone-w → prone-t → prone-y-raise → band-row",
                   "shoulder-blade-squeeze → prone-w → prone-y-raise → band-row",
                   "thoracic-extension-chair → thoracic-extension-towel → "
                   "foam-roller-thoracic-extension"):
        assert wanted in as_text, wanted
    for one in ("band-pull-apart", "wall-push-up-plus", "side-plank-knees", "dead-bug",
                "bird-dog", "glute-bridge"):
        assert one in seen, one
    assert len(shipped.exercises) >= 39


def _exercise(ex_id: str, easier: tuple[str, ...] = (), harder: tuple[str, ...] = ()
              ) -> Exercise:
    return Exercise(ex_id, ex_id, Kind.STRENGTH, "floor", "s", ("a",), Dose(reps=1),
                    ("c",), "general physiotherapy practice", easier=easier, harder=harder)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7), st.booleans()),
                max_size=20))
def test_links_and_circles_agree_with_a_plain_graph(edges: list[tuple[int, int, bool]]
                                                    ) -> None:
    """For any set of links: both ends agree, and a circle is reported exactly when the
    harder graph has one."""
    written: dict[str, dict[str, list[str]]] = {f"e{i}": {"easier": [], "harder": []}
                                                for i in range(8)}
    graph: dict[str, set[str]] = {k: set() for k in written}
    for i, j, on_low in edges:
        a, b = f"e{i}", f"e{j}"
        if a == b:
            continue
        if on_low and b not in written[a]["harder"] and b not in written[a]["easier"]:
            written[a]["harder"].append(b)
            graph[a].add(b)
        elif not on_low and a not in written[b]["easier"] and a not in written[b]["harder"]:
            written[b]["easier"].append(a)
            graph[a].add(b)
    exercises = [_exercise(k, tuple(v["easier"]), tuple(v["harder"]))
                 for k, v in written.items()]
    easier, harder = progression_links(exercises)
    for low, ups in graph.items():
        assert set(harder.get(low, ())) == ups
        for up in ups:
            assert low in easier[up]
    problems = Problems()
    check_progressions(exercises, problems)

    def has_cycle() -> bool:
        state: dict[str, int] = {}

        def visit(node: str) -> bool:
            state[node] = 1
            for nxt in graph[node]:
                if state.get(nxt) == 1 or (nxt not in state and visit(nxt)):
                    return True
            state[node] = 2
            return False
        return any(node not in state and visit(node) for node in graph)

    assert bool(problems) == has_cycle()


def test_a_user_library_reports_a_circle_with_its_other_problems(tmp_path: Path) -> None:
    bundled = write_library(tmp_path / "bundled", THREE)
    user = tmp_path / "user.yaml"
    text = """\
version: 1
exercises:
  - id: broken
    name: Broken
    kind: strength
    position: floor
    summary: Its own harder version.
    steps: [Prop up., Hold.]
    dose: {reps: 3, hold_s: 10}
    cautions: [Stop if pain sharpens.]
    source: general physiotherapy practice
    harder: [broken]
  - id: longer
    name: Longer plank
    kind: strength
    position: floor
    summary: Longer holds.
    steps: [Prop up., Hold.]
    dose: {reps: 3, hold_s: 40}
    cautions: [Stop if pain sharpens.]
    source: general physiotherapy practice
    easier: [full]
    harder: [wall, broken]
"""
    user.write_text(text)
    loaded = load_library(bundled, user)
    assert loaded.user_file_problems is not None
    assert [str(p) for p in loaded.user_file_problems.problems] == [
        f"{user}:{at(text, 'harder: [broken]', 'broken')}: exercises[0].harder[0]: an "
        "exercise cannot be its own harder version",
        f"{user}:{at(text, 'harder: [wall, broken]', 'wall')}: exercises[1].harder[0]: the "
        "progression goes round in a circle (wall → knees → full → longer → wall, each "
        "harder than the one before); remove one of these links",
    ]
