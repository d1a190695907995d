"""What the journal stores, as values: breaks with their steps, pauses, ice/heat
sessions and pain ratings; the error a user is told about; and how datetimes are kept
(aware in, fixed-width UTC text in the database, aware UTC out).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum


class JournalError(Exception):
    """A problem with the journal file that the user must be told about.

    The message names the file and says what to do.
    """


class Outcome(str, Enum):
    """How a break ended."""

    DONE = "done"
    PARTIAL = "partial"
    SKIPPED = "skipped"
    SNOOZED = "snoozed"
    NATURAL = "natural"
    """The user was away from the computer long enough: it counts as a break."""


class StepStatus(str, Enum):
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class StepRecord:
    """One exercise of a break's routine, in the order it was shown."""

    position: int
    exercise_id: str
    status: StepStatus
    seconds: float


@dataclass(frozen=True)
class BreakRecord:
    id: int
    planned_at: datetime | None
    started_at: datetime
    ended_at: datetime
    routine_id: str | None
    outcome: Outcome
    snooze_until: datetime | None
    steps: tuple[StepRecord, ...]


@dataclass(frozen=True)
class PauseRecord:
    id: int
    reason: str
    started_at: datetime
    until: datetime | None
    ended_at: datetime | None


@dataclass(frozen=True)
class ThermalRecord:
    """One ice or heat session."""

    id: int
    mode: str
    """``"ice"`` or ``"heat"``."""
    started_at: datetime
    ended_at: datetime
    planned_minutes: int
    completed: bool
    """True when the countdown ran out; False when it was stopped early."""


@dataclass(frozen=True)
class PainRecord:
    """A 0-10 rating of how the upper back feels (0: no pain)."""

    id: int
    at: datetime
    rating: int
    note: str | None
    break_id: int | None
    sleep: bool = False
    """The pain interfered with sleep."""
    work: bool = False
    """The pain interfered with work."""


THERMAL_MODES = ("ice", "heat")
THERMAL_MAX_MINUTES = 20
"""The journal refuses longer sessions: never more than 20 minutes at a time."""


# ---------------------------------------------------------------------------
# datetimes: aware in, fixed-width UTC text in the database, aware UTC out


def _check_aware(value: datetime, name: str) -> None:
    if not isinstance(value, datetime):
        raise ValueError(f"{name} must be a datetime, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {value!r}")


def _to_db(value: datetime) -> str:
    # isoformat pads the year to 4 digits and always writes the microseconds:
    # every value has the same width, so text order is time order.
    return value.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _opt_to_db(value: datetime | None) -> str | None:
    return None if value is None else _to_db(value)


def _from_db(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"stored time {text!r} has no time zone")
    return value.astimezone(timezone.utc)


def _opt_from_db(text: str | None) -> datetime | None:
    return None if text is None else _from_db(text)


def _validate_steps(steps: Sequence[StepRecord]) -> None:
    seen: set[int] = set()
    for i, step in enumerate(steps):
        where = f"steps[{i}]"
        if not isinstance(step, StepRecord):
            raise ValueError(f"{where} must be a StepRecord, not {type(step).__name__}")
        if not isinstance(step.position, int) or isinstance(step.position, bool):
            raise ValueError(f"{where}.position must be an int, got {step.position!r}")
        if step.position in seen:
            raise ValueError(f"{where}.position {step.position} is used twice")
        seen.add(step.position)
        if not isinstance(step.exercise_id, str) or not step.exercise_id:
            raise ValueError(f"{where}.exercise_id must be a non-empty str")
        StepStatus(step.status)
        if (isinstance(step.seconds, bool) or not isinstance(step.seconds, (int, float))
                or not math.isfinite(step.seconds) or step.seconds < 0):
            raise ValueError(f"{where}.seconds must be a finite number >= 0, "
                             f"got {step.seconds!r}")
