"""Starting the app: read the library and the settings, open the journal (in memory when
the file cannot be), build the root (:class:`.root.PostureCoachApp`), start it, and say
what was found wrong at start.  The launcher calls :func:`start_app`."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon

from ..core import paths
from ..core.clock import Clock, local_zone
from ..core.datafiles import JOURNAL_NAME
from ..core.journal import Journal, JournalError
from ..core.library import LoadedLibrary, load_library
from ..core.settings import LoadedSettings, finish_migration, load_settings
from ..core.yaml import ParseCache
from ..ui.i18n import translate
from .root import PostureCoachApp
from .services import Services

if TYPE_CHECKING:
    from ..desktop.channel.server import InstanceServer

__all__ = ["JOURNAL_NAME", "PostureCoachApp", "Services", "load_app_library", "local_zone",
           "start_app"]

log = logging.getLogger(__name__)


def load_app_library(config: Path, cache: ParseCache | None = None) -> LoadedLibrary:
    return load_library(paths.bundled_library(), paths.user_library(config), cache=cache)


def start_app(app: QApplication, config: Path, data: Path, clock: Clock,
              tray_icon: QSystemTrayIcon | None, server: InstanceServer,
              language: str | None = None, parse_cache: ParseCache | None = None
              ) -> PostureCoachApp | int:
    """Build everything and start; else the exit code (after telling the user why).

    ``language``: ``--language`` / ``POSTURE_COACH_LANG`` when given (they win over the
    ``language`` setting).  ``parse_cache``: where parsed copies of files are kept."""
    from ..core.errors import ValidationError

    try:
        loaded = load_app_library(config, parse_cache)
    except ValidationError as exc:
        log.error("the bundled library is broken:\n%s", exc)
        QMessageBox.critical(None, translate("App", "Posture Coach"), translate(
            "App", "The exercise library that came with the app cannot be read; please "
                   "reinstall posture-coach.\n\n{details}").format(details=exc))
        return 1
    settings = load_settings(config, clock.now(), parse_cache)
    if language is None and settings.settings.language != "system":
        from ..ui.i18n import install_translator

        log.info("language: %s (setting)", install_translator(app, settings.settings.language))
    for note in settings.notes:
        log.info("%s", note)
    try:
        kept = finish_migration(settings)
        if kept is not None:
            log.info("settings saved in the current version; the old file is kept as %s",
                     kept)
    except OSError as exc:
        log.warning("could not save the migrated settings: %s", exc)
    journal = _open_journal(data, clock)
    services = Services(config, data, clock, local_zone(), idle="auto", quiet="auto",
                        parse_cache=parse_cache)
    coach_app = PostureCoachApp(services, loaded.library, settings, journal, tray_icon)
    server.set_handler(coach_app.handle_command)
    coach_app.server = server
    app.aboutToQuit.connect(server.stop)
    coach_app.start()
    coach_app.first_run_safety()
    coach_app.daily_checks()
    coach_app.notices = _show_warnings(_start_warnings(journal, loaded, settings))
    log.info("started: config %s, data %s", config, data)
    return coach_app


def _open_journal(data: Path, clock: Clock) -> Journal:
    from ..core.datafiles import make_private

    try:
        make_private(data)  # the data folder 0700, what we keep in it 0600
        return Journal.open(data / JOURNAL_NAME, clock)
    except JournalError as exc:
        # Keep running (reminders matter more than records), say so, touch nothing.
        log.error("cannot open the journal: %s; running with a journal in memory", exc)
        return Journal.in_memory(data / JOURNAL_NAME, clock, str(exc) + "\n\n" + (
            QCoreApplication.translate(
                "PostureCoachApp", "Posture Coach runs on, but nothing is saved until this is "
                "fixed: breaks from now on are kept in memory only. Restart the app once the "
                "journal can be opened.")))


def _start_warnings(journal: Journal, loaded: LoadedLibrary, settings: LoadedSettings
                    ) -> list[str]:
    warnings = []
    if journal.notice:
        warnings.append(journal.notice)
    if loaded.user_file_problems is not None:
        log.warning("your library file was not used:\n%s", loaded.user_file_problems)
        warnings.append(translate(
            "App", "Your exercise library {file} has problems, so the app is using the "
                   "bundled library. Your file was not changed.\n\n{problem}").format(
                file=loaded.user_file, problem=loaded.user_file_problems.problems[0]))
    if settings.problems:
        log.warning("settings problems:\n%s", "\n".join(map(str, settings.problems)))
        problems = "\n".join(map(str, settings.problems[:5]))
        if settings.backup:
            warnings.append(translate(
                "App", "Some settings could not be used, so their defaults apply. A copy of "
                       "the file is in {backup}.\n\n{problems}").format(
                    backup=settings.backup, problems=problems))
        else:
            warnings.append(translate(
                "App", "Some settings could not be used, so their defaults apply."
                       "\n\n{problems}").format(problems=problems))
    return warnings


def _show_warnings(warnings: list[str]) -> list[QMessageBox]:
    """Each warning in its own box; the boxes (kept by the app while they are open)."""
    boxes = []
    for text in warnings:
        box = QMessageBox(QMessageBox.Icon.Warning,
                          translate("App", "Posture Coach: a problem was found"), text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        boxes.append(box)
    return boxes
