"""SIGKILL at random moments: the journal opens afterwards, holds everything reported
stored before the kill, and ``PRAGMA integrity_check`` says ok.

* 50 kills of a driver child (tests/faults/kill_driver.py) that runs the app's real
  recording code (coach + player for breaks and their steps, pain ratings, the thermal
  timer for ice/heat sessions, snoozes and pauses) against one journal that grows over
  the kills; the driver needs no Qt, so each start is quick and the moments vary.
* A few kills of the real app (offscreen) with a break on screen.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal
from tests.faults.harness import (
    ALWAYS_AT_WORK,
    cli,
    journal_facts,
    start_app,
    stop_app,
    wait_answering,
)
from tests.helpers import REPO

KILLS = 50


def run_and_kill(journal: Path, seed: int, delay: float) -> list[tuple[str, int]]:
    proc = subprocess.Popen([sys.executable, "-m", "tests.faults.kill_driver", str(journal),
                             str(seed)], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    ready = proc.stdout.readline()
    assert ready == "ready\n", proc.communicate()[1]
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL, err  # it was running, not crashed
    stored = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "done":  # a half-written last line is not news
            stored.append((parts[1], int(parts[2])))
    return stored


def test_fifty_kills_at_random_moments(tmp_path: Path) -> None:
    journal = tmp_path / "journal.sqlite3"
    rng = random.Random(8)
    reported: set[tuple[str, int]] = set()
    for kill in range(KILLS):
        reported |= set(run_and_kill(journal, kill, rng.uniform(0.0, 0.25)))
        facts = journal_facts(journal)
        assert facts["integrity"] == "ok", f"after kill {kill + 1}: {facts['integrity']}"
        held = {(table, row[0]) for table, rows in facts["rows"].items() for row in rows}
        missing = {r for r in reported if r[0] != "export"} - held
        assert not missing, f"after kill {kill + 1}, lost: {sorted(missing)}"
        export = tmp_path / "export.json"
        if export.exists():  # an export cut by the kill leaves the last whole one
            exported = json.loads(export.read_text(encoding="utf-8"))  # never a part
            assert len(exported["breaks"]) <= len(facts["rows"]["breaks"])
    assert len({r for r in reported if r[0] == "breaks"}) >= KILLS  # the kills hit work
    assert any(r[0] == "thermal_sessions" for r in reported)
    assert any(r[0] == "export" for r in reported)
    opened = Journal.open(journal, FakeClock(datetime(2026, 12, 1, tzinfo=timezone.utc)))
    assert opened.notice is None  # not damaged: nothing moved aside
    opened.close()
    assert not [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]


def test_real_app_killed_with_a_break_on_screen(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.yaml").write_text(ALWAYS_AT_WORK)
    rng = random.Random(88)
    for snoozed in range(1, 4):
        proc = start_app(tmp_path)
        wait_answering(tmp_path, proc)
        assert cli(tmp_path, "break-now").returncode == 0
        assert cli(tmp_path, "snooze", "5").returncode == 0  # stored: a snoozed break
        assert cli(tmp_path, "break-now").returncode == 0  # on screen when killed
        time.sleep(rng.uniform(0.0, 0.5))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        facts = journal_facts(tmp_path / "data" / "journal.sqlite3")
        assert facts["integrity"] == "ok"
        assert len(facts["rows"]["breaks"]) == snoozed
    proc = start_app(tmp_path)  # and it starts again on that journal
    try:
        assert "Last break: snoozed at" in wait_answering(tmp_path, proc)
    finally:
        stop_app(tmp_path, proc)
    assert not [p for p in (tmp_path / "data").iterdir() if ".corrupt-" in p.name]
