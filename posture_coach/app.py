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

from .core import paths
from .core.clock import Clock
from .core.coach import Coach, describe_plan
from .core.commands import CommandError, Request
from .core.journal import Journal, JournalError, Outcome, StepRecord
from .core.library import Library, LoadedLibrary, Routine, load_library
from .core.policy import PauseKind, Plan, State
from .core.settings import LoadedSettings, Settings, load_settings

log = logging.getLogger(__name__)

JOURNAL_NAME = "journal.sqlite3"
TICK_MS = 60_000
TEST_INTERVAL_ENV = "POSTURE_COACH_TEST_INTERVAL_S"
TEST_TICK_ENV = "POSTURE_COACH_TEST_TICK_S"


def load_app_library(config: Path) -> LoadedLibrary:
    return load_library(paths.bundled_library(), paths.user_library(config))


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


class PostureCoachApp:
    """Everything wired together.  ``start()`` shows the tray and plans the first break."""

    def __init__(self, services: Services, library: Library, settings: LoadedSettings,
                 journal: Journal, tray_icon: QSystemTrayIcon | None = None):
        from .desktop.notify import NotifierChain, default_chain
        from .ui.tray import TrayController, load_icons

        self.services = services
        self.library = library
        self.loaded_settings = settings
        self.settings: Settings = settings.settings
        self.journal = journal
        self.clock = services.clock
        self.tz = services.tz
        self.coach = Coach(journal, self.clock, self.tz,
                           self.settings.schedule(interval_override()))
        self.routine_id = (self.settings.routine if library.has_routine(self.settings.routine)
                           else library.routines[0].id)
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
            self.notifier = default_chain(self.tray.tray,
                                          paths.assets_dir() / "icons" / "posture-coach.svg")
        self.notifier.clicked.connect(self.open_break)
        self.idle = services.idle
        self.break_window: Any = None
        self.library_window: Any = None
        self.server: Any = None  # the command channel, kept alive with the app
        self.ice_heat_window: Any = None
        self.ice_heat_left: int | None = None
        if services.sounds is not None:
            self.sounds = services.sounds
        else:
            from .desktop.sound import Sounds

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
        t = self.tray
        t.break_now.connect(self.break_now)
        t.snooze.connect(self.snooze)
        t.pause.connect(self.pause)
        t.resume.connect(self.resume)
        t.open_library.connect(self.show_library)
        t.open_safety.connect(self.show_safety)
        t.open_ice_heat.connect(self.show_ice_heat)
        t.quit.connect(self.quit)
        t.activated.connect(self.open_break)

    # ------------------------------------------------------------------ life cycle
    def start(self) -> None:
        if self.idle == "auto":
            from .desktop.idle import detect_idle_monitor

            self.idle = detect_idle_monitor() if self.settings.idle_detection else None
        log.info("idle detection: %s", getattr(self.idle, "name", "off"))
        note = self.settings.interval_note()
        if note:
            log.info("%s", note)
        self.scheduler.start(paused=not self.services.run_jobs)
        self.tray.show()
        self.tick_timer.start()
        self.apply(self.coach.replan())

    def quit(self) -> None:
        if self._quitting:
            return
        self._quitting = True
        log.info("quitting")
        self.tick_timer.stop()
        try:
            self.scheduler.shutdown(wait=False)
        except Exception:  # already stopped
            pass
        for window in (self.break_window, self.ice_heat_window):
            if window is not None:
                window.blockSignals(True)
                window.close()
        self.tray.hide()
        close = getattr(self.idle, "close", None)
        if callable(close):
            close()
        self.journal.close()
        QApplication.quit()

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
        text = describe_plan(plan, self.clock.now(), self.tz)
        if self.coach.pending is not None:
            state, text = "due", "A break is waiting for you"
        elif self.ice_heat_left is not None:
            minutes, seconds = divmod(max(0, self.ice_heat_left), 60)
            state, text = "paused", f"Ice/heat: {minutes:02d}:{seconds:02d} left; breaks wait"
        elif plan.state is State.PAUSED:
            state = "paused"
        else:
            state = "running"
        self.tray.set_state(state, text, paused=bool(plan.pause_until)
                            or PauseKind.USER in plan.paused_by)

    def next_break_text(self) -> str:
        plan = self.coach.current_plan
        now = self.clock.now()
        if self.coach.pending is not None:
            return "A break is waiting for you"
        if plan.due is None:
            return describe_plan(plan, now, self.tz)
        seconds = max(0, int((plan.due - now).total_seconds()))
        if seconds >= 3600:
            return describe_plan(plan, now, self.tz)
        minutes, secs = divmod(seconds, 60)
        prefix = "Paused: next break in" if plan.state is State.PAUSED else "Next break in"
        return f"{prefix} {minutes:02d}:{secs:02d}"

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
            if self._look_around() or saved:
                self.apply(self.coach.replan())
            else:
                self.refresh_tray()
        self._guard(look, writes=bool(self.coach.unsaved or self._kept))

    # ------------------------------------------------------------------ reminders
    def on_notice(self, due: datetime) -> None:
        seconds = max(1, round((due - self.clock.now()).total_seconds()))
        routine = self.library.routine(self.routine_id)
        self._notified_for = due
        if self.settings.notifications:
            self.notifier.notify(f"Break in {seconds} seconds",
                                 f"{routine.name}: {routine.summary}")

    def on_due(self, due: datetime) -> None:
        self._guard(lambda: self._on_due(due), writes=False)

    def _on_due(self, due: datetime) -> None:
        if self._look_around():  # woke from sleep, or the user is away: plan again instead
            self.apply(self.coach.replan())
            return
        routine = self.library.routine(self.routine_id)
        if self._notified_for != due and self.settings.notifications:
            self.notifier.notify("Time for a break", f"{routine.name}: {routine.summary}")
        self.show_break(routine, planned_at=due)

    def show_break(self, routine: Routine, planned_at: datetime | None) -> None:
        from .ui.guided_break import GuidedBreakWindow

        if self.break_window is not None:
            self.break_window.raise_()
            return
        self.coach.start_break(routine.id, planned_at)
        snooze = self.settings.snooze_minutes[0] if self.settings.snooze_minutes else 5
        window = GuidedBreakWindow(routine, self.clock, snooze_minutes=snooze,
                                   fullscreen=self.settings.fullscreen_breaks)
        window.finished.connect(self.finish_break)
        window.snoozed.connect(self.snooze)
        window.step_changed.connect(lambda _index: self.sounds.play("step"))
        window.destroyed.connect(self._forget_window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.break_window = window
        window.show()
        self._guard(lambda: self.apply(self.coach.replan()), writes=False)

    def _forget_window(self) -> None:
        self.break_window = None

    def finish_break(self, outcome: Outcome, records: tuple[StepRecord, ...] = (),
                     rating: int | None = None) -> None:
        """The break window's answer: what was done step by step, and how the back feels."""
        self.break_window = None
        self.sounds.play("end")

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

        if not self._guard(record) and rating is not None and pain not in self._kept:
            self._kept.append(pain)  # the break is kept in the coach; the rating here

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
        if self.break_window is not None:
            window, self.break_window = self.break_window, None
            window.blockSignals(True)
            window.close()
        self._guard(lambda: self.apply(self.coach.snooze(minutes)))

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
                self.notifier.notify(
                    QCoreApplication.translate("PostureCoachApp",
                                               "Posture Coach could not save"),
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
        from .ui.library_window import LibraryWindow

        if self.library_window is None:
            self.library_window = LibraryWindow(self.library)
            self.library_window.quit_requested.connect(self.quit)
        self.library_window.show()
        self.library_window.raise_()

    def show_ice_heat(self) -> None:
        """The ice/heat timer; breaks wait while a session runs."""
        from .ui.ice_heat_window import IceHeatWindow

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
            self.ice_heat_window = window
        self.ice_heat_window.show()
        self.ice_heat_window.raise_()

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
        name = "Ice" if mode == "ice" else "Heat"
        if completed:
            self.sounds.play("end")
            if self.settings.notifications:
                self.notifier.notify(f"{name} session done",
                                     "Take the pack off. About an hour between sessions "
                                     "is reasonable.")

        def thermal() -> None:
            self.journal.record_thermal(mode=mode, started_at=started_at, ended_at=ended_at,
                                        planned_minutes=minutes, completed=completed)

        def record() -> None:
            self._kept.append(thermal)
            self._save_kept()
        if self._guard(record):
            self.apply(self.coach.replan())

    def show_safety(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        safety = self.library.safety
        if safety is None:
            return
        flags = "".join(f"<li>{_esc(f)}</li>" for f in safety.red_flags)
        evaluate = "".join(f"<li>{_esc(f)}</li>" for f in safety.evaluate_when)
        box = QMessageBox(QMessageBox.Icon.Warning, "Safety: when to get help",
                          f"<p><b>{_esc(safety.emergency)}</b></p><ul>{flags}</ul>"
                          f"<p>Get your back evaluated if:</p><ul>{evaluate}</ul>"
                          f"<p><small>{_esc(safety.disclaimer)}</small></p>")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.open()
        self._safety_box = box

    # ------------------------------------------------------------------ command channel
    def handle_command(self, request: Request) -> dict[str, Any]:
        try:
            return self._handle_command(request)
        except JournalError as exc:  # a refusal that says why, not "internal error"
            raise CommandError(str(exc)) from None

    def _handle_command(self, request: Request) -> dict[str, Any]:
        cmd, args = request.cmd, request.args
        if cmd == "status":
            return self.coach.status() | {
                "routine": self.routine_id,
                "interval_note": self.settings.interval_note(),
                "shown_in": "system tray" if self.tray.tray is not None else "window",
                "idle_detection": getattr(self.idle, "name", None),
                "journal_problem": self.journal_problem()}
        if cmd == "show":
            self.tray.show()
            if self.tray.window is not None:
                self.tray.window.raise_()
            return {"shown": True}
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
        return self.coach.status()


def _esc(text: str) -> str:
    from html import escape

    return escape(text)


def start_app(app: QApplication, config: Path, data: Path, clock: Clock,
              tray_icon: QSystemTrayIcon | None, server: Any) -> PostureCoachApp | int:
    """Build everything and start; else the exit code (after telling the user why)."""
    from .core.errors import ValidationError

    try:
        loaded = load_app_library(config)
    except ValidationError as exc:
        log.error("the bundled library is broken:\n%s", exc)
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "Posture Coach",
                             "The exercise library that came with the app cannot be read; "
                             "please reinstall posture-coach.\n\n" + str(exc))
        return 1
    settings = load_settings(config, clock.now())
    try:
        journal = Journal.open(data / JOURNAL_NAME, clock)
    except JournalError as exc:
        # Keep running (reminders matter more than records), say so, touch nothing.
        log.error("cannot open the journal: %s; running with a journal in memory", exc)
        journal = Journal.in_memory(data / JOURNAL_NAME, clock, str(exc) + "\n\n" + (
            QCoreApplication.translate(
                "PostureCoachApp", "Posture Coach runs on, but nothing is saved until this is "
                "fixed: breaks from now on are kept in memory only. Restart the app once the "
                "journal can be opened.")))
    services = Services(config, data, clock, local_zone(), idle="auto")
    coach_app = PostureCoachApp(services, loaded.library, settings, journal, tray_icon)
    server.set_handler(coach_app.handle_command)
    coach_app.server = server
    app.aboutToQuit.connect(server.stop)
    coach_app.start()
    warnings = []
    if journal.notice:
        warnings.append(journal.notice)
    if loaded.user_file_problems is not None:
        log.warning("your library file was not used:\n%s", loaded.user_file_problems)
        warnings.append(f"Your exercise library {loaded.user_file} has problems, so the app "
                        "is using the bundled library. Your file was not changed.\n\n"
                        + str(loaded.user_file_problems.problems[0]))
    if settings.problems:
        log.warning("settings problems:\n%s", "\n".join(map(str, settings.problems)))
        backup = f" A copy of the file is in {settings.backup}." if settings.backup else ""
        warnings.append("Some settings could not be used, so their defaults apply."
                        f"{backup}\n\n" + "\n".join(map(str, settings.problems[:5])))
    for text in warnings:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, "Posture Coach: a problem was found", text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
    log.info("started: config %s, data %s", config, data)
    return coach_app
