"""The home program: the active program's routines join the library, its interval and
working hours drive the coach, its home sessions become APScheduler cron jobs that use
the same notification chain and break window (and are logged as home sessions), and the
tray's Home program menu imports, prints and edits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from apscheduler.triggers.cron import CronTrigger
from PySide6.QtCore import QTimer

from ..core import emergency
from ..core.errors import ValidationError
from ..core.library import Library
from ..core.policy import Schedule
from ..core.program import DESK_ROUTINE_ID, HomeSession, Program
from ..core.program_store import ProgramStore, StoreError, program_source, read_checked
from ..core.settings_model import SettingsModel
from ..ui.i18n import translate
from .breaks import BreakController
from .timing import interval_override, natural_override
from .windows import OnceWindows, WindowName

if TYPE_CHECKING:
    from ..ui.import_preview import ImportPreviewDialog
    from ..ui.library_window import LibraryWindow
    from ..ui.program_editor import ProgramEditor

log = logging.getLogger(__name__)

HOME_JOB_PREFIX = "home-"
LIBRARY: WindowName[LibraryWindow] = WindowName("library")  # the library window
IMPORT_PREVIEW: WindowName[ImportPreviewDialog] = WindowName("program_dialog")
EDITOR: WindowName[ProgramEditor] = WindowName("editor")


class ProgramController:
    def __init__(self, *, store: ProgramStore, library: Library, breaks: BreakController,
                 model: SettingsModel, windows: OnceWindows):
        self.store = store
        self.base_library = library  # the library without the program, in the UI language
        self.library = library  # with the active program's routines
        self.breaks = breaks
        self.model = model
        self.windows = windows
        self.program: Program | None = None
        self._stamp: int | None = None
        self.library_changed: Callable[[Library], None] = lambda library: None

    # ------------------------------------------------------------------ loading
    def load_active(self) -> None:
        """Read the store's active program and apply it (or go back to no program)."""
        self._stamp = self.store.stamp()
        program: Program | None = None
        try:
            stored = self.store.active(self.base_library)
        except StoreError as exc:
            log.error("home program: %s", exc)
            stored = None
        if stored is not None:
            if stored.program is None:
                log.warning("the active home program %s cannot be used:\n%s", stored.id,
                            stored.problems)
            program = stored.program
        self.apply(program)

    def schedule(self) -> Schedule:
        """The settings' schedule, with the active program's interval and hours over it
        (a test's shortened interval still wins)."""
        override = interval_override()
        base = self.model.current.schedule(override)
        schedule = self.program.schedule(base) if self.program is not None else base
        if override is not None:
            schedule = replace(schedule, interval=base.interval)
        natural = natural_override()
        if natural is not None:
            schedule = replace(schedule, natural_break=natural)
        return schedule

    def apply(self, program: Program | None) -> None:
        breaks = self.breaks
        self.program = program
        if program is not None:
            self.library = program.with_library(self.base_library, translate)
            if program.desk_break:
                breaks.routine_id = DESK_ROUTINE_ID
        else:
            self.library = self.base_library
        settings = self.model.current
        if not self.library.has_routine(breaks.routine_id):
            breaks.routine_id = (settings.routine if self.library.has_routine(settings.routine)
                                 else self.library.routines[0].id)
        breaks.tray.set_routines([(r.id, r.name) for r in self.library.routines])
        breaks.tray.set_program(program.title if program is not None else None)
        breaks.tray.set_emergency_number(emergency.for_program(program).number)
        breaks.coach.set_schedule(self.schedule())
        self.schedule_sessions()
        self.windows.close(LIBRARY)
        self.library_changed(self.library)
        log.info("home program: %s", program.title if program else "none")

    def check(self) -> bool:
        """Once a minute: did ``program import/activate`` change the active program?"""
        if self.store.stamp() == self._stamp:
            return False
        self.load_active()
        return True

    def changed(self) -> str | None:
        """``program-changed`` from the command line: look again; the active title."""
        if self.check():
            self.breaks.replan()
        return self.program.title if self.program is not None else None

    # ------------------------------------------------------------------ reminders
    def schedule_sessions(self) -> None:
        scheduler = self.breaks.scheduler
        for job in list(scheduler.get_jobs()):
            if job.id.startswith(HOME_JOB_PREFIX):
                scheduler.remove_job(job.id)
        if self.program is None:
            return
        for session in self.program.home_sessions:
            trigger = CronTrigger(day_of_week=session.cron_days(), hour=session.at.hour,
                                  minute=session.at.minute, timezone=self.breaks.tz)
            scheduler.add_job(self._later, trigger, id=HOME_JOB_PREFIX + session.id,
                              args=[session.id], replace_existing=True)

    def session_times(self) -> dict[str, datetime | None]:
        """When each home-session reminder fires next after the clock's now (its cron
        trigger asked directly, so a fake clock gives the answer for its own time)."""
        now = self.breaks.clock.now()
        return {job.id[len(HOME_JOB_PREFIX):]: job.trigger.get_next_fire_time(None, now)
                for job in self.breaks.scheduler.get_jobs()
                if job.id.startswith(HOME_JOB_PREFIX)}

    def _later(self, session_id: str) -> None:
        QTimer.singleShot(0, lambda: self.on_session(session_id))

    def on_session(self, session_id: str) -> None:
        """A home session's time: the same notification chain, then the guided window."""
        program = self.program
        if program is None:
            return
        session = next((s for s in program.home_sessions if s.id == session_id), None)
        if session is None or not self.library.has_routine(session.routine_id):
            return
        routine = self.library.routine(session.routine_id)
        breaks = self.breaks
        if self.model.current.notifications:
            breaks.notifier.notify(
                translate("HomeProgram", "Home session: %1").replace("%1", session.name),
                translate("HomeProgram", "{program}: {exercises}").format(
                    program=program.title,
                    exercises=translate("Program", ", ").join(i.exercise.name
                                                             for i in routine.items)))
        breaks.show_break(routine, planned_at=breaks.clock.now(), home_session=session.id)

    def session_for_routine(self, routine_id: str) -> HomeSession | None:
        if self.program is None:
            return None
        return next((s for s in self.program.home_sessions if s.routine_id == routine_id),
                    None)

    # ------------------------------------------------------------------ import
    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            None, translate("HomeProgram", "Import a home program"), str(Path.home()),
            translate("HomeProgram", "Home program (*.pcprogram *.yaml *.yml)"))
        if path:
            self.preview_import(Path(path))

    def preview_import(self, path: Path) -> None:
        """Check the file; show its problems, or what will change with Import / Cancel."""
        from ..core.program import describe_changes
        from ..ui.import_preview import ImportPreviewDialog

        def build() -> ImportPreviewDialog:
            try:
                with program_source(path) as (source, display):  # a .pcprogram is unpacked
                    _data, program = read_checked(source, self.base_library, display)
            except ValidationError as exc:
                return ImportPreviewDialog.problems(path.name, [str(p) for p in exc.problems])
            changes = describe_changes(program, self.program,
                                       self.model.current.schedule(interval_override()),
                                       translate)
            dialog = ImportPreviewDialog.changes(program, changes)
            dialog.import_requested.connect(lambda: self.import_file(path))
            return dialog
        self.windows.replace(IMPORT_PREVIEW, build, activate=False)

    def import_file(self, path: Path) -> None:
        try:
            self.store.import_file(path, self.base_library)
        except (ValidationError, StoreError) as exc:
            log.error("import of %s failed: %s", path, exc)
            self.breaks.notifier.notify(
                translate("HomeProgram", "The program was not imported"),
                str(exc).split("\n")[0])
            return
        self.load_active()
        self.breaks.replan()

    # ------------------------------------------------------------------ print and edit
    def print_handout(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from ..report.handout import build_document, print_document

        if self.program is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer)
        dialog.setWindowTitle(translate("HomeProgram", "Print the home program"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            print_document(build_document(self.program, self.base_library), printer)

    def show_editor(self) -> None:
        def build() -> ProgramEditor:
            from ..ui.program_editor import ProgramEditor
            from .editor import wire_editor

            editor = ProgramEditor(self.base_library, self.program)
            wire_editor(editor, self.base_library)
            return editor
        self.windows.show(EDITOR, build, activate=False)
