"""Quiet during a call, with a real sound server (the test desktop's PulseAudio, a null
source as the microphone) and a real recording client (parecord): a due break waits
while the microphone records, then comes when recording stops.  The same with a camera:
a process holding /dev/video7 open (a device of the test's own, see below)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from tests.desktop.test_wayland_desktops import SETTINGS, cli, exe, start_app, stop_app
from tests.desktop.wdesktop import WaylandDesktop
from tests.desktop.xdesktop import Desktop
from tests.helpers import acknowledge_safety

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


# A camera held open, for real: the app's camera signal reads /proc/*/fd links for
# /dev/video*.  A private mount namespace gives the test a /dev of its own (a tmpfs with
# a regular file at /dev/video7 and the few devices a program needs), seen through a
# chroot into a recursive bind of /: there a helper holds /dev/video7 open and the app
# runs.  Seen from outside, the helper's link reads <root>/dev/video7, so other apps on
# the machine (other tests running at the same time) do not take it for a call.
CAMERA_ROOT = """\
set -e
root="$1"; shift
mount --make-rprivate /
mount --rbind / "$root"
mount -t tmpfs -o mode=755 tmpfs "$root/dev"
for dev in null zero full random urandom tty ptmx; do
    touch "$root/dev/$dev"; mount --bind "/dev/$dev" "$root/dev/$dev"
done
mkdir "$root/dev/shm" "$root/dev/pts"
mount --bind /dev/shm "$root/dev/shm"; mount --bind /dev/pts "$root/dev/pts"
touch "$root/dev/video7"
chroot "$root" /bin/sh -c 'exec 3</dev/video7; exec sleep 600' &
echo $! > "$root.holder"
exec chroot "$root" "$@"
"""


def test_a_due_break_waits_while_the_camera_is_held_open(desktop: Desktop,
                                                          tmp_path: Path) -> None:
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("chroot"):
        pytest.skip("a /dev/video of its own needs root (unshare -m, chroot)")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.yaml").write_text(
        SETTINGS + "quiet_limit_min: 10\nnotifications: false\n")
    acknowledge_safety(tmp_path / "data")
    root = tmp_path / "root"
    root.mkdir()
    script = tmp_path / "camera-root.sh"
    script.write_text(CAMERA_ROOT)
    # and no sound server (bad input of its own): the microphone is not watched, and
    # `status` says so; breaks are still planned and still wait for the camera
    env = dict(desktop.env, POSTURE_COACH_TEST_INTERVAL_S="6",
               PULSE_SERVER=f"unix:{tmp_path / 'no-sound-server'}")
    proc = subprocess.Popen(["unshare", "-m", "sh", str(script), str(root), exe(),
                             "--config-dir", str(tmp_path / "config"),
                             "--data-dir", str(tmp_path / "data")],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    holder_file = Path(f"{root}.holder")
    holder = 0
    try:
        desktop.wait_for(holder_file.is_file, 10, "the camera's holder")
        holder = int(holder_file.read_text())
        # outside the test's namespace the link is not a /dev/video path
        desktop.wait_for(lambda: any(os.readlink(fd.path).endswith("/dev/video7")
                                     for fd in os.scandir(f"/proc/{holder}/fd")), 10,
                         "the holder to open the camera")
        assert not any(os.readlink(fd.path).startswith("/dev/video")
                       for fd in os.scandir(f"/proc/{holder}/fd"))
        log = tmp_path / "data" / "logs" / "posture-coach.log"
        desktop.wait_for(lambda: log.is_file() and "camera in use" in log.read_text(), 20,
                         "the camera among the busy signals")
        desktop.wait_for(lambda: "a break is due but you are busy (in-a-call)"
                         in log.read_text(), 30, "the due break to wait for the call")
        assert f"the camera is in use by process {holder}" in log.read_text()
        assert not desktop.windows("^Break: "), "it did not wait"
        status = cli(desktop, tmp_path, "status").stdout  # type: ignore[arg-type]
        assert "A break is on your screen now." not in status, status
        assert "The microphone is not watched: no sound server (PulseAudio or PipeWire) " \
               "answers." in status, status
        assert "you are in a call (the microphone or camera is in use)" in status, status
        assert "Next break at" in status, status
        # the call ends (the camera is let go): the break comes (rechecked every 5 s)
        os.kill(holder, signal.SIGTERM)
        desktop.wait_window("^Break: Desk reset", timeout=15)
        assert "while you were busy; it comes now" in log.read_text()
    finally:
        if holder:
            with contextlib.suppress(ProcessLookupError):
                os.kill(holder, signal.SIGKILL)
        stop_app(desktop, tmp_path, proc)  # type: ignore[arg-type]
