"""The command channel's wire format: requests, their validation, replies and addresses.

One request per connection: the client sends a single line of JSON (UTF-8, ending with
``"\\n"``, at most :data:`MAX_REQUEST_BYTES` including the newline), for example
``{"cmd": "snooze", "minutes": 10}``; the server answers with one line of JSON,
``{"ok": true, ...}`` or ``{"ok": false, "error": "..."}``, and closes the connection.

Nothing here opens a socket: the client (``posture_coach.desktop.channel.client``, pure
Python on POSIX so ``posture-coach status`` and friends start fast) and the Qt server
(``posture_coach.desktop.channel.server``) use it.

The address is derived from the resolved data folder (:func:`socket_name`), so copies
run with different ``--data-dir`` never talk to each other.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_REQUEST_BYTES = 4096
"""The longest request line accepted, newline included."""

MAX_REPLY_BYTES = 64 * 1024
"""The longest reply line the client reads before giving up."""

SOCKET_PATH_MAX = 104
"""Unix socket paths must be shorter than this (macOS ``sun_path`` is 104 bytes, Linux 108)."""

PAUSE_CHOICES = ("30m", "1h", "2h", "until-tomorrow")
PATH_MAX_CHARS = 1024
"""The longest file path ``open-program`` takes (the app reads the file as untrusted)."""
SNOOZE_MIN, SNOOZE_MAX = 1, 120
ROUTINE_ID = re.compile(r"[a-z0-9-]{1,64}")

# command -> {argument: required?}
_ARGUMENTS: dict[str, dict[str, bool]] = {
    "status": {},
    "break-now": {"routine": False},
    "snooze": {"minutes": True},
    "pause": {"for": True},
    "resume": {},
    "quit": {},
    "show": {},
    "history": {},  # open the History window
    "log-pain": {},  # open "Log my pain now"
    "program-changed": {},  # `program import/activate/deactivate` changed the active one
    "open-program": {"path": True},  # show the import preview of a program file
}
COMMANDS: tuple[str, ...] = tuple(sorted(_ARGUMENTS))


class CommandError(Exception):
    """A request or reply on the command channel is unusable; the message says why."""


class NotRunning(CommandError):
    """No posture-coach is running for this data folder (nothing listens at its address)."""


@dataclass(frozen=True)
class Request:
    """A validated request: ``cmd`` is one of :data:`COMMANDS`, ``args`` its checked arguments.

    ``args`` holds only the arguments given: ``{"minutes": 10}`` for ``snooze``,
    ``{"for": "1h"}`` for ``pause``, ``{"routine": "desk-reset"}`` or ``{}`` for
    ``break-now``, ``{}`` for the others.
    """

    cmd: str
    args: dict[str, Any] = field(default_factory=dict)

    def to_line(self) -> bytes:
        """The request as sent on the wire: one line of JSON ending with a newline."""
        return json.dumps({"cmd": self.cmd, **self.args}, separators=(",", ":"),
                          ensure_ascii=False).encode("utf-8") + b"\n"


# --- addresses -------------------------------------------------------------------------

def _dir_hash(data_dir: Path, windows: bool) -> str:
    resolved = str(Path(data_dir).expanduser().resolve())
    if windows:
        resolved = resolved.lower()
    return _fnv1a_64(os.fsencode(resolved))


def _fnv1a_64(data: bytes) -> str:
    """FNV-1a, 64 bits, as 16 hex digits: a stable name, not a secret (the socket's folder
    and mode keep others out).  hashlib would load OpenSSL into the tray app for this."""
    value = 0xCBF29CE484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"


LOCK_NAME = "posture-coach.lock"


def lock_path(data_dir: Path) -> Path:
    """The single-instance lock: inside the data folder, so one copy runs per data folder
    whatever ``XDG_RUNTIME_DIR`` says, and nobody else can plant it (the folder is the
    user's, 0700)."""
    return Path(data_dir) / LOCK_NAME


def private_folder(path: str, *, make: bool = False) -> bool:
    """True when ``path`` is a folder of this user's that only they can enter (checked
    with ``lstat``: a link is refused, and so is a folder another user owns or that group
    or others may write).  ``make``: create it (0700) when missing."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        if not make:
            return False
        try:
            os.mkdir(path, 0o700)
            st = os.lstat(path)
        except OSError:
            return False
    except OSError:
        return False
    uid = os.getuid() if hasattr(os, "getuid") else st.st_uid
    return (stat.S_ISDIR(st.st_mode) and st.st_uid == uid
            and not stat.S_IMODE(st.st_mode) & 0o077 and os.access(path, os.W_OK | os.X_OK))


def tmp_channel_folder() -> str:
    """The fallback folder for the socket when ``XDG_RUNTIME_DIR`` cannot be used."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return f"/tmp/posture-coach-{uid}-channel"


def socket_names(data_dir: Path, *, env: Mapping[str, str] | None = None,
                 platform: str | None = None) -> list[str]:
    """Every address the command channel for ``data_dir`` may have, in the order the
    server tries them (see :func:`socket_name`); paths too long for a socket address are
    left out."""
    env = os.environ if env is None else env
    platform = platform or sys.platform
    windows = platform.startswith("win")
    digest = _dir_hash(data_dir, windows)
    if windows:
        return [f"posture-coach-{digest}"]
    names = []
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime):
        names.append(os.path.join(runtime, f"posture-coach-{digest}.sock"))
    names.append(os.path.join(tmp_channel_folder(), f"{digest}.sock"))
    names.append(os.path.join(os.path.abspath(os.fspath(data_dir)), "posture-coach.sock"))
    uid = os.getuid() if hasattr(os, "getuid") else 0
    names.append(f"/tmp/posture-coach-{uid}-{digest}.sock")
    return [n for n in names if len(os.fsencode(n)) < SOCKET_PATH_MAX]


