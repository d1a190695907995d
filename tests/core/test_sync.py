"""Sync through a folder (issue 19): the merge's properties, what sync engines do to the
files, untrusted files, encryption, the migration that gives records stable ids, the CLI."""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posture_coach.core import sync
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal, Outcome, StepRecord, StepStatus, sync_rows
from posture_coach.core.journal import schema as journal_schema
from posture_coach.core.sync import folder as fs
from posture_coach.core.sync.records import BadRecord, decode, encode

UTC = timezone.utc
T0 = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)


def contents(journal: Journal) -> list[str]:
    """Every synced record of a journal, as its stable line: equal lists, equal journals."""
    return sorted(encode(k, u, d) for k, u, d in sync_rows.export(journal))


def record_some(journal: Journal, start: datetime, n: int = 1) -> None:
    for i in range(n):
        at = start + timedelta(hours=i)
        bid = journal.record_break(
            planned_at=at, started_at=at, ended_at=at + timedelta(minutes=2),
            routine_id="desk-reset", outcome=Outcome.DONE,
            steps=[StepRecord(0, "chin-tuck", StepStatus.DONE, 30.0),
                   StepRecord(1, "doorway-stretch", StepStatus.SKIPPED, 0.0)],
            home_session="morning" if i % 2 else None)
        journal.record_pain(at=at, rating=i % 11, note="after", break_id=bid, sleep=True)
        journal.record_thermal(mode="ice", started_at=at, ended_at=at + timedelta(minutes=10),
                               planned_minutes=10, completed=True)


