"""Real Wayland desktops for end-to-end tests: GNOME Shell (headless, its AppIndicator
extension as the StatusNotifierItem tray, its own notification daemon, Mutter's idle
monitor) and sway (headless wlroots, waybar's SNI tray, mako for notices).

Each starts in a scratch HOME with its own D-Bus session and XDG_RUNTIME_DIR, and stops
with everything it started.  ``busprobe.py`` (Debian's python3-gi) reads the session bus
the way a tray host does; on GNOME a small test extension (gnome_ext/) answers what the
Shell shows (windows, notifications) and takes screenshots.
"""

from __future__ import annotations

import json
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

from tests.desktop.xdesktop import wait_until

HERE = Path(__file__).resolve().parent
BUSPROBE = HERE / "busprobe.py"
SYSTEM_PYTHON = "/usr/bin/python3"
APPINDICATOR = "ubuntu-appindicators@ubuntu.com"
PROBE_EXT = "posture-coach-test@posture-coach"

GNOME_TOOLS = ("gnome-shell", "dbus-daemon", "gsettings", "unshare", "gjs", SYSTEM_PYTHON)
SWAY_TOOLS = ("sway", "swaymsg", "waybar", "mako", "makoctl", "grim", "wtype", "dbus-daemon",
              SYSTEM_PYTHON)
SOUND_TOOLS = ("pulseaudio", "pactl", "parecord")


def missing_tools(tools: tuple[str, ...]) -> list[str]:
    return [t for t in tools if shutil.which(t) is None]


def system_python_has_gi() -> bool:
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import gi"], capture_output=True,
                          timeout=30).returncode == 0


class DesktopFailed(RuntimeError):
    """A test desktop did not start; the message carries the end of its log."""


