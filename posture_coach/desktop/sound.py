"""Soft sounds at step changes and at the end of a break or an ice/heat session.

QSoundEffect (QtMultimedia) plays short WAV files with low latency.  The effects
are made on first use, so a user who mutes sound never loads QtMultimedia, and a
machine without an audio device stays silent: nothing here raises.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)

SOUNDS = ("step", "end")


class Player(Protocol):
    def play(self, name: str) -> None: ...


class Sounds:
    """``play("step")`` / ``play("end")`` at ``volume`` (0–100), unless muted."""

    def __init__(self, folder: Path, *, volume: int = 60, muted: bool = False):
        self.folder = folder
        self.volume = max(0, min(100, volume))
        self.muted = muted
        self._effects: dict[str, Any] = {}
        self._broken = False

    def set_volume(self, volume: int, muted: bool) -> None:
        self.volume = max(0, min(100, volume))
        self.muted = muted
        for effect in self._effects.values():
            effect.setVolume(self.volume / 100)

    def has_output(self) -> bool | None:
        """Whether this computer has a sound output device (None: cannot tell)."""
        try:
            from PySide6.QtMultimedia import QMediaDevices

            return bool(QMediaDevices.audioOutputs())
        except Exception:
            log.info("cannot tell whether there is a sound device", exc_info=True)
            return None

    def play(self, name: str) -> None:
        if self.muted or self.volume == 0 or self._broken or name not in SOUNDS:
            return
        try:
            effect = self._effects.get(name)
            if effect is None:
                from PySide6.QtCore import QUrl
                from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

                if not QMediaDevices.audioOutputs():
                    log.info("no audio output device; sounds stay off")
                    self._broken = True
                    return

                effect = QSoundEffect()
                effect.setSource(QUrl.fromLocalFile(str(self.folder / f"{name}.wav")))
                effect.setVolume(self.volume / 100)
                self._effects[name] = effect
            effect.play()
        except Exception:  # no QtMultimedia, no audio device: silence, not an error
            log.warning("sound is unavailable; continuing silently", exc_info=True)
            self._broken = True


class SilentSounds:
    """For tests and for machines where sound is off: remembers what it was asked."""

    def __init__(self) -> None:
        self.played: list[str] = []
        self.volume, self.muted = 60, False

    def play(self, name: str) -> None:
        self.played.append(name)

    def set_volume(self, volume: int, muted: bool) -> None:
        self.volume, self.muted = volume, muted

    def has_output(self) -> bool | None:
        return None  # not known: nothing is said about a sound device
