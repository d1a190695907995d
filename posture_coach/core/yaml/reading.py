"""Bounded file reading: a whole file as UTF-8 text, refusing folders, FIFOs, devices,
large files, UTF-16, NUL bytes and bad UTF-8 with located messages; and whether a path stays inside
a folder once links are resolved.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ValidationError

MAX_BYTES = 1024 * 1024


def read_text(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> str:
    """Read a whole file as UTF-8 text, refusing large or undecodable files."""
    name = display or str(path)
    return decode(read_bytes(path, name, max_bytes), name)


def read_bytes(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES, *,
               follow: bool = True) -> bytes:
    """Read a whole file with :func:`~posture_coach.core.safefile.read_bounded`: a regular
    file only (never a FIFO, a device or a folder), opened without blocking, its size
    checked on the open file, read with a bound; refused with located messages.
    ``follow=False``: the file itself may not be a link."""
    from ..safefile import read_bounded

    return read_bounded(path, max_bytes, display or str(path), follow=follow)


def decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError.single(
            name, "is UTF-16 text; save the file as UTF-8 (in most editors: Save as, "
            "Encoding: UTF-8)", 1, 1)
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        column = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
        raise ValidationError.single(
            name, "contains NUL bytes: it is not a text file (or it is UTF-16; save it as "
            "UTF-8)", line, column)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + 1
        column = start - (data.rfind(b"\n", 0, start) + 1) + 1
        bad = data[start:start + 1].hex()
        raise ValidationError.single(
            name, f"is not valid UTF-8 text (byte 0x{bad}); save the file as UTF-8",
            line, column) from None


def is_within(base: str | os.PathLike[str], candidate: str | os.PathLike[str],
              _cache: dict[str, str] | None = None) -> bool:
    """True when ``candidate`` (links resolved) lies inside ``base``.

    ``_cache`` may carry resolved folders between calls (a library resolves a
    thousand drawings in one folder; each then costs one ``lstat``).
    """
    cache = {} if _cache is None else _cache
    base, candidate = os.fspath(base), os.fspath(candidate)
    try:
        root = cache.get(base)
        if root is None:
            root = cache[base] = os.path.realpath(base)
        folder, leaf = os.path.split(candidate)
        real_folder = cache.get(folder)
        if real_folder is None:
            real_folder = cache[folder] = os.path.realpath(folder)
        real = os.path.join(real_folder, leaf)
        if os.path.islink(real):
            real = os.path.realpath(real)
    except OSError:
        return False
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)
