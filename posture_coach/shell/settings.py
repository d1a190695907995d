"""The Settings dialog and what its changes reach: each change is saved and published on
the settings model; the parts that care subscribed to their own fields (sound, theme,
start at login, idle detection and the tray's snooze lengths here; the break rotation,
snooze cap and busy-wait limit in :mod:`.breaks`; the language in :mod:`.language`)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from ..core.settings import Settings
from ..core.settings_model import SettingsModel
from .breaks import BreakController
from .windows import OnceWindows

log = logging.getLogger(__name__)

SETTINGS = "settings_dialog"


class SettingsController:
    def __init__(self, *, model: SettingsModel, config: Path, data: Path,
                 breaks: BreakController, windows: OnceWindows, routines: Callable[[], Any],
                 sounds: Any, idle: Any, autostart: Any = None):
        self.model = model
        self.config = config
        self.data = data
        self.breaks = breaks
        self.windows = windows
        self.routines = routines  # [(id, name)] of the library's routines
        self.sounds = sounds
        self.configured_idle = idle  # the idle monitor the app was given (None: detect)
        self.autostart = autostart
        self.replan_with: Callable[[], Any] = lambda: None  # the schedule; set by the root
        self.sync_tab: Callable[[], Any] | None = None  # the Sync tab's widget; set by the root
        model.subscribe(("snooze_minutes",), lambda new, old: breaks.tray.set_snooze_minutes(
            new.snooze_minutes))
        model.subscribe(("sound", "volume"), lambda new, old: self._set_volume(new))
        model.subscribe(("theme",), lambda new, old: self.apply_theme())
        model.subscribe(("start_at_login",), lambda new, old: self.apply_autostart(
            new.start_at_login))
        model.subscribe(("idle_detection",), lambda new, old: self._idle_changed(new))

    def show(self) -> None:
        """The Settings dialog; each change it sends is saved and applied at once."""
        from ..ui.settings_dialog import SettingsDialog

        breaks = self.breaks

        def build() -> Any:
            dialog = SettingsDialog(
                self.model.current, self.routines(),
                idle_monitor=getattr(breaks.idle, "name", None)
                if breaks.idle != "auto" else None,
                quiet_signal=getattr(breaks.quiet, "name", None)
                if breaks.quiet != "auto" else None,
                quiet_kinds=getattr(breaks.quiet, "kinds", ())
                if breaks.quiet != "auto" else (),
                audio_output=getattr(self.sounds, "has_output", lambda: None)(),
                quiet_off=list(getattr(breaks.quiet, "off", []))
                if breaks.quiet != "auto" else [])
            dialog.changed.connect(self.apply)
            if self.sync_tab is not None:
                dialog.tabs.addTab(self.sync_tab(), QCoreApplication.translate(
                    "SettingsDialog", "S&ync"))
            return dialog
        self.windows.show(SETTINGS, build)

    def apply(self, new: Settings) -> None:
        """Save ``new``, tell whoever subscribed to what changed, and plan again."""
        from ..core.settings import save_settings

        try:
            save_settings(self.config, new)
        except OSError as exc:
            log.error("cannot save the settings: %s", exc)
            self.breaks.notifier.notify(
                QCoreApplication.translate("PostureCoachApp", "Posture Coach could not save "
                                           "the settings"),
                QCoreApplication.translate("PostureCoachApp", "{error}. They apply until "
                                           "the app quits.").format(error=exc))
        self.model.set(new)
        self.breaks.apply(self.breaks.coach.set_schedule(self.replan_with()))

    def _set_volume(self, new: Settings) -> None:
        set_volume = getattr(self.sounds, "set_volume", None)
        if callable(set_volume):
            set_volume(new.volume, muted=not new.sound)

    def apply_theme(self) -> None:
        from ..ui.theme import apply_theme

        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.model.current.theme)

    def apply_autostart(self, enabled: bool) -> None:
        from ..desktop.autostart import AutostartError, for_platform, launch_command

        if self.autostart is None:
            self.autostart = for_platform()
        autostart = self.autostart
        try:
            if enabled:
                autostart.enable(launch_command(self.config, self.data))
            else:
                autostart.disable()
            log.info("start at login %s (%s)", "on" if enabled else "off", autostart.name)
        except AutostartError as exc:
            log.error("start at login: %s", exc)
            self.breaks.notifier.notify(
                QCoreApplication.translate("PostureCoachApp",
                                           "Start at login could not be changed"), str(exc))

    def _idle_changed(self, new: Settings) -> None:
        breaks = self.breaks
        if not new.idle_detection:
            close = getattr(breaks.idle, "close", None)
            if callable(close):
                close()
            breaks.idle = None
            breaks.coach.away_since = None
        elif breaks.idle is None:
            from ..desktop.idle import detect_idle_monitor

            given = self.configured_idle
            breaks.idle = given if given not in (None, "auto") else detect_idle_monitor()
        dialog = self.windows.get(SETTINGS)
        if dialog is not None:
            dialog.set_idle_monitor(getattr(breaks.idle, "name", None))
