"""End to end on the desktops people run, under Wayland: GNOME Shell (its AppIndicator
extension is the StatusNotifierItem tray, the Shell itself shows notices) and sway
(waybar's tray, mako).  On each: the icon is registered with the watcher, its menu works
through com.canonical.dbusmenu, the notice before a break reaches the desktop's own
daemon, the break window shows and its outcome is recorded."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.desktop.wdesktop import WaylandDesktop
from tests.helpers import acknowledge_safety

pytestmark = pytest.mark.desktop

SETTINGS = """\
version: 3
work_days: [mon, tue, wed, thu, fri, sat, sun]
work_start: "00:00"
work_end: "23:59"
notice_s: 4
idle_detection: false
sound: false
routines: [desk-reset]
"""  # the desk reset by name: the default rotation starts with a walk


def exe() -> str:
    """The venv's command; POSTURE_COACH_EXE=dist/bundle/posture-coach/posture-coach runs
    these tests on the bundle `make dist` built (its Wayland plugins)."""
    if os.environ.get("POSTURE_COACH_EXE"):
        return str(Path(os.environ["POSTURE_COACH_EXE"]).resolve())
    found = shutil.which("posture-coach", path=str(Path(sys.executable).parent))
    assert found, "the posture-coach entry point is not installed"
    return found


def start_app(desk: WaylandDesktop, tmp_path: Path, settings: str = SETTINGS,
              **env: str) -> subprocess.Popen[str]:
    acknowledge_safety(tmp_path / "data")
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "settings.yaml").write_text(settings)
    return subprocess.Popen([exe(), "--config-dir", str(tmp_path / "config"),
                             "--data-dir", str(tmp_path / "data")],
                            env=dict(desk.env, **env), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def cli(desk: WaylandDesktop, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([exe(), "--config-dir", str(tmp_path / "config"),
                           "--data-dir", str(tmp_path / "data"), *args],
                          env=desk.env, capture_output=True, text=True, timeout=30)


def stop_app(desk: WaylandDesktop, tmp_path: Path, proc: subprocess.Popen[str]) -> str:
    """Quit through the command channel; the app's stderr, checked for tracebacks."""
    if proc.poll() is None:
        cli(desk, tmp_path, "quit")
    try:
        _out, err = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        _out, err = proc.communicate(timeout=5)
    assert "Traceback" not in err, err
    log = (tmp_path / "data" / "logs" / "posture-coach.log").read_text()
    assert "unexpected error" not in log and "Traceback" not in log, log
    return err


def journal_rows(tmp_path: Path, query: str, timeout: float = 10) -> list[tuple[object, ...]]:
    db = sqlite3.connect(f"file:{tmp_path / 'data' / 'journal.sqlite3'}?mode=ro", uri=True)
    try:
        deadline = time.monotonic() + timeout
        while True:
            rows = db.execute(query).fetchall()
            if rows or time.monotonic() > deadline:
                return rows
            time.sleep(0.1)
    finally:
        db.close()


def labels(desk: WaylandDesktop, item: str) -> list[str]:
    return [str(e["label"]).replace("_", "") for e in desk.menu(item)]


