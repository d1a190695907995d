"""Sync in the running app (issue 19): the folder watched with a real QFileSystemWatcher,
another computer's break merged and shown in the open History, ours written out, the
Sync tab of Settings, and `sync-changed` from the command line."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from posture_coach.core import sync
from posture_coach.core.clock import FakeClock
from posture_coach.core.commands import Request
from posture_coach.core.journal import Journal, Outcome
from posture_coach.core.sync import folder as fs
from posture_coach.shell.app import PostureCoachApp
from tests.qt.apphelpers import FakeNotifier, build_app

TZ = ZoneInfo("Europe/Berlin")
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)


class Other:
    """The other computer: its own journal and data folder, synced without the app."""

    def __init__(self, root: Path, folder: Path):
        self.data = root / "other"
        self.journal = Journal.open(self.data / "journal.sqlite3", FakeClock(MONDAY_10))
        self.config = sync.enable(self.data, folder)

    def record_and_sync(self, at: datetime) -> None:
        self.journal.record_break(planned_at=None, started_at=at,
                                  ended_at=at + timedelta(minutes=1), routine_id="desk-reset",
                                  outcome=Outcome.NATURAL)
        sync.sync_once(self.journal, self.data, self.config)


@pytest.fixture
def synced(tmp_path: Path, qtbot: QtBot) -> Iterator[tuple[PostureCoachApp, Other, Path,
                                                           FakeNotifier]]:
    folder = tmp_path / "Sync"
    folder.mkdir()
    other = Other(tmp_path, folder)  # the folder has another computer before the app starts
    (tmp_path / "data").mkdir(mode=0o700)
    sync.enable(tmp_path / "data", folder)
    notifier = FakeNotifier()
    app = build_app(tmp_path, FakeClock(MONDAY_10), TZ, notifier)
    app.sync.timer.setInterval(50)  # the debounce, short for the test
    yield app, other, folder, notifier
    app.quit()
    other.journal.close()


def settled(app: PostureCoachApp, qtbot: QtBot) -> None:
    """The app synced and has nothing pending: what comes next only a change can start."""
    qtbot.waitUntil(lambda: app.sync.syncs >= 1 and not app.sync.timer.isActive()
                    and not app.sync.running, timeout=5_000)


def sync_and_wait(app: PostureCoachApp, qtbot: QtBot) -> None:
    """One sync now, on the worker, and wait for its result on the GUI thread."""
    qtbot.waitUntil(lambda: not app.sync.running, timeout=10_000)
    app.sync.sync_now()
    qtbot.waitUntil(lambda: not app.sync.running, timeout=10_000)


def natural_breaks(app: PostureCoachApp) -> int:
    day = MONDAY_10 - timedelta(hours=10)
    return sum(b.outcome is Outcome.NATURAL
               for b in app.journal.breaks_between(day, day + timedelta(days=1)))


def test_a_break_on_the_other_computer_shows_in_the_open_history(synced, qtbot: QtBot
                                                                 ) -> None:  # type: ignore[no-untyped-def]
    app, other, _, _ = synced
    app.show_history()
    assert "1 natural" not in app.history_window.today_label.text()
    assert app.sync.watcher.directories()  # watched, not polled
    settled(app, qtbot)
    other.record_and_sync(MONDAY_10 - timedelta(minutes=30))
    qtbot.waitUntil(lambda: natural_breaks(app) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: "1 natural" in app.history_window.today_label.text(),
                    timeout=5_000)
    settled(app, qtbot)
    other.record_and_sync(MONDAY_10 - timedelta(minutes=20))  # the file grows: merged again
    qtbot.waitUntil(lambda: natural_breaks(app) == 2, timeout=10_000)


def test_a_break_here_is_written_to_the_folder(synced, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    app, other, folder, _ = synced
    settled(app, qtbot)
    config = sync.load_config(app.services.data)
    assert config is not None
    app.journal.record_pain(at=MONDAY_10, rating=4)
    app.breaks.history_changed()  # what the break controller says after recording
    mine = fs.app_folder(folder) / config.device
    qtbot.waitUntil(lambda: any(b'"kind":"pain"' in p.read_bytes()
                                for p in mine.glob("*.jsonl")), timeout=5_000)
    assert sync.sync_once(other.journal, other.data, other.config).added.added["pain"] == 1


def test_a_damaged_line_is_told_once(synced, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    app, other, folder, notifier = synced
    settled(app, qtbot)
    other.record_and_sync(MONDAY_10 - timedelta(minutes=30))
    path = next((fs.app_folder(folder) / other.config.device).glob("*.jsonl"))
    path.write_bytes(path.read_bytes() + b'{"v":1,"kind":"break"}\n')
    qtbot.waitUntil(lambda: any("could not read" in t for t, _ in notifier.sent),
                    timeout=10_000)
    sync_and_wait(app, qtbot)
    sync_and_wait(app, qtbot)
    told = [m for t, m in notifier.sent if "could not read" in t]
    assert len(told) == 1 and f"{path}:2:" in told[0]
    assert natural_breaks(app) == 1


def test_the_sync_tab_lists_the_computers_and_stops(synced, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    app, other, folder, _ = synced
    other.record_and_sync(MONDAY_10 - timedelta(minutes=30))
    sync_and_wait(app, qtbot)
    app.show_settings()
    dialog = app.settings_dialog
    tabs = [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]
    assert tabs[-1] == "Sync"  # S&ync: the other tabs have n, s
    panel = dialog.tabs.widget(dialog.tabs.count() - 1)
    assert panel.folder_label.text() == f"Syncing through {folder}."
    lines = [panel.devices.item(i).text() for i in range(panel.devices.count())]
    assert len(lines) == 2 and sum("(this computer)" in line for line in lines) == 1
    assert any("1 record" in line and "last wrote 20" in line for line in lines)
    assert "health data" in " ".join(w.text() for w in panel.findChildren(type(panel.message)))
    panel.stop_button.click()
    assert panel.folder_label.text() == "Sync is off."
    assert sync.load_config(app.services.data) is None
    assert natural_breaks(app) == 1  # the journal keeps what was merged


def test_sync_changed_from_the_command_line_reloads(synced, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    app = synced[0]
    sync.disable(app.services.data)
    app.commands(Request("sync-changed", {}))
    qtbot.waitUntil(lambda: app.sync.config is None, timeout=2_000)
    assert app.sync.watcher.directories() == []


def test_sync_now_from_the_command_line_shows_in_the_open_history(synced, qtbot: QtBot
                                                                  ) -> None:  # type: ignore[no-untyped-def]
    app, other, _, _ = synced
    settled(app, qtbot)
    app.show_history()
    app.sync.stop()  # as if the watcher had not seen it yet: `sync now` merges it
    other.record_and_sync(MONDAY_10 - timedelta(minutes=30))
    config = sync.load_config(app.services.data)
    assert config is not None
    with Journal.open(app.services.data / "journal.sqlite3", FakeClock(MONDAY_10)) as cli:
        assert sync.sync_once(cli, app.services.data, config).added.total == 1
    app.commands(Request("sync-changed", {}))  # what `sync now` sends the running copy
    qtbot.waitUntil(lambda: "1 natural" in app.history_window.today_label.text(),
                    timeout=5_000)


def test_a_folder_not_mounted_is_told_once_and_not_watched(tmp_path: Path, qtbot: QtBot
                                                           ) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    (tmp_path / "data").mkdir(mode=0o700)
    sync.enable(tmp_path / "data", folder)
    shutil.rmtree(folder)  # the drive is not mounted
    notifier = FakeNotifier()
    app = build_app(tmp_path, FakeClock(MONDAY_10), TZ, notifier)
    try:
        sync_and_wait(app, qtbot)
        sync_and_wait(app, qtbot)
        told = [m for t, m in notifier.sent if "could not sync" in t]
        assert len(told) == 1 and "is missing" in told[0]
        assert app.sync.watcher.directories() == []
    finally:
        app.quit()


def test_deleting_all_data_stops_syncing_so_nothing_comes_back(
        synced, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """"Delete all my data" while syncing: a sync under way is stopped first (its writes
    would go to the deleted journal) and sync is turned off, or the next sync would merge
    the other computer's records straight back into the fresh journal. The folder's files
    are kept, as "stop syncing" keeps them."""
    app, other, folder, _ = synced
    settled(app, qtbot)
    other.record_and_sync(MONDAY_10 - timedelta(minutes=30))
    qtbot.waitUntil(lambda: natural_breaks(app) == 1, timeout=10_000)
    settled(app, qtbot)
    files_before = sorted(p.name for p in fs.app_folder(folder).rglob("*.jsonl"))
    app.show_history()
    window = app.history_window
    monkeypatch.setattr(window, "ask", lambda title, text: True)
    other.record_and_sync(MONDAY_10 - timedelta(minutes=20))  # arrives as the person deletes
    window.delete_button.click()
    assert "All your data was deleted" in window.status.text()
    assert "Syncing was turned off" in window.status.text()
    assert sync.load_config(app.services.data) is None and app.sync.config is None
    other.record_and_sync(MONDAY_10 - timedelta(minutes=10))
    app.sync.sync_now()  # as a change in the folder would
    qtbot.wait(300)
    assert natural_breaks(app) == 0 and app.journal.last_break() is None
    assert set(files_before) <= {p.name for p in fs.app_folder(folder).rglob("*.jsonl")}
    # syncing can be turned on again, and then it merges as before
    assert app.sync.enable(folder, None) is None
    qtbot.waitUntil(lambda: natural_breaks(app) == 3, timeout=10_000)


def test_settings_and_program_follow_through_the_sync_tab(synced, qtbot: QtBot,
                                                          tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Ticked in the Sync tab: the other computer's newer settings are applied through
    the settings model (what was replaced kept and named), a change here goes out."""
    from dataclasses import replace as changed

    from posture_coach.core.settings import Settings, load_settings, save_settings
    from posture_coach.core.sync import snapshot
    from tests.core.test_sync_settings import _library

    app, other, folder, notifier = synced
    library = _library()
    other_config = tmp_path / "other-config"
    save_settings(other_config, Settings(interval_min=35, start_at_login=True))
    other_sync = sync.share_settings(other.data, True)
    from posture_coach.core.program_store import ProgramStore
    from tests.program_helpers import write_program

    theirs = ProgramStore(other.data).import_file(write_program(tmp_path / "pt"), library)
    assert app.programs.program is None

    def other_settings() -> snapshot.Outcome:
        return sync.sync_settings(
            other.data, other_sync, MONDAY_10,
            lambda: (load_settings(other_config, MONDAY_10).settings,
                     snapshot.program_payload(other.data, library)),
            snapshot.apply_files(other_config, other.data, library))

    assert other_settings().wrote is not None
    settled(app, qtbot)
    app.show_settings()
    dialog = app.settings_dialog
    panel = dialog.tabs.widget(dialog.tabs.count() - 1)
    assert panel.share_settings.isEnabled() and not panel.share_settings.isChecked()
    panel.share_settings.click()
    qtbot.waitUntil(lambda: app.model.current.interval_min == 35, timeout=10_000)
    assert app.model.current.start_at_login is False  # this computer's own
    assert app.programs.program is not None  # loaded, as an import loads it
    assert app.programs.store.active_id() == theirs.id
    assert load_settings(app.services.config, MONDAY_10).settings.interval_min == 35
    kept = list(app.services.data.glob("sync-replaced-*.json"))
    assert len(kept) == 1
    qtbot.waitUntil(lambda: str(kept[0]) in panel.settings_note.text(), timeout=5_000)
    assert not panel.settings_note.isHidden() and panel.share_settings.isChecked()
    assert any("Settings from your other computer" in t for t, _ in notifier.sent)
    config = sync.load_config(app.services.data)
    assert config is not None and config.settings
    # a change here goes out to the other computer (nothing else pending meanwhile)
    settled(app, qtbot)
    app.settings_ctl.apply(changed(app.model.current, interval_min=50))
    mine = fs.app_folder(folder) / config.device / snapshot.SNAPSHOT_FILE
    qtbot.waitUntil(lambda: mine.exists() and b'"interval_min": 50' in mine.read_bytes(),
                    timeout=10_000)
    assert other_settings().took is not None
    assert load_settings(other_config, MONDAY_10).settings.interval_min == 50
    panel.share_settings.click()  # off again
    config = sync.load_config(app.services.data)
    assert config is not None and not config.settings
