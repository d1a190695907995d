"""End to end on a real desktop (Xvfb + tint2's system tray + dunst): the tray app
reminds, shows the break, records it, answers `status`, and quits cleanly."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.desktop.test_app_window import start_app
from tests.desktop.xdesktop import Desktop

pytestmark = pytest.mark.desktop

SETTINGS = """\
version: 1
work_days: [mon, tue, wed, thu, fri, sat, sun]
work_start: "00:00"
work_end: "23:59"
notice_s: 4
idle_detection: false
"""


def cli(desktop: Desktop, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(__import__("sys").executable).parent / "posture-coach"
    return subprocess.run([str(exe), "--config-dir", str(tmp_path / "config"),
                           "--data-dir", str(tmp_path / "data"), *args],
                          env=desktop.env, capture_output=True, text=True, timeout=30)


def notifications(desktop: Desktop) -> list[str]:
    out = desktop.run("dunstctl", "history", check=False).stdout
    try:
        data = json.loads(out)
    except json.JSONDecodeError:
        return []
    return [n["summary"]["data"] for group in data.get("data", []) for n in group]


def test_reminder_break_journal_status_quit(desktop: Desktop, tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.yaml").write_text(SETTINGS)
    desktop.run("dunstctl", "history-clear", check=False)
    env = dict(desktop.env, POSTURE_COACH_TEST_INTERVAL_S="12")
    proc = start_app(Desktop(desktop.display, env, desktop.shots, desktop.procs), tmp_path)
    try:
        # the tray is real: no fallback window appears, and the icon sits in tint2
        desktop.wait_for(lambda: cli(desktop, tmp_path, "status").returncode == 0, 20,
                         "the app to answer `status`")
        status = cli(desktop, tmp_path, "status").stdout
        assert "Breaks are on. Next break at" in status
        assert "Shown in the system tray." in status
        # a second copy hands over instead of starting
        second = cli(desktop, tmp_path)
        assert second.returncode == 0 and "already running" in second.stdout
        desktop.wait_for(lambda: any(s.startswith("Break in") for s in notifications(desktop)),
                         30, "the notification before the break (dunst)")
        window = desktop.wait_window("Break: Stand, walk and move", timeout=30)
        desktop.screenshot("break-due")
        assert "A break is on your screen now." in cli(desktop, tmp_path, "status").stdout
        desktop.run("xdotool", "windowfocus", "--sync", window)

        def finish_and_rate() -> bool:
            # Keys are ignored for 2 s after the window opens (so typing elsewhere cannot
            # dismiss it): keep pressing Enter (finish) and 7 (the rating) until it closes.
            desktop.run("xdotool", "key", "--window", window, "Return", check=False)
            desktop.run("xdotool", "key", "--window", window, "7", check=False)
            return not desktop.windows("Break: Stand, walk and move")
        desktop.wait_for(finish_and_rate, 15, "the break window to take Enter and a rating")
        db = sqlite3.connect(f"file:{tmp_path / 'data' / 'journal.sqlite3'}?mode=ro", uri=True)
        deadline = time.monotonic() + 10
        rows: list[tuple[str, str]] = []
        while time.monotonic() < deadline and not rows:
            rows = db.execute("select outcome, routine_id from breaks").fetchall()
            time.sleep(0.1)
        # finished at once: every step recorded, none done
        assert rows == [("skipped", "stand-and-move")]  # the default rotation's first
        statuses = db.execute("select status from steps order by position").fetchall()
        assert statuses == [("skipped",)] * 6  # 5 exercises, the rotation on each side
        db.close()
        after = cli(desktop, tmp_path, "status").stdout
        assert "Last break: skipped at" in after
        out = cli(desktop, tmp_path, "quit")
        assert out.returncode == 0 and "quitting" in out.stdout
        proc.wait(timeout=15)
        assert proc.returncode == 0
        assert cli(desktop, tmp_path, "status").returncode == 3
    finally:
        if proc.poll() is None:
            proc.kill()
    err = proc.stderr.read() if proc.stderr else ""
    assert "Traceback" not in err, err
    log = (tmp_path / "data" / "logs" / "posture-coach.log").read_text()
    assert "unexpected error" not in log and "Traceback" not in log, log
