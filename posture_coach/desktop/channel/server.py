"""One running copy per data folder, and the command channel that controls it.

:class:`InstanceServer` listens on a user-only local address (a Unix socket on POSIX,
served by :mod:`posture_coach.desktop.channel.unix_socket`; a ``QLocalServer`` named pipe on
Windows) whose address comes from the data folder
(:func:`~posture_coach.core.commands.socket_name`).  Each connection carries one request
line; the server validates it (:func:`~posture_coach.core.commands.parse_request`),
passes it to the handler the composition root set, writes one reply line and closes.

Single instance: binding must never *replace* a live socket (``QLocalServer`` with
``UserAccessOption`` does, silently).  The guard is therefore an advisory lock held for the
server's lifetime (``flock`` on POSIX, ``msvcrt.locking`` on Windows, both released by
the OS when the process dies), plus a probe of the address before listening; a socket
that nothing answers on is stale (left by a crash) and is removed.

Everything runs in the GUI thread.  No exception from a client's bytes or from the
handler reaches Qt's event loop: each becomes an ``{"ok": false, "error": ...}`` reply.
"""

from __future__ import annotations

import errno
import logging
import os
import socket
import stat
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer

from ...core.commands import (
    MAX_REQUEST_BYTES,
    CommandError,
    Request,
    encode_reply,
    error_reply,
    lock_path,
    parse_request,
    socket_name,
)

__all__ = ["InstanceError", "InstanceServer", "socket_name"]

log = logging.getLogger(__name__)

REQUEST_TIMEOUT_MS = 2000
"""A client has this long after connecting to send its request line."""

MAX_CONNECTIONS = 16
"""Connections served at once; more are answered "busy" and closed."""

CLOSE_GRACE_MS = 1000
"""After replying, a connection that has not closed by then is aborted."""

LOCK_PATIENCE_S = 1.0
"""A command sent while no copy answers looks at the lock for an instant
(:func:`~posture_coach.desktop.channel.client.is_starting` takes it and lets it go); a
copy starting in that instant tries again for this long before it believes another copy
holds it (else it would quit, saying "already running", with none running)."""
LOCK_RETRY_S = 0.02

Handler = Callable[[Request], Mapping[str, Any]]


class InstanceError(Exception):
    """The command channel's address cannot be used (not merely: another copy runs)."""


