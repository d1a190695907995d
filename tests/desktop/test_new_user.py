"""What a new user stumbled on (issue 18), on the real desktop (Xvfb + tint2 + dunst)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desktop.test_app_window import click_for_menu, finish, start_app, tray_icon
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
    found = click_for_menu(desktop, proc, icon, "1", "the tray menu after a left click")
    x, y, _w, _h = desktop.geometry(str(found))
    left, top = max(0, x - 40), max(0, y - 40)
    desktop.screenshot("tray-menu-left-click", crop=f"{1280 - left}x{800 - top}+{left}+{top}")
    assert not desktop.windows("Break:"), "a left click started a break"
    desktop.run("xdotool", "key", "Escape")
    # a break from the command line, finished at once: its end sound wakes QtMultimedia,
    # which has things to say about the missing sound server
    exe = Path(sys.executable).parent / "posture-coach"
    subprocess.run([str(exe), "--data-dir", str(tmp_path / "data"), "break-now", "desk-reset"],
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


ATSPI_BUS = "/usr/libexec/at-spi-bus-launcher"


def read_through_atspi(desktop: Desktop, app_name: str) -> dict:
    import json

    script = Path(__file__).with_name("atspi_dump.py")
    out = subprocess.run(["/usr/bin/python3", str(script), app_name], env=desktop.env,
                         capture_output=True, text=True, timeout=60)
    try:
        return json.loads(out.stdout)
    except ValueError:
        return {"error": out.stdout + out.stderr}


def test_a_screen_reader_hears_what_each_window_shows(desktop: Desktop, tmp_path: Path) -> None:
    """Item 13: the real accessibility bus (at-spi2-core), read with python3-pyatspi as
    Orca would: in the History and fallback windows every label is heard as the text it
    shows, never as a generic word in its place."""
    import os
    import shutil

    missing = pytest.fail if os.environ.get("CI") else pytest.skip  # CI installs them
    if not (os.path.exists(ATSPI_BUS) and shutil.which("/usr/bin/python3")):
        missing("at-spi2-core is not installed (.ci/install-desktop-deps)")
    check = subprocess.run(["/usr/bin/python3", "-c", "import pyatspi"], capture_output=True)
    if check.returncode != 0:
        missing("python3-pyatspi is not installed (.ci/install-desktop-deps)")
    bus = subprocess.Popen([ATSPI_BUS, "--launch-immediately"], env=desktop.env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           start_new_session=True)
    env = dict(desktop.env, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
    accessible = Desktop(desktop.display, env, desktop.shots, desktop.procs)
    proc = start_app(accessible, tmp_path)
    try:
        tray_icon(desktop, proc)
        exe = Path(sys.executable).parent / "posture-coach"
        subprocess.run([str(exe), "--data-dir", str(tmp_path / "data"), "history"],
                       env=desktop.env, check=True, capture_output=True, timeout=30)
        desktop.wait_window("History")

        def history_read() -> dict | None:
            tree = read_through_atspi(desktop, "posture-coach")
            windows = [w for w in tree.get("windows", []) if "History" in w["title"]]
            return windows[0] if windows and len(windows[0]["nodes"]) > 20 else None
        history = desktop.wait_for(history_read, 30, "History on the accessibility bus")
        labels = [n["name"] for n in history["nodes"]  # type: ignore[index]
                  if n["role"] == "label" and n["showing"]]
        heard = " | ".join(labels)
        # what a sighted person reads in the summary is what is heard
        assert any(name.startswith("0 taken (0 done, 0 partly done, 0 natural)")
                   for name in labels), heard
        assert any(name.startswith("Working days in a row meeting the daily goal")
                   for name in labels), heard
        assert any(name.startswith("No breaks were planned") for name in labels), heard
        # each caption is heard once, as the caption it is, not again in place of a value
        for caption in ("Today", "Streak", "Adherence", "Ice and heat"):
            assert labels.count(caption) == 1, heard
        described = {n["description"] for n in history["nodes"]}  # type: ignore[index]
        assert {"Today", "Streak", "Adherence"} <= described  # context, as descriptions
    finally:
        quit_app(desktop, tmp_path)
        finish(proc, tmp_path / "data")
        os.killpg(bus.pid, 15)
        bus.wait(timeout=10)


def _heard(window: dict) -> list[str]:
    """What a screen reader says for each label of a window read from the bus."""
    return [" ".join(n["name"].replace("&", "").split()) for n in window["nodes"]
            if n["role"] == "label"]


# Every window a person reads, by a word of its title (what the host opens).
EACH_WINDOW = ("Break:", "Safety", "Posture Coach", "Settings", "History", "Exercise library",
               "Ice or heat session", "Home program", "pain")


def test_a_screen_reader_hears_each_window_as_it_reads(desktop: Desktop,
                                                      tmp_path: Path) -> None:
    """Item 13, every window: the break window (its checklist, then an exercise step), the
    safety screen, the fallback window, Settings, History and the program editor on each
    of their pages, the library, ice/heat and the pain diary, each read through the real
    accessibility bus (at-spi2-core, python3-pyatspi) and compared with the text of every
    label a sighted person sees in it; the red flags and the step's instructions by name."""
    import json
    import os
    import shutil

    from posture_coach.core.library import load_library_file
    from tests.helpers import REPO

    missing = pytest.fail if os.environ.get("CI") else pytest.skip  # CI installs them
    if not (os.path.exists(ATSPI_BUS) and shutil.which("/usr/bin/python3")):
        missing("at-spi2-core is not installed (.ci/install-desktop-deps)")
    check = subprocess.run(["/usr/bin/python3", "-c", "import pyatspi"], capture_output=True)
    if check.returncode != 0:
        missing("python3-pyatspi is not installed (.ci/install-desktop-deps)")
    bus = subprocess.Popen([ATSPI_BUS, "--launch-immediately"], env=desktop.env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           start_new_session=True)
    env = dict(desktop.env, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", PYTHONPATH=str(REPO))
    host = subprocess.Popen([sys.executable, str(Path(__file__).with_name("a11y_host.py"))],
                            env=env, cwd=str(REPO), stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    problems: dict[str, list[str]] = {}
    read: dict[str, list[str]] = {}  # title -> every label heard, over all rounds
    try:
        assert host.stdout is not None and host.stdin is not None
        while True:
            line = host.stdout.readline()
            assert line, host.stderr.read() if host.stderr else "the host ended"
            shown = json.loads(line)
            if shown.get("done"):
                break
            titles = {w["title"] for w in shown["windows"]}

            last: dict = {}

            def bus_read(titles: set[str] = titles, last: dict = last) -> dict | None:
                tree = read_through_atspi(desktop, f"pid:{host.pid}")
                last["tree"] = tree
                found = {w["title"]: w for w in tree.get("windows", [])}
                return found if titles <= set(found) else None
            try:
                on_bus = desktop.wait_for(bus_read, 30, "the windows on the bus")
            except AssertionError:
                tree = last.get("tree", {})
                raise AssertionError((sorted(titles), tree.get("error"), tree.get("apps"),
                                      [w["title"] for w in tree.get("windows", [])])) from None
            for window in shown["windows"]:
                heard = _heard(on_bus[window["title"]])  # type: ignore[index]
                read.setdefault(window["title"], []).extend(heard)
                for text in window["labels"]:
                    text = text.replace("&", "")
                    if not any(h == text or text in h for h in heard):
                        problems.setdefault(f"{window['title']} (round {shown['round']})",
                                            []).append(text)
            host.stdin.write("next\n")
            host.stdin.flush()
        host.stdin.write("quit\n")
        host.stdin.flush()
        host.wait(timeout=30)
    finally:
        if host.poll() is None:
            host.kill()
            host.wait(timeout=10)
        os.killpg(bus.pid, 15)
        bus.wait(timeout=10)
    for word in EACH_WINDOW:  # each window was there and read
        assert any(word in title and len(heard) >= 2 for title, heard in read.items()), \
            (word, sorted(read))
    assert problems == {}, problems  # every text a sighted person reads is heard
    library = load_library_file(REPO / "exercises.yaml")
    safety = " ".join(next(h for t, h in read.items() if "Safety" in t))
    for flag in library.safety.red_flags:  # the red flags themselves are spoken
        assert flag in safety, flag
    desk = library.routine("desk-reset")
    first = desk.items[0].exercise
    breaks = " ".join(next(h for t, h in read.items() if t.startswith("Break:")))
    assert first.name in breaks and first.steps[0] in breaks, breaks
