"""Typed, versioned settings in ``<config>/settings.yaml``, saved atomically.

A broken file never stops the app and is never silently lost: a file that is
not readable YAML is copied aside (``settings.yaml.broken-<time>``) and the
defaults are used; a field with a bad value keeps its default while every other
field is used, and each problem is reported with file, line and field.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import yaml

from .errors import Location, Problem, ValidationError
from .policy import Schedule, WorkHours
from .yamlsrc import MapReader, Problems, YScalar, load

VERSION = 1
FILE_NAME = "settings.yaml"
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
RECOMMENDED_INTERVAL = (30, 60)
ALLOWED_INTERVAL = (10, 120)

_FIELDS = ("version", "interval_min", "work_days", "work_start", "work_end", "notice_s",
           "natural_break_min", "idle_detection", "routine", "snooze_minutes",
           "notifications", "sound", "volume", "fullscreen_breaks")


@dataclass(frozen=True)
class Settings:
    interval_min: int = 45
    work_days: tuple[int, ...] = (0, 1, 2, 3, 4)
    work_start: time = time(9, 0)
    work_end: time = time(17, 30)
    notice_s: int = 30
    natural_break_min: int = 3
    idle_detection: bool = True
    routine: str = "desk-reset"
    snooze_minutes: tuple[int, ...] = (5, 10)
    notifications: bool = True
    sound: bool = True
    volume: int = 60
    fullscreen_breaks: bool = False

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


def parse_settings(root: Any, problems: Problems) -> Settings:
    r = MapReader(root, "", problems, _FIELDS)
    d = Settings()
    if not r.ok:
        return d
    version = r.number("version", integer=True, default=VERSION)
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
    routine = r.text("routine", required=False, default=d.routine, max_len=64)
    snooze = d.snooze_minutes
    if r.has("snooze_minutes"):
        before = len(problems)
        items = [item.plain() for _, item in r.seq("snooze_minutes", min_items=1)]
        if len(problems) == before:
            if all(isinstance(i, int) and not isinstance(i, bool) and 1 <= i <= 120
                   for i in items):
                snooze = tuple(items)
            else:
                r.bad("snooze_minutes", "must be a list of minutes from 1 to 120, like [5, 10]")
    notifications = r.boolean("notifications", default=d.notifications)
    sound = r.boolean("sound", default=d.sound)
    volume = r.number("volume", integer=True, minimum=0, maximum=100, default=d.volume)
    fullscreen = r.boolean("fullscreen_breaks", default=d.fullscreen_breaks)
    return Settings(interval_min=interval, work_days=days, work_start=start, work_end=end,
                    notice_s=notice, natural_break_min=natural, idle_detection=idle,
                    routine=routine or d.routine, snooze_minutes=snooze,
                    notifications=notifications, sound=sound, volume=volume,
                    fullscreen_breaks=fullscreen)


def load_settings(config_dir: Path, now: datetime) -> LoadedSettings:
    """The settings to run with, and what was wrong with the file, if anything."""
    path = config_dir / FILE_NAME
    if not path.exists():
        return LoadedSettings(Settings(), path=path)
    problems = Problems()
    try:
        root = load(path)
    except ValidationError as exc:
        backup = _backup(path, now)
        return LoadedSettings(Settings(), exc.problems, backup, path)
    settings = parse_settings(root, problems)
    backup = _backup(path, now) if problems else None
    return LoadedSettings(settings, tuple(problems.items), backup, path)


def _backup(path: Path, now: datetime) -> Path | None:
    target = path.with_name(f"{path.name}.broken-{now:%Y%m%d-%H%M%S}")
    try:
        shutil.copy2(path, target)
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
        "routine": settings.routine,
        "snooze_minutes": list(settings.snooze_minutes),
        "notifications": settings.notifications,
        "sound": settings.sound,
        "volume": settings.volume,
        "fullscreen_breaks": settings.fullscreen_breaks,
    }


HEADER = ("# posture-coach settings. Edit here or in the app's Settings; the app checks\n"
          "# every value and tells you the line of any it cannot use.\n")


def save_settings(config_dir: Path, settings: Settings) -> Path:
    """Write the settings atomically (a temporary file, then a rename), user-only."""
    config_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = config_dir / FILE_NAME
    text = HEADER + yaml.safe_dump(to_dict(settings), sort_keys=False)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=config_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path


def with_changes(settings: Settings, **changes: Any) -> Settings:
    return replace(settings, **changes)


__all__ = ["LoadedSettings", "Location", "Settings", "load_settings", "save_settings"]
