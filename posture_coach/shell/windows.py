"""Windows opened once: asking for a window that is open brings it forward; else it is
built, shown, and forgotten when it is closed (deleted) - the one place that knows how.

>>> windows.show(HISTORY, lambda: HistoryWindow(...))   # built the first time
>>> windows.show(HISTORY, ...)                          # raised the second
>>> windows.get(HISTORY)                                # the open one, or None

A window's name is a :class:`WindowName`, a string that also carries the window's class
for the type checker (``HISTORY: WindowName[HistoryWindow]``), so ``get`` answers a
``HistoryWindow`` without importing its module before it is needed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar, overload

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ..ui.placement import show_placed

W = TypeVar("W", bound=QWidget)


class WindowName(str, Generic[W]):
    """The name a window is known by (a plain string at run time)."""


class OnceWindows:
    def __init__(self) -> None:
        self._open: dict[str, QWidget] = {}

    @overload
    def get(self, name: WindowName[W]) -> W | None: ...
    @overload
    def get(self, name: str) -> QWidget | None: ...

    def get(self, name: str) -> QWidget | None:
        """The open window called ``name``, or None."""
        return self._open.get(name)

    def __iter__(self) -> Iterator[QWidget]:
        return iter(list(self._open.values()))

    def show(self, name: str, build: Callable[[], W], *, activate: bool = True,
             keep: bool = False) -> W:
        """Bring the window ``name`` forward, building it with ``build()`` when none is
        open.  ``keep``: closing only hides it (it is reused), else it is deleted and
        forgotten."""
        window = self._open.get(name)
        if window is None:
            window = self.add(name, build(), keep=keep)
        show_placed(window, name, activate=activate)  # where it was left, else centred
        return window  # type: ignore[return-value]  # built by this name's build()

    def replace(self, name: str, build: Callable[[], W], *, activate: bool = True) -> W:
        """Close the window ``name`` if one is open and show a new one."""
        self.close(name)
        return self.show(name, build, activate=activate)

    def add(self, name: str, window: W, *, keep: bool = False) -> W:
        """Remember ``window`` as ``name`` (deleted on close unless ``keep``)."""
        if not keep:
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda *_: self._destroyed(name, window))
        self._open[name] = window
        return window

    def _destroyed(self, name: str, window: QWidget) -> None:
        if self._open.get(name) is window:
            del self._open[name]

    def forget(self, name: str) -> QWidget | None:
        """Stop knowing the window ``name`` (left open); it, or None."""
        return self._open.pop(name, None)

    def close(self, name: str, *, quietly: bool = False) -> QWidget | None:
        """Close the window ``name`` (its signals blocked first when ``quietly``); the
        window closed, or None."""
        window = self.forget(name)
        if window is not None:
            if quietly:
                window.blockSignals(True)
            window.close()
        return window
