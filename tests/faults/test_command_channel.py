"""The command channel of the real app (offscreen) under attack: malformed, oversized,
binary and half-open requests, more connections than it serves at once, and a second
user's process.  Nothing but refusals come back, and the app keeps answering ``status``.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from posture_coach.core.commands import MAX_REQUEST_BYTES, socket_name
from tests.faults.harness import (
    ALWAYS_AT_WORK,
    app_env,
    app_log,
    cli,
    need,
    start_app,
    stop_app,
    wait_answering,
)

HOSTILE_REQUESTS: list[bytes] = [
    b"\n",
    b"   \n",
    b"{\n",
    b"not json\n",
    b"[]\n",
    b"null\n",
    b'"status"\n',
    b"{}\n",
    b'{"cmd": 1}\n',
    b'{"cmd": "rm -rf /"}\n',
    b'{"cmd": "status", "extra": 1}\n',
    b'{"cmd": "status", "cmd": "quit"}\n',
    b'{"cmd": "snooze", "minutes": 1e400}\n',
    b'{"cmd": "snooze", "minutes": NaN}\n',
    b'{"cmd": "snooze", "minutes": -1}\n',
    b'{"cmd": "snooze", "minutes": "10"}\n',
    b'{"cmd": "snooze", "minutes": ' + b"9" * 5000 + b"}\n",
    b'{"cmd": "pause", "for": {"$gt": ""}}\n',
    b'{"cmd": "break-now", "routine": "../../etc/passwd"}\n',
    b'{"cmd": "break-now", "routine": "nope"}\n',
    b"[" * 3000 + b"]" * 3000 + b"\n",
    b"\xff\xfe{\x00\"\x00c\x00m\x00d\x00\n",
    b"\x00" * 100 + b"\n",
    bytes(range(256)) + b"\n",
    b'{"cmd": "st\xc3\x28tus"}\n',
    b"x" * (MAX_REQUEST_BYTES + 10),  # oversized, no newline
    b"y" * (MAX_REQUEST_BYTES * 8) + b"\n",  # oversized, with one
]


@pytest.fixture
def running(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str], str]]:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.yaml").write_text(ALWAYS_AT_WORK)
    proc = start_app(tmp_path)
    try:
        wait_answering(tmp_path, proc)
        name = socket_name(tmp_path / "data", env=app_env(tmp_path))
        yield tmp_path, proc, name
    finally:
        stop_app(tmp_path, proc)
    log = app_log(tmp_path)
    assert "Traceback" not in log and "internal error" not in log, log


def exchange(name: str, data: bytes, timeout: float = 10) -> bytes:
    """Send ``data`` (as much as the server takes) and read until it closes."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(name)
        try:
            sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # refused before reading it all: read why
        reply = b""
        try:
            while chunk := sock.recv(65536):
                reply += chunk
        except ConnectionResetError:
            pass
        return reply


def refusal(reply: bytes) -> str:
    """The error of a refusal; fails on anything else."""
    assert reply.endswith(b"\n") and reply.count(b"\n") == 1, reply[:200]
    data = json.loads(reply)
    assert data["ok"] is False and isinstance(data["error"], str) and data["error"], data
    return str(data["error"])


def test_hostile_requests_get_refusals(running) -> None:  # type: ignore[no-untyped-def]
    tmp_path, proc, name = running
    for _ in range(3):
        for request in HOSTILE_REQUESTS:
            refusal(exchange(name, request))
    assert proc.poll() is None
    # one request per connection: a second line is ignored, not run
    reply = json.loads(exchange(name, b'{"cmd": "status"}\n{"cmd": "quit"}\n'))
    assert reply["ok"] is True and reply["state"] == "running"
    time.sleep(0.5)
    assert proc.poll() is None
    assert "Breaks are on." in cli(tmp_path, "status").stdout


def test_half_open_and_too_many_connections(running) -> None:  # type: ignore[no-untyped-def]
    tmp_path, proc, name = running
    hogs = []
    for i in range(40):  # more than it serves at once; half of them send half a line
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(name)
        if i % 2:
            sock.sendall(b'{"cmd": "sta')
        hogs.append(sock)
    try:
        # served again once the silent ones time out (2 s), though the hogs stay open
        started = time.monotonic()
        while cli(tmp_path, "status").returncode != 0:
            assert time.monotonic() - started < 15, "status refused for 15 s"
            time.sleep(0.2)
        for sock in hogs:  # each hog got a refusal ("busy" or "no request within")
            sock.settimeout(10)
            refusal(sock.recv(65536))
    finally:
        for sock in hogs:
            sock.close()
    assert proc.poll() is None


def test_flood(running) -> None:  # type: ignore[no-untyped-def]
    tmp_path, proc, name = running
    socks = []
    for i in range(300):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.setblocking(False)
        try:
            sock.connect(name)
            sock.send(HOSTILE_REQUESTS[i % len(HOSTILE_REQUESTS)][:4096])
        except (BlockingIOError, BrokenPipeError, ConnectionResetError, OSError):
            pass  # the backlog is full: that is a refusal too
        socks.append(sock)
        if i % 50 == 49:
            for s in socks:
                s.close()
            socks.clear()
    for s in socks:
        s.close()
    assert proc.poll() is None
    started = time.monotonic()
    while cli(tmp_path, "status").returncode != 0:
        assert time.monotonic() - started < 15, "status refused for 15 s after a flood"
        time.sleep(0.2)


NOBODY_CLIENT = """
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(5)
try:
    s.connect(sys.argv[1])
    s.sendall(b'{"cmd": "quit"}\\n')
    print("ANSWER", s.recv(4096))
except OSError as exc:
    print("REFUSED", exc.errno)
"""


def test_another_user_is_refused(running) -> None:  # type: ignore[no-untyped-def]
    """A process of user ``nobody`` cannot reach the socket: the socket is 0600 in a
    0700 folder, both the app user's."""
    tmp_path, proc, name = running
    st = os.stat(name)
    assert stat.S_ISSOCK(st.st_mode) and st.st_uid == os.getuid()
    assert stat.S_IMODE(st.st_mode) & 0o077 == 0
    assert stat.S_IMODE(os.stat(os.path.dirname(name)).st_mode) & 0o077 == 0
    need(os.getuid() == 0 and shutil.which("setpriv") is not None,
         "running a client as another user needs root and setpriv")
    python = shutil.which("python3", path="/usr/bin:/bin")
    need(python is not None, "a system python3 that user nobody may run")
    folders = [p for p in Path(name).parents if p != Path("/")]
    modes = {p: stat.S_IMODE(os.stat(p).st_mode) for p in folders}
    try:
        for opened in (False, True):  # as it is; then with the folders opened up
            if opened:  # only the socket's own 0600 stands in the way now
                for folder in folders:
                    os.chmod(folder, modes[folder] | 0o011)  # traverse, not list
            done = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup",
                                   "--clear-groups", str(python), "-c", NOBODY_CLIENT,
                                   name], capture_output=True, text=True, timeout=30, cwd="/")
            assert done.stdout.startswith("REFUSED 13"), (done.stdout, done.stderr)
    finally:
        for folder, mode in modes.items():
            os.chmod(folder, mode)
    assert proc.poll() is None
    assert "Breaks are on." in cli(tmp_path, "status").stdout
