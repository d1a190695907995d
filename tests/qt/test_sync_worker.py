"""Sync off the GUI thread (issue 19): the running app merges on a worker thread with its
own connection to the journal, the GUI keeps answering meanwhile, a break recorded during
a merge is stored (or kept by the journal-fault retry and stored later) and synced, and
quitting during a merge stops it between two whole batches."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from posture_coach.core import sync
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal, Outcome, sync_rows
from posture_coach.core.sync import engine
from posture_coach.core.sync import folder as fs
from posture_coach.core.sync.records import encode
from posture_coach.shell.app import JOURNAL_NAME, PostureCoachApp
from tests.qt.apphelpers import FakeNotifier, build_app

TZ = ZoneInfo("Europe/Berlin")
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)
OTHER = "0123456789abcdef"


def write_other_computer(folder: Path, n: int, first: int = 0) -> None:
    """Another computer's ``n`` breaks (three steps each) in the folder, written as it
    would (rotated files), without a journal of its own: quick to make."""
    start = datetime(2016, 1, 4, 9, 0, tzinfo=timezone.utc)
    lines = []
    for i in range(first, first + n):
        at = start + timedelta(minutes=30 * i)
        t = at.isoformat(timespec="microseconds")
        end = (at + timedelta(minutes=2)).isoformat(timespec="microseconds")
        lines.append(encode("break", f"{i:032x}", {
            "planned_at": t, "started_at": t, "ended_at": end, "created_at": end,
            "routine_id": "desk-reset", "outcome": "done", "snooze_until": None,
            "home_session": None,
            "steps": [[0, "chin-tuck", "done", 30.0], [1, "shoulder-rolls", "done", 30.0],
                      [2, "doorway-stretch", "skipped", 0.0]]}))
    fs.write_device_file(folder, OTHER, "the other computer")
    fs.append_records(folder, OTHER, lines)


def other_breaks(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM breaks WHERE uid LIKE '0000%'"
                                ).fetchone()[0])


@pytest.fixture
def app_and_folder(tmp_path: Path, qtbot: QtBot) -> Iterator[tuple[PostureCoachApp, Path,
                                                                    FakeNotifier]]:
    folder = tmp_path / "Sync"
    folder.mkdir()
    (tmp_path / "data").mkdir(mode=0o700)
    sync.enable(tmp_path / "data", folder)
    notifier = FakeNotifier()
    app = build_app(tmp_path, FakeClock(MONDAY_10), TZ, notifier)
    app.sync.timer.setInterval(50)  # the debounce, short for the test
    qtbot.waitUntil(lambda: app.sync.syncs >= 1 and not app.sync.running
                    and not app.sync.timer.isActive(), timeout=10_000)
    yield app, folder, notifier
    app.quit()


class Gate:
    """Holds the worker inside its merge transaction (the write lock taken) until let go:
    what a long merge batch looks like to the GUI thread's own writes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.inside = threading.Event()
        self.release = threading.Event()
        real = sync_rows._insert_breaks

        def held(db: sqlite3.Connection, rows: Any) -> dict[str, int]:
            ids = real(db, rows)
            if not self.inside.is_set():
                self.inside.set()
                self.release.wait(20)
            return ids

        monkeypatch.setattr(sync_rows, "_insert_breaks", held)


def skip_a_break(app: PostureCoachApp) -> None:
    """The person skips a break: the app records it (on the GUI thread, its connection)."""
    app.break_now("desk-reset")
    app.break_window.finish()
    app.break_window.rate(None)


def our_lines(app: PostureCoachApp, folder: Path) -> bytes:
    config = sync.load_config(app.services.data)
    assert config is not None
    return b"".join(p.read_bytes() for p in
                    (fs.app_folder(folder) / config.device).glob("*.jsonl"))


def test_the_gui_keeps_running_during_a_big_merge(app_and_folder, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    app, folder, _ = app_and_folder
    n = 12_000
    write_other_computer(folder, n)
    app.show_history()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    try:
        qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=2_000)
        started, before = time.perf_counter(), len(ticks)
        app.sync.sync_now()
        qtbot.waitUntil(lambda: not app.sync.running, timeout=60_000)
        took = time.perf_counter() - started
        during = [t for t in ticks[before:] if t - started < took]
    finally:
        timer.stop()
    assert other_breaks(app.journal.path) == n  # merged, every one
    assert app.history_window.day_table.rowCount() > 0
    # the GUI thread's timer went on ticking while the worker merged (on the GUI thread
    # it could not tick once until the merge was over)
    assert len(during) >= 10, (len(during), took)
    gaps = [b - a for a, b in zip([started, *during], during)]
    assert max(gaps) < max(0.5, took / 3), (max(gaps), took)


