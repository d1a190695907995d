"""`posture-coach FILE` and the command channel's open-program request (no Qt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from posture_coach.cli.main import build_parser, with_program_file
from posture_coach.core.commands import PATH_MAX_CHARS, CommandError, validate_request

COMMANDS = ["run", "validate", "status", "program", "import", "export"]


@pytest.mark.parametrize(("argv", "expected"), [
    (["/home/a/program.yaml"], ["program", "open", "/home/a/program.yaml"]),
    (["Program.YML"], ["program", "open", "Program.YML"]),
    (["x.pcprogram"], ["program", "open", "x.pcprogram"]),
    (["--data-dir", "d.yaml", "p.yaml"], ["--data-dir", "d.yaml", "program", "open", "p.yaml"]),
    (["--language", "es", "p.yaml"], ["--language", "es", "program", "open", "p.yaml"]),
    (["validate", "p.yaml"], ["validate", "p.yaml"]),  # a command comes first: unchanged
    (["import", "export.json"], ["import", "export.json"]),
    (["status"], ["status"]),
    ([], []),  # the launcher without a file (%f empty): start the app
    (["--", "p.yaml"], ["--", "p.yaml"]),
    (["nonsense"], ["nonsense"]),  # argparse says what is wrong
])
def test_a_program_file_word_means_program_open(argv: list[str], expected: list[str]) -> None:
    assert with_program_file(argv, COMMANDS) == expected


def test_an_existing_file_of_any_name_opens(tmp_path: Path) -> None:
    path = tmp_path / "from-my-therapist"
    path.write_text("program: 1\n")
    assert with_program_file([str(path)], COMMANDS) == ["program", "open", str(path)]


def test_the_parser_takes_program_open() -> None:
    args = build_parser().parse_args(["program", "open", "p.yaml"])
    assert (args.command, args.program_command, args.file) == ("program", "open",
                                                                Path("p.yaml"))


def test_open_program_request_takes_an_absolute_path() -> None:
    request = validate_request({"cmd": "open-program", "path": "/home/a/p.yaml"})
    assert request.args == {"path": "/home/a/p.yaml"}
    assert validate_request({"cmd": "open-program", "path": r"C:\Users\a\p.yaml"}).args


@pytest.mark.parametrize("path", ["p.yaml", "", "../p.yaml", "/a\x00b", 7, None,
                                  "/" + "a" * PATH_MAX_CHARS, ["/p.yaml"]])
def test_open_program_request_refuses_other_paths(path: object) -> None:
    with pytest.raises(CommandError, match="open-program"):
        validate_request({"cmd": "open-program", "path": path})