class Computer:
    def __init__(self, root: Path, name: str, folder: Path, passphrase: str | None = None):
        self.data = root / name
        self.clock = FakeClock(T0)
        self.journal = Journal.open(self.data / "journal.sqlite3", self.clock)
        self.config = sync.enable(self.data, folder, passphrase)

    def sync(self) -> sync.SyncReport:
        return sync.sync_once(self.journal, self.data, self.config)

    def files(self) -> list[Path]:
        return sorted((fs.app_folder(self.config.folder) / self.config.device).glob("*.jsonl"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "Sync"
    path.mkdir()
    return path


# -- the journal's stable ids (migration 7) ------------------------------------------------


def test_migration_gives_existing_rows_ids_and_new_rows_get_theirs(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    conn = sqlite3.connect(path)
    for number, script in enumerate(journal_schema.MIGRATIONS[:5], start=1):
        conn.executescript(f"BEGIN;{script};PRAGMA user_version={number};COMMIT;")
    for i in range(3):
        conn.execute("INSERT INTO breaks (started_at, ended_at, outcome, created_at)"
                     " VALUES (?, ?, 'done', ?)", (f"2026-01-0{i + 1}T09:00:00.000000+00:00",) * 3)
    conn.commit()
    conn.close()
    with Journal.open(path, FakeClock(T0)) as journal:
        record_some(journal, T0)
        uids = [u for k, u, _ in sync_rows.export(journal) if k == "break"]
    assert len(uids) == 4 and len(set(uids)) == 4
    assert all(len(u) == 32 and int(u, 16) >= 0 for u in uids)
    assert (tmp_path / "journal.sqlite3.bak-v5").exists()


# -- the merge ---------------------------------------------------------------------------------


def test_every_kind_reaches_the_other_computer(tmp_path: Path, folder: Path) -> None:
    a, b = Computer(tmp_path, "a", folder), Computer(tmp_path, "b", folder)
    record_some(a.journal, T0, 3)
    a.journal.start_pause("user", None)
    a.clock.advance(minutes=5)
    a.journal.end_pauses(a.clock.now())
    sync_rows.merge(a.journal, [("psfs", "ab" * 16, {
        "at": "2026-03-04T10:00:00.000000+00:00", "activity": "Lift a bag", "rating": 6,
        "created_at": "2026-03-04T10:00:00.000000+00:00"})])
    assert a.sync().written == 3 * 3 + 2
    report = b.sync()
    assert report.added.added == {"break": 3, "pain": 3, "thermal": 3, "pause": 1, "psfs": 1}
    assert contents(b.journal) == contents(a.journal)
    pain = b.journal.last_pain()
    assert pain is not None and pain.break_id is not None and pain.sleep
    assert list(b.journal.home_sessions_between(T0, T0 + timedelta(days=1)).values()) == [
        "morning"]
    days = b.journal.breaks_between(T0, T0 + timedelta(days=1))
    assert [s.exercise_id for s in days[0].steps] == ["chin-tuck", "doorway-stretch"]


def test_an_open_pause_does_not_travel(tmp_path: Path, folder: Path) -> None:
    a, b = Computer(tmp_path, "a", folder), Computer(tmp_path, "b", folder)
    a.journal.start_pause("idle", None)
    a.sync()
    b.sync()
    assert b.journal.active_pauses(T0 + timedelta(minutes=1)) == []


def test_the_files_are_the_owners_only(tmp_path: Path, folder: Path) -> None:
    a = Computer(tmp_path, "a", folder)
    record_some(a.journal, T0)
    a.sync()
    for path in [*a.files(), fs.app_folder(folder) / a.config.device]:
        assert stat.S_IMODE(os.stat(path).st_mode) & 0o077 == 0
    assert stat.S_IMODE(os.stat(a.data / "sync.json").st_mode) == 0o600


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(counts=st.lists(st.integers(0, 3), min_size=3, max_size=3),
       order=st.lists(st.integers(0, 2), min_size=0, max_size=8),
       duplicate=st.booleans(), conflict=st.booleans())
def test_any_order_and_duplication_converges_without_loss_or_doubling(
        tmp_path_factory: pytest.TempPathFactory, counts: list[int], order: list[int],
        duplicate: bool, conflict: bool) -> None:
    root = tmp_path_factory.mktemp("prop")
    folder = root / "Sync"
    folder.mkdir()
    computers = [Computer(root, f"c{i}", folder) for i in range(3)]
    for i, (computer, n) in enumerate(zip(computers, counts)):
        record_some(computer.journal, T0 + timedelta(days=i), n)
    everyone = sorted(line for c in computers for line in contents(c.journal))
    for i in order:  # some computers sync, in any order, some more than once
        computers[i].sync()
        files = computers[i].files()
        if files and duplicate:  # the engine delivered a file twice, glued together
            raw = files[0].read_bytes()
            files[0].write_bytes(raw + raw)
        if files and conflict:  # and made a conflict copy of it
            copy = files[0].with_name("records-0001.sync-conflict-20260304-090000-ABC.jsonl")
            copy.write_bytes(files[0].read_bytes())
    for _ in range(2):
        for computer in computers:
            computer.sync()
    for computer in computers:
        assert contents(computer.journal) == everyone  # none lost, none doubled
    again = [c.sync() for c in computers]  # idempotent: nothing more to do
    assert all(r.added.total == 0 and r.written == 0 for r in again)
    assert all(contents(c.journal) == everyone for c in computers)


def links(journal: Journal) -> dict[str, str | None]:
    """Each pain rating's break, by stable id, as the journal holds it (its row's link)."""
    return dict(journal._read("SELECT p.uid, b.uid FROM pain p"
                              " LEFT JOIN breaks b ON b.id = p.break_id"))


def _break(i: int) -> tuple[str, str, dict[str, object]]:
    at = (T0 + timedelta(hours=i)).isoformat(timespec="microseconds")
    return "break", f"b{i:031x}", {"started_at": at, "ended_at": at, "created_at": at,
                                   "outcome": "done", "steps": []}


def _pain(i: int, brk: int | None) -> tuple[str, str, dict[str, object]]:
    at = (T0 + timedelta(hours=i, minutes=5)).isoformat(timespec="microseconds")
    return "pain", f"c{i:031x}", {"at": at, "created_at": at, "rating": 3,
                                  "break": None if brk is None else f"b{brk:031x}"}


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), breaks=st.integers(1, 5))
def test_any_order_of_the_files_gives_the_same_pain_links(
        tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, breaks: int) -> None:
    followed = data.draw(st.lists(st.one_of(st.none(), st.integers(0, breaks - 1)),
                                  min_size=1, max_size=6), label="pain after break")
    records = [_break(i) for i in range(breaks)] + [_pain(i, b) for i, b in enumerate(followed)]
    files = data.draw(st.lists(st.integers(0, 3), min_size=len(records),
                               max_size=len(records)), label="file of each record")
    order = data.draw(st.permutations(range(4)), label="order the files are read")
    root = tmp_path_factory.mktemp("links")
    with Journal.open(root / "journal.sqlite3", FakeClock(T0)) as journal:
        for f in order:
            sync_rows.merge(journal, [r for r, at in zip(records, files) if at == f])
        assert links(journal) == {uid: d["break"] for k, uid, d in records if k == "pain"}
        exported = {u: d["break"] for k, u, d in sync_rows.export(journal) if k == "pain"}
        assert exported == links(journal)


def test_a_pain_rating_read_before_its_break_keeps_the_link(tmp_path: Path,
                                                            folder: Path) -> None:
    """A rates the pain after a break that came from B; C reads A's folder first."""
    a, b, c = (Computer(tmp_path, n, folder) for n in "abc")
    for computer, device in ((a, "0" * 16), (b, "f" * 16)):  # A's folder is read first
        computer.config = dataclasses.replace(computer.config, device=device)
    b.journal.record_break(planned_at=None, started_at=T0, ended_at=T0 + timedelta(minutes=2),
                           routine_id="desk-reset", outcome=Outcome.DONE)
    b.sync()
    a.sync()
    brk = a.journal.last_break()
    assert brk is not None
    a.journal.record_pain(at=T0 + timedelta(minutes=3), rating=5, break_id=brk.id)
    a.sync()  # writes only the pain: the break is in B's files
    half = c.sync()  # (a later file of one computer is the same case)
    assert half.added.added["pain"] == 1 and half.added.added["break"] == 1
    pain = c.journal.last_pain()
    mine = c.journal.last_break()
    assert pain is not None and mine is not None and pain.break_id == mine.id
    assert links(c.journal) == links(a.journal)


# -- what sync engines do ------------------------------------------------------------------------


def test_a_half_written_last_line_waits_and_then_merges(tmp_path: Path, folder: Path) -> None:
    a, b = Computer(tmp_path, "a", folder), Computer(tmp_path, "b", folder)
    record_some(a.journal, T0, 2)
    a.sync()
    path = a.files()[0]
    raw = path.read_bytes()
    lines = raw.splitlines(keepends=True)
    cut = b"".join(lines[:-1]) + lines[-1][:20]  # the last line still arriving
    path.write_bytes(cut)
    report = b.sync()
    assert report.pending == 1 and report.problems == []
    assert len(contents(b.journal)) == 5
    path.write_bytes(raw)  # the rest arrived
    assert b.sync().added.total == 1
    assert contents(b.journal) == contents(a.journal)


def test_a_writer_killed_mid_line_starts_a_fresh_line_and_loses_nothing(
        tmp_path: Path, folder: Path) -> None:
    a, b = Computer(tmp_path, "a", folder), Computer(tmp_path, "b", folder)
    record_some(a.journal, T0, 2)
    a.sync()
    path = a.files()[0]
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:-2]) + lines[-2][:30])  # killed in the middle
    report = a.sync()  # restarted: the lost records are written again, on a new line
    assert report.written == 2
    report = b.sync()
    assert len(report.problems) == 1 and ":5:" in report.problems[0]
    assert contents(b.journal) == contents(a.journal)


