"""Export (CSV, JSON, date ranges), import (merge without duplicates, refusal of bad files
with the journal untouched), a lossless round trip, private files, and the CLI."""

from __future__ import annotations

import csv
import io
import json
import stat
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posture_coach import cli
from posture_coach.core import exchange
from posture_coach.core.clock import FakeClock
from posture_coach.core.datafiles import journal_path
from posture_coach.core.exchange import ExchangeError
from posture_coach.core.journal import Journal, Outcome, StepRecord, StepStatus
from posture_coach.core.journal.psfs import psfs_since, record_psfs

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 10, 18, 0, tzinfo=BERLIN)


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=BERLIN)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal.open(tmp_path / "data" / "journal.sqlite3", FakeClock(NOW)) as j:
        yield j


def fill(journal: Journal) -> None:
    d1, d2 = date(2026, 3, 9), date(2026, 3, 10)
    steps = (StepRecord(0, "chin-tuck", StepStatus.DONE, 30.5),
             StepRecord(1, "doorway-stretch", StepStatus.SKIPPED, 0))
    b = journal.record_break(planned_at=at(d1, 9, 45), started_at=at(d1, 9, 46),
                             ended_at=at(d1, 9, 50), routine_id="desk-reset",
                             outcome=Outcome.PARTIAL, steps=steps)
    journal.record_break(planned_at=None, started_at=at(d2, 11), ended_at=at(d2, 11, 1),
                         routine_id=None, outcome=Outcome.SNOOZED,
                         snooze_until=at(d2, 11, 10))
    journal.record_pain(at=at(d1, 9, 51), rating=4, note='stiff, "upper"', break_id=b)
    journal.record_pain(at=at(d2, 20), rating=7, sleep=True)
    journal.record_thermal(mode="ice", started_at=at(d2, 12), ended_at=at(d2, 12, 15),
                           planned_minutes=15, completed=True)
    journal.start_pause("user", at(d2, 14))
    record_psfs(journal, at(d1, 8), [("Lifting my toddler", 3), ("Driving 30 min", 5)])
    record_psfs(journal, at(d2, 19), [("Lifting my toddler", 6)])


def without_stamp(data: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in data.items() if k != "exported_at"}


def test_json_round_trip_and_merge_without_duplicates(journal: Journal,
                                                      tmp_path: Path) -> None:
    fill(journal)
    out = tmp_path / "export.json"
    exchange.export_file(journal, out, "json", BERLIN, NOW)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = json.loads(out.read_text())
    assert len(data["breaks"]) == 2 and data["breaks"][0]["steps"][0]["seconds"] == 30.5
    assert data["pain"][0]["break_started_at"] == data["breaks"][0]["started_at"]
    with Journal.open(tmp_path / "other.sqlite3", FakeClock(NOW)) as other:
        first = exchange.import_file(other, out, NOW)
        assert first.added == {"breaks": 2, "pauses": 1, "thermal_sessions": 1, "pain": 2,
                               "psfs": 3}
        again = exchange.import_file(other, out, NOW)
        assert sum(again.added.values()) == 0 and again.skipped["breaks"] == 2
        assert again.skipped["psfs"] == 3 and len(psfs_since(other)) == 3
        assert "3 activity ratings added" in first.summary()
        assert "0 activity ratings added, 3 already there" in again.summary()
        assert without_stamp(exchange.export_data(other, BERLIN, NOW)) == without_stamp(data)
        assert other.last_pain() is not None and other.last_pain().sleep  # type: ignore


def test_since_until_are_local_days(journal: Journal) -> None:
    fill(journal)
    data = exchange.export_data(journal, BERLIN, NOW, since=date(2026, 3, 10),
                                until=date(2026, 3, 10))
    assert [b["outcome"] for b in data["breaks"]] == ["snoozed"]
    assert [p["rating"] for p in data["pain"]] == [7]
    data = exchange.export_data(journal, BERLIN, NOW, until=date(2026, 3, 9))
    assert [b["outcome"] for b in data["breaks"]] == ["partial"]
    assert data["pauses"] == [] and data["thermal_sessions"] == []


