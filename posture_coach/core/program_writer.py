"""Writing a program file from the editor's draft (the PT never writes YAML by hand).

The draft is plain data; :func:`save_program` turns it into YAML, checks the
result with the same reader an import uses, and only then replaces the file
(a temporary file beside it, then a rename), so a failed save never leaves a
broken or half-written program behind.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date, time
from pathlib import Path
from typing import Any

import yaml

from .atomic import atomic_path
from .library import Kind, Library
from .program import ALL_DAYS, Program, load_program
from .settings import DAY_NAMES

HEADER = ("# A home program for posture-coach, written by its program editor.\n"
          "# Check it with:  posture-coach validate {name}\n")


@dataclass(frozen=True)
class DraftExercise:
    exercise_id: str
    dose: dict[str, Any] = field(default_factory=dict)
    """Dose overrides: sets, reps, hold_s, duration_s, cycles..."""
    side: str | None = None
    times_per_day: int = 1
    days_per_week: int = 7
    notes: str | None = None
    progression: str | None = None
    at_desk: bool = True
    at_home: bool = False


@dataclass(frozen=True)
class ProgramDraft:
    title: str
    clinic_name: str
    clinic_phone: str
    clinic_address: str
    clinician: str
    start: date
    exercises: tuple[DraftExercise, ...]
    patient: str | None = None
    review: date | None = None
    interval_min: int | None = None
    work_start: time | None = None
    work_end: time | None = None
    work_days: tuple[int, ...] | None = None
    home_name: str = "Evening session"
    home_id: str = "home"
    clinic_emergency_number: str | None = None
    home_at: time | None = None
    """When set, a daily home session at this time with the exercises marked at_home."""
    home_days: tuple[int, ...] = ALL_DAYS
    ice_heat_mode: str | None = None
    ice_heat_minutes: int = 15
    ice_heat_times: int = 1
    ice_heat_when: str | None = None
    safety_notes: tuple[str, ...] = ()
    kept: KeptParts | None = None
    """What the editor cannot show but the program file holds; written back unchanged."""


@dataclass(frozen=True)
class KeptParts:
    """Parts of an existing program file the editor does not edit, carried through a save
    exactly as they were written, so editing a program never loses any of it: exercises
    the file defines itself (``define:``, with their drawings beside the file) and home
    sessions after the first."""

    defined: tuple[dict[str, Any], ...] = ()
    """The ``exercises:`` items with ``define:``, as written."""
    defined_ids: tuple[str, ...] = ()
    desk_ids: tuple[str, ...] = ()
    """Defined exercises that were in ``desk_break``."""
    home_ids: tuple[str, ...] = ()
    """Defined exercises that were in the first home session."""
    home_order: tuple[str, ...] = ()
    """The first home session's exercises in their order (a routine's order matters)."""
    sessions: tuple[dict[str, Any], ...] = ()
    """Home sessions after the first, as written."""

    def defined_name(self, exercise_id: str) -> str:
        """The name a defined exercise has in the file (its id when none is written)."""
        for item in self.defined:
            define = item.get("define")
            if isinstance(define, dict) and define.get("id") == exercise_id:
                return str(define.get("name") or exercise_id)
        return exercise_id

    def __bool__(self) -> bool:
        """Anything the editor should mention as kept?"""
        return bool(self.defined or self.sessions)


def kept_parts(program: Program) -> KeptParts | None:
    """Read the program's own file for what :func:`draft_from_program` cannot carry."""
    if program.file is None:
        return None
    from .yaml import load

    doc = load(program.file).plain()
    if not isinstance(doc, dict):
        return None
    raw_items = doc.get("exercises")
    items: list[Any] = raw_items if isinstance(raw_items, list) else []
    defined = tuple(i for i in items if isinstance(i, dict) and "define" in i)
    defined_ids = tuple(p.exercise.id for p in program.prescriptions if p.defined_here)
    raw_sessions = doc.get("home_sessions")
    sessions: list[Any] = raw_sessions if isinstance(raw_sessions, list) else []
    first = program.home_sessions[0] if program.home_sessions else None
    kept = KeptParts(
        defined=defined, defined_ids=defined_ids,
        desk_ids=tuple(i for i in program.desk_break if i in defined_ids),
        home_ids=tuple(i for i in (first.exercise_ids if first else ()) if i in defined_ids),
        home_order=first.exercise_ids if first else (),
        sessions=tuple(s for s in sessions[1:] if isinstance(s, dict)))
    return kept


