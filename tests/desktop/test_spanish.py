"""End to end in Spanish (``--language es``) and at 200% scaling, with screenshots: the
tray menu, the break window, the ice/heat timer and the library."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.desktop.test_app_window import finish, tray_icon
from tests.desktop.test_guided_screens import press_after_guard, window_shot
from tests.desktop.test_tray_flow import cli
from tests.desktop.xdesktop import Desktop

pytestmark = pytest.mark.desktop

SETTINGS = "version: 1\nidle_detection: false\nsound: false\nnotifications: false\n"


def start(desktop: Desktop, tmp_path: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "settings.yaml").write_text(SETTINGS)
    exe = shutil.which("posture-coach", path=str(Path(sys.executable).parent))
    assert exe, "the posture-coach entry point is not installed"
    return subprocess.Popen([exe, "--config-dir", str(tmp_path / "config"),
                             "--data-dir", str(tmp_path / "data"), *args],
                            env=desktop.env | env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def open_menu(desktop: Desktop, icon: str, pid: int) -> None:
    """Right-click the tray icon until the menu shows (a click right after a window
    closed is sometimes taken by the window manager-less X server's focus change)."""
    def visible() -> set[str]:
        return set(desktop.run("xdotool", "search", "--onlyvisible", "--pid", str(pid),
                               check=False).stdout.split())

    before = visible()
    for _attempt in range(3):
        desktop.run("xdotool", "mousemove", "--window", icon, "12", "12", "click", "3")
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            if visible() - before:
                time.sleep(0.3)
                return
            time.sleep(0.1)
    raise AssertionError("the tray menu did not open")


def test_spanish_windows(desktop: Desktop, tmp_path: Path) -> None:
    proc = start(desktop, tmp_path, "--language", "es")
    try:
        icon = tray_icon(desktop, proc)
        open_menu(desktop, icon, proc.pid)
        x, y, _w, _h = desktop.geometry(icon)
        left, top = max(0, x - 640), max(0, y - 300)
        shot = desktop.screenshot("es-tray-menu", crop=f"{x + 60 - left}x{y + 30 - top}"
                                                       f"+{left}+{top}")
        assert shot.stat().st_size > 5_000
        desktop.run("xdotool", "key", "Escape")

        assert cli(desktop, tmp_path, "break-now", "desk-reset").returncode == 0
        window = desktop.wait_window("Pausa: Reajuste en el escritorio")
        opened = time.monotonic()
        window_shot(desktop, "es-posture-checklist", window)
        press_after_guard(desktop, window, "Right", opened)  # the first stretch
        time.sleep(1.2)
        window_shot(desktop, "es-break-window", window)
        desktop.run("xdotool", "key", "--clearmodifiers", "Escape")  # snooze
        desktop.wait_for(lambda: not desktop.windows("Pausa: Reajuste"), 10,
                         "the break window to close")

        open_menu(desktop, icon, proc.pid)
        desktop.run("xdotool", "key", "f")  # Temporizador de &frío/calor…
        ice = desktop.wait_window("Frío o calor")
        ix, iy, width, _height = desktop.geometry(ice)
        desktop.run("xdotool", "mousemove", str(ix + width * 3 // 4), str(iy + 65), "click",
                    "1")
        time.sleep(0.5)
        window_shot(desktop, "es-ice-heat", ice)
        desktop.run("xdotool", "key", "--window", ice, "Escape", check=False)
        desktop.wait_for(lambda: not desktop.windows("Frío o calor"), 10,
                         "Esc to close the ice/heat window")

        open_menu(desktop, icon, proc.pid)
        desktop.run("xdotool", "key", "b")  # &Biblioteca de ejercicios…
        library = desktop.wait_window("Biblioteca de ejercicios")
        time.sleep(0.5)
        window_shot(desktop, "es-library", library)
        assert cli(desktop, tmp_path, "quit").returncode == 0
        finish(proc, tmp_path / "data")
    finally:
        if proc.poll() is None:
            proc.kill()


def test_break_window_at_200_percent(desktop: Desktop, tmp_path: Path) -> None:
    proc = start(desktop, tmp_path, "--language", "en", QT_SCALE_FACTOR="2")
    try:
        tray_icon_found = desktop.wait_for(
            lambda: cli(desktop, tmp_path, "status").returncode == 0, 20, "the app")
        assert tray_icon_found
        assert cli(desktop, tmp_path, "break-now", "desk-reset").returncode == 0
        window = desktop.wait_window("Break: Desk reset")
        opened = time.monotonic()
        press_after_guard(desktop, window, "Right", opened)
        time.sleep(1.2)
        _x, _y, width, height = desktop.geometry(window)
        assert width >= 1000  # drawn at twice the size (640 logical pixels at least)
        window_shot(desktop, "break-window-200", window)
        desktop.run("xdotool", "key", "--clearmodifiers", "Escape")
        assert cli(desktop, tmp_path, "quit").returncode == 0
        finish(proc, tmp_path / "data")
    finally:
        if proc.poll() is None:
            proc.kill()
