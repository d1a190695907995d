"""Idle time from the Wayland compositor's own idle protocol, in pure Python.

Under Wayland no client can see another's input, so idle time has to come from the
compositor.  Two protocols say "the seat has had no input for T ms" and "input again":

* ``ext-idle-notify-v1`` (the standard one: wlroots >= 0.17, KWin, Mutter >= 45):
  ``ext_idle_notifier_v1.get_idle_notification(id, timeout, seat)``, events ``idled`` and
  ``resumed``;
* KDE's ``org_kde_kwin_idle`` (KWin, and wlroots < 0.17 such as sway 1.7):
  ``get_idle_timeout(id, seat, timeout)``, events ``idle`` and ``resumed``.

:class:`WaylandIdle` speaks the Wayland wire protocol itself on a connection of its own
(a Unix socket, 32-bit words in host order; no libwayland, no pywayland, nothing to
install): it binds the seat and whichever notifier the compositor offers, asks to hear
after ``timeout_s`` of no input, and from then on only reads events.  Idle time is
``timeout_s`` plus the time since the ``idle`` event, 0 after ``resumed`` (so it is
exact from ``timeout_s`` on, and below that reads 0).  A ``QSocketNotifier`` reads events
when they come (no polling) when a Qt application exists; :meth:`idle_seconds` also reads
whatever is waiting.  A compositor with neither protocol makes the probe fail: then
idle detection is off and Settings says so.
"""

from __future__ import annotations

import logging
import os
import socket
import struct
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .idle_base import _Monitor

log = logging.getLogger(__name__)

EXT = "ext_idle_notifier_v1"
KDE = "org_kde_kwin_idle"
SEAT = "wl_seat"
DEFAULT_TIMEOUT_S = 30.0
CONNECT_TIMEOUT_S = 2.0
MAX_MESSAGE = 4096

_DISPLAY = 1
_ORDER = "<" if sys.byteorder == "little" else ">"


def socket_path(env: dict[str, str] | os._Environ[str]) -> Path | None:
    """Where the compositor listens: ``$WAYLAND_DISPLAY``, absolute or under
    ``$XDG_RUNTIME_DIR`` (None when there is no Wayland session)."""
    name = env.get("WAYLAND_DISPLAY", "")
    if not name:
        return None
    if name.startswith("/"):
        return Path(name)
    runtime = env.get("XDG_RUNTIME_DIR", "")
    return Path(runtime) / name if runtime else None


def _string(text: str) -> bytes:
    data = text.encode() + b"\0"
    pad = (-len(data)) % 4
    return struct.pack(_ORDER + "I", len(data)) + data + b"\0" * pad


def _message(obj: int, opcode: int, payload: bytes) -> bytes:
    size = 8 + len(payload)
    return struct.pack(_ORDER + "II", obj, (size << 16) | opcode) + payload


def _read_string(payload: bytes, at: int) -> tuple[str, int]:
    (length,) = struct.unpack_from(_ORDER + "I", payload, at)
    at += 4
    text = payload[at:at + max(0, length - 1)].decode(errors="replace")
    return text, at + length + ((-length) % 4)


class WaylandError(OSError):
    """The compositor refused, closed the connection or offers no idle protocol."""


