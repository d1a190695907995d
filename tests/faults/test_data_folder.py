"""Classes 2, 3 and part of 9 of issue 15: the data folder under attack.

* One copy per data folder, whatever ``XDG_RUNTIME_DIR`` says, and nothing another user
  plants in /tmp (a lock file, a socket, a folder) stops the app or its command channel.
* Links in the data folder are never followed out: the journal, the log file, ``logs/``,
  ``cache/yaml`` linked to someone else's files leave those files as they were (bytes,
  mode), and "Delete all my data" removes links, never their targets.
* ``<data>/cache`` is user-only; stale temporary files of a killed run are cleaned at
  start.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import time
from pathlib import Path

import pytest

from tests.faults.harness import app_env, cli, need, start_app, stop_app, wait_answering, wait_until
from tests.faults.outside import as_nobody, plain, program_folder, run


def _victim(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Someone else's files: a folder of them, each with its bytes and mode."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("notes.txt", "photo.json", "other.log"):
        (folder / name).write_bytes(f"not yours: {name}\n".encode())
        os.chmod(folder / name, 0o644)
    return _state(folder)


def _state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
            for p in sorted(folder.iterdir()) if p.is_file()}


def _env_without_runtime(tmp_path: Path) -> dict[str, str]:
    env = app_env(tmp_path)
    env.pop("XDG_RUNTIME_DIR", None)
    return env


def _start(tmp_path: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    from tests.faults.harness import EXE

    return subprocess.Popen([str(EXE), "--config-dir", str(tmp_path / "config"),
                             "--data-dir", str(tmp_path / "data")], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def _status(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run(tmp_path, "status", env=env, timeout=15)


def _kill(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


# --- class 2: one copy per data folder ------------------------------------------------


def test_one_copy_per_data_folder_whatever_xdg_runtime_dir_says(tmp_path: Path) -> None:
    first = start_app(tmp_path)
    others: list[subprocess.Popen[str]] = []
    try:
        wait_answering(tmp_path, first)
        for n, runtime in enumerate(("elsewhere", None)):
            env = app_env(tmp_path)
            if runtime is None:
                env.pop("XDG_RUNTIME_DIR")
            else:
                folder = tmp_path / runtime
                folder.mkdir(mode=0o700)
                env["XDG_RUNTIME_DIR"] = str(folder)
            other = _start(tmp_path, env)
            others.append(other)
            try:
                code = other.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pytest.fail(f"copy {n + 2} started on the same data folder")
            out, err = other.communicate()
            assert code == 0 and "already running" in out + err, (code, out, err)
            assert "Traceback" not in err
    finally:
        for other in others:
            _kill(other)
        stop_app(tmp_path, first)


def test_another_user_cannot_stop_the_app_or_its_channel(tmp_path: Path) -> None:
    """Without XDG_RUNTIME_DIR the channel falls back to /tmp.  Another user plants, at
    every name a first run used there, a file of their own (and a world-writable folder
    where a folder was): the app still starts, ``status`` reaches it, a second copy still
    sees it running."""
    need(os.getuid() == 0, "acting as another user needs root")
    env = _env_without_runtime(tmp_path)
    before = set(os.listdir("/tmp"))
    proc = _start(tmp_path, env)
    try:
        wait_until(lambda: _status(tmp_path, env).returncode == 0, 30, "the first run")
        used = sorted(set(os.listdir("/tmp")) - before)
    finally:
        cli_quit = run(tmp_path, "quit", env=env)
        assert "Traceback" not in cli_quit.stderr
        proc.wait(timeout=20)
    planted = []
    for name in used:
        path = Path("/tmp") / name
        if not name.startswith("posture-coach"):
            continue
        was_dir = path.is_dir() and not path.is_symlink()
        subprocess.run(["rm", "-rf", str(path)], check=True)
        if was_dir:
            as_nobody("mkdir", "-m", "0777", str(path))
            as_nobody("touch", str(path / "planted"))
        else:
            as_nobody("sh", "-c", f"umask 0; : > {path}")
        planted.append(path)
    try:
        proc = _start(tmp_path, env)
        try:
            wait_until(lambda: _status(tmp_path, env).returncode == 0, 30,
                       "status to reach the app despite what was planted")
            second = _start(tmp_path, env)
            try:
                assert second.wait(timeout=30) == 0
                out, err = second.communicate()
                assert "already running" in out + err
            finally:
                _kill(second)
        finally:
            run(tmp_path, "quit", env=env)
            try:
                proc.wait(timeout=20)
            finally:
                _kill(proc)
        for path in planted:
            assert (path.exists() and path.lstat().st_uid != 0) or not path.exists(), path
    finally:
        for path in planted:
            subprocess.run(["rm", "-rf", str(path)], check=False)


@pytest.mark.parametrize("hostile", ["world-writable", "not-a-folder", "someone-elses"])
def test_a_hostile_xdg_runtime_dir_falls_back_safely(tmp_path: Path, hostile: str) -> None:
    need(os.getuid() == 0, "a folder of another user needs root")
    runtime = tmp_path / "runtime"
    if hostile == "world-writable":
        runtime.mkdir()
        os.chmod(runtime, 0o777)
    elif hostile == "not-a-folder":
        runtime.write_text("x")
    else:
        runtime.mkdir(mode=0o700)
        os.chown(runtime, 65534, 65534)
    env = app_env(tmp_path)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    proc = _start(tmp_path, env)
    try:
        wait_until(lambda: _status(tmp_path, env).returncode == 0, 30, "status")
    finally:
        run(tmp_path, "quit", env=env)
        try:
            proc.wait(timeout=20)
        finally:
            _kill(proc)
    err = proc.stderr.read() if proc.stderr else ""
    assert "Traceback" not in err
    if runtime.is_dir():
        assert not [p for p in runtime.iterdir() if p.name.startswith("posture-coach")]


# --- class 3: links in the data folder are never followed out -----------------------------


def _other_database(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE theirs (x)")
    db.execute("INSERT INTO theirs VALUES (1)")
    db.commit()
    db.close()
    os.chmod(path, 0o644)
    return path.read_bytes()


def test_a_linked_journal_is_refused_and_the_target_untouched(tmp_path: Path) -> None:
    victim = tmp_path / "other" / "app.db"
    before = _other_database(victim)
    data = tmp_path / "data"
    data.mkdir()
    (data / "journal.sqlite3").symlink_to(victim)
    out_file = tmp_path / "out.json"
    for args in (("export", "--format", "json", "--out", str(out_file)),
                 ("import", str(tmp_path / "none.json")),
                 ("report", "--format", "csv", "--out", str(tmp_path / "r.csv"))):
        out = plain(run(tmp_path, *args))
        assert "journal.sqlite3" in out, out
    proc = start_app(tmp_path)
    try:
        status = wait_answering(tmp_path, proc)
        assert "journal" in status
    finally:
        stop_app(tmp_path, proc)
    assert victim.read_bytes() == before
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert not (tmp_path / "other" / "app.db-wal").exists()
    assert (data / "journal.sqlite3").is_symlink()


@pytest.mark.parametrize("linked", ["logs", "cache", "cache/yaml", "logs/posture-coach.log",
                                    "journal.sqlite3.bak-v1"])
def test_links_in_the_data_folder_are_not_followed(tmp_path: Path, linked: str) -> None:
    victim = tmp_path / "victim"
    before = _victim(victim)
    data = tmp_path / "data"
    link = data / linked
    link.parent.mkdir(parents=True, exist_ok=True)
    target = victim / "other.log" if "." in linked.rsplit("/", 1)[-1] else victim
    link.symlink_to(target)
    proc = start_app(tmp_path)
    try:
        wait_answering(tmp_path, proc)
        plain(run(tmp_path, "export", "--format", "json", "--out", str(tmp_path / "e.json")),
              code=0)
        plain(run(tmp_path, "program", "import", "--yes",
                  str(program_folder(tmp_path / "in"))), code=0)
    finally:
        stop_app(tmp_path, proc)
    assert _state(victim) == before, "someone else's files were changed"
    assert link.is_symlink()


def test_delete_all_my_data_unlinks_links_never_their_targets(tmp_path: Path) -> None:
    from posture_coach.core import datafiles

    victim = tmp_path / "victim"
    before = _victim(victim)
    data = tmp_path / "data"
    data.mkdir()
    (data / "logs").symlink_to(victim)
    (data / "cache").mkdir()
    (data / "cache" / "yaml").symlink_to(victim)
    (data / "journal.sqlite3").symlink_to(victim / "notes.txt")
    (data / "journal.sqlite3-wal").symlink_to(victim / "photo.json")
    (data / "journal.sqlite3.bak-v1").write_bytes(b"ours")
    datafiles.make_private(data)
    deleted = datafiles.delete_all(data)
    assert _state(victim) == before
    assert not (data / "journal.sqlite3.bak-v1").exists()
    for name in ("logs", "cache/yaml", "journal.sqlite3", "journal.sqlite3-wal"):
        assert not os.path.lexists(data / name), f"the link {name} is still there"
    assert all(victim not in p.parents for p in deleted)


# --- class 9: the cache folder's mode, stale temporary files ------------------------------


def test_the_cache_folder_is_user_only(tmp_path: Path) -> None:
    proc = start_app(tmp_path)
    try:
        wait_answering(tmp_path, proc)
    finally:
        stop_app(tmp_path, proc)
    cache = tmp_path / "data" / "cache"
    assert cache.is_dir()
    for folder in (cache, *[p for p in cache.rglob("*") if p.is_dir()]):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_stale_temporary_files_are_cleaned_at_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "programs" / ".import-abc123").mkdir(parents=True)
    (data / "programs" / ".import-abc123" / "program.yaml").write_text("x")
    stale = [data / ".export.json.k2j4h5g6.tmp", data / ".journal.sqlite3.a1b2c3d4.tmp",
             data / "programs" / ".active.q1w2e3r4.tmp"]
    for path in stale:
        path.write_bytes(b"\0" * 4096)
        os.utime(path, (time.time() - 7200, time.time() - 7200))
    old = time.time() - 7200
    os.utime(data / "programs" / ".import-abc123", (old, old))
    keep = data / ".hidden-note-of-the-user.txt"
    keep.write_text("mine")
    proc = start_app(tmp_path)
    try:
        wait_answering(tmp_path, proc)
    finally:
        stop_app(tmp_path, proc)
    for path in stale:
        assert not path.exists(), path
    assert not (data / "programs" / ".import-abc123").exists()
    assert keep.read_text() == "mine"


def test_an_export_cleans_its_own_stale_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "exports" / "journal.json"
    out.parent.mkdir()
    stale = out.parent / ".journal.json.x8y7z6w5.tmp"
    stale.write_bytes(b"\0" * 4096)
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    plain(run(tmp_path, "program", "list"), code=0)  # a journal-less data folder is fine
    proc = start_app(tmp_path)
    try:
        wait_answering(tmp_path, proc)
        plain(cli(tmp_path, "export", "--format", "json", "--out", str(out)), code=0)
    finally:
        stop_app(tmp_path, proc)
    assert out.is_file() and not stale.exists()
