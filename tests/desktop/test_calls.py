"""Quiet during a call, with a real sound server (the test desktop's PulseAudio, a null
source as the microphone) and a real recording client (parecord): a due break waits
while the microphone records, then comes when recording stops."""

from __future__ import annotations

import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from tests.desktop.test_wayland_desktops import SETTINGS, cli, start_app, stop_app
from tests.desktop.wdesktop import WaylandDesktop

pytestmark = pytest.mark.desktop


def test_a_due_break_waits_while_the_microphone_records(sway: WaylandDesktop,
                                                         tmp_path: Path) -> None:
    desk = sway
    assert shutil.which("parecord"), "pulseaudio-utils (parecord) is missing"
    assert desk.run("pactl", "info", check=False).returncode == 0, "no sound server"
    call = subprocess.Popen(["parecord", "--raw", "/dev/null"], env=desk.env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    proc = None
    try:
        desk.wait_for(lambda: "parecord" in desk.run("pactl", "list", "source-outputs",
                                                      check=False).stdout,
                      10, "parecord's recording stream")
        settings = SETTINGS + "quiet_limit_min: 10\nnotifications: false\n"
        proc = start_app(desk, tmp_path, settings, POSTURE_COACH_TEST_INTERVAL_S="6")
        log = tmp_path / "data" / "logs" / "posture-coach.log"
        desk.wait_for(lambda: log.is_file() and "microphone in use" in log.read_text(), 20,
                      "the microphone among the busy signals")
        desk.wait_for(lambda: "a break is due but you are busy (in-a-call)" in log.read_text(),
                      30, "the due break to wait for the call")
        assert "the microphone is in use by parecord" in log.read_text()
        assert not any("Break:" in t for t in desk.window_titles()), "it did not wait"
        status = cli(desk, tmp_path, "status").stdout
        assert "A break is on your screen now." not in status, status
        # the call ends: the break comes (rechecked every 5 s)
        call.send_signal(signal.SIGINT)
        call.wait(timeout=10)
        desk.window("Break: Desk reset", timeout=15)
        assert "while you were busy; it comes now" in log.read_text()
    finally:
        if call.poll() is None:
            call.kill()
            call.wait(timeout=5)
        if proc is not None:
            stop_app(desk, tmp_path, proc)
