"""Is now a bad moment for a break?  A fullscreen window has focus, the desktop's
Do Not Disturb is on, or the person is in a call (the microphone or camera is in use:
:mod:`.calls`).  One small checker per signal, None where it is not known.

* :class:`X11Fullscreen` -- the active window (``_NET_ACTIVE_WINDOW`` on the root) has
  ``_NET_WM_STATE_FULLSCREEN`` in its ``_NET_WM_STATE``, read through ctypes Xlib.
* :class:`WindowsQuiet` -- ``SHQueryUserNotificationState`` says busy, a fullscreen game
  or presentation, or quiet time.
* :class:`DunstDnd` -- ``dunstctl is-paused`` answers ``true``.
* :class:`GnomeDnd` -- ``org.gnome.desktop.notifications show-banners`` is false.
* :class:`FreedesktopInhibited` -- ``org.freedesktop.Notifications``'s ``Inhibited``
  property (KDE Plasma's Do Not Disturb) over QtDBus.

:class:`AnyQuiet` asks each and answers the first reason.  Nothing raises out of here:
a checker that fails answers None (not busy), so a break never waits because of a bug.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

log = logging.getLogger(__name__)

FULLSCREEN = "fullscreen"
DND = "do-not-disturb"


class QuietSignal(Protocol):
    name: str

    def busy(self) -> str | None:
        """Why now is a bad moment (``fullscreen`` or ``do-not-disturb``), or None."""
        ...


class FakeQuiet:
    """For tests: answers what it is told."""

    name = "fake quiet signal"
    kinds: tuple[str, ...] = (FULLSCREEN, DND)  # in plain words: ui/signal_words.py

    def __init__(self, reason: str | None = None) -> None:
        self.reason = reason

    def busy(self) -> str | None:
        return self.reason


def _safely(signal: QuietSignal, ask: Callable[[], str | None]) -> str | None:
    try:
        return ask()
    except Exception as exc:
        log.debug("quiet signal %s failed: %s", signal.name, exc)
        return None


# --- commands (dunst, GNOME) -------------------------------------------------------

Runner = Callable[[Sequence[str]], str]


def run_command(args: Sequence[str]) -> str:
    out = subprocess.run(list(args), capture_output=True, text=True, timeout=2, check=True)
    return out.stdout


class DunstDnd:
    name = "dunst (dunstctl is-paused)"
    kinds: tuple[str, ...] = (DND,)  # in plain words: ui/signal_words.py

    def __init__(self, run: Runner = run_command) -> None:
        self._run = run

    def busy(self) -> str | None:
        answer = _safely(self, lambda: self._run(["dunstctl", "is-paused"]).strip().lower())
        return DND if answer == "true" else None


class GnomeDnd:
    name = "GNOME show-banners"
    kinds: tuple[str, ...] = (DND,)  # in plain words: ui/signal_words.py

    def __init__(self, run: Runner = run_command) -> None:
        self._run = run

    def busy(self) -> str | None:
        answer = _safely(self, lambda: self._run(
            ["gsettings", "get", "org.gnome.desktop.notifications", "show-banners"]
        ).strip().lower())
        return DND if answer == "false" else None


class FreedesktopInhibited:
    """``Inhibited`` of ``org.freedesktop.Notifications`` (KDE Plasma 5.20+)."""

    name = "org.freedesktop.Notifications Inhibited"
    kinds: tuple[str, ...] = (DND,)  # in plain words: ui/signal_words.py

    def __init__(self, bus: Any = None, timeout_ms: int = 1000) -> None:
        self._bus = bus
        self.timeout_ms = timeout_ms

    def _ask(self) -> str | None:
        from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage

        bus = self._bus if self._bus is not None else QDBusConnection.sessionBus()
        if not bus.isConnected():
            return None
        call = QDBusMessage.createMethodCall(
            "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
            "org.freedesktop.DBus.Properties", "Get")
        call.setArguments(["org.freedesktop.Notifications", "Inhibited"])
        reply = bus.call(call, QDBus.CallMode.Block, self.timeout_ms)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
            return None
        value = reply.arguments()[0]
        value = getattr(value, "variant", lambda: value)()
        return DND if value is True else None

    def busy(self) -> str | None:
        return _safely(self, self._ask)


# --- Windows -----------------------------------------------------------------------

# QUERY_USER_NOTIFICATION_STATE values that mean "not now".
QUNS_BUSY = 2
QUNS_RUNNING_D3D_FULL_SCREEN = 3
QUNS_PRESENTATION_MODE = 4
QUNS_QUIET_TIME = 6
_WINDOWS_BUSY = {QUNS_BUSY: FULLSCREEN, QUNS_RUNNING_D3D_FULL_SCREEN: FULLSCREEN,
                 QUNS_PRESENTATION_MODE: FULLSCREEN, QUNS_QUIET_TIME: DND}


class WindowsQuiet:
    name = "SHQueryUserNotificationState"
    kinds: tuple[str, ...] = (FULLSCREEN, DND)  # in plain words: ui/signal_words.py

    def __init__(self, shell32: Any = None) -> None:
        self._shell32 = shell32

    def _ask(self) -> str | None:
        shell32 = self._shell32 or ctypes.windll.shell32  # type: ignore[attr-defined]
        state = ctypes.c_int(0)
        if shell32.SHQueryUserNotificationState(ctypes.byref(state)) != 0:  # S_OK
            return None
        return _WINDOWS_BUSY.get(state.value)

    def busy(self) -> str | None:
        return _safely(self, self._ask)


# --- X11 ---------------------------------------------------------------------------

_XErrorHandler = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_handlers: dict[str, Any] = {}


def _ignore_x_error(_dpy: int | None, _event: int | None) -> int:
    # A window that closed between two calls (BadWindow) is normal here; Xlib's default
    # handler would end the process.
    return 0


class X11Fullscreen:
    """The active window is fullscreen (EWMH window managers)."""

    name = "X11 _NET_WM_STATE_FULLSCREEN"
    kinds: tuple[str, ...] = (FULLSCREEN,)  # in plain words: ui/signal_words.py

    def __init__(self, display: str | None = None) -> None:
        self._x: Any = None
        self._dpy: int | None = None
        try:
            self._open(display)
        except Exception as exc:
            log.info("X11 fullscreen check unavailable: %s", exc)
            self.close()

    def _open(self, display: str | None) -> None:
        x: Any = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        x.XInternAtom.restype = ctypes.c_ulong
        x.XGetWindowProperty.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long,
            ctypes.c_int, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_void_p)]
        x.XGetWindowProperty.restype = ctypes.c_int
        x.XFree.argtypes = [ctypes.c_void_p]
        x.XSetErrorHandler.argtypes = [_XErrorHandler]
        x.XSetErrorHandler.restype = ctypes.c_void_p
        if "error" not in _handlers:
            _handlers["error"] = _XErrorHandler(_ignore_x_error)
            x.XSetErrorHandler(_handlers["error"])
        dpy = x.XOpenDisplay(display.encode() if display else None)
        if not dpy:
            raise OSError(f"cannot open X display {display!r}")
        self._x, self._dpy = x, dpy
        self._root = x.XDefaultRootWindow(dpy)
        self._active = x.XInternAtom(dpy, b"_NET_ACTIVE_WINDOW", 0)
        self._state = x.XInternAtom(dpy, b"_NET_WM_STATE", 0)
        self._full = x.XInternAtom(dpy, b"_NET_WM_STATE_FULLSCREEN", 0)

    def _longs(self, window: int, prop: int) -> list[int]:
        x = self._x
        kind, fmt = ctypes.c_ulong(), ctypes.c_int()
        count, after, data = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
        status = x.XGetWindowProperty(self._dpy, window, prop, 0, 64, 0, 0,
                                      ctypes.byref(kind), ctypes.byref(fmt),
                                      ctypes.byref(count), ctypes.byref(after),
                                      ctypes.byref(data))
        if status != 0 or not data.value:
            return []
        try:
            if fmt.value != 32:
                return []
            values = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))
            return [int(values[i]) for i in range(count.value)]
        finally:
            x.XFree(data)

    def _ask(self) -> str | None:
        if self._dpy is None:
            return None
        active = self._longs(self._root, self._active)
        if not active or not active[0]:
            return None
        return FULLSCREEN if self._full in self._longs(active[0], self._state) else None

    def busy(self) -> str | None:
        return _safely(self, self._ask)

    @property
    def works(self) -> bool:
        return self._dpy is not None

    def close(self) -> None:
        if self._dpy is not None and self._x is not None:
            try:
                self._x.XCloseDisplay(self._dpy)
            except Exception as exc:
                log.debug("closing the X11 fullscreen check: %s", exc)
        self._dpy = None


# --- together ----------------------------------------------------------------------


class AnyQuiet:
    """Busy when any of its signals says so."""

    def __init__(self, signals: Sequence[QuietSignal], off: Sequence[str] = ()) -> None:
        self.signals = list(signals)
        self.name = ", ".join(s.name for s in self.signals)
        self.off = list(off)  # the signals that cannot work here (calls.NO_SOUND_SERVER)
        self.kinds = tuple(dict.fromkeys(k for s in self.signals
                                         for k in getattr(s, "kinds", ())))

    def busy(self) -> str | None:
        for signal in self.signals:
            reason = _safely(signal, signal.busy)
            if reason:
                return reason
        return None

    def close(self) -> None:
        for signal in self.signals:
            close = getattr(signal, "close", None)
            if callable(close):
                close()


def detect_quiet(platform: str | None = None, env: Mapping[str, str] | None = None,
                 which: Callable[[str], str | None] = shutil.which,
                 calls: Callable[[str], Sequence[QuietSignal]] | None = None
                 ) -> AnyQuiet | None:
    """The signals this OS and session may answer, or None where none is known.
    ``calls`` finds the call signals (default: :func:`.calls.detect_calls`)."""
    import os

    platform = sys.platform if platform is None else platform
    env = os.environ if env is None else env
    signals: list[QuietSignal] = []
    off: list[str] = []
    try:
        if platform == "win32":
            signals.append(WindowsQuiet())
        elif platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
            session = env.get("XDG_SESSION_TYPE", "").lower()
            if env.get("DISPLAY") and session != "wayland":
                x11 = X11Fullscreen(env.get("DISPLAY"))
                if x11.works:
                    signals.append(x11)
            desktop = env.get("XDG_CURRENT_DESKTOP", "").upper()
            if "GNOME" in desktop and which("gsettings"):
                signals.append(GnomeDnd())
            if "KDE" in desktop:
                signals.append(FreedesktopInhibited())
            if which("dunstctl"):
                signals.append(DunstDnd())
        from .calls import detect_calls  # the microphone or camera in use: a call

        if calls is None:
            signals.extend(detect_calls(platform, off=off))
        else:
            signals.extend(calls(platform))
    except Exception:
        log.warning("quiet detection failed; breaks will not wait", exc_info=True)
    if not signals:
        log.info("no busy/do-not-disturb signal known here; breaks never wait")
        return None
    quiet = AnyQuiet(signals, off)
    log.info("quiet when busy: %s", quiet.name)
    return quiet