def test_sni_tray_menu_notice_break_journal(wayland: WaylandDesktop, tmp_path: Path) -> None:
    desk = wayland
    proc = start_app(desk, tmp_path, POSTURE_COACH_TEST_INTERVAL_S="9")
    try:
        # the icon is a StatusNotifierItem the desktop's watcher lists
        item = desk.app_item(proc.pid)
        props = desk.sni_item(item)
        assert props["Id"] == "posture-coach" and props["Status"] == "Active"
        assert props["Menu"], props
        desk.wait_for(lambda: cli(desk, tmp_path, "status").returncode == 0, 20,
                      "the app to answer `status`")
        assert "Shown in the system tray." in cli(desk, tmp_path, "status").stdout
        # its menu, read and clicked the way the tray host does (com.canonical.dbusmenu)
        entries = labels(desk, item)
        assert entries[0].startswith("Next break"), entries
        for entry in ("Take a break now", "Exercise library…", "History…", "Settings…",
                      "Quit"):
            assert entry in entries, entries
        desk.click(item, "Exercise library…")
        desk.window("Exercise library")
        assert not [w for w in desk.windows() if w["pid"] == proc.pid
                    and w["title"] == "Posture Coach"], "a fallback window opened"
        # the notice before the break, through the desktop's own daemon
        desk.wait_for(lambda: any(s.startswith("Break in") for s in desk.notifications()),
                      30, f"the notice before the break ({desk.kind}'s daemon)")
        window = desk.window("Break: Desk reset", timeout=30)
        # on screen, whole
        screens = desk.outputs()
        assert any(s["x"] <= window["x"] and s["y"] <= window["y"]
                   and window["x"] + window["width"] <= s["x"] + s["width"]
                   and window["y"] + window["height"] <= s["y"] + s["height"]
                   for s in screens), (window, screens)
        desk.screenshot(f"{desk.kind}-break")
        assert "A break is on your screen now." in cli(desk, tmp_path, "status").stdout

        def finish_and_rate() -> bool:
            # keys are ignored for 2 s after the window opens: Enter (finish), 7 (rating)
            desk.activate("Break: Desk reset")
            desk.keys("Return", "7")
            return not any("Break: Desk reset" in t for t in desk.window_titles())
        desk.wait_for(finish_and_rate, 20, "the break window to take Enter and a rating")
        assert journal_rows(tmp_path, "select outcome, routine_id from breaks") == [
            ("skipped", "desk-reset")]
        assert "Last break: skipped at " in cli(desk, tmp_path, "status").stdout
        # Quit from the tray menu ends the app cleanly
        desk.click(item, "Quit")
        proc.wait(timeout=15)
        assert proc.returncode == 0
        desk.wait_for(lambda: item not in desk.sni_items(), 10,
                      "the item to leave the watcher")
    finally:
        stop_app(desk, tmp_path, proc)


IDLE_SETTINGS = SETTINGS.replace("idle_detection: false", "idle_detection: true")


def test_time_away_counts_as_a_natural_break(wayland: WaylandDesktop, tmp_path: Path) -> None:
    """Idle time from the compositor: GNOME's org.gnome.Mutter.IdleMonitor; sway 1.7's
    org_kde_kwin_idle (spoken by the app itself).  Away 4 s (shortened for the test),
    then a key press: the absence is recorded as a natural break."""
    desk = wayland
    desk.keys("Shift_L")  # start from "just used"
    proc = start_app(desk, tmp_path, IDLE_SETTINGS, POSTURE_COACH_TEST_TICK_S="0.5",
                     POSTURE_COACH_TEST_NATURAL_S="4", POSTURE_COACH_TEST_IDLE_TIMEOUT_S="1")
    try:
        desk.wait_for(lambda: cli(desk, tmp_path, "status").returncode == 0, 20,
                      "the app to answer `status`")
        expected = {"gnome": "Time away is noticed (GNOME Mutter idle monitor (D-Bus)).",
                    "sway": "Time away is noticed (Wayland idle protocol (org_kde_kwin_idle))."}
        assert expected[desk.kind] in cli(desk, tmp_path, "status").stdout
        log = tmp_path / "data" / "logs" / "posture-coach.log"
        desk.wait_for(lambda: "away since" in log.read_text(), 20,
                      "the app to notice the person is away")
        desk.keys("Shift_L")  # back at the keyboard
        rows = journal_rows(tmp_path, "select outcome, routine_id from breaks", timeout=10)
        assert rows == [("natural", None)]
        started, ended = journal_rows(tmp_path, "select started_at, ended_at from breaks")[0]
        from datetime import datetime

        away = (datetime.fromisoformat(str(ended)) - datetime.fromisoformat(str(started)))
        assert 4 <= away.total_seconds() <= 30, away
    finally:
        stop_app(desk, tmp_path, proc)
