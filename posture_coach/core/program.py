"""A physical therapist's home program: clinic, prescriptions, schedule, plan.

A program file is YAML written by someone else (a clinic), so it is read with
the same distrust as any other file (:mod:`.yaml`): at most 1 MiB, safe YAML
only, and every problem located (``file:line:column: field: message``).  On
top of that:

* exercises are named by library id (checked, with a did-you-mean) or defined
  in the program with the library's own exercise reader; their drawings lie
  beside the program file and may not leave its folder (no absolute paths, no
  ``..``, no links out);
* text is plain text: anything that looks like HTML or rich-text markup is
  refused, and every widget shows program text as plain text anyway.

The program turns into routines (``Home program: desk break``, one per home
session), a break schedule (the PT's interval and working hours) and
home-session reminders (day-of-week and time, for cron triggers).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from .errors import Location, ValidationError
from .library import (
    DOSE_FIELDS,
    ID_RE,
    Dose,
    Exercise,
    Kind,
    Library,
    Routine,
    RoutineItem,
    _check_dose,
    _read_dose_fields,
    _read_exercise,
    check_progressions,
)
from .policy import Schedule, WorkHours
from .settings import ALLOWED_INTERVAL, DAY_NAMES, _time
from .texts import Translate, english
from .yaml import (
    MAX_BYTES,
    MapReader,
    ParseCache,
    Problems,
    YMap,
    YNode,
    YScalar,
    YSeq,
    join,
    load,
    paused_gc,
    suggest,
)

FORMAT_VERSION = 1
MAX_ILLUSTRATION_BYTES = MAX_BYTES
SIDES = ("both", "left", "right", "none")
THERMAL_PLAN_MODES = ("ice", "heat", "either")
DESK_ROUTINE_ID = "program-desk-break"
HOME_ROUTINE_PREFIX = "program-"
ALL_DAYS = tuple(range(7))

_MARKUP = re.compile(r"<\s*[A-Za-z/!?]|&[A-Za-z]+;|&#\d+;|&#[xX][0-9A-Fa-f]+;")
FIRST_YEAR, LAST_YEAR = 2000, 2100
"""A program's dates lie in these years (both included)."""
MAX_EXERCISES = 200
MAX_SESSIONS = 50

_TOP = ("program", "title", "clinic", "patient", "start", "review", "breaks", "exercises",
        "desk_break", "home_sessions", "ice_heat", "safety_notes")
_CLINIC = ("name", "phone", "address", "clinician", "emergency_number")
_BREAKS = ("interval_min", "work_days", "work_start", "work_end")
_PRESCRIPTION = ("exercise", "define", "side", "times_per_day", "days_per_week", "notes",
                 "progression", *(f for f in DOSE_FIELDS if f != "each_side"))
_SESSION = ("id", "name", "at", "days", "exercises")
_ICE_HEAT = ("mode", "minutes", "times_per_day", "when")


@dataclass(frozen=True)
class Clinic:
    name: str
    phone: str
    address: str
    clinician: str
    emergency_number: str | None = None
    """The number to call in an emergency where the patient lives (``"000"``); None: the
    one of the person's locale (core/emergency.py)."""


@dataclass(frozen=True)
class BreakPlan:
    """The break interval and working hours the PT recommends."""

    interval_min: int
    work_days: tuple[int, ...] | None = None
    work_start: time | None = None
    work_end: time | None = None


@dataclass(frozen=True)
class Prescription:
    """One exercise with the PT's dose and how often to do it."""

    exercise: Exercise
    dose: Dose
    side: str = "none"
    times_per_day: int = 1
    days_per_week: int = 7
    notes: str | None = None
    progression: str | None = None
    defined_here: bool = False

    @property
    def per_week(self) -> int:
        return self.times_per_day * self.days_per_week

    def frequency(self, translate: Translate = english) -> str:
        """How often, as a person reads it: ``3 times a day, 5 days a week``.

        ``translate``: see :mod:`posture_coach.core.texts` (the UI passes Qt's).
        """
        times, days = self.times_per_day, self.days_per_week
        if days == 7:
            if times == 1:
                return translate("Program", "once a day, every day")
            return translate("Program", "%n times a day, every day", None, times)
        if times == 1:
            return translate("Program", "once a day, %n day(s) a week", None, days)
        return translate("Program", "{times} times a day, %n day(s) a week", None,
                         days).format(times=times)

    def dose_text(self, translate: Translate = english) -> str:
        text = self.dose.describe(translate)
        if self.side == "left":
            return translate("Program", "{dose}, left side").format(dose=text)
        if self.side == "right":
            return translate("Program", "{dose}, right side").format(dose=text)
        return text


