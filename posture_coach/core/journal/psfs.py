"""The Patient-Specific Functional Scale in the journal (migration 6): the patient's 0-10
rating of each activity the PT named, the writes and the named questions about them.

A rating session is several rows with the same ``at`` (one per activity).  Times go in
as aware datetimes and are stored as fixed-width UTC text, like every other record.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .records import JournalError, _check_aware, _from_db, _to_db
from .store import Journal

ACTIVITY_MAX = 200
"""The journal refuses longer activity names (the schema's CHECK says the same)."""

Rows = list[tuple[Any, ...]]


@dataclass(frozen=True)
class PsfsRecord:
    """One activity's rating: 0 unable to perform it, 10 able to perform it at the level
    before the problem."""

    id: int
    at: datetime
    activity: str
    rating: int


def check_rating(activity: object, rating: object) -> None:
    """Raise :exc:`ValueError` unless ``activity`` is 1-200 characters and ``rating`` an
    int from 0 to 10."""
    if not isinstance(activity, str) or not 1 <= len(activity) <= ACTIVITY_MAX:
        raise ValueError(f"activity must be text of 1 to {ACTIVITY_MAX} characters, "
                         f"got {activity!r}")
    if isinstance(rating, bool) or not isinstance(rating, int) or not 0 <= rating <= 10:
        raise ValueError(f"rating must be an int from 0 to 10, got {rating!r}")


def record_psfs(journal: Journal, at: datetime,
                ratings: Sequence[tuple[str, int]]) -> int:
    """Record one rating session (``(activity, rating)`` pairs, all at ``at``) in one
    transaction; return how many rows were written."""
    _check_aware(at, "at")
    rows = list(ratings)
    if not rows:
        raise ValueError("a PSFS session needs at least one rating")
    for activity, rating in rows:
        check_rating(activity, rating)
    stamp, created = _to_db(at), _to_db(journal._clock.now())
    with journal._write("record activity ratings in") as db:
        db.executemany("INSERT INTO psfs_ratings (at, activity, rating, created_at)"
                       " VALUES (?, ?, ?, ?)",
                       [(stamp, activity, rating, created) for activity, rating in rows])
    return len(rows)


def psfs_since(journal: Journal, start: datetime | None = None,
               end: datetime | None = None) -> list[PsfsRecord]:
    """Ratings taken in ``[start, end)`` (either open), oldest first."""
    low = "" if start is None else _to_db(start)
    high = "\uffff" if end is None else _to_db(end)
    rows = journal._read("SELECT id, at, activity, rating FROM psfs_ratings"
                         " WHERE at >= ? AND at < ? ORDER BY at, id", (low, high))
    try:
        return [PsfsRecord(int(r[0]), _from_db(r[1]), str(r[2]), int(r[3])) for r in rows]
    except (TypeError, ValueError) as exc:
        raise JournalError(
            f"The journal {journal.path} holds an activity rating this version cannot read "
            f"({exc}). Was it edited by another program? Move it away to start a new "
            "one.") from exc


def last_psfs_at(journal: Journal) -> datetime | None:
    """When the activities were last rated, or None."""
    rows = journal._read("SELECT max(at) FROM psfs_ratings")
    if not rows or rows[0][0] is None:
        return None
    return _from_db(rows[0][0])


# --------------------------------------------------------------------------- export, import

def psfs_between(journal: Journal, low: str, high: str) -> Rows:
    """``(at, activity, rating, created)`` of ratings taken in ``[low, high)`` (UTC text)."""
    return journal._read(
        "SELECT at, activity, rating, created_at FROM psfs_ratings"
        " WHERE at >= ? AND at < ? ORDER BY at, id", (low, high))


def merge_psfs(db: sqlite3.Connection, rows: Sequence[tuple[str, str, int, str]],
               added: dict[str, int], skipped: dict[str, int]) -> None:
    """Within an import's transaction (``db``), add checked ``(at, activity, rating,
    created)`` rows, skipping the ones already there (the same activity rated at the same
    time)."""
    have = {(str(a), str(b)) for a, b in db.execute("SELECT at, activity FROM psfs_ratings")}
    for at, activity, rating, created in rows:
        if (at, activity) in have:
            skipped["psfs"] += 1
            continue
        have.add((at, activity))
        db.execute("INSERT INTO psfs_ratings (at, activity, rating, created_at)"
                   " VALUES (?, ?, ?, ?)", (at, activity, rating, created))
        added["psfs"] += 1
