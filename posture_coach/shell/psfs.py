"""The Patient-Specific Functional Scale's job: when the active program asks for it
(``outcomes.psfs``), ask the patient to rate the activities at the program's start and then
every ``every_days`` (a notification and a small dialog), never during a break (a break
that starts while the dialog is open hides it until the break is over); record the
ratings, or remember a skip until the next due time.  When is decided by
:mod:`posture_coach.core.psfs` (a pure policy); this controller only looks once a minute
and at start, and shows."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from ..core import psfs as policy
from ..core.journal import Journal, JournalError
from ..core.journal.psfs import last_psfs_at, psfs_since, record_psfs
from ..core.program import Program
from ..core.psfs import PsfsSummary, start_of, summarize
from ..ui.i18n import translate
from .breaks import BreakController
from .care import CareController
from .program import ProgramController
from .windows import OnceWindows, WindowName

if TYPE_CHECKING:
    from ..ui.psfs_dialog import PsfsDialog

log = logging.getLogger(__name__)

PSFS: WindowName[PsfsDialog] = WindowName("psfs_dialog")  # the rating dialog


class PsfsController:
    def __init__(self, *, breaks: BreakController, programs: ProgramController,
                 care: CareController):
        self.breaks = breaks
        self.windows: OnceWindows = breaks.windows
        self._program: Callable[[], Program | None] = lambda: programs.program
        self.history_changed: Callable[[], None] = care.refresh_history
        care.psfs_summary = self.summary  # History shows the trend
        breaks.break_shown = self.make_way  # never during a break
        self._asked_for: datetime | None = None  # one ask per due time while running

    @property
    def journal(self) -> Journal:
        return self.breaks.coach.journal

    def due_at(self) -> datetime | None:
        """When the active program's rating is due (None: it asks for none)."""
        program = self._program()
        if program is None or program.outcomes is None:
            return None
        skipped_text = self.journal.get_state(policy.SKIPPED_KEY)
        try:
            skipped = datetime.fromisoformat(skipped_text) if skipped_text else None
        except ValueError:
            skipped = None
        if skipped is not None and skipped.tzinfo is None:
            skipped = None
        return policy.next_due(program.outcomes, program.start, self.breaks.tz,
                               last_psfs_at(self.journal), skipped)

    def check(self) -> None:
        """Once a minute and at start: ask when due and no break is on screen or near."""
        self.breaks.guard.run(self._check, writes=False)

    def make_way(self) -> None:
        """A break is on screen: an unanswered rating dialog waits, hidden, until after."""
        shown = self.windows.get(PSFS)
        if shown is not None and not shown.answered and shown.isVisible():
            shown.hide()

    def _check(self) -> None:
        program = self._program()
        breaks = self.breaks
        in_break = breaks.window is not None or breaks.coach.pending is not None
        shown = self.windows.get(PSFS)
        if shown is not None and not shown.answered:
            if in_break:
                self.make_way()
            elif not shown.isVisible():  # the break is over: back, as it was left
                shown.show()
            return
        if program is None or program.outcomes is None:
            return
        due = self.due_at()
        now = breaks.clock.now()
        if due is None or due == self._asked_for or not policy.is_due(
                now, due, in_break=in_break, next_break=breaks.coach.current_plan.due):
            return
        self._asked_for = due
        log.info("activity ratings due since %s: asking", due.isoformat())
        if breaks.model.current.notifications:
            breaks.notifier.notify(
                translate("Psfs", "How are your activities going?"),
                translate("Psfs", "Your physical therapist asks you to rate %n "
                                  "activity(ies) from 0 to 10. It takes a minute.", None,
                          len(program.outcomes.psfs)))
        self.show(program)

    def show(self, program: Program) -> None:
        from ..ui.psfs_dialog import PsfsDialog

        assert program.outcomes is not None
        activities = program.outcomes.psfs

        def build() -> PsfsDialog:
            previous = {r.activity: r.rating for r in psfs_since(
                self.journal, start_of(program.start, self.breaks.tz))}
            dialog = PsfsDialog(activities, previous)
            dialog.rated.connect(self.rated)
            dialog.skipped.connect(self.skipped)
            return dialog
        self.windows.replace(PSFS, build)  # one answered a moment ago may linger

    def rated(self, ratings: list[tuple[str, int]]) -> None:
        """Record the ratings; kept in memory and written later if the journal fails."""
        guard, at, rows = self.breaks.guard, self.breaks.clock.now(), list(ratings)

        def write() -> None:
            record_psfs(self.journal, at, rows)

        def record() -> None:
            guard.keep(write)
            guard.save_kept()
        if guard.run(record):
            self.history_changed()

    def skipped(self) -> None:
        when = self.breaks.clock.now().isoformat()
        self.breaks.guard.run(lambda: self.journal.set_state(policy.SKIPPED_KEY, when))
        log.info("activity ratings skipped until the next due time")

    def summary(self) -> tuple[PsfsSummary, bool]:
        """For History: the ratings since the program's start (all, without a program),
        and whether the program asks for them."""
        program = self._program()
        asked = program is not None and program.outcomes is not None
        start = start_of(program.start, self.breaks.tz) if program is not None else None
        try:
            records = psfs_since(self.journal, start)
        except JournalError as exc:
            log.error("journal: %s", exc)
            records = []
        activities = program.outcomes.psfs if program is not None and program.outcomes \
            else ()
        return summarize(records, activities), asked
