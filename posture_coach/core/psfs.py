"""The Patient-Specific Functional Scale (PSFS): when the patient is asked to rate the
PT's activities, and what the ratings show.

The PSFS (Stratford, Gill, Westaway and Binkley 1995, *Physiotherapy Canada* 47:258-263)
asks the patient to name activities they find hard because of their problem and to rate
each from 0 (unable to perform the activity) to 10 (able to perform it at the level
before the problem).  Here the PT names up to five in the program (``outcomes.psfs``).

* **When** (:func:`next_due`, :func:`is_due`): at the program's start and then every
  ``every_days`` after the latest rating.  A skip is remembered until the next due time
  (the first one after the skip on the same grid); never during a break or just before
  one.  Pure functions of the times they are given: the shell passes its clock.
* **What it shows** (:func:`summarize`): per activity the first and the latest rating and
  the change, and the average of the activities.  The minimal clinically important
  difference (MCID) is given as a reference only: about 2 points for the average score
  and about 3 for a single activity, as reported in the literature (Stratford et al.
  1995; Horn et al. 2012, *J Orthop Sports Phys Ther* 42:30-42).  Stratford et al. derived
  them as the smallest change distinguishable from measurement error; later studies give
  somewhat different thresholds by condition.  A change at or above it is *worth
  discussing*, not a diagnosis.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from .journal.psfs import PsfsRecord
from .texts import Translate, english

if TYPE_CHECKING:  # the History window shows a summary without loading the program code
    from .program import Outcomes

MCID_AVERAGE = 2.0
MCID_SINGLE = 3.0
SOURCE = ("Stratford PW, Gill C, Westaway M, Binkley J. Assessing disability and change on "
          "individual patients: a report of a patient specific measure. Physiotherapy "
          "Canada 1995;47(4):258-263")
BREAK_MARGIN = timedelta(minutes=3)
"""No rating is asked for when a break is due this soon."""
SKIPPED_KEY = "psfs_skipped_at"
"""The app-state key of the latest skip (stored UTC ISO text)."""


def start_of(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=tz)


def next_due(outcomes: Outcomes, program_start: date, tz: tzinfo,
             last_rating: datetime | None, skipped_at: datetime | None) -> datetime:
    """When the activities are next to be rated.

    The first rating is due at the program's start (local midnight); after a rating
    (at or after the start), ``every_days`` later.  A skip at ``skipped_at`` moves the
    due time to the first time on that grid (due, due + every, ...) after the skip.
    """
    start = start_of(program_start, tz)
    every = timedelta(days=outcomes.every_days)
    due = last_rating + every if last_rating is not None and last_rating >= start else start
    if skipped_at is not None and skipped_at >= due:
        steps = (skipped_at - due) // every + 1
        due = due + steps * every
    return due


def is_due(now: datetime, due: datetime, *, in_break: bool,
           next_break: datetime | None) -> bool:
    """True when the rating dialog may be shown now: it is due, no break is on screen or
    waiting, and the next break is not about to start."""
    if in_break or now < due:
        return False
    return next_break is None or next_break - now > BREAK_MARGIN


@dataclass(frozen=True)
class ActivityChange:
    activity: str
    first: int
    first_at: datetime
    latest: int
    latest_at: datetime
    count: int
    points: tuple[tuple[datetime, int], ...]

    @property
    def change(self) -> int:
        return self.latest - self.first

    @property
    def reaches_mcid(self) -> bool:
        return abs(self.change) >= MCID_SINGLE


@dataclass(frozen=True)
class PsfsSummary:
    activities: tuple[ActivityChange, ...]

    @property
    def average_first(self) -> float | None:
        return _mean([a.first for a in self.activities])

    @property
    def average_latest(self) -> float | None:
        return _mean([a.latest for a in self.activities])

    @property
    def average_change(self) -> float | None:
        first, latest = self.average_first, self.average_latest
        return None if first is None or latest is None else latest - first

    @property
    def average_reaches_mcid(self) -> bool:
        change = self.average_change
        return change is not None and abs(change) >= MCID_AVERAGE

    def __bool__(self) -> bool:
        return bool(self.activities)


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def summarize(records: list[PsfsRecord], activities: tuple[str, ...] = ()) -> PsfsSummary:
    """Per activity (the program's order first, then others rated earlier), the first and
    latest rating, oldest first in ``points``."""
    by: dict[str, list[PsfsRecord]] = {}
    for record in sorted(records, key=lambda r: (r.at, r.id)):
        by.setdefault(record.activity, []).append(record)
    order = [a for a in activities if a in by] + [a for a in by if a not in activities]
    out = []
    for name in order:
        rows = by[name]
        out.append(ActivityChange(name, rows[0].rating, rows[0].at, rows[-1].rating,
                                  rows[-1].at, len(rows),
                                  tuple((r.at, r.rating) for r in rows)))
    return PsfsSummary(tuple(out))


def change_text(change: float) -> str:
    """``+3``, ``-1.5``, ``0``."""
    if not change:
        return "0"
    text = f"{change:+.1f}"
    return text[:-2] if text.endswith(".0") else text


def mcid_note(translate: Translate = english) -> str:
    """The reference, as a report prints it under the table."""
    return translate(
        "Psfs", "Reference, not a diagnosis: a change of about {average} points in the "
                "average score, or about {single} points for a single activity, is the "
                "minimal clinically important difference reported in the literature "
                "(Stratford et al. 1995, Physiotherapy Canada; Horn et al. 2012, J Orthop "
                "Sports Phys Ther). Higher is better: 0 unable to perform the activity, 10 "
                "able to perform it at the level before the problem.").format(
        average=f"{MCID_AVERAGE:g}", single=f"{MCID_SINGLE:g}")
