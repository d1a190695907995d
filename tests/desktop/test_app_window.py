"""End to end on a real X server: the app starts, shows the library, reports a broken
user library without touching it, and quits from the keyboard."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desktop.xdesktop import Desktop

pytestmark = pytest.mark.desktop


def start_app(desktop: Desktop, tmp_path: Path) -> subprocess.Popen[str]:
    exe = shutil.which("posture-coach", path=str(Path(sys.executable).parent))
    assert exe, "the posture-coach entry point is not installed"
    return subprocess.Popen([exe, "--config-dir", str(tmp_path / "config"),
                             "--data-dir", str(tmp_path / "data")],
                            env=desktop.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def quit_app(desktop: Desktop, proc: subprocess.Popen[str], window: str) -> str:
    desktop.run("xdotool", "windowfocus", "--sync", window)
    desktop.run("xdotool", "key", "--clearmodifiers", "ctrl+q")
    try:
        _out, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    return err


def test_app_shows_the_library(desktop: Desktop, tmp_path: Path) -> None:
    proc = start_app(desktop, tmp_path)
    window = desktop.wait_window("Exercise library")
    shot = desktop.screenshot("library-window", window)
    assert shot.stat().st_size > 10_000
    err = quit_app(desktop, proc, window)
    assert "Traceback" not in err
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
    main = desktop.wait_window("Exercise library")
    dialog = desktop.wait_window("Problem in your exercise library")
    desktop.screenshot("broken-user-library")
    log = (tmp_path / "data" / "logs" / "posture-coach.log")
    desktop.wait_for(lambda: log.is_file() and "no-such-thing" in log.read_text(), 10,
                     "the problem in the log")
    assert f"{user}:6:" in log.read_text()
    desktop.run("xdotool", "windowfocus", "--sync", dialog)
    desktop.run("xdotool", "key", "Escape")
    quit_app(desktop, proc, main)
    assert user.read_bytes() == before