@dataclass(frozen=True)
class HomeSession:
    """A session at home at a set time (``every evening at 19:00``)."""

    id: str
    name: str
    at: time
    days: tuple[int, ...]
    exercise_ids: tuple[str, ...]

    @property
    def routine_id(self) -> str:
        return HOME_ROUTINE_PREFIX + self.id

    def cron_days(self) -> str:
        """The days for APScheduler's ``day_of_week`` (``mon,tue``)."""
        return ",".join(DAY_NAMES[d] for d in self.days)

    def when(self, translate: Translate = english) -> str:
        if self.days == ALL_DAYS:
            return translate("Program", "every day at {time}").format(time=f"{self.at:%H:%M}")
        return translate("Program", "{days} at {time}").format(
            days=day_list(self.days, translate), time=f"{self.at:%H:%M}")


@dataclass(frozen=True)
class IceHeatPlan:
    mode: str
    minutes: int
    times_per_day: int
    when: str | None = None

    def describe(self, translate: Translate = english) -> str:
        what = {"ice": translate("Program", "Ice"), "heat": translate("Program", "Heat"),
                "either": translate("Program", "Ice or heat")}[self.mode]
        minutes = translate("Program", "%n minute(s)", None, self.minutes)
        if self.times_per_day == 1:
            text = translate("Program", "{what} for {minutes}, once a day").format(
                what=what, minutes=minutes)
        else:
            text = translate("Program", "{what} for {minutes}, %n times a day", None,
                             self.times_per_day).format(what=what, minutes=minutes)
        if self.when:
            return translate("Program", "{plan}: {when}").format(plan=text, when=self.when)
        return text


@dataclass(frozen=True)
class Program:
    title: str
    clinic: Clinic
    start: date
    prescriptions: tuple[Prescription, ...]
    desk_break: tuple[str, ...]
    home_sessions: tuple[HomeSession, ...]
    patient: str | None = None
    review: date | None = None
    breaks: BreakPlan | None = None
    ice_heat: IceHeatPlan | None = None
    safety_notes: tuple[str, ...] = ()
    file: Path | None = field(default=None, compare=False)

    _by_id: dict[str, Prescription] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {p.exercise.id: p for p in self.prescriptions})

    def prescription(self, exercise_id: str) -> Prescription:
        return self._by_id[exercise_id]

    @property
    def illustrations(self) -> tuple[Path, ...]:
        """The drawings of exercises defined in the program (files beside it)."""
        return tuple(p.exercise.illustration for p in self.prescriptions
                     if p.defined_here and p.exercise.illustration is not None)

    def _routine(self, routine_id: str, name: str, summary: str,
                 ids: tuple[str, ...]) -> Routine:
        items = tuple(RoutineItem(self._by_id[i].exercise, self._by_id[i].dose) for i in ids)
        return Routine(routine_id, name, summary, items)

    def routines(self, translate: Translate = english) -> tuple[Routine, ...]:
        """The routines the program's exercises form, desk break first."""
        out = []
        if self.desk_break:
            out.append(self._routine(
                DESK_ROUTINE_ID, translate("Program", "Home program: desk break"),
                translate("Program", "Your exercises from {clinic} for work breaks").format(
                    clinic=self.clinic.name),
                self.desk_break))
        for session in self.home_sessions:
            out.append(self._routine(
                session.routine_id,
                translate("Program", "Home program: {session}").format(
                    session=session.name.lower()),
                translate("Program", "{session}, {when}").format(
                    session=session.name, when=session.when(translate)),
                session.exercise_ids))
        return tuple(out)

    def schedule(self, base: Schedule) -> Schedule:
        """``base`` (the user's settings) with the PT's interval and working hours."""
        if self.breaks is None:
            return base
        b = self.breaks
        hours = WorkHours(frozenset(b.work_days) if b.work_days is not None else base.hours.days,
                          b.work_start or base.hours.start, b.work_end or base.hours.end)
        if hours.end <= hours.start:  # one end from the program, one from settings
            hours = base.hours
        return replace(base, interval=timedelta(minutes=b.interval_min), hours=hours)

    def with_library(self, library: Library, translate: Translate = english) -> Library:
        """The library with the program's own exercises and its routines added."""
        own = tuple(p.exercise for p in self.prescriptions if p.defined_here)
        routines = tuple(r for r in library.routines
                         if not r.id.startswith(HOME_ROUTINE_PREFIX))
        exercises = tuple(e for e in library.exercises if e.id not in {o.id for o in own})
        return Library(exercises + own, self.routines(translate) + routines,
                       library.ice_heat, library.safety)


# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------
def is_program(root: YNode) -> bool:
    """True when a loaded document is a program file (it has a ``program:`` field)."""
    return isinstance(root, YMap) and "program" in root.entries


def _walk(node: YNode, path: str) -> Iterator[tuple[str, YScalar]]:
    stack: list[tuple[str, YNode]] = [(path, node)]
    seen: set[int] = set()
    while stack:
        where, current = stack.pop()
        if id(current) in seen:  # an alias: its text was checked where it was anchored
            continue
        seen.add(id(current))
        if isinstance(current, YScalar):
            yield where, current
        elif isinstance(current, YSeq):
            stack.extend((join(where, i), item) for i, item in enumerate(current.items))
        elif isinstance(current, YMap):
            stack.extend((join(where, str(k)), v) for k, v in current.entries.items())


def _check_plain_text(root: YNode, problems: Problems) -> None:
    for where, node in _walk(root, ""):
        if isinstance(node.value, str):
            found = _MARKUP.search(node.value)
            if found:
                problems.add(node.loc, where or "(top level)",
                             f"must be plain text; {found.group(0)!r} looks like HTML or "
                             "rich-text markup, which a program may not contain. Write the "
                             "words only")


def _date(r: MapReader, key: str, required: bool) -> date | None:
    node = r.raw(key)
    if node is None:
        if required:
            r.problems.add(r.loc, join(r.path, key), "required field is missing")
        return None
    value = node.plain() if isinstance(node, YScalar) else None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, date):
        r.bad(key, f"must be a date like 2026-11-23 (year-month-day), got "
                   f"{_describe(node)}")
        return None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        r.bad(key, f"must be a date from {FIRST_YEAR} to {LAST_YEAR}, got {value}")
        return None
    return value


def _describe(node: YNode) -> str:
    from .yaml import describe

    return describe(node)


def _days(r: MapReader, key: str) -> tuple[int, ...] | None:
    if not r.has(key):
        return None
    raw = r.raw(key)
    if isinstance(raw, YScalar) and isinstance(raw.value, str) \
            and raw.value.strip().lower() in ("every day", "daily"):
        return ALL_DAYS
    before = len(r.problems)
    names = r.text_list(key)
    if len(r.problems) != before:
        return None
    bad = [n for n in names if n.lower()[:3] not in DAY_NAMES]
    if bad:
        r.bad(key, f"days are {', '.join(DAY_NAMES)} (or \"every day\"); got "
                   f"{', '.join(bad)}" + suggest(bad[0].lower(), DAY_NAMES))
        return None
    if not names:
        r.bad(key, "must name at least one day")
        return None
    return tuple(sorted({DAY_NAMES.index(n.lower()[:3]) for n in names}))


def _time_field(r: MapReader, key: str, required: bool) -> time | None:
    if not r.has(key):
        if required:
            r.problems.add(r.loc, join(r.path, key), "required field is missing")
        return None
    before = len(r.problems)
    value = _time(r, key, time(0, 0))
    return None if len(r.problems) != before else value