def socket_name(data_dir: Path, *, env: Mapping[str, str] | None = None,
                platform: str | None = None, make: bool = False) -> str:
    """The address of the command channel for ``data_dir``.

    POSIX: a Unix socket in a private folder (this user's, mode 0700, not a link, checked
    with ``lstat``: :func:`private_folder`), the first of:

    1. ``$XDG_RUNTIME_DIR/posture-coach-<hash>.sock``;
    2. ``/tmp/posture-coach-<uid>-channel/<hash>.sock`` (``make``: the server creates the
       folder, 0700, when missing; without ``make`` a missing folder is taken too: then
       nothing runs there);
    3. ``<data>/posture-coach.sock`` (when another user planted the /tmp folder);
    4. ``/tmp/posture-coach-<uid>-<hash>.sock`` (the server checks it is its own).

    A path that would not fit in a socket address is skipped.  Windows: a named pipe
    name, ``posture-coach-<hash>``.  ``<hash>`` is the first 16 hex digits of the 64-bit
    FNV-1a hash of the resolved data folder.
    """
    names = socket_names(data_dir, env=env, platform=platform)
    if len(names) == 1 or (platform or sys.platform).startswith("win"):
        return names[0]
    tmp_folder = tmp_channel_folder()
    for name in names[:-1]:
        folder = os.path.dirname(name)
        if folder == tmp_folder:
            if private_folder(folder, make=make) or (not make and not os.path.lexists(folder)):
                return name
        elif private_folder(folder):
            return name
    return names[-1]


# --- requests --------------------------------------------------------------------------

def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise CommandError(f"field {key!r} is given twice")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise CommandError(f"{name} is not a number JSON allows")


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_argument(cmd: str, name: str, value: Any) -> Any:
    if cmd == "snooze":
        if (isinstance(value, bool) or not isinstance(value, int)
                or not SNOOZE_MIN <= value <= SNOOZE_MAX):
            raise CommandError(f"snooze: 'minutes' must be a whole number from {SNOOZE_MIN} "
                               f"to {SNOOZE_MAX}, got {_short(value)}")
        return value
    if cmd == "pause":
        if not isinstance(value, str) or value not in PAUSE_CHOICES:
            raise CommandError(f"pause: 'for' must be one of {', '.join(PAUSE_CHOICES)}, "
                               f"got {_short(value)}")
        return value
    if cmd == "break-now":
        if not isinstance(value, str) or not ROUTINE_ID.fullmatch(value):
            raise CommandError("break-now: 'routine' must be a routine id (1 to 64 of a-z, "
                               f"0-9 and -), got {_short(value)}")
        return value
    if cmd == "open-program":
        if (not isinstance(value, str) or not value or len(value) > PATH_MAX_CHARS
                or "\x00" in value or not _absolute(value)):
            raise CommandError("open-program: 'path' must be an absolute file path of at "
                               f"most {PATH_MAX_CHARS} characters, got {_short(value)}")
        return value
    raise AssertionError(f"no check for {cmd}.{name}")  # pragma: no cover


