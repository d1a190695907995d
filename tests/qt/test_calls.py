"""Call signals (the microphone or camera in use), each against a fake of what it reads:
pactl's output, a /proc tree, Windows' consent store, CoreAudio.  The real PulseAudio
with a real parecord is in tests/desktop/test_calls.py; a real camera and the Windows and
macOS signals are only faked (no such device or OS here)."""

from __future__ import annotations

import ctypes
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from posture_coach.desktop import calls
from posture_coach.desktop.calls import (
    IN_CALL,
    CameraOpen,
    MacInUse,
    PulseRecording,
    WindowsCapability,
    recording_streams,
)

SOURCES = ("0\tnull.monitor\tmodule-null-sink.c\ts16le 2ch 44100Hz\tIDLE\n"
           "1\tmicrophone\tmodule-alsa-card.c\ts16le 2ch 44100Hz\tRUNNING\n")


def output(number: int, source: int, app: str, *, corked: bool = False,
           flags: str = "", media: str = "record") -> str:
    return (f"Source Output #{number}\n\tDriver: protocol-native.c\n\tSource: {source}\n"
            f"\tCorked: {'yes' if corked else 'no'}\n"
            + (f"\tFlags: {flags}\n" if flags else "")
            + f'\tProperties:\n\t\tapplication.name = "{app}"\n\t\tmedia.name = "{media}"\n')


def test_only_live_recordings_of_a_real_input_count() -> None:
    listing = (output(0, 1, "Zoom") + output(1, 0, "OBS")  # a monitor: recording what plays
               + output(2, 1, "pavucontrol", flags="DONT_MOVE PEAK_DETECT ")
               + output(3, 1, "meter", media="Peak detect")
               + output(4, 1, "Paused recorder", corked=True))
    assert recording_streams(listing, SOURCES) == ["Zoom"]
    assert recording_streams("", SOURCES) == []
    assert recording_streams(output(0, 0, "OBS"), SOURCES) == []


def fake_pactl(answers: dict[str, str], fail: bool = False) -> Any:
    asked: list[list[str]] = []

    def run(args: Sequence[str]) -> str:
        asked.append(list(args))
        if fail:
            raise OSError("Connection failure: Connection refused")
        return answers[" ".join(args)]
    run.asked = asked  # type: ignore[attr-defined]
    return run


def test_pulse_recording_says_in_a_call_and_fails_quietly() -> None:
    run = fake_pactl({"list source-outputs": output(0, 1, "Jitsi"),
                      "list short sources": SOURCES, "info": "Server Name: pulseaudio"})
    pulse = PulseRecording(run)
    assert pulse.works() and pulse.busy() == IN_CALL
    assert PulseRecording(fake_pactl({"list source-outputs": "",
                                      "list short sources": SOURCES})).busy() is None
    down = PulseRecording(fake_pactl({}, fail=True))
    assert down.busy() is None and not down.works()


def fake_proc(root: Path, holders: dict[int, list[str]]) -> Path:
    for pid, targets in holders.items():
        fd = root / str(pid) / "fd"
        fd.mkdir(parents=True)
        for number, target in enumerate(targets):
            os.symlink(target, fd / str(number))
    (root / "self").mkdir()
    (root / "999").mkdir()  # a process whose fd folder cannot be read (another user's)
    return root


def test_a_camera_held_open_by_another_process(tmp_path: Path) -> None:
    proc = fake_proc(tmp_path / "proc", {10: ["/dev/null", "socket:[1]"],
                                         11: ["/dev/pts/0", "/dev/video0"]})
    assert CameraOpen(proc, me=1).busy() == IN_CALL
    assert CameraOpen(proc, me=11).busy() is None  # our own use does not count
    idle = fake_proc(tmp_path / "idle", {10: ["/dev/null"]})
    assert CameraOpen(idle, me=1).busy() is None
    assert CameraOpen(tmp_path / "missing", me=1).busy() is None
    assert not CameraOpen(tmp_path / "missing").works()


