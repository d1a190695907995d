"""The settings the app runs with, and who hears when they change.

Each component subscribes to the fields it cares about, as qutebrowser's
``@config.change_filter('option')`` does, instead of one function comparing every
field and calling everyone::

    model.subscribe(("sound", "volume"), lambda new, old: sounds.set_volume(...))

:meth:`SettingsModel.set` replaces the settings, then calls, in the order they
subscribed, each subscriber one of whose fields changed, with the new and the old
settings.  A field name that :class:`~posture_coach.core.settings.Settings` does not
have is refused at subscription (a typo would otherwise never fire).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import fields

from .settings import Settings

Listener = Callable[[Settings, Settings], object]
FIELDS = frozenset(f.name for f in fields(Settings))


class SettingsModel:
    def __init__(self, settings: Settings):
        self.current = settings
        self._listeners: list[tuple[frozenset[str], Listener]] = []

    def subscribe(self, names: Iterable[str], listener: Listener) -> Callable[[], None]:
        """Call ``listener(new, old)`` when one of the fields ``names`` changes; returns
        what unsubscribes it."""
        wanted = frozenset(names)
        unknown = sorted(wanted - FIELDS)
        if unknown or not wanted:
            raise ValueError(f"unknown settings field(s) {unknown}; known: {sorted(FIELDS)}"
                             if unknown else "subscribe to at least one field")
        entry = (wanted, listener)
        self._listeners.append(entry)

        def unsubscribe() -> None:
            if entry in self._listeners:
                self._listeners.remove(entry)
        return unsubscribe

    def on_change(self, *names: str) -> Callable[[Listener], Listener]:
        """The decorator form of :meth:`subscribe`."""
        def register(listener: Listener) -> Listener:
            self.subscribe(names, listener)
            return listener
        return register

    def set(self, new: Settings) -> frozenset[str]:
        """Use ``new`` from now on; tell the subscribers of what changed; the changed
        fields."""
        old, self.current = self.current, new
        changed = frozenset(name for name in FIELDS
                            if getattr(old, name) != getattr(new, name))
        for wanted, listener in list(self._listeners):
            if wanted & changed:
                listener(new, old)
        return changed
