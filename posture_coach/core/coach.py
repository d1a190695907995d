"""The coach: turns what happens (a break done, a snooze, a pause, the user away, the
laptop waking) into journal entries, and the journal into the next plan.

It holds as little as possible in memory: the plan always comes from the journal
and the clock (so a restart keeps it), plus two facts that only matter while the
app runs: the break shown right now and whether the user is away.  No Qt here;
the app calls these methods from the GUI thread and schedules the plan it gets.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo

from .clock import Clock
from .journal import BreakRecord, Journal, JournalError, Outcome, StepRecord
from .policy import Pause, PauseKind, Plan, Schedule, State, is_natural_break, pause_until, plan

log = logging.getLogger(__name__)

COUNTS = (Outcome.DONE, Outcome.PARTIAL, Outcome.SKIPPED, Outcome.NATURAL)
USER_PAUSE = "user"
PAUSE_CHOICES = ("30m", "1h", "2h", "until-tomorrow")
MAX_SNOOZE_MIN = 120


@dataclass(frozen=True)
class PendingBreak:
    routine_id: str
    planned_at: datetime | None
    started_at: datetime


@dataclass
class _Watch:
    """The last time the app looked: for noticing sleep and clock jumps."""

    wall: datetime
    mono: float


class Coach:
    def __init__(self, journal: Journal, clock: Clock, tz: tzinfo, schedule: Schedule):
        self.journal = journal
        self.clock = clock
        self.tz = tz
        self.schedule = schedule
        self.started_at = clock.now()
        self.pending: PendingBreak | None = None
        self.away_since: datetime | None = None
        self.ice_heat_until: datetime | None = None
        self._watch = _Watch(self.started_at, clock.monotonic())
        self._plan: Plan | None = None
        self.unsaved: list[dict[str, object]] = []
        """Breaks the journal could not take (disk full, read-only): kept in memory, counted
        by the plan (no reminder right after a break that could not be saved) and written
        by :meth:`save_unsaved` once the journal works again."""

    # ------------------------------------------------------------------ facts
    def _facts(self, now: datetime) -> tuple[datetime | None, datetime | None,
                                             tuple[Pause, ...]]:
        last = self.journal.last_break(COUNTS)
        last_reset = last.ended_at if last else None
        snooze = self.journal.last_break((Outcome.SNOOZED,))
        snooze_end = snooze.ended_at if snooze else None
        snooze_at = snooze.snooze_until if snooze else None
        for row in self.unsaved:
            ended = row["ended_at"]
            assert isinstance(ended, datetime)
            if row["outcome"] in COUNTS and (last_reset is None or ended > last_reset):
                last_reset = ended
            if row["outcome"] is Outcome.SNOOZED and (snooze_end is None or ended > snooze_end):
                snooze_end, snooze_at = ended, row["snooze_until"]  # type: ignore[assignment]
        snooze_until = None
        if snooze_end is not None and snooze_at is not None and (
                last_reset is None or snooze_end > last_reset):
            snooze_until = snooze_at
        pauses: list[Pause] = [Pause(PauseKind.USER, p.until)
                               for p in self.journal.active_pauses(now)]
        if self.away_since is not None:
            pauses.append(Pause(PauseKind.IDLE))
        if self.ice_heat_until is not None and self.ice_heat_until > now:
            pauses.append(Pause(PauseKind.ICE_HEAT))
        if self.pending is not None:
            # A break is on screen: nothing else is planned until it is answered.
            pauses.append(Pause(PauseKind.BREAK_SHOWN))
        return last_reset, snooze_until, tuple(pauses)

    def replan(self) -> Plan:
        now = self.clock.now()
        last_reset, snooze_until, pauses = self._facts(now)
        self._plan = plan(self.schedule, now=now, tz=self.tz, last_reset=last_reset,
                          snooze_until=snooze_until, pauses=pauses,
                          started_at=self.started_at)
        return self._plan

    @property
    def current_plan(self) -> Plan:
        return self._plan if self._plan is not None else self.replan()

    def set_schedule(self, schedule: Schedule) -> Plan:
        self.schedule = schedule
        return self.replan()

    # ------------------------------------------------------------------ breaks
    def start_break(self, routine_id: str, planned_at: datetime | None = None) -> PendingBreak:
        if self.pending is None:
            self.pending = PendingBreak(routine_id, planned_at, self.clock.now())
        return self.pending

    def finish_break(self, outcome: Outcome, steps: tuple[StepRecord, ...] = ()) -> Plan:
        pending = self.pending
        now = self.clock.now()
        if pending is None:
            return self.replan()
        self.pending = None
        self._record(planned_at=pending.planned_at, started_at=pending.started_at,
                     ended_at=max(now, pending.started_at), routine_id=pending.routine_id,
                     outcome=outcome, steps=steps)
        return self.replan()

    def _record(self, **row: object) -> None:
        """Record a break, after any kept from earlier failures; on :class:`JournalError`
        it stays in :attr:`unsaved` (planned with) and the error goes to the caller."""
        self.unsaved.append(row)
        self.save_unsaved()

    def save_unsaved(self) -> bool:
        """Write the breaks kept while the journal failed, oldest first; True when some
        were written.  Raises :class:`JournalError` while the journal still fails."""
        wrote = False
        while self.unsaved:
            try:
                self.journal.record_break(**self.unsaved[0])  # type: ignore[arg-type]
            except JournalError:
                raise
            except ValueError:
                log.exception("dropping a break the journal refused: %r", self.unsaved[0])
            else:
                wrote = True
            self.unsaved.pop(0)
        return wrote

    def snooze(self, minutes: int) -> Plan:
        """Put the next break off by ``minutes`` (from now if it is due or shown)."""
        if not 1 <= minutes <= MAX_SNOOZE_MIN:
            raise ValueError(f"snooze minutes must be 1 to {MAX_SNOOZE_MIN}")
        now = self.clock.now()
        pending = self.pending
        self.pending = None
        due = self.current_plan.due
        base = now if pending is not None or due is None or due <= now else due
        until = base + timedelta(minutes=minutes)
        self._record(
            planned_at=pending.planned_at if pending else due,
            started_at=pending.started_at if pending else now, ended_at=now,
            routine_id=pending.routine_id if pending else None, outcome=Outcome.SNOOZED,
            snooze_until=until)
        return self.replan()

    def pause(self, choice: str) -> Plan:
        if choice not in PAUSE_CHOICES:
            raise ValueError(f"pause must be one of {', '.join(PAUSE_CHOICES)}")
        now = self.clock.now()
        self.journal.end_pauses(now)
        self.journal.start_pause(USER_PAUSE, pause_until(choice, now, self.schedule, self.tz))
        return self.replan()

    def resume(self) -> Plan:
        self.journal.end_pauses(self.clock.now())
        return self.replan()

    # ------------------------------------------------------------------ absence
    def observe_idle(self, idle_seconds: float | None) -> bool:
        """Feed the seconds since the last input; True when the plan changed.

        Away at least a break's length: no reminders while away.  Back again:
        the absence is recorded as a natural break and the next one is planned
        from the return.
        """
        if idle_seconds is None:
            return False
        now = self.clock.now()
        idle = timedelta(seconds=max(0.0, idle_seconds))
        if self.away_since is None:
            if is_natural_break(idle, self.schedule):
                self.away_since = now - idle
                log.info("away since %s", self.away_since)
                return True
            return False
        if idle < self.schedule.natural_break:
            returned = now - idle
            self._record_natural(self.away_since, returned)
            self.away_since = None
            return True
        return False

    def check_clock(self) -> bool:
        """Notice sleep and clock jumps since the last look; True when the plan changed.

        A forward gap of at least a break's length (the laptop slept, or the
        clock was moved on) counts as a natural break: no reminder burst, the
        next break an interval after waking.
        """
        now, mono = self.clock.now(), self.clock.monotonic()
        wall_delta = (now - self._watch.wall).total_seconds()
        mono_delta = mono - self._watch.mono
        previous = self._watch.wall
        self._watch = _Watch(now, mono)
        gap = wall_delta - mono_delta
        if abs(gap) < 60:
            return False
        log.info("the clock moved by %+.0f s beyond elapsed time (sleep or clock change)", gap)
        if gap > 0 and is_natural_break(timedelta(seconds=gap), self.schedule) \
                and self.pending is None:
            self._record_natural(previous, now)
        return True

    def _record_natural(self, start: datetime, end: datetime) -> None:
        if end < start:
            start = end
        self._record(planned_at=None, started_at=start, ended_at=end, routine_id=None,
                     outcome=Outcome.NATURAL)

    # ------------------------------------------------------------------ status
    def status(self) -> dict[str, object]:
        plan_ = self.replan()
        now = self.clock.now()
        last = self.journal.last_break()
        out: dict[str, object] = {
            "state": "break-shown" if self.pending else plan_.state.value,
            "now": _iso(now),
            "next_break": _iso(plan_.due) if plan_.due else None,
            "seconds_to_next": round((plan_.due - now).total_seconds()) if plan_.due else None,
            "paused_until": _iso(plan_.pause_until) if plan_.pause_until else None,
            "paused_by": [p.value for p in plan_.paused_by],
            "interval_minutes": round(self.schedule.interval.total_seconds() / 60, 2),
            "last_break": _break_dict(last) if last else None,
        }
        return out


def _iso(when: datetime) -> str:
    return when.isoformat(timespec="seconds")


def _break_dict(record: BreakRecord) -> dict[str, object]:
    return {"outcome": record.outcome.value, "routine": record.routine_id,
            "ended_at": _iso(record.ended_at.astimezone(timezone.utc))}


def describe_plan(plan_: Plan, now: datetime, tz: tzinfo) -> str:
    """One line for the tray tooltip and ``status``: what happens next."""
    if plan_.state is State.PAUSED and plan_.due is None:
        names = {PauseKind.ICE_HEAT: "during your ice/heat session",
                 PauseKind.IDLE: "while you are away",
                 PauseKind.USER: "by you",
                 PauseKind.BREAK_SHOWN: "while a break is on screen"}
        return "Breaks paused " + " and ".join(names[p] for p in plan_.paused_by)
    if plan_.due is None:
        return "No breaks planned: no working days are set"
    due = plan_.due.astimezone(tz)
    local_now = now.astimezone(tz)
    seconds = max(0, round((plan_.due - now).total_seconds()))
    if seconds <= 0:
        return "A break is due now"
    when = due.strftime("%H:%M") if due.date() == local_now.date() else \
        due.strftime("%a %H:%M")
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    span = f"{hours} h {minutes} min" if hours else (f"{minutes} min" if minutes else
                                                      f"{secs} s")
    prefix = "Paused. " if plan_.state is State.PAUSED else ""
    if plan_.state is State.OUTSIDE_HOURS:
        return f"Outside working hours. Next break {when}"
    return f"{prefix}Next break at {when} (in {span})"
