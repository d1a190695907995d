"""The notifier chain (plyer -> tray balloon -> toast), offscreen, and plyer against a real
notification daemon (Xvfb + a private D-Bus session + dunst).

The real-desktop tests skip when a tool is missing, and fail instead when ``CI`` is set.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from plyer.facades import Notification
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QEnterEvent, QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QLineEdit, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from posture_coach.desktop import notify
from posture_coach.desktop.notify import (
    FakeNotifier,
    Notifier,
    NotifierChain,
    PlyerNotifier,
    ToastNotifier,
    TrayNotifier,
    default_chain,
)
from posture_coach.ui.toast import MARGIN, Toast
from tests.desktop.xdesktop import require_tools as need
from tests.desktop.xdesktop import stop_process as stop
from tests.desktop.xdesktop import wait_until

# Qt raises tooltip and stay-on-top windows when it shows them; the offscreen platform
# cannot, and says so.  Any other Qt warning still fails a test.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise", extend=True)

LOGGER = "posture_coach.desktop.notify"
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="uses shell scripts")


class RecordingTray(QSystemTrayIcon):
    """A tray icon whose balloons are recorded instead of shown (and which only says it
    is visible: offscreen, a real one would try to embed itself)."""

    def __init__(self) -> None:
        super().__init__()
        pixmap = QPixmap(16, 16)
        pixmap.fill(Qt.GlobalColor.darkCyan)
        self.setIcon(QIcon(pixmap))
        self.shown: list[tuple[Any, ...]] = []
        self.visible = False

    def isVisible(self) -> bool:
        return self.visible

    def showMessage(self, *args: Any) -> None:
        self.shown.append(args)


@pytest.fixture
def tray_works(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend the desktop has a system tray that shows balloons."""
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "supportsMessages", staticmethod(lambda: True))


def failing_plyer() -> PlyerNotifier:
    # plyer's own facade: what plyer falls back to when it finds no backend
    return PlyerNotifier(backend=Notification())


def visible_tray() -> RecordingTray:
    tray = RecordingTray()
    tray.visible = True
    return tray


@pytest.fixture
def focused_editor(qtbot: QtBot) -> QLineEdit:
    editor = QLineEdit("typing")
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor, timeout=2000)
    return editor


@pytest.fixture
def toast(qtbot: QtBot) -> Toast:
    widget = Toast("Time for a break", "Desk reset: about 2 minutes.")
    qtbot.addWidget(widget)
    return widget


# --- the chain -----------------------------------------------------------------------


def test_chain_uses_the_first_notifier_that_delivers() -> None:
    first, second, third = (FakeNotifier("one", False), FakeNotifier("two"),
                            FakeNotifier("three"))
    chain = NotifierChain([first, second, third])
    assert chain.notify("Break", "Now") == "two"
    assert first.sent == second.sent == [("Break", "Now")] and third.sent == []
    second.deliver = False
    assert chain.notify("Break", "Again") == "three"
    third.deliver = False
    assert chain.notify("Break", "Lost") is None
    assert NotifierChain([]).notify("Break", "Nobody") is None


def test_chain_survives_a_notifier_that_raises(caplog: pytest.LogCaptureFixture) -> None:
    class Broken:
        name = "broken"

        def notify(self, title: str, message: str) -> bool:
            raise RuntimeError("boom")

    fallback = FakeNotifier("fallback")
    broken: Notifier = Broken()
    assert NotifierChain([broken, fallback]).notify("Break", "Now") == "fallback"
    assert "broken raised" in caplog.text


def test_chain_forwards_clicks(qtbot: QtBot) -> None:
    fake = FakeNotifier()
    tray = RecordingTray()
    chain = NotifierChain([fake, TrayNotifier(tray)])
    with qtbot.waitSignal(chain.clicked, timeout=1000):
        fake.clicked.emit()
    with qtbot.waitSignal(chain.clicked, timeout=1000):
        tray.messageClicked.emit()


def test_plyer_not_implemented_falls_back_to_the_tray(qtbot: QtBot, tray_works: None,
                                                      caplog: pytest.LogCaptureFixture
                                                      ) -> None:
    tray = visible_tray()
    plyer = failing_plyer()
    chain = NotifierChain([plyer, TrayNotifier(tray), ToastNotifier(Toast)])
    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        assert chain.notify("Time for a break", "Desk reset") == "tray balloon"
        assert chain.notify("Time for a break", "Again") == "tray balloon"
    title, message, icon, ms = tray.shown[0]
    assert (title, message, ms) == ("Time for a break", "Desk reset", 10_000)
    assert isinstance(icon, QIcon) and not icon.isNull()
    # logged once as a warning, then quietly
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING
                and r.name == LOGGER and "plyer" in r.getMessage()]
    assert len(warnings) == 1 and "NotImplementedError" in warnings[0].getMessage()


