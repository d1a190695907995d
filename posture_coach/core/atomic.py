"""Atomic file writes: a temporary file beside the target, written and synced, then
renamed over it, so a reader (or a crash) only ever sees the old file or the whole new
one.  Every file the app writes goes through here."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_path(path: Path, mode: int = 0o600, *, suffix: str = ".tmp") -> Iterator[Path]:
    """A temporary path beside ``path`` for the caller to fill (a writer that wants a file
    name, a check before the rename); renamed over ``path`` with ``mode`` when the block
    ends without an error, removed when it raises.  The folder must exist."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=folder)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes | str, mode: int = 0o600) -> None:
    """Write ``data`` (text as UTF-8, newlines as given) to ``path`` atomically, synced to
    the disk, with ``mode`` (user-only by default)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_path(path, mode) as temp, open(temp, "wb") as fh:
        fh.write(raw)
        fh.flush()
        os.fsync(fh.fileno())
