"""The journal: round trips, atomic writes, migrations, damaged files, and SIGKILL."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import (
    BreakRecord,
    Journal,
    JournalError,
    Outcome,
    StepRecord,
    StepStatus,
    ThermalRecord,
)
from posture_coach.core.journal import records as journal_records
from posture_coach.core.journal import schema as journal_schema
from posture_coach.core.journal import store as journal_store
from tests.helpers import REPO

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
T0 = datetime(2024, 3, 4, 9, 0, tzinfo=BERLIN)
EARLY = datetime(1990, 1, 1, tzinfo=UTC)
LATE = datetime(2200, 1, 1, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2024, 3, 4, 8, 0, tzinfo=UTC))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.sqlite3"


@pytest.fixture
def journal(path: Path, clock: FakeClock) -> Iterator[Journal]:
    with Journal.open(path, clock) as j:
        yield j


def steps(*specs: tuple[str, StepStatus, float]) -> tuple[StepRecord, ...]:
    return tuple(StepRecord(i, ex, status, sec) for i, (ex, status, sec) in enumerate(specs))


def record(j: Journal, ended: datetime, outcome: Outcome = Outcome.DONE,
           **kw: object) -> int:
    """A break ending at ``ended`` that lasted two minutes."""
    args: dict[str, object] = {"planned_at": None, "started_at": ended - timedelta(minutes=2),
                               "ended_at": ended, "routine_id": "quick", "outcome": outcome}
    args.update(kw)
    return j.record_break(**args)  # type: ignore[arg-type]


def count(j: Journal, table: str) -> int:
    return int(j._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def dump(j: Journal) -> list[str]:
    return list(j._db.iterdump())


# -- opening -------------------------------------------------------------------


def test_open_creates_a_user_only_folder_and_file(path: Path, clock: FakeClock) -> None:
    with Journal.open(path, clock) as j:
        assert j.notice is None
        assert j._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert j._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert j._db.execute("PRAGMA user_version").fetchone()[0] == len(journal_schema.MIGRATIONS)
        tables = {r[0] for r in j._db.execute("SELECT name FROM sqlite_master")}
        assert {"breaks", "steps", "pauses", "breaks_ended_at",
                "breaks_outcome_ended_at"} <= tables
        record(j, T0)
        for wal in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            assert stat.S_IMODE(wal.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in path.parent.iterdir()) == ["journal.sqlite3"]


def test_open_tightens_a_file_others_could_read(path: Path, clock: FakeClock) -> None:
    Journal.open(path, clock).close()
    os.chmod(path, 0o644)
    Journal.open(path, clock).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_opening_twice_is_idempotent(path: Path, clock: FakeClock) -> None:
    with Journal.open(path, clock) as j:
        first = record(j, T0, steps=steps(("squeeze", StepStatus.DONE, 30.0)))
        before = dump(j)
    with Journal.open(path, clock) as j:
        assert j.notice is None
        assert dump(j) == before
        last = j.last_break()
        assert last is not None and last.id == first
    assert sorted(p.name for p in path.parent.iterdir()) == ["journal.sqlite3"]


def test_closed_journal_refuses_use(path: Path, clock: FakeClock) -> None:
    j = Journal.open(path, clock)
    j.close()
    j.close()
    with pytest.raises(ValueError, match="closed"):
        j.last_break()


# -- breaks --------------------------------------------------------------------


def test_break_with_steps_round_trips_in_utc(journal: Journal, clock: FakeClock) -> None:
    planned = T0 - timedelta(minutes=1)
    done = (StepRecord(2, "breathe", StepStatus.DONE, 60.0),
            StepRecord(0, "squeeze", StepStatus.DONE, 30.5),
            StepRecord(1, "chin-tuck", StepStatus.SKIPPED, 0.0))
    bid = journal.record_break(planned_at=planned, started_at=T0,
                               ended_at=T0 + timedelta(seconds=91.25), routine_id="quick",
                               outcome=Outcome.PARTIAL, steps=done)
    got = journal.last_break()
    assert got == BreakRecord(
        id=bid, planned_at=planned, started_at=T0, ended_at=T0 + timedelta(seconds=91.25),
        routine_id="quick", outcome=Outcome.PARTIAL, snooze_until=None,
        steps=tuple(sorted(done, key=lambda s: s.position)))
    assert got.started_at.tzinfo is UTC and got.started_at.hour == 8  # 09:00 in Berlin
    assert got.planned_at is not None and got.planned_at.tzinfo is UTC
    assert journal.breaks_between(EARLY, LATE) == [got]
    created = journal._db.execute("SELECT created_at FROM breaks").fetchone()[0]
    assert created == "2024-03-04T08:00:00.000000+00:00"


def test_snoozed_break_keeps_its_snooze_time(journal: Journal) -> None:
    until = T0 + timedelta(minutes=10)
    record(journal, T0, Outcome.SNOOZED, snooze_until=until, routine_id=None)
    got = journal.last_break()
    assert got is not None
    assert (got.outcome, got.snooze_until, got.routine_id, got.steps) == (
        Outcome.SNOOZED, until, None, ())


def test_every_outcome_can_be_recorded(journal: Journal) -> None:
    for i, outcome in enumerate(Outcome):
        record(journal, T0 + timedelta(minutes=i), outcome)
    assert [b.outcome for b in journal.breaks_between(EARLY, LATE)] == list(Outcome)


def test_last_break_by_end_time_and_outcome(journal: Journal) -> None:
    assert journal.last_break() is None
    done = record(journal, T0 + timedelta(hours=2), Outcome.DONE)
    skipped = record(journal, T0 + timedelta(hours=3), Outcome.SKIPPED)
    # recorded later but ended earlier (e.g. a natural break found after the fact)
    record(journal, T0 + timedelta(hours=1), Outcome.NATURAL)
    tie = record(journal, T0 + timedelta(hours=2), Outcome.PARTIAL)

    def last_id(outcomes: list[Outcome] | None = None) -> int | None:
        found = journal.last_break(outcomes)
        return None if found is None else found.id

    assert last_id() == skipped
    assert last_id([Outcome.DONE]) == done
    assert last_id([Outcome.DONE, Outcome.PARTIAL]) == tie  # same end time: latest id
    assert last_id([Outcome.DONE, Outcome.PARTIAL, Outcome.NATURAL]) == tie
    assert last_id([Outcome.SNOOZED]) is None
    assert last_id([]) is None
    assert journal.last_break(iter([Outcome.SKIPPED])) is not None


def test_breaks_between_is_half_open_on_end_time(journal: Journal) -> None:
    ends = [T0 + timedelta(minutes=m) for m in (30, 0, 60, 45)]
    ids = {end: record(journal, end) for end in ends}
    got = journal.breaks_between(T0, T0 + timedelta(minutes=60))
    assert [b.ended_at for b in got] == [T0, T0 + timedelta(minutes=30),
                                         T0 + timedelta(minutes=45)]
    assert [b.id for b in got] == [ids[b.ended_at] for b in got]
    # the same instants given in another zone
    assert journal.breaks_between(T0.astimezone(UTC), T0.astimezone(ZoneInfo("Asia/Tokyo"))
                                  + timedelta(minutes=1)) == got[:1]
    assert journal.breaks_between(T0 + timedelta(minutes=61), LATE) == []
    assert journal.breaks_between(LATE, EARLY) == []


def test_break_started_earlier_is_found_by_its_end(journal: Journal) -> None:
    record(journal, T0, started_at=T0 - timedelta(hours=5))
    assert len(journal.breaks_between(T0, T0 + timedelta(seconds=1))) == 1
    assert journal.breaks_between(T0 - timedelta(hours=5), T0) == []


NAIVE = datetime(2024, 3, 4, 9, 0)


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"started_at": NAIVE}, "started_at must be timezone-aware"),
        ({"ended_at": NAIVE}, "ended_at must be timezone-aware"),
        ({"planned_at": NAIVE}, "planned_at must be timezone-aware"),
        ({"started_at": "2024-03-04T09:00"}, "must be a datetime"),
        ({"started_at": T0 + timedelta(seconds=1)}, "before started_at"),
        ({"snooze_until": T0 + timedelta(minutes=5)}, "only for a snoozed break"),
        ({"outcome": Outcome.SNOOZED, "snooze_until": NAIVE}, "snooze_until must be"),
        ({"outcome": "finished"}, "finished"),
        ({"routine_id": 5}, "routine_id"),
        ({"steps": [StepRecord(0, "a", StepStatus.DONE, 1), StepRecord(0, "b",
                                                                  StepStatus.DONE, 1)]},
         "used twice"),
        ({"steps": [StepRecord(0, "a", StepStatus.DONE, -1.0)]}, "seconds"),
        ({"steps": [StepRecord(0, "a", StepStatus.DONE, float("nan"))]}, "seconds"),
        ({"steps": [StepRecord(0, "a", StepStatus.DONE, float("inf"))]}, "seconds"),
        ({"steps": [StepRecord(0, "", StepStatus.DONE, 1.0)]}, "exercise_id"),
        ({"steps": [StepRecord(0, "a", "half", 1.0)]}, "half"),  # type: ignore[arg-type]
        ({"steps": [StepRecord(True, "a", StepStatus.DONE, 1.0)]}, "position"),
        ({"steps": [("a", "done", 1.0)]}, "StepRecord"),
    ],
)
def test_programming_errors_raise_value_error(journal: Journal, changes: dict[str, object],
                                              words: str) -> None:
    args: dict[str, object] = {"planned_at": None, "started_at": T0, "ended_at": T0,
                               "routine_id": "quick", "outcome": Outcome.DONE}
    args.update(changes)
    with pytest.raises(ValueError, match=words):
        journal.record_break(**args)  # type: ignore[arg-type]
    assert count(journal, "breaks") == 0


def test_snoozed_without_a_time_and_zero_length_break_are_fine(journal: Journal) -> None:
    journal.record_break(planned_at=None, started_at=T0, ended_at=T0, routine_id=None,
                         outcome=Outcome.SNOOZED)
    assert count(journal, "breaks") == 1


# -- atomicity and errors the user must hear about ----------------------------


def test_a_step_the_database_refuses_leaves_no_break(
        journal: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    record(journal, T0)
    before = dump(journal)
    # Skip the Python checks so the database's own constraints are what refuse.
    monkeypatch.setattr(journal_store, "_validate_steps", lambda steps: None)
    for bad in ([StepRecord(0, "a", StepStatus.DONE, 1.0), StepRecord(0, "b", StepStatus.DONE,
                                                                       1.0)],
                [StepRecord(0, "a", StepStatus.DONE, 1.0), StepRecord(1, "b", StepStatus.DONE,
                                                                       -5.0)]):
        with pytest.raises(ValueError, match="refused"):
            record(journal, T0 + timedelta(hours=1), steps=bad)
        assert dump(journal) == before
    assert not journal._db.in_transaction
    record(journal, T0 + timedelta(hours=2))  # and the journal still works
    assert count(journal, "breaks") == 2


def test_disk_full_is_a_journal_error_and_changes_nothing(journal: Journal,
                                                          path: Path) -> None:
    record(journal, T0)
    before = dump(journal)
    pages = journal._db.execute("PRAGMA page_count").fetchone()[0]
    journal._db.execute(f"PRAGMA max_page_count = {pages}")  # a real SQLITE_FULL
    big = tuple(StepRecord(i, "x" * 2000, StepStatus.DONE, 1.0) for i in range(20))
    with pytest.raises(JournalError) as exc:
        record(journal, T0 + timedelta(hours=1), steps=big)
    message = str(exc.value)
    assert str(path) in message and "disk is full" in message and "Nothing was changed" in message
    assert dump(journal) == before
    assert not journal._db.in_transaction


def test_failure_half_way_through_the_steps_rolls_back(
        journal: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = Journal._insert_step

    def flaky(db: sqlite3.Connection, break_id: int, step: StepRecord) -> None:
        calls.append(step.position)
        if len(calls) == 2:
            raise sqlite3.OperationalError("disk I/O error")
        real(db, break_id, step)

    monkeypatch.setattr(Journal, "_insert_step", staticmethod(flaky))
    with pytest.raises(JournalError, match="disk reported an error"):
        record(journal, T0, steps=steps(("a", StepStatus.DONE, 1.0), ("b", StepStatus.DONE, 1.0),
                                        ("c", StepStatus.DONE, 1.0)))
    assert calls == [0, 1]
    assert count(journal, "breaks") == 0 and count(journal, "steps") == 0


def test_read_only_journal_is_a_journal_error(journal: Journal, path: Path) -> None:
    pause = journal.start_pause("user", None)
    record(journal, T0)
    before = dump(journal)
    journal._db.execute("PRAGMA query_only = ON")
    for write in (lambda: record(journal, T0 + timedelta(hours=1)),
                  lambda: journal.start_pause("idle", None),
                  lambda: journal.end_pauses(T0)):
        with pytest.raises(JournalError) as exc:
            write()
        assert str(path) in str(exc.value) and "read-only" in str(exc.value)
    journal._db.execute("PRAGMA query_only = OFF")
    assert dump(journal) == before
    assert [p.id for p in journal.active_pauses(T0)] == [pause]


def test_read_only_file_opened_by_uri_is_a_journal_error(path: Path, clock: FakeClock) -> None:
    with Journal.open(path, clock) as j:
        record(j, T0)
    ro = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    j = Journal(ro, path, clock)
    with pytest.raises(JournalError, match="read-only"):
        record(j, T0 + timedelta(hours=1))
    assert len(j.breaks_between(EARLY, LATE)) == 1
    j.close()


def test_journal_locked_by_another_program(journal: Journal, path: Path) -> None:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    journal._db.execute("PRAGMA busy_timeout = 0")
    try:
        with pytest.raises(JournalError, match="another program"):
            record(journal, T0)
    finally:
        other.execute("ROLLBACK")
        other.close()
    record(journal, T0)


def test_unreadable_record_is_a_journal_error(journal: Journal, path: Path) -> None:
    journal._db.execute(
        "INSERT INTO breaks (started_at, ended_at, outcome, created_at)"
        " VALUES ('yesterday', '2024-01-01T00:00:00.000000+00:00', 'done', 'x')")
    with pytest.raises(JournalError, match="cannot read") as exc:
        journal.last_break()
    assert str(path) in str(exc.value)


# -- pauses --------------------------------------------------------------------


def test_pauses_start_expire_and_end(journal: Journal, clock: FakeClock) -> None:
    assert journal.active_pauses(clock.now()) == []
    user = journal.start_pause("user", None)
    clock.advance(minutes=1)
    ice = journal.start_pause("ice", clock.now() + timedelta(minutes=15))
    now = clock.now()
    got = journal.active_pauses(now)
    assert [(p.id, p.reason) for p in got] == [(user, "user"), (ice, "ice")]
    assert got[1].started_at == now and got[1].started_at.tzinfo is UTC
    assert got[1].until == now + timedelta(minutes=15) and got[1].ended_at is None
    # until is exclusive: at that instant the pause is over
    assert [p.id for p in journal.active_pauses(now + timedelta(minutes=15))] == [user]
    journal.end_pauses(now + timedelta(minutes=5), reason="ice")
    assert [p.id for p in journal.active_pauses(now)] == [user]
    journal.end_pauses(now + timedelta(minutes=20))
    assert journal.active_pauses(now) == []
    ended = dict(journal._db.execute("SELECT id, ended_at FROM pauses").fetchall())
    assert ended[ice] == "2024-03-04T08:06:00.000000+00:00"
    assert ended[user] == "2024-03-04T08:21:00.000000+00:00"


def test_end_pauses_records_an_expired_pause_as_ended_at_its_until(
        journal: Journal, clock: FakeClock) -> None:
    until = clock.now() + timedelta(minutes=10)
    pid = journal.start_pause("outside hours", until)
    journal.end_pauses(clock.now() + timedelta(hours=3))
    ended = journal._db.execute("SELECT ended_at FROM pauses WHERE id = ?", (pid,)).fetchone()
    assert ended[0] == journal_records._to_db(until)


@pytest.mark.parametrize(("reason", "until"), [("", None), ("user", NAIVE), (None, None)])
def test_pause_programming_errors(journal: Journal, reason: str, until: datetime) -> None:
    with pytest.raises(ValueError):
        journal.start_pause(reason, until)
    with pytest.raises(ValueError):
        journal.active_pauses(NAIVE)
    with pytest.raises(ValueError):
        journal.end_pauses(NAIVE)


# -- migrations ----------------------------------------------------------------


def test_newer_journal_is_refused_and_left_byte_identical(path: Path, clock: FakeClock) -> None:
    with Journal.open(path, clock) as j:
        record(j, T0)
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(JournalError) as exc:
        Journal.open(path, clock)
    message = str(exc.value)
    assert str(path) in message and "newer posture-coach" in message
    assert "Nothing was changed" in message
    assert path.read_bytes() == before
    # The read-only check may leave SQLite's empty WAL side files, never content.
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert {p.name for p in path.parent.iterdir()} <= {
        "journal.sqlite3", "journal.sqlite3-wal", "journal.sqlite3-shm"}


def test_newer_journal_with_uncheckpointed_wal_is_left_byte_identical(
        tmp_path: Path, path: Path, clock: FakeClock) -> None:
    copy = tmp_path / "copy"
    copy.mkdir()
    with Journal.open(path, clock) as j:
        j._db.execute("PRAGMA wal_autocheckpoint = 0")
        record(j, T0)
        j._db.execute("PRAGMA user_version = 99")
        # the files as a crash would leave them: the newest pages only in the -wal
        for p in path.parent.iterdir():
            (copy / p.name).write_bytes(p.read_bytes())
    target = copy / path.name
    before = {p.name: p.read_bytes() for p in copy.iterdir() if not p.name.endswith("-shm")}
    assert len(before[path.name + "-wal"]) > 0
    with pytest.raises(JournalError, match="newer posture-coach"):
        Journal.open(target, clock)
    after = {p.name: p.read_bytes() for p in copy.iterdir() if not p.name.endswith("-shm")}
    assert after == before


def test_newer_rollback_mode_database_is_not_switched_to_wal(tmp_path: Path,
                                                             clock: FakeClock) -> None:
    path = tmp_path / "j.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE future (x)")
    newer = len(journal_schema.MIGRATIONS) + 1
    con.execute(f"PRAGMA user_version = {newer}")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(JournalError, match=f"schema version {newer}"):
        Journal.open(path, clock)
    assert path.read_bytes() == before


def test_migrating_an_existing_journal_backs_it_up_first(
        path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    with Journal.open(path, clock) as j:
        bid = record(j, T0, steps=steps(("squeeze", StepStatus.DONE, 30.0)))
        old = dump(j)
    known = len(journal_schema.MIGRATIONS)
    monkeypatch.setattr(journal_schema, "MIGRATIONS", (
        *journal_schema.MIGRATIONS, "ALTER TABLE breaks ADD COLUMN mood TEXT NULL;"))
    with Journal.open(path, clock) as j:
        assert j._db.execute("PRAGMA user_version").fetchone()[0] == known + 1
        assert j._db.execute("SELECT id, mood FROM breaks").fetchall() == [(bid, None)]
        got = j.last_break()
        assert got is not None and got.steps[0].exercise_id == "squeeze"
    backup = path.with_name(f"journal.sqlite3.bak-v{known}")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    con = sqlite3.connect(backup)
    assert con.execute("PRAGMA user_version").fetchone()[0] == known
    assert list(con.iterdump()) == old
    con.close()
    # nothing but the journal and its backup is left behind
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "journal.sqlite3", f"journal.sqlite3.bak-v{known}"]


def test_a_new_journal_is_not_backed_up(path: Path, clock: FakeClock,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal_schema, "MIGRATIONS", (*journal_schema.MIGRATIONS, "SELECT 1;"))
    Journal.open(path, clock).close()
    assert sorted(p.name for p in path.parent.iterdir()) == ["journal.sqlite3"]


def test_a_failing_migration_rolls_back_and_keeps_the_backup(
        path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    with Journal.open(path, clock) as j:
        record(j, T0)
        old = dump(j)
    known = len(journal_schema.MIGRATIONS)
    monkeypatch.setattr(journal_schema, "MIGRATIONS", (
        *journal_schema.MIGRATIONS, "CREATE TABLE half (a); CREATE TABLE breaks (b);"))
    with pytest.raises(JournalError) as exc:
        Journal.open(path, clock)
    message = str(exc.value)
    assert (f"version {known + 1}" in message and f"bak-v{known}" in message
            and str(path) in message)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == known
    assert list(con.iterdump()) == old  # "half" was rolled back with the rest
    con.close()


def test_a_version_1_journal_migrates_to_2_keeping_its_breaks(
        path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as m:
        m.setattr(journal_schema, "MIGRATIONS", journal_schema.MIGRATIONS[:1])
        with Journal.open(path, clock) as j:
            bid = record(j, T0, steps=steps(("squeeze", StepStatus.DONE, 30.0)))
            before = j.last_break()
            assert j._db.execute("PRAGMA user_version").fetchone()[0] == 1
    with Journal.open(path, clock) as j:
        assert j._db.execute("PRAGMA user_version").fetchone()[0] >= 2
        assert j.last_break() == before
        assert before is not None and before.id == bid
        assert j.last_thermal() is None
        j.record_thermal(mode="ice", started_at=T0, ended_at=T0 + timedelta(minutes=15),
                         planned_minutes=15, completed=True)
        assert count(j, "thermal_sessions") == 1
        indexes = {r[0] for r in j._db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index'"
            " AND tbl_name = 'thermal_sessions'")}
        assert "thermal_sessions_ended_at" in indexes
    backup = path.with_name("journal.sqlite3.bak-v1")
    con = sqlite3.connect(backup)
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 1
        assert con.execute("SELECT id FROM breaks").fetchall() == [(bid,)]
    finally:
        con.close()


# -- damaged files -------------------------------------------------------------


def real_journal_bytes(folder: Path, clock: FakeClock) -> bytes:
    src = folder / "source.sqlite3"
    with Journal.open(src, clock) as j:
        for i in range(300):
            record(j, T0 + timedelta(minutes=i),
                   steps=steps(("squeeze", StepStatus.DONE, 30.0), ("x" * 100,
                                                                    StepStatus.SKIPPED, 0.0)))
    return src.read_bytes()


def clobbered_page(data: bytes) -> bytes:
    """A real journal with one b-tree page's cell pointers overwritten."""
    page = int.from_bytes(data[16:18], "big")
    mid = (len(data) // page // 2) * page
    return data[:mid + 8] + b"\xee" * 64 + data[mid + 72:]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "first-page-only", "short-page",
                                    "short-header", "magic-only", "clobbered"])
