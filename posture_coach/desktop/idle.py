"""Seconds since the user last touched keyboard or mouse, per OS; None where unknown.

One small monitor per way of asking:

* :class:`X11Idle` -- the X11 MIT-SCREEN-SAVER extension through ctypes (libX11 +
  libXss, Debian package ``libxss1``).  Used in X11 sessions only: under XWayland it
  would see input to X clients only.
* :class:`~.wayland_idle.WaylandIdle` -- the compositor's ``ext-idle-notify-v1`` or
  KDE's ``org_kde_kwin_idle`` (sway, KWin), spoken on a Wayland connection of its own.
* :class:`MutterIdle` -- GNOME's ``org.gnome.Mutter.IdleMonitor`` over D-Bus
  (``GetIdletime``, milliseconds); works on GNOME under Wayland and X11.
* :class:`ScreenSaverIdle` -- ``org.freedesktop.ScreenSaver.GetSessionIdleTime`` over
  D-Bus.  The freedesktop draft says seconds, but the implementation people actually
  have, KDE's kscreenlocker, answers KIdleTime's *milliseconds*, so this monitor reads
  milliseconds.  (KDE refuses the call under Wayland, so it counts there as not working.)
* :class:`WindowsIdle` -- ``GetLastInputInfo`` and ``GetTickCount`` through ctypes.
* :class:`MacIdle` -- ``HIDIdleTime`` (nanoseconds) from ``ioreg -c IOHIDSystem``, one
  subprocess per call with a 2 s timeout.

:func:`detect_idle_monitor` picks the first that answers for this OS and session, or
None: then the app tells the user, in Settings, that idle detection is off.  Nothing
raises out of this module: failures are logged (the first in full, later ones briefly)
and become None.  The monitors hold no timers; the app asks when it wants to know.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from typing import Any

from .idle_base import IdleMonitor, _Monitor

log = logging.getLogger(__name__)


class FakeIdle:
    """For tests: answers whatever ``seconds`` is set to (None: unknown)."""

    def __init__(self, seconds: float | None = 0.0, name: str = "fake idle monitor") -> None:
        self.seconds = seconds
        self.name = name
        self.calls = 0
        self.closed = False

    def idle_seconds(self) -> float | None:
        self.calls += 1
        return self.seconds

    def close(self) -> None:
        self.closed = True


# --- X11 ---------------------------------------------------------------------------


class _XScreenSaverInfo(ctypes.Structure):
    _fields_ = [
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),  # milliseconds
        ("event_mask", ctypes.c_ulong),
    ]


# When an X connection breaks, Xlib calls the process-wide I/O error handler and then
# the display's exit handler, and both defaults call exit().  For the displays this
# module opened, the handlers below return instead (libX11 >= 1.7 has the per-display
# one): the monitor answers None from then on and the app lives.  Other displays (Qt's)
# keep whatever handler was there before.
_IOErrorHandler = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)
_IOErrorExitHandler = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)
_our_displays: dict[int, X11Idle] = {}
_io_handlers: dict[str, Any] = {}  # keeps the ctypes callbacks alive


def _on_io_error(dpy: int | None) -> int:
    monitor = _our_displays.get(dpy or 0)
    if monitor is not None:
        monitor._connection_lost()
        return 0
    previous = _io_handlers.get("previous")
    return int(previous(dpy)) if previous else 0


def _on_io_error_exit(dpy: int | None, _data: int | None) -> None:
    monitor = _our_displays.get(dpy or 0)
    if monitor is not None:
        monitor._connection_lost()


def _install_io_error_handlers(xlib: Any) -> None:
    if "handler" in _io_handlers or not hasattr(xlib, "XSetIOErrorExitHandler"):
        return
    handler = _IOErrorHandler(_on_io_error)
    xlib.XSetIOErrorHandler.argtypes = [_IOErrorHandler]
    xlib.XSetIOErrorHandler.restype = ctypes.c_void_p
    previous = xlib.XSetIOErrorHandler(handler)
    _io_handlers["handler"] = handler
    _io_handlers["exit"] = _IOErrorExitHandler(_on_io_error_exit)
    _io_handlers["previous"] = ctypes.cast(previous, _IOErrorHandler) if previous else None


def _load_library(name: str, soname: str) -> ctypes.CDLL:
    path = ctypes.util.find_library(name) or soname
    return ctypes.CDLL(path)


class X11Idle(_Monitor):
    """Idle time from the X server's screen saver extension (milliseconds of no input).

    Opens the display once (``display``, e.g. ``":0"``; None: ``$DISPLAY``) and keeps it
    until :meth:`close`.  If the X server goes away, Xlib would normally end the
    process; a per-display exit handler (libX11 >= 1.7) turns that into None instead.
    """

    name = "X11 screensaver extension"

    def __init__(self, display: str | None = None) -> None:
        super().__init__()
        self.display_name = display
        self._dpy: int | None = None
        self._info: Any = None
        self._root = 0
        self._dead = False
        self._xlib: Any = None
        self._xss: Any = None
        try:
            self._open(display)
        except Exception as exc:
            log.info("X11 idle monitor unavailable on display %s: %s", display, exc)
            self.close()

    def _open(self, display: str | None) -> None:
        xlib: Any = _load_library("X11", "libX11.so.6")
        xss: Any = _load_library("Xss", "libXss.so.1")
        xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        xlib.XOpenDisplay.restype = ctypes.c_void_p
        xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        xlib.XCloseDisplay.restype = ctypes.c_int
        xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        xlib.XDefaultRootWindow.restype = ctypes.c_ulong
        xlib.XFree.argtypes = [ctypes.c_void_p]
        xlib.XFree.restype = ctypes.c_int
        xss.XScreenSaverQueryExtension.argtypes = [
            ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int)]
        xss.XScreenSaverQueryExtension.restype = ctypes.c_int
        xss.XScreenSaverAllocInfo.argtypes = []
        xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(_XScreenSaverInfo)
        xss.XScreenSaverQueryInfo.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(_XScreenSaverInfo)]
        xss.XScreenSaverQueryInfo.restype = ctypes.c_int
        self._xlib, self._xss = xlib, xss

        dpy = xlib.XOpenDisplay(display.encode() if display else None)
        if not dpy:
            raise OSError(f"cannot open X display {display or os.environ.get('DISPLAY')!r}")
        self._dpy = dpy
        _our_displays[dpy] = self
        _install_io_error_handlers(xlib)
        if "exit" in _io_handlers:
            xlib.XSetIOErrorExitHandler.argtypes = [
                ctypes.c_void_p, _IOErrorExitHandler, ctypes.c_void_p]
            xlib.XSetIOErrorExitHandler.restype = None
            xlib.XSetIOErrorExitHandler(dpy, _io_handlers["exit"], None)
        else:
            log.info("libX11 < 1.7: if the X server of %s dies, so does this app", display)
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not xss.XScreenSaverQueryExtension(dpy, ctypes.byref(event_base),
                                              ctypes.byref(error_base)):
            raise OSError("the X server has no MIT-SCREEN-SAVER extension")
        self._root = xlib.XDefaultRootWindow(dpy)
        info = xss.XScreenSaverAllocInfo()
        if not info:
            raise MemoryError("XScreenSaverAllocInfo failed")
        self._info = info

    def _connection_lost(self) -> None:
        if not self._dead:
            log.warning("lost the X server of display %s; idle time is unknown from now on",
                        self.display_name)
        self._dead = True

    def _query(self) -> float | None:
        if self._dpy is None or self._info is None or self._dead:
            return None
        if not self._xss.XScreenSaverQueryInfo(self._dpy, self._root, self._info):
            return None
        if self._dead:
            return None
        return int(self._info.contents.idle) / 1000.0

    def close(self) -> None:
        try:
            if self._info is not None and self._xlib is not None:
                self._xlib.XFree(self._info)
            if self._dpy is not None and self._xlib is not None:
                self._xlib.XCloseDisplay(self._dpy)  # also frees a dead connection
        except Exception as exc:
            log.debug("closing the X11 idle monitor: %s", exc)
        if self._dpy is not None:
            _our_displays.pop(self._dpy, None)
        self._info = None
        self._dpy = None


# --- D-Bus (GNOME, KDE and others) -------------------------------------------------


class _DBusIdle(_Monitor):
    """Idle time from one D-Bus method answering a number of milliseconds."""

    service = ""
    path = ""
    interface = ""
    method = ""

    def __init__(self, bus: Any = None, timeout_ms: int = 1000) -> None:
        """``bus``: a ``QDBusConnection`` (default: the session bus); ``timeout_ms``
        bounds each call, which blocks the calling thread until the answer."""
        super().__init__()
        self._bus = bus
        self.timeout_ms = timeout_ms

    def _query(self) -> float | None:
        from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage

        bus = self._bus if self._bus is not None else QDBusConnection.sessionBus()
        if not bus.isConnected():
            raise OSError(f"no D-Bus session bus: {bus.lastError().message() or 'not connected'}")
        call = QDBusMessage.createMethodCall(self.service, self.path, self.interface,
                                             self.method)
        reply = bus.call(call, QDBus.CallMode.Block, self.timeout_ms)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage:
            raise OSError(f"{self.interface}.{self.method}: {reply.errorName()}: "
                          f"{reply.errorMessage()}")
        args = reply.arguments()
        if not args or isinstance(args[0], bool) or not isinstance(args[0], int | float):
            raise OSError(f"{self.interface}.{self.method} answered {args!r}, not a number")
        return float(args[0]) / 1000.0


class MutterIdle(_DBusIdle):
    """GNOME Shell's idle monitor (Wayland and X11): ``GetIdletime`` in milliseconds."""

    name = "GNOME Mutter idle monitor (D-Bus)"
    service = "org.gnome.Mutter.IdleMonitor"
    path = "/org/gnome/Mutter/IdleMonitor/Core"
    interface = "org.gnome.Mutter.IdleMonitor"
    method = "GetIdletime"


