"""What every idle monitor is: the protocol the app asks, and the shared base of the real
monitors (a query that may fail becomes None, logged once). Its own module so the
monitors in other modules (wayland_idle.py) share it without an import circle."""

from __future__ import annotations

import logging
import math
import subprocess
from typing import Protocol

log = logging.getLogger("posture_coach.desktop.idle")


class IdleMonitor(Protocol):
    """Answers how long the user has not touched keyboard or mouse."""

    name: str

    def idle_seconds(self) -> float | None:
        """Seconds since the last input, or None when it cannot be known right now."""
        ...

    def close(self) -> None:
        """Release what the monitor holds (a display connection); safe to call twice."""
        ...


class _Monitor:
    """Shared by the real monitors: a query that may fail becomes None, logged once."""

    name = "idle monitor"

    def __init__(self) -> None:
        self._failures = 0
        self._answered = False

    def _query(self) -> float | None:
        raise NotImplementedError

    def idle_seconds(self) -> float | None:
        try:
            value = self._query()
        except Exception as exc:
            self._failures += 1
            # An OS or D-Bus refusal is expected on some desktops: one line.  Anything
            # else is a bug here: its traceback goes to the log file.
            trace = not isinstance(exc, OSError | subprocess.SubprocessError)
            if self._failures > 1:
                log.debug("idle time from %s failed again: %s", self.name, exc)
            elif self._answered:
                log.warning("idle time from %s stopped working: %s", self.name, exc,
                            exc_info=trace)
            else:
                log.info("idle time from %s is not available: %s", self.name, exc,
                         exc_info=trace)
            return None
        if value is None or not math.isfinite(value) or value < 0:
            return None
        self._answered = True
        return float(value)

    def close(self) -> None:
        pass

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"
