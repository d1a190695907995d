"""Sync end to end through a real sync engine (issue 19): two Syncthing instances (Debian's
``syncthing``) on loopback, each with its own home (``syncthing generate``), API key and
copy of one shared folder, and two posture-coach data folders.

A break recorded on A is in B's journal within 30 s; both record at once and converge;
A killed in the middle of a write, restarted, converges, and the line it left half
written is skipped with one message; A's settings (the optional settings sync) reach B.
Syncthing rescans every second and watches the folder with a 1 s delay; discovery,
relays and reporting are off.  Skipped when ``syncthing`` is not installed
(.ci/install-desktop-deps installs it).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from posture_coach.core import sync
from posture_coach.core.clock import SystemClock
from posture_coach.core.journal import Journal, Outcome, sync_rows
from posture_coach.core.sync import folder as fs
from posture_coach.core.sync.records import encode

pytestmark = pytest.mark.skipif(shutil.which("syncthing") is None,
                                reason="Debian's syncthing is not installed")
FOLDER_ID = "posture-coach-test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Instance:
    def __init__(self, root: Path, name: str):
        self.home = root / f"st-{name}"
        self.folder = root / f"Sync-{name}"
        self.folder.mkdir()
        (self.folder / ".stfolder").mkdir()
        out = subprocess.run(["syncthing", "generate", f"--home={self.home}",
                              "--no-default-folder", "--skip-port-probing"],
                             capture_output=True, text=True, timeout=60, check=True)
        self.id = next(line.split("Device ID:")[1].strip()
                       for line in (out.stdout + out.stderr).splitlines()
                       if "Device ID:" in line)
        self.gui, self.listen = free_port(), free_port()
        self.key = f"test-key-{name}"
        self.proc: subprocess.Popen[bytes] | None = None

    def configure(self, other: Instance) -> None:
        path = self.home / "config.xml"
        tree = ET.parse(path)
        root = tree.getroot()
        gui = root.find("gui")
        assert gui is not None
        gui.find("address").text = f"127.0.0.1:{self.gui}"  # type: ignore[union-attr]
        gui.find("apikey").text = self.key  # type: ignore[union-attr]
        options = root.find("options")
        assert options is not None
        for tag, value in (("listenAddress", f"tcp://127.0.0.1:{self.listen}"),
                           ("globalAnnounceEnabled", "false"),
                           ("localAnnounceEnabled", "false"), ("relaysEnabled", "false"),
                           ("natEnabled", "false"), ("urAccepted", "-1"),
                           ("autoUpgradeIntervalH", "0"), ("crashReportingEnabled", "false"),
                           ("startBrowser", "false"), ("reconnectionIntervalS", "1"),
                           ("setLowPriority", "false")):
            node = options.find(tag)
            if node is None:
                node = ET.SubElement(options, tag)
            node.text = value
        peer = ET.SubElement(root, "device", id=other.id, name="peer", compression="metadata",
                             introducer="false")
        ET.SubElement(peer, "address").text = f"tcp://127.0.0.1:{other.listen}"
        folder = ET.Element("folder", id=FOLDER_ID, label=FOLDER_ID, path=str(self.folder),
                            type="sendreceive", rescanIntervalS="1", fsWatcherEnabled="true",
                            fsWatcherDelayS="1", ignorePerms="false", autoNormalize="true")
        for device in (self.id, other.id):
            ET.SubElement(folder, "device", id=device)
        root.insert(0, folder)
        tree.write(path)

    def start(self) -> None:
        env = dict(os.environ, STNODEFAULTFOLDER="1", STNOUPGRADE="1", STNORESTART="1",
                   HOME=str(self.home))
        self.proc = subprocess.Popen(
            ["syncthing", "serve", f"--home={self.home}", "--no-browser", "--no-restart",
             "--no-upgrade", f"--gui-address=127.0.0.1:{self.gui}"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)

    def api(self, path: str) -> object:
        request = urllib.request.Request(f"http://127.0.0.1:{self.gui}{path}",
                                         headers={"X-API-Key": self.key})
        with urllib.request.urlopen(request, timeout=5) as reply:
            return json.loads(reply.read())

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)


def wait_for(what: Callable[[], bool], seconds: float, step: float = 0.25) -> float:
    """Seconds until ``what()`` held; fails after ``seconds``."""
    start = time.monotonic()
    while True:
        try:
            if what():
                return time.monotonic() - start
        except (OSError, ValueError):
            pass
        if time.monotonic() - start > seconds:
            pytest.fail(f"not within {seconds} s")
        time.sleep(step)


class App:
    """One computer's posture-coach data folder, synced as `posture-coach sync now` does."""

    def __init__(self, root: Path, name: str, folder: Path):
        self.data = root / f"data-{name}"
        self.journal = Journal.open(self.data / "journal.sqlite3", SystemClock())
        self.config = sync.enable(self.data, folder)
        self.problems: list[str] = []

    def sync(self) -> sync.SyncReport:
        report = sync.sync_once(self.journal, self.data, self.config)
        self.problems.extend(report.problems)
        return report

    def record(self, minutes_ago: int) -> None:
        at = datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)
        self.journal.record_break(planned_at=at, started_at=at, ended_at=at + timedelta(
            minutes=1), routine_id="desk-reset", outcome=Outcome.DONE)

    def contents(self) -> list[str]:
        return sorted(encode(k, u, d) for k, u, d in sync_rows.export(self.journal))


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Instance, Instance, App, App]]:
    a, b = Instance(tmp_path, "a"), Instance(tmp_path, "b")
    a.configure(b)
    b.configure(a)
    a.start()
    b.start()
    try:
        for inst in (a, b):
            wait_for(lambda inst=inst: inst.api("/rest/system/ping") == {"ping": "pong"}, 30)
        wait_for(lambda: a.api("/rest/system/connections")["connections"][b.id][  # type: ignore[index]
            "connected"], 30)
        yield a, b, App(tmp_path, "a", a.folder), App(tmp_path, "b", b.folder)
    finally:
        a.stop()
        b.stop()