def test_damaged_journal_is_moved_aside_and_a_new_one_started(
        tmp_path: Path, path: Path, clock: FakeClock, damage: str) -> None:
    real = real_journal_bytes(tmp_path, clock)
    bad = {
        "garbage": random.Random(1).randbytes(5000),
        "truncated": real[: len(real) // 2],
        "first-page-only": real[:4096],
        "short-page": real[:2000],  # reads as an empty database claiming schema version 1
        "short-header": real[:50],
        "magic-only": real[:16],
        "clobbered": clobbered_page(real),
    }[damage]
    path.parent.mkdir(mode=0o700)
    path.write_bytes(bad)
    wal = path.with_name(path.name + "-wal")
    wal.write_bytes(b"not really a wal")
    clock.set(datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC))
    with Journal.open(path, clock) as j:
        moved = path.with_name("journal.sqlite3.corrupt-20240506-070809")
        assert j.notice is not None
        assert str(path) in j.notice and str(moved) in j.notice
        assert "Nothing was deleted" in j.notice
        assert moved.read_bytes() == bad
        assert moved.with_name(moved.name + "-wal").read_bytes() == b"not really a wal"
        assert j.last_break() is None
        record(j, T0)
        assert len(j.breaks_between(EARLY, LATE)) == 1
    with Journal.open(path, clock) as j:
        assert j.notice is None
        assert len(j.breaks_between(EARLY, LATE)) == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_two_damaged_journals_in_one_second_both_kept(path: Path, clock: FakeClock) -> None:
    path.parent.mkdir()
    for content in (b"first garbage", b"second garbage"):
        path.write_bytes(content)
        with Journal.open(path, clock) as j:
            assert j.notice is not None
    kept = sorted(p.read_bytes() for p in path.parent.glob("journal.sqlite3.corrupt-*"))
    assert kept == [b"first garbage", b"second garbage"]


