"""Export the journal to CSV or JSON, and merge a JSON export into a journal.

* **JSON** (``format: posture-coach-journal``, ``version: 1``) holds every
  break with its steps, every pause, ice/heat session, pain rating and activity
  rating (``psfs``: the Patient-Specific Functional Scale; older files without
  the list import as before), with times exactly as the journal stores them
  (UTC, ISO-8601).  Importing an export into an empty journal and exporting
  again gives the same file (the round trip is lossless; a property test
  proves it).
* **CSV** is for spreadsheets: one row per record (``record`` column: break,
  pause, ice-heat, pain, psfs with its ``activity``), times in the user's local
  time; a break's exercises are listed in its row (done and skipped,
  ``;``-separated, in order, and the seconds spent).  It cannot be imported.
* ``since``/``until`` are local dates, both included; a record belongs to the
  day its break or session ended (a pause: started; a pain rating: taken).
* **Import** merges without duplicates: a row whose natural key is already in
  the journal is skipped.  Keys: a break by (start, end, outcome, routine); a
  pause by (reason, start); an ice/heat session by (mode, start); a pain
  rating by (time, rating, note); an activity rating by (time, activity).  The
  whole file is checked first; a bad file is refused with the place of the
  first problems (``breaks[3].outcome: ...``) and the journal is not touched.
  The rows go in in one transaction.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

from .atomic import write_atomic
from .journal import THERMAL_MAX_MINUTES, THERMAL_MODES, Journal, Outcome, StepStatus, questions
from .journal.psfs import ACTIVITY_MAX, psfs_between
from .stats import day_bounds

FORMAT = "posture-coach-journal"
VERSION = 1
UTC = timezone.utc
CSV_COLUMNS = ("record", "date", "start", "end", "planned_at", "routine", "outcome",
               "exercises_done", "exercises_skipped", "exercise_seconds", "mode",
               "planned_minutes", "completed", "rating", "note", "sleep", "work", "reason",
               "until", "activity")
MAX_IMPORT_BYTES = 16 * 1024 * 1024
"""An export of twenty years of breaks is a few megabytes; a file this large is refused
before it is parsed, so an import stays well under 300 MB of memory and a few seconds."""
MAX_OBJECTS = 400_000
"""At most this many JSON objects (``{``) in a file: a break with its steps is a few."""
MAX_DIGITS = 20
MAX_PROBLEMS = 10
STOP_AFTER_PROBLEMS = 200
"""Checking a file stops after this many problems: the first few are shown anyway."""
FIRST_YEAR, LAST_YEAR = 2000, 2100
"""Every time in an import lies in these years (both included); the journal's own
records do too.  A time outside is a damaged or made-up file, refused with its place."""


TABLES = ("breaks", "pauses", "thermal_sessions", "pain", "psfs")
"""The lists of an export, in order (``psfs``: the activity ratings of the
Patient-Specific Functional Scale, journal migration 6)."""


class ExchangeError(Exception):
    """An export or import the user asked for cannot be done; the message says where and
    what to do.  The journal is unchanged."""


@dataclass(frozen=True)
class ImportResult:
    added: dict[str, int]
    skipped: dict[str, int]

    def summary(self) -> str:
        names = {"psfs": "activity ratings"}
        parts = [f"{self.added[k]} {names.get(k, k.replace('_', ' '))} added, "
                 f"{self.skipped[k]} already there" for k in TABLES]
        return "; ".join(parts)


# ---------------------------------------------------------------------------
# export


def _bounds(since: date | None, until: date | None, tz: tzinfo) -> tuple[str, str]:
    """Stored times are ISO text in UTC; without ``until`` the upper bound sorts after
    every text (U+FFFF), so no record is left out, whatever its year."""
    low = day_bounds(since, tz)[0].isoformat(timespec="microseconds") if since else ""
    high = day_bounds(until, tz)[1].isoformat(timespec="microseconds") if until else "\uffff"
    return low, high


def export_data(journal: Journal, tz: tzinfo, now: datetime, since: date | None = None,
                until: date | None = None) -> dict[str, Any]:
    """The journal (or the days ``since``..``until``) as one JSON-ready dictionary."""
    low, high = _bounds(since, until, tz)
    steps: dict[int, list[dict[str, Any]]] = {}
    for break_id, position, exercise, status, seconds in questions.steps_between(
            journal, low, high):
        steps.setdefault(break_id, []).append(
            {"position": position, "exercise_id": exercise, "status": status,
             "seconds": seconds})
    breaks = [{"planned_at": r[1], "started_at": r[2], "ended_at": r[3], "routine_id": r[4],
               "outcome": r[5], "snooze_until": r[6], "created_at": r[7],
               "steps": steps.get(r[0], [])}
              for r in questions.breaks_between(journal, low, high)]
    pauses = [{"reason": r[0], "started_at": r[1], "until": r[2], "ended_at": r[3]}
              for r in questions.pauses_between(journal, low, high)]
    thermal = [{"mode": r[0], "started_at": r[1], "ended_at": r[2], "planned_minutes": r[3],
                "completed": bool(r[4]), "created_at": r[5]}
               for r in questions.thermal_between(journal, low, high)]
    pain = [{"at": r[0], "rating": r[1], "note": r[2], "sleep": bool(r[3]),
             "work": bool(r[4]), "break_started_at": r[5], "created_at": r[6]}
            for r in questions.pain_between(journal, low, high)]
    psfs = [{"at": r[0], "activity": r[1], "rating": r[2], "created_at": r[3]}
            for r in psfs_between(journal, low, high)]
    return {"format": FORMAT, "version": VERSION,
            "exported_at": now.astimezone(UTC).isoformat(timespec="microseconds"),
            "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None,
            "breaks": breaks, "pauses": pauses, "thermal_sessions": thermal, "pain": pain,
            "psfs": psfs}


def export_json(journal: Journal, tz: tzinfo, now: datetime, since: date | None = None,
                until: date | None = None) -> str:
    """The export as JSON text: one record per line (readable, and fast to write)."""
    data = export_data(journal, tz, now, since, until)
    lines = ["{"]
    for key in ("format", "version", "exported_at", "since", "until"):
        lines.append(f" {json.dumps(key)}: {json.dumps(data[key])},")
    tables = TABLES
    # What json.dumps(r, ensure_ascii=False) does, with one encoder for every row.
    encode = json.JSONEncoder(ensure_ascii=False).encode
    for n, key in enumerate(tables):
        rows = data[key]
        end = "," if n < len(tables) - 1 else ""
        if not rows:
            lines.append(f" {json.dumps(key)}: []{end}")
            continue
        lines.append(f" {json.dumps(key)}: [")
        lines.append(",\n".join("  " + encode(r) for r in rows))
        lines.append(f" ]{end}")
    lines.append("}")
    return "\n".join(lines) + "\n"


_CHECKED_FROM = "1970-01-01"
"""The day from which the one-lookup-a-day rule below was checked against the zones."""
_HOUR_END = timedelta(minutes=59, seconds=59, microseconds=999_999)
_DAY_END = timedelta(hours=23) + _HOUR_END
_HH = tuple(f"{h:02d}" for h in range(24))


class _LocalText:
    """Stored UTC text -> local ISO text to the second, fast: the offset is looked up
    once per UTC day (once per UTC hour on a day it changes), and the text is made by
    slicing the stored fixed-width text (the date and hour replaced, the minutes and
    seconds copied), looked up once per UTC hour.  An offset of whole minutes that is not
    whole hours (India, Chatham, Lord Howe in summer) is looked up once per UTC minute;
    an hour the offset changes in (Lord Howe changes at half past), or whose offset has
    seconds (local mean time), is converted the plain way, value by value.

    A day whose offset is the same at its first and last microsecond is taken to keep
    it: no zone of the tz database changes its offset twice within three days (checked
    for the listed changes since 1970 of all 599 zones, tzdata of 2026-12; the property
    test checks every change of the zones it tries, to 2200)."""

    def __init__(self, tz: tzinfo):
        self.tz = tz
        self.days: dict[str, tuple[int, str] | int | None] = {}
        self.hours = _Hours(self)
        """UTC hour -> ``(local date and hour, offset text)``, or None (see ``shifts``)."""
        self.shifts: dict[str, int] = {}
        """UTC hour -> its offset in minutes, when that is not whole hours."""
        self.minutes: dict[str, tuple[str, str]] = {}
        self.suffixes: dict[timedelta, str] = {}

    def day(self, day: str) -> tuple[int, str] | int | None:
        """For a UTC day ``YYYY-MM-DD`` that keeps its offset: ``(hours, offset text)``
        when the offset is whole hours, else the offset in minutes; None if the offset
        changes that day (or has seconds): then hour by hour."""
        offset = None
        try:
            if day < _CHECKED_FROM:  # older zone history is not checked: hour by hour
                raise ValueError(day)
            utc = datetime.fromisoformat(day + "T00:00:00+00:00")
            first = utc.astimezone(self.tz).utcoffset()
            if (utc + _DAY_END).astimezone(self.tz).utcoffset() == first:
                offset = first
        except (OverflowError, ValueError):  # near year 1 or 9999: hour by hour
            pass
        found = self.kind(offset)
        self.days[day] = found
        return found

    def kind(self, offset: timedelta | None) -> tuple[int, str] | int | None:
        if offset is None or offset.microseconds or offset.seconds % 60:
            return None
        if offset.seconds % 3600:
            return (offset.days * 86400 + offset.seconds) // 60
        return offset.days * 24 + offset.seconds // 3600, self.suffix(offset)

    def hour(self, hour: str) -> tuple[str, str] | None:
        """``(local date and hour, offset text)`` for a UTC hour ``YYYY-MM-DDTHH`` whose
        offset is whole hours; else None, and the offset in minutes in ``shifts`` when it
        is whole minutes (else the hour is converted value by value)."""
        day = hour[:10]
        kind = self.days[day] if day in self.days else self.day(day)
        if kind is None:
            utc = datetime.fromisoformat(hour + ":00:00+00:00")
            offset = utc.astimezone(self.tz).utcoffset()
            if (utc + _HOUR_END).astimezone(self.tz).utcoffset() == offset:
                kind = self.kind(offset)
        found = None
        if isinstance(kind, tuple):
            local = int(hour[11:13]) + kind[0]
            found = (hour[:11] + _HH[local] if 0 <= local < 24 else
                     (datetime.fromisoformat(hour + ":00:00") + timedelta(hours=kind[0])
                      ).isoformat()[:13], kind[1])
        elif kind is not None:
            self.shifts[hour] = kind
        self.hours[hour] = found
        return found

    def suffix(self, offset: timedelta) -> str:
        """The offset as isoformat writes it (``+05:30``)."""
        if offset not in self.suffixes:
            self.suffixes[offset] = datetime(2000, 1, 1, tzinfo=timezone(offset)
                                             ).isoformat()[19:]
        return self.suffixes[offset]

    def minute(self, text: str, offset: int) -> tuple[str, str]:
        """``(local date, hour and minute, offset text)`` for the UTC minute of ``text``."""
        shift = timedelta(minutes=offset)
        found = ((datetime.fromisoformat(text[:16]) + shift).isoformat()[:16],
                 self.suffix(shift))
        self.minutes[text[:16]] = found
        return found

    def __call__(self, text: str | None) -> str:
        if not text:
            return ""
        found = self.hours[text[:13]]
        if found:
            return found[0] + text[13:19] + found[1]
        shift = self.shifts.get(text[:13])
        if shift is not None:
            minute = self.minutes.get(text[:16]) or self.minute(text, shift)
            return minute[0] + text[16:19] + minute[1]
        return datetime.fromisoformat(text).astimezone(self.tz).isoformat(timespec="seconds")


class _Hours(dict[str, "tuple[str, str] | None"]):
    """:attr:`_LocalText.hours`, each hour looked up when first asked for."""

    def __init__(self, local: _LocalText):
        super().__init__()
        self.local = local

    def __missing__(self, hour: str) -> tuple[str, str] | None:
        return self.local.hour(hour)


class _CsvText(dict[object, str]):
    """A field as the csv module writes it in a row (quoted when it holds a comma, a
    quote or a line break), asked of the module once per distinct value."""

    def __init__(self) -> None:
        super().__init__()
        self.out = io.StringIO()
        self.writer = csv.writer(self.out, lineterminator="\n")

    def __missing__(self, value: object) -> str:
        self.out.seek(0)
        self.out.truncate()
        self.writer.writerow((value, ""))  # two fields: a lone "" is written as '""'
        text = self[value] = self.out.getvalue()[:-2]  # without ",\n"
        return text


def _break_lines(journal: Journal, local: _LocalText, low: str, high: str,
                 everything: bool) -> Iterator[str]:
    """The CSV lines of the breaks, made as the csv module writes their rows: the times
    never need quoting, the other text is quoted by :class:`_CsvText`, the seconds (a
    float, or empty without steps) are written with ``repr`` as the module does."""
    # The steps summed up per break in one pass over their (break, position) index.
    steps = {row[0]: row for row in questions.step_summaries(
        journal, low, high, everything=everything)}
    none = (None, "", "", "")
    hours = local.hours
    field = _CsvText()
    for break_id, planned, start, end, routine, outcome in questions.breaks_between(
            journal, low, high, full=False):
        _id, done, skipped, seconds = steps.get(break_id, none)
        # local(end), local(start), local(planned) inlined for an hour looked up already
        hour = end[:13]
        found = hours[hour]
        end_local = found[0] + end[13:19] + found[1] if found else local(end)
        if start[:13] != hour:
            hour = start[:13]
            found = hours[hour]
        start_local = found[0] + start[13:19] + found[1] if found else local(start)
        if not planned:
            planned_local = ""
        else:
            if planned[:13] != hour:
                hour = planned[:13]
                found = hours[hour]
            planned_local = found[0] + planned[13:19] + found[1] if found \
                else local(planned)
        yield (f"break,{end_local[:10]},{start_local},{end_local},"
               f"{planned_local},{field[routine]},{field[outcome]},"
               f"{field[done]},{field[skipped]},"
               f"{repr(seconds) if type(seconds) is float else field[seconds]},,,,,,,,,,\n")


def _csv_rows(journal: Journal, local: _LocalText, low: str, high: str
              ) -> Iterator[tuple[object, ...]]:
    """The rows of the pauses, ice/heat sessions, pain and activity ratings."""
    for reason, start, until_, end in questions.pauses_between(journal, low, high):
        start_local = local(start)
        yield ("pause", start_local[:10], start_local, local(end), "", "", "", "", "", "",
               "", "", "", "", "", "", "", reason, local(until_), "")
    for mode, start, end, minutes, completed, _created in questions.thermal_between(
            journal, low, high):
        end_local = local(end)
        yield ("ice-heat", end_local[:10], local(start), end_local, "", "", "", "", "", "",
               mode, minutes, "yes" if completed else "no", "", "", "", "", "", "", "")
    for at, rating, note, sleep, work, _started, _created in questions.pain_between(
            journal, low, high):
        at_local = local(at)
        yield ("pain", at_local[:10], at_local, "", "", "", "", "", "", "", "", "", "",
               rating, note or "", "yes" if sleep else "no", "yes" if work else "no", "", "",
               "")
    for at, activity, rating, _created in psfs_between(journal, low, high):
        at_local = local(at)
        yield ("psfs", at_local[:10], at_local, "", "", "", "", "", "", "", "", "", "",
               rating, "", "", "", "", "", activity)


def export_csv(journal: Journal, tz: tzinfo, since: date | None = None,
               until: date | None = None) -> str:
    low, high = _bounds(since, until, tz)
    local = _LocalText(tz)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    out.writelines(_break_lines(journal, local, low, high,
                                everything=since is None and until is None))
    writer.writerows(_csv_rows(journal, local, low, high))
    return out.getvalue()


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, readable by the user only (0600)."""
    path = Path(path)
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise ExchangeError(f"Could not write {path}: {exc.strerror or exc}. Check that the "
                            "folder exists, that you may write there and that there is "
                            "free space.") from exc


def export_file(journal: Journal, path: Path, fmt: str, tz: tzinfo, now: datetime,
                since: date | None = None, until: date | None = None) -> None:
    check_out(path)
    if fmt == "csv":
        text = export_csv(journal, tz, since, until)
    elif fmt == "json":
        text = export_json(journal, tz, now, since, until)
    else:
        raise ExchangeError(f"Unknown export format {fmt!r}; use csv or json.")
    write_private(path, text)


def check_out(path: Path) -> None:
    """Refuse an ``--out`` that is not a new name or a regular file (a FIFO, a device, a
    link, a folder), and remove what an earlier write of it cut by a kill left behind."""
    from .safefile import UnusualTarget, check_target, clean_stale_temps

    try:
        check_target(path)
    except UnusualTarget as exc:
        raise ExchangeError(str(exc)) from None
    clean_stale_temps(Path(path).parent or Path("."), Path(path).name)


# ---------------------------------------------------------------------------
# import


class _BadNumber:
    """A JSON number no record may hold (too many digits, NaN, infinite): kept as this
    marker so the record it is in is refused with its place."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys it had twice."""

    twice: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        twice = []
        for key, _value in pairs:
            if key in seen:
                twice.append(key)
            seen.add(key)
        obj.twice = tuple(twice)
    return obj


_LONG_NUMBER = re.compile(rb"[0-9]{%d,}" % (MAX_DIGITS + 1))


def _int(text: str) -> int | _BadNumber:
    if len(text) > MAX_DIGITS:
        return _BadNumber(f"a number of {len(text.lstrip('-'))} digits")
    return int(text)


def _float(text: str) -> float | _BadNumber:
    value = float(text) if len(text) <= 40 else math.inf
    return value if math.isfinite(value) else _BadNumber(f"the number {text[:40]}")


def _constant(text: str) -> _BadNumber:
    return _BadNumber(text)


def _nesting_place(text: str, limit: int = 64) -> tuple[int, int]:
    """Where ``text`` first nests deeper than ``limit`` (outside strings): line, column."""
    depth = 0
    in_string = escaped = False
    line, start = 1, 0
    for i, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return line, i - start + 1
        elif char in "]}":
            depth -= 1
        if char == "\n":
            line, start = line + 1, i + 1
    return line, 1


class _Checker:
    """Reads one JSON record, collecting located problems."""

    def __init__(self, problems: list[str]):
        self.problems = problems

    def bad(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    @property
    def enough(self) -> bool:
        return len(self.problems) >= STOP_AFTER_PROBLEMS

    def twice(self, rec: dict[str, Any], where: str) -> None:
        for key in getattr(rec, "twice", ()):
            self.bad(f"{where}.{key}" if where else key,
                     "is given twice in the same record; keep one")

    def time(self, rec: dict[str, Any], key: str, where: str, optional: bool = False
             ) -> str | None:
        value = rec.get(key)
        if type(value) is str and len(value) == 32 and value[19] == "." \
                and value.endswith("+00:00") and value[:4].isdigit() \
                and FIRST_YEAR <= int(value[:4]) <= LAST_YEAR:
            try:  # as an export writes it (UTC, microseconds): already the stored text
                datetime.fromisoformat(value)
                return value
            except ValueError:
                pass
        if value is None:
            if not optional:
                self.bad(f"{where}.{key}", "is missing; it must be a time like "
                                           "\"2026-03-01T09:30:00+00:00\"")
            return None
        try:
            if not isinstance(value, str) or len(value) > 40:
                raise ValueError
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None or parsed.utcoffset() is None:
                self.bad(f"{where}.{key}", f"{value!r} has no time zone; add one, like +00:00")
                return None
            if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
                raise OverflowError
            parsed = parsed.astimezone(UTC)
            if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
                raise OverflowError
        except OverflowError:
            self.bad(f"{where}.{key}", f"{value!r} is outside the years {FIRST_YEAR} to "
                                       f"{LAST_YEAR}; is the file damaged?")
            return None
        except ValueError:
            shown = repr(value) if not isinstance(value, str) or len(value) <= 40 \
                else repr(value[:40] + "...")
            self.bad(f"{where}.{key}", f"{shown} is not a time like "
                                       "\"2026-03-01T09:30:00+00:00\"")
            return None
        return parsed.isoformat(timespec="microseconds")

    def text(self, rec: dict[str, Any], key: str, where: str, optional: bool = False,
             choices: tuple[str, ...] | None = None) -> str | None:
        value = rec.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or (not value and not optional):
            self.bad(f"{where}.{key}", f"must be text, got {_shown(value)}")
            return None
        if choices is not None and value not in choices:
            self.bad(f"{where}.{key}", f"must be one of {', '.join(choices)}, got "
                                       f"{_shown(value)}")
            return None
        return self.no_nul(value, f"{where}.{key}")

    def no_nul(self, value: str, path: str) -> str | None:
        """``value``, or None with a problem when it holds U+0000: SQLite's text functions
        end a text there.  Anything else is taken; what prints the journal escapes it."""
        if "\x00" not in value:
            return value
        self.bad(path, f"contains a NUL character (U+0000) at character "
                       f"{value.index(chr(0)) + 1}; write plain text only")
        return None

    def integer(self, rec: dict[str, Any], key: str, where: str, low: int, high: int
                ) -> int | None:
        value = rec.get(key)
        if type(value) is not int or not low <= value <= high:
            self.bad(f"{where}.{key}", f"must be a whole number from {low} to {high}, "
                                       f"got {_shown(value)}")
            return None
        return value

    def flag(self, rec: dict[str, Any], key: str, where: str, default: bool = False
             ) -> bool:
        value = rec.get(key, default)
        if not isinstance(value, bool):
            self.bad(f"{where}.{key}", f"must be true or false, got {_shown(value)}")
            return default
        return value


def _shown(value: Any) -> str:
    """A value from the file as a message shows it: short, and escaped (``repr``)."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _records(data: dict[str, Any], key: str, check: _Checker) -> Iterator[tuple[str, Any]]:
    """Each record of the list ``key`` with its place; stops once there are enough
    problems to show (a file of a million bad records is refused in moments)."""
    value = data.get(key, [])
    if not isinstance(value, list):
        check.bad(key, "must be a list")
        return
    for i, rec in enumerate(value):
        if check.enough:
            return
        if not isinstance(rec, dict):
            check.bad(f"{key}[{i}]", "must be an object")
            continue
        check.twice(rec, f"{key}[{i}]")
        yield f"{key}[{i}]", rec


def _parse(data: Any, check: _Checker, now_text: str) -> dict[str, list[tuple[Any, ...]]]:
    if isinstance(data, dict):
        check.twice(data, "")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        check.bad("format", f"is not a posture-coach export (expected \"format\": "
                            f"\"{FORMAT}\"); export one with `posture-coach export "
                            "--format json`")
        return {}
    version = data.get("version")
    if type(version) is not int or version != VERSION:
        check.bad("version", f"is {_shown(version)}; this posture-coach reads version "
                             f"{VERSION}" + ("; update posture-coach" if type(version) is int
                                              and version > VERSION else ""))
        return {}
    if check.problems:
        return {}
    outcomes = tuple(o.value for o in Outcome)
    statuses = tuple(s.value for s in StepStatus)
    breaks = []
    for where, rec in _records(data, "breaks", check):
        before = len(check.problems)
        planned = check.time(rec, "planned_at", where, optional=True)
        start = check.time(rec, "started_at", where)
        end = check.time(rec, "ended_at", where)
        routine = check.text(rec, "routine_id", where, optional=True)
        outcome = check.text(rec, "outcome", where, choices=outcomes)
        snooze = check.time(rec, "snooze_until", where, optional=True)
        created = check.time(rec, "created_at", where, optional=True) or now_text
        if start and end and end < start:
            check.bad(f"{where}.ended_at", "is before started_at")
        if snooze and outcome != Outcome.SNOOZED.value:
            check.bad(f"{where}.snooze_until", "is only for a snoozed break")
        steps = []
        raw_steps = rec.get("steps", [])
        if not isinstance(raw_steps, list):
            check.bad(f"{where}.steps", "must be a list")
            raw_steps = []
        positions: set[int] = set()
        for j, step in enumerate(raw_steps):
            swhere = f"{where}.steps[{j}]"
            if not isinstance(step, dict):
                check.bad(swhere, "must be an object")
                continue
            check.twice(step, swhere)
            position = check.integer(step, "position", swhere, 0, 10_000)
            if position is not None and position in positions:
                check.bad(f"{swhere}.position", f"{position} is used twice in this break")
            positions.add(position if position is not None else -1)
            exercise = check.text(step, "exercise_id", swhere)
            status = check.text(step, "status", swhere, choices=statuses)
            seconds = step.get("seconds")
            if (isinstance(seconds, bool) or not isinstance(seconds, (int, float))
                    or not math.isfinite(seconds) or seconds < 0):
                check.bad(f"{swhere}.seconds", f"must be a number of seconds >= 0, "
                                               f"got {_shown(seconds)}")
            steps.append((position, exercise, status, seconds))
        if len(check.problems) == before:
            breaks.append((planned, start, end, routine, outcome, snooze, created,
                           tuple(steps)))
    pauses = []
    for where, rec in _records(data, "pauses", check):
        before = len(check.problems)
        row = (check.text(rec, "reason", where), check.time(rec, "started_at", where),
               check.time(rec, "until", where, optional=True),
               check.time(rec, "ended_at", where, optional=True))
        if row[1] and row[3] and row[3] < row[1]:
            check.bad(f"{where}.ended_at", "is before started_at; a pause ends after it "
                                           "starts")
        if len(check.problems) == before:
            pauses.append(row)
    thermal = []
    for where, rec in _records(data, "thermal_sessions", check):
        before = len(check.problems)
        mode = check.text(rec, "mode", where, choices=THERMAL_MODES)
        start = check.time(rec, "started_at", where)
        end = check.time(rec, "ended_at", where)
        minutes = check.integer(rec, "planned_minutes", where, 1, THERMAL_MAX_MINUTES)
        completed = check.flag(rec, "completed", where)
        created = check.time(rec, "created_at", where, optional=True) or now_text
        if start and end and end < start:
            check.bad(f"{where}.ended_at", "is before started_at")
        if len(check.problems) == before:
            thermal.append((mode, start, end, minutes, int(completed), created))
    pain = []
    for where, rec in _records(data, "pain", check):
        before = len(check.problems)
        note = rec.get("note")
        if note is not None and not isinstance(note, str):
            check.bad(f"{where}.note", f"must be text, got {_shown(note)}")
        elif note is not None:
            note = check.no_nul(note, f"{where}.note")
        pain_row = (check.time(rec, "at", where), check.integer(rec, "rating", where, 0, 10), note,
               int(check.flag(rec, "sleep", where)), int(check.flag(rec, "work", where)),
               check.time(rec, "break_started_at", where, optional=True),
               check.time(rec, "created_at", where, optional=True) or now_text)
        if len(check.problems) == before:
            pain.append(pain_row)
    psfs = []
    for where, rec in _records(data, "psfs", check):
        before = len(check.problems)
        activity = check.text(rec, "activity", where)
        if activity is not None and len(activity) > ACTIVITY_MAX:
            check.bad(f"{where}.activity", f"is longer than {ACTIVITY_MAX} characters")
        psfs_row = (check.time(rec, "at", where), activity,
                    check.integer(rec, "rating", where, 0, 10),
                    check.time(rec, "created_at", where, optional=True) or now_text)
        if len(check.problems) == before:
            psfs.append(psfs_row)
    return {"breaks": breaks, "pauses": pauses, "thermal_sessions": thermal, "pain": pain,
            "psfs": psfs}


def read_export(path: Path) -> Any:
    """The JSON of an export file: read with a bound (a regular file of at most
    :data:`MAX_IMPORT_BYTES`, never blocking), at most :data:`MAX_OBJECTS` objects, numbers
    of at most :data:`MAX_DIGITS` digits, nesting within the parser's limit; refused with
    the place otherwise."""
    from .errors import ValidationError
    from .safefile import read_bounded

    path = Path(path)
    name = str(path)
    try:
        raw = read_bounded(path, MAX_IMPORT_BYTES, name)
    except ValidationError as exc:
        raise ExchangeError(f"{exc.problems[0]}. Choose a JSON export of posture-coach. "
                            "Nothing was imported.") from None
    objects = raw.count(b"{")
    if objects > MAX_OBJECTS:
        raise ExchangeError(f"{name}: holds more than {MAX_OBJECTS:,} records ({objects:,} "
                            "objects); is it the right file? Nothing was imported.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ExchangeError(f"{name}:{line}:{column}: not a text file ({exc.reason}); "
                            "choose a JSON export of posture-coach. Nothing was "
                            "imported.") from None
    # Numbers of more than MAX_DIGITS digits are made markers (refused where they are);
    # the hook costs time, so it is used only when such a run of digits is there at all.
    long_number = _LONG_NUMBER.search(raw) is not None
    del raw
    try:
        if long_number:
            return json.loads(text, object_pairs_hook=_object, parse_int=_int,
                              parse_float=_float, parse_constant=_constant)
        return json.loads(text, object_pairs_hook=_object, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise ExchangeError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}); "
                            "choose a JSON export of posture-coach (CSV exports cannot be "
                            "imported). Nothing was imported.") from None
    except RecursionError:
        line, column = _nesting_place(text)
        raise ExchangeError(f"{name}:{line}:{column}: lists or objects are nested too "
                            "deeply for an export; is it the right file? Nothing was "
                            "imported.") from None


def import_data(journal: Journal, data: Any, now: datetime, name: str = "import"
                ) -> ImportResult:
    """Merge an export (already read from JSON) into the journal, in one transaction."""
    problems: list[str] = []
    now_text = now.astimezone(UTC).isoformat(timespec="microseconds")
    parsed = _parse(data, _Checker(problems), now_text)
    if problems:
        more = len(problems) - MAX_PROBLEMS
        shown = "\n".join(f"{name}: {p}" for p in problems[:MAX_PROBLEMS])
        tail = f"\n... and {more} more" if more > 0 else ""
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        if len(problems) >= STOP_AFTER_PROBLEMS:
            count = f"at least {len(problems)} problems (checking stopped there)"
        raise ExchangeError(f"{shown}{tail}\n{name}: {count}; nothing was imported. "
                            "Fix the file or export it again.")
    added = dict.fromkeys(TABLES, 0)
    skipped = dict(added)
    try:
        questions.merge_rows(journal, parsed, added, skipped)
    except ValueError as exc:
        raise ExchangeError(f"{name}: {exc}; nothing was imported.") from exc  # its words
    return ImportResult(added, skipped)


def import_file(journal: Journal, path: Path, now: datetime) -> ImportResult:
    return import_data(journal, read_export(path), now, str(path))
