"""The bundled exercises.yaml validates and holds everything the clinic's page asks for."""

from __future__ import annotations

import pytest

from posture_coach.core import paths
from posture_coach.core.library import GENERAL_PRACTICE, Kind, Library, load_library_file


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library_file(paths.bundled_library())


def test_every_exercise_is_complete(lib: Library) -> None:
    assert len(lib.exercises) >= 14
    for ex in lib.exercises:
        assert ex.steps and ex.cautions, ex.id
        assert ex.illustration is not None and ex.illustration.is_file(), ex.id
        assert ex.illustration.parent == paths.assets_dir() / "exercises"
        assert ex.illustration.name == f"{ex.id}.svg"
        assert ex.source == GENERAL_PRACTICE or ex.source.startswith("Clinic page"), ex.id


def test_stretches_from_the_page(lib: Library) -> None:
    towel = lib.exercise("thoracic-extension-towel")
    assert (towel.kind, towel.position) == (Kind.STRETCH, "floor")
    assert "towel" in " ".join(towel.steps).lower()
    chair = lib.exercise("thoracic-extension-chair")
    assert (chair.kind, chair.position) == (Kind.STRETCH, "seated")
    assert "backrest" in " ".join(chair.steps).lower()
    door = lib.exercise("doorway-chest-stretch")
    assert (door.kind, door.position) == (Kind.STRETCH, "doorway")
    squeeze = lib.exercise("shoulder-blade-squeeze")
    assert squeeze.kind is Kind.STRETCH
    for ex in (towel, door, squeeze):
        assert "Gentle stretches" in ex.source


def test_breathing_is_paced(lib: Library) -> None:
    breathe = lib.exercise("rib-breathing")
    assert breathe.kind is Kind.BREATHING
    assert (breathe.dose.inhale_s, breathe.dose.exhale_s) == (4, 6)
    assert 60 <= breathe.dose.seconds <= 120
    assert "rib" in " ".join(breathe.steps).lower()


def test_posture_resets(lib: Library) -> None:
    desk = " ".join(lib.exercise("posture-reset-desk").steps).lower()
    for phrase in ("ears over shoulders", "shoulders relaxed", "screen at eye level"):
        assert phrase in desk
    driving = lib.exercise("posture-reset-driving")
    assert driving.kind is Kind.POSTURE and driving.position == "car"
    assert "driving" in driving.source


def test_movement_break(lib: Library) -> None:
    walk = lib.exercise("walk-break")
    assert walk.kind is Kind.MOVEMENT and walk.dose.duration_s
    assert "Movement breaks" in walk.source
    moving = [e for e in lib.exercises if e.kind is Kind.MOVEMENT]
    assert len(moving) >= 3


def test_strengthening_covers_upper_back_shoulder_blades_and_core(lib: Library) -> None:
    strength = [e for e in lib.exercises if e.kind is Kind.STRENGTH]
    assert len(strength) >= 3
    targets = {t for e in strength for t in e.targets}
    assert {"upper back", "shoulder blades", "core"} <= targets
    assert all(e.source == GENERAL_PRACTICE for e in strength)


def test_ice_and_heat(lib: Library) -> None:
    ice_heat = lib.ice_heat
    assert ice_heat is not None
    assert (ice_heat.recommended_min, ice_heat.recommended_max) == (10, 15)
    assert ice_heat.default_minutes == 15 and ice_heat.maximum_minutes == 20
    assert "recent strain" in ice_heat.ice.when
    assert "chronic tightness" in ice_heat.heat.when
    text = " ".join(ice_heat.cautions).lower()
    assert "cloth" in text and "numb" in text and "red" in text
    assert ice_heat.ice.illustration and ice_heat.ice.illustration.is_file()
    assert ice_heat.heat.illustration and ice_heat.heat.illustration.is_file()


def test_routines_and_their_computed_lengths(lib: Library) -> None:
    assert 60 <= lib.routine("desk-reset").seconds <= 120
    assert 270 <= lib.routine("movement-break").seconds <= 330
    breathing = lib.routine("breathing-break")
    assert {i.exercise.kind for i in breathing.items} == {Kind.BREATHING}
    evening = lib.routine("evening-home-session")
    kinds = {i.exercise.kind for i in evening.items}
    assert {Kind.STRETCH, Kind.STRENGTH, Kind.BREATHING} <= kinds
    assert 420 <= evening.seconds <= 900
    driving = lib.routine("driving-reset")
    assert driving.items[0].exercise.id == "posture-reset-driving"
    assert 40 <= driving.seconds <= 90


def test_red_flags_from_the_page(lib: Library) -> None:
    safety = lib.safety
    assert safety is not None
    flags = " ".join(safety.red_flags).lower()
    for phrase in ("chest pain", "shortness of breath", "jaw or arm pain", "trauma", "fever",
                   "weight loss", "night sweats", "numbness", "weakness", "trouble walking",
                   "severe, constant, and rapidly getting worse"):
        assert phrase in flags
    assert "emergency" in safety.emergency.lower()
    evaluate = " ".join(safety.evaluate_when).lower()
    assert "couple of weeks" in evaluate and "coming back" in evaluate and "sleep" in evaluate
    assert "does not diagnose" in safety.disclaimer


def test_cautions_a_clinical_read_found_missing(lib: Library) -> None:
    towel = " ".join(lib.exercise("thoracic-extension-towel").cautions).lower()
    assert "osteoporosis" in towel and "rib injury" in towel
    foam = " ".join(lib.exercise("foam-roller-thoracic-extension").cautions).lower()
    assert "osteoporosis" in foam and "rib injury" in foam and "neck" in foam
    angels = " ".join(lib.exercise("wall-angels").cautions).lower()
    assert "do not tip your chin up" in angels


def test_the_upper_back_library_a_therapist_can_progress(lib: Library) -> None:
    new = ("prone-t", "prone-w", "prone-row", "band-row", "band-pull-apart",
           "band-external-rotation", "open-book", "thread-the-needle",
           "quadruped-thoracic-rotation", "cat-camel", "childs-pose-reach", "wall-plank",
           "knee-plank", "plank", "side-plank-knees", "dead-bug", "glute-bridge",
           "wall-push-up-plus", "serratus-wall-slide", "foam-roller-thoracic-extension",
           "pec-minor-stretch", "upper-trapezius-stretch", "levator-scapulae-stretch",
           "supine-chin-tuck", "supine-chin-tuck-head-lift")
    assert len(lib.exercises) >= 39
    for ex_id in new:
        ex = lib.exercise(ex_id)
        assert len(ex.steps) >= 3 and ex.cautions and ex.targets, ex_id
        assert ex.source == GENERAL_PRACTICE, ex_id  # the clinic's page names no such exercise
        assert any("stop" in c.lower() or "do not" in c.lower() for c in ex.cautions), ex_id
    core = [e for e in lib.exercises if "core" in e.targets]
    assert len(core) >= 6  # core was covered by bird dog alone
