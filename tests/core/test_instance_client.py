"""The command channel without Qt: request validation, addresses, the AF_UNIX client."""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posture_coach.core import commands
from posture_coach.core.commands import (
    COMMANDS,
    MAX_REQUEST_BYTES,
    SOCKET_PATH_MAX,
    CommandError,
    NotRunning,
    Request,
    decode_reply,
    parse_request,
    socket_name,
)
from posture_coach.desktop.channel import client
from posture_coach.desktop.channel.client import send_command

posix_only = pytest.mark.skipif(sys.platform.startswith("win"), reason="Unix sockets")


def line(obj: object) -> bytes:
    return json.dumps(obj).encode() + b"\n"


# --- parse_request: every valid command -----------------------------------------------

@pytest.mark.parametrize(("wire", "expected"), [
    ({"cmd": "status"}, Request("status", {})),
    ({"cmd": "resume"}, Request("resume", {})),
    ({"cmd": "quit"}, Request("quit", {})),
    ({"cmd": "show"}, Request("show", {})),
    ({"cmd": "break-now"}, Request("break-now", {})),
    ({"cmd": "break-now", "routine": None}, Request("break-now", {})),
    ({"cmd": "break-now", "routine": "desk-reset"},
     Request("break-now", {"routine": "desk-reset"})),
    ({"cmd": "break-now", "routine": "a" * 64}, Request("break-now", {"routine": "a" * 64})),
    ({"cmd": "snooze", "minutes": 1}, Request("snooze", {"minutes": 1})),
    ({"cmd": "snooze", "minutes": 120}, Request("snooze", {"minutes": 120})),
    ({"minutes": 10, "cmd": "snooze"}, Request("snooze", {"minutes": 10})),
    ({"cmd": "pause", "for": "30m"}, Request("pause", {"for": "30m"})),
    ({"cmd": "pause", "for": "1h"}, Request("pause", {"for": "1h"})),
    ({"cmd": "pause", "for": "2h"}, Request("pause", {"for": "2h"})),
    ({"cmd": "pause", "for": "until-tomorrow"}, Request("pause", {"for": "until-tomorrow"})),
    ({"cmd": "open-program", "path": "/home/a/program.yaml"},
     Request("open-program", {"path": "/home/a/program.yaml"})),
])
def test_accepts_valid_requests(wire: dict[str, object], expected: Request) -> None:
    assert parse_request(line(wire)) == expected
    # the newline is optional for the parser, and surrounding whitespace is fine
    assert parse_request(b"  " + json.dumps(wire).encode() + b" ") == expected
    # what the client sends round-trips
    assert parse_request(expected.to_line()) == expected


def test_every_command_is_covered() -> None:
    assert set(COMMANDS) == {"status", "break-now", "snooze", "pause", "resume", "quit",
                             "show", "history", "log-pain", "program-changed",
                             "open-program"}


def test_accepts_a_request_of_exactly_the_limit() -> None:
    base = b'{"cmd":"status"}'
    padded = base[:-1] + b" " * (MAX_REQUEST_BYTES - len(base) - 1) + b"}\n"
    assert len(padded) == MAX_REQUEST_BYTES
    assert parse_request(padded) == Request("status", {})


# --- parse_request: every kind of bad input ---------------------------------------------

