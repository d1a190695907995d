"""Export the journal to CSV or JSON, and merge a JSON export into a journal.

* **JSON** (``format: posture-coach-journal``, ``version: 1``) holds every
  break with its steps, every pause, ice/heat session and pain rating, with
  times exactly as the journal stores them (UTC, ISO-8601).  Importing an
  export into an empty journal and exporting again gives the same file (the
  round trip is lossless; a property test proves it).
* **CSV** is for spreadsheets: one row per record (``record`` column: break,
  pause, ice-heat, pain), times in the user's local time; a break's exercises
  are listed in its row (done and skipped, ``;``-separated, in order, and the
  seconds spent).  It cannot be imported.
* ``since``/``until`` are local dates, both included; a record belongs to the
  day its break or session ended (a pause: started; a pain rating: taken).
* **Import** merges without duplicates: a row whose natural key is already in
  the journal is skipped.  Keys: a break by (start, end, outcome, routine); a
  pause by (reason, start); an ice/heat session by (mode, start); a pain
  rating by (time, rating, note).  The whole file is checked first; a bad file
  is refused with the place of the first problems (``breaks[3].outcome: ...``)
  and the journal is not touched.  The rows go in in one transaction.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone, tzinfo
from pathlib import Path
from typing import Any

from .atomic import write_atomic
from .journal import THERMAL_MAX_MINUTES, THERMAL_MODES, Journal, Outcome, StepStatus, questions
from .stats import day_bounds

FORMAT = "posture-coach-journal"
VERSION = 1
UTC = timezone.utc
CSV_COLUMNS = ("record", "date", "start", "end", "planned_at", "routine", "outcome",
               "exercises_done", "exercises_skipped", "exercise_seconds", "mode",
               "planned_minutes", "completed", "rating", "note", "sleep", "work", "reason",
               "until")
MAX_IMPORT_BYTES = 512 * 1024 * 1024
MAX_PROBLEMS = 10


class ExchangeError(Exception):
    """An export or import the user asked for cannot be done; the message says where and
    what to do.  The journal is unchanged."""


@dataclass(frozen=True)
class ImportResult:
    added: dict[str, int]
    skipped: dict[str, int]

    def summary(self) -> str:
        parts = [f"{self.added[k]} {k.replace('_', ' ')} added, {self.skipped[k]} already there"
                 for k in ("breaks", "pauses", "thermal_sessions", "pain")]
        return "; ".join(parts)


# ---------------------------------------------------------------------------
# export


def _bounds(since: date | None, until: date | None, tz: tzinfo) -> tuple[str, str]:
    low = day_bounds(since, tz)[0].isoformat(timespec="microseconds") if since else ""
    high = day_bounds(until, tz)[1].isoformat(timespec="microseconds") if until else "9999"
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
    return {"format": FORMAT, "version": VERSION,
            "exported_at": now.astimezone(UTC).isoformat(timespec="microseconds"),
            "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None,
            "breaks": breaks, "pauses": pauses, "thermal_sessions": thermal, "pain": pain}


def export_json(journal: Journal, tz: tzinfo, now: datetime, since: date | None = None,
                until: date | None = None) -> str:
    """The export as JSON text: one record per line (readable, and fast to write)."""
    data = export_data(journal, tz, now, since, until)
    lines = ["{"]
    for key in ("format", "version", "exported_at", "since", "until"):
        lines.append(f" {json.dumps(key)}: {json.dumps(data[key])},")
    tables = ("breaks", "pauses", "thermal_sessions", "pain")
    for n, key in enumerate(tables):
        rows = data[key]
        end = "," if n < len(tables) - 1 else ""
        if not rows:
            lines.append(f" {json.dumps(key)}: []{end}")
            continue
        lines.append(f" {json.dumps(key)}: [")
        lines.append(",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in rows))
        lines.append(f" ]{end}")
    lines.append("}")
    return "\n".join(lines) + "\n"


class _LocalText:
    """Stored UTC text -> local ISO text to the second, fast: the local hour and the
    offset are looked up once per UTC hour and the minutes and seconds copied.  In a
    zone whose offset is not whole hours (India, Newfoundland, Lord Howe) every time is
    converted the plain way."""

    def __init__(self, tz: tzinfo):
        self.tz = tz
        self.hours: dict[str, tuple[str, str] | None] = {}

    def hour(self, hour: str) -> tuple[str, str] | None:
        local = datetime.fromisoformat(hour + ":00:00+00:00").astimezone(self.tz)
        offset = local.utcoffset()
        whole = offset is not None and offset.total_seconds() % 3600 == 0
        found = (local.isoformat(timespec="hours")[:13], local.isoformat()[19:]) \
            if whole else None
        self.hours[hour] = found
        return found

    def __call__(self, text: str | None) -> str:
        if not text:
            return ""
        hour = text[:13]
        found = self.hours[hour] if hour in self.hours else self.hour(hour)
        if found is None:
            return datetime.fromisoformat(text).astimezone(self.tz).isoformat(
                timespec="seconds")
        return found[0] + text[13:19] + found[1]


def _csv_rows(journal: Journal, tz: tzinfo, since: date | None,
              until: date | None) -> Iterator[tuple[object, ...]]:
    low, high = _bounds(since, until, tz)
    local = _LocalText(tz)
    # The steps summed up per break in one pass over their (break, position) index.
    steps = {row[0]: row for row in questions.step_summaries(
        journal, low, high, everything=since is None and until is None)}
    none = (None, "", "", "")
    hours = local.hours
    empty = ("",) * 9
    for break_id, planned, start, end, routine, outcome in questions.breaks_between(
            journal, low, high, full=False):
        _id, done, skipped, seconds = steps.get(break_id, none)
        hour = end[:13]
        found = hours[hour] if hour in hours else local.hour(hour)
        end_local = found[0] + end[13:19] + found[1] if found else local(end)
        yield ("break", end_local[:10], local(start), end_local,
               local(planned) if planned else "", routine or "", outcome, done or "",
               skipped or "", seconds, *empty)
    for reason, start, until_, end in questions.pauses_between(journal, low, high):
        start_local = local(start)
        yield ("pause", start_local[:10], start_local, local(end), "", "", "", "", "", "",
               "", "", "", "", "", "", "", reason, local(until_))
    for mode, start, end, minutes, completed, _created in questions.thermal_between(
            journal, low, high):
        end_local = local(end)
        yield ("ice-heat", end_local[:10], local(start), end_local, "", "", "", "", "", "",
               mode, minutes, "yes" if completed else "no", "", "", "", "", "", "")
    for at, rating, note, sleep, work, _started, _created in questions.pain_between(
            journal, low, high):
        at_local = local(at)
        yield ("pain", at_local[:10], at_local, "", "", "", "", "", "", "", "", "", "",
               rating, note or "", "yes" if sleep else "no", "yes" if work else "no", "", "")


def export_csv(journal: Journal, tz: tzinfo, since: date | None = None,
               until: date | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_rows(journal, tz, since, until))
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
    if fmt == "csv":
        text = export_csv(journal, tz, since, until)
    elif fmt == "json":
        text = export_json(journal, tz, now, since, until)
    else:
        raise ExchangeError(f"Unknown export format {fmt!r}; use csv or json.")
    write_private(path, text)


# ---------------------------------------------------------------------------
# import


class _Checker:
    """Reads one JSON record, collecting located problems."""

    def __init__(self, problems: list[str]):
        self.problems = problems

    def bad(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def time(self, rec: dict[str, Any], key: str, where: str, optional: bool = False
             ) -> str | None:
        value = rec.get(key)
        if value is None:
            if not optional:
                self.bad(f"{where}.{key}", "is missing; it must be a time like "
                                           "\"2026-03-01T09:30:00+00:00\"")
            return None
        try:
            if not isinstance(value, str):
                raise ValueError
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None or parsed.utcoffset() is None:
                self.bad(f"{where}.{key}", f"{value!r} has no time zone; add one, like +00:00")
                return None
        except ValueError:
            self.bad(f"{where}.{key}", f"{value!r} is not a time like "
                                       "\"2026-03-01T09:30:00+00:00\"")
            return None
        return parsed.astimezone(UTC).isoformat(timespec="microseconds")

    def text(self, rec: dict[str, Any], key: str, where: str, optional: bool = False,
             choices: tuple[str, ...] | None = None) -> str | None:
        value = rec.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or (not value and not optional):
            self.bad(f"{where}.{key}", f"must be text, got {value!r}")
            return None
        if choices is not None and value not in choices:
            self.bad(f"{where}.{key}", f"must be one of {', '.join(choices)}, got {value!r}")
            return None
        return value

    def integer(self, rec: dict[str, Any], key: str, where: str, low: int, high: int
                ) -> int | None:
        value = rec.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.bad(f"{where}.{key}", f"must be a whole number from {low} to {high}, "
                                       f"got {value!r}")
            return None
        return value

    def flag(self, rec: dict[str, Any], key: str, where: str, default: bool = False
             ) -> bool:
        value = rec.get(key, default)
        if not isinstance(value, bool):
            self.bad(f"{where}.{key}", f"must be true or false, got {value!r}")
            return default
        return value


def _records(data: dict[str, Any], key: str, check: _Checker) -> list[tuple[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list):
        check.bad(key, "must be a list")
        return []
    out = []
    for i, rec in enumerate(value):
        if not isinstance(rec, dict):
            check.bad(f"{key}[{i}]", "must be an object")
            continue
        out.append((f"{key}[{i}]", rec))
    return out


def _parse(data: Any, check: _Checker, now_text: str) -> dict[str, list[tuple[Any, ...]]]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        check.bad("format", f"is not a posture-coach export (expected \"format\": "
                            f"\"{FORMAT}\"); export one with `posture-coach export "
                            "--format json`")
        return {}
    version = data.get("version")
    if version != VERSION:
        check.bad("version", f"is {version!r}; this posture-coach reads version {VERSION}"
                             + ("; update posture-coach" if isinstance(version, int)
                                and version > VERSION else ""))
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
                                               f"got {seconds!r}")
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
            check.bad(f"{where}.note", f"must be text, got {note!r}")
        pain_row = (check.time(rec, "at", where), check.integer(rec, "rating", where, 0, 10), note,
               int(check.flag(rec, "sleep", where)), int(check.flag(rec, "work", where)),
               check.time(rec, "break_started_at", where, optional=True),
               check.time(rec, "created_at", where, optional=True) or now_text)
        if len(check.problems) == before:
            pain.append(pain_row)
    return {"breaks": breaks, "pauses": pauses, "thermal_sessions": thermal, "pain": pain}


def read_export(path: Path) -> Any:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ExchangeError(f"{path}: the file is {size} bytes, more than an export can "
                                f"be ({MAX_IMPORT_BYTES}); is it the right file? Nothing "
                                "was imported.")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ExchangeError(f"{path}: not a text file ({exc.reason} at byte {exc.start}); "
                            "choose a JSON export of posture-coach. Nothing was "
                            "imported.") from exc
    except OSError as exc:
        raise ExchangeError(f"{path}: cannot be read ({exc.strerror or exc}). Check the name "
                            "and that you may read it. Nothing was imported.") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExchangeError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}); "
                            "choose a JSON export of posture-coach (CSV exports cannot be "
                            "imported). Nothing was imported.") from exc


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
        raise ExchangeError(f"{shown}{tail}\n{name}: {len(problems)} problem"
                            f"{'s' if len(problems) != 1 else ''}; nothing was imported. "
                            "Fix the file or export it again.")
    added = dict.fromkeys(("breaks", "pauses", "thermal_sessions", "pain"), 0)
    skipped = dict(added)
    try:
        questions.merge_rows(journal, parsed, added, skipped)
    except ValueError as exc:
        raise ExchangeError(f"{name}: the journal refused the data ({exc}); nothing was "
                            "imported.") from exc
    return ImportResult(added, skipped)


def import_file(journal: Journal, path: Path, now: datetime) -> ImportResult:
    return import_data(journal, read_export(path), now, str(path))
