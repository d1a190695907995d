"""The single-instance command server, with real sockets and a fake handler.

The client (``send_command``) blocks, and the server needs the Qt event loop, so the
client runs in a worker thread while ``qtbot.waitUntil`` spins the loop.  Raw clients
that misbehave use non-blocking sockets polled from ``waitUntil``.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from posture_coach.core.commands import (
    MAX_REQUEST_BYTES,
    CommandError,
    NotRunning,
    Request,
)
from posture_coach.desktop.channel import server as instance
from posture_coach.desktop.channel.client import send_command
from posture_coach.desktop.channel.server import (
    MAX_CONNECTIONS,
    REQUEST_TIMEOUT_MS,
    InstanceError,
    InstanceServer,
)

pytestmark = pytest.mark.skipif(sys.platform.startswith("win"),
                                reason="the tests drive the Unix socket directly")

WAIT_MS = 5000
SHORT_TIMEOUT_MS = 300


# --- fixtures and helpers ----------------------------------------------------------------

@pytest.fixture(autouse=True)
def runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private, short XDG_RUNTIME_DIR so sockets and lock files stay inside the test."""
    path = Path(tempfile.mkdtemp(prefix="pc-rt-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(path))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=4) as executor:
        yield executor


class FakeApp:
    """Stands in for the composition root's handler."""

    def __init__(self) -> None:
        self.requests: list[Request] = []

    def __call__(self, request: Request) -> Mapping[str, Any]:
        self.requests.append(request)
        if request.cmd == "status":
            return {"state": "running", "next_break_in_s": 1200}
        if request.cmd == "break-now" and request.args.get("routine") == "no-such-routine":
            raise CommandError("there is no routine 'no-such-routine'")
        if request.cmd == "quit":
            raise RuntimeError("boom")
        return {"done": request.cmd, **request.args}


def stop_and_check(qtbot: QtBot, server: InstanceServer) -> None:
    was_listening = server.is_listening()
    server.stop()
    assert server.connection_count() == 0
    assert not [t for t in server.findChildren(QTimer) if t.isActive()]
    if was_listening:
        assert not os.path.lexists(server.name)


@pytest.fixture
def make_server(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[..., InstanceServer]]:
    servers: list[InstanceServer] = []

    def make(data_dir: Path | None = None, *, handler: Any = "fake", start: bool = True,
             **kw: Any) -> InstanceServer:
        kw.setdefault("request_timeout_ms", SHORT_TIMEOUT_MS)
        server = InstanceServer(data_dir or tmp_path, **kw)
        servers.append(server)
        if handler == "fake":
            server.set_handler(FakeApp())
        elif handler is not None:
            server.set_handler(handler)
        if start:
            assert server.start()
        return server

    yield make
    for server in servers:
        stop_and_check(qtbot, server)
    for server in servers:
        server.deleteLater()


def ask(qtbot: QtBot, pool: ThreadPoolExecutor, data_dir: Path, request: dict[str, Any],
        timeout: float = 3.0) -> dict[str, Any]:
    """``send_command`` in a worker thread while the Qt loop runs here."""
    future: Future[dict[str, Any]] = pool.submit(send_command, data_dir, request, timeout)
    qtbot.waitUntil(future.done, timeout=WAIT_MS)
    return future.result()


class RawClient:
    """A non-blocking client that sends whatever it is told and collects the answer."""

    def __init__(self, path: str, payload: bytes = b""):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.sock.setblocking(False)
        self.received = b""
        self.eof = False
        if payload:
            self.sock.sendall(payload)

    def send(self, payload: bytes) -> None:
        self.sock.sendall(payload)

    def closed_by_server(self) -> bool:
        """Read what is there; True once the server has closed the connection."""
        while not self.eof:
            try:
                chunk = self.sock.recv(65536)
            except BlockingIOError:
                return False
            except ConnectionResetError:
                self.eof = True
                break
            if not chunk:
                self.eof = True
            self.received += chunk
        return True

    def reply(self) -> dict[str, Any]:
        import json

        assert self.received.endswith(b"\n") and self.received.count(b"\n") == 1, \
            self.received
        data: dict[str, Any] = json.loads(self.received)
        return data

    def close(self) -> None:
        self.sock.close()


def raw_exchange(qtbot: QtBot, server: InstanceServer, payload: bytes) -> dict[str, Any]:
    client = RawClient(server.name, payload)
    try:
        qtbot.waitUntil(client.closed_by_server, timeout=WAIT_MS)
        return client.reply()
    finally:
        client.close()


def bind_stale_socket(path: str) -> None:
    """What a crashed copy leaves behind: a socket file nothing listens on."""
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(path)
    stale.close()
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


# --- answering commands ------------------------------------------------------------------

def test_answers_every_command(qtbot: QtBot, pool: ThreadPoolExecutor, tmp_path: Path,
                               make_server: Callable[..., InstanceServer]) -> None:
    app = FakeApp()
    make_server(handler=app)
    assert ask(qtbot, pool, tmp_path, {"cmd": "status"}) == \
        {"ok": True, "state": "running", "next_break_in_s": 1200}
    assert ask(qtbot, pool, tmp_path, {"cmd": "snooze", "minutes": 10}) == \
        {"ok": True, "done": "snooze", "minutes": 10}
    assert ask(qtbot, pool, tmp_path, {"cmd": "pause", "for": "until-tomorrow"}) == \
        {"ok": True, "done": "pause", "for": "until-tomorrow"}
    assert ask(qtbot, pool, tmp_path, {"cmd": "break-now", "routine": "desk-reset"}) == \
        {"ok": True, "done": "break-now", "routine": "desk-reset"}
    for cmd in ("break-now", "resume", "show"):
        assert ask(qtbot, pool, tmp_path, {"cmd": cmd}) == {"ok": True, "done": cmd}
    assert [r.cmd for r in app.requests] == ["status", "snooze", "pause", "break-now",
                                             "break-now", "resume", "show"]
    assert app.requests[1] == Request("snooze", {"minutes": 10})


def test_handler_errors_become_refusals(qtbot: QtBot, pool: ThreadPoolExecutor,
                                        tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                        make_server: Callable[..., InstanceServer]) -> None:
    make_server()
    assert ask(qtbot, pool, tmp_path, {"cmd": "break-now", "routine": "no-such-routine"}) == \
        {"ok": False, "error": "there is no routine 'no-such-routine'"}
    with caplog.at_level(logging.ERROR, logger="posture_coach"):
        assert ask(qtbot, pool, tmp_path, {"cmd": "quit"}) == \
            {"ok": False, "error": "internal error"}
    assert "boom" in caplog.text  # the traceback goes to the log, not to the client
    assert ask(qtbot, pool, tmp_path, {"cmd": "status"})["ok"] is True


@pytest.mark.parametrize(("result", "expected"), [
    ({"ok": False, "x": 1}, {"ok": True, "x": 1}),  # the handler cannot fake "ok"
    ({}, {"ok": True}),
    ({"x": object()}, {"ok": False, "error": "internal error"}),
    ({"x": float("nan")}, {"ok": False, "error": "internal error"}),
    (["not", "a", "dict"], {"ok": False, "error": "internal error"}),
])
def test_handler_results_are_checked(qtbot: QtBot, pool: ThreadPoolExecutor, tmp_path: Path,
                                     make_server: Callable[..., InstanceServer],
                                     result: Any, expected: dict[str, Any]) -> None:
    make_server(handler=lambda request: result)
    assert ask(qtbot, pool, tmp_path, {"cmd": "status"}) == expected


def test_without_a_handler_it_asks_to_retry(qtbot: QtBot, pool: ThreadPoolExecutor,
                                            tmp_path: Path,
                                            make_server: Callable[..., InstanceServer]) -> None:
    make_server(handler=None)
    reply = ask(qtbot, pool, tmp_path, {"cmd": "status"})
    assert reply["ok"] is False and "still starting" in reply["error"]


# --- one copy per data folder --------------------------------------------------------------

def test_second_server_for_the_same_data_dir_does_not_start(
        qtbot: QtBot, pool: ThreadPoolExecutor, tmp_path: Path,
        make_server: Callable[..., InstanceServer]) -> None:
    first = make_server()
    second = make_server(start=False)
    assert second.name == first.name
    assert second.start() is False
    assert not second.is_listening()
    second.stop()  # must not take the first one's socket away
    assert os.path.exists(first.name)
    assert ask(qtbot, pool, tmp_path, {"cmd": "status"})["ok"] is True


def test_a_command_looking_at_the_lock_does_not_stop_a_copy_starting(
        tmp_path: Path, make_server: Callable[..., InstanceServer],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A command sent while no copy answers takes the lock for an instant to see whether
    one is starting (client.is_starting).  A copy starting in that instant found it held
    and quit, saying "already running", with none running (seen under load in the kill
    test).  It tries again now: here the command's look is caught in the middle and ends
    after the third try."""
    import fcntl

    server = make_server(start=False)
    fd = os.open(server._lock.path, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as is_starting takes it
    pauses: list[float] = []

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 3:
            fcntl.flock(fd, fcntl.LOCK_UN)  # the look is over

    monkeypatch.setattr(instance, "_pause", pause)
    try:
        assert server.start() is True
        assert server.is_listening()
    finally:
        os.close(fd)
        server.stop()
    assert len(pauses) == 3


def test_second_server_does_not_start_even_if_the_socket_file_is_gone(
        qtbot: QtBot, pool: ThreadPoolExecutor, tmp_path: Path,
        make_server: Callable[..., InstanceServer]) -> None:
    # e.g. a cleaner emptied the runtime folder: the lock still says a copy runs
    first = make_server()
    os.unlink(first.name)
    assert make_server(start=False).start() is False


def test_second_server_does_not_start_when_a_live_server_answers(
        tmp_path: Path, make_server: Callable[..., InstanceServer]) -> None:
    # a copy that listens without holding the lock (say, an older version)
    first = make_server()
    first._lock.release()
    assert make_server(start=False).start() is False


def test_different_data_dirs_run_side_by_side(qtbot: QtBot, pool: ThreadPoolExecutor,
                                              tmp_path: Path,
                                              make_server: Callable[..., InstanceServer]
                                              ) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    make_server(a, handler=lambda request: {"copy": "a"})
    make_server(b, handler=lambda request: {"copy": "b"})
    assert ask(qtbot, pool, a, {"cmd": "status"}) == {"ok": True, "copy": "a"}
    assert ask(qtbot, pool, b, {"cmd": "status"}) == {"ok": True, "copy": "b"}


def test_stale_socket_is_recovered(qtbot: QtBot, pool: ThreadPoolExecutor, tmp_path: Path,
                                   make_server: Callable[..., InstanceServer]) -> None:
    server = make_server(start=False)
    bind_stale_socket(server.name)
    with pytest.raises(NotRunning):
        send_command(tmp_path, {"cmd": "status"})
    assert server.start() is True
    assert ask(qtbot, pool, tmp_path, {"cmd": "status"})["ok"] is True


def test_stop_removes_the_socket_and_frees_the_address(
        qtbot: QtBot, pool: ThreadPoolExecutor, tmp_path: Path,
        make_server: Callable[..., InstanceServer]) -> None:
    server = make_server()
    server.stop()
    assert not os.path.lexists(server.name)
    with pytest.raises(NotRunning):
        send_command(tmp_path, {"cmd": "status"})
    server.stop()  # twice is fine
    make_server(handler=lambda request: {"again": True})
    assert ask(qtbot, pool, tmp_path, {"cmd": "status"}) == {"ok": True, "again": True}


def test_socket_is_user_only(make_server: Callable[..., InstanceServer]) -> None:
    server = make_server()
    st = os.lstat(server.name)
    assert stat.S_ISSOCK(st.st_mode)
    assert stat.S_IMODE(st.st_mode) == 0o600
    assert st.st_uid == os.getuid()


def test_refuses_an_address_owned_by_another_user(
        monkeypatch: pytest.MonkeyPatch, make_server: Callable[..., InstanceServer]) -> None:
    server = make_server(start=False)
    bind_stale_socket(server.name)
    monkeypatch.setattr(instance.os, "getuid", lambda: os.lstat(server.name).st_uid + 1)
    with pytest.raises(InstanceError, match="belongs to another user"):
        server.start()
    monkeypatch.undo()
    assert os.path.lexists(server.name)  # not removed: it is not ours
    assert not server.is_listening()
    assert server.start() is True  # the lock was released on failure


# --- misbehaving clients -------------------------------------------------------------------

@pytest.mark.parametrize(("payload", "error"), [
    (b"hello\n", "not valid JSON"),
    (b"\xff\xfe\n", "not UTF-8"),
    (b"[1, 2]\n", "must be a JSON object"),
    (b'{"cmd": "reboot"}\n', "unknown command 'reboot'"),
    (b'{"cmd": "snooze", "minutes": "ten"}\n', "whole number from 1 to 120"),
    (b'{"cmd": "pause", "for": "3h"}\n', "must be one of 30m, 1h, 2h, until-tomorrow"),
    (b"\n", "empty"),
    (b"x" * (MAX_REQUEST_BYTES + 10), f"longer than {MAX_REQUEST_BYTES} bytes"),
    (b"x" * 200_000, f"longer than {MAX_REQUEST_BYTES} bytes"),
    (b'{"cmd": "status"' + b" " * MAX_REQUEST_BYTES + b"}\n", "longer than"),
    (b'{"cmd": "sta', "no request within 0.3 s"),  # a partial line, then nothing
])
def test_bad_requests_are_refused_and_the_server_keeps_going(
        qtbot: QtBot, pool: ThreadPoolExecutor, tmp_path: Path,
        make_server: Callable[..., InstanceServer], payload: bytes, error: str) -> None:
    app = FakeApp()
    server = make_server(handler=app)
    reply = raw_exchange(qtbot, server, payload)
    assert reply["ok"] is False and error in reply["error"], reply
    assert app.requests == []
    qtbot.waitUntil(lambda: server.connection_count() == 0, timeout=WAIT_MS)
    assert ask(qtbot, pool, tmp_path, {"cmd": "status"})["ok"] is True


def test_only_the_first_line_is_served(qtbot: QtBot, make_server: Callable[..., InstanceServer]
                                       ) -> None:
    app = FakeApp()
    server = make_server(handler=app)
    reply = raw_exchange(qtbot, server, b'{"cmd": "status"}\n{"cmd": "quit"}\n')
    assert reply["ok"] is True
    assert [r.cmd for r in app.requests] == ["status"]


def test_a_request_sent_in_pieces_is_served(qtbot: QtBot,
                                            make_server: Callable[..., InstanceServer]) -> None:
    server = make_server(request_timeout_ms=REQUEST_TIMEOUT_MS)
    client = RawClient(server.name, b'{"cmd": "sn')
    try:
        qtbot.waitUntil(lambda: server.connection_count() == 1, timeout=WAIT_MS)
        client.send(b'ooze", "minutes"')
        client.send(b": 5}\n")
        qtbot.waitUntil(client.closed_by_server, timeout=WAIT_MS)
        assert client.reply() == {"ok": True, "done": "snooze", "minutes": 5}
    finally:
        client.close()


def test_silent_client_is_dropped_after_two_seconds(
        qtbot: QtBot, pool: ThreadPoolExecutor, tmp_path: Path,
        make_server: Callable[..., InstanceServer]) -> None:
    assert REQUEST_TIMEOUT_MS == 2000
    server = make_server(request_timeout_ms=REQUEST_TIMEOUT_MS)
    client = RawClient(server.name)
    started = time.monotonic()
    try:
        # a real request is served meanwhile
        assert ask(qtbot, pool, tmp_path, {"cmd": "status"})["ok"] is True
        assert not client.closed_by_server()
        qtbot.waitUntil(client.closed_by_server, timeout=WAIT_MS)
        elapsed = time.monotonic() - started
        assert 1.5 <= elapsed < 4.5, elapsed
        assert client.reply() == {"ok": False, "error": "no request within 2 s"}
    finally:
        client.close()
    qtbot.waitUntil(lambda: server.connection_count() == 0, timeout=WAIT_MS)


def test_client_that_leaves_early_is_forgotten(qtbot: QtBot,
                                               make_server: Callable[..., InstanceServer]
                                               ) -> None:
    server = make_server(request_timeout_ms=REQUEST_TIMEOUT_MS)
    client = RawClient(server.name, b'{"cmd"')
    qtbot.waitUntil(lambda: server.connection_count() == 1, timeout=WAIT_MS)
    client.close()
    qtbot.waitUntil(lambda: server.connection_count() == 0, timeout=WAIT_MS)


def test_too_many_connections_are_refused(qtbot: QtBot, pool: ThreadPoolExecutor,
                                          tmp_path: Path,
                                          make_server: Callable[..., InstanceServer]) -> None:
    assert MAX_CONNECTIONS == 16
    app = FakeApp()
    server = make_server(handler=app, request_timeout_ms=10_000)
    holders = [RawClient(server.name) for _ in range(MAX_CONNECTIONS)]
    extras: list[RawClient] = []
    try:
        qtbot.waitUntil(lambda: server.connection_count() == MAX_CONNECTIONS,
                        timeout=WAIT_MS)
        extras = [RawClient(server.name, b'{"cmd": "status"}\n') for _ in range(4)]
        for extra in extras:
            qtbot.waitUntil(extra.closed_by_server, timeout=WAIT_MS)
            reply = extra.reply()
            assert reply["ok"] is False and reply["error"].startswith("busy")
        # a real client is refused too while all slots are taken ...
        assert ask(qtbot, pool, tmp_path, {"cmd": "status"})["ok"] is False
        assert app.requests == []
        assert server.connection_count() == MAX_CONNECTIONS
        assert not any(h.closed_by_server() for h in holders)
    finally:
        for client in holders + extras:
            client.close()
    # ... and served once they have gone
    qtbot.waitUntil(lambda: server.connection_count() == 0, timeout=WAIT_MS)
    assert ask(qtbot, pool, tmp_path, {"cmd": "status"})["ok"] is True


def test_many_concurrent_real_clients_are_all_served(
        qtbot: QtBot, tmp_path: Path, make_server: Callable[..., InstanceServer]) -> None:
    make_server()
    with ThreadPoolExecutor(max_workers=12) as executor:
        futures = [executor.submit(send_command, tmp_path, {"cmd": "snooze", "minutes": i})
                   for i in range(1, 13)]
        qtbot.waitUntil(lambda: all(f.done() for f in futures), timeout=WAIT_MS)
        replies = [f.result() for f in futures]
    assert all(r["ok"] is True or r["error"].startswith("busy") for r in replies)
    assert sorted(r["minutes"] for r in replies if r["ok"]) == list(range(1, 13))


def test_stop_closes_open_connections(qtbot: QtBot,
                                      make_server: Callable[..., InstanceServer]) -> None:
    server = make_server(request_timeout_ms=10_000)
    clients = [RawClient(server.name) for _ in range(3)]
    try:
        qtbot.waitUntil(lambda: server.connection_count() == 3, timeout=WAIT_MS)
        server.stop()
        assert server.connection_count() == 0
        assert not [t for t in server.findChildren(QTimer) if t.isActive()]
        for client in clients:
            qtbot.waitUntil(client.closed_by_server, timeout=WAIT_MS)
            assert client.received == b""
    finally:
        for client in clients:
            client.close()
