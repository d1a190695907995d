"""End to end on a real X server: the tray icon sits in tint2's tray, its menu opens
the library, a broken user library is reported without touching the file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desktop.xdesktop import Desktop
from tests.helpers import acknowledge_safety

pytestmark = pytest.mark.desktop


def start_app(desktop: Desktop, tmp_path: Path, *, first_run: bool = False
              ) -> subprocess.Popen[str]:
    """The real app with its own folders; ``first_run``: as on a new computer (the safety
    screen shows), else with the safety screen already acknowledged."""
    if not first_run:
        acknowledge_safety(tmp_path / "data")
    exe = shutil.which("posture-coach", path=str(Path(sys.executable).parent))
    assert exe, "the posture-coach entry point is not installed"
    return subprocess.Popen([exe, "--config-dir", str(tmp_path / "config"),
                             "--data-dir", str(tmp_path / "data")],
                            env=desktop.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def tray_icon(desktop: Desktop, proc: subprocess.Popen[str]) -> str:
    """The app's tray icon: its small window embedded in tint2's tray."""
    def find() -> str | None:
        for window in desktop.run("xdotool", "search", "--pid", str(proc.pid),
                                  check=False).stdout.split():
            geometry = desktop.run("xdotool", "getwindowgeometry", window, check=False).stdout
            if "Geometry: 24x24" in geometry:
                return window
        return None
    found = desktop.wait_for(find, 20, "the tray icon in tint2")
    return str(found)


def click_for_menu(desktop: Desktop, proc: subprocess.Popen[str], icon: str,
                   button: str = "3", what: str = "the tray menu") -> str:
    """Click the tray icon (``button``: "1" left, "3" right); the menu window it opens."""
    desktop.run("xdotool", "mousemove", "--window", icon, "12", "12", "click", button)

    def menu() -> str | None:
        for window in desktop.run("xdotool", "search", "--onlyvisible", "--pid",
                                  str(proc.pid), check=False).stdout.split():
            if window != icon:
                return window
        return None
    return str(desktop.wait_for(menu, 10, what))


def finish(proc: subprocess.Popen[str], data: Path) -> str:
    try:
        _out, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    log = (data / "logs" / "posture-coach.log").read_text()
    assert "unexpected error" not in log and "Traceback" not in log, log
    return err


def test_tray_menu_opens_the_library(desktop: Desktop, tmp_path: Path) -> None:
    proc = start_app(desktop, tmp_path)
    icon = tray_icon(desktop, proc)
    found = click_for_menu(desktop, proc, icon)
    x, y, _width, _height = desktop.geometry(str(found))
    screen_w, screen_h = 1280, 800
    left, top = max(0, x - 40), max(0, y - 40)
    desktop.screenshot("tray-menu", crop=f"{screen_w - left}x{screen_h - top}+{left}+{top}")
    desktop.run("xdotool", "key", "l")  # Exercise &library…
    window = desktop.wait_window("Exercise library")
    desktop.run("xdotool", "windowfocus", "--sync", window)

    def pixels() -> bytes:
        return subprocess.run(["import", "-window", window, "rgb:-"], env=desktop.env,
                              capture_output=True, check=True, timeout=20).stdout

    # an exercise with easier and harder versions, found by typing its name in the list
    before = pixels()
    desktop.run("xdotool", "type", "--window", window, "--delay", "40", "Plank on your")
    desktop.wait_for(lambda: (now := pixels()) != before and now == pixels(), 20,
                     "the library to show the exercise typed")
    desktop.screenshot("library-window", window)
    desktop.run("xdotool", "key", "--clearmodifiers", "ctrl+q")
    finish(proc, tmp_path / "data")
    assert (tmp_path / "data" / "logs" / "posture-coach.log").is_file()


def test_broken_user_library_is_reported_and_left_alone(desktop: Desktop,
                                                        tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    user = config / "exercises.yaml"
    user.write_text("version: 1\nroutines:\n  - id: x\n    name: X\n    summary: x\n"
                    "    items: [{exercise: no-such-thing}]\n")
    before = user.read_bytes()
    proc = start_app(desktop, tmp_path)
    dialog = desktop.wait_window("a problem was found")
    desktop.screenshot("broken-user-library")
    log = tmp_path / "data" / "logs" / "posture-coach.log"
    desktop.wait_for(lambda: log.is_file() and "no-such-thing" in log.read_text(), 10,
                     "the problem in the log")
    assert f"{user}:6:" in log.read_text()
    desktop.run("xdotool", "windowfocus", "--sync", dialog)
    desktop.run("xdotool", "key", "Escape")
    desktop.wait_for(lambda: not desktop.windows("a problem was found"), 10,
                     "the dialog to close")
    exe = Path(sys.executable).parent / "posture-coach"
    subprocess.run([str(exe), "--data-dir", str(tmp_path / "data"), "quit"], env=desktop.env,
                   check=True, capture_output=True, timeout=30)
    finish(proc, tmp_path / "data")
    assert user.read_bytes() == before
