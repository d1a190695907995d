"""The named questions statistics and export ask the journal, and the one write an import
makes: every SQL statement outside the journal's own records lives here, so the rest of
the core asks "how many breaks per day" instead of writing SQL.

Times go in and come out as the stored UTC text (fixed width, so text order is time
order): statistics over ten years of breaks and a 10 MiB export stay fast because no
stored time is parsed in Python unless it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .psfs import merge_psfs
from .store import Journal

Rows = list[tuple[Any, ...]]


def _in(values: Sequence[str]) -> str:
    return ", ".join(repr(v) for v in values)


# --------------------------------------------------------------------------- statistics

def first_record_text(journal: Journal) -> str | None:
    """When the journal's first record (break, pause, pain rating, ice/heat) was, as
    stored UTC text; None for an empty journal."""
    rows = journal._read(
        "SELECT min(t) FROM (SELECT min(ended_at) AS t FROM breaks"
        " UNION ALL SELECT min(started_at) FROM pauses"
        " UNION ALL SELECT min(at) FROM pain"
        " UNION ALL SELECT min(started_at) FROM thermal_sessions)")
    return rows[0][0] if rows else None


def outcomes_per_day(journal: Journal,
                     days: Sequence[tuple[int, str, str, str | None, str | None]],
                     outcomes: Sequence[str] | None = None) -> Rows:
    """For days given as ``(index, start, end, work_start, work_end)`` (UTC text; no
    working period: None), the breaks that ended in each: rows of ``(index, outcome,
    count, how many of them ended in the working period)``; only ``outcomes`` when given."""
    if not days:
        return []
    wanted = "" if outcomes is None else f" AND b.outcome IN ({_in(outcomes)})"
    values = ", ".join(["(?, ?, ?, ?, ?)"] * len(days))
    params = [value for day in days for value in day]
    return journal._read(
        f"WITH d(i, s, e, ps, pe) AS (VALUES {values})"
        " SELECT d.i, b.outcome, count(*),"
        " total(b.ended_at >= d.ps AND b.ended_at < d.pe)"
        " FROM d JOIN breaks b ON b.ended_at >= d.s AND b.ended_at < d.e"
        f"{wanted} GROUP BY d.i, b.outcome", params)


def breaks_per_span(journal: Journal, spans: Sequence[tuple[int, str, str]],
                    outcomes: Sequence[str]) -> dict[int, int]:
    """How many breaks with one of ``outcomes`` ended in each ``(index, start, end)``
    (0 or left out when none); any number of spans, asked _SPANS_PER_QUERY at a time.

    Each span is counted on the ``(outcome, ended_at)`` index, a range per outcome (a
    join grouped by span costs more: SQLite sorts the joined rows to group them)."""
    out: dict[int, int] = {}
    for at in range(0, len(spans), _SPANS_PER_QUERY):
        chunk = spans[at:at + _SPANS_PER_QUERY]
        values = ", ".join(["(?, ?, ?)"] * len(chunk))
        params = [value for span in chunk for value in span]
        out.update((int(i), int(n)) for i, n in journal._read(
            f"WITH d(i, s, e) AS (VALUES {values}) SELECT i, (SELECT count(*) FROM breaks"
            f" WHERE outcome IN ({_in(outcomes)}) AND ended_at >= d.s AND ended_at < d.e)"
            " FROM d", params))
    return out


_SPANS_PER_QUERY = 1000
"""3,000 parameters a statement (SQLite allows 32,766 since 3.32)."""


def exercise_counts(journal: Journal, start: str, end: str) -> Rows:
    """``(exercise id, times done)`` in breaks that ended in ``[start, end)``, most done
    first."""
    return journal._read(
        "SELECT s.exercise_id, count(*) FROM steps s JOIN breaks b ON b.id = s.break_id"
        " WHERE b.ended_at >= ? AND b.ended_at < ? AND s.status = 'done'"
        " GROUP BY s.exercise_id ORDER BY count(*) DESC, s.exercise_id", (start, end))


# --------------------------------------------------------------------------- export
# Each returns the rows of one table whose time lies in [low, high) (UTC text), in
# time order, with the columns the export writes.

def steps_between(journal: Journal, low: str, high: str) -> Rows:
    """``(break id, position, exercise id, status, seconds)`` of breaks that ended then."""
    return journal._read(
        "SELECT s.break_id, s.position, s.exercise_id, s.status, s.seconds FROM steps s"
        " JOIN breaks b ON b.id = s.break_id WHERE b.ended_at >= ? AND b.ended_at < ?"
        " ORDER BY s.break_id, s.position", (low, high))


def step_summaries(journal: Journal, low: str, high: str, everything: bool) -> Rows:
    """Per break: ``(break id, done exercise ids ';'-joined, skipped ones, seconds)``,
    of every break (``everything``) or of those that ended in ``[low, high)``."""
    which = "" if everything else \
        " WHERE break_id IN (SELECT id FROM breaks WHERE ended_at >= ? AND ended_at < ?)"
    return journal._read(
        "SELECT break_id, group_concat(CASE WHEN status = 'done' THEN exercise_id END, ';'),"
        " group_concat(CASE WHEN status = 'skipped' THEN exercise_id END, ';'),"
        f" round(total(seconds), 1) FROM steps{which} GROUP BY break_id",
        () if everything else (low, high))


def breaks_between(journal: Journal, low: str, high: str, *, full: bool = True) -> Rows:
    """``(id, planned, started, ended, routine, outcome[, snooze until, created])``;
    the last two only when ``full``."""
    extra = ", snooze_until, created_at" if full else ""
    return journal._read(
        f"SELECT id, planned_at, started_at, ended_at, routine_id, outcome{extra}"
        " FROM breaks WHERE ended_at >= ? AND ended_at < ? ORDER BY ended_at, id",
        (low, high))


def pauses_between(journal: Journal, low: str, high: str) -> Rows:
    """``(reason, started, until, ended)`` of pauses that started then."""
    return journal._read(
        "SELECT reason, started_at, until, ended_at FROM pauses"
        " WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id", (low, high))


def thermal_between(journal: Journal, low: str, high: str) -> Rows:
    """``(mode, started, ended, planned minutes, completed, created)``."""
    return journal._read(
        "SELECT mode, started_at, ended_at, planned_minutes, completed, created_at"
        " FROM thermal_sessions WHERE ended_at >= ? AND ended_at < ?"
        " ORDER BY ended_at, id", (low, high))


def pain_between(journal: Journal, low: str, high: str) -> Rows:
    """``(at, rating, note, sleep, work, started time of its break, created)``."""
    return journal._read(
        "SELECT p.at, p.rating, p.note, p.sleep, p.work, b.started_at, p.created_at"
        " FROM pain p LEFT JOIN breaks b ON b.id = p.break_id"
        " WHERE p.at >= ? AND p.at < ? ORDER BY p.at, p.id", (low, high))


# --------------------------------------------------------------------------- import

def merge_rows(journal: Journal, parsed: dict[str, list[tuple[Any, ...]]],
               added: dict[str, int], skipped: dict[str, int]) -> None:
    """Add an import's checked rows in one transaction, skipping what is already there
    (the same break, pause, session or rating; an activity rating: :mod:`.psfs`); counts go
    to ``added``/``skipped``."""
    with journal._write("import into") as db:
        have = {tuple(r) for r in db.execute(
            "SELECT started_at, ended_at, outcome, routine_id FROM breaks")}
        for planned, start, end, routine, outcome, snooze, created, steps in parsed["breaks"]:
            key = (start, end, outcome, routine)
            if key in have:
                skipped["breaks"] += 1
                continue
            have.add(key)
            cur = db.execute(
                "INSERT INTO breaks (planned_at, started_at, ended_at, routine_id, outcome,"
                " snooze_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (planned, start, end, routine, outcome, snooze, created))
            db.executemany(
                "INSERT INTO steps (break_id, position, exercise_id, status, seconds)"
                " VALUES (?, ?, ?, ?, ?)",
                [(cur.lastrowid, p, e, s, float(sec)) for p, e, s, sec in steps])
            added["breaks"] += 1
        have_p = {tuple(r) for r in db.execute("SELECT reason, started_at FROM pauses")}
        for reason, start, until, end in parsed["pauses"]:
            if (reason, start) in have_p:
                skipped["pauses"] += 1
                continue
            have_p.add((reason, start))
            db.execute("INSERT INTO pauses (reason, started_at, until, ended_at)"
                       " VALUES (?, ?, ?, ?)", (reason, start, until, end))
            added["pauses"] += 1
        have_t = {tuple(r) for r in db.execute(
            "SELECT mode, started_at FROM thermal_sessions")}
        for row in parsed["thermal_sessions"]:
            if (row[0], row[1]) in have_t:
                skipped["thermal_sessions"] += 1
                continue
            have_t.add((row[0], row[1]))
            db.execute("INSERT INTO thermal_sessions (mode, started_at, ended_at,"
                       " planned_minutes, completed, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                       row)
            added["thermal_sessions"] += 1
        have_pain = {tuple(r) for r in db.execute("SELECT at, rating, note FROM pain")}
        for at, rating, note, sleep, work, break_start, created in parsed["pain"]:
            if (at, rating, note) in have_pain:
                skipped["pain"] += 1
                continue
            have_pain.add((at, rating, note))
            break_id = None
            if break_start is not None:
                found = db.execute("SELECT id FROM breaks WHERE started_at = ?"
                                   " ORDER BY id LIMIT 1", (break_start,)).fetchone()
                break_id = found[0] if found else None
            db.execute("INSERT INTO pain (at, rating, note, break_id, created_at, sleep, work)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (at, rating, note, break_id, created, sleep, work))
            added["pain"] += 1
        if parsed.get("psfs"):
            merge_psfs(db, parsed["psfs"], added, skipped)
