"""One file to hand out: a home program and its drawings in one zip (``*.pcprogram``).

``pack_program`` writes the archive from a checked program file: ``program.yaml`` at
the top and each drawing the program names at the same relative path.  ``unpacked``
opens an archive that came from someone else, so it is checked like one before any
byte is written:

* the archive itself: a regular file (not a link), at most :data:`MAX_ARCHIVE_BYTES`;
* every entry, from the central directory: a relative path inside the archive (no
  absolute path, drive letter, backslash or ``..``), a plain file or folder (no link
  or other special file, by the zip's Unix mode bits), not encrypted, stored or
  deflated, not named twice (also not twice up to case), and only the expected files:
  exactly one program YAML at the top and ``.svg``/``.png`` drawings;
* the counts: at most :data:`MAX_ENTRIES` entries, each file at most the size today's
  program files and drawings may have (1 MiB), all of them together at most
  :data:`MAX_EXPANDED_BYTES` as declared;
* and while reading: no entry expands past its declared size (a zip bomb whose
  directory lies is stopped at the cap, before it expands further).

Then the files are written into a new private temporary folder, and the program is
checked there like any program file (:func:`program_store.read_checked`); the folder
is removed when the ``with`` block ends, whatever happens.  Problems are
:class:`ValidationError` located at ``ARCHIVE:ENTRY``.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .atomic import write_atomic
from .errors import ValidationError
from .library import ILLUSTRATION_SUFFIXES
from .program import MAX_ILLUSTRATION_BYTES, Program
from .yaml.reading import MAX_BYTES

SUFFIX = ".pcprogram"
MIME_TYPE = "application/x-posture-coach-program"
PROGRAM_ENTRY = "program.yaml"
MAX_ENTRIES = 128
"""Entries in one archive (folders included): a program names a few dozen drawings."""
MAX_EXPANDED_BYTES = 32 * 1024 * 1024
"""All files of one archive together, expanded."""
MAX_ARCHIVE_BYTES = MAX_EXPANDED_BYTES
_CHUNK = 64 * 1024
_YAML_SUFFIXES = (".yaml", ".yml")


def is_package(path: Path) -> bool:
    """Whether ``path`` is meant as a program package (by its name)."""
    return path.name.lower().endswith(SUFFIX)


def pack_program(data: bytes, program: Program, base: Path, out: Path) -> list[str]:
    """Write a checked program (its file's ``data``, read from the folder ``base``; see
    :func:`program_store.read_checked`) with its drawings to ``out``; the entry names."""
    entries = _entries(data, program, base)
    write_atomic(out, _zipped(entries), mode=0o644)  # handed out: readable by others
    return list(entries)


def package_bytes(data: bytes, program: Program, base: Path) -> bytes:
    """The bytes :func:`pack_program` writes: the same program, the same bytes."""
    return _zipped(_entries(data, program, base))


def _entries(data: bytes, program: Program, base: Path) -> dict[str, bytes]:
    entries: dict[str, bytes] = {PROGRAM_ENTRY: data}
    for picture in program.illustrations:
        name = picture.relative_to(base).as_posix()
        entries[name] = picture.read_bytes()
    return entries


def _zipped(entries: dict[str, bytes]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def _refuse(name: str, message: str) -> ValidationError:
    return ValidationError.single(name, message)


def _check_name(archive: str, raw: str) -> str:
    """The entry's path parts joined by '/', or a refusal."""
    where = f"{archive}:{raw}"
    if "\\" in raw or raw.startswith("/") or (len(raw) > 1 and raw[1] == ":"):
        raise _refuse(where, "entry has an absolute or Windows path; a program package holds "
                             "relative paths only")
    parts = raw.rstrip("/").split("/")
    if any(p == ".." for p in parts):
        raise _refuse(where, "entry leaves the archive ('..'); refusing the package")
    if any(p in ("", ".") for p in parts) or any("\0" in p for p in parts):
        raise _refuse(where, "entry has an empty or '.' part in its path")
    return "/".join(parts)