@pytest.mark.parametrize(("raw", "message"), [
    (b"", "empty"),
    (b"\n", "empty"),
    (b"   \n", "empty"),
    (b"\xff\xfe{}\n", "not UTF-8"),
    (b'{"cmd": "status"\n', "not valid JSON"),
    (b"status\n", "not valid JSON"),
    (b'{"cmd": "status"}\n{"cmd": "quit"}\n', "one request per line"),
    (b"[]\n", "must be a JSON object, got list"),
    (b'"status"\n', "must be a JSON object, got str"),
    (b"null\n", "must be a JSON object, got NoneType"),
    (b"{}\n", "no 'cmd' field"),
    (b'{"cmd": 3}\n', "'cmd' must be a string"),
    (b'{"cmd": "reboot"}\n', "unknown command 'reboot'; known commands: break-now"),
    (b'{"cmd": "STATUS"}\n', "unknown command"),
    (b'{"cmd": "status", "cmd": "quit"}\n', "'cmd' is given twice"),
    (b'{"cmd": "status", "verbose": true}\n', "status: unknown field 'verbose' (status takes "
                                              "no arguments)"),
    (b'{"cmd": "snooze"}\n', "snooze: the field 'minutes' is missing"),
    (b'{"cmd": "snooze", "minutes": 0}\n', "whole number from 1 to 120, got 0"),
    (b'{"cmd": "snooze", "minutes": 121}\n', "got 121"),
    (b'{"cmd": "snooze", "minutes": -5}\n', "got -5"),
    (b'{"cmd": "snooze", "minutes": 10.0}\n', "got 10.0"),
    (b'{"cmd": "snooze", "minutes": "10"}\n', "got '10'"),
    (b'{"cmd": "snooze", "minutes": true}\n', "got true"),
    (b'{"cmd": "snooze", "minutes": null}\n', "got null"),
    (b'{"cmd": "snooze", "minutes": NaN}\n', "NaN is not a number JSON allows"),
    (b'{"cmd": "snooze", "minutes": Infinity}\n', "Infinity is not a number"),
    (b'{"cmd": "snooze", "minutes": 1e400}\n', "whole number"),
    (b'{"cmd": "snooze", "mins": 10}\n', "snooze: unknown field 'mins' (snooze takes "
                                         "'minutes')"),
    (b'{"cmd": "pause"}\n', "pause: the field 'for' is missing"),
    (b'{"cmd": "pause", "for": "3h"}\n', "'for' must be one of 30m, 1h, 2h, until-tomorrow, "
                                         "got '3h'"),
    (b'{"cmd": "pause", "for": 30}\n', "got 30"),
    (b'{"cmd": "break-now", "routine": "Desk Reset"}\n', "must be a routine id"),
    (b'{"cmd": "break-now", "routine": ""}\n', "must be a routine id"),
    (b'{"cmd": "break-now", "routine": "../etc"}\n', "must be a routine id"),
    (b'{"cmd": "break-now", "routine": "desk-reset\\n"}\n', "must be a routine id"),
    (b'{"cmd": "break-now", "routine": ["a"]}\n', "must be a routine id"),
    (b'{"cmd": "break-now", "routine": "' + b"a" * 65 + b'"}\n', "must be a routine id"),
    (b"[" * 2000 + b"]" * 2000, "nested too deeply"),
    (b'{"cmd": "snooze", "minutes": ' + b"9" * 4000 + b"}", "whole number"),
])
def test_refuses_bad_requests(raw: bytes, message: str) -> None:
    with pytest.raises(CommandError) as info:
        parse_request(raw)
    assert message in str(info.value)


def test_refuses_oversized_requests() -> None:
    with pytest.raises(CommandError, match="longer than 4096 bytes"):
        parse_request(b'{"cmd": "status"' + b" " * MAX_REQUEST_BYTES + b"}\n")


def test_refuses_non_bytes() -> None:
    with pytest.raises(CommandError, match="must be bytes"):
        parse_request('{"cmd": "status"}')  # type: ignore[arg-type]


def test_long_values_are_shortened_in_messages() -> None:
    with pytest.raises(CommandError) as info:
        parse_request(line({"cmd": "x" * 1000}))
    assert len(str(info.value)) < 200


@settings(max_examples=500)
@given(st.binary(max_size=MAX_REQUEST_BYTES + 64))
def test_arbitrary_bytes_only_raise_command_error(raw: bytes) -> None:
    try:
        request = parse_request(raw)
    except CommandError as exc:
        assert str(exc)
    else:
        assert request.cmd in COMMANDS


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12)


@settings(max_examples=500)
@given(st.dictionaries(st.sampled_from(["cmd", "minutes", "for", "routine", "x"]),
                       json_values | st.sampled_from([*COMMANDS, "30m", "1h", "desk-reset"])
                       | st.integers(-5, 200), max_size=4))
def test_arbitrary_json_objects_only_raise_command_error(obj: dict[str, object]) -> None:
    try:
        request = parse_request(json.dumps(obj).encode())
    except CommandError as exc:
        assert str(exc)
    else:
        assert request.cmd in COMMANDS
        assert parse_request(request.to_line()) == request


# --- replies -----------------------------------------------------------------------------

def test_decode_reply() -> None:
    assert decode_reply(b'{"ok": true, "state": "running"}') == {"ok": True,
                                                                  "state": "running"}
    assert decode_reply(b'{"ok": false, "error": "no"}')["error"] == "no"
    for bad in (b"", b"\xff", b"[]", b'{"ok": 1}', b'{"ok": false}', b"{}"):
        with pytest.raises(CommandError):
            decode_reply(bad)


# --- socket_name -------------------------------------------------------------------------

@pytest.fixture
def runtime_dir() -> Iterator[Path]:
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="pc-rt-"))
    try:
        yield path
    finally:
        os.rmdir(path)


