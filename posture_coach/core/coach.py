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
from .texts import Translate, english

log = logging.getLogger(__name__)

COUNTS = (Outcome.DONE, Outcome.PARTIAL, Outcome.SKIPPED, Outcome.NATURAL)
USER_PAUSE = "user"
PAUSE_CHOICES = ("30m", "1h", "2h", "until-tomorrow")
MAX_SNOOZE_MIN = 120
SNOOZE_NOTHING = "nothing"  # no break is shown or coming: nothing to put off
SNOOZE_CAP = "cap"
# the least time before a break that a settings change makes due (when there is no notice)
SETTINGS_GRACE = timedelta(seconds=10)  # snoozed the most times in a row the settings allow


class SnoozeRefused(ValueError):
    """The user snoozed as many times in a row as the settings allow."""


@dataclass(frozen=True)
class PendingBreak:
    routine_id: str
    planned_at: datetime | None
    started_at: datetime
    home_session: str | None = None


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
        self.snooze_cap: int | None = None  # snoozes in a row allowed; None: no cap
        self._watch = _Watch(self.started_at, clock.monotonic())
        self._plan: Plan | None = None
        self.unsaved: list[dict[str, object]] = []
        self.not_before: datetime | None = None  # set by a settings change
        self._not_before_set = self.started_at
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
        not_before = self.not_before
        if not_before is not None and last_reset is not None and last_reset >= \
                self._not_before_set:
            not_before = self.not_before = None  # a break counted since: plan as usual
        self._plan = plan(self.schedule, now=now, tz=self.tz, last_reset=last_reset,
                          snooze_until=snooze_until, pauses=pauses,
                          started_at=self.started_at, not_before=not_before)
        return self._plan

    @property
    def current_plan(self) -> Plan:
        return self._plan if self._plan is not None else self.replan()

    def set_schedule(self, schedule: Schedule) -> Plan:
        """Plan again with a new schedule (the settings or the home program changed).  It
        never starts a break at once: a break it makes due now, or in the past, comes
        after the usual notice (at least :data:`SETTINGS_GRACE`)."""
        changed = schedule != self.schedule and self._plan is not None
        self.schedule = schedule
        if changed:
            now = self.clock.now()
            self.not_before = now + max(schedule.notice, SETTINGS_GRACE)
            self._not_before_set = now
        return self.replan()

    # ------------------------------------------------------------------ breaks
    def start_break(self, routine_id: str, planned_at: datetime | None = None,
                    home_session: str | None = None) -> PendingBreak:
        """A break (or a home program's home session) is on screen."""
        if self.pending is None:
            self.pending = PendingBreak(routine_id, planned_at, self.clock.now(), home_session)
        return self.pending

    def finish_break(self, outcome: Outcome, steps: tuple[StepRecord, ...] = ()) -> Plan:
        pending = self.pending
        now = self.clock.now()
        if pending is None:
            return self.replan()
        self.pending = None
        self._record(planned_at=pending.planned_at, started_at=pending.started_at,
                     ended_at=max(now, pending.started_at), routine_id=pending.routine_id,
                     outcome=outcome, steps=steps, home_session=pending.home_session)
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

    def snoozes_in_a_row(self) -> int:
        """Snoozes since the last break that counted (or since this working period began,
        or the last 24 hours: the night resets the count)."""
        now = self.clock.now()
        last = self.journal.last_break(COUNTS)
        since = now - timedelta(days=1)
        period = self.schedule.hours.period_at_or_after(now, self.tz)
        if period is not None and period[0] <= now:
            since = max(since, period[0])
        if last is not None:
            since = max(since, last.ended_at)
        return sum(1 for b in self.journal.breaks_between(since, now + timedelta(seconds=1))
                   if b.outcome is Outcome.SNOOZED and b.ended_at > since)

    def can_snooze(self) -> bool:
        return self.snooze_cap is None or self.snoozes_in_a_row() < self.snooze_cap

    def snooze_block(self) -> str | None:
        """Why snoozing makes no sense now, or None when it does: ``"nothing"`` when no
        break is shown or coming in this working period (paused, outside working hours),
        ``"cap"`` when the user snoozed ``snooze_cap`` times in a row."""
        plan_ = self.current_plan
        if self.pending is None and (plan_.state is not State.RUNNING or plan_.due is None):
            return SNOOZE_NOTHING
        if not self.can_snooze():
            return SNOOZE_CAP
        return None

    def snooze(self, minutes: int) -> Plan:
        """Put the next break off by ``minutes`` (from now if it is due or shown).

        Refused (:class:`SnoozeRefused`) once the user has snoozed ``snooze_cap`` times
        in a row: then the break can be taken or skipped, not put off again.
        """
        if not 1 <= minutes <= MAX_SNOOZE_MIN:
            raise ValueError(f"snooze minutes must be 1 to {MAX_SNOOZE_MIN}")
        if not self.can_snooze():
            log.info("snooze refused: %d snoozes in a row, the most the settings allow",
                     self.snooze_cap)
            raise SnoozeRefused(f"you have snoozed {self.snooze_cap} times in a row, the most "
                                "your settings allow; take or skip this break")
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
            snooze_until=until, home_session=pending.home_session if pending else None)
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


def describe_plan(plan_: Plan, now: datetime, tz: tzinfo,
                  translate: Translate = english) -> str:
    """One line for the tray tooltip and ``status``: what happens next.

    ``translate``: see :mod:`posture_coach.core.texts` (the tray passes Qt's).
    """
    if plan_.state is State.PAUSED and plan_.due is None:
        # one whole sentence per reason (two reasons together are rare: listed apart)
        names = {PauseKind.ICE_HEAT: translate("Plan", "Breaks paused during your ice/heat "
                                                       "session"),
                 PauseKind.IDLE: translate("Plan", "Breaks paused while you are away"),
                 PauseKind.USER: translate("Plan", "Breaks paused by you"),
                 PauseKind.BREAK_SHOWN: translate("Plan", "Breaks paused while a break is "
                                                          "on screen")}
        return translate("Plan", "; ").join(names[p] for p in plan_.paused_by)
    if plan_.due is None:
        return translate("Plan", "No breaks planned: no working days are set")
    due = plan_.due.astimezone(tz)
    local_now = now.astimezone(tz)
    seconds = max(0, round((plan_.due - now).total_seconds()))
    if seconds <= 0:
        return translate("Plan", "A break is due now")
    if due.date() == local_now.date():
        when = due.strftime("%H:%M")
    else:
        days = (translate("Plan", "Mon"), translate("Plan", "Tue"), translate("Plan", "Wed"),
                translate("Plan", "Thu"), translate("Plan", "Fri"), translate("Plan", "Sat"),
                translate("Plan", "Sun"))
        when = translate("Plan", "{day} {time}").format(day=days[due.weekday()],
                                                        time=due.strftime("%H:%M"))
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        span = translate("Plan", "{hours} h {minutes} min").format(hours=hours,
                                                                   minutes=minutes)
    elif minutes:
        span = translate("Plan", "{minutes} min").format(minutes=minutes)
    else:
        span = translate("Plan", "{seconds} s").format(seconds=secs)
    if plan_.state is State.OUTSIDE_HOURS:
        return translate("Plan", "Outside working hours. Next break {when}").format(when=when)
    if plan_.state is State.PAUSED:
        return translate("Plan", "Paused. Next break at {when} (in {span})").format(
            when=when, span=span)
    return translate("Plan", "Next break at {when} (in {span})").format(when=when, span=span)
