"""What the library readers' quick common cases must still refuse, with its place.

The readers take the usual value (a number in range, a list of plain texts) without
their full checks' calls, and the quick YAML reader takes plain lines; a value just
outside what is allowed must still be refused exactly as before.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posture_coach.core.errors import ValidationError
from posture_coach.core.library import Dose, load_library_file
from posture_coach.core.yaml import parsing
from tests.helpers import MINIMAL, write_library


def problems_for(tmp_path: Path, text: str) -> list[str]:
    path = write_library(tmp_path, text)
    with pytest.raises(ValidationError) as exc:
        load_library_file(path, "exercises.yaml")
    return [str(p) for p in exc.value.problems]


def place(text: str, written: str, token: str | None = None) -> str:
    """``line:column`` of ``token`` (default: all of ``written``) where ``written`` is."""
    line = next(n for n, row in enumerate(text.splitlines(), 1) if written in row)
    column = text.splitlines()[line - 1].index(written) + written.index(token or written)
    return f"{line}:{column + 1}"


@pytest.mark.parametrize(("written", "value", "field", "message"), [
    ("hold_s: 5}", "hold_s: 601}", "exercises[0].dose.hold_s", "must be at most 600, got 601"),
    ("hold_s: 5}", "hold_s: 600.5}", "exercises[0].dose.hold_s",
     "must be at most 600, got 600.5"),
    ("cycles: 6}", "cycles: 201}", "exercises[1].dose.cycles", "must be at most 200, got 201"),
    ("        reps: 5", "        reps: 500", "routines[0].items[0].reps",
     "must be at most 200, got 500"),
])
def test_a_dose_over_its_maximum_is_refused_where_written(tmp_path: Path, written: str,
                                                          value: str, field: str,
                                                          message: str) -> None:
    text = MINIMAL.replace(written, value, 1)
    number = value.split(": ")[1].rstrip("}")
    assert problems_for(tmp_path, text) == [
        f"exercises.yaml:{place(text, value.strip(), number)}: {field}: {message}"]


@pytest.mark.parametrize(("step", "what"), [
    ("Squ\u202eeze.", "a bidirectional control character (U+202E) at character 4"),
    ('"Squ\\eeze."', "ESC (U+001B) at character 4"),
])
def test_a_bad_character_in_a_list_item_is_refused_where_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, what: str) -> None:
    text = MINIMAL.replace("steps: [Sit tall., Squeeze., Relax.]",
                           f"steps: [Sit tall., {step}, Relax.]")
    used = []
    quick = parsing.quick_compose
    monkeypatch.setattr(parsing, "quick_compose",
                        lambda *a: used.append(quick(*a)) or used[-1])
    assert problems_for(tmp_path, text) == [
        f"exercises.yaml:{place(text, step)}: exercises[0].steps[1]: contains {what}; "
        "write plain text only"]
    assert (used[0] is not None) is ("\u202e" in step)  # plain: read by the quick reader


_DOSES = st.builds(
    Dose, hold_s=st.one_of(st.none(), st.floats(1, 60)), reps=st.one_of(st.none(),
                                                                         st.integers(1, 20)),
    sets=st.integers(1, 5), rest_s=st.floats(0, 60), duration_s=st.one_of(st.none(),
                                                                           st.floats(1, 600)),
    each_side=st.booleans(), cycles=st.one_of(st.none(), st.integers(1, 10)))


@settings(max_examples=300, deadline=None)
@given(_DOSES, st.dictionaries(st.sampled_from(["reps", "duration_s", "hold_s", "sets",
                                                "cycles", "each_side"]),
                               st.integers(1, 9), max_size=3))
def test_a_merged_dose_is_built_from_every_field(dose: Dose, overrides: dict[str, int]
                                                 ) -> None:
    values = {f.name: getattr(dose, f.name) for f in fields(Dose)}
    if "duration_s" in overrides:
        values.update(reps=None, hold_s=None, rep_s=None, sets=1, rest_s=0.0)
    elif "reps" in overrides:
        values.update(duration_s=None)
    assert dose.merged(overrides) == Dose(**{**values, **overrides})
