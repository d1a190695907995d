"""The composition root: builds the services and the windows and wires them together.

This is the only module that knows everything: the core (settings, library,
journal, coach/policy), the desktop glue (notifications, idle time, the
single-instance command channel) and the widgets (tray, break window, library).

Time flows like this: the coach computes a plan (a wall-clock due time) from the
journal; an APScheduler ``QtScheduler`` wakes us at the notice and due times.
Its jobs run on the debug executor, i.e. on the Qt main thread where the
scheduler wakes, so widgets are only ever touched from the GUI thread.  A
one-minute tick polls idle time and notices sleep or clock jumps, then plans
again.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.qt import QtScheduler
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from ..core import paths
from ..core.clock import Clock
from ..core.coach import Coach, SnoozeRefused, describe_plan
from ..core.commands import CommandError, Request
from ..core.datafiles import JOURNAL_NAME as JOURNAL_NAME  # re-exported
from ..core.journal import Journal, JournalError, Outcome, StepRecord
from ..core.library import Library, LoadedLibrary, Routine, load_library
from ..core.notice import notice_before, notice_due
from ..core.policy import PauseKind, Plan, State
from ..core.program import DESK_ROUTINE_ID
from ..core.quiet import QuietGate
from ..core.settings import LoadedSettings, Settings, finish_migration, load_settings
from ..core.yaml import ParseCache
from ..ui.placement import show_placed
from .app_language import LanguageMixin
from .app_program import HomeProgramMixin

log = logging.getLogger(__name__)



def translate(context: str, source: str, disambiguation: str | None = None,
              n: int = -1) -> str:
    """Qt's translate in the shape the core's text functions take (core/texts.py)."""
    return QCoreApplication.translate(context, source, disambiguation, n)


TICK_MS = 60_000
TEST_INTERVAL_ENV = "POSTURE_COACH_TEST_INTERVAL_S"
TEST_TICK_ENV = "POSTURE_COACH_TEST_TICK_S"


def load_app_library(config: Path, cache: ParseCache | None = None) -> LoadedLibrary:
    return load_library(paths.bundled_library(), paths.user_library(config), cache=cache)


def local_zone() -> tzinfo:
    try:
        from tzlocal import get_localzone

        return get_localzone()
    except Exception:  # pragma: no cover - an unusual system: fall back to a fixed offset
        zone = datetime.now().astimezone().tzinfo
        assert zone is not None
        return zone


def interval_override() -> timedelta | None:
    """Tests and demos may shorten the interval to seconds (never set by users)."""
    raw = os.environ.get(TEST_INTERVAL_ENV)
    if not raw:
        return None
    try:
        seconds = float(raw)
    except ValueError:
        log.warning("ignoring %s=%r: not a number", TEST_INTERVAL_ENV, raw)
        return None
    if seconds <= 0:
        return None
    log.warning("break interval shortened to %s s by %s (for tests)", seconds,
                TEST_INTERVAL_ENV)
    return timedelta(seconds=seconds)


def tick_ms() -> int:
    """The look-around tick: a minute, or shorter for tests of clock jumps on the real
    app (``POSTURE_COACH_TEST_TICK_S``; never set by users)."""
    raw = os.environ.get(TEST_TICK_ENV)
    try:
        seconds = float(raw) if raw else 0.0
    except ValueError:
        seconds = 0.0
    return max(100, int(seconds * 1000)) if seconds > 0 else TICK_MS


@dataclass
class Services:
    """What the app is built from; tests replace any of it."""

    config: Path
    data: Path
    clock: Clock
    tz: tzinfo
    idle: Any = None  # desktop.idle.IdleMonitor | None; "auto" to detect
    notifiers: Any = None  # list of desktop.notify.Notifier; None for the default chain
    use_tray: bool | None = None
    run_jobs: bool = True  # False: jobs are planned but never fire (tests with a fake clock)
    sounds: Any = None  # desktop.sound.Sounds; None for the real one
    quiet: Any = None  # desktop.quiet.QuietSignal | None; "auto" to detect
    autostart: Any = None  # desktop.autostart.Autostart; None for this OS's own
    parse_cache: ParseCache | None = None  # parsed copies of files read (None: parse each)


class PostureCoachApp(HomeProgramMixin, LanguageMixin):
    """Everything wired together.  ``start()`` shows the tray and plans the first break."""

    def __init__(self, services: Services, library: Library, settings: LoadedSettings,
                 journal: Journal, tray_icon: QSystemTrayIcon | None = None):
        from ..desktop.notify import NotifierChain, default_chain
        from ..ui.i18n import current_language
        from ..ui.tray import TrayController, load_icons

        self.services = services
        self.source_library = library  # localized again when the language changes
        library = library.localized(current_language())  # names and steps in the UI language
        self.library = library
        self.loaded_settings = settings
        self.settings: Settings = settings.settings
        self.journal = journal
        self.clock = services.clock
        self.tz = services.tz
        self.coach = Coach(journal, self.clock, self.tz,
                           self.settings.schedule(interval_override()))
        self.coach.snooze_cap = self.settings.snooze_cap
        self.routine_id = self._rotation()[0]
        self.quiet = services.quiet
        self.quiet_gate = QuietGate(self.clock, timedelta(minutes=self.settings.quiet_limit_min))
        self.quiet_timer = QTimer()
        self.quiet_timer.setSingleShot(True)
        self._quiet_due: datetime | None = None
        self.quiet_timer.timeout.connect(self._quiet_recheck)
        self.settings_dialog: Any = None
        self.scheduler = QtScheduler(executors={"default": DebugExecutor()}, timezone=self.tz,
                                     job_defaults={"coalesce": True,
                                                   "misfire_grace_time": None})
        self.tray = TrayController(
            [(r.id, r.name) for r in library.routines], self.settings.snooze_minutes,
            load_icons(paths.assets_dir() / "icons"), self.next_break_text,
            use_tray=services.use_tray, tray_icon=tray_icon)
        if services.notifiers is not None:
            self.notifier = NotifierChain(list(services.notifiers))
        else:
            from ..ui.toast import Toast

            self.notifier = default_chain(self.tray.tray, Toast,
                                          paths.assets_dir() / "icons" / "posture-coach.svg")
        self.notifier.clicked.connect(self.open_break)
        self.idle = services.idle
        self.break_window: Any = None
        self.library_window: Any = None
        self.server: Any = None  # the command channel, kept alive with the app
        self.ice_heat_window: Any = None
        self.ice_heat_left: int | None = None
        self.history_window: Any = None
        self.pain_dialog: Any = None
        self.safety_dialog: Any = None
        if services.sounds is not None:
            self.sounds = services.sounds
        else:
            from ..desktop.sound import Sounds

            self.sounds = Sounds(paths.assets_dir() / "sounds", volume=self.settings.volume,
                                 muted=not self.settings.sound)
        self._notified_for: datetime | None = None
        self._quitting = False
        self._journal_fault: str | None = None  # the journal error the user was told about
        self._kept: list[Callable[[], None]] = []  # writes to retry once the journal works
        self.tick_timer = QTimer()
        self.tick_timer.setInterval(tick_ms())
        self.tick_timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self.tick_timer.timeout.connect(self.tick)
        self.tick_timer.timeout.connect(self.daily_checks)
        self._checked_on: Any = None  # the local day "time to get evaluated" was checked
        t = self.tray
        t.break_now.connect(self.break_now)
        t.snooze.connect(self.snooze)
        t.pause.connect(self.pause)
        t.resume.connect(self.resume)
        t.open_library.connect(self.show_library)
        t.open_safety.connect(self.show_safety)
        t.open_ice_heat.connect(self.show_ice_heat)
        t.open_settings.connect(self.show_settings)
        t.open_history.connect(self.show_history)
        t.break_away.connect(self.break_away)
        t.log_pain.connect(self.log_pain)
        t.quit.connect(self.quit)
        t.activated.connect(self.open_break)
        self.init_program()

    # ------------------------------------------------------------------ life cycle
    def start(self) -> None:
        if self.idle == "auto":
            from ..desktop.idle import detect_idle_monitor

            self.idle = detect_idle_monitor() if self.settings.idle_detection else None
        log.info("idle detection: %s", getattr(self.idle, "name", "off"))
        if self.quiet == "auto":
            from ..desktop.quiet import detect_quiet

            self.quiet = detect_quiet()
        if self.settings.theme != "system":
            self._apply_theme()
        note = self.settings.interval_note()
        if note:
            log.info("%s", note)
        self.scheduler.start(paused=not self.services.run_jobs)
        self.schedule_home_sessions()
        self.tray.show()
        self.tick_timer.start()
        self.apply(self.coach.replan())

    def quit(self) -> None:
        if self._quitting:
            return
        self._quitting = True
        log.info("quitting")
        self._record_unfinished()
        self.tick_timer.stop()
        self.quiet_timer.stop()
        try:
            self.scheduler.shutdown(wait=False)
        except Exception:  # already stopped
            pass
        for window in (self.break_window, self.ice_heat_window, self.settings_dialog,
                       self.history_window, self.pain_dialog, self.safety_dialog):
            if window is not None:
                window.blockSignals(True)
                window.close()
        self.tray.hide()
        close = getattr(self.idle, "close", None)
        if callable(close):
            close()
        self.journal.close()
        QApplication.quit()

    def _record_unfinished(self) -> None:
        """Quitting in the middle of a break or an ice/heat session keeps what was done:
        the break as partly done or skipped with its steps, the session as not completed."""
        window = self.break_window
        if window is not None and not window.answered and self.coach.pending is not None:
            player = window.player
            player.finish()
            outcome, records = player.outcome(), player.records()
            log.info("quitting during a break: recorded as %s", outcome.value)
            self._guard(lambda: self.coach.finish_break(outcome, records))
        ice = self.ice_heat_window
        if ice is not None and ice.running:
            log.info("quitting during an ice/heat session: recorded as not completed")
            ice.stop()  # its `ended` signal records the session

    # ------------------------------------------------------------------ planning
    def apply(self, plan: Plan) -> None:
        """Schedule the one notice and the one break of this plan; show the state."""
        for job_id in ("notice", "due"):
            if self.scheduler.get_job(job_id) is not None:
                self.scheduler.remove_job(job_id)
        if plan.due is not None:
            if plan.notice_at is not None and plan.notice_at < plan.due and \
                    self.settings.notice_s > 0:
                self.scheduler.add_job(self._later, "date", run_date=plan.notice_at,
                                       id="notice", args=[self.on_notice, plan.due])
            self.scheduler.add_job(self._later, "date", run_date=plan.due, id="due",
                                   args=[self.on_due, plan.due])
        self.refresh_tray(plan)
        log.info("planned: %s", describe_plan(plan, self.clock.now(), self.tz))

    @staticmethod
    def _later(handler: Callable[[datetime], None], due: datetime) -> None:
        """Run a job's work once the scheduler has finished with the job (it removes a
        fired date job after running it, so the work must not reschedule inside)."""
        QTimer.singleShot(0, lambda: handler(due))

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
        self.tray.set_snooze_block(self._snooze_block(), self.settings.snooze_cap)

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

    def _look_around(self) -> bool:
        """Sleep, clock jumps and idle time since the last look; True when the plan changed."""
        changed = self.coach.check_clock()
        if self.idle is not None:
            try:
                changed = self.coach.observe_idle(self.idle.idle_seconds()) or changed
            except Exception:
                log.exception("idle detection failed; turning it off")
                self.idle = None
        return changed

    def tick(self) -> None:
        """Once a minute: save what a journal fault kept back; look around; plan again if
        anything changed."""
        def look() -> None:
            saved = self._save_kept()
            if self.check_program() | self._look_around() or saved:
                self.apply(self.coach.replan())
                self._refresh_history()  # a natural break may have been recorded
            else:
                self.refresh_tray()
        self._guard(look, writes=bool(self.coach.unsaved or self._kept))

    # ------------------------------------------------------------------ reminders
    def on_notice(self, due: datetime) -> None:
        seconds = max(1, round((due - self.clock.now()).total_seconds()))
        routine = self.library.routine(self.routine_id)
        self._notified_for = due
        if self.settings.notifications:
            self.notifier.notify(*notice_before(seconds, routine.name, routine.seconds,
                                                translate))

    def on_due(self, due: datetime) -> None:
        if self.coach.pending is not None:
            return  # already on screen (a recheck and the planned job may both fire)
        self._guard(lambda: self._on_due(due), writes=False)

    def _on_due(self, due: datetime) -> None:
        if self._look_around():  # woke from sleep, or the user is away: plan again instead
            self.quiet_gate.reset()
            self.apply(self.coach.replan())
            return
        if not self._quiet_allows(due):
            return
        routine = self.library.routine(self.routine_id)
        if self._notified_for != due and self.settings.notifications:
            self.notifier.notify(*notice_due(routine.name, routine.seconds, translate))
        self.show_break(routine, planned_at=due)

    # ------------------------------------------------------------------ quiet when busy
    def _quiet_allows(self, due: datetime) -> bool:
        """A due break waits while the user is busy (fullscreen, Do Not Disturb), up to the
        limit in the settings; True when it may be shown now."""
        busy = None
        if self.quiet is not None and self.settings.quiet_limit_min > 0:
            try:
                busy = self.quiet.busy()
            except Exception:
                log.exception("the busy signal failed; breaks no longer wait")
                self.quiet = None
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
                     verdict.reason, self.settings.quiet_limit_min)
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

    def _snooze_block(self) -> str | None:
        try:
            return None if not self.settings.snooze_minutes else self.coach.snooze_block()
        except JournalError:
            return None

    def _can_snooze(self) -> bool:
        try:
            return bool(self.settings.snooze_minutes) and self.coach.can_snooze()
        except JournalError:
            return True

    def _rotation(self) -> list[str]:
        """The routines breaks take in turn: the home program's desk break while a program
        prescribes one, else the settings' rotation."""
        program = getattr(self, "program", None)  # None until init_program has run
        if program is not None and program.desk_break and \
                self.library.has_routine(DESK_ROUTINE_ID):
            return [DESK_ROUTINE_ID]
        known = [r for r in self.settings.routines if self.library.has_routine(r)]
        return known or [self.library.routines[0].id]

    def _advance_rotation(self) -> None:
        rotation = self._rotation()
        index = rotation.index(self.routine_id) if self.routine_id in rotation else -1
        self.routine_id = rotation[(index + 1) % len(rotation)]

    def show_break(self, routine: Routine, planned_at: datetime | None,
                   home_session: str | None = None) -> None:
        from ..ui.guided_break import GuidedBreakWindow

        if self.break_window is not None:
            self.break_window.raise_()
            return
        self.quiet_gate.reset()
        self.quiet_timer.stop()
        if home_session is None and planned_at is None:
            session = self.session_for_routine(routine.id)  # a home session started by hand
            home_session = session.id if session is not None else None
        self.coach.start_break(routine.id, planned_at, home_session)
        snooze = self.settings.snooze_minutes[0] if self.settings.snooze_minutes else 5
        window = GuidedBreakWindow(routine, self.clock, snooze_minutes=snooze,
                                   fullscreen=self.settings.fullscreen_breaks,
                                   break_min=self.settings.break_min,
                                   move_illustration=self._keep_moving_drawing())
        if not self._can_snooze():
            window.refuse_snooze()
        window.finished.connect(self.finish_break)
        window.snoozed.connect(self.snooze)
        window.step_changed.connect(lambda _index: self.sounds.play("step"))
        window.destroyed.connect(self._forget_window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.break_window = window
        window.show()
        self._guard(lambda: self.apply(self.coach.replan()), writes=False)

    def _keep_moving_drawing(self) -> Path | None:
        """The keep-moving screen (break length) shows the walk's drawing, if there is one."""
        if self.library.has_exercise("walk-break"):
            return self.library.exercise("walk-break").illustration
        return None

    def _forget_window(self) -> None:
        self.break_window = None

    def finish_break(self, outcome: Outcome, records: tuple[StepRecord, ...] = (),
                     rating: int | None = None) -> None:
        """The break window's answer: what was done step by step, and how the back feels."""
        self.break_window = None
        self.sounds.play("end")
        if self.coach.pending is not None and self.coach.pending.routine_id == self.routine_id:
            self._advance_rotation()  # the next break brings the next routine

        at = self.clock.now()
        started = self.coach.pending.started_at if self.coach.pending else None

        def pain() -> None:  # tied to this break, even if saved later after others
            found = [b for b in self.journal.breaks_between(
                started, at + timedelta(seconds=1)) if b.started_at == started] \
                if started is not None else []
            self.journal.record_pain(at=at, rating=rating,  # type: ignore[arg-type]
                                     break_id=found[-1].id if found else None)

        def record() -> None:
            plan = self.coach.finish_break(outcome, tuple(records))
            if rating is not None:
                self._kept.append(pain)  # after the break, so it can name it
            self.apply(plan)
            self._save_kept()
            self._refresh_history()

        if not self._guard(record) and rating is not None and pain not in self._kept:
            self._kept.append(pain)  # the break is kept in the coach; the rating here
        if rating is not None:
            self._guard(lambda: self._after_pain(rating))  # safety screen, evaluation

    # ------------------------------------------------------------------ user actions
    def open_break(self) -> None:
        if self.break_window is not None:
            self.break_window.raise_()
            self.break_window.activateWindow()
        else:
            self.break_now(self.routine_id)

    def break_now(self, routine_id: str) -> None:
        if not self.library.has_routine(routine_id):
            raise CommandError(f"unknown routine {routine_id!r}; routines: "
                               + ", ".join(r.id for r in self.library.routines))
        self.show_break(self.library.routine(routine_id), planned_at=None)

    def snooze(self, minutes: int) -> None:
        if not self.coach.can_snooze():
            log.info("snooze refused: %d snoozes in a row is the most the settings allow",
                     self.settings.snooze_cap)
            raise CommandError(QCoreApplication.translate(
                "PostureCoachApp", "You have snoozed {n} times in a row, the most your "
                "settings allow: take or skip this break.").format(n=self.settings.snooze_cap))
        if self.break_window is not None:
            window, self.break_window = self.break_window, None
            window.blockSignals(True)
            window.close()
        try:
            self._guard(lambda: self.apply(self.coach.snooze(minutes)))
        except SnoozeRefused as exc:  # pragma: no cover - checked just above
            raise CommandError(str(exc)) from exc

    def pause(self, choice: str) -> None:
        self._guard(lambda: self.apply(self.coach.pause(choice)))

    def resume(self) -> None:
        self._guard(lambda: self.apply(self.coach.resume()))

    def _guard(self, action: Callable[[], None], writes: bool = True) -> bool:
        """Journal writes can fail (disk full, read-only, a damaged file): tell the user
        once per fault, keep running; False when ``action`` failed.  A write that works
        again (``writes``) after a fault tells the user it saves again."""
        try:
            action()
        except JournalError as exc:
            log.error("journal: %s", exc)
            message = str(exc)
            # one message per fault, whatever was being read or written when it showed
            fault = message.partition(str(self.journal.path))[2] or message
            if fault != self._journal_fault:
                self._journal_fault = fault
                kept = ""
                if self.coach.unsaved or self._kept:
                    kept = "\n\n" + QCoreApplication.translate(
                        "PostureCoachApp", "What you just did is kept and will be saved as "
                        "soon as the journal works again.")
                self.notifier.notify(translate("App", "Posture Coach could not save"),
                                     message + kept)
            try:  # plan with what is kept in memory: no reminder right after a break
                self.apply(self.coach.replan())
            except JournalError:
                pass  # the journal cannot even be read: the last plan stays
            return False
        if writes and self._journal_fault is not None and not self.coach.unsaved \
                and not self._kept:
            self._journal_fault = None
            log.info("journal: saving works again")
            self.notifier.notify(
                QCoreApplication.translate("PostureCoachApp", "Posture Coach saves again"),
                QCoreApplication.translate("PostureCoachApp",
                                           "The journal works again; nothing was lost."))
        return True

    def journal_problem(self) -> str | None:
        """What keeps the journal from saving right now, for ``status``; None if nothing."""
        if getattr(self.journal, "memory_only", False):
            return f"{self.journal.path} could not be opened; nothing is saved (see the log)"
        if self._journal_fault is not None:
            kept = len(self.coach.unsaved) + len(self._kept)
            fault = self._journal_fault.removesuffix(" Nothing was changed.")
            return (f"saving to {self.journal.path} failed{fault}"
                    f" ({kept} kept in memory)")
        return None

    def _save_kept(self) -> bool:
        """Write what journal faults kept back (breaks first); raises JournalError while
        the journal still fails.  True when something was written."""
        saved = self.coach.save_unsaved()
        while self._kept:
            self._kept[0]()
            self._kept.pop(0)
            saved = True
        return saved

    def show_library(self) -> None:
        from ..ui.library_window import LibraryWindow

        if self.library_window is None:
            self.library_window = LibraryWindow(self.library)
            self.library_window.quit_requested.connect(self.quit)
        show_placed(self.library_window, "library")

    def show_ice_heat(self) -> None:
        """The ice/heat timer; breaks wait while a session runs."""
        from ..ui.ice_heat_window import IceHeatWindow

        if self.library.ice_heat is None:
            return
        if self.ice_heat_window is None:
            try:
                last = self.journal.last_thermal()
            except JournalError as exc:
                log.error("journal: %s", exc)
                last = None
            window = IceHeatWindow(self.library.ice_heat, self.clock,
                                   last_session_end=last.ended_at if last else None)
            window.started.connect(self._ice_heat_started)
            window.tick.connect(self._ice_heat_tick)
            window.ended.connect(self._ice_heat_ended)
            window.destroyed.connect(self._forget_ice_heat)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.minutes.setValue(min(self.settings.ice_heat_minutes,
                                        self.library.ice_heat.maximum_minutes))
            if self.settings.ice_heat_mode == "ice":
                window.ice_button.setChecked(True)
            elif self.settings.ice_heat_mode == "heat":
                window.heat_button.setChecked(True)
            self.ice_heat_window = window
        show_placed(self.ice_heat_window, "ice-heat")

    def _forget_ice_heat(self) -> None:
        self.ice_heat_window = None

    def _ice_heat_started(self, mode: str, minutes: int) -> None:
        self.coach.ice_heat_until = self.clock.now() + timedelta(minutes=minutes)
        self.ice_heat_left = minutes * 60
        self._guard(lambda: self.apply(self.coach.replan()), writes=False)

    def _ice_heat_tick(self, seconds_left: int) -> None:
        self.ice_heat_left = seconds_left
        self.refresh_tray()

    def _ice_heat_ended(self, mode: str, minutes: int, completed: bool, started_at: datetime,
                        ended_at: datetime) -> None:
        self.coach.ice_heat_until = None
        self.ice_heat_left = None
        if completed:
            self.sounds.play("end")
            if self.settings.notifications:
                title = (translate("App", "Ice session done") if mode == "ice"
                         else translate("App", "Heat session done"))
                self.notifier.notify(title, translate(
                    "App", "Take the pack off. About an hour between sessions is "
                           "reasonable."))

        def thermal() -> None:
            self.journal.record_thermal(mode=mode, started_at=started_at, ended_at=ended_at,
                                        planned_minutes=minutes, completed=completed)

        def record() -> None:
            self._kept.append(thermal)
            self._save_kept()
        if self._guard(record):
            self.apply(self.coach.replan())

    # ------------------------------------------------------------------ settings
    def show_settings(self) -> None:
        """The Settings dialog; each change it sends is saved and applied at once."""
        from ..ui.settings_dialog import SettingsDialog

        if self.settings_dialog is None:
            dialog = SettingsDialog(
                self.settings, [(r.id, r.name) for r in self.library.routines],
                idle_monitor=getattr(self.idle, "name", None) if self.idle != "auto" else None,
                quiet_signal=getattr(self.quiet, "name", None) if self.quiet != "auto" else None,
                quiet_kinds=getattr(self.quiet, "kinds", ()) if self.quiet != "auto" else (),
                audio_output=getattr(self.sounds, "has_output", lambda: None)())
            dialog.changed.connect(self.apply_settings)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.destroyed.connect(self._forget_settings)
            self.settings_dialog = dialog
        show_placed(self.settings_dialog, "settings")
        self.settings_dialog.activateWindow()

    def _forget_settings(self) -> None:
        self.settings_dialog = None

    def apply_settings(self, new: Settings) -> None:
        """Save ``new`` and apply what changed: plan again, sound, theme, start at login."""
        from ..core.settings import save_settings

        old, self.settings = self.settings, new
        try:
            save_settings(self.services.config, new)
        except OSError as exc:
            log.error("cannot save the settings: %s", exc)
            self.notifier.notify(
                QCoreApplication.translate("PostureCoachApp", "Posture Coach could not save "
                                           "the settings"),
                QCoreApplication.translate("PostureCoachApp", "{error}. They apply until "
                                           "the app quits.").format(error=exc))
        self.coach.snooze_cap = new.snooze_cap
        self.quiet_gate.limit = timedelta(minutes=new.quiet_limit_min)
        if new.routines != old.routines:
            self.routine_id = self._rotation()[0]
        if new.snooze_minutes != old.snooze_minutes:
            self.tray.set_snooze_minutes(new.snooze_minutes)
        if (new.sound, new.volume) != (old.sound, old.volume):
            set_volume = getattr(self.sounds, "set_volume", None)
            if callable(set_volume):
                set_volume(new.volume, muted=not new.sound)
        if new.theme != old.theme:
            self._apply_theme()
        if new.start_at_login != old.start_at_login:
            self._apply_autostart(new.start_at_login)
        if new.language != old.language:
            self.apply_language()  # app_language.py
        if new.idle_detection != old.idle_detection:
            if not new.idle_detection:
                close = getattr(self.idle, "close", None)
                if callable(close):
                    close()
                self.idle = None
                self.coach.away_since = None
            elif self.idle is None:
                from ..desktop.idle import detect_idle_monitor

                self.idle = self.services.idle if self.services.idle not in (None, "auto") \
                    else detect_idle_monitor()
            if self.settings_dialog is not None:
                self.settings_dialog.set_idle_monitor(getattr(self.idle, "name", None))
        self.apply(self.coach.set_schedule(self.effective_schedule()))

    def _apply_theme(self) -> None:
        from ..ui.theme import apply_theme

        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.settings.theme)

    def _apply_autostart(self, enabled: bool) -> None:
        from ..desktop.autostart import AutostartError, for_platform, launch_command

        if self.services.autostart is None:
            self.services.autostart = for_platform()
        autostart = self.services.autostart
        try:
            if enabled:
                autostart.enable(launch_command(self.services.config, self.services.data))
            else:
                autostart.disable()
            log.info("start at login %s (%s)", "on" if enabled else "off", autostart.name)
        except AutostartError as exc:
            log.error("start at login: %s", exc)
            self.notifier.notify(
                QCoreApplication.translate("PostureCoachApp",
                                           "Start at login could not be changed"), str(exc))

    # ------------------------------------------------------------------ history, pain, safety
    @property
    def clinic_contact(self) -> str | None:
        """Who to call for an evaluation: the active home program's clinic, if any."""
        program = getattr(self, "program", None)
        if program is None:
            return None
        clinic = program.clinic
        return f"{clinic.clinician}, {clinic.name}: {clinic.phone}"

    def show_safety(self, *, first_run: bool = False, high_pain: bool = False) -> None:
        """The safety screen; at first run with an acknowledgement that is remembered."""
        from ..core import safety as safety_rules
        from ..ui.safety_window import SafetyDialog

        if self.library.safety is None:
            return
        if self.safety_dialog is not None:
            self.safety_dialog.close()
        dialog = SafetyDialog(self.library.safety, first_run=first_run, high_pain=high_pain)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.acknowledged.connect(
            lambda: self._guard(lambda: safety_rules.acknowledge(self.journal,
                                                                 self.clock.now())))
        dialog.destroyed.connect(self._forget_safety)
        self.safety_dialog = dialog
        show_placed(dialog, "safety")

    def _forget_safety(self) -> None:
        self.safety_dialog = None

    def first_run_safety(self) -> None:
        """Show the safety screen until the user has acknowledged it once."""
        from ..core import safety as safety_rules

        try:
            if not safety_rules.acknowledged(self.journal):
                self.show_safety(first_run=True)
        except JournalError as exc:
            log.error("journal: %s", exc)

    def names(self) -> dict[str, str]:
        """Exercise and routine names by id, for the History window."""
        from ..core.player import KEEP_MOVING_ID

        return {**{r.id: r.name for r in self.library.routines},
                **{e.id: e.name for e in self.library.exercises},
                KEEP_MOVING_ID: QCoreApplication.translate("PostureCoachApp", "Keep moving")}

    def history_data(self) -> Any:
        from ..core import stats

        return stats.history(self.journal, self.coach.schedule, self.tz, self.clock.now())

    def evaluation_text(self) -> str | None:
        from ..core import safety as safety_rules
        from ..ui.safety_window import evaluation_text

        found = safety_rules.evaluate_journal(self.journal, self.tz, self.clock.now(),
                                              self.clinic_contact)
        return None if found is None else evaluation_text(found)

    def show_history(self) -> None:
        from ..ui.history_window import HistoryWindow

        if self.history_window is None:
            try:
                data, evaluation = self.history_data(), self.evaluation_text()
            except JournalError as exc:
                from PySide6.QtCore import QCoreApplication

                log.error("journal: %s", exc)
                self.notifier.notify(QCoreApplication.translate(
                    "History", "Posture Coach could not read the journal"), str(exc))
                return
            window = HistoryWindow(data, self.tz, self.names(), evaluation)
            window.day_requested.connect(self._history_day)
            window.export_requested.connect(self._history_export)
            window.delete_requested.connect(self.delete_all_data)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(self._forget_history)
            self.history_window = window
        show_placed(self.history_window, "history")

    def _forget_history(self) -> None:
        self.history_window = None

    def _refresh_history(self) -> None:
        if self.history_window is not None:
            self.history_window.set_history(self.history_data(), self.evaluation_text())

    def _history_day(self, day: Any) -> None:
        from ..core import stats

        if self.history_window is None:
            return
        try:
            self.history_window.show_day(stats.day_detail(self.journal, day, self.tz))
        except JournalError as exc:
            self.history_window.show_message(str(exc))

    def _history_export(self, path: str, fmt: str) -> None:
        from PySide6.QtCore import QCoreApplication

        from ..core.exchange import ExchangeError, export_file

        if self.history_window is None:
            return
        try:
            export_file(self.journal, Path(path), fmt, self.tz, self.clock.now())
        except (ExchangeError, JournalError) as exc:
            self.history_window.show_message(str(exc))
            return
        self.history_window.show_message(
            QCoreApplication.translate("History", "Exported to %1 (readable by you only).")
            .replace("%1", path))

    def delete_all_data(self) -> None:
        """Delete the journal, its side files, backups and logs; go on with a fresh journal."""

        from ..core import datafiles
        from ..core.logsetup import setup_logging

        data = self.services.data
        ours = logging.getLogger("posture_coach")
        handlers = [h for h in ours.handlers if isinstance(h, logging.FileHandler)
                    and Path(h.baseFilename).parent.parent == data]
        for handler in handlers:
            ours.removeHandler(handler)
            handler.close()
        self.journal.close()
        try:
            deleted = datafiles.delete_all(data)
            error = None
        except OSError as exc:
            deleted, error = [], exc
        self.journal = Journal.open(datafiles.journal_path(data), self.clock)
        self.coach.journal = self.journal
        if handlers:
            setup_logging(data)
        if error is not None:
            log.error("delete all data: %s", error)
            text = translate("History", "Could not delete %1: %2. Close other programs using it "
                                 "and try again.").replace("%1", str(error.filename)) \
                .replace("%2", error.strerror or str(error))
        else:
            log.info("deleted all data: %d files", len(deleted))
            text = translate("History", "All your data was deleted from this computer. A new, "
                                 "empty journal was started.")
        self.apply(self.coach.replan())
        self._refresh_history()
        if self.history_window is not None:
            self.history_window.show_message(text)

    def log_pain(self) -> None:
        from ..ui.pain_dialog import PainDialog

        if self.pain_dialog is None:
            last = self.journal.last_pain()
            dialog = PainDialog(initial=last.rating if last else 0)
            dialog.logged.connect(self._pain_logged)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.destroyed.connect(self._forget_pain)
            self.pain_dialog = dialog
        show_placed(self.pain_dialog, "pain")

    def _forget_pain(self) -> None:
        self.pain_dialog = None

    def _pain_logged(self, rating: int, note: str, sleep: bool, work: bool) -> None:
        def record() -> None:
            self.journal.record_pain(at=self.clock.now(), rating=rating, note=note or None,
                                     sleep=sleep, work=work)
            self._after_pain(rating)
            self._refresh_history()
        self._guard(record)

    def _after_pain(self, rating: int) -> None:
        from ..ui.safety_window import HIGH_PAIN

        if rating >= HIGH_PAIN:
            self.show_safety(high_pain=True)
        self.check_evaluation()

    def check_evaluation(self) -> None:
        """Notify "time to get evaluated" when a rule holds, at most once a week."""
        from PySide6.QtCore import QCoreApplication

        from ..core import safety as safety_rules

        found = safety_rules.notify_due(self.journal, self.tz, self.clock.now(),
                                        self.clinic_contact)
        if found is not None:
            from ..ui.safety_window import evaluation_text  # widgets only when needed

            self.notifier.notify(QCoreApplication.translate("Safety", "Time to get evaluated"),
                                 evaluation_text(found))

    def daily_checks(self) -> None:
        """Once a local day (from the minute tick): the "time to get evaluated" rules."""
        today = self.clock.now().astimezone(self.tz).date()
        if today != self._checked_on:
            self._checked_on = today
            self._guard(self.check_evaluation)

    def break_away(self) -> None:
        """"I did a break away from the computer": a break done, now."""
        def record() -> None:
            now = self.clock.now()
            self.journal.record_break(planned_at=None, started_at=now, ended_at=now,
                                      routine_id=None, outcome=Outcome.DONE)
            self.apply(self.coach.replan())
            self._refresh_history()
        self._guard(record)

    # ------------------------------------------------------------------ command channel
    def handle_command(self, request: Request) -> dict[str, Any]:
        try:
            return self._handle_command(request)
        except JournalError as exc:  # a refusal that says why, not "internal error"
            raise CommandError(str(exc)) from None

    def _handle_command(self, request: Request) -> dict[str, Any]:
        cmd, args = request.cmd, request.args
        from ..ui.i18n import current_language

        said = {"language": current_language()}  # the CLI answers in the app's language
        if cmd == "status":
            return self.coach.status() | said | {
                "routine": self.routine_id,
                "interval_note": self.settings.interval_note(),
                "shown_in": "system tray" if self.tray.tray is not None else "window",
                "idle_detection": getattr(self.idle, "name", None),
                "program": self.program.title if self.program is not None else None,
                "journal_problem": self.journal_problem()}
        if cmd == "show":
            self.tray.show()
            if self.tray.window is not None:
                self.tray.window.raise_()
            return {"shown": True}
        if cmd == "history":
            self.show_history()
            return {"shown": "history"}
        if cmd == "log-pain":
            self.log_pain()
            return {"shown": "log-pain"}
        if cmd == "program-changed":
            if self.check_program():
                self.apply(self.coach.replan())
            return {"program": self.program.title if self.program is not None else None}
        if cmd == "break-now":
            self.break_now(str(args.get("routine") or self.routine_id))
            return {"break": self.coach.pending.routine_id if self.coach.pending else None}
        if cmd == "snooze":
            self.snooze(int(args["minutes"]))
        elif cmd == "pause":
            self.pause(str(args["for"]))
        elif cmd == "resume":
            self.resume()
        elif cmd == "quit":
            QTimer.singleShot(0, self.quit)  # reply first, then quit
            return {"quitting": True}
        else:
            raise CommandError(f"unknown command {cmd!r}")
        return self.coach.status() | said


