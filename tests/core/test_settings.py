"""Settings: defaults, located problems for bad fields (other fields still used), a
backup of a broken file, atomic user-only saves."""

from __future__ import annotations

import stat
from datetime import datetime, time, timedelta, timezone
from pathlib import Path

from posture_coach.core.settings import Settings, load_settings, save_settings

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path, NOW)
    assert loaded.settings == Settings() and not loaded.problems and loaded.backup is None
    schedule = loaded.settings.schedule()
    assert schedule.interval == timedelta(minutes=45)
    assert schedule.hours.days == frozenset({0, 1, 2, 3, 4})
    assert (schedule.hours.start, schedule.hours.end) == (time(9), time(17, 30))


def test_round_trip(tmp_path: Path) -> None:
    mine = Settings(interval_min=30, work_days=(0, 2, 4), work_start=time(8, 15),
                    work_end=time(16, 0), notice_s=10, routine="movement-break",
                    snooze_minutes=(3, 15), idle_detection=False, sound=False, volume=25,
                    fullscreen_breaks=True)
    path = save_settings(tmp_path, mine)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_settings(tmp_path, NOW).settings == mine
    assert not list(tmp_path.glob(".settings-*"))  # no temporary file left behind


def test_bad_fields_keep_their_defaults_and_are_located(tmp_path: Path) -> None:
    (tmp_path / "settings.yaml").write_text(
        "version: 1\ninterval_min: 5\nwork_days: [mon, funday]\nwork_start: \"8:30\"\n"
        "notice_s: 20\nintervall: 3\n")
    loaded = load_settings(tmp_path, NOW)
    s = loaded.settings
    assert s.interval_min == 45 and s.work_days == (0, 1, 2, 3, 4)
    assert s.work_start == time(8, 30) and s.notice_s == 20
    path = tmp_path / "settings.yaml"
    assert [str(p) for p in loaded.problems] == [
        f"{path}:6:1: intervall: unknown field; did you mean 'interval_min'?",
        f"{path}:2:15: interval_min: must be at least 10, got 5",
        f"{path}:3:12: work_days: days are mon, tue, wed, thu, fri, sat, sun; got funday",
    ]
    assert loaded.backup is not None and loaded.backup.read_text() == path.read_text()


def test_unquoted_time_is_understood(tmp_path: Path) -> None:
    (tmp_path / "settings.yaml").write_text("work_start: 08:00\nwork_end: 16:30\n")
    s = load_settings(tmp_path, NOW).settings
    assert (s.work_start, s.work_end) == (time(8), time(16, 30))


def test_unreadable_yaml_is_backed_up_and_defaults_used(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    path.write_bytes(b"interval_min: [\n\xff\xfe")
    loaded = load_settings(tmp_path, NOW)
    assert loaded.settings == Settings()
    assert len(loaded.problems) == 1 and str(loaded.problems[0]).startswith(f"{path}:2:1:")
    assert loaded.backup == tmp_path / "settings.yaml.broken-20261123-100000"
    assert loaded.backup.read_bytes() == path.read_bytes()


def test_interval_note_outside_the_clinic_range() -> None:
    assert Settings(interval_min=45).interval_note() is None
    assert "more often" in (Settings(interval_min=20).interval_note() or "")
    assert "recommends" in (Settings(interval_min=90).interval_note() or "")


def test_volume_is_checked(tmp_path: Path) -> None:
    (tmp_path / "settings.yaml").write_text("sound: false\nvolume: 150\n")
    loaded = load_settings(tmp_path, NOW)
    assert loaded.settings.sound is False and loaded.settings.volume == 60
    assert [str(p) for p in loaded.problems] == [
        f"{tmp_path / 'settings.yaml'}:2:9: volume: must be at most 100, got 150"]
