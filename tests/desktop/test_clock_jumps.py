"""Clock jumps on the real app on the real desktop, under Debian's libfaketime.

The app runs with ``LD_PRELOAD=libfaketime`` and ``FAKETIME_TIMESTAMP_FILE``: the test
moves the wall clock of the running process by rewriting that file (``FAKETIME_NO_CACHE``
makes every clock read see it).  ``FAKETIME_DONT_FAKE_MONOTONIC`` keeps the monotonic
clock real, so Qt's timers run normally and the jump looks to the app exactly like a
clock change or a wake from suspend (wall clock moved, monotonic clock did not).
Checked here: libfaketime moves ``datetime.now()`` of the running PySide6 app while its
QTimers keep firing.

The app's one-minute look-around tick is shortened to 1 s (``POSTURE_COACH_TEST_TICK_S``)
so each jump is noticed within a second instead of a minute; the logic is the same.
Reminders are counted where the user sees them: dunst's notifications and break windows.
"""

from __future__ import annotations

import glob
import json
import sqlite3
import subprocess
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.desktop.test_app_window import start_app
from tests.desktop.test_tray_flow import cli, notifications
from tests.desktop.xdesktop import Desktop, require_tools, stop_process

pytestmark = pytest.mark.desktop

BERLIN = ZoneInfo("Europe/Berlin")


def libfaketime() -> str:
    require_tools("faketime")
    found = sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1")
                   + glob.glob("/usr/lib/faketime/libfaketime.so.1"))
    if not found:
        require_tools("libfaketime.so.1")
    return found[0]


class FakeWallClock:
    """The running app's wall clock, moved by rewriting libfaketime's file."""

    def __init__(self, path: Path):
        self.path = path

    def set(self, when: datetime) -> None:
        offset = (when - datetime.now(timezone.utc)).total_seconds()
        self.path.write_text(f"{offset:+.0f}s\n")

    def env(self) -> dict[str, str]:
        return {"LD_PRELOAD": libfaketime(), "FAKETIME_TIMESTAMP_FILE": str(self.path),
                "FAKETIME_NO_CACHE": "1", "FAKETIME_DONT_FAKE_MONOTONIC": "1"}


def reminders(desktop: Desktop) -> int:
    return sum(1 for s in notifications(desktop) if s == "Time for a break")


def status(desktop: Desktop, tmp_path: Path) -> dict[str, object]:
    out = subprocess.run(
        [str(Path(__import__("sys").executable).parent / "python"), "-c",
         "import json, sys; from pathlib import Path;"
         "from posture_coach.desktop.channel.client import send_command;"
         "print(json.dumps(send_command(Path(sys.argv[1]), {'cmd': 'status'})))",
         str(tmp_path / "data")], env=desktop.env, capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    return dict(json.loads(out.stdout))


def journal_rows(tmp_path: Path) -> list[tuple[str, str | None, str, str]]:
    db = sqlite3.connect(f"file:{tmp_path / 'data' / 'journal.sqlite3'}?mode=ro", uri=True)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return db.execute("SELECT outcome, planned_at, started_at, ended_at FROM breaks"
                          " ORDER BY id").fetchall()
    finally:
        db.close()


def settle(seconds: float = 3.0) -> None:
    """Let a few 1-s ticks pass (the thing tested is that nothing happens)."""
    time.sleep(seconds)


def run_app(desktop: Desktop, tmp_path: Path, clock: FakeWallClock, settings: str,
            interval_s: int, tz: str) -> subprocess.Popen[str]:
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "settings.yaml").write_text(settings)
    env = dict(desktop.env, POSTURE_COACH_TEST_INTERVAL_S=str(interval_s),
               POSTURE_COACH_TEST_TICK_S="1", TZ=tz, **clock.env())
    proc = start_app(Desktop(desktop.display, env, desktop.shots, desktop.procs), tmp_path)
    desktop.wait_for(lambda: cli(desktop, tmp_path, "status").returncode == 0, 30,
                     "the app to answer status")
    return proc


def finish(proc: subprocess.Popen[str], desktop: Desktop, tmp_path: Path) -> None:
    try:
        cli(desktop, tmp_path, "quit")
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            stop_process(proc)
    err = proc.stderr.read() if proc.stderr else ""
    assert "Traceback" not in err, err
    log = (tmp_path / "data" / "logs" / "posture-coach.log").read_text()
    assert "Traceback" not in log and "unexpected error" not in log, log


WORKDAY = """\
version: 1
work_days: [mon, tue, wed, thu, fri, sat, sun]
work_start: "08:00"
work_end: "18:00"
notice_s: 0
natural_break_min: 3
idle_detection: false
"""


