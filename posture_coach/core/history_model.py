"""What History shows, and who hears when the journal gained or lost something.

The History window subscribes to this model while it is open, as napari's layer
controls subscribe to their layer's events, instead of each part that records
something (a break, a pain rating, an activity rating, a merge from another computer,
deleting all data) pushing fresh figures into it.  Whoever changes the journal says
:meth:`HistoryModel.changed`; each subscriber is called; a subscriber that shows
figures asks :meth:`HistoryModel.view`, computed once per change and only when asked
(nobody pays for statistics while History is closed).

A view that cannot be computed (the journal cannot be read) is ``None``: a window keeps
what it shows (the last good state), and the reason is kept in :attr:`problem`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .journal import JournalError

log = logging.getLogger(__name__)

Listener = Callable[[], object]


@dataclass(frozen=True)
class HistoryView:
    """One look at History: the figures, the evaluation banner (or None), and the
    activity ratings with whether the program asks for them (or None: no program)."""

    history: Any  # core.stats.History
    evaluation: str | None
    psfs: tuple[Any, bool] | None = None  # (core.psfs.PsfsSummary, asked)


class HistoryModel:
    def __init__(self, compute: Callable[[], HistoryView]):
        self._compute = compute
        self._entries: list[list[Listener]] = []  # one fresh list a subscription
        self._view: HistoryView | None = None
        self.problem: str | None = None

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener()`` after each change; returns what unsubscribes it (safe to
        call more than once)."""
        entry = [listener]  # its own object: the same function may subscribe twice
        self._entries.append(entry)

        def unsubscribe() -> None:
            self._entries[:] = [e for e in self._entries if e is not entry]
        return unsubscribe

    @property
    def listening(self) -> int:
        """How many subscribers there are now."""
        return len(self._entries)

    def changed(self) -> None:
        """The journal changed: forget the last view and tell every subscriber."""
        self._view = None
        for (listener,) in list(self._entries):
            listener()

    def view(self) -> HistoryView | None:
        """What History shows now (computed once per change), or None when the journal
        cannot be read (:attr:`problem` says why)."""
        if self._view is None:
            try:
                self._view = self._compute()
                self.problem = None
            except JournalError as exc:
                log.error("history: %s", exc)
                self.problem = str(exc)
                return None
        return self._view
