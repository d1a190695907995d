"""Settings and library files that are truncated, binary garbage, in the wrong encoding,
huge, or hostile YAML (alias bombs, deep nesting, tags that build objects, merge keys):
each answered with a located message (file:line:column), the file byte for byte as it
was, and the real app running on the defaults / the bundled library.

HOSTILE is a table; later file types (programs, exports' settings) add their loader to
LOADERS and get every case for free.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest

from posture_coach.core import paths
from posture_coach.core.errors import Problem
from posture_coach.core.library import load_library
from posture_coach.core.settings import FILE_NAME, load_settings
from tests.faults.harness import app_log, start_app, stop_app, wait_answering
from tests.helpers import MINIMAL

LIBRARY = paths.user_library(Path("x")).name
GOOD_SETTINGS = (b"version: 1\ninterval_min: 40\nwork_days: [mon, tue, wed]\n"
                 b'work_start: "08:00"\nwork_end: "17:00"\n')


def _bomb() -> bytes:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


def _garbage(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def hostile(good: bytes) -> dict[str, bytes]:
    """Each hostile variant of a good file."""
    text = good.decode()
    return {
        "truncated": good[: len(good) * 2 // 3],
        "truncated-mid-character": "interval_min: 40 # é".encode()[:-1],
        "binary-garbage": _garbage(4096, 1),
        "nul-bytes": b"version: 1\x00\x00\x00interval_min: 40\n",
        "utf-16": text.encode("utf-16"),
        "utf-16-no-bom": text.encode("utf-16-le"),
        "latin-1": ("# réglages\n" + text).encode("latin-1"),
        "huge": b"# " + b"x" * (3 * 1024 * 1024) + b"\n" + good,
        "huge-one-value": b"version: 1\nroutine: " + b"y" * (2 * 1024 * 1024) + b"\n",
        "alias-bomb": _bomb(),
        "deep-nesting": b"version: " + b"[" * 5000 + b"]" * 5000 + b"\n",
        "deep-mapping": b"".join(b"  " * i + b"k:\n" for i in range(100)) + b"  " * 100
                        + b"v\n",
        "python-object-tag": b"version: !!python/object/apply:os.system ['touch /tmp/pwned']\n",
        "python-name-tag": b"!!python/name:os.system\n",
        "set-tag": b"version: !!set {a, b}\n",
        "custom-tag": b"version: !custom 1\n",
        "merge-key": b"base: &b {version: 1}\n<<: *b\n",
        "duplicate-keys": b"version: 1\nversion: 1\n",
        "empty": b"",
        "only-a-comment": b"# nothing here\n",
        "a-list": b"- 1\n- 2\n",
        "a-scalar": b"just words\n",
        "tabs": b"version:\t1\n\tinterval_min: 40\n",
        "unclosed-quote": b'work_start: "08:00\n',
        "many-documents": b"version: 1\n---\nversion: 1\n",
    }


ACCEPTABLE = {"empty", "only-a-comment"}
"""Cases with nothing wrong to report: an empty settings file means the defaults."""

LOCATED = re.compile(r":\d+:\d+")


def check_settings(folder: Path) -> tuple[Problem, ...]:
    loaded = load_settings(folder, datetime(2026, 11, 23, 10, tzinfo=timezone.utc))
    return loaded.problems


def check_library(folder: Path) -> tuple[Problem, ...]:
    loaded = load_library(paths.bundled_library(), folder / LIBRARY)
    assert loaded.library.routines  # the bundled library, whatever the user file holds
    return loaded.user_file_problems.problems if loaded.user_file_problems else ()


LOADERS: dict[str, tuple[str, bytes, Callable[[Path], tuple[Problem, ...]]]] = {
    "settings": (FILE_NAME, GOOD_SETTINGS, check_settings),
    "library": (LIBRARY, MINIMAL.encode(), check_library),
}


@pytest.mark.parametrize("kind", sorted(LOADERS))
def test_every_hostile_file_gets_a_located_message(tmp_path: Path, kind: str) -> None:
    name, good, check = LOADERS[kind]
    for case, data in hostile(good).items():
        folder = tmp_path / case
        folder.mkdir()
        path = folder / name
        path.write_bytes(data)
        problems = check(folder)
        assert path.read_bytes() == data, f"{kind}/{case}: the file was changed"
        if case in ACCEPTABLE and kind == "settings":
            continue
        assert problems, f"{kind}/{case}: accepted without a word"
        first = str(problems[0])
        assert str(path) in first, f"{kind}/{case}: {first!r} does not name the file"
        assert LOCATED.search(first), f"{kind}/{case}: {first!r} has no line:column"
        assert not Path("/tmp/pwned").exists()
        assert len(first) < 600, f"{kind}/{case}: a message of {len(first)} characters"


@pytest.mark.parametrize(("settings_case", "library_case"), [
    ("binary-garbage", "alias-bomb"),
    ("utf-16", "deep-nesting"),
    ("python-object-tag", "huge"),
])
def test_real_app_runs_on_hostile_files(tmp_path: Path, settings_case: str,
                                        library_case: str) -> None:
    """The real app (offscreen): starts, answers ``status``, leaves both files alone and
    names each in its log with a location."""
    config = tmp_path / "config"
    config.mkdir()
    settings_bytes = hostile(GOOD_SETTINGS)[settings_case]
    library_bytes = hostile(MINIMAL.encode())[library_case]
    (config / "settings.yaml").write_bytes(settings_bytes)
    (config / "exercises.yaml").write_bytes(library_bytes)
    proc = start_app(tmp_path)
    try:
        status = wait_answering(tmp_path, proc)  # on the defaults: maybe outside hours
        first = status.splitlines()[0]
        assert first.startswith(("Breaks are on.", "Outside your working hours.")) and \
            ("Next break at" in first or "No break is planned." in first)
    finally:
        stop_app(tmp_path, proc)
    assert (config / "settings.yaml").read_bytes() == settings_bytes
    assert (config / "exercises.yaml").read_bytes() == library_bytes
    log = app_log(tmp_path)
    assert re.search(re.escape(str(config / "settings.yaml")) + r":\d+:\d+", log), log
    assert re.search(re.escape(str(config / "exercises.yaml")) + r":\d+:\d+", log), log
    assert "Traceback" not in log


def test_utf16_and_nul_bytes_are_named(tmp_path: Path) -> None:
    for case, words in (("utf-16", "is UTF-16 text; save the file as UTF-8"),
                        ("utf-16-no-bom", "contains NUL bytes"),
                        ("nul-bytes", "contains NUL bytes")):
        folder = tmp_path / case
        folder.mkdir()
        (folder / FILE_NAME).write_bytes(hostile(GOOD_SETTINGS)[case])
        [problem] = check_settings(folder)
        assert words in str(problem), (case, str(problem))
