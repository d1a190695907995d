"""Whether the desktop has a system tray now, and a signal when that changes.

Autostart at login races the panel: the app may start before the tray exists, and a
panel can crash and come back.  Two kinds of tray, two ways of hearing about them,
neither of which polls:

* StatusNotifierItem (GNOME's AppIndicator extension, KDE Plasma, waybar): the tray is
  the ``org.kde.StatusNotifierWatcher`` name on the session bus.  A
  ``QDBusServiceWatcher`` hears its owner change.
* XEmbed (X11 panels such as tint2, xfce4-panel): the tray is the owner of the
  ``_NET_SYSTEM_TRAY_S<screen>`` selection.  A new owner announces itself with a
  ``MANAGER`` client message on the root window; an owner that goes away destroys its
  window.  :class:`XEmbedWatch` listens for both on an X connection of its own (libX11
  through ctypes), woken by a ``QSocketNotifier``.

After any such event the answer is read again a few times over the next 4 s (a watcher
name appears a moment before its host registers; a panel maps its tray a moment after
taking the selection), so :attr:`TrayWatch.changed` fires within 5 s of the change and
never while nothing happens.

A watcher that owns its name but never answers would block Qt's own check
(``QSystemTrayIcon.isSystemTrayAvailable`` asks it without a time limit of ours): the
watcher is asked first here, with a 2 s limit, and a silent one counts as no tray.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

log = logging.getLogger(__name__)

WATCHER = "org.kde.StatusNotifierWatcher"
WATCHER_PATH = "/StatusNotifierWatcher"
ANSWER_MS = 2000
SETTLE_MS = (300, 1000, 2000, 4000)

# Why the app lives in its window, for `status` and Settings (plain words).
NO_TRAY = "no system tray was found"
SILENT_WATCHER = "the system tray (StatusNotifierWatcher) does not answer"


def sni_state(bus: Any = None, timeout_ms: int = ANSWER_MS) -> str:
    """The StatusNotifierItem tray on the session bus: "ok" (a watcher with a host),
    "none" (no watcher, no host or no bus) or "silent" (a watcher that does not answer
    within ``timeout_ms``)."""
    try:
        from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage

        bus = bus if bus is not None else QDBusConnection.sessionBus()
        if not bus.isConnected():
            return "none"
        iface = bus.interface()
        if iface is None or not iface.isServiceRegistered(WATCHER).value():
            return "none"
        call = QDBusMessage.createMethodCall(WATCHER, WATCHER_PATH,
                                             "org.freedesktop.DBus.Properties", "Get")
        call.setArguments([WATCHER, "IsStatusNotifierHostRegistered"])
        reply = bus.call(call, QDBus.CallMode.Block, timeout_ms)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage:
            name = reply.errorName()
            if name in ("org.freedesktop.DBus.Error.NoReply",
                        "org.freedesktop.DBus.Error.Timeout"):
                return "silent"
            log.info("tray watcher: %s: %s", name, reply.errorMessage())
            return "none"
        args = reply.arguments()
        value = args[0] if args else False
        value = getattr(value, "variant", lambda: value)()  # a QDBusVariant, or the value
        return "ok" if value is True else "none"
    except Exception:
        log.warning("asking for the StatusNotifierWatcher failed", exc_info=True)
        return "none"


_silent_until = 0.0  # monotonic time until which a silent watcher is not asked again


def tray_available() -> tuple[bool, str]:
    """Whether a system tray is there now, and why not ("" when it is): the watcher is
    asked first with a time limit, then Qt.  A watcher found silent is not asked again
    for 30 s (the launcher and the app both ask as they start)."""
    global _silent_until
    import time

    if time.monotonic() < _silent_until:
        return False, SILENT_WATCHER
    if sni_state() == "silent":
        _silent_until = time.monotonic() + 30
        return False, SILENT_WATCHER
    from PySide6.QtWidgets import QSystemTrayIcon

    if QSystemTrayIcon.isSystemTrayAvailable():
        return True, ""
    return False, NO_TRAY


class _XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("pad", ctypes.c_long * 24)]


class XEmbedWatch:
    """Calls ``poke`` when an XEmbed tray appears or goes away on ``display``.

    Holds one X connection; :meth:`close` releases it.  Does nothing (``ok`` False)
    where libX11 or the display is missing."""

    STRUCTURE_NOTIFY = 1 << 17

    def __init__(self, poke: Callable[[], None], display: str | None = None) -> None:
        self._poke = poke
        self._dpy: int | None = None
        self._owner = 0
        self._notifier: QSocketNotifier | None = None
        self.ok = False
        try:
            self._open(display)
            self.ok = True
        except Exception as exc:
            log.info("XEmbed tray watch unavailable on %s: %s", display, exc)
            self.close()

    def _open(self, display: str | None) -> None:
        from .idle import _load_library

        x: Any = _load_library("X11", "libX11.so.6")
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultScreen.argtypes = [ctypes.c_void_p]
        x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        x.XInternAtom.restype = ctypes.c_ulong
        x.XGetSelectionOwner.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        x.XGetSelectionOwner.restype = ctypes.c_ulong
        x.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        x.XConnectionNumber.argtypes = [ctypes.c_void_p]
        x.XPending.argtypes = [ctypes.c_void_p]
        x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(_XEvent)]
        x.XFlush.argtypes = [ctypes.c_void_p]
        x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self._x = x
        dpy = x.XOpenDisplay(display.encode() if display else None)
        if not dpy:
            raise OSError(f"cannot open X display {display or os.environ.get('DISPLAY')!r}")
        self._dpy = dpy
        # the idle monitor's handlers keep a lost X server from ending the app
        from . import idle

        idle._install_io_error_handlers(x)
        screen = x.XDefaultScreen(dpy)
        self._selection = x.XInternAtom(dpy, f"_NET_SYSTEM_TRAY_S{screen}".encode(), 0)
        self._root = x.XDefaultRootWindow(dpy)
        x.XSelectInput(dpy, self._root, self.STRUCTURE_NOTIFY)
        self._follow_owner()
        self._notifier = QSocketNotifier(x.XConnectionNumber(dpy), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._events)

    def _follow_owner(self) -> None:
        """Listen for the current owner's window going away."""
        assert self._dpy is not None
        owner = int(self._x.XGetSelectionOwner(self._dpy, self._selection))
        if owner and owner != self._owner:
            self._x.XSelectInput(self._dpy, owner, self.STRUCTURE_NOTIFY)
        self._owner = owner
        self._x.XSync(self._dpy, 0)

    def owner(self) -> int:
        """The tray's window (0: none)."""
        if self._dpy is None:
            return 0
        return int(self._x.XGetSelectionOwner(self._dpy, self._selection))

    def _events(self) -> None:
        if self._dpy is None:
            return
        event = _XEvent()
        seen = 0
        try:
            while self._x.XPending(self._dpy):
                self._x.XNextEvent(self._dpy, ctypes.byref(event))
                seen += 1
            if seen:
                self._follow_owner()
        except Exception:
            log.warning("XEmbed tray watch failed; it stops", exc_info=True)
            self.close()
            return
        if seen:
            self._poke()

    def close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._dpy is not None:
            try:
                self._x.XCloseDisplay(self._dpy)
            except Exception as exc:
                log.debug("closing the tray watch's display: %s", exc)
            self._dpy = None


