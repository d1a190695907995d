"""Idle time from the compositor's idle protocol, spoken by WaylandIdle itself: against a
fake compositor on a Unix socket (this file) and against sway 1.7's org_kde_kwin_idle
(tests/desktop/test_wayland_desktops.py).  ext-idle-notify-v1 is preferred where both
exist; the argument orders of the two requests differ and are checked here."""

from __future__ import annotations

import socket
import struct
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from posture_coach.desktop.wayland_idle import EXT, KDE, WaylandIdle, socket_path

ORDER = "<" if sys.byteorder == "little" else ">"


def string(text: str) -> bytes:
    data = text.encode() + b"\0"
    return struct.pack(ORDER + "I", len(data)) + data + b"\0" * ((-len(data)) % 4)


def msg(obj: int, opcode: int, payload: bytes = b"") -> bytes:
    return struct.pack(ORDER + "II", obj, ((8 + len(payload)) << 16) | opcode) + payload


class FakeCompositor:
    """Answers get_registry with ``globals_`` and every sync; records the other requests
    as (object, opcode, payload); ``send`` pushes events to the client."""

    def __init__(self, path: Path, globals_: list[str], *, refuse: bool = False) -> None:
        self.globals_ = globals_
        self.refuse = refuse
        self.requests: list[tuple[int, int, bytes]] = []
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(str(path))
        self.server.listen(1)
        self.client: socket.socket | None = None
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.server.accept()
        self.client = conn
        buffer = b""
        while True:
            try:
                chunk = conn.recv(4096)
            except OSError:
                return
            if not chunk:
                return
            buffer += chunk
            while len(buffer) >= 8:
                obj, word = struct.unpack_from(ORDER + "II", buffer)
                size, opcode = word >> 16, word & 0xFFFF
                if len(buffer) < size:
                    break
                payload, buffer = buffer[8:size], buffer[size:]
                self._request(conn, obj, opcode, payload)

    def _request(self, conn: socket.socket, obj: int, opcode: int, payload: bytes) -> None:
        if obj == 1 and opcode == 1:  # get_registry
            (registry,) = struct.unpack(ORDER + "I", payload)
            for number, interface in enumerate(self.globals_, start=1):
                conn.sendall(msg(registry, 0, struct.pack(ORDER + "I", number) + string(interface)
                                 + struct.pack(ORDER + "I", 1)))
        elif obj == 1 and opcode == 0:  # sync
            (callback,) = struct.unpack(ORDER + "I", payload)
            if self.refuse:
                conn.sendall(msg(1, 0, struct.pack(ORDER + "II", 1, 3) + string("no idle for you")))
                return
            conn.sendall(msg(callback, 0, struct.pack(ORDER + "I", 0)))
        else:
            self.requests.append((obj, opcode, payload))

    def send(self, data: bytes) -> None:
        assert self.client is not None
        self.client.sendall(data)

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        self.server.close()


