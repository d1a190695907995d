"""The Settings dialog and what its changes reach: each change is saved and published on
the settings model; the parts that care subscribed to their own fields (sound, theme,
start at login and the tray's snooze lengths here; the break rotation, snooze cap,
busy-wait limit in :mod:`.breaks`; idle detection in :mod:`.watch`; the language in
:mod:`.language`).  The open dialog follows the settings model and what the desktop
lets the app watch (``watch.state``) until it is closed; nothing is pushed into it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from ..core.policy import Schedule
from ..core.settings import Settings
from ..core.settings_model import SettingsModel
from .breaks import BreakController
from .services import SoundPlayer
from .watch import DesktopWatch
from .windows import OnceWindows, WindowName

if TYPE_CHECKING:
    from ..desktop.autostart import Autostart
    from ..ui.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)

SETTINGS: WindowName[SettingsDialog] = WindowName("settings_dialog")


class SettingsController:
    def __init__(self, *, model: SettingsModel, config: Path, data: Path,
                 breaks: BreakController, windows: OnceWindows,
                 routines: Callable[[], list[tuple[str, str]]], sounds: SoundPlayer,
                 watch: DesktopWatch, autostart: Autostart | None = None):
        self.model = model
        self.config = config
        self.data = data
        self.breaks = breaks
        self.windows = windows
        self.routines = routines  # [(id, name)] of the library's routines
        self.sounds = sounds
        self.watch = watch  # what the desktop lets the app watch, said in the dialog
        self.autostart = autostart
        # the schedule to plan with (the root gives the home program's)
        self.replan_with: Callable[[], Schedule] = lambda: model.current.schedule()
        self.sync_tab: Callable[[], QWidget] | None = None  # the Sync tab; set by the root
        model.subscribe(("snooze_minutes",), lambda new, old: breaks.tray.set_snooze_minutes(
            new.snooze_minutes))
        model.subscribe(("sound", "volume"), lambda new, old: self._set_volume(new))
        model.subscribe(("theme",), lambda new, old: self.apply_theme())
        model.subscribe(("start_at_login",), lambda new, old: self.apply_autostart(
            new.start_at_login))

    def show(self) -> None:
        """The Settings dialog; each change it sends is saved and applied at once.  While
        open it follows the settings and what the desktop lets the app watch."""
        from ..ui.settings_dialog import SettingsDialog

        watch = self.watch

        def build() -> SettingsDialog:
            watch.look_for_sound_output()
            state = watch.state.current
            dialog = SettingsDialog(
                self.model.current, self.routines(), idle_monitor=state.idle_monitor,
                quiet_signal=state.busy_signals, quiet_kinds=state.busy_kinds,
                audio_output=state.audio_output, quiet_off=state.not_watched)
            dialog.follow(self.model, watch.state)  # until it is closed
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
        self.sounds.set_volume(new.volume, muted=not new.sound)

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
