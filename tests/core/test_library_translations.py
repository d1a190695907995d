"""Translated exercises, routines, ice/heat and safety: validated, located, localized."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posture_coach.core import paths
from posture_coach.core.errors import ValidationError
from posture_coach.core.library import Dose, load_library_file
from posture_coach.core.texts import english
from tests.helpers import MINIMAL, line_of, write_library

SQUEEZE_ES = """\
    translations:
      es:
        name: Juntar los omóplatos
        summary: Junta los omóplatos.
        steps: [Siéntate erguido., Junta., Relaja.]
        cautions: [Para si el dolor se agudiza.]
"""


def with_translation(block: str = SQUEEZE_ES) -> str:
    anchor = "    source: general physiotherapy practice\n"
    return MINIMAL.replace(anchor, anchor + block, 1)


def problems_for(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        load_library_file(write_library(tmp_path, text), "exercises.yaml")
    return [str(p) for p in exc.value.problems]


def test_translation_is_used_for_its_language_and_english_elsewhere(tmp_path: Path) -> None:
    lib = load_library_file(write_library(tmp_path, with_translation()))
    es = lib.localized("es").exercise("squeeze")
    assert (es.name, es.steps[0], es.cautions) == (
        "Juntar los omóplatos", "Siéntate erguido.", ("Para si el dolor se agudiza.",))
    assert es.dose == lib.exercise("squeeze").dose and es.illustration is not None
    assert lib.localized("es_AR").exercise("squeeze").name == "Juntar los omóplatos"
    assert lib.localized("fr").exercise("squeeze").name == "Shoulder blade squeezes"
    # untranslated exercise and routine: English
    assert lib.localized("es").exercise("breathe").name == "Rib breathing"
    routine = lib.localized("es").routine("quick")
    assert routine.name == "Quick" and routine.items[0].exercise.name == "Juntar los omóplatos"
    assert lib.languages() == frozenset({"es"})


def test_a_translated_list_must_keep_the_original_length(tmp_path: Path) -> None:
    text = with_translation(SQUEEZE_ES.replace("[Siéntate erguido., Junta., Relaja.]",
                                               "[Siéntate erguido., Junta.]"))
    line = line_of(text, "steps: [Siéntate")
    column = text.splitlines()[line - 1].index("[") + 1
    assert problems_for(tmp_path, text) == [
        f"exercises.yaml:{line}:{column}: exercises[0].translations.es.steps: has 2 items "
        "but the original has 3; translate each one, in the same order"]


def test_bad_language_code_and_unknown_field_are_located(tmp_path: Path) -> None:
    text = with_translation(SQUEEZE_ES.replace("      es:", "      Spanish:")
                            + "      de:\n        nmae: Schulterblätter\n")
    problems = problems_for(tmp_path, text)
    assert problems[0].startswith(f"exercises.yaml:{line_of(text, 'Spanish:')}:7: "
                                  "exercises[0].translations: a language code looks like")
    assert problems[1].startswith(f"exercises.yaml:{line_of(text, 'nmae')}:9: "
                                  "exercises[0].translations.de.nmae: unknown field; did you "
                                  "mean 'name'?")
    assert len(problems) == 2


def test_ice_heat_and_safety_translations(tmp_path: Path) -> None:
    text = MINIMAL.replace("  cautions: [Cloth between skin and pack.]\n",
                           "  cautions: [Cloth between skin and pack.]\n"
                           "  translations:\n    es:\n      cautions: [Un paño.]\n"
                           "      ice: {name: Frío, steps: [Envuélvelo.]}\n")
    text = text.replace("  disclaimer: Not a diagnosis.\n",
                        "  disclaimer: Not a diagnosis.\n"
                        "  translations: {es: {red_flags: [Dolor en el pecho]}}\n")
    lib = load_library_file(write_library(tmp_path, text)).localized("es")
    assert lib.ice_heat is not None and lib.safety is not None
    assert (lib.ice_heat.cautions, lib.ice_heat.ice.name, lib.ice_heat.ice.when,
            lib.ice_heat.heat.name) == (("Un paño.",), "Frío", "Recent strain.", "Heat")
    assert lib.safety.red_flags == ("Dolor en el pecho",)
    bad = text.replace("[Envuélvelo.]", "[Uno., Dos.]")
    line = line_of(bad, "Uno.")
    column = bad.splitlines()[line - 1].index("[Uno.") + 1
    assert problems_for(tmp_path, bad) == [
        f"exercises.yaml:{line}:{column}: ice_heat.translations.es.ice.steps: has 2 "
        "items but the original has 1; translate each one, in the same order"]


TEXT_FIELDS = {"name", "summary", "steps", "cautions", "equipment", "source"}


def test_shipped_library_is_fully_spanish() -> None:
    """Every exercise, routine, the ice/heat section and the safety section: every text."""
    lib = load_library_file(paths.bundled_library())
    for exercise in lib.exercises:
        want = {f for f in TEXT_FIELDS if getattr(exercise, f)}
        assert set(exercise.translations.get("es", {})) == want, exercise.id
    for routine in lib.routines:
        assert set(routine.translations.get("es", {})) == {"name", "summary"}, routine.id
    assert lib.ice_heat is not None and lib.safety is not None
    assert set(lib.ice_heat.translations["es"]) == {"cautions"}
    for mode in (lib.ice_heat.ice, lib.ice_heat.heat):
        assert set(mode.translations["es"]) == {"name", "when", "steps"}
    assert set(lib.safety.translations["es"]) == {
        "emergency", "red_flags", "urgent_care", "evaluate_when", "disclaimer"}
    es = lib.localized("es")
    assert es.routine("desk-reset").name == "Reajuste en el escritorio"
    for original, spanish in zip(lib.exercises, es.exercises):
        assert spanish.name != original.name or original.id == "bird-dog"
        assert len(spanish.steps) == len(original.steps)
        assert all(s != o for s, o in zip(spanish.steps, original.steps)), original.id


def test_localized_keeps_everything_but_text() -> None:
    lib = load_library_file(paths.bundled_library())
    es = lib.localized("es")
    for original, spanish in zip(lib.exercises, es.exercises):
        for f in fields(original):
            if f.name not in TEXT_FIELDS:
                assert getattr(spanish, f.name) == getattr(original, f.name), f.name
    assert [r.seconds for r in es.routines] == [r.seconds for r in lib.routines]


def test_english_plural_forms() -> None:
    assert english("Dose", "%n rep(s)", None, 1) == "1 rep"
    assert english("Dose", "%n rep(s)", None, 0) == "0 reps"
    assert english("Plan", "Next break at {when}") == "Next break at {when}"


def fake_translate(context: str, source: str, disambiguation: str | None = None,
                   n: int = -1) -> str:
    """A 'translation' that marks every message, to prove every word goes through it."""
    return "«" + english(context, source, disambiguation, n) + "»"


@given(st.builds(Dose, reps=st.integers(1, 30), sets=st.integers(1, 4),
                 hold_s=st.one_of(st.none(), st.integers(1, 30).map(float)),
                 rest_s=st.integers(0, 60).map(float), each_side=st.booleans()))
def test_dose_text_goes_through_translate_only(dose: Dose) -> None:
    """Stripping the marks from a translated description gives the English one: no word
    of the description bypasses ``translate``."""
    marked = dose.describe(fake_translate)
    assert marked.startswith("«") and marked.endswith("»")
    assert marked.replace("«", "").replace("»", "") == dose.describe()


SPAIN_ONLY = ("guisante", "coche", "aparcad", "esterilla", "túmbate", "túmbese", "compresa",
              "ordenador", "móvil", "notas la cabeza ligera", "atención urgente", "112",
              "te impide", "reposacabezas")


def test_shipped_spanish_is_neutral_latin_american() -> None:
    """The clinic is in the US (it says 911): no word only Spain uses, and a caution that
    says stop says "detente" (a caution starting "Para si…" reads as "For if…")."""
    lib = load_library_file(paths.bundled_library())
    es = lib.localized("es")
    assert es.safety is not None and es.ice_heat is not None
    texts: list[str] = [es.safety.emergency, *es.safety.red_flags, *es.safety.urgent_care,
                        *es.safety.evaluate_when, es.safety.disclaimer, *es.ice_heat.cautions,
                        *es.ice_heat.ice.steps, *es.ice_heat.heat.steps]
    for ex in es.exercises:
        texts += [ex.name, ex.summary, *ex.steps, *ex.cautions, *ex.equipment, ex.source]
        for caution in ex.cautions:
            assert not caution.startswith("Para "), (ex.id, caution)
            assert "; para " not in caution, (ex.id, caution)
    texts += [r.name for r in es.routines] + [r.summary for r in es.routines]
    for text in texts:
        for word in SPAIN_ONLY:
            assert word not in text.lower(), (word, text)
    # the number follows the person's country (issue 17): a US patient reads 911
    from posture_coach.core.emergency import emergency_number, fill

    us = fill(es.safety.emergency, emergency_number(None, "US"))
    assert "acude a urgencias" in us and "Llama al 911" in us
    assert es.exercise("posture-reset-driving").name == "Reajuste de postura en el auto"
