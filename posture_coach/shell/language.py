"""The UI language while the app runs.

At start the launcher installs ``--language`` / ``POSTURE_COACH_LANG`` when given, else
the ``language`` setting (``start_app``).  When the Settings dialog changes the setting,
:meth:`LanguageController.apply` installs the new translators at once and rebuilds what
is already built: the tray menu, the library in that language (routine names in the
menu, a home program's routines), and the windows a user would look at next (Settings on
the same tab, History, the library).  A running break, an ice/heat session, the program
editor and open dialogs with the user's input keep their language until they are closed
(nothing the user typed is lost).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QPoint, QTimer
from PySide6.QtWidgets import QTabWidget, QWidget

from ..core.library import Library
from ..core.settings_model import SettingsModel
from ..ui.i18n import current_language, install_translator
from .breaks import BreakController
from .program import LIBRARY, ProgramController
from .windows import OnceWindows

log = logging.getLogger(__name__)


class LanguageController:
    def __init__(self, *, model: SettingsModel, source_library: Library,
                 program: ProgramController, breaks: BreakController, windows: OnceWindows,
                 reopen: Mapping[str, Callable[[], None]]):
        self.model = model
        self.source_library = source_library  # as loaded: English with its translations
        self.program = program
        self.breaks = breaks
        self.windows = windows
        self.reopen = reopen  # windows rebuilt in the new language: name -> show it
        model.subscribe(("language",), lambda new, old: self.apply())

    def apply(self) -> str:
        """Install ``settings.language`` now and rebuild what shows text; the code used."""
        app = QCoreApplication.instance()
        if app is None:
            return current_language()
        before = current_language()
        language = self.model.current.language
        code = install_translator(app, language)
        log.info("language: %s (setting %s)", code, language)
        if code == before:
            return code
        library_open = self.windows.get(LIBRARY) is not None
        program = self.program
        program.base_library = self.source_library.localized(code)
        program.apply(program.program)  # the library, the tray's routines; closes the library
        self.breaks.tray.retranslate([(r.id, r.name) for r in program.library.routines],
                                     self.model.current.snooze_minutes,
                                     program.program.title if program.program else None)
        self.breaks.refresh_tray()
        # Rebuilt after this change has been handled: the Settings dialog sent it.
        QTimer.singleShot(0, lambda: self._reopen(library_open))
        return code

    def _reopen(self, library_open: bool) -> None:
        places = {name: self._close(name) for name in self.reopen if name != LIBRARY}
        for name, place in places.items():
            if place is None:
                continue
            self.reopen[name]()
            window = self.windows.get(name)
            tabs = _tabs(window)
            if window is not None:
                if tabs is not None:
                    tabs.setCurrentIndex(place[1])
                window.move(place[0])
        if library_open and LIBRARY in self.reopen:
            self.reopen[LIBRARY]()

    def _close(self, name: str) -> tuple[QPoint, int] | None:
        """Close the window ``name``; where it was and its tab, or None."""
        window = self.windows.get(name)
        if window is None:
            return None
        tabs = _tabs(window)
        where = (window.pos(), tabs.currentIndex() if tabs is not None else 0)
        self.windows.close(name)
        return where


def _tabs(window: QWidget | None) -> QTabWidget | None:
    """The tabs of a window rebuilt in the new language (Settings and History have)."""
    tabs = getattr(window, "tabs", None)
    return tabs if isinstance(tabs, QTabWidget) else None
