"""The Patient-Specific Functional Scale: the program's ``outcomes`` field (read, refused
with its place, written back), the journal's migration 6 and its questions, when the
rating is due (a pure policy on given times), and the summary the report prints."""

from __future__ import annotations

import re
import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posture_coach.core import paths, psfs
from posture_coach.core.clock import FakeClock
from posture_coach.core.errors import ValidationError
from posture_coach.core.journal import Journal, schema
from posture_coach.core.journal.psfs import (
    PsfsRecord,
    last_psfs_at,
    psfs_since,
    record_psfs,
)
from posture_coach.core.library import Library, load_library_file
from posture_coach.core.program import Outcomes, load_program
from posture_coach.core.program_writer import draft_from_program, save_program
from tests.helpers import REPO
from tests.program_helpers import docs_example, write_program

UTC = timezone.utc
TZ = ZoneInfo("Australia/Sydney")
START = date(2026, 11, 23)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library_file(paths.bundled_library())


def outcomes_block() -> str:
    """The PSFS example of docs/programs.md."""
    text = (REPO / "docs" / "programs.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if "outcomes:" in b]
    return block


def with_outcomes(tmp_path: Path, block: str | None = None) -> Path:
    return write_program(tmp_path, docs_example() + (block or outcomes_block()))


def problems(path: Path, library: Library) -> list[str]:
    with pytest.raises(ValidationError) as info:
        load_program(path, library)
    return [str(p) for p in info.value.problems]


# ---------------------------------------------------------------- the program field
def test_the_documented_outcomes_are_read(tmp_path: Path, library: Library) -> None:
    program = load_program(with_outcomes(tmp_path), library)
    assert program.outcomes == Outcomes(("Lifting my toddler", "Driving for 30 minutes",
                                         "Working at the computer for 2 hours"), 7)
    assert load_program(write_program(tmp_path / "plain"), library).outcomes is None


def test_every_days_defaults_to_a_week(tmp_path: Path, library: Library) -> None:
    program = load_program(with_outcomes(tmp_path, "outcomes:\n  psfs: [Driving]\n"), library)
    assert program.outcomes == Outcomes(("Driving",), 7)


@pytest.mark.parametrize(("block", "expected"), [
    ("outcomes:\n  psfs: [a, b, c, d, e, f]\n",
     "outcomes.psfs: lists 6 activities; the Patient-Specific Functional Scale takes at "
     "most 5"),
    ("outcomes:\n  psfs: [Driving, '']\n", "outcomes.psfs[1]:"),
    ("outcomes:\n  psfs: [Driving, " + "x" * 201 + "]\n", "outcomes.psfs[1]:"),
    ("outcomes:\n  psfs: [\"Driving\\u0007\"]\n", "outcomes.psfs[0]:"),
    ("outcomes:\n  psfs: [Driving, driving]\n",
     "outcomes.psfs[1]: 'driving' is listed twice"),
    ("outcomes:\n  psfs: []\n", "outcomes.psfs: must list at least 1 item"),
    ("outcomes:\n  every_days: 7\n", "outcomes.psfs: required field is missing"),
    ("outcomes:\n  psfs: [Driving]\n  every_days: 0\n",
     "outcomes.every_days: must be at least 1, got 0"),
    ("outcomes:\n  psfs: [Driving]\n  every_days: 120\n",
     "outcomes.every_days: must be at most 90, got 120"),
    ("outcomes:\n  psfs: [Driving]\n  every_day: 7\n", "outcomes.every_day: unknown field"),
    ("outcomes: [Driving]\n", "outcomes:"),
])
def test_bad_outcomes_are_refused_with_their_place(tmp_path: Path, library: Library,
                                                   block: str, expected: str) -> None:
    found = problems(with_outcomes(tmp_path, block), library)
    assert any(expected in p for p in found), found
    # file:line:column on every problem, the line being the outcomes block's
    first_line = docs_example().count("\n") + 1
    for p in found:
        line = int(p.split("program.yaml:", 1)[1].split(":", 1)[0])
        assert line >= first_line, p


def test_outcomes_are_written_back_by_the_editor(tmp_path: Path, library: Library) -> None:
    program = load_program(with_outcomes(tmp_path, "outcomes:\n  psfs: [Driving, Lifting]\n"
                                                   "  every_days: 14\n"), library)
    draft = draft_from_program(program)
    assert draft.psfs == ("Driving", "Lifting") and draft.psfs_every_days == 14
    saved = save_program(tmp_path / "saved.yaml", draft, library)
    assert saved.outcomes == Outcomes(("Driving", "Lifting"), 14)
    assert "outcomes:" in (tmp_path / "saved.yaml").read_text()


# ---------------------------------------------------------------- the journal
NOW = datetime(2026, 11, 23, 9, tzinfo=TZ)


def test_ratings_are_stored_and_read_back(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3", FakeClock(NOW)) as j:
        assert last_psfs_at(j) is None and psfs_since(j) == []
        assert record_psfs(j, NOW, [("Driving", 4), ("Lifting", 2)]) == 2
        record_psfs(j, NOW + timedelta(days=7), [("Driving", 7)])
        rows = psfs_since(j)
        assert [(r.activity, r.rating) for r in rows] == [("Driving", 4), ("Lifting", 2),
                                                          ("Driving", 7)]
        assert rows[0].at == NOW and rows[0].at.tzinfo is not None
        assert last_psfs_at(j) == NOW + timedelta(days=7)
        assert [r.rating for r in psfs_since(j, NOW + timedelta(days=1))] == [7]


@pytest.mark.parametrize("ratings", [[("Driving", 11)], [("Driving", -1)], [("", 3)],
                                     [("x" * 201, 3)], [("Driving", True)], []])
def test_bad_ratings_are_refused_and_nothing_is_written(tmp_path: Path,
                                                        ratings: list) -> None:
    with Journal.open(tmp_path / "j.sqlite3", FakeClock(NOW)) as j:
        with pytest.raises(ValueError):
            record_psfs(j, NOW, [("Fine", 5), *ratings] if ratings else [])
        assert psfs_since(j) == []
        with pytest.raises(ValueError):
            record_psfs(j, datetime(2026, 11, 23, 9), [("Fine", 5)])  # naive


def test_a_version_5_journal_migrates_keeping_everything(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "journal.sqlite3"
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:5])
        with Journal.open(path, FakeClock(NOW)) as j:
            j.record_pain(at=NOW, rating=3, sleep=True)
            j.set_state("safety_acknowledged", "yes")
            assert j._db.execute("PRAGMA user_version").fetchone()[0] == 5
    with Journal.open(path, FakeClock(NOW)) as j:  # through 6 (PSFS) and on
        assert j._db.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
        pain = j.last_pain()
        assert pain is not None and pain.rating == 3 and pain.sleep
        assert j.get_state("safety_acknowledged") == "yes"
        record_psfs(j, NOW, [("Driving", 4)])
        assert [r.rating for r in psfs_since(j)] == [4]
        indexes = {r[0] for r in j._db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index'"
            " AND tbl_name = 'psfs_ratings'")}
        assert "psfs_ratings_at" in indexes
        with pytest.raises(sqlite3.IntegrityError):  # the schema's own checks
            j._db.execute("INSERT INTO psfs_ratings (at, activity, rating, created_at)"
                          " VALUES ('x', 'Driving', 11, 'x')")
    backup = sqlite3.connect(path.with_name("journal.sqlite3.bak-v5"))
    try:
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 5
        assert backup.execute("SELECT rating FROM pain").fetchall() == [(3,)]
    finally:
        backup.close()