def test_zero_length_file_is_an_empty_journal(path: Path, clock: FakeClock) -> None:
    path.parent.mkdir()
    path.write_bytes(b"")
    with Journal.open(path, clock) as j:
        assert j.notice is None
        record(j, T0)
    assert sorted(p.name for p in path.parent.iterdir()) == ["journal.sqlite3"]


def test_unopenable_file_is_not_taken_for_damage(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "is-a-directory"
    folder.mkdir()
    with pytest.raises(JournalError) as exc:
        Journal.open(folder, clock)
    assert str(folder) in str(exc.value)
    assert folder.is_dir() and not list(tmp_path.glob("*.corrupt-*"))


# -- property: what goes in comes back ----------------------------------------

when = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                    timezones=st.sampled_from([UTC, BERLIN, ZoneInfo("America/New_York"),
                                               ZoneInfo("Asia/Kolkata"),
                                               timezone(timedelta(hours=-3, minutes=-30))]))
step_lists = st.lists(
    st.builds(StepRecord, position=st.integers(-(2**63), 2**63 - 1),
              exercise_id=st.text(min_size=1, max_size=20), status=st.sampled_from(StepStatus),
              seconds=st.floats(min_value=0, max_value=1e9, allow_nan=False,
                                allow_infinity=False)),
    max_size=5, unique_by=lambda s: s.position)