def test_tray_without_a_system_tray_falls_back_to_the_toast(qtbot: QtBot) -> None:
    # offscreen there is no system tray
    assert not QSystemTrayIcon.isSystemTrayAvailable()
    tray = QSystemTrayIcon()
    toasts = ToastNotifier(Toast)
    chain = NotifierChain([failing_plyer(), TrayNotifier(tray), toasts])
    assert chain.notify("Time for a break", "Desk reset") == "in-app toast"
    qtbot.addWidget(toasts.toast)
    assert toasts.toast.isVisible()
    assert toasts.toast.title == "Time for a break"
    assert toasts.toast.message == "Desk reset"
    toasts.close()
    assert not toasts.toast.isVisible() and not toasts.toast.timer.isActive()


def test_tray_notifier_needs_a_visible_icon(qtbot: QtBot, tray_works: None) -> None:
    tray = RecordingTray()
    assert not TrayNotifier(tray).notify("Break", "hidden icon")
    tray.visible = True
    assert TrayNotifier(tray).notify("Break", "shown")
    assert [s[:2] for s in tray.shown] == [("Break", "shown")]


ICON = Path(__file__).resolve().parents[2] / "assets" / "icons" / "posture-coach.svg"


def test_default_chain_order(qtbot: QtBot) -> None:
    tray = QSystemTrayIcon()
    chain = default_chain(tray, Toast, ICON)
    assert [n.name for n in chain.notifiers] == [
        "desktop notification (plyer)", "tray balloon", "in-app toast"]
    assert [n.name for n in default_chain(None, Toast).notifiers] == [
        "desktop notification (plyer)", "in-app toast"]


# --- the toast -----------------------------------------------------------------------


def test_toast_shows_bottom_right_inside_the_available_area(qtbot: QtBot, toast: Toast
                                                            ) -> None:
    toast.popup()
    assert toast.isVisible()
    screen = QGuiApplication.screenAt(toast.geometry().center())
    assert screen is not None
    area = screen.availableGeometry()
    frame = toast.frameGeometry()
    assert area.contains(frame)
    assert area.right() - frame.right() == MARGIN
    assert area.bottom() - frame.bottom() == MARGIN
    assert toast.title_label.text() == "Time for a break"
    assert toast.message_label.text() == "Desk reset: about 2 minutes."
    flags = toast.windowFlags()
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert flags & Qt.WindowType.FramelessWindowHint
    assert toast.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)


def test_a_long_toast_still_fits(qtbot: QtBot) -> None:
    long_message = "A very long message. " * 200
    widget = Toast("A title " * 20, long_message)
    qtbot.addWidget(widget)
    widget.popup()
    screen = QGuiApplication.screenAt(widget.geometry().center())
    assert screen is not None and screen.availableGeometry().contains(widget.frameGeometry())
    assert widget.message.endswith("…") and len(widget.message) <= 280
    assert widget.accessibleDescription() == long_message  # the whole text stays reachable
    widget.close()


def test_toast_closes_itself_when_its_timer_fires(qtbot: QtBot, toast: Toast) -> None:
    toast.popup()
    assert toast.timer.isActive() and toast.timer.isSingleShot()
    assert toast.timer.interval() == 10_000
    with qtbot.waitSignal(toast.closed, timeout=1000):
        toast.timer.timeout.emit()
    assert not toast.isVisible() and not toast.timer.isActive()


def test_toast_closes_itself_for_real(qtbot: QtBot) -> None:
    widget = Toast("Break", "soon", timeout_s=0.05)
    qtbot.addWidget(widget)
    widget.popup()
    qtbot.waitUntil(lambda: not widget.isVisible(), timeout=2000)


def test_toast_pauses_while_the_mouse_is_over_it(qtbot: QtBot, toast: Toast) -> None:
    toast.popup()
    inside = QPointF(10, 10)
    QApplication.sendEvent(toast, QEnterEvent(inside, inside, inside))
    assert not toast.timer.isActive()
    QApplication.sendEvent(toast, QEvent(QEvent.Type.Leave))
    assert toast.timer.isActive()
    toast.close()


