"""What the desktop lets the app watch: the idle monitor (time away counts as a break)
and the busy signals (a due break waits), found at start where the services said
"auto", switched with the ``idle_detection`` setting, dropped when one fails.  Each
change is published on :attr:`DesktopWatch.state` (a
:class:`~posture_coach.core.desktop_state.DesktopStateModel`), which the open Settings
dialog follows and ``status`` reads; nobody pushes it into a window."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Literal

from ..core.coach import Coach
from ..core.desktop_state import DesktopState, DesktopStateModel
from ..core.settings import Settings
from ..core.settings_model import SettingsModel
from .services import SoundPlayer

if TYPE_CHECKING:
    from ..desktop.idle_base import IdleMonitor
    from ..desktop.quiet import QuietSignal

log = logging.getLogger(__name__)

Auto = Literal["auto"]  # what the services say for "detect it at start"


class DesktopWatch:
    def __init__(self, *, model: SettingsModel, coach: Coach, sounds: SoundPlayer,
                 idle: IdleMonitor | Auto | None = None,
                 quiet: QuietSignal | Auto | None = None):
        self.coach = coach
        self.sounds = sounds
        self.state = DesktopStateModel(DesktopState())
        self.given_idle = idle  # the idle monitor the app was given ("auto": detect)
        self._idle: IdleMonitor | Auto | None = None
        self._quiet: QuietSignal | Auto | None = None
        self.idle, self.quiet = idle, quiet
        model.subscribe(("idle_detection",), lambda new, old: self._idle_detection(new))

    @property
    def idle(self) -> IdleMonitor | Auto | None:
        """What reads idle time (None: off; "auto" until :meth:`find`)."""
        return self._idle

    @idle.setter
    def idle(self, monitor: IdleMonitor | Auto | None) -> None:
        self._idle = monitor
        name = None if monitor is None or isinstance(monitor, str) else \
            getattr(monitor, "name", None)
        self.state.set(replace(self.state.current, idle_monitor=name))

    @property
    def quiet(self) -> QuietSignal | Auto | None:
        """What says the user is busy (None: nothing; "auto" until :meth:`find`)."""
        return self._quiet

    @quiet.setter
    def quiet(self, signal: QuietSignal | Auto | None) -> None:
        self._quiet = signal
        state = replace(self.state.current, busy_signals=None, busy_kinds=(),
                        not_watched=())
        if signal is not None and not isinstance(signal, str):
            # kinds and off: only some signals say them (AnyQuiet, FakeQuiet)
            state = replace(state, busy_signals=getattr(signal, "name", None),
                            busy_kinds=tuple(getattr(signal, "kinds", ())),
                            not_watched=tuple(getattr(signal, "off", ())))
        self.state.set(state)

    def monitor(self) -> IdleMonitor | None:
        """The idle monitor to ask now, or None."""
        return None if isinstance(self.idle, str) else self.idle

    def busy_signal(self) -> QuietSignal | None:
        """The busy signals to ask now, or None."""
        return None if isinstance(self.quiet, str) else self.quiet

    def find(self, idle_detection: bool) -> None:
        """The desktop's idle monitor and busy signals, where the services said "auto"."""
        if self.idle == "auto":
            from ..desktop.idle import detect_idle_monitor

            self.idle = detect_idle_monitor() if idle_detection else None
        log.info("idle detection: %s", getattr(self.idle, "name", "off"))
        if self.quiet == "auto":
            from ..desktop.quiet import detect_quiet

            self.quiet = detect_quiet()

    def look_for_sound_output(self) -> None:
        """Ask whether there is a sound device (it loads QtMultimedia: asked when the
        Settings dialog opens, not at start)."""
        self.state.set(replace(self.state.current, audio_output=self.sounds.has_output()))

    def status(self) -> dict[str, object]:
        """For ``status``: the idle monitor, the busy signals and those not watched here."""
        state = self.state.current
        return {"idle_detection": state.idle_monitor, "busy_signals": state.busy_signals,
                "busy_kinds": list(state.busy_kinds), "not_watched": list(state.not_watched)}

    def close(self) -> None:
        """Release the idle monitor (a display connection); a fake may have nothing to
        release (no ``close``)."""
        close = getattr(self.monitor(), "close", None)
        if callable(close):
            close()

    def _idle_detection(self, new: Settings) -> None:
        """Idle detection turned off (the monitor closed, time away forgotten) or on
        (the monitor the app was given, else the desktop's)."""
        if not new.idle_detection:
            self.close()
            self.idle = None
            self.coach.away_since = None
        elif self.idle is None:
            from ..desktop.idle import detect_idle_monitor

            given = self.given_idle
            self.idle = given if given is not None and not isinstance(given, str) \
                else detect_idle_monitor()
