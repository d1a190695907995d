"""Is the person in a call?  The microphone or the camera is in use by some program.

Busy signals for :mod:`.quiet` (a due break waits, under the same quiet limit, while one
says so).  Each is asked only when a break is due, answers :data:`IN_CALL` or None, and
never raises (a failure is "not in a call", so a break never waits because of a bug).

* :class:`PulseRecording` -- a recording stream on a real input (``pactl list
  source-outputs``: PulseAudio, or PipeWire through pipewire-pulse), not on a monitor of
  an output (recording what plays is no call) and not a level meter.
* :class:`CameraOpen` -- another process holds ``/dev/video*`` open (a scan of
  ``/proc/*/fd`` links; only this user's processes are readable, which is whose calls
  matter).
* :class:`WindowsCapability` -- Windows' capability consent store: an app under
  ``...\\CapabilityAccessManager\\ConsentStore\\{microphone,webcam}`` whose
  ``LastUsedTimeStop`` is 0 is using it now.
* :class:`MacInUse` -- macOS: the default input device's
  ``kAudioDevicePropertyDeviceIsRunningSomewhere`` (CoreAudio through ctypes).
"""

from __future__ import annotations

import ctypes
import itertools
import logging
import os
import re
import subprocess
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..core.quiet import NO_SOUND_SERVER

log = logging.getLogger(__name__)

IN_CALL = "in-a-call"
PACTL_TIMEOUT_S = 2.0


def _quietly(name: str, ask: Callable[[], str | None]) -> str | None:
    try:
        return ask()
    except Exception as exc:
        log.debug("call signal %s failed: %s", name, exc)
        return None


# --- PulseAudio / PipeWire -----------------------------------------------------------

Run = Callable[[Sequence[str]], str]


def run_pactl(args: Sequence[str]) -> str:
    done = subprocess.run(["pactl", *args], capture_output=True, text=True,
                          timeout=PACTL_TIMEOUT_S, check=True, stdin=subprocess.DEVNULL,
                          env=dict(os.environ, LC_ALL="C"))
    return done.stdout


_BLOCK = re.compile(r"^Source Output #\d+", re.MULTILINE)
_FIELD = re.compile(r"^\s*([A-Za-z .]+):\s*(.*)$")
_PROP = re.compile(r'^\s*([a-z0-9_.]+) = "(.*)"$')


def recording_streams(outputs: str, sources: str) -> list[str]:
    """The programs recording from a real input, from ``pactl list source-outputs`` and
    ``pactl list short sources`` (C locale): not from a monitor of an output, not a
    level meter, not paused (corked)."""
    monitors = set()
    for line in sources.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1].endswith(".monitor"):
            monitors.add(parts[0])
    found: list[str] = []
    starts = [m.start() for m in _BLOCK.finditer(outputs)] + [len(outputs)]
    for begin, end in itertools.pairwise(starts):
        block = outputs[begin:end]
        source, props, flags, corked = "", {}, "", False
        for line in block.splitlines()[1:]:
            prop = _PROP.match(line)
            if prop:
                props[prop.group(1)] = prop.group(2)
                continue
            field = _FIELD.match(line)
            if field and field.group(1).strip() == "Source":
                source = field.group(2).strip()
            elif field and field.group(1).strip() == "Flags":
                flags = field.group(2)
            elif field and field.group(1).strip() == "Corked":
                corked = field.group(2).strip() == "yes"
        if source in monitors or "PEAK_DETECT" in flags or corked:
            continue
        if props.get("media.name", "").lower() == "peak detect":
            continue
        found.append(props.get("application.name") or props.get("application.process.binary")
                     or f"stream on source {source}")
    return found


class PulseRecording:
    """A program records from a microphone (PulseAudio or PipeWire's pulse server)."""

    name = "microphone in use (PulseAudio/PipeWire recording)"
    kinds: tuple[str, ...] = (IN_CALL,)  # in plain words: ui/signal_words.py

    def __init__(self, run: Run | None = None) -> None:
        self._run = run or run_pactl

    def works(self) -> bool:
        """A sound server answers (asked once, when the app starts)."""
        return _quietly(self.name, lambda: "ok" if self._run(["info"]) else None) == "ok"

    def _ask(self) -> str | None:
        streams = recording_streams(self._run(["list", "source-outputs"]),
                                    self._run(["list", "short", "sources"]))
        if streams:
            log.info("the microphone is in use by %s", ", ".join(sorted(set(streams))))
            return IN_CALL
        return None

    def busy(self) -> str | None:
        return _quietly(self.name, self._ask)


# --- cameras -------------------------------------------------------------------------


class CameraOpen:
    """Another process has a ``/dev/video*`` device open."""

    name = "camera in use (/dev/video)"
    kinds: tuple[str, ...] = (IN_CALL,)  # in plain words: ui/signal_words.py

    def __init__(self, proc: Path = Path("/proc"), me: int | None = None) -> None:
        self._proc = proc
        self._me = os.getpid() if me is None else me

    def _holders(self) -> Iterator[int]:
        for entry in os.scandir(self._proc):
            if not entry.name.isdigit() or int(entry.name) == self._me:
                continue
            try:
                fds = os.scandir(os.path.join(entry.path, "fd"))
            except OSError:
                continue  # another user's process, or gone
            with fds:
                for fd in fds:
                    try:
                        target = os.readlink(fd.path)
                    except OSError:
                        continue
                    if target.startswith("/dev/video"):
                        yield int(entry.name)
                        break

    def _ask(self) -> str | None:
        for pid in self._holders():
            log.info("the camera is in use by process %d", pid)
            return IN_CALL
        return None

    def busy(self) -> str | None:
        return _quietly(self.name, self._ask)

    def works(self) -> bool:
        return self._proc.is_dir()


