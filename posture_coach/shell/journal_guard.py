"""The journal-fault retry queue: journal writes can fail (disk full, read-only, a damaged
file); the app keeps running, tells the user once per fault, keeps what could not be
written and writes it as soon as the journal works again.

Breaks are kept by the coach itself (``coach.unsaved``); everything else (pain ratings,
ice/heat sessions) is a write kept here, in order, retried from the minute tick.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from ..core.coach import Coach
from ..core.journal import Journal, JournalError

log = logging.getLogger(__name__)

Write = Callable[[], None]


class JournalGuard:
    """Runs journal work; on a :class:`JournalError`: tell the user (``notify``), plan
    with what is kept in memory (``replan``), and say False."""

    def __init__(self, journal: Callable[[], Journal], coach: Coach,
                 notify: Callable[[str, str], object], replan: Callable[[], None]):
        self._journal = journal  # a callable: "delete all my data" opens a new journal
        self.coach = coach
        self.notify = notify
        self.replan = replan
        self.fault: str | None = None  # the journal error the user was told about
        self.kept: list[Write] = []  # writes to retry once the journal works

    @property
    def keeping(self) -> bool:
        return bool(self.coach.unsaved or self.kept)

    def run(self, action: Callable[[], object], writes: bool = True) -> bool:
        """Run ``action``; False when the journal failed.  A write that works again
        (``writes``) after a fault tells the user it saves again."""
        try:
            action()
        except JournalError as exc:
            self._failed(exc)
            return False
        if writes and self.fault is not None and not self.keeping:
            self.fault = None
            log.info("journal: saving works again")
            self.notify(
                QCoreApplication.translate("PostureCoachApp", "Posture Coach saves again"),
                QCoreApplication.translate("PostureCoachApp",
                                           "The journal works again; nothing was lost."))
        return True

    def _failed(self, exc: JournalError) -> None:
        log.error("journal: %s", exc)
        message = str(exc)
        # one message per fault, whatever was being read or written when it showed
        fault = message.partition(str(self._journal().path))[2] or message
        if fault != self.fault:
            self.fault = fault
            kept = ""
            if self.keeping:
                kept = "\n\n" + QCoreApplication.translate(
                    "PostureCoachApp", "What you just did is kept and will be saved as "
                    "soon as the journal works again.")
            self.notify(QCoreApplication.translate("App", "Posture Coach could not save"),
                        message + kept)
        try:  # plan with what is kept in memory: no reminder right after a break
            self.replan()
        except JournalError:
            pass  # the journal cannot even be read: the last plan stays

    def keep(self, write: Write) -> None:
        """Queue ``write`` behind what is already kept (written by :meth:`save_kept`)."""
        if write not in self.kept:
            self.kept.append(write)

    def save_kept(self) -> bool:
        """Write what faults kept back (breaks first); raises JournalError while the
        journal still fails.  True when something was written."""
        saved = bool(self.coach.save_unsaved())
        while self.kept:
            self.kept[0]()
            self.kept.pop(0)
            saved = True
        return saved

    def problem(self) -> str | None:
        """What keeps the journal from saving right now, for ``status``; None if nothing."""
        journal = self._journal()
        if getattr(journal, "memory_only", False):
            return f"{journal.path} could not be opened; nothing is saved (see the log)"
        if self.fault is not None:
            kept = len(self.coach.unsaved) + len(self.kept)
            fault = self.fault.removesuffix(" Nothing was changed.")
            return f"saving to {journal.path} failed{fault} ({kept} kept in memory)"
        return None
