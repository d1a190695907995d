"""The shell's parts, each on its own with fakes: the journal-fault retry queue, windows
opened once, and the command table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from posture_coach.core.commands import COMMANDS, CommandError, Request
from posture_coach.core.journal import JournalError
from posture_coach.shell.commands import CommandHandlers
from posture_coach.shell.journal_guard import JournalGuard
from posture_coach.shell.windows import OnceWindows


class FakeJournal:
    path = Path("/data/journal.sqlite3")
    memory_only = False


class FakeCoach:
    def __init__(self) -> None:
        self.unsaved: list[object] = []
        self.pending: Any = None

    def save_unsaved(self) -> bool:
        saved, self.unsaved = bool(self.unsaved), []
        return saved

    def status(self) -> dict[str, Any]:
        return {"ok": True, "state": "running"}


def guard() -> tuple[JournalGuard, list[tuple[str, str]], list[str]]:
    told: list[tuple[str, str]] = []
    planned: list[str] = []
    journal = FakeJournal()
    g = JournalGuard(lambda: journal, FakeCoach(), lambda t, m: told.append((t, m)),
                     lambda: planned.append("replan"))
    return g, told, planned


def failing(message: str) -> Any:
    def write() -> None:
        raise JournalError(message)
    return write


def test_a_fault_is_told_once_and_kept_writes_are_saved_in_order_later(qapp: Any) -> None:
    g, told, planned = guard()
    disk_full = "Could not write the journal /data/journal.sqlite3: disk is full."
    done: list[str] = []
    g.keep(lambda: done.append("pain"))
    g.keep(lambda: done.append("ice"))
    assert not g.run(failing(disk_full))
    assert not g.run(failing(disk_full))  # the same fault: told once
    assert [t for t, _m in told] == ["Posture Coach could not save"]
    assert "kept and will be saved" in told[0][1]
    assert planned == ["replan", "replan"]  # planned with what is kept in memory
    assert "saving to /data/journal.sqlite3 failed" in (g.problem() or "")
    assert "(2 kept in memory)" in (g.problem() or "")
    assert g.run(g.save_kept) and done == ["pain", "ice"] and g.kept == []
    assert told[-1][0] == "Posture Coach saves again" and g.problem() is None


def test_a_kept_write_that_still_fails_stays_first_in_the_queue(qapp: Any) -> None:
    g, _told, _planned = guard()
    g.kept.append(failing("Could not write the journal /data/journal.sqlite3: locked."))
    later: list[str] = []
    g.keep(lambda: later.append("later"))
    assert not g.run(g.save_kept)
    assert len(g.kept) == 2 and later == []


def test_a_memory_only_journal_says_nothing_is_saved(qapp: Any) -> None:
    g, _told, _planned = guard()
    g._journal().memory_only = True  # type: ignore[attr-defined]
    assert "could not be opened; nothing is saved" in (g.problem() or "")


def test_a_window_is_built_once_raised_again_and_forgotten_when_closed(qtbot: QtBot) -> None:
    windows = OnceWindows()
    built: list[QWidget] = []

    def build() -> QWidget:
        built.append(QWidget())
        return built[-1]
    first = windows.show("history", build)
    assert windows.show("history", build) is first and len(built) == 1
    assert first.isVisible() and windows.get("history") is first
    first.close()  # deleted on close, and forgotten
    qtbot.waitUntil(lambda: windows.get("history") is None)
    second = windows.show("history", build)
    assert second is not first and len(built) == 2
    assert windows.close("history", quietly=True) is second and windows.get("history") is None


def test_a_kept_window_is_hidden_on_close_and_reused(qtbot: QtBot) -> None:
    windows = OnceWindows()
    window = windows.show("library", QWidget, keep=True)
    qtbot.addWidget(window)
    window.close()
    assert windows.get("library") is window and windows.show("library", QWidget) is window


def test_replace_closes_the_open_window_first(qtbot: QtBot) -> None:
    windows = OnceWindows()
    old = windows.show("safety", QWidget)
    new = windows.replace("safety", QWidget)
    qtbot.addWidget(new)
    assert new is not old and not old.isVisible() and windows.get("safety") is new


class Target:
    def __init__(self) -> None:
        self.coach = FakeCoach()
        self.done: list[tuple[str, tuple[Any, ...]]] = []

    def __getattr__(self, name: str) -> Any:
        def act(*args: Any) -> Any:
            self.done.append((name, args))
            return {"status": {"state": "running"}, "program_changed": "Back care",
                    "current_routine": "desk-reset"}.get(name)
        return act


def test_every_wire_command_has_a_handler_and_nothing_else() -> None:
    assert sorted(CommandHandlers(Target()).table) == sorted(COMMANDS)


def test_commands_are_dispatched_to_their_handlers(qapp: Any) -> None:
    target = Target()
    handle = CommandHandlers(target)
    # the app's language rides along, so the command line answers in it (issue 18)
    assert handle(Request("snooze", {"minutes": 10})) == {"ok": True, "state": "running",
                                                          "language": "en"}
    assert handle(Request("pause", {"for": "1h"}))["state"] == "running"
    assert handle(Request("program-changed")) == {"program": "Back care"}
    assert handle(Request("break-now")) == {"break": None}
    assert handle(Request("history")) == {"shown": "history"}
    assert [d for d in target.done if d[0] != "current_routine"] == [
        ("snooze", (10,)), ("pause", ("1h",)), ("program_changed", ()),
        ("break_now", ("desk-reset",)), ("show_history", ())]
    with pytest.raises(CommandError, match="unknown command 'dance'"):
        handle(Request("dance"))


def test_a_journal_fault_becomes_a_refusal_that_says_why() -> None:
    target = Target()
    handle = CommandHandlers(target)

    def broken() -> None:
        raise JournalError("Could not read the journal: disk I/O error.")
    handle.table["resume"] = lambda args: broken()  # type: ignore[assignment,misc]
    with pytest.raises(CommandError, match="disk I/O error"):
        handle(Request("resume"))
