"""Scheduling and breaks: the plan on the scheduler, the notice and the break when they
are due, the quiet-when-busy wait, the routines in turn, the break window and its answer.

Time flows like this: the coach computes a plan (a wall-clock due time) from the
journal; an APScheduler ``QtScheduler`` wakes us at the notice and due times.  Its jobs
run on the debug executor, i.e. on the Qt main thread where the scheduler wakes, so
widgets are only ever touched from the GUI thread.  A one-minute tick polls idle time
and notices sleep or clock jumps, then plans again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from apscheduler.schedulers.base import BaseScheduler
from PySide6.QtCore import QCoreApplication, QTimer

from ..core.clock import Clock
from ..core.coach import Coach, SnoozeRefused, describe_plan
from ..core.commands import CommandError
from ..core.journal import JournalError, Outcome, StepRecord
from ..core.library import Library, Routine
from ..core.notice import notice_before, notice_due
from ..core.policy import PauseKind, Plan, State
from ..core.program import DESK_ROUTINE_ID, HomeSession, Program
from ..core.quiet import QuietGate
from ..core.settings_model import SettingsModel
from ..ui.i18n import translate
from .journal_guard import JournalGuard
from .services import SoundPlayer
from .watch import DesktopWatch
from .windows import OnceWindows, WindowName

if TYPE_CHECKING:
    from ..desktop.notify import NotifierChain
    from ..ui.guided_break import GuidedBreakWindow
    from ..ui.tray import TrayController

log = logging.getLogger(__name__)

BREAK: WindowName[GuidedBreakWindow] = WindowName("break")  # the break window


class BreakController:
    """Plans, reminds and shows breaks; records their answers through the coach."""

    def __init__(self, *, coach: Coach, scheduler: BaseScheduler, tray: TrayController,
                 notifier: NotifierChain, sounds: SoundPlayer, clock: Clock, tz: tzinfo,
                 model: SettingsModel, library: Callable[[], Library],
                 program: Callable[[], Program | None], windows: OnceWindows,
                 guard: JournalGuard, watch: DesktopWatch):
        self.coach = coach
        self.scheduler = scheduler
        self.tray = tray
        self.notifier = notifier
        self.sounds = sounds
        self.clock = clock
        self.tz = tz
        self.model = model
        self._library = library
        self._program = program
        self.windows = windows
        self.guard = guard
        self.watch = watch  # the idle monitor and the busy signals
        self.ice_heat_left: int | None = None  # seconds, while an ice/heat session runs
        self.check_program: Callable[[], bool] = lambda: False  # set by the root
        self.history_changed: Callable[[], None] = lambda: None
        self.pain_rated: Callable[[int], None] = lambda rating: None
        self.break_shown: Callable[[], None] = lambda: None  # other windows make way
        self.session_for_routine: Callable[[str], HomeSession | None] = lambda rid: None
        self.quiet_gate = QuietGate(clock, timedelta(minutes=model.current.quiet_limit_min))
        self.quiet_timer = QTimer()
        self.quiet_timer.setSingleShot(True)
        self._quiet_due: datetime | None = None
        self.quiet_timer.timeout.connect(self._quiet_recheck)
        self._notified_for: datetime | None = None
        self.routine_id = ""  # the next break's routine: rotation()[0] once all is built
        model.subscribe(("snooze_cap",), lambda new, old: setattr(
            coach, "snooze_cap", new.snooze_cap))
        model.subscribe(("quiet_limit_min",), lambda new, old: setattr(
            self.quiet_gate, "limit", timedelta(minutes=new.quiet_limit_min)))
        model.subscribe(("routines",), lambda new, old: setattr(
            self, "routine_id", self.rotation()[0]))
        coach.snooze_cap = model.current.snooze_cap

    @property
    def library(self) -> Library:
        return self._library()

    @property
    def window(self) -> GuidedBreakWindow | None:
        return self.windows.get(BREAK)

    # ------------------------------------------------------------------ planning
    def replan(self) -> None:
        self.apply(self.coach.replan())

    def apply(self, plan: Plan) -> None:
        """Schedule the one notice and the one break of this plan; show the state."""
        for job_id in ("notice", "due"):
            if self.scheduler.get_job(job_id) is not None:
                self.scheduler.remove_job(job_id)
        if plan.due is not None:
            if plan.notice_at is not None and plan.notice_at < plan.due and \
                    self.model.current.notice_s > 0:
                self.scheduler.add_job(_later, "date", run_date=plan.notice_at,
                                       id="notice", args=[self.on_notice, plan.due])
            self.scheduler.add_job(_later, "date", run_date=plan.due, id="due",
                                   args=[self.on_due, plan.due])
        self.refresh_tray(plan)
        log.info("planned: %s", describe_plan(plan, self.clock.now(), self.tz))

    def refresh_tray(self, plan: Plan | None = None) -> None:
        plan = plan or self.coach.current_plan
        text = describe_plan(plan, self.clock.now(), self.tz, translate)
        if self.coach.pending is not None:
            state, text = "due", translate("App", "A break is waiting for you")
        elif self.ice_heat_left is not None:
            minutes, seconds = divmod(max(0, self.ice_heat_left), 60)
            state, text = "paused", translate(
                "App", "Ice/heat: {time} left; breaks wait").format(
                    time=f"{minutes:02d}:{seconds:02d}")
        elif plan.state is State.PAUSED:
            state = "paused"
        else:
            state = "running"
        self.tray.set_state(state, text, paused=bool(plan.pause_until)
                            or PauseKind.USER in plan.paused_by)
        self.tray.set_snooze_block(self.snooze_block(), self.model.current.snooze_cap)

    def next_break_text(self) -> str:
        plan = self.coach.current_plan
        now = self.clock.now()
        if self.coach.pending is not None:
            return translate("App", "A break is waiting for you")
        if plan.due is None:
            return describe_plan(plan, now, self.tz, translate)
        seconds = max(0, int((plan.due - now).total_seconds()))
        if seconds >= 3600:
            return describe_plan(plan, now, self.tz, translate)
        minutes, secs = divmod(seconds, 60)
        left = f"{minutes:02d}:{secs:02d}"
        if plan.state is State.PAUSED:
            return translate("App", "Paused: next break in {time}").format(time=left)
        return translate("App", "Next break in {time}").format(time=left)

    def look_around(self) -> bool:
        """Sleep, clock jumps and idle time since the last look; True when the plan changed."""
        changed = self.coach.check_clock()
        monitor = self.watch.monitor()
        if monitor is not None:
            try:
                changed = self.coach.observe_idle(monitor.idle_seconds()) or changed
            except Exception:
                log.exception("idle detection failed; turning it off")
                self.watch.idle = None
        return changed

    def tick(self) -> None:
        """Once a minute: save what a journal fault kept back; look around; plan again if
        anything changed."""
        def look() -> None:
            saved = self.guard.save_kept()
            if self.check_program() | self.look_around() or saved:
                self.replan()
                self.history_changed()  # a natural break may have been recorded
            else:
                self.refresh_tray()
        self.guard.run(look, writes=self.guard.keeping)

    # ------------------------------------------------------------------ reminders
    def on_notice(self, due: datetime) -> None:
        seconds = max(1, round((due - self.clock.now()).total_seconds()))
        routine = self.library.routine(self.routine_id)
        self._notified_for = due
        if self.model.current.notifications:
            self.notifier.notify(*notice_before(seconds, routine.name, routine.seconds,
                                                translate))

    def on_due(self, due: datetime) -> None:
        if self.coach.pending is not None:
            return  # already on screen (a recheck and the planned job may both fire)
        self.guard.run(lambda: self._on_due(due), writes=False)

    def _on_due(self, due: datetime) -> None:
        if self.look_around():  # woke from sleep, or the user is away: plan again instead
            self.quiet_gate.reset()
            self.replan()
            return
        if not self._quiet_allows(due):
            return
        routine = self.library.routine(self.routine_id)
        if self._notified_for != due and self.model.current.notifications:
            self.notifier.notify(*notice_due(routine.name, routine.seconds, translate))
        self.show_break(routine, planned_at=due)

    def _quiet_allows(self, due: datetime) -> bool:
        """A due break waits while the user is busy (fullscreen, Do Not Disturb), up to the
        limit in the settings; True when it may be shown now."""
        busy = None
        limit = self.model.current.quiet_limit_min
        signal = self.watch.busy_signal()
        if signal is not None and limit > 0:
            try:
                busy = signal.busy()
            except Exception:
                log.exception("the busy signal failed; breaks no longer wait")
                self.watch.quiet = None
        verdict = self.quiet_gate.check(busy)
        if verdict.show:
            self.quiet_timer.stop()
            if verdict.reason == "limit":
                log.info("the break waited %s while you were busy: the limit; it comes now",
                         verdict.waited)
            elif verdict.waited:
                log.info("the break waited %s while you were busy; it comes now",
                         verdict.waited)
            return True
        if not self.quiet_timer.isActive():
            log.info("a break is due but you are busy (%s); it waits up to %d min",
                     verdict.reason, limit)
        assert verdict.recheck_at is not None
        self._quiet_due = due
        wait_ms = max(0, int((verdict.recheck_at - self.clock.now()).total_seconds() * 1000))
        self.quiet_timer.start(wait_ms)
        minutes = max(1, round((self.quiet_gate.limit - verdict.waited).total_seconds() / 60))
        self.tray.set_state("due", QCoreApplication.translate(
            "PostureCoachApp", "A break waits while you are busy (at most {n} min more)"
        ).format(n=minutes), paused=False)
        return False

    def _quiet_recheck(self) -> None:
        if self._quiet_due is not None:
            self.on_due(self._quiet_due)

    def snooze_block(self) -> str | None:
        """Why snoozing makes no sense now (the tray greys its entries and says why)."""
        try:
            return None if not self.model.current.snooze_minutes else \
                self.coach.snooze_block()
        except JournalError:
            return None

    def can_snooze(self) -> bool:
        try:
            return bool(self.model.current.snooze_minutes) and self.coach.can_snooze()
        except JournalError:
            return True

    def close(self) -> None:
        """Quitting: the busy wait, the scheduler and the idle monitor stop."""
        self.quiet_timer.stop()
        try:
            self.scheduler.shutdown(wait=False)
        except Exception:  # already stopped
            pass
        self.watch.close()

    # ------------------------------------------------------------------ routines in turn
    def rotation(self) -> list[str]:
        """The routines breaks take in turn: the home program's desk break while a program
        prescribes one, else the settings' rotation."""
        library, program = self.library, self._program()
        if program is not None and program.desk_break and library.has_routine(DESK_ROUTINE_ID):
            return [DESK_ROUTINE_ID]
        known = [r for r in self.model.current.routines if library.has_routine(r)]
        return known or [library.routines[0].id]

    def advance_rotation(self) -> None:
        rotation = self.rotation()
        index = rotation.index(self.routine_id) if self.routine_id in rotation else -1
        self.routine_id = rotation[(index + 1) % len(rotation)]

    # ------------------------------------------------------------------ the break window
    def show_break(self, routine: Routine, planned_at: datetime | None,
                   home_session: str | None = None) -> None:
        from ..ui.guided_break import GuidedBreakWindow

        if self.window is not None:
            self.window.raise_()
            return
        self.quiet_gate.reset()
        self.quiet_timer.stop()
        if home_session is None and planned_at is None:
            session = self.session_for_routine(routine.id)  # a home session started by hand
            home_session = session.id if session is not None else None
        self.coach.start_break(routine.id, planned_at, home_session)
        settings = self.model.current
        snooze = settings.snooze_minutes[0] if settings.snooze_minutes else 5
        window = GuidedBreakWindow(routine, self.clock, snooze_minutes=snooze,
                                   fullscreen=settings.fullscreen_breaks,
                                   break_min=settings.break_min,
                                   move_illustration=self._keep_moving_drawing(),
                                   library=self.library, program=self._program(),
                                   done_before=self._exercises_done())
        if not self.can_snooze():
            window.refuse_snooze()
        window.finished.connect(self.finish_break)
        window.snoozed.connect(self.snooze)
        window.step_changed.connect(lambda _index: self.sounds.play("step"))
        self.windows.add(BREAK, window)
        window.show()
        self.break_shown()
        self.guard.run(self.replan, writes=False)

    def _exercises_done(self) -> frozenset[str]:
        """Exercises done in an earlier break (the others show their cautions up front);
        none if the journal cannot say (then every exercise shows them)."""
        try:
            return self.coach.journal.exercises_done()
        except JournalError:
            return frozenset()

    def _keep_moving_drawing(self) -> Path | None:
        """The keep-moving screen (break length) shows the walk's drawing, if there is one."""
        if self.library.has_exercise("walk-break"):
            return self.library.exercise("walk-break").illustration
        return None

    def finish_break(self, outcome: Outcome, records: tuple[StepRecord, ...] = (),
                     rating: int | None = None) -> None:
        """The break window's answer: what was done step by step, and how the back feels."""
        self.windows.forget(BREAK)
        self.sounds.play("end")
        if self.coach.pending is not None and self.coach.pending.routine_id == self.routine_id:
            self.advance_rotation()  # the next break brings the next routine
        at = self.clock.now()
        started = self.coach.pending.started_at if self.coach.pending else None
        journal = self.coach.journal

        def pain() -> None:  # tied to this break, even if saved later after others
            found = [b for b in journal.breaks_between(
                started, at + timedelta(seconds=1)) if b.started_at == started] \
                if started is not None else []
            journal.record_pain(at=at, rating=rating,  # type: ignore[arg-type]
                                break_id=found[-1].id if found else None)

        def record() -> None:
            plan = self.coach.finish_break(outcome, tuple(records))
            if rating is not None:
                self.guard.kept.append(pain)  # after the break, so it can name it
            self.apply(plan)
            self.guard.save_kept()
            self.history_changed()

        if not self.guard.run(record) and rating is not None:
            self.guard.keep(pain)  # the break is kept in the coach; the rating here
        if rating is not None:
            self.guard.run(lambda: self.pain_rated(rating))  # safety screen, evaluation

    def record_unfinished(self) -> None:
        """Quitting in the middle of a break keeps what was done: the break as partly
        done or skipped, with its steps."""
        window = self.window
        if window is not None and not window.answered and self.coach.pending is not None:
            player = window.player
            player.finish()
            outcome, records = player.outcome(), player.records()
            log.info("quitting during a break: recorded as %s", outcome.value)
            self.guard.run(lambda: self.coach.finish_break(outcome, records))

    # ------------------------------------------------------------------ user actions
    def open_break(self) -> None:
        window = self.window
        if window is not None:
            window.raise_()
            window.activateWindow()
        else:
            self.break_now(self.routine_id)

    def break_now(self, routine_id: str) -> None:
        if not self.library.has_routine(routine_id):
            raise CommandError(f"unknown routine {routine_id!r}; routines: "
                               + ", ".join(r.id for r in self.library.routines))
        self.show_break(self.library.routine(routine_id), planned_at=None)

    def snooze(self, minutes: int) -> None:
        if not self.coach.can_snooze():
            cap = self.model.current.snooze_cap
            log.info("snooze refused: %d snoozes in a row is the most the settings allow", cap)
            raise CommandError(QCoreApplication.translate(
                "PostureCoachApp", "You have snoozed {n} times in a row, the most your "
                "settings allow: take or skip this break.").format(n=cap))
        self.windows.close(BREAK, quietly=True)
        try:
            self.guard.run(lambda: self.apply(self.coach.snooze(minutes)))
        except SnoozeRefused as exc:  # pragma: no cover - checked just above
            raise CommandError(str(exc)) from exc

    def pause(self, choice: str) -> None:
        self.guard.run(lambda: self.apply(self.coach.pause(choice)))

    def resume(self) -> None:
        self.guard.run(lambda: self.apply(self.coach.resume()))


def _later(handler: Callable[[datetime], None], due: datetime) -> None:
    """Run a job's work once the scheduler has finished with the job (it removes a fired
    date job after running it, so the work must not reschedule inside)."""
    QTimer.singleShot(0, lambda: handler(due))