# ---------------------------------------------------------------- when it is due
WEEK = Outcomes(("Driving",), 7)
START_DT = datetime(2026, 11, 23, tzinfo=TZ)


def test_first_due_at_the_start_then_every_days_after_the_latest_rating() -> None:
    assert psfs.next_due(WEEK, START, TZ, None, None) == START_DT
    rated = START_DT + timedelta(hours=10)
    assert psfs.next_due(WEEK, START, TZ, rated, None) == rated + timedelta(days=7)
    # a rating from before this program's start does not count
    old = START_DT - timedelta(days=30)
    assert psfs.next_due(WEEK, START, TZ, old, None) == START_DT


def test_a_skip_waits_for_the_next_due_time() -> None:
    skipped = START_DT + timedelta(days=2)
    assert psfs.next_due(WEEK, START, TZ, None, skipped) == START_DT + timedelta(days=7)
    skipped = START_DT + timedelta(days=7, hours=1)  # skipped the second one too
    assert psfs.next_due(WEEK, START, TZ, None, skipped) == START_DT + timedelta(days=14)
    # a skip older than the due time (skipped before a later rating) changes nothing
    rated = START_DT + timedelta(days=3)
    assert psfs.next_due(WEEK, START, TZ, rated, START_DT + timedelta(hours=1)) == \
        rated + timedelta(days=7)