def test_a_corrupted_line_is_skipped_with_one_message(tmp_path: Path, folder: Path) -> None:
    a, b = Computer(tmp_path, "a", folder), Computer(tmp_path, "b", folder)
    record_some(a.journal, T0, 2)
    a.sync()
    path = a.files()[0]
    lines = path.read_bytes().splitlines(keepends=True)
    assert b'"kind":"pain"' in lines[2]
    lines[2] = lines[2].replace(b'"rating":', b'"rating":"x","r":')
    path.write_bytes(b"".join(lines))
    report = b.sync()
    assert len(report.problems) == 1
    assert f"{path}:3:" in report.problems[0] and "data.rating" in report.problems[0]
    assert len(contents(b.journal)) == 5  # everything else merged


def test_a_deeply_nested_line_is_skipped_with_one_message_even_with_a_known_id(
        tmp_path: Path, folder: Path) -> None:
    """A line whose id the journal holds is only checked to be whole: nesting past the
    parser's depth there too is one message, not a sync that stops."""
    a, b = Computer(tmp_path, "a", folder), Computer(tmp_path, "b", folder)
    record_some(a.journal, T0, 1)
    a.sync()
    b.sync()
    path = a.files()[0]
    uid = path.read_bytes()[13:45].decode()
    deep = '{"v":1,"id":"' + uid + '","x":' + "[" * 30000 + "]" * 30000 + "}"
    with path.open("a") as f:
        f.write(deep + "\n")
    report = b.sync()
    assert len(report.problems) == 1 and f"{path}:4:" in report.problems[0]
    assert contents(b.journal) == contents(a.journal)


