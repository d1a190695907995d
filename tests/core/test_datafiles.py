"""Privacy: the data folder is user-only, and "Delete all my data" deletes it all."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timezone
from pathlib import Path

from posture_coach.core import datafiles
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal, Outcome
from posture_coach.core.logsetup import log_file

NOW = datetime(2026, 3, 10, 12, tzinfo=timezone.utc)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_folder_0700_files_0600(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Journal.open(datafiles.journal_path(data), FakeClock(NOW)) as j:
        j.record_break(planned_at=None, started_at=NOW, ended_at=NOW, routine_id=None,
                       outcome=Outcome.DONE)
    os.chmod(data, 0o755)
    os.chmod(datafiles.journal_path(data), 0o644)
    log_file(data).parent.mkdir()
    log_file(data).write_text("x")
    os.chmod(log_file(data), 0o644)
    datafiles.make_private(data)
    assert mode(data) == 0o700
    assert mode(datafiles.journal_path(data)) == 0o600
    assert mode(log_file(data)) == 0o600 and mode(log_file(data).parent) == 0o700
    fresh = tmp_path / "fresh"
    datafiles.make_private(fresh)
    assert mode(fresh) == 0o700


def test_delete_all_removes_journal_side_files_backups_logs_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Journal.open(datafiles.journal_path(data), FakeClock(NOW)) as j:
        j.record_pain(at=NOW, rating=3)
        names = {p.name for p in data.iterdir()}
        assert "journal.sqlite3-wal" in names
        for extra in ("journal.sqlite3.bak-v3", "journal.sqlite3.corrupt-20260101-000000"):
            (data / extra).write_text("old")
        log_file(data).parent.mkdir()
        log_file(data).write_text("log")
        (log_file(data).parent / "posture-coach.log.1").write_text("older log")
    (data / "my-notes.txt").write_text("not ours")
    (data / "cache" / "yaml").mkdir(parents=True)
    (data / "cache" / "yaml" / "abc.json").write_text("{}")  # parsed copies of files
    deleted = datafiles.delete_all(data)
    assert {p.name for p in deleted} >= {"journal.sqlite3", "journal.sqlite3.bak-v3",
                                         "journal.sqlite3.corrupt-20260101-000000",
                                         "posture-coach.log", "posture-coach.log.1",
                                         "abc.json"}
    assert sorted(p.name for p in data.rglob("*") if p.is_file()) == ["my-notes.txt"]
    with Journal.open(datafiles.journal_path(data), FakeClock(NOW)) as j:
        assert j.last_pain() is None