def test_never_during_a_break_nor_just_before_one() -> None:
    now = START_DT + timedelta(hours=9)
    assert psfs.is_due(now, START_DT, in_break=False, next_break=None)
    assert not psfs.is_due(now, START_DT, in_break=True, next_break=None)
    assert not psfs.is_due(now, START_DT, in_break=False,
                           next_break=now + timedelta(minutes=2))
    assert psfs.is_due(now, START_DT, in_break=False, next_break=now + timedelta(minutes=20))
    assert not psfs.is_due(START_DT - timedelta(seconds=1), START_DT, in_break=False,
                           next_break=None)


times = st.integers(0, 400 * 24 * 60).map(lambda m: START_DT + timedelta(minutes=m))


@given(every=st.integers(1, 90), rated=st.one_of(st.none(), times),
       skipped=st.one_of(st.none(), times), now=times)
def test_due_policy_properties(every: int, rated: datetime | None,
                               skipped: datetime | None, now: datetime) -> None:
    outcomes = Outcomes(("Driving",), every)
    due = psfs.next_due(outcomes, START, TZ, rated, skipped)
    base = rated + timedelta(days=every) if rated is not None else START_DT
    assert due >= base  # never earlier than the schedule
    assert (due - base) % timedelta(days=every) == timedelta(0)  # on the grid
    if skipped is not None and skipped >= base:
        assert skipped < due <= skipped + timedelta(days=every)  # skipped until the next
    else:
        assert due == base
    if psfs.is_due(now, due, in_break=False, next_break=None):
        assert now >= due
    assert not psfs.is_due(now, due, in_break=True, next_break=None)


# ---------------------------------------------------------------- the summary
def rec(i: int, days: int, activity: str, rating: int) -> PsfsRecord:
    return PsfsRecord(i, START_DT + timedelta(days=days), activity, rating)


def test_summary_first_latest_change_and_the_mcid() -> None:
    s = psfs.summarize([rec(1, 0, "Driving", 3), rec(2, 0, "Lifting", 2),
                        rec(3, 7, "Driving", 5), rec(4, 14, "Driving", 7),
                        rec(5, 14, "Lifting", 3), rec(6, 1, "Old one", 4)],
                       ("Lifting", "Driving"))
    assert [a.activity for a in s.activities] == ["Lifting", "Driving", "Old one"]
    lifting, driving, old = s.activities
    assert (driving.first, driving.latest, driving.change, driving.count) == (3, 7, 4, 3)
    assert driving.reaches_mcid and not lifting.reaches_mcid
    assert [r for _at, r in driving.points] == [3, 5, 7]
    assert s.average_first == pytest.approx(3.0) and s.average_latest == pytest.approx(14 / 3)
    assert s.average_change == pytest.approx(5 / 3) and not s.average_reaches_mcid
    assert old.change == 0 and psfs.change_text(old.change) == "0"
    assert psfs.change_text(4) == "+4" and psfs.change_text(-1.5) == "-1.5"
    assert not psfs.summarize([]) and psfs.summarize([]).average_change is None


def test_the_reference_names_its_source_and_says_it_is_no_diagnosis() -> None:
    note = psfs.mcid_note()
    assert "Stratford et al. 1995, Physiotherapy Canada" in note
    assert "not a diagnosis" in note and "about 2 points" in note and "about 3" in note
    assert "Physiotherapy Canada" in psfs.SOURCE and psfs.MCID_SINGLE == 3


activity = st.text(st.characters(whitelist_categories=("L", "N"), whitelist_characters=" -'"),
                   min_size=1, max_size=40).map(lambda t: " ".join(t.split())).filter(bool)


@settings(max_examples=30)
@given(activities=st.lists(activity, min_size=1, max_size=5,
                           unique_by=lambda a: a.casefold()),
       every=st.integers(1, 90))
def test_any_valid_outcomes_are_read_and_written_back(
        tmp_path_factory: pytest.TempPathFactory, library: Library, activities: list[str],
        every: int) -> None:
    import yaml

    folder = tmp_path_factory.mktemp("p")
    block = yaml.safe_dump({"outcomes": {"psfs": activities, "every_days": every}},
                           allow_unicode=True)
    program = load_program(with_outcomes(folder, block), library)
    assert program.outcomes == Outcomes(tuple(activities), every)
    saved = save_program(folder / "again.yaml", draft_from_program(program), library)
    assert saved.outcomes == program.outcomes
