"""The user's data folder: what is in it, keeping it private, and deleting it all.

Everything posture-coach records stays on this computer, in the data folder:
the journal (with its ``-wal``/``-shm`` side files, the backups made before an
upgrade and damaged copies moved aside) and the log files.  The folder is
readable by the user only (0700), the files too (0600).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

JOURNAL_NAME = "journal.sqlite3"
LOGS = "logs"


def journal_path(data: Path) -> Path:
    return Path(data) / JOURNAL_NAME


def make_private(data: Path) -> None:
    """Create the data folder if missing; make it and what posture-coach keeps in it
    user-only (folder 0700, files 0600)."""
    data = Path(data)
    data.mkdir(parents=True, exist_ok=True, mode=0o700)
    for path in [data, *our_files(data), data / LOGS]:
        try:
            mode = path.lstat().st_mode
        except OSError:
            continue
        if stat.S_ISLNK(mode):
            continue
        wanted = 0o700 if stat.S_ISDIR(mode) else 0o600
        if stat.S_IMODE(mode) & 0o077:
            try:
                os.chmod(path, stat.S_IMODE(mode) & wanted)
            except OSError:
                pass


def our_files(data: Path) -> list[Path]:
    """The files posture-coach wrote in the data folder (not exports the user saved
    elsewhere, nor anything else the user put there)."""
    data = Path(data)
    found: list[Path] = []
    try:
        entries = list(data.iterdir())
    except OSError:
        return found
    for path in entries:
        if path.name.startswith(JOURNAL_NAME) and path.is_file():
            found.append(path)  # journal, -wal, -shm, .bak-vN, .corrupt-*, temp copies
    logs = data / LOGS
    if logs.is_dir():
        found.extend(p for p in logs.iterdir() if p.is_file())
    cache = data / "cache" / "yaml"  # parsed copies of settings and program files
    if cache.is_dir():
        found.extend(p for p in cache.iterdir() if p.is_file())
    return sorted(found)


def delete_all(data: Path) -> list[Path]:
    """Delete every file posture-coach keeps in the data folder; return what was deleted.

    The caller closes the journal (and the log file) first and opens a fresh journal
    after.  Raises :class:`OSError` naming the file that could not be deleted.
    """
    deleted = []
    for path in our_files(data):
        path.unlink(missing_ok=True)
        deleted.append(path)
    return deleted