class WaylandIdle(_Monitor):
    """Idle time from ext-idle-notify-v1 or org_kde_kwin_idle (see the module's text)."""

    name = "Wayland idle protocol"

    def __init__(self, env: dict[str, str] | os._Environ[str] | None = None,
                 timeout_s: float = DEFAULT_TIMEOUT_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.timeout_s = timeout_s
        self._clock = clock
        self._sock: socket.socket | None = None
        self._buffer = b""
        self._next_id = 2
        self._idle_since: float | None = None  # monotonic time the idle event came
        self._notifier: Any = None
        self.protocol = ""
        self._dead = False
        try:
            self._connect(env if env is not None else os.environ)
        except Exception as exc:
            log.info("Wayland idle protocol unavailable: %s", exc)
            self.close()
            self._dead = True

    # ----------------------------------------------------------- the wire
    def _new_id(self) -> int:
        ident = self._next_id
        self._next_id += 1
        return ident

    def _send(self, data: bytes) -> None:
        assert self._sock is not None
        self._sock.sendall(data)

    def _messages(self, block: bool) -> list[tuple[int, int, bytes]]:
        """Whole messages read so far; with ``block``, wait (within the socket's timeout)
        for at least one."""
        assert self._sock is not None
        out: list[tuple[int, int, bytes]] = []
        if not block:
            self._sock.setblocking(False)
        while True:
            while len(self._buffer) >= 8:
                obj, word = struct.unpack_from(_ORDER + "II", self._buffer)
                size, opcode = word >> 16, word & 0xFFFF
                if size < 8 or size > MAX_MESSAGE:
                    raise WaylandError(f"a message of {size} bytes from the compositor")
                if len(self._buffer) < size:
                    break
                out.append((obj, opcode, self._buffer[8:size]))
                self._buffer = self._buffer[size:]
            if out and block:
                return out
            try:
                chunk = self._sock.recv(MAX_MESSAGE)
            except (BlockingIOError, InterruptedError):
                return out
            except TimeoutError:
                raise WaylandError("the compositor did not answer in time") from None
            if not chunk:
                raise WaylandError("the compositor closed the connection")
            self._buffer += chunk

    def _roundtrip(self) -> list[tuple[int, int, bytes]]:
        """Send wl_display.sync and read until its callback is done."""
        callback = self._new_id()
        self._send(_message(_DISPLAY, 0, struct.pack(_ORDER + "I", callback)))
        events: list[tuple[int, int, bytes]] = []
        deadline = time.monotonic() + CONNECT_TIMEOUT_S
        while time.monotonic() < deadline:
            assert self._sock is not None
            self._sock.settimeout(max(0.01, deadline - time.monotonic()))
            for event in self._messages(block=True):
                self._check_error(event)
                if event[0] == callback:
                    return events
                events.append(event)
        raise WaylandError("the compositor did not answer in time")

    def _check_error(self, event: tuple[int, int, bytes]) -> None:
        obj, opcode, payload = event
        if obj == _DISPLAY and opcode == 0:  # wl_display.error(object, code, message)
            _obj, code = struct.unpack_from(_ORDER + "II", payload)
            message, _ = _read_string(payload, 8)
            raise WaylandError(f"the compositor refused (error {code}): {message}")

    # ------------------------------------------------------------ set-up
    def _connect(self, env: dict[str, str] | os._Environ[str]) -> None:
        path = socket_path(env)
        if path is None:
            raise WaylandError("no Wayland session (WAYLAND_DISPLAY is not set)")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM | socket.SOCK_CLOEXEC)
        sock.settimeout(CONNECT_TIMEOUT_S)
        sock.connect(str(path))
        self._sock = sock
        registry = self._new_id()
        self._send(_message(_DISPLAY, 1, struct.pack(_ORDER + "I", registry)))
        globals_: dict[str, tuple[int, int]] = {}
        for obj, opcode, payload in self._roundtrip():
            if obj == registry and opcode == 0:  # global(name, interface, version)
                (name,) = struct.unpack_from(_ORDER + "I", payload)
                interface, at = _read_string(payload, 4)
                (version,) = struct.unpack_from(_ORDER + "I", payload, at)
                globals_.setdefault(interface, (name, version))
        if SEAT not in globals_:
            raise WaylandError("the compositor offers no seat")
        kind = EXT if EXT in globals_ else KDE if KDE in globals_ else ""
        if not kind:
            raise WaylandError("the compositor has neither ext-idle-notify-v1 nor "
                               "org_kde_kwin_idle")
        seat = self._bind(registry, SEAT, globals_[SEAT][0], 1)
        notifier = self._bind(registry, kind, globals_[kind][0], 1)
        self._notification = self._new_id()
        ms = max(1, int(self.timeout_s * 1000))
        if kind == EXT:  # get_idle_notification(id, timeout, seat)
            self._send(_message(notifier, 1, struct.pack(_ORDER + "III", self._notification,
                                                         ms, seat)))
        else:  # get_idle_timeout(id, seat, timeout)
            self._send(_message(notifier, 0, struct.pack(_ORDER + "III", self._notification,
                                                         seat, ms)))
        self._handle(self._roundtrip())
        sock.setblocking(False)  # from now on only what is waiting is read
        self.protocol = kind
        self.name = f"Wayland idle protocol ({'ext-idle-notify-v1' if kind == EXT else kind})"
        self._watch()
        log.info("idle from the compositor through %s (after %.0f s of no input)", kind,
                 self.timeout_s)

    def _bind(self, registry: int, interface: str, name: int, version: int) -> int:
        ident = self._new_id()
        self._send(_message(registry, 0, struct.pack(_ORDER + "I", name) + _string(interface)
                            + struct.pack(_ORDER + "II", version, ident)))
        return ident

    def _watch(self) -> None:
        """Read events as they come, where a Qt application runs."""
        try:
            from PySide6.QtCore import QCoreApplication, QSocketNotifier
        except ImportError:
            return
        if QCoreApplication.instance() is None or self._sock is None:
            return
        self._notifier = QSocketNotifier(self._sock.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._pump)

    def _pump(self, *_args: object) -> None:
        try:
            self._handle(self._messages(block=False))
        except Exception as exc:
            self._lost(exc)

    def _lost(self, exc: Exception) -> None:
        if not self._dead:
            log.warning("lost the compositor's idle protocol: %s", exc)
        self._dead = True
        self.close()

    def _handle(self, events: list[tuple[int, int, bytes]]) -> None:
        for event in events:
            self._check_error(event)
            obj, opcode, _payload = event
            if obj != getattr(self, "_notification", None):
                continue
            if opcode == 0:  # idle / idled: no input for timeout_s
                self._idle_since = self._clock()
            elif opcode == 1:  # resumed
                self._idle_since = None

    # ------------------------------------------------------------- answers
    def _query(self) -> float | None:
        if self._dead or self._sock is None:
            return None
        try:
            self._handle(self._messages(block=False))
        except Exception as exc:
            self._lost(exc)
            raise OSError(str(exc)) from exc
        if self._idle_since is None:
            return 0.0
        return self.timeout_s + max(0.0, self._clock() - self._idle_since)

    def close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._sock is not None:
            try:
                self._sock.close()
            except OSError:
                pass
            self._sock = None