def test_csv_has_one_row_per_record_in_local_time(journal: Journal) -> None:
    fill(journal)
    rows = list(csv.DictReader(io.StringIO(exchange.export_csv(journal, BERLIN))))
    assert [r["record"] for r in rows] == ["break", "break", "pause", "ice-heat", "pain",
                                           "pain", "psfs", "psfs", "psfs"]
    assert [(r["date"], r["activity"], r["rating"]) for r in rows[6:]] == [
        ("2026-03-09", "Lifting my toddler", "3"), ("2026-03-09", "Driving 30 min", "5"),
        ("2026-03-10", "Lifting my toddler", "6")]
    assert rows[6]["start"] == "2026-03-09T08:00:00+01:00" and rows[0]["activity"] == ""
    assert rows[0]["end"] == "2026-03-09T09:50:00+01:00" and rows[0]["date"] == "2026-03-09"
    assert rows[0]["planned_at"] == "2026-03-09T09:45:00+01:00"
    assert rows[0]["exercises_done"] == "chin-tuck"
    assert rows[0]["exercises_skipped"] == "doorway-stretch"
    assert rows[0]["exercise_seconds"] == "30.5" and rows[1]["exercises_done"] == ""
    assert rows[4]["note"] == 'stiff, "upper"' and rows[5]["sleep"] == "yes"


@pytest.mark.parametrize("zone", ["Europe/Berlin", "Asia/Kolkata", "America/St_Johns",
                                  "Australia/Lord_Howe", "UTC"])
def test_csv_local_times_match_a_plain_conversion(tmp_path: Path, zone: str) -> None:
    tz = ZoneInfo(zone)
    with Journal.open(tmp_path / "j.sqlite3", FakeClock(NOW)) as j:
        moments = [datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=37 * i)
                   for i in range(0, 365 * 24 * 60 // 37, 97)]
        for m in moments:
            j.record_pain(at=m, rating=1)
        rows = list(csv.DictReader(io.StringIO(exchange.export_csv(j, tz))))
    assert [r["start"] for r in rows] == [
        m.astimezone(tz).isoformat(timespec="seconds") for m in moments]


@pytest.mark.parametrize("text, expected", [
    ("{not json", "bad.json:1:2: not valid JSON"),
    ('{"format": "other"}', "bad.json: format: is not a posture-coach export"),
    ('{"format": "posture-coach-journal", "version": 9}', "version: is 9"),
    ('{"format": "posture-coach-journal", "version": 1, "breaks": [{"started_at":'
     ' "2026-03-01T09:00:00+00:00", "ended_at": "2026-03-01T08:00:00+00:00",'
     ' "outcome": "done"}, {"started_at": "yesterday", "ended_at":'
     ' "2026-03-01T09:00:00+00:00", "outcome": "great"}]}',
     "breaks[0].ended_at: is before started_at"),
    ('{"format": "posture-coach-journal", "version": 1, "pain": [{"at":'
     ' "2026-03-01T09:00:00", "rating": 11}]}', "pain[0].at: '2026-03-01T09:00:00' has no"),
    ('{"format": "posture-coach-journal", "version": 1, "psfs": [{"at":'
     ' "2026-03-01T09:00:00+00:00", "activity": "Driving", "rating": 11}]}',
     "psfs[0].rating: must be a whole number from 0 to 10, got 11"),
    ('{"format": "posture-coach-journal", "version": 1, "psfs": [{"at":'
     ' "2026-03-01T09:00:00+00:00", "activity": "", "rating": 4}]}',
     "psfs[0].activity: must be text"),
    ('{"format": "posture-coach-journal", "version": 1, "psfs": [{"at":'
     ' "2026-03-01T09:00:00+00:00", "activity": "' + "x" * 201 + '", "rating": 4}]}',
     "psfs[0].activity: is longer than 200 characters"),
])
def test_bad_import_is_refused_with_a_location_and_nothing_changes(
        journal: Journal, tmp_path: Path, text: str, expected: str) -> None:
    fill(journal)
    before = exchange.export_data(journal, BERLIN, NOW)
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    with pytest.raises(ExchangeError) as err:
        exchange.import_data(journal, exchange.read_export(bad), NOW, "bad.json") \
            if not text.startswith("{not") else exchange.import_file(journal, bad, NOW)
    assert expected in str(err.value).replace(str(tmp_path / "bad.json"), "bad.json")
    assert "nothing was imported" in str(err.value).lower()
    assert exchange.export_data(journal, BERLIN, NOW) == before


def test_a_file_with_good_and_bad_rows_imports_nothing(journal: Journal) -> None:
    data = {"format": "posture-coach-journal", "version": 1,
            "breaks": [{"started_at": "2026-03-01T09:00:00+00:00",
                        "ended_at": "2026-03-01T09:02:00+00:00", "outcome": "done"}],
            "pain": [{"at": "2026-03-01T09:00:00+00:00", "rating": 11}]}
    with pytest.raises(ExchangeError, match=r"pain\[0\]\.rating: must be a whole number"):
        exchange.import_data(journal, data, NOW)
    assert journal.last_break() is None


plain = st.characters(blacklist_characters="\x00")  # NUL is refused (tested below)
iso = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1),
                   timezones=st.just(UTC))
