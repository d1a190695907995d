"""One sync: read every computer's records from the folder, merge the new ones into the
journal, append ours that the folder lacks.  And the sync settings of this computer
(``<data>/sync.json``: the folder, this computer's id and name, the key if encrypted).

The journal (SQLite) never lives in the synced folder; only append-only change files do.
A sync is serialised between processes (the app and ``posture-coach sync now``) by a
lock file in the data folder.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import json
import logging
import os
import platform
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import ValidationError
from ..journal import Journal, sync_rows
from ..safefile import read_bounded
from ..yaml.loading import paused_gc
from . import folder as fs
from .crypto import Cipher, CryptoError, check_key, key_check_of, new_key_file, open_key_file
from .records import encode

log = logging.getLogger(__name__)

CONFIG_NAME = "sync.json"
LOCK_NAME = "sync.lock"


MERGE_BATCH = 1000
"""Records merged in one transaction: the write lock is held for a moment only, so a break
recorded meanwhile (the app's own connection) waits milliseconds, not the whole merge."""


class SyncError(Exception):
    """Sync cannot run: the message says why and what to do; nothing was merged."""


class SyncStopped(Exception):
    """The sync was asked to stop (the app quits): what was merged is kept, whole
    batches of records; the rest is merged by the next sync."""


@dataclass(frozen=True)
class SyncConfig:
    folder: Path
    device: str
    name: str
    key: bytes | None = None
    settings: bool = False
    """Also sync the settings and the home program (:mod:`.snapshot`)."""


@dataclass
class SyncReport:
    added: sync_rows.MergeResult = field(default_factory=sync_rows.MergeResult)
    written: int = 0
    problems: list[str] = field(default_factory=list)
    devices: list[fs.Device] = field(default_factory=list)
    pending: int = 0

    def summary(self) -> str:
        kinds = ", ".join(f"{n} {k}" for k, n in self.added.added.items() if n)
        return (f"merged {self.added.total} new record{'s' if self.added.total != 1 else ''}"
                + (f" ({kinds})" if kinds else "")
                + f", wrote {self.written} of ours, {len(self.devices)} computer"
                + ("s" if len(self.devices) != 1 else "") + " in the folder"
                + (f", {len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
                   if self.problems else ""))


# -- settings --------------------------------------------------------------------------------


def load_config(data: Path) -> SyncConfig | None:
    """This computer's sync settings, or None when sync is off."""
    path = Path(data) / CONFIG_NAME
    try:
        raw = read_bounded(path, 64 * 1024, follow=False)
    except ValidationError as exc:
        if not path.exists() and not path.is_symlink():
            return None
        raise SyncError(f"{path}: {exc.problems[0].message}. Run `posture-coach sync "
                        "enable FOLDER` again, or `sync disable`.") from None
    try:
        obj = json.loads(raw)
        key = obj.get("key")
        return SyncConfig(Path(str(obj["folder"])), str(obj["device"]), str(obj["name"]),
                          None if key is None else base64.b64decode(key, validate=True),
                          obj.get("settings") is True)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SyncError(f"{path} cannot be read ({exc}). Run `posture-coach sync enable "
                        "FOLDER` again, or `sync disable`.") from None


def save_config(data: Path, config: SyncConfig) -> None:
    from ..atomic import write_atomic

    obj = {"v": 1, "folder": str(config.folder), "device": config.device, "name": config.name,
           "key": None if config.key is None else base64.b64encode(config.key).decode("ascii"),
           "settings": config.settings}
    write_atomic(Path(data) / CONFIG_NAME, json.dumps(obj, indent=1) + "\n", 0o600)


def enable(data: Path, folder: Path, passphrase: str | None = None) -> SyncConfig:
    """Turn sync on with ``folder`` (made if missing); keep this computer's id if it had
    one.  An encrypted folder needs its passphrase; a passphrase given for a new folder
    encrypts it.  :class:`SyncError` (nothing saved) when the passphrase is wrong."""
    folder = Path(folder).expanduser().absolute()
    data_abs = Path(data).absolute()
    if folder == data_abs or data_abs in folder.parents or folder in data_abs.parents:
        raise SyncError(f"{folder} is, holds or is inside the data folder {data_abs}; choose "
                        "a folder of its own (the journal must never be in a synced folder)")
    try:
        old = load_config(data)
    except SyncError:
        old = None
    # secrets (hmac, hashlib) loads OpenSSL: only when a device id is made, never at start
    import secrets

    device = old.device if old is not None else secrets.token_hex(8)
    name = platform.node() or "computer"
    key_path = fs.app_folder(folder) / fs.KEY_FILE
    try:
        existing = read_bounded(key_path, 64 * 1024, follow=False)
    except ValidationError:
        existing = None
        if key_path.exists() or key_path.is_symlink():
            raise SyncError(f"{key_path} is not a regular file; move it away, then try "
                            "again") from None
    key: bytes | None = None
    try:
        if existing is not None:
            if not passphrase:
                raise SyncError(f"the folder {folder} is encrypted: give its passphrase "
                                "(--passphrase-file FILE, or POSTURE_COACH_SYNC_PASSPHRASE)")
            key = open_key_file(existing, passphrase, str(key_path))
        elif passphrase:
            key, text = new_key_file(passphrase)
            fs._private_dir(fs.app_folder(folder))
            from ..atomic import write_atomic

            write_atomic(key_path, text)
        else:
            fs._private_dir(fs.app_folder(folder))
        fs.write_device_file(folder, device, name)
    except CryptoError as exc:
        raise SyncError(str(exc)) from None
    except OSError as exc:
        raise SyncError(f"cannot use {folder}: {exc.strerror or exc}") from None
    keep = old is not None and old.settings and old.folder == folder
    config = SyncConfig(folder, device, name, key, keep)
    if not keep:
        _forget_settings_state(data)  # another folder: join what is there first
    save_config(data, config)
    return config


def share_settings(data: Path, on: bool) -> SyncConfig:
    """Turn the sync of the settings and the home program on or off (sync must be on).
    Turned on, the next sync takes the newest other computer's, if there is one."""
    config = load_config(data)
    if config is None:
        raise SyncError("sync is off; turn it on with `posture-coach sync enable FOLDER` "
                        "first")
    if config.settings != on:
        _forget_settings_state(data)
        config = dataclasses.replace(config, settings=on)
        save_config(data, config)
    return config


def _forget_settings_state(data: Path) -> None:
    from .snapshot import save_state

    save_state(data, None)


def disable(data: Path) -> bool:
    """Turn sync off; the journal and the folder are left as they are.  False if it was off."""
    path = Path(data) / CONFIG_NAME
    _forget_settings_state(data)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


# -- one sync --------------------------------------------------------------------------------


@contextlib.contextmanager
def _locked(data: Path, wait: bool = True) -> Iterator[None]:
    """One sync at a time per data folder, across processes (the app and `sync now`): an
    exclusive lock on ``sync.lock``, released when the block ends.  ``wait=False``:
    :class:`BlockingIOError` at once when another process holds it (the app's GUI thread
    never waits for a ``sync now``)."""
    fd = os.open(Path(data) / LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0),
                 0o600)
    try:
        _lock(fd, wait)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only (not tested here)
    import msvcrt

    def _lock(fd: int, wait: bool) -> None:
        while True:  # LK_LOCK tries for about 10 s, then raises: wait as flock does
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                if not wait:
                    raise BlockingIOError("another process is syncing") from None

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int, wait: bool) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _cipher(config: SyncConfig) -> Cipher | None:
    key_path = fs.app_folder(config.folder) / fs.KEY_FILE
    try:
        raw: bytes | None = read_bounded(key_path, 64 * 1024, follow=False)
    except ValidationError:
        raw = None
    if config.key is None:
        if raw is not None:
            raise SyncError(f"the folder {config.folder} is now encrypted (by another "
                            "computer); nothing was merged. Run `posture-coach sync enable "
                            f"{config.folder} --passphrase-file FILE` with its passphrase.")
        return None
    check = None if raw is None else key_check_of(raw)
    if check is None or not check_key(config.key, check):
        raise SyncError(f"the key file {key_path} is missing or was made with another "
                        "passphrase; nothing was merged. Run `posture-coach sync enable "
                        f"{config.folder} --passphrase-file FILE` again.")
    return Cipher(config.key)


