"""The journal: the app's memory of every break and what was done in it.

A SQLite database in the user's data folder (user-only: folder 0700, file
0600), in WAL mode with foreign keys on.  The break scheduler plans the next
break from it, so a restart keeps the plan.

* **Time.**  Every datetime going in must be timezone-aware; it is stored as
  fixed-width ISO-8601 text in UTC (so text order is time order) and comes
  back as an aware datetime in UTC.  Callers convert to local time.
* **Schema.**  The version lives in ``PRAGMA user_version``.  :data:`MIGRATIONS`
  is a list of SQL scripts; migration *N* runs in one transaction that also
  sets ``user_version = N``.  Before an existing, non-empty journal is
  migrated it is copied to ``<name>.bak-v<old>``.  A journal written by a
  newer posture-coach is refused with :class:`JournalError` and left untouched
  (checked on a read-only connection; SQLite may leave its empty ``-wal`` and
  ``-shm`` side files next to it).
* **Damage.**  A file that is not a database, has a truncated header or fails
  ``PRAGMA quick_check`` is moved aside to ``<name>.corrupt-<YYYYmmdd-HHMMSS>``
  (with its ``-wal``/``-shm``), a new journal is started, and
  :attr:`Journal.notice` tells the user where the old one went.  Nothing is
  ever deleted.
* **Errors.**  Problems a user must be told about (read-only file, full disk,
  a file locked by another program) raise :class:`JournalError` with a message
  naming the file and what to do; a failed write is rolled back, so the
  journal is left as it was.  Programming errors (naive datetimes, a break
  that ends before it starts, data the database's own constraints refuse)
  raise :exc:`ValueError`.

Durability: ``synchronous=NORMAL`` with WAL means a committed break survives
the app being killed or crashing; only a power cut can lose the last few
commits, never corrupt the file.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import sqlite3
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import Any

from .clock import Clock

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_HEADER_SIZE = 100


class JournalError(Exception):
    """A problem with the journal file that the user must be told about.

    The message names the file and says what to do.
    """


class Outcome(str, Enum):
    """How a break ended."""

    DONE = "done"
    PARTIAL = "partial"
    SKIPPED = "skipped"
    SNOOZED = "snoozed"
    NATURAL = "natural"
    """The user was away from the computer long enough: it counts as a break."""


class StepStatus(str, Enum):
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class StepRecord:
    """One exercise of a break's routine, in the order it was shown."""

    position: int
    exercise_id: str
    status: StepStatus
    seconds: float


@dataclass(frozen=True)
class BreakRecord:
    id: int
    planned_at: datetime | None
    started_at: datetime
    ended_at: datetime
    routine_id: str | None
    outcome: Outcome
    snooze_until: datetime | None
    steps: tuple[StepRecord, ...]


@dataclass(frozen=True)
class PauseRecord:
    id: int
    reason: str
    started_at: datetime
    until: datetime | None
    ended_at: datetime | None


@dataclass(frozen=True)
class ThermalRecord:
    """One ice or heat session."""

    id: int
    mode: str
    """``"ice"`` or ``"heat"``."""
    started_at: datetime
    ended_at: datetime
    planned_minutes: int
    completed: bool
    """True when the countdown ran out; False when it was stopped early."""


@dataclass(frozen=True)
class PainRecord:
    """A 0-10 rating of how the upper back feels (0: no pain)."""

    id: int
    at: datetime
    rating: int
    note: str | None
    break_id: int | None
    sleep: bool = False
    """The pain interfered with sleep."""
    work: bool = False
    """The pain interfered with work."""


