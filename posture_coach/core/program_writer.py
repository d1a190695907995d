"""Writing a program file from the editor's draft (the PT never writes YAML by hand).

The draft is plain data: the clinic, the exercises (library ones by id, and the PT's
own, defined in the draft with their drawing), the desk break and every home session.
:func:`save_program` turns it into YAML and checks the result with the same reader an
import uses, in a staging folder with the drawings, before anything beside the program
changes; then each new drawing is copied beside the program (``pictures/<id>.svg``) and
the file replaced, each by a temporary file and a rename.  A failed save never leaves a
broken or half-written program behind, and a drawing that is refused (a link, a FIFO,
too large, not a drawing) is never copied.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from dataclasses import dataclass, field, fields, replace
from datetime import date, time
from pathlib import Path
from typing import Any

import yaml

from .atomic import atomic_path, write_atomic
from .errors import ValidationError
from .library import DOSE_FIELDS, Dose, Exercise, Kind, Library
from .program import ALL_DAYS, Prescription, Program, load_program
from .settings import DAY_NAMES

HEADER = ("# A home program for posture-coach, written by its program editor.\n"
          "# Check it with:  posture-coach validate {name}\n")
PICTURES = "pictures"
"""The folder beside the program where the editor copies drawings."""
_OVERRIDABLE = tuple(f for f in DOSE_FIELDS if f != "each_side")
_DEFAULT_DOSE = Dose()


@dataclass(frozen=True)
class DraftDefinition:
    """An exercise the PT defines in the program (``define:``), in the library's fields."""

    id: str
    name: str
    kind: str
    """A :class:`~posture_coach.core.library.Kind` value (``stretch``...)."""
    position: str
    summary: str
    steps: tuple[str, ...]
    dose: dict[str, Any]
    """The library's dose fields: sets, reps, hold_s, rest_s, duration_s, each_side,
    inhale_s, breath_hold_s, exhale_s, cycles."""
    cautions: tuple[str, ...]
    source: str
    drawing: Path | None = None
    """The drawing file: one beside the program, or one the PT chose (copied on save)."""
    easier: tuple[str, ...] = ()
    harder: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    translations: dict[str, dict[str, Any]] = field(default_factory=dict)
    """As written in the file; a translated field whose original the PT changed is left
    out on save (it no longer translates it)."""
    original: dict[str, Any] = field(default_factory=dict, compare=False)
    """The translatable fields as loaded, to tell which ones the PT changed."""


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
    define: DraftDefinition | None = None
    """The PT's own exercise (None: a library exercise named by ``exercise_id``)."""


@dataclass(frozen=True)
class DraftSession:
    """One home session: its reminder time and days, and its exercises in order."""

    id: str
    name: str
    at: time
    days: tuple[int, ...] = ALL_DAYS
    exercise_ids: tuple[str, ...] = ()


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
    clinic_emergency_number: str | None = None
    desk_break: tuple[str, ...] = ()
    """The exercises of the work breaks, in order."""
    sessions: tuple[DraftSession, ...] = ()
    """Every home session; one without exercises is not written."""
    ice_heat_mode: str | None = None
    ice_heat_minutes: int = 15
    ice_heat_times: int = 1
    ice_heat_when: str | None = None
    safety_notes: tuple[str, ...] = ()
    psfs: tuple[str, ...] = ()
    """The Patient-Specific Functional Scale's activities (``outcomes.psfs``); none: no
    outcome measure."""
    psfs_every_days: int = 7


# --------------------------------------------------------------------------
# Program -> draft
# --------------------------------------------------------------------------
def _overrides(base: Dose, dose: Dose) -> dict[str, Any]:
    return {name: getattr(dose, name) for name in _OVERRIDABLE
            if getattr(dose, name) != getattr(base, name) and getattr(dose, name) is not None}


def dose_fields(dose: Dose) -> dict[str, Any]:
    """A dose as the library's fields, those that differ from an empty dose."""
    return {f.name: getattr(dose, f.name) for f in fields(Dose)
            if getattr(dose, f.name) != getattr(_DEFAULT_DOSE, f.name)}