def _tail(path: Path, lines: int = 60) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@dataclass
class WaylandDesktop:
    """One running Wayland desktop; ``kind`` is "gnome" or "sway"."""

    kind: str
    env: dict[str, str]
    home: Path
    shots: Path
    log: Path
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    starters: dict[str, Callable[[], subprocess.Popen[bytes]]] = field(default_factory=dict)

    # ----------------------------------------------------------------- helpers
    def run(self, *args: str, timeout: float = 15, check: bool = True
            ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, env=self.env, capture_output=True, text=True,
                              timeout=timeout, check=check)

    def wait_for(self, what: Callable[[], object], timeout: float = 20,
                 message: str = "condition") -> Any:
        return wait_until(what, timeout, message)

    def probe(self, *args: str, check: bool = True) -> str:
        out = self.run(SYSTEM_PYTHON, str(BUSPROBE), *args, check=False, timeout=20)
        if check and out.returncode != 0:
            raise AssertionError(f"busprobe {' '.join(args)}: {out.stderr.strip()}")
        return out.stdout.strip()

    def owner(self, name: str) -> str:
        return self.probe("owner", name)

    # --------------------------------------------------------------- the tray
    def watcher(self) -> str:
        """The unique name owning org.kde.StatusNotifierWatcher ("" when no tray)."""
        return self.owner("org.kde.StatusNotifierWatcher")

    def sni_items(self) -> list[str]:
        out = self.probe("sni-items", check=False)
        try:
            items = json.loads(out) if out else []
        except json.JSONDecodeError:
            return []
        return [str(i) for i in items]

    def sni_item(self, item: str) -> dict[str, Any]:
        return dict(json.loads(self.probe("sni-item", item)))

    def app_item(self, pid: int, timeout: float = 20) -> str:
        """The app's registered item (Qt names its service after the process id)."""
        def find() -> str | None:
            for item in self.sni_items():
                service = item.split("@/", 1)[0].split("/", 1)[0]
                if service.startswith(f"org.kde.StatusNotifierItem-{pid}-"):
                    return item
                if service.startswith(":") and self._pid_of(service) == pid:
                    return item
            return None
        return str(self.wait_for(find, timeout, f"process {pid}'s item in the SNI watcher"))

    def _pid_of(self, unique: str) -> int | None:
        out = self.probe("pid", unique, check=False)
        return int(out) if out.isdigit() else None

    def menu(self, item: str) -> list[dict[str, Any]]:
        return list(json.loads(self.probe("menu", item)))

    def click(self, item: str, label: str) -> None:
        self.probe("click", item, label)

    # ------------------------------------------------------------- notices
    def notifications(self) -> list[str]:
        """Summaries of the notices the desktop's own daemon holds."""
        if self.kind == "gnome":
            out = self.probe("shell", "Notifications", check=False)
            try:
                return [str(n["title"]) for n in json.loads(out or "[]")]
            except (json.JSONDecodeError, KeyError, TypeError):
                return []
        found: list[str] = []
        for shown in ("list", "history"):  # on screen now, then dismissed or expired
            out = self.run("makoctl", shown, check=False).stdout
            try:
                data = json.loads(out)
            except json.JSONDecodeError:
                continue
            found += [n["summary"]["data"] for group in data.get("data", []) for n in group]
        return found

    # ------------------------------------------------------------- windows
    def windows(self) -> list[dict[str, Any]]:
        """Every toplevel the compositor shows: title, x, y, width, height, fullscreen."""
        if self.kind == "gnome":
            out = self.probe("shell", "Windows", check=False)
            try:
                return [w for w in json.loads(out or "[]") if not w.get("minimized")]
            except json.JSONDecodeError:
                return []
        tree = json.loads(self.run("swaymsg", "-t", "get_tree", "-r").stdout)
        found: list[dict[str, Any]] = []

        def walk(node: dict[str, Any]) -> None:
            if node.get("type") in ("con", "floating_con") and node.get("pid"):
                rect = node["rect"]
                found.append({"title": node.get("name") or "", "x": rect["x"],
                              "y": rect["y"], "width": rect["width"],
                              "height": rect["height"], "pid": node["pid"],
                              "fullscreen": bool(node.get("fullscreen_mode")),
                              "visible": node.get("visible", True)})
            for child in node.get("nodes", []) + node.get("floating_nodes", []):
                walk(child)
        walk(tree)
        return found

    def window(self, title: str, timeout: float = 20, *, exact: bool = False
               ) -> dict[str, Any]:
        """The first window whose title holds ``title`` (``exact``: is ``title``)."""
        def find() -> dict[str, Any] | None:
            for w in self.windows():
                if title == w["title"] or (not exact and title in str(w["title"])):
                    return w
            return None
        return dict(self.wait_for(find, timeout, f"a window titled {title!r}"))

    def activate(self, title: str) -> None:
        """Focus the window whose title holds ``title`` (as a click on it would)."""
        if self.kind == "gnome":
            assert self.probe("shell", "Activate", title) == "True", title
        else:
            self.run("swaymsg", f'[title="{title}"] focus')

    def keys(self, *names: str) -> None:
        """Press and release keys (keysym names: Return, Escape, 7) on the focused window."""
        if self.kind == "gnome":
            self.probe("shell", "Keys", " ".join(names))
        else:
            args: list[str] = []
            for name in names:
                args += ["-k", name]
            self.run("wtype", *args, check=False)

    def window_titles(self) -> list[str]:
        return [str(w["title"]) for w in self.windows()]

    def outputs(self) -> list[dict[str, int]]:
        """Each screen's rectangle in the compositor's layout (logical pixels)."""
        if self.kind == "gnome":
            return list(json.loads(self.probe("shell", "Monitors")))
        outs = json.loads(self.run("swaymsg", "-t", "get_outputs", "-r").stdout)
        return [dict(o["rect"]) for o in outs if o.get("active")]

    def screenshot(self, name: str) -> Path:
        path = (self.shots / f"{name}.png").resolve()  # the Shell writes from its own folder
        if self.kind == "gnome":
            self.probe("shell", "ClearNotifications")  # the Shell's own, about the session
            self.probe("shell", "Screenshot", str(path))
        else:
            self.run("grim", str(path), timeout=30)
        return path

    # ------------------------------------------------------- parts of it
    def stop_part(self, name: str) -> None:
        """Stop one part (the panel, the notice daemon) as a crash would: SIGKILL."""
        proc = self.procs.pop(name)
        _kill(proc, signal.SIGKILL)

    def start_part(self, name: str) -> None:
        self.procs[name] = self.starters[name]()


