"""The windows around the breaks: the exercise library, the ice/heat timer, History (with
export and "delete all my data"), the pain diary, the safety screen and the weekly "time
to get evaluated" check.  Each window is opened once (:class:`.windows.OnceWindows`) and
answers with signals; what they record goes through the journal guard."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ..core.history_model import HistoryModel, HistoryView
from ..core.journal import Journal, JournalError, Outcome
from ..core.library import Library
from ..core.program import Program
from ..core.psfs import PsfsSummary
from ..core.settings_model import SettingsModel
from ..ui.i18n import translate
from .breaks import BreakController
from .program import LIBRARY
from .windows import OnceWindows, WindowName

if TYPE_CHECKING:
    from ..core.stats import History
    from ..ui.history_window import HistoryWindow
    from ..ui.ice_heat_window import IceHeatWindow
    from ..ui.library_window import LibraryWindow
    from ..ui.pain_dialog import PainDialog
    from ..ui.safety_window import SafetyDialog

log = logging.getLogger(__name__)

ICE_HEAT: WindowName[IceHeatWindow] = WindowName("ice_heat_window")
HISTORY: WindowName[HistoryWindow] = WindowName("history_window")
PAIN: WindowName[PainDialog] = WindowName("pain_dialog")
SAFETY: WindowName[SafetyDialog] = WindowName("safety_dialog")


class CareController:
    def __init__(self, *, breaks: BreakController, model: SettingsModel, data: Path,
                 windows: OnceWindows, library: Callable[[], Library],
                 program: Callable[[], Program | None], quit_app: Callable[[], None]):
        self.breaks = breaks
        self.model = model
        self.data = data
        self.windows = windows
        self._library = library
        self._program = program
        self.quit_app = quit_app
        # What History shows; the window subscribes while open, and so does sync (ours
        # written when a record was added).  refresh_history() says it changed.
        self.history_model = HistoryModel(self._history_view)
        self._checked_on: date | None = None  # the local day "time to get evaluated" was
        # checked; the activity ratings History shows, and whether asked (set by the root)
        self.psfs_summary: Callable[[], tuple[PsfsSummary, bool]] | None = None
        # Before all data is deleted: stops syncing (set by sync); True if it was on
        self.before_delete: Callable[[], bool] | None = None

    @property
    def library(self) -> Library:
        return self._library()

    @property
    def journal(self) -> Journal:
        return self.breaks.coach.journal

    # ------------------------------------------------------------------ the library
    def show_library(self) -> None:
        from ..ui.library_window import LibraryWindow

        def build() -> LibraryWindow:
            window = LibraryWindow(self.library)
            window.quit_requested.connect(self.quit_app)
            return window
        self.windows.show(LIBRARY, build, activate=False, keep=True)

    # ------------------------------------------------------------------ ice and heat
    def show_ice_heat(self) -> None:
        """The ice/heat timer; breaks wait while a session runs."""
        from ..ui.ice_heat_window import IceHeatWindow

        ice_heat = self.library.ice_heat
        if ice_heat is None:
            return

        def build() -> IceHeatWindow:
            try:
                last = self.journal.last_thermal()
            except JournalError as exc:
                log.error("journal: %s", exc)
                last = None
            window = IceHeatWindow(ice_heat, self.breaks.clock,
                                   last_session_end=last.ended_at if last else None)
            window.started.connect(self.ice_heat_started)
            window.tick.connect(self.ice_heat_tick)
            window.ended.connect(self.ice_heat_ended)
            settings = self.model.current
            window.minutes.setValue(min(settings.ice_heat_minutes, ice_heat.maximum_minutes))
            if settings.ice_heat_mode == "ice":
                window.ice_button.setChecked(True)
            elif settings.ice_heat_mode == "heat":
                window.heat_button.setChecked(True)
            return window
        self.windows.show(ICE_HEAT, build, activate=False)

    def ice_heat_started(self, mode: str, minutes: int) -> None:
        breaks = self.breaks
        breaks.coach.ice_heat_until = breaks.clock.now() + timedelta(minutes=minutes)
        breaks.ice_heat_left = minutes * 60
        breaks.guard.run(breaks.replan, writes=False)

    def ice_heat_tick(self, seconds_left: int) -> None:
        self.breaks.ice_heat_left = seconds_left
        self.breaks.refresh_tray()

    def ice_heat_ended(self, mode: str, minutes: int, completed: bool, started_at: datetime,
                       ended_at: datetime) -> None:
        breaks = self.breaks
        breaks.coach.ice_heat_until = None
        breaks.ice_heat_left = None
        if completed:
            breaks.sounds.play("end")
            if self.model.current.notifications:
                title = (translate("App", "Ice session done") if mode == "ice"
                         else translate("App", "Heat session done"))
                breaks.notifier.notify(title, translate(
                    "App", "Take the pack off. About an hour between sessions is "
                           "reasonable."))
        journal = self.journal

        def thermal() -> None:
            journal.record_thermal(mode=mode, started_at=started_at, ended_at=ended_at,
                                   planned_minutes=minutes, completed=completed)

        def record() -> None:
            breaks.guard.kept.append(thermal)
            breaks.guard.save_kept()
        if breaks.guard.run(record):
            breaks.replan()

    def stop_ice_heat(self) -> None:
        """Quitting during a session records it as not completed (its ``ended`` signal)."""
        window = self.windows.get(ICE_HEAT)
        if window is not None and window.running:
            log.info("quitting during an ice/heat session: recorded as not completed")
            window.stop()

    # ------------------------------------------------------------------ safety
    @property
    def clinic_contact(self) -> str | None:
        """Who to call for an evaluation: the active home program's clinic, if any."""
        program = self._program()
        if program is None:
            return None
        clinic = program.clinic
        return f"{clinic.clinician}, {clinic.name}: {clinic.phone}"

    def show_safety(self, *, first_run: bool = False, high_pain: bool = False) -> None:
        """The safety screen; at first run with an acknowledgement that is remembered."""
        from ..core import safety as safety_rules
        from ..ui.safety_window import SafetyDialog

        safety = self.library.safety
        if safety is None:
            return
        breaks = self.breaks

        from ..core import emergency

        # the program's emergency number, else the one of the locale's country
        filled = emergency.filled_safety(safety, emergency.for_program(self._program()),
                                         translate)

        def build() -> SafetyDialog:
            dialog = SafetyDialog(filled, first_run=first_run, high_pain=high_pain)
            dialog.acknowledged.connect(lambda: breaks.guard.run(
                lambda: safety_rules.acknowledge(self.journal, breaks.clock.now())))
            return dialog
        self.windows.replace(SAFETY, build)

    def first_run_safety(self) -> None:
        """Show the safety screen until the user has acknowledged it once."""
        from ..core import safety as safety_rules

        try:
            if not safety_rules.acknowledged(self.journal):
                self.show_safety(first_run=True)
        except JournalError as exc:
            log.error("journal: %s", exc)

    def evaluation_text(self) -> str | None:
        from ..core import safety as safety_rules
        from ..ui.safety_window import evaluation_text

        found = safety_rules.evaluate_journal(self.journal, self.breaks.tz,
                                              self.breaks.clock.now(), self.clinic_contact)
        return None if found is None else evaluation_text(found)

    def check_evaluation(self) -> None:
        """Notify "time to get evaluated" when a rule holds, at most once a week."""
        from ..core import safety as safety_rules

        found = safety_rules.notify_due(self.journal, self.breaks.tz, self.breaks.clock.now(),
                                        self.clinic_contact)
        if found is not None:
            from ..ui.safety_window import evaluation_text  # widgets only when needed

            self.breaks.notifier.notify(
                QCoreApplication.translate("Safety", "Time to get evaluated"),
                evaluation_text(found))

    def daily_checks(self) -> None:
        """Once a local day (from the minute tick): the "time to get evaluated" rules."""
        today = self.breaks.clock.now().astimezone(self.breaks.tz).date()
        if today != self._checked_on:
            self._checked_on = today
            self.breaks.guard.run(self.check_evaluation)

    # ------------------------------------------------------------------ pain
    def log_pain(self) -> None:
        from ..ui.pain_dialog import PainDialog

        def build() -> PainDialog:
            last = self.journal.last_pain()
            dialog = PainDialog(initial=last.rating if last else 0)
            dialog.logged.connect(self.pain_logged)
            return dialog
        self.windows.show(PAIN, build)

    def pain_logged(self, rating: int, note: str, sleep: bool, work: bool) -> None:
        def record() -> None:
            self.journal.record_pain(at=self.breaks.clock.now(), rating=rating,
                                     note=note or None, sleep=sleep, work=work)
            self.after_pain(rating)
            self.refresh_history()
        self.breaks.guard.run(record)

    def after_pain(self, rating: int) -> None:
        from ..ui.safety_window import HIGH_PAIN

        if rating >= HIGH_PAIN:
            self.show_safety(high_pain=True)
        self.check_evaluation()

    def break_away(self) -> None:
        """"I did a break away from the computer": a break done, now."""
        def record() -> None:
            now = self.breaks.clock.now()
            self.journal.record_break(planned_at=None, started_at=now, ended_at=now,
                                      routine_id=None, outcome=Outcome.DONE)
            self.breaks.replan()
            self.refresh_history()
        self.breaks.guard.run(record)

    # ------------------------------------------------------------------ history
    def names(self) -> dict[str, str]:
        """Exercise and routine names by id, for the History window."""
        from ..core.player import KEEP_MOVING_ID

        library = self.library
        return {**{r.id: r.name for r in library.routines},
                **{e.id: e.name for e in library.exercises},
                KEEP_MOVING_ID: QCoreApplication.translate("PostureCoachApp", "Keep moving")}

    def history_data(self) -> History:
        from ..core import stats

        breaks = self.breaks
        return stats.history(self.journal, breaks.coach.schedule, breaks.tz,
                             breaks.clock.now())

    def _history_view(self) -> HistoryView:
        psfs = self.psfs_summary() if self.psfs_summary is not None else None
        return HistoryView(self.history_data(), self.evaluation_text(), psfs)

    def show_history(self) -> None:
        from ..ui.history_window import HistoryWindow

        view = self.history_model.view() if self.windows.get(HISTORY) is None else None
        if self.windows.get(HISTORY) is None and view is None:
            self.breaks.notifier.notify(QCoreApplication.translate(
                "History", "Posture Coach could not read the journal"),
                self.history_model.problem or "")
            return

        def build() -> HistoryWindow:
            assert view is not None  # built only when none is open: read just above
            window = HistoryWindow(view.history, self.breaks.tz, self.names(), view.evaluation)
            if view.psfs is not None:
                window.set_psfs(*view.psfs)
            window.follow(self.history_model)  # each change from now until it is closed
            window.day_requested.connect(self.history_day)
            window.export_requested.connect(self.history_export)
            window.delete_requested.connect(self.delete_all_data)
            return window
        self.windows.show(HISTORY, build)

    def refresh_history(self) -> None:
        """The journal gained or lost something: whoever follows History hears it."""
        self.history_model.changed()

    def history_day(self, day: date) -> None:
        from ..core import stats

        window = self.windows.get(HISTORY)
        if window is None:
            return
        try:
            window.show_day(stats.day_detail(self.journal, day, self.breaks.tz))
        except JournalError as exc:
            window.show_message(str(exc))

    def history_export(self, path: str, fmt: str) -> None:
        from ..core.exchange import ExchangeError, export_file

        window = self.windows.get(HISTORY)
        if window is None:
            return
        try:
            export_file(self.journal, Path(path), fmt, self.breaks.tz, self.breaks.clock.now())
        except (ExchangeError, JournalError) as exc:
            window.show_message(str(exc))
            return
        window.show_message(
            QCoreApplication.translate("History", "Exported to %1 (readable by you only).")
            .replace("%1", path))

    def delete_all_data(self) -> None:
        """Delete the journal, its side files, backups and logs; go on with a fresh journal."""
        from ..core import datafiles
        from ..core.logsetup import setup_logging

        data = self.data
        ours = logging.getLogger("posture_coach")
        handlers = [h for h in ours.handlers if isinstance(h, logging.FileHandler)
                    and Path(h.baseFilename).parent.parent == data]
        for handler in handlers:
            ours.removeHandler(handler)
            handler.close()
        synced = self.before_delete() if self.before_delete is not None else False
        self.journal.close()
        try:
            deleted = datafiles.delete_all(data)
            error = None
        except OSError as exc:
            deleted, error = [], exc
        self.breaks.coach.journal = Journal.open(datafiles.journal_path(data),
                                                 self.breaks.clock)
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
            if synced:  # else the next sync would bring the other computers' records back
                text += " " + translate("History", "Syncing was turned off on this computer; "
                                        "the files in the sync folder were kept.")
        self.breaks.replan()
        self.refresh_history()
        window = self.windows.get(HISTORY)
        if window is not None:
            window.show_message(text)
