"""A tray that comes late or goes away: the watch re-reads its answer after an event and
signals a change (only a change); the StatusNotifierWatcher is asked with a time limit
(a silent one is no tray); the tray controller moves between tray and window with the
same status.  The real panels (waybar, tint2) are in tests/desktop/test_late_tray.py."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtDBus import QDBusMessage, QDBusVariant
from pytestqt.qtbot import QtBot

from posture_coach.core import paths
from posture_coach.desktop import tray_watch
from posture_coach.desktop.tray_watch import NO_TRAY, SILENT_WATCHER, TrayWatch, sni_state
from posture_coach.ui.tray import TrayController, load_icons

ASSETS = paths.assets_dir() / "icons"


class Answers:
    def __init__(self, *values: bool) -> None:
        self.values = list(values)
        self.asked = 0

    def __call__(self) -> bool:
        self.asked += 1
        return self.values[min(self.asked - 1, len(self.values) - 1)]


def watch(check: Any, settle: tuple[int, ...] = (5, 15)) -> TrayWatch:
    return TrayWatch(check, watch_sni=False, watch_x11=False, settle_ms=settle)


def test_a_change_after_an_event_is_signalled_once(qtbot: QtBot) -> None:
    answers = Answers(False, True, True)
    w = watch(answers)
    assert w.available is False and w.reason == NO_TRAY
    seen: list[bool] = []
    w.changed.connect(seen.append)
    with qtbot.waitSignal(w.changed, timeout=2000):
        w.poke()
    qtbot.waitUntil(lambda: answers.asked >= 3)
    assert seen == [True] and w.available is True and w.reason == ""
    w.close()


def test_nothing_is_asked_or_signalled_without_an_event(qtbot: QtBot) -> None:
    answers = Answers(True)
    w = watch(answers)
    seen: list[bool] = []
    w.changed.connect(seen.append)
    qtbot.wait(50)
    assert answers.asked == 1 and seen == []
    w.poke()  # an event, but the same answer: no signal
    qtbot.waitUntil(lambda: answers.asked == 3)
    assert seen == []
    w.close()


def test_the_tray_going_away_is_signalled_with_why(qtbot: QtBot) -> None:
    w = watch(Answers(True, False))
    with qtbot.waitSignal(w.changed, timeout=2000) as got:
        w.poke()
    assert got.args == [False] and w.reason == NO_TRAY
    w.close()


def test_a_check_that_raises_counts_as_no_tray(qtbot: QtBot) -> None:
    def broken() -> bool:
        raise RuntimeError("boom")
    w = watch(broken)
    assert w.available is False and w.reason == NO_TRAY
    w.close()


def test_close_stops_the_rechecks(qtbot: QtBot) -> None:
    answers = Answers(False, True)
    w = watch(answers, settle=(30,))
    w.poke()
    w.close()
    qtbot.wait(80)
    assert answers.asked == 1 and w.available is False


# --------------------------------------------------------- the watcher, asked


class Reply:
    def __init__(self, kind: QDBusMessage.MessageType, args: list[Any],
                 error: str = "") -> None:
        self.kind, self.args, self.error = kind, args, error

    def type(self) -> QDBusMessage.MessageType:
        return self.kind

    def arguments(self) -> list[Any]:
        return self.args

    def errorName(self) -> str:
        return self.error

    def errorMessage(self) -> str:
        return "fake"


class Registered:
    def __init__(self, value: bool) -> None:
        self._value = value

    def value(self) -> bool:
        return self._value


class Interface:
    def __init__(self, registered: bool) -> None:
        self.registered = registered

    def isServiceRegistered(self, name: str) -> Registered:
        assert name == "org.kde.StatusNotifierWatcher"
        return Registered(self.registered)


class FakeBus:
    def __init__(self, reply: Reply | None, *, owned: bool = True,
                 connected: bool = True) -> None:
        self.reply, self.owned, self.connected = reply, owned, connected
        self.timeouts: list[int] = []

    def isConnected(self) -> bool:
        return self.connected

    def interface(self) -> Interface:
        return Interface(self.owned)

    def call(self, message: QDBusMessage, _mode: Any, timeout: int) -> Reply | None:
        assert message.arguments() == ["org.kde.StatusNotifierWatcher",
                                       "IsStatusNotifierHostRegistered"]
        self.timeouts.append(timeout)
        return self.reply


def test_the_watcher_is_asked_with_a_time_limit() -> None:
    ok, error = QDBusMessage.MessageType.ReplyMessage, QDBusMessage.MessageType.ErrorMessage
    bus = FakeBus(Reply(ok, [QDBusVariant(True)]))
    assert sni_state(bus) == "ok" and bus.timeouts == [tray_watch.ANSWER_MS]
    assert sni_state(FakeBus(Reply(ok, [True]))) == "ok"
    assert sni_state(FakeBus(Reply(ok, [QDBusVariant(False)]))) == "none"  # no host
    assert sni_state(FakeBus(None, owned=False)) == "none"
    assert sni_state(FakeBus(None, connected=False)) == "none"
    silent = Reply(error, [], "org.freedesktop.DBus.Error.NoReply")
    assert sni_state(FakeBus(silent)) == "silent"
    refused = Reply(error, [], "org.freedesktop.DBus.Error.UnknownMethod")
    assert sni_state(FakeBus(refused)) == "none"


def test_a_silent_watcher_is_no_tray_and_qt_is_not_asked(monkeypatch: Any,
                                                         qtbot: QtBot) -> None:
    monkeypatch.setattr(tray_watch, "sni_state", lambda: "silent")
    monkeypatch.setattr(tray_watch, "_silent_until", 0.0)  # put back after the test
    from PySide6.QtWidgets import QSystemTrayIcon

    def never() -> bool:
        raise AssertionError("Qt's check would block on the silent watcher")
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(never))
    w = TrayWatch(watch_sni=False, watch_x11=False)
    assert w.available is False and w.reason == SILENT_WATCHER
    # asked again at once (the app after the launcher): not again for 30 s
    monkeypatch.setattr(tray_watch, "sni_state", never)
    assert tray_watch.tray_available() == (False, SILENT_WATCHER)
    w.close()


# ------------------------------------------------------ tray <-> window


def controller() -> TrayController:
    return TrayController([("quick", "Quick")], [5, 10], load_icons(ASSETS),
                          lambda: "Next break at 10:45", use_tray=False)


# Offscreen there is no tray: Qt's X11 part of QSystemTrayIcon says so when one is made.
NO_TRAY_HERE = pytest.mark.qt_log_ignore("systemTrayWindowChanged")


@NO_TRAY_HERE
def test_the_controller_moves_into_the_tray_and_back_with_its_status(qtbot: QtBot) -> None:
    tray = controller()
    tray.show()
    assert tray.window is not None and not tray.in_tray
    qtbot.addWidget(tray.window)
    tray.set_state("paused", "Paused until 11:00", paused=True)
    assert tray.place(True) is True
    assert tray.in_tray and tray.tray is not None and not tray.window.isVisible()
    assert tray.tray.contextMenu() is tray.menu
    assert tray.tray.toolTip().endswith("Paused until 11:00")
    assert tray.resume_action.isEnabled() and tray.state == "paused"
    assert tray.place(True) is False  # already there
    icon = tray.tray
    assert tray.place(False) is True
    assert not tray.in_tray and tray.window.isVisible()
    assert tray.window.status.text() == "Paused until 11:00"
    assert not icon.isVisible()
    assert tray.place(True) and tray.tray is icon  # the same icon, shown again
    tray.hide()


@NO_TRAY_HERE
def test_a_hidden_controller_stays_hidden_when_it_moves(qtbot: QtBot) -> None:
    tray = controller()
    assert tray.window is not None
    qtbot.addWidget(tray.window)
    tray.place(True)
    tray.place(False)
    assert not tray.window.isVisible()