# Migration N (1-based) is MIGRATIONS[N - 1].  Never edit a released migration:
# append a new one.  No BEGIN/COMMIT inside (each runs in its own transaction)
# and no PRAGMAs that cannot run in a transaction.
MIGRATIONS: Sequence[str] = (
    # 1: breaks, their steps, pauses.
    """
    CREATE TABLE breaks (
        id INTEGER PRIMARY KEY,
        planned_at TEXT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT NOT NULL,
        routine_id TEXT NULL,
        outcome TEXT NOT NULL
            CHECK (outcome IN ('done', 'partial', 'skipped', 'snoozed', 'natural')),
        snooze_until TEXT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE steps (
        id INTEGER PRIMARY KEY,
        break_id INTEGER NOT NULL REFERENCES breaks(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        exercise_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('done', 'skipped')),
        seconds REAL NOT NULL CHECK (seconds >= 0),
        UNIQUE (break_id, position)
    );
    CREATE TABLE pauses (
        id INTEGER PRIMARY KEY,
        reason TEXT NOT NULL,
        started_at TEXT NOT NULL,
        until TEXT NULL,
        ended_at TEXT NULL
    );
    CREATE INDEX breaks_ended_at ON breaks (ended_at);
    CREATE INDEX breaks_outcome_ended_at ON breaks (outcome, ended_at);
    """,
    # 2: ice/heat sessions.
    """
    CREATE TABLE thermal_sessions (
        id INTEGER PRIMARY KEY,
        mode TEXT NOT NULL CHECK (mode IN ('ice', 'heat')),
        started_at TEXT NOT NULL,
        ended_at TEXT NOT NULL,
        planned_minutes INTEGER NOT NULL CHECK (planned_minutes BETWEEN 1 AND 20),
        completed INTEGER NOT NULL CHECK (completed IN (0, 1)),
        created_at TEXT NOT NULL
    );
    CREATE INDEX thermal_sessions_ended_at ON thermal_sessions (ended_at);
    """,
    # 3: pain ratings (0-10), after a break or on their own.
    """
    CREATE TABLE pain (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 10),
        note TEXT NULL,
        break_id INTEGER NULL REFERENCES breaks(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX pain_at ON pain (at);
    """,
    # 4: home sessions from a PT's home program are logged like breaks, marked here.
    """
    CREATE TABLE home_sessions (
        break_id INTEGER PRIMARY KEY REFERENCES breaks(id) ON DELETE CASCADE,
        session TEXT NOT NULL CHECK (length(session) > 0)
    );
    """,
    # 5: does the pain interfere with sleep or work; small app state (acknowledgements,
    # when a notice was last shown).
    """
    ALTER TABLE pain ADD COLUMN sleep INTEGER NOT NULL DEFAULT 0 CHECK (sleep IN (0, 1));
    ALTER TABLE pain ADD COLUMN work INTEGER NOT NULL DEFAULT 0 CHECK (work IN (0, 1));
    CREATE TABLE app_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE INDEX pauses_started_at ON pauses (started_at);
    """,
)

THERMAL_MODES = ("ice", "heat")
THERMAL_MAX_MINUTES = 20
"""The journal refuses longer sessions: never more than 20 minutes at a time."""

# Tables that every journal from migration 1 on has.
_CORE_TABLES = frozenset({"breaks", "steps", "pauses"})

# SQLite primary result codes (sqlite3.h) used to tell the user what happened.
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