def _kill(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        proc.wait(timeout=5)


def _base_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY",
                        "DBUS_SESSION_BUS_ADDRESS", "XDG_CURRENT_DESKTOP",
                        "XDG_SESSION_TYPE", "XDG_SESSION_DESKTOP", "SWAYSOCK")}
    run = home / "run"
    run.mkdir(mode=0o700, parents=True)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
               XDG_STATE_HOME=str(home / "state"), XDG_RUNTIME_DIR=str(run),
               LANG="C.UTF-8", LC_ALL="C.UTF-8", NO_AT_BRIDGE="1")
    return env


def _session_bus(env: dict[str, str], logf: Any) -> subprocess.Popen[bytes]:
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                           env=env, stdout=subprocess.PIPE, stderr=logf,
                           start_new_session=True)
    assert bus.stdout is not None
    env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().decode().strip()
    return bus


def _start_sound(desk: WaylandDesktop, logf: Any) -> None:
    """A PulseAudio server of the desktop's own: a null sink (speakers) and a null
    source named "microphone", the default input, as on a laptop."""
    if shutil.which("pulseaudio") is None:
        return
    def start() -> subprocess.Popen[bytes]:
        return subprocess.Popen(["pulseaudio", "--daemonize=no", "--exit-idle-time=-1",
                                 "--disallow-exit", "--system=false", "-n",
                                 "--load=module-native-protocol-unix",
                                 "--load=module-null-sink",
                                 "--load=module-null-source source_name=microphone",
                                 "--load=module-always-sink"],
                                env=desk.env, stdout=logf, stderr=logf,
                                start_new_session=True)
    desk.starters["pulseaudio"] = start
    desk.procs["pulseaudio"] = start()
    desk.wait_for(lambda: desk.run("pactl", "info", check=False).returncode == 0, 20,
                  "the PulseAudio server")
    desk.run("pactl", "set-default-source", "microphone")


def _stop_all(desk: WaylandDesktop) -> None:
    for name in reversed(list(desk.procs)):
        _kill(desk.procs.pop(name))


# ------------------------------------------------------------------- GNOME

GNOME_SETTINGS = (
    ("org.gnome.shell", "enabled-extensions", f"['{APPINDICATOR}', '{PROBE_EXT}']"),
    ("org.gnome.shell", "disable-extension-version-validation", "true"),
    ("org.gnome.shell", "welcome-dialog-last-shown-version", "'999'"),
    ("org.gnome.desktop.session", "idle-delay", "uint32 0"),
    ("org.gnome.desktop.screensaver", "lock-enabled", "false"),
    ("org.gnome.desktop.notifications", "show-banners", "true"),
    ("org.gnome.desktop.interface", "enable-animations", "false"),
)