# --- Windows -------------------------------------------------------------------------

CONSENT_STORE = (r"Software\Microsoft\Windows\CurrentVersion\CapabilityAccessManager"
                 r"\ConsentStore")


class WindowsCapability:
    """An app uses the microphone or webcam now (LastUsedTimeStop is 0)."""

    name = "microphone or camera in use (Windows privacy settings)"
    kinds: tuple[str, ...] = (IN_CALL,)  # in plain words: ui/signal_words.py

    def __init__(self, winreg: Any = None) -> None:
        self._winreg = winreg

    def _in_use(self, reg: Any, key: Any, depth: int = 0) -> bool:
        index = 0
        while True:
            try:
                child = reg.EnumKey(key, index)
            except OSError:
                return False
            index += 1
            with reg.OpenKey(key, child) as sub:
                if child == "NonPackaged" and depth == 0:
                    if self._in_use(reg, sub, depth + 1):
                        return True
                    continue
                try:
                    stop, _kind = reg.QueryValueEx(sub, "LastUsedTimeStop")
                    start, _kind = reg.QueryValueEx(sub, "LastUsedTimeStart")
                except OSError:
                    continue
                if int(stop) == 0 and int(start) > 0:
                    log.info("in use now by %s", child.replace("#", "\\"))
                    return True

    def _ask(self) -> str | None:
        if self._winreg is not None:
            reg = self._winreg
        else:
            import winreg as reg  # type: ignore[import-not-found,unused-ignore]
        for capability in ("microphone", "webcam"):
            try:
                key = reg.OpenKey(reg.HKEY_CURRENT_USER, f"{CONSENT_STORE}\\{capability}")
            except OSError:
                continue
            with key:
                if self._in_use(reg, key):
                    return IN_CALL
        return None

    def busy(self) -> str | None:
        return _quietly(self.name, self._ask)


# --- macOS ---------------------------------------------------------------------------


def _fourcc(code: str) -> int:
    return int.from_bytes(code.encode(), "big")


class _Address(ctypes.Structure):
    _fields_ = [("selector", ctypes.c_uint32), ("scope", ctypes.c_uint32),
                ("element", ctypes.c_uint32)]


SYSTEM_OBJECT = 1
DEFAULT_INPUT = _fourcc("dIn ")
RUNNING_SOMEWHERE = _fourcc("gone")
GLOBAL_SCOPE = _fourcc("glob")
MAIN_ELEMENT = 0


class MacInUse:
    """The default microphone is running for some process (CoreAudio)."""

    name = "microphone in use (macOS CoreAudio)"
    kinds: tuple[str, ...] = (IN_CALL,)  # in plain words: ui/signal_words.py

    def __init__(self, coreaudio: Any = None) -> None:
        self._ca = coreaudio

    def _load(self) -> Any:
        if self._ca is None:
            self._ca = ctypes.CDLL("/System/Library/Frameworks/CoreAudio.framework/CoreAudio")
        return self._ca

    def _get_u32(self, ca: Any, obj: int, selector: int) -> int | None:
        address = _Address(selector, GLOBAL_SCOPE, MAIN_ELEMENT)
        value = ctypes.c_uint32(0)
        size = ctypes.c_uint32(ctypes.sizeof(value))
        status = ca.AudioObjectGetPropertyData(obj, ctypes.byref(address), 0, None,
                                               ctypes.byref(size), ctypes.byref(value))
        return None if status != 0 else int(value.value)

    def _ask(self) -> str | None:
        ca = self._load()
        device = self._get_u32(ca, SYSTEM_OBJECT, DEFAULT_INPUT)
        if not device:
            return None
        return IN_CALL if self._get_u32(ca, device, RUNNING_SOMEWHERE) else None

    def busy(self) -> str | None:
        return _quietly(self.name, self._ask)


def detect_calls(platform: str, env: Any = None, off: list[str] | None = None) -> list[Any]:
    """The call signals that can work here (a sound server that answers, a /proc).
    ``off`` gets a key for each one that cannot (:data:`NO_SOUND_SERVER`), for the user
    to be told."""
    signals: list[Any] = []
    off = [] if off is None else off
    try:
        if platform == "win32":
            signals.append(WindowsCapability())
        elif platform == "darwin":
            signals.append(MacInUse())
        elif platform.startswith("linux"):
            import shutil

            pulse = PulseRecording() if shutil.which("pactl") else None
            if pulse is not None and pulse.works():
                signals.append(pulse)
            else:
                log.info("no sound server answers: the microphone is not watched")
                off.append(NO_SOUND_SERVER)
            camera = CameraOpen()
            if camera.works():
                signals.append(camera)
    except Exception:
        log.warning("call detection failed; breaks do not wait for calls", exc_info=True)
    return signals
