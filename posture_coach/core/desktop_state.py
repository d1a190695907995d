"""What the desktop lets the app watch, as the Settings dialog and ``status`` say it:
the idle monitor in use, the busy signals, what cannot be watched here, whether there
is a sound output.  It changes while the app runs (the idle monitor found at start,
turned off with idle detection or when it fails; a busy signal that fails), so who
shows it subscribes (:class:`~.field_model.FieldModel`), as for the settings.  Plain
names only: the monitors themselves live in ``desktop/`` and the shell publishes here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .field_model import FieldModel


@dataclass(frozen=True)
class DesktopState:
    idle_monitor: str | None = None  # its technical name; None: none (or not found yet)
    busy_signals: str | None = None  # the busy signals' technical names; None: none
    busy_kinds: tuple[str, ...] = ()  # what they tell: fullscreen, do-not-disturb, ...
    not_watched: tuple[str, ...] = ()  # signals that cannot work here (no sound server)
    audio_output: bool | None = None  # False: no sound device found; None: not known


class DesktopStateModel(FieldModel[DesktopState]):
    what = "desktop state"
