"""KDE's Do Not Disturb: the Inhibited property of org.freedesktop.Notifications, read
over QtDBus (a fake bus answers like Plasma does; a refusal or no bus is not busy)."""

from __future__ import annotations

from typing import Any

from PySide6.QtDBus import QDBusMessage, QDBusVariant

from posture_coach.desktop.quiet import DND, FreedesktopInhibited


class Reply:
    def __init__(self, kind: QDBusMessage.MessageType, args: list[Any]) -> None:
        self.kind, self.args = kind, args

    def type(self) -> QDBusMessage.MessageType:
        return self.kind

    def arguments(self) -> list[Any]:
        return self.args


class FakeBus:
    def __init__(self, reply: Reply | None, connected: bool = True) -> None:
        self.reply, self.connected = reply, connected
        self.calls: list[tuple[str, str, list[Any]]] = []

    def isConnected(self) -> bool:
        return self.connected

    def call(self, message: QDBusMessage, *_args: Any) -> Reply | None:
        self.calls.append((message.interface(), message.member(), message.arguments()))
        return self.reply


def test_inhibited_true_is_do_not_disturb() -> None:
    ok = QDBusMessage.MessageType.ReplyMessage
    bus = FakeBus(Reply(ok, [QDBusVariant(True)]))
    assert FreedesktopInhibited(bus).busy() == DND
    assert bus.calls == [("org.freedesktop.DBus.Properties", "Get",
                          ["org.freedesktop.Notifications", "Inhibited"])]
    assert FreedesktopInhibited(FakeBus(Reply(ok, [False]))).busy() is None
    error = QDBusMessage.MessageType.ErrorMessage
    assert FreedesktopInhibited(FakeBus(Reply(error, []))).busy() is None
    assert FreedesktopInhibited(FakeBus(None, connected=False)).busy() is None
