"""One sync at a time per data folder, across processes: a sync holds ``sync.lock``
exclusively while it reads and merges, and lets it go when it ends (also on an error)."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from posture_coach.core import sync
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal
from posture_coach.core.sync import engine

from .test_sync import T0, record_some


def _free(data: Path) -> bool:
    """Could another process take the sync lock now?"""
    fd = os.open(data / engine.LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def test_a_sync_holds_the_lock_and_releases_it(tmp_path: Path) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    data = tmp_path / "a"
    with Journal.open(data / "journal.sqlite3", FakeClock(T0)) as journal:
        config = sync.enable(data, folder, None)
        record_some(journal, T0, 2)
        seen: list[bool] = []

        def stop() -> bool:
            seen.append(_free(data))
            return False

        sync.sync_once(journal, data, config, stop=stop)
        assert seen and not any(seen)  # asked during the sync: held
        assert _free(data)  # after it: free again

        def fail() -> bool:
            raise RuntimeError("boom")

        with pytest.raises(RuntimeError):
            sync.sync_once(journal, data, config, stop=fail)
        assert _free(data)
