"""The user's data folder: what is in it, keeping it private, and deleting it all.

Everything posture-coach records stays on this computer, in the data folder:
the journal (with its ``-wal``/``-shm`` side files, the backups made before an
upgrade and damaged copies moved aside) and the log files.  The folder is
readable by the user only (0700), the files too (0600).

Nothing here follows a link out of the data folder: what is looked at is looked at
with ``lstat``, permissions are changed through a descriptor opened with
``O_NOFOLLOW`` (and only on regular files and folders the app made), and "Delete all my
data" removes a link that stands where one of our files or folders should be, never
what it points to.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

JOURNAL_NAME = "journal.sqlite3"
LOGS = "logs"
CACHE = "cache"
LOCK_NAME = "posture-coach.lock"
_OUR_FOLDERS = (LOGS, os.path.join(CACHE, "yaml"))
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def journal_path(data: Path) -> Path:
    return Path(data) / JOURNAL_NAME


def is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def _private(path: Path, folder: bool) -> None:
    """Take group and other permissions off ``path`` without following a link."""
    flags = os.O_RDONLY | _NOFOLLOW | _NONBLOCK | (_DIRECTORY if folder else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return  # a link (ELOOP), gone, or not ours to open: left alone
    try:
        info = os.fstat(fd)
        if (stat.S_ISDIR(info.st_mode) if folder else stat.S_ISREG(info.st_mode)) \
                and stat.S_IMODE(info.st_mode) & 0o077 and info.st_uid == os.geteuid():
            os.fchmod(fd, stat.S_IMODE(info.st_mode) & (0o700 if folder else 0o600))
    except (OSError, AttributeError):
        pass
    finally:
        os.close(fd)


def make_private(data: Path) -> None:
    """Create the data folder if missing; make it and what posture-coach keeps in it
    user-only (folder 0700, files 0600).  Links are left alone, and so is what they point
    to.  Also removes temporary files a killed run left behind."""
    data = Path(data)
    data.mkdir(parents=True, exist_ok=True, mode=0o700)
    _private(data, folder=True)
    try:  # made here, user-only, before the parse cache makes its folder inside
        (data / CACHE).mkdir(mode=0o700, exist_ok=True)
    except OSError:
        pass
    for sub in (LOGS, CACHE, *_OUR_FOLDERS):
        _private(data / sub, folder=True)
    for path in our_files(data):
        _private(path, folder=False)
    clean_stale(data)


def _real_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _entries(folder: Path) -> list[tuple[Path, int]]:
    try:
        with os.scandir(folder) as scan:
            out = []
            for entry in scan:
                try:
                    out.append((Path(entry.path), entry.stat(follow_symlinks=False).st_mode))
                except OSError:
                    continue
            return out
    except OSError:
        return []


def our_files(data: Path) -> list[Path]:
    """The regular files posture-coach wrote in the data folder (not exports the user
    saved elsewhere, nor anything else the user put there); never anything behind a
    link."""
    data = Path(data)
    found: list[Path] = []
    for path, mode in _entries(data):
        if path.name.startswith(JOURNAL_NAME) and stat.S_ISREG(mode):
            found.append(path)  # journal, -wal, -shm, .bak-vN, .corrupt-*, temp copies
    for sub in _OUR_FOLDERS:  # the log files; parsed copies of settings and program files
        folder = data / sub
        if _real_folder(data / CACHE if sub != LOGS else data) and _real_folder(folder):
            found.extend(p for p, mode in _entries(folder) if stat.S_ISREG(mode))
    return sorted(found)


def our_links(data: Path) -> list[Path]:
    """Links standing where posture-coach keeps its files or folders: removed with the
    data, never followed."""
    data = Path(data)
    found = [p for p, mode in _entries(data)
             if stat.S_ISLNK(mode) and (p.name.startswith(JOURNAL_NAME)
                                        or p.name in (LOGS, CACHE, LOCK_NAME))]
    for sub in _OUR_FOLDERS:
        folder = data / sub
        if is_link(folder):
            found.append(folder)
        elif _real_folder(folder):
            found.extend(p for p, mode in _entries(folder) if stat.S_ISLNK(mode))
    return sorted(set(found))


def delete_all(data: Path) -> list[Path]:
    """Delete every file posture-coach keeps in the data folder; return what was deleted.
    A link where one of our files or folders belongs is removed itself; what it points to
    is left as it was.

    The caller closes the journal (and the log file) first and opens a fresh journal
    after.  Raises :class:`OSError` naming the file that could not be deleted.
    """
    deleted = []
    for path in [*our_links(data), *our_files(data)]:
        if os.path.lexists(path):
            path.unlink(missing_ok=True)  # unlink never follows a link
        deleted.append(path)
    return deleted


def clean_stale(data: Path) -> list[str]:
    """Remove what a run cut by a kill left: temporary files of atomic writes in the data
    folder, its programs and parse cache, and an import's work folder."""
    from .safefile import clean_stale_temps

    data = Path(data)
    removed = clean_stale_temps(data)
    programs = data / "programs"
    if _real_folder(programs):
        removed += clean_stale_temps(programs, prefixes=(".import-",))
    if _real_folder(data / CACHE) and _real_folder(data / CACHE / "yaml"):
        removed += clean_stale_temps(data / CACHE / "yaml")
    return removed
