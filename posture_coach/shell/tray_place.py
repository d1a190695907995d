"""Where the app lives: the system tray when there is one, else its own window.

Autostart at login races the panel, and panels crash: a :class:`TrayWatch` (desktop/)
hears a tray appear or go away, and this moves the app between the tray and its window
with the same menu and status. A break on screen is untouched."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QSystemTrayIcon

if TYPE_CHECKING:
    from ..desktop.tray_watch import TrayWatch
    from ..ui.tray import TrayController

log = logging.getLogger(__name__)


def watch_tray(use_tray: bool | None, tray_icon: QSystemTrayIcon | None
               ) -> tuple[TrayWatch | None, bool]:
    """Whether to start in the tray, and what hears a tray that comes late or goes away
    (None when the services fixed the place: tests)."""
    if use_tray is not None:
        return None, use_tray
    from ..desktop.tray_watch import TrayWatch

    watch = TrayWatch()
    return watch, tray_icon is not None or watch.available


class TrayPlacement:
    def __init__(self, tray: TrayController, watch: TrayWatch | None,
                 refresh: Callable[[], None]):
        self.tray = tray
        self.watch = watch  # desktop.tray_watch.TrayWatch, or None when tests fix the place
        self._refresh = refresh
        if watch is not None:
            watch.changed.connect(self.changed)

    def changed(self, available: bool) -> None:
        """A tray appeared (move into it) or went away (back to the window)."""
        if self.tray.place(available):
            log.info("now shown in %s", "the system tray" if available else "its window")
            self._refresh()

    def shown_in(self) -> str:
        """Where the app lives, for `status`: the tray, or its window and why."""
        if self.tray.in_tray:
            return "system tray"
        reason = getattr(self.watch, "reason", "")
        return f"window ({reason})" if reason else "window"

    def show_main(self) -> None:
        self.tray.show()
        if self.tray.window is not None and not self.tray.in_tray:
            self.tray.window.raise_()

    def close(self) -> None:
        if self.watch is not None:
            self.watch.close()