def start_app(app: QApplication, config: Path, data: Path, clock: Clock,
              tray_icon: QSystemTrayIcon | None, server: Any,
              language: str | None = None, parse_cache: ParseCache | None = None
              ) -> PostureCoachApp | int:
    """Build everything and start; else the exit code (after telling the user why).

    ``language``: ``--language`` / ``POSTURE_COACH_LANG`` when given (they win over the
    ``language`` setting).  ``parse_cache``: where parsed copies of files are kept."""
    from ..core.errors import ValidationError

    try:
        loaded = load_app_library(config, parse_cache)
    except ValidationError as exc:
        log.error("the bundled library is broken:\n%s", exc)
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, translate("App", "Posture Coach"), translate(
            "App", "The exercise library that came with the app cannot be read; please "
                   "reinstall posture-coach.\n\n{details}").format(details=exc))
        return 1
    settings = load_settings(config, clock.now(), parse_cache)
    if language is None and settings.settings.language != "system":
        from ..ui.i18n import install_translator

        log.info("language: %s (setting)", install_translator(app, settings.settings.language))
    for note in settings.notes:
        log.info("%s", note)
    try:
        kept = finish_migration(settings)
        if kept is not None:
            log.info("settings saved in the current version; the old file is kept as %s",
                     kept)
    except OSError as exc:
        log.warning("could not save the migrated settings: %s", exc)
    try:
        from ..core.datafiles import make_private

        make_private(data)  # the data folder 0700, what we keep in it 0600
        journal = Journal.open(data / JOURNAL_NAME, clock)
    except JournalError as exc:
        # Keep running (reminders matter more than records), say so, touch nothing.
        log.error("cannot open the journal: %s; running with a journal in memory", exc)
        journal = Journal.in_memory(data / JOURNAL_NAME, clock, str(exc) + "\n\n" + (
            QCoreApplication.translate(
                "PostureCoachApp", "Posture Coach runs on, but nothing is saved until this is "
                "fixed: breaks from now on are kept in memory only. Restart the app once the "
                "journal can be opened.")))
    services = Services(config, data, clock, local_zone(), idle="auto", quiet="auto",
                        parse_cache=parse_cache)
    coach_app = PostureCoachApp(services, loaded.library, settings, journal, tray_icon)
    server.set_handler(coach_app.handle_command)
    coach_app.server = server
    app.aboutToQuit.connect(server.stop)
    coach_app.start()
    coach_app.first_run_safety()
    coach_app.daily_checks()
    warnings = []
    if journal.notice:
        warnings.append(journal.notice)
    if loaded.user_file_problems is not None:
        log.warning("your library file was not used:\n%s", loaded.user_file_problems)
        warnings.append(translate(
            "App", "Your exercise library {file} has problems, so the app is using the "
                   "bundled library. Your file was not changed.\n\n{problem}").format(
                file=loaded.user_file, problem=loaded.user_file_problems.problems[0]))
    if settings.problems:
        log.warning("settings problems:\n%s", "\n".join(map(str, settings.problems)))
        problems = "\n".join(map(str, settings.problems[:5]))
        if settings.backup:
            warnings.append(translate(
                "App", "Some settings could not be used, so their defaults apply. A copy of "
                       "the file is in {backup}.\n\n{problems}").format(
                    backup=settings.backup, problems=problems))
        else:
            warnings.append(translate(
                "App", "Some settings could not be used, so their defaults apply."
                       "\n\n{problems}").format(problems=problems))
    for text in warnings:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning,
                          translate("App", "Posture Coach: a problem was found"), text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
    log.info("started: config %s, data %s", config, data)
    return coach_app
