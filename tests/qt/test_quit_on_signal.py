"""SIGTERM (logout, shutdown, kill) quits the real app cleanly: the break on screen is
recorded, the command socket removed, exit status 0."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from posture_coach.core.clock import SystemClock
from posture_coach.core.commands import CommandError, NotRunning, socket_name
from posture_coach.core.journal import Journal, Outcome
from posture_coach.desktop.channel.client import send_command
from tests.helpers import acknowledge_safety


def ask(data: Path, request: dict[str, object], timeout: float = 30) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return send_command(data, request, timeout=5)
        except (NotRunning, CommandError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_quits_cleanly_and_records_the_break(tmp_path: Path,
                                                      number: signal.Signals) -> None:
    config, data = tmp_path / "config", tmp_path / "data"
    acknowledge_safety(data)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", POSTURE_COACH_CONFIG_DIR=str(config),
               POSTURE_COACH_DATA_DIR=str(data))
    proc = subprocess.Popen([sys.executable, "-c",
                             "import sys; from posture_coach.cli import main; sys.exit(main())"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        assert ask(data, {"cmd": "break-now", "routine": "desk-reset"})["break"] == "desk-reset"
        proc.send_signal(number)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert not Path(socket_name(data)).exists()
    journal = Journal.open(data / "journal.sqlite3", SystemClock())
    try:
        last = journal.last_break()
        assert last is not None and last.routine_id == "desk-reset"
        assert last.outcome is Outcome.SKIPPED  # on screen, nothing done yet
    finally:
        journal.close()
