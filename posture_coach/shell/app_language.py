"""The language part of the composition root (mixed into ``PostureCoachApp``).

At start the launcher installs ``--language`` / ``POSTURE_COACH_LANG`` when given, else
the ``language`` setting (``start_app``).  When the Settings dialog changes the
setting, :meth:`LanguageMixin.apply_language` installs the new translators at once
and rebuilds what is already built: the tray menu, the library in that language
(routine names in the menu, a home program's routines), and the windows a user
would look at next (Settings on the same tab, History, the library).  A running
break, an ice/heat session, the program editor and open dialogs with the user's
input keep their language until they are closed (nothing the user typed is lost).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QPoint, QTimer

from ..ui.i18n import current_language, install_translator

if TYPE_CHECKING:
    from ..core.library import Library
    from ..core.program import Program
    from ..core.settings import Settings

log = logging.getLogger(__name__)


class LanguageMixin:
    """Methods of :class:`~posture_coach.shell.app.PostureCoachApp` for the UI language."""

    source_library: Library
    """The library as loaded (English with its translations), localized on demand."""

    if TYPE_CHECKING:  # provided by PostureCoachApp and HomeProgramMixin
        settings: Settings
        base_library: Library
        library: Library
        program: Program | None
        tray: Any
        settings_dialog: Any
        history_window: Any
        library_window: Any

        def apply_program(self, program: Program | None) -> None: ...
        def refresh_tray(self, plan: Any = None) -> None: ...
        def show_settings(self) -> None: ...
        def show_history(self) -> None: ...
        def show_library(self) -> None: ...
        def _forget_settings(self) -> None: ...
        def _forget_history(self) -> None: ...

    def apply_language(self) -> str:
        """Install ``settings.language`` now and rebuild what shows text; the code used."""
        app = QCoreApplication.instance()
        if app is None:
            return current_language()
        before = current_language()
        code = install_translator(app, self.settings.language)
        log.info("language: %s (setting %s)", code, self.settings.language)
        if code == before:
            return code
        library_open = self.library_window is not None
        self.base_library = self.source_library.localized(code)
        self.apply_program(self.program)  # the library, the tray's routines; closes the library
        self.tray.retranslate([(r.id, r.name) for r in self.library.routines],
                              self.settings.snooze_minutes,
                              self.program.title if self.program is not None else None)
        self.refresh_tray()
        # Rebuilt after this change has been handled: the Settings dialog sent it.
        QTimer.singleShot(0, lambda: self._reopen_windows(library_open))
        return code

    def _reopen_windows(self, library_open: bool) -> None:
        settings = self._close_for_language("settings_dialog", self._forget_settings)
        history = self._close_for_language("history_window", self._forget_history)
        if settings is not None:
            self.show_settings()
            self.settings_dialog.tabs.setCurrentIndex(settings[1])
            self.settings_dialog.move(settings[0])
        if history is not None:
            self.show_history()
            self.history_window.tabs.setCurrentIndex(history[1])
            self.history_window.move(history[0])
        if library_open:
            self.show_library()

    def _close_for_language(self, name: str, forget: Any) -> tuple[QPoint, int] | None:
        """Close the window in attribute ``name``; where it was and its tab, or None."""
        window = getattr(self, name)
        if window is None:
            return None
        where = (window.pos(), window.tabs.currentIndex())
        window.destroyed.disconnect(forget)
        window.close()
        setattr(self, name, None)
        return where
