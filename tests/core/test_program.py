"""Home program files: the documented example, every check, the hostile set, the store."""

from __future__ import annotations

import os
import shutil
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posture_coach.core import paths
from posture_coach.core.errors import ValidationError
from posture_coach.core.library import Library, load_library_file
from posture_coach.core.policy import Schedule
from posture_coach.core.program import (
    DESK_ROUTINE_ID,
    describe_changes,
    load_program,
)
from posture_coach.core.program_store import ProgramStore, StoreError
from tests.program_helpers import SVG, docs_example, write_program

HOSTILE = Path(__file__).parent / "programs" / "hostile"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library_file(paths.bundled_library())


def problems_of(path: Path, library: Library) -> list[str]:
    with pytest.raises(ValidationError) as info:
        load_program(path, library)
    return [str(p) for p in info.value.problems]


def test_docs_example_is_valid(tmp_path: Path, library: Library) -> None:
    program = load_program(write_program(tmp_path), library)
    assert program.title == "Upper back home program"
    assert program.clinic.name == "Riverside Physiotherapy"
    assert program.clinic.phone == "+1 555 0100"
    assert program.patient == "Alex"
    assert (program.start, program.review) == (date(2026, 11, 23), date(2026, 12, 21))
    assert program.breaks is not None and program.breaks.interval_min == 40
    assert program.breaks.work_start == time(8, 30)
    chin = program.prescription("chin-tuck")
    assert (chin.dose.reps, chin.dose.hold_s, chin.times_per_day, chin.days_per_week) == \
        (10, 3.0, 3, 5)
    assert chin.per_week == 15
    assert chin.frequency() == "3 times a day, 5 days a week"
    assert chin.progression == "After two weeks, hold for 5 seconds."
    door = program.prescription("doorway-chest-stretch")
    assert door.dose.each_side and door.dose.sets == 2 and door.dose.hold_s == 20
    assert door.dose_text() == "2 sets of 3 reps, hold 20 s, each side"
    own = program.prescription("towel-wall-slide")
    assert own.defined_here and own.exercise.illustration == \
        (tmp_path / "pictures" / "towel-wall-slide.svg").resolve()
    assert program.illustrations == (own.exercise.illustration,)
    (evening,) = program.home_sessions
    assert evening.at == time(19, 0) and evening.days == tuple(range(7))
    assert evening.cron_days() == "mon,tue,wed,thu,fri,sat,sun"
    assert evening.when() == "every day at 19:00"
    assert program.ice_heat is not None
    assert program.ice_heat.describe().startswith("Heat for 15 minutes, 2 times a day")
    assert len(program.safety_notes) == 2


