"""Typed, versioned settings in ``<config>/settings.yaml``, saved atomically.

A broken file never stops the app and is never silently lost: a file that is
not readable YAML is copied aside (``settings.yaml.broken-<time>``) and the
defaults are used; a field with a bad value keeps its default while every other
field is used, and each problem is reported with file, line and field.

The file carries ``version:``.  A file written by an older version is brought up
to date by the numbered steps in :data:`MIGRATIONS` (``MIGRATIONS[n]`` turns
version ``n`` into ``n + 1``), working on the located YAML nodes so a problem in a
migrated field still points at its line; the app then keeps a copy of the old file
(``settings.yaml.v<n>``) and saves the new version.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from .atomic import write_atomic
from .errors import Location, Problem, ValidationError
from .policy import Schedule, WorkHours
from .yaml import MapReader, ParseCache, Problems, YMap, YScalar, YSeq, load

VERSION = 3
FILE_NAME = "settings.yaml"
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
RECOMMENDED_INTERVAL = (30, 60)
ALLOWED_INTERVAL = (10, 120)
THEMES = ("system", "light", "dark")
LANGUAGES = ("system", "en", "es")
ICE_HEAT_MODES = ("ask", "ice", "heat")
MAX_SNOOZE_CAP = 10
MAX_QUIET_LIMIT = 240
ICE_HEAT_MAX_MINUTES = 20
DEFAULT_ROTATION = ("stand-and-move", "movement-break")
"""The clinic's page: "stand, walk, and gently move your upper back every 30–60 minutes";
both routines do all three.  The seated ``desk-reset`` stays in the library for a break
when someone cannot get up; a settings file that names it keeps it."""
MAX_BREAK_MIN = 15  # break_min: 0 (as the routine sets) or 1 to this

_FIELDS = ("version", "interval_min", "work_days", "work_start", "work_end", "notice_s",
           "natural_break_min", "idle_detection", "routines", "snooze_minutes",
           "snooze_cap", "notifications", "sound", "volume", "fullscreen_breaks",
           "ice_heat_mode", "ice_heat_minutes", "theme", "start_at_login", "language",
           "quiet_limit_min", "break_min")


@dataclass(frozen=True)
class Settings:
    interval_min: int = 45
    work_days: tuple[int, ...] = (0, 1, 2, 3, 4)
    work_start: time = time(9, 0)
    work_end: time = time(17, 30)
    notice_s: int = 30
    natural_break_min: int = 3
    idle_detection: bool = True
    routines: tuple[str, ...] = DEFAULT_ROTATION  # the rotation, in order
    snooze_minutes: tuple[int, ...] = (5, 10)
    snooze_cap: int = 3  # snoozes in a row before a break must be taken or skipped
    notifications: bool = True
    sound: bool = True
    volume: int = 60
    fullscreen_breaks: bool = False
    ice_heat_mode: str = "ask"
    ice_heat_minutes: int = 15
    theme: str = "system"
    start_at_login: bool = False
    language: str = "system"
    quiet_limit_min: int = 30  # a due break waits this long while you are busy; 0: never
    break_min: int = 0  # a break lasts at least this long (keep moving after the
    # routine's steps); 0: as the routine sets

    @property
    def routine(self) -> str:
        """The first routine of the rotation."""
        return self.routines[0]

    def schedule(self, interval_override: timedelta | None = None) -> Schedule:
        return Schedule(
            interval=interval_override or timedelta(minutes=self.interval_min),
            notice=timedelta(seconds=self.notice_s),
            natural_break=timedelta(minutes=self.natural_break_min),
            hours=WorkHours(frozenset(self.work_days), self.work_start, self.work_end),
        )

    def interval_note(self) -> str | None:
        """A word for the user when the interval is outside the clinic's 30–60 minutes."""
        low, high = RECOMMENDED_INTERVAL
        if self.interval_min < low:
            return (f"Breaks every {self.interval_min} minutes: more often than the clinic's "
                    f"{low}–{high} minutes. Fine if it suits you.")
        if self.interval_min > high:
            return (f"Breaks every {self.interval_min} minutes: the clinic recommends moving "
                    f"every {low}–{high} minutes.")
        return None


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    problems: tuple[Problem, ...] = ()
    backup: Path | None = None
    path: Path | None = None
    notes: tuple[str, ...] = field(default=())
    migrated_from: int | None = None  # the file's older version, brought up to date


