"""The settings and the home program through the sync folder (issue 19, optional): the
newest wins whatever the order, a computer whose clock is off cannot keep winning, ties
go the same way everywhere, a bad snapshot is refused with its place, what is replaced
is kept, start at login stays each computer's own."""

from __future__ import annotations

import json
import random
import stat
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posture_coach.core import sync
from posture_coach.core.program_store import ProgramStore
from posture_coach.core.settings import Settings, load_settings, save_settings
from posture_coach.core.sync import snapshot
from posture_coach.core.sync.snapshot import Snapshot, State, plan
from tests.program_helpers import write_program

UTC = timezone.utc
T0 = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)


def _at(when: datetime) -> str:
    return when.isoformat(timespec="microseconds")


def _settings(interval: int) -> dict[str, Any]:
    return snapshot.shared_settings(Settings(interval_min=interval))


# -- the plan: pure -------------------------------------------------------------------------


def test_the_first_computer_writes_and_the_next_joins_it() -> None:
    first = plan(_settings(40), None, [], None, "aa" * 8, T0)
    assert first.write is not None and first.take is None
    assert first.write.at == _at(T0) and first.state == State(first.write.digest,
                                                              _at(T0), "aa" * 8)
    joined = plan(_settings(45), None, [first.write], None, "bb" * 8, T0 + timedelta(days=1))
    assert joined.take == first.write and joined.write is None  # not its defaults over it


def test_a_new_computer_joining_with_its_defaults_does_not_beat_one_not_yet_arrived() -> None:
    """The laptop's snapshot is on its way (the sync engine has not brought it yet) when
    the new computer turns the option on: its defaults are not written, and the laptop's
    is taken when it comes, however old."""
    defaults = snapshot.shared_settings(Settings())
    new = plan(defaults, None, [], None, "bb" * 8, T0 + timedelta(days=3))
    assert new.write is None and new.take is None and new.state is not None
    laptop = Snapshot("aa" * 8, _at(T0), _settings(30), None)
    later = plan(defaults, None, [laptop], new.state, "bb" * 8, T0 + timedelta(days=3, hours=1))
    assert later.take == laptop
    # once changed here, its settings are written as any change is
    changed = plan(_settings(50), None, [], new.state, "bb" * 8, T0 + timedelta(days=3))
    assert changed.write is not None and changed.write.settings == _settings(50)


def test_a_change_here_is_written_after_the_newest_seen_even_with_the_clock_behind() -> None:
    ahead = Snapshot("cc" * 8, _at(T0 + timedelta(days=5 * 365)), _settings(30), None)
    state = State(snapshot.digest_of(_settings(30), None), ahead.at, ahead.device)
    out = plan(_settings(55), None, [ahead], state, "aa" * 8, T0)  # changed here, later
    assert out.write is not None and out.write.key > ahead.key
    assert out.write.at == _at(T0 + timedelta(days=5 * 365, microseconds=1))


def test_a_tie_goes_to_the_larger_device_id_on_every_computer() -> None:
    a = Snapshot("aa" * 8, _at(T0), _settings(30), None)
    b = Snapshot("bb" * 8, _at(T0), _settings(50), None)
    for mine in ("cc" * 8, "dd" * 8):
        for order in ([a, b], [b, a]):
            assert plan(_settings(45), None, order, None, mine, T0).take == b


def test_nothing_to_do_when_nothing_changed() -> None:
    a = Snapshot("aa" * 8, _at(T0), _settings(30), None)
    state = State(a.digest, a.at, a.device)
    assert plan(_settings(30), None, [a], state, "bb" * 8, T0 + timedelta(hours=1)) \
        == snapshot.Plan()


class _World:
    """Computers and a folder, in memory: each computer has settings, a clock offset and
    its state; the folder holds each one's last snapshot."""

    def __init__(self, offsets: list[int]):
        self.ids = [f"{i + 1:02x}" * 8 for i in range(len(offsets))]
        self.offsets = offsets
        self.local = {d: _settings(45) for d in self.ids}
        self.state: dict[str, State | None] = dict.fromkeys(self.ids)
        self.folder: dict[str, Snapshot] = {}
        self.now = T0

    def sync(self, i: int, shuffle: random.Random) -> None:
        device = self.ids[i]
        self.now += timedelta(minutes=1)
        seen = list(self.folder.values())
        shuffle.shuffle(seen)  # the order files are read in must not matter
        out = plan(self.local[device], None, seen, self.state[device], device,
                   self.now + timedelta(hours=self.offsets[i]))
        if out.write is not None:
            self.folder[device] = out.write
            self.state[device] = out.state
        elif out.take is not None:
            self.local[device] = dict(out.take.settings)
            self.state[device] = State(snapshot.digest_of(self.local[device], None),
                                       out.take.at, out.take.device)
        elif out.state is not None:
            self.state[device] = out.state


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-48, 48), min_size=2, max_size=4),
       st.lists(st.tuples(st.booleans(), st.integers(0, 3), st.integers(10, 120)),
                max_size=25),
       st.randoms(use_true_random=False))
