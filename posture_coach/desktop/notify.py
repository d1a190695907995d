"""Telling the user it is time for a break: plyer -> tray balloon -> in-app toast.

Each :class:`Notifier` tries one way and says whether it delivered;
:class:`NotifierChain` tries them in order and reports which one did.  Nothing raises
out of a notifier: failures are logged (the first in full, repeats briefly) and become
False, so the next link takes over.

plyer on Linux runs ``notify-send`` through ``subprocess.call`` (no timeout, exit code
ignored, icon dropped, ``-t 0``: never expires) or, when dbus-python is importable, a
D-Bus call that may wait 25 s.
:class:`PlyerNotifier` therefore runs plyer on a worker thread and waits at most
``wait_s`` seconds, and gives plyer's Linux backend a ``subprocess`` stand-in that
kills ``notify-send`` after that long and turns a failed exit into an exception, so a
missing notification daemon makes the chain fall back instead of swallowing the
reminder.
"""

from __future__ import annotations

import contextlib
import io
import logging
import subprocess
import sys
import threading
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from .. import APP_DISPLAY_NAME
from ..core import paths

log = logging.getLogger(__name__)

DISPLAY_S = 10  # how long a notification stays up
WAIT_S = 3.0  # the longest a notifier may keep the GUI thread waiting


class Notifier(Protocol):
    """One way of showing a notification."""

    name: str

    def notify(self, title: str, message: str) -> bool:
        """Show it; True when this backend took it."""
        ...


class _LogOnce:
    """The first failure is logged as a warning (with the traceback when unexpected),
    the following ones at debug level: a broken backend must not fill the log."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.failures = 0

    def failed(self, what: str, exc: BaseException | None = None) -> None:
        self.failures += 1
        if self.failures == 1:
            trace = exc is not None and not isinstance(
                exc, OSError | subprocess.SubprocessError | NotImplementedError)
            log.warning("%s could not notify: %s%s", self.name, what,
                        f" ({type(exc).__name__}: {exc})" if exc is not None else "",
                        exc_info=exc if trace else None)
        else:
            log.debug("%s could not notify again: %s %s", self.name, what, exc or "")


# --- plyer -------------------------------------------------------------------------

_PLYER_LINUX = "plyer.platforms.linux.notification"


class _BoundedSubprocess:
    """Stands in for the ``subprocess`` module inside plyer's Linux notification backend:
    the same, except that ``call`` and ``run`` give up after ``timeout`` seconds (killing
    the child), never read stdin, and raise when the command fails."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout

    def __getattr__(self, name: str) -> Any:
        return getattr(subprocess, name)

    def run(self, args: Sequence[str], **kwargs: Any) -> subprocess.CompletedProcess[Any]:
        kwargs.setdefault("stdin", subprocess.DEVNULL)
        kwargs.setdefault("stdout", subprocess.DEVNULL)
        kwargs.setdefault("stderr", subprocess.PIPE)
        kwargs["timeout"] = min(float(kwargs.get("timeout") or self.timeout), self.timeout)
        kwargs["check"] = True
        return subprocess.run(args, **kwargs)

    def call(self, args: Sequence[str], **kwargs: Any) -> int:
        return self.run(args, **kwargs).returncode


def _bound_plyer_subprocess(timeout: float) -> None:
    """Give plyer's Linux notification module a ``subprocess`` that cannot hang."""
    module = sys.modules.get(_PLYER_LINUX)
    if module is None:
        return
    current = getattr(module, "subprocess", None)
    if isinstance(current, _BoundedSubprocess):
        current.timeout = timeout
    else:
        module.subprocess = _BoundedSubprocess(timeout)  # type: ignore[attr-defined]


def _run_bounded(work: Callable[[], object], wait_s: float, name: str) -> None:
    """Run ``work`` on a daemon thread; re-raise what it raised, or TimeoutError when it
    is still busy after ``wait_s`` (it then finishes on its own, unobserved)."""
    outcome: list[BaseException | None] = []

    def target() -> None:
        try:
            work()
        except BaseException as exc:  # handed to the caller
            outcome.append(exc)
        else:
            outcome.append(None)

    thread = threading.Thread(target=target, name=name, daemon=True)
    thread.start()
    thread.join(wait_s)
    if not outcome:
        raise TimeoutError(f"no answer within {wait_s:g} s")
    if outcome[0] is not None:
        raise outcome[0]


