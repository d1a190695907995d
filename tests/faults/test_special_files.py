"""Class 1 of issue 15: special and huge files wherever the app reads a file from outside.

A FIFO (nobody ever writes to it), a link to /dev/zero (endless, reports size 0), a 2 GB
sparse file (cheap to make, costly to copy) and a folder, as each file the app and the
command line read: settings, the user's library, a program file, a program's drawing, a
journal export to import.  Each answer comes within seconds with one located line, the
file is left as it was, and nothing large is written anywhere (no unbounded aside copy).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.faults.harness import ALWAYS_AT_WORK, app_log, start_app, stop_app, wait_answering
from tests.faults.outside import fifo, plain, program_folder, run, sparse, tree_bytes

MB = 1024 * 1024


def _fifo(path: Path) -> None:
    fifo(path)


def _zero(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to("/dev/zero")


def _sparse(path: Path) -> None:
    sparse(path)


def _folder(path: Path) -> None:
    path.mkdir(parents=True)


SPECIAL: dict[str, Callable[[Path], None]] = {
    "fifo": _fifo, "dev-zero-link": _zero, "sparse-2gb": _sparse, "folder": _folder}


def _refused_quickly(tmp_path: Path, target: Path, *args: str, code: int = 1) -> str:
    done = run(tmp_path, *args, timeout=15)
    out = plain(done, code=code, names=target)
    assert tree_bytes(tmp_path) < 4 * MB, "something large was written"
    return out


@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_validate_refuses_a_special_file(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "in" / "program.yaml"
    SPECIAL[kind](target)
    out = _refused_quickly(tmp_path, target, "validate", str(target))
    if kind != "folder":
        assert "regular file" in out or "larger than" in out, out


@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_program_import_refuses_a_special_file(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "in" / "program.yaml"
    SPECIAL[kind](target)
    _refused_quickly(tmp_path, target, "program", "import", "--yes", str(target))
    assert not (tmp_path / "data" / "programs").exists() or not [
        p for p in (tmp_path / "data" / "programs").iterdir() if p.name != "active"]


@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_program_print_refuses_a_special_file(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "in" / "program.yaml"
    SPECIAL[kind](target)
    out_pdf = tmp_path / "handout.pdf"
    _refused_quickly(tmp_path, target, "program", "print", str(target), "--out", str(out_pdf))
    assert not out_pdf.exists()


@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_journal_import_refuses_a_special_file(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "in" / "export.json"
    SPECIAL[kind](target)
    _refused_quickly(tmp_path, target, "import", str(target))


@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_a_special_user_library_is_refused_by_validate(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "config" / "exercises.yaml"
    SPECIAL[kind](target)
    _refused_quickly(tmp_path, target, "validate")


@pytest.mark.parametrize("kind", ["fifo", "dev-zero-link", "sparse-2gb"])
def test_a_special_drawing_is_refused_at_validate_and_import(tmp_path: Path, kind: str
                                                             ) -> None:
    path = program_folder(tmp_path / "in")
    drawing = path.parent / "pictures" / "towel-wall-slide.svg"
    drawing.unlink()
    SPECIAL[kind](drawing)
    for args in (("validate", str(path)), ("program", "import", "--yes", str(path))):
        out = _refused_quickly(tmp_path, path, *args)  # at the line naming the drawing
        assert "towel-wall-slide.svg" in out


@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_settings_that_are_a_special_file_start_the_app_on_defaults(tmp_path: Path,
                                                                    kind: str) -> None:
    """The real app starts (no hang on a FIFO), answers, writes no unbounded aside copy
    of an endless or 2 GB settings file, and names the file in its log."""
    settings = tmp_path / "config" / "settings.yaml"
    SPECIAL[kind](settings)
    proc = start_app(tmp_path)
    try:
        status = wait_answering(tmp_path, proc, timeout=30)
        # On the default settings: the default working hours decide which (the suite
        # runs at any time of day)
        assert status.startswith(("Breaks are on. Next break at ",
                                  "Outside your working hours. Next break ")), status
    finally:
        stop_app(tmp_path, proc)
    assert tree_bytes(tmp_path) < 8 * MB, "an unbounded aside copy was written"
    assert str(settings) in app_log(tmp_path)
    # and every command-line call that reads the settings, too
    program = program_folder(tmp_path / "in")
    plain(run(tmp_path, "program", "import", "--yes", str(program)), code=0)
    assert tree_bytes(tmp_path) < 8 * MB


def test_a_user_library_fifo_does_not_hang_the_app(tmp_path: Path) -> None:
    fifo(tmp_path / "config" / "exercises.yaml")
    proc = start_app(tmp_path)
    try:
        wait_answering(tmp_path, proc, timeout=30)
    finally:
        stop_app(tmp_path, proc)
    assert str(tmp_path / "config" / "exercises.yaml") in app_log(tmp_path)


def test_a_broken_settings_file_is_kept_aside_once_and_bounded(tmp_path: Path) -> None:
    """A broken (but ordinary) settings file is still kept aside for the person, and a big
    one gets a bounded copy or a note, not a full copy at every start."""
    settings = tmp_path / "config" / "settings.yaml"
    settings.parent.mkdir(parents=True)
    settings.write_bytes(b"version: [\n" + b"x" * (3 * MB))
    program = program_folder(tmp_path / "in")
    for _ in range(3):
        plain(run(tmp_path, "program", "import", "--yes", str(program)), code=0)
    asides = [p for p in settings.parent.iterdir() if p.name != "settings.yaml"]
    assert sum(p.lstat().st_size for p in asides) <= 2 * MB, asides
    assert settings.stat().st_size > 3 * MB  # the person's file, untouched
    small = tmp_path / "small"
    (small / "config").mkdir(parents=True)
    (small / "config" / "settings.yaml").write_bytes(b"version: [\n")
    plain(run(small, "program", "import", "--yes", str(program_folder(small / "in"))), code=0)
    kept = [p for p in (small / "config").iterdir() if ".broken" in p.name]
    assert [p.read_bytes() for p in kept] == [b"version: [\n"]


def test_endless_and_huge_files_never_fill_a_small_disk(tmp_path: Path) -> None:
    """Config and data on an 8 MB tmpfs: settings linked to /dev/zero, a 2 GB sparse
    user library, a program whose drawing is /dev/zero; the app and every command run
    and the disk keeps its room (the aside copies are bounded, nothing is copied in)."""
    from tests.faults.harness import small_disk

    with small_disk(tmp_path / "disk", size_kb=8192) as disk:
        home = disk / "home"
        home.mkdir()
        config = home / "config"
        config.mkdir()
        (config / "settings.yaml").symlink_to("/dev/zero")
        sparse(config / "exercises.yaml", size=2 * 1024 ** 3)
        program = program_folder(home / "in")
        drawing = program.parent / "pictures" / "towel-wall-slide.svg"
        drawing.unlink()
        drawing.symlink_to("/dev/zero")
        before = os.statvfs(disk)
        proc = start_app(home)
        try:
            wait_answering(home, proc, timeout=30)
            for args in (("validate",), ("validate", str(program)),
                         ("program", "import", "--yes", str(program)),
                         ("import", str(config / "settings.yaml"))):
                plain(run(home, *args, timeout=15), code=1)
        finally:
            stop_app(home, proc)
        after = os.statvfs(disk)
        used = (before.f_bfree - after.f_bfree) * after.f_frsize
        assert used < 2 * MB, f"{used} bytes of the small disk were used"


@pytest.mark.parametrize("name", ["programs/active", "journal.sqlite3",
                                  "logs/posture-coach.log", "posture-coach.lock"])
def test_a_fifo_in_the_data_folder_does_not_hang_the_app(tmp_path: Path, name: str) -> None:
    """What the app itself keeps, read at every start, replaced by a FIFO: the app
    starts and answers (without that file's help), and so does the command line."""
    fifo(tmp_path / "data" / name)
    (tmp_path / "config").mkdir(parents=True, exist_ok=True)
    (tmp_path / "config" / "settings.yaml").write_text(ALWAYS_AT_WORK)  # any time of day
    proc = start_app(tmp_path)
    try:
        status = wait_answering(tmp_path, proc, timeout=30)
        assert status.startswith("Breaks are on. Next break at "), status
        second = run(tmp_path, timeout=30)  # a second start still finds the first
        assert "already running" in second.stdout + second.stderr
    finally:
        stop_app(tmp_path, proc)
    plain(run(tmp_path, "program", "list", timeout=15), code=None)
    kind = os.lstat(tmp_path / "data" / name).st_mode
    if name == "posture-coach.lock":  # the app's own lock: replaced by a lock file
        assert stat.S_ISREG(kind)
    else:  # anything else is left as it is
        assert stat.S_ISFIFO(kind)
