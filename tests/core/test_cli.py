"""The command line: validate's output and exit codes, --version, --help."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from posture_coach import __version__, cli
from tests.helpers import MINIMAL, write_library


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "posture_coach.cli", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=60)


def test_version_and_help() -> None:
    out = run_cli("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"posture-coach {__version__}"
    out = run_cli("--help")
    assert out.returncode == 0
    for word in ("validate", "--config-dir", "--data-dir", "--version"):
        assert word in out.stdout
    out = run_cli("validate", "--help")
    assert out.returncode == 0 and "file:line:column" in out.stdout


def test_validate_bundled_from_another_folder(tmp_path: Path) -> None:
    out = run_cli("--config-dir", str(tmp_path), "validate", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "exercises.yaml: OK, library: 39 exercises, 6 routines" in out.stdout
    assert out.stderr == ""


def test_validate_good_and_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write_library(tmp_path)
    bad = write_library(tmp_path, MINIMAL.replace("hold_s: 5}", "hold_s: -5}")
                        .replace("kind: breathing", "kind: breath"), name="bad.yaml")
    rc = cli.main(["validate", str(good), str(bad)])
    out = capsys.readouterr()
    assert rc == cli.EXIT_PROBLEMS
    assert out.out == f"{good}: OK, library: 2 exercises, 1 routines\n"
    lines = out.err.splitlines()
    assert lines[0].startswith(f"{bad}:9:30: exercises[0].dose.hold_s: must be a positive number")
    assert lines[1].startswith(f"{bad}:15:11: exercises[1].kind: must be one of")
    assert lines[-1] == f"{bad}: 2 problems found"


def test_validate_a_user_library_against_the_bundled_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text("version: 1\nroutines:\n  - id: short\n    name: Short\n"
                    "    summary: A short one.\n    items: [{exercise: chin-tuck, reps: 3}]\n")
    assert cli.main(["validate", str(user)]) == cli.EXIT_OK
    assert "OK, user library" in capsys.readouterr().out


def test_validate_checks_the_user_library_in_the_config_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "exercises.yaml").write_text("version: 1\nroutines: {}\n")
    assert cli.main(["--config-dir", str(tmp_path), "validate"]) == cli.EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert f"{tmp_path / 'exercises.yaml'}:2:11: routines: must be a list" in err


HOSTILE = {
    "huge.yaml": b"a: " + b"x" * (1024 * 1024 + 10),
    "laughs.yaml": ("a0: &a0 [" + ",".join(["lol"] * 10) + "]\n" + "".join(
        f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 12))).encode(),
    "deep.yaml": b"[" * 50_000 + b"]" * 50_000,
    "latin1.yaml": "name: caf\xe9\n".encode("latin-1"),
    "object.yaml": b"version: !!python/object/apply:os.system ['true']\n",
    "empty.yaml": b"",
    "list.yaml": b"- exercises\n- routines\n",
    "binary.yaml": bytes(range(256)) * 4,
}


def test_a_broken_program_file_gets_every_problem_located(tmp_path: Path) -> None:
    path = tmp_path / "program.yaml"
    path.write_bytes(b"program:\n  clinic: x\n")
    out = run_cli("--data-dir", str(tmp_path), "validate", str(path))
    assert out.returncode == 1 and out.stdout == "" and "Traceback" not in out.stderr
    assert f"{path}:2:3: program: must be a whole number, got a mapping" in out.stderr
    assert f"{path}:1:1: clinic: required field is missing" in out.stderr


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_get_one_located_message_and_exit_1(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    out = run_cli("validate", str(path))
    assert out.returncode == 1
    assert out.stdout == ""
    assert "Traceback" not in out.stderr
    lines = out.stderr.splitlines()
    assert len(lines) == 2, out.stderr
    assert lines[0].startswith(f"{path}:"), lines[0]
    assert lines[1] == f"{path}: 1 problem found"


def test_missing_file_is_a_problem_not_a_crash(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(tmp_path / "nope.yaml")]) == cli.EXIT_PROBLEMS
    assert capsys.readouterr().err.startswith(f"{tmp_path / 'nope.yaml'}: file not found")


def test_plain_start_is_what_the_parser_makes_of_no_arguments() -> None:
    """Plain `posture-coach` skips building the parser (start-up); the arguments the app
    gets must be the very ones the parser would have given."""
    from posture_coach.cli.main import build_parser, plain_start

    assert vars(plain_start()) == vars(build_parser().parse_args([]))
