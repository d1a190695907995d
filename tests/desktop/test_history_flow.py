"""End to end on a real desktop: the first-run safety screen and its acknowledgement, the
History window from the real tray menu with a realistic month of data, a day opened,
"Log my pain now" stored, export from the CLI while the app runs, a private data folder."""

from __future__ import annotations

import csv
import json
import os
import random
import sqlite3
import stat
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from posture_coach.core.clock import FakeClock
from posture_coach.core.datafiles import journal_path
from posture_coach.core.journal import Journal, Outcome, StepRecord, StepStatus
from tests.desktop.test_app_window import finish, start_app, tray_icon
from tests.desktop.test_tray_flow import cli
from tests.desktop.xdesktop import Desktop

pytestmark = pytest.mark.desktop

SETTINGS = """\
version: 1
work_days: [mon, tue, wed, thu, fri]
work_start: "08:30"
work_end: "17:30"
idle_detection: false
notifications: false
"""
DESK = ("chin-tuck", "shoulder-rolls", "doorway-chest-stretch", "posture-reset-desk")
MOVE = ("walk-break", "seated-thoracic-rotation", "thoracic-extension-chair")


def seed_month(data: Path) -> None:
    """About a month of ordinary use, ending now: breaks, pain, ice/heat, a pause."""
    from tzlocal import get_localzone

    tz = get_localzone()
    now = datetime.now(tz)
    rng = random.Random(7)
    clock = FakeClock(now)
    with Journal.open(journal_path(data), clock) as journal:
        for back in range(30, -1, -1):
            day = (now - timedelta(days=back)).date()
            if day.weekday() >= 5:
                continue
            start = datetime(day.year, day.month, day.day, 9, 15, tzinfo=tz)
            n = rng.randint(5, 10) if back else 4
            for i in range(n):
                end = start + timedelta(minutes=50 * i + rng.randint(0, 10))
                if end > now:
                    break
                routine, ids = ("desk-reset", DESK) if i % 3 else ("movement-break", MOVE)
                outcome = rng.choices(list(Outcome), [70, 10, 10, 4, 6])[0]
                steps: list[StepRecord] = []
                if outcome in (Outcome.DONE, Outcome.PARTIAL, Outcome.SKIPPED):
                    for k, ex in enumerate(ids):
                        done = outcome is Outcome.DONE or (outcome is Outcome.PARTIAL
                                                            and k < 2)
                        steps.append(StepRecord(k, ex, StepStatus.DONE if done
                                                else StepStatus.SKIPPED, 30.0 if done else 0))
                journal.record_break(
                    planned_at=end - timedelta(minutes=3), started_at=end - timedelta(minutes=2),
                    ended_at=end, routine_id=None if outcome is Outcome.NATURAL else routine,
                    outcome=outcome, steps=steps,
                    snooze_until=end + timedelta(minutes=5)
                    if outcome is Outcome.SNOOZED else None)
            if start + timedelta(hours=7) < now:
                rating = max(0, min(10, 6 - (30 - back) // 7 + rng.randint(-1, 1)))
                journal.record_pain(at=start + timedelta(hours=7), rating=rating,
                                    note="stiff after a long meeting" if back == 9 else None)
            if back % 7 == 3:
                at = start + timedelta(hours=8)
                if at + timedelta(minutes=15) < now:
                    journal.record_thermal(mode="heat" if back != 10 else "ice", started_at=at,
                                           ended_at=at + timedelta(minutes=15),
                                           planned_minutes=15, completed=True)


def rows(db_path: Path, sql: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_first_run_safety_history_pain_export(desktop: Desktop, tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.yaml").write_text(SETTINGS)
    data = tmp_path / "data"
    seed_month(data)
    db_path = journal_path(data)
    os.chmod(data, 0o755)  # as an older copy or another program might have left them
    os.chmod(db_path, 0o644)
    proc = start_app(desktop, tmp_path, first_run=True)
    try:
        # first run: the safety screen, acknowledged with Enter, remembered in the journal
        safety = desktop.wait_window("Safety: when to get help", timeout=30)
        desktop.screenshot("safety-first-run", safety)

        def acknowledge() -> bool:
            desktop.run("xdotool", "windowactivate", "--sync", safety, check=False)
            desktop.run("xdotool", "windowfocus", "--sync", safety, check=False)
            desktop.run("xdotool", "key", "Return", check=False)
            return not desktop.windows("Safety: when to get help")
        desktop.wait_for(acknowledge, 15, "the safety screen to take Enter and close")
        desktop.wait_for(lambda: rows(db_path, "select value from app_state where key ="
                                               " 'safety_acknowledged_at'"), 10,
                         "the acknowledgement in the journal")

        # History from the real tray menu (its mnemonic: h)
        icon = tray_icon(desktop, proc)
        desktop.run("xdotool", "mousemove", "--window", icon, "12", "12", "click", "3")
        time.sleep(0.5)  # the menu has no window name to wait for; give it a moment
        desktop.run("xdotool", "key", "h")
        history = desktop.wait_window("History", timeout=20)
        desktop.run("xdotool", "windowactivate", "--sync", history, check=False)
        time.sleep(0.5)  # let the charts' first paint finish before the screenshot
        desktop.screenshot("history", history)
        # open today's entries with the keyboard (Alt+O: Open the chosen day)
        desktop.run("xdotool", "windowfocus", "--sync", history)
        desktop.run("xdotool", "key", "--clearmodifiers", "alt+o")
        time.sleep(0.5)
        desktop.screenshot("history-day", history)
        desktop.run("xdotool", "key", "--clearmodifiers", "alt+p")  # the Pain tab
        time.sleep(0.5)
        desktop.screenshot("history-pain", history)

        # Log my pain now, through the command channel; keyboard only
        assert cli(desktop, tmp_path, "log-pain").returncode == 0
        pain = desktop.wait_window("Log my pain now")
        desktop.run("xdotool", "windowactivate", "--sync", pain, check=False)
        desktop.run("xdotool", "windowfocus", "--sync", pain, check=False)
        desktop.run("xdotool", "key", "Home", *["Right"] * 5, "Tab")
        desktop.run("xdotool", "type", "after the desk work")
        desktop.run("xdotool", "key", "Tab", "space")  # the sleep box
        time.sleep(0.3)
        desktop.screenshot("pain-dialog", pain)
        desktop.run("xdotool", "key", "Return")
        desktop.wait_for(lambda: rows(db_path, "select rating, note, sleep from pain"
                                               " where note = 'after the desk work'"),
                         10, "the pain rating in the journal")
        assert rows(db_path, "select rating, note, sleep, work from pain"
                             " where note = 'after the desk work'") == [
            (5, "after the desk work", 1, 0)]

        # export while the app runs (WAL lets both read and write)
        out_csv, out_json = tmp_path / "month.csv", tmp_path / "month.json"
        done = cli(desktop, tmp_path, "export", "--format", "csv", "--out", str(out_csv))
        assert done.returncode == 0, done.stderr
        done = cli(desktop, tmp_path, "export", "--format", "json", "--out", str(out_json))
        assert done.returncode == 0, done.stderr
        records = list(csv.DictReader(out_csv.open()))
        breaks_in_db = rows(db_path, "select count(*) from breaks")[0][0]
        assert sum(r["record"] == "break" for r in records) == breaks_in_db
        assert any(r["note"] == "after the desk work" for r in records)
        assert len(json.loads(out_json.read_text())["breaks"]) == breaks_in_db
        for path in (out_csv, out_json, db_path):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        # importing the export again into the running app's journal adds nothing
        again = cli(desktop, tmp_path, "import", str(out_json))
        assert again.returncode == 0 and f"0 breaks added, {breaks_in_db} already there" \
            in again.stdout, again.stdout + again.stderr

        out = cli(desktop, tmp_path, "quit")
        assert out.returncode == 0
    finally:
        if proc.poll() is None:
            time.sleep(0.1)
    finish(proc, data)