@posix_only
def test_socket_name_uses_xdg_runtime_dir(tmp_path: Path, runtime_dir: Path) -> None:
    name = socket_name(tmp_path, env={"XDG_RUNTIME_DIR": str(runtime_dir)})
    assert name.startswith(str(runtime_dir) + "/posture-coach-")
    assert name.endswith(".sock")
    digest = Path(name).name[len("posture-coach-"):-len(".sock")]
    assert len(digest) == 16 and all(c in "0123456789abcdef" for c in digest)
    assert len(name.encode()) < SOCKET_PATH_MAX


@posix_only
@pytest.mark.parametrize("runtime", [None, "", "relative/dir", "/nonexistent/posture-coach"])
def test_socket_name_falls_back_to_tmp(tmp_path: Path, runtime: str | None) -> None:
    env = {} if runtime is None else {"XDG_RUNTIME_DIR": runtime}
    name = socket_name(tmp_path, env=env)
    assert name.startswith(f"/tmp/posture-coach-{os.getuid()}-")
    assert len(name.encode()) < SOCKET_PATH_MAX


@posix_only
def test_socket_name_falls_back_when_runtime_dir_not_writable(
        tmp_path: Path, runtime_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # (tests may run as root, who can write anywhere: ask os.access to say no)
    monkeypatch.setattr(commands.os, "access", lambda path, mode: False)
    name = socket_name(tmp_path, env={"XDG_RUNTIME_DIR": str(runtime_dir)})
    assert name.startswith("/tmp/")


@posix_only
def test_socket_name_falls_back_when_runtime_dir_is_a_file(tmp_path: Path) -> None:
    file = tmp_path / "file"
    file.write_text("")
    assert socket_name(tmp_path, env={"XDG_RUNTIME_DIR": str(file)}).startswith("/tmp/")


@posix_only
def test_socket_name_falls_back_when_runtime_dir_is_too_long(tmp_path: Path) -> None:
    deep = tmp_path / ("d" * 90)
    deep.mkdir()
    name = socket_name(tmp_path, env={"XDG_RUNTIME_DIR": str(deep)})
    assert name.startswith("/tmp/")
    assert len(name.encode()) < SOCKET_PATH_MAX


def test_socket_name_is_short_for_any_data_dir(tmp_path: Path) -> None:
    very_deep = tmp_path.joinpath(*(["a-rather-long-folder-name"] * 20))
    for platform in ("linux", "darwin"):
        assert len(socket_name(very_deep, env={}, platform=platform).encode()) < SOCKET_PATH_MAX


def test_two_data_dirs_give_two_names(tmp_path: Path) -> None:
    env = {"XDG_RUNTIME_DIR": str(tmp_path)}
    for platform in ("linux", "win32"):
        a = socket_name(tmp_path / "a", env=env, platform=platform)
        b = socket_name(tmp_path / "b", env=env, platform=platform)
        assert a != b
        assert a == socket_name(tmp_path / "a", env=env, platform=platform)


def test_same_folder_spelled_differently_gives_one_name(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    (tmp_path / "data").mkdir()
    monkeypatch.chdir(tmp_path)
    env = {"XDG_RUNTIME_DIR": str(tmp_path)}
    assert socket_name(Path("data"), env=env) == socket_name(tmp_path / "x" / ".." / "data",
                                                             env=env)
    if hasattr(os, "symlink"):
        (tmp_path / "link").symlink_to(tmp_path / "data")
        assert socket_name(tmp_path / "link", env=env) == socket_name(tmp_path / "data",
                                                                      env=env)


def test_windows_names_a_pipe(tmp_path: Path) -> None:
    name = socket_name(tmp_path, env={}, platform="win32")
    assert name.startswith("posture-coach-") and len(name) == len("posture-coach-") + 16
    assert "/" not in name and "\\" not in name


# --- the client against a plain-socket stand-in server ------------------------------------

@pytest.fixture
def sock_env(monkeypatch: pytest.MonkeyPatch, runtime_dir: Path, tmp_path: Path
             ) -> Iterator[tuple[Path, str]]:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime_dir))
    name = socket_name(tmp_path)
    try:
        yield tmp_path, name
    finally:
        for leftover in runtime_dir.iterdir():
            leftover.unlink()


