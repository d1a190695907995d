"""The fast CSV export (local times made from the stored UTC text, break lines made
without the csv writer) and the JSON export write exactly what main's code wrote
(2026-12-03, 0affe57): its time conversion, its CSV rows and its JSON lines are kept
here as the reference."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posture_coach.core import exchange
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal, Outcome, StepRecord, StepStatus, questions
from posture_coach.core.journal.psfs import psfs_between, record_psfs

UTC = timezone.utc
ZONES = ("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
         "Pacific/Chatham", "UTC")
NOW = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


# --------------------------------------------------------------------------- reference

class OldLocalText:
    """main's ``exchange._LocalText`` (0affe57), unchanged."""

    def __init__(self, tz: tzinfo):
        self.tz = tz
        self.hours: dict[str, tuple[str, str] | None] = {}

    def hour(self, hour: str) -> tuple[str, str] | None:
        local = datetime.fromisoformat(hour + ":00:00+00:00").astimezone(self.tz)
        offset = local.utcoffset()
        whole = offset is not None and offset.total_seconds() % 3600 == 0
        found = (local.isoformat(timespec="hours")[:13], local.isoformat()[19:]) \
            if whole else None
        self.hours[hour] = found
        return found

    def __call__(self, text: str | None) -> str:
        if not text:
            return ""
        hour = text[:13]
        found = self.hours[hour] if hour in self.hours else self.hour(hour)
        if found is None:
            return datetime.fromisoformat(text).astimezone(self.tz).isoformat(
                timespec="seconds")
        return found[0] + text[13:19] + found[1]


def plain(text: str, tz: tzinfo) -> str:
    return datetime.fromisoformat(text).astimezone(tz).isoformat(timespec="seconds")


def old_csv_rows(journal: Journal, tz: tzinfo, since: date | None,
                 until: date | None) -> Iterator[tuple[object, ...]]:
    """main's ``exchange._csv_rows`` (0affe57), unchanged."""
    low, high = exchange._bounds(since, until, tz)
    local = OldLocalText(tz)
    steps = {row[0]: row for row in questions.step_summaries(
        journal, low, high, everything=since is None and until is None)}
    none = (None, "", "", "")
    hours = local.hours
    empty = ("",) * 10
    for break_id, planned, start, end, routine, outcome in questions.breaks_between(
            journal, low, high, full=False):
        _id, done, skipped, seconds = steps.get(break_id, none)
        hour = end[:13]
        found = hours[hour] if hour in hours else local.hour(hour)
        end_local = found[0] + end[13:19] + found[1] if found else local(end)
        yield ("break", end_local[:10], local(start), end_local,
               local(planned) if planned else "", routine or "", outcome, done or "",
               skipped or "", seconds, *empty)
    for reason, start, until_, end in questions.pauses_between(journal, low, high):
        start_local = local(start)
        yield ("pause", start_local[:10], start_local, local(end), "", "", "", "", "", "",
               "", "", "", "", "", "", "", reason, local(until_), "")
    for mode, start, end, minutes, completed, _created in questions.thermal_between(
            journal, low, high):
        end_local = local(end)
        yield ("ice-heat", end_local[:10], local(start), end_local, "", "", "", "", "", "",
               mode, minutes, "yes" if completed else "no", "", "", "", "", "", "", "")
    for at, rating, note, sleep, work, _started, _created in questions.pain_between(
            journal, low, high):
        at_local = local(at)
        yield ("pain", at_local[:10], at_local, "", "", "", "", "", "", "", "", "", "",
               rating, note or "", "yes" if sleep else "no", "yes" if work else "no", "", "",
               "")
    for at, activity, rating, _created in psfs_between(journal, low, high):
        at_local = local(at)
        yield ("psfs", at_local[:10], at_local, "", "", "", "", "", "", "", "", "", "",
               rating, "", "", "", "", "", activity)


