"""The real app on the real desktop, killed (SIGKILL) in the middle of an ice/heat
session, twice: the sessions stopped before each kill are in the journal, which passes
``PRAGMA integrity_check``, and the app starts again on it."""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from tests.desktop.test_app_window import start_app, tray_icon
from tests.desktop.test_clock_jumps import status
from tests.desktop.test_tray_flow import cli
from tests.desktop.xdesktop import Desktop

pytestmark = pytest.mark.desktop

SETTINGS = """\
version: 1
work_days: [mon, tue, wed, thu, fri, sat, sun]
work_start: "00:00"
work_end: "23:59"
idle_detection: false
"""


def sessions(tmp_path: Path) -> list[tuple[str, int]]:
    db = sqlite3.connect(f"file:{tmp_path / 'data' / 'journal.sqlite3'}?mode=ro", uri=True)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return db.execute("SELECT mode, completed FROM thermal_sessions ORDER BY id"
                          ).fetchall()
    finally:
        db.close()


def keys(desktop: Desktop, window: str, *names: str) -> None:
    desktop.run("xdotool", "windowfocus", "--sync", window, check=False)
    for name in names:
        desktop.run("xdotool", "key", "--clearmodifiers", name, check=False)
        time.sleep(0.2)


def icing(desktop: Desktop, tmp_path: Path) -> bool:
    return "ice-heat" in (status(desktop, tmp_path).get("paused_by") or [])  # type: ignore[operator]


def test_killed_during_an_ice_session(desktop: Desktop, tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.yaml").write_text(SETTINGS)
    for kill in range(1, 3):
        proc = start_app(desktop, tmp_path)
        try:
            icon = tray_icon(desktop, proc)
            desktop.run("xdotool", "mousemove", "--window", icon, "12", "12", "click", "3")
            time.sleep(0.5)
            desktop.run("xdotool", "key", "i")  # &Ice/heat timer…
            window = desktop.wait_window("Ice|Heat|ice|heat")
            x, y, width, _height = desktop.geometry(window)
            desktop.run("xdotool", "mousemove", str(x + width // 4), str(y + 65), "click", "1")
            keys(desktop, window, "alt+s")  # start an ice session
            desktop.wait_for(lambda: icing(desktop, tmp_path), 10, "the session to start")
            keys(desktop, window, "alt+t")  # stop early: recorded as not completed
            desktop.wait_for(lambda n=kill: len(sessions(tmp_path)) == n, 10,
                             "the stopped session in the journal")
            keys(desktop, window, "alt+b", "alt+s")  # another one, killed while it runs
            desktop.wait_for(lambda: icing(desktop, tmp_path), 10, "the second session")
            time.sleep(0.3 * kill)
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        assert sessions(tmp_path) == [("ice", 0)] * kill
    proc = start_app(desktop, tmp_path)
    try:
        desktop.wait_for(lambda: cli(desktop, tmp_path, "status").returncode == 0, 20,
                         "the app to start again")
        assert not icing(desktop, tmp_path)  # a session cut off by a kill is not running
        assert cli(desktop, tmp_path, "quit").returncode == 0
        proc.wait(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not [p for p in (tmp_path / "data").iterdir() if ".corrupt-" in p.name]