class TrayWatch(QObject):
    """Whether a system tray is there now (:attr:`available`), and :attr:`changed`
    (True: a tray appeared; False: it went away) within 5 s of a change.

    ``check`` answers the question (default: the watcher asked with a time limit, then
    Qt's own ``QSystemTrayIcon.isSystemTrayAvailable``); ``watch_sni`` / ``watch_x11``
    turn the two listeners off (tests, or a session without them)."""

    changed = Signal(bool)

    def __init__(self, check: Callable[[], bool] | None = None, *, watch_sni: bool = True,
                 watch_x11: bool | None = None, settle_ms: Sequence[int] = SETTLE_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reason = ""
        self._check = check or self._default_check
        self._settle = list(settle_ms)
        self._timers: list[QTimer] = []
        self._sni_watcher: Any = None
        self._x11: XEmbedWatch | None = None
        self.available = self._ask()
        if watch_sni:
            self._watch_sni()
        if watch_x11 is None:
            watch_x11 = bool(os.environ.get("DISPLAY")) and not os.environ.get(
                "WAYLAND_DISPLAY")
        if watch_x11:
            x11 = XEmbedWatch(self.poke, os.environ.get("DISPLAY"))
            self._x11 = x11 if x11.ok else None

    def _default_check(self) -> bool:
        available, self.reason = tray_available()
        return available

    def _ask(self) -> bool:
        self.reason = ""
        try:
            available = bool(self._check())
        except Exception:
            log.warning("checking for a system tray failed; taken as none", exc_info=True)
            available = False
        if not available and not self.reason:
            self.reason = NO_TRAY
        if available:
            self.reason = ""
        return available

    def _watch_sni(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusServiceWatcher

            bus = QDBusConnection.sessionBus()
            if not bus.isConnected():
                return
            watcher = QDBusServiceWatcher(WATCHER, bus,
                                          QDBusServiceWatcher.WatchModeFlag.WatchForOwnerChange,
                                          self)
            watcher.serviceOwnerChanged.connect(lambda *_: self.poke())
            self._sni_watcher = watcher
        except Exception:
            log.warning("cannot watch for a StatusNotifierItem tray", exc_info=True)

    def poke(self) -> None:
        """Something changed (or may have): read the answer again over the next 4 s."""
        for timer in self._timers:
            timer.stop()
            timer.deleteLater()
        self._timers = []
        for ms in self._settle:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(self.recheck)
            timer.start(ms)
            self._timers.append(timer)

    def recheck(self) -> None:
        global _silent_until
        _silent_until = 0.0  # something changed: ask the watcher again
        available = self._ask()
        if available != self.available:
            self.available = available
            log.info("system tray %s", "found" if available else f"gone: {self.reason}")
            self.changed.emit(available)

    def close(self) -> None:
        for timer in self._timers:
            timer.stop()
        self._timers = []
        if self._x11 is not None:
            self._x11.close()
            self._x11 = None
        self._sni_watcher = None