def _absolute(path: str) -> bool:
    """Absolute on POSIX (``/home/...``) or Windows (``C:\\...``, ``\\\\server\\...``)."""
    import ntpath
    import posixpath

    return posixpath.isabs(path) or (ntpath.isabs(path) and ntpath.splitdrive(path)[0] != "")


def validate_request(data: Any) -> Request:
    """Check a decoded request object; raise :class:`CommandError` saying what is wrong."""
    if not isinstance(data, dict):
        raise CommandError(f"a request must be a JSON object, got {type(data).__name__}")
    cmd = data.get("cmd")
    if cmd is None:
        raise CommandError("the request has no 'cmd' field")
    if not isinstance(cmd, str):
        raise CommandError(f"'cmd' must be a string, got {_short(cmd)}")
    if cmd not in _ARGUMENTS:
        raise CommandError(f"unknown command {_short(cmd)}; known commands: "
                           f"{', '.join(COMMANDS)}")
    allowed = _ARGUMENTS[cmd]
    args: dict[str, Any] = {}
    for name, value in data.items():
        if name == "cmd":
            continue
        if name not in allowed:
            takes = ", ".join(repr(a) for a in allowed) or "no arguments"
            raise CommandError(f"{cmd}: unknown field {_short(name)} ({cmd} takes {takes})")
        if value is None and not allowed[name]:
            continue  # an optional argument given as null counts as not given
        args[name] = _check_argument(cmd, name, value)
    for name, required in allowed.items():
        if required and name not in args:
            raise CommandError(f"{cmd}: the field {name!r} is missing")
    return Request(cmd, args)


def parse_request(line: bytes) -> Request:
    """Decode and validate one request line; raise only :class:`CommandError`.

    ``line`` is what arrived, up to and including its newline (the newline may also be
    left off).  It must be at most :data:`MAX_REQUEST_BYTES` long, UTF-8, and a single
    JSON object with a known ``cmd`` and that command's arguments of the right types.
    """
    if not isinstance(line, (bytes, bytearray)):
        raise CommandError(f"a request must be bytes, got {type(line).__name__}")
    if len(line) > MAX_REQUEST_BYTES:
        raise CommandError(f"the request is longer than {MAX_REQUEST_BYTES} bytes")
    body = bytes(line)
    if body.endswith(b"\n"):
        body = body[:-1]
    if b"\n" in body:
        raise CommandError("send one request per line (the request has more than one line)")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CommandError(f"the request is not UTF-8 text (bad byte at offset "
                           f"{exc.start})") from None
    if not text.strip():
        raise CommandError("the request is empty")
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates,
                          parse_constant=_no_constants)
    except CommandError:
        raise
    except RecursionError:
        raise CommandError("the request is nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError, or an integer with too many digits
        raise CommandError(f"the request is not valid JSON: {exc}") from None
    return validate_request(data)


# --- replies ---------------------------------------------------------------------------

def encode_reply(reply: Mapping[str, Any]) -> bytes:
    """One reply line; raises ``TypeError``/``ValueError`` when it cannot be JSON."""
    return json.dumps(dict(reply), ensure_ascii=False, allow_nan=False,
                      separators=(",", ":")).encode("utf-8") + b"\n"


def error_reply(message: str) -> bytes:
    return encode_reply({"ok": False, "error": message})


def decode_reply(line: bytes) -> dict[str, Any]:
    """Check a reply line: a JSON object with a boolean ``ok`` (and an ``error`` text when
    ``ok`` is false).  Raises :class:`CommandError` for anything else."""
    try:
        data = json.loads(line.decode("utf-8"), parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise CommandError("the running posture-coach sent a reply that is not JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("ok"), bool):
        raise CommandError("the running posture-coach sent a reply without 'ok'")
    if not data["ok"] and not isinstance(data.get("error"), str):
        raise CommandError("the running posture-coach refused the request without saying why")
    return data