class PlyerNotifier:
    """The desktop's own notifications, through plyer.

    ``icon_path``: a PNG or SVG (on Windows only an ``.ico`` is passed on, as plyer
    wants).
    ``backend``: an object with plyer's ``notify(**kwargs)`` (default:
    ``plyer.notification``), for tests.  ``wait_s`` bounds how long :meth:`notify`
    keeps the caller waiting.
    """

    name = "desktop notification (plyer)"

    def __init__(self, icon_path: str | Path | None = None, *,
                 app_name: str = APP_DISPLAY_NAME, display_s: int = DISPLAY_S,
                 wait_s: float = WAIT_S, backend: Any = None) -> None:
        self.icon = str(icon_path) if icon_path else ""
        if self.icon and sys.platform == "win32" and not self.icon.lower().endswith(".ico"):
            self.icon = ""
        self.app_name = app_name
        self.display_s = display_s
        self.wait_s = wait_s
        self._backend = backend
        self._log = _LogOnce(self.name)

    def _resolve(self) -> Any:
        """plyer's notification facade, with its platform backend chosen now (on this
        thread; its warnings and printed tracebacks go to the log, not stderr)."""
        if self._backend is not None:
            return self._backend
        printed = io.StringIO()
        with warnings.catch_warnings(record=True) as caught, \
                contextlib.redirect_stderr(printed):
            warnings.simplefilter("always")
            from plyer import notification

            chosen = getattr(notification.notify, "__self__", None)
        for warning in caught:
            log.info("plyer: %s", str(warning.message).replace("\n", " "))
        if printed.getvalue().strip():
            log.info("plyer: %s", printed.getvalue().strip())
        log.info("plyer notifications through %s", type(chosen).__name__)
        self._backend = notification
        return notification

    def _sender(self, backend: Any, title: str, message: str) -> Callable[[], object]:
        """What to run: plyer's ``notify``, except for its notify-send backend, which
        (plyer 2.1) reads ``icon`` and ``expire_time`` instead of the facade's
        ``app_icon`` and ``timeout``, so it would drop the icon and send ``-t 0``: a
        notification that never expires.  That backend gets its own keywords."""
        implementation = getattr(getattr(backend, "notify", None), "__self__", backend)
        linux = sys.modules.get(_PLYER_LINUX)
        notify_send = getattr(linux, "NotifySendNotification", None) if linux else None
        if notify_send is not None and isinstance(implementation, notify_send):
            return lambda: implementation._notify(
                title=title, message=message, app_name=self.app_name, icon=self.icon,
                expire_time=str(self.display_s * 1000))
        return lambda: backend.notify(title=title, message=message, app_name=self.app_name,
                                      app_icon=self.icon, timeout=self.display_s)

    def notify(self, title: str, message: str) -> bool:
        try:
            backend = self._resolve()
            _bound_plyer_subprocess(self.wait_s)
            send = self._sender(backend, title, message)
            # the thread waits a little longer than notify-send may take, so a slow
            # notify-send is reported as such (killed) rather than left running
            _run_bounded(send, self.wait_s + 0.5, "plyer-notify")
        except subprocess.CalledProcessError as exc:
            stderr = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) \
                else str(exc.stderr or "")
            self._log.failed(f"{exc.cmd[0] if exc.cmd else 'command'} exited with "
                             f"{exc.returncode}: {stderr.strip()}")
            return False
        except Exception as exc:
            self._log.failed("plyer failed", exc)
            return False
        return True


# --- tray balloon ------------------------------------------------------------------


class TrayNotifier:
    """A balloon from the app's tray icon, when the desktop has a tray that shows them.

    ``clicked`` is the tray's ``messageClicked`` signal.
    """

    name = "tray balloon"

    def __init__(self, tray: QSystemTrayIcon, display_s: int = DISPLAY_S) -> None:
        self.tray = tray
        self.display_s = display_s
        self.clicked = tray.messageClicked
        self._log = _LogOnce(self.name)

    def available(self) -> bool:
        return bool(QSystemTrayIcon.isSystemTrayAvailable()
                    and QSystemTrayIcon.supportsMessages() and self.tray.isVisible())

    def notify(self, title: str, message: str) -> bool:
        try:
            if not self.available():
                log.debug("no tray balloon: tray available %s, balloons %s, icon visible %s",
                          QSystemTrayIcon.isSystemTrayAvailable(),
                          QSystemTrayIcon.supportsMessages(), self.tray.isVisible())
                return False
            icon = self.tray.icon()
            ms = self.display_s * 1000
            if icon.isNull():
                self.tray.showMessage(title, message,
                                      QSystemTrayIcon.MessageIcon.Information, ms)
            else:
                self.tray.showMessage(title, message, icon, ms)
        except Exception as exc:
            self._log.failed("showMessage failed", exc)
            return False
        return True