def test_conflict_copies_are_read_as_extra_sources(tmp_path: Path, folder: Path) -> None:
    a, b = Computer(tmp_path, "a", folder), Computer(tmp_path, "b", folder)
    record_some(a.journal, T0, 2)
    a.sync()
    path = a.files()[0]
    lines = path.read_bytes().splitlines(keepends=True)
    # Two engines' conflict copies hold records the main file lost.
    path.write_bytes(b"".join(lines[:2]))
    (path.parent / "records-0001.sync-conflict-20260304-101010-7QX3KDA.jsonl").write_bytes(
        b"".join(lines[2:4]))
    (path.parent / "records-0001 (laptop's conflicted copy 2026-03-04).jsonl").write_bytes(
        b"".join(lines[4:]))
    assert b.sync().added.total == 6
    assert contents(b.journal) == contents(a.journal)


def test_a_clock_skewed_computer_and_one_that_is_gone(tmp_path: Path, folder: Path) -> None:
    a, b, c = (Computer(tmp_path, n, folder) for n in "abc")
    record_some(a.journal, T0 + timedelta(days=5 * 365))  # its clock is five years ahead
    a.sync()
    a.journal.close()
    b.sync()
    record_some(c.journal, T0)
    c.sync()
    b.sync()
    assert len(contents(b.journal)) == 6
    assert len(b.sync().devices) == 3


def test_another_zone_offset_is_stored_as_the_journal_keeps_time(folder: Path) -> None:
    line = encode("pain", "cd" * 16, {"at": "2026-03-04T11:00:00+02:00", "rating": 2,
                                      "created_at": "2026-03-04T11:00:00+02:00"})
    data = decode(line)[2]
    assert data["at"] == "2026-03-04T09:00:00.000000+00:00"


@pytest.mark.parametrize("change, field", [
    ({"v": 2}, "v:"), ({"kind": "secret"}, "kind:"), ({"id": "../x"}, "id:"),
    ({"data": {"at": "yesterday", "rating": 1, "created_at": "2026-03-04T09:00:00+00:00"}},
     "data.at"),
    ({"data": {"at": "2026-03-04T09:00:00", "rating": 1,
               "created_at": "2026-03-04T09:00:00+00:00"}}, "no time zone"),
    ({"data": {"at": "2026-03-04T09:00:00+00:00", "rating": 11,
               "created_at": "2026-03-04T09:00:00+00:00"}}, "data.rating"),
    ({"data": {"at": "2026-03-04T09:00:00+00:00", "rating": 1, "note": "sore\x00",
               "created_at": "2026-03-04T09:00:00+00:00"}}, r"data.note: contains a NUL"),
])
def test_bad_records_name_their_field(change: dict[str, object], field: str) -> None:
    obj = {"v": 1, "kind": "pain", "id": "ab" * 16,
           "data": {"at": "2026-03-04T09:00:00+00:00", "rating": 1,
                    "created_at": "2026-03-04T09:00:00+00:00"}} | change
    with pytest.raises(BadRecord, match=field):
        decode(json.dumps(obj))


# -- untrusted files ------------------------------------------------------------------------------