def _time(r: MapReader, key: str, default: time) -> time:
    node = r.raw(key)
    if node is None:
        return default
    value = node.plain() if isinstance(node, YScalar) else None
    if isinstance(value, int) and not isinstance(value, bool) and r.has(key):
        # YAML 1.1 reads an unquoted 09:00 as a sexagesimal number (540).
        value = f"{value // 60:02d}:{value % 60:02d}"
    try:
        if not isinstance(value, str):
            raise ValueError
        parsed = datetime.strptime(value.strip(), "%H:%M").time()
    except ValueError:
        r.bad(key, f"must be a time like \"09:00\" (24-hour, in quotes), got {value!r}")
        return default
    return parsed


def _v1_to_v2(root: YMap) -> None:
    """Version 1 had one ``routine``; version 2 has a rotation, ``routines``."""
    if "routine" in root.entries:
        node = root.entries.pop("routine")
        key = root.keys.pop("routine")
        seq = YSeq(node.file, node.line, node.column)
        seq.items.append(node)
        root.entries["routines"] = seq
        root.keys["routines"] = YScalar(key.file, key.line, key.column, "routines")


def _v2_to_v3(root: YMap) -> None:
    """Version 3 adds ``break_min`` (0, as the routine sets, when absent); every value of
    version 2 is kept as it is, at its line."""


MIGRATIONS: dict[int, Callable[[YMap], None]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
}


def file_version(root: Any) -> int | None:
    """The ``version:`` a settings file says it is (1 when it says nothing), or None when
    that is not a whole number."""
    if not isinstance(root, YMap):
        return VERSION
    node = root.get("version")
    if node is None:
        return 1
    value = node.plain() if isinstance(node, YScalar) else None
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def migrate(root: Any) -> int | None:
    """Bring a loaded file up to :data:`VERSION` in place; the version it had, or None
    when it was already current (or its version is not one this app knows)."""
    version = file_version(root)
    if not isinstance(root, YMap) or version is None or not 1 <= version < VERSION:
        return None
    for step in range(version, VERSION):
        MIGRATIONS[step](root)
    node = root.entries.get("version")
    if node is not None:
        root.entries["version"] = YScalar(node.file, node.line, node.column, VERSION)
    return version


