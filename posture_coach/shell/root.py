"""The composition root: builds the services and the controllers and connects them; it
does nothing else.  What happens when lives in the controllers, one job each: breaks
(scheduling and breaks), program (the home program), language, settings (the dialog;
its changes reach each part by subscription to the settings model), care (library,
ice/heat, History, pain, safety), commands (a table of handlers), journal_guard (the
journal-fault retry queue); windows opens a window once.  ``PostureCoachApp`` keeps the
names the launcher and the tests know (``app.coach``, ``app.snooze(...)``) as plain
delegations."""

from __future__ import annotations

import logging
from typing import Any

from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.qt import QtScheduler
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from ..core import paths
from ..core.coach import Coach
from ..core.datafiles import JOURNAL_NAME as JOURNAL_NAME  # re-exported
from ..core.journal import Journal
from ..core.library import Library
from ..core.program_store import ProgramStore
from ..core.settings import LoadedSettings, Settings
from ..core.settings_model import SettingsModel
from .breaks import BREAK, BreakController
from .care import HISTORY, ICE_HEAT, PAIN, SAFETY, CareController
from .commands import CommandHandlers
from .journal_guard import JournalGuard
from .language import LanguageController
from .program import LIBRARY, ProgramController
from .psfs import PSFS, PsfsController
from .services import Services
from .settings import SETTINGS, SettingsController
from .sync import SyncController
from .timing import interval_override, tick_ms
from .tray_place import TrayPlacement
from .windows import OnceWindows

log = logging.getLogger(__name__)


class _Via:
    """A name of the root that is another object's attribute (``_Via("breaks",
    "coach")``: ``app.coach`` is ``app.breaks.coach``)."""

    def __init__(self, owner: str, name: str):
        self.owner, self.name = owner, name

    def __get__(self, app: Any, kind: Any = None) -> Any:
        return self if app is None else getattr(getattr(app, self.owner), self.name)


class _Window:
    """A window the root knows by name: the open one, or None."""

    def __init__(self, name: str):
        self.name = name

    def __get__(self, app: Any, kind: Any = None) -> Any:
        return self if app is None else app.windows.get(self.name)


