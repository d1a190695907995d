"""The .deb as a patient gets it: built by `make dist`, installed with dpkg, the installed
command run on the real desktop (Xvfb + tint2's tray + dunst): the tray, `status`, a
break on schedule, a program file opened through its MIME type (gio open, as a
double-click), `quit`; then removed, leaving nothing but the person's own data.

Needs root (dpkg -i on this machine) and a machine without posture-coach installed from
elsewhere; `make dist-test` runs it.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.desktop.xdesktop import Desktop, require_tools, wait_until
from tests.helpers import REPO, acknowledge_safety
from tests.program_helpers import docs_example, write_program
from tests.qt.test_handout import pdf_text

pytestmark = pytest.mark.desktop

PACKAGE = "posture-coach"
SETTINGS = """\
version: 1
work_days: [mon, tue, wed, thu, fri, sat, sun]
work_start: "00:00"
work_end: "23:59"
notice_s: 4
idle_detection: false
routines: [desk-reset]
"""  # the desk reset by name: the default rotation starts with a walk
YAML_TYPE = "application/x-posture-coach-program+yaml"


def sh(*args: str, timeout: float = 120, check: bool = True,
       env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=check,
                          env=env)


def dpkg(*args: str) -> subprocess.CompletedProcess[str]:
    """dpkg, waiting out another dpkg or apt run on this machine (its lock)."""
    deadline = time.monotonic() + 120
    while True:
        out = sh("dpkg", *args, timeout=300, check=False)
        if out.returncode == 0:
            return out
        if "lock" not in out.stderr or time.monotonic() > deadline:
            raise AssertionError(f"dpkg {' '.join(args)} failed:\n{out.stdout}{out.stderr}")
        time.sleep(2)


def installed() -> bool:
    out = sh("dpkg-query", "-W", "-f=${Status}", PACKAGE, check=False)
    return "install ok installed" in out.stdout


def notifications(desktop: Desktop) -> list[str]:
    try:
        data = json.loads(desktop.run("dunstctl", "history", check=False).stdout)
    except json.JSONDecodeError:
        return []
    return [n["summary"]["data"] for group in data.get("data", []) for n in group]


def start_sound(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """PulseAudio in the session's runtime folder, a null sink its only output."""
    Path(env["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen(["pulseaudio", "--daemonize=no", "--exit-idle-time=-1",
                               "--disallow-exit", "--system=false", "-n",
                               "--load=module-native-protocol-unix",
                               "--load=module-null-sink sink_name=speakers"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    wait_until(lambda: sh("pactl", "info", env=env, check=False).returncode == 0, 20,
               "the PulseAudio server")
    return server


@pytest.fixture(scope="module")
def deb() -> Path:
    """`make dist`, timed: the .deb it leaves in dist/."""
    if os.geteuid() != 0:
        pytest.skip("installs a .deb with dpkg: run as root")
    require_tools("dpkg", "dpkg-deb", "gio", "make", "pulseaudio", "pactl")
    if installed():
        pytest.skip("posture-coach is already installed on this machine; not touching it")
    start = time.monotonic()
    out = sh("make", "-C", str(REPO), "dist", timeout=1800, check=False)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    print(f"make dist took {time.monotonic() - start:.0f} s")
    [package] = (REPO / "dist").glob(f"{PACKAGE}_*.deb")
    return package


def test_install_run_open_a_program_and_remove(deb: Path, desktop: Desktop,
                                               tmp_path: Path) -> None:
    home = tmp_path / "home"
    config = home / ".config" / "posture-coach"
    data = home / ".local" / "share" / "posture-coach"
    config.mkdir(parents=True)
    (config / "settings.yaml").write_text(SETTINGS)
    acknowledge_safety(data)
    # the person's session: the test desktop's display and bus, a home of its own
    env = dict(desktop.env, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local" / "share"),
               POSTURE_COACH_TEST_INTERVAL_S="12")
    env.pop("XDG_DATA_DIRS", None)  # the system's /usr/share, where the package puts things
    env["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    session = Desktop(desktop.display, env, desktop.shots, desktop.procs)

    stamp = tmp_path / "before-install"
    stamp.touch()
    dpkg("-i", str(deb))
    proc = sound = events = None
    try:
        files = [Path(f) for f in dpkg("-L", PACKAGE).stdout.split()]
        assert Path("/usr/bin/posture-coach") in files
        assert Path("/usr/lib/posture-coach/posture-coach") in files
        assert Path("/usr/share/applications/posture-coach.desktop") in files
        assert Path("/usr/share/mime/packages/posture-coach.xml") in files
        assert Path("/usr/share/icons/hicolor/scalable/apps/posture-coach.svg") in files
        assert any(f.parent == Path("/usr/share/metainfo") for f in files)
        assert shutil.which("posture-coach", path=env["PATH"]) == "/usr/bin/posture-coach"
        version = sh("/usr/bin/posture-coach", "--version", env=env).stdout
        assert version.startswith("posture-coach ")

        def cli(*args: str) -> subprocess.CompletedProcess[str]:
            return sh("/usr/bin/posture-coach", *args, timeout=30, check=False, env=env)

        # a sound server of the session's own (a null sink as the speakers): the bundle
        # has no media backend plugin, QSoundEffect plays the chimes without one
        sound = start_sound(env)
        events = subprocess.Popen(["pactl", "subscribe"], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True)
        # the installed command on the desktop: tray, status, a break on schedule
        desktop.run("dunstctl", "history-clear", check=False)
        proc = subprocess.Popen(["/usr/bin/posture-coach"], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        wait_until(lambda: cli("status").returncode == 0, 30, "the installed app's status")
        status = cli("status").stdout
        assert "Shown in the system tray." in status and "Next break at " in status
        wait_until(lambda: any(s.startswith("Break in") for s in notifications(session)),
                   40, "the notice before the break (dunst)")
        window = session.wait_window("Break: Desk reset", timeout=30)
        session.screenshot("deb-break")
        assert "A break is on your screen now." in cli("status").stdout
        session.run("xdotool", "windowfocus", "--sync", window)

        def finish_and_rate() -> bool:
            session.run("xdotool", "key", "--window", window, "Return", check=False)
            session.run("xdotool", "key", "--window", window, "7", check=False)
            return not session.windows("Break: Desk reset")
        wait_until(finish_and_rate, 15, "the break window to take Enter and a rating")
        wait_until(lambda: "Last break: skipped at " in cli("status").stdout, 10,
                   "the break in the journal")
        streams = sh("pactl", "list", "sink-inputs", env=env).stdout
        events.terminate()
        heard = events.communicate(timeout=10)[0]
        assert "'new' on sink-input" in heard, (heard, streams)  # the end-of-break chime

        # a program file, double-clicked: its type by content, the launcher, the preview
        program = write_program(home / "Downloads" / "from-clinic", name="home-program.yaml")
        kind = sh("gio", "info", "-a", "standard::content-type", str(program), env=env).stdout
        assert YAML_TYPE in kind
        assert "posture-coach.desktop" in sh("gio", "mime", YAML_TYPE, env=env).stdout
        sh("gio", "open", str(program), env=env)
        preview = session.wait_window("import preview")
        session.screenshot("deb-import-preview", preview)
        pid = int(session.run("xdotool", "getwindowpid", preview).stdout)
        assert pid == proc.pid  # the running copy was told, not a second app started
        session.run("xdotool", "windowfocus", "--sync", preview)
        session.run("xdotool", "key", "alt+i")
        wait_until(lambda: "Home program: Upper back home program" in cli("status").stdout,
                   20, "the program imported and active")
        # a broken one: its located problems in a window
        broken = write_program(home / "Downloads" / "broken",
                               docs_example().replace("sets: 2", "sets: -2", 1),
                               name="broken-program.yaml")
        sh("gio", "open", str(broken), env=env)
        refused = session.wait_window("import preview")
        session.screenshot("deb-import-refused", refused)

        def close() -> bool:
            session.run("xdotool", "key", "--window", refused, "Escape", check=False)
            return not session.windows("import preview")
        wait_until(close, 15, "the refusal to close on Escape")
        # History's charts (QtCharts), and the handout printed to PDF in Spanish (the
        # bundle's catalogues, QtPrintSupport, the drawings through QtSvg)
        assert cli("history").returncode == 0
        history = session.wait_window("History", timeout=20)
        session.screenshot("deb-history", history)
        handout = home / "handout-es.pdf"
        printed = cli("--language", "es", "program", "print", str(program), "--out",
                      str(handout))
        assert printed.returncode == 0, printed.stderr
        text = " ".join(pdf_text(handout).split())
        assert "Haz que te evalúen la espalda si" in text and "Riverside" in text, text[:2000]
        assert b"/Image" in handout.read_bytes() or len(handout.read_bytes()) > 50_000

        out = cli("quit")
        assert out.returncode == 0 and "quitting" in out.stdout
        proc.wait(timeout=20)
        assert proc.returncode == 0
        err = proc.stderr.read() if proc.stderr else ""
        assert "Traceback" not in err, err
        log = (data / "logs" / "posture-coach.log").read_text()
        assert "unexpected error" not in log and "Traceback" not in log, log
        # the installation itself was not written to while the app ran (dpkg gives the
        # files the package's times, older than the stamp)
        written = sh("find", "/usr/lib/posture-coach", "-newer", str(stamp), "-not", "-type",
                     "d").stdout.split()
        assert written == [], written
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        for server in (events, sound):
            if server is not None and server.poll() is None:
                server.kill()
                server.wait(timeout=10)
        if installed():
            dpkg("--purge", PACKAGE)

    # removed: none of its files, none of what the triggers made from them
    assert not installed()
    left = [str(f) for f in files if f.is_file() or f.is_symlink()]
    assert left == []
    assert not Path("/usr/lib/posture-coach").exists()
    assert not list(Path("/usr/share/mime/application").glob("x-posture-coach-program*"))
    cache = Path("/usr/share/applications/mimeinfo.cache")
    assert not cache.exists() or "posture-coach" not in cache.read_text()
    assert shutil.which("posture-coach", path=env["PATH"]) is None
    # ... and the person's data stays theirs
    assert (config / "settings.yaml.v1").read_text() == SETTINGS  # as migrated at start
    saved = (config / "settings.yaml").read_text().splitlines()
    assert "- sun" in saved and any(s.startswith("work_start:") and "00:00" in s for s in saved)
    db = sqlite3.connect(f"file:{data / 'journal.sqlite3'}?mode=ro", uri=True)
    try:
        assert db.execute("select count(*) from breaks").fetchone()[0] >= 1
    finally:
        db.close()
    assert list((data / "programs").iterdir())