def test_every_computer_converges_on_the_newest_whatever_the_order_and_clocks(
        offsets: list[int], steps: list[tuple[bool, int, int]], shuffle: random.Random
        ) -> None:
    world = _World(offsets)
    n = len(offsets)
    for change, who, interval in steps:
        if change:
            world.local[world.ids[who % n]] = _settings(interval)
        else:
            world.sync(who % n, shuffle)
    for _ in range(2):
        for i in range(n):
            world.sync(i, shuffle)
    contents = {json.dumps(world.local[d], sort_keys=True) for d in world.ids}
    assert len(contents) == 1  # every computer holds the same settings
    if world.folder:
        newest = max(world.folder.values(), key=lambda s: s.key)
        assert world.local[world.ids[0]] == newest.settings


# -- the files --------------------------------------------------------------------------------


class Computer:
    def __init__(self, root: Path, name: str, folder: Path, passphrase: str | None = None,
                 clock_offset: timedelta = timedelta()):
        self.data = root / name / "data"
        self.config_dir = root / name / "config"
        self.data.mkdir(parents=True)
        self.config_dir.mkdir(parents=True)
        self.offset = clock_offset
        self.config = sync.enable(self.data, folder, passphrase)
        self.config = sync.share_settings(self.data, True)
        self.library = _library()

    @property
    def settings(self) -> Settings:
        return load_settings(self.config_dir, T0).settings

    def change(self, **fields: Any) -> None:
        save_settings(self.config_dir, replace(self.settings, **fields))

    def sync(self, now: datetime = T0) -> snapshot.Outcome:
        def local() -> tuple[Settings, str | None]:
            return self.settings, snapshot.program_payload(self.data, self.library)

        return sync.sync_settings(self.data, self.config, now + self.offset, local,
                                  snapshot.apply_files(self.config_dir, self.data,
                                                       self.library))


