"""Start the tray app quickly: the tray icon first, everything else right after.

A person sees the icon appear while the library, the journal and the scheduler
are still being set up (a few tenths of a second on a slow machine); only this
module's light imports stand between the command and the icon.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from .. import APP_DISPLAY_NAME, APP_NAME, __version__
from ..core import paths
from ..core.commands import CommandError, NotRunning
from ..desktop.channel.client import send_command

if TYPE_CHECKING:
    import socket

    from PySide6.QtCore import QSocketNotifier

log = logging.getLogger(__name__)


def lighten_pyside_import_check() -> bool:
    """Keep PySide6 from holding the source of every module the app imports.

    After PySide6 is imported, its feature switch (``shibokensupport.feature``) asks of
    each newly imported module whether it uses PySide6: it reads the module's source
    with ``inspect.getsource``, which leaves every line in ``linecache`` for good.  For
    the standard library and our own modules that is about 8 MB of a tray app's memory
    (measured with tracemalloc; ``tests/bench/memory_breakdown.py``).  The same check,
    the text "PySide6" in the module's file, is made here by reading the file without
    keeping it.  If this PySide6 is built differently, nothing is changed (False).
    """
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False

    def mod_uses_pyside(module: object) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return False  # what inspect.getsource answers for compiled and built-in modules
        try:
            with open(path, "rb") as fh:
                return b"PySide6" in fh.read()
        except OSError:
            return False

    feature._mod_uses_pyside = mod_uses_pyside  # type: ignore[attr-defined]
    return True


def route_qt_messages() -> None:
    """Qt's own messages (qt.multimedia, PulseAudio) to the log, once each, not stderr."""
    from ..ui.qt_messages import route_qt_messages as route

    route()


def quit_on_signals(quit_app: Callable[[], None]
                    ) -> tuple[socket.socket, socket.socket, QSocketNotifier] | None:
    """SIGTERM (logout, shutdown, ``kill``), SIGINT and SIGHUP quit the app cleanly, as
    the Quit entry does: a break on screen is recorded, the journal closed, the command
    socket removed.  Python runs signal handlers only when it has control, which it
    rarely has inside Qt's event loop; the signal's byte on a socket pair
    (``signal.set_wakeup_fd``) wakes a QSocketNotifier instead.  POSIX only; returns
    what must be kept alive (None elsewhere)."""
    if sys.platform.startswith("win"):  # pragma: no cover - Windows ends apps its own way
        return None
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    for sock in (reader, writer):
        sock.setblocking(False)
    signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, lambda *_args: None)  # the wakeup byte does the work
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)

    def woken() -> None:
        try:
            received = reader.recv(64)
        except BlockingIOError:
            return
        names = ", ".join(signal.Signals(b).name for b in received
                          if b in signal.Signals._value2member_map_)
        log.info("quitting on %s", names or "a signal")
        quit_app()

    notifier.activated.connect(woken)
    return (reader, writer, notifier)


def running_copy_shown(data: Path) -> bool:
    """Whether a copy of the app already runs (it was asked to show itself)."""
    try:
        send_command(data, {"cmd": "show"}, timeout=2.0)
    except NotRunning:
        return False
    except CommandError as exc:
        log.warning("a running copy did not answer properly: %s", exc)
        return False
    return True


def run(config: Path, data: Path, language: str | None = None) -> int:
    """Start the tray app, or hand over to the copy that is already running."""
    if running_copy_shown(data):
        print("posture-coach is already running; use `posture-coach status` to see it.")
        return 0

    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    lighten_pyside_import_check()
    route_qt_messages()

    def log_unexpected(kind: type[BaseException], value: BaseException,
                       tb: TracebackType | None) -> None:
        log.critical("unexpected error", exc_info=(kind, value, tb))

    sys.excepthook = log_unexpected  # an error in a slot is logged, never printed at the user
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)
    from .file_open import watch_file_open

    file_open = watch_file_open(app)  # macOS's double-clicked files, held until app is ready
    from ..ui.i18n import install_translator, language_override

    override = language_override(language)  # else the language setting (start_app)
    log.info("language: %s", install_translator(app, override or "system"))
    from ..desktop.channel.server import InstanceError, InstanceServer

    # Take the single-instance lock and listen before anything shows: a command sent
    # while the rest starts is told to wait a moment, not that nothing runs.
    server = InstanceServer(data)
    try:
        if not server.start():
            print("posture-coach is already running.")
            return 0
    except InstanceError as exc:
        log.error("cannot open the command channel: %s", exc)  # run without it
    icons = paths.assets_dir() / "icons"
    from ..ui.tray import app_icon
    from ..ui.tray import tray_icon as make_tray_icon

    app.setWindowIcon(app_icon(icons))
    tray_icon = None
    from ..desktop.tray_watch import tray_available  # a silent tray host does not block

    if tray_available()[0]:
        tray_icon = QSystemTrayIcon(make_tray_icon(icons, "running"))
        tray_icon.setToolTip(app.translate("Launcher", "{app}: starting…").format(
            app=APP_DISPLAY_NAME))
        tray_icon.show()
        app.processEvents()  # put the icon on the screen before the heavier set-up

    from ..core.clock import SystemClock
    from ..core.yaml import ParseCache
    from .app import start_app

    cache = ParseCache(data / "cache" / "yaml")  # parsed files; PyYAML only on change
    started = start_app(app, config, data, SystemClock(), tray_icon, server, language=override,
                        parse_cache=cache)
    if isinstance(started, int):  # could not start (the user was told why)
        if tray_icon is not None:
            tray_icon.hide()
        server.stop()
        return started
    if file_open is not None:
        file_open.deliver_to(started.preview_import)
    _keep = quit_on_signals(started.quit)
    code = app.exec()
    # Everything is saved by now (the journal is closed on quit). Leave without the
    # interpreter's teardown: PySide6 can crash while the garbage collector frees Qt
    # objects at exit ("deallocating None"), which would turn a clean quit into an abort.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
