"""Windows' side of the command channel: the running copy listens on a named pipe,
which only Qt's QLocalSocket speaks here (:mod:`.client` uses Unix sockets elsewhere)."""

from __future__ import annotations

import time

from ...core.commands import MAX_REPLY_BYTES, CommandError, NotRunning


def exchange_pipe(name: str, line: bytes, timeout: float) -> bytes:  # pragma: no cover
    """Windows: talk over the named pipe with Qt's blocking ``QLocalSocket`` calls."""
    from PySide6.QtNetwork import QLocalSocket

    ms = max(1, int(timeout * 1000))
    deadline = time.monotonic() + timeout
    sock = QLocalSocket()
    try:
        sock.connectToServer(name)
        if not sock.waitForConnected(ms):
            if sock.error() in (QLocalSocket.LocalSocketError.ServerNotFoundError,
                                QLocalSocket.LocalSocketError.ConnectionRefusedError):
                raise NotRunning("posture-coach is not running")
            raise CommandError(f"cannot connect to the running posture-coach: "
                               f"{sock.errorString()}")
        sock.write(line)
        sock.waitForBytesWritten(ms)
        buffer = bytearray()
        while b"\n" not in buffer:
            remaining = int((deadline - time.monotonic()) * 1000)
            if remaining <= 0:
                raise CommandError(f"the running posture-coach did not answer within "
                                   f"{timeout:g} s")
            if not sock.bytesAvailable() and not sock.waitForReadyRead(remaining):
                if sock.state() != QLocalSocket.LocalSocketState.ConnectedState:
                    raise CommandError("the running posture-coach closed the connection "
                                       "without answering")
                continue
            buffer += bytes(sock.readAll().data())
            if len(buffer) > MAX_REPLY_BYTES:
                raise CommandError("the running posture-coach sent a reply that is too long")
        return bytes(buffer[:buffer.index(b"\n")])
    finally:
        sock.abort()
