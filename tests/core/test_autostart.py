"""Start at login per OS: XDG autostart in a temporary XDG_CONFIG_HOME, the Windows Run
key through a fake registry, a macOS LaunchAgent in a temporary home."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
from pathlib import Path

import pytest

from posture_coach.desktop.autostart import (
    RUN_KEY,
    RUN_VALUE,
    AutostartError,
    LaunchAgentAutostart,
    WindowsAutostart,
    XdgAutostart,
    desktop_exec,
    for_platform,
    launch_command,
)

COMMAND = ["/opt/my apps/bin/posture-coach", "--config-dir", "/home/a/100%/cfg"]


def test_linux_writes_and_removes_the_autostart_entry(tmp_path: Path) -> None:
    auto = for_platform("linux", {"XDG_CONFIG_HOME": str(tmp_path), "HOME": "/nowhere"})
    assert isinstance(auto, XdgAutostart) and not auto.is_enabled()
    auto.enable(COMMAND)
    path = tmp_path / "autostart" / "posture-coach.desktop"
    text = path.read_text()
    assert auto.is_enabled() and text.startswith("[Desktop Entry]\n")
    assert ('Exec="/opt/my apps/bin/posture-coach" --config-dir /home/a/100%%/cfg\n'
            in text)
    assert "Icon=posture-coach\n" in text and "Name=Posture Coach\n" in text
    if shutil.which("desktop-file-validate"):
        out = subprocess.run(["desktop-file-validate", str(path)], capture_output=True,
                             text=True)
        assert out.returncode == 0, out.stdout + out.stderr
    auto.disable()
    assert not path.exists() and not auto.is_enabled()
    auto.disable()  # twice is fine


def test_linux_respects_a_hidden_entry(tmp_path: Path) -> None:
    auto = XdgAutostart(tmp_path)
    auto.path.parent.mkdir(parents=True)
    auto.path.write_text("[Desktop Entry]\nType=Application\nHidden=true\n")
    assert not auto.is_enabled()


def test_linux_unwritable_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "autostart").write_text("a file where the folder should be")
    with pytest.raises(AutostartError, match=r"cannot write .*autostart"):
        XdgAutostart(tmp_path).enable(COMMAND)


def test_desktop_exec_quoting() -> None:
    assert desktop_exec(["/usr/bin/pc"]) == "/usr/bin/pc"
    assert desktop_exec(['a"b$c']) == '"a\\"b\\$c"'


class FakeRegistry:
    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str] = {}
        self.fail = False

    def get(self, key: str, name: str) -> str | None:
        return self.values.get((key, name))

    def set(self, key: str, name: str, value: str) -> None:
        if self.fail:
            raise PermissionError("access denied")
        self.values[(key, name)] = value

    def delete(self, key: str, name: str) -> None:
        self.values.pop((key, name), None)


def test_windows_run_key() -> None:
    registry = FakeRegistry()
    auto = for_platform("win32", {}, registry=registry)
    assert isinstance(auto, WindowsAutostart) and not auto.is_enabled()
    auto.enable([r"C:\Program Files\Python\Scripts\posture-coach.exe"])
    assert registry.values == {
        (RUN_KEY, RUN_VALUE): '"C:\\Program Files\\Python\\Scripts\\posture-coach.exe"'}
    assert auto.is_enabled()
    auto.disable()
    assert not registry.values and not auto.is_enabled()
    registry.fail = True
    with pytest.raises(AutostartError, match="HKEY_CURRENT_USER"):
        auto.enable(["x"])


def test_macos_launch_agent(tmp_path: Path) -> None:
    auto = for_platform("darwin", {"HOME": str(tmp_path)})
    assert isinstance(auto, LaunchAgentAutostart) and not auto.is_enabled()
    auto.enable(["/usr/local/bin/posture-coach"])
    path = tmp_path / "Library" / "LaunchAgents" / "org.posture-coach.plist"
    with path.open("rb") as fh:
        data = plistlib.load(fh)
    assert data == {"Label": "org.posture-coach",
                    "ProgramArguments": ["/usr/local/bin/posture-coach"], "RunAtLoad": True,
                    "ProcessType": "Interactive"}
    assert auto.is_enabled()
    auto.disable()
    assert not path.exists() and not auto.is_enabled()


def test_launch_command_names_non_default_folders(tmp_path: Path) -> None:
    command = launch_command(tmp_path / "c", tmp_path / "d")
    assert command[-4:] == ["--config-dir", str(tmp_path / "c"), "--data-dir",
                            str(tmp_path / "d")]
    assert Path(command[0]).name.startswith(("posture-coach", "python"))