def _check_entries(archive: str, infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    """The file entries to extract (folders dropped), after every check on the directory."""
    if len(infos) > MAX_ENTRIES:
        raise _refuse(archive, f"has {len(infos)} entries; a program package has at most "
                               f"{MAX_ENTRIES}")
    seen: dict[str, str] = {}
    files: list[zipfile.ZipInfo] = []
    total = 0
    programs: list[str] = []
    for info in infos:
        where = f"{archive}:{info.filename}"
        name = _check_name(archive, info.filename)
        folded = name.casefold()
        if folded in seen:
            raise _refuse(where, f"is in the archive twice (also as {seen[folded]!r}); "
                                 "refusing the package")
        seen[folded] = info.filename
        mode = info.external_attr >> 16
        kind = stat.S_IFMT(mode)
        if kind == stat.S_IFLNK:
            raise _refuse(where, "is a symbolic link; a program package holds plain files only")
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise _refuse(where, "is a special file; a program package holds plain files only")
        if info.flag_bits & 0x1:
            raise _refuse(where, "is encrypted; a program package is not")
        if info.is_dir() or kind == stat.S_IFDIR:
            if info.file_size:
                raise _refuse(where, "is a folder with content")
            continue
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _refuse(where, "uses a compression this app does not read (only stored "
                                 "or deflated)")
        lower = name.lower()
        if lower.endswith(_YAML_SUFFIXES) and "/" not in name:
            programs.append(info.filename)
            limit = MAX_BYTES
        elif lower.endswith(ILLUSTRATION_SUFFIXES):
            limit = MAX_ILLUSTRATION_BYTES
        else:
            raise _refuse(where, "is not expected in a program package (one program YAML "
                                 "at the top and .svg or .png drawings)")
        if info.file_size > limit:
            raise _refuse(where, f"expands to {info.file_size} bytes; at most {limit // 1024} "
                                 "KiB is allowed")
        total += info.file_size
        if total > MAX_EXPANDED_BYTES:
            raise _refuse(archive, f"expands to more than {MAX_EXPANDED_BYTES // (1024 * 1024)} "
                                   "MiB; refusing the package")
        files.append(info)
    if len(programs) != 1:
        raise _refuse(archive, "holds no program YAML at its top" if not programs else
                      f"holds {len(programs)} program YAML files ({', '.join(programs)}); "
                      "a package holds one")
    return files


def _extract(archive: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, folder: Path) -> None:
    name = _check_name(archive, info.filename)
    target = folder.joinpath(*name.split("/"))
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    written = 0
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                 0o600)
    where = f"{archive}:{info.filename}"
    lied = "does not match the size the archive declares (damaged, or a zip bomb); " \
           "refusing the package"
    with os.fdopen(fd, "wb") as out, zf.open(info) as src:
        while True:
            try:
                # zipfile stops at the declared size and then fails the CRC check; the
                # count below holds even if it did not
                chunk = src.read(_CHUNK)
            except zipfile.BadZipFile:
                raise _refuse(where, lied) from None
            if not chunk:
                break
            written += len(chunk)
            if written > info.file_size:  # the directory lied: stop before it expands
                raise _refuse(where, lied)
            out.write(chunk)


@contextmanager
def unpacked(path: Path, display: str | None = None) -> Iterator[tuple[Path, str]]:
    """Check and extract the package at ``path`` into a private temporary folder; yields
    the program file there and its display name (``ARCHIVE:program.yaml``).  The folder
    is removed when the block ends."""
    archive = display or str(path)
    if path.is_symlink():
        raise _refuse(archive, "is a symbolic link; give the program package itself")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise _refuse(archive, "file not found") from None
    except OSError as exc:
        raise _refuse(archive, f"cannot be read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(archive, "is not a file")
    if info.st_size > MAX_ARCHIVE_BYTES:
        raise _refuse(archive, f"is larger than {MAX_ARCHIVE_BYTES // (1024 * 1024)} MiB; "
                               "refusing to read it")
    folder = Path(tempfile.mkdtemp(prefix="posture-coach-package-"))
    try:
        try:
            with zipfile.ZipFile(path) as zf:
                files = _check_entries(archive, zf.infolist())
                for entry in files:
                    _extract(archive, zf, entry, folder)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
            raise _refuse(archive, f"is not a readable program package (zip): {exc}") from None
        except (NotImplementedError, RuntimeError) as exc:
            raise _refuse(archive, f"cannot be read: {exc}") from None
        except OSError as exc:
            if isinstance(exc, FileExistsError):
                raise _refuse(archive, "names one file twice; refusing the package") from None
            raise _refuse(archive, f"cannot be unpacked: {exc.strerror or exc}") from None
        program = next(f for f in files if "/" not in f.filename.rstrip("/")
                       and f.filename.lower().endswith(_YAML_SUFFIXES))
        yield folder / program.filename, f"{archive}:{program.filename}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)