def test_two_syncthing_instances_carry_breaks_both_ways(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b, app_a, app_b = pair
    # A break on A shows in B's journal within 30 s.
    app_a.record(30)
    app_a.sync()
    seconds = wait_for(lambda: app_b.sync().added.total == 1 or len(app_b.contents()) == 1,
                       30)
    print(f"A -> B through Syncthing: {seconds:.1f} s")
    assert app_b.contents() == app_a.contents()

    # Both record at once: they converge.
    app_a.record(20)
    app_b.record(19)
    app_a.sync()
    app_b.sync()
    wait_for(lambda: (app_a.sync(), app_b.sync()) and len(app_a.contents()) == 3
             and app_a.contents() == app_b.contents(), 30)

    # A killed in the middle of a write (a process that appends half a line, then dies),
    # restarted: B converges, the half line is skipped with one message, nothing lost.
    app_a.record(10)
    mine = fs.app_folder(a.folder) / app_a.config.device
    path = sorted(mine.glob("records-*.jsonl"))[-1]
    line = next(encode(k, u, d) for k, u, d in sync_rows.export(app_a.journal)
                if u not in {json.loads(x)["id"] for x in path.read_text().splitlines()})
    writer = subprocess.Popen([sys.executable, "-c", (
        "import os, sys, time\n"
        "fd = os.open(sys.argv[1], os.O_WRONLY | os.O_APPEND)\n"
        "os.write(fd, sys.argv[2].encode()[:40]); os.fsync(fd)\n"
        "print('written', flush=True); time.sleep(60)\n"), str(path), line],
        stdout=subprocess.PIPE)
    assert writer.stdout is not None and writer.stdout.readline() == b"written\n"
    writer.kill()
    writer.wait()
    app_a.sync()  # A restarted: its next sync writes the record again, on a fresh line
    wait_for(lambda: app_b.sync() is not None and app_b.contents() == app_a.contents(), 30)
    assert len(app_b.contents()) == 4
    damaged = {p for p in app_b.problems}
    assert len(damaged) == 1 and f"{path.name}:" in damaged.pop()
    status = b.api(f"/rest/db/status?folder={FOLDER_ID}")
    assert isinstance(status, dict) and status.get("errors", 0) == 0

    # Optionally the settings too, through the command line: B turns it on first, with
    # its defaults (nothing written); A's changed settings then reach B within 30 s.
    from posture_coach.cli.main import main
    from posture_coach.core.settings import Settings, load_settings, save_settings

    def args(app: App, name: str) -> list[str]:
        return ["--data-dir", str(app.data), "--config-dir", str(tmp_path / f"config-{name}")]

    assert main([*args(app_b, "b"), "sync", "settings", "on"]) == 0
    assert main([*args(app_b, "b"), "sync", "now"]) == 0
    save_settings(tmp_path / "config-a", Settings(interval_min=37))
    assert main([*args(app_a, "a"), "sync", "settings", "on"]) == 0
    assert main([*args(app_a, "a"), "sync", "now"]) == 0
    now = datetime.now(timezone.utc)
    seconds = wait_for(lambda: main([*args(app_b, "b"), "sync", "now"]) == 0 and load_settings(
        tmp_path / "config-b", now).settings.interval_min == 37, 30)
    print(f"A's settings -> B through Syncthing: {seconds:.1f} s")
    assert load_settings(tmp_path / "config-a", now).settings.interval_min == 37