class _InstanceLock:
    """An exclusive advisory lock on a small file, released by the OS if the process dies."""

    def __init__(self, path: str, fallback: str | None = None):
        self.path = path
        self._fallback = fallback
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Take the lock; False when another process (or server object) holds it.  The
        data folder is made (0700) if missing; the lock file is opened without following
        a link and must be a regular file of this user's."""
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(
            os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = self._open(flags)
        except OSError as exc:
            fd = self._read_only(exc, flags)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise InstanceError(f"the lock file {self.path} is not a regular file; "
                                    "remove it")
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                raise InstanceError(f"{self.path} belongs to another user; remove it")
            if not _try_lock_patiently(fd):
                os.close(fd)
                return False
        except BaseException:
            try:
                os.close(fd)
            except OSError:
                pass
            raise
        self._fd = fd
        return True

    def _read_only(self, exc: OSError, flags: int) -> int:
        """The data folder cannot be written (a read-only disk, an immutable folder): an
        existing lock file still locks when opened for reading; without one, the lock is
        taken beside the socket, in its private folder."""
        if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise InstanceError(f"cannot open the lock file {self.path}: "
                                f"{exc.strerror or exc}") from None
        read_only = (flags & ~(os.O_RDWR | os.O_CREAT)) | os.O_RDONLY
        try:
            return os.open(self.path, read_only)
        except OSError:
            pass
        if self._fallback is None:
            raise InstanceError(f"cannot open the lock file {self.path}: "
                                f"{exc.strerror or exc}") from None
        log.warning("the data folder cannot be written; locking %s instead", self._fallback)
        self.path = self._fallback
        try:
            return os.open(self.path, flags, 0o600)
        except OSError as again:
            raise InstanceError(f"cannot open the lock file {self.path}: "
                                f"{again.strerror or again}") from None

    def _open(self, flags: int) -> int:
        """The lock file, opened without following a link.  Its name in the data folder is
        the app's own: a link, a FIFO or a socket found there is removed (the link
        itself, never what it points to) and a lock file made in its place."""
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError:
            if not os.path.islink(self.path):  # O_NOFOLLOW met a link: replace the link
                raise
        else:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                return fd
            os.close(fd)
        log.warning("replacing %s, which was not a lock file", self.path)
        os.unlink(self.path)
        try:
            return os.open(self.path, flags | os.O_EXCL, 0o600)
        except FileExistsError:  # another copy starting made it just now
            return os.open(self.path, flags, 0o600)

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the descriptor releases the lock


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def _try_lock_patiently(fd: int) -> bool:
    """:func:`_try_lock`, tried again for :data:`LOCK_PATIENCE_S`: a running copy holds
    the lock all the time, a command's look at it lasts an instant."""
    deadline = time.monotonic() + LOCK_PATIENCE_S
    while not _try_lock(fd):
        if time.monotonic() >= deadline:
            return False
        _pause(LOCK_RETRY_S)
    return True


_pause = time.sleep  # the tests' hook


def _server_answers(name: str) -> bool:
    """Is a live server listening at ``name``?  (A stale socket file refuses connections.)"""
    if sys.platform.startswith("win"):  # pragma: no cover - exercised on Windows only
        from PySide6.QtNetwork import QLocalSocket

        probe = QLocalSocket()
        probe.connectToServer(name)
        alive = probe.waitForConnected(500)
        probe.abort()
        return alive
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(0.5)
    try:
        sock.connect(name)
    except OSError:
        return False
    finally:
        sock.close()
    return True


def _server_class() -> Any:
    """The listening side: Python's Unix sockets on POSIX (no QtNetwork to load), Qt's
    named pipes on Windows."""
    if sys.platform.startswith("win"):  # pragma: no cover - exercised on Windows only
        from PySide6.QtNetwork import QLocalServer

        return QLocalServer
    from .unix_socket import UnixServer

    return UnixServer


def _check_socket_file(path: str, *, must_exist: bool) -> None:
    """POSIX: the socket file must be a socket owned by this user."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        if must_exist:
            raise InstanceError(f"the command socket {path} vanished after listening") from None
        return
    if st.st_uid != os.getuid():
        raise InstanceError(f"{path} belongs to another user; posture-coach cannot take "
                            "that address (set XDG_RUNTIME_DIR to a private folder)")
    if must_exist and not stat.S_ISSOCK(st.st_mode):
        raise InstanceError(f"{path} is not a socket")


class InstanceServer(QObject):
    """The single-instance guard and command server for one data folder.

    ``start()`` returns False when another copy runs for the same data folder; the
    caller then hands over with :func:`~posture_coach.core.commands.send_command`.
    The handler (``set_handler``) gets each valid :class:`Request` in the GUI thread
    and returns a dict merged into ``{"ok": true}``; it raises
    :class:`~posture_coach.core.commands.CommandError` to refuse with a message.  A
    handler that quits the app should do so later (``QTimer.singleShot(0, app.quit)``),
    though the reply is flushed before the connection closes either way.
    """

    def __init__(self, data_dir: Path, parent: QObject | None = None, *,
                 request_timeout_ms: int = REQUEST_TIMEOUT_MS,
                 max_connections: int = MAX_CONNECTIONS):
        super().__init__(parent)
        self._data = Path(data_dir)
        self._name = socket_name(data_dir, make=True)
        self._handler: Handler | None = None
        self._request_timeout_ms = request_timeout_ms
        self._max_connections = max_connections
        self._server: Any = None  # UnixServer on POSIX, QLocalServer on Windows
        fallback = None if sys.platform.startswith("win") else self._name + ".lock"
        self._lock = _InstanceLock(str(lock_path(data_dir)), fallback)
        self._connections: set[_Connection] = set()

    @property
    def name(self) -> str:
        """The socket path (POSIX) or pipe name (Windows)."""
        return self._name

    def set_handler(self, handler: Handler) -> None:
        self._handler = handler

    def is_listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def connection_count(self) -> int:
        """Connections open now, served or refused (for tests and diagnostics)."""
        return len(self._connections)

    def start(self) -> bool:
        """Listen; False when another copy already runs for this data folder.

        Raises :class:`InstanceError` when the address cannot be used at all (owned by
        another user, folder not writable, ...).
        """
        if self._server is not None:
            return True
        if not self._lock.acquire():
            log.info("another posture-coach holds %s", self._lock.path)
            return False
        try:
            ok = self._listen()
        except BaseException:
            self._lock.release()
            raise
        if not ok:
            self._lock.release()
        return ok

    def _listen(self) -> bool:
        posix = not sys.platform.startswith("win")
        if posix:
            _check_socket_file(self._name, must_exist=False)
        if _server_answers(self._name):
            log.info("another posture-coach answers at %s", self._name)
            return False
        if posix and os.path.lexists(self._name):
            log.warning("removing the stale command socket %s", self._name)
        server_class = _server_class()
        server_class.removeServer(self._name)
        server = server_class(self)
        if not posix:  # pragma: no cover - exercised on Windows only
            server.setSocketOptions(server_class.SocketOption.UserAccessOption)
        server.setMaxPendingConnections(self._max_connections * 2)
        if not server.listen(self._name):
            message = server.errorString()
            server.deleteLater()
            raise InstanceError(f"cannot listen at {self._name}: {message}")
        if posix:
            try:
                _check_socket_file(self._name, must_exist=True)
                os.chmod(self._name, 0o600)
            except (InstanceError, OSError) as exc:
                server.close()
                server.deleteLater()
                raise InstanceError(f"the command socket {self._name} is unsafe: {exc}") \
                    from None
        server.newConnection.connect(self._on_new_connection)
        self._server = server
        log.info("listening for commands at %s", self._name)
        return True

    def stop(self) -> None:
        """Close every connection, stop listening and remove the socket; safe to repeat."""
        for connection in list(self._connections):
            connection.close_now()
        self._connections.clear()
        server, self._server = self._server, None
        if server is not None:
            server.newConnection.disconnect(self._on_new_connection)
            server.close()  # removes the socket file on POSIX
            _server_class().removeServer(self._name)
            server.deleteLater()
            self._lock.release()

    # --- connections ---------------------------------------------------------------

    def _on_new_connection(self) -> None:
        server = self._server
        if server is None:
            return
        try:
            while server.hasPendingConnections():
                sock = server.nextPendingConnection()
                if sock is None:
                    break
                connection = _Connection(sock, self, self._request_timeout_ms)
                busy = len(self._connections) >= self._max_connections
                self._connections.add(connection)
                if busy:
                    log.warning("refusing a command connection: %d already open",
                                self._max_connections)
                    connection.respond(error_reply("busy: too many connections; try again"))
                else:
                    connection.begin()
        except Exception:  # never into Qt's event loop
            log.exception("accepting a command connection failed")

    def _forget(self, connection: _Connection) -> None:
        self._connections.discard(connection)

    def _dispatch(self, line: bytes) -> bytes:
        try:
            request = parse_request(line)
        except CommandError as exc:
            log.info("refused a malformed command: %s", exc)
            return error_reply(str(exc))
        handler = self._handler
        if handler is None:
            return error_reply("posture-coach is still starting; try again in a moment")
        try:
            result = handler(request)
            if not isinstance(result, Mapping):
                raise TypeError(f"the handler returned {type(result).__name__}, not a dict")
            return encode_reply({"ok": True, **{k: v for k, v in result.items()
                                                if k != "ok"}})
        except CommandError as exc:
            return error_reply(str(exc) or f"{request.cmd} failed")
        except Exception:
            log.exception("the %r command failed", request.cmd)
            return error_reply("internal error")


class _Connection(QObject):
    """One client: read one line (with a deadline), answer once, close."""

    def __init__(self, sock: Any, server: InstanceServer, timeout_ms: int):
        super().__init__(server)
        self._socket = sock
        self._server = server
        self._timeout_ms = timeout_ms
        self._buffer = bytearray()
        self._replied = False
        self._closed = False
        sock.setParent(self)
        sock.setReadBufferSize(MAX_REQUEST_BYTES * 2)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_deadline)
        sock.disconnected.connect(self._on_disconnected)

    def begin(self) -> None:
        self._socket.readyRead.connect(self._on_ready_read)
        self._timer.start(self._timeout_ms)
        if self._socket.bytesAvailable():
            self._on_ready_read()

    def respond(self, data: bytes) -> None:
        if self._replied or self._closed:
            return
        self._replied = True
        self._socket.write(data)
        self._socket.flush()
        self._socket.disconnectFromServer()
        if not self._closed:
            self._timer.start(CLOSE_GRACE_MS)

    def close_now(self) -> None:
        if self._closed:
            return
        self._timer.stop()
        self._socket.abort()
        self._finish()

    def _on_ready_read(self) -> None:
        try:
            data = self._socket.readAll()
            if not isinstance(data, bytes):  # a QByteArray from QLocalSocket
                data = bytes(data.data())
            if self._replied or self._closed:
                return  # one request per connection: anything after it is ignored
            self._buffer += data
            end = self._buffer.find(b"\n")
            if end >= 0:
                self.respond(self._server._dispatch(bytes(self._buffer[:end + 1])))
            elif len(self._buffer) >= MAX_REQUEST_BYTES:
                self.respond(error_reply(f"the request is longer than {MAX_REQUEST_BYTES} "
                                         "bytes"))
        except Exception:  # never into Qt's event loop
            log.exception("serving a command connection failed")
            self.close_now()

    def _on_deadline(self) -> None:
        try:
            if self._replied:
                self.close_now()  # the client did not let go after the reply
            else:
                self.respond(error_reply(f"no request within {self._timeout_ms / 1000:g} s"))
        except Exception:
            log.exception("timing out a command connection failed")
            self.close_now()

    def _on_disconnected(self) -> None:
        self._timer.stop()
        self._finish()

    def _finish(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._server._forget(self)
        self.deleteLater()