def _read_clinic(r: MapReader, problems: Problems) -> Clinic | None:
    node = r.raw("clinic")
    if node is None:
        problems.add(r.loc, "clinic", "required field is missing")
        return None
    c = MapReader(node, "clinic", problems, _CLINIC)
    if not c.ok:
        return None
    name = c.text("name", max_len=120)
    phone = c.text("phone", max_len=60)
    address = c.text("address", max_len=300)
    clinician = c.text("clinician", max_len=120)
    emergency = _emergency_number(c)
    if None in (name, phone, address, clinician):
        return None
    assert name and phone and address and clinician
    return Clinic(name, phone, address, clinician, emergency)


def _emergency_number(c: MapReader) -> str | None:
    from .emergency import is_valid_number

    node = c.raw("emergency_number")
    if node is None:
        return None
    if isinstance(node, YScalar) and isinstance(node.plain(), int) \
            and not isinstance(node.plain(), bool):
        c.bad("emergency_number", 'must be text in quotes, e.g. emergency_number: "000" '
                                  "(unquoted, 000 reads as the number 0)")
        return None
    text = c.text("emergency_number", required=False, max_len=30)
    if text is not None and not is_valid_number(text):
        c.bad("emergency_number", f"must be a phone number of digits (spaces or '-' "
                                  f"between them allowed), like \"000\" or \"112\"; got {text!r}")
        return None
    return text


def _read_breaks(r: MapReader, problems: Problems) -> BreakPlan | None:
    node = r.raw("breaks")
    if node is None:
        return None
    b = MapReader(node, "breaks", problems, _BREAKS)
    if not b.ok:
        return None
    low, high = ALLOWED_INTERVAL
    interval = b.number("interval_min", required=True, integer=True, minimum=low,
                        maximum=high)
    days = _days(b, "work_days")
    if b.has("work_start") != b.has("work_end"):
        b.bad("work_start" if b.has("work_start") else "work_end",
              "give both work_start and work_end (or neither)")
    start = _time_field(b, "work_start", False)
    end = _time_field(b, "work_end", False)
    if start is not None and end is not None and end <= start:
        b.bad("work_end", "must be later than work_start")
        return None
    if interval is None:
        return None
    return BreakPlan(int(interval), days, start, end)


def _read_prescription(node: YNode, path: str, library: Library, base: Path,
                       problems: Problems, cache: dict[str, str]) -> Prescription | None:
    before = len(problems)
    r = MapReader(node, path, problems, _PRESCRIPTION)
    if not r.ok:
        return None
    exercise: Exercise | None = None
    defined = False
    if r.has("exercise") and r.has("define"):
        r.bad("define", "give either exercise (a library id) or define (your own "
                        "exercise), not both")
        return None
    define = r.raw("define")
    if define is not None:
        defined = True
        exercise = _read_exercise(define, join(path, "define"), base, problems,
                                  cache, under=None, owner="program file", outside=True)
    elif r.has("exercise"):
        ex_id = r.text("exercise", max_len=64)
        if ex_id is not None:
            if library.has_exercise(ex_id):
                exercise = library.exercise(ex_id)
            else:
                r.bad("exercise", f"unknown exercise {ex_id!r}"
                      + (suggest(ex_id, [e.id for e in library.exercises])
                         or "; run `posture-coach validate` on the library, or define the "
                            "exercise in the program with define:"))
    else:
        problems.add(r.loc, join(path, "exercise"),
                     "required field is missing: give exercise (a library id) or define")
    side = r.choice("side", SIDES, required=False, default=None)
    times = r.number("times_per_day", integer=True, minimum=1, maximum=20, default=1)
    days = r.number("days_per_week", integer=True, minimum=1, maximum=7, default=7)
    notes = r.text("notes", required=False, max_len=1000)
    progression = r.text("progression", required=False, max_len=1000)
    overrides = _read_dose_fields(r)
    if exercise is None or len(problems) != before:
        return None
    if side is None:
        side = "both" if exercise.dose.each_side else "none"
    overrides["each_side"] = side == "both"
    dose = exercise.dose.merged(overrides)
    if not _check_dose(dose, exercise.kind, r, problems,
                       prefix=f"with exercise {exercise.id!r}: "):
        return None
    if exercise.kind is Kind.BREATHING and side != "none":
        r.bad("side", "a breathing exercise has no side; leave side out")
        return None
    return Prescription(exercise, dose, side, int(times), int(days), notes, progression,
                        defined)