def test_a_break_recorded_during_a_merge_is_stored_and_synced(
        app_and_folder, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    app, folder, notifier = app_and_folder
    gate = Gate(monkeypatch)
    write_other_computer(folder, 50)
    app.sync.sync_now()
    qtbot.waitUntil(gate.inside.is_set, timeout=10_000)  # the worker holds the write lock
    threading.Timer(0.3, gate.release.set).start()  # its transaction ends in 0.3 s
    before = len(app.journal.breaks_between(MONDAY_10 - timedelta(hours=1),
                                            MONDAY_10 + timedelta(hours=1)))
    skip_a_break(app)  # the GUI thread's write waits for the lock (busy timeout), then works
    assert not [t for t, _ in notifier.sent if "could not save" in t]
    ours = app.journal.breaks_between(MONDAY_10 - timedelta(hours=1),
                                      MONDAY_10 + timedelta(hours=1))
    assert len(ours) == before + 1 and ours[-1].outcome is Outcome.SKIPPED
    qtbot.waitUntil(lambda: not app.sync.running and app.sync.syncs >= 3, timeout=10_000)
    assert other_breaks(app.journal.path) == 50
    qtbot.waitUntil(lambda: b'"outcome":"skipped"' in our_lines(app, folder), timeout=10_000)


def test_a_change_during_a_sync_runs_one_more_after_it(
        app_and_folder, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    app, folder, _ = app_and_folder
    gate = Gate(monkeypatch)
    write_other_computer(folder, 50)
    app.sync.sync_now()
    app.sync.stop()  # only what this test says starts a sync (the watcher is tested above)
    qtbot.waitUntil(gate.inside.is_set, timeout=10_000)
    worker, before = app.sync._worker, app.sync.syncs
    write_other_computer(folder, 30, first=50)  # more arrives while it merges
    app.sync.sync_now()  # what the watcher's debounce does then
    app.sync.sync_now()
    assert app.sync._worker is worker  # one sync at a time
    gate.release.set()
    qtbot.waitUntil(lambda: other_breaks(app.journal.path) == 80 and not app.sync.running,
                    timeout=10_000)
    assert app.sync.syncs == before + 2  # the one under way and one more, not two more


def test_a_write_that_waits_too_long_is_kept_and_saved_after(
        app_and_folder, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    app, folder, notifier = app_and_folder
    gate = Gate(monkeypatch)
    app.journal._db.execute("PRAGMA busy_timeout = 100")  # the GUI gives up after 0.1 s
    write_other_computer(folder, 50)
    app.sync.sync_now()
    qtbot.waitUntil(gate.inside.is_set, timeout=10_000)
    skip_a_break(app)  # the lock is held longer: "database is locked"
    assert [m for t, m in notifier.sent if "could not save" in t]
    assert app.guard.keeping and app.coach.unsaved  # kept in memory, not lost
    gate.release.set()
    qtbot.waitUntil(lambda: not app.sync.running, timeout=10_000)
    app.breaks.tick()  # the minute tick retries what the fault kept
    assert not app.guard.keeping
    day = app.journal.breaks_between(MONDAY_10 - timedelta(hours=1),
                                     MONDAY_10 + timedelta(hours=1))
    assert [b.outcome for b in day] == [Outcome.SKIPPED]
    assert any("saves again" in t for t, _ in notifier.sent)
    qtbot.waitUntil(lambda: b'"outcome":"skipped"' in our_lines(app, folder), timeout=10_000)


def test_quitting_during_a_merge_stops_it_between_whole_batches(
        tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    (tmp_path / "data").mkdir(mode=0o700)
    config = sync.enable(tmp_path / "data", folder)
    n = 6 * engine.MERGE_BATCH
    write_other_computer(folder, n)
    batches = threading.Event()
    real = sync_rows._insert_breaks

    def counted(db: sqlite3.Connection, rows: Any) -> dict[str, int]:
        batches.set()
        return real(db, rows)

    monkeypatch.setattr(sync_rows, "_insert_breaks", counted)
    app = build_app(tmp_path, FakeClock(MONDAY_10), TZ)
    app.sync.sync_now()  # (the start's own sync is due after the debounce)
    qtbot.waitUntil(batches.is_set, timeout=20_000)  # merging
    started = time.perf_counter()
    app.quit()
    assert time.perf_counter() - started < 5.0  # neither hangs nor waits for the whole merge
    assert not app.sync.running
    path = tmp_path / "data" / JOURNAL_NAME
    merged = other_breaks(path)
    assert 0 < merged < n and merged % engine.MERGE_BATCH == 0  # whole batches only
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        steps = conn.execute("SELECT count(*) FROM steps").fetchone()[0]
    assert steps == 3 * merged  # no break without its steps
    with Journal.open(path, FakeClock(MONDAY_10)) as journal:  # the next start: the rest
        assert sync.sync_once(journal, tmp_path / "data", config).added.total == n - merged
    assert other_breaks(path) == n
