"""The app's language: Qt translators for our own text and Qt's, chosen at start.

``install_translator(app, language)`` is called before any widget is built (by the
launcher and ``start_app``; tests call it too), and again when the setting changes.
``language`` is ``"system"`` (follow ``QLocale.system()``), or a code from
:func:`available_languages` such as ``"es"``.  A language without a catalogue falls
back to English.  English has a small catalogue of its own: the plural forms of
``%n`` messages.

The language comes from ``--language`` or the ``POSTURE_COACH_LANG`` environment
variable when given (:func:`language_override`), else from the ``language``
setting; the Settings dialog changes it at run time (``shell/language.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANG_ENV = "POSTURE_COACH_LANG"
SOURCE_LANGUAGE = "en"
CATALOGUE = "posture_coach"
_LANGUAGES = (("en", "English"), ("es", "Español"))

_installed: list[QTranslator] = []
_current = SOURCE_LANGUAGE


def translations_dir() -> Path:
    """Where the compiled catalogues (``posture_coach_<code>.qm``) live, inside the package."""
    return Path(__file__).resolve().parent.parent / "translations"


def available_languages() -> tuple[tuple[str, str], ...]:
    """(code, the language's own name) for every language the app ships, English first."""
    return tuple((code, name) for code, name in _LANGUAGES
                 if code == SOURCE_LANGUAGE
                 or (translations_dir() / f"{CATALOGUE}_{code}.qm").is_file())


def language_override(cli_choice: str | None = None) -> str | None:
    """``--language``, else ``POSTURE_COACH_LANG``; None when neither is given (then the
    ``language`` setting decides)."""
    choice = (cli_choice or os.environ.get(LANG_ENV) or "").strip().lower()
    return choice or None


def requested_language(cli_choice: str | None = None, setting: str = "system") -> str:
    """The language to use: ``--language``, else ``POSTURE_COACH_LANG``, else the
    ``language`` setting ("system" by default)."""
    return language_override(cli_choice) or setting or "system"


def resolve(language: str, system: QLocale | None = None) -> str:
    """The code of the catalogue to use for ``language`` ("system", "es", "es_MX"...)."""
    codes = [code for code, _ in available_languages()]
    if language == "system":
        locale = system or QLocale.system()
        wanted = [name.replace("-", "_") for name in locale.uiLanguages()] or [locale.name()]
    else:
        wanted = [language.replace("-", "_")]
    for name in wanted:
        for candidate in (name, name.split("_")[0]):
            if candidate.lower() in codes:
                return candidate.lower()
    return SOURCE_LANGUAGE


def current_language() -> str:
    """The code installed by the last :func:`install_translator` ("en" before any)."""
    return _current


def install_translator(app: QCoreApplication, language: str = "system") -> str:
    """Install our catalogue and Qt's own (qtbase) for ``language``; return the code used.

    Calling it again replaces the previous translators, so a language can be changed at
    run time (windows built afterwards use the new one).
    """
    global _current
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    code = resolve(language)
    ours = QTranslator(app)
    if ours.load(f"{CATALOGUE}_{code}", str(translations_dir())):
        app.installTranslator(ours)
        _installed.append(ours)
    elif code != SOURCE_LANGUAGE:  # a catalogue that cannot be read: English
        code = SOURCE_LANGUAGE
        english = QTranslator(app)
        if english.load(f"{CATALOGUE}_{code}", str(translations_dir())):
            app.installTranslator(english)
            _installed.append(english)
    if code != SOURCE_LANGUAGE:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qtbase = QTranslator(app)
        if qtbase.load(f"qtbase_{code}", qt_dir):
            app.installTranslator(qtbase)
            _installed.append(qtbase)
    QLocale.setDefault(QLocale(code) if language != "system" else QLocale.system())
    _current = code
    return code


def translate(context: str, source: str, disambiguation: str | None = None,
              n: int = -1) -> str:
    """Qt's translate with the core's :class:`~posture_coach.core.texts.Translate` shape."""
    return QCoreApplication.translate(context, source, disambiguation, n)