def _check_illustration_size(p: Prescription, node: YNode, path: str,
                             problems: Problems) -> None:
    picture = p.exercise.illustration
    if picture is None:
        return
    try:
        size = os.stat(picture).st_size
    except OSError:
        return
    if size > MAX_ILLUSTRATION_BYTES:
        problems.add(node.loc, join(path, "define.illustration"),
                     f"the drawing {picture.name} is larger than "
                     f"{MAX_ILLUSTRATION_BYTES // 1024} KiB; use a smaller file")


def _id_list(r: MapReader, key: str, known: Mapping[str, Any], required: bool,
             broken: frozenset[str] = frozenset()) -> tuple[str, ...]:
    before = len(r.problems)
    ids = r.text_list(key, required=required, min_items=1 if required else 0, max_len=64)
    if len(r.problems) != before:
        return ()
    node = r.raw(key)
    assert node is None or isinstance(node, YSeq)
    out: list[str] = []
    for index, ex_id in enumerate(ids):
        item = node.items[index] if node is not None else None
        loc = item.loc if item is not None else r.loc
        if ex_id in broken:
            continue  # its own problems are reported where it is prescribed
        if ex_id not in known:
            r.problems.add(loc, join(join(r.path, key), index),
                           f"{ex_id!r} is not one of the program's exercises"
                           + (suggest(ex_id, known) or
                              f"; list it under exercises first (known: "
                              f"{', '.join(known) or 'none'})"))
        elif ex_id in out:
            r.problems.add(loc, join(join(r.path, key), index),
                           f"{ex_id!r} is listed twice")
        else:
            out.append(ex_id)
    return tuple(out)


def _read_session(node: YNode, path: str, known: Mapping[str, Any], problems: Problems,
                  broken: frozenset[str]) -> HomeSession | None:
    before = len(problems)
    r = MapReader(node, path, problems, _SESSION)
    if not r.ok:
        return None
    sid = r.text("id", max_len=40)
    if sid is not None and not ID_RE.match(sid):
        r.bad("id", f"must be lower-case letters, digits and dashes (like 'evening'); "
                    f"got {sid!r}")
    name = r.text("name", max_len=80)
    at = _time_field(r, "at", True)
    days = _days(r, "days") if r.has("days") else ALL_DAYS
    ids = _id_list(r, "exercises", known, True, broken)
    if len(problems) != before or None in (sid, name, at, days):
        return None
    assert sid and name and at is not None and days is not None
    return HomeSession(sid, name, at, days, ids)


def _read_ice_heat(r: MapReader, problems: Problems) -> IceHeatPlan | None:
    node = r.raw("ice_heat")
    if node is None:
        return None
    m = MapReader(node, "ice_heat", problems, _ICE_HEAT)
    if not m.ok:
        return None
    mode = m.choice("mode", THERMAL_PLAN_MODES)
    minutes = m.number("minutes", required=True, integer=True, minimum=1, maximum=20)
    times = m.number("times_per_day", integer=True, minimum=1, maximum=8, default=1)
    when = m.text("when", required=False, max_len=300)
    if mode is None or minutes is None:
        return None
    return IceHeatPlan(mode, int(minutes), int(times), when)


def _named_id(node: YNode) -> list[str]:
    """The id a prescription that failed names (``exercise:`` or ``define: id:``)."""
    if not isinstance(node, YMap):
        return []
    named = node.get("exercise")
    define = node.get("define")
    if named is None and isinstance(define, YMap):
        named = define.get("id")
    value = named.plain() if isinstance(named, YScalar) else None
    return [value.strip()] if isinstance(value, str) else []


def parse_program(root: YNode, name: str, base: Path, library: Library) -> Program:
    """Build a program from loaded nodes; raise :class:`ValidationError` on any problem."""
    problems = Problems()
    with paused_gc():
        program = _parse(root, name, base, library, problems)
    problems.raise_if_any()
    assert program is not None
    return program


