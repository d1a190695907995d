"""End to end on a real desktop: Settings opens from the tray menu, in the light and the
dark theme (screenshots), a change there is saved and start at login is written to the
real XDG autostart folder; a due break waits while dunst is paused (Do Not Disturb) and
arrives once it is unpaused; the X11 fullscreen check reads a real X server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from posture_coach.desktop.quiet import FULLSCREEN, X11Fullscreen
from tests.desktop.test_app_window import click_for_menu, finish, start_app, tray_icon
from tests.desktop.xdesktop import Desktop, require_tools

pytestmark = pytest.mark.desktop

SETTINGS = """\
version: 2
work_days: [mon, tue, wed, thu, fri, sat, sun]
work_start: "00:00"
work_end: "23:59"
notice_s: 0
idle_detection: false
theme: {theme}
"""


def quit_app(desktop: Desktop, tmp_path: Path, proc: subprocess.Popen[str]) -> None:
    exe = Path(sys.executable).parent / "posture-coach"
    subprocess.run([str(exe), "--data-dir", str(tmp_path / "data"), "quit"], env=desktop.env,
                   check=True, capture_output=True, timeout=30)
    finish(proc, tmp_path / "data")


def open_settings(desktop: Desktop, proc: subprocess.Popen[str]) -> str:
    click_for_menu(desktop, proc, tray_icon(desktop, proc))
    desktop.run("xdotool", "key", "e")  # S&ettings…
    return desktop.wait_window("Settings")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_settings_from_the_tray_in_both_themes(desktop: Desktop, tmp_path: Path,
                                               theme: str) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.yaml").write_text(SETTINGS.format(theme=theme))
    autostart = Path(desktop.env["XDG_CONFIG_HOME"]) / "autostart" / "posture-coach.desktop"
    autostart.unlink(missing_ok=True)
    proc = start_app(desktop, tmp_path)
    try:
        window = open_settings(desktop, proc)
        desktop.screenshot(f"settings-{theme}", window)
        if theme == "dark":
            return
        # General tab (Alt+G), then "Start Posture Coach when I log in" (Alt+O)
        desktop.run("xdotool", "windowfocus", "--sync", window)
        for key, tab in (("alt+r", "routines"), ("alt+s", "snooze"), ("alt+i", "idle")):
            desktop.run("xdotool", "key", "--clearmodifiers", key)
            desktop.screenshot(f"settings-{tab}-light", window)
        desktop.run("xdotool", "key", "--clearmodifiers", "alt+g")
        desktop.run("xdotool", "key", "--clearmodifiers", "alt+o")
        desktop.wait_for(autostart.is_file, 10, "the XDG autostart entry")
        text = autostart.read_text()
        assert "Exec=" in text and f"--config-dir {config}" in text
        desktop.wait_for(lambda: "start_at_login: true" in (config / "settings.yaml")
                         .read_text(), 10, "the setting saved")
        desktop.screenshot("settings-general-light", window)
        desktop.run("xdotool", "key", "--clearmodifiers", "alt+o")
        desktop.wait_for(lambda: not autostart.exists(), 10, "the entry removed")
    finally:
        quit_app(desktop, tmp_path, proc)


def test_a_due_break_waits_while_do_not_disturb_is_on(desktop: Desktop,
                                                      tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.yaml").write_text(SETTINGS.format(theme="system"))
    log = tmp_path / "data" / "logs" / "posture-coach.log"
    desktop.run("dunstctl", "set-paused", "true")
    env = dict(desktop.env, POSTURE_COACH_TEST_INTERVAL_S="6")
    proc = start_app(Desktop(desktop.display, env, desktop.shots, desktop.procs), tmp_path)
    try:
        desktop.wait_for(lambda: log.is_file() and "you are busy (do-not-disturb)"
                         in log.read_text(), 30, "the due break to wait")
        assert not desktop.windows("Break: Stand, walk and move")
        desktop.run("dunstctl", "set-paused", "false")
        window = desktop.wait_window("Break: Stand, walk and move", timeout=20)
        assert "it comes now" in log.read_text()
        desktop.run("xdotool", "windowfocus", "--sync", window)
        desktop.wait_for(lambda: desktop.run("xdotool", "key", "--window", window, "Return",
                                             check=False) and
                         desktop.run("xdotool", "key", "--window", window, "0",
                                     check=False) and
                         not desktop.windows("Break: Stand, walk and move"), 15,
                         "the break answered")
    finally:
        desktop.run("dunstctl", "set-paused", "false", check=False)
        quit_app(desktop, tmp_path, proc)


def test_x11_fullscreen_check_on_a_real_server(desktop: Desktop) -> None:
    require_tools("xprop")
    [panel] = desktop.run("xdotool", "search", "--class", "tint2").stdout.split()[:1]
    check = X11Fullscreen(desktop.display)
    try:
        assert check.works and check.busy() is None  # no active window yet
        desktop.run("xprop", "-root", "-f", "_NET_ACTIVE_WINDOW", "32x", "-set",
                    "_NET_ACTIVE_WINDOW", panel)
        assert check.busy() is None  # active, not fullscreen
        desktop.run("xprop", "-id", panel, "-f", "_NET_WM_STATE", "32a", "-set",
                    "_NET_WM_STATE", "_NET_WM_STATE_FULLSCREEN")
        assert check.busy() == FULLSCREEN
        desktop.run("xprop", "-root", "-f", "_NET_ACTIVE_WINDOW", "32x", "-set",
                    "_NET_ACTIVE_WINDOW", "0x7fffffff")  # a window that does not exist
        assert check.busy() is None  # BadWindow is ignored, the process lives
    finally:
        desktop.run("xprop", "-root", "-remove", "_NET_ACTIVE_WINDOW", check=False)
        desktop.run("xprop", "-id", panel, "-remove", "_NET_WM_STATE", check=False)
        check.close()