def test_docs_example_validates_as_written(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The example in docs/programs.md, saved as the doc says (beside the files it names,
    which are shipped beside the doc), passes `posture-coach validate`."""
    import re

    from posture_coach import cli
    from tests.helpers import REPO

    text = docs_example()
    named = re.findall(r"^\s*illustration:\s*(\S+)", text, re.M)
    assert named == ["pictures/towel-wall-slide.svg"]
    for name in named:
        shipped = REPO / "docs" / name
        assert shipped.is_file(), f"docs/programs.md names {name}, not in docs/"
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shipped, tmp_path / name)
    (tmp_path / "program.yaml").write_text(text, encoding="utf-8")
    dirs = ["--config-dir", str(tmp_path / "cfg"), "--data-dir", str(tmp_path / "data")]
    assert cli.main([*dirs, "validate", str(tmp_path / "program.yaml")]) == 0, \
        capsys.readouterr()
    own = load_program(tmp_path / "program.yaml",
                       load_library_file(paths.bundled_library())).prescription(
        "towel-wall-slide")
    assert own.exercise.illustration == (tmp_path / named[0]).resolve()


def test_routines_schedule_and_library(tmp_path: Path, library: Library) -> None:
    program = load_program(write_program(tmp_path), library)
    desk, evening = program.routines()
    assert desk.id == DESK_ROUTINE_ID and desk.name == "Home program: desk break"
    assert [i.exercise.id for i in desk.items] == ["chin-tuck", "doorway-chest-stretch"]
    assert desk.items[0].dose.reps == 10  # the PT's dose, not the library's
    assert evening.id == "program-evening" and evening.name == "Home program: evening session"
    assert [i.exercise.id for i in evening.items] == \
        ["rib-breathing", "towel-wall-slide", "doorway-chest-stretch"]
    base = Schedule()
    schedule = program.schedule(base)
    assert schedule.interval == timedelta(minutes=40)
    assert schedule.hours.start == time(8, 30) and schedule.hours.end == time(17, 0)
    assert schedule.notice == base.notice
    merged = program.with_library(library)
    assert merged.routines[0].id == DESK_ROUTINE_ID
    assert merged.has_exercise("towel-wall-slide") and merged.has_routine("desk-reset")
    # applying twice does not pile up routines
    assert len(program.with_library(merged).routines) == len(merged.routines)


def test_describe_changes(tmp_path: Path, library: Library) -> None:
    program = load_program(write_program(tmp_path), library)
    lines = describe_changes(program, None, Schedule())
    text = "\n".join(lines)
    assert "Active program: Upper back home program from Riverside Physiotherapy" in text
    assert "Breaks every 40 minutes (now every 45 minutes)" in text
    assert "Working hours: Mon, Tue, Wed, Thu, Fri, 08:30-17:00 (now " in text
    assert "New routine: Home program: desk break (Chin tuck" in text
    assert "Reminder: Evening session, every day at 19:00" in text
    other = load_program(write_program(tmp_path / "b", docs_example().replace(
        "interval_min: 40", "interval_min: 30")), library)
    lines = describe_changes(other, program, Schedule())
    assert "Breaks every 30 minutes (now every 40 minutes)" in lines
    assert any(line.startswith("Routine changed: Home program: desk break") for line in lines)


def test_cli_validate_program(tmp_path: Path, library: Library,
                              capsys: pytest.CaptureFixture[str]) -> None:
    from posture_coach import cli

    path = write_program(tmp_path)
    dirs = ["--config-dir", str(tmp_path / "cfg"), "--data-dir", str(tmp_path)]
    assert cli.main([*dirs, "validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "OK, home program 'Upper back home program' from Riverside Physiotherapy: " \
           "4 exercises, 1 home sessions" in out
    bad = write_program(tmp_path / "bad", docs_example().replace("exercise: chin-tuck",
                                                                 "exercise: chin-tuk"))
    assert cli.main([*dirs, "validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "program.yaml:22:15: exercises[0].exercise: unknown exercise 'chin-tuk'; " \
           "did you mean 'chin-tuck'?" in err


# ---------------------------------------------------------------- single checks
def edited(tmp_path: Path, old: str, new: str) -> Path:
    text = docs_example()
    assert old in text, old
    return write_program(tmp_path, text.replace(old, new, 1))


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("program: 1 ", "program: 2 ", "program: this app reads home program format 1; got 2"),
    ("  name: Riverside Physiotherapy\n", "", "clinic.name: required field is missing"),
    ("review: 2026-12-21", "review: 2026-11-01",
     "review: the review date 2026-11-01 must come after the start date 2026-11-23"),
    ("start: 2026-11-23", "start: soon", "start: must be a date like 2026-11-23"),
    ("interval_min: 40", "interval_min: 5", "breaks.interval_min: must be at least 10, got 5"),
    ('work_end: "17:00"', 'work_end: "08:00"', "breaks.work_end: must be later than work_start"),
    ('  work_end: "17:00"\n', "", "breaks.work_start: give both work_start and work_end"),
    ("reps: 10 ", "reps: 0 ", "exercises[0].reps: must be at least 1, got 0"),
    ("times_per_day: 3", "times_per_day: 30", "exercises[0].times_per_day: must be at most 20"),
    ("days_per_week: 5", "days_per_week: 8", "exercises[0].days_per_week: must be at most 7"),
    ("side: both", "side: bothe", "exercises[1].side: must be one of both, left, right, none"),
    ("cycles: 6", "reps: 6", "with exercise 'rib-breathing': "),
    ("    cycles: 6\n", "    cycles: 6\n    side: left\n", "a breathing exercise has no side"),
    ("  - chin-tuck\n  - doorway", "  - chin-tuck\n  - chin-tuck\n  - doorway",
     "desk_break[1]: 'chin-tuck' is listed twice"),
    ("exercises: [rib-breathing,", "exercises: [bird-dog, rib-breathing,",
     "home_sessions[0].exercises[0]: 'bird-dog' is not one of the program's exercises"),
    ('at: "19:00"', 'at: "7pm"', "home_sessions[0].at: must be a time like"),
    ("days: every day", "days: [mon, funday]", "home_sessions[0].days: days are mon"),
    ("id: evening", "id: Evening Session", "home_sessions[0].id: must be lower-case"),
    ("mode: heat", "mode: fire", "ice_heat.mode: must be one of ice, heat, either"),
    ("minutes: 15", "minutes: 45", "ice_heat.minutes: must be at most 20"),
    ("id: towel-wall-slide", "id: chin-tuck", "exercises[3].define.id: 'chin-tuck' is "
                                              "already a library exercise"),
    ("  - exercise: rib-breathing\n", "  - exercise: rib-breathing\n    define: {}\n",
     "exercises[2].define: give either exercise"),
    ("patient: Alex", "patient: Alex\npatients: Bo", "patients: unknown field; did you mean "
                                                     "'patient'?"),
    ("illustration: pictures/towel-wall-slide.svg", "illustration: pictures/missing.svg",
     "exercises[3].define.illustration: file 'pictures/missing.svg' does not exist"),
    ("illustration: pictures/towel-wall-slide.svg", "illustration: pictures/x.gif",
     "must be an .svg or .png drawing"),
    ("title: Upper back home program", "title: Upper &amp; back",
     "title: must be plain text; '&amp;' looks like HTML"),
])
def test_each_check(tmp_path: Path, library: Library, old: str, new: str,
                    expected: str) -> None:
    found = problems_of(edited(tmp_path, old, new), library)
    assert any(expected in p for p in found), found
    assert all(p.startswith(str(tmp_path / "program.yaml") + ":") for p in found), found
    assert all(":" in p.split("program.yaml", 1)[1][1:] for p in found), found


def test_no_desk_break_nor_sessions(tmp_path: Path, library: Library) -> None:
    text = "\n".join(line for line in docs_example().split("\n")
                     if not line.startswith(("desk_break", "  - chin-tuck",
                                             "  - doorway-chest")))
    text = text.split("home_sessions:")[0] + "ice_heat:" + text.split("ice_heat:")[1]
    found = problems_of(write_program(tmp_path, text), library)
    assert any("desk_break: the program needs desk_break or home_sessions" in p
               for p in found), found


def test_many_problems_reported_together(tmp_path: Path, library: Library) -> None:
    text = docs_example().replace("reps: 10 ", "reps: -1 ").replace(
        "mode: heat", "mode: fire").replace("start: 2026-11-23", "start: someday")
    assert len(problems_of(write_program(tmp_path, text), library)) >= 3


# ---------------------------------------------------------------- hostile files
HOSTILE_EXPECTED = {
    "alias-bomb.yaml": (":6:36:", "aliases expand the document beyond"),
    "python-tag.yaml": (":2:8:", "the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'"
                                 " is not allowed"),
    "dotdot.yaml": (":16:21:", "exercises[0].define.illustration: must stay inside the program "
                               "file's folder (no '..')"),
    "absolute.yaml": (":16:21:", "must be a path relative to the program file"),
    "symlink-out.yaml": (":16:21:", "leaves the program file's folder through a link"),
    "unknown-id.yaml": (":6:15:", "unknown exercise 'chin-tuk'; did you mean 'chin-tuck'?"),
    "wrong-types.yaml": (":7:11:", "exercises[0].reps: must be a whole number, got the text "
                                   "'ten'"),
    "bad-dates.yaml": (":4:8:", "cannot read '2026-13-45' as timestamp"),
    "html-text.yaml": (":7:12:", "exercises[0].notes: must be plain text; '<i' looks like HTML"),
    "bad-session.yaml": (":10:9:", "home_sessions[0].at: must be a time like"),
}


def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "clinic"
    shutil.copytree(HOSTILE, folder)
    (folder / "pictures").mkdir()
    outside = tmp_path / "outside.svg"
    outside.write_text(SVG, encoding="utf-8")
    os.symlink(outside, folder / "pictures" / "link.svg")
    (folder / "oversize.yaml").write_text("program: 1\ntitle: " + "x" * (1024 * 1024) + "\n",
                                          encoding="utf-8")
    return folder


def test_hostile_set_is_complete() -> None:
    assert {p.name for p in HOSTILE.glob("*.yaml")} == set(HOSTILE_EXPECTED)


@pytest.mark.parametrize("name", sorted([*HOSTILE_EXPECTED, "oversize.yaml"]))
def test_hostile_file_refused_and_nothing_changed(tmp_path: Path, library: Library,
                                                  name: str) -> None:
    folder = hostile_folder(tmp_path)
    data = tmp_path / "data"
    store = ProgramStore(data)
    good = store.import_file(write_program(tmp_path / "good"), library)
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    hostile_before = (folder / name).read_bytes()
    with pytest.raises(ValidationError) as info:
        store.import_file(folder / name, library)
    problems = [str(p) for p in info.value.problems]
    where, message = HOSTILE_EXPECTED.get(
        name, (":1:1:", "file is larger than 1024 KiB; refusing to read it"))
    assert any(p.startswith(str(folder / name) + where) and message in p
               for p in problems), problems
    after = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    assert after == before
    assert store.active_id() == good.id
    assert (folder / name).read_bytes() == hostile_before


def test_program_file_itself_a_link_is_refused(tmp_path: Path, library: Library) -> None:
    real = write_program(tmp_path / "real")
    link = tmp_path / "link.yaml"
    os.symlink(real, link)
    with pytest.raises(ValidationError, match="is a symbolic link"):
        ProgramStore(tmp_path / "data").import_file(link, library)
    assert not (tmp_path / "data").exists()


def test_oversize_illustration(tmp_path: Path, library: Library) -> None:
    path = write_program(tmp_path)
    (tmp_path / "pictures" / "towel-wall-slide.svg").write_bytes(b"<svg/>" + b" " * 1024 * 1024)
    found = problems_of(path, library)
    assert any("exercises[3].define.illustration: the drawing towel-wall-slide.svg is larger "
               "than 1024 KiB" in p for p in found), found


@given(st.text(min_size=1, max_size=30).filter(lambda s: s.strip()),
       st.sampled_from(["<b>", "<script>", "</p>", "<!--", "&lt;", "&#60;", "< a href"]))
def test_markup_anywhere_is_refused(tmp_path_factory: pytest.TempPathFactory, words: str,
                                    markup: str) -> None:
    library = load_library_file(paths.bundled_library())
    folder = tmp_path_factory.mktemp("p")
    safe = words.replace('"', "").replace("\\", "")
    text = docs_example().replace("notes: Keep your eyes level; the movement is small.",
                                  f'notes: "{safe} {markup} x"')
    with pytest.raises(ValidationError) as info:
        load_program(write_program(folder, text), library)
    # refused for the markup, or first for a character no text file holds (a NUL byte)
    assert any("must be plain text" in str(p) or "YAML" in str(p) or "NUL" in str(p)
               for p in info.value.problems)


@given(sets=st.integers(1, 20), reps=st.integers(1, 200), hold=st.integers(1, 600),
       times=st.integers(1, 20), days=st.integers(1, 7))
def test_any_dose_in_range_is_kept(tmp_path_factory: pytest.TempPathFactory, sets: int,
                                   reps: int, hold: int, times: int, days: int) -> None:
    library = load_library_file(paths.bundled_library())
    folder = tmp_path_factory.mktemp("p")
    text = docs_example().replace(
        "    sets: 2\n    reps: 3\n    hold_s: 20\n",
        f"    sets: {sets}\n    reps: {reps}\n    hold_s: {hold}\n", 1).replace(
        "    times_per_day: 2\n", f"    times_per_day: {times}\n    days_per_week: {days}\n", 1)
    p = load_program(write_program(folder, text), library).prescription(
        "doorway-chest-stretch")
    assert (p.dose.sets, p.dose.reps, p.dose.hold_s) == (sets, reps, hold)
    assert p.per_week == times * days
    assert f"{reps} rep" in p.dose_text() and f"hold {hold} s" in p.dose_text()


# ---------------------------------------------------------------- the store
def test_store_import_list_activate(tmp_path: Path, library: Library) -> None:
    store = ProgramStore(tmp_path / "data")
    assert store.ids() == [] and store.active_id() is None and store.active(library) is None
    source = write_program(tmp_path / "from-clinic")
    first = store.import_file(source, library)
    assert first.id == "2026-11-23-upper-back-home-program" and first.active
    assert first.file.read_bytes() == source.read_bytes()
    copied = first.folder / "pictures" / "towel-wall-slide.svg"
    assert copied.read_text(encoding="utf-8") == SVG
    shutil.rmtree(tmp_path / "from-clinic")  # the original may go away
    assert first.program is not None
    assert first.program.prescription("towel-wall-slide").exercise.illustration == \
        copied.resolve()
    # the same file again: no second copy
    second_source = write_program(tmp_path / "again")
    assert store.import_file(second_source, library).id == first.id
    # a changed program: kept beside the first, and active
    changed = write_program(tmp_path / "v2", docs_example().replace("interval_min: 40",
                                                                    "interval_min: 30"))
    second = store.import_file(changed, library)
    assert second.id == first.id + "-2" and store.active_id() == second.id
    assert store.ids() == [first.id, second.id]
    assert [s.active for s in store.all(library)] == [False, True]
    store.activate(first.id)
    assert store.active_id() == first.id
    with pytest.raises(StoreError, match="no imported program 'nope'; imported: 2026"):
        store.activate("nope")
    with pytest.raises(StoreError):
        store.activate("../etc")
    assert not any(p.name.startswith(".") for p in store.root.iterdir()
                   if p.name != "active")
    store.deactivate()
    assert store.active_id() is None


def test_store_import_without_activating(tmp_path: Path, library: Library) -> None:
    store = ProgramStore(tmp_path / "data")
    stored = store.import_file(write_program(tmp_path / "p"), library, activate=False)
    assert not stored.active and store.active_id() is None


def test_stored_program_broken_by_library_change(tmp_path: Path, library: Library) -> None:
    store = ProgramStore(tmp_path / "data")
    stored = store.import_file(write_program(tmp_path / "p"), library)
    smaller = Library(tuple(e for e in library.exercises if e.id != "chin-tuck"), (),
                      library.ice_heat, library.safety)
    again = store.get(stored.id, smaller)
    assert again.program is None and again.problems is not None
    assert "unknown exercise 'chin-tuck'" in str(again.problems)
