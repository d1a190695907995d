"""The home program's part of the composition root (mixed into ``PostureCoachApp``).

Kept apart from ``app.py`` so the wiring of one feature reads in one place:
the active program's routines join the library, its interval and working
hours drive the coach, its home sessions become APScheduler cron jobs that use
the same notification chain and break window (and are logged as home
sessions), and the tray's Home program menu imports, prints and edits.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from apscheduler.triggers.cron import CronTrigger
from PySide6.QtCore import Qt, QTimer

from ..core.errors import ValidationError
from ..core.library import Library
from ..core.policy import Schedule
from ..core.program import DESK_ROUTINE_ID, HomeSession, Program
from ..core.program_store import ProgramStore, StoreError, read_checked
from ..ui.i18n import translate
from ..ui.placement import show_placed

if TYPE_CHECKING:
    from ..core.library import Routine

log = logging.getLogger(__name__)

HOME_JOB_PREFIX = "home-"


class HomeProgramMixin:
    """Methods of :class:`~posture_coach.shell.app.PostureCoachApp` for home programs."""

    program: Program | None
    base_library: Library
    program_store: ProgramStore
    _program_stamp: int | None
    program_dialog: Any
    editor_window: Any

    if TYPE_CHECKING:  # provided by PostureCoachApp
        library: Library
        routine_id: str
        services: Any
        settings: Any
        coach: Any
        tray: Any
        scheduler: Any
        notifier: Any
        clock: Any
        tz: Any
        library_window: Any

        def apply(self, plan: Any) -> None: ...

        def show_break(self, routine: Routine, planned_at: datetime | None,
                       home_session: str | None = None) -> None: ...

    # ------------------------------------------------------------------ loading
    def init_program(self) -> None:
        """Called once from ``__init__`` after the tray exists."""
        self.base_library = self.library
        self.program_store = ProgramStore(self.services.data, self.services.parse_cache)
        self.program = None
        self._program_stamp = None
        self.program_dialog = None
        self.editor_window = None
        t = self.tray
        t.import_program.connect(self.choose_program_file)
        t.print_program.connect(self.print_program)
        t.edit_program.connect(self.show_program_editor)
        self.load_active_program()

    def load_active_program(self) -> None:
        """Read the store's active program and apply it (or go back to no program)."""
        self._program_stamp = self.program_store.stamp()
        program: Program | None = None
        try:
            stored = self.program_store.active(self.base_library)
        except StoreError as exc:
            log.error("home program: %s", exc)
            stored = None
        if stored is not None:
            if stored.program is None:
                log.warning("the active home program %s cannot be used:\n%s", stored.id,
                            stored.problems)
            program = stored.program
        self.apply_program(program)

    def effective_schedule(self) -> Schedule:
        """The settings' schedule, with the active program's interval and hours over it
        (a test's shortened interval still wins)."""
        from .app import interval_override

        base = self.settings.schedule(interval_override())
        schedule = self.program.schedule(base) if self.program is not None else base
        if interval_override() is not None:
            from dataclasses import replace

            schedule = replace(schedule, interval=base.interval)
        return schedule

    def apply_program(self, program: Program | None) -> None:
        self.program = program
        if program is not None:
            self.library = program.with_library(self.base_library, translate)
            if program.desk_break:
                self.routine_id = DESK_ROUTINE_ID
        else:
            self.library = self.base_library
        if not self.library.has_routine(self.routine_id):
            self.routine_id = (self.settings.routine
                               if self.library.has_routine(self.settings.routine)
                               else self.library.routines[0].id)
        self.tray.set_routines([(r.id, r.name) for r in self.library.routines])
        self.tray.set_program(program.title if program is not None else None)
        self.coach.set_schedule(self.effective_schedule())
        self.schedule_home_sessions()
        if self.library_window is not None:
            self.library_window.close()
            self.library_window = None
        log.info("home program: %s", program.title if program else "none")

    def check_program(self) -> bool:
        """Once a minute: did ``program import/activate`` change the active program?"""
        if self.program_store.stamp() == self._program_stamp:
            return False
        self.load_active_program()
        return True

    # ------------------------------------------------------------------ reminders
    def schedule_home_sessions(self) -> None:
        for job in list(self.scheduler.get_jobs()):
            if job.id.startswith(HOME_JOB_PREFIX):
                self.scheduler.remove_job(job.id)
        if self.program is None:
            return
        for session in self.program.home_sessions:
            trigger = CronTrigger(day_of_week=session.cron_days(), hour=session.at.hour,
                                  minute=session.at.minute, timezone=self.tz)
            self.scheduler.add_job(self._home_later, trigger, id=HOME_JOB_PREFIX + session.id,
                                   args=[session.id], replace_existing=True)

    def home_session_times(self) -> dict[str, datetime | None]:
        """When each home-session reminder fires next after the clock's now (its cron
        trigger asked directly, so a fake clock gives the answer for its own time)."""
        now = self.clock.now()
        return {job.id[len(HOME_JOB_PREFIX):]: job.trigger.get_next_fire_time(None, now)
                for job in self.scheduler.get_jobs() if job.id.startswith(HOME_JOB_PREFIX)}

    def _home_later(self, session_id: str) -> None:
        QTimer.singleShot(0, lambda: self.on_home_session(session_id))

    def on_home_session(self, session_id: str) -> None:
        """A home session's time: the same notification chain, then the guided window."""
        program = self.program
        if program is None:
            return
        session = next((s for s in program.home_sessions if s.id == session_id), None)
        if session is None or not self.library.has_routine(session.routine_id):
            return
        routine = self.library.routine(session.routine_id)
        if self.settings.notifications:
            self.notifier.notify(
                translate("HomeProgram", "Home session: %1").replace("%1", session.name),
                translate("HomeProgram", "{program}: {exercises}").format(
                    program=program.title,
                    exercises=translate("Program", ", ").join(i.exercise.name
                                                             for i in routine.items)))
        self.show_break(routine, planned_at=self.clock.now(), home_session=session.id)

    def session_for_routine(self, routine_id: str) -> HomeSession | None:
        if self.program is None:
            return None
        return next((s for s in self.program.home_sessions if s.routine_id == routine_id),
                    None)

    # ------------------------------------------------------------------ import
    def choose_program_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            None, translate("HomeProgram", "Import a home program"), str(Path.home()),
            translate("HomeProgram", "Home program (*.yaml *.yml)"))
        if path:
            self.preview_import(Path(path))

    def preview_import(self, path: Path) -> None:
        """Check the file; show its problems, or what will change with Import / Cancel."""
        from ..core.program import describe_changes
        from ..ui.import_preview import ImportPreviewDialog

        try:
            _data, program = read_checked(path, self.base_library)
        except ValidationError as exc:
            dialog = ImportPreviewDialog.problems(path.name, [str(p) for p in exc.problems])
        else:
            from .app import interval_override

            changes = describe_changes(program, self.program,
                                       self.settings.schedule(interval_override()), translate)
            dialog = ImportPreviewDialog.changes(program, changes)
            dialog.import_requested.connect(lambda: self.import_program(path))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._forget_program_dialog)
        self.program_dialog = dialog
        show_placed(dialog, "program-preview")

    def _forget_program_dialog(self) -> None:
        self.program_dialog = None

    def import_program(self, path: Path) -> None:
        try:
            self.program_store.import_file(path, self.base_library)
        except (ValidationError, StoreError) as exc:
            log.error("import of %s failed: %s", path, exc)
            self.notifier.notify(translate("HomeProgram", "The program was not imported"),
                                 str(exc).split("\n")[0])
            return
        self.load_active_program()
        self.apply(self.coach.replan())

    # ------------------------------------------------------------------ print and edit
    def print_program(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from ..report.handout import build_document, print_document

        if self.program is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer)
        dialog.setWindowTitle(translate("HomeProgram", "Print the home program"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            print_document(build_document(self.program, self.base_library), printer)

    def show_program_editor(self) -> None:
        from ..ui.program_editor import ProgramEditor

        if self.editor_window is None:
            self.editor_window = ProgramEditor(self.base_library, self.program)
            wire_editor(self.editor_window, self.base_library)
            self.editor_window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.editor_window.destroyed.connect(self._forget_editor)
        show_placed(self.editor_window, "program-editor")

    def _forget_editor(self) -> None:
        self.editor_window = None


def wire_editor(editor: Any, library: Library) -> None:
    """The editor's answers: save through the core's writer, preview the handout."""
    from ..core.program_writer import preview_program, save_program

    def save(path: Path, draft: Any) -> None:
        try:
            save_program(path, draft, library)
        except ValidationError as exc:
            editor.show_problems([f"{p.path}: {p.message}" if p.path else p.message
                                  for p in exc.problems])
        except OSError as exc:
            editor.show_problems([f"{path}: {exc.strerror or exc}"])
        else:
            editor.show_saved(path)

    def preview(draft: Any) -> None:
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from ..report.handout import build_document, print_document

        try:
            program = preview_program(draft, library)
        except ValidationError as exc:
            editor.show_problems([f"{p.path}: {p.message}" if p.path else p.message
                                  for p in exc.problems])
            return
        document = build_document(program, library)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, editor)
        dialog.setWindowTitle(translate("HomeProgram", "Handout preview"))
        dialog.paintRequested.connect(lambda device: print_document(document, device))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.preview_dialog = dialog
        dialog.open()

    editor.save_requested.connect(save)
    editor.preview_requested.connect(preview)