class FakeKey:
    def __init__(self, children: dict[str, FakeKey] | None = None,
                 values: dict[str, int] | None = None) -> None:
        self.children = children or {}
        self.values = values or {}

    def __enter__(self) -> FakeKey:
        return self

    def __exit__(self, *_: object) -> None:
        pass


class FakeWinreg:
    HKEY_CURRENT_USER = "HKCU"

    def __init__(self, store: dict[str, FakeKey]) -> None:
        self.store = store

    def OpenKey(self, key: Any, sub: str) -> FakeKey:
        if key == "HKCU":
            capability = sub.rsplit("\\", 1)[-1]
            assert sub.startswith(calls.CONSENT_STORE)
            if capability not in self.store:
                raise OSError("no such key")
            return self.store[capability]
        return key.children[sub]

    def EnumKey(self, key: FakeKey, index: int) -> str:
        names = list(key.children)
        if index >= len(names):
            raise OSError("no more")
        return names[index]

    def QueryValueEx(self, key: FakeKey, name: str) -> tuple[int, int]:
        if name not in key.values:
            raise OSError("no value")
        return key.values[name], 11


def used(start: int, stop: int) -> FakeKey:
    return FakeKey(values={"LastUsedTimeStart": start, "LastUsedTimeStop": stop})


def test_windows_consent_store_in_use_now() -> None:
    teams = FakeWinreg({"microphone": FakeKey({"MSTeams_8wekyb3d8bbwe": used(5, 0)})})
    assert WindowsCapability(teams).busy() == IN_CALL
    zoom = FakeWinreg({"webcam": FakeKey({"NonPackaged": FakeKey(
        {"C:#Program Files#Zoom#Zoom.exe": used(7, 0)})})})
    assert WindowsCapability(zoom).busy() == IN_CALL
    finished = FakeWinreg({"microphone": FakeKey({"app": used(5, 9),
                                                  "never": used(0, 0),
                                                  "odd": FakeKey()})})
    assert WindowsCapability(finished).busy() is None
    assert WindowsCapability(FakeWinreg({})).busy() is None


class FakeCoreAudio:
    def __init__(self, device: int, running: int, status: int = 0) -> None:
        self.device, self.running, self.status = device, running, status

    def AudioObjectGetPropertyData(self, obj: int, address: Any, _q: int, _d: Any,
                                   _size: Any, value: Any) -> int:
        selector = ctypes.cast(address, ctypes.POINTER(calls._Address)).contents.selector
        target = ctypes.cast(value, ctypes.POINTER(ctypes.c_uint32)).contents
        if obj == calls.SYSTEM_OBJECT and selector == calls.DEFAULT_INPUT:
            target.value = self.device
        elif obj == self.device and selector == calls.RUNNING_SOMEWHERE:
            target.value = self.running
        else:
            return -1
        return self.status


def test_macos_default_input_running_somewhere() -> None:
    assert MacInUse(FakeCoreAudio(device=42, running=1)).busy() == IN_CALL
    assert MacInUse(FakeCoreAudio(device=42, running=0)).busy() is None
    assert MacInUse(FakeCoreAudio(device=0, running=1)).busy() is None  # no microphone
    assert MacInUse(FakeCoreAudio(device=42, running=1, status=-50)).busy() is None


def test_detection_leaves_out_a_sound_server_that_is_not_there(monkeypatch: Any) -> None:
    monkeypatch.setattr(calls, "run_pactl", fake_pactl({}, fail=True))
    names = [s.name for s in calls.detect_calls("linux")]
    assert "camera in use (/dev/video)" in names
    assert not any("microphone" in n for n in names)
    assert [type(s) for s in calls.detect_calls("win32")] == [WindowsCapability]
    assert [type(s) for s in calls.detect_calls("darwin")] == [MacInUse]
