"""End to end on a real X server: the Patient-Specific Functional Scale.  A program with
``outcomes.psfs`` is active and the last rating is eight days old (seeded in the journal,
the way the other desktop tests seed their data), so at start the real app notifies
through dunst and shows the rating dialog; the ratings typed with the keyboard are stored
in the journal, and History's Activities tab shows the trend."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from posture_coach.core.clock import FakeClock
from posture_coach.core.datafiles import journal_path
from posture_coach.core.journal import Journal
from posture_coach.core.journal.psfs import record_psfs
from tests.desktop.test_app_window import finish, start_app
from tests.desktop.test_tray_flow import cli, notifications
from tests.desktop.xdesktop import Desktop
from tests.program_helpers import docs_example, write_program

pytestmark = pytest.mark.desktop

ACTIVITIES = ("Lifting my toddler", "Driving for 30 minutes",
              "Working at the computer for 2 hours")
OUTCOMES = "outcomes:\n  psfs:\n" + "".join(f"    - {a}\n" for a in ACTIVITIES) + \
    "  every_days: 7\n"
SETTINGS = "version: 1\nidle_detection: false\n"


def seed_ratings(data: Path) -> datetime:
    """Three weekly ratings, the latest eight days ago: the next one is a day overdue."""
    from tzlocal import get_localzone

    now = datetime.now(get_localzone())
    with Journal.open(journal_path(data), FakeClock(now)) as journal:
        for back, values in ((22, (2, 3, 4)), (15, (3, 4, 4)), (8, (4, 6, 5))):
            record_psfs(journal, now - timedelta(days=back), list(zip(ACTIVITIES, values)))
    return now


def ratings(db_path: Path) -> list[tuple[str, int]]:
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return [(str(a), int(r)) for a, r in db.execute(
            "SELECT activity, rating FROM psfs_ratings ORDER BY at, id")]
    finally:
        db.close()


def test_the_rating_dialog_comes_when_due_and_is_stored(desktop: Desktop,
                                                          tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.yaml").write_text(SETTINGS)
    data = tmp_path / "data"
    from datetime import date

    start = (date.today() - timedelta(days=28)).isoformat()  # four weeks into the program
    text = docs_example().replace("start: 2026-11-23", f"start: {start}").replace(
        "review: 2026-12-21", f"review: {date.today() + timedelta(days=14)}")
    program = write_program(tmp_path / "clinic", text + OUTCOMES)
    assert cli(desktop, tmp_path, "program", "import", "--yes", str(program)).returncode == 0
    seed_ratings(data)
    db_path = journal_path(data)
    assert len(ratings(db_path)) == 9
    desktop.run("dunstctl", "history-clear", check=False)
    proc = start_app(desktop, tmp_path)
    try:
        dialog = desktop.wait_window("How are these activities going?", timeout=30)
        desktop.wait_for(lambda: "How are your activities going?" in notifications(desktop),
                         15, "the notification through dunst")
        desktop.run("xdotool", "windowactivate", "--sync", dialog, check=False)
        desktop.run("xdotool", "windowfocus", "--sync", dialog, check=False)
        time.sleep(0.3)  # the first paint, for the screenshot
        desktop.screenshot("psfs-dialog", dialog)
        # keyboard only: the first box has the focus and starts at the last rating
        for value in ("5", "7", "6"):
            desktop.run("xdotool", "key", "--clearmodifiers", "ctrl+a")
            desktop.run("xdotool", "type", value)
            desktop.run("xdotool", "key", "Tab")
        desktop.run("xdotool", "key", "--clearmodifiers", "alt+s")  # &Save
        desktop.wait_for(lambda: len(ratings(db_path)) == 12, 15, "the ratings stored")
        assert ratings(db_path)[-3:] == list(zip(ACTIVITIES, (5, 7, 6)))
        desktop.wait_for(lambda: not desktop.windows("How are these activities going?"), 10,
                         "the dialog to close")

        # History: the Activities tab (Alt+T) with the four weeks' trend
        assert cli(desktop, tmp_path, "history").returncode == 0
        history = desktop.wait_window("History", timeout=20)
        desktop.run("xdotool", "windowactivate", "--sync", history, check=False)
        desktop.run("xdotool", "windowfocus", "--sync", history, check=False)
        desktop.run("xdotool", "key", "--clearmodifiers", "alt+t")
        time.sleep(0.8)  # the charts come a moment after the window
        desktop.screenshot("history-activities", history)
        assert cli(desktop, tmp_path, "quit").returncode == 0
        finish(proc, data)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