# --- in-app toast ------------------------------------------------------------------


class Toast(Protocol):
    """The app's own small notification window, as the toast notifier uses it
    (:class:`posture_coach.ui.toast.Toast`; the app's root hands its class in)."""

    clicked: Any  # a Qt signal: the user clicked the toast

    def set_message(self, title: str, message: str) -> None: ...
    def popup(self) -> None: ...
    def close(self) -> bool: ...


ToastFactory = Callable[..., Toast]
"""Makes a toast: ``factory(timeout_s=seconds, icon=QIcon)``."""


class ToastNotifier(QObject):
    """The app's own small window, made by ``toast_factory``: works wherever Qt can
    show a window.  One toast is reused; a new message replaces the one showing.
    ``icon`` defaults to the app's icon."""

    name = "in-app toast"
    clicked = Signal()

    def __init__(self, toast_factory: ToastFactory, icon: QIcon | None = None,
                 display_s: float = DISPLAY_S, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.toast_factory = toast_factory
        self.icon = icon
        self.display_s = display_s
        self.toast: Any = None  # the Toast, made on first use
        self._log = _LogOnce(self.name)

    def notify(self, title: str, message: str) -> bool:
        try:
            if self.toast is None:
                if self.icon is None:  # the app's icon (PNGs), else its SVG
                    from PySide6.QtGui import QGuiApplication

                    self.icon = QGuiApplication.windowIcon()
                    if self.icon.isNull():
                        self.icon = QIcon(str(paths.assets_dir() / "icons" /
                                              "posture-coach.svg"))
                self.toast = self.toast_factory(timeout_s=self.display_s, icon=self.icon)
                self.toast.clicked.connect(self.clicked)
            self.toast.set_message(title, message)
            self.toast.popup()
        except Exception as exc:
            self._log.failed("the toast could not be shown", exc)
            return False
        return True

    def close(self) -> None:
        if self.toast is not None:
            self.toast.close()


# --- the chain ---------------------------------------------------------------------


class NotifierChain(QObject):
    """Tries each notifier in turn until one delivers.

    ``clicked`` fires when the user clicks a tray balloon or a toast (the app then
    opens the break); the notifiers' own ``clicked`` signals feed it.
    """

    clicked = Signal()

    def __init__(self, notifiers: Sequence[Notifier], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notifiers = tuple(notifiers)
        for notifier in self.notifiers:
            signal = getattr(notifier, "clicked", None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(self.clicked)

    def notify(self, title: str, message: str) -> str | None:
        """Show it through the first notifier that can; that notifier's name, or None."""
        for notifier in self.notifiers:
            try:
                delivered = notifier.notify(title, message)
            except Exception:
                log.warning("%s raised; trying the next notifier", notifier.name,
                            exc_info=True)
                delivered = False
            if delivered:
                log.debug("notified %r through %s", title, notifier.name)
                return notifier.name
        log.warning("no notifier could show %r (tried: %s)", title,
                    ", ".join(n.name for n in self.notifiers) or "none")
        return None


def default_chain(tray: QSystemTrayIcon | None, toast_factory: ToastFactory,
                  icon_path: str | Path | None = None, parent: QObject | None = None
                  ) -> NotifierChain:
    """The app's order: plyer, then the tray balloon (when there is a tray icon), then
    the toast (made by ``toast_factory``)."""
    notifiers: list[Notifier] = [PlyerNotifier(icon_path)]
    if tray is not None:
        notifiers.append(TrayNotifier(tray))
    notifiers.append(ToastNotifier(toast_factory))  # its icon is made when a toast first shows
    return NotifierChain(notifiers, parent)


class FakeNotifier(QObject):
    """For tests: records what it was asked to show; ``deliver`` says whether it takes it."""

    clicked = Signal()

    def __init__(self, name: str = "fake", deliver: bool = True,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.deliver = deliver
        self.sent: list[tuple[str, str]] = []

    def notify(self, title: str, message: str) -> bool:
        self.sent.append((title, message))
        return self.deliver
