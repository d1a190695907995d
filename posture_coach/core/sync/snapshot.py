"""Optionally, the settings and the home program follow you too: newest wins, the older
is kept.

With the option on, each computer writes its own
``FOLDER/posture-coach/<device-id>/snapshot.json`` (only that computer writes there; the
file is user-only and encrypted like the records when the folder is): its settings, less
those that belong to one computer (:data:`DEVICE_ONLY`), its active home program as a
program package (or none), the time the snapshot was made and the computer's id.

Which snapshot wins is decided by :func:`plan`, a pure function:

* a computer writes a snapshot only when its own settings or program changed since it
  last wrote or took one (the digest in ``<data>/sync-settings.json``);
* its time is the clock's, or just after the newest snapshot it has seen if that is
  later: a computer whose clock is behind still orders a change made after seeing
  another's after it (a hybrid logical clock), and one whose clock is ahead cannot keep
  winning against changes made after its own;
* the newest of the others' snapshots (by time, then by device id: ties are broken the
  same way on every computer) is taken when it is newer than what this computer last
  wrote or took;
* turning the option on joins what is there: the newest other snapshot is taken, not
  replaced by this computer's defaults; only a folder without one gets ours, and only
  when ours are not the defaults (a computer whose snapshot the sync engine has not
  brought yet must not lose to them: the first one that comes is taken).

A snapshot taken is checked like any file from outside (:func:`check`: the settings by
the settings file's own checks, the program by the import of a program package) and a
bad one is refused with its place, the current state kept.  Before one is applied, the
state it replaces is written to ``<data>/sync-replaced-<time>.json`` (user-only).
"""

from __future__ import annotations

import base64
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..errors import ValidationError
from ..safefile import read_bounded
from ..settings import Settings, migrate, parse_settings, to_dict
from . import folder as fs

log = logging.getLogger(__name__)

SNAPSHOT_FILE = "snapshot.json"
STATE_FILE = "sync-settings.json"
"""In the data folder: what this computer last wrote or took (never synced)."""
REPLACED_PREFIX = "sync-replaced-"
DEVICE_ONLY = ("start_at_login",)
"""Settings of one computer that never sync (its autostart entry).  Window places and
the sync folder are not settings (``desktop_state`` and ``sync.json``): they never do."""
MAX_PROGRAM = 8 * 1024 * 1024
"""A larger program package is not synced (the settings still are)."""
MAX_SNAPSHOT = 16 * 1024 * 1024
KEEP_REPLACED = 10
"""The newest replaced states kept in the data folder; older ones are removed."""
NEVER = "0001-01-01T00:00:00.000000+00:00"
"""The state's time when this computer joined with its defaults and wrote nothing."""
_CANONICAL = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00\Z")


def _stamp(when: datetime) -> str:
    return when.astimezone(timezone.utc).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Snapshot:
    """One computer's settings and home program at a time."""

    device: str
    at: str
    """The journal's fixed-width UTC text: text order is time order."""
    settings: dict[str, Any]
    program: str | None
    """The active home program as a program package, base64; None: no program."""

    @property
    def key(self) -> tuple[str, str]:
        """The order of snapshots: by time, ties by device id."""
        return (self.at, self.device)

    @property
    def digest(self) -> str:
        return digest_of(self.settings, self.program)


