"""Imported home programs, kept in the data folder; one of them active.

Layout::

    <data>/programs/<id>/program.yaml    the program file, byte for byte as checked
    <data>/programs/<id>/<drawings>      the drawings it names, at the same paths
    <data>/programs/active               the active program's id (one line)

An import checks the file first and changes nothing if it has problems.  The
bytes that were checked are the bytes stored (the file is read once); the
copy is built in a temporary folder beside the others, checked again there,
then renamed into place; the ``active`` pointer is replaced atomically.  So a
failed or interrupted import leaves the store as it was.  Earlier programs are
kept, and any of them can be made active again.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_atomic
from .errors import ValidationError
from .library import Library
from .program import Program, is_program, load_program, parse_program
from .safefile import read_bounded
from .yaml import ParseCache, decode, parse

PROGRAMS_DIR = "programs"
PROGRAM_FILE = "program.yaml"
ACTIVE_FILE = "active"
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class StoreError(Exception):
    """A problem with the store the user must be told about (unknown id, disk full)."""


@dataclass(frozen=True)
class StoredProgram:
    id: str
    folder: Path
    active: bool
    program: Program | None
    problems: ValidationError | None = None

    @property
    def file(self) -> Path:
        return self.folder / PROGRAM_FILE


def slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:48].strip("-") or "program"


def read_checked(path: Path, library: Library, display: str | None = None
                 ) -> tuple[bytes, Program]:
    """Read a program file once and check it; the bytes and the program they make."""
    from .yaml import read_bytes

    name = display or str(path)
    if path.is_symlink():
        raise ValidationError.single(name, "is a symbolic link; give the program file itself")
    data = read_bytes(path, name, follow=False)
    root = parse(decode(data, name), name)
    if not is_program(root):
        raise ValidationError.single(name, "is not a home program file: it has no "
                                           "'program: 1' line", root.line, root.column)
    base = path.resolve().parent
    program = parse_program(root, name, base, library)
    return data, program


@contextmanager
def program_source(path: Path) -> Iterator[tuple[Path, str | None]]:
    """The program file to read for ``path`` and its display name (None: the path).  A
    program package (``*.pcprogram``) is checked and unpacked into a temporary folder,
    removed when the block ends."""
    from .package import is_package, unpacked

    if is_package(path):
        with unpacked(path) as (inner, display):
            yield inner, display
    else:
        yield path, None


class ProgramStore:
    def __init__(self, data_dir: Path, cache: ParseCache | None = None):
        self.root = data_dir / PROGRAMS_DIR
        self.cache = cache  # parsed copies of the programs read (the app's)

    # ------------------------------------------------------------------ reading
    def ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir()
                      if p.is_dir() and _ID_RE.match(p.name) and (p / PROGRAM_FILE).is_file())

    def active_id(self) -> str | None:
        try:  # a regular file of one line, never a FIFO or a link (read at every start)
            text = read_bounded(self.root / ACTIVE_FILE, 256, follow=False).decode(
                "utf-8").strip()
        except (ValidationError, UnicodeDecodeError):
            return None
        return text if _ID_RE.match(text) and (self.root / text / PROGRAM_FILE).is_file() \
            else None

    def stamp(self) -> int | None:
        """Changes when the active program changes (for a cheap look once a minute)."""
        try:
            return (self.root / ACTIVE_FILE).stat().st_mtime_ns
        except OSError:
            return None

    def get(self, program_id: str, library: Library) -> StoredProgram:
        folder = self.root / program_id
        if not _ID_RE.match(program_id) or not (folder / PROGRAM_FILE).is_file():
            known = ", ".join(self.ids()) or "none yet"
            raise StoreError(f"no imported program {program_id!r}; imported: {known}")
        try:
            program: Program | None = load_program(folder / PROGRAM_FILE, library,
                                                    cache=self.cache)
            problems = None
        except ValidationError as exc:  # e.g. the library lost an exercise it uses
            program, problems = None, exc
        return StoredProgram(program_id, folder, program_id == self.active_id(), program,
                             problems)

    def all(self, library: Library) -> list[StoredProgram]:
        return [self.get(i, library) for i in self.ids()]

    def active(self, library: Library) -> StoredProgram | None:
        active = self.active_id()
        return self.get(active, library) if active else None

    # ------------------------------------------------------------------ writing
    def import_file(self, path: Path, library: Library, *, activate: bool = True
                    ) -> StoredProgram:
        """Check ``path``, copy it and its drawings in, and make it active.

        ``path`` may be a program package (``*.pcprogram``), unpacked and checked first.
        Raises :class:`ValidationError` (nothing changed) or :class:`StoreError`.
        """
        with program_source(path) as (source, display):
            return self._import_checked(source, display, library, activate)

    def _import_checked(self, path: Path, display: str | None, library: Library,
                        activate: bool) -> StoredProgram:
        data, program = read_checked(path, library, display)
        base = path.resolve().parent
        program_id = self._new_id(program, data)
        folder = self.root / program_id
        if not folder.exists():
            self._copy_in(data, program, base, folder, library, Path(path))
        if activate:
            self.activate(program_id)
        return self.get(program_id, library)

    def _new_id(self, program: Program, data: bytes) -> str:
        stem = f"{program.start.isoformat()}-{slug(program.title)}"
        candidate, n = stem, 1
        while (self.root / candidate).exists():
            try:
                if read_bounded(self.root / candidate / PROGRAM_FILE, len(data),
                                follow=False) == data:
                    return candidate  # the same program imported again
            except ValidationError:
                pass
            n += 1
            candidate = f"{stem}-{n}"
        return candidate

    def _copy_in(self, data: bytes, program: Program, base: Path, folder: Path,
                 library: Library, shown: Path) -> None:
        from .program import MAX_ILLUSTRATION_BYTES

        try:
            self.root.mkdir(parents=True, exist_ok=True)
            temp = Path(tempfile.mkdtemp(prefix=".import-", dir=self.root))
        except OSError as exc:
            raise StoreError(f"cannot write to {self.root}: {exc.strerror or exc}") from None
        try:
            (temp / PROGRAM_FILE).write_bytes(data)
            for picture in program.illustrations:
                relative = picture.relative_to(base)
                target = temp / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                # read as checked: a regular file, not a link, bounded (never a FIFO)
                target.write_bytes(read_bounded(picture, MAX_ILLUSTRATION_BYTES,
                                                str(shown.parent / relative), follow=False))
            # The copy is what will be used: check it again where it lies, naming the
            # person's file in any problem, never this temporary folder.
            try:
                load_program(temp / PROGRAM_FILE, library, display=str(shown))
            except ValidationError as exc:
                raise _renamed(exc, temp, base) from None
            _fsync_tree(temp)
            os.replace(temp, folder)
        except ValidationError:
            shutil.rmtree(temp, ignore_errors=True)
            raise
        except OSError as exc:
            shutil.rmtree(temp, ignore_errors=True)
            raise StoreError(f"cannot copy the program into {self.root}: "
                             f"{exc.strerror or exc}") from None

    def activate(self, program_id: str) -> None:
        if program_id not in self.ids():
            known = ", ".join(self.ids()) or "none yet"
            raise StoreError(f"no imported program {program_id!r}; imported: {known}")
        try:
            write_atomic(self.root / ACTIVE_FILE, program_id + "\n")
        except OSError as exc:
            raise StoreError(f"cannot write {self.root / ACTIVE_FILE}: "
                             f"{exc.strerror or exc}") from None

    def deactivate(self) -> None:
        """No active program: the settings' schedule and the library's routines again."""
        try:
            (self.root / ACTIVE_FILE).unlink()
        except FileNotFoundError:
            pass


def _renamed(exc: ValidationError, temp: Path, base: Path) -> ValidationError:
    """``exc`` with the temporary folder's name replaced by the person's folder."""
    from .errors import Location, Problem

    def fix(text: str) -> str:
        return text.replace(str(temp), str(base))

    return ValidationError([Problem(Location(fix(p.location.file), p.location.line,
                                             p.location.column), p.path, fix(p.message))
                            for p in exc.problems])


def _fsync_tree(folder: Path) -> None:
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            with open(os.path.join(dirpath, name), "rb") as fh:
                os.fsync(fh.fileno())