def definition_of(exercise: Exercise) -> DraftDefinition:
    """An exercise as a draft definition (what the editor edits)."""
    return DraftDefinition(
        id=exercise.id, name=exercise.name, kind=exercise.kind.value,
        position=exercise.position, summary=exercise.summary, steps=exercise.steps,
        dose=dose_fields(exercise.dose), cautions=exercise.cautions, source=exercise.source,
        drawing=exercise.illustration, easier=exercise.easier, harder=exercise.harder,
        equipment=exercise.equipment, targets=exercise.targets,
        translations={code: dict(values) for code, values in exercise.translations.items()},
        original={"name": exercise.name, "summary": exercise.summary,
                  "steps": exercise.steps, "cautions": exercise.cautions,
                  "equipment": exercise.equipment, "source": exercise.source})


def draft_exercise(p: Prescription) -> DraftExercise:
    return DraftExercise(
        p.exercise.id, _overrides(p.exercise.dose, p.dose), p.side, p.times_per_day,
        p.days_per_week, p.notes, p.progression,
        definition_of(p.exercise) if p.defined_here else None)


def draft_from_program(program: Program) -> ProgramDraft:
    """A draft of an existing program, every part of it to edit."""
    b = program.breaks
    ih = program.ice_heat
    return ProgramDraft(
        title=program.title, clinic_name=program.clinic.name,
        clinic_phone=program.clinic.phone, clinic_address=program.clinic.address,
        clinician=program.clinic.clinician, start=program.start,
        clinic_emergency_number=program.clinic.emergency_number,
        exercises=tuple(draft_exercise(p) for p in program.prescriptions),
        patient=program.patient, review=program.review,
        interval_min=b.interval_min if b else None, work_start=b.work_start if b else None,
        work_end=b.work_end if b else None, work_days=b.work_days if b else None,
        desk_break=program.desk_break,
        sessions=tuple(DraftSession(s.id, s.name, s.at, s.days, s.exercise_ids)
                       for s in program.home_sessions),
        ice_heat_mode=ih.mode if ih else None, ice_heat_minutes=ih.minutes if ih else 15,
        ice_heat_times=ih.times_per_day if ih else 1,
        ice_heat_when=ih.when if ih else None, safety_notes=program.safety_notes,
        psfs=program.outcomes.psfs if program.outcomes else (),
        psfs_every_days=program.outcomes.every_days if program.outcomes else 7)


