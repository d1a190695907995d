"""Windows opened once: asking for a window that is open brings it forward; else it is
built, shown, and forgotten when it is closed (deleted) - the one place that knows how.

>>> windows.show("history", lambda: HistoryWindow(...))   # built the first time
>>> windows.show("history", ...)                          # raised the second
>>> windows.get("history")                                # the open one, or None
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import Qt

from ..ui.placement import show_placed


class OnceWindows:
    def __init__(self) -> None:
        self._open: dict[str, Any] = {}

    def get(self, name: str) -> Any:
        """The open window called ``name``, or None."""
        return self._open.get(name)

    def __iter__(self) -> Iterator[Any]:
        return iter(list(self._open.values()))

    def show(self, name: str, build: Callable[[], Any], *, activate: bool = True,
             keep: bool = False) -> Any:
        """Bring the window ``name`` forward, building it with ``build()`` when none is
        open.  ``keep``: closing only hides it (it is reused), else it is deleted and
        forgotten."""
        window = self._open.get(name)
        if window is None:
            window = self.add(name, build(), keep=keep)
        show_placed(window, name, activate=activate)  # where it was left, else centred
        return window

    def replace(self, name: str, build: Callable[[], Any], *, activate: bool = True) -> Any:
        """Close the window ``name`` if one is open and show a new one."""
        self.close(name)
        return self.show(name, build, activate=activate)

    def add(self, name: str, window: Any, *, keep: bool = False) -> Any:
        """Remember ``window`` as ``name`` (deleted on close unless ``keep``)."""
        if not keep:
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda *_: self._destroyed(name, window))
        self._open[name] = window
        return window

    def _destroyed(self, name: str, window: Any) -> None:
        if self._open.get(name) is window:
            del self._open[name]

    def forget(self, name: str) -> Any:
        """Stop knowing the window ``name`` (left open); it, or None."""
        return self._open.pop(name, None)

    def close(self, name: str, *, quietly: bool = False) -> Any:
        """Close the window ``name`` (its signals blocked first when ``quietly``); the
        window closed, or None."""
        window = self.forget(name)
        if window is not None:
            if quietly:
                window.blockSignals(True)
            window.close()
        return window