class ScreenSaverIdle(_DBusIdle):
    """``org.freedesktop.ScreenSaver.GetSessionIdleTime``, read as milliseconds.

    KDE's kscreenlocker (the main implementation) returns KIdleTime's milliseconds
    although the old freedesktop draft said seconds; under Wayland it answers
    NotSupported, and the probe skips it.
    """

    name = "freedesktop ScreenSaver (D-Bus)"
    service = "org.freedesktop.ScreenSaver"
    path = "/org/freedesktop/ScreenSaver"
    interface = "org.freedesktop.ScreenSaver"
    method = "GetSessionIdleTime"


# --- Windows -----------------------------------------------------------------------


class LastInputInfo(ctypes.Structure):
    """Win32 ``LASTINPUTINFO``."""

    _fields_ = [("cbSize", ctypes.c_uint32), ("dwTime", ctypes.c_uint32)]


def windows_idle_ms(user32: Any, kernel32: Any) -> int | None:
    """Milliseconds since the last input from ``user32.GetLastInputInfo`` and
    ``kernel32.GetTickCount``; both are 32-bit tick counts that wrap every 49.7 days."""
    info = LastInputInfo()
    info.cbSize = ctypes.sizeof(LastInputInfo)
    if not user32.GetLastInputInfo(ctypes.pointer(info)):
        return None
    now = int(kernel32.GetTickCount()) & 0xFFFFFFFF
    return (now - int(info.dwTime)) & 0xFFFFFFFF


