"""Sync end to end with the running app (issue 19): two real Syncthing instances on
loopback; computer B is the real app on the real X desktop (tint2, dunst) with its History
window open; computer A records a break and syncs, as `posture-coach sync now` does;
Syncthing carries the file; B's app sees it (QFileSystemWatcher), merges it on its worker
and its open History shows it within 30 s.  What B shows is read as a screen reader reads
it: the History window's labels through the real accessibility bus (at-spi2-core,
python3-pyatspi), the text a sighted person reads there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from posture_coach.core import sync
from tests.desktop.test_app_window import finish, start_app, tray_icon
from tests.desktop.test_new_user import ATSPI_BUS, quit_app, read_through_atspi
from tests.desktop.xdesktop import Desktop
from tests.faults.test_syncthing import App, Instance, wait_for

pytestmark = pytest.mark.desktop


def today_label(desktop: Desktop) -> str | None:
    """The History window's summary of today, as the accessibility bus says it."""
    tree = read_through_atspi(desktop, "posture-coach")
    for window in tree.get("windows", []):
        if "History" in window["title"]:
            for node in window["nodes"]:
                if node["role"] == "label" and node["showing"] and " taken (" in node["name"]:
                    return str(node["name"])
    return None


def test_a_break_on_a_shows_in_the_open_history_of_the_running_app_on_b(
        desktop: Desktop, tmp_path: Path) -> None:
    missing = pytest.fail if os.environ.get("CI") else pytest.skip  # CI installs them
    if shutil.which("syncthing") is None:
        missing("Debian's syncthing is not installed (.ci/install-desktop-deps)")
    if not (os.path.exists(ATSPI_BUS) and shutil.which("/usr/bin/python3")):
        missing("at-spi2-core is not installed (.ci/install-desktop-deps)")
    if subprocess.run(["/usr/bin/python3", "-c", "import pyatspi"],
                      capture_output=True).returncode != 0:
        missing("python3-pyatspi is not installed (.ci/install-desktop-deps)")
    a, b = Instance(tmp_path, "a"), Instance(tmp_path, "b")
    a.configure(b)
    b.configure(a)
    a.start()
    b.start()
    bus = subprocess.Popen([ATSPI_BUS, "--launch-immediately"], env=desktop.env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           start_new_session=True)
    proc = None
    try:
        (tmp_path / "data").mkdir(mode=0o700)
        exe = Path(sys.executable).parent / "posture-coach"
        enabled = subprocess.run([str(exe), "--data-dir", str(tmp_path / "data"), "sync",
                                  "enable", str(b.folder)], env=desktop.env,
                                 capture_output=True, text=True, timeout=60)
        assert enabled.returncode == 0, enabled.stderr
        env = dict(desktop.env, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
        proc = start_app(Desktop(desktop.display, env, desktop.shots, desktop.procs), tmp_path)
        tray_icon(desktop, proc)
        subprocess.run([str(exe), "--data-dir", str(tmp_path / "data"), "history"],
                       env=desktop.env, check=True, capture_output=True, timeout=30)
        desktop.wait_window("History")
        before = desktop.wait_for(lambda: today_label(desktop), 30,
                                  "History's today on the accessibility bus")
        assert str(before).startswith("0 taken"), before
        for inst in (a, b):
            wait_for(lambda inst=inst: inst.api("/rest/system/ping") == {"ping": "pong"}, 30)
        wait_for(lambda: a.api("/rest/system/connections")["connections"][b.id][  # type: ignore[index]
            "connected"], 30)

        computer_a = App(tmp_path, "a", a.folder)
        computer_a.record(1)  # a break a minute ago on A
        started = time.monotonic()
        assert computer_a.sync().written == 1
        def merged() -> str | None:
            text = today_label(desktop)
            return text if text and text.startswith("1 taken") else None
        shown = desktop.wait_for(merged, 30, "A's break in B's open History")
        seconds = time.monotonic() - started
        print(f"A -> B's open History through Syncthing: {seconds:.1f} s")
        assert str(shown).startswith("1 taken (1 done"), shown
        history = desktop.windows("History")
        if history:
            desktop.screenshot("sync-history-on-b", history[0])
        config = sync.load_config(tmp_path / "data")
        assert config is not None and config.folder == b.folder
        computer_a.journal.close()
    finally:
        if proc is not None:
            quit_app(desktop, tmp_path)
            finish(proc, tmp_path / "data")
        os.killpg(bus.pid, 15)
        bus.wait(timeout=10)
        a.stop()
        b.stop()
