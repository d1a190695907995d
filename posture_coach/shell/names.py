"""The names the root keeps for the launcher and the tests (``app.coach``,
``app.snooze(...)``, ``app.history_window``), each another object's attribute: plain
delegations declared one a line in :class:`~.root.PostureCoachApp`."""

from __future__ import annotations

from typing import Any, Protocol

from .windows import OnceWindows


class _HasWindows(Protocol):
    windows: OnceWindows


class Via:
    """A name of the root that is another object's attribute (``Via("breaks",
    "coach")``: ``app.coach`` is ``app.breaks.coach``)."""

    def __init__(self, owner: str, name: str):
        self.owner, self.name = owner, name

    # Any: a descriptor answers whatever the named attribute is (a method, a controller,
    # a value); the type lives on the owner, where mypy checks it.
    def __get__(self, app: object, kind: type | None = None) -> Any:
        return self if app is None else getattr(getattr(app, self.owner), self.name)

    def __set__(self, app: object, value: object) -> None:
        """``app.idle = monitor`` sets the owner's (it never hides it on the root)."""
        setattr(getattr(app, self.owner), self.name, value)


class OpenWindow:
    """A window the root knows by name: the open one, or None."""

    def __init__(self, name: str):
        self.name = name

    # Any: the window's class depends on the name (tests read its widgets).
    def __get__(self, app: _HasWindows | None, kind: type | None = None) -> Any:
        return self if app is None else app.windows.get(self.name)
