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


def test_pt_defines_an_exercise_with_a_drawing_and_a_second_session(
        desktop: Desktop, tmp_path: Path) -> None:
    """On a real X server, by the keyboard: a new program; the PT's own exercise with a
    drawing chosen in the file dialog; a second home session with it; saved through the
    save dialog.  The file validates, the drawing is beside it, and once imported the
    session's break shows the exercise."""
    from tests.helpers import REPO

    drawing = tmp_path / "drawings" / "slide.svg"  # the PT's own file, a real drawing
    drawing.parent.mkdir()
    drawing.write_bytes((REPO / "assets" / "exercises" / "serratus-wall-slide.svg")
                        .read_bytes())
    target = tmp_path / "clinic" / "jo.yaml"
    target.parent.mkdir()
    exe = shutil.which("posture-coach", path=str(Path(sys.executable).parent))
    assert exe
    proc = subprocess.Popen([exe, "--config-dir", str(tmp_path / "config"), "--data-dir",
                             str(tmp_path / "data"), "program", "edit"],
                            env=desktop.env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)

    def keys(window: str, *names: str) -> None:
        desktop.run("xdotool", "windowfocus", "--sync", window)
        for name in names:
            desktop.run("xdotool", "key", "--clearmodifiers", name)

    def type_in(window: str, key: str, text: str) -> None:
        keys(window, key)
        desktop.run("xdotool", "type", "--delay", "5", text)

    def settled(window: str, *names: str) -> None:
        """Press ``names`` and wait until the window has drawn what they did (a button's
        mnemonic clicks it a moment later)."""
        def pixels() -> bytes:
            return subprocess.run(["import", "-window", window, "rgb:-"], env=desktop.env,
                                  capture_output=True, check=True, timeout=20).stdout

        before = pixels()
        keys(window, *names)
        desktop.wait_for(lambda: (now := pixels()) != before and now == pixels(), 20,
                         f"the window to show {names}")

    try:
        window = desktop.wait_window("Home program editor")
        type_in(window, "alt+n", "Harbour Physio")  # Clinic &name
        type_in(window, "alt+h", "+61 2 9999 0000")  # P&hone
        type_in(window, "alt+a", "1 Quay Street")  # &Address
        type_in(window, "alt+l", "Sam Okafor, PT")  # C&linician
        keys(window, "alt+x", "alt+y")  # E&xercises, &Your own exercise…
        form = desktop.wait_window("Your own exercise")
        type_in(form, "alt+n", "Towel slide")
        type_in(form, "alt+u", "Slide a towel up the wall.")
        type_in(form, "alt+t", "Face the wall.")
        keys(form, "Return")
        desktop.run("xdotool", "type", "--delay", "5", "Slide the towel up, then down.")
        type_in(form, "alt+c", "Stop before the shoulder pinches.")
        keys(form, "alt+d")  # Choose a &drawing…
        chooser = desktop.wait_window("Choose the exercise's drawing")
        type_in(chooser, "ctrl+a", str(drawing))
        keys(chooser, "Return")
        desktop.wait_for(lambda: not desktop.windows("Choose the exercise's drawing"), 10,
                         "the file dialog to close")
        desktop.screenshot("program-editor-own-exercise", form)
        keys(form, "alt+x")  # Keep this e&xercise
        desktop.wait_for(lambda: not desktop.windows("Your own exercise"), 10,
                         "the form to close")
        settled(window, "alt+t")  # Se&ts
        desktop.run("xdotool", "key", "ctrl+a")
        desktop.run("xdotool", "type", "2")
        desktop.screenshot("program-editor-own", window)
        settled(window, "alt+o")  # H&ome sessions
        settled(window, "alt+n")  # &New session
        keys(window, "alt+m")  # Session na&me
        desktop.run("xdotool", "key", "ctrl+a")
        desktop.run("xdotool", "type", "--delay", "5", "Morning")
        settled(window, "alt+i")  # Add to the sess&ion: the first of the program's
        desktop.screenshot("program-editor-sessions", window)
        keys(window, "alt+v")  # Sa&ve program…
        saver = desktop.wait_window("Save the home program")
        type_in(saver, "ctrl+a", str(target))
        keys(saver, "Return")
        desktop.wait_for(target.exists, 20, "the program file")
        assert proc.poll() is None
    finally:
        stop_process(proc)
    assert (target.parent / "pictures" / "towel-slide.svg").read_bytes() == \
        drawing.read_bytes()
    checked = cli(desktop, tmp_path, "validate", str(target))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    text = target.read_text(encoding="utf-8")
    assert "id: towel-slide" in text and "illustration: pictures/towel-slide.svg" in text
    assert "name: Morning" in text and "sets: 2" in text  # the dose typed in the panel
    imported = cli(desktop, tmp_path, "program", "import", str(target), "--yes")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "Home program: morning (Towel slide)" in imported.stdout
    app = start_app(desktop, tmp_path)
    try:
        tray_icon(desktop, app)
        desktop.wait_for(lambda: cli(desktop, tmp_path, "status").returncode == 0, 20,
                         "the app to answer `status`")
        assert cli(desktop, tmp_path, "break-now", "program-morning").returncode == 0
        shown = desktop.wait_window("Home program: morning")
        desktop.screenshot("program-own-exercise-break", shown)
        assert cli(desktop, tmp_path, "quit").returncode == 0
        finish(app, tmp_path / "data")
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(timeout=10)
