"""A real desktop for end-to-end tests and benchmarks: Xvfb, a D-Bus session, tint2
(a panel with a real XEmbed system tray) and dunst (a real notification daemon)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TOOLS = ("Xvfb", "dbus-daemon", "tint2", "dunst", "dunstctl", "xdotool", "import")


def require_tools(*tools: str) -> None:
    """Skip a test whose desktop tools are missing; in CI (``CI`` set) fail instead,
    since ``make test`` installs them (.ci/install-desktop-deps)."""
    import pytest

    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        message = f"desktop tools missing: {', '.join(missing)} (make test installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def wait_until(what: Callable[[], object], timeout: float = 20,
               message: str = "condition") -> Any:
    """Poll ``what`` until it returns something true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = what()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {message}")
        time.sleep(0.05)


def stop_process(proc: subprocess.Popen[Any]) -> None:
    """Stop a helper process started in its own session, and all it started."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)

TINT2RC = """\
rounded = 0
border_width = 0
background_color = #e3e7ea 100
border_color = #b0bec5 100

panel_items = TS
panel_size = 100% 32
panel_position = bottom center horizontal
panel_background_id = 1
systray_padding = 4 4 4
systray_background_id = 0
systray_icon_size = 24
systray_sort = ascending
task_text = 1
"""

DUNSTRC = """\
[global]
    monitor = 0
    follow = none
    timeout = 0
    history_length = 100
    sticky_history = yes
"""


@dataclass
class Desktop:
    display: str
    env: dict[str, str]
    shots: Path
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def run(self, *args: str, timeout: float = 10, check: bool = True
            ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, env=self.env, capture_output=True, text=True,
                              timeout=timeout, check=check)

    def windows(self, name: str) -> list[str]:
        out = self.run("xdotool", "search", "--onlyvisible", "--name", name, check=False)
        return out.stdout.split()

    def wait_for(self, what: Callable[[], object], timeout: float = 20,
                 message: str = "condition") -> object:
        return wait_until(what, timeout, message)

    def wait_window(self, name: str, timeout: float = 20) -> str:
        found = self.wait_for(lambda: self.windows(name), timeout, f"a window named {name!r}")
        assert isinstance(found, list)
        return str(found[0])

    def screenshot(self, name: str, window: str = "root", crop: str | None = None) -> Path:
        """Save a PNG of a window (or the screen); ``crop`` as WxH+X+Y of the screen."""
        path = self.shots / f"{name}.png"
        args = ["import", "-window", window]
        if crop:
            args += ["-crop", crop, "+repage"]
        self.run(*args, str(path), timeout=30)
        return path

    def start_panel(self) -> subprocess.Popen[bytes]:
        """Start tint2 (a desktop made with ``panel=False``: a panel that comes late).

        tint2 started once the X server has been up a while waits (for good) for a window
        manager to set the desktop count: the two root properties a WM would set are set
        here first."""
        self.run("xprop", "-root", "-f", "_NET_NUMBER_OF_DESKTOPS", "32c", "-set",
                 "_NET_NUMBER_OF_DESKTOPS", "1")
        self.run("xprop", "-root", "-f", "_NET_CURRENT_DESKTOP", "32c", "-set",
                 "_NET_CURRENT_DESKTOP", "0")
        panel = _start(["tint2", "-c", self.env["HOME"] + "/tint2rc"], self.env)
        self.procs.append(panel)
        return panel

    def geometry(self, window: str) -> tuple[int, int, int, int]:
        """x, y, width, height of a window on the screen."""
        out = self.run("xdotool", "getwindowgeometry", "--shell", window).stdout
        values = dict(line.split("=", 1) for line in out.split() if "=" in line)
        return (int(values["X"]), int(values["Y"]), int(values["WIDTH"]),
                int(values["HEIGHT"]))


def _start(args: list[str], env: dict[str, str], **kw: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True, **kw)  # type: ignore[call-overload]


@contextmanager
def running_desktop(home: Path, shots: Path, *, panel: bool = True) -> Iterator[Desktop]:
    """Start Xvfb, D-Bus, tint2 and dunst with their state in ``home``; stop them after.
    ``panel`` False: no tint2 yet (``Desktop.start_panel`` starts it later)."""
    shots.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY",
                        "DBUS_SESSION_BUS_ADDRESS")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_RUNTIME_DIR=str(home / "run"),
               QT_QPA_PLATFORM="xcb", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    (home / "run").mkdir(mode=0o700, parents=True)
    procs: list[subprocess.Popen[bytes]] = []
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp", "-noreset",
                             # No key auto-repeat: on a loaded machine xdotool's release can
                             # come later than the 660 ms repeat delay, and one Right pressed
                             # by a test became two (a break's step skipped, a flaky test).
                             "-ardelay", "60000", "-arinterval", "60000"],
                            pass_fds=(write_fd,), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    os.close(write_fd)
    procs.append(xvfb)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        env["DISPLAY"] = f":{number}"
        dbus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        procs.append(dbus)
        assert dbus.stdout is not None
        env["DBUS_SESSION_BUS_ADDRESS"] = dbus.stdout.readline().decode().strip()
        (home / "tint2rc").write_text(TINT2RC)
        (home / "dunstrc").write_text(DUNSTRC)
        if panel:
            procs.append(_start(["tint2", "-c", str(home / "tint2rc")], env))
        procs.append(_start(["dunst", "-config", str(home / "dunstrc")], env))
        desk = Desktop(env["DISPLAY"], env, shots, procs)
        if panel:
            desk.wait_for(lambda: desk.run("xdotool", "search", "--class", "tint2",
                                           check=False).stdout.strip(), 20, "the tint2 panel")
        desk.wait_for(lambda: desk.run("dunstctl", "is-paused", check=False).returncode == 0,
                      20, "the dunst notification daemon")
        yield desk
    finally:
        for proc in reversed(procs):
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except (ProcessLookupError, PermissionError):
                pass
        for proc in procs:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
