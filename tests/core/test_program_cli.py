"""``posture-coach program import/list/activate``: what the user reads and what is stored."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from posture_coach import cli
from posture_coach.core.program_store import ProgramStore
from tests.program_helpers import docs_example, write_program


def run(tmp_path: Path, *args: str) -> int:
    return cli.main(["--config-dir", str(tmp_path / "cfg"), "--data-dir", str(tmp_path / "data"),
                     *args])


def test_import_shows_changes_then_asks(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_program(tmp_path / "clinic")
    # Not a terminal and no --yes: shows the change and imports nothing.
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert run(tmp_path, "program", "import", str(path)) == 4
    captured = capsys.readouterr()
    assert "Breaks every 40 minutes (now every 45 minutes)" in captured.out
    assert "Reminder: Evening session, every day at 19:00" in captured.out
    assert "run with --yes" in captured.err
    assert not (tmp_path / "data" / "programs").exists()

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Tty("n\n"))
    assert run(tmp_path, "program", "import", str(path)) == 4
    assert "nothing was changed" in capsys.readouterr().out
    assert not (tmp_path / "data" / "programs").exists()
    monkeypatch.setattr("sys.stdin", Tty("y\n"))
    assert run(tmp_path, "program", "import", str(path)) == 0
    assert "Imported as 2026-11-23-upper-back-home-program and made active." in \
        capsys.readouterr().out
    assert ProgramStore(tmp_path / "data").active_id() == "2026-11-23-upper-back-home-program"


def test_list_activate_deactivate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, "program", "list") == 0
    assert "No program imported yet" in capsys.readouterr().out
    first = write_program(tmp_path / "a")
    second = write_program(tmp_path / "b", docs_example().replace(
        "title: Upper back home program", "title: Week three"))
    assert run(tmp_path, "program", "import", "--yes", str(first)) == 0
    assert run(tmp_path, "program", "import", "--yes", str(second)) == 0
    capsys.readouterr()
    assert run(tmp_path, "program", "list") == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "  2026-11-23-upper-back-home-program  Upper back home program (Riverside "
        "Physiotherapy, Dana Lee, PT), from 2026-11-23",
        "* 2026-11-23-week-three  Week three (Riverside Physiotherapy, Dana Lee, PT), "
        "from 2026-11-23"]
    assert run(tmp_path, "program", "activate", "2026-11-23-upper-back-home-program") == 0
    assert "is the active program: Upper back home program" in capsys.readouterr().out
    assert run(tmp_path, "program", "activate", "nope") == 1
    assert "no imported program 'nope'" in capsys.readouterr().err
    assert run(tmp_path, "program", "deactivate") == 0
    assert ProgramStore(tmp_path / "data").active_id() is None


def test_import_bad_file_changes_nothing(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    bad = write_program(tmp_path, docs_example().replace("reps: 10 ", "reps: many "))
    assert run(tmp_path, "program", "import", "--yes", str(bad)) == 1
    err = capsys.readouterr().err
    assert "program.yaml:23:11: exercises[0].reps: must be a whole number" in err
    assert "nothing was changed" in err
    assert not (tmp_path / "data").exists() or not (tmp_path / "data" / "programs").exists()
