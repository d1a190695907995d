"""The journal's side of sync (issue 19): every record that travels, as plain values
keyed by its stable id (migration 7), and the merge of records from other computers.

A synced record never changes once written, so the merge is "insert what is missing":
a record whose id the journal already holds is skipped, whatever it says.  That makes
the merge idempotent and order-free.  Only ended pauses travel: an open pause on one
computer must not pause the breaks of another.  SQL for sync lives here and nowhere else.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .store import Journal

KINDS = ("break", "pain", "thermal", "pause", "psfs")
"""Every kind of record that syncs, in the order a merge inserts them (a pain rating
names the break it followed, so breaks come first)."""

_TABLE = {"break": "breaks", "pain": "pain", "thermal": "thermal_sessions",
          "pause": "pauses", "psfs": "psfs_ratings"}

Data = dict[str, Any]


@dataclass
class MergeResult:
    """What a merge did: records added, by kind; records already there."""

    added: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    known: int = 0

    @property
    def total(self) -> int:
        return sum(self.added.values())


def _db(journal: Journal) -> sqlite3.Connection:
    return journal._db


def known_uids(journal: Journal) -> set[str]:
    """Every stable id the journal holds, of every kind."""
    out: set[str] = set()
    for kind in KINDS:
        out.update(r[0] for r in journal._read(
            f"SELECT uid FROM {_TABLE[kind]} WHERE uid IS NOT NULL"))
    return out


def export(journal: Journal, only: set[str] | None = None
           ) -> Iterator[tuple[str, str, Data]]:
    """(kind, uid, data) for every record that syncs (only those whose id is in ``only``,
    if given), oldest first within a kind."""
    rows = journal._read(
        "SELECT id, uid, planned_at, started_at, ended_at, routine_id, outcome,"
        " snooze_until, created_at FROM breaks ORDER BY id")
    break_uid = {int(r[0]): str(r[1]) for r in rows}
    wanted = [r for r in rows if only is None or r[1] in only]
    steps: dict[int, list[list[Any]]] = {}
    homes: dict[int, str] = {}
    if wanted:
        if len(wanted) > 2000 or only is None:
            step_rows = journal._read(
                "SELECT break_id, position, exercise_id, status, seconds FROM steps"
                " ORDER BY break_id, position")
            home_rows = journal._read("SELECT break_id, session FROM home_sessions")
        else:
            step_rows, home_rows = [], []
            for chunk in _chunks([str(int(r[0])) for r in wanted], 500):
                marks = ",".join("?" * len(chunk))
                step_rows += journal._read(
                    "SELECT break_id, position, exercise_id, status, seconds FROM steps"
                    f" WHERE break_id IN ({marks}) ORDER BY break_id, position", chunk)
                home_rows += journal._read(
                    f"SELECT break_id, session FROM home_sessions WHERE break_id IN ({marks})",
                    chunk)
        for break_id, position, exercise_id, status, seconds in step_rows:
            steps.setdefault(int(break_id), []).append(
                [int(position), str(exercise_id), str(status), float(seconds)])
        homes = {int(r[0]): str(r[1]) for r in home_rows}
    for bid, uid, planned, started, ended, routine, outcome, snooze, created in wanted:
        yield "break", uid, {
            "planned_at": planned, "started_at": started, "ended_at": ended,
            "routine_id": routine, "outcome": outcome, "snooze_until": snooze,
            "created_at": created, "steps": steps.get(int(bid), []),
            "home_session": homes.get(int(bid))}
    yield from (r for r in _others(journal, break_uid) if only is None or r[1] in only)


def _others(journal: Journal, break_uid: dict[int, str]) -> Iterator[tuple[str, str, Data]]:
    for uid, at, rating, note, break_id, waiting, sleep, work, created in journal._read(
            "SELECT uid, at, rating, note, break_id, break_uid, sleep, work, created_at"
            " FROM pain ORDER BY id"):
        yield "pain", uid, {
            "at": at, "rating": int(rating), "note": note,
            "break": waiting if break_id is None else break_uid.get(int(break_id)),
            "sleep": bool(sleep), "work": bool(work), "created_at": created}
    for uid, mode, started, ended, planned, completed, created in journal._read(
            "SELECT uid, mode, started_at, ended_at, planned_minutes, completed, created_at"
            " FROM thermal_sessions ORDER BY id"):
        yield "thermal", uid, {
            "mode": mode, "started_at": started, "ended_at": ended,
            "planned_minutes": int(planned), "completed": bool(completed),
            "created_at": created}
    for uid, reason, started, until, ended in journal._read(
            "SELECT uid, reason, started_at, until, ended_at FROM pauses"
            " WHERE ended_at IS NOT NULL ORDER BY id"):
        yield "pause", uid, {"reason": reason, "started_at": started, "until": until,
                             "ended_at": ended}
    for uid, at, activity, rating, created in journal._read(
            "SELECT uid, at, activity, rating, created_at FROM psfs_ratings ORDER BY id"):
        yield "psfs", uid, {"at": at, "activity": activity, "rating": int(rating),
                            "created_at": created}


def merge(journal: Journal, records: Iterable[tuple[str, str, Mapping[str, Any]]],
          have: set[str] | None = None) -> MergeResult:
    """Insert every record whose id the journal does not hold yet, in one transaction.

    ``records`` must be checked already (:mod:`posture_coach.core.sync.records`); an id
    seen twice is inserted once.  Breaks go in before the pain ratings that name them.
    ``have``: the ids the journal holds, if the caller knows them (it is updated).
    """
    result = MergeResult()
    if have is None:
        have = known_uids(journal)  # else the caller's set, kept up to date here
    by_kind: dict[str, list[tuple[str, Mapping[str, Any]]]] = {k: [] for k in KINDS}
    for kind, uid, data in records:
        if uid in have:
            result.known += 1
            continue
        have.add(uid)
        by_kind[kind].append((uid, data))
    if not any(by_kind.values()):
        return result
    big = sum(map(len, by_kind.values())) > 1000
    if big:  # a year or more at once: a larger page cache for the indexes (25 % faster)
        cache = journal._read("PRAGMA cache_size")[0][0]
        journal._read("PRAGMA cache_size = -16384")
    try:
        _insert_all(journal, by_kind)
    finally:
        if big:
            journal._read(f"PRAGMA cache_size = {int(cache)}")
    for kind in KINDS:
        result.added[kind] = len(by_kind[kind])
    return result


def _insert_all(journal: Journal,
                by_kind: dict[str, list[tuple[str, Mapping[str, Any]]]]) -> None:
    with journal._write("merge synced records into") as db:
        break_ids = _insert_breaks(db, by_kind["break"])
        if break_ids:
            _link_waiting_pain(db, break_ids)
        if by_kind["pain"]:
            wanted = {d["break"] for _, d in by_kind["pain"] if d.get("break")}
            missing = wanted - break_ids.keys()
            for chunk in _chunks(sorted(missing), 500):
                for bid, uid in db.execute(
                        f"SELECT id, uid FROM breaks WHERE uid IN ({','.join('?' * len(chunk))})",
                        chunk):
                    break_ids[uid] = int(bid)
            rows = []
            for uid, d in by_kind["pain"]:
                linked = break_ids.get(d.get("break") or "")
                waiting = (d.get("break") or None) if linked is None else None
                rows.append((uid, d["at"], d["rating"], d.get("note"), linked, waiting,
                             int(bool(d.get("sleep"))), int(bool(d.get("work"))),
                             d["created_at"]))
            db.executemany(  # a break not here yet: its id waits in break_uid (migration 8)
                "INSERT INTO pain (uid, at, rating, note, break_id, break_uid, sleep, work,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db.executemany(
            "INSERT INTO thermal_sessions (uid, mode, started_at, ended_at, planned_minutes,"
            " completed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(uid, d["mode"], d["started_at"], d["ended_at"], d["planned_minutes"],
              int(bool(d["completed"])), d["created_at"]) for uid, d in by_kind["thermal"]])
        db.executemany(
            "INSERT INTO pauses (uid, reason, started_at, until, ended_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [(uid, d["reason"], d["started_at"], d.get("until"), d["ended_at"])
             for uid, d in by_kind["pause"]])
        db.executemany(
            "INSERT INTO psfs_ratings (uid, at, activity, rating, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [(uid, d["at"], d["activity"], d["rating"], d["created_at"])
             for uid, d in by_kind["psfs"]])


def _link_waiting_pain(db: sqlite3.Connection, break_ids: Mapping[str, int]) -> None:
    """Pain ratings that came before their break (whichever file held which) get their
    link now that the break is here."""
    waiting = {r[0] for r in db.execute(
        "SELECT break_uid FROM pain WHERE break_uid IS NOT NULL")}
    found = [(break_ids[u], u) for u in waiting if u in break_ids]
    if found:
        db.executemany("UPDATE pain SET break_id = ?, break_uid = NULL WHERE break_uid = ?",
                       found)


def _insert_breaks(db: sqlite3.Connection,
                   rows: list[tuple[str, Mapping[str, Any]]]) -> dict[str, int]:
    """Insert breaks with their steps and home sessions; their ids by uid.  The ids are
    given here, after the largest, so that the whole lot goes in with ``executemany`` (the
    transaction holds the write lock: nobody else takes one meanwhile)."""
    if not rows:
        return {}
    first = int(db.execute("SELECT coalesce(max(id), 0) FROM breaks").fetchone()[0]) + 1
    ids = {uid: first + i for i, (uid, _) in enumerate(rows)}
    db.executemany(
        "INSERT INTO breaks (id, uid, planned_at, started_at, ended_at, routine_id, outcome,"
        " snooze_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(ids[uid], uid, d.get("planned_at"), d["started_at"], d["ended_at"],
          d.get("routine_id"), d["outcome"], d.get("snooze_until"), d["created_at"])
         for uid, d in rows])
    db.executemany("INSERT INTO steps (break_id, position, exercise_id, status, seconds)"
                   " VALUES (?, ?, ?, ?, ?)",
                   [(ids[uid], p, e, st, sec) for uid, d in rows
                    for p, e, st, sec in d.get("steps") or ()])
    db.executemany("INSERT INTO home_sessions (break_id, session) VALUES (?, ?)",
                   [(ids[uid], d["home_session"]) for uid, d in rows if d.get("home_session")])
    return ids


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
