"""The clinician's report figures, from a journal written with a fake clock."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posture_coach.core import paths
from posture_coach.core.adherence import build_report, prescribed_times, to_csv
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal, Outcome, StepRecord, StepStatus
from posture_coach.core.library import load_library_file
from posture_coach.core.program import Program, load_program
from tests.program_helpers import write_program

TZ = ZoneInfo("Europe/Berlin")
START = datetime(2026, 11, 23, 0, 0, tzinfo=TZ)  # the docs example's start day


@pytest.fixture
def program(tmp_path: Path) -> Program:
    return load_program(write_program(tmp_path / "p"),
                        load_library_file(paths.bundled_library()))


def step(position: int, exercise: str, status: StepStatus = StepStatus.DONE) -> StepRecord:
    return StepRecord(position, exercise, status, 30.0)


def test_report_counts(tmp_path: Path, program: Program) -> None:
    clock = FakeClock(START + timedelta(days=6, hours=20))  # Sunday evening: 7 days
    with Journal.open(tmp_path / "j.sqlite3", clock) as j:
        day1 = START + timedelta(hours=10)
        j.record_break(planned_at=day1, started_at=day1, ended_at=day1 + timedelta(minutes=2),
                       routine_id="program-desk-break", outcome=Outcome.DONE,
                       steps=[step(0, "chin-tuck"), step(1, "doorway-chest-stretch")])
        j.record_break(planned_at=None, started_at=day1 + timedelta(hours=1),
                       ended_at=day1 + timedelta(hours=1, minutes=1),
                       routine_id="program-desk-break", outcome=Outcome.PARTIAL,
                       steps=[step(0, "chin-tuck"),
                              step(1, "doorway-chest-stretch", StepStatus.SKIPPED)])
        j.record_break(planned_at=None, started_at=day1 + timedelta(hours=2),
                       ended_at=day1 + timedelta(hours=2), routine_id=None,
                       outcome=Outcome.SKIPPED)
        evening = START + timedelta(days=1, hours=19)
        j.record_break(planned_at=evening, started_at=evening,
                       ended_at=evening + timedelta(minutes=8), routine_id="program-evening",
                       outcome=Outcome.DONE, home_session="evening",
                       steps=[step(0, "rib-breathing"), step(1, "towel-wall-slide"),
                              step(2, "doorway-chest-stretch")])
        j.record_pain(at=day1 + timedelta(minutes=3), rating=5, note="stiff, <b>sore</b>")
        j.record_pain(at=evening + timedelta(minutes=9), rating=3)
        j.record_pain(at=START - timedelta(days=3), rating=9)  # before the period
        report = build_report(j, program, clock.now(), TZ)
    assert (report.start, report.end, report.day_count) == \
        (date(2026, 11, 23), date(2026, 11, 29), 7)
    by_id = {e.exercise_id: e for e in report.exercises}
    assert (by_id["chin-tuck"].prescribed, by_id["chin-tuck"].done) == (15, 2)
    assert (by_id["doorway-chest-stretch"].prescribed,
            by_id["doorway-chest-stretch"].done) == (14, 2)
    assert by_id["towel-wall-slide"].prescribed == 4 and by_id["towel-wall-slide"].done == 1
    assert by_id["chin-tuck"].percent == 13
    first, second = report.days[0], report.days[1]
    assert (first.done, first.partial, first.skipped, first.home_sessions) == (1, 1, 1, 0)
    assert (second.done, second.home_sessions) == (0, 1)
    assert len(report.days) == 7
    assert [(p.rating, p.note) for p in report.pain] == [(5, "stiff, <b>sore</b>"), (3, None)]
    rows = list(csv.reader(io.StringIO(to_csv(report))))
    assert ["chin-tuck", "Chin tucks", "15", "2", "13"] in rows
    assert ["2026-11-24", "0", "0", "0", "0", "0", "1"] in rows
    assert ["2026-11-23T10:03+01:00", "5", "stiff, <b>sore</b>"] in rows


def test_report_without_program_covers_28_days(tmp_path: Path) -> None:
    clock = FakeClock(START)
    with Journal.open(tmp_path / "j.sqlite3", clock) as j:
        report = build_report(j, None, clock.now(), TZ)
    assert report.day_count == 28 and report.exercises == () and report.pain == ()
    assert "no active home program" in to_csv(report)


def test_since_before_program_start_counts_from_the_start(tmp_path: Path,
                                                          program: Program) -> None:
    clock = FakeClock(START + timedelta(days=1, hours=12))
    with Journal.open(tmp_path / "j.sqlite3", clock) as j:
        report = build_report(j, program, clock.now(), TZ, since=date(2026, 11, 1))
    assert report.start == date(2026, 11, 1)
    assert {e.exercise_id: e.prescribed for e in report.exercises}["chin-tuck"] == \
        prescribed_times(3, 5, 2)


@given(st.integers(1, 20), st.integers(1, 7), st.integers(0, 400))
def test_prescribed_times_grow_with_days(times: int, days_per_week: int, days: int) -> None:
    now = prescribed_times(times, days_per_week, days)
    assert now <= prescribed_times(times, days_per_week, days + 1)
    assert prescribed_times(times, days_per_week, 7) == times * days_per_week
    assert abs(now - times * days_per_week * days / 7) <= 0.5