def old_export_csv(journal: Journal, tz: tzinfo, since: date | None = None,
                   until: date | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(exchange.CSV_COLUMNS)
    writer.writerows(old_csv_rows(journal, tz, since, until))
    return out.getvalue()


def old_export_json(journal: Journal, tz: tzinfo, now: datetime, since: date | None = None,
                    until: date | None = None) -> str:
    """main's ``exchange.export_json`` (0affe57): ``json.dumps`` for each row."""
    data = exchange.export_data(journal, tz, now, since, until)
    lines = ["{"]
    for key in ("format", "version", "exported_at", "since", "until"):
        lines.append(f" {json.dumps(key)}: {json.dumps(data[key])},")
    tables = exchange.TABLES
    for n, key in enumerate(tables):
        rows = data[key]
        end = "," if n < len(tables) - 1 else ""
        if not rows:
            lines.append(f" {json.dumps(key)}: []{end}")
            continue
        lines.append(f" {json.dumps(key)}: [")
        lines.append(",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in rows))
        lines.append(f" ]{end}")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- times

def stored(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


SHARED = {name: exchange._LocalText(ZoneInfo(name)) for name in ZONES}
"""One converter a zone for every example: its caches carry over, as in one export."""

instants = st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2200, 12, 31, 23,
                                                                             59, 59, 999999))


@settings(max_examples=1500, deadline=None)
@given(name=st.sampled_from(ZONES), moment=instants)
def test_local_text_equals_main_and_a_plain_conversion(name: str, moment: datetime) -> None:
    tz = ZoneInfo(name)
    text = stored(moment.replace(tzinfo=UTC))
    expected = OldLocalText(tz)(text)
    assert expected == plain(text, tz)
    assert exchange._LocalText(tz)(text) == expected
    assert SHARED[name](text) == expected


@settings(max_examples=600, deadline=None)
@given(name=st.sampled_from((*ZONES, "Europe/London", "Europe/Amsterdam", "Asia/Shanghai")),
       moment=st.datetimes(min_value=datetime(1800, 1, 1), max_value=datetime(1970, 1, 1)))
def test_local_text_before_1970_is_a_plain_conversion(name: str, moment: datetime) -> None:
    """Before 1970 (local mean times, wartime double summer time, offsets with seconds)
    the day rule is not trusted: hour by hour, which is always the plain conversion."""
    tz = ZoneInfo(name)
    text = stored(moment.replace(tzinfo=UTC))
    assert exchange._LocalText(tz)(text) == plain(text, tz)
    assert SHARED.setdefault(name, exchange._LocalText(tz))(text) == plain(text, tz)


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(ZONES), year=st.integers(1970, 2200),
       day=st.integers(0, 365), minutes=st.lists(st.integers(0, 3 * 1440 - 1), min_size=1,
                                                 max_size=40))
def test_local_text_over_days_with_many_times(name: str, year: int, day: int,
                                              minutes: list[int]) -> None:
    """Many times of a few days in a row through one converter (the day, hour and
    minute caches filled in any order)."""
    tz = ZoneInfo(name)
    start = datetime(year, 1, 1, tzinfo=UTC) + timedelta(days=day)
    local = exchange._LocalText(tz)
    for m in minutes:
        text = stored(start + timedelta(minutes=m, seconds=m % 60, microseconds=m * 7))
        assert local(text) == plain(text, tz)


def changes(tz: tzinfo, first: int, last: int) -> Iterator[datetime]:
    """Every instant from year ``first`` to ``last`` at which ``tz``'s offset changes
    (found day by day, then to the second by bisection)."""
    day = datetime(first, 1, 1, tzinfo=UTC)
    end = datetime(last + 1, 1, 1, tzinfo=UTC)
    before = day.astimezone(tz).utcoffset()
    while day < end:
        after = (day + timedelta(days=1)).astimezone(tz).utcoffset()
        if after != before:
            low, high = day, day + timedelta(days=1)  # offset(low) == before != offset(high)
            while high - low > timedelta(seconds=1):
                mid = low + (high - low) / 2
                if mid.astimezone(tz).utcoffset() == before:
                    low = mid
                else:
                    high = mid
            yield high.replace(microsecond=0)
        before = after
        day += timedelta(days=1)


@pytest.mark.parametrize("name", ZONES)
def test_local_text_at_every_offset_change_1970_to_2200(name: str) -> None:
    tz = ZoneInfo(name)
    local = exchange._LocalText(tz)
    found = list(changes(tz, 1970, 2200))
    if name not in ("UTC", "Asia/Kolkata"):
        assert len(found) > 300, found[:5]  # twice a year for most of 231 years
    near = (timedelta(0), timedelta(microseconds=-1), timedelta(seconds=-1),
            timedelta(minutes=-1), timedelta(minutes=1), timedelta(minutes=-30),
            timedelta(minutes=30), timedelta(minutes=-59, seconds=-59), timedelta(hours=1),
            timedelta(hours=-1), timedelta(hours=-12), timedelta(hours=12))
    for change in found:
        for shift in near:
            text = stored(change + shift)
            assert local(text) == plain(text, tz) == OldLocalText(tz)(text), text
            assert exchange._LocalText(tz)(text) == plain(text, tz), text


@pytest.mark.parametrize("name", ZONES)
@pytest.mark.parametrize("text", ["0001-01-01T00:00:00.000000+00:00",
                                  "0001-01-01T12:34:56.000001+00:00",
                                  "1900-06-01T03:04:05.000000+00:00",
                                  "9999-12-31T11:59:59.999999+00:00",
                                  "9999-12-31T23:59:59.999999+00:00"])
def test_local_text_at_extreme_dates_as_main(name: str, text: str) -> None:
    """Near years 1 and 9999 (and in local mean time, 1900) the same text as main, or
    the same error where the local time is outside what datetime holds."""
    tz = ZoneInfo(name)

    def outcome(convert: Any) -> str:
        try:
            return str(convert(text))
        except OverflowError:
            return "OverflowError"

    assert outcome(exchange._LocalText(tz)) == outcome(OldLocalText(tz)) \
        == outcome(lambda t: plain(t, tz))


