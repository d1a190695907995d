"""The scheduling-and-breaks controller on its own: a fake scheduler, tray, notifier and
sounds, a fake clock, the real coach over an in-memory journal and the bundled library."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from posture_coach.core import paths
from posture_coach.core.clock import FakeClock
from posture_coach.core.coach import Coach
from posture_coach.core.commands import CommandError
from posture_coach.core.journal import Journal, Outcome
from posture_coach.core.library import load_library_file
from posture_coach.core.settings import Settings
from posture_coach.core.settings_model import SettingsModel
from posture_coach.shell.breaks import BreakController
from posture_coach.shell.journal_guard import JournalGuard
from posture_coach.shell.watch import DesktopWatch
from posture_coach.shell.windows import OnceWindows

TZ = ZoneInfo("Europe/Berlin")
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)
LIBRARY = load_library_file(paths.bundled_library()).localized("en")


class Job:
    def __init__(self, job_id: str, run_date: datetime, args: list[Any]):
        self.id, self.run_date, self.args = job_id, run_date, args


class FakeScheduler:
    def __init__(self) -> None:
        self.jobs: dict[str, Job] = {}

    def get_job(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)

    def remove_job(self, job_id: str) -> None:
        del self.jobs[job_id]

    def add_job(self, func: Any, trigger: str, run_date: datetime, id: str,
                args: list[Any]) -> None:
        self.jobs[id] = Job(id, run_date, args)


class FakeTray:
    def __init__(self) -> None:
        self.states: list[tuple[str, str]] = []
        self.snooze_enabled: bool | None = None

    def set_state(self, state: str, text: str, paused: bool = False) -> None:
        self.states.append((state, text))

    def set_snooze_enabled(self, enabled: bool) -> None:
        self.snooze_enabled = enabled

    def set_snooze_block(self, block: str | None, cap: int | None = None) -> None:
        self.snooze_block = block
        self.snooze_enabled = block is None


class Recorder:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []
        self.played: list[str] = []

    def notify(self, title: str, message: str) -> str:
        self.sent.append((title, message))
        return "fake"

    def play(self, name: str) -> None:
        self.played.append(name)


class Busy:
    name = "fake busy"

    def __init__(self, busy: bool) -> None:
        self.is_busy = busy

    def busy(self) -> str | None:
        return "a fullscreen window" if self.is_busy else None


@pytest.fixture
def parts(tmp_path: Path, qtbot: QtBot) -> Iterator[tuple[BreakController, FakeClock,
                                                          Recorder, FakeTray]]:
    clock = FakeClock(MONDAY_10)
    others = [r.id for r in LIBRARY.routines if r.id != "desk-reset"]
    settings = replace(Settings(), work_days=(0, 1, 2, 3, 4, 5, 6),
                       routines=("desk-reset", others[0]))
    journal = Journal.in_memory(tmp_path / "journal.sqlite3", clock)
    coach = Coach(journal, clock, TZ, settings.schedule())
    model = SettingsModel(settings)
    recorder, tray = Recorder(), FakeTray()
    holder: dict[str, BreakController] = {}
    guard = JournalGuard(lambda: journal, coach, recorder.notify,
                         lambda: holder["breaks"].replan())
    breaks = BreakController(coach=coach, scheduler=FakeScheduler(), tray=tray,
                             notifier=recorder, sounds=recorder, clock=clock, tz=TZ,
                             model=model, library=lambda: LIBRARY, program=lambda: None,
                             windows=OnceWindows(), guard=guard,
                             watch=DesktopWatch(model=model, coach=coach, sounds=recorder))
    holder["breaks"] = breaks
    breaks.routine_id = breaks.rotation()[0]
    yield breaks, clock, recorder, tray
    breaks.windows.close("break", quietly=True)
    journal.close()


def test_a_plan_puts_one_notice_and_one_break_on_the_scheduler(parts: Any) -> None:
    breaks, _clock, _recorder, tray = parts
    breaks.replan()
    due = breaks.scheduler.get_job("due")
    notice = breaks.scheduler.get_job("notice")
    assert due.run_date == MONDAY_10 + timedelta(minutes=45)
    assert notice.run_date == MONDAY_10 + timedelta(minutes=45, seconds=-30)
    assert tray.states[-1] == ("running", "Next break at 10:45 (in 45 min)")
    breaks.replan()
    assert sorted(breaks.scheduler.jobs) == ["due", "notice"]  # replaced, not added


def test_a_due_break_is_announced_shown_once_and_recorded(parts: Any, qtbot: QtBot) -> None:
    breaks, clock, recorder, tray = parts
    breaks.replan()
    due = breaks.coach.current_plan.due
    clock.advance(minutes=45)
    breaks.on_due(due)
    window = breaks.window
    assert window is not None and window.isVisible()
    assert recorder.sent[-1][0] == "Time for a break"
    assert tray.states[-1][0] == "due"
    breaks.on_due(due)  # a recheck while it shows: nothing new
    assert breaks.window is window and len(recorder.sent) == 1
    first = breaks.routine_id
    breaks.finish_break(Outcome.DONE, ())
    assert breaks.window is None and "end" in recorder.played
    assert breaks.coach.journal.last_break().outcome is Outcome.DONE
    assert breaks.routine_id != first  # the next routine in the rotation
    assert breaks.coach.current_plan.due == clock.now() + timedelta(minutes=45)


def test_snooze_closes_the_window_and_plans_the_break_minutes_later(parts: Any) -> None:
    breaks, clock, _recorder, _tray = parts
    breaks.replan()
    clock.advance(minutes=45)
    breaks.on_due(breaks.coach.current_plan.due)
    breaks.snooze(10)
    assert breaks.window is None
    assert breaks.coach.journal.last_break().outcome is Outcome.SNOOZED
    assert breaks.scheduler.get_job("due").run_date == clock.now() + timedelta(minutes=10)


def test_snoozing_past_the_cap_is_refused_with_the_reason(parts: Any) -> None:
    breaks, clock, _recorder, _tray = parts
    breaks.model.set(replace(breaks.model.current, snooze_cap=1))
    assert breaks.coach.snooze_cap == 1  # the controller subscribed to its setting
    breaks.replan()
    clock.advance(minutes=45)
    breaks.on_due(breaks.coach.current_plan.due)
    breaks.snooze(5)
    clock.advance(minutes=5)
    breaks.on_due(breaks.coach.current_plan.due)
    with pytest.raises(CommandError, match="snoozed 1 times in a row"):
        breaks.snooze(5)
    assert breaks.window is not None  # the break stays
    assert _tray.snooze_block == "cap"  # the tray greys its snooze entries and says why


def test_a_break_waits_while_the_user_is_busy(parts: Any) -> None:
    breaks, clock, _recorder, tray = parts
    busy = Busy(True)
    breaks.watch.quiet = busy
    breaks.replan()
    clock.advance(minutes=45)
    breaks.on_due(breaks.coach.current_plan.due)
    assert breaks.window is None and breaks.quiet_timer.isActive()
    assert tray.states[-1][1].startswith("A break waits while you are busy")
    busy.is_busy = False
    breaks.on_due(breaks.coach.current_plan.due)
    assert breaks.window is not None and not breaks.quiet_timer.isActive()
    breaks.quiet_timer.stop()


def test_a_changed_rotation_setting_restarts_the_rotation(parts: Any) -> None:
    breaks, _clock, _recorder, _tray = parts
    others = [r.id for r in LIBRARY.routines if r.id not in breaks.rotation()]
    breaks.model.set(replace(breaks.model.current, routines=(others[0],)))
    assert breaks.routine_id == others[0] and breaks.rotation() == [others[0]]
