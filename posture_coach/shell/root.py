"""The composition root: builds the services and the controllers and connects them; it
does nothing else.  What happens when lives in the controllers, one job each: breaks
(scheduling and breaks), program (the home program), language, settings (the dialog;
its changes reach each part by subscription to the settings model), care (library,
ice/heat, History, pain, safety), commands (a table of handlers), journal_guard (the
journal-fault retry queue); windows opens a window once.  ``PostureCoachApp`` keeps the
names the launcher and the tests know (``app.coach``, ``app.snooze(...)``) as plain
delegations (:mod:`.names`)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.qt import QtScheduler
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon

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
from .names import OpenWindow as _Window
from .names import Via as _Via
from .program import EDITOR, IMPORT_PREVIEW, LIBRARY, ProgramController
from .psfs import PSFS, PsfsController
from .services import Services
from .settings import SETTINGS, SettingsController
from .sync import SyncController, follow_settings
from .timing import interval_override, tick_ms
from .tray_place import TrayPlacement, watch_tray
from .watch import DesktopWatch
from .windows import OnceWindows

if TYPE_CHECKING:
    from ..desktop.channel.server import InstanceServer
    from ..ui.tray import TrayController

log = logging.getLogger(__name__)


class PostureCoachApp:
    """Everything wired together.  ``start()`` shows the tray and plans the first break."""

    # the names tests and the launcher use, each another object's
    coach, scheduler, tray, notifier, sounds = (_Via("breaks", n) for n in (
        "coach", "scheduler", "tray", "notifier", "sounds"))
    routine_id, quiet_timer, ice_heat_left = (_Via("breaks", n) for n in (
        "routine_id", "quiet_timer", "ice_heat_left"))
    idle, quiet = _Via("watch", "idle"), _Via("watch", "quiet")
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
    program_dialog, editor_window = _Window(IMPORT_PREVIEW), _Window(EDITOR)
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
        self.server: InstanceServer | None = None  # the command channel, kept alive
        self.notices: list[QMessageBox] = []  # message boxes shown at start, while open
        self._quitting = False
        localized = library.localized(current_language())  # names and steps in the UI language
        coach = Coach(journal, self.clock, self.tz,
                      self.settings.schedule(interval_override()))
        tray = self._make_tray(localized, tray_icon)
        notifier = services.make_notifier(tray.tray)
        self.guard = JournalGuard(lambda: coach.journal, coach, notifier.notify,
                                  lambda: self.breaks.replan())
        sounds = services.make_sounds(self.settings.volume, not self.settings.sound)
        self.watch = DesktopWatch(model=self.model, coach=coach, sounds=sounds,
                                  idle=services.idle, quiet=services.quiet)
        self.breaks = BreakController(
            coach=coach, scheduler=self._make_scheduler(), tray=tray, notifier=notifier,
            sounds=sounds, clock=self.clock, tz=self.tz, model=self.model,
            library=lambda: self.programs.library, program=lambda: self.programs.program,
            windows=self.windows, guard=self.guard, watch=self.watch)
        self.programs = ProgramController(
            store=ProgramStore(services.data, services.parse_cache), library=localized,
            breaks=self.breaks, model=self.model, windows=self.windows)
        self.care = CareController(
            breaks=self.breaks, model=self.model, data=services.data, windows=self.windows,
            library=lambda: self.programs.library, program=lambda: self.programs.program,
            quit_app=self.quit)
        self.settings_ctl = SettingsController(
            model=self.model, config=services.config, data=services.data, breaks=self.breaks,
            windows=self.windows, sounds=sounds, watch=self.watch, autostart=services.autostart,
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
    def _make_tray(self, library: Library, tray_icon: QSystemTrayIcon | None
                   ) -> TrayController:
        from ..ui.screen_fit import ensure_installed
        from ..ui.tray import TrayController, load_icons

        ensure_installed()  # every window fits its screen, at any scale
        watch, use_tray = watch_tray(self.services.use_tray, tray_icon)
        tray = TrayController(
            [(r.id, r.name) for r in library.routines], self.settings.snooze_minutes,
            load_icons(paths.assets_dir() / "icons"), lambda: self.breaks.next_break_text(),
            use_tray=use_tray, tray_icon=tray_icon)
        self.placement = TrayPlacement(tray, watch, lambda: self.breaks.refresh_tray())
        return tray

    def _make_scheduler(self) -> QtScheduler:
        return QtScheduler(executors={"default": DebugExecutor()}, timezone=self.tz,
                           job_defaults={"coalesce": True, "misfire_grace_time": None})

    def _connect(self) -> None:
        breaks, programs, care, t = self.breaks, self.programs, self.care, self.breaks.tray
        breaks.check_program = programs.check
        breaks.history_changed = care.refresh_history
        breaks.pain_rated = care.after_pain
        breaks.session_for_routine = programs.session_for_routine
        self.settings_ctl.replan_with = programs.schedule
        care.history_model.subscribe(self.sync.local_changed)  # a record: ours written
        care.before_delete = self.sync.forget  # deleting all data stops syncing
        follow_settings(self.sync, self.settings_ctl, programs, self.clock)
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

    def status(self) -> dict[str, object]:
        """What ``posture-coach status`` prints."""
        return self.coach.status() | {
            "routine": self.breaks.routine_id,
            "interval_note": self.settings.interval_note(),
            "shown_in": self.placement.shown_in(),
            **self.watch.status(),
            "program": getattr(self.programs.program, "title", None),
            "journal_problem": self.guard.problem()}

    def current_routine(self) -> str:
        return self.breaks.routine_id

    # ------------------------------------------------------------------ life cycle
    def start(self) -> None:
        breaks = self.breaks
        self.watch.find(self.settings.idle_detection)
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
        self.breaks.close()
        for name in (BREAK, ICE_HEAT, SETTINGS, HISTORY, PAIN, SAFETY, PSFS):
            self.windows.close(name, quietly=True)
        self.tray.hide()
        self.journal.close()
        QApplication.quit()

