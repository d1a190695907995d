"""The catalogues: complete, current, consistent, and used by the widgets."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from posture_coach.core import paths
from posture_coach.core.clock import FakeClock
from posture_coach.core.library import load_library_file
from posture_coach.ui import i18n
from posture_coach.ui.guided_break import GuidedBreakWindow
from posture_coach.ui.library_window import LibraryWindow
from tests.helpers import REPO

TRANSLATIONS = REPO / "posture_coach" / "translations"
CATALOGUES = ("es", "en")
BIN = Path(sys.executable).parent


def sources() -> list[str]:
    """The files ``make translations`` scans (the Makefile's I18N_SOURCES)."""
    pkg = REPO / "posture_coach"
    return sorted(str(p) for pattern in ("*.py", "*/*.py", "*/*/*.py")
                  for p in pkg.glob(pattern))


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    out = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out[(name, message.findtext("source") or "")] = message
    return out


def tool(name: str) -> str:
    path = BIN / name
    found = str(path) if path.exists() else shutil.which(name)
    assert found, f"{name} is part of PySide6; reinstall with make install-test"
    return found


@pytest.mark.parametrize("code", CATALOGUES)
def test_catalogue_holds_every_source_string_and_nothing_else(tmp_path: Path,
                                                               code: str) -> None:
    committed = TRANSLATIONS / f"posture_coach_{code}.ts"
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    extra = ["-pluralonly"] if code == "en" else []
    subprocess.run([tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *extra,
                    *sources(), "-ts", str(fresh)], check=True, capture_output=True)
    assert sorted(messages(fresh)) == sorted(messages(committed)), \
        "run `make translations` and translate the new entries"


@pytest.mark.parametrize("code", CATALOGUES)
def test_no_unfinished_or_obsolete_entries(code: str) -> None:
    for key, message in messages(TRANSLATIONS / f"posture_coach_{code}.ts").items():
        translation = message.find("translation")
        assert translation is not None, key
        assert translation.get("type") is None, f"{key}: {translation.get('type')}"
        forms = [f.text for f in translation.iter("numerusform")] if \
            message.get("numerus") == "yes" else [translation.text]
        assert forms and all(f and f.strip() for f in forms), key


@pytest.mark.parametrize("code", CATALOGUES)
def test_compiled_catalogue_is_current(tmp_path: Path, code: str) -> None:
    qm = tmp_path / f"posture_coach_{code}.qm"
    subprocess.run([tool("pyside6-lrelease"), "-silent",
                    str(TRANSLATIONS / f"posture_coach_{code}.ts"), "-qm", str(qm)],
                   check=True)
    assert qm.read_bytes() == (TRANSLATIONS / qm.name).read_bytes(), \
        "run `make translations` to compile the .qm"


PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%n|%\d|&(?=\w)")


@pytest.mark.parametrize("code", CATALOGUES)
def test_placeholders_match(code: str) -> None:
    """{x}, %n and %1 in the translation exactly as in the source; one & mnemonic at most."""
    for (context, source), message in messages(TRANSLATIONS / f"posture_coach_{code}.ts"
                                                ).items():
        want = sorted(p for p in PLACEHOLDER.findall(source) if p != "&")
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or \
            [translation.text or ""]
        for form in forms:
            assert sorted(p for p in PLACEHOLDER.findall(form) if p != "&") == want, \
                (context, source, form)
            assert form.count("&") == source.count("&"), (context, source, form)
        if message.get("numerus") == "yes":
            assert "%n" in source and all("%n" in f for f in forms), (context, source)


def test_spanish_has_two_plural_forms() -> None:
    assert QCoreApplication.translate("Dose", "%n rep(s)", None, 1) == "1 rep"
    i18n.install_translator(QCoreApplication.instance(), "es")  # type: ignore[arg-type]
    try:
        assert QCoreApplication.translate("Dose", "%n rep(s)", None, 1) == "1 repetición"
        assert QCoreApplication.translate("Dose", "%n rep(s)", None, 3) == "3 repeticiones"
    finally:
        i18n.install_translator(QCoreApplication.instance(), "en")  # type: ignore[arg-type]
    assert QCoreApplication.translate("Dose", "%n rep(s)", None, 3) == "3 reps"


def test_languages_and_resolution() -> None:
    assert i18n.available_languages() == (("en", "English"), ("es", "Español"))
    assert i18n.resolve("es") == "es"
    assert i18n.resolve("es_MX") == "es"
    assert i18n.resolve("fr") == "en"  # no catalogue: English
    assert i18n.resolve("system", QLocale("es_AR")) == "es"
    assert i18n.resolve("system", QLocale("de_DE")) == "en"


def test_requested_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(i18n.LANG_ENV, raising=False)
    assert i18n.requested_language() == "system"
    monkeypatch.setenv(i18n.LANG_ENV, "ES")
    assert i18n.requested_language() == "es"
    assert i18n.requested_language("en") == "en"  # --language wins


def test_a_language_without_a_catalogue_installs_english() -> None:
    app = QCoreApplication.instance()
    assert i18n.install_translator(app, "fr") == "en"  # type: ignore[arg-type]
    assert QCoreApplication.translate("TrayController", "&Quit") == "&Quit"
    assert QCoreApplication.translate("Dose", "%n minute(s)", None, 1) == "1 minute"


def test_break_window_in_spanish(qtbot, language: Callable[[str], str]) -> None:  # type: ignore[no-untyped-def]
    assert language("es") == "es"
    library = load_library_file(paths.bundled_library()).localized("es")
    clock = FakeClock(datetime(2026, 11, 23, 10, tzinfo=timezone.utc))
    window = GuidedBreakWindow(library.routine("desk-reset"), clock)
    qtbot.addWidget(window)
    assert window.windowTitle() == "Descanso: Reajuste en el escritorio"
    assert window.name_label.text() == "Reajuste de postura en el escritorio"
    assert window.step_label.text() == "Paso 1 de 4"
    assert window.checkboxes[0].text().startswith("Orejas sobre los hombros")
    assert window.finish_button.text() == "&Terminar"
    window.next()
    assert window.dose_label.text() == "5 repeticiones, mantén 5 s"
    assert window.rep_label.text() == "Repetición 1 de 5"


def test_library_window_in_spanish(qtbot, language: Callable[[str], str]) -> None:  # type: ignore[no-untyped-def]
    language("es")
    window = LibraryWindow(load_library_file(paths.bundled_library()))
    qtbot.addWidget(window)
    assert window.windowTitle() == "Biblioteca de ejercicios — Posture Coach"
    html = window.details.toPlainText()
    assert "Reajuste en el escritorio" in html and "Alrededor de 1 min 50 s." in html
    window.show_exercise(window.library.exercise("bird-dog"))
    text = window.details.toPlainText()
    assert "Dosis: 2 series de 6 repeticiones, mantén 5 s, descansa 30 s entre series, " \
           "cada lado" in text
    assert "Precauciones" in text and "Fuente: práctica general de fisioterapia" in text


# -- plural messages read right ------------------------------------------------

WORD = r"[^\s%{}()]+"


def plural_problems(forms: dict[int, str]) -> list[str]:
    """What reads wrong in the forms a catalogue picks for n = 1, 2, 5 (each with ``%n``
    still in it): ``%n`` missing, "1 minutos" (a plural word after the number 1), a
    singular word after 2 or 5 where 1 has another, or an adjective before the number
    plural for 1 ("Últimos 1 días")."""
    out = []
    for n, form in forms.items():
        if "%n" not in form:
            out.append(f"n={n}: no %n in {form!r}")
    if out:
        return out

    def around(form: str) -> tuple[str, str]:
        before = re.search(rf"({WORD})\s*%n", form)
        after = re.search(rf"%n\s*({WORD})", form)
        strip = ".,:;!?¿¡«»\"'"
        return ((before.group(1).strip(strip) if before else ""),
                (after.group(1).strip(strip) if after else ""))

    before1, after1 = around(forms[1])
    if after1 and after1.lower().endswith("s"):
        out.append(f"n=1: {forms[1].replace('%n', '1')!r} (plural after 1)")
    changes = len({around(f)[1] for f in forms.values()}) > 1  # the word is counted
    for n in (2, 5):
        before_n, after_n = around(forms[n])
        if changes and not after_n.lower().endswith("s"):
            out.append(f"n={n}: {forms[n].replace('%n', str(n))!r} (singular after {n})")
        if before_n != before1 and before1.lower().endswith("s"):
            out.append(f"n=1: {forms[1].replace('%n', '1')!r} (plural before 1)")
    return sorted(set(out))


def test_the_plural_checker_catches_what_it_should() -> None:
    assert plural_problems({1: "%n minutos", 2: "%n minutos", 5: "%n minutos"})
    assert plural_problems({1: "%n minuto", 2: "%n minuto", 5: "%n minutos"})
    assert plural_problems({1: "Últimos %n días", 2: "Últimos %n días", 5: "Últimos %n días"})
    assert plural_problems({1: "minutos", 2: "%n minutos", 5: "%n minutos"})
    assert plural_problems({1: "%n minute", 2: "%n minutes", 5: "%n minutes"}) == []
    assert plural_problems({1: "Último %n día", 2: "Últimos %n días", 5: "Últimos %n días"}
                           ) == []
    assert plural_problems({1: "%n vez al día", 2: "%n veces al día", 5: "%n veces al día"}
                           ) == []
    assert plural_problems({1: "objetivo: %n", 2: "objetivo: %n", 5: "objetivo: %n"}) == []


@pytest.mark.parametrize("code", CATALOGUES)
def test_every_plural_message_reads_right_for_1_2_5(code: str) -> None:
    """Every numerus message of the catalogue, as Qt renders it for n = 1, 2 and 5: the
    number is written, no %n is left, and the words beside it agree with it."""
    app = QCoreApplication.instance()
    assert app is not None
    ts = TRANSLATIONS / f"posture_coach_{code}.ts"
    numerus = [(ctx, src, m.findtext("comment")) for (ctx, src), m in messages(ts).items()
               if m.get("numerus") == "yes"]
    assert len(numerus) >= 10
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS / f"posture_coach_{code}.qm"))
    problems: list[str] = []
    i18n.install_translator(app, code)  # type: ignore[arg-type]
    try:
        for ctx, src, comment in numerus:
            forms = {n: translator.translate(ctx, src, comment, n) for n in (1, 2, 5)}
            for n in forms:
                shown = QCoreApplication.translate(ctx, src, comment, n)
                if "%n" in shown or str(n) not in shown or shown == src:
                    problems.append(f"{ctx}: {src!r} n={n} renders {shown!r}")
            problems += [f"{ctx}: {src!r}: {p}" for p in plural_problems(forms)]
    finally:
        i18n.install_translator(app, "en")  # type: ignore[arg-type]
    assert problems == []


def test_a_break_is_a_descanso_and_pausa_is_only_paused() -> None:
    """House rule: in Spanish a break is "descanso"; "pausa" only says paused ("en pausa",
    "Pausar"), never a break (issue 18: "No hay ninguna pausa prevista" slipped in)."""
    allowed = re.compile(r"en pausa|pausar|haz una pausa", re.IGNORECASE)
    wrong = []
    for (context, source), message in messages(TRANSLATIONS / "posture_coach_es.ts").items():
        translation = message.find("translation")
        assert translation is not None
        for form in [f.text or "" for f in translation.iter("numerusform")] or \
                [translation.text or ""]:
            if re.search(r"pausa", allowed.sub("", form), re.IGNORECASE):
                wrong.append((context, source, form))
    assert not wrong, wrong
    library = (REPO / "exercises.yaml").read_text(encoding="utf-8")
    assert not re.search(r"pausa", allowed.sub("", library), re.IGNORECASE)