def _windows_dlls() -> tuple[Any, Any]:
    if sys.platform == "win32":
        user32 = ctypes.WinDLL("user32")
        kernel32 = ctypes.WinDLL("kernel32")
        user32.GetLastInputInfo.argtypes = [ctypes.POINTER(LastInputInfo)]
        user32.GetLastInputInfo.restype = ctypes.c_int
        kernel32.GetTickCount.argtypes = []
        kernel32.GetTickCount.restype = ctypes.c_uint32
        return user32, kernel32
    raise OSError("GetLastInputInfo exists on Windows only")


class WindowsIdle(_Monitor):
    """Idle time from ``GetLastInputInfo`` (the DLLs can be given, for tests)."""

    name = "Windows GetLastInputInfo"

    def __init__(self, user32: Any = None, kernel32: Any = None) -> None:
        super().__init__()
        self._dlls: tuple[Any, Any] | None = None
        if user32 is not None and kernel32 is not None:
            self._dlls = (user32, kernel32)
        else:
            try:
                self._dlls = _windows_dlls()
            except Exception as exc:
                log.info("Windows idle monitor unavailable: %s", exc)

    def _query(self) -> float | None:
        if self._dlls is None:
            return None
        ms = windows_idle_ms(*self._dlls)
        return None if ms is None else ms / 1000.0


# --- macOS -------------------------------------------------------------------------

# a property line of its own (``    | |   "HIDIdleTime" = 83452917``), not a key inside
# a nested dictionary such as HIDParameters
_HID_IDLE = re.compile(r'^[\s|]*"HIDIdleTime"\s*=\s*(\d+)\s*$', re.MULTILINE)
IOREG_TIMEOUT_S = 2.0


def parse_hid_idle_ns(text: str) -> int | None:
    """The first ``"HIDIdleTime" = <nanoseconds>`` property in ``ioreg`` output, or None."""
    match = _HID_IDLE.search(text)
    return int(match.group(1)) if match else None


def run_ioreg(timeout: float = IOREG_TIMEOUT_S) -> str:
    """``ioreg -c IOHIDSystem``'s output; raises on failure or after ``timeout`` s."""
    ioreg = shutil.which("ioreg") or "/usr/sbin/ioreg"
    done = subprocess.run([ioreg, "-c", "IOHIDSystem"], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout, check=True)
    return done.stdout


