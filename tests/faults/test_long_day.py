"""An eight-hour working day, compressed: the wired app (offscreen) with a fake clock,
its scheduler's jobs fired by the test at their run times (as QtScheduler would), the
minute tick run every minute, and the user doing every break shown (some fully, some
skipped, one snoozed), taking an ice session and walking away for a while.

Checked: every reminder fires at its planned time, and that time is the interval after
the last break (or the snooze's end); the notice comes before it; none outside working
hours; the journal holds one row per answered break; no windows, scheduler jobs,
timers or threads are left over.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal, Outcome
from posture_coach.core.settings import load_settings
from posture_coach.desktop.sound import SilentSounds
from posture_coach.shell.app import JOURNAL_NAME, PostureCoachApp, Services, load_app_library
from tests.qt.test_app import TZ, FakeIdle, FakeNotifier, play_through

SETTINGS = """\
version: 1
work_days: [mon, tue, wed, thu, fri]
work_start: "09:00"
work_end: "17:00"
interval_min: 45
notice_s: 30
natural_break_min: 5
idle_detection: true
"""
MONDAY_0830 = datetime(2026, 11, 23, 8, 30, tzinfo=TZ)
EVENING = datetime(2026, 11, 23, 18, 30, tzinfo=TZ)


def live_windows() -> list[object]:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_a_compressed_working_day(tmp_path: Path, qtbot: QtBot) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.yaml").write_text(SETTINGS)
    clock = FakeClock(MONDAY_0830)
    notifier, idle = FakeNotifier(), FakeIdle()
    services = Services(config, tmp_path / "data", clock, TZ, idle=idle, notifiers=[notifier],
                        use_tray=False, run_jobs=False, sounds=SilentSounds())
    journal = Journal.open(tmp_path / "data" / JOURNAL_NAME, clock)
    app = PostureCoachApp(services, load_app_library(config).library,
                          load_settings(config, clock.now()), journal)
    app.start()
    threads = threading.active_count()
    windows = len(live_windows())
    next_tick = clock.now() + timedelta(minutes=1)
    reminders: list[tuple[datetime, datetime]] = []  # (planned, shown)
    notices: list[datetime] = []
    expected_due: list[datetime] = []
    answered = 0
    away_until: datetime | None = None
    iced = False
    try:
        while clock.now() < EVENING:
            jobs = [j for j in (app.scheduler.get_job("notice"), app.scheduler.get_job("due"))
                    if j is not None]
            job = min(jobs, key=lambda j: j.next_run_time, default=None)
            if job is not None and job.next_run_time <= next_tick:
                clock.set(job.next_run_time)
                assert clock.now() == job.next_run_time
                if job.id == "due":
                    expected_due.append(app.coach.current_plan.due)
                app.scheduler.remove_job(job.id)  # a fired date job is gone
                job.func(*job.args)
                qtbot.waitUntil(lambda: True, timeout=50)  # run the queued handler
                QCoreApplication.processEvents()
                if job.id == "notice":
                    notices.append(clock.now())
                    continue
                if app.break_window is None:
                    continue  # planned again instead (the user is away)
                pending = app.coach.pending
                assert pending is not None
                reminders.append((job.next_run_time, pending.started_at))
                answered += 1
                if answered == 3:
                    app.snooze(10)
                elif answered % 2:
                    rating = answered % 11
                    play_through(app, clock, rating=rating)
                    # a rating of 8 or more shows the safety screen; the user closes it
                    assert (app.safety_dialog is not None) == (rating >= 8)
                    if app.safety_dialog is not None:
                        app.safety_dialog.close()
                else:
                    clock.advance(seconds=20)  # a look, then skip the rest
                    app.break_window.finish()
                    app.break_window.rate(None)
                assert app.break_window is None or not app.break_window.isVisible()
                continue
            clock.advance(seconds=(next_tick - clock.now()).total_seconds())
            next_tick += timedelta(minutes=1)
            now = clock.now()
            if not iced and now >= datetime(2026, 11, 23, 13, 5, tzinfo=TZ):
                iced = True
                app._ice_heat_started("ice", 10)
                ice_start = now
            if iced and app.ice_heat_left is not None and now >= ice_start + timedelta(
                    minutes=10):
                app._ice_heat_ended("ice", 10, True, ice_start, now)
            if away_until is None and now >= datetime(2026, 11, 23, 15, 2, tzinfo=TZ):
                away_until = now + timedelta(minutes=20)
            if away_until is not None and now < away_until:
                idle.seconds = (now - (away_until - timedelta(minutes=20))).total_seconds()
            else:
                idle.seconds = 3.0
            app.tick()
        # on time: shown at the planned moment, planned where the plan said
        assert reminders and all(shown == planned for planned, shown in reminders)
        assert [p for p, _ in reminders] == expected_due[:len(reminders)]
        for planned, _shown in reminders:
            local = planned.astimezone(TZ)
            assert local.weekday() < 5 and 9 <= local.hour < 17, local
        assert len(notices) >= len(reminders)
        rows = journal.breaks_between(MONDAY_0830, EVENING)
        answered_rows = [r for r in rows if r.outcome is not Outcome.NATURAL]
        assert len(answered_rows) == answered
        assert any(r.outcome is Outcome.NATURAL for r in rows)  # the walk counted
        assert any(r.outcome is Outcome.SNOOZED for r in rows)
        # each reminder is planned an interval after the last counted break (the day's
        # start for the first), or at the end of a snooze asked for after it
        counts = (Outcome.DONE, Outcome.PARTIAL, Outcome.SKIPPED, Outcome.NATURAL)
        for planned, _shown in reminders:
            before = [r for r in rows if r.ended_at < planned]
            reset = max((r.ended_at for r in before if r.outcome in counts),
                        default=datetime(2026, 11, 23, 9, tzinfo=TZ))
            snoozes = [r for r in before if r.outcome is Outcome.SNOOZED and r.ended_at > reset]
            want = snoozes[-1].snooze_until if snoozes else reset + timedelta(minutes=45)
            assert planned == want, (planned, want)
        assert 7 <= answered <= 11, answered  # an 8-hour day at 45-minute intervals
        assert journal.last_thermal() is not None
        # nothing left over
        assert app.break_window is None
        assert len(live_windows()) == windows
        assert threading.active_count() == threads
        assert len(app.scheduler.get_jobs()) <= 2
        leftover = [t for t in app.tray.findChildren(QTimer) if t.isActive()]
        assert len(leftover) <= 1, leftover  # at most the tooltip's own timer
    finally:
        app.quit()