@st.composite
def break_args(draw: st.DrawFn) -> dict[str, object]:
    started = draw(when)
    outcome = draw(st.sampled_from(Outcome))
    return {
        "planned_at": draw(st.none() | when),
        "started_at": started,
        "ended_at": started + draw(st.timedeltas(timedelta(0), timedelta(hours=3))),
        "routine_id": draw(st.none() | st.text(max_size=20)),
        "outcome": outcome,
        "steps": draw(step_lists),
        "snooze_until": draw(st.none() | when) if outcome is Outcome.SNOOZED else None,
    }


def utc(value: object) -> datetime | None:
    # Compare in UTC: datetimes in a DST fold never equal ones in another zone.
    return None if value is None else value.astimezone(UTC)  # type: ignore[attr-defined]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(break_args(), max_size=8))
def test_any_recorded_breaks_read_back_equal(calls: list[dict[str, object]]) -> None:
    clock = FakeClock(datetime(2024, 1, 1, tzinfo=UTC))
    with tempfile.TemporaryDirectory() as tmp, Journal.open(Path(tmp) / "j.db", clock) as j:
        expected = []
        for args in calls:
            bid = j.record_break(**args)  # type: ignore[arg-type]
            clock.advance(seconds=1)
            expected.append(BreakRecord(
                id=bid, planned_at=utc(args["planned_at"]),
                started_at=utc(args["started_at"]),  # type: ignore[arg-type]
                ended_at=utc(args["ended_at"]),  # type: ignore[arg-type]
                routine_id=args["routine_id"],  # type: ignore[arg-type]
                outcome=args["outcome"],  # type: ignore[arg-type]
                snooze_until=utc(args["snooze_until"]),
                steps=tuple(sorted(args["steps"],  # type: ignore[call-overload]
                                   key=lambda s: s.position))))
        expected.sort(key=lambda b: (b.ended_at, b.id))
        got = j.breaks_between(EARLY, LATE)
        assert got == expected
        for b in got:
            for value in (b.planned_at, b.started_at, b.ended_at, b.snooze_until):
                assert value is None or value.tzinfo is UTC
        assert j.last_break() == (expected[-1] if expected else None)
        for outcome in Outcome:
            of_kind = [b for b in expected if b.outcome is outcome]
            assert j.last_break([outcome]) == (of_kind[-1] if of_kind else None)