# --------------------------------------------------------------------------- whole files

NOTES = ('stiff, "upper" back', "line one\nline two", "carriage\rreturn", "Nacken–Schmerz, ü",
         "“quoted”, 🙂", '"', ",", "", "plain", "tab\there", "\n", '", \n "')


def filled(path: Path, tz: tzinfo) -> Journal:
    """A journal with a few hundred breaks over two years' DST changes (every 5 days,
    at varied times, some on the change days themselves), their steps (or none), pain
    ratings with awkward notes, pauses, ice/heat sessions and activity ratings."""
    clock = FakeClock(datetime(2024, 1, 1, tzinfo=UTC))
    journal = Journal.open(path, clock)
    days = [datetime(2024, 1, 1, tzinfo=UTC) + timedelta(days=5 * i) for i in range(146)]
    days += [datetime(y, m, d, tzinfo=UTC) for y in (2024, 2025)
             for m, d in ((3, 31), (10, 27), (3, 30), (10, 26), (3, 10), (11, 3), (4, 7),
                          (4, 6), (9, 29), (9, 28))]
    routines = ("desk-reset", None, "stand-and-move", 'odd, "routine"\nid')
    for i, day in enumerate(days):
        start = day + timedelta(minutes=(i * 97) % 1440, seconds=i % 60,
                                microseconds=i * 1013)
        end = start + timedelta(minutes=2, seconds=i % 7)
        outcome = list(Outcome)[i % len(Outcome)]
        steps: tuple[StepRecord, ...] = ()
        if i % 4:
            steps = tuple(StepRecord(k, ("chin-tuck", "doorway, stretch", "rolls")[k % 3],
                                     StepStatus.DONE if (i + k) % 3 else StepStatus.SKIPPED,
                                     (30.5, 0.0, 12.25, 7.1)[(i + k) % 4])
                          for k in range(i % 5))
        journal.record_break(planned_at=None if i % 6 == 0 else start - timedelta(minutes=3),
                             started_at=start, ended_at=end, routine_id=routines[i % 4],
                             outcome=outcome, steps=steps,
                             snooze_until=end + timedelta(minutes=10)
                             if outcome is Outcome.SNOOZED else None)
        if i % 3 == 0:
            journal.record_pain(at=end + timedelta(minutes=1), rating=i % 11,
                                note=NOTES[(i // 3) % len(NOTES)] or None, sleep=i % 2 == 0,
                                work=i % 5 == 0)
        if i % 7 == 0:
            journal.record_thermal(mode=("ice", "heat")[i % 2], started_at=start,
                                   ended_at=start + timedelta(minutes=15),
                                   planned_minutes=15, completed=i % 3 != 0)
        if i % 11 == 0:
            clock.jump((start - clock.now()).total_seconds())
            journal.start_pause("user" if i % 2 else "ice", start + timedelta(hours=1)
                                if i % 3 else None)
            journal.end_pauses(start + timedelta(minutes=30))
        if i % 13 == 0:
            record_psfs(journal, end, [("Lifting, \"my\" toddler", i % 11),
                                       ("Fahrrad fahren\n30 min", (i + 3) % 11)])
    return journal


@pytest.mark.parametrize("name", ZONES)
def test_export_files_are_the_same_bytes_as_main(tmp_path: Path, name: str) -> None:
    tz = ZoneInfo(name)
    with filled(tmp_path / "j.sqlite3", tz) as journal:
        assert len(questions.breaks_between(journal, "", "\uffff")) > 150
        for since, until in ((None, None), (date(2024, 3, 30), date(2024, 11, 3)),
                             (None, date(2025, 3, 30)), (date(2025, 10, 26), None)):
            out = tmp_path / "out.csv"
            exchange.export_file(journal, out, "csv", tz, NOW, since, until)
            assert out.read_bytes() == old_export_csv(journal, tz, since, until).encode()
            out = tmp_path / "out.json"
            exchange.export_file(journal, out, "json", tz, NOW, since, until)
            assert out.read_bytes() == old_export_json(journal, tz, NOW, since,
                                                       until).encode()
        text = exchange.export_csv(journal, tz)
        assert '"line one\nline two"' in text and '"odd, ""routine""\nid"' in text


@settings(max_examples=200, deadline=None)
@given(value=st.one_of(st.none(), st.text(max_size=12), st.integers(), st.text(
    alphabet=',"\n\r \t;a\x00\u2028\x1e', max_size=8)))
def test_csv_field_is_what_the_csv_module_writes(value: str | int | None) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(("x", value, "y"))
    assert out.getvalue() == f"x,{exchange._CsvText()[value]},y\n"