def _parse(root: YNode, name: str, base: Path, library: Library, problems: Problems
           ) -> Program | None:
    r = MapReader(root, "", problems, _TOP)
    if not r.ok:
        return None
    _check_plain_text(root, problems)
    version = r.number("program", required=True, integer=True)
    if version is not None and version != FORMAT_VERSION:
        r.bad("program", f"this app reads home program format {FORMAT_VERSION}; got {version}"
                         + (" (written by a newer posture-coach?)"
                            if version > FORMAT_VERSION else ""))
    title = r.text("title", max_len=120)
    clinic = _read_clinic(r, problems)
    patient = r.text("patient", required=False, max_len=80)
    start = _date(r, "start", True)
    review = _date(r, "review", False)
    if start is not None and review is not None and review <= start:
        r.bad("review", f"the review date {review} must come after the start date {start}")
    breaks = _read_breaks(r, problems)
    prescriptions: dict[str, Prescription] = {}
    cache: dict[str, str] = {}
    failed: set[str] = set()
    listed = r.seq("exercises", min_items=1)
    if len(listed) > MAX_EXERCISES:
        r.bad("exercises", f"lists {len(listed)} exercises; a program may have at most "
                           f"{MAX_EXERCISES}")
        listed = []
    for path, node in listed:
        p = _read_prescription(node, path, library, base, problems, cache)
        if p is None:
            failed.update(_named_id(node))
            continue
        _check_illustration_size(p, node, path, problems)
        if p.defined_here and library.has_exercise(p.exercise.id):
            problems.add(node.loc, join(path, "define.id"),
                         f"{p.exercise.id!r} is already a library exercise; give your own "
                         "exercise another id, or use exercise: "
                         f"{p.exercise.id} to prescribe the library's")
            failed.add(p.exercise.id)
            continue
        if p.exercise.id in prescriptions:
            problems.add(node.loc, path, f"exercise {p.exercise.id!r} is prescribed twice; "
                                         "give it once with its full dose")
            continue
        prescriptions[p.exercise.id] = p
    own = [p.exercise for p in prescriptions.values() if p.defined_here]
    if own:  # the progression links of the program's own exercises
        mine = {id(e) for e in own}
        check_progressions([*own, *library.exercises], problems,
                           checked=lambda e: id(e) in mine, outside=failed)
    known: Mapping[str, Any] = prescriptions
    broken = frozenset(failed)
    desk = _id_list(r, "desk_break", known, False, broken)
    sessions: list[HomeSession] = []
    seen: dict[str, int] = {}
    planned = r.seq("home_sessions", required=False)
    if len(planned) > MAX_SESSIONS:
        r.bad("home_sessions", f"lists {len(planned)} home sessions; a program may have at "
                               f"most {MAX_SESSIONS}")
        planned = []
    for path, node in planned:
        session = _read_session(node, path, known, problems, broken)
        if session is None:
            continue
        if session.id in seen:
            problems.add(node.loc, join(path, "id"),
                         f"duplicate home session id {session.id!r} (first at line "
                         f"{seen[session.id]})")
            continue
        seen[session.id] = node.line
        sessions.append(session)
    if r.has("exercises") and not desk and not sessions and prescriptions:
        problems.add(r.loc, "desk_break",
                     "the program needs desk_break or home_sessions: say when the exercises "
                     "are done")
    ice_heat = _read_ice_heat(r, problems)
    notes = r.text_list("safety_notes", required=False, max_len=1000)
    if problems or None in (title, clinic, start):
        return None
    assert title and clinic and start
    return Program(title=title, clinic=clinic, start=start,
                   prescriptions=tuple(prescriptions.values()), desk_break=desk,
                   home_sessions=tuple(sessions), patient=patient, review=review,
                   breaks=breaks, ice_heat=ice_heat, safety_notes=notes,
                   file=base / Path(name).name if name else None)


