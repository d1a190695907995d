"""The language setting applies: at start (unless --language / POSTURE_COACH_LANG is
given) and at once when the Settings dialog changes it (tray menu, routine names, the
open Settings and History windows rebuilt in the new language)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal
from posture_coach.core.program import DESK_ROUTINE_ID
from posture_coach.core.settings import Settings, load_settings, save_settings
from posture_coach.desktop.sound import SilentSounds
from posture_coach.shell.app import (
    JOURNAL_NAME,
    PostureCoachApp,
    Services,
    load_app_library,
    start_app,
)
from posture_coach.ui import i18n
from posture_coach.ui.tray import TrayController
from tests.program_helpers import write_program
from tests.qt.test_app import MONDAY_10, TZ, FakeIdle, FakeNotifier, menu_mnemonics


def qapp() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


@pytest.fixture
def coach(tmp_path: Path, qtbot: QtBot) -> Iterator[PostureCoachApp]:
    clock = FakeClock(MONDAY_10)
    services = Services(tmp_path / "config", tmp_path / "data", clock, TZ, idle=FakeIdle(),
                        notifiers=[FakeNotifier()], use_tray=False, run_jobs=False,
                        sounds=SilentSounds())
    journal = Journal.open(tmp_path / "data" / JOURNAL_NAME, clock)
    app = PostureCoachApp(services, load_app_library(services.config).library,
                          load_settings(services.config, clock.now()), journal)
    app.start()
    yield app
    for window in (app.settings_dialog, app.history_window, app.library_window):
        if window is not None:
            window.close()
    app.quit()
    i18n.install_translator(qapp(), "en")


def menu_texts(tray: TrayController) -> list[str]:
    menus = [tray.menu] + [a.menu() for a in tray.menu.actions() if a.menu()]
    return [a.text() for m in menus for a in m.actions() if not a.isSeparator()]


def choose_language(app: PostureCoachApp, code: str, qtbot: QtBot) -> Any:
    """Pick ``code`` in the open Settings dialog; wait for the dialog rebuilt in it."""
    old = app.settings_dialog
    old.language.setCurrentIndex(old.language.findData(code))
    qtbot.waitUntil(lambda: app.settings_dialog is not None and app.settings_dialog is not old)
    return app.settings_dialog


def test_the_tray_menu_switches_to_spanish_when_the_setting_changes(
        coach: PostureCoachApp, qtbot: QtBot) -> None:
    tray = coach.tray
    tray.refresh_next()
    english = menu_texts(tray)
    assert "&History…" in english and "Snooze 5 minutes" in english
    assert tray.routine_actions["desk-reset"].text() == "Desk reset"
    coach.show_settings()
    coach.settings_dialog.tabs.setCurrentIndex(6)  # General
    coach.show_history()
    coach.show_library()
    dialog = choose_language(coach, "es", qtbot)

    assert i18n.current_language() == "es"
    assert load_settings(coach.services.config, MONDAY_10).settings.language == "es"
    spanish = menu_texts(tray)
    assert "His&torial…" in spanish and "Posponer 5 minutos" in spanish
    assert "&Salir" in spanish and "Pa&usar los descansos" in spanish
    assert tray.routine_actions["desk-reset"].text() == "Reajuste en el escritorio"
    tray.refresh_next()
    assert tray.next_action.text().startswith("Próximo descanso")
    # the Settings dialog came back in Spanish, on the tab the user was on
    assert dialog.windowTitle() == "Ajustes" and dialog.tabs.currentIndex() == 6
    assert dialog.language.currentData() == "es"
    qtbot.waitUntil(lambda: coach.history_window is not None
                    and coach.history_window.windowTitle() == "Historial")
    qtbot.waitUntil(lambda: coach.library_window is not None and coach.library_window
                    .windowTitle().startswith("Biblioteca de ejercicios"))
    # one key per entry on every menu level, in Spanish too
    for menu in [tray.menu] + [a.menu() for a in tray.menu.actions() if a.menu()]:
        keys = menu_mnemonics(menu)
        assert len(keys) == len(set(keys)), (menu.title(), keys)

    choose_language(coach, "en", qtbot)
    tray.refresh_next()
    assert menu_texts(tray) == english  # retranslate() writes what __init__ wrote


def test_a_home_programs_routines_follow_the_language(coach: PostureCoachApp,
                                                      qtbot: QtBot) -> None:
    coach.import_program(write_program(coach.services.config.parent / "clinic"))
    actions = coach.tray.routine_actions
    assert actions[DESK_ROUTINE_ID].text() == "Home program: desk break"
    assert "Home program: evening session" in [a.text() for a in actions.values()]
    coach.show_settings()
    choose_language(coach, "es", qtbot)
    actions = coach.tray.routine_actions
    assert actions[DESK_ROUTINE_ID].text() == "Programa en casa: descanso en el escritorio"
    assert "Programa en casa: evening session" in [a.text() for a in actions.values()]
    assert QCoreApplication.translate("TrayController", "&Quit") == "&Salir"


class _Server:
    def set_handler(self, handler: object) -> None: ...
    def stop(self) -> None: ...


@pytest.mark.parametrize(("given", "expected"), [(None, "es"), ("en", "en")])
def test_the_setting_applies_at_start_unless_a_language_is_given(
        tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
        given: str | None, expected: str) -> None:
    config = tmp_path / "config"
    save_settings(config, Settings(language="es"))
    monkeypatch.setattr(QMessageBox, "open", lambda self: None)
    i18n.install_translator(qapp(), given or "system")  # what the launcher did
    started = start_app(qapp(), config, tmp_path / "data", FakeClock(MONDAY_10), None,
                        _Server(), language=given)
    assert isinstance(started, PostureCoachApp)
    try:
        assert i18n.current_language() == expected
        quit_text = started.tray.quit_action.text()
        assert quit_text == ("&Salir" if expected == "es" else "&Quit")
    finally:
        if started.safety_dialog is not None:
            started.safety_dialog.close()
        started.quit()
        i18n.install_translator(qapp(), "en")


def test_language_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(i18n.LANG_ENV, raising=False)
    assert i18n.language_override() is None
    assert i18n.requested_language(None, "es") == "es"  # the setting
    monkeypatch.setenv(i18n.LANG_ENV, "en")
    assert i18n.language_override() == "en"
    assert i18n.requested_language(None, "es") == "en"  # the environment wins
    assert i18n.requested_language("es", "en") == "es"  # --language wins over both


def test_handout_report_and_import_preview_in_spanish(
        tmp_path: Path, language: Callable[[str], str]) -> None:
    from posture_coach.core import paths
    from posture_coach.core.adherence import build_report
    from posture_coach.core.library import load_library_file
    from posture_coach.core.policy import Schedule
    from posture_coach.core.program import describe_changes, load_program
    from posture_coach.report import adherence, handout
    from posture_coach.ui.i18n import translate

    library = load_library_file(paths.bundled_library())
    program = load_program(write_program(tmp_path / "clinic"), library)
    english = describe_changes(program, None, Schedule())
    assert "Breaks every 40 minutes (now every 45 minutes)" in english
    assert language("es") == "es"
    lines = describe_changes(program, None, Schedule(), translate)
    assert "Descansos cada 40 minutos (ahora cada 45 minutos)" in lines
    assert "Recordatorio: Evening session, todos los días a las 19:00" in lines
    html = handout.build_html(program, library.localized("es"), {})
    chin = program.prescription("chin-tuck")
    assert "Tus ejercicios" in html and "3 veces al día, 5 días a la semana" in html
    assert chin.dose_text(translate) in html and "repeticiones" in chin.dose_text(translate)
    with Journal.open(tmp_path / "j.sqlite3", FakeClock(MONDAY_10)) as journal:
        report = build_report(journal, program, MONDAY_10, TZ)
    text = adherence.build_html(report)
    assert "Informe de adherencia al programa en casa" in text and "Descansos por día" in text


def test_printed_handout_follows_the_language_setting(tmp_path: Path, qtbot: QtBot) -> None:
    """``program print`` with ``language: es`` in the settings: a Spanish handout (the
    exercise library in Spanish too); ``--language en`` wins over the setting."""
    from posture_coach import cli
    from tests.qt.test_handout import pdf_text

    config = tmp_path / "cfg"
    save_settings(config, Settings(language="es"))
    dirs = ["--config-dir", str(config), "--data-dir", str(tmp_path / "data")]
    source = write_program(tmp_path / "p")
    try:
        assert cli.main([*dirs, "program", "print", str(source), "--out",
                         str(tmp_path / "es.pdf")]) == 0
        text = pdf_text(tmp_path / "es.pdf")
        assert "Tus ejercicios" in text and "Retracción de barbilla" in text
        assert cli.main([*dirs, "--language", "en", "program", "print", str(source),
                         "--out", str(tmp_path / "en.pdf")]) == 0
        assert "Your exercises" in pdf_text(tmp_path / "en.pdf")
    finally:
        i18n.install_translator(qapp(), "en")
