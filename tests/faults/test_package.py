"""Program packages (``*.pcprogram``, a zip): packed from a program file, imported by the
CLI and the store; each hostile archive is refused with a located, plain message, nothing
imported and nothing left on disk (no unpacked file anywhere, no program stored)."""

from __future__ import annotations

import stat
import struct
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from posture_coach import cli
from posture_coach.core import package
from posture_coach.core.errors import ValidationError
from posture_coach.core.library import Library
from posture_coach.core.program_store import ProgramStore
from tests.program_helpers import SVG, docs_example, write_program

DRAWING = "pictures/towel-wall-slide.svg"


def run(tmp_path: Path, *args: str) -> int:
    return cli.main(["--config-dir", str(tmp_path / "cfg"), "--data-dir", str(tmp_path / "data"),
                     *args])


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder the unpacking uses: empty again after every import."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _zip(path: Path, entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names we want
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, data in entries:
                zf.writestr(name, data)
    return path


def _good_entries() -> list[tuple[str | zipfile.ZipInfo, bytes]]:
    return [("program.yaml", docs_example().encode()), (DRAWING, SVG.encode())]


def _link(name: str, target: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def _lying_bomb(path: Path) -> Path:
    """A drawing of 4 MiB of zeros whose headers say it expands to 100 bytes."""
    real = 4 * 1024 * 1024
    _zip(path, [("program.yaml", docs_example().encode()),
                (DRAWING, b"<svg" + b"\0" * (real - 4))])
    data = bytearray(path.read_bytes())
    # patch the uncompressed size in the local header and the central directory entry
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (at := data.find(sig, start)) >= 0:
            name_len = struct.unpack_from("<H", data, at + (26 if sig == b"PK\x03\x04" else 28))[0]
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if data[name_at:name_at + name_len] == DRAWING.encode():
                assert struct.unpack_from("<I", data, at + offset)[0] == real
                struct.pack_into("<I", data, at + offset, 100)
            start = at + 4
    path.write_bytes(bytes(data))
    return path


HOSTILE: dict[str, tuple[Callable[[Path], Path], str, str]] = {
    # kind: (make the archive, the entry the message names, what it says)
    "dot-dot": (lambda p: _zip(p, [*_good_entries(), ("../evil.svg", SVG.encode())]),
                "../evil.svg", "leaves the archive"),
    "dot-dot-deep": (lambda p: _zip(p, [*_good_entries(),
                                        ("pictures/../../evil.svg", SVG.encode())]),
                     "pictures/../../evil.svg", "leaves the archive"),
    "absolute": (lambda p: _zip(p, [*_good_entries(), ("/tmp/evil.svg", SVG.encode())]),
                 "/tmp/evil.svg", "absolute"),
    "windows-path": (lambda p: _zip(p, [*_good_entries(), ("..\\evil.svg", SVG.encode())]),
                     "..\\evil.svg", "absolute or Windows path"),
    "symlink": (lambda p: _zip(p, [("program.yaml", docs_example().encode()),
                                   (_link(DRAWING, "/etc/passwd"), b"/etc/passwd")]),
                DRAWING, "symbolic link"),
    "duplicate": (lambda p: _zip(p, [*_good_entries(), (DRAWING, b"<svg/>")]),
                  DRAWING, "twice"),
    "duplicate-case": (lambda p: _zip(p, [*_good_entries(),
                                          (DRAWING.upper().replace(".SVG", ".svg"), b"<svg/>")]),
                       "PICTURES/TOWEL-WALL-SLIDE.svg", "twice"),
    "unexpected-file": (lambda p: _zip(p, [*_good_entries(), ("run.sh", b"rm -rf ~\n")]),
                        "run.sh", "not expected"),
    "yaml-in-folder": (lambda p: _zip(p, [*_good_entries(), ("x/other.yaml", b"a: 1\n")]),
                       "x/other.yaml", "not expected"),
    "two-programs": (lambda p: _zip(p, [*_good_entries(), ("second.yaml", b"program: 1\n")]),
                     "", "2 program YAML files"),
    "no-program": (lambda p: _zip(p, [(DRAWING, SVG.encode())]), "", "no program YAML"),
    "too-many-entries": (lambda p: _zip(p, [*_good_entries(), *[
        (f"pictures/{i}.svg", SVG.encode()) for i in range(package.MAX_ENTRIES)]]),
        "", f"at most {package.MAX_ENTRIES}"),
    "large-entry": (lambda p: _zip(p, [*_good_entries(),
                                       ("pictures/big.png", b"\0" * (1024 * 1024 + 1))]),
                    "pictures/big.png", "at most 1024 KiB"),
    "large-total": (lambda p: _zip(p, [*_good_entries(), *[
        (f"pictures/{i}.png", b"\0" * (1024 * 1024)) for i in range(33)]]),
        "", "more than 32 MiB"),
    "lying-bomb": (_lying_bomb, DRAWING, "does not match the size the archive declares"),
    "not-a-zip": (lambda p: (p.write_bytes(b"program: 1\n" * 50), p)[1], "",
                  "not a readable program package"),
    "empty-file": (lambda p: (p.write_bytes(b""), p)[1], "", "not a readable program package"),
    "bad-yaml": (lambda p: _zip(p, [("program.yaml", docs_example().replace(
        "program: 1", "program: 1\n  bad: [", 1).encode()), (DRAWING, SVG.encode())]),
        "program.yaml", ""),
    "missing-drawing": (lambda p: _zip(p, [("program.yaml", docs_example().encode())]),
                        "program.yaml", "towel-wall-slide.svg"),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_package_is_refused_and_leaves_nothing(
        kind: str, tmp_path: Path, scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make, entry, says = HOSTILE[kind]
    archive = make(tmp_path / "hostile.pcprogram")
    assert run(tmp_path, "program", "import", "--yes", str(archive)) == 1
    err = capsys.readouterr().err
    first = err.splitlines()[0]
    where = f"{archive}:{entry}" if entry else f"{archive}:"
    assert first.startswith(where), first
    assert says in err, err
    assert "nothing was changed" in err
    assert list(scratch.iterdir()) == []  # nothing unpacked left behind
    assert not (tmp_path / "evil.svg").exists() and not Path("/tmp/evil.svg").exists()
    assert ProgramStore(tmp_path / "data").ids() == []
    # the store refuses it the same way (the tray imports through it)
    with pytest.raises(ValidationError):
        ProgramStore(tmp_path / "data").import_file(archive, cli_library(tmp_path))
    assert list(scratch.iterdir()) == []
    assert ProgramStore(tmp_path / "data").ids() == []


def cli_library(tmp_path: Path) -> Library:
    from posture_coach.cli.program_cli import app_library

    return app_library(tmp_path / "cfg")


def test_bomb_is_stopped_before_it_expands(tmp_path: Path, scratch: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The lying archive is stopped at its declared size: never more is written."""
    archive = _lying_bomb(tmp_path / "bomb.pcprogram")
    written: dict[str, int] = {}
    real_extract = package._extract

    def watching(name: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, folder: Path) -> None:
        try:
            real_extract(name, zf, info, folder)
        finally:
            target = folder / info.filename
            written[info.filename] = target.stat().st_size if target.exists() else 0

    monkeypatch.setattr(package, "_extract", watching)
    with pytest.raises(ValidationError), package.unpacked(archive):
        pass
    assert written[DRAWING] <= 100  # of the 4 MiB it would expand to
    assert list(scratch.iterdir()) == []


def test_archive_over_the_size_cap_is_not_opened(tmp_path: Path, scratch: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    archive = _zip(tmp_path / "p.pcprogram", _good_entries())
    monkeypatch.setattr(package, "MAX_ARCHIVE_BYTES", archive.stat().st_size - 1)
    with pytest.raises(ValidationError) as exc, package.unpacked(archive):
        pass
    assert "is larger than" in str(exc.value)
    assert list(scratch.iterdir()) == []


def test_linked_archive_is_refused(tmp_path: Path, scratch: Path) -> None:
    archive = _zip(tmp_path / "p.pcprogram", _good_entries())
    link = tmp_path / "link.pcprogram"
    link.symlink_to(archive)
    with pytest.raises(ValidationError) as exc, package.unpacked(link):
        pass
    assert "symbolic link" in str(exc.value)


def test_pack_then_import(tmp_path: Path, scratch: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    source = write_program(tmp_path / "clinic")
    out = tmp_path / "hand-out" / "alex.pcprogram"
    out.parent.mkdir()
    assert run(tmp_path, "program", "pack", str(source), "--out", str(out)) == 0
    assert f"{out}: the program and 1 drawing, ready to hand out" in capsys.readouterr().out
    with zipfile.ZipFile(out) as zf:
        assert sorted(zf.namelist()) == ["pictures/towel-wall-slide.svg", "program.yaml"]
        assert zf.read("program.yaml") == source.read_bytes()
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    # the package is all it takes: the program's folder is gone
    import shutil

    shutil.rmtree(tmp_path / "clinic")
    assert run(tmp_path, "program", "import", "--yes", str(out)) == 0
    output = capsys.readouterr().out
    assert "Breaks every 40 minutes" in output
    assert "Imported as 2026-11-23-upper-back-home-program and made active." in output
    folder = tmp_path / "data" / "programs" / "2026-11-23-upper-back-home-program"
    assert (folder / "program.yaml").read_bytes() == docs_example().encode()
    assert (folder / DRAWING).read_text(encoding="utf-8") == SVG
    assert list(scratch.iterdir()) == []
    # a folder entry (as `zip -r` writes) is fine
    with zipfile.ZipFile(tmp_path / "z.pcprogram", "w") as zf:
        zf.writestr("pictures/", b"")
        zf.writestr("program.yaml", docs_example().replace(
            "title: Upper back home program", "title: Week two").encode())
        zf.writestr(DRAWING, SVG)
    assert run(tmp_path, "program", "import", "--yes", str(tmp_path / "z.pcprogram")) == 0
    assert "2026-11-23-week-two" in ProgramStore(tmp_path / "data").ids()


def test_pack_refuses_a_bad_program_and_a_bad_name(tmp_path: Path, scratch: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    source = write_program(tmp_path / "clinic")
    (tmp_path / "clinic" / DRAWING).unlink()
    out = tmp_path / "alex.pcprogram"
    assert run(tmp_path, "program", "pack", str(source), "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert f"{source}:" in err and "towel-wall-slide.svg" in err and not out.exists()
    assert run(tmp_path, "program", "pack", str(source), "--out",
               str(tmp_path / "alex.zip")) == 1
    assert "NAME.pcprogram" in capsys.readouterr().err
    assert not (tmp_path / "alex.zip").exists()