step_st = st.tuples(st.sampled_from(["chin-tuck", "wall-angel", "x"]),
                    st.sampled_from(list(StepStatus)),
                    st.floats(0, 1e6, allow_nan=False))


@settings(max_examples=30)
@given(st.lists(st.tuples(iso, st.integers(0, 3600), st.sampled_from(list(Outcome)),
                          st.one_of(st.none(), st.text(plain, max_size=8)),
                          st.lists(step_st, max_size=4)), max_size=12),
       st.lists(st.tuples(iso, st.integers(0, 10),
                          st.one_of(st.none(), st.text(plain, max_size=20)),
                          st.booleans(), st.booleans()), max_size=8),
       st.lists(st.tuples(iso, st.sampled_from(["ice", "heat"]), st.integers(1, 20),
                          st.booleans()), max_size=4),
       st.lists(st.tuples(iso, st.lists(st.tuples(st.text(plain, min_size=1, max_size=12),
                                                  st.integers(0, 10)),
                                        min_size=1, max_size=5)), max_size=5))
def test_round_trip_is_lossless(breaks: list, pains: list, thermals: list,
                                psfs: list) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        with Journal.open(Path(tmp) / "a.sqlite3", FakeClock(NOW)) as a:
            for start, secs, outcome, routine, steps in breaks:
                a.record_break(
                    planned_at=None, started_at=start,
                    ended_at=start + timedelta(seconds=secs), routine_id=routine,
                    outcome=outcome,
                    snooze_until=start + timedelta(hours=1)
                    if outcome is Outcome.SNOOZED else None,
                    steps=[StepRecord(i, *s) for i, s in enumerate(steps)])
            for when, value, note, sleep, work in pains:
                a.record_pain(at=when, rating=value, note=note, sleep=sleep, work=work)
            for when, mode, minutes, done in thermals:
                a.record_thermal(mode=mode, started_at=when,
                                 ended_at=when + timedelta(minutes=minutes),
                                 planned_minutes=minutes, completed=done)
            for when, ratings in psfs:
                record_psfs(a, when, ratings)
            text = exchange.export_json(a, BERLIN, NOW)
            with Journal.open(Path(tmp) / "b.sqlite3", FakeClock(NOW)) as b:
                exchange.import_data(b, json.loads(text), NOW)
                exchange.import_data(b, json.loads(text), NOW)  # twice: no duplicates
                again = exchange.export_json(b, BERLIN, NOW)
        original, copy = json.loads(text), json.loads(again)
        # duplicates by natural key collapse into one; otherwise everything is kept
        keys = {(b["started_at"], b["ended_at"], b["outcome"], b["routine_id"])
                for b in original["breaks"]}
        assert len(copy["breaks"]) == len(keys)
        if len(keys) == len(original["breaks"]):
            assert copy["breaks"] == original["breaks"]
        pain_keys = {(p["at"], p["rating"], p["note"]) for p in original["pain"]}
        assert len(copy["pain"]) == len(pain_keys)
        if len(pain_keys) == len(original["pain"]):
            assert [dict(p, break_started_at=None) for p in copy["pain"]] == \
                [dict(p, break_started_at=None) for p in original["pain"]]
        psfs_keys = {(p["at"], p["activity"]) for p in original["psfs"]}
        assert len(copy["psfs"]) == len(psfs_keys)  # imported twice: still once each
        if len(psfs_keys) == len(original["psfs"]):
            assert copy["psfs"] == original["psfs"]


@pytest.mark.parametrize("table, field", [("psfs", "activity"), ("pain", "note"),
                                          ("breaks", "routine_id")])
@pytest.mark.parametrize("text", ["\x00", "Lift\x00ing"])
def test_a_nul_in_a_text_is_refused_with_its_field(tmp_path: Path, table: str, field: str,
                                                   text: str) -> None:
    """SQLite's text functions end a text at U+0000 (its length check passed
    'Lift\\x00ing' and refused '\\x00' with the database's own words): an import names the
    field and imports nothing."""
    at = datetime(2026, 1, 1, tzinfo=UTC)
    with Journal.open(tmp_path / "a.sqlite3", FakeClock(NOW)) as a:
        record_psfs(a, at, [("Lifting", 3)])
        a.record_pain(at=at, rating=3, note="after work")
        a.record_break(planned_at=None, started_at=at, ended_at=at + timedelta(minutes=2),
                       routine_id="desk-reset", outcome=Outcome.DONE, steps=[])
        data = json.loads(exchange.export_json(a, BERLIN, NOW))
    data[table][0][field] = text
    with Journal.open(tmp_path / "b.sqlite3", FakeClock(NOW)) as b:
        with pytest.raises(ExchangeError,
                           match=rf"{table}\[0\]\.{field}: contains a NUL character"):
            exchange.import_data(b, data, NOW)
        assert json.loads(exchange.export_json(b, BERLIN, NOW))[table] == []