def _library() -> Any:
    from posture_coach.cli.program_cli import app_library

    return app_library(Path("/nonexistent-config"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "Sync"
    path.mkdir()
    return path


def test_settings_reach_the_other_computer_and_what_they_replace_is_kept(
        tmp_path: Path, folder: Path) -> None:
    a, b = Computer(tmp_path, "a", folder), Computer(tmp_path, "b", folder)
    a.change(interval_min=35, start_at_login=True)
    assert a.sync().wrote is not None
    b.change(interval_min=50, volume=20)
    got = b.sync(T0 + timedelta(minutes=5))  # turned on after a: takes a's
    assert got.took is not None and got.replaced is not None
    assert b.settings.interval_min == 35 and b.settings.volume == a.settings.volume
    assert b.settings.start_at_login is False  # this computer's own
    kept = json.loads(got.replaced.read_text())
    assert kept["settings"]["interval_min"] == 50
    assert stat.S_IMODE(got.replaced.stat().st_mode) == 0o600
    mine = folder / "posture-coach" / a.config.device / "snapshot.json"
    assert stat.S_IMODE(mine.stat().st_mode) == 0o600
    # b changes again: a takes it; then nothing more happens
    b.change(interval_min=55)
    assert b.sync(T0 + timedelta(minutes=10)).wrote is not None
    assert a.sync(T0 + timedelta(minutes=11)).took is not None
    assert a.settings.interval_min == 55 and a.settings.start_at_login is True
    assert a.sync(T0 + timedelta(minutes=12)).summary() is None
    assert b.sync(T0 + timedelta(minutes=13)).summary() is None


def test_a_computer_whose_clock_is_ahead_does_not_keep_winning(tmp_path: Path,
                                                               folder: Path) -> None:
    ahead = Computer(tmp_path, "ahead", folder, clock_offset=timedelta(days=365))
    here = Computer(tmp_path, "here", folder)
    ahead.change(interval_min=30)
    ahead.sync()
    here.sync(T0 + timedelta(minutes=1))
    assert here.settings.interval_min == 30
    here.change(interval_min=60)  # a change made after seeing it
    here.sync(T0 + timedelta(minutes=2))
    ahead.sync(T0 + timedelta(minutes=3))
    assert ahead.settings.interval_min == 60


def test_an_encrypted_folder_holds_no_plain_settings(tmp_path: Path, folder: Path) -> None:
    a = Computer(tmp_path, "a", folder, "pw")
    b = Computer(tmp_path, "b", folder, "pw")
    a.change(interval_min=37)
    path = a.sync().wrote
    assert path is not None and b"interval_min" not in path.read_bytes()
    assert b.sync(T0 + timedelta(minutes=1)).took is not None
    assert b.settings.interval_min == 37


def test_a_bad_snapshot_is_refused_with_its_place_and_the_settings_are_kept(
        tmp_path: Path, folder: Path) -> None:
    a, b = Computer(tmp_path, "a", folder), Computer(tmp_path, "b", folder)
    a.change(interval_min=35)
    path = a.sync().wrote
    assert path is not None
    obj = json.loads(path.read_text())
    obj["settings"]["interval_min"] = 5  # under the 10 minutes a settings file may say
    path.write_text(json.dumps(obj))
    b.change(interval_min=50)
    got = b.sync(T0 + timedelta(minutes=1))
    assert got.took is None and got.refused is not None
    assert str(path) in got.refused and "interval_min" in got.refused
    assert b.settings.interval_min == 50
    assert not list(b.data.glob("sync-replaced-*"))
    assert b.sync(T0 + timedelta(minutes=2)).refused is None  # told once, not again


def test_a_snapshot_in_another_computers_folder_naming_another_device_is_left_out(
        tmp_path: Path, folder: Path) -> None:
    a, b = Computer(tmp_path, "a", folder), Computer(tmp_path, "b", folder)
    a.change(interval_min=50)  # defaults are not written (tested below)
    path = a.sync().wrote
    assert path is not None
    obj = json.loads(path.read_text())
    obj["device"] = b.config.device
    path.write_text(json.dumps(obj))
    got = b.sync(T0 + timedelta(minutes=1))
    assert got.took is None and any("device" in p for p in got.problems)


def test_the_home_program_follows_and_the_older_stays_in_the_store(tmp_path: Path,
                                                                   folder: Path) -> None:
    a, b = Computer(tmp_path, "a", folder), Computer(tmp_path, "b", folder)
    source = write_program(tmp_path / "from-the-pt")
    stored = ProgramStore(a.data).import_file(source, a.library)
    a.sync()
    got = b.sync(T0 + timedelta(minutes=1))
    assert got.took is not None
    here = ProgramStore(b.data).active(b.library)
    assert here is not None and here.id == stored.id
    assert here.file.read_bytes() == stored.file.read_bytes()
    assert (here.folder / "pictures" / "towel-wall-slide.svg").exists()
    assert b.sync(T0 + timedelta(minutes=2)).summary() is None  # the same bytes: stable
    ProgramStore(b.data).deactivate()  # no program there now: newest wins here too
    b.sync(T0 + timedelta(minutes=3))
    a.sync(T0 + timedelta(minutes=4))
    assert ProgramStore(a.data).active(a.library) is None
    assert stored.id in ProgramStore(a.data).ids()  # kept, can be made active again


def test_cli_sync_now_applies_a_newer_snapshot(tmp_path: Path, folder: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from posture_coach.cli.main import main

    a = Computer(tmp_path, "a", folder)
    a.change(interval_min=33)
    a.sync()
    data, config = tmp_path / "b" / "data", tmp_path / "b" / "config"
    common = ["--data-dir", str(data), "--config-dir", str(config)]
    assert main([*common, "sync", "enable", str(folder)]) == 0
    assert main([*common, "sync", "settings", "on"]) == 0
    capsys.readouterr()
    assert main([*common, "sync", "now"]) == 0
    out = capsys.readouterr().out
    assert "settings and home program from" in out and "applied" in out
    assert load_settings(config, T0).settings.interval_min == 33
    assert main([*common, "sync", "status"]) == 0
    assert "settings and home program: synced" in capsys.readouterr().out
    assert main([*common, "sync", "settings", "off"]) == 0
    a.change(interval_min=44)
    a.sync(T0 + timedelta(minutes=5))
    assert main([*common, "sync", "now"]) == 0
    assert load_settings(config, T0).settings.interval_min == 33  # off: not followed


def test_the_app_does_not_wait_for_another_process_syncing(tmp_path: Path,
                                                           folder: Path) -> None:
    import fcntl
    import os

    a, b = Computer(tmp_path, "a", folder), Computer(tmp_path, "b", folder)
    a.change(interval_min=35)
    a.sync()
    fd = os.open(b.data / sync.engine.LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # `sync now` in another process
        busy = sync.sync_settings(b.data, b.config, T0, lambda: (b.settings, None),
                                  snapshot.apply_files(b.config_dir, b.data, b.library),
                                  wait=False)
        assert busy.summary() is None and b.settings.interval_min == 45
    finally:
        os.close(fd)
    assert b.sync(T0 + timedelta(minutes=1)).took is not None


def test_only_the_newest_replaced_states_are_kept(tmp_path: Path) -> None:
    """Each applied snapshot keeps what it replaced; the data folder holds the newest
    KEEP_REPLACED of them, never more (two in the same second are both ordered)."""
    times = [T0 + timedelta(days=d) for d in range(3)] + [T0 + timedelta(days=3)] * 11
    paths = [snapshot.keep_replaced(tmp_path, Settings(interval_min=30 + i), None, at)
             for i, at in enumerate(times)]
    left = sorted(p.name for p in tmp_path.glob("sync-replaced-*.json"))
    assert len(left) == snapshot.KEEP_REPLACED
    assert set(left) == {p.name for p in paths[-snapshot.KEEP_REPLACED:]}
    newest = json.loads(paths[-1].read_text())
    assert newest["settings"]["interval_min"] == 30 + len(times) - 1