def test_clicking_the_toast_emits_clicked_and_closes_it(qtbot: QtBot, toast: Toast) -> None:
    toast.popup()
    with qtbot.waitSignal(toast.clicked, timeout=1000):
        qtbot.mouseClick(toast.message_label, Qt.MouseButton.LeftButton)
    assert not toast.isVisible()
    toast.popup()
    with qtbot.waitSignal(toast.clicked, timeout=1000):
        qtbot.mouseClick(toast, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))


def test_the_close_button_closes_without_clicked(qtbot: QtBot, toast: Toast) -> None:
    toast.popup()
    clicks: list[bool] = []
    toast.clicked.connect(lambda: clicks.append(True))
    with qtbot.waitSignal(toast.closed, timeout=1000):
        qtbot.mouseClick(toast.close_button, Qt.MouseButton.LeftButton)
    assert not toast.isVisible() and clicks == []


def test_toast_does_not_take_the_focus(qtbot: QtBot, focused_editor: QLineEdit,
                                       toast: Toast) -> None:
    window = QApplication.activeWindow()
    assert window is focused_editor
    toast.popup()
    qtbot.waitExposed(toast)
    QApplication.processEvents()
    assert QApplication.activeWindow() is focused_editor
    assert QApplication.focusWidget() is focused_editor
    assert not toast.isActiveWindow() and not toast.hasFocus()
    assert toast.close_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    toast.close()


def test_toast_is_accessible(toast: Toast) -> None:
    assert toast.accessibleName() == "Posture Coach notification: Time for a break"
    assert toast.accessibleDescription() == "Desk reset: about 2 minutes."
    assert toast.close_button.accessibleName() == "Close notification"
    assert toast.title_label.accessibleName() == "Time for a break"


def test_toast_notifier_reuses_one_toast_and_forwards_clicks(qtbot: QtBot) -> None:
    toasts = ToastNotifier(Toast, display_s=30)
    assert toasts.notify("First", "one")
    first = toasts.toast
    qtbot.addWidget(first)
    assert first.timer.interval() == 30_000
    assert not first.icon_label.pixmap().isNull()  # the app's icon by default
    assert toasts.notify("Second", "two")
    assert toasts.toast is first and first.title == "Second"
    with qtbot.waitSignal(toasts.clicked, timeout=1000):
        qtbot.mouseClick(first.title_label, Qt.MouseButton.LeftButton)
    assert not first.isVisible()


# --- plyer, kept from blocking the GUI ------------------------------------------------


def test_plyer_that_hangs_is_given_up_on(caplog: pytest.LogCaptureFixture) -> None:
    release = threading.Event()

    class Hanging:
        def notify(self, **kwargs: Any) -> None:
            release.wait(10)

    plyer = PlyerNotifier(backend=Hanging(), wait_s=0.2)
    started = time.monotonic()
    try:
        assert plyer.notify("Break", "Now") is False
        assert time.monotonic() - started < 2
    finally:
        release.set()
    assert "no answer within" in caplog.text


def test_plyer_gets_the_app_name_icon_and_timeout(tmp_path: Path) -> None:
    seen: list[dict[str, Any]] = []

    class Recording:
        def notify(self, **kwargs: Any) -> None:
            seen.append(kwargs)

    icon = tmp_path / "icon.png"
    assert PlyerNotifier(icon, backend=Recording()).notify("Break", "Stand up")
    expected_icon = "" if sys.platform == "win32" else str(icon)  # Windows wants .ico
    assert seen == [{"title": "Break", "message": "Stand up", "app_name": "Posture Coach",
                     "app_icon": expected_icon, "timeout": 10}]


