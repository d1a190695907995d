"""The desktop's "busy" signals with fakes: dunst, GNOME, Windows, and their combination;
detection picks what the session can answer and nothing where nothing is known."""

from __future__ import annotations

import ctypes
from collections.abc import Sequence

from posture_coach.desktop.quiet import (
    DND,
    FULLSCREEN,
    QUNS_PRESENTATION_MODE,
    QUNS_QUIET_TIME,
    AnyQuiet,
    DunstDnd,
    FakeQuiet,
    GnomeDnd,
    WindowsQuiet,
    detect_quiet,
)


def runner(answer: str | Exception):  # type: ignore[no-untyped-def]
    seen: list[list[str]] = []

    def run(args: Sequence[str]) -> str:
        seen.append(list(args))
        if isinstance(answer, Exception):
            raise answer
        return answer
    return run, seen


def test_dunst_paused_is_do_not_disturb() -> None:
    run, seen = runner("true\n")
    assert DunstDnd(run).busy() == DND and seen == [["dunstctl", "is-paused"]]
    assert DunstDnd(runner("false\n")[0]).busy() is None
    assert DunstDnd(runner(OSError("no dunst"))[0]).busy() is None


def test_gnome_banners_off_is_do_not_disturb() -> None:
    assert GnomeDnd(runner("false\n")[0]).busy() == DND
    assert GnomeDnd(runner("true\n")[0]).busy() is None


class FakeShell32:
    def __init__(self, state: int, result: int = 0) -> None:
        self.state, self.result = state, result

    def SHQueryUserNotificationState(self, pointer) -> int:  # type: ignore[no-untyped-def]
        ctypes.cast(pointer, ctypes.POINTER(ctypes.c_int)).contents.value = self.state
        return self.result


def test_windows_notification_state() -> None:
    assert WindowsQuiet(FakeShell32(QUNS_PRESENTATION_MODE)).busy() == FULLSCREEN
    assert WindowsQuiet(FakeShell32(QUNS_QUIET_TIME)).busy() == DND
    assert WindowsQuiet(FakeShell32(5)).busy() is None  # QUNS_ACCEPTS_NOTIFICATIONS
    assert WindowsQuiet(FakeShell32(QUNS_QUIET_TIME, result=1)).busy() is None


class Broken:
    name = "broken"

    def busy(self) -> str | None:
        raise RuntimeError("bug")


def test_any_answers_the_first_reason_and_survives_a_broken_signal() -> None:
    assert AnyQuiet([Broken(), FakeQuiet(None), FakeQuiet(FULLSCREEN)]).busy() == FULLSCREEN
    assert AnyQuiet([Broken(), FakeQuiet(None)]).busy() is None


def no_calls(_platform: str) -> list[FakeQuiet]:
    return []


def test_detection_per_session() -> None:
    assert detect_quiet("darwin", {}, calls=no_calls) is None
    assert detect_quiet("linux", {}, which=lambda _: None, calls=no_calls) is None
    found = detect_quiet("linux", {"XDG_CURRENT_DESKTOP": "GNOME"},
                         which=lambda name: f"/usr/bin/{name}", calls=no_calls)
    assert found is not None
    assert [type(s).__name__ for s in found.signals] == ["GnomeDnd", "DunstDnd"]
    win = detect_quiet("win32", {}, calls=no_calls)
    assert win is not None and [type(s).__name__ for s in win.signals] == ["WindowsQuiet"]


def test_call_signals_join_the_others() -> None:
    """The microphone or camera in use (desktop/calls.py) comes after the session's own
    signals, on every OS, and is enough on its own."""
    asked: list[str] = []

    def calls(platform: str) -> list[FakeQuiet]:
        asked.append(platform)
        return [FakeQuiet("in-a-call")]
    mac = detect_quiet("darwin", {}, calls=calls)
    assert mac is not None and mac.busy() == "in-a-call"
    gnome = detect_quiet("linux", {"XDG_CURRENT_DESKTOP": "GNOME"},
                         which=lambda name: f"/usr/bin/{name}", calls=calls)
    assert gnome is not None
    assert [type(s).__name__ for s in gnome.signals] == ["GnomeDnd", "DunstDnd", "FakeQuiet"]
    assert asked == ["darwin", "linux"]
    real = detect_quiet("linux", {}, which=lambda _: None)  # the real call signals here
    assert real is not None and "camera in use (/dev/video)" in real.name