# --------------------------------------------------------------------------
# Draft -> YAML
# --------------------------------------------------------------------------
def _number(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return _number(value)


def _translations(d: DraftDefinition) -> dict[str, Any]:
    now = {"name": d.name, "summary": d.summary, "steps": d.steps, "cautions": d.cautions,
           "equipment": d.equipment, "source": d.source}
    out: dict[str, Any] = {}
    for code, values in d.translations.items():
        kept = {k: _plain(v) for k, v in values.items()
                if k not in d.original or d.original[k] == now.get(k)}
        if kept:
            out[code] = kept
    return out


def definition_document(d: DraftDefinition, illustration: str | None) -> dict[str, Any]:
    """A definition as the ``define:`` mapping of a program file."""
    doc: dict[str, Any] = {"id": d.id, "name": d.name, "kind": d.kind,
                           "position": d.position, "summary": d.summary,
                           "steps": list(d.steps),
                           "dose": {k: _number(v) for k, v in d.dose.items()
                                    if v is not None and not (k == "each_side" and not v)},
                           "cautions": list(d.cautions), "source": d.source}
    if illustration:
        doc["illustration"] = illustration
    for key in ("equipment", "targets", "easier", "harder"):
        if getattr(d, key):
            doc[key] = list(getattr(d, key))
    translations = _translations(d)
    if translations:
        doc["translations"] = translations
    return doc


def drawing_name(d: DraftDefinition, folder: Path | None) -> str | None:
    """Where a definition's drawing is written, relative to the program's ``folder``: its
    own place when it already lies in that folder, else ``pictures/<id>.svg`` (or .png)."""
    if d.drawing is None:
        return None
    if folder is not None:
        try:
            rel = Path(os.path.abspath(d.drawing)).relative_to(os.path.abspath(folder))
        except ValueError:
            rel = None
        if rel is not None and ".." not in rel.parts:
            return rel.as_posix()
    return f"{PICTURES}/{d.id}{d.drawing.suffix.lower()}"


def to_document(draft: ProgramDraft, library: Library, folder: Path | None = None
                ) -> dict[str, Any]:
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
        item: dict[str, Any]
        if e.define is not None:
            item = {"define": definition_document(e.define, drawing_name(e.define, folder))}
            kind: Kind | None = Kind(e.define.kind) if e.define.kind in \
                {k.value for k in Kind} else None
        else:
            item = {"exercise": e.exercise_id}
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
    doc["exercises"] = items
    if draft.desk_break:
        doc["desk_break"] = list(draft.desk_break)
    sessions = [{"id": s.id, "name": s.name, "at": f"{s.at:%H:%M}",
                 "days": "every day" if s.days == ALL_DAYS else [DAY_NAMES[d] for d in s.days],
                 "exercises": list(s.exercise_ids)}
                for s in draft.sessions if s.exercise_ids]
    if sessions:
        doc["home_sessions"] = sessions
    if draft.ice_heat_mode:
        doc["ice_heat"] = {"mode": draft.ice_heat_mode, "minutes": draft.ice_heat_minutes,
                           "times_per_day": draft.ice_heat_times}
        if draft.ice_heat_when:
            doc["ice_heat"]["when"] = draft.ice_heat_when
    if draft.safety_notes:
        doc["safety_notes"] = list(draft.safety_notes)
    if draft.psfs:
        doc["outcomes"] = {"psfs": list(draft.psfs), "every_days": draft.psfs_every_days}
    return doc


def to_yaml(draft: ProgramDraft, library: Library, name: str = "program.yaml",
            folder: Path | None = None) -> str:
    body = yaml.safe_dump(to_document(draft, library, folder), sort_keys=False,
                          allow_unicode=True, width=96, default_flow_style=False)
    return HEADER.format(name=name) + body


# --------------------------------------------------------------------------
# Drawings
# --------------------------------------------------------------------------
def _drawings(draft: ProgramDraft, folder: Path | None) -> dict[str, tuple[bytes, Path]]:
    """Each drawing's place beside the program -> (its bytes, read and checked now, and
    the file it came from).  Raises :class:`ValidationError` naming the exercise's field
    for a drawing that is refused (nothing is written)."""
    from .drawings import read_drawing

    out: dict[str, tuple[bytes, Path]] = {}
    for index, e in enumerate(draft.exercises):
        d = e.define
        name = drawing_name(d, folder) if d is not None else None
        if d is None or d.drawing is None or name is None:
            continue
        try:
            data = read_drawing(d.drawing, str(d.drawing))
        except ValidationError as exc:
            first = exc.problems[0]
            raise ValidationError([replace(first, path=f"exercises[{index}].define.illustration",
                                           message=f"{d.drawing}: {first.message}")]) from None
        out[name] = (data, d.drawing)
    return out


def _check_folder(folder: Path, name: str) -> None:
    """The drawing's folder beside the program is a real folder of it (made if missing),
    never a link that would lead the copy elsewhere."""
    here = folder
    for part in Path(name).parent.parts:
        here = here / part
        try:
            info = os.lstat(here)
        except FileNotFoundError:
            os.mkdir(here, 0o755)
            continue
        if not stat.S_ISDIR(info.st_mode):
            raise OSError(f"{here} is not a folder (a link or a file); the drawing was not "
                          "copied and the program not saved")


def _same_file(target: Path, data: bytes) -> bool:
    from .safefile import read_bounded

    try:
        return read_bounded(target, len(data), follow=False) == data
    except ValidationError:
        return False


def _stage(text: str, name: str, drawings: dict[str, tuple[bytes, Path]], staging: Path,
           library: Library, display: str) -> Program:
    for rel, (data, _src) in drawings.items():
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    path = staging / name
    path.write_text(text, encoding="utf-8")
    program = load_program(path, library, display=display)
    return program


def save_program(path: Path, draft: ProgramDraft, library: Library) -> Program:
    """Write the draft to ``path`` if it makes a valid program; return that program.

    Raises :class:`~posture_coach.core.errors.ValidationError` (nothing written) or
    :class:`OSError`.
    """
    from .safefile import check_target

    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    drawings = _drawings(draft, folder)
    text = to_yaml(draft, library, path.name, folder)
    with tempfile.TemporaryDirectory(prefix="posture-coach-save-") as staging:
        _stage(text, path.name, drawings, Path(staging), library, str(path))
    for rel, (data, _src) in drawings.items():  # checked whole: now beside the program
        target = folder / rel
        _check_folder(folder, rel)
        if _same_file(target, data):
            continue
        check_target(target)
        write_atomic(target, data, 0o644)
    with atomic_path(path, 0o644, suffix=".yaml") as temp:  # a handout for others to read
        with open(temp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        program = load_program(temp, library, display=str(path))  # checked, then renamed
    return replace(program, file=path.resolve())


def preview_program(draft: ProgramDraft, library: Library) -> Program:
    """The program a draft makes, checked like a file, without writing anything beside
    it; its own exercises' drawings are the files the PT chose."""
    name = "program.yaml"
    drawings = _drawings(draft, None)
    with tempfile.TemporaryDirectory(prefix="posture-coach-preview-") as staging:
        program = _stage(to_yaml(draft, library, name), name, drawings, Path(staging),
                         library, name)
    chosen = {e.define.id: e.define.drawing for e in draft.exercises
              if e.define is not None}
    prescriptions = tuple(
        replace(p, exercise=replace(p.exercise, illustration=chosen.get(p.exercise.id)))
        if p.defined_here else p for p in program.prescriptions)
    return replace(program, prescriptions=prescriptions, file=None)


# --------------------------------------------------------------------------
# Ids
# --------------------------------------------------------------------------
def new_id(name: str, taken: set[str] | frozenset[str], fallback: str = "exercise") -> str:
    """An id made from ``name`` (``Towel wall slide`` -> ``towel-wall-slide``), not one of
    ``taken`` (``-2``, ``-3``... added)."""
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:36].strip("-") or fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


# --------------------------------------------------------------------------
# One definition, checked alone (the editor's exercise form)
# --------------------------------------------------------------------------
def exercise_of(d: DraftDefinition) -> Exercise:
    """The exercise a definition describes (for showing it; :func:`definition_problems`
    says whether it is a valid one)."""
    kinds = {k.value: k for k in Kind}
    dose_values = {k: v for k, v in d.dose.items() if k in DOSE_FIELDS}
    try:
        dose = Dose(**dose_values)
    except TypeError:  # pragma: no cover - the keys are filtered above
        dose = Dose()
    return Exercise(id=d.id, name=d.name, kind=kinds.get(d.kind, Kind.STRETCH),
                    position=d.position, summary=d.summary, steps=d.steps, dose=dose,
                    cautions=d.cautions, source=d.source, illustration=d.drawing,
                    equipment=d.equipment, targets=d.targets, easier=d.easier,
                    harder=d.harder)


def definition_problems(d: DraftDefinition, library: Library,
                        others: tuple[Exercise, ...] = ()) -> list[tuple[str, str]]:
    """What is wrong with a definition, as ``(field, message)``: the field is the
    library's (``name``, ``steps``, ``dose``, ``easier``...).  The same reader a program
    file's ``define:`` goes through, plus: its id is new (not the library's, not another
    of ``others``, the program's other own exercises), and its easier and harder links
    name known exercises without a circle.  The drawing is checked by
    :func:`~posture_coach.core.drawings.read_drawing`."""
    from .library import _read_exercise, check_progressions
    from .program import _check_plain_text
    from .yaml import Problems, parse

    text = yaml.safe_dump(definition_document(replace(d, drawing=None, translations={}),
                                              None), sort_keys=False, allow_unicode=True)
    problems = Problems()
    root = parse(text, "exercise")
    _check_plain_text(root, problems)
    exercise = _read_exercise(root, "", Path("."), problems, {}, under=None,
                              owner="program file", outside=True)
    if exercise is not None:
        if library.has_exercise(exercise.id):
            problems.add(root.loc, "id", f"{exercise.id!r} is already a library exercise; "
                                         "give your exercise another id")
        elif exercise.id in {o.id for o in others}:
            problems.add(root.loc, "id", f"{exercise.id!r} is already an exercise of this "
                                         "program; give your exercise another id")
        else:
            mine = [exercise, *(o for o in others if o.id != exercise.id)]
            check_progressions([*mine, *library.exercises], problems,
                               checked=lambda e: e is exercise)
    out = []
    for p in problems.items:
        key = re.split(r"[.\[]", p.path, maxsplit=1)[0] if p.path else ""
        out.append((key, p.message))
    return out