def sync_once(journal: Journal, data: Path, config: SyncConfig,
              stop: Callable[[], bool] | None = None) -> SyncReport:
    """Read, merge, write: one whole sync.  :class:`SyncError` when the folder cannot be
    used (then nothing was merged); bad lines are skipped and listed in the report.

    ``stop`` is asked before each file and each batch of :data:`MERGE_BATCH` records;
    when it says True, :class:`SyncStopped` is raised between two transactions."""
    if not Path(config.folder).is_dir():
        raise SyncError(f"the sync folder {config.folder} is missing (a drive not "
                        "mounted?); nothing was merged. Your journal is kept.")
    with _locked(data), paused_gc():  # no cycles made; collections would stall the app
        cipher = _cipher(config)
        known = sync_rows.known_uids(journal)
        ours = set(known)
        added = sync_rows.MergeResult()

        def stopped() -> bool:
            return stop is not None and stop()

        def merge(batch: list[tuple[str, str, dict[str, Any]]]) -> None:
            for at in range(0, len(batch), MERGE_BATCH):  # one transaction a batch
                if stopped():
                    raise SyncStopped
                got = sync_rows.merge(journal, batch[at:at + MERGE_BATCH], have=known)
                for kind, n in got.added.items():
                    added.added[kind] += n

        read = fs.read_folder(config.folder, cipher.open if cipher else None, known, merge,
                              stop=stopped)
        if stopped():
            raise SyncStopped
        report = SyncReport(added=added, problems=read.problems, devices=read.devices,
                            pending=read.pending)
        missing = ours - read.uids
        records = list(sync_rows.export(journal, only=missing)) if missing else []
        lines = [encode(kind, uid, d) for kind, uid, d in records]
        if cipher is not None:
            lines = [cipher.seal(uid, line) for (_, uid, _), line in zip(records, lines)]
        try:
            fs.write_device_file(config.folder, config.device, config.name)
            fs.append_records(config.folder, config.device, lines)
        except OSError as exc:
            raise SyncError(f"cannot write to the sync folder {config.folder}: "
                            f"{exc.strerror or exc}. The records merged are kept; ours are "
                            "written next time.") from None
        report.written = len(lines)
    for problem in report.problems:
        log.warning("sync: %s", problem)
    if report.added.total or report.written:
        log.info("sync: %s", report.summary())
    return report


