"""Class 8 of issue 15: no traceback, ever, and the log file a message names exists.

Folders that are files, files that are folders, an unreadable journal: every command
answers with one plain line and an exit status; when the line points at a log file for
the details, that file is there and holds them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.faults.harness import app_env, start_app, wait_until
from tests.faults.outside import plain, program_folder, run, run_all

COMMANDS = [
    ("status",),
    ("validate",),
    ("export", "--format", "json", "--out", "{tmp}/out.json"),
    ("import", "{tmp}/in.json"),
    ("program", "list"),
    ("program", "import", "--yes", "{tmp}/prog/program.yaml"),
    ("report", "--format", "csv", "--out", "{tmp}/r.csv"),
]


def _shape(tmp_path: Path, case: str) -> None:
    data, config = tmp_path / "data", tmp_path / "config"
    if case == "data-is-a-file":
        data.write_text("not a folder")
    elif case == "journal-is-a-folder":
        (data / "journal.sqlite3").mkdir(parents=True)
    elif case == "config-is-a-file":
        config.write_text("not a folder")
    elif case == "settings-is-a-folder":
        (config / "settings.yaml").mkdir(parents=True)
    elif case == "programs-is-a-file":
        data.mkdir()
        (data / "programs").write_text("x")
    elif case == "logs-is-a-file":
        data.mkdir()
        (data / "logs").write_text("x")
    elif case == "journal-garbage":
        data.mkdir()
        (data / "journal.sqlite3").write_bytes(b"SQLite format 3\0" + os.urandom(8192))


CASES = ["data-is-a-file", "journal-is-a-folder", "config-is-a-file", "settings-is-a-folder",
         "programs-is-a-file", "logs-is-a-file", "journal-garbage"]


@pytest.mark.parametrize("case", CASES)
def test_every_command_answers_plainly(tmp_path: Path, case: str) -> None:
    _shape(tmp_path, case)
    (tmp_path / "in.json").write_text('{"format": "posture-coach-journal", "version": 1}')
    program_folder(tmp_path / "prog")
    commands = [[a.format(tmp=tmp_path) for a in command] for command in COMMANDS]
    for args, done in zip(commands, run_all(tmp_path, commands, timeout=40)):
        out = plain(done, code=None)
        assert done.returncode in (0, 1, 2, 3), (args, done.returncode, out)
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        assert len(lines) <= 12, (args, out)


@pytest.mark.parametrize("case", CASES)
def test_the_app_never_prints_a_traceback(tmp_path: Path, case: str) -> None:
    """The app either runs (and answers ``status``) or ends with a plain line."""
    _shape(tmp_path, case)
    proc = start_app(tmp_path)
    try:
        wait_until(lambda: proc.poll() is not None
                   or run(tmp_path, "status", timeout=15).returncode == 0, 30,
                   "the app to answer or to end")
        if proc.poll() is None:
            done = run(tmp_path, "quit", env=app_env(tmp_path))
            assert "Traceback" not in done.stderr
            proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    err = proc.stderr.read() if proc.stderr else ""
    assert "Traceback" not in err, err
    for word in err.split():
        if word.endswith(".log") and "/" in word:
            assert Path(word.rstrip(".,")).is_file(), err