def parse_settings(root: Any, problems: Problems) -> Settings:
    r = MapReader(root, "", problems, _FIELDS)
    d = Settings()
    if not r.ok:
        return d
    version = r.number("version", integer=True, minimum=1, default=VERSION)
    if version is not None and version > VERSION:
        r.bad("version", f"written by a newer posture-coach (version {version}); this one "
                         f"reads version {VERSION}")
    low, high = ALLOWED_INTERVAL
    interval = r.number("interval_min", integer=True, minimum=low, maximum=high,
                        default=d.interval_min)
    days: tuple[int, ...] = d.work_days
    if r.has("work_days"):
        names = r.text_list("work_days")
        bad = [n for n in names if n.lower()[:3] not in DAY_NAMES]
        if bad:
            r.bad("work_days", f"days are {', '.join(DAY_NAMES)}; got {', '.join(bad)}")
        else:
            days = tuple(sorted({DAY_NAMES.index(n.lower()[:3]) for n in names}))
    start = _time(r, "work_start", d.work_start)
    end = _time(r, "work_end", d.work_end)
    if end <= start:
        r.bad("work_end", "must be later than work_start")
        start, end = d.work_start, d.work_end
    notice = r.number("notice_s", integer=True, minimum=0, maximum=600, default=d.notice_s)
    natural = r.number("natural_break_min", integer=True, minimum=1, maximum=60,
                       default=d.natural_break_min)
    idle = r.boolean("idle_detection", default=d.idle_detection)
    routines = d.routines
    if r.has("routines"):
        before = len(problems)
        names = r.text_list("routines", min_items=1, max_len=64)
        if len(problems) == before:
            if len(set(names)) != len(names):
                r.bad("routines", "lists a routine twice; name each routine once")
            else:
                routines = names
    snooze = d.snooze_minutes
    if r.has("snooze_minutes"):
        before = len(problems)
        items = [item.plain() for _, item in r.seq("snooze_minutes")]
        if len(problems) == before:
            if len(items) <= 3 and all(isinstance(i, int) and not isinstance(i, bool)
                                       and 1 <= i <= 120 for i in items):
                snooze = tuple(items)
            else:
                r.bad("snooze_minutes", "must be a list of up to 3 lengths in minutes from 1 "
                                        "to 120, like [5, 10]")
    cap = r.number("snooze_cap", integer=True, minimum=0, maximum=MAX_SNOOZE_CAP,
                   default=d.snooze_cap)
    notifications = r.boolean("notifications", default=d.notifications)
    sound = r.boolean("sound", default=d.sound)
    volume = r.number("volume", integer=True, minimum=0, maximum=100, default=d.volume)
    fullscreen = r.boolean("fullscreen_breaks", default=d.fullscreen_breaks)
    ice_heat_mode = r.choice("ice_heat_mode", ICE_HEAT_MODES, required=False,
                             default=d.ice_heat_mode)
    ice_heat_minutes = r.number("ice_heat_minutes", integer=True, minimum=1,
                                maximum=ICE_HEAT_MAX_MINUTES, default=d.ice_heat_minutes)
    theme = r.choice("theme", THEMES, required=False, default=d.theme)
    login = r.boolean("start_at_login", default=d.start_at_login)
    language = r.choice("language", LANGUAGES, required=False, default=d.language)
    quiet = r.number("quiet_limit_min", integer=True, minimum=0, maximum=MAX_QUIET_LIMIT,
                     default=d.quiet_limit_min)
    break_min = r.number("break_min", integer=True, minimum=0, maximum=MAX_BREAK_MIN,
                         default=d.break_min)
    return Settings(interval_min=interval, work_days=days, work_start=start, work_end=end,
                    notice_s=notice, natural_break_min=natural, idle_detection=idle,
                    routines=routines, snooze_minutes=snooze, snooze_cap=cap,
                    notifications=notifications, sound=sound, volume=volume,
                    fullscreen_breaks=fullscreen, ice_heat_mode=ice_heat_mode or d.ice_heat_mode,
                    ice_heat_minutes=ice_heat_minutes, theme=theme or d.theme,
                    start_at_login=login, language=language or d.language,
                    quiet_limit_min=quiet, break_min=break_min)


def load_settings(config_dir: Path, now: datetime, cache: ParseCache | None = None
                  ) -> LoadedSettings:
    """The settings to run with, and what was wrong with the file, if anything
    (``cache``: parsed copies of files, the app's start)."""
    path = config_dir / FILE_NAME
    if not path.exists():
        return LoadedSettings(Settings(), path=path)
    problems = Problems()
    try:
        root = load(path, cache=cache)
    except ValidationError as exc:
        backup = _backup(path, now)
        return LoadedSettings(Settings(), exc.problems, backup, path)
    migrated_from = migrate(root)
    settings = parse_settings(root, problems)
    backup = _backup(path, now) if problems else None
    notes = (f"{path} was written by an older version ({migrated_from}) and has been "
             f"brought up to version {VERSION}",) if migrated_from is not None else ()
    return LoadedSettings(settings, tuple(problems.items), backup, path, notes, migrated_from)


