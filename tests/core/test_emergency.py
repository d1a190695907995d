"""The emergency number shown: the program's, else the locale country's, else the general
wording; and the program field that sets it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posture_coach.core import emergency, paths
from posture_coach.core.emergency import EmergencyNumber, emergency_number, locale_country
from posture_coach.core.errors import ValidationError
from posture_coach.core.library import load_library_file
from posture_coach.core.program import load_program
from posture_coach.core.program_writer import draft_from_program, to_document
from tests.program_helpers import docs_example, write_program


@pytest.mark.parametrize(("env", "country"), [
    ({"LANG": "en_AU.UTF-8"}, "AU"),
    ({"LANG": "en_US.UTF-8"}, "US"),
    ({"LANG": "es_MX"}, "MX"),
    ({"LANG": "de_DE.UTF-8@euro"}, "DE"),
    ({"LANG": "en_US.UTF-8", "LC_TELEPHONE": "en_NZ.UTF-8"}, "NZ"),
    ({"LANG": "en_US.UTF-8", "LC_TELEPHONE": "en_NZ.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "GB"),
    ({"LANG": "C.UTF-8"}, None),
    ({"LANG": "POSIX"}, None),
    ({"LANG": "es"}, None),
    ({"LANG": "es_419.UTF-8"}, None),
    ({}, None),
])
def test_locale_country(env: dict[str, str], country: str | None) -> None:
    assert locale_country(env) == country


@pytest.mark.parametrize(("country", "number"), [
    ("US", "911"), ("CA", "911"), ("DE", "112"), ("FR", "112"), ("ES", "112"), ("IE", "112"),
    ("GB", "999"), ("AU", "000"), ("NZ", "111"), ("au", "000"),
])
def test_the_table(country: str, number: str) -> None:
    assert emergency_number(None, country).number == number


def test_the_program_number_wins_and_unknown_gets_the_general_wording() -> None:
    assert emergency_number("000", "US") == EmergencyNumber("000", "US", from_program=True)
    unknown = emergency_number(None, "ZZ")
    assert unknown.number is None
    assert emergency.phrase(unknown) == "your local emergency number"
    text = "Call {emergency_number} or seek emergency care now"
    assert emergency.fill(text, unknown) == \
        "Call your local emergency number or seek emergency care now"
    assert emergency.fill(text, emergency_number(None, "AU")) == \
        "Call 000 or seek emergency care now"


@given(st.text(max_size=30), st.text(max_size=30), st.text(max_size=30))
def test_any_locale_gives_a_table_number_or_the_general_wording(
        lc_all: str, lc_tel: str, lang: str) -> None:
    env = {"LC_ALL": lc_all, "LC_TELEPHONE": lc_tel, "LANG": lang}
    number = emergency.for_program(None, env)
    assert number.number is None or number.number in emergency.NUMBERS.values()
    filled = emergency.fill("Call {emergency_number} now", number)
    assert "{" not in filled and filled.startswith("Call ") and len(filled) > len("Call  now")


def test_the_library_sentence_is_filled_in_english_and_spanish() -> None:
    library = load_library_file(paths.bundled_library())
    assert library.safety is not None
    for lang, unknown in (("en", "Call your local emergency number or seek emergency care"),
                          ("es", "Llama al ")):
        safety = library.localized(lang).safety
        assert safety is not None and emergency.PLACEHOLDER in safety.emergency
        assert unknown in emergency.filled_safety(safety, EmergencyNumber(None)).emergency
    es = library.localized("es").safety
    assert es is not None
    assert emergency.filled_safety(es, emergency_number(None, "AU")).emergency.startswith(
        "Llama al 000 o acude a urgencias")


def _with_number(line: str) -> str:
    text = docs_example()
    assert "  clinician: Dana Lee, PT\n" in text
    return text.replace("  clinician: Dana Lee, PT\n", f"  clinician: Dana Lee, PT\n{line}\n")


def test_program_emergency_number(tmp_path: Path) -> None:
    library = load_library_file(paths.bundled_library())
    program = load_program(write_program(tmp_path / "a", _with_number(
        '  emergency_number: "000"')), library)
    assert program.clinic.emergency_number == "000"
    assert emergency.for_program(program, {"LANG": "en_US.UTF-8"}).number == "000"
    assert load_program(write_program(tmp_path / "b"), library).clinic.emergency_number is None
    # the editor keeps it
    doc = to_document(draft_from_program(program), library)
    assert doc["clinic"]["emergency_number"] == "000"


@pytest.mark.parametrize(("line", "message"), [
    ("  emergency_number: 000", 'must be text in quotes, e.g. emergency_number: "000"'),
    ('  emergency_number: "call 000"', "must be a phone number of digits"),
    ('  emergency_number: "<b>1</b>"', "emergency_number"),
    ("  emergency_number: [1]", "must be text"),
])
def test_bad_program_emergency_number_is_located(tmp_path: Path, line: str,
                                                 message: str) -> None:
    library = load_library_file(paths.bundled_library())
    path = write_program(tmp_path / "a", _with_number(line))
    with pytest.raises(ValidationError) as exc:
        load_program(path, library)
    first = str(exc.value.problems[0])
    assert first.startswith(f"{path}:") and "clinic.emergency_number" in first
    assert message in first
