"""Idle time: the fake, detection order per OS and session, Windows and macOS parsing
with fakes, the D-Bus monitors against a private bus with a stand-in service, and the
X11 monitor against a real X server (Xvfb) with real input (xdotool).

The real-server tests skip when a tool is missing, and fail instead when ``CI`` is set.
"""

from __future__ import annotations

import ctypes
import logging
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posture_coach.desktop import idle
from posture_coach.desktop.idle import (
    FakeIdle,
    IdleMonitor,
    LastInputInfo,
    MacIdle,
    MutterIdle,
    ScreenSaverIdle,
    WindowsIdle,
    X11Idle,
    candidate_kinds,
    detect_idle_monitor,
    parse_hid_idle_ns,
    windows_idle_ms,
)
from tests.desktop.xdesktop import require_tools as need
from tests.desktop.xdesktop import stop_process as stop
from tests.desktop.xdesktop import wait_until


@contextmanager
def xvfb() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A fresh X server on a free display number: (":N", its process)."""
    need("Xvfb")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "640x480x24",
                             "-nolisten", "tcp"], pass_fds=(write_fd,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            pytest.fail("Xvfb did not start")
        yield f":{number}", proc
    finally:
        stop(proc)


# --- the fake ------------------------------------------------------------------------


def test_fake_idle_answers_what_it_is_set_to() -> None:
    fake = FakeIdle(12.5)
    monitor: IdleMonitor = fake  # it satisfies the protocol
    assert monitor.idle_seconds() == 12.5
    fake.seconds = None
    assert monitor.idle_seconds() is None
    assert fake.calls == 2
    monitor.close()
    assert fake.closed


# --- detection -----------------------------------------------------------------------


@pytest.mark.parametrize(("platform", "env", "kinds"), [
    ("win32", {}, ["windows"]),
    ("darwin", {"DISPLAY": ":0"}, ["macos"]),
    ("linux", {"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"}, ["x11", "mutter", "screensaver"]),
    ("linux", {"DISPLAY": ":1"}, ["x11", "mutter", "screensaver"]),
    ("linux", {"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0", "XDG_CURRENT_DESKTOP": "KDE"},
     ["x11", "screensaver", "mutter"]),
    # Wayland: XWayland's DISPLAY sees X clients' input only, so no X11 there
    ("linux", {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0",
               "XDG_CURRENT_DESKTOP": "ubuntu:GNOME"}, ["wayland", "mutter", "screensaver"]),
    ("linux", {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"},
     ["wayland", "mutter", "screensaver"]),
    # the compositor's own idle protocol first (sway, KWin), then D-Bus
    ("linux", {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "KDE"},
     ["wayland", "screensaver", "mutter"]),
    # a session that says x11 wins over a stray WAYLAND_DISPLAY
    ("linux", {"XDG_SESSION_TYPE": "x11", "WAYLAND_DISPLAY": "w", "DISPLAY": ":0"},
     ["x11", "mutter", "screensaver"]),
    ("linux", {"XDG_SESSION_TYPE": "tty"}, ["mutter", "screensaver"]),
    ("freebsd14", {"DISPLAY": ":0"}, ["x11", "mutter", "screensaver"]),
    ("emscripten", {"DISPLAY": ":0"}, []),
])
def test_candidates_per_platform_and_session(platform: str, env: dict[str, str],
                                             kinds: list[str]) -> None:
    assert candidate_kinds(platform, env) == kinds


def fakes(answers: Mapping[str, float | None], made: list[FakeIdle]
          ) -> dict[str, idle.Factory]:
    def factory(kind: str) -> idle.Factory:
        def make(env: Mapping[str, str]) -> IdleMonitor:
            monitor = FakeIdle(answers[kind], name=kind)
            made.append(monitor)
            return monitor
        return make
    return {kind: factory(kind) for kind in answers}


def test_detection_takes_the_first_that_answers_and_closes_the_rest() -> None:
    made: list[FakeIdle] = []
    table = fakes({"x11": None, "mutter": 3.0, "screensaver": 7.0}, made)
    monitor = detect_idle_monitor("linux", {"DISPLAY": ":0"}, factories=table)
    assert monitor is not None and monitor.name == "mutter"
    assert [m.name for m in made] == ["x11", "mutter"]  # probed in order, each once
    assert [m.calls for m in made] == [1, 1]
    assert made[0].closed and not made[1].closed


def test_detection_follows_the_session() -> None:
    made: list[FakeIdle] = []
    table = fakes({"x11": 1.0, "mutter": 2.0, "screensaver": 3.0, "windows": 4.0,
                   "macos": 5.0}, made)

    def picked(platform: str, env: dict[str, str]) -> str | None:
        monitor = detect_idle_monitor(platform, env, factories=table)
        return None if monitor is None else monitor.name

    wayland = {"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}
    assert picked("linux", wayland) == "mutter"
    assert picked("linux", {**wayland, "XDG_CURRENT_DESKTOP": "KDE"}) == "screensaver"
    assert picked("linux", {"DISPLAY": ":0"}) == "x11"
    assert picked("win32", {}) == "windows"
    assert picked("darwin", {}) == "macos"


def test_detection_skips_a_factory_that_raises_and_says_when_nothing_works(
        caplog: pytest.LogCaptureFixture) -> None:
    def broken(env: Mapping[str, str]) -> IdleMonitor:
        raise RuntimeError("boom")

    made: list[FakeIdle] = []
    table = {**fakes({"mutter": None, "screensaver": None}, made), "x11": broken}
    with caplog.at_level(logging.INFO, logger="posture_coach.desktop.idle"):
        assert detect_idle_monitor("linux", {"DISPLAY": ":0"}, factories=table) is None
    assert all(m.closed for m in made)
    assert "idle detection is off" in caplog.text
    assert detect_idle_monitor("sunos5", {}, factories={}) is None
    assert detect_idle_monitor("plan9", {}, factories=table) is None


def test_detection_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(platform: str, env: Mapping[str, str]) -> list[str]:
        raise ValueError("unexpected")

    monkeypatch.setattr(idle, "candidate_kinds", explode)
    assert detect_idle_monitor("linux", {}) is None


def test_a_failing_query_is_none_and_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    class Flaky(idle._Monitor):
        name = "flaky"
        fail = False

        def _query(self) -> float | None:
            if self.fail:
                raise OSError("gone")
            return 4.0

    monitor = Flaky()
    with caplog.at_level(logging.DEBUG, logger="posture_coach.desktop.idle"):
        assert monitor.idle_seconds() == 4.0
        monitor.fail = True
        assert monitor.idle_seconds() is None
        assert monitor.idle_seconds() is None
    levels = [r.levelno for r in caplog.records]
    assert levels == [logging.WARNING, logging.DEBUG]  # it had worked, then stopped


# --- Windows, with fake DLLs -----------------------------------------------------------


class FakeUser32:
    def __init__(self, last_input: int, ok: bool = True) -> None:
        self.last_input, self.ok = last_input, ok

    def GetLastInputInfo(self, info: Any) -> int:
        assert info.contents.cbSize == ctypes.sizeof(LastInputInfo)
        info.contents.dwTime = self.last_input
        return 1 if self.ok else 0


class FakeKernel32:
    def __init__(self, now: int) -> None:
        self.now = now

    def GetTickCount(self) -> int:
        return self.now


def test_windows_idle_from_last_input_and_tick_count() -> None:
    assert windows_idle_ms(FakeUser32(1_000), FakeKernel32(91_000)) == 90_000
    # the 32-bit tick count wrapped (every 49.7 days) between the input and now
    assert windows_idle_ms(FakeUser32(0xFFFF_FF00), FakeKernel32(0x100)) == 0x200
    # GetTickCount with ctypes' default int result type comes back negative
    assert windows_idle_ms(FakeUser32(0xFFFF_FFF0), FakeKernel32(-6)) == 10
    assert windows_idle_ms(FakeUser32(5, ok=False), FakeKernel32(10)) is None
    assert WindowsIdle(FakeUser32(2_000), FakeKernel32(14_500)).idle_seconds() == 12.5


@given(last=st.integers(0, 2**32 - 1), elapsed=st.integers(0, 2**32 - 1))
def test_windows_idle_is_the_elapsed_ticks_across_wraps(last: int, elapsed: int) -> None:
    now = (last + elapsed) % 2**32
    assert windows_idle_ms(FakeUser32(last), FakeKernel32(now)) == elapsed


@pytest.mark.skipif(sys.platform == "win32", reason="checks the behaviour off Windows")
def test_windows_monitor_elsewhere_is_none() -> None:
    assert WindowsIdle().idle_seconds() is None


# --- macOS, with ioreg's output faked ---------------------------------------------------

IOREG = textwrap.dedent("""\
    +-o Root  <class IORegistryEntry, id 0x100000100, retain 21>
      +-o IOResources  <class IOResources, id 0x100000105, registered, matched, active>
        +-o IOHIDSystem  <class IOHIDSystem, id 0x1000002a7, registered, matched>
          | {
          |   "HIDParameters" = {"HIDClickTime"=500000000,"HIDIdleTime"=99}
          |   "IOClass" = "IOHIDSystem"
          |   "HIDIdleTime" = 83452917
          |   "CFBundleIdentifier" = "com.apple.iokit.IOHIDSystem"
          | }
    """)


def test_parse_hid_idle_time() -> None:
    assert parse_hid_idle_ns(IOREG) == 83452917
    assert parse_hid_idle_ns('"HIDIdleTime" = 12') == 12
    assert parse_hid_idle_ns("+-o Root  <class IORegistryEntry>") is None


@given(ns=st.integers(0, 10**15), pipes=st.sampled_from(["", "  | ", "    | |   "]))
def test_parse_hid_idle_time_any_value(ns: int, pipes: str) -> None:
    assert parse_hid_idle_ns(f'{pipes}"IOClass" = "IOHIDSystem"\n{pipes}"HIDIdleTime" = {ns}\n') \
        == ns


def test_mac_monitor_runs_ioreg_once_per_call_with_a_timeout(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[list[str], dict[str, Any]]] = []
    out = {"text": IOREG.replace("83452917", "3500000000")}

    def fake_run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        calls.append((args, kwargs))
        return subprocess.CompletedProcess(args, 0, out["text"], "")

    monkeypatch.setattr(idle.subprocess, "run", fake_run)
    monitor = MacIdle()
    assert monitor.idle_seconds() == 3.5
    assert len(calls) == 1
    args, kwargs = calls[0]
    assert args[0].endswith("ioreg") and args[1:] == ["-c", "IOHIDSystem"]
    assert kwargs["timeout"] == 2.0 and kwargs["check"] is True
    out["text"] = "no such key"
    assert monitor.idle_seconds() is None
    assert len(calls) == 2


def test_mac_monitor_survives_a_hanging_or_missing_ioreg(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def hang(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        raise subprocess.TimeoutExpired(args, kwargs["timeout"])

    monkeypatch.setattr(idle.subprocess, "run", hang)
    assert MacIdle().idle_seconds() is None

    def missing(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        raise FileNotFoundError(args[0])

    monkeypatch.setattr(idle.subprocess, "run", missing)
    assert MacIdle().idle_seconds() is None
    assert MacIdle(run=lambda: '"HIDIdleTime" = 250000000').idle_seconds() == 0.25


# --- D-Bus: a private bus with stand-ins for GNOME's and KDE's services ----------------

SERVICE = textwrap.dedent("""\
    from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
    from PySide6.QtDBus import QDBusConnection

    app = QCoreApplication([])

    @ClassInfo({"D-Bus Interface": "org.gnome.Mutter.IdleMonitor"})
    class Mutter(QObject):
        @Slot(result="qulonglong")
        def GetIdletime(self):
            return 4321

        @Slot(result=str)
        def GetLabel(self):
            return "not a number"

    @ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
    class ScreenSaver(QObject):
        @Slot(result="uint")
        def GetSessionIdleTime(self):
            return 1500

    bus = QDBusConnection.sessionBus()
    mutter, saver = Mutter(), ScreenSaver()
    slots = QDBusConnection.RegisterOption.ExportAllSlots
    ok = (bus.registerObject("/org/gnome/Mutter/IdleMonitor/Core", mutter, slots)
          and bus.registerObject("/org/freedesktop/ScreenSaver", saver, slots)
          and bus.registerService("org.gnome.Mutter.IdleMonitor")
          and bus.registerService("org.freedesktop.ScreenSaver"))
    print("ready" if ok else "failed", flush=True)
    app.exec()
    """)


@pytest.fixture(scope="module")
def private_bus() -> Iterator[str]:
    """The address of a fresh session bus with the stand-in services on it."""
    need("dbus-daemon")
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    service: subprocess.Popen[str] | None = None
    try:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().decode().strip()
        assert address, "dbus-daemon did not start"
        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address}
        service = subprocess.Popen([sys.executable, "-c", SERVICE], env=env, text=True,
                                   stdout=subprocess.PIPE, start_new_session=True)
        assert service.stdout is not None
        assert service.stdout.readline().strip() == "ready"
        yield address
    finally:
        if service is not None:
            stop(service)
        stop(daemon)


@pytest.fixture
def bus(qapp: Any, private_bus: str) -> Iterator[Any]:
    from PySide6.QtDBus import QDBusConnection

    connection = QDBusConnection.connectToBus(private_bus, "posture-coach-test-idle")
    assert connection.isConnected()
    yield connection
    QDBusConnection.disconnectFromBus("posture-coach-test-idle")


def test_mutter_idle_monitor_reads_milliseconds(bus: Any) -> None:
    assert MutterIdle(bus=bus).idle_seconds() == 4.321


def test_screensaver_idle_monitor_reads_milliseconds(bus: Any) -> None:
    assert ScreenSaverIdle(bus=bus).idle_seconds() == 1.5


def test_dbus_monitor_without_the_service_or_with_a_bad_answer_is_none(bus: Any) -> None:
    class Missing(MutterIdle):
        service = "org.example.NoSuchIdleMonitor"

    class Wordy(MutterIdle):
        method = "GetLabel"

    started = time.monotonic()
    assert Missing(bus=bus).idle_seconds() is None
    assert time.monotonic() - started < 1.0  # the bus says so at once
    assert Wordy(bus=bus).idle_seconds() is None


def test_dbus_monitor_with_a_broken_bus_is_none(qapp: Any) -> None:
    from PySide6.QtDBus import QDBusConnection

    nowhere = QDBusConnection.connectToBus("unix:path=/nonexistent/bus", "posture-coach-nobus")
    try:
        assert MutterIdle(bus=nowhere).idle_seconds() is None
    finally:
        QDBusConnection.disconnectFromBus("posture-coach-nobus")


# --- X11: a real X server and real input ----------------------------------------------


def test_x11_idle_grows_and_input_resets_it() -> None:
    need("Xvfb", "xdotool")
    with xvfb() as (display, _server):
        monitor = X11Idle(display)
        try:
            first = monitor.idle_seconds()
            assert first is not None and 0 <= first < 30  # the server just started
            wait_until(lambda: (monitor.idle_seconds() or 0) >= first + 0.3, 10,
                       "idle time to grow")
            env = {**os.environ, "DISPLAY": display}
            # a motion to a new place each time: XTEST input, as a real mouse would
            for x in (100, 200, 300):
                subprocess.run(["xdotool", "mousemove", str(x), "120"], env=env, check=True,
                               timeout=10)
                after = monitor.idle_seconds()
                if after is not None and after < 0.25:
                    break
            else:
                wait_until(lambda: (monitor.idle_seconds() or 99) < 0.5, 5,
                           "idle time to drop after mouse input")
            assert monitor.idle_seconds() is not None
            assert detect_idle_monitor("linux", {"DISPLAY": display,
                                                 "XDG_SESSION_TYPE": "x11"}) is not None
        finally:
            monitor.close()
            monitor.close()  # twice is fine
        assert monitor.idle_seconds() is None


def test_x11_monitor_outlives_its_x_server(caplog: pytest.LogCaptureFixture) -> None:
    with xvfb() as (display, server):
        monitor = X11Idle(display)
        assert monitor.idle_seconds() is not None
        stop(server)
        # Xlib would exit() the whole process here; the monitor just answers None
        with caplog.at_level(logging.WARNING, logger="posture_coach.desktop.idle"):
            assert monitor.idle_seconds() is None
            assert monitor.idle_seconds() is None
        monitor.close()
    assert "lost the X server" in caplog.text


def test_x11_monitor_without_a_server_is_none() -> None:
    with xvfb() as (display, _server):
        pass  # stopped: the display number is free now
    monitor = X11Idle(display)
    assert monitor.idle_seconds() is None
    monitor.close()
    assert detect_idle_monitor("linux", {"DISPLAY": display}, factories={
        "x11": idle.default_factories()["x11"]}) is None
