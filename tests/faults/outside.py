"""Helpers for the tests of untrusted files and a hostile data folder (issue 15).

Every case runs the real ``posture-coach`` command (or the real app, offscreen) on the
real file system, each call bounded by a timeout so a regression that blocks (a FIFO
opened without O_NONBLOCK, a read of /dev/zero) fails in seconds instead of hanging.

:func:`plain` is the check every refusal passes: no traceback, no raw control character
printed at the terminal, one short located line, and when the message names a log file,
that file exists.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.faults.harness import EXE, app_env, need
from tests.program_helpers import SVG, docs_example

RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
DETAILS = re.compile(r"Details are in (\S+?)\.?$", re.M)


def run(tmp_path: Path, *args: str, timeout: float = 20, env: dict[str, str] | None = None,
        stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real command with this test's config and data folders; fails (does not hang)
    after ``timeout`` seconds."""
    try:
        return subprocess.run([str(EXE), "--config-dir", str(tmp_path / "config"),
                               "--data-dir", str(tmp_path / "data"), *args],
                              env=env or app_env(tmp_path), capture_output=True, text=True,
                              timeout=timeout, input=stdin if stdin is not None else "",
                              errors="surrogateescape")
    except subprocess.TimeoutExpired:
        pytest.fail(f"`posture-coach {' '.join(args)}` did not answer within {timeout} s")


def run_all(tmp_path: Path, commands: list[list[str]], timeout: float = 30
            ) -> list[subprocess.CompletedProcess[str]]:
    """Several commands at once (each its own process, as a person's terminal tabs); the
    results in order.  Fails, killing what is left, after ``timeout`` seconds."""
    procs = [subprocess.Popen([str(EXE), "--config-dir", str(tmp_path / "config"),
                               "--data-dir", str(tmp_path / "data"), *args],
                              env=app_env(tmp_path), stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              errors="surrogateescape") for args in commands]
    deadline = time.monotonic() + timeout
    results = []
    try:
        for args, proc in zip(commands, procs):
            try:
                out, err = proc.communicate(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pytest.fail(f"`posture-coach {' '.join(args)}` did not answer within "
                            f"{timeout} s")
            results.append(subprocess.CompletedProcess(args, proc.returncode, out, err))
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    return results


def timed(tmp_path: Path, *args: str, timeout: float = 20
          ) -> tuple[subprocess.CompletedProcess[str], float, int]:
    """Run the command and measure it: the result, seconds taken and the peak RSS in MB
    (measured by a small parent of its own, so earlier children do not count)."""
    probe = textwrap.dedent("""
        import resource, subprocess, sys
        done = subprocess.run(sys.argv[1:], capture_output=True, text=True,
                              errors="surrogateescape")
        sys.stdout.write(done.stdout)
        sys.stderr.write(done.stderr)
        sys.stderr.write(f"\\n@@peak-kb {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
        sys.exit(done.returncode)
    """)
    start = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-c", probe, str(EXE), "--config-dir",
                               str(tmp_path / "config"), "--data-dir", str(tmp_path / "data"),
                               *args], env=app_env(tmp_path), capture_output=True, text=True,
                              timeout=timeout, input="", errors="surrogateescape")
    except subprocess.TimeoutExpired:
        pytest.fail(f"`posture-coach {' '.join(args)}` did not answer within {timeout} s")
    took = time.monotonic() - start
    err, _, peak = done.stderr.rpartition("\n@@peak-kb ")
    return (subprocess.CompletedProcess(done.args, done.returncode, done.stdout, err),
            took, int(peak) // 1024)


def plain(done: subprocess.CompletedProcess[str], *, code: int | None = 1,
          names: str | Path | None = None) -> str:
    """What the person saw, checked: exit ``code``, no traceback, no raw control
    characters, every named log file there; ``names`` (the user's file) in the output."""
    out = done.stdout + done.stderr
    assert "Traceback" not in out, out
    assert not RAW_CONTROL.search(out.replace("\n", "").replace("\t", "")), repr(out)
    for log in DETAILS.findall(out):
        assert Path(log).is_file(), f"the message names {log}, which does not exist: {out}"
    if code is not None:
        assert done.returncode == code, (done.returncode, out)
    if names is not None:
        assert str(names) in out, f"{names} is not named in: {out}"
    assert ".import-" not in out, f"an internal temporary path in: {out}"
    return out


def tree_bytes(folder: Path) -> int:
    """Bytes really allocated under ``folder`` (links not followed)."""
    total = 0
    for root, dirs, files in os.walk(folder):
        for name in files + dirs:
            try:
                st = os.lstat(os.path.join(root, name))
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                total += st.st_blocks * 512
    return total


def fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def sparse(path: Path, size: int = 2 * 1024 ** 3, head: bytes = b"version: 1\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(head)
        fh.truncate(size)
    return path


def program_folder(folder: Path, text: str | None = None) -> Path:
    """The documented example program (or ``text``) with its drawing, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pictures").mkdir(exist_ok=True)
    (folder / "pictures" / "towel-wall-slide.svg").write_text(SVG, encoding="utf-8")
    path = folder / "program.yaml"
    path.write_text(docs_example() if text is None else text, encoding="utf-8")
    return path


def example_with(old: str, new: str) -> str:
    text = docs_example()
    assert old in text, old
    return text.replace(old, new, 1)


def as_nobody(*argv: str) -> None:
    need(hasattr(os, "getuid") and os.getuid() == 0, "acting as another user needs root")
    done = subprocess.run(["runuser", "-u", "nobody", "--", *argv], capture_output=True,
                          text=True, timeout=10)
    need(done.returncode == 0, f"runuser -u nobody does not work here: {done.stderr}")