def serve_once(path: str, reply: bytes | None) -> tuple[threading.Thread, list[bytes]]:
    """A one-shot stand-in server: reads one line, sends ``reply`` (None: nothing)."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(1)
    received: list[bytes] = []

    def run() -> None:
        conn, _ = listener.accept()
        with conn:
            data = b""
            while not data.endswith(b"\n"):
                chunk = conn.recv(4096)
                if not chunk:
                    break
                data += chunk
            received.append(data)
            if reply is not None:
                conn.sendall(reply)
            else:
                conn.recv(1)  # hold the line open until the client gives up
        listener.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, received


@posix_only
def test_client_sends_one_line_and_returns_the_reply(sock_env: tuple[Path, str]) -> None:
    data_dir, name = sock_env
    thread, received = serve_once(name, b'{"ok": true, "state": "running"}\n')
    reply = send_command(data_dir, {"cmd": "snooze", "minutes": 10})
    thread.join(5)
    assert reply == {"ok": True, "state": "running"}
    assert received == [b'{"cmd":"snooze","minutes":10}\n']


@posix_only
def test_client_returns_refusals(sock_env: tuple[Path, str]) -> None:
    data_dir, name = sock_env
    thread, _ = serve_once(name, b'{"ok": false, "error": "busy"}\n')
    assert send_command(data_dir, {"cmd": "status"}) == {"ok": False, "error": "busy"}
    thread.join(5)


@posix_only
@pytest.mark.parametrize("reply", [b"", b"nonsense\n", b'{"ok": "yes"}\n',
                                   b'{"ok": true' + b" " * 70000])
def test_client_refuses_bad_replies(sock_env: tuple[Path, str], reply: bytes) -> None:
    data_dir, name = sock_env
    thread, _ = serve_once(name, reply)
    with pytest.raises(CommandError) as info:
        send_command(data_dir, {"cmd": "status"})
    assert not isinstance(info.value, NotRunning)
    thread.join(5)


@posix_only
def test_client_times_out(sock_env: tuple[Path, str]) -> None:
    data_dir, name = sock_env
    thread, _ = serve_once(name, None)
    with pytest.raises(CommandError, match=r"did not answer within 0\.2 s"):
        send_command(data_dir, {"cmd": "status"}, timeout=0.2)
    thread.join(5)


@posix_only
def test_client_reports_not_running(sock_env: tuple[Path, str]) -> None:
    data_dir, name = sock_env
    with pytest.raises(NotRunning):
        send_command(data_dir, {"cmd": "status"})
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(name)
    stale.close()  # the file stays, nothing listens: a crashed copy
    with pytest.raises(NotRunning):
        send_command(data_dir, {"cmd": "status"})


@posix_only
def test_client_refuses_a_file_that_is_not_a_socket(sock_env: tuple[Path, str]) -> None:
    data_dir, name = sock_env
    Path(name).write_text("")
    with pytest.raises(CommandError, match="not a socket"):
        send_command(data_dir, {"cmd": "status"})


@posix_only
def test_client_refuses_a_socket_of_another_user(sock_env: tuple[Path, str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir, name = sock_env
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(name)
    stale.close()
    # (the address's folder stays this user's; the socket in it is another user's)
    monkeypatch.setattr(client, "_my_uid", lambda: os.stat(name).st_uid + 1)
    with pytest.raises(CommandError, match="belongs to another user"):
        send_command(data_dir, {"cmd": "status"})


def test_client_validates_before_connecting(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="whole number"):
        send_command(tmp_path, {"cmd": "snooze", "minutes": 500})
    with pytest.raises(CommandError, match="cannot be sent"):
        send_command(tmp_path, {"cmd": "status", "x": object()})
    with pytest.raises(CommandError, match="longer than"):
        send_command(tmp_path, {"cmd": "break-now", "routine": "a" * 5000})


def test_is_starting_follows_the_instance_lock(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl

    from posture_coach.desktop.channel.client import is_starting

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    data = tmp_path / "data"
    assert not is_starting(data)  # no lock file: nothing runs
    data.mkdir()
    lock = data / "posture-coach.lock"  # in the data folder: one copy per data folder
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        assert not is_starting(data)  # a lock file nobody holds (left after a crash)
        fcntl.flock(fd, fcntl.LOCK_EX)
        # held by "another copy" (a separate open file description in this test)
        assert is_starting(data)
    finally:
        os.close(fd)
    assert not is_starting(data)


def test_socket_names_use_fnv1a_64_of_the_data_folder() -> None:
    """Known FNV-1a 64-bit values (the reference test vectors), so the name stays stable
    between versions without loading OpenSSL for hashlib."""
    from posture_coach.core.commands import _fnv1a_64

    assert _fnv1a_64(b"") == "cbf29ce484222325"
    assert _fnv1a_64(b"a") == "af63dc4c8601ec8c"
    assert _fnv1a_64(b"foobar") == "85944171f73967e8"