class MacIdle(_Monitor):
    """Idle time from IOKit's ``HIDIdleTime``, read through ``ioreg`` once per call."""

    name = "macOS IOHIDSystem (ioreg)"

    def __init__(self, run: Callable[[], str] | None = None) -> None:
        super().__init__()
        self._run = run or run_ioreg

    def _query(self) -> float | None:
        ns = parse_hid_idle_ns(self._run())
        if ns is None:
            raise OSError("no HIDIdleTime in ioreg's output")
        return ns / 1e9


# --- detection ---------------------------------------------------------------------

Factory = Callable[[Mapping[str, str]], IdleMonitor]


def _wayland_idle(env: Mapping[str, str]) -> IdleMonitor:
    from .wayland_idle import DEFAULT_TIMEOUT_S, WaylandIdle

    raw = env.get("POSTURE_COACH_TEST_IDLE_TIMEOUT_S", "")  # tests only, never users
    try:
        timeout = float(raw) if raw else DEFAULT_TIMEOUT_S
    except ValueError:
        timeout = DEFAULT_TIMEOUT_S
    return WaylandIdle(dict(env), timeout_s=max(0.5, timeout))


def default_factories() -> dict[str, Factory]:
    """How each kind of monitor is made from the environment."""
    return {
        "x11": lambda env: X11Idle(env.get("DISPLAY")),
        "wayland": _wayland_idle,
        "mutter": lambda env: MutterIdle(),
        "screensaver": lambda env: ScreenSaverIdle(),
        "windows": lambda env: WindowsIdle(),
        "macos": lambda env: MacIdle(),
    }


def candidate_kinds(platform: str, env: Mapping[str, str]) -> list[str]:
    """The kinds of monitor worth trying on ``platform`` in the session ``env`` describes,
    best first."""
    if platform == "win32":
        return ["windows"]
    if platform == "darwin":
        return ["macos"]
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd", "dragonfly",
                                "sunos")):
        return []
    session = env.get("XDG_SESSION_TYPE", "").strip().lower()
    wayland = session == "wayland" or (session != "x11" and bool(env.get("WAYLAND_DISPLAY")))
    desktop = env.get("XDG_CURRENT_DESKTOP", "").upper()
    dbus = ["screensaver", "mutter"] if "KDE" in desktop else ["mutter", "screensaver"]
    if not wayland and env.get("DISPLAY"):
        return ["x11", *dbus]
    if wayland:  # the compositor's own protocol first (sway, KWin), then D-Bus (GNOME)
        return ["wayland", *dbus]
    return dbus


def _close_quietly(monitor: IdleMonitor) -> None:
    try:
        monitor.close()
    except Exception as exc:
        log.debug("closing %r: %s", monitor, exc)


def detect_idle_monitor(platform: str | None = None, env: Mapping[str, str] | None = None,
                        *, factories: Mapping[str, Factory] | None = None
                        ) -> IdleMonitor | None:
    """The first monitor for this OS and session whose probe answers a number, or None.

    ``platform`` is a ``sys.platform`` value and ``env`` the environment (defaults: this
    process's); ``factories`` replaces how monitors are made (tests).  Each candidate is
    asked once; one that fails or answers None is closed and skipped.
    """
    try:
        platform = sys.platform if platform is None else platform
        env = os.environ if env is None else env
        table = default_factories() if factories is None else factories
        kinds = candidate_kinds(platform, env)
        for kind in kinds:
            factory = table.get(kind)
            if factory is None:
                continue
            monitor: IdleMonitor | None = None
            try:
                monitor = factory(env)
                value = monitor.idle_seconds()
            except Exception as exc:
                log.info("idle detection: %s failed its probe: %s", kind, exc, exc_info=True)
                value = None
            if monitor is not None and value is not None:
                log.info("idle detection: using %s (idle %.0f s now)", monitor.name, value)
                return monitor
            log.info("idle detection: %s does not answer here", kind)
            if monitor is not None:
                _close_quietly(monitor)
        log.warning("idle detection is off: nothing answered on %s (tried: %s; "
                    "XDG_SESSION_TYPE=%r, WAYLAND_DISPLAY=%r, DISPLAY=%r)", platform,
                    ", ".join(kinds) or "nothing", env.get("XDG_SESSION_TYPE"),
                    env.get("WAYLAND_DISPLAY"), env.get("DISPLAY"))
    except Exception:
        log.warning("idle detection failed; it is off", exc_info=True)
    return None
