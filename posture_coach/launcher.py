"""Start the tray app quickly: the tray icon first, everything else right after.

A person sees the icon appear while the library, the journal and the scheduler
are still being set up (a few tenths of a second on a slow machine); only this
module's light imports stand between the command and the icon.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from . import APP_DISPLAY_NAME, APP_NAME, __version__
from .core import paths
from .core.commands import CommandError, NotRunning, send_command

log = logging.getLogger(__name__)


def run(config: Path, data: Path, language: str | None = None) -> int:
    """Start the tray app, or hand over to the copy that is already running."""
    try:
        reply = send_command(data, {"cmd": "show"}, timeout=2.0)
    except NotRunning:
        reply = None
    except CommandError as exc:
        log.warning("a running copy did not answer properly: %s", exc)
        reply = None
    if reply is not None:
        print("posture-coach is already running; use `posture-coach status` to see it.")
        return 0

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    def log_unexpected(kind: type[BaseException], value: BaseException, tb: Any) -> None:
        log.critical("unexpected error", exc_info=(kind, value, tb))

    sys.excepthook = log_unexpected  # an error in a slot is logged, never printed at the user
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)
    from .ui.i18n import install_translator, language_override

    override = language_override(language)  # else the language setting (start_app)
    log.info("language: %s", install_translator(app, override or "system"))
    from .desktop.instance import InstanceError, InstanceServer

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
    app.setWindowIcon(QIcon(str(icons / "posture-coach.svg")))
    tray_icon = None
    if QSystemTrayIcon.isSystemTrayAvailable():
        tray_icon = QSystemTrayIcon(QIcon(str(icons / "tray-running.svg")))
        tray_icon.setToolTip(app.translate("Launcher", "{app}: starting…").format(
            app=APP_DISPLAY_NAME))
        tray_icon.show()
        app.processEvents()  # put the icon on the screen before the heavier set-up

    from .app import start_app
    from .core.clock import SystemClock

    started = start_app(app, config, data, SystemClock(), tray_icon, server, language=override)
    if isinstance(started, int):  # could not start (the user was told why)
        if tray_icon is not None:
            tray_icon.hide()
        server.stop()
        return started
    code = app.exec()
    # Everything is saved by now (the journal is closed on quit). Leave without the
    # interpreter's teardown: PySide6 can crash while the garbage collector frees Qt
    # objects at exit ("deallocating None"), which would turn a clean quit into an abort.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
