"""What the app is built from: folders, the clock and the time zone, and the desktop
services, each replaceable (tests hand in fakes)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from ..core import paths
from ..core.clock import Clock
from ..core.yaml import ParseCache

if TYPE_CHECKING:  # the desktop's interfaces, for the types only (nothing loaded at start)
    from ..desktop.autostart import Autostart
    from ..desktop.idle_base import IdleMonitor
    from ..desktop.notify import Notifier, NotifierChain, Toast
    from ..desktop.quiet import QuietSignal


class SoundPlayer(Protocol):
    """The sounds at steps and ends (desktop.sound.Sounds; SilentSounds in tests)."""

    def play(self, name: str) -> None: ...
    def set_volume(self, volume: int, muted: bool) -> None: ...
    def has_output(self) -> bool | None: ...


@dataclass
class Services:
    """What the app is built from; tests replace any of it."""

    config: Path
    data: Path
    clock: Clock
    tz: tzinfo
    idle: IdleMonitor | Literal["auto"] | None = None  # "auto": detect at start
    notifiers: Sequence[Notifier] | None = None  # None for the default chain
    use_tray: bool | None = None
    run_jobs: bool = True  # False: jobs are planned but never fire (tests with a fake clock)
    sounds: SoundPlayer | None = None  # None for the real desktop.sound.Sounds
    quiet: QuietSignal | Literal["auto"] | None = None  # "auto": detect at start
    autostart: Autostart | None = None  # None for this OS's own
    parse_cache: ParseCache | None = None  # parsed copies of files read (None: parse each)

    # ------------------------------------------------------------------ the real ones
    def make_sounds(self, volume: int, muted: bool) -> SoundPlayer:
        """The sounds given, else the real ones (QtMultimedia only when one first plays)."""
        if self.sounds is not None:
            return self.sounds
        from ..desktop.sound import Sounds

        return Sounds(paths.assets_dir() / "sounds", volume=volume, muted=muted)

    def make_notifier(self, tray_icon: QSystemTrayIcon | None) -> NotifierChain:
        """The notifiers given, else the app's chain: plyer, the tray balloon, the toast."""
        from ..desktop.notify import NotifierChain, default_chain

        if self.notifiers is not None:
            return NotifierChain(list(self.notifiers))
        return default_chain(tray_icon, _toast,
                             paths.assets_dir() / "icons" / "posture-coach.svg")


def _toast(*, timeout_s: int, icon: QIcon) -> Toast:
    """The in-app toast, its module loaded only when a toast is first needed."""
    from ..ui.toast import Toast

    return Toast(timeout_s=timeout_s, icon=icon)