class PostureCoachApp:
    """Everything wired together.  ``start()`` shows the tray and plans the first break."""

    # the names tests and the launcher use, each another object's
    coach, scheduler, tray, notifier, sounds = (_Via("breaks", n) for n in (
        "coach", "scheduler", "tray", "notifier", "sounds"))
    routine_id, idle, quiet, quiet_timer, ice_heat_left = (_Via("breaks", n) for n in (
        "routine_id", "idle", "quiet", "quiet_timer", "ice_heat_left"))
    open_break, break_now, snooze, pause, resume, tick, on_due, on_notice, apply = (
        _Via("breaks", n) for n in ("open_break", "break_now", "snooze", "pause", "resume",
                                    "tick", "on_due", "on_notice", "apply"))
    program, library, base_library = (_Via("programs", n) for n in (
        "program", "library", "base_library"))
    home_session_times, on_home_session, preview_import, import_program = (
        _Via("programs", n) for n in ("session_times", "on_session", "preview_import",
                                      "import_file"))
    show_library, show_ice_heat, show_history, log_pain, show_safety, break_away = (
        _Via("care", n) for n in ("show_library", "show_ice_heat", "show_history",
                                  "log_pain", "show_safety", "break_away"))
    first_run_safety, daily_checks, names, evaluation_text = (_Via("care", n) for n in (
        "first_run_safety", "daily_checks", "names", "evaluation_text"))
    _ice_heat_started, _ice_heat_ended = (_Via("care", n) for n in (
        "ice_heat_started", "ice_heat_ended"))
    show_settings, apply_settings = _Via("settings_ctl", "show"), _Via("settings_ctl", "apply")
    _kept, sync_changed = _Via("guard", "kept"), _Via("sync", "reload")
    handle_command = _Via("commands", "__call__")
    break_window, library_window, settings_dialog = (_Window(n) for n in (
        BREAK, LIBRARY, SETTINGS))
    ice_heat_window, history_window, pain_dialog, safety_dialog = (_Window(n) for n in (
        ICE_HEAT, HISTORY, PAIN, SAFETY))
    program_dialog, editor_window = _Window("program_dialog"), _Window("editor")
    psfs_dialog = _Window(PSFS)
    show_main = _Via("placement", "show_main")
    program_changed = _Via("programs", "changed")
    journal_problem = _Via("guard", "problem")

    def __init__(self, services: Services, library: Library, settings: LoadedSettings,
                 journal: Journal, tray_icon: QSystemTrayIcon | None = None):
        from ..ui.i18n import current_language

        self.services = services
        self.loaded_settings = settings
        self.model = SettingsModel(settings.settings)
        self.clock, self.tz = services.clock, services.tz
        self.windows = OnceWindows()
        self.server: Any = None  # the command channel, kept alive with the app
        self.notices: list[Any] = []  # message boxes shown at start, kept while open
        self._quitting = False
        localized = library.localized(current_language())  # names and steps in the UI language
        coach = Coach(journal, self.clock, self.tz,
                      self.settings.schedule(interval_override()))
        tray = self._make_tray(localized, tray_icon)
        notifier = self._make_notifier(tray)
        self.guard = JournalGuard(lambda: coach.journal, coach, notifier.notify,
                                  lambda: self.breaks.replan())
        self.breaks = BreakController(
            coach=coach, scheduler=self._make_scheduler(), tray=tray, notifier=notifier,
            sounds=self._make_sounds(), clock=self.clock, tz=self.tz, model=self.model,
            library=lambda: self.programs.library, program=lambda: self.programs.program,
            windows=self.windows, guard=self.guard, quiet=services.quiet, idle=services.idle)
        self.programs = ProgramController(
            store=ProgramStore(services.data, services.parse_cache), library=localized,
            breaks=self.breaks, model=self.model, windows=self.windows)
        self.care = CareController(
            breaks=self.breaks, model=self.model, data=services.data, windows=self.windows,
            library=lambda: self.programs.library, program=lambda: self.programs.program,
            quit_app=self.quit)
        self.settings_ctl = SettingsController(
            model=self.model, config=services.config, data=services.data, breaks=self.breaks,
            windows=self.windows, sounds=self.breaks.sounds, idle=services.idle,
            autostart=services.autostart,
            routines=lambda: [(r.id, r.name) for r in self.programs.library.routines])
        self.language = LanguageController(
            model=self.model, source_library=library, program=self.programs,
            breaks=self.breaks, windows=self.windows,
            reopen={SETTINGS: self.settings_ctl.show, HISTORY: self.care.show_history,
                    LIBRARY: self.care.show_library})
        self.sync = SyncController(data=services.data, journal=lambda: coach.journal,
                                   notify=notifier.notify,
                                   merged=(self.care.refresh_history, self.breaks.replan))
        self.psfs = PsfsController(breaks=self.breaks, programs=self.programs, care=self.care)
        self.commands = CommandHandlers(self)
        self._connect()
        self.breaks.routine_id = self.breaks.rotation()[0]
        self.programs.load_active()

    # ------------------------------------------------------------------ building
    def _make_tray(self, library: Library, tray_icon: QSystemTrayIcon | None) -> Any:
        from ..ui.screen_fit import ensure_installed
        from ..ui.tray import TrayController, load_icons

        ensure_installed()  # every window fits its screen, at any scale
        watch, use_tray = None, self.services.use_tray
        if use_tray is None:  # a tray that comes late or goes away moves the app
            from ..desktop.tray_watch import TrayWatch

            watch = TrayWatch()
            use_tray = tray_icon is not None or watch.available
        tray = TrayController(
            [(r.id, r.name) for r in library.routines], self.settings.snooze_minutes,
            load_icons(paths.assets_dir() / "icons"), lambda: self.breaks.next_break_text(),
            use_tray=use_tray, tray_icon=tray_icon)
        self.placement = TrayPlacement(tray, watch, lambda: self.breaks.refresh_tray())
        return tray

    def _make_notifier(self, tray: Any) -> Any:
        from ..desktop.notify import NotifierChain, default_chain

        if self.services.notifiers is not None:
            return NotifierChain(list(self.services.notifiers))
        return default_chain(tray.tray, _toast, paths.assets_dir() / "icons" / "posture-coach.svg")

    def _make_scheduler(self) -> QtScheduler:
        return QtScheduler(executors={"default": DebugExecutor()}, timezone=self.tz,
                           job_defaults={"coalesce": True, "misfire_grace_time": None})

    def _make_sounds(self) -> Any:
        if self.services.sounds is not None:
            return self.services.sounds
        from ..desktop.sound import Sounds

        return Sounds(paths.assets_dir() / "sounds", volume=self.settings.volume,
                      muted=not self.settings.sound)

    def _connect(self) -> None:
        breaks, programs, care, t = self.breaks, self.programs, self.care, self.breaks.tray
        breaks.check_program = programs.check
        breaks.history_changed = care.refresh_history
        breaks.pain_rated = care.after_pain
        breaks.session_for_routine = programs.session_for_routine
        self.settings_ctl.replan_with = programs.schedule
        care.history_model.subscribe(self.sync.local_changed)  # a record: ours written
        self.settings_ctl.sync_tab = self.sync.panel
        breaks.notifier.clicked.connect(breaks.open_break)
        self.tick_timer = QTimer()
        self.tick_timer.setInterval(tick_ms())
        self.tick_timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self.tick_timer.timeout.connect(breaks.tick)
        self.tick_timer.timeout.connect(care.daily_checks)
        self.tick_timer.timeout.connect(self.psfs.check)
        for signal, slot in (
                (t.break_now, breaks.break_now), (t.snooze, breaks.snooze),
                (t.pause, breaks.pause), (t.resume, breaks.resume),
                (t.open_library, care.show_library), (t.open_safety, care.show_safety),
                (t.open_ice_heat, care.show_ice_heat), (t.open_settings, self.settings_ctl.show),
                (t.open_history, care.show_history), (t.break_away, care.break_away),
                (t.log_pain, care.log_pain), (t.quit, self.quit),
                (t.activated, breaks.open_break), (t.import_program, programs.choose_file),
                (t.print_program, programs.print_handout),
                (t.edit_program, programs.show_editor)):
            signal.connect(slot)

    # ------------------------------------------------------------------ the root's own names
    @property
    def settings(self) -> Settings:
        return self.model.current

    @property
    def journal(self) -> Journal:
        return self.breaks.coach.journal

    def status(self) -> dict[str, Any]:
        """What ``posture-coach status`` prints."""
        return self.coach.status() | {
            "routine": self.breaks.routine_id,
            "interval_note": self.settings.interval_note(),
            "shown_in": self.placement.shown_in(),
            **self.breaks.signals_status(),
            "program": getattr(self.programs.program, "title", None),
            "journal_problem": self.guard.problem()}

    def current_routine(self) -> str:
        return self.breaks.routine_id

    # ------------------------------------------------------------------ life cycle
    def start(self) -> None:
        breaks = self.breaks
        breaks.find_signals(self.settings.idle_detection)
        if self.settings.theme != "system":
            self.settings_ctl.apply_theme()
        note = self.settings.interval_note()
        if note:
            log.info("%s", note)
        breaks.scheduler.start(paused=not self.services.run_jobs)
        self.programs.schedule_sessions()
        self.tray.show()
        self.tick_timer.start()
        breaks.replan()
        self.sync.start()
        QTimer.singleShot(0, self.psfs.check)  # due at the program's start, or overdue

    def quit(self) -> None:
        if self._quitting:
            return
        self._quitting = True
        log.info("quitting")
        self.breaks.record_unfinished()
        self.care.stop_ice_heat()
        self.tick_timer.stop()
        self.sync.shutdown()  # a merge under way stops between two batches
        self.placement.close()
        self.breaks.quiet_timer.stop()
        try:
            self.scheduler.shutdown(wait=False)
        except Exception:  # already stopped
            pass
        for name in (BREAK, ICE_HEAT, SETTINGS, HISTORY, PAIN, SAFETY, PSFS):
            self.windows.close(name, quietly=True)
        self.tray.hide()
        close = getattr(self.breaks.idle, "close", None)
        if callable(close):
            close()
        self.journal.close()
        QApplication.quit()


def _toast(**kwargs: Any) -> Any:
    """The in-app toast, its module loaded only when a toast is first needed."""
    from ..ui.toast import Toast

    return Toast(**kwargs)
