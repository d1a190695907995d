"""Start at login, per OS, behind one small interface.

* Linux and other XDG desktops: ``$XDG_CONFIG_HOME/autostart/posture-coach.desktop``
  (the XDG Autostart specification).
* Windows: the value ``PostureCoach`` under ``HKCU\\Software\\Microsoft\\Windows\\
  CurrentVersion\\Run``, through ``winreg`` (a fake registry in tests).
* macOS: ``~/Library/LaunchAgents/org.posture-coach.plist`` with ``RunAtLoad``, written
  with ``plistlib``.

Each writes atomically and raises :class:`AutostartError` (with the path and what to do)
when it cannot; the app tells the user and keeps running.
"""

from __future__ import annotations

import os
import plistlib
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from .. import APP_DISPLAY_NAME, APP_NAME
from ..core.atomic import write_atomic

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "PostureCoach"
MAC_LABEL = "org.posture-coach"
DESKTOP_NAME = f"{APP_NAME}.desktop"


class AutostartError(Exception):
    """Start at login could not be changed; the message says where and why."""


class Autostart(Protocol):
    name: str

    def is_enabled(self) -> bool: ...

    def enable(self, command: Sequence[str]) -> None: ...

    def disable(self) -> None: ...


def launch_command(config: Path | None = None, data: Path | None = None) -> list[str]:
    """How to start this installed copy: its ``posture-coach`` script when it has one,
    else the interpreter running the CLI module; folders only when not the defaults."""
    from ..core import paths

    folder = Path(sys.executable).parent
    script = folder / ("posture-coach.exe" if sys.platform == "win32" else "posture-coach")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "posture_coach.cli"]
    if config is not None and config != paths.config_dir():
        command += ["--config-dir", str(config)]
    if data is not None and data != paths.data_dir():
        command += ["--data-dir", str(data)]
    return command


def _write_atomic(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, 0o644)
    except OSError as exc:
        raise AutostartError(f"cannot write {path}: {exc.strerror or exc}; check that the "
                             "folder is yours and writable") from exc


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise AutostartError(f"cannot remove {path}: {exc.strerror or exc}") from exc


# --- Linux / XDG -------------------------------------------------------------------

def desktop_exec(command: Sequence[str]) -> str:
    """An ``Exec=`` value: arguments quoted as the Desktop Entry specification says."""
    out = []
    for arg in command:
        arg = arg.replace("%", "%%")
        if not arg or any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`'):
            arg = '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
        out.append(arg)
    return " ".join(out)


class XdgAutostart:
    name = "XDG autostart"

    def __init__(self, config_home: Path) -> None:
        self.path = config_home / "autostart" / DESKTOP_NAME

    def is_enabled(self) -> bool:
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError:
            return False
        return "\nHidden=true" not in text and "\nX-GNOME-Autostart-enabled=false" not in text

    def enable(self, command: Sequence[str]) -> None:
        text = ("[Desktop Entry]\n"
                "Type=Application\n"
                f"Name={APP_DISPLAY_NAME}\n"
                "Comment=Movement breaks for your upper back\n"
                f"Exec={desktop_exec(command)}\n"
                f"Icon={APP_NAME}\n"
                "Terminal=false\n"
                "Categories=Utility;\n"
                "X-GNOME-Autostart-enabled=true\n")
        _write_atomic(self.path, text.encode("utf-8"))

    def disable(self) -> None:
        _remove(self.path)


# --- Windows -----------------------------------------------------------------------

class Registry(Protocol):
    """The few calls made on ``HKCU\\...\\Run``."""

    def get(self, key: str, name: str) -> str | None: ...

    def set(self, key: str, name: str, value: str) -> None: ...

    def delete(self, key: str, name: str) -> None: ...


class WinregRegistry:
    """The real per-user registry through ``winreg`` (Windows only)."""

    def __init__(self) -> None:
        import winreg  # type: ignore[import-not-found,unused-ignore]

        self.winreg: Any = winreg

    def get(self, key: str, name: str) -> str | None:
        w = self.winreg
        try:
            with w.OpenKey(w.HKEY_CURRENT_USER, key) as handle:
                value, _kind = w.QueryValueEx(handle, name)
        except FileNotFoundError:
            return None
        return str(value)

    def set(self, key: str, name: str, value: str) -> None:
        w = self.winreg
        with w.CreateKeyEx(w.HKEY_CURRENT_USER, key, 0, w.KEY_SET_VALUE) as handle:
            w.SetValueEx(handle, name, 0, w.REG_SZ, value)

    def delete(self, key: str, name: str) -> None:
        w = self.winreg
        try:
            with w.OpenKey(w.HKEY_CURRENT_USER, key, 0, w.KEY_SET_VALUE) as handle:
                w.DeleteValue(handle, name)
        except FileNotFoundError:
            pass


def windows_command_line(command: Sequence[str]) -> str:
    import subprocess

    return subprocess.list2cmdline(list(command))


class WindowsAutostart:
    name = "Windows Run key"

    def __init__(self, registry: Registry | None = None) -> None:
        self._registry = registry

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = WinregRegistry()
        return self._registry

    def is_enabled(self) -> bool:
        try:
            return bool(self.registry.get(RUN_KEY, RUN_VALUE))
        except OSError:
            return False

    def enable(self, command: Sequence[str]) -> None:
        try:
            self.registry.set(RUN_KEY, RUN_VALUE, windows_command_line(command))
        except OSError as exc:
            raise AutostartError(f"cannot write HKEY_CURRENT_USER\\{RUN_KEY}\\{RUN_VALUE}: "
                                 f"{exc}") from exc

    def disable(self) -> None:
        try:
            self.registry.delete(RUN_KEY, RUN_VALUE)
        except OSError as exc:
            raise AutostartError(f"cannot remove HKEY_CURRENT_USER\\{RUN_KEY}\\{RUN_VALUE}: "
                                 f"{exc}") from exc


# --- macOS -------------------------------------------------------------------------

class LaunchAgentAutostart:
    name = "macOS LaunchAgent"

    def __init__(self, home: Path) -> None:
        self.path = home / "Library" / "LaunchAgents" / f"{MAC_LABEL}.plist"

    def is_enabled(self) -> bool:
        try:
            with self.path.open("rb") as fh:
                data = plistlib.load(fh)
        except (OSError, plistlib.InvalidFileException, ValueError):
            return False
        return bool(data.get("RunAtLoad"))

    def enable(self, command: Sequence[str]) -> None:
        data = {"Label": MAC_LABEL, "ProgramArguments": list(command), "RunAtLoad": True,
                "ProcessType": "Interactive"}
        _write_atomic(self.path, plistlib.dumps(data))

    def disable(self) -> None:
        _remove(self.path)


def for_platform(platform: str | None = None, env: Mapping[str, str] | None = None,
                 registry: Registry | None = None) -> Autostart:
    """The start-at-login mechanism of this OS."""
    platform = sys.platform if platform is None else platform
    env = os.environ if env is None else env
    home = Path(env.get("HOME") or Path.home())
    if platform == "win32":
        return WindowsAutostart(registry)
    if platform == "darwin":
        return LaunchAgentAutostart(home)
    return XdgAutostart(Path(env.get("XDG_CONFIG_HOME") or home / ".config"))