def devices(config: SyncConfig) -> list[fs.Device]:
    """The computers in the folder (a read without merging)."""
    try:
        cipher = _cipher(config)
    except SyncError:
        cipher = None
    return fs.read_folder(config.folder, cipher.open if cipher else None).devices


def sync_settings(data: Path, config: SyncConfig, now: datetime,
                  local: Callable[[], tuple[Any, str | None]],
                  apply: Callable[[Any, bytes | None], None], wait: bool = True) -> Any:
    """One sync of the settings and the home program (:func:`.snapshot.sync_settings`),
    serialised with the record syncs; :class:`SyncError` when the folder cannot be used.
    ``wait=False``: nothing done (an empty outcome) while another sync runs; the next
    sync does it."""

    if not Path(config.folder).is_dir():
        raise SyncError(f"the sync folder {config.folder} is missing (a drive not "
                        "mounted?); your settings are kept.")
    with contextlib.ExitStack() as held:
        try:
            held.enter_context(_locked(data, wait))
        except BlockingIOError:  # only when not waiting: another process syncs
            from .snapshot import Outcome

            return Outcome()
        return _sync_settings(data, config, now, local, apply)


def _sync_settings(data: Path, config: SyncConfig, now: datetime,
                   local: Callable[[], tuple[Any, str | None]],
                   apply: Callable[[Any, bytes | None], None]) -> Any:
    from . import snapshot

    cipher = _cipher(config)
    try:
        return snapshot.sync_settings(config.folder, config.device, cipher, data, now,
                                      local, apply)
    except OSError as exc:
        raise SyncError(f"cannot write to the sync folder {config.folder}: "
                        f"{exc.strerror or exc}; your settings are kept.") from None
