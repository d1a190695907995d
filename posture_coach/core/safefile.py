"""The one reader of files from outside, and the checks on files the app is told to write.

Every file the app reads that a person or another program could have put there
(settings, the user's library, a home program and its drawings, a journal export) is
read through :func:`read_bounded`:

* opened without blocking (``O_NONBLOCK``: a FIFO nobody writes to does not hang the
  app) and, where the last part of the path must not be a link, with ``O_NOFOLLOW``;
* checked on the open descriptor (``fstat``): a regular file only, never a FIFO, a
  device such as ``/dev/zero``, a socket or a folder; its size checked there too;
* read with a bound: at most ``max_bytes + 1`` bytes, whatever the size said (a file
  that grows while read, or reports 0 like a device, is still refused).

Problems raise :class:`~posture_coach.core.errors.ValidationError` naming the file the
person gave (``display``), never an internal path.

:func:`check_target` is asked before the app writes where a person said (``export
--out``, ``report --out``, ``program print --out``): a new name or a regular file only,
never a link, a FIFO, a device or a folder, which an atomic rename would replace.
:func:`clean_stale_temps` removes the temporary files of a write cut by a kill.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import time

from .errors import ValidationError

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def kind_of(mode: int) -> str:
    """How a file that is not a regular file reads to a person."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def open_regular(path: str | os.PathLike[str], display: str | None = None, *,
                 follow: bool = True, dir_fd: int | None = None) -> tuple[int, os.stat_result]:
    """Open ``path`` for reading, never blocking; the descriptor and its ``fstat`` when it
    is a regular file (the caller closes it), else a located refusal.  ``follow=False``:
    the last part of the path must not be a link."""
    name = display or os.fspath(path)
    flags = os.O_RDONLY | _NONBLOCK | _CLOEXEC | _NOCTTY | _BINARY | (0 if follow else _NOFOLLOW)
    try:
        fd = os.open(path, flags, dir_fd=dir_fd)
    except FileNotFoundError:
        raise ValidationError.single(name, "file not found") from None
    except PermissionError:
        raise ValidationError.single(name, "cannot be read: permission denied") from None
    except IsADirectoryError:
        raise ValidationError.single(name, "is a folder, not a file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP or (exc.errno == errno.EMLINK and not follow):
            raise ValidationError.single(
                name, "is a symbolic link; give the file itself, not a link to it") from None
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO on some systems
            raise ValidationError.single(
                name, "is not a regular file (a socket or a pipe); posture-coach reads only "
                      "ordinary files") from None
        raise ValidationError.single(name, f"cannot be read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise ValidationError.single(name, f"cannot be read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ValidationError.single(name, "is a folder, not a file")
        raise ValidationError.single(
            name, f"is {kind_of(info.st_mode)}, not a regular file; posture-coach reads only "
                  "ordinary files")
    return fd, info


def too_large(name: str, max_bytes: int) -> ValidationError:
    return ValidationError.single(
        name, f"file is larger than {max_bytes // 1024} KiB; refusing to read it", 1, 1)


def read_bounded(path: str | os.PathLike[str], max_bytes: int, display: str | None = None, *,
                 follow: bool = True, dir_fd: int | None = None) -> bytes:
    """The whole of a regular file of at most ``max_bytes``, read with a bound."""
    name = display or os.fspath(path)
    fd, info = open_regular(path, name, follow=follow, dir_fd=dir_fd)
    try:
        if info.st_size > max_bytes:
            raise too_large(name, max_bytes)
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            try:
                chunk = os.read(fd, min(left, 1024 * 1024))
            except BlockingIOError:  # a regular file never blocks; be safe anyway
                break
            except OSError as exc:
                raise ValidationError.single(
                    name, f"cannot be read: {exc.strerror or exc}") from None
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise too_large(name, max_bytes)
    return data


def regular_size(path: str | os.PathLike[str], *, follow: bool = False) -> int | None:
    """The size of ``path`` when it is a regular file (links followed only with
    ``follow``), else None; never opens it."""
    try:
        info = os.stat(path) if follow else os.lstat(path)
    except OSError:
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


# --- where the app is told to write -------------------------------------------------------


class UnusualTarget(OSError):
    """A place the app was told to write that is not a regular file or a new name."""


def check_target(path: str | os.PathLike[str]) -> None:
    """Refuse to write at ``path`` unless it is a new name or a regular file (a link, a
    FIFO, a device or a folder would be replaced by the atomic rename, or followed)."""
    name = os.fspath(path)
    try:
        info = os.lstat(name)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise UnusualTarget(f"{name}: cannot be checked: {exc.strerror or exc}") from None
    if stat.S_ISREG(info.st_mode):
        return
    raise UnusualTarget(f"{name} is {kind_of(info.st_mode)}; give the name of a new file or "
                        "of a regular file to replace. Nothing was written.")


# --- temporary files a killed run left behind ------------------------------------------------

STALE_AFTER_S = 600
"""A temporary file older than this belongs to a write that was cut (a write in progress
keeps touching its file; the longest, a large export, takes seconds)."""

_TEMP_RE = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def clean_stale_temps(folder: str | os.PathLike[str], name: str | None = None, *,
                      now: float | None = None, prefixes: tuple[str, ...] = ()) -> list[str]:
    """Remove the temporary files of :mod:`~posture_coach.core.atomic` writes in ``folder``
    (of the file ``name`` only, when given) older than :data:`STALE_AFTER_S`, and folders
    named with one of ``prefixes`` (an import's work folder); what was removed.  Links and
    anything else are left alone."""
    import shutil

    now = time.time() if now is None else now
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if now - info.st_mtime < STALE_AFTER_S:
            continue
        is_temp = stat.S_ISREG(info.st_mode) and _TEMP_RE.match(entry.name) and (
            name is None or entry.name.startswith(f".{name}."))
        is_work = stat.S_ISDIR(info.st_mode) and entry.name.startswith(prefixes) \
            if prefixes else False
        try:
            if is_temp:
                os.unlink(entry.path)
                removed.append(entry.path)
            elif is_work:
                shutil.rmtree(entry.path)
                removed.append(entry.path)
        except OSError:
            continue
    return removed