@contextmanager
def running_gnome(home: Path, shots: Path, monitors: tuple[str, ...] = ("1280x800",)
                  ) -> Iterator[WaylandDesktop]:
    """GNOME Shell on Wayland, headless, one virtual monitor per entry of ``monitors``.

    The Shell asks systemd-logind for a seat when it sees systemd's run directory, and
    needs a system bus: it runs in a private mount namespace (tmpfs over /run/systemd and
    /run/dbus, its own system bus inside).  Needs root, as in CI, or unprivileged user
    namespaces."""
    shots.mkdir(parents=True, exist_ok=True)
    env = _base_env(home)
    env.update(XDG_CURRENT_DESKTOP="GNOME", XDG_SESSION_TYPE="wayland",
               XDG_SESSION_DESKTOP="gnome", WAYLAND_DISPLAY="wayland-pc",
               QT_QPA_PLATFORM="wayland", GSETTINGS_BACKEND="dconf")
    ext_dir = home / "data" / "gnome-shell" / "extensions" / PROBE_EXT
    shutil.copytree(HERE / "gnome_ext" / PROBE_EXT, ext_dir)
    log = home / "gnome.log"
    logf = open(log, "ab")  # noqa: SIM115 (closed at the end)
    desk = WaylandDesktop("gnome", env, home, shots, log)
    try:
        desk.procs["dbus"] = _session_bus(env, logf)
        for schema, key, value in GNOME_SETTINGS:
            desk.run("gsettings", "set", schema, key, value)
        monitor_args = " ".join(f"--virtual-monitor {m}" for m in monitors)
        userns = "" if os.geteuid() == 0 else "--user --map-root-user "
        inner = ("if [ -d /run/systemd ]; then mount -t tmpfs tmpfs /run/systemd; fi; "
                 "mkdir -p /run/dbus && mount -t tmpfs tmpfs /run/dbus && "
                 "{ dbus-daemon --system --nofork --nopidfile & } && "
                 "while [ ! -S /run/dbus/system_bus_socket ]; do sleep 0.05; done; "
                 f"exec gnome-shell --headless --wayland --no-x11 "
                 f"--wayland-display=wayland-pc {monitor_args}")

        def start_shell() -> subprocess.Popen[bytes]:
            return subprocess.Popen(["unshare", *userns.split(), "--mount", "--fork",
                                     "sh", "-c", inner],
                                    env=env, stdout=logf, stderr=logf,
                                    start_new_session=True)
        desk.starters["gnome-shell"] = start_shell
        desk.procs["gnome-shell"] = start_shell()

        def ready() -> bool:
            shell = desk.procs["gnome-shell"]
            if shell.poll() is not None:
                raise DesktopFailed(f"gnome-shell exited ({shell.returncode}):\n{_tail(log)}")
            return bool(desk.owner("org.posturecoach.TestShell")) and bool(desk.watcher())
        try:
            desk.wait_for(ready, 40, "GNOME Shell with its extensions")
        except AssertionError as exc:
            info = desk.run("gdbus", "call", "--session", "--dest", "org.gnome.Shell",
                            "--object-path", "/org/gnome/Shell", "--method",
                            "org.gnome.Shell.Extensions.GetExtensionInfo", APPINDICATOR,
                            check=False)
            raise DesktopFailed(f"{exc}\nappindicator: {info.stdout}{info.stderr}\n"
                                f"{_tail(log)}") from None
        desk.probe("shell", "HideOverview")
        desk.probe("shell", "ClearNotifications")
        _start_sound(desk, logf)
        yield desk
    finally:
        _stop_all(desk)
        logf.close()


# -------------------------------------------------------------------- sway

SWAY_CONFIG = """\
output HEADLESS-1 resolution {mode} position 0 0
{second}
xwayland disable
default_border normal
focus_on_window_activation focus
seat * hide_cursor 0
"""

WAYBAR_CONFIG = {
    "layer": "top", "position": "top", "height": 30,
    "modules-left": [], "modules-center": ["clock"], "modules-right": ["tray"],
    "tray": {"icon-size": 20, "spacing": 8},
    "clock": {"format": "{:%H:%M}"},
}
WAYBAR_STYLE = "* { font-family: sans-serif; font-size: 13px; } " \
               "window#waybar { background: #e3e7ea; color: #263238; }"
MAKO_CONFIG = "default-timeout=0\nmax-history=100\nmax-visible=5\n"


def _unprivileged() -> list[str]:
    """sway refuses to run as root (it could get root back): as root, run it in a user
    namespace of its own, where it is nobody (it still reaches files and sockets made for
    root, since outside that namespace it is root)."""
    return ["unshare", "--user"] if os.geteuid() == 0 else []


