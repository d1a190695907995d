"""Property: a mutated library either loads or fails with ValidationError, nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posture_coach.core.errors import ValidationError
from posture_coach.core.library import Library, parse_library
from posture_coach.core.yaml import parse
from tests.helpers import MINIMAL, write_library

BASE_DIR: Path | None = None

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.sampled_from(["stretch", "breathing", "squeeze", "breathe", "assets/exercises/squeeze.svg",
                     "../x.svg", "/abs.svg", "", "seated"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=8)


def slots(node: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) pair in a plain YAML structure."""
    out: list[tuple[Any, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            out.append((node, key))
            out.extend(slots(value))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.append((node, index))
            out.extend(slots(value))
    return out


@pytest.fixture(scope="module")
def base_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lib")
    write_library(folder)
    return folder


def check(text: str, base: Path) -> None:
    try:
        library = parse_library(parse(text, "fuzz.yaml"), "fuzz.yaml", base)
    except ValidationError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert str(problem).startswith("fuzz.yaml")
        return
    assert isinstance(library, Library)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_structural_mutations(base_dir: Path, data: st.DataObject) -> None:
    doc = yaml.safe_load(MINIMAL)
    for _ in range(data.draw(st.integers(1, 4))):
        places = slots(doc)
        container, key = data.draw(st.sampled_from(places))
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            container[key] = data.draw(values)
        elif action == "delete":
            del container[key]
        elif isinstance(container, dict):
            container[data.draw(st.text(max_size=12))] = data.draw(values)
        else:
            container.insert(key, data.draw(values))
    check(yaml.safe_dump(doc, allow_unicode=True), base_dir)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_textual_mutations(base_dir: Path, data: st.DataObject) -> None:
    text = MINIMAL
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        if data.draw(st.booleans()):
            cut = data.draw(st.integers(0, 20))
            text = text[:at] + text[at + cut:]
        else:
            junk = data.draw(st.text(alphabet=":-[]{}&*!|>'\"#%@` \n\t\x00\x85\ufeffab1",
                                     max_size=8))
            text = text[:at] + junk + text[at:]
    check(text, base_dir)