def digest_of(settings: dict[str, Any], program: str | None) -> str:
    import hashlib  # loads OpenSSL: only when settings sync, never at the app's start

    text = json.dumps([settings, program], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class State:
    """What this computer last wrote or took: its digest and the snapshot's order."""

    digest: str
    at: str
    device: str


@dataclass(frozen=True)
class Plan:
    write: Snapshot | None = None
    """Ours, to write (our settings or program changed, or the folder has none)."""
    take: Snapshot | None = None
    """Another computer's, newer, to check and apply."""
    state: State | None = None
    """The state after writing (after taking, the caller makes it from what it applied)."""


def plan(settings: dict[str, Any], program: str | None, snapshots: list[Snapshot],
         state: State | None, device: str, now: datetime) -> Plan:
    """What to do with this computer's settings and program (``settings`` less
    :data:`DEVICE_ONLY`) and the snapshots in the folder (any order)."""
    mine = digest_of(settings, program)
    newest = max(snapshots, key=lambda s: s.key, default=None)
    others = [s for s in snapshots if s.device != device]
    theirs = max(others, key=lambda s: s.key, default=None)

    def write() -> Plan:
        at = _stamp(now)
        if newest is not None and newest.at >= at:  # our clock is behind what we saw
            at = _stamp(datetime.fromisoformat(newest.at) + timedelta(microseconds=1))
        return Plan(write=Snapshot(device, at, settings, program),
                    state=State(mine, at, device))

    if state is None:  # the option was just turned on: join what is there
        if theirs is None:
            if program is None and settings == shared_settings(Settings()):
                # Nothing to tell: a new computer's defaults.  Written, they would beat
                # the snapshot of a computer that the sync engine has not brought yet;
                # held back, any snapshot that comes is newer than this state.
                return Plan(state=State(mine, NEVER, device))
            return write()
        if theirs.digest == mine:
            return Plan(state=State(mine, theirs.at, theirs.device))
        return Plan(take=theirs)
    if mine != state.digest:  # changed here since we last wrote or took one
        return write()
    if theirs is not None and theirs.key > (state.at, state.device) \
            and theirs.digest != state.digest:
        return Plan(take=theirs)
    return Plan()


# -- the files -------------------------------------------------------------------------------


def load_state(data: Path) -> State | None:
    try:
        obj = json.loads(read_bounded(Path(data) / STATE_FILE, 4096, follow=False))
        return State(str(obj["digest"]), str(obj["at"]), str(obj["device"]))
    except (ValidationError, ValueError, KeyError, TypeError):
        return None


def save_state(data: Path, state: State | None) -> None:
    path = Path(data) / STATE_FILE
    if state is None:
        path.unlink(missing_ok=True)
        return
    write_atomic(path, json.dumps({"v": 1, "digest": state.digest, "at": state.at,
                                   "device": state.device}) + "\n", 0o600)


def write_snapshot(folder: Path, snapshot: Snapshot, seal: Any | None = None) -> Path:
    """Write our snapshot (``seal``: the folder's cipher, when it is encrypted)."""
    text = json.dumps({"v": 1, "kind": "snapshot", "device": snapshot.device,
                       "at": snapshot.at, "settings": snapshot.settings,
                       "program": snapshot.program}, sort_keys=True)
    if seal is not None:
        text = json.dumps({"v": 1, "enc": seal.seal_text(text)})
    mine = fs.app_folder(folder) / snapshot.device
    fs._private_dir(fs.app_folder(folder))
    fs._private_dir(mine)
    path = mine / SNAPSHOT_FILE
    write_atomic(path, text + "\n", 0o600)
    return path


def read_snapshots(folder: Path, opener: Any | None) -> tuple[list[Snapshot], list[str]]:
    """Every computer's snapshot in the folder, and a message for each that cannot be
    read (it is left out)."""
    out: list[Snapshot] = []
    problems: list[str] = []
    root = fs.app_folder(folder)
    try:
        names = sorted(p.name for p in root.iterdir())
    except OSError:
        return out, problems
    for name in names:
        path = root / name / SNAPSHOT_FILE
        if not fs._DEVICE.match(name) or not (root / name).is_dir() \
                or (root / name).is_symlink():
            continue
        try:
            raw = read_bounded(path, MAX_SNAPSHOT, follow=False)
        except ValidationError as exc:
            if path.exists() or path.is_symlink():
                problems.append(f"{path}: {exc.problems[0].message}; left out")
            continue
        try:
            out.append(_decode(raw, name, opener))
        except ValueError as exc:
            problems.append(f"{path}: {exc}; left out")
    return out, problems


def _decode(raw: bytes, device: str, opener: Any | None) -> Snapshot:
    try:
        obj = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise ValueError(f"not JSON ({exc})") from None
    if isinstance(obj, dict) and "enc" in obj:
        if opener is None:
            raise ValueError("encrypted, and sync here has no passphrase")
        token = obj.get("enc")
        if not isinstance(token, str):
            raise ValueError("enc: must be text")
        try:
            obj = json.loads(opener(token))
        except RecursionError:
            raise ValueError("not JSON") from None
    if not isinstance(obj, dict) or obj.get("v") != 1 or obj.get("kind") != "snapshot":
        raise ValueError("not a settings snapshot of this posture-coach version")
    if obj.get("device") != device:
        raise ValueError("device: does not name the folder it is in (a computer writes "
                         "only its own)")
    at, settings, program = obj.get("at"), obj.get("settings"), obj.get("program")
    if not isinstance(at, str) or not _CANONICAL.match(at):
        raise ValueError("at: must be a UTC time as posture-coach writes it")
    try:
        datetime.fromisoformat(at)
    except ValueError:
        raise ValueError(f"at: {at!r} is not a time") from None
    if not isinstance(settings, dict):
        raise ValueError("settings: must be an object")
    if program is not None and (not isinstance(program, str)
                                or len(program) > MAX_PROGRAM * 4 // 3 + 4):
        raise ValueError("program: must be a program package (base64) or null")
    return Snapshot(device, at, settings, program)


# -- taking one ------------------------------------------------------------------------------


def shared_settings(settings: Settings) -> dict[str, Any]:
    """The settings that sync: all but :data:`DEVICE_ONLY`."""
    return {k: v for k, v in to_dict(settings).items() if k not in DEVICE_ONLY}


def check(snapshot: Snapshot, current: Settings, where: str) -> tuple[Settings, bytes | None]:
    """The settings a snapshot gives (this computer's :data:`DEVICE_ONLY` ones kept) and
    its program package; :class:`ValidationError` with the place when either is bad
    (the package itself is checked when it is imported)."""
    import yaml  # as the settings file is written: the same checks read it

    from ..yaml import Problems, decode, parse

    fields = {k: v for k, v in snapshot.settings.items() if k not in DEVICE_ONLY}
    name = f"{where} (settings)"
    try:
        text = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True)
    except yaml.YAMLError as exc:
        raise ValidationError.single(name, f"cannot be read ({exc})") from None
    root = parse(decode(text.encode("utf-8"), name), name)
    migrate(root)
    problems = Problems()
    settings = parse_settings(root, problems)
    problems.raise_if_any()
    settings = replace(settings, **{k: getattr(current, k) for k in DEVICE_ONLY})
    package: bytes | None = None
    if snapshot.program is not None:
        try:
            package = base64.b64decode(snapshot.program, validate=True)
        except ValueError:
            raise ValidationError.single(f"{where} (program)", "is not base64") from None
    return settings, package


def keep_replaced(data: Path, settings: Settings, program: str | None, now: datetime
                  ) -> Path:
    """Write the state about to be replaced to the data folder; its path."""
    stem = f"{REPLACED_PREFIX}{now.astimezone(timezone.utc):%Y%m%d-%H%M%S}"
    path = Path(data) / f"{stem}.json"
    n = 1
    while path.exists():
        n += 1
        path = path.with_name(f"{stem}-{n}.json")
    write_atomic(path, json.dumps({"v": 1, "settings": to_dict(settings),
                                   "program": program}, indent=1) + "\n", 0o600)
    _prune_replaced(Path(data), path)
    return path


def _prune_replaced(data: Path, newest: Path) -> None:
    """Keep the :data:`KEEP_REPLACED` newest replaced states (by name: their UTC time, then
    their number); ``newest`` always stays.  A file that cannot be removed is left."""
    def order(p: Path) -> tuple[str, int]:
        stem = p.name[len(REPLACED_PREFIX):-len(".json")]
        time, _dash, n = stem[:15], stem[15:16], stem[16:]
        return time, int(n) if n.isdigit() else 1

    found = [p for p in data.glob(f"{REPLACED_PREFIX}*.json") if p != newest]
    found.sort(key=order)
    for old in found[:max(0, len(found) - (KEEP_REPLACED - 1))]:
        try:
            old.unlink()  # a link is removed, never what it points to
        except OSError as exc:
            log.warning("could not remove %s: %s", old, exc)


# -- one settings sync -----------------------------------------------------------------------


@dataclass
class Outcome:
    """What one settings sync did."""

    wrote: Path | None = None
    took: Snapshot | None = None
    """Another computer's snapshot, applied."""
    took_name: str | None = None
    replaced: Path | None = None
    """Where the state it replaced was kept."""
    refused: str | None = None
    """Why another computer's newer snapshot was not applied (the current state kept)."""
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str | None:
        if self.took is not None:
            return (f"settings and home program from {self.took_name or self.took.device} "
                    f"({self.took.at[:16].replace('T', ' ')} UTC) applied; yours before "
                    f"are kept in {self.replaced}")
        if self.refused is not None:
            return f"newer settings from another computer refused: {self.refused}"
        return None


Apply = Callable[[Settings, "bytes | None"], None]
"""Applies checked settings and a program package (None: no program) through the normal
paths: the program imported first (checked again there; :class:`ValidationError` or
``StoreError`` leaves everything as it was), then the settings saved and published."""


def sync_settings(folder: Path, device: str, cipher: Any | None, data: Path, now: datetime,
                  local: Callable[[], tuple[Settings, str | None]], apply: Apply
                  ) -> Outcome:
    """Write ours or take the newest other's (see :func:`plan`).  ``local`` gives this
    computer's settings and active program package (base64) as they are now."""
    from ..program_store import StoreError

    out = Outcome()
    snapshots, out.problems = read_snapshots(folder, cipher.open if cipher else None)
    settings, program = local()
    todo = plan(shared_settings(settings), program, snapshots, load_state(data), device, now)
    if todo.write is not None:
        out.wrote = write_snapshot(folder, todo.write, cipher)
    if todo.take is not None:
        take = todo.take
        where = fs.app_folder(folder) / take.device
        seen = State(digest_of(shared_settings(settings), program), take.at, take.device)
        try:
            new, package = check(take, settings, str(where / SNAPSHOT_FILE))
            out.replaced = keep_replaced(data, settings, program, now)
            apply(new, package)
        except (ValidationError, StoreError) as exc:  # StoreError: no room, say
            out.refused = str(exc.problems[0]) if isinstance(exc, ValidationError) \
                else str(exc)
            save_state(data, seen)  # refused once: not tried again until a newer one
            log.warning("sync: %s", out.summary())
            return out
        out.took = take
        out.took_name = fs._device_name(where, take.device)
        settings, program = local()
        save_state(data, State(digest_of(shared_settings(settings), program), take.at,
                               take.device))
        log.info("sync: %s", out.summary())
    elif todo.state is not None:
        save_state(data, todo.state)
    for problem in out.problems:
        log.warning("sync: %s", problem)
    return out


def program_payload(data: Path, library: Any) -> str | None:
    """The active home program of the data folder as a package (base64), or None."""
    from ..package import package_bytes
    from ..program_store import ProgramStore, StoreError, read_checked

    try:
        stored = ProgramStore(data).active(library)
    except StoreError:
        return None
    if stored is None or stored.program is None:
        return None
    raw, program = read_checked(stored.file, library)
    package = package_bytes(raw, program, stored.folder)
    if len(package) > MAX_PROGRAM:
        log.warning("sync: the home program %s is over %d MiB as a package; it does not "
                    "sync", stored.id, MAX_PROGRAM // 2 ** 20)
        return None
    return base64.b64encode(package).decode("ascii")


def apply_files(config_dir: Path, data: Path, library: Any) -> Apply:
    """:data:`Apply` for the command line: the program store and the settings file."""
    def apply(settings: Settings, package: bytes | None) -> None:
        from ..program_store import ProgramStore
        from ..settings import save_settings

        install_program(ProgramStore(data), package, library)
        save_settings(config_dir, settings)

    return apply


def install_program(store: Any, package: bytes | None, library: Any) -> None:
    """Make a snapshot's program package the active home program of ``store`` (imported:
    checked again as any program file), or none when it has none."""
    import tempfile

    if package is None:
        store.deactivate()
        return
    with tempfile.TemporaryDirectory(prefix="posture-coach-sync-") as tmp:
        path = Path(tmp) / "synced.pcprogram"
        write_atomic(path, package)
        store.import_file(path, library, activate=True)
