"""The journal's file and schema: numbered migrations, opening a file (created 0600 in a
0700 folder), checking it for damage and moving a damaged one aside, backing it up
before a migration, and turning SQLite's errors into messages a person can act on.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

from ..clock import Clock
from .records import JournalError

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_HEADER_SIZE = 100


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
    # 6: Patient-Specific Functional Scale ratings (0-10 per activity the PT named).
    """
    CREATE TABLE psfs_ratings (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        activity TEXT NOT NULL CHECK (length(activity) BETWEEN 1 AND 200),
        rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 10),
        created_at TEXT NOT NULL
    );
    CREATE INDEX psfs_ratings_at ON psfs_ratings (at);
    """,
    # 7: stable record ids for sync (issue 19): every break, pain rating, ice/heat session,
    # pause and PSFS rating gets a random 128-bit id, the same on every computer it syncs
    # to.  Rows already there get theirs now; a trigger gives each new row one, so no
    # writer has to know.
    """
    ALTER TABLE breaks ADD COLUMN uid TEXT NULL;
    UPDATE breaks SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
    CREATE UNIQUE INDEX breaks_uid ON breaks (uid);
    CREATE TRIGGER breaks_uid AFTER INSERT ON breaks WHEN NEW.uid IS NULL BEGIN
        UPDATE breaks SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
    END;
    ALTER TABLE pain ADD COLUMN uid TEXT NULL;
    UPDATE pain SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
    CREATE UNIQUE INDEX pain_uid ON pain (uid);
    CREATE TRIGGER pain_uid AFTER INSERT ON pain WHEN NEW.uid IS NULL BEGIN
        UPDATE pain SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
    END;
    ALTER TABLE thermal_sessions ADD COLUMN uid TEXT NULL;
    UPDATE thermal_sessions SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
    CREATE UNIQUE INDEX thermal_sessions_uid ON thermal_sessions (uid);
    CREATE TRIGGER thermal_sessions_uid AFTER INSERT ON thermal_sessions WHEN NEW.uid IS NULL BEGIN
        UPDATE thermal_sessions SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
    END;
    ALTER TABLE pauses ADD COLUMN uid TEXT NULL;
    UPDATE pauses SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
    CREATE UNIQUE INDEX pauses_uid ON pauses (uid);
    CREATE TRIGGER pauses_uid AFTER INSERT ON pauses WHEN NEW.uid IS NULL BEGIN
        UPDATE pauses SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
    END;
    ALTER TABLE psfs_ratings ADD COLUMN uid TEXT NULL;
    UPDATE psfs_ratings SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
    CREATE UNIQUE INDEX psfs_ratings_uid ON psfs_ratings (uid);
    CREATE TRIGGER psfs_ratings_uid AFTER INSERT ON psfs_ratings WHEN NEW.uid IS NULL BEGIN
        UPDATE psfs_ratings SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
    END;
    """,
    # 8: a pain rating synced before the break it followed (in a later file, or another
    # computer's read first) keeps that break's stable id until the break arrives; the
    # merge links them then (issue 19).
    """
    ALTER TABLE pain ADD COLUMN break_uid TEXT NULL;
    CREATE INDEX pain_break_uid ON pain (break_uid) WHERE break_uid IS NOT NULL;
    """,
)

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


def user_error(path: Path, action: str, exc: sqlite3.Error) -> JournalError:
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


def newer_error(path: Path, version: int) -> JournalError:
    return JournalError(
        f"The journal {path} was written by a newer posture-coach (schema version {version}; "
        f"this version knows up to {len(MIGRATIONS)}). Nothing was changed. Update "
        "posture-coach to use it, or move the file away to start a new journal.")


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


SIDE_FILES = ("-wal", "-shm", "-journal")


def refuse_unusual(path: Path) -> None:
    """Refuse a journal (or one of SQLite's side files beside it) that is a link, a folder
    or anything but a regular file: SQLite would follow a link and write our tables into
    someone else's database."""
    from ..safefile import kind_of

    for candidate in (path, *(path.with_name(path.name + s) for s in SIDE_FILES)):
        try:
            mode = os.lstat(candidate).st_mode
        except FileNotFoundError:
            continue
        except OSError:
            continue  # SQLite says what is wrong when it matters
        if stat.S_ISREG(mode):
            continue
        raise JournalError(
            f"The journal {candidate} is {kind_of(mode)}, not a regular file; posture-coach "
            "never follows links in its data folder. Move it out of the folder (or choose "
            "another one with --data-dir), then start again. Nothing was changed.")


def prepare_file(path: Path) -> None:
    """Create the folder (0700) and the file (0600) if missing; tighten an existing file.
    A journal that is a link or not a regular file is refused (:func:`refuse_unusual`)."""
    folder = path.parent
    refuse_unusual(path)
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
    refuse_unusual(path)  # again: a link may have been put there meanwhile
    try:
        if os.lstat(path).st_mode & 0o077:
            os.chmod(path, 0o600)  # user-only, even if an older copy made it wider
    except OSError:
        pass  # e.g. a read-only disk: SQLite says so when it matters


def header_problem(path: Path) -> str | None:
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


def check_file(path: Path) -> tuple[str | None, int]:
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
            return inspect(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        log.info("journal %s: read-only check failed (%s); checking read-write", path, exc)
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=5.0)
        try:
            return inspect(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise user_error(path, "open", exc) from exc

def inspect(conn: sqlite3.Connection) -> tuple[str | None, int]:
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

def move_aside(path: Path, clock: Clock) -> Path:
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

def configure_and_migrate(conn: sqlite3.Connection, path: Path) -> None:
    known = len(MIGRATIONS)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > known:
            raise newer_error(path, version)
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
        raise user_error(path, "open", exc) from exc
    backup = path.with_name(f"{path.name}.bak-v{version}")
    if has_schema:
        back_up(conn, path, backup)
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

def back_up(conn: sqlite3.Connection, path: Path, backup: Path) -> None:
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
