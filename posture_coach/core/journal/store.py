"""The journal's queries: :class:`Journal` holds the connection, records breaks,
pauses, ice/heat sessions and pain, and answers the questions the app asks of them.
The package's own docstring (:mod:`posture_coach.core.journal`) says how it keeps time,
schema, damage and errors."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from ..clock import Clock
from . import schema
from .records import (
    THERMAL_MAX_MINUTES,
    THERMAL_MODES,
    BreakRecord,
    JournalError,
    Outcome,
    PainRecord,
    PauseRecord,
    StepRecord,
    StepStatus,
    ThermalRecord,
    _check_aware,
    _from_db,
    _opt_from_db,
    _opt_to_db,
    _to_db,
    _validate_steps,
)

log = logging.getLogger(__name__)


class Journal:
    """The journal database.  Open it with :meth:`Journal.open`.

    Not thread-safe, on purpose: the connection is made with SQLite's default
    ``check_same_thread=True`` because the app uses the journal only from the
    GUI (Qt main) thread.  Scheduler jobs that run on a thread pool must hand
    their work to the main thread (a queued signal) instead of calling here.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock,
                 notice: str | None = None):
        self._conn: sqlite3.Connection | None = conn
        self.path = path
        self._clock = clock
        self.notice: str | None = notice
        """Set when something happened at open that the user should hear about
        (a damaged journal was moved aside); None otherwise."""
        self.memory_only = False
        """True for :meth:`in_memory`: nothing is written to :attr:`path`."""

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, clock: Clock) -> Journal:
        """Open (creating, migrating or replacing a damaged file as needed) the journal."""
        path = Path(path)
        schema.prepare_file(path)
        notice: str | None = None
        damage = schema.header_problem(path)
        version = 0
        if damage is None:
            damage, version = schema.check_file(path)
        if damage is None and version > len(schema.MIGRATIONS):
            # Refused before a read-write connection exists: nothing is touched.
            raise schema.newer_error(path, version)
        if damage is not None:
            moved = schema.move_aside(path, clock)
            notice = (f"The journal {path} was damaged ({damage}) and was moved to {moved}; "
                      "a new one was started. Nothing was deleted.")
            log.warning("%s", notice)
            schema.prepare_file(path)
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=5.0)
        except sqlite3.Error as exc:
            raise schema.user_error(path, "open", exc) from exc
        try:
            schema.configure_and_migrate(conn, path)
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, clock, notice)

    @classmethod
    def attach(cls, path: Path, clock: Clock, busy_ms: int = 5000) -> Journal:
        """Another connection to a journal that :meth:`open` prepared (checked, migrated),
        for work on another thread (the app's sync): nothing is checked, moved or migrated
        here, and a journal of another schema version is refused.  A write waits up to
        ``busy_ms`` for the other connection's transaction (WAL: reads never wait)."""
        path = Path(path)
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=busy_ms / 1000)
            try:
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                conn.execute("PRAGMA foreign_keys=ON")
                conn.execute("PRAGMA synchronous=NORMAL")
            except BaseException:
                conn.close()
                raise
        except sqlite3.Error as exc:
            raise schema.user_error(path, "open", exc) from exc
        if version != len(schema.MIGRATIONS):
            conn.close()
            raise JournalError(f"The journal {path} is at schema version {version}, not "
                               f"{len(schema.MIGRATIONS)}; start posture-coach again.")
        return cls(conn, path, clock)

    @property
    def clock(self) -> Clock:
        return self._clock

    @classmethod
    def in_memory(cls, path: Path, clock: Clock, notice: str | None = None) -> Journal:
        """A journal held in memory only, for when the file at ``path`` cannot be opened
        (read-only, newer schema, no space): the app keeps running and planning, and
        :attr:`notice` tells the user that nothing is saved.  ``path`` is the file's,
        for messages; the file is not touched."""
        conn = sqlite3.connect(":memory:", isolation_level=None)
        try:
            schema.configure_and_migrate(conn, Path(path))
        except BaseException:
            conn.close()
            raise
        journal = cls(conn, Path(path), clock, notice)
        journal.memory_only = True
        return journal

    # -- life cycle ----------------------------------------------------------

    @property
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise ValueError(f"the journal {self.path} is closed")
        return self._conn

    def close(self) -> None:
        """Close the database (safe to call twice)."""
        if self._conn is not None:
            conn, self._conn = self._conn, None
            try:
                conn.close()
            except sqlite3.Error:  # pragma: no cover - close does not fail in practice
                log.warning("journal %s: error on close", self.path, exc_info=True)

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self, action: str) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed whole, or rolled back and reported."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            yield db
            db.execute("COMMIT")
        except BaseException as exc:
            if db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.IntegrityError):
                raise ValueError(f"the journal refused the data ({exc})") from exc
            if isinstance(exc, sqlite3.Error):
                raise schema.user_error(self.path, action, exc) from exc
            raise

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise schema.user_error(self.path, "read", exc) from exc

    # -- breaks --------------------------------------------------------------

    def record_break(self, *, planned_at: datetime | None, started_at: datetime,
                     ended_at: datetime, routine_id: str | None, outcome: Outcome,
                     steps: Iterable[StepRecord] = (),
                     snooze_until: datetime | None = None,
                     home_session: str | None = None) -> int:
        """Record one break and its steps in one transaction; return the break's id."""
        steps = tuple(steps)
        if planned_at is not None:
            _check_aware(planned_at, "planned_at")
        _check_aware(started_at, "started_at")
        _check_aware(ended_at, "ended_at")
        if ended_at < started_at:
            raise ValueError(f"ended_at {ended_at} is before started_at {started_at}")
        if routine_id is not None and not isinstance(routine_id, str):
            raise ValueError(f"routine_id must be a str or None, got {routine_id!r}")
        outcome = Outcome(outcome)
        if snooze_until is not None:
            if outcome is not Outcome.SNOOZED:
                raise ValueError(f"snooze_until is only for a snoozed break, not {outcome.value}")
            _check_aware(snooze_until, "snooze_until")
        _validate_steps(steps)
        if home_session is not None and (not isinstance(home_session, str)
                                         or not home_session):
            raise ValueError(f"home_session must be a non-empty str or None, "
                             f"got {home_session!r}")
        row = (_opt_to_db(planned_at), _to_db(started_at), _to_db(ended_at), routine_id,
               outcome.value, _opt_to_db(snooze_until), _to_db(self._clock.now()))
        with self._write("record a break in") as db:
            cur = db.execute(
                "INSERT INTO breaks (planned_at, started_at, ended_at, routine_id, outcome,"
                " snooze_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", row)
            break_id = cur.lastrowid
            assert break_id is not None
            for step in steps:
                self._insert_step(db, break_id, step)
            if home_session is not None:
                db.execute("INSERT INTO home_sessions (break_id, session) VALUES (?, ?)",
                           (break_id, home_session))
        return break_id

    @staticmethod
    def _insert_step(db: sqlite3.Connection, break_id: int, step: StepRecord) -> None:
        db.execute(
            "INSERT INTO steps (break_id, position, exercise_id, status, seconds)"
            " VALUES (?, ?, ?, ?, ?)",
            (break_id, step.position, step.exercise_id, StepStatus(step.status).value,
             float(step.seconds)))

    _BREAK_COLUMNS = ("id, planned_at, started_at, ended_at, routine_id, outcome, "
                      "snooze_until")

    def last_break(self, outcomes: Iterable[Outcome] | None = None) -> BreakRecord | None:
        """The break that ended last (ties: the one recorded last), optionally of ``outcomes``."""
        sql = f"SELECT {self._BREAK_COLUMNS} FROM breaks"
        params: list[object] = []
        if outcomes is not None:
            wanted = sorted({Outcome(o).value for o in outcomes})
            if not wanted:
                return None
            sql += f" WHERE outcome IN ({', '.join('?' * len(wanted))})"
            params.extend(wanted)
        sql += " ORDER BY ended_at DESC, id DESC LIMIT 1"
        rows = self._read(sql, params)
        if not rows:
            return None
        steps = self._read(
            "SELECT break_id, position, exercise_id, status, seconds FROM steps"
            " WHERE break_id = ? ORDER BY position", (rows[0][0],))
        return self._breaks(rows, steps)[0]

    def exercises_done(self) -> frozenset[str]:
        """The ids of every exercise with a step recorded as done, in any break so far (the
        break window shows an exercise's cautions up front until it has been done once)."""
        rows = self._read("SELECT DISTINCT exercise_id FROM steps WHERE status = 'done'")
        return frozenset(str(r[0]) for r in rows)

    def breaks_between(self, start: datetime, end: datetime) -> list[BreakRecord]:
        """Breaks that ended in ``[start, end)``, with their steps, oldest first."""
        _check_aware(start, "start")
        _check_aware(end, "end")
        bounds = (_to_db(start), _to_db(end))
        rows = self._read(
            f"SELECT {self._BREAK_COLUMNS} FROM breaks WHERE ended_at >= ? AND ended_at < ?"
            " ORDER BY ended_at, id", bounds)
        if not rows:
            return []
        steps = self._read(
            "SELECT break_id, position, exercise_id, status, seconds FROM steps"
            " WHERE break_id IN (SELECT id FROM breaks WHERE ended_at >= ? AND ended_at < ?)"
            " ORDER BY break_id, position", bounds)
        return self._breaks(rows, steps)

    def _breaks(self, rows: list[tuple[Any, ...]],
                step_rows: list[tuple[Any, ...]]) -> list[BreakRecord]:
        by_break: dict[object, list[StepRecord]] = {}
        try:
            for break_id, position, exercise_id, status, seconds in step_rows:
                by_break.setdefault(break_id, []).append(StepRecord(
                    position=int(position),
                    exercise_id=str(exercise_id), status=StepStatus(status),
                    seconds=float(seconds)))
            return [BreakRecord(
                id=int(r[0]),
                planned_at=_opt_from_db(r[1]),
                started_at=_from_db(r[2]),
                ended_at=_from_db(r[3]),
                routine_id=None if r[4] is None else str(r[4]),
                outcome=Outcome(r[5]),
                snooze_until=_opt_from_db(r[6]),
                steps=tuple(by_break.get(r[0], ()))) for r in rows]
        except (TypeError, ValueError) as exc:
            raise JournalError(
                f"The journal {self.path} holds a record this version cannot read ({exc}). "
                "Was it edited by another program? Move it away to start a new one.") from exc

    # -- pauses --------------------------------------------------------------

    def start_pause(self, reason: str, until: datetime | None) -> int:
        """Record a pause (for ``reason``) starting now, open until ``until`` or ended."""
        if not isinstance(reason, str) or not reason:
            raise ValueError(f"reason must be a non-empty str, got {reason!r}")
        if until is not None:
            _check_aware(until, "until")
        with self._write("record a pause in") as db:
            cur = db.execute(
                "INSERT INTO pauses (reason, started_at, until) VALUES (?, ?, ?)",
                (reason, _to_db(self._clock.now()), _opt_to_db(until)))
            pause_id = cur.lastrowid
        assert pause_id is not None
        return pause_id

    def end_pauses(self, at: datetime, *, reason: str | None = None) -> None:
        """End every open pause (only those for ``reason`` if given) at ``at``.

        A pause whose ``until`` had already passed is recorded as ended at its
        ``until``, when it really stopped.
        """
        _check_aware(at, "at")
        stamp = _to_db(at)
        sql = ("UPDATE pauses SET ended_at = CASE WHEN until IS NOT NULL AND until < ?"
               " THEN until ELSE ? END WHERE ended_at IS NULL")
        params: list[object] = [stamp, stamp]
        if reason is not None:
            sql += " AND reason = ?"
            params.append(reason)
        with self._write("end pauses in") as db:
            db.execute(sql, params)

    def active_pauses(self, now: datetime) -> list[PauseRecord]:
        """Pauses not ended whose ``until`` (if any) is after ``now``, oldest first."""
        _check_aware(now, "now")
        rows = self._read(
            "SELECT id, reason, started_at, until, ended_at FROM pauses"
            " WHERE ended_at IS NULL AND (until IS NULL OR until > ?)"
            " ORDER BY started_at, id", (_to_db(now),))
        try:
            return [PauseRecord(id=int(r[0]), reason=str(r[1]),
                                started_at=_from_db(r[2]),
                                until=_opt_from_db(r[3]),
                                ended_at=_opt_from_db(r[4]))
                    for r in rows]
        except (TypeError, ValueError) as exc:
            raise JournalError(
                f"The journal {self.path} holds a pause this version cannot read ({exc}). "
                "Was it edited by another program? Move it away to start a new one.") from exc

    # -- ice/heat sessions ---------------------------------------------------

    def record_thermal(self, *, mode: str, started_at: datetime, ended_at: datetime,
                       planned_minutes: int, completed: bool) -> int:
        """Record one ice or heat session; return its id."""
        if mode not in THERMAL_MODES:
            raise ValueError(f"mode must be one of {', '.join(THERMAL_MODES)}, got {mode!r}")
        _check_aware(started_at, "started_at")
        _check_aware(ended_at, "ended_at")
        if ended_at < started_at:
            raise ValueError(f"ended_at {ended_at} is before started_at {started_at}")
        if (isinstance(planned_minutes, bool) or not isinstance(planned_minutes, int)
                or not 1 <= planned_minutes <= THERMAL_MAX_MINUTES):
            raise ValueError(f"planned_minutes must be an int from 1 to {THERMAL_MAX_MINUTES},"
                             f" got {planned_minutes!r}")
        if not isinstance(completed, bool):
            raise ValueError(f"completed must be a bool, got {completed!r}")
        row = (mode, _to_db(started_at), _to_db(ended_at), planned_minutes, int(completed),
               _to_db(self._clock.now()))
        with self._write("record an ice/heat session in") as db:
            cur = db.execute(
                "INSERT INTO thermal_sessions (mode, started_at, ended_at, planned_minutes,"
                " completed, created_at) VALUES (?, ?, ?, ?, ?, ?)", row)
            session_id = cur.lastrowid
        assert session_id is not None
        return session_id

    def record_pain(self, *, at: datetime, rating: int, note: str | None = None,
                    break_id: int | None = None, sleep: bool = False,
                    work: bool = False) -> int:
        """Record a 0-10 pain rating, optionally tied to the break it followed, and
        whether the pain interferes with sleep or work."""
        _check_aware(at, "at")
        if isinstance(rating, bool) or not isinstance(rating, int) or not 0 <= rating <= 10:
            raise ValueError(f"rating must be an int from 0 to 10, got {rating!r}")
        row = (_to_db(at), rating, note, break_id, _to_db(self._clock.now()), int(bool(sleep)),
               int(bool(work)))
        with self._write("record a pain rating in") as db:
            cur = db.execute("INSERT INTO pain (at, rating, note, break_id, created_at,"
                             " sleep, work) VALUES (?, ?, ?, ?, ?, ?, ?)", row)
            pain_id = cur.lastrowid
        assert pain_id is not None
        return pain_id

    def home_sessions_between(self, start: datetime, end: datetime) -> dict[int, str]:
        """Breaks that were home sessions, ended in ``[start, end)``: break id -> session."""
        _check_aware(start, "start")
        _check_aware(end, "end")
        rows = self._read(
            "SELECT h.break_id, h.session FROM home_sessions h JOIN breaks b"
            " ON b.id = h.break_id WHERE b.ended_at >= ? AND b.ended_at < ?",
            (_to_db(start), _to_db(end)))
        return {int(r[0]): str(r[1]) for r in rows}

    def last_pain(self) -> PainRecord | None:
        """The latest pain rating, or None."""
        rows = self._read("SELECT id, at, rating, note, break_id, sleep, work FROM pain"
                          " ORDER BY at DESC, id DESC LIMIT 1")
        if not rows:
            return None
        pain_id, at, rating, note, break_id, sleep, work = rows[0]
        return PainRecord(pain_id, _from_db(at), rating, note, break_id, bool(sleep),
                          bool(work))

    # -- for the statistics, export and import (core/stats.py, core/exchange.py) ----------

    def pain_between(self, start: datetime, end: datetime) -> list[PainRecord]:
        """Pain ratings taken in ``[start, end)``, oldest first."""
        _check_aware(start, "start")
        _check_aware(end, "end")
        rows = self._read("SELECT id, at, rating, note, break_id, sleep, work FROM pain"
                          " WHERE at >= ? AND at < ? ORDER BY at, id",
                          (_to_db(start), _to_db(end)))
        try:
            return [PainRecord(int(r[0]), _from_db(r[1]), int(r[2]),
                               None if r[3] is None else str(r[3]),
                               None if r[4] is None else int(r[4]), bool(r[5]), bool(r[6]))
                    for r in rows]
        except (TypeError, ValueError) as exc:
            raise JournalError(
                f"The journal {self.path} holds a pain rating this version cannot read "
                f"({exc}). Was it edited by another program? Move it away to start a new "
                "one.") from exc

    def pauses_between(self, start: datetime, end: datetime) -> list[PauseRecord]:
        """Pauses that overlap ``[start, end)`` (an open one lasts until its ``until``,
        or for ever), oldest first."""
        _check_aware(start, "start")
        _check_aware(end, "end")
        rows = self._read(
            "SELECT id, reason, started_at, until, ended_at FROM pauses"
            " WHERE started_at < ? AND coalesce(ended_at, until, '9999') > ?"
            " ORDER BY started_at, id", (_to_db(end), _to_db(start)))
        try:
            return [PauseRecord(int(r[0]), str(r[1]), _from_db(r[2]), _opt_from_db(r[3]),
                                _opt_from_db(r[4])) for r in rows]
        except (TypeError, ValueError) as exc:
            raise JournalError(
                f"The journal {self.path} holds a pause this version cannot read ({exc}). "
                "Was it edited by another program? Move it away to start a new one.") from exc

    def get_state(self, key: str) -> str | None:
        """A small remembered value (an acknowledgement, when a notice was last shown)."""
        rows = self._read("SELECT value FROM app_state WHERE key = ?", (key,))
        return None if not rows else str(rows[0][0])

    def set_state(self, key: str, value: str) -> None:
        with self._write("remember a setting in") as db:
            db.execute("INSERT INTO app_state (key, value) VALUES (?, ?)"
                       " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    _THERMAL_COLUMNS = "id, mode, started_at, ended_at, planned_minutes, completed"

    def last_thermal(self) -> ThermalRecord | None:
        """The ice/heat session that ended last (ties: the one recorded last), or None."""
        rows = self._read(f"SELECT {self._THERMAL_COLUMNS} FROM thermal_sessions"
                          " ORDER BY ended_at DESC, id DESC LIMIT 1")
        return self._thermals(rows)[0] if rows else None

    def thermal_between(self, start: datetime, end: datetime) -> list[ThermalRecord]:
        """Ice/heat sessions that ended in ``[start, end)``, oldest first."""
        _check_aware(start, "start")
        _check_aware(end, "end")
        rows = self._read(
            f"SELECT {self._THERMAL_COLUMNS} FROM thermal_sessions"
            " WHERE ended_at >= ? AND ended_at < ? ORDER BY ended_at, id",
            (_to_db(start), _to_db(end)))
        return self._thermals(rows)

    def _thermals(self, rows: list[tuple[Any, ...]]) -> list[ThermalRecord]:
        try:
            out = []
            for r in rows:
                if r[1] not in THERMAL_MODES or r[5] not in (0, 1):
                    raise ValueError(f"ice/heat session {r[0]} has mode {r[1]!r}, "
                                     f"completed {r[5]!r}")
                out.append(ThermalRecord(
                    id=int(r[0]), mode=str(r[1]), started_at=_from_db(r[2]),
                    ended_at=_from_db(r[3]), planned_minutes=int(r[4]),
                    completed=bool(r[5])))
            return out
        except (TypeError, ValueError) as exc:
            raise JournalError(
                f"The journal {self.path} holds an ice/heat session this version cannot read "
                f"({exc}). Was it edited by another program? Move it away to start a new "
                "one.") from exc
