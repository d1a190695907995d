"""The record format of the sync folder: one JSON object a line (JSONL).

``{"v": 1, "kind": "break", "id": "<32 hex>", "data": {...}}``: ``v`` is the schema
version of the line, ``id`` the record's stable id (the same on every computer), ``kind``
one of :data:`KINDS`, ``data`` its fields as the journal keeps them (times as ISO-8601
text with their offset).  An encrypted folder holds ``{"v": 1, "enc": "<token>"}`` lines
instead, the token a Fernet encryption of the plain line (the id stays outside, checked
against the one inside: it is random and tells nothing).

Everything read from the folder came from another computer or a sync engine: every field
is checked here, and a line that fails is refused with the field that failed, never
merged.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ..journal.records import (
    THERMAL_MAX_MINUTES,
    THERMAL_MODES,
    Outcome,
    StepStatus,
    _to_db,
)
from ..journal.sync_rows import KINDS

VERSION = 1
MAX_LINE = 64 * 1024
"""A longer line is refused: no record of ours comes near it."""

_UID = re.compile(r"^[0-9a-f]{32}$")
_CANONICAL = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00\Z")
_OUTCOMES = frozenset(o.value for o in Outcome)
_STATUSES = frozenset(s.value for s in StepStatus)


class BadRecord(ValueError):
    """A line that is not a record: the message names the field."""


PREFIX = '{"v":1,"id":"'
"""Every line starts so, the id right after it: a reader finds a record it already holds
without decoding (or decrypting) the line."""


def encode(kind: str, uid: str, data: Mapping[str, Any]) -> str:
    """The plain line (no newline) for one record; stable text for the same record."""
    body = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)
    return f'{PREFIX}{uid}","kind":"{kind}","data":{body}}}'


_scan = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # json.loads's scanner
_json_loads = json.loads


def loads(line: str | bytes) -> Any:
    """``json.loads(line)``, the same result or the same error, with less around the C
    scanner for what every line is, one JSON object (a ten-year merge parses 63,000 lines
    and more): bytes that start as an object are UTF-8 (what ``json.loads`` detects,
    decoded as it does), and an object that ends the line is returned as scanned;
    anything else is given to ``json.loads`` itself."""
    if isinstance(line, bytes):
        if line[:2] != b'{"':
            return _json_loads(line)
        line = line.decode("utf-8", "surrogatepass")
    try:
        obj, end = _scan(line, 0)
    except (StopIteration, ValueError):
        return _json_loads(line)  # raises as json.loads does
    if end != len(line):
        return _json_loads(line)  # trailing space, or extra data
    return obj


def uid_of(line: bytes) -> str | None:
    """The id a line says it holds (unchecked), or None."""
    if line.startswith(b'{"v":1,"id":"') and line[45:46] == b'"':
        return line[13:45].decode("ascii", "replace")
    return None


def decode(line: str) -> tuple[str, str, dict[str, Any]]:
    """(kind, id, data) of a plain line, every field checked; :class:`BadRecord` if not."""
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise BadRecord(f"not JSON ({exc})") from None
    return decode_object(obj)


def decode_object(obj: object) -> tuple[str, str, dict[str, Any]]:
    """:func:`decode` of a line already parsed."""
    if not isinstance(obj, dict):
        raise BadRecord("not a JSON object")
    version = obj.get("v")
    if version != VERSION:
        raise BadRecord(f"v: schema version {version!r}; this posture-coach reads {VERSION} "
                        "(update it to read records from a newer copy)")
    kind, uid, data = obj.get("kind"), obj.get("id"), obj.get("data")
    if kind not in KINDS:
        raise BadRecord(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
    if not isinstance(uid, str) or not _UID.match(uid):
        raise BadRecord("id: must be 32 lowercase hex digits")
    if not isinstance(data, dict):
        raise BadRecord("data: must be an object")
    _CHECKS[kind](data)
    return kind, uid, data


# -- field checks --------------------------------------------------------------------------


def _time(data: dict[str, Any], name: str, *, optional: bool = False) -> None:
    value = data.get(name)
    if value is None and optional:
        return
    if not isinstance(value, str) or len(value) > 40:
        raise BadRecord(f"data.{name}: must be an ISO-8601 time")
    try:
        parsed = _fromisoformat(value)
    except ValueError:
        raise BadRecord(f"data.{name}: {value!r} is not an ISO-8601 time") from None
    if _is_canonical(value):
        return  # already the journal's own form (what every posture-coach writes)
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise BadRecord(f"data.{name}: {value!r} has no time zone")
    try:
        data[name] = _to_db(parsed)  # the journal's fixed-width UTC text: text order is time order
    except (OverflowError, ValueError):
        raise BadRecord(f"data.{name}: {value!r} is out of range") from None


_fromisoformat = datetime.fromisoformat
_is_canonical = _CANONICAL.match


def _text(data: Mapping[str, Any], name: str, *, optional: bool = False,
          most: int = 200) -> None:
    value = data.get(name)
    if value is None and optional:
        return
    if not isinstance(value, str) or not 1 <= len(value) <= most:
        raise BadRecord(f"data.{name}: must be text of 1 to {most} characters")
    if "\x00" in value:  # SQLite's text functions end a text there
        raise BadRecord(f"data.{name}: contains a NUL character (U+0000)")


def _int(data: Mapping[str, Any], name: str, low: int, high: int) -> None:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadRecord(f"data.{name}: must be a whole number from {low} to {high}")


def _bool(data: Mapping[str, Any], name: str) -> None:
    if not isinstance(data.get(name, False), bool):
        raise BadRecord(f"data.{name}: must be true or false")


def _order(data: Mapping[str, Any], first: str, last: str) -> None:
    if data[last] < data[first]:  # both fixed-width UTC text by now
        raise BadRecord(f"data.{last}: is before data.{first}")


def _plain_break(data: dict[str, Any]) -> bool:
    """True for a break as every posture-coach writes it, whose fields other than its
    steps pass every check below (times in the journal's own form, no snooze): those
    checks in one expression on JSON's exact types.  False sends the break through the
    checks one by one, which name the field that fails (or normalise a time)."""
    get = data.get
    planned, started, ended, created = (get("planned_at"), get("started_at"),
                                        get("ended_at"), get("created_at"))
    routine, outcome, home = get("routine_id"), get("outcome"), get("home_session")
    canonical = _is_canonical
    if not (type(started) is str and type(ended) is str and type(created) is str
            and canonical(started) and canonical(ended) and canonical(created)
            and (planned is None or (type(planned) is str and canonical(planned)))
            and ended >= started and get("snooze_until") is None
            and type(outcome) is str and outcome in _OUTCOMES
            and (routine is None or (type(routine) is str and 1 <= len(routine) <= 200
                                     and "\x00" not in routine))
            and (home is None or (type(home) is str and 1 <= len(home) <= 200
                                  and "\x00" not in home))):
        return False
    parse = _fromisoformat
    try:  # the form is right; the date must be one (no 31 April)
        parse(started), parse(ended), parse(created)
        if planned is not None:
            parse(planned)
    except ValueError:
        return False
    return True


def _check_break(data: dict[str, Any]) -> None:
    if not _plain_break(data):
        _check_break_fields(data)
    _check_steps(data)


def _check_break_fields(data: dict[str, Any]) -> None:
    _time(data, "planned_at", optional=True)
    _time(data, "started_at")
    _time(data, "ended_at")
    _order(data, "started_at", "ended_at")
    _time(data, "created_at")
    _text(data, "routine_id", optional=True)
    outcome = data.get("outcome")
    if not isinstance(outcome, str) or outcome not in _OUTCOMES:  # a list is no outcome
        raise BadRecord(f"data.outcome: must be one of {', '.join(sorted(_OUTCOMES))}")
    _time(data, "snooze_until", optional=True)
    if data.get("snooze_until") is not None and data["outcome"] != "snoozed":
        raise BadRecord("data.snooze_until: only a snoozed break has one")
    _text(data, "home_session", optional=True)


def _check_steps(data: dict[str, Any]) -> None:
    steps = data.get("steps", [])
    if not isinstance(steps, list) or len(steps) > 200:
        raise BadRecord("data.steps: must be a list of at most 200 steps")
    seen: set[int] = set()
    for i, step in enumerate(steps):
        # the common case first, on the exact types JSON gives: the checks below, at once
        # (a ten-year merge checks 240,000 steps; NaN and infinity fail the range)
        if type(step) is list and len(step) == 4:
            position, exercise, status, seconds = step
            if (type(position) is int and position not in seen and type(exercise) is str
                    and 1 <= len(exercise) <= 200 and "\x00" not in exercise
                    and type(status) is str
                    and status in _STATUSES and type(seconds) in (int, float)
                    and 0 <= seconds <= 86400):
                seen.add(position)
                continue
        where = f"data.steps[{i}]"
        if not isinstance(step, list) or len(step) != 4:
            raise BadRecord(f"{where}: must be [position, exercise, status, seconds]")
        position, exercise, status, seconds = step
        if isinstance(position, bool) or not isinstance(position, int) or position in seen:
            raise BadRecord(f"{where}: position must be a whole number, used once")
        seen.add(position)
        if not isinstance(exercise, str) or not 1 <= len(exercise) <= 200 \
                or "\x00" in exercise:
            raise BadRecord(f"{where}: exercise must be text of 1 to 200 characters, "
                            "without NUL")
        if not isinstance(status, str) or status not in _STATUSES:
            raise BadRecord(f"{where}: status must be done or skipped")
        if (isinstance(seconds, bool) or not isinstance(seconds, (int, float))
                or not math.isfinite(seconds) or not 0 <= seconds <= 86400):
            raise BadRecord(f"{where}: seconds must be a number from 0 to 86400")


def _check_pain(data: dict[str, Any]) -> None:
    _time(data, "at")
    _time(data, "created_at")
    _int(data, "rating", 0, 10)
    _text(data, "note", optional=True, most=2000)
    brk = data.get("break")
    if brk is not None and (not isinstance(brk, str) or not _UID.match(brk)):
        raise BadRecord("data.break: must be a record id or null")
    _bool(data, "sleep")
    _bool(data, "work")


def _check_thermal(data: dict[str, Any]) -> None:
    if data.get("mode") not in THERMAL_MODES:
        raise BadRecord(f"data.mode: must be one of {', '.join(THERMAL_MODES)}")
    _time(data, "started_at")
    _time(data, "ended_at")
    _order(data, "started_at", "ended_at")
    _time(data, "created_at")
    _int(data, "planned_minutes", 1, THERMAL_MAX_MINUTES)
    if not isinstance(data.get("completed"), bool):
        raise BadRecord("data.completed: must be true or false")


def _check_pause(data: dict[str, Any]) -> None:
    _text(data, "reason", most=40)
    _time(data, "started_at")
    _time(data, "until", optional=True)
    _time(data, "ended_at")


def _check_psfs(data: dict[str, Any]) -> None:
    _time(data, "at")
    _time(data, "created_at")
    _text(data, "activity")
    _int(data, "rating", 0, 10)


_CHECKS = {"break": _check_break, "pain": _check_pain, "thermal": _check_thermal,
           "pause": _check_pause, "psfs": _check_psfs}
