"""The clinician's adherence report, computed from the journal (no Qt, no drawing).

* **Exercises**: how many times each prescribed exercise was done against how
  many times it was prescribed over the report's days (``times_per_day x
  days_per_week / 7`` per day, counted from the program's start).  An exercise
  counts as done once per break or home session in which its step was done.
* **Days**: breaks per local day by outcome, and home sessions done.
* **Pain**: every 0-10 rating in the period with its note, oldest first.
* **PSFS**: the Patient-Specific Functional Scale's activities, first (since the
  program's start) and latest rating and the change (:mod:`.psfs`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from .journal import Journal, Outcome, StepStatus
from .program import Program
from .psfs import PsfsSummary, start_of, summarize

DEFAULT_DAYS = 28


@dataclass(frozen=True)
class ExerciseAdherence:
    exercise_id: str
    name: str
    prescribed: int
    done: int

    @property
    def percent(self) -> int | None:
        if self.prescribed <= 0:
            return None
        return round(100 * self.done / self.prescribed)


@dataclass(frozen=True)
class DayCount:
    day: date
    done: int = 0
    partial: int = 0
    skipped: int = 0
    snoozed: int = 0
    natural: int = 0
    home_sessions: int = 0


@dataclass(frozen=True)
class PainPoint:
    at: datetime
    """Local time."""
    rating: int
    note: str | None


@dataclass(frozen=True)
class AdherenceReport:
    start: date
    end: date
    """The last day included."""
    generated_at: datetime
    program: Program | None
    exercises: tuple[ExerciseAdherence, ...]
    days: tuple[DayCount, ...]
    pain: tuple[PainPoint, ...]
    psfs: PsfsSummary = field(default_factory=lambda: PsfsSummary(()))

    @property
    def day_count(self) -> int:
        return (self.end - self.start).days + 1


def _local_midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=tz)


def prescribed_times(times_per_day: int, days_per_week: int, days: int) -> int:
    """Sessions prescribed over ``days`` days (rounded to the nearest whole one)."""
    return round(times_per_day * days_per_week * max(0, days) / 7)


def build_report(journal: Journal, program: Program | None, now: datetime, tz: tzinfo,
                 since: date | None = None) -> AdherenceReport:
    today = now.astimezone(tz).date()
    if since is None:
        since = program.start if program is not None else today - timedelta(
            days=DEFAULT_DAYS - 1)
    since = min(since, today)
    start_dt = _local_midnight(since, tz)
    end_dt = _local_midnight(today + timedelta(days=1), tz)
    breaks = journal.breaks_between(start_dt, end_dt)
    home = journal.home_sessions_between(start_dt, end_dt)
    per_day: dict[date, dict[str, int]] = {
        since + timedelta(days=i): {} for i in range((today - since).days + 1)}
    done_by_exercise: dict[str, int] = {}
    for record in breaks:
        day = record.ended_at.astimezone(tz).date()
        counts = per_day.setdefault(day, {})
        if record.id in home:
            if record.outcome in (Outcome.DONE, Outcome.PARTIAL):
                counts["home_sessions"] = counts.get("home_sessions", 0) + 1
        else:
            counts[record.outcome.value] = counts.get(record.outcome.value, 0) + 1
        done_here = {s.exercise_id for s in record.steps if s.status is StepStatus.DONE}
        for exercise_id in done_here:
            done_by_exercise[exercise_id] = done_by_exercise.get(exercise_id, 0) + 1
    exercises: list[ExerciseAdherence] = []
    if program is not None:
        first = max(since, program.start)
        days_on = (today - first).days + 1 if first <= today else 0
        for p in program.prescriptions:
            exercises.append(ExerciseAdherence(
                p.exercise.id, p.exercise.name,
                prescribed_times(p.times_per_day, p.days_per_week, days_on),
                done_by_exercise.get(p.exercise.id, 0)))
    days = tuple(DayCount(day, **counts) for day, counts in sorted(per_day.items()))
    pain = tuple(PainPoint(p.at.astimezone(tz), p.rating, p.note)
                 for p in journal.pain_between(start_dt, end_dt))
    return AdherenceReport(since, today, now.astimezone(tz), program, tuple(exercises), days,
                           pain, psfs_summary(journal, program, since, end_dt, tz))


def psfs_summary(journal: Journal, program: Program | None, since: date, end: datetime,
                 tz: tzinfo) -> PsfsSummary:
    """The activity ratings from the program's start (else ``since``) up to ``end``: the
    first rating is the baseline the change is measured from."""
    from .journal.psfs import psfs_since

    first = program.start if program is not None else since
    activities = program.outcomes.psfs if program is not None and program.outcomes else ()
    return summarize(psfs_since(journal, start_of(min(first, since), tz), end), activities)


def to_csv(report: AdherenceReport) -> str:
    """The report as CSV: three tables (exercises, days, pain), each with its header row."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    title = report.program.title if report.program else "no active home program"
    w.writerow(["posture-coach adherence report", title, report.start.isoformat(),
                report.end.isoformat()])
    w.writerow([])
    w.writerow(["exercise", "name", "prescribed", "done", "percent"])
    for e in report.exercises:
        w.writerow([e.exercise_id, e.name, e.prescribed, e.done,
                    "" if e.percent is None else e.percent])
    w.writerow([])
    w.writerow(["day", "breaks_done", "breaks_partial", "breaks_skipped", "breaks_snoozed",
                "natural_breaks", "home_sessions"])
    for d in report.days:
        w.writerow([d.day.isoformat(), d.done, d.partial, d.skipped, d.snoozed, d.natural,
                    d.home_sessions])
    w.writerow([])
    w.writerow(["time", "pain_0_10", "note"])
    for p in report.pain:
        w.writerow([p.at.isoformat(timespec="minutes"), p.rating, p.note or ""])
    if report.psfs:
        w.writerow([])
        w.writerow(["psfs_activity", "first", "first_at", "latest", "latest_at", "change",
                    "ratings"])
        for a in report.psfs.activities:
            w.writerow([a.activity, a.first, a.first_at.astimezone(tz_of(report)).date(),
                        a.latest, a.latest_at.astimezone(tz_of(report)).date(), a.change,
                        a.count])
        first, latest, change = (report.psfs.average_first, report.psfs.average_latest,
                                 report.psfs.average_change)
        if first is not None and latest is not None and change is not None:
            w.writerow(["average", f"{first:.1f}", "", f"{latest:.1f}", "", f"{change:+.1f}",
                        ""])
        w.writerow(["mcid_reference", "about 2 points (average), about 3 (one activity); "
                    "Stratford et al. 1995, Physiotherapy Canada; a reference, not a "
                    "diagnosis"])
    return out.getvalue()


def tz_of(report: AdherenceReport) -> tzinfo:
    tz = report.generated_at.tzinfo
    assert tz is not None
    return tz
