"""The command channel's transport on POSIX: a Unix socket served from Qt's event loop.

Python's own ``socket`` module with one :class:`~PySide6.QtCore.QSocketNotifier` per
descriptor does what ``QLocalServer``/``QLocalSocket`` did here, without loading QtNetwork
(and, through it, Kerberos and friends) into a tray app that must stay small: about
2.7 MB of resident memory (``tests/bench/memory_breakdown.py``).  Windows keeps
``QLocalServer`` (named pipes); see :mod:`posture_coach.desktop.channel.server`.

The two classes offer the small part of the QLocalServer/QLocalSocket surface the
instance server uses, so the server's logic is one and the same on every OS.
"""

from __future__ import annotations

import errno
import logging
import os
import socket
import struct

from PySide6.QtCore import QObject, QSocketNotifier, Signal

log = logging.getLogger(__name__)

_RECV_CHUNK = 65536


def _peer_uid(sock: socket.socket) -> int | None:
    """The connecting process's user id (Linux SO_PEERCRED), or None where unknown."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:  # pragma: no cover - BSD/macOS: the socket file's mode guards
        return None
    try:
        creds = sock.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    except OSError:
        return None
    _pid, uid, _gid = struct.unpack("3i", creds)
    return uid


class UnixSocket(QObject):
    """One accepted connection: non-blocking reads and writes driven by notifiers."""

    readyRead = Signal()
    disconnected = Signal()

    def __init__(self, sock: socket.socket, parent: QObject | None = None):
        super().__init__(parent)
        sock.setblocking(False)
        self._sock: socket.socket | None = sock
        self._in = bytearray()
        self._out = bytearray()
        self._limit = 0
        self._closing = False
        self._read_notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)
        self._read_notifier.activated.connect(self._on_readable)
        self._write_notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Write,
                                               self)
        self._write_notifier.setEnabled(False)
        self._write_notifier.activated.connect(self._on_writable)

    def setReadBufferSize(self, size: int) -> None:
        """Stop reading (until read) once this many bytes wait; 0 = no limit."""
        self._limit = size

    def bytesAvailable(self) -> int:
        return len(self._in)

    def readAll(self) -> bytes:
        data, self._in = bytes(self._in), bytearray()
        if self._sock is not None and not self._closing:
            self._read_notifier.setEnabled(True)
        return data

    def write(self, data: bytes) -> None:
        if self._sock is None:
            return
        self._out += data
        self.flush()

    def flush(self) -> bool:
        """Send what the kernel takes now; the rest when the socket is writable."""
        sock = self._sock
        while sock is not None and self._out:
            try:
                sent = sock.send(self._out)
            except (BlockingIOError, InterruptedError):
                break
            except OSError:
                self.abort()
                return False
            del self._out[:sent]
        if self._sock is not None:
            self._write_notifier.setEnabled(bool(self._out))
            if not self._out and self._closing:
                self._shutdown_write()
        return not self._out

    def disconnectFromServer(self) -> None:
        """Close once everything written has been sent (the peer sees end of file)."""
        self._closing = True
        self.flush()

    def abort(self) -> None:
        """Close at once, dropping anything unsent."""
        sock, self._sock = self._sock, None
        if sock is None:
            return
        self._read_notifier.setEnabled(False)
        self._write_notifier.setEnabled(False)
        sock.close()
        self.disconnected.emit()

    def _shutdown_write(self) -> None:
        """All sent after disconnectFromServer: end the stream and close, as QLocalSocket
        does (the reply stays readable by the peer)."""
        if self._sock is not None:
            try:
                self._sock.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            self.abort()

    def _on_readable(self) -> None:
        sock = self._sock
        if sock is None:
            return
        got = False
        while True:
            if self._limit and len(self._in) >= self._limit:
                self._read_notifier.setEnabled(False)  # until the owner reads
                break
            try:
                chunk = sock.recv(_RECV_CHUNK)
            except (BlockingIOError, InterruptedError):
                break
            except OSError:
                self.abort()
                return
            if not chunk:  # the peer closed its end
                if got:
                    self.readyRead.emit()
                self.abort()
                return
            self._in += chunk
            got = True
        if got:
            self.readyRead.emit()

    def _on_writable(self) -> None:
        self.flush()


class UnixServer(QObject):
    """A listening Unix socket readable and writable by this user only."""

    newConnection = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._sock: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._pending: list[UnixSocket] = []
        self._backlog = 30
        self._error = ""
        self._path = ""

    @staticmethod
    def removeServer(path: str) -> None:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("cannot remove %s: %s", path, exc)

    def setMaxPendingConnections(self, count: int) -> None:
        self._backlog = max(1, count)

    def errorString(self) -> str:
        return self._error

    def isListening(self) -> bool:
        return self._sock is not None

    def listen(self, path: str) -> bool:
        """Bind with a umask that leaves the socket file to this user alone (0600 from the
        start, no window where others could connect), then listen."""
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old_mask = os.umask(0o177)
        try:
            sock.bind(path)
        except OSError as exc:
            sock.close()
            self._error = exc.strerror or str(exc)
            return False
        finally:
            os.umask(old_mask)
        sock.listen(self._backlog)
        sock.setblocking(False)
        os.set_inheritable(sock.fileno(), False)
        self._sock, self._path = sock, path
        self._notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_incoming)
        return True

    def hasPendingConnections(self) -> bool:
        return bool(self._pending)

    def nextPendingConnection(self) -> UnixSocket | None:
        return self._pending.pop(0) if self._pending else None

    def close(self) -> None:
        """Stop listening and remove the socket file."""
        sock, self._sock = self._sock, None
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        for pending in self._pending:
            pending.abort()
        self._pending.clear()
        if sock is not None:
            sock.close()
            self.removeServer(self._path)

    def _on_incoming(self) -> None:
        sock = self._sock
        if sock is None:
            return
        accepted = False
        while True:
            try:
                conn, _addr = sock.accept()
            except (BlockingIOError, InterruptedError):
                break
            except OSError as exc:
                if exc.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                    log.warning("cannot accept a command connection: %s", exc)
                    break
                raise
            uid = _peer_uid(conn)
            if uid is not None and uid != os.getuid():
                log.warning("refused a command connection from user id %d", uid)
                conn.close()
                continue
            self._pending.append(UnixSocket(conn, self))
            accepted = True
        if accepted:
            self.newConnection.emit()
