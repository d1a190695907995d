"""What a new user stumbled on (issue 18), on the real desktop (Xvfb + tint2 + dunst)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desktop.test_app_window import finish, start_app, tray_icon
from tests.desktop.xdesktop import Desktop

pytestmark = pytest.mark.desktop


def quit_app(desktop: Desktop, tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "posture-coach"
    subprocess.run([str(exe), "--data-dir", str(tmp_path / "data"), "quit"], env=desktop.env,
                   check=True, capture_output=True, timeout=30)


def test_a_left_click_opens_the_menu_and_qt_says_nothing_on_stderr(desktop: Desktop,
                                                                   tmp_path: Path) -> None:
    """Items 2 and 12: a left click on the real tray icon opens the menu, no break; Qt's
    messages (sound server, platform notes) are in the log once each, not on stderr."""
    proc = start_app(desktop, tmp_path)
    icon = tray_icon(desktop, proc)
    desktop.run("xdotool", "mousemove", "--window", icon, "12", "12", "click", "1")

    def menu() -> str | None:
        for window in desktop.run("xdotool", "search", "--onlyvisible", "--pid",
                                  str(proc.pid), check=False).stdout.split():
            if window != icon:
                return window
        return None
    found = desktop.wait_for(menu, 10, "the tray menu after a left click")
    x, y, _w, _h = desktop.geometry(str(found))
    left, top = max(0, x - 40), max(0, y - 40)
    desktop.screenshot("tray-menu-left-click", crop=f"{1280 - left}x{800 - top}+{left}+{top}")
    assert not desktop.windows("Break:"), "a left click started a break"
    desktop.run("xdotool", "key", "Escape")
    # a break from the command line, finished at once: its end sound wakes QtMultimedia,
    # which has things to say about the missing sound server
    exe = Path(sys.executable).parent / "posture-coach"
    subprocess.run([str(exe), "--data-dir", str(tmp_path / "data"), "break-now"],
                   env=desktop.env, check=True, capture_output=True, timeout=30)
    window = desktop.wait_window("Break: Desk reset", timeout=30)

    def finish_break() -> bool:  # keys count 2 s after the window opens
        desktop.run("xdotool", "key", "--window", window, "Return", check=False)
        desktop.run("xdotool", "key", "--window", window, "7", check=False)
        return not desktop.windows("Break: Desk reset")
    desktop.wait_for(finish_break, 15, "the break window to take Enter and a rating")
    log_path = tmp_path / "data" / "logs" / "posture-coach.log"
    desktop.wait_for(lambda: "posture_coach.qt" in log_path.read_text(), 10,
                     "QtMultimedia's messages in the log")
    quit_app(desktop, tmp_path)
    err = finish(proc, tmp_path / "data")
    assert not re.search(r"qt\.|PulseAudio|QWidget|QObject", err), err
    log = log_path.read_text()
    qt_lines = [line.split(" posture_coach.qt: ", 1)[1] for line in log.splitlines()
                if " posture_coach.qt: " in line]
    assert len(qt_lines) == len(set(qt_lines)), qt_lines  # each once
    assert not any("WARNING posture_coach.qt: qt.multimedia" in line
                   for line in log.splitlines())
