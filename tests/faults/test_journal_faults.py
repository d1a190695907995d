"""The journal under faults, with the wired app (offscreen, fake clock, fake notifier):
a full disk, a read-only disk, a file damaged while the app runs; and the real app
started on a damaged or truncated journal.

Disk full and read-only use a real filesystem: an 8 MB tmpfs mounted for the test (CI
runs as root on a fresh machine; elsewhere these tests skip, in CI they fail).  A tmpfs
gives the real ENOSPC/EROFS errors SQLite sees on a full or read-only disk, unlike
RLIMIT_FSIZE (a signal and EFBIG) or ``PRAGMA max_page_count`` (an SQLite-level limit
that never reaches the WAL file).  Root ignores file permissions, so "read-only" is a
read-only remount, as with a disk that went read-only after an error.

The app must tell the user once per fault, keep running, lose nothing stored, keep
what the user did meanwhile in memory (no reminder right after an unsaved break) and
save it once the fault is gone.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from posture_coach.core.clock import FakeClock
from posture_coach.core.commands import CommandError, Request
from posture_coach.core.journal import Journal, Outcome
from posture_coach.core.settings import FILE_NAME, load_settings
from posture_coach.desktop.sound import SilentSounds
from posture_coach.shell.app import JOURNAL_NAME, PostureCoachApp, Services, load_app_library
from tests.faults.harness import (
    ALWAYS_AT_WORK,
    app_log,
    cli,
    fill,
    immutable,
    journal_facts,
    small_disk,
    start_app,
    stop_app,
    wait_answering,
)
from tests.qt.apphelpers import PINNED_ROTATION
from tests.qt.test_app import MONDAY_10, TZ, FakeIdle, FakeNotifier, breaks, play_through


def build(config: Path, data: Path, qtbot: QtBot) -> tuple[PostureCoachApp, FakeClock,
                                                           FakeNotifier]:
    clock = FakeClock(MONDAY_10)
    notifier = FakeNotifier()
    services = Services(config, data, clock, TZ, idle=FakeIdle(), notifiers=[notifier],
                        use_tray=False, run_jobs=False, sounds=SilentSounds())
    journal = Journal.open(data / JOURNAL_NAME, clock)
    loaded = load_settings(config, clock.now())
    if not (config / FILE_NAME).exists():  # the seated desk reset these tests count on
        loaded = replace(loaded, settings=replace(loaded.settings, routines=PINNED_ROTATION))
    app = PostureCoachApp(services, load_app_library(config).library, loaded, journal)
    app.start()
    return app, clock, notifier


@pytest.fixture
def on_small_disk(tmp_path: Path, qtbot: QtBot
                  ) -> Iterator[tuple[PostureCoachApp, FakeClock, FakeNotifier, Path]]:
    with small_disk(tmp_path / "disk") as disk:
        app, clock, notifier = build(tmp_path / "config", disk / "data", qtbot)
        try:
            yield app, clock, notifier, disk
        finally:
            app.quit()


def a_break(app: PostureCoachApp, clock: FakeClock, rating: int | None = 4) -> None:
    app.break_now(app.routine_id)
    play_through(app, clock, rating)


def titles(notifier: FakeNotifier) -> list[str]:
    return [title for title, _ in notifier.sent]


def check_fault_then_recovery(app: PostureCoachApp, clock: FakeClock, notifier: FakeNotifier,
                              cause: str, heal: object) -> None:
    before = breaks(app)
    clock.advance(minutes=50)
    a_break(app, clock, rating=6)  # this one cannot be saved
    assert titles(notifier).count("Posture Coach could not save") == 1
    message = notifier.sent[-1][1]
    assert cause in message and str(app.journal.path) in message
    assert "kept and will be saved" in message
    assert len(app.coach.unsaved) == 1
    # planned from the break just done, although it is only in memory: no reminder burst
    assert app.coach.current_plan.due == clock.now() + timedelta(minutes=45)
    status = app.handle_command(Request("status", {}))
    assert status["state"] == "running"
    problem = status["journal_problem"]
    assert "failed" in problem and "(2 kept in memory)" in problem  # the break, its rating
    for _ in range(3):  # the fault stays: one message, not one a minute
        clock.advance(minutes=1)
        app.tick()
    assert titles(notifier).count("Posture Coach could not save") == 1
    assert breaks(app) == before  # nothing stored was lost
    heal()  # type: ignore[operator]
    clock.advance(minutes=1)
    app.tick()
    assert app.coach.unsaved == [] and app._kept == []
    assert breaks(app) == [*before, (Outcome.DONE, "desk-reset")]
    assert app.journal.last_pain().rating == 6  # type: ignore[union-attr]
    assert app.journal.last_pain().break_id == app.journal.last_break().id  # type: ignore[union-attr]
    assert titles(notifier)[-1] == "Posture Coach saves again"
    assert app.handle_command(Request("status", {}))["journal_problem"] is None
    clock.advance(minutes=50)
    a_break(app, clock)  # and it keeps working
    assert len(breaks(app)) == len(before) + 2
    app.journal.close()
    assert journal_facts(app.journal.path)["integrity"] == "ok"


def test_disk_full(on_small_disk) -> None:  # type: ignore[no-untyped-def]
    app, clock, notifier, disk = on_small_disk
    clock.advance(minutes=45)
    a_break(app, clock)
    assert breaks(app) == [(Outcome.DONE, "desk-reset")]
    filler = fill(disk)
    check_fault_then_recovery(app, clock, notifier, "the disk is full", filler.unlink)


def test_journal_made_unwritable(tmp_path: Path, qtbot: QtBot) -> None:
    app, clock, notifier = build(tmp_path / "config", tmp_path / "data", qtbot)
    try:
        clock.advance(minutes=45)
        a_break(app, clock)
        path = app.journal.path
        # not the -shm: SQLite maps it into memory, and a write fault there is SIGBUS
        files = [path, path.with_name(path.name + "-wal"), path.parent]
        immutable(files, True)
        try:
            check_fault_then_recovery(app, clock, notifier, "Could not record a break",
                                      lambda: immutable(files, False))
        finally:
            immutable(files, False)
    finally:
        app.quit()


def test_pause_and_ice_heat_while_the_disk_is_full(on_small_disk) -> None:  # type: ignore[no-untyped-def]
    app, clock, notifier, disk = on_small_disk
    filler = fill(disk)
    app.pause("1h")  # cannot be recorded: said so, the app runs on
    assert titles(notifier) == ["Posture Coach could not save"]
    start = clock.now()
    app._ice_heat_started("ice", 10)
    clock.advance(minutes=10)
    app._ice_heat_ended("ice", 10, True, start, clock.now())
    assert "Ice session done" in titles(notifier)
    assert app.journal.last_thermal() is None
    filler.unlink()
    clock.advance(minutes=1)
    app.tick()
    session = app.journal.last_thermal()
    assert session is not None and session.mode == "ice" and session.completed
    assert titles(notifier)[-1] == "Posture Coach saves again"


def test_journal_damaged_while_running(tmp_path: Path, qtbot: QtBot) -> None:
    app, clock, notifier = build(tmp_path / "config", tmp_path / "data", qtbot)
    try:
        clock.advance(minutes=45)
        a_break(app, clock)
        app.journal._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        path = app.journal.path
        data = bytearray(path.read_bytes())
        for page in range(1, len(data) // 4096):  # every page after the first: garbage
            data[page * 4096:(page + 1) * 4096] = b"\xa5" * 4096
        path.write_bytes(bytes(data))
        # SQLite drops cached pages under memory pressure; then it reads the damage
        app.journal._db.execute("PRAGMA shrink_memory")
        with pytest.raises(CommandError, match="damaged"):
            app.handle_command(Request("status", {}))
        for _ in range(3):
            clock.advance(minutes=1)
            app.tick()  # no exception escapes into Qt
        clock.advance(minutes=50)
        app.break_now(app.routine_id)
        play_through(app, clock)
        assert titles(notifier).count("Posture Coach could not save") == 1
        assert "restart posture-coach" in notifier.sent[-1][1]
    finally:
        app.quit()
    # the cure: the next start moves the damaged file aside, whole, and starts afresh
    damaged = path.read_bytes()
    journal = Journal.open(path, FakeClock(MONDAY_10 + timedelta(days=1)))
    assert journal.notice and "moved to" in journal.notice
    [aside] = [p for p in path.parent.iterdir() if ".corrupt-" in p.name
               and not p.name.endswith(("-wal", "-shm"))]
    assert aside.read_bytes() == damaged
    journal.close()


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_real_app_starts_on_a_damaged_journal(tmp_path: Path, damage: str) -> None:
    """The real app (offscreen): the damaged journal is moved aside unchanged, the user
    is told where it went, the app runs and records in a new journal."""
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.yaml").write_text(ALWAYS_AT_WORK)
    data = tmp_path / "data"
    data.mkdir()
    good = tmp_path / "good.sqlite3"
    journal = Journal.open(good, FakeClock(datetime(2026, 11, 20, 9, tzinfo=TZ)))
    journal.record_break(planned_at=None, started_at=datetime(2026, 11, 20, 9, tzinfo=TZ),
                         ended_at=datetime(2026, 11, 20, 9, 2, tzinfo=TZ),
                         routine_id="desk-reset", outcome=Outcome.DONE)
    journal.close()
    raw = good.read_bytes()
    bad = raw[:60] if damage == "truncated" else b"\x00garbage" * 500
    (data / JOURNAL_NAME).write_bytes(bad)
    proc = start_app(tmp_path)
    try:
        status = wait_answering(tmp_path, proc)
        assert "Breaks are on." in status
    finally:
        stop_app(tmp_path, proc)
    log = app_log(tmp_path)
    assert "was damaged" in log and "moved to" in log
    [aside] = [p for p in data.iterdir() if ".corrupt-" in p.name]
    assert aside.read_bytes() == bad
    assert journal_facts(data / JOURNAL_NAME)["integrity"] == "ok"
    shutil.rmtree(tmp_path / "run", ignore_errors=True)


def test_real_app_runs_when_the_journal_cannot_be_opened(tmp_path: Path) -> None:
    """The real app (offscreen) on a journal it cannot open (unwritable, even for root):
    it runs with a journal in memory, says so in ``status`` and its log, answers
    commands, and leaves the file as it was; fixed, the next start uses the file."""
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.yaml").write_text(ALWAYS_AT_WORK)
    data = tmp_path / "data"
    data.mkdir()
    path = data / JOURNAL_NAME
    journal = Journal.open(path, FakeClock(datetime(2026, 11, 20, 9, tzinfo=TZ)))
    journal.record_break(planned_at=None, started_at=datetime(2026, 11, 20, 9, tzinfo=TZ),
                         ended_at=datetime(2026, 11, 20, 9, 2, tzinfo=TZ),
                         routine_id="desk-reset", outcome=Outcome.DONE)
    journal.close()
    (data / "logs").mkdir()
    before = path.read_bytes()
    immutable([path, data], True)
    try:
        proc = start_app(tmp_path)
        try:
            status = wait_answering(tmp_path, proc)
            assert "Journal: " in status and "nothing is saved" in status
            assert cli(tmp_path, "snooze", "10").returncode == 0  # kept in memory
        finally:
            stop_app(tmp_path, proc)
    finally:
        immutable([path, data], False)
    assert path.read_bytes() == before
    assert "running with a journal in memory" in app_log(tmp_path)
    proc = start_app(tmp_path)
    try:
        status = wait_answering(tmp_path, proc)
        assert "Journal:" not in status and "Last break: done at" in status
    finally:
        stop_app(tmp_path, proc)


def test_two_breaks_while_the_disk_is_full(on_small_disk) -> None:  # type: ignore[no-untyped-def]
    """Both are kept, planned with, saved in order, each with its own rating."""
    app, clock, notifier, disk = on_small_disk
    filler = fill(disk)
    clock.advance(minutes=45)
    a_break(app, clock, rating=2)
    first_due = app.coach.current_plan.due
    assert first_due == clock.now() + timedelta(minutes=45)
    clock.advance(minutes=45)
    a_break(app, clock, rating=9)
    assert len(app.coach.unsaved) == 2 and len(app._kept) == 2
    assert titles(notifier) == ["Posture Coach could not save"]
    filler.unlink()
    clock.advance(minutes=1)
    app.tick()
    records = app.journal.breaks_between(MONDAY_10, clock.now())
    assert [r.outcome for r in records] == [Outcome.DONE, Outcome.DONE]
    ratings = app.journal._db.execute("SELECT rating, break_id FROM pain ORDER BY id").fetchall()
    assert ratings == [(2, records[0].id), (9, records[1].id)]
