"""The sync folder on disk: reading every computer's change files, appending to ours.

Layout: ``FOLDER/posture-coach/<device-id>/records-NNNN.jsonl`` (one folder a computer,
only that computer writes in it), its ``device.json`` (the computer's name), and
``FOLDER/posture-coach/key.json`` when the folder is encrypted.

What a sync engine does to these files is expected, never an error:

* a last line without its newline (a file still arriving, or a writer killed) is left
  for the next read; our own writer starts a fresh line after it;
* the same record twice, in one file or several: read once;
* conflict copies (Syncthing's ``*.sync-conflict-*``, Dropbox's ``(... conflicted
  copy ...)``) are read as extra sources, never lost, never written to;
* temporary files (names starting with ``.`` or ``~``) are skipped.

Every file is untrusted: a regular file only (a link, a FIFO or a device is refused with
a message), read with a bound (:mod:`posture_coach.core.safefile`); a line that is not a
record is skipped with one message naming file and line, and the rest is read.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import ValidationError
from ..safefile import kind_of, read_bounded
from .records import MAX_LINE, BadRecord, decode_object, loads, uid_of

log = logging.getLogger(__name__)

APP_FOLDER = "posture-coach"
KEY_FILE = "key.json"
DEVICE_FILE = "device.json"
MAX_FILE = 16 * 1024 * 1024
"""A bigger change file is refused (ours are rotated at :data:`ROTATE_AT`)."""
ROTATE_AT = 4 * 1024 * 1024
_RECORDS = re.compile(r"^records-(\d{4,})\.jsonl$")
_DEVICE = re.compile(r"^[0-9a-f]{8,64}$")
_SEALED = re.compile(rb'\{"v":1,"id":"([0-9a-f]{32})","enc":"([A-Za-z0-9_=-]*)"\}').fullmatch
"""An encrypted line exactly as :meth:`.crypto.Cipher.seal` writes it: the object that
``json.loads`` would give, read without it (anything else goes to ``json.loads``)."""


@dataclass(frozen=True)
class Device:
    """A computer that syncs through the folder."""

    id: str
    name: str
    last_wrote: datetime | None
    records: int


@dataclass
class FolderRead:
    """What one pass over the folder found (the new records went to the ``sink``)."""

    uids: set[str] = field(default_factory=set)
    """The id of every record in a line that reads, of every computer."""
    problems: list[str] = field(default_factory=list)
    devices: list[Device] = field(default_factory=list)
    pending: int = 0
    """Last lines without their newline, left for the next read."""


Sink = Callable[[list[tuple[str, str, dict[str, Any]]]], None]
Opener = Callable[[str | bytes], str]
"""Decrypts the token of an encrypted line (its text, or its ASCII bytes as read)."""


def app_folder(folder: Path) -> Path:
    return Path(folder) / APP_FOLDER


def is_change_file(name: str) -> bool:
    """A file of records, or a sync engine's conflict copy of one."""
    if name.startswith((".", "~")):
        return False
    return (name.endswith(".jsonl") or ".sync-conflict-" in name
            or "conflicted copy" in name.lower())


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except OSError:
        return None


def read_folder(folder: Path, opener: Opener | None,
                known: set[str] | frozenset[str] = frozenset(),
                sink: Sink | None = None,
                stop: Callable[[], bool] | None = None) -> FolderRead:
    """Read every computer's change files, one file at a time (memory stays small).

    Records whose id is in ``known`` (the journal has them) are only checked to be whole
    lines; each new record, checked field by field, goes to ``sink`` with the others of
    its file.  ``opener`` decrypts an ``enc`` line (None: the folder is not encrypted,
    and an encrypted line is refused with a message).  ``stop``: asked before each file;
    True ends the read there (what was read is returned)."""
    out = FolderRead()
    root = app_folder(folder)
    try:
        names = sorted(os.listdir(root))
    except FileNotFoundError:
        return out
    except OSError as exc:
        out.problems.append(f"{root}: cannot be read: {exc.strerror or exc}")
        return out
    for name in names:
        device_dir = root / name
        info = _lstat(device_dir)
        if info is None or stat.S_ISREG(info.st_mode) or name.startswith((".", "~")):
            continue  # key.json and the engine's own files
        if not stat.S_ISDIR(info.st_mode):
            out.problems.append(f"{device_dir}: is {kind_of(info.st_mode)}, not a folder; "
                                "skipped (posture-coach never follows links in the sync "
                                "folder)")
            continue
        if not _DEVICE.match(name):
            continue
        out.devices.append(_read_device(device_dir, name, opener, known, sink, out, stop))
    return out


def _read_device(device_dir: Path, device: str, opener: Opener | None,
                 known: set[str] | frozenset[str], sink: Sink | None,
                 out: FolderRead, stop: Callable[[], bool] | None = None) -> Device:
    newest: float | None = None
    count = 0
    try:
        names = sorted(os.listdir(device_dir))
    except OSError as exc:
        out.problems.append(f"{device_dir}: cannot be read: {exc.strerror or exc}")
        names = []
    for name in names:
        if not is_change_file(name):
            continue
        if stop is not None and stop():
            break
        path = device_dir / name
        try:
            raw = read_bounded(path, MAX_FILE, follow=False)
        except ValidationError as exc:
            out.problems.append(f"{path}: {exc.problems[0].message}; skipped")
            continue
        info = _lstat(path)
        if info is not None:
            newest = info.st_mtime if newest is None else max(newest, info.st_mtime)
        fresh: list[tuple[str, str, dict[str, Any]]] = []
        count += _read_lines(raw, path, opener, known, fresh, out)
        del raw
        if fresh and sink is not None:
            sink(fresh)
    return Device(device, _device_name(device_dir, device), None if newest is None else
                  datetime.fromtimestamp(newest, timezone.utc), count)


