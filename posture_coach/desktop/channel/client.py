"""The client of the command channel: send one request to the running copy, read its
reply.  Pure Python on POSIX (a plain ``AF_UNIX`` socket), so ``posture-coach status``
and friends start fast; Qt's ``QLocalSocket`` only on Windows, where the channel is a
named pipe (:mod:`.pipe_client`).
"""

from __future__ import annotations

import errno
import json
import os
import socket
import stat
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ...core.commands import (
    MAX_REPLY_BYTES,
    CommandError,
    NotRunning,
    decode_reply,
    lock_path,
    parse_request,
    private_folder,
    socket_name,
    socket_names,
)


def send_command(data_dir: Path, request: Mapping[str, Any], timeout: float = 3.0,
                 ) -> dict[str, Any]:
    """Send ``request`` (e.g. ``{"cmd": "snooze", "minutes": 10}``) to the copy running
    for ``data_dir`` and return its reply.

    The request is validated first (:class:`CommandError` if it is bad, without
    connecting).  The reply is returned as the server sent it: ``{"ok": True, ...}`` or
    ``{"ok": False, "error": "..."}`` when the running copy refused the request.
    Raises :class:`NotRunning` when nothing listens for this data folder, and
    :class:`CommandError` when the reply is unusable or does not come within ``timeout``
    seconds.
    """
    line = parse_request(_encode_request(request)).to_line()
    name = socket_name(data_dir)
    if sys.platform.startswith("win"):
        # Windows has named pipes, not Unix sockets: Qt's client, kept out of the core.
        from .pipe_client import exchange_pipe

        raw = exchange_pipe(name, line, timeout)
    else:
        raw = _exchange_first(data_dir, name, line, timeout)
    return decode_reply(raw)


def _exchange_first(data_dir: Path, name: str, line: bytes, timeout: float) -> bytes:
    """The address the server would take first, then the others it may have fallen
    back to (another user planted a folder after it started, or /tmp was full)."""
    try:
        return _exchange_unix(name, line, timeout)
    except NotRunning:
        pass
    for other in socket_names(data_dir):
        if other != name and os.path.dirname(other) != "/tmp" \
                and private_folder(os.path.dirname(other)) and os.path.lexists(other):
            try:
                return _exchange_unix(other, line, timeout)
            except NotRunning:
                continue
    raise NotRunning("posture-coach is not running")


def _encode_request(request: Mapping[str, Any]) -> bytes:
    try:
        return json.dumps(dict(request), ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise CommandError(f"the request cannot be sent: {exc}") from None


_NOT_RUNNING = {errno.ENOENT, errno.ECONNREFUSED, errno.ENOTDIR}


def _my_uid() -> int:
    return os.getuid()


def _check_owner(path: str) -> None:
    """Refuse a socket that another user put at our address (possible under /tmp)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise NotRunning("posture-coach is not running") from None
    except OSError as exc:
        raise CommandError(f"cannot use {path}: {exc.strerror}") from None
    if not stat.S_ISSOCK(st.st_mode):
        raise CommandError(f"{path} is not a socket; remove it and start posture-coach again")
    if hasattr(os, "getuid") and st.st_uid != _my_uid():
        raise CommandError(f"{path} belongs to another user; refusing to talk to it")


def _exchange_unix(path: str, line: bytes, timeout: float) -> bytes:
    _check_owner(path)
    deadline = time.monotonic() + timeout
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(max(timeout, 0.001))
        try:
            sock.connect(path)
        except OSError as exc:
            if exc.errno in _NOT_RUNNING:
                raise NotRunning("posture-coach is not running") from None
            if isinstance(exc, TimeoutError):
                raise CommandError(f"the running posture-coach did not accept the "
                                   f"connection within {timeout:g} s") from None
            raise CommandError(f"cannot connect to {path}: {exc.strerror or exc}") from None
        buffer = bytearray()
        try:
            try:
                sock.sendall(line)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server may refuse ("busy") and close before reading: read why
            while b"\n" not in buffer:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                sock.settimeout(remaining)
                chunk = sock.recv(4096)
                if not chunk:
                    raise CommandError("the running posture-coach closed the connection "
                                       "without answering")
                buffer += chunk
                if len(buffer) > MAX_REPLY_BYTES:
                    raise CommandError("the running posture-coach sent a reply that is "
                                       "too long")
        except TimeoutError:
            raise CommandError(f"the running posture-coach did not answer within "
                               f"{timeout:g} s") from None
        except OSError as exc:
            raise CommandError(f"the connection to the running posture-coach failed: "
                               f"{exc.strerror or exc}") from None
        return bytes(buffer[:buffer.index(b"\n")])
    finally:
        sock.close()


def is_starting(data_dir: Path) -> bool:
    """True while a copy holds the single-instance lock but may not listen yet.

    The tray icon appears before the command channel opens; a command sent in that
    moment should wait a little rather than report "not running".
    """
    if sys.platform.startswith("win"):
        return False
    import fcntl

    for lock in (lock_path(data_dir), socket_name(data_dir) + ".lock"):
        try:  # the data folder's lock, or (that folder read-only) the one by the socket
            fd = os.open(lock, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                         | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True  # held: a copy is running or starting
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
    return False
