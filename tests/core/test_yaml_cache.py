"""The parse cache: a file parsed once is read back from JSON with the same values and
locations, without PyYAML; any change or damage means parsing again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posture_coach.core import yaml as yamlsrc
from posture_coach.core.errors import ValidationError
from posture_coach.core.yaml import ParseCache, YMap, YNode, YScalar, YSeq
from posture_coach.core.yaml import parsing as yamlparse

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
def cache(tmp_path: Path) -> ParseCache:
    return ParseCache(tmp_path / "cache")


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


def test_a_second_parse_comes_from_the_cache(cache: ParseCache,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    first = yamlsrc.parse(DOC, "lib.yaml", cache)
    assert len(list(cache.folder.glob("*.json"))) == 1
    no_parser(monkeypatch)
    second = yamlsrc.parse(DOC, "lib.yaml", cache)
    assert located(second) == located(first)
    assert second.loc.file == "lib.yaml" and second.plain() == first.plain()
    assert type(second.plain()[7]) is str  # an integer key stays an integer


def test_changed_text_or_another_name_is_parsed_again(cache: ParseCache) -> None:
    yamlsrc.parse(DOC, "lib.yaml", cache)
    changed = yamlsrc.parse(DOC.replace("hold: 20", "hold: 25"), "lib.yaml", cache)
    assert changed.plain()["steps"][0]["hold"] == 25
    other = yamlsrc.parse(DOC, "other.yaml", cache)
    assert other.loc.file == "other.yaml"
    assert len(list(cache.folder.glob("*.json"))) == 3


def test_a_damaged_cache_file_is_ignored_and_replaced(cache: ParseCache) -> None:
    first = yamlsrc.parse(DOC, "lib.yaml", cache)
    [entry] = cache.folder.glob("*.json")
    for damage in (b"{not json", b'{"name": "lib.yaml", "root": [9, 1, 1]}', b"\xff\xfe",
                   b'{"name": "else.yaml", "root": [0, 1, 1, "x"]}'):
        entry.write_bytes(damage)
        assert located(yamlsrc.parse(DOC, "lib.yaml", cache)) == located(first)
    assert yamlsrc.parse(DOC, "lib.yaml", cache).plain() == first.plain()


def test_errors_and_dates_are_never_cached(cache: ParseCache) -> None:
    for _ in range(2):
        with pytest.raises(ValidationError, match="duplicate key"):
            yamlsrc.parse("a: 1\na: 2\n", "bad.yaml", cache)
    dated = yamlsrc.parse("start: 2026-11-23\n", "program.yaml", cache)
    assert str(dated.plain()["start"]) == "2026-11-23"
    assert list(cache.folder.glob("*.json")) == []


def test_without_a_cache_folder_nothing_is_written(tmp_path: Path) -> None:
    yamlsrc.parse(DOC, "lib.yaml")
    assert list(tmp_path.rglob("*.json")) == []


def test_the_cache_keeps_only_the_newest_files(cache: ParseCache) -> None:
    for i in range(ParseCache.KEEP + 5):
        yamlsrc.parse(f"n: {i}\n", f"file{i}.yaml", cache)
    assert len(list(cache.folder.glob("*.json"))) == ParseCache.KEEP


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = ParseCache(blocker / "cache")
    assert yamlsrc.parse(DOC, "lib.yaml", cache).plain()["name"] == "Desk reset"


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
        cache = ParseCache(Path(tmp))
        fresh = yamlsrc.parse(text, "doc.yaml", cache)
        again = yamlsrc.parse(text, "doc.yaml", cache)
    assert located(again) == located(fresh)
    assert again.plain() == doc
