"""Shared pieces for fault tests, meant to be reused as features are added:

* :func:`small_disk`: a tiny tmpfs that can be filled (disk full) or remounted read-only;
* :func:`start_app` / :func:`cli` / :func:`wait_answering`: the real app as a separate
  process on Qt's offscreen platform, with its own config and data folders, controlled
  through the real command channel;
* :func:`journal_facts`: what a journal file holds, read-only, with its integrity check.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

EXE = Path(sys.executable).parent / "posture-coach"

ALWAYS_AT_WORK = """\
version: 1
work_days: [mon, tue, wed, thu, fri, sat, sun]
work_start: "00:00"
work_end: "23:59"
notice_s: 0
idle_detection: false
"""


def need(condition: bool, why: str) -> None:
    """Skip when ``condition`` is false; in CI (``CI`` set, root on a fresh machine)
    fail instead, since everything these tests need is there."""
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)


# --- a small disk ----------------------------------------------------------------------

def can_mount() -> bool:
    return hasattr(os, "getuid") and os.getuid() == 0 and sys.platform.startswith("linux")


@contextlib.contextmanager
def small_disk(mountpoint: Path, size_kb: int = 8192) -> Iterator[Path]:
    """A tmpfs of ``size_kb`` at ``mountpoint`` (needs root: CI runs as root)."""
    need(can_mount(), "mounting a small tmpfs needs root on Linux")
    mountpoint.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0700",
                           "tmpfs", str(mountpoint)], capture_output=True, text=True)
    need(done.returncode == 0, f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", "-l", str(mountpoint)], check=False)


def fill(disk: Path) -> Path:
    """Fill ``disk`` to the last byte; remove the returned file to free it again."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as f:
        block = b"\0" * 4096
        while True:
            try:
                f.write(block)
                f.flush()
            except OSError as exc:
                assert exc.errno == errno.ENOSPC, exc
                break
        with contextlib.suppress(OSError):  # the last partial block
            while True:
                f.write(b"\0")
                f.flush()
    return filler


def immutable(paths: list[Path], on: bool) -> None:
    """Make files and folders unwritable even for root, even through open descriptors
    (``chattr +i``: needs root and a filesystem with that attribute, such as ext4).

    A read-only remount would be closer to a disk gone read-only, but Linux refuses it
    ("busy") while the journal is open for writing."""
    need(can_mount(), "chattr +i needs root on Linux")
    for path in paths:
        if path.exists():
            done = subprocess.run(["chattr", "+i" if on else "-i", str(path)],
                                  capture_output=True, text=True)
            need(done.returncode == 0, f"chattr does not work here: {done.stderr.strip()}")


# --- the real app, offscreen, in its own process ------------------------------------------

def app_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env.update(QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(runtime),
               HOME=str(tmp_path), LANG="C.UTF-8", LC_ALL="C.UTF-8", **extra)
    return env


def start_app(tmp_path: Path, *, prefix: tuple[str, ...] = (), **extra: str
              ) -> subprocess.Popen[str]:
    return subprocess.Popen([*prefix, str(EXE), "--config-dir", str(tmp_path / "config"),
                             "--data-dir", str(tmp_path / "data")],
                            env=app_env(tmp_path, **extra), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def cli(tmp_path: Path, *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXE), "--config-dir", str(tmp_path / "config"),
                           "--data-dir", str(tmp_path / "data"), *args],
                          env=app_env(tmp_path), capture_output=True, text=True,
                          timeout=timeout)


def wait_until(what: Any, timeout: float = 20, message: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = what()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {message}")
        time.sleep(0.05)


def wait_answering(tmp_path: Path, proc: subprocess.Popen[str], timeout: float = 30) -> str:
    """Wait until the app answers ``status``; its output."""
    def answer() -> str | None:
        if proc.poll() is not None:  # say all there is to know: this has been seen under load
            out, err = proc.communicate()
            raise AssertionError(f"the app exited with {proc.returncode}; stderr: {err!r}; "
                                 f"stdout: {out!r}; its log ends: {app_log(tmp_path)[-2000:]}")
        done = cli(tmp_path, "status")
        return done.stdout if done.returncode == 0 else None
    return str(wait_until(answer, timeout, "the app to answer status"))


def stop_app(tmp_path: Path, proc: subprocess.Popen[str]) -> str:
    """Quit through the command channel; the app's stderr.  Fails on a traceback."""
    try:
        if proc.poll() is None:
            cli(tmp_path, "quit")
            proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    err = proc.stderr.read() if proc.stderr else ""
    assert "Traceback" not in err, err
    assert proc.returncode == 0, err
    return err


def app_log(tmp_path: Path) -> str:
    path = tmp_path / "data" / "logs" / "posture-coach.log"
    return path.read_text() if path.exists() else ""


# --- the journal, from outside -----------------------------------------------------------

def journal_facts(path: Path) -> dict[str, Any]:
    """Rows per table and ``PRAGMA integrity_check`` of a journal, opened read-only."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {"integrity": db.execute("PRAGMA integrity_check").fetchone()[0],
                "rows": {t: db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
                         for t in tables}}
    finally:
        db.close()