def _read_lines(raw: bytes, path: Path, opener: Opener | None,
                known: set[str] | frozenset[str],
                fresh: list[tuple[str, str, dict[str, Any]]], out: FolderRead) -> int:
    lines = raw.split(b"\n")
    if lines and lines[-1]:
        out.pending += 1  # a last line still arriving: read it next time
    count = 0
    seen = out.uids
    for number, line in enumerate(lines[:-1], start=1):
        if not line.strip():
            continue
        uid = uid_of(line)
        if uid is not None and (uid in seen or uid in known) and len(line) <= MAX_LINE:
            try:  # a record we hold: only make sure the line is whole
                whole = _SEALED(line) is not None or loads(line).get("id") == uid
            except (ValueError, AttributeError, RecursionError):
                whole = False
            if whole:
                seen.add(uid)
                count += 1
                continue
        try:
            if len(line) > MAX_LINE:
                raise BadRecord(f"the line is longer than {MAX_LINE // 1024} KiB")
            sealed = _SEALED(line)  # what Cipher.seal writes: no JSON parser needed
            if sealed is not None:
                obj = _unseal(sealed[1].decode("ascii"), sealed[2], opener)
            else:
                obj = loads(line)
                if isinstance(obj, dict) and "enc" in obj:
                    obj = _unseal(obj.get("id"), obj.get("enc"), opener)
            kind, uid, data = decode_object(obj)
        except (BadRecord, UnicodeDecodeError, ValueError, RecursionError) as exc:
            message = str(exc) if isinstance(exc, BadRecord) else f"not JSON ({exc})"
            out.problems.append(f"{path}:{number}: {message}; this line was skipped")
            continue
        count += 1
        if uid not in seen:
            seen.add(uid)
            if uid not in known:
                fresh.append((kind, uid, data))
    return count


def _unseal(outer: object, token: object, opener: Opener | None) -> object:
    """The record inside an encrypted line, whose id outside is ``outer``."""
    if opener is None:
        raise BadRecord("enc: the record is encrypted, and sync here has no passphrase "
                        "(enable sync again with --passphrase-file)")
    if not isinstance(token, (str, bytes)):
        raise BadRecord("enc: must be text")
    inner = loads(opener(token))
    if not isinstance(inner, dict) or inner.get("id") != outer:
        raise BadRecord("id: the id outside does not match the encrypted record")
    return inner


def _device_name(device_dir: Path, device: str) -> str:
    try:
        obj = json.loads(read_bounded(device_dir / DEVICE_FILE, 4096, follow=False))
        name = obj.get("name") if isinstance(obj, dict) else None
    except (ValidationError, ValueError):
        name = None
    if isinstance(name, str) and 0 < len(name) <= 100 and name.isprintable():
        return name
    return device


# -- our own files ---------------------------------------------------------------------------


def _private_dir(path: Path) -> None:
    info = _lstat(path)
    if info is None:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = _lstat(path)
    if info is None or not stat.S_ISDIR(info.st_mode):
        kind = "missing" if info is None else kind_of(info.st_mode)
        raise OSError(f"{path} is {kind}, not a folder; posture-coach will not write there")


def write_device_file(folder: Path, device: str, name: str) -> None:
    from ..atomic import write_atomic

    mine = app_folder(folder) / device
    _private_dir(app_folder(folder))
    _private_dir(mine)
    text = json.dumps({"v": 1, "name": name}) + "\n"
    with contextlib.suppress(ValidationError):
        if read_bounded(mine / DEVICE_FILE, 4096, follow=False) == text.encode("utf-8"):
            return
    write_atomic(mine / DEVICE_FILE, text)


def append_records(folder: Path, device: str, lines: list[str]) -> int:
    """Append ``lines`` (each a whole record, no newline) to this computer's change files:
    whole lines only, each file written with one ``write`` and synced to the disk before
    this returns; a new file when the current one reaches :data:`ROTATE_AT`.  The number
    of bytes written."""
    if not lines:
        return 0
    mine = app_folder(folder) / device
    _private_dir(app_folder(folder))
    _private_dir(mine)
    written = 0
    batch: list[bytes] = []
    number, size = _current_file(mine)
    for line in lines:
        data = line.encode("utf-8") + b"\n"
        if batch and size + len(data) > ROTATE_AT:
            written += _append(mine / f"records-{number:04d}.jsonl", b"".join(batch))
            batch, number, size = [], number + 1, 0
        batch.append(data)
        size += len(data)
    written += _append(mine / f"records-{number:04d}.jsonl", b"".join(batch))
    return written


def _current_file(mine: Path) -> tuple[int, int]:
    numbers = [int(m.group(1)) for m in map(_RECORDS.match, os.listdir(mine)) if m]
    if not numbers:
        return 1, 0
    number = max(numbers)
    info = _lstat(mine / f"records-{number:04d}.jsonl")
    size = info.st_size if info is not None else 0
    if size >= ROTATE_AT:
        return number + 1, 0
    return number, size


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _last_byte(fd: int, size: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, 1, size - 1)
    os.lseek(fd, size - 1, os.SEEK_SET)  # Windows: no pread; O_APPEND writes at the end
    return os.read(fd, 1)


def _append(path: Path, data: bytes) -> int:
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | _NOFOLLOW, 0o600)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{path} is {kind_of(info.st_mode)}, not a regular file")
        if info.st_mode & 0o077:
            os.fchmod(fd, 0o600)
        if info.st_size and _last_byte(fd, info.st_size) != b"\n":
            data = b"\n" + data  # after a writer killed mid-line: a line of its own
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
        os.fsync(fd)
    finally:
        os.close(fd)
    return len(data)
