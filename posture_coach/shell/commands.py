"""The running copy's answers to ``posture-coach <command>``: one handler a command,
dispatched by a table whose names are the wire format's (:data:`core.commands.COMMANDS`).
A journal fault becomes a refusal that says why, never "internal error"."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QTimer

from ..core.coach import Coach
from ..core.commands import CommandError, Request
from ..core.journal import JournalError

Reply = dict[str, object]  # merged into the JSON answer
Args = Mapping[str, object]  # a request's arguments, checked by the wire format
Handler = Callable[[Args], Reply]


class Target(Protocol):
    """What the commands act on (the app's root)."""

    coach: Coach

    def status(self) -> Reply: ...
    def show_main(self) -> None: ...
    def show_history(self) -> None: ...
    def log_pain(self) -> None: ...
    def program_changed(self) -> str | None: ...
    def preview_import(self, path: Path) -> None: ...
    def break_now(self, routine_id: str) -> None: ...
    def current_routine(self) -> str: ...
    def snooze(self, minutes: int) -> None: ...
    def pause(self, choice: str) -> None: ...
    def resume(self) -> None: ...
    def quit(self) -> None: ...
    def sync_changed(self) -> None: ...


def _minutes(value: object) -> int:
    """``snooze``'s minutes (the wire format checked it is a whole number)."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise CommandError(f"minutes must be a whole number, got {value!r}")
    return int(value)


def _language() -> dict[str, str]:
    """The app's language, so the command line answers in it."""
    from ..ui.i18n import current_language

    return {"language": current_language()}


class CommandHandlers:
    def __init__(self, target: Target):
        self.target = target
        self.table: dict[str, Handler] = {
            "status": lambda args: target.status() | _language(),
            "show": self._show,
            "history": self._history,
            "log-pain": self._log_pain,
            "program-changed": lambda args: {"program": target.program_changed()},
            "break-now": self._break_now,
            "snooze": lambda args: self._then_status(
                lambda: target.snooze(_minutes(args["minutes"]))),
            "pause": lambda args: self._then_status(lambda: target.pause(str(args["for"]))),
            "resume": lambda args: self._then_status(target.resume),
            "open-program": self._open_program,
            "quit": self._quit,
            "sync-changed": self._sync_changed,
        }

    def __call__(self, request: Request) -> Reply:
        handler = self.table.get(request.cmd)
        if handler is None:
            raise CommandError(f"unknown command {request.cmd!r}")
        try:
            return handler(request.args)
        except JournalError as exc:  # a refusal that says why, not "internal error"
            raise CommandError(str(exc)) from None

    def _then_status(self, action: Callable[[], None]) -> Reply:
        action()
        return dict(self.target.coach.status()) | _language()

    def _show(self, args: Args) -> Reply:
        self.target.show_main()
        return {"shown": True}

    def _history(self, args: Args) -> Reply:
        self.target.show_history()
        return {"shown": "history"}

    def _log_pain(self, args: Args) -> Reply:
        self.target.log_pain()
        return {"shown": "log-pain"}

    def _break_now(self, args: Args) -> Reply:
        self.target.break_now(str(args.get("routine") or self.target.current_routine()))
        pending = self.target.coach.pending
        return {"break": pending.routine_id if pending else None}

    def _open_program(self, args: Args) -> Reply:
        """``posture-coach FILE``: a program file double-clicked, shown in the preview."""
        self.target.preview_import(Path(str(args["path"])))
        return {"shown": "import-preview"}

    def _sync_changed(self, args: Args) -> Reply:
        """``posture-coach sync enable/disable/now``: read the settings again and sync."""
        QTimer.singleShot(0, self.target.sync_changed)  # reply first: the CLI is waiting
        return {"sync": "reloaded"}

    def _quit(self, args: Args) -> Reply:
        QTimer.singleShot(0, self.target.quit)  # reply first, then quit
        return {"quitting": True}