@contextmanager
def running_sway(home: Path, shots: Path, monitors: tuple[str, ...] = ("1280x800",),
                 panel: bool = True) -> Iterator[WaylandDesktop]:
    """sway 1.7 headless (wlroots' pixman renderer), waybar's tray, mako.  ``panel``:
    start waybar now (False: the test starts it, as a panel that comes late)."""
    shots.mkdir(parents=True, exist_ok=True)
    env = _base_env(home)
    env.update(XDG_CURRENT_DESKTOP="sway", XDG_SESSION_TYPE="wayland",
               XDG_SESSION_DESKTOP="sway", QT_QPA_PLATFORM="wayland",
               WLR_BACKENDS="headless", WLR_LIBINPUT_NO_DEVICES="1",
               WLR_RENDERER="pixman", WLR_HEADLESS_OUTPUTS=str(len(monitors)))
    config = home / "config"
    (config / "waybar").mkdir(parents=True)
    (config / "mako").mkdir(parents=True)
    second = ""
    if len(monitors) > 1:
        width = int(monitors[0].split("x")[0])
        second = f"output HEADLESS-2 resolution {monitors[1]} position {width} 0"
    (config / "sway.conf").write_text(SWAY_CONFIG.format(mode=monitors[0], second=second))
    (config / "waybar" / "config").write_text(json.dumps(WAYBAR_CONFIG))
    (config / "waybar" / "style.css").write_text(WAYBAR_STYLE)
    (config / "mako" / "config").write_text(MAKO_CONFIG)
    log = home / "sway.log"
    logf = open(log, "ab")  # noqa: SIM115 (closed at the end)
    desk = WaylandDesktop("sway", env, home, shots, log)
    try:
        desk.procs["dbus"] = _session_bus(env, logf)
        desk.procs["sway"] = subprocess.Popen(
            [*_unprivileged(), "sway", "-c", str(config / "sway.conf")],
            env=env, stdout=logf, stderr=logf, start_new_session=True)
        run = Path(env["XDG_RUNTIME_DIR"])

        def up() -> bool:
            if desk.procs["sway"].poll() is not None:
                raise DesktopFailed(f"sway exited ({desk.procs['sway'].returncode}):\n"
                                    f"{_tail(log)}")
            socks = sorted(run.glob("sway-ipc.*.sock"))
            ways = sorted(p.name for p in run.glob("wayland-*") if not p.name.endswith(".lock"))
            if socks and ways:
                env["SWAYSOCK"], env["WAYLAND_DISPLAY"] = str(socks[0]), ways[0]
                return desk.run("swaymsg", "-t", "get_version", check=False).returncode == 0
            return False
        try:
            desk.wait_for(up, 30, "sway")
        except AssertionError as exc:
            raise DesktopFailed(f"{exc}\n{_tail(log)}") from None

        def start_waybar() -> subprocess.Popen[bytes]:
            return subprocess.Popen(["waybar", "-c", str(config / "waybar" / "config"),
                                     "-s", str(config / "waybar" / "style.css")],
                                    env=env, stdout=logf, stderr=logf,
                                    start_new_session=True)

        def start_mako() -> subprocess.Popen[bytes]:
            return subprocess.Popen(["mako", "-c", str(config / "mako" / "config")],
                                    env=env, stdout=logf, stderr=logf,
                                    start_new_session=True)
        desk.starters.update(waybar=start_waybar, mako=start_mako)
        desk.procs["mako"] = start_mako()
        desk.wait_for(lambda: desk.owner("org.freedesktop.Notifications"), 20,
                      "mako on the session bus")
        if panel:
            desk.start_part("waybar")
            try:
                desk.wait_for(desk.watcher, 20, "waybar's tray (StatusNotifierWatcher)")
            except AssertionError as exc:
                raise DesktopFailed(f"{exc}\n{_tail(log)}") from None
        _start_sound(desk, logf)
        yield desk
    finally:
        _stop_all(desk)
        logf.close()


def wait_gone(proc: subprocess.Popen[Any], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
