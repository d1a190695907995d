"""The exercise library: ``exercises.yaml`` -> frozen Exercise / Routine objects.

The bundled library ships inside the package.  A user may keep a library file
of their own in the config folder that adds exercises and routines or
replaces them by id; if that file is broken the bundled library is used and
the problems are handed back so the app can tell the user, file and line.

Every problem is located (``file:line:column: field.path: message``) and all
problems of a file are reported together.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from pathlib import Path
from typing import Any

from .errors import Location, ValidationError
from .texts import Translate, english
from .yaml import (
    MapReader,
    ParseCache,
    Problems,
    YMap,
    YNode,
    YScalar,
    YSeq,
    is_within,
    join,
    load,
    paused_gc,
    suggest,
)

Translations = Mapping[str, Mapping[str, Any]]
SCHEMA_VERSION = 1
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ILLUSTRATION_SUFFIXES = (".svg", ".png")
MAX_STEPS = 40
"""Steps of one exercise at most (the library's longest has 5; each is ticked and timed)."""
LANG_RE = re.compile(r"^[a-z]{2,3}(?:_[A-Z]{2})?$")
GENERAL_PRACTICE = "general physiotherapy practice"
DEFAULT_TRANSITION_S = 5.0
DEFAULT_REP_S = 3.0


class Kind(str, Enum):
    STRETCH = "stretch"
    BREATHING = "breathing"
    POSTURE = "posture"
    MOVEMENT = "movement"
    STRENGTH = "strength"


POSITIONS = ("seated", "standing", "floor", "doorway", "wall", "walking", "car", "any")

_MODE_FIELDS = ("duration_s", "reps", "hold_s", "rep_s", "sets", "rest_s")
_BREATH_FIELDS = ("inhale_s", "breath_hold_s", "exhale_s", "cycles")
DOSE_FIELDS = ("hold_s", "reps", "sets", "rep_s", "rest_s", "duration_s", "each_side",
               "inhale_s", "breath_hold_s", "exhale_s", "cycles")


def _fmt(seconds: float, translate: Translate = english) -> str:
    return translate("Dose", "{seconds} s").format(seconds=f"{seconds:g}")


@dataclass(frozen=True)
class Dose:
    """How much of an exercise: holds and reps, a duration, or a breathing pattern."""

    hold_s: float | None = None
    reps: int | None = None
    sets: int = 1
    rep_s: float | None = None
    rest_s: float = 0.0
    duration_s: float | None = None
    each_side: bool = False
    inhale_s: float | None = None
    breath_hold_s: float = 0.0
    exhale_s: float | None = None
    cycles: int | None = None

    @property
    def is_breathing(self) -> bool:
        return self.cycles is not None

    @property
    def sides(self) -> int:
        return 2 if self.each_side else 1

    @property
    def seconds(self) -> float:
        """How long the dose takes, rests included."""
        if self.cycles is not None:
            return ((self.inhale_s or 0) + self.breath_hold_s + (self.exhale_s or 0)) * self.cycles
        if self.duration_s is not None:
            return self.duration_s * self.sides
        per_rep = self.hold_s if self.hold_s is not None else (self.rep_s or DEFAULT_REP_S)
        reps = self.reps or 1
        return self.sets * reps * per_rep * self.sides + (self.sets - 1) * self.rest_s

    def describe(self, translate: Translate = english) -> str:
        """The dose as a person reads it: ``2 sets of 10 reps, hold 5 s, each side``.

        ``translate``: see :mod:`posture_coach.core.texts` (the UI passes Qt's).
        """
        def secs(seconds: float) -> str:
            return _fmt(seconds, translate)

        if self.cycles is not None:
            if self.breath_hold_s:
                return translate("Dose", "%n slow breath(s) (in {inhale}, hold {hold}, "
                                 "out {exhale})", None, self.cycles).format(
                    inhale=secs(self.inhale_s or 0), hold=secs(self.breath_hold_s),
                    exhale=secs(self.exhale_s or 0))
            return translate("Dose", "%n slow breath(s) (in {inhale}, out {exhale})", None,
                             self.cycles).format(inhale=secs(self.inhale_s or 0),
                                                 exhale=secs(self.exhale_s or 0))
        if self.duration_s is not None:
            text = _duration_words(self.duration_s, translate)
        else:
            reps = self.reps or 1
            text = translate("Dose", "%n rep(s)", None, reps)
            if self.sets > 1:
                text = translate("Dose", "{sets} sets of {reps}").format(sets=self.sets,
                                                                          reps=text)
            if self.hold_s is not None:
                text = translate("Dose", "{dose}, hold {seconds}").format(
                    dose=text, seconds=secs(self.hold_s))
            if self.sets > 1 and self.rest_s:
                text = translate("Dose", "{dose}, rest {seconds} between sets").format(
                    dose=text, seconds=secs(self.rest_s))
        if self.each_side:
            text = translate("Dose", "{dose}, each side").format(dose=text)
        return text

    def merged(self, overrides: Mapping[str, Any]) -> Dose:
        """This dose with a routine's or a program's overrides applied.

        Giving ``duration_s`` switches a reps-based dose to a timed one and
        giving ``reps`` switches a timed one to reps, so an override never
        leaves a dose with both.
        """
        values = dict(vars(self))  # the fields (a frozen dataclass keeps nothing else)
        if "duration_s" in overrides:
            values.update(reps=None, hold_s=None, rep_s=None, sets=1, rest_s=0.0)
        elif "reps" in overrides:
            values.update(duration_s=None)
        values.update(overrides)
        return Dose(**values)


def _duration_words(seconds: float, translate: Translate = english) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        return translate("Dose", "%n minute(s)", None, int(seconds // 60))
    if seconds > 60:
        return translate("Dose", "{minutes} min {seconds} s").format(
            minutes=int(seconds // 60), seconds=f"{seconds % 60:g}")
    return _fmt(seconds, translate)


def dose_problems(dose: Dose, kind: Kind) -> list[tuple[str, str]]:
    """What is inconsistent about a dose for an exercise of ``kind``: (field, message)."""
    out: list[tuple[str, str]] = []
    if kind is Kind.BREATHING:
        for name in ("inhale_s", "exhale_s", "cycles"):
            if getattr(dose, name) is None:
                out.append((name, "a breathing exercise needs inhale_s, exhale_s and cycles"))
        for name in ("duration_s", "reps", "hold_s", "rep_s"):
            if getattr(dose, name) is not None:
                out.append((name, "does not apply to a breathing exercise; "
                                  "use inhale_s, breath_hold_s, exhale_s and cycles"))
        return out
    for name in ("inhale_s", "exhale_s", "cycles"):
        if getattr(dose, name) is not None:
            out.append((name, f"only applies to breathing exercises, not to a {kind.value}"))
    if dose.breath_hold_s:
        out.append(("breath_hold_s",
                    f"only applies to breathing exercises, not to a {kind.value}"))
    if dose.duration_s is not None and dose.reps is not None:
        out.append(("duration_s", "give either duration_s or reps, not both"))
    elif dose.duration_s is None and dose.reps is None:
        out.append(("reps", "give reps (with hold_s if the position is held) or duration_s"))
    if dose.duration_s is not None:
        for name in ("hold_s", "rep_s"):
            if getattr(dose, name) is not None:
                out.append((name, "does not apply to a timed dose (duration_s)"))
    if dose.hold_s is not None and dose.rep_s is not None:
        out.append(("rep_s", "give either hold_s or rep_s, not both"))
    return out


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    kind: Kind
    position: str
    summary: str
    steps: tuple[str, ...]
    dose: Dose
    cautions: tuple[str, ...]
    source: str
    illustration: Path | None = None
    equipment: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    easier: tuple[str, ...] = ()
    """Ids of easier versions, as written (the library adds the other end of each link:
    see :meth:`Library.easier`)."""
    harder: tuple[str, ...] = ()
    """Ids of harder versions, as written (see :meth:`Library.harder`)."""
    origin: Location = field(default=Location("?"), compare=False)
    translations: Translations = field(default_factory=dict, compare=False, repr=False)
    """Language code -> translated fields (name, summary, steps, cautions, equipment,
    source); see :meth:`localized`."""
    link_origins: tuple[tuple[YNode | Location, str], ...] = field(default=(), compare=False,
                                                                    repr=False)
    """Where each written link stands (its node in the file, or a place; the field path):
    ``easier`` then ``harder``, in order."""

    def written_links(self) -> list[tuple[str, str, YNode | Location, str]]:
        """``(direction, target id, where, field path)`` for each link this exercise
        writes (``where``: see :func:`place`)."""
        links = [("easier", t) for t in self.easier] + [("harder", t) for t in self.harder]
        where = self.link_origins if len(self.link_origins) == len(links) else \
            [(self.origin, f"{self.id}.{d}") for d, _t in links]
        return [(d, t, loc, path) for (d, t), (loc, path) in zip(links, where)]

    def localized(self, language: str) -> Exercise:
        """This exercise in ``language`` (fields without a translation stay as they are)."""
        return _localized(self, language)


@dataclass(frozen=True)
class RoutineItem:
    exercise: Exercise
    dose: Dose

    @property
    def seconds(self) -> float:
        return self.dose.seconds


@dataclass(frozen=True)
class Routine:
    id: str
    name: str
    summary: str
    items: tuple[RoutineItem, ...]
    transition_s: float = DEFAULT_TRANSITION_S
    origin: Location = field(default=Location("?"), compare=False)
    translations: Translations = field(default_factory=dict, compare=False, repr=False)

    @property
    def seconds(self) -> float:
        """The routine's length, computed from its doses and the pauses between them."""
        work = sum(item.seconds for item in self.items)
        return work + self.transition_s * max(0, len(self.items) - 1)

    def localized(self, language: str) -> Routine:
        """The routine in ``language``, its exercises too (English where untranslated)."""
        own = _localized(self, language)
        items = tuple(replace(item, exercise=item.exercise.localized(language))
                      for item in self.items)
        return replace(own, items=items)


@dataclass(frozen=True)
class ThermalMode:
    id: str
    name: str
    when: str
    steps: tuple[str, ...]
    illustration: Path | None = None
    translations: Translations = field(default_factory=dict, compare=False, repr=False)

    def localized(self, language: str) -> ThermalMode:
        return _localized(self, language)


@dataclass(frozen=True)
class IceHeat:
    source: str
    recommended_min: int
    recommended_max: int
    default_minutes: int
    maximum_minutes: int
    ice: ThermalMode
    heat: ThermalMode
    cautions: tuple[str, ...]
    translations: Translations = field(default_factory=dict, compare=False, repr=False)

    def localized(self, language: str) -> IceHeat:
        own = _localized(self, language)
        return replace(own, ice=self.ice.localized(language),
                       heat=self.heat.localized(language))


@dataclass(frozen=True)
class Safety:
    source: str
    emergency: str
    red_flags: tuple[str, ...]
    urgent_care: tuple[str, ...]
    evaluate_when: tuple[str, ...]
    disclaimer: str
    translations: Translations = field(default_factory=dict, compare=False, repr=False)

    def localized(self, language: str) -> Safety:
        return _localized(self, language)


@dataclass(frozen=True)
class Library:
    exercises: tuple[Exercise, ...]
    routines: tuple[Routine, ...]
    ice_heat: IceHeat | None = None
    safety: Safety | None = None

    _ex: dict[str, Exercise] = field(init=False, repr=False, compare=False)
    _ro: dict[str, Routine] = field(init=False, repr=False, compare=False)
    _easier: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    _harder: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_ex", {e.id: e for e in self.exercises})
        object.__setattr__(self, "_ro", {r.id: r for r in self.routines})
        easier, harder = progression_links(self.exercises)
        object.__setattr__(self, "_easier", easier)
        object.__setattr__(self, "_harder", harder)

    def exercise(self, exercise_id: str) -> Exercise:
        return self._ex[exercise_id]

    def routine(self, routine_id: str) -> Routine:
        return self._ro[routine_id]

    def has_exercise(self, exercise_id: str) -> bool:
        return exercise_id in self._ex

    def has_routine(self, routine_id: str) -> bool:
        return routine_id in self._ro

    def easier(self, exercise_id: str) -> tuple[str, ...]:
        """The easier versions of an exercise: those it lists as ``easier:`` and those
        that list it as ``harder:`` (each link is written once, on either end)."""
        return self._easier.get(exercise_id, ())

    def harder(self, exercise_id: str) -> tuple[str, ...]:
        """The harder versions of an exercise (both ends of each link, as :meth:`easier`)."""
        return self._harder.get(exercise_id, ())

    def localized(self, language: str) -> Library:
        """The library in ``language`` ("es", "es_MX"...; a regional code falls back to its
        language), English wherever a translation is missing.  Ids, doses and drawings are
        the same in every language."""
        return Library(tuple(e.localized(language) for e in self.exercises),
                       tuple(r.localized(language) for r in self.routines),
                       self.ice_heat.localized(language) if self.ice_heat else None,
                       self.safety.localized(language) if self.safety else None)

    def languages(self) -> frozenset[str]:
        """Every language some exercise, routine or section has a translation for."""
        things: list[Any] = [*self.exercises, *self.routines, self.ice_heat, self.safety]
        if self.ice_heat is not None:
            things += [self.ice_heat.ice, self.ice_heat.heat]
        return frozenset(code for t in things if t is not None for code in t.translations)


def _localized(thing: Any, language: str) -> Any:
    table = thing.translations
    values = table.get(language)
    if values is None and "_" in language:
        values = table.get(language.split("_")[0])
    return replace(thing, **values) if values else thing


def place(where: YNode | Location) -> Location:
    """A link's place in its file (kept as its node until a problem needs it)."""
    return where if isinstance(where, Location) else where.loc


def progression_links(exercises: Iterable[Exercise]
                      ) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Both ends of every progression link: ``(easier, harder)``, id -> ids.

    A link is written once, on either end (``A harder: [B]`` is ``B easier: [A]``);
    writing both ends is allowed and counts once.  Links to ids that are not among
    ``exercises`` are left out (the readers report them, with their place).
    """
    known = {e.id for e in exercises}
    easier: dict[str, list[str]] = {}
    harder: dict[str, list[str]] = {}

    def add(low: str, high: str) -> None:
        if low == high or low not in known or high not in known:
            return
        up = harder.setdefault(low, [])
        if high not in up:
            up.append(high)
            easier.setdefault(high, []).append(low)

    for e in exercises:
        if not e.easier and not e.harder:
            continue
        for target in e.harder:
            add(e.id, target)
        for target in e.easier:
            add(target, e.id)
    return ({k: tuple(v) for k, v in easier.items()},
            {k: tuple(v) for k, v in harder.items()})


def check_progressions(exercises: Iterable[Exercise], problems: Problems,
                       checked: Callable[[Exercise], bool] = lambda _e: True,
                       outside: Collection[str] = ()) -> None:
    """Every written link names a known exercise, and no chain of ``harder`` links comes
    back to where it started.  Problems go where the link is written.

    ``checked``: which exercises' links to report on (a program checks its own, not the
    library's); ``outside``: more ids that may be named (the library, for a program).
    """
    exercises = list(exercises)
    by_id = {e.id: e for e in exercises}
    names = list(by_id) + [i for i in outside if i not in by_id]
    known = set(names)
    up: dict[str, list[tuple[str, Exercise, YNode | Location, str]]] = {}
    for e in exercises:
        if not e.easier and not e.harder:
            continue
        mine = checked(e)
        for direction, target, loc, path in e.written_links():
            if target not in known:
                if mine:
                    problems.add(place(loc), path, f"unknown exercise {target!r}"
                                 + suggest(target, names))
                continue
            low, high = (e.id, target) if direction == "harder" else (target, e.id)
            up.setdefault(low, []).append((high, e, loc, path))
    # Cycles in the harder direction: an iterative depth-first walk, each cycle reported
    # once, at the written link that closes it.
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in up:
        if start in state:
            continue
        trail = [start]
        via: list[tuple[str, Exercise, YNode | Location, str]] = []  # the link into trail[i+1]
        state[start] = 1
        stack = [iter(up.get(start, ()))]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                state[trail.pop()] = 2
                if via:
                    via.pop()
                continue
            high = step[0]
            seen = state.get(high)
            if seen is None:
                state[high] = 1
                trail.append(high)
                via.append(step)
                stack.append(iter(up.get(high, ())))
            elif seen == 1:
                first = trail.index(high)
                links = [step, *via[first:]]  # the closing link first
                closing = next((link for link in links if checked(link[1])), None)
                if closing is not None:
                    ring = [*trail[first:], high]
                    problems.add(place(closing[2]), closing[3],
                                 "the progression goes round in a circle ("
                                 + " → ".join(ring) + ", each harder than the one "
                                 "before); remove one of these links")


@dataclass(frozen=True)
class LoadedLibrary:
    """The library the app uses, and what was wrong with the user's own file, if anything."""

    library: Library
    user_file_problems: ValidationError | None = None
    user_file: Path | None = None


# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------
_EXERCISE_FIELDS = ("id", "name", "kind", "position", "summary", "steps", "dose", "cautions",
                    "source", "illustration", "equipment", "targets", "easier", "harder",
                    "translations")
MAX_LINKS = 8  # easier or harder versions of one exercise
_ROUTINE_FIELDS = ("id", "name", "summary", "items", "transition_s", "translations")
_EXERCISE_TEXT = {"name": 120, "summary": 500, "steps": 0, "cautions": 0, "equipment": 0,
                  "source": 200}
"""Translatable fields: text (its longest length) or a list (0), which must keep the
original's length (steps are ticked and timed one by one in the original's order)."""
_ROUTINE_TEXT = {"name": 120, "summary": 500}
_THERMAL_TEXT = {"name": 60, "when": 300, "steps": 0}
_SAFETY_TEXT = {"emergency": 2000, "red_flags": 0, "urgent_care": 0, "evaluate_when": 0,
                "disclaimer": 2000}


def _read_translations(r: MapReader, spec: Mapping[str, int], original: Mapping[str, Any],
                       sub: Mapping[str, tuple[Mapping[str, int], Mapping[str, Any]]]
                       | None = None) -> dict[str, dict[str, Any]]:
    """``translations: {es: {name: ..., steps: [...]}}`` of the mapping ``r`` reads.

    ``original``: the untranslated values (lists must keep their length); ``sub``: nested
    sections (ice_heat's ice and heat) with their own spec and originals.
    """
    node = r.raw("translations")
    if node is None:
        return {}
    path = join(r.path, "translations")
    if not isinstance(node, YMap):
        r.bad("translations", "must be a mapping of language codes (like 'es') to the "
                              "translated fields")
        return {}
    out: dict[str, dict[str, Any]] = {}
    for code, key_node in node.keys.items():
        if not isinstance(code, str) or not LANG_RE.match(code):
            r.problems.add(key_node.loc, path, f"a language code looks like 'es' or "
                                               f"'pt_BR'; got {code!r}")
            continue
        values = _read_texts(node.entries[code], join(path, code), r.problems, spec,
                             original, tuple(sub or ()))
        for name, (sub_spec, sub_original) in (sub or {}).items():
            tr = MapReader(node.entries[code], join(path, code), Problems(), ())
            sub_node = tr.raw(name)
            if sub_node is not None:
                values[name] = _read_texts(sub_node, join(join(path, code), name),
                                           r.problems, sub_spec, sub_original, ())
        out[code] = values
    return out


def _read_texts(node: YNode, path: str, problems: Problems, spec: Mapping[str, int],
                original: Mapping[str, Any], extra: tuple[str, ...]) -> dict[str, Any]:
    tr = MapReader(node, path, problems, (*spec, *extra))
    values: dict[str, Any] = {}
    if not tr.ok:
        return values
    for name, max_len in spec.items():
        if not tr.has(name):
            continue
        if max_len:
            text = tr.text(name, max_len=max_len)
            if text is not None:
                values[name] = text
            continue
        items = tr.text_list(name)
        want = len(original.get(name) or ())
        if len(items) != want:
            tr.bad(name, f"has {len(items)} item{'s' if len(items) != 1 else ''} but the "
                         f"original has {want}; translate each one, in the same order")
        elif items:
            values[name] = items
    return values
_ITEM_FIELDS = ("exercise", *DOSE_FIELDS)


@dataclass
class _RawRoutine:
    id: str
    name: str
    summary: str
    transition_s: float
    items: list[tuple[str, YNode, str, dict[str, Any]]]  # path, node, exercise id, overrides
    origin: Location
    translations: Translations = field(default_factory=dict)


_DOSE_SPEC: dict[str, dict[str, Any]] = {
    "hold_s": dict(positive=True, maximum=600),
    "reps": dict(integer=True, minimum=1, maximum=200),
    "sets": dict(integer=True, minimum=1, maximum=20),
    "rep_s": dict(positive=True, maximum=120),
    "rest_s": dict(minimum=0, maximum=600),
    "duration_s": dict(positive=True, maximum=3600),
    "inhale_s": dict(positive=True, maximum=30),
    "breath_hold_s": dict(minimum=0, maximum=30),
    "exhale_s": dict(positive=True, maximum=30),
    "cycles": dict(integer=True, minimum=1, maximum=200),
}


_DOSE_LIMITS = {name: (spec.get("minimum"), spec["maximum"], spec.get("positive", False),
                       spec.get("integer", False)) for name, spec in _DOSE_SPEC.items()}
_SECONDS_FIELDS = frozenset(name for name in DOSE_FIELDS if name.endswith("_s"))


def _read_dose_fields(r: MapReader) -> dict[str, Any]:
    """The dose fields present in a mapping, each type- and range-checked."""
    out: dict[str, Any] = {}
    present = r.node.entries if r.node is not None else {}
    for name in DOSE_FIELDS:
        node = present.get(name)
        if node is None:
            continue
        if name == "each_side":
            out[name] = r.boolean(name)
            continue
        # The common case first, as MapReader.number's: a number in range.
        value: Any = node.value if type(node) is YScalar else None
        value_type = type(value)
        low, high, positive, integer = _DOSE_LIMITS[name]
        if not ((value_type is int or (value_type is float and not integer
                                       and value == value))
                and (not positive or value > 0) and (low is None or value >= low)
                and value <= high):
            value = r.number(name, required=False, **_DOSE_SPEC[name])
            if value is None:
                continue
        out[name] = float(value) if name in _SECONDS_FIELDS else int(value)
    return out


def _check_dose(dose: Dose, kind: Kind, r: MapReader, problems: Problems,
                prefix: str = "") -> bool:
    issues = dose_problems(dose, kind)
    for name, message in issues:
        where = r.where(name) if r.has(name) else r.loc
        problems.add(where, join(r.path, name), prefix + message)
    return not issues


_DRIVE_RE = re.compile(r"^[A-Za-z]:")
_KIND_VALUES = tuple(k.value for k in Kind)
_KINDS = {k.value: k for k in Kind}


def _read_illustration(r: MapReader, key: str, base: Path, cache: dict[Any, Any],
                       under: str | None = "assets", owner: str = "library file", *,
                       outside: bool = False) -> Path | None:
    """A drawing's path, confined to ``base/under`` (``under=None``: anywhere in ``base``).

    Refused: absolute paths, ``..``, links that lead out, other file types, missing files.
    """
    text = r.text(key, required=False)
    if text is None:
        return None
    if not outside and _PLAIN_DRAWING(text) is not None:
        # The common case, first: 'folder/.../name.svg' written plainly (relative, no
        # '.', '..', empty part or backslash), a regular file listed in its folder, the
        # folder inside ``under``.  Anything else takes the full checks below.
        # (Only folders that passed are recorded, so the path's start is right.)
        head, _slash, leaf = text.rpartition("/")
        if leaf.lower().endswith(ILLUSTRATION_SUFFIXES):
            known = cache.get((os.fspath(base), under, head))
            if known is not None and leaf in known[0]:
                return known[1].joinpath(leaf)
    inside = f"{under}/" if under else f"the {owner}'s folder"
    parts = text.replace("\\", "/").split("/")
    if text.startswith(("/", "\\")) or _DRIVE_RE.match(text):
        r.bad(key, f"must be a path relative to the {owner}"
                   + (f", under {under}/" if under else "") + f"; got {text!r}")
        return None
    if ".." in parts:
        r.bad(key, f"must stay inside {inside} (no '..'); got {text!r}")
        return None
    parts = [p for p in parts if p not in ("", ".")]
    if not parts or (under is not None and (len(parts) < 2 or parts[0] != under)):
        r.bad(key, f"must be under {inside} beside the {owner}; got {text!r}")
        return None
    if not parts[-1].lower().endswith(ILLUSTRATION_SUFFIXES):
        r.bad(key, f"must be an .svg or .png drawing; got {text!r}")
        return None
    # What is known of the drawing's folder, found once for all the drawings in it: its
    # path, the folder the drawing must stay in, the regular files in it (a listing, not
    # an lstat a drawing) and whether it lies inside that folder, links resolved.
    folder_key = "\0".join(("\0folder", os.fspath(base), under or "", *parts[:-1]))
    folder = cache.get(folder_key)
    if folder is None:
        path = os.path.join(base, *parts[:-1])
        folder = cache[folder_key] = [path, os.path.join(base, under) if under else os.fspath(base),
                               _regular_files(path), None]
    full = os.path.join(folder[0], parts[-1])
    root = folder[1]
    plain_file = parts[-1] in folder[2]  # listed as a regular file (not a link)
    if not plain_file:
        try:
            plain_file = stat.S_ISREG(os.lstat(full).st_mode)
        except OSError:
            plain_file = False
    if plain_file and folder[3] is None:
        folder[3] = _folder_within(root, full, cache)
        if folder[3]:  # for the common case above, next time
            cache[(os.fspath(base), under, "/".join(parts[:-1]))] = (folder[2],
                                                                     Path(folder[0]))
    if not (plain_file and folder[3]) and not is_within(root, full, cache):
        r.bad(key, f"leaves {inside} through a link; got {text!r}")
        return None
    if outside:  # someone's folder, not the app's: the drawing itself, whole
        return _outside_drawing(r, key, text, Path(full), owner)
    if not plain_file:
        try:
            found = stat.S_ISREG(os.stat(full).st_mode)
        except OSError:
            found = False
        if not found:
            r.bad(key, f"file {text!r} does not exist (looked in {root})")
            return None
    return Path(full)


_PLAIN_DRAWING = re.compile(r"(?:[A-Za-z0-9_][A-Za-z0-9_.-]*/)*[A-Za-z0-9_][A-Za-z0-9_. -]*"
                            ).fullmatch
"""A drawing's path written plainly: parts that start with a letter, a digit or '_' and
hold only those, dots and dashes (the name spaces too), '/' between them."""
LISTED_MAX = 10_000
"""Entries of a drawings folder listed at most; a drawing not among them is looked up
on its own."""


def _regular_files(folder: str) -> frozenset[str]:
    """The names of the regular files in ``folder`` (links, FIFOs, devices and folders
    left out), from one listing; empty when it cannot be listed."""
    names: set[str] = set()
    try:
        with os.scandir(folder) as entries:
            for count, entry in enumerate(entries):
                if count >= LISTED_MAX:
                    break
                try:
                    if entry.is_file(follow_symlinks=False):
                        names.add(entry.name)
                except OSError:
                    continue
    except (OSError, ValueError):
        pass
    return frozenset(names)


def _folder_within(root: str, full: str, cache: dict[str, str]) -> bool:
    """True when the folder holding ``full`` is ``root`` or inside it, links resolved
    (the answer for each folder is kept in ``cache``)."""
    folder = os.path.dirname(full)
    answer = cache.get("\0within\0" + folder)
    if answer is None:
        real_root = os.path.realpath(root)
        real = os.path.realpath(folder)
        answer = "1" if real == real_root or real.startswith(
            real_root.rstrip(os.sep) + os.sep) else ""
        cache["\0within\0" + folder] = answer
    return answer == "1"


def _outside_drawing(r: MapReader, key: str, text: str, full: Path, owner: str
                     ) -> Path | None:
    """A drawing in a folder from outside (a home program's, a user library's): a
    regular file there, not a link, of at most 1 MiB, and an SVG that refers to nothing
    outside itself.  Problems name the drawing beside the file being read (the
    person's own path)."""
    from .drawings import MAX_DRAWING_BYTES, svg_reference_problems
    from .safefile import kind_of, read_bounded

    try:
        info = os.lstat(full)
    except OSError:
        r.bad(key, f"file {text!r} does not exist beside the {owner}")
        return None
    if stat.S_ISLNK(info.st_mode):
        r.bad(key, f"{text!r} is a symbolic link; put the drawing itself in the folder")
        return None
    if not stat.S_ISREG(info.st_mode):
        r.bad(key, f"{text!r} is {kind_of(info.st_mode)}, not a drawing file")
        return None
    if info.st_size > MAX_DRAWING_BYTES:
        if owner == "program file":
            return full  # refused with its size by the program's reader
        r.bad(key, f"the drawing {text!r} is larger than {MAX_DRAWING_BYTES // 1024} KiB; "
                   "use a smaller file")
        return None
    if not text.lower().endswith(".svg"):
        return full
    shown = str(Path(r.loc.file).parent / text)
    try:
        data = read_bounded(full, MAX_DRAWING_BYTES, shown, follow=False)
    except ValidationError as exc:
        r.bad(key, str(exc.problems[0]))
        return None
    try:
        svg = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        r.bad(key, f"the drawing {text!r} is not UTF-8 text, so not an SVG drawing")
        return None
    found = svg_reference_problems(svg, shown)
    if found:
        for problem in found:
            r.problems.items.append(problem)
        r.bad(key, f"the drawing {text!r} refers to something outside itself (see above)")
        return None
    return full


def _read_exercise(node: YNode, path: str, base: Path, problems: Problems,
                   cache: dict[str, str], under: str | None = "assets",
                   owner: str = "library file", *, outside: bool = False
                   ) -> Exercise | None:
    """One exercise; ``outside``: from someone's file (a user library, a program), whose
    drawings are checked whole (:func:`_outside_drawing`); the bundled library's are
    the app's own."""
    before = len(problems)
    r = MapReader(node, path, problems, _EXERCISE_FIELDS)
    if not r.ok:
        return None
    ex_id = r.text("id")
    if ex_id is not None and not ID_RE.match(ex_id):
        r.bad("id", f"must be lower-case letters, digits and dashes (like "
                    f"'doorway-chest-stretch'); got {ex_id!r}")
    name = r.text("name", max_len=120)
    kind_text = r.choice("kind", _KIND_VALUES)
    position = r.choice("position", POSITIONS)
    summary = r.text("summary", max_len=500)
    steps = r.text_list("steps", min_items=1)
    if len(steps) > MAX_STEPS:
        r.bad("steps", f"lists {len(steps)} steps; an exercise may have at most {MAX_STEPS}")
        steps = ()
    cautions = r.text_list("cautions", min_items=1)
    source = r.text("source", max_len=200)
    illustration = _read_illustration(r, "illustration", base, cache, under, owner,
                                      outside=outside)
    equipment = r.text_list("equipment", required=False, max_len=100)
    targets = r.text_list("targets", required=False, max_len=100)
    easier, harder, link_origins = _read_links(r, ex_id)
    dose_node = r.raw("dose")
    dr = MapReader(dose_node, join(path, "dose"), problems, DOSE_FIELDS, where=r.loc)
    if dose_node is None:
        problems.add(r.loc, join(path, "dose"), "required field is missing")
    dose_values = _read_dose_fields(dr) if dr.ok else {}
    dose: Dose | None = None
    if dr.ok:
        try:
            dose = Dose(**dose_values)
        except TypeError:  # pragma: no cover - fields are filtered above
            dose = None
    if dose is not None and kind_text is not None and len(problems) == before:
        _check_dose(dose, _KINDS[kind_text], dr, problems)
    if len(problems) != before or None in (ex_id, name, kind_text, position, summary,
                                           source, dose):
        return None
    assert ex_id and name and kind_text and position and summary and source and dose
    translations = _read_translations(r, _EXERCISE_TEXT, {
        "steps": steps, "cautions": cautions, "equipment": equipment})
    if len(problems) != before:
        return None
    return Exercise(id=ex_id, name=name, kind=_KINDS[kind_text], position=position,
                    summary=summary, steps=steps, dose=dose, cautions=cautions, source=source,
                    illustration=illustration, equipment=equipment, targets=targets,
                    easier=easier, harder=harder, origin=node.loc,
                    translations=translations, link_origins=link_origins)


_Origins = tuple[tuple[YNode | Location, str], ...]


def _read_links(r: MapReader, ex_id: str | None
                ) -> tuple[tuple[str, ...], tuple[str, ...], _Origins]:
    """``easier:`` and ``harder:``: lists of exercise ids, each once, none the exercise
    itself.  Whether the ids exist is checked once the whole library is read."""
    lists: dict[str, tuple[str, ...]] = {}
    where: list[tuple[YNode | Location, str]] = []
    other: dict[str, str] = {}
    for key in ("easier", "harder"):
        node = r.raw(key)
        if node is None:
            lists[key] = ()
            continue
        before = len(r.problems)
        ids = r.text_list(key, max_len=64)
        if len(r.problems) != before:
            lists[key] = ()
            continue
        assert isinstance(node, YSeq)
        if len(ids) > MAX_LINKS:
            r.bad(key, f"lists {len(ids)} exercises; give at most {MAX_LINKS}")
            lists[key] = ()
            continue
        kept: list[str] = []
        for index, target in enumerate(ids):
            item = node.items[index]
            item_path = join(join(r.path, key), index)
            if ID_RE.match(target) and target != ex_id and target not in kept \
                    and target not in other:  # the common case, first (no Location made)
                kept.append(target)
                other[target] = key
                where.append((item, item_path))
                continue
            item_loc = item.loc
            if not ID_RE.match(target):
                r.problems.add(item_loc, item_path, f"must be an exercise id (lower-case "
                                                    f"letters, digits and dashes); got "
                                                    f"{target!r}")
            elif target == ex_id:
                r.problems.add(item_loc, item_path,
                               f"an exercise cannot be its own {key} version")
            elif target in kept:
                r.problems.add(item_loc, item_path, f"{target!r} is listed twice")
            elif target in other:
                r.problems.add(item_loc, item_path,
                               f"{target!r} is listed as both easier and harder")
        lists[key] = tuple(kept)
    return lists["easier"], lists["harder"], tuple(where)


def _read_routine(node: YNode, path: str, problems: Problems) -> _RawRoutine | None:
    before = len(problems)
    r = MapReader(node, path, problems, _ROUTINE_FIELDS)
    if not r.ok:
        return None
    ro_id = r.text("id")
    if ro_id is not None and not ID_RE.match(ro_id):
        r.bad("id", f"must be lower-case letters, digits and dashes; got {ro_id!r}")
    name = r.text("name", max_len=120)
    summary = r.text("summary", max_len=500)
    transition = r.number("transition_s", default=DEFAULT_TRANSITION_S, minimum=0, maximum=120)
    items = []
    for item_path, item in r.seq("items", min_items=1):
        ir = MapReader(item, item_path, problems, _ITEM_FIELDS)
        if not ir.ok:
            continue
        ex_id = ir.text("exercise")
        overrides = _read_dose_fields(ir)
        if ex_id is not None:
            items.append((item_path, item, ex_id, overrides))
    translations = _read_translations(r, _ROUTINE_TEXT, {})
    if len(problems) != before or None in (ro_id, name, summary):
        return None
    assert ro_id and name and summary
    return _RawRoutine(ro_id, name, summary, float(transition), items, node.loc,
                       translations)


def _build_routine(raw: _RawRoutine, exercises: Mapping[str, Exercise], problems: Problems,
                   broken: set[str] | frozenset[str] = frozenset()) -> Routine | None:
    before = len(problems)
    failed = False
    items: list[RoutineItem] = []
    for item_path, node, ex_id, overrides in raw.items:
        exercise = exercises.get(ex_id)
        if exercise is not None:  # the common case, first: a known exercise, a fine dose
            dose = exercise.dose.merged(overrides)
            if not dose_problems(dose, exercise.kind):
                items.append(RoutineItem(exercise, dose))
                continue
        r = MapReader(node, item_path, Problems(), _ITEM_FIELDS)  # fields already checked
        if exercise is None and ex_id in broken:
            failed = True  # the exercise's own problems are reported; no echo here
            continue
        if exercise is None:
            problems.add(r.where("exercise"), join(item_path, "exercise"),
                         f"unknown exercise {ex_id!r}" + suggest(ex_id, exercises))
            continue
        _check_dose(dose, exercise.kind, r, problems, prefix=f"with exercise {ex_id!r}: ")
    if failed or len(problems) != before:
        return None
    return Routine(raw.id, raw.name, raw.summary, tuple(items), raw.transition_s, raw.origin,
                   raw.translations)


def _read_thermal(node: YNode | None, path: str, mode_id: str, base: Path, problems: Problems,
                  where: Location, cache: dict[str, str]) -> ThermalMode | None:
    r = MapReader(node, path, problems, ("name", "when", "steps", "illustration"), where=where)
    if node is None:
        problems.add(where, path, "required field is missing")
        return None
    if not r.ok:
        return None
    before = len(problems)
    name = r.text("name", max_len=60)
    when = r.text("when", max_len=300)
    steps = r.text_list("steps", min_items=1)
    illustration = _read_illustration(r, "illustration", base, cache)
    if len(problems) != before or name is None or when is None:
        return None
    return ThermalMode(mode_id, name, when, steps, illustration)


def _read_ice_heat(node: YNode, path: str, base: Path, problems: Problems,
                   cache: dict[str, str]) -> IceHeat | None:
    r = MapReader(node, path, problems, ("source", "minutes", "ice", "heat", "cautions",
                                         "translations"))
    if not r.ok:
        return None
    before = len(problems)
    source = r.text("source")
    m = MapReader(r.raw("minutes"), join(path, "minutes"), problems,
                  ("recommended_min", "recommended_max", "default", "maximum"), where=r.loc)
    if r.raw("minutes") is None:
        problems.add(r.loc, join(path, "minutes"), "required field is missing")
    low = m.number("recommended_min", required=True, integer=True, minimum=1, maximum=60)
    high = m.number("recommended_max", required=True, integer=True, minimum=1, maximum=60)
    default = m.number("default", required=True, integer=True, minimum=1, maximum=60)
    maximum = m.number("maximum", required=True, integer=True, minimum=1, maximum=60)
    if None not in (low, high, default, maximum):
        if not low <= high <= maximum:
            m.bad("recommended_max", "must lie between recommended_min and maximum")
        if not low <= default <= maximum:
            m.bad("default", "must lie between recommended_min and maximum")
    ice = _read_thermal(r.raw("ice"), join(path, "ice"), "ice", base, problems, r.loc, cache)
    heat = _read_thermal(r.raw("heat"), join(path, "heat"), "heat", base, problems, r.loc,
                         cache)
    cautions = r.text_list("cautions", min_items=1)
    if len(problems) != before or None in (source, low, high, default, maximum, ice, heat):
        return None
    assert source and ice and heat
    modes = {"ice": (_THERMAL_TEXT, {"steps": ice.steps}),
             "heat": (_THERMAL_TEXT, {"steps": heat.steps})}
    translations = _read_translations(r, {"cautions": 0}, {"cautions": cautions}, modes)
    if len(problems) != before:
        return None
    for mode_id in ("ice", "heat"):  # each mode keeps its own part of the translations
        per_mode = {code: t.pop(mode_id) for code, t in translations.items() if mode_id in t}
        if mode_id == "ice":
            ice = replace(ice, translations=per_mode)
        else:
            heat = replace(heat, translations=per_mode)
    return IceHeat(source, low, high, default, maximum, ice, heat, cautions, translations)


def _read_safety(node: YNode, path: str, problems: Problems) -> Safety | None:
    r = MapReader(node, path, problems, ("source", "emergency", "red_flags", "urgent_care",
                                         "evaluate_when", "disclaimer", "translations"))
    if not r.ok:
        return None
    before = len(problems)
    source = r.text("source")
    emergency = r.text("emergency")
    red_flags = r.text_list("red_flags", min_items=1)
    urgent = r.text_list("urgent_care", required=False)
    evaluate = r.text_list("evaluate_when", min_items=1)
    disclaimer = r.text("disclaimer")
    if len(problems) != before or None in (source, emergency, disclaimer):
        return None
    assert source and emergency and disclaimer
    translations = _read_translations(r, _SAFETY_TEXT, {
        "red_flags": red_flags, "urgent_care": urgent, "evaluate_when": evaluate})
    if len(problems) != before:
        return None
    return Safety(source, emergency, red_flags, urgent, evaluate, disclaimer, translations)


@dataclass
class _Parsed:
    exercises: list[Exercise]
    routines: list[_RawRoutine]
    ice_heat: IceHeat | None
    safety: Safety | None
    problems: Problems
    broken: set[str] = field(default_factory=set)  # ids of exercises already reported


def _id_loc(node: YNode) -> Location:
    id_node = node.get("id") if isinstance(node, YMap) else None
    return id_node.loc if id_node is not None else node.loc


def _parse(root: YNode, name: str, base: Path, user_file: bool) -> _Parsed:
    problems = Problems()
    top = ("version", "exercises", "routines") if user_file else \
        ("version", "exercises", "routines", "ice_heat", "safety")
    r = MapReader(root, "", problems, top)
    parsed = _Parsed([], [], None, None, problems)
    cache: dict[Any, Any] = {}  # resolved folders and their drawings, for the link checks
    if not r.ok:
        return parsed
    version = r.number("version", required=True, integer=True)
    if version is not None and version != SCHEMA_VERSION:
        r.bad("version", f"this app reads library version {SCHEMA_VERSION}; got {version}"
                         + (" (written by a newer posture-coach?)"
                            if version > SCHEMA_VERSION else ""))
    seen: dict[str, Location] = {}
    for path, node in r.seq("exercises", required=not user_file, min_items=0):
        exercise = _read_exercise(node, path, base, problems, cache, outside=user_file)
        if exercise is None:
            id_node = node.get("id") if isinstance(node, YMap) else None
            if id_node is not None and isinstance(id_node.plain(), str):
                parsed.broken.add(id_node.plain().strip())
            continue
        if exercise.id in seen:
            problems.add(_id_loc(node), join(path, "id"),
                         f"duplicate exercise id {exercise.id!r} (first defined at line "
                         f"{seen[exercise.id].line})")
            continue
        seen[exercise.id] = exercise.origin
        parsed.exercises.append(exercise)
    seen_routines: dict[str, Location] = {}
    for path, node in r.seq("routines", required=not user_file, min_items=0):
        routine = _read_routine(node, path, problems)
        if routine is None:
            continue
        if routine.id in seen_routines:
            problems.add(_id_loc(node), join(path, "id"),
                         f"duplicate routine id {routine.id!r} (first defined at line "
                         f"{seen_routines[routine.id].line})")
            continue
        seen_routines[routine.id] = routine.origin
        parsed.routines.append(routine)
    if not user_file:
        ice = r.raw("ice_heat")
        if ice is None:
            problems.add(r.loc, "ice_heat", "required field is missing")
        else:
            parsed.ice_heat = _read_ice_heat(ice, "ice_heat", base, problems, cache)
        safety = r.raw("safety")
        if safety is None:
            problems.add(r.loc, "safety", "required field is missing")
        else:
            parsed.safety = _read_safety(safety, "safety", problems)
    return parsed


def _assemble(parts: list[_Parsed], problems: Problems) -> Library:
    exercises: dict[str, Exercise] = {}
    routines: dict[str, _RawRoutine] = {}
    for part in parts:
        exercises.update((e.id, e) for e in part.exercises)
        routines.update((ro.id, ro) for ro in part.routines)
    broken = set().union(*(part.broken for part in parts))
    check_progressions(exercises.values(), problems, outside=broken)
    built = [_build_routine(raw, exercises, problems, broken) for raw in routines.values()]
    return Library(tuple(exercises.values()), tuple(b for b in built if b is not None),
                   parts[0].ice_heat, parts[0].safety)


def parse_library(root: YNode, name: str, base: Path) -> Library:
    """Build a full (bundled-style) library from loaded nodes; raise on any problem."""
    with paused_gc():
        parsed = _parse(root, name, base, user_file=False)
        library = _assemble([parsed], parsed.problems)
    parsed.problems.raise_if_any()
    return library


def load_library_file(path: Path, display: str | None = None,
                      cache: ParseCache | None = None) -> Library:
    """Load and check a complete library file, such as the bundled ``exercises.yaml``."""
    name = display or str(path)
    with paused_gc():  # the parsed tree and the library: no cycles, many objects
        root = load(path, name, cache=cache)
        return parse_library(root, name, path.resolve().parent)


def merge_user_library(bundled: Library, path: Path, display: str | None = None,
                       cache: ParseCache | None = None) -> Library:
    """The bundled library with a user's additions and overrides; raise on any problem."""
    name = display or str(path)
    root = load(path, name, cache=cache)
    parsed = _parse(root, name, path.resolve().parent, user_file=True)
    merged_ex = {e.id: e for e in bundled.exercises}
    merged_ex.update((e.id, e) for e in parsed.exercises)
    # the links against the whole library, reported with the file's other problems
    check_progressions(merged_ex.values(), parsed.problems, outside=parsed.broken)
    parsed.problems.raise_if_any()
    problems = Problems()
    # Bundled routines keep their doses; rebuild them against any replaced exercises.
    routines: dict[str, Routine] = {}
    for routine in bundled.routines:
        items = []
        for item in routine.items:
            ex = merged_ex[item.exercise.id]
            overrides = _dose_overrides(item.exercise.dose, item.dose)
            dose = ex.dose.merged(overrides) if ex is not item.exercise else item.dose
            if dose_problems(dose, ex.kind):
                dose = ex.dose  # the user's own dose for their replacement wins
            items.append(RoutineItem(ex, dose))
        routines[routine.id] = replace(routine, items=tuple(items))
    for raw in parsed.routines:
        built = _build_routine(raw, merged_ex, problems, parsed.broken)
        if built is not None:
            routines[built.id] = built
    problems.raise_if_any()
    return Library(tuple(merged_ex.values()), tuple(routines.values()),
                   bundled.ice_heat, bundled.safety)


def _dose_overrides(base: Dose, effective: Dose) -> dict[str, Any]:
    return {f.name: getattr(effective, f.name) for f in fields(Dose)
            if getattr(effective, f.name) != getattr(base, f.name)}


def load_library(bundled: Path, user: Path | None = None,
                 cache: ParseCache | None = None) -> LoadedLibrary:
    """The library the app runs with.

    The bundled file must be valid (a broken bundled library is a packaging
    bug and raises).  A broken user file never stops the app: the bundled
    library is returned with the user file's problems, and the file is left as
    it is.  ``cache`` keeps parsed copies of the files (the app's start).
    """
    library = load_library_file(bundled, cache=cache)
    if user is None or not user.exists():
        return LoadedLibrary(library)
    try:
        return LoadedLibrary(merge_user_library(library, user, cache=cache), None, user)
    except ValidationError as exc:
        return LoadedLibrary(library, exc, user)
