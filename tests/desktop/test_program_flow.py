"""End to end on a real X server: a home program imported from the tray menu (file
dialog, the import preview, Import), its home session started from the command line,
and the PT's program editor on its own."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desktop.test_app_window import finish, start_app, tray_icon
from tests.desktop.xdesktop import Desktop, stop_process
from tests.program_helpers import write_program

pytestmark = pytest.mark.desktop


def cli(desktop: Desktop, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("posture-coach", path=str(Path(sys.executable).parent))
    assert exe
    return subprocess.run([exe, "--config-dir", str(tmp_path / "config"), "--data-dir",
                           str(tmp_path / "data"), *args], env=desktop.env,
                          capture_output=True, text=True, timeout=30)


def test_import_from_the_tray_then_a_home_session(desktop: Desktop, tmp_path: Path) -> None:
    source = write_program(tmp_path / "from-clinic")
    proc = start_app(desktop, tmp_path)
    try:
        icon = tray_icon(desktop, proc)
        desktop.wait_for(lambda: cli(desktop, tmp_path, "status").returncode == 0, 20,
                         "the app to answer `status`")
        assert "Home program:" not in cli(desktop, tmp_path, "status").stdout
        desktop.run("xdotool", "mousemove", "--window", icon, "12", "12", "click", "3")
        desktop.wait_for(lambda: len(desktop.run(
            "xdotool", "search", "--onlyvisible", "--pid", str(proc.pid),
            check=False).stdout.split()) > 1, 10, "the tray menu")
        desktop.run("xdotool", "key", "m")  # Ho&me program
        desktop.run("xdotool", "key", "i")  # &Import a program…
        dialog = desktop.wait_window("Import a home program")
        desktop.run("xdotool", "windowfocus", "--sync", dialog)
        desktop.run("xdotool", "type", "--delay", "5", str(source))
        desktop.run("xdotool", "key", "Return")
        window = desktop.wait_window("import preview")
        desktop.screenshot("import-preview", window)
        assert not (tmp_path / "data" / "programs").exists()  # nothing until Import
        desktop.run("xdotool", "windowfocus", "--sync", window)
        desktop.run("xdotool", "key", "alt+i")  # &Import and activate
        desktop.wait_for(lambda: "Home program: Upper back home program" in cli(
            desktop, tmp_path, "status").stdout, 20, "the program to be active")
        status = cli(desktop, tmp_path, "status").stdout
        assert "Next break at" in status
        assert (tmp_path / "data" / "programs" / "2026-11-23-upper-back-home-program" /
                "pictures" / "towel-wall-slide.svg").is_file()
        # the evening session by hand: the guided window shows the program's routine
        assert cli(desktop, tmp_path, "break-now", "program-evening").returncode == 0
        desktop.wait_window("Home program: evening session")
        assert "A break is on your screen now." in cli(desktop, tmp_path, "status").stdout
        assert cli(desktop, tmp_path, "quit").returncode == 0
        finish(proc, tmp_path / "data")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)


def test_program_editor_window(desktop: Desktop, tmp_path: Path) -> None:
    source = write_program(tmp_path / "clinic")
    exe = shutil.which("posture-coach", path=str(Path(sys.executable).parent))
    assert exe
    proc = subprocess.Popen([exe, "--config-dir", str(tmp_path / "config"), "--data-dir",
                             str(tmp_path / "data"), "program", "edit", str(source)],
                            env=desktop.env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        window = desktop.wait_window("Home program editor")
        desktop.run("xdotool", "windowfocus", "--sync", window)
        desktop.run("xdotool", "key", "alt+x")  # the Exercises tab
        desktop.run("xdotool", "key", "Tab")
        desktop.screenshot("program-editor", window)
        assert proc.poll() is None
    finally:
        stop_process(proc)
