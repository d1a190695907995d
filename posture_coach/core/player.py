"""The routine player: the pure-Python brain of the guided break window.

A :class:`Routine` is expanded into a flat list of :class:`Step` objects (one
per set and side, rests between sets as steps of their own) and a
:class:`Player` walks through them, driven only by the monotonic clock it is
given, so wall-clock jumps never disturb a hold.  No Qt here: the window calls
:meth:`Player.update` on each tick and draws :meth:`Player.view`.

Timing rules:

* Time only passes while the player is ``"running"``; a monotonic clock that
  goes backwards counts as no time passing.
* Holds, paced reps, timed steps, breathing and rests advance by themselves
  (a hold moves to the next rep, the last rep to the next step, carrying any
  time left over into it).
* A hold is never followed by another hold without a relax: the steps say
  "hold, then relax fully".  Between two holds of a step there are
  :func:`relax_seconds` (:data:`REP_RELAX_S`, 3 s) of relax, and a hold step that
  comes straight after another hold step (the other side, the next set when the
  dose has no rest, the next exercise) starts with one.  The relax is part of
  the step (its ``seconds``, its record, the time left), not a step of its own.
* A posture checklist waits for :meth:`Player.next`.
* User actions (``next``, ``back``, ``skip_step``, ``pause``...) first count
  the time up to now into the current step, without auto-advancing, so a
  click is applied to the step the person was looking at.

Break length (``break_s``, the ``break_min`` setting): when the routine's steps
end before the break has run that long, one more step follows, "keep moving"
(:data:`KEEP_MOVING_ID`, kind ``"move"``), which lasts until the running time of
the whole break reaches ``break_s``.  It is not one of :attr:`Player.steps` (those
are the routine's own, never shortened); it comes after them.  The person may end
it early (next, skip or finish): the keep-moving record then says ``skipped`` with
the seconds moved, and the break's outcome is the routine's, as without it.  A
routine as long as the break length or longer is played whole and no keep-moving
step is shown or recorded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from .clock import Clock
from .journal import Outcome, StepRecord, StepStatus
from .library import DEFAULT_REP_S, Dose, Exercise, Kind, Library, Routine
from .program import Program

StepKind = Literal["reps", "timed", "breathing", "checklist", "rest", "move"]
Side = Literal["left", "right"]
Phase = Literal["in", "hold", "out"]
Status = Literal["running", "paused", "finished"]

EPS = 1e-6
"""Slack for float sums of clock deltas: a hold ends at 5 s even if 4.9999999 s were counted."""

_PHASE_TEXT = {"in": "Breathe in", "hold": "Hold", "out": "Breathe out"}

KEEP_MOVING_ID = "keep-moving"
"""The exercise id the journal holds for the keep-moving time after a routine."""
KEEP_MOVING_NAME = "Keep moving"
KEEP_MOVING_LINES = (
    "Stand up and walk around at an easy pace.",
    "Look into the distance: a window, the far end of the room.",
    "Let your shoulders hang loose; roll them now and then.",
)
MAX_BREAK_S = 15 * 60
REP_RELAX_S = 3.0
"""Seconds to relax fully between two holds (the dose has no field for it)."""


def relax_seconds(dose: Dose) -> float:
    """The relax after each hold of ``dose`` but the last: :data:`REP_RELAX_S` for
    held reps, none for paced reps (the movement itself), timed steps or breathing."""
    if dose.hold_s is None or dose.duration_s is not None or dose.is_breathing:
        return 0.0
    return REP_RELAX_S


def keep_moving_exercise(illustration: Path | None = None) -> Exercise:
    """The keep-moving step's exercise (not in the library; English, the window
    writes its own translated text)."""
    return Exercise(id=KEEP_MOVING_ID, name=KEEP_MOVING_NAME, kind=Kind.MOVEMENT,
                    position="walking", summary="Keep moving until the break's length.",
                    steps=KEEP_MOVING_LINES, dose=Dose(), cautions=(),
                    source="general physiotherapy practice", illustration=illustration)


@dataclass(frozen=True)
class Guidance:
    """What the break window shows beside an exercise while it is done: its cautions, the
    home program's notes and progression for it, and the easier and harder exercises the
    library links to it (names, in the library's language)."""

    cautions: tuple[str, ...] = ()
    notes: str | None = None
    """The therapist's notes for this exercise in the home program."""
    progression: str | None = None
    """The therapist's progression for it (free text) in the home program."""
    easier: tuple[str, ...] = ()
    harder: tuple[str, ...] = ()
    first_time: bool = False
    """Never done before (no step of it recorded as done): show the cautions up front."""

    @property
    def empty(self) -> bool:
        return not (self.cautions or self.notes or self.progression or self.easier
                    or self.harder)


def _linked_names(exercise: Exercise, direction: str, library: Library | None
                  ) -> tuple[str, ...]:
    """The names of the exercises linked ``easier`` or ``harder`` from ``exercise``: both
    ends of the library's links (``Library.easier``/``harder``) and the exercise's own
    written ones; ids the library does not hold are left out."""
    if library is None:
        return ()
    ids: list[str] = []
    both_ends = getattr(library, direction, None)
    if callable(both_ends):
        ids += list(both_ends(exercise.id) or ())
    written = getattr(exercise, direction, None) or ()
    if not isinstance(written, str):
        ids += list(written)
    seen: dict[str, None] = {}
    for i in ids:
        if isinstance(i, str) and i != exercise.id and library.has_exercise(i):
            seen.setdefault(i, None)
    return tuple(library.exercise(i).name for i in seen)


def guidance(exercise: Exercise, *, library: Library | None = None,
             program: Program | None = None, done_before: frozenset[str] = frozenset()
             ) -> Guidance:
    """The :class:`Guidance` for ``exercise``; ``done_before``: the ids of exercises done in
    an earlier break (:meth:`Journal.exercises_done <posture_coach.core.journal.Journal.
    exercises_done>`)."""
    notes = progression = None
    if program is not None:
        try:
            prescription = program.prescription(exercise.id)
        except KeyError:
            pass
        else:
            notes, progression = prescription.notes, prescription.progression
    return Guidance(cautions=tuple(exercise.cautions), notes=notes, progression=progression,
                    easier=_linked_names(exercise, "easier", library),
                    harder=_linked_names(exercise, "harder", library),
                    first_time=exercise.id not in done_before)


@dataclass(frozen=True)
class Step:
    """One screen of the guided routine."""

    index: int
    exercise_id: str
    kind: StepKind
    seconds: float
    """The planned length of the step."""
    exercise: Exercise = field(repr=False, compare=False)
    dose: Dose = field(repr=False)
    item_index: int = 0
    """Which item of the routine this step belongs to."""
    reps: int | None = None
    hold_s: float | None = None
    rep_s: float | None = None
    relax_s: float = 0.0
    """Relax between two holds of this step (0 for paced reps)."""
    lead_s: float = 0.0
    """Relax before the first hold, when the step before this one ends with a hold."""
    side: Side | None = None
    set_number: int | None = None
    """For reps steps the set being done; for a rest the set that comes next."""
    sets: int | None = None
    inhale_s: float | None = None
    breath_hold_s: float | None = None
    exhale_s: float | None = None
    cycles: int | None = None
    items: tuple[str, ...] = ()
    """The checklist's items (a posture exercise's steps)."""

    @property
    def is_exercise(self) -> bool:
        return self.kind != "rest"

    @property
    def is_hold(self) -> bool:
        """A reps step whose reps are holds (each followed by a relax)."""
        return self.kind == "reps" and self.hold_s is not None

    @property
    def per_rep_s(self) -> float:
        """How long one rep of a reps step lasts (its hold, or its pace)."""
        if self.hold_s is not None:
            return self.hold_s
        return self.rep_s if self.rep_s is not None else DEFAULT_REP_S

    @property
    def phases(self) -> tuple[tuple[Phase, float], ...]:
        """A breathing step's phases with their lengths; phases of 0 s are left out."""
        pattern: tuple[tuple[Phase, float], ...] = (
            ("in", self.inhale_s or 0.0), ("hold", self.breath_hold_s or 0.0),
            ("out", self.exhale_s or 0.0))
        return tuple((name, s) for name, s in pattern if s > 0)

    @property
    def auto_advances(self) -> bool:
        return self.kind != "checklist"


def _sides(dose: Dose) -> tuple[Side | None, ...]:
    return ("left", "right") if dose.each_side else (None,)


def expand(routine: Routine) -> tuple[Step, ...]:
    """The routine as a flat list of steps, in the order they are shown."""
    out: list[Step] = []

    def add(**kw: object) -> None:
        out.append(Step(index=len(out), **kw))  # type: ignore[arg-type]

    for item_index, item in enumerate(routine.items):
        ex, dose = item.exercise, item.dose
        common: dict[str, object] = {"exercise_id": ex.id, "exercise": ex, "dose": dose,
                                     "item_index": item_index}
        if ex.kind is Kind.POSTURE:
            add(kind="checklist", seconds=float(dose.seconds), items=tuple(ex.steps), **common)
        elif dose.is_breathing:
            add(kind="breathing", seconds=float(dose.seconds), inhale_s=dose.inhale_s or 0.0,
                breath_hold_s=dose.breath_hold_s, exhale_s=dose.exhale_s or 0.0,
                cycles=dose.cycles, **common)
        elif dose.duration_s is not None:
            for side in _sides(dose):
                add(kind="timed", seconds=float(dose.duration_s), side=side, **common)
        else:
            reps = max(1, dose.reps or 1)
            per = dose.hold_s if dose.hold_s is not None else (dose.rep_s or DEFAULT_REP_S)
            relax = relax_seconds(dose)
            sets = max(1, dose.sets)
            for set_number in range(1, sets + 1):
                if set_number > 1 and dose.rest_s > 0:
                    add(kind="rest", seconds=float(dose.rest_s), set_number=set_number,
                        sets=sets, **common)
                for side in _sides(dose):
                    add(kind="reps", seconds=float(reps * per + (reps - 1) * relax),
                        reps=reps, hold_s=dose.hold_s, rep_s=dose.rep_s, relax_s=relax,
                        side=side, set_number=set_number, sets=sets, **common)
    return tuple(_lead_in(out))


def _lead_in(steps: list[Step]) -> list[Step]:
    """A hold step straight after another hold step starts with a relax."""
    out = list(steps)
    for i in range(1, len(out)):
        if out[i].is_hold and out[i - 1].is_hold:
            out[i] = replace(out[i], lead_s=REP_RELAX_S, seconds=out[i].seconds + REP_RELAX_S)
    return out


@dataclass(frozen=True)
class ChecklistItem:
    text: str
    ticked: bool


@dataclass(frozen=True)
class PlayerView:
    """Everything the break window shows, as of the player's last update."""

    status: Status
    index: int
    count: int
    step_text: str
    """``Step 3 of 12``."""
    kind: StepKind
    exercise_id: str
    exercise_name: str
    illustration: Path | None
    lines: tuple[str, ...]
    """The exercise's instructions (for a rest: what comes next)."""
    dose_text: str
    side: Side | None
    seconds_left: float
    """Left in the current hold, rep or breathing phase; in the step for other kinds."""
    fraction: float
    """How much of that (hold, rep, phase or step) has passed: 0 at its start, 1 at its end."""
    step_seconds_left: float
    total_seconds_left: float
    """Planned seconds left in the whole routine (this step's rest plus the steps after it)."""
    rep: int | None = None
    reps: int | None = None
    rep_text: str | None = None
    """``Rep 3 of 10``."""
    set_number: int | None = None
    sets: int | None = None
    set_text: str | None = None
    """``Set 1 of 2`` (None for a single set)."""
    cycle: int | None = None
    cycles: int | None = None
    cycle_text: str | None = None
    """``Breath 2 of 6``."""
    phase: Phase | None = None
    phase_text: str | None = None
    phase_seconds_left: float | None = None
    checklist: tuple[ChecklistItem, ...] = ()
    relaxing: bool = False
    """Between two holds (or before the first, after another hold): relax fully.
    ``seconds_left`` and ``fraction`` are then the relax's."""

    @property
    def paused(self) -> bool:
        return self.status == "paused"


class Player:
    """Plays a routine step by step against a clock (see the module's docstring)."""

    def __init__(self, routine: Routine, clock: Clock, *, break_s: float = 0.0,
                 move_illustration: Path | None = None):
        self.routine = routine
        self.steps: tuple[Step, ...] = expand(routine)
        """The routine's own steps (the keep-moving step is not among them)."""
        if not self.steps:
            raise ValueError(f"routine {routine.id!r} has no steps to play")
        self.break_s = min(float(MAX_BREAK_S), break_s) if break_s > 0 else 0.0
        """The break's length in running seconds; 0: as long as the routine."""
        self.move_step: Step | None = None
        if self.break_s > 0:
            planned = sum(st.seconds for st in self.steps)
            self.move_step = Step(
                index=len(self.steps), exercise_id=KEEP_MOVING_ID, kind="move",
                seconds=max(0.0, self.break_s - planned),
                exercise=keep_moving_exercise(move_illustration), dose=Dose(),
                item_index=len(routine.items))
        self._all = self.steps + ((self.move_step,) if self.move_step else ())
        self._clock = clock
        self._last = clock.monotonic()
        self._index = 0
        self._status: Status = "running"
        self._elapsed = 0.0
        """Running seconds in the current visit of the current step."""
        self._spent = [0.0] * len(self._all)
        self._result: list[StepStatus | None] = [None] * len(self._all)
        self._ticks: list[set[int]] = [set() for _ in self._all]
        self._moved = False
        """Whether the keep-moving step was reached (with break time left)."""

    # -- state -----------------------------------------------------------------

    @property
    def index(self) -> int:
        return self._index

    @property
    def status(self) -> Status:
        return self._status

    @property
    def step(self) -> Step:
        return self._all[self._index]

    @property
    def moving(self) -> bool:
        """True on the keep-moving step after the routine."""
        return self.move_step is not None and self._index == self.move_step.index

    def running_seconds(self) -> float:
        """Running seconds of the whole break so far (pauses not counted)."""
        return sum(self._spent)

    def break_seconds_left(self) -> float:
        """Running seconds until the break length (0 without one, or once reached)."""
        if not self.break_s:
            return 0.0
        return max(0.0, self.break_s - self.running_seconds())

    def _remaining(self) -> float:
        """Seconds until the current step ends by itself."""
        if self.moving:
            return self.break_s - self.running_seconds()
        return self.step.seconds - self._elapsed

    @property
    def elapsed(self) -> float:
        """Running seconds spent in the current step since it was (re)entered."""
        return self._elapsed

    def ticked(self, index: int | None = None) -> frozenset[int]:
        """The ticked checklist items of step ``index`` (default: the current one)."""
        return frozenset(self._ticks[self._index if index is None else index])

    # -- time ------------------------------------------------------------------

    def _take_time(self) -> float:
        """Running seconds since the last look at the clock (0 when paused or backwards)."""
        now = self._clock.monotonic()
        delta = now - self._last
        self._last = now
        if self._status != "running" or not delta > 0 or not math.isfinite(delta):
            return 0.0
        return delta

    def _absorb(self) -> None:
        """Count the time up to now into the current step, without auto-advancing."""
        delta = self._take_time()
        self._elapsed += delta
        self._spent[self._index] += delta

    def update(self) -> bool:
        """Advance holds, reps, phases and steps to the clock; True if the step changed."""
        if self._status == "finished":
            self._take_time()
            return False
        delta = self._take_time()
        start = self._index
        while self._status == "running":
            step = self.step
            remaining = self._remaining()
            if step.auto_advances and delta + EPS >= remaining:
                used = min(max(0.0, remaining), delta)
                self._elapsed += used
                self._spent[self._index] += used
                delta -= used
                self._leave(StepStatus.DONE)
                continue
            if delta > 0:
                self._elapsed += delta
                self._spent[self._index] += delta
            break
        return self._index != start or self._status == "finished"

    # -- moving ----------------------------------------------------------------

    def _enter(self, index: int) -> None:
        self._index = index
        self._elapsed = 0.0

    def _leave(self, result: StepStatus) -> None:
        """Close the current step with ``result`` and go on (finishing after the last)."""
        if self.moving:
            # Done only when the break length was reached; left early, it was cut short.
            result = StepStatus.DONE if self._remaining() <= EPS else StepStatus.SKIPPED
        if self.step.is_exercise:
            self._result[self._index] = result
        following = self._index + 1
        if following < len(self.steps):
            self._enter(following)
        elif (self.move_step is not None and following == self.move_step.index
              and self.break_seconds_left() > EPS):
            self._enter(following)
            self._moved = True
        else:
            self._end()

    def _end(self) -> None:
        if self.move_step is not None and self._result[self.move_step.index] is None:
            self._result[self.move_step.index] = (
                StepStatus.DONE if self.break_seconds_left() <= EPS else StepStatus.SKIPPED)
        for i, step in enumerate(self._all):
            if step.is_exercise and self._result[i] is None:
                self._result[i] = StepStatus.SKIPPED
        self._status = "finished"

    def next(self) -> bool:
        """The current step is done: go to the next (finish after the last). True if moved."""
        if self._status == "finished":
            return False
        self._absorb()
        self._leave(StepStatus.DONE)
        return True

    def skip_step(self) -> bool:
        """Skip the current step and go on (finish after the last). True if moved."""
        if self._status == "finished":
            return False
        self._absorb()
        self._leave(StepStatus.SKIPPED)
        return True

    def back(self) -> bool:
        """Go back to the previous exercise step (over rests); on the first, stay."""
        if self._status == "finished":
            return False
        target = self._index - 1
        while target >= 0 and not self._all[target].is_exercise:
            target -= 1
        if target < 0:
            return False
        self._absorb()
        self._enter(target)
        return True

    def pause(self) -> bool:
        """Stop the clock; a no-op unless running.  True if it paused."""
        if self._status != "running":
            return False
        self._absorb()
        self._status = "paused"
        return True

    def resume(self) -> bool:
        """Start the clock again after :meth:`pause`; True if it resumed."""
        if self._status != "paused":
            return False
        self._take_time()  # the paused time is dropped
        self._status = "running"
        return True

    def finish(self) -> None:
        """End the routine now: steps not done count as skipped."""
        if self._status == "finished":
            return
        self._absorb()
        self._end()

    def tick_item(self, item: int, ticked: bool = True) -> bool:
        """Tick (or untick) item ``item`` of the current checklist; False if there is none."""
        step = self.step
        if (self._status == "finished" or step.kind != "checklist"
                or not 0 <= item < len(step.items)):
            return False
        if ticked:
            self._ticks[self._index].add(item)
        else:
            self._ticks[self._index].discard(item)
        return True

    # -- the journal -----------------------------------------------------------

    def records(self) -> tuple[StepRecord, ...]:
        """One record per exercise step (not rests), positions from 0, then one for
        the keep-moving time if the break reached it.

        Before the end, steps not (yet) done read as skipped: what the journal
        would hold if the routine stopped now.
        """
        out: list[StepRecord] = []
        for i, step in enumerate(self._all):
            if not step.is_exercise or (step is self.move_step and not self._moved):
                continue
            out.append(StepRecord(position=len(out), exercise_id=step.exercise_id,
                                  status=self._result[i] or StepStatus.SKIPPED,
                                  seconds=self._spent[i]))
        return tuple(out)

    def outcome(self) -> Outcome:
        """DONE if every exercise step of the routine was done, PARTIAL if some, SKIPPED
        if none (the keep-moving time after it does not change this)."""
        done = [self._result[i] is StepStatus.DONE
                for i, step in enumerate(self.steps) if step.is_exercise]
        if all(done):
            return Outcome.DONE
        return Outcome.PARTIAL if any(done) else Outcome.SKIPPED

    # -- the view --------------------------------------------------------------

    def _step_left(self) -> float:
        if self._status == "finished":
            return 0.0
        return max(0.0, self._remaining())

    def total_seconds_left(self) -> float:
        """Planned seconds left in the routine, or to the break length if that is later."""
        if self._status == "finished":
            return 0.0
        routine_left = 0.0 if self.moving else (
            self._step_left() + sum(s.seconds for s in self.steps[self._index + 1:]))
        return max(routine_left, self.break_seconds_left())

    def view(self) -> PlayerView:
        """What the window shows, as of the last update (it does not read the clock)."""
        step, n = self.step, len(self.steps)
        ex = step.exercise
        step_left = self._step_left()
        fraction = _fraction(self._elapsed, step.seconds)
        if self.moving:
            length = self.break_s - sum(self._spent[:len(self.steps)])
            fraction = _fraction(self._spent[self._index], length)
        base: dict[str, object] = {
            "status": self._status, "index": self._index, "count": n,
            "step_text": f"Step {self._index + 1} of {n}", "kind": step.kind,
            "exercise_id": step.exercise_id, "exercise_name": ex.name,
            "illustration": ex.illustration, "lines": tuple(ex.steps),
            "dose_text": step.dose.describe(),
            "side": step.side, "step_seconds_left": step_left,
            "total_seconds_left": self.total_seconds_left(),
            "seconds_left": step_left, "fraction": fraction,
        }
        if step.kind in ("reps", "rest") and step.sets and step.sets > 1:
            base.update(set_number=step.set_number, sets=step.sets)
            if step.kind == "reps":
                base["set_text"] = f"Set {step.set_number} of {step.sets}"
        if step.kind == "reps":
            base.update(self._reps_view(step))
        elif step.kind == "breathing":
            base.update(self._breathing_view(step))
        elif step.kind == "checklist":
            ticks = self._ticks[self._index]
            base["checklist"] = tuple(ChecklistItem(text, i in ticks)
                                      for i, text in enumerate(step.items))
        elif step.kind == "rest":
            base.update(
                lines=(f"Rest, then set {step.set_number} of {step.sets} of {ex.name}.",),
                dose_text=f"Rest {step.seconds:g} s")
        elif step.kind == "move":
            base.update(step_text=KEEP_MOVING_NAME, dose_text="")
        if self._status == "finished":
            base.update(seconds_left=0.0, fraction=1.0)
            if step.kind == "breathing":
                base["phase_seconds_left"] = 0.0
        return PlayerView(**base)  # type: ignore[arg-type]

    def _reps_view(self, step: Step) -> dict[str, object]:
        """The rep being held (or paced) or relaxed after; a relax belongs to the rep
        before it, the lead-in relax to the first."""
        reps = step.reps or 1
        per, gap, lead = step.per_rep_s, step.relax_s, step.lead_s
        elapsed = min(self._elapsed, step.seconds)
        ended = self._status == "finished" or elapsed + EPS >= step.seconds
        cycle = per + gap
        if elapsed + EPS < lead and not ended:
            return {"rep": 1, "reps": reps, "rep_text": f"Rep 1 of {reps}", "relaxing": True,
                    "seconds_left": max(0.0, lead - elapsed),
                    "fraction": _fraction(elapsed, lead)}
        t = max(0.0, elapsed - lead)
        done = reps - 1 if cycle <= 0 else min(reps - 1, math.floor((t + EPS) / cycle))
        into = t - done * cycle
        rep = done + 1
        out: dict[str, object] = {"rep": rep, "reps": reps, "rep_text": f"Rep {rep} of {reps}"}
        if into + EPS < per or rep == reps or gap <= 0:
            out.update(seconds_left=0.0 if ended else max(0.0, per - into),
                       fraction=1.0 if per <= 0 or ended else _fraction(into, per))
        else:
            relaxed = into - per
            out.update(relaxing=True, seconds_left=max(0.0, gap - relaxed),
                       fraction=_fraction(relaxed, gap))
        return out

    def _breathing_view(self, step: Step) -> dict[str, object]:
        phases = step.phases
        cycles = step.cycles or 1
        length = sum(s for _, s in phases)
        if not phases or length <= 0:
            return {"cycle": cycles, "cycles": cycles, "cycle_text":
                    f"Breath {cycles} of {cycles}"}
        elapsed = min(self._elapsed, step.seconds)
        cycle = min(cycles, math.floor((elapsed + EPS) / length) + 1)
        into = elapsed - (cycle - 1) * length
        phase, phase_len = phases[-1]
        for name, seconds in phases:
            if into + EPS < seconds:
                phase, phase_len = name, seconds
                break
            into -= seconds
        else:
            into = phase_len
        left = max(0.0, phase_len - into)
        return {"cycle": cycle, "cycles": cycles, "cycle_text": f"Breath {cycle} of {cycles}",
                "phase": phase, "phase_text": _PHASE_TEXT[phase], "phase_seconds_left": left,
                "seconds_left": left, "fraction": _fraction(into, phase_len)}


def _fraction(part: float, whole: float) -> float:
    if whole <= 0:
        return 1.0
    return min(1.0, max(0.0, part / whole))