def test_links_fifos_and_huge_files_are_refused_and_the_rest_is_read(
        tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = Computer(tmp_path, "a", folder), Computer(tmp_path, "b", folder)
    record_some(a.journal, T0)
    a.sync()
    mine = a.files()[0].parent
    secret = tmp_path / "secret.jsonl"
    secret.write_text("not yours\n")
    (mine / "link.jsonl").symlink_to(secret)
    os.mkfifo(mine / "pipe.jsonl")
    (fs.app_folder(folder) / "0123456789abcdef").symlink_to(tmp_path)
    monkeypatch.setattr(fs, "MAX_FILE", 1000)
    (mine / "huge.jsonl").write_bytes(b"x" * 2000)
    report = b.sync()  # returns: the FIFO did not block
    text = "\n".join(report.problems)
    assert "link.jsonl" in text and "symbolic link" in text
    assert "pipe.jsonl" in text and "FIFO" in text
    assert "huge.jsonl" in text and "larger than" in text
    assert "0123456789abcdef" in text and "not a folder" in text
    assert len(contents(b.journal)) == 3


def test_the_journal_is_never_in_the_synced_folder(tmp_path: Path) -> None:
    with pytest.raises(sync.SyncError, match="data folder"):
        sync.enable(tmp_path / "data", tmp_path / "data" / "Sync")


# -- encryption --------------------------------------------------------------------------------


def test_an_encrypted_folder_syncs_and_holds_no_plain_health_data(
        tmp_path: Path, folder: Path) -> None:
    a = Computer(tmp_path, "a", folder, "correct horse")
    b = Computer(tmp_path, "b", folder, "correct horse")
    record_some(a.journal, T0, 2)
    a.sync()
    raw = a.files()[0].read_bytes()
    assert b"chin-tuck" not in raw and b"rating" not in raw
    assert b.sync().added.total == 6
    assert contents(b.journal) == contents(a.journal)


def test_a_wrong_passphrase_is_told_and_nothing_is_merged(tmp_path: Path, folder: Path) -> None:
    a = Computer(tmp_path, "a", folder, "correct horse")
    record_some(a.journal, T0)
    a.sync()
    with pytest.raises(sync.SyncError, match="passphrase does not open"):
        sync.enable(tmp_path / "b", folder, "wrong horse")
    assert sync.load_config(tmp_path / "b") is None
    with pytest.raises(sync.SyncError, match="encrypted"):
        sync.enable(tmp_path / "b", folder, None)


def test_a_plain_computer_merges_nothing_after_the_folder_is_encrypted(
        tmp_path: Path, folder: Path) -> None:
    b = Computer(tmp_path, "b", folder)
    Computer(tmp_path, "a", folder, "pw")
    with pytest.raises(sync.SyncError, match="now encrypted"):
        b.sync()


def test_a_tampered_encrypted_line_is_refused_not_merged(tmp_path: Path, folder: Path) -> None:
    a, b = Computer(tmp_path, "a", folder, "pw"), Computer(tmp_path, "b", folder, "pw")
    record_some(a.journal, T0)
    a.sync()
    path = a.files()[0]
    lines = path.read_bytes().splitlines(keepends=True)
    lines[0] = lines[0][:100] + (b"A" if lines[0][100:101] != b"A" else b"B") + lines[0][101:]
    path.write_bytes(b"".join(lines))
    report = b.sync()
    assert len(report.problems) == 1 and "does not decrypt" in report.problems[0]
    assert len(contents(b.journal)) == 2


# -- the command line ------------------------------------------------------------------------------


def test_cli_enable_now_status_disable(tmp_path: Path, folder: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    from posture_coach.cli.main import main

    a = Computer(tmp_path, "a", folder)
    record_some(a.journal, T0)
    a.sync()
    b = str(tmp_path / "b")
    assert main(["--data-dir", b, "sync", "now"]) == 1
    assert "sync is off" in capsys.readouterr().err
    assert main(["--data-dir", b, "sync", "enable", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "sync is on" in out and "health data" in out and "use --passphrase-file" in out
    assert "merged 3 new records (1 break, 1 pain, 1 thermal)" in out  # enable syncs once
    assert main(["--data-dir", b, "sync", "now"]) == 0
    assert "merged 0 new records" in capsys.readouterr().out
    assert main(["--data-dir", b, "sync", "status"]) == 0
    out = capsys.readouterr().out
    assert f"sync folder: {folder}" in out and "(this computer)" in out
    assert "3 records, last wrote" in out
    assert main(["--data-dir", b, "sync", "disable"]) == 0
    assert "journal and the folder's files are kept" in capsys.readouterr().out
    assert (tmp_path / "b" / "journal.sqlite3").exists() and a.files()
    pw = tmp_path / "pw"
    pw.write_text("one\n")
    other = tmp_path / "Other"
    assert main(["--data-dir", b, "sync", "enable", str(other), "--passphrase-file",
                 str(pw)]) == 0
    out = capsys.readouterr().out
    assert "encrypted with your passphrase" in out and "use --passphrase-file" not in out
    pw.write_text("two\n")
    assert main(["--data-dir", str(tmp_path / "c"), "sync", "enable", str(other),
                 "--passphrase-file", str(pw)]) == 1
    assert "passphrase does not open" in capsys.readouterr().err