def load_program(path: Path, library: Library, display: str | None = None,
                 cache: ParseCache | None = None) -> Program:
    """Load and check a program file against ``library``."""
    name = display or str(path)
    if path.is_symlink():
        raise ValidationError.single(name, "is a symbolic link; give the program file itself")
    root = load(path, name, cache=cache)
    if not is_program(root):
        where = root.loc
        raise ValidationError([_problem(Location(name, where.line, where.column),
                                        "is not a home program file: it has no "
                                        "'program: 1' line")])
    program = parse_program(root, name, path.resolve().parent, library)
    return replace(program, file=path.resolve())


def _problem(loc: Location, message: str) -> Any:
    from .errors import Problem

    return Problem(loc, "", message)


# --------------------------------------------------------------------------
# What an import changes
# --------------------------------------------------------------------------
def day_list(days: Iterable[int], translate: Translate = english) -> str:
    """``Mon, Tue, Fri`` in the user's language (the tray's short day names)."""
    names = (translate("Plan", "Mon"), translate("Plan", "Tue"), translate("Plan", "Wed"),
             translate("Plan", "Thu"), translate("Plan", "Fri"), translate("Plan", "Sat"),
             translate("Plan", "Sun"))
    return translate("Program", ", ").join(names[d] for d in days)


def _hours_text(hours: WorkHours, translate: Translate) -> str:
    if not hours.days:
        return translate("Program", "no days")
    return translate("Program", "{days}, {start}-{end}").format(
        days=day_list(sorted(hours.days), translate), start=f"{hours.start:%H:%M}",
        end=f"{hours.end:%H:%M}")


def describe_changes(new: Program, old: Program | None, base: Schedule,
                     translate: Translate = english) -> list[str]:
    """What becomes different when ``new`` replaces ``old`` (or no program), line by line.

    ``translate``: see :mod:`posture_coach.core.texts` (the UI passes Qt's).
    """
    c = new.clinic
    if old is None:
        lines = [translate("Program", "Active program: {title} from {clinic} ({clinician})")
                 .format(title=new.title, clinic=c.name, clinician=c.clinician)]
    else:
        lines = [translate("Program", "Active program: {title} from {clinic} ({clinician}), "
                                      "replacing {old}")
                 .format(title=new.title, clinic=c.name, clinician=c.clinician, old=old.title)]
    before, after = (old.schedule(base) if old else base), new.schedule(base)
    minutes = int(after.interval.total_seconds() // 60)
    was = int(before.interval.total_seconds() // 60)
    if minutes != was:
        lines.append(translate("Program", "Breaks every {minutes} minutes (now every {was} "
                                          "minutes)").format(minutes=minutes, was=was))
    else:
        lines.append(translate("Program", "Breaks every {minutes} minutes (unchanged)")
                     .format(minutes=minutes))
    if after.hours != before.hours:
        lines.append(translate("Program", "Working hours: {hours} (now {was})").format(
            hours=_hours_text(after.hours, translate), was=_hours_text(before.hours, translate)))
    old_routines = {r.id: r for r in old.routines(translate)} if old else {}
    new_routines = new.routines(translate)
    for routine in new_routines:
        names = translate("Program", ", ").join(item.exercise.name for item in routine.items)
        if routine.id in old_routines:
            line = translate("Program", "Routine changed: {routine} ({exercises})")
        else:
            line = translate("Program", "New routine: {routine} ({exercises})")
        lines.append(line.format(routine=routine.name, exercises=names))
    for rid, routine in old_routines.items():
        if rid not in {r.id for r in new_routines}:
            lines.append(translate("Program", "Routine removed: {routine}").format(
                routine=routine.name))
    for session in new.home_sessions:
        lines.append(translate("Program", "Reminder: {session}, {when}").format(
            session=session.name, when=session.when(translate)))
    if old is not None:
        for session in old.home_sessions:
            if session.id not in {s.id for s in new.home_sessions}:
                lines.append(translate("Program", "Reminder removed: {session}").format(
                    session=session.name))
    if new.ice_heat is not None:
        lines.append(translate("Program", "Ice/heat plan: {plan}").format(
            plan=new.ice_heat.describe(translate)))
    if new.review is not None:
        lines.append(translate("Program", "Review with your clinician on {day}").format(
            day=new.review.isoformat()))
    return lines