def fake_notify_send(folder: Path, body: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    script = folder / "notify-send"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    return script


def notify_send_plyer(**kw: Any) -> PlyerNotifier:
    from plyer.platforms.linux.notification import NotifySendNotification

    return PlyerNotifier(backend=NotifySendNotification(), **kw)


@POSIX
def test_plyer_notify_send_success_and_failure_are_told_apart(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    args_file = tmp_path / "args"
    fake_notify_send(tmp_path, f'printf "%s\\n" "$@" > "{args_file}"', monkeypatch)
    assert notify_send_plyer().notify("Time for a break", "Desk reset")
    args = args_file.read_text().splitlines()
    assert args[:2] == ["Time for a break", "Desk reset"]
    options = dict(zip(args[2::2], args[3::2]))
    assert options["-a"] == "Posture Coach"
    assert options["-t"] == "10000"  # plyer alone would send 0: never expires
    assert notify_send_plyer(icon_path=tmp_path / "i.svg").notify("Break", "with an icon")
    args = args_file.read_text().splitlines()
    assert dict(zip(args[2::2], args[3::2]))["-i"] == str(tmp_path / "i.svg")
    # plyer ignores notify-send's exit code; here a failure makes the chain fall back
    fake_notify_send(tmp_path, 'echo "no notification daemon" >&2; exit 1', monkeypatch)
    assert not notify_send_plyer().notify("Time for a break", "Desk reset")
    assert "exited with 1: no notification daemon" in caplog.text


@POSIX
def test_plyer_notify_send_that_hangs_is_killed(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    fake_notify_send(tmp_path, "exec sleep 30", monkeypatch)
    toasts = FakeNotifier("toast")
    chain = NotifierChain([notify_send_plyer(wait_s=0.3), toasts])
    started = time.monotonic()
    assert chain.notify("Time for a break", "Desk reset") == "toast"
    assert time.monotonic() - started < 2


# --- plyer on a real desktop: Xvfb, a session bus and dunst -----------------------------








BUS_CONFIG = """\
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def start_bus(folder: Path, procs: list[subprocess.Popen[Any]]) -> str:
    """A session bus with no activatable services (nothing starts on demand)."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "bus.conf"
    config.write_text(BUS_CONFIG.format(folder=folder))
    daemon = subprocess.Popen(["dbus-daemon", f"--config-file={config}", "--nofork",
                               "--print-address=1"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    procs.append(daemon)
    assert daemon.stdout is not None
    address = daemon.stdout.readline().decode().strip()
    assert address, "dbus-daemon did not start"
    return address


class Desktop:
    def __init__(self, env: dict[str, str], quiet_bus: str) -> None:
        self.env = env
        self.quiet_bus = quiet_bus

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=10)

    def history(self) -> dict[str, dict[str, Any]]:
        """What dunst received, by title (each notification's fields)."""
        self.run("dunstctl", "close-all")  # history holds the closed ones
        out = self.run("dunstctl", "history").stdout
        if not out.strip():
            return {}
        return {n["summary"]["data"]: {k: v["data"] for k, v in n.items()}
                for group in json.loads(out)["data"] for n in group}


@pytest.fixture(scope="module")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    need("Xvfb", "dbus-daemon", "dunst", "dunstctl", "notify-send")
    home = tmp_path_factory.mktemp("notify-desktop")
    procs: list[subprocess.Popen[Any]] = []
    read_fd, write_fd = os.pipe()
    procs.append(subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-nolisten", "tcp",
                                   "-screen", "0", "800x600x24"], pass_fds=(write_fd,),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  start_new_session=True))
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        assert number, "Xvfb did not start"
        env = {**os.environ, "DISPLAY": f":{number}", "HOME": str(home),
               "XDG_CONFIG_HOME": str(home / "config"), "XDG_RUNTIME_DIR": str(home)}
        env.pop("WAYLAND_DISPLAY", None)
        env["DBUS_SESSION_BUS_ADDRESS"] = start_bus(home / "bus", procs)
        quiet_bus = start_bus(home / "quiet-bus", procs)
        (home / "dunstrc").write_text("[global]\n    timeout = 0\n    history_length = 100\n"
                                      "    sticky_history = yes\n")
        procs.append(subprocess.Popen(["dunst", "-config", str(home / "dunstrc")], env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      start_new_session=True))
        desk = Desktop(env, quiet_bus)
        wait_until(lambda: desk.run("dunstctl", "is-paused").returncode == 0, 20,
                   "the dunst notification daemon")
        yield desk
    finally:
        for proc in reversed(procs):
            stop(proc)


def test_plyer_reaches_a_real_notification_daemon(desktop: Desktop,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "HOME", "XDG_RUNTIME_DIR"):
        monkeypatch.setenv(name, desktop.env[name])
    title = f"Time for a break {os.getpid()}"
    icon = ICON
    plyer = PlyerNotifier(icon)
    started = time.monotonic()
    assert plyer.notify(title, "Desk reset: about 2 minutes.")
    assert time.monotonic() - started < notify.WAIT_S
    got = wait_until(lambda: desktop.history().get(title), 10, f"{title!r} in dunst's history")
    assert got["body"] == "Desk reset: about 2 minutes."
    assert got["appname"] == "Posture Coach"
    assert got["icon_path"] == str(icon)
    assert got["timeout"] == 10_000_000  # microseconds: it expires after 10 s


@POSIX
def test_without_a_notification_daemon_the_chain_falls_back(
        desktop: Desktop, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desktop.quiet_bus)
    toasts = FakeNotifier("toast")
    chain = NotifierChain([notify_send_plyer(), toasts])
    assert chain.notify("Nobody listens", "here") == "toast"
    assert toasts.sent == [("Nobody listens", "here")]
