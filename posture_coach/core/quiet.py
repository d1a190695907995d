"""Quiet when it matters: a due break waits while the user is busy (a fullscreen window
has focus, the desktop's Do Not Disturb is on), up to a limit the user sets, then it
arrives anyway.

Pure logic with a clock: the app asks the desktop whether now is a bad moment
(``desktop/quiet.py``) and feeds the answer in; :class:`QuietGate` says whether to show
the break now or look again later.  Where no signal is known the answer is None and a
break never waits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .clock import Clock

RECHECK = timedelta(seconds=5)
# a busy signal that cannot work here, named for the user (status, Settings)
NO_SOUND_SERVER = "microphone-no-sound-server"


@dataclass(frozen=True)
class QuietVerdict:
    show: bool
    recheck_at: datetime | None = None  # when to look again (only when not shown)
    waited: timedelta = timedelta(0)
    reason: str | None = None  # why it waits, or "limit" when it arrives after the limit


def decide(waiting_since: datetime, now: datetime, busy: str | None, limit: timedelta,
           recheck: timedelta = RECHECK) -> QuietVerdict:
    """Show a break due since ``waiting_since`` now, or wait (``busy`` says why)?"""
    waited = max(timedelta(0), now - waiting_since)
    if busy is None or limit <= timedelta(0):
        return QuietVerdict(True, waited=waited)
    if waited >= limit:
        return QuietVerdict(True, waited=waited, reason="limit")
    return QuietVerdict(False, min(now + recheck, waiting_since + limit), waited, busy)


class QuietGate:
    """Remembers since when a due break has been waiting; forgets once it is shown."""

    def __init__(self, clock: Clock, limit: timedelta, recheck: timedelta = RECHECK):
        self.clock = clock
        self.limit = limit
        self.recheck = recheck
        self.waiting_since: datetime | None = None

    def check(self, busy: str | None) -> QuietVerdict:
        now = self.clock.now()
        since = self.waiting_since or now
        verdict = decide(since, now, busy, self.limit, self.recheck)
        self.waiting_since = None if verdict.show else since
        return verdict

    def reset(self) -> None:
        self.waiting_since = None
