"""The one error type every user-caused problem in the core is reported with.

A :class:`Problem` says *what* is wrong and *where*: the file, the line and
column (1-based, as editors count), and the field path inside the document
(``exercises[3].dose.hold_s``).  A :class:`ValidationError` carries every
problem found in one file, so a user fixes them all in one go.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO


@dataclass(frozen=True)
class Location:
    """A place in a file; ``line`` and ``column`` count from 1."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, with where it is and what to do."""

    location: Location
    path: str
    message: str

    def __str__(self) -> str:
        where = str(self.location)
        if self.path:
            return f"{where}: {self.path}: {self.message}"
        return f"{where}: {self.message}"


class ValidationError(Exception):
    """A file could not be used; ``problems`` lists everything found in it."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        if not problems:
            raise ValueError("ValidationError needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, file: str | Path, message: str, line: int = 0, column: int = 0,
               path: str = "") -> ValidationError:
        return cls([Problem(Location(str(file), line, column), path, message)])


def print_problems(problems: Iterable[Problem], file: TextIO | None = None) -> int:
    """Each problem on its own line (``file:line:column: field: message``), to standard
    error unless ``file`` is given; how many there were."""
    out = sys.stderr if file is None else file
    count = 0
    for problem in problems:
        print(problem, file=out)
        count += 1
    return count
