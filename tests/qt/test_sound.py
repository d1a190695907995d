"""Sounds: muted or zero volume plays nothing; no audio device means silence, no error."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from posture_coach.core import paths
from posture_coach.desktop.sound import SOUNDS, SilentSounds, Sounds


def test_sound_files_exist_and_are_short_soft_wavs() -> None:
    import wave

    for name in SOUNDS:
        path = paths.assets_dir() / "sounds" / f"{name}.wav"
        with wave.open(str(path)) as w:
            seconds = w.getnframes() / w.getframerate()
            assert w.getnchannels() == 1 and w.getsampwidth() == 2
            assert 0.1 < seconds < 2.0


def test_muted_and_zero_volume_load_nothing(qtbot: QtBot) -> None:
    sounds = Sounds(paths.assets_dir() / "sounds", muted=True)
    sounds.play("step")
    assert sounds._effects == {}
    sounds.set_volume(0, muted=False)
    sounds.play("end")
    assert sounds._effects == {}


@pytest.mark.qt_log_ignore("PulseAudioService", "qt.multimedia", "pipewire", extend=True)
def test_no_audio_device_is_silence(qtbot: QtBot, caplog: pytest.LogCaptureFixture,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6 import QtMultimedia

    monkeypatch.setattr(QtMultimedia.QMediaDevices, "audioOutputs", staticmethod(lambda: []))
    sounds = Sounds(paths.assets_dir() / "sounds")
    with caplog.at_level(logging.INFO, logger="posture_coach.desktop.sound"):
        sounds.play("step")
        sounds.play("end")
    assert sounds._effects == {}
    assert "no audio output device" in caplog.text


def test_unknown_sound_and_silent_fake(tmp_path: Path) -> None:
    Sounds(tmp_path).play("trumpet")  # not one of ours: ignored
    fake = SilentSounds()
    fake.play("step")
    assert fake.played == ["step"]