def draft_from_program(program: Program) -> ProgramDraft:
    """A draft of an existing program: its library exercises, schedule and clinic to edit,
    and everything else it holds kept as written (:class:`KeptParts`)."""
    home = program.home_sessions[0] if program.home_sessions else None
    exercises = []
    for p in program.prescriptions:
        if p.defined_here:
            continue
        base = p.exercise.dose
        dose = {name: getattr(p.dose, name) for name in
                ("sets", "reps", "hold_s", "duration_s", "cycles")
                if getattr(p.dose, name) != getattr(base, name)}
        exercises.append(DraftExercise(
            p.exercise.id, dose, p.side, p.times_per_day, p.days_per_week, p.notes,
            p.progression, p.exercise.id in program.desk_break,
            home is not None and p.exercise.id in home.exercise_ids))
    b = program.breaks
    ih = program.ice_heat
    return ProgramDraft(
        title=program.title, clinic_name=program.clinic.name,
        clinic_phone=program.clinic.phone, clinic_address=program.clinic.address,
        clinician=program.clinic.clinician, start=program.start,
        clinic_emergency_number=program.clinic.emergency_number,
        exercises=tuple(exercises), patient=program.patient, review=program.review,
        interval_min=b.interval_min if b else None, work_start=b.work_start if b else None,
        work_end=b.work_end if b else None, work_days=b.work_days if b else None,
        home_name=home.name if home else "Evening session",
        home_id=home.id if home else "home",
        home_at=home.at if home else None, home_days=home.days if home else ALL_DAYS,
        ice_heat_mode=ih.mode if ih else None, ice_heat_minutes=ih.minutes if ih else 15,
        ice_heat_times=ih.times_per_day if ih else 1,
        ice_heat_when=ih.when if ih else None, safety_notes=program.safety_notes,
        kept=kept_parts(program))


def _number(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def to_document(draft: ProgramDraft, library: Library) -> dict[str, Any]:
    doc: dict[str, Any] = {"program": 1, "title": draft.title, "clinic": {
        "name": draft.clinic_name, "phone": draft.clinic_phone,
        "address": draft.clinic_address, "clinician": draft.clinician}}
    if draft.clinic_emergency_number:
        doc["clinic"]["emergency_number"] = draft.clinic_emergency_number
    if draft.patient:
        doc["patient"] = draft.patient
    doc["start"] = draft.start
    if draft.review:
        doc["review"] = draft.review
    if draft.interval_min is not None:
        breaks: dict[str, Any] = {"interval_min": draft.interval_min}
        if draft.work_start is not None and draft.work_end is not None:
            breaks["work_start"] = f"{draft.work_start:%H:%M}"
            breaks["work_end"] = f"{draft.work_end:%H:%M}"
        if draft.work_days is not None:
            breaks["work_days"] = [DAY_NAMES[d] for d in draft.work_days]
        doc["breaks"] = breaks
    items = []
    for e in draft.exercises:
        item: dict[str, Any] = {"exercise": e.exercise_id}
        kind = library.exercise(e.exercise_id).kind if library.has_exercise(
            e.exercise_id) else None
        item.update((k, _number(v)) for k, v in e.dose.items() if v is not None)
        if e.side and kind is not Kind.BREATHING:
            item["side"] = e.side
        item["times_per_day"] = e.times_per_day
        item["days_per_week"] = e.days_per_week
        if e.notes:
            item["notes"] = e.notes
        if e.progression:
            item["progression"] = e.progression
        items.append(item)
    kept = draft.kept or KeptParts()
    doc["exercises"] = items + [dict(i) for i in kept.defined]
    desk = [e.exercise_id for e in draft.exercises if e.at_desk] + list(kept.desk_ids)
    if desk:
        doc["desk_break"] = desk
    home = [e.exercise_id for e in draft.exercises if e.at_home] + list(kept.home_ids)
    order = {exercise_id: i for i, exercise_id in enumerate(kept.home_order)}
    home.sort(key=lambda i: order.get(i, len(order)))  # as written; new ones after
    sessions: list[dict[str, Any]] = []
    if draft.home_at is not None and home:
        sessions.append({
            "id": draft.home_id, "name": draft.home_name, "at": f"{draft.home_at:%H:%M}",
            "days": "every day" if draft.home_days == ALL_DAYS
            else [DAY_NAMES[d] for d in draft.home_days],
            "exercises": home})
    sessions += [dict(s) for s in kept.sessions if s.get("id") not in
                 {x["id"] for x in sessions}]
    if sessions:
        doc["home_sessions"] = sessions
    if draft.ice_heat_mode:
        doc["ice_heat"] = {"mode": draft.ice_heat_mode, "minutes": draft.ice_heat_minutes,
                           "times_per_day": draft.ice_heat_times}
        if draft.ice_heat_when:
            doc["ice_heat"]["when"] = draft.ice_heat_when
    if draft.safety_notes:
        doc["safety_notes"] = list(draft.safety_notes)
    return doc


def to_yaml(draft: ProgramDraft, library: Library, name: str = "program.yaml") -> str:
    body = yaml.safe_dump(to_document(draft, library), sort_keys=False, allow_unicode=True,
                          width=96, default_flow_style=False)
    return HEADER.format(name=name) + body


def save_program(path: Path, draft: ProgramDraft, library: Library) -> Program:
    """Write the draft to ``path`` if it makes a valid program; return that program.

    Raises :class:`~posture_coach.core.errors.ValidationError` (the file untouched) or
    :class:`OSError`.
    """
    path = Path(path)
    text = to_yaml(draft, library, path.name)
    with atomic_path(path, 0o644, suffix=".yaml") as temp:  # a handout for others to read
        with open(temp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        program = load_program(temp, library, display=str(path))  # checked, then renamed
    return replace(program, file=path.resolve())


def preview_program(draft: ProgramDraft, library: Library) -> Program:
    """The program a draft makes, checked like a file, without writing anything."""
    from .program import parse_program
    from .yaml import parse

    name = "program.yaml"
    return parse_program(parse(to_yaml(draft, library, name), name), name, Path.cwd(),
                         library)