def test_jumps_forward_back_and_out_of_hours(desktop: Desktop, tmp_path: Path) -> None:
    clock = FakeWallClock(tmp_path / "faketime")
    start = datetime(2026, 11, 24, 10, 0, tzinfo=BERLIN)  # a Tuesday
    clock.set(start)
    desktop.run("dunstctl", "history-clear", check=False)
    proc = run_app(desktop, tmp_path, clock, WORKDAY, interval_s=300, tz="Europe/Berlin")
    try:
        first = status(desktop, tmp_path)
        now = datetime.fromisoformat(str(first["now"]))
        assert abs((now - start).total_seconds()) < 30, now  # the app runs on the fake clock
        assert first["state"] == "running"

        # forward by three hours (a clock change, or a laptop waking): a natural break,
        # the next one an interval later; no reminder for the due time jumped over
        clock.set(start + timedelta(hours=3))
        desktop.wait_for(lambda: any(r[0] == "natural" for r in journal_rows(tmp_path)), 15,
                         "the jump to count as a natural break")
        settle()
        after = status(desktop, tmp_path)
        assert reminders(desktop) <= 1 and not desktop.windows("Break: ")
        assert reminders(desktop) == 0
        assert 0 < int(after["seconds_to_next"]) <= 300, after  # type: ignore[call-overload]

        # back by an hour: planned again from now, no burst, nothing recorded
        rows = journal_rows(tmp_path)
        clock.set(start + timedelta(hours=2))
        settle()
        back = status(desktop, tmp_path)
        assert reminders(desktop) == 0 and not desktop.windows("Break: ")
        assert journal_rows(tmp_path) == rows
        assert 0 < int(back["seconds_to_next"]) <= 300, back  # type: ignore[call-overload]

        # forward past the end of the working day: no reminder until tomorrow 08:00
        clock.set(datetime(2026, 11, 24, 19, 30, tzinfo=BERLIN))
        desktop.wait_for(lambda: status(desktop, tmp_path)["state"] == "outside-hours", 15,
                         "the app to notice the working day is over")
        settle()
        evening = status(desktop, tmp_path)
        due = datetime.fromisoformat(str(evening["next_break"])).astimezone(BERLIN)
        assert due.date() == datetime(2026, 11, 25).date() and due.hour == 8, due
        assert reminders(desktop) == 0 and not desktop.windows("Break: ")
    finally:
        finish(proc, desktop, tmp_path)
    for outcome, _planned, started, ended in journal_rows(tmp_path):
        assert outcome == "natural" and started <= ended


ALL_DAY = WORKDAY.replace('"08:00"', '"00:00"').replace('"18:00"', '"23:59"')


@pytest.mark.parametrize("crossing", [
    pytest.param(datetime(2026, 10, 25, 0, 59, 55, tzinfo=timezone.utc), id="fall-back"),
    pytest.param(datetime(2026, 3, 29, 0, 59, 55, tzinfo=timezone.utc), id="spring-forward"),
])
def test_a_dst_change_gives_one_reminder_on_time(desktop: Desktop, tmp_path: Path,
                                                 crossing: datetime) -> None:
    """Europe/Berlin changes at 01:00 UTC: the break due 8 s after a start 5 s before
    the change comes once, 8 s later, not an hour early or late and not twice."""
    clock = FakeWallClock(tmp_path / "faketime")
    clock.set(crossing)
    desktop.run("dunstctl", "history-clear", check=False)
    proc = run_app(desktop, tmp_path, clock, ALL_DAY, interval_s=8, tz="Europe/Berlin")
    try:
        window = desktop.wait_window("Break: ", timeout=40)
        desktop.wait_for(lambda: reminders(desktop) >= 1, 15, "the reminder (dunst)")
        desktop.run("xdotool", "windowfocus", "--sync", window, check=False)

        def answer() -> bool:
            desktop.run("xdotool", "key", "--window", window, "Return", check=False)
            desktop.run("xdotool", "key", "--window", window, "7", check=False)
            return not desktop.windows("Break: ")
        desktop.wait_for(answer, 15, "the break window to take Enter and a rating")
        desktop.wait_for(lambda: journal_rows(tmp_path), 10, "the break in the journal")
        settle()
        assert reminders(desktop) == 1
    finally:
        finish(proc, desktop, tmp_path)
    [(outcome, planned, started, _ended)] = journal_rows(tmp_path)
    planned_at = datetime.fromisoformat(str(planned))
    started_at = datetime.fromisoformat(started)
    assert outcome == "skipped"
    assert crossing + timedelta(seconds=5) < planned_at <= crossing + timedelta(seconds=20)
    assert planned_at > datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert timedelta(0) <= started_at - planned_at < timedelta(seconds=2)
