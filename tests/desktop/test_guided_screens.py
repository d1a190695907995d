"""End to end: the guided break window (breathing pacer, posture checklist, a stretch with
its countdown ring and its cautions, closed and opened again with Alt+C) and the ice/heat
timer on the real desktop, with screenshots."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from tests.desktop.test_app_window import finish, start_app, tray_icon
from tests.desktop.test_tray_flow import cli
from tests.desktop.xdesktop import Desktop

pytestmark = pytest.mark.desktop

SETTINGS = "version: 1\nidle_detection: false\nsound: false\n"


def window_shot(desktop: Desktop, name: str, window: str) -> Path:
    x, y, width, height = desktop.geometry(window)
    return desktop.screenshot(name, crop=f"{width}x{height}+{x}+{y}")


def press_after_guard(desktop: Desktop, window: str, key: str, opened: float) -> None:
    """Keys are ignored for 2 s after a break window opens (so typing in another app
    cannot dismiss it); wait that out on the real clock, then press."""
    time.sleep(max(0.0, opened + 2.3 - time.monotonic()))
    desktop.run("xdotool", "windowfocus", "--sync", window, check=False)
    desktop.run("xdotool", "key", "--clearmodifiers", key)


def test_guided_windows_and_ice_heat(desktop: Desktop, tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.yaml").write_text(SETTINGS)
    proc = start_app(desktop, tmp_path)
    try:
        icon = tray_icon(desktop, proc)
        assert cli(desktop, tmp_path, "break-now", "breathing-break").returncode == 0
        window = desktop.wait_window("Break: Breathing break")
        opened = time.monotonic()
        time.sleep(1.5)  # let the pacer grow into its inhale
        assert window_shot(desktop, "breathing-pacer", window).stat().st_size > 5_000
        press_after_guard(desktop, window, "Escape", opened)  # snooze
        desktop.wait_for(lambda: not desktop.windows("Break: Breathing break"), 10,
                         "the breathing break to close")

        assert cli(desktop, tmp_path, "break-now", "desk-reset").returncode == 0
        window = desktop.wait_window("Break: Desk reset")
        opened = time.monotonic()
        window_shot(desktop, "posture-checklist", window)
        press_after_guard(desktop, window, "Right", opened)  # next: the first stretch
        time.sleep(1.2)  # a second of its first hold
        # a new journal: the squeezes were never done, so their cautions are up front
        window_shot(desktop, "stretch-step", window)
        desktop.run("xdotool", "key", "--clearmodifiers", "alt+c")  # Cautions: closed
        time.sleep(0.6)  # a mnemonic clicks after a short flash
        window_shot(desktop, "cautions-closed", window)
        desktop.run("xdotool", "key", "--clearmodifiers", "alt+c")  # and open again
        time.sleep(0.6)
        window_shot(desktop, "break-cautions", window)
        desktop.run("xdotool", "key", "--clearmodifiers", "Return")  # finish: the rating
        time.sleep(0.5)
        window_shot(desktop, "rating", window)
        desktop.run("xdotool", "key", "--clearmodifiers", "4")
        desktop.wait_for(lambda: not desktop.windows("Break: Desk reset"), 10,
                         "the desk reset to close")
        status = cli(desktop, tmp_path, "status").stdout
        assert "Last break: partly done at" in status  # the posture check was done, then finish

        desktop.run("xdotool", "mousemove", "--window", icon, "12", "12", "click", "3")
        time.sleep(0.5)
        desktop.run("xdotool", "key", "i")  # &Ice/heat timer…
        ice = desktop.wait_window("Ice|Heat|ice|heat")
        x, y, width, _height = desktop.geometry(ice)
        desktop.run("xdotool", "mousemove", str(x + width * 3 // 4), str(y + 65), "click", "1")
        time.sleep(0.5)
        window_shot(desktop, "ice-heat", ice)
        subprocess.run(["xdotool", "key", "--window", ice, "Escape"], env=desktop.env,
                       check=False)
        out = cli(desktop, tmp_path, "quit")
        assert out.returncode == 0
        finish(proc, tmp_path / "data")
    finally:
        if proc.poll() is None:
            proc.kill()


def test_keep_moving_after_a_short_routine(desktop: Desktop, tmp_path: Path) -> None:
    """Break length 2 min: the desk reset's steps passed with Next, the calm keep-moving
    screen counts down the rest; Done (Next) ends it and the break counts as done."""
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.yaml").write_text(
        "version: 3\nidle_detection: false\nsound: false\nbreak_min: 2\n")
    proc = start_app(desktop, tmp_path)
    try:
        tray_icon(desktop, proc)
        assert cli(desktop, tmp_path, "break-now", "desk-reset").returncode == 0
        window = desktop.wait_window("Break: Desk reset")
        opened = time.monotonic()
        press_after_guard(desktop, window, "Right", opened)  # the posture check
        for _ in range(3):  # the two stretches and the breathing
            time.sleep(0.3)
            desktop.run("xdotool", "key", "--clearmodifiers", "Right")
        time.sleep(1.5)  # a second of keep moving
        window = desktop.wait_window("Break: Desk reset")  # found again: its id may change
        shot = window_shot(desktop, "keep-moving", window)
        assert shot.stat().st_size > 5_000
        desktop.run("xdotool", "key", "--clearmodifiers", "Right")  # Done
        time.sleep(0.5)
        desktop.run("xdotool", "key", "--clearmodifiers", "3")
        desktop.wait_for(lambda: not desktop.windows("Break: Desk reset"), 10,
                         "the desk reset to close")
        status = cli(desktop, tmp_path, "status").stdout
        assert "Last break: done at" in status  # ending keep-moving early keeps it done
        out = cli(desktop, tmp_path, "quit")
        assert out.returncode == 0
        finish(proc, tmp_path / "data")
    finally:
        if proc.poll() is None:
            proc.kill()