def keep_old_version(path: Path, version: int) -> Path | None:
    """A copy of a file about to be rewritten in a newer version (``settings.yaml.v1``)."""
    target = path.with_name(f"{path.name}.v{version}")
    if target.exists():
        return target
    try:
        shutil.copy2(path, target)
    except OSError:
        return None
    return target


MAX_ASIDE_BYTES = 1024 * 1024
"""The largest broken file kept aside; a larger one (or a FIFO, a device) is not copied:
its problem, logged and shown, already says what it is."""


def _backup(path: Path, now: datetime) -> Path | None:
    """Keep a broken file aside (``settings.yaml.broken-<time>``, user-only) so a fix
    in the app never loses what the person wrote: read with a bound, a regular file
    only, and not again when the newest aside copy already holds the same bytes."""
    from .safefile import read_bounded

    try:
        data = read_bounded(path, MAX_ASIDE_BYTES)
    except ValidationError:
        return None
    kept = sorted(path.parent.glob(f"{path.name}.broken-*"))
    if kept and kept[-1].is_file() and not kept[-1].is_symlink():
        try:
            if kept[-1].stat().st_size == len(data) and kept[-1].read_bytes() == data:
                return kept[-1]
        except OSError:
            pass
    target = path.with_name(f"{path.name}.broken-{now:%Y%m%d-%H%M%S}")
    try:
        write_atomic(target, data)
    except OSError:
        return None
    return target


def to_dict(settings: Settings) -> dict[str, Any]:
    return {
        "version": VERSION,
        "interval_min": settings.interval_min,
        "work_days": [DAY_NAMES[d] for d in settings.work_days],
        "work_start": settings.work_start.strftime("%H:%M"),
        "work_end": settings.work_end.strftime("%H:%M"),
        "notice_s": settings.notice_s,
        "natural_break_min": settings.natural_break_min,
        "idle_detection": settings.idle_detection,
        "routines": list(settings.routines),
        "snooze_minutes": list(settings.snooze_minutes),
        "snooze_cap": settings.snooze_cap,
        "notifications": settings.notifications,
        "sound": settings.sound,
        "volume": settings.volume,
        "fullscreen_breaks": settings.fullscreen_breaks,
        "ice_heat_mode": settings.ice_heat_mode,
        "ice_heat_minutes": settings.ice_heat_minutes,
        "theme": settings.theme,
        "start_at_login": settings.start_at_login,
        "language": settings.language,
        "quiet_limit_min": settings.quiet_limit_min,
        "break_min": settings.break_min,
    }


HEADER = ("# posture-coach settings. Edit here or in the app's Settings; the app checks\n"
          "# every value and tells you the line of any it cannot use.\n")


def save_settings(config_dir: Path, settings: Settings) -> Path:
    """Write the settings atomically (a temporary file, then a rename), user-only."""
    import yaml  # here, not at the top: the tray app starts without PyYAML

    config_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = config_dir / FILE_NAME
    text = HEADER + yaml.safe_dump(to_dict(settings), sort_keys=False)
    write_atomic(path, text)
    return path


def with_changes(settings: Settings, **changes: Any) -> Settings:
    return replace(settings, **changes)


__all__ = ["MIGRATIONS", "VERSION", "LoadedSettings", "Location", "Settings", "finish_migration",
           "load_settings", "save_settings"]


def finish_migration(loaded: LoadedSettings) -> Path | None:
    """After a file of an older version loaded cleanly: keep a copy of it and save it in
    the current version.  The copy's path, or None when nothing was rewritten."""
    if loaded.migrated_from is None or loaded.problems or loaded.path is None:
        return None
    old = keep_old_version(loaded.path, loaded.migrated_from)
    if old is None:
        return None  # no copy, no rewrite: the old file still works
    save_settings(loaded.path.parent, loaded.settings)
    return old
