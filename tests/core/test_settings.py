"""Settings: defaults, located problems for bad fields (other fields still used), a
backup of a broken file, atomic user-only saves."""

from __future__ import annotations

import stat
from datetime import datetime, time, timedelta, timezone
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from posture_coach.core.settings import (
    DEFAULT_ROTATION,
    MIGRATIONS,
    VERSION,
    Settings,
    finish_migration,
    load_settings,
    save_settings,
)

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
                    work_end=time(16, 0), notice_s=10, routines=("movement-break", "desk-reset"),
                    snooze_minutes=(3, 15), idle_detection=False, sound=False, volume=25,
                    fullscreen_breaks=True)
    path = save_settings(tmp_path, mine)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_settings(tmp_path, NOW).settings == mine
    assert not list(tmp_path.glob(".settings-*"))  # no temporary file left behind


def test_bad_fields_keep_their_defaults_and_are_located(tmp_path: Path) -> None:
    (tmp_path / "settings.yaml").write_text(
        "version: 2\ninterval_min: 5\nwork_days: [mon, funday]\nwork_start: \"8:30\"\n"
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


def test_round_trip_of_every_field(tmp_path: Path) -> None:
    mine = Settings(routines=("breathing-break", "desk-reset"), snooze_minutes=(7,),
                    snooze_cap=0, ice_heat_mode="heat", ice_heat_minutes=12, theme="dark",
                    start_at_login=True, language="es", quiet_limit_min=0, break_min=7)
    save_settings(tmp_path, mine)
    text = (tmp_path / "settings.yaml").read_text()
    assert f"version: {VERSION}\n" in text
    loaded = load_settings(tmp_path, NOW)
    assert loaded.settings == mine and not loaded.problems and loaded.migrated_from is None


def test_new_fields_are_checked_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    path.write_text(f"version: {VERSION}\ntheme: purple\nlanguage: fr\nsnooze_cap: 11\n"
                    "quiet_limit_min: -1\nroutines: [desk-reset, desk-reset]\n"
                    "ice_heat_mode: ice\nice_heat_minutes: 25\nstart_at_login: yes\n")
    loaded = load_settings(tmp_path, NOW)
    s = loaded.settings
    assert (s.theme, s.language, s.snooze_cap, s.quiet_limit_min) == ("system", "system", 3, 30)
    assert s.routines == DEFAULT_ROTATION and s.ice_heat_mode == "ice"
    assert s.ice_heat_minutes == 15 and s.start_at_login is True
    assert sorted(str(p) for p in loaded.problems) == [
        f"{path}:2:8: theme: must be one of system, light, dark; got the text 'purple'",
        f"{path}:3:11: language: must be one of system, en, es; got the text 'fr'",
        f"{path}:4:13: snooze_cap: must be at most 10, got 11",
        f"{path}:5:18: quiet_limit_min: must be at least 0, got -1",
        f"{path}:6:11: routines: lists a routine twice; name each routine once",
        f"{path}:8:19: ice_heat_minutes: must be at most 20, got 25",
    ]
    assert loaded.backup is not None


def test_a_newer_version_is_reported(tmp_path: Path) -> None:
    (tmp_path / "settings.yaml").write_text(f"version: {VERSION + 1}\ninterval_min: 30\n")
    loaded = load_settings(tmp_path, NOW)
    assert loaded.settings.interval_min == 30 and loaded.migrated_from is None
    assert "newer posture-coach" in str(loaded.problems[0])


# --- migrations: one test per step ------------------------------------------------

def test_every_version_has_a_migration_step() -> None:
    assert sorted(MIGRATIONS) == list(range(1, VERSION))


def test_migration_1_to_2_turns_the_routine_into_a_rotation(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    old = "version: 1\ninterval_min: 40\nroutine: movement-break\nsound: false\n"
    path.write_text(old)
    loaded = load_settings(tmp_path, NOW)
    assert loaded.migrated_from == 1 and not loaded.problems
    assert loaded.settings.routines == ("movement-break",)
    assert loaded.settings.interval_min == 40 and loaded.settings.sound is False
    assert loaded.notes and "version (1)" in loaded.notes[0]
    kept = finish_migration(loaded)
    assert kept == tmp_path / "settings.yaml.v1" and kept.read_text() == old
    again = load_settings(tmp_path, NOW)
    assert again.migrated_from is None and again.settings == loaded.settings
    assert "routines:\n- movement-break\n" in path.read_text()


def test_migration_1_to_2_without_a_version_key_or_routine(tmp_path: Path) -> None:
    (tmp_path / "settings.yaml").write_text("interval_min: 50\n")
    loaded = load_settings(tmp_path, NOW)
    assert loaded.migrated_from == 1 and loaded.settings.routines == DEFAULT_ROTATION


def test_a_problem_in_a_migrated_field_points_at_its_old_line(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    path.write_text("version: 1\nroutine: [a, b]\n")
    loaded = load_settings(tmp_path, NOW)
    assert loaded.settings.routines == DEFAULT_ROTATION
    assert [str(p) for p in loaded.problems] == [f"{path}:2:10: routines[0]: must be text, "
                                                 "got a list"]
    assert finish_migration(loaded) is None  # a broken file is not rewritten
    assert path.read_text() == "version: 1\nroutine: [a, b]\n"


V2_FILE = """\
version: 2
interval_min: 40
work_days: [mon, wed, fri]
work_start: "08:30"
work_end: "16:00"
notice_s: 10
natural_break_min: 4
idle_detection: false
routines: [movement-break, desk-reset]
snooze_minutes: [3]
snooze_cap: 2
notifications: false
sound: false
volume: 20
fullscreen_breaks: true
ice_heat_mode: heat
ice_heat_minutes: 12
theme: dark
start_at_login: true
language: es
quiet_limit_min: 0
"""


def test_migration_2_to_3_keeps_every_value_and_adds_the_break_length(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    path.write_text(V2_FILE)
    loaded = load_settings(tmp_path, NOW)
    assert loaded.migrated_from == 2 and not loaded.problems
    assert loaded.settings == Settings(
        interval_min=40, work_days=(0, 2, 4), work_start=time(8, 30), work_end=time(16, 0),
        notice_s=10, natural_break_min=4, idle_detection=False,
        routines=("movement-break", "desk-reset"), snooze_minutes=(3,), snooze_cap=2,
        notifications=False, sound=False, volume=20, fullscreen_breaks=True,
        ice_heat_mode="heat", ice_heat_minutes=12, theme="dark", start_at_login=True,
        language="es", quiet_limit_min=0, break_min=0)
    assert loaded.notes and "version (2)" in loaded.notes[0]
    kept = finish_migration(loaded)
    assert kept == tmp_path / "settings.yaml.v2" and kept.read_text() == V2_FILE
    text = path.read_text()
    assert f"version: {VERSION}\n" in text and "break_min: 0\n" in text
    again = load_settings(tmp_path, NOW)
    assert again.migrated_from is None and again.settings == loaded.settings


def test_a_problem_in_a_version_2_file_points_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    broken = V2_FILE.replace("volume: 20", "volume: 200")
    path.write_text(broken)
    loaded = load_settings(tmp_path, NOW)
    assert loaded.migrated_from == 2 and loaded.settings.volume == 60
    assert loaded.settings.interval_min == 40  # the other values are used
    assert [str(p) for p in loaded.problems] == [f"{path}:14:9: volume: must be at most 100, "
                                                 "got 200"]
    assert finish_migration(loaded) is None and path.read_text() == broken


def test_migration_1_to_3_in_one_go(tmp_path: Path) -> None:
    (tmp_path / "settings.yaml").write_text("version: 1\nroutine: breathing-break\n")
    loaded = load_settings(tmp_path, NOW)
    assert loaded.migrated_from == 1 and not loaded.problems
    assert (loaded.settings.routines, loaded.settings.break_min) == (("breathing-break",), 0)


def test_break_length_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    for value, message in (("16", "must be at most 15, got 16"),
                           ("-1", "must be at least 0, got -1"),
                           ("2.5", "must be a whole number, got the number 2.5")):
        path.write_text(f"version: {VERSION}\ninterval_min: 30\nbreak_min: {value}\n")
        loaded = load_settings(tmp_path, NOW)
        assert loaded.settings.break_min == 0 and loaded.settings.interval_min == 30
        assert [str(p) for p in loaded.problems] == [f"{path}:3:12: break_min: {message}"]
    path.write_text(f"version: {VERSION}\nbreak_min: 5\n")
    assert load_settings(tmp_path, NOW).settings.break_min == 5


_settings = st.builds(
    Settings,
    interval_min=st.integers(10, 120),
    work_days=st.sets(st.integers(0, 6)).map(lambda s: tuple(sorted(s))),
    notice_s=st.integers(0, 600),
    natural_break_min=st.integers(1, 60),
    idle_detection=st.booleans(),
    routines=st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True), min_size=1,
                      max_size=5, unique=True).map(tuple),
    snooze_minutes=st.lists(st.integers(1, 120), max_size=3).map(tuple),
    snooze_cap=st.integers(0, 10),
    notifications=st.booleans(), sound=st.booleans(), volume=st.integers(0, 100),
    fullscreen_breaks=st.booleans(),
    ice_heat_mode=st.sampled_from(["ask", "ice", "heat"]),
    ice_heat_minutes=st.integers(1, 20),
    theme=st.sampled_from(["system", "light", "dark"]),
    start_at_login=st.booleans(),
    language=st.sampled_from(["system", "en", "es"]),
    quiet_limit_min=st.integers(0, 240),
    break_min=st.integers(0, 15))


@given(_settings)
def test_any_settings_value_round_trips_through_the_file(mine: Settings) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        save_settings(Path(folder), mine)
        loaded = load_settings(Path(folder), NOW)
    assert loaded.settings == mine and not loaded.problems and loaded.migrated_from is None


def test_the_default_rotation_stands_walks_and_moves_the_upper_back() -> None:
    """The clinic's page: "stand, walk, and gently move your upper back" at each break."""
    from posture_coach.core import paths
    from posture_coach.core.library import load_library_file

    library = load_library_file(paths.bundled_library())
    assert Settings().routines == DEFAULT_ROTATION
    for routine_id in DEFAULT_ROTATION:
        routine = library.routine(routine_id)
        positions = {item.exercise.position for item in routine.items}
        assert {"walking", "standing"} <= positions, routine_id
        assert any("upper back" in item.exercise.targets for item in routine.items), routine_id
    # a file written before still names the seated desk reset, which is still there
    assert library.has_routine("desk-reset")
