"""End to end on a real X server: a program file opened as a double-click opens it
(``posture-coach FILE``, the launcher's ``Exec=posture-coach %f``): the running app shows
the import preview; with no app running a window of its own does, and a broken file shows
its located problems in that window instead of nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desktop.test_app_window import finish, start_app
from tests.desktop.xdesktop import Desktop, stop_process
from tests.program_helpers import docs_example, write_program

pytestmark = pytest.mark.desktop


def command(tmp_path: Path, *args: str) -> list[str]:
    exe = shutil.which("posture-coach", path=str(Path(sys.executable).parent))
    assert exe
    return [exe, "--config-dir", str(tmp_path / "config"), "--data-dir",
            str(tmp_path / "data"), *args]


def run(desktop: Desktop, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(tmp_path, *args), env=desktop.env, capture_output=True,
                          text=True, timeout=30)


def window_pid(desktop: Desktop, window: str) -> int:
    return int(desktop.run("xdotool", "getwindowpid", window).stdout.strip())


def test_a_program_file_opens_in_the_running_app(desktop: Desktop, tmp_path: Path) -> None:
    source = write_program(tmp_path / "clinic")
    proc = start_app(desktop, tmp_path)
    try:
        desktop.wait_for(lambda: run(desktop, tmp_path, "status").returncode == 0, 20,
                         "the app to answer `status`")
        opened = run(desktop, tmp_path, str(source))  # as the launcher's Exec line runs it
        assert opened.returncode == 0, opened.stderr
        assert "shown in the running posture-coach" in opened.stdout
        window = desktop.wait_window("import preview")
        assert window_pid(desktop, window) == proc.pid  # the running copy shows it
        assert not (tmp_path / "data" / "programs").exists()  # nothing until Import
        desktop.run("xdotool", "windowfocus", "--sync", window)
        desktop.run("xdotool", "key", "alt+i")  # &Import and activate
        desktop.wait_for(lambda: "Home program: Upper back home program" in run(
            desktop, tmp_path, "status").stdout, 20, "the program to be active")
        assert run(desktop, tmp_path, "quit").returncode == 0
        finish(proc, tmp_path / "data")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)


def test_a_broken_program_file_shows_its_problems_in_a_window(
        desktop: Desktop, tmp_path: Path) -> None:
    text = docs_example().replace("sets: 2", "sets: -2", 1)
    assert "sets: -2" in text
    source = write_program(tmp_path / "clinic", text)
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "sets: -2" in t)
    proc = subprocess.Popen(command(tmp_path, "program", "open", str(source)),
                            env=desktop.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        window = desktop.wait_window("import preview")
        assert window_pid(desktop, window) == proc.pid  # no app running: its own window
        desktop.screenshot("import-refused", window)
        assert proc.poll() is None  # the window waits for the person

        def close() -> bool:  # Escape closes it (Close); keep pressing until it is gone
            desktop.run("xdotool", "key", "--window", window, "Escape", check=False)
            return proc.poll() is not None
        desktop.wait_for(close, 15, "the window to close on Escape")
        _out, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            stop_process(proc)
    assert proc.returncode == 1
    assert f"{source}:{line}:" in err and "sets" in err  # located, as in the window
    assert "Traceback" not in err
    assert not (tmp_path / "data" / "programs").exists()