def run_cli(tmp_path: Path, *args: str) -> int:
    return cli.main(["--config-dir", str(tmp_path / "config"), "--data-dir",
                     str(tmp_path / "data"), *args])


def test_cli_export_and_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Journal.open(journal_path(tmp_path / "data"), FakeClock(NOW)) as j:
        fill(j)
        # the journal is still open here, as it is while the app runs (WAL)
        assert run_cli(tmp_path, "export", "--format", "json", "--out",
                       str(tmp_path / "e.json")) == 0
        assert run_cli(tmp_path, "export", "--format", "csv", "--since", "2026-03-10",
                       "--out", str(tmp_path / "e.csv")) == 0
        assert "exported to" in capsys.readouterr().out
        assert run_cli(tmp_path, "import", str(tmp_path / "e.json")) == 0
        assert "0 breaks added, 2 already there" in capsys.readouterr().out
    assert stat.S_IMODE((tmp_path / "e.csv").stat().st_mode) == 0o600
    assert "snoozed" in (tmp_path / "e.csv").read_text()
    assert "partial" not in (tmp_path / "e.csv").read_text()
    (tmp_path / "bad.json").write_text("[1, 2")
    assert run_cli(tmp_path, "import", str(tmp_path / "bad.json")) == 1
    assert "bad.json:1:6: not valid JSON" in capsys.readouterr().err
    assert run_cli(tmp_path, "export", "--format", "csv", "--since", "2026-03-11",
                   "--until", "2026-03-01", "--out", str(tmp_path / "x.csv")) == 2
    with pytest.raises(SystemExit):
        run_cli(tmp_path, "export", "--format", "csv", "--since", "March", "--out", "x")
    assert "is not a date like" in capsys.readouterr().err


def test_cli_export_without_a_journal(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(tmp_path, "export", "--format", "csv", "--out",
                   str(tmp_path / "e.csv")) == 1
    assert "no journal" in capsys.readouterr().err
    assert not (tmp_path / "data" / "journal.sqlite3").exists()


def test_export_and_import_commands_do_not_load_qt(tmp_path: Path) -> None:
    import subprocess
    import sys

    with Journal.open(journal_path(tmp_path / "data"), FakeClock(NOW)) as j:
        fill(j)
    code = (
        "import sys\n"
        "from posture_coach import cli\n"
        f"args = ['--data-dir', {str(tmp_path / 'data')!r}]\n"
        f"assert cli.main(args + ['export', '--format', 'json', '--out', "
        f"{str(tmp_path / 'e.json')!r}]) == 0\n"
        f"assert cli.main(args + ['import', {str(tmp_path / 'e.json')!r}]) == 0\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt loaded'\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert "0 breaks added, 2 already there" in done.stdout


def test_a_failure_inside_the_import_rolls_everything_back(journal: Journal) -> None:
    # the database itself refuses the last row (a trigger stands in for a full disk or a
    # constraint): the breaks already inserted in the same transaction go too
    journal._db.execute("CREATE TRIGGER no_pain BEFORE INSERT ON pain "
                        "BEGIN SELECT RAISE(ABORT, 'refused'); END")
    data = {"format": "posture-coach-journal", "version": 1,
            "breaks": [{"started_at": "2026-03-01T09:00:00+00:00",
                        "ended_at": "2026-03-01T09:02:00+00:00", "outcome": "done",
                        "steps": [{"position": 0, "exercise_id": "chin-tuck",
                                   "status": "done", "seconds": 30}]}],
            "pain": [{"at": "2026-03-01T09:03:00+00:00", "rating": 4}]}
    with pytest.raises(ExchangeError, match="nothing was imported"):
        exchange.import_data(journal, data, NOW)
    assert journal._db.execute("SELECT count(*) FROM breaks").fetchall() == [(0,)]
    assert journal._db.execute("SELECT count(*) FROM steps").fetchall() == [(0,)]


def test_cli_export_to_standard_output_and_options_after_the_command(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 18: ``export`` without ``--out`` (or ``--out -``) writes to stdout, and the
    global options work after the command too."""
    import json

    with Journal.open(journal_path(tmp_path / "data"), FakeClock(NOW)) as j:
        fill(j)
    assert cli.main(["export", "--format", "json", "--data-dir", str(tmp_path / "data"),
                     "--config-dir", str(tmp_path / "config")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["breaks"]) == 2
    assert run_cli(tmp_path, "export", "--format", "csv", "--out", "-") == 0
    assert "snoozed" in capsys.readouterr().out