@pytest.fixture
def place(tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    path = tmp_path / "wayland-test"
    yield path, {"WAYLAND_DISPLAY": "wayland-test", "XDG_RUNTIME_DIR": str(tmp_path)}


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def bound(requests: list[tuple[int, int, bytes]]) -> dict[str, int]:
    """interface -> the client's id, from its wl_registry.bind requests."""
    out: dict[str, int] = {}
    for obj, opcode, payload in requests:
        if obj == 2 and opcode == 0:
            (length,) = struct.unpack_from(ORDER + "I", payload, 4)
            name = payload[8:8 + length - 1].decode()
            at = 8 + length + ((-length) % 4)
            _version, ident = struct.unpack_from(ORDER + "II", payload, at)
            out[name] = ident
    return out


def test_kde_idle_timeout_then_idle_and_resumed(place: tuple[Path, dict[str, str]]) -> None:
    path, env = place
    fake = FakeCompositor(path, ["wl_compositor", "wl_seat", KDE])
    clock = Clock()
    monitor = WaylandIdle(env, timeout_s=30, clock=clock)
    try:
        assert monitor.protocol == KDE and "org_kde_kwin_idle" in monitor.name
        ids = bound(fake.requests)
        assert set(ids) == {"wl_seat", KDE}
        request = [r for r in fake.requests if r[0] == ids[KDE]]
        assert len(request) == 1 and request[0][1] == 0  # get_idle_timeout
        notification, seat, ms = struct.unpack(ORDER + "III", request[0][2])
        assert seat == ids["wl_seat"] and ms == 30_000
        assert monitor.idle_seconds() == 0.0
        fake.send(msg(notification, 0))  # idle: 30 s without input
        wait_for(lambda: monitor.idle_seconds() == 30.0)
        clock.now += 12.5
        assert monitor.idle_seconds() == 42.5
        fake.send(msg(notification, 1))  # resumed
        wait_for(lambda: monitor.idle_seconds() == 0.0)
    finally:
        monitor.close()
        fake.close()


def test_ext_idle_notify_is_preferred_and_its_arguments_differ(
        place: tuple[Path, dict[str, str]]) -> None:
    path, env = place
    fake = FakeCompositor(path, [KDE, "wl_seat", EXT])
    monitor = WaylandIdle(env, timeout_s=5)
    try:
        assert monitor.protocol == EXT and "ext-idle-notify-v1" in monitor.name
        ids = bound(fake.requests)
        assert KDE not in ids
        request = [r for r in fake.requests if r[0] == ids[EXT]]
        assert request[0][1] == 1  # get_idle_notification (0 is destroy)
        notification, ms, seat = struct.unpack(ORDER + "III", request[0][2])
        assert ms == 5000 and seat == ids["wl_seat"]
        fake.send(msg(notification, 0))  # idled
        wait_for(lambda: (monitor.idle_seconds() or 0) >= 5.0)
    finally:
        monitor.close()
        fake.close()


def test_a_compositor_without_the_protocol_means_no_idle_monitor(
        place: tuple[Path, dict[str, str]]) -> None:
    path, env = place
    fake = FakeCompositor(path, ["wl_compositor", "wl_seat", "xdg_wm_base"])
    monitor = WaylandIdle(env)
    assert monitor.idle_seconds() is None
    monitor.close()
    fake.close()


def test_a_refusal_or_a_closed_connection_is_none_not_a_crash(
        place: tuple[Path, dict[str, str]], caplog: pytest.LogCaptureFixture) -> None:
    path, env = place
    fake = FakeCompositor(path, ["wl_seat", KDE], refuse=True)
    caplog.set_level("INFO", logger="posture_coach.desktop.wayland_idle")
    monitor = WaylandIdle(env)
    assert monitor.idle_seconds() is None
    assert "no idle for you" in caplog.text
    monitor.close()
    fake.close()


def test_the_compositor_going_away_later_is_none(place: tuple[Path, dict[str, str]]) -> None:
    path, env = place
    fake = FakeCompositor(path, ["wl_seat", KDE])
    monitor = WaylandIdle(env)
    assert monitor.idle_seconds() == 0.0
    assert fake.client is not None
    fake.client.shutdown(socket.SHUT_RDWR)
    wait_for(lambda: monitor.idle_seconds() is None)
    monitor.close()
    fake.close()


def test_garbage_from_the_compositor_is_none(place: tuple[Path, dict[str, str]]) -> None:
    path, env = place
    fake = FakeCompositor(path, ["wl_seat", KDE])
    monitor = WaylandIdle(env)
    fake.send(struct.pack(ORDER + "II", 5, (4 << 16)))  # a message shorter than its header
    wait_for(lambda: monitor.idle_seconds() is None)
    monitor.close()
    fake.close()


def test_no_wayland_session_no_socket(tmp_path: Path) -> None:
    assert socket_path({}) is None
    assert socket_path({"WAYLAND_DISPLAY": "/abs/wl"}) == Path("/abs/wl")
    assert socket_path({"WAYLAND_DISPLAY": "w"}) is None
    assert WaylandIdle({}).idle_seconds() is None
    missing = {"WAYLAND_DISPLAY": "nothing-here", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert WaylandIdle(missing).idle_seconds() is None


def wait_for(what: object, timeout: float = 5) -> None:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if what():  # type: ignore[operator]
            return
        time.sleep(0.01)
    raise AssertionError("timed out")