# -- SIGKILL at random moments -------------------------------------------------

CHILD = """
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from posture_coach.core.clock import SystemClock
from posture_coach.core.journal import Journal, Outcome, StepRecord, StepStatus

j = Journal.open(Path(sys.argv[1]), SystemClock())
print("open", flush=True)
i = int(sys.argv[2])
base = datetime(2024, 1, 1, tzinfo=timezone.utc)
while True:
    t = base + timedelta(minutes=i)
    bid = j.record_break(
        planned_at=t, started_at=t, ended_at=t + timedelta(seconds=90), routine_id=f"r{i}",
        outcome=Outcome.DONE,
        steps=[StepRecord(k, f"ex{i}-{k}", StepStatus.DONE, float(k)) for k in range(4)])
    print(bid, i, flush=True)
    i += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="platform: needs POSIX signals")
def test_sigkill_at_random_moments_loses_no_committed_break(tmp_path: Path,
                                                            clock: FakeClock) -> None:
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    path = tmp_path / "data" / "journal.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    reported: dict[int, int] = {}
    started = time.monotonic()
    for run in range(10):
        next_i = 1_000_000 * run  # each child numbers its breaks apart
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(next_i)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO,
                                 env=env, text=True)
        assert child.stdout is not None and child.stderr is not None
        if run % 2:  # any moment, opening and migrating included
            time.sleep(rng.uniform(0.0, 0.3))
        else:  # somewhere in the loop of commits
            assert child.stdout.readline() == "open\n", child.stderr.read()
            time.sleep(rng.uniform(0.0, 0.15))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=10)
        assert child.returncode == -signal.SIGKILL, f"seed {seed}: child failed:\n{err}"
        # only whole lines: the kill may cut the last one short
        for line in out.split("\n")[:-1]:
            if line != "open":
                bid, i = map(int, line.split())
                reported[bid] = i
        with Journal.open(path, clock) as j:
            assert j.notice is None, f"seed {seed}: {j.notice}"
            assert j._db.execute("PRAGMA quick_check").fetchall() == [("ok",)]
            found = {b.id: b for b in j.breaks_between(EARLY, LATE)}
        for bid, i in reported.items():
            b = found.get(bid)
            assert b is not None, f"seed {seed} run {run}: break {bid} was lost"
            assert b.routine_id == f"r{i}", f"seed {seed}: break {bid} is not break {i}"
        # committed but killed before it could say so: still whole, never half a break
        for b in found.values():
            assert [s.exercise_id for s in b.steps] == [
                f"ex{b.routine_id[1:]}-{k}" for k in range(4)], f"seed {seed}: {b}"  # type: ignore[index]
    assert reported, f"seed {seed}: no child ever committed a break"
    assert time.monotonic() - started < 20


# -- ice/heat sessions -----------------------------------------------------------


def test_thermal_session_round_trips_in_utc(journal: Journal, clock: FakeClock) -> None:
    started = T0
    ended = T0 + timedelta(minutes=12)
    tid = journal.record_thermal(mode="heat", started_at=started, ended_at=ended,
                                 planned_minutes=12, completed=True)
    got = journal.last_thermal()
    assert got == ThermalRecord(id=tid, mode="heat", started_at=started, ended_at=ended,
                                planned_minutes=12, completed=True)
    assert got is not None and got.started_at.tzinfo == UTC
    assert journal._db.execute("SELECT created_at FROM thermal_sessions").fetchone()[0] == (
        "2024-03-04T08:00:00.000000+00:00")


def test_last_thermal_and_thermal_between(journal: Journal) -> None:
    assert journal.last_thermal() is None
    assert journal.thermal_between(EARLY, LATE) == []
    ids = []
    for i, (mode, done) in enumerate((("ice", False), ("heat", True), ("ice", True))):
        start = T0 + timedelta(hours=i)
        ids.append(journal.record_thermal(mode=mode, started_at=start,
                                          ended_at=start + timedelta(minutes=5),
                                          planned_minutes=15, completed=done))
    last = journal.last_thermal()
    assert last is not None and last.id == ids[2] and last.mode == "ice" and last.completed
    got = journal.thermal_between(T0 + timedelta(minutes=5), T0 + timedelta(hours=2, minutes=5))
    assert [r.id for r in got] == ids[:2]  # half open: [start, end)
    assert [r.completed for r in got] == [False, True]
    # a stopped-early session that ended later than a completed one is the last
    journal.record_thermal(mode="heat", started_at=T0, ended_at=T0 + timedelta(hours=3),
                           planned_minutes=20, completed=False)
    last = journal.last_thermal()
    assert last is not None and last.planned_minutes == 20 and not last.completed


@pytest.mark.parametrize("changes", [
    {"mode": "steam"},
    {"mode": "ICE"},
    {"planned_minutes": 0},
    {"planned_minutes": 21},
    {"planned_minutes": 12.5},
    {"planned_minutes": True},
    {"completed": 1},
    {"started_at": datetime(2024, 3, 4, 9, 0)},
    {"ended_at": datetime(2024, 3, 4, 9, 10)},
    {"ended_at": T0 - timedelta(seconds=1)},
])
def test_thermal_programming_errors_raise_value_error(journal: Journal,
                                                      changes: dict[str, object]) -> None:
    args: dict[str, object] = {"mode": "ice", "started_at": T0,
                               "ended_at": T0 + timedelta(minutes=10),
                               "planned_minutes": 10, "completed": True}
    args.update(changes)
    with pytest.raises(ValueError):
        journal.record_thermal(**args)  # type: ignore[arg-type]
    assert count(journal, "thermal_sessions") == 0


@pytest.mark.parametrize(("column", "value"), [
    ("mode", "'steam'"), ("planned_minutes", "0"), ("planned_minutes", "21"),
    ("completed", "2"),
])
def test_the_database_itself_refuses_bad_thermal_rows(journal: Journal, column: str,
                                                      value: str) -> None:
    values = {"mode": "'ice'", "started_at": "'x'", "ended_at": "'x'",
              "planned_minutes": "10", "completed": "1", "created_at": "'x'"}
    values[column] = value
    with pytest.raises(sqlite3.IntegrityError):
        journal._db.execute(
            f"INSERT INTO thermal_sessions ({', '.join(values)}) "
            f"VALUES ({', '.join(values.values())})")


def test_disk_full_while_recording_thermal_is_a_journal_error(journal: Journal) -> None:
    journal._db.execute(f"PRAGMA max_page_count = "
                        f"{journal._db.execute('PRAGMA page_count').fetchone()[0]}")
    with pytest.raises(JournalError) as exc:
        for i in range(2000):
            journal.record_thermal(mode="ice", started_at=T0 + timedelta(minutes=i),
                                   ended_at=T0 + timedelta(minutes=i + 1),
                                   planned_minutes=10, completed=True)
    assert str(journal.path) in str(exc.value) and "disk is full" in str(exc.value)


def test_unreadable_thermal_row_is_a_journal_error(journal: Journal) -> None:
    journal._db.execute(
        "INSERT INTO thermal_sessions (mode, started_at, ended_at, planned_minutes,"
        " completed, created_at) VALUES ('ice', 'yesterday', 'today', 10, 1, 'x')")
    with pytest.raises(JournalError) as exc:
        journal.last_thermal()
    assert "ice/heat session" in str(exc.value)


def test_pain_ratings_round_trip_and_are_checked(tmp_path: Path) -> None:
    from posture_coach.core.journal import Outcome as _Outcome

    clock = FakeClock(datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc))
    with Journal.open(tmp_path / "j.sqlite3", clock) as journal:
        assert journal.last_pain() is None
        now = clock.now()
        break_id = journal.record_break(planned_at=None, started_at=now, ended_at=now,
                                        routine_id="desk-reset", outcome=_Outcome.DONE)
        journal.record_pain(at=now, rating=3, break_id=break_id)
        clock.advance(minutes=5)
        journal.record_pain(at=clock.now(), rating=0, note="better")
        last = journal.last_pain()
        assert last is not None and (last.rating, last.note, last.break_id) == (0, "better", None)
        for bad in (-1, 11, True, 2.5):
            with pytest.raises(ValueError):
                journal.record_pain(at=now, rating=bad)  # type: ignore[arg-type]


def test_home_sessions_and_pain_between(path: Path, clock: FakeClock) -> None:
    with Journal.open(path, clock) as j:
        plain = record(j, T0)
        home = j.record_break(planned_at=T0 + timedelta(hours=9), started_at=T0 + timedelta(
            hours=9), ended_at=T0 + timedelta(hours=9, minutes=5), routine_id="program-evening",
            outcome=Outcome.DONE, home_session="evening")
        assert j.home_sessions_between(T0, T0 + timedelta(days=1)) == {home: "evening"}
        assert j.home_sessions_between(T0 + timedelta(days=1), T0 + timedelta(days=2)) == {}
        assert plain != home
        with pytest.raises(ValueError):
            j.record_break(planned_at=None, started_at=T0, ended_at=T0, routine_id=None,
                           outcome=Outcome.DONE, home_session="")
        j.record_pain(at=T0, rating=4, note="stiff in the morning")
        j.record_pain(at=T0 + timedelta(days=2), rating=2)
        pains = j.pain_between(T0, T0 + timedelta(days=1))
        assert [(p.rating, p.note) for p in pains] == [(4, "stiff in the morning")]
