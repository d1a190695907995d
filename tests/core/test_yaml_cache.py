"""The parse cache: a file parsed once is read back from JSON with the same values and
locations, without PyYAML; any change or damage means parsing again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posture_coach.core import yamlparse, yamlsrc
from posture_coach.core.errors import ValidationError
from posture_coach.core.yamlsrc import YMap, YNode, YScalar, YSeq

DOC = """\
name: Desk reset   # a comment
steps:
  - hold: 20
    side: left
  - {reps: 10, rest: 1.5, ok: true, none: null}
"weird key": [a, "b", 3]
7: seven
"""


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "cache"
    yamlsrc.set_cache_dir(folder)
    yield folder
    yamlsrc.set_cache_dir(None)


def located(node: YNode) -> Any:
    """Values with every node's line and column, for comparing trees."""
    if isinstance(node, YScalar):
        return (node.line, node.column, node.value)
    if isinstance(node, YSeq):
        return (node.line, node.column, node.size, [located(i) for i in node.items])
    assert isinstance(node, YMap)
    return (node.line, node.column, node.size,
            [(located(node.keys[k]), located(v)) for k, v in node.entries.items()])


def no_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str, name: str) -> YNode:
        raise AssertionError("parsed again instead of using the cache")
    monkeypatch.setattr(yamlparse, "parse_text", refuse)


def test_a_second_parse_comes_from_the_cache(cache: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    first = yamlsrc.parse(DOC, "lib.yaml")
    assert len(list(cache.glob("*.json"))) == 1
    no_parser(monkeypatch)
    second = yamlsrc.parse(DOC, "lib.yaml")
    assert located(second) == located(first)
    assert second.loc.file == "lib.yaml" and second.plain() == first.plain()
    assert type(second.plain()[7]) is str  # an integer key stays an integer


def test_changed_text_or_another_name_is_parsed_again(cache: Path) -> None:
    yamlsrc.parse(DOC, "lib.yaml")
    changed = yamlsrc.parse(DOC.replace("hold: 20", "hold: 25"), "lib.yaml")
    assert changed.plain()["steps"][0]["hold"] == 25
    other = yamlsrc.parse(DOC, "other.yaml")
    assert other.loc.file == "other.yaml"
    assert len(list(cache.glob("*.json"))) == 3


def test_a_damaged_cache_file_is_ignored_and_replaced(cache: Path) -> None:
    first = yamlsrc.parse(DOC, "lib.yaml")
    [entry] = cache.glob("*.json")
    for damage in (b"{not json", b'{"name": "lib.yaml", "root": [9, 1, 1]}', b"\xff\xfe",
                   b'{"name": "else.yaml", "root": [0, 1, 1, "x"]}'):
        entry.write_bytes(damage)
        assert located(yamlsrc.parse(DOC, "lib.yaml")) == located(first)
    assert yamlsrc.parse(DOC, "lib.yaml").plain() == first.plain()


def test_errors_and_dates_are_never_cached(cache: Path) -> None:
    for _ in range(2):
        with pytest.raises(ValidationError, match="duplicate key"):
            yamlsrc.parse("a: 1\na: 2\n", "bad.yaml")
    dated = yamlsrc.parse("start: 2026-11-23\n", "program.yaml")
    assert str(dated.plain()["start"]) == "2026-11-23"
    assert list(cache.glob("*.json")) == []


def test_without_a_cache_folder_nothing_is_written(tmp_path: Path) -> None:
    yamlsrc.set_cache_dir(None)
    yamlsrc.parse(DOC, "lib.yaml")
    assert list(tmp_path.rglob("*.json")) == []


def test_the_cache_keeps_only_the_newest_files(cache: Path) -> None:
    for i in range(yamlsrc._CACHE_KEEP + 5):
        yamlsrc.parse(f"n: {i}\n", f"file{i}.yaml")
    assert len(list(cache.glob("*.json"))) == yamlsrc._CACHE_KEEP


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    yamlsrc.set_cache_dir(blocker / "cache")
    try:
        assert yamlsrc.parse(DOC, "lib.yaml").plain()["name"] == "Desk reset"
    finally:
        yamlsrc.set_cache_dir(None)


plain_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                          st.floats(allow_nan=False, allow_infinity=False),
                          st.text(st.characters(blacklist_categories=("Cs", "Cc")),
                                  max_size=12))
documents = st.recursive(
    plain_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text("abcxyz", min_size=1, max_size=5), inner,
                                            max_size=4)),
    max_leaves=20)


@given(st.dictionaries(st.text("abcdef", min_size=1, max_size=6), documents, min_size=1,
                       max_size=5))
def test_any_plain_document_round_trips_through_the_cache(doc: dict[str, Any]) -> None:
    import tempfile

    import yaml

    text = yaml.safe_dump(doc, allow_unicode=True)
    with tempfile.TemporaryDirectory() as tmp:
        yamlsrc.set_cache_dir(Path(tmp))
        try:
            fresh = yamlsrc.parse(text, "doc.yaml")
            again = yamlsrc.parse(text, "doc.yaml")
        finally:
            yamlsrc.set_cache_dir(None)
    assert located(again) == located(fresh)
    assert again.plain() == doc