def _error_code(exc: sqlite3.Error) -> int | None:
    """The primary SQLite result code of ``exc``, guessed from the text before 3.11."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(exc).lower()
    for words, guess in (("not a database", _SQLITE_NOTADB), ("malformed", _SQLITE_CORRUPT),
                         ("readonly", _SQLITE_READONLY), ("read-only", _SQLITE_READONLY),
                         ("disk is full", _SQLITE_FULL), ("database or disk is full", _SQLITE_FULL),
                         ("locked", _SQLITE_BUSY), ("unable to open", _SQLITE_CANTOPEN),
                         ("disk i/o", _SQLITE_IOERR)):
        if words in text:
            return guess
    return None


def _is_damage(exc: sqlite3.Error) -> bool:
    return _error_code(exc) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def _user_error(path: Path, action: str, exc: sqlite3.Error) -> JournalError:
    """A :class:`JournalError` for ``exc``: what happened to which file, and what to do."""
    code = _error_code(exc)
    if code == _SQLITE_READONLY:
        advice = ("the file or its folder is read-only; check their permissions and that "
                  "the disk is not mounted read-only, then try again")
    elif code == _SQLITE_FULL:
        advice = "the disk is full; free some space, then try again"
    elif code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        advice = ("another program (perhaps another posture-coach) is using it; close that "
                  "program, then try again")
    elif code in (_SQLITE_PERM, _SQLITE_CANTOPEN):
        advice = ("it cannot be opened; check that its folder exists and that you may read "
                  "and write it")
    elif code == _SQLITE_IOERR:
        advice = "the disk reported an error; check the disk, then try again"
    elif code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        advice = ("the file is damaged; restart posture-coach: it will move the damaged "
                  "file aside and start a new one")
    else:
        advice = "try again; if it keeps happening, see the log file"
    return JournalError(f"Could not {action} the journal {path}: {exc} ({advice}). "
                        "Nothing was changed.")


def _newer_error(path: Path, version: int) -> JournalError:
    return JournalError(
        f"The journal {path} was written by a newer posture-coach (schema version {version}; "
        f"this version knows up to {len(MIGRATIONS)}). Nothing was changed. Update "
        "posture-coach to use it, or move the file away to start a new journal.")


# ---------------------------------------------------------------------------
# datetimes: aware in, fixed-width UTC text in the database, aware UTC out


def _check_aware(value: datetime, name: str) -> None:
    if not isinstance(value, datetime):
        raise ValueError(f"{name} must be a datetime, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {value!r}")


def _to_db(value: datetime) -> str:
    # isoformat pads the year to 4 digits and always writes the microseconds:
    # every value has the same width, so text order is time order.
    return value.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _opt_to_db(value: datetime | None) -> str | None:
    return None if value is None else _to_db(value)


def _from_db(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"stored time {text!r} has no time zone")
    return value.astimezone(timezone.utc)


def _opt_from_db(text: str | None) -> datetime | None:
    return None if text is None else _from_db(text)


def _validate_steps(steps: Sequence[StepRecord]) -> None:
    seen: set[int] = set()
    for i, step in enumerate(steps):
        where = f"steps[{i}]"
        if not isinstance(step, StepRecord):
            raise ValueError(f"{where} must be a StepRecord, not {type(step).__name__}")
        if not isinstance(step.position, int) or isinstance(step.position, bool):
            raise ValueError(f"{where}.position must be an int, got {step.position!r}")
        if step.position in seen:
            raise ValueError(f"{where}.position {step.position} is used twice")
        seen.add(step.position)
        if not isinstance(step.exercise_id, str) or not step.exercise_id:
            raise ValueError(f"{where}.exercise_id must be a non-empty str")
        StepStatus(step.status)
        if (isinstance(step.seconds, bool) or not isinstance(step.seconds, (int, float))
                or not math.isfinite(step.seconds) or step.seconds < 0):
            raise ValueError(f"{where}.seconds must be a finite number >= 0, "
                             f"got {step.seconds!r}")


# ---------------------------------------------------------------------------
# files


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


def _fsync_dir(folder: Path) -> None:
    if sys.platform.startswith("win"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _prepare_file(path: Path) -> None:
    """Create the folder (0700) and the file (0600) if missing; tighten an existing file."""
    folder = path.parent
    try:
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
        if not path.exists():
            with contextlib.suppress(FileExistsError):
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        raise JournalError(
            f"Could not create the journal {path}: {exc.strerror or exc}. Check that you may "
            f"write to {folder}, or choose another data folder with --data-dir.") from exc
    try:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)  # user-only, even if an older copy made it wider
    except OSError:
        pass  # e.g. a read-only disk: SQLite says so when it matters


def _header_problem(path: Path) -> str | None:
    """Why the file's first bytes show it is not a SQLite database, or None.

    A zero-length file is a valid empty database.
    """
    try:
        with open(path, "rb") as f:
            head = f.read(SQLITE_HEADER_SIZE)
    except OSError as exc:
        raise JournalError(f"Could not read the journal {path}: {exc.strerror or exc}. "
                           "Check that you may read it.") from exc
    if not head:
        return None
    if not head.startswith(SQLITE_MAGIC[: len(head)]):
        return "it is not a SQLite database"
    if len(head) < SQLITE_HEADER_SIZE:
        return f"its header is truncated ({len(head)} bytes)"
    return None


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
        _prepare_file(path)
        notice: str | None = None
        damage = _header_problem(path)
        version = 0
        if damage is None:
            damage, version = cls._check(path)
        if damage is None and version > len(MIGRATIONS):
            # Refused before a read-write connection exists: nothing is touched.
            raise _newer_error(path, version)
        if damage is not None:
            moved = cls._move_aside(path, clock)
            notice = (f"The journal {path} was damaged ({damage}) and was moved to {moved}; "
                      "a new one was started. Nothing was deleted.")
            log.warning("%s", notice)
            _prepare_file(path)
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=5.0)
        except sqlite3.Error as exc:
            raise _user_error(path, "open", exc) from exc
        try:
            cls._configure_and_migrate(conn, path)
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, clock, notice)

    @classmethod
    def in_memory(cls, path: Path, clock: Clock, notice: str | None = None) -> Journal:
        """A journal held in memory only, for when the file at ``path`` cannot be opened
        (read-only, newer schema, no space): the app keeps running and planning, and
        :attr:`notice` tells the user that nothing is saved.  ``path`` is the file's,
        for messages; the file is not touched."""
        conn = sqlite3.connect(":memory:", isolation_level=None)
        try:
            cls._configure_and_migrate(conn, Path(path))
        except BaseException:
            conn.close()
            raise
        journal = cls(conn, Path(path), clock, notice)
        journal.memory_only = True
        return journal

    @staticmethod
    def _check(path: Path) -> tuple[str | None, int]:
        """(why the database is damaged or None, its schema version).

        Damage is what ``PRAGMA quick_check`` reports, or our tables missing.

        The check runs on a read-only connection: closing a read-write one
        would checkpoint a WAL into a damaged file and delete the ``-wal``.
        Only if that cannot work (e.g. an old rollback journal must be
        replayed) is the check made read-write.
        """
        uri = f"{path.absolute().as_uri()}?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=5.0)
            try:
                return Journal._inspect(conn)
            finally:
                conn.close()
        except sqlite3.Error as exc:
            log.info("journal %s: read-only check failed (%s); checking read-write", path, exc)
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=5.0)
            try:
                return Journal._inspect(conn)
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise _user_error(path, "open", exc) from exc

    @staticmethod
    def _inspect(conn: sqlite3.Connection) -> tuple[str | None, int]:
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
            if rows != [("ok",)]:
                lines = [line for r in rows for line in str(r[0]).splitlines()
                         if line and not line.startswith("***")]
                found = "; ".join(lines[:2])
                if len(found) > 160:
                    found = found[:157] + "..."
                return f"quick_check found: {found}", 0
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if 1 <= version <= len(MIGRATIONS):
                # A file cut short inside its first page reads as an empty
                # database that still carries our version number in its header.
                tables = {r[0] for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'")}
                missing = sorted(_CORE_TABLES - tables)
                if missing:
                    return (f"schema version {version} but the tables "
                            f"{', '.join(missing)} are missing"), version
            return None, version
        except sqlite3.DatabaseError as exc:
            if _is_damage(exc):
                return str(exc), 0
            raise

    @staticmethod
    def _move_aside(path: Path, clock: Clock) -> Path:
        stamp = clock.now().strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        n = 1
        while target.exists() or any(p.exists() for p in _sidecars(target)):
            n += 1
            target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        try:
            os.replace(path, target)
            for src, dst in zip(_sidecars(path), _sidecars(target)):
                if src.exists():
                    os.replace(src, dst)
        except OSError as exc:
            raise JournalError(
                f"The journal {path} is damaged and could not be moved aside to {target}: "
                f"{exc.strerror or exc}. Move it away by hand (nothing was deleted), then "
                "start posture-coach again.") from exc
        _fsync_dir(path.parent)
        return target

    @staticmethod
    def _configure_and_migrate(conn: sqlite3.Connection, path: Path) -> None:
        known = len(MIGRATIONS)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > known:
                raise _newer_error(path, version)
            # Read before anything writes: these change the file.
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() not in ("wal", "memory"):
                log.warning("journal %s: WAL mode unavailable, using %s", path, mode)
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            if version == known:
                return
            has_schema = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        except sqlite3.Error as exc:
            raise _user_error(path, "open", exc) from exc
        backup = path.with_name(f"{path.name}.bak-v{version}")
        if has_schema:
            Journal._backup(conn, path, backup)
        for number in range(version + 1, known + 1):
            script = MIGRATIONS[number - 1]
            try:
                conn.executescript(
                    f"BEGIN IMMEDIATE;\n{script}\n;PRAGMA user_version = {number};\nCOMMIT;")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.rollback()
                kept = f" A copy of the old journal is at {backup}." if has_schema else ""
                raise JournalError(
                    f"Could not upgrade the journal {path} to schema version {number}: {exc}."
                    f" The journal was left at version {number - 1}.{kept} Nothing was "
                    "deleted; free disk space or fix the folder's permissions, then try "
                    "again.") from exc
            log.info("journal %s: migrated to schema version %d", path, number)

    @staticmethod
    def _backup(conn: sqlite3.Connection, path: Path, backup: Path) -> None:
        """A consistent copy of the database (WAL included) at ``backup``, written atomically."""
        tmp = backup.with_name(backup.name + ".tmp")
        try:
            if tmp.exists():
                tmp.unlink()
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.close(fd)
            dest = sqlite3.connect(tmp, isolation_level=None)
            try:
                conn.backup(dest)
                # The copy is a plain rollback-journal file, complete on its own.
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            os.replace(tmp, backup)
            _fsync_dir(path.parent)
        except (OSError, sqlite3.Error) as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise JournalError(
                f"Could not back up the journal {path} to {backup} before upgrading it: {exc}. "
                "Nothing was changed; free some disk space, then try again.") from exc
        log.info("journal %s: backed up to %s", path, backup)

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
                raise _user_error(self.path, action, exc) from exc
            raise

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise _user_error(self.path, "read", exc) from exc

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

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read-only query (times are stored UTC text, see the module doc)."""
        return self._read(sql, params)

    def transaction(self, action: str) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """One write transaction (committed whole or rolled back); ``action`` names it in
        the error the user sees, e.g. ``"import into"``."""
        return self._write(action)

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
