"""A frozen value and who hears when one of its fields changes: the one pattern behind
the settings model (:mod:`.settings_model`) and what the desktop tells the app
(:mod:`.desktop_state`).

Each component subscribes to the fields it cares about, as qutebrowser's
``@config.change_filter('option')`` does, instead of one function comparing every
field and calling everyone.  :meth:`FieldModel.set` replaces the value, then calls, in
the order they subscribed, each subscriber one of whose fields changed, with the new and
the old value.  A field name the value does not have is refused at subscription (a typo
would otherwise never fire).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import fields
from typing import Generic, TypeVar

T = TypeVar("T")


class FieldModel(Generic[T]):
    """``current`` (a frozen dataclass) and its subscribers; ``what`` names the value in
    messages ("settings")."""

    what = "value"

    def __init__(self, value: T):
        self.current = value
        self.fields = frozenset(f.name for f in fields(value))  # type: ignore[arg-type]
        self._listeners: list[tuple[frozenset[str], Callable[[T, T], object]]] = []

    def subscribe(self, names: Iterable[str], listener: Callable[[T, T], object]
                  ) -> Callable[[], None]:
        """Call ``listener(new, old)`` when one of the fields ``names`` changes; returns
        what unsubscribes it (safe to call more than once)."""
        wanted = frozenset(names)
        unknown = sorted(wanted - self.fields)
        if unknown or not wanted:
            raise ValueError(f"unknown {self.what} field(s) {unknown}; known: "
                             f"{sorted(self.fields)}" if unknown
                             else "subscribe to at least one field")
        entry = (wanted, listener)
        self._listeners.append(entry)

        def unsubscribe() -> None:
            self._listeners[:] = [e for e in self._listeners if e is not entry]
        return unsubscribe

    def on_change(self, *names: str) -> Callable[[Callable[[T, T], object]],
                                                 Callable[[T, T], object]]:
        """The decorator form of :meth:`subscribe`."""
        def register(listener: Callable[[T, T], object]) -> Callable[[T, T], object]:
            self.subscribe(names, listener)
            return listener
        return register

    @property
    def listening(self) -> int:
        """How many subscribers there are now."""
        return len(self._listeners)

    def set(self, new: T) -> frozenset[str]:
        """Use ``new`` from now on; tell the subscribers of what changed; the changed
        fields."""
        old, self.current = self.current, new
        changed = frozenset(name for name in self.fields
                            if getattr(old, name) != getattr(new, name))
        for wanted, listener in list(self._listeners):
            if wanted & changed:
                listener(new, old)
        return changed
