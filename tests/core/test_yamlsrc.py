"""The safe, located YAML loader: locations, and hostile input refused cleanly."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from posture_coach.core import yaml as yamlsrc
from posture_coach.core.errors import ValidationError
from posture_coach.core.yaml import YMap, YScalar, YSeq


def only_problem(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    assert len(exc.value.problems) == 1
    return str(exc.value.problems[0])


def test_nodes_carry_line_and_column() -> None:
    root = yamlsrc.parse("a: 1\nb:\n  - x\n  - {c: true}\n", "f.yaml")
    assert isinstance(root, YMap)
    b = root.get("b")
    assert isinstance(b, YSeq)
    assert (b.items[0].loc.line, b.items[0].loc.column) == (3, 5)
    inner = b.items[1]
    assert isinstance(inner, YMap)
    c = inner.get("c")
    assert isinstance(c, YScalar) and c.value is True
    assert (c.loc.line, c.loc.column) == (4, 9)
    assert root.plain() == {"a": 1, "b": ["x", {"c": True}]}


def test_quoted_scalars_stay_text() -> None:
    root = yamlsrc.parse("a: '5'\nb: \"yes\"\nc: 5\nd: yes\n", "f")
    assert root.plain() == {"a": "5", "b": "yes", "c": 5, "d": True}


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("a: !!python/object:os.system {}\n", "f.yaml:1:4", "tag"),
        ("a: !!python/name:os.system\n", "f.yaml:1:4", "tag"),
        ("a: !!set {x, y}\n", "f.yaml:1:4", "tag"),
        ("a: !custom 3\n", "f.yaml:1:4", "tag"),
        ("base: &b {x: 1}\nother:\n  <<: *b\n", "f.yaml:3:3", "merge keys"),
        ("a: 1\na: 2\n", "f.yaml:2:1", "duplicate key 'a'"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1", "more than one YAML document"),
        ("a: [1, 2\n", "f.yaml:2:1", "YAML syntax error"),
        ("a: *nowhere\n", "f.yaml:1:4", "alias *nowhere"),
        ("? [1, 2]\n: x\n", "f.yaml:1:3", "mapping key must be plain text"),
        ("a: !!int abc\n", "f.yaml:1:4", "cannot read 'abc' as int"),
        ("a: \x07\n", "f.yaml:1:4", "character"),
    ],
)
def test_refused_with_location(text: str, where: str, words: str) -> None:
    with pytest.raises(ValidationError) as exc:
        yamlsrc.parse(text, "f.yaml")
    message = only_problem(exc)
    assert message.startswith(where + ": "), message
    assert words in message


def test_billion_laughs_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    start = time.perf_counter()
    with pytest.raises(ValidationError) as exc:
        yamlsrc.parse("\n".join(lines) + "\n", "bomb.yaml")
    assert time.perf_counter() - start < 2.0
    assert "beyond" in only_problem(exc) or "expands" in only_problem(exc)
    assert only_problem(exc).startswith("bomb.yaml:")


def test_deep_nesting_refused_without_recursion() -> None:
    depth = 100_000
    with pytest.raises(ValidationError) as exc:
        yamlsrc.parse("[" * depth + "]" * depth, "deep.yaml")
    # What the app promises is a refusal that names the file, the line and a column
    # within the first few hundred brackets (whichever check stops it first: ours at
    # MAX_DEPTH, or the YAML library's own nesting limit), never a RecursionError.
    # The wording is left to whoever refused; only the place is ours to promise.
    message = only_problem(exc)
    match = re.match(r"deep\.yaml:1:(\d+): \S", message)
    assert match, message
    assert yamlsrc.MAX_DEPTH < int(match.group(1)) <= 10_000


def test_recursive_alias_refused() -> None:
    with pytest.raises(ValidationError) as exc:
        yamlsrc.parse("a: &x [1, *x]\n", "r.yaml")
    assert "alias *x" in only_problem(exc)


def test_small_aliases_are_allowed() -> None:
    root = yamlsrc.parse("d: &d {reps: 5}\ne: *d\n", "f")
    assert root.plain() == {"d": {"reps": 5}, "e": {"reps": 5}}


def test_empty_and_comment_only_files(tmp_path: Path) -> None:
    for text in ("", "# only a comment\n", "\n\n"):
        path = tmp_path / "e.yaml"
        path.write_text(text)
        with pytest.raises(ValidationError) as exc:
            yamlsrc.load(path)
        assert only_problem(exc) == f"{path}:1:1: file is empty: expected a YAML mapping"


def test_non_utf8_names_line_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: 1\nname: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ValidationError) as exc:
        yamlsrc.load(path)
    assert only_problem(exc).startswith(f"{path}:2:10: is not valid UTF-8 text (byte 0xe9)")


def test_utf8_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert yamlsrc.load(path).plain() == {"a": 1}


def test_oversized_file_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"a: " + b"x" * (2 * yamlsrc.MAX_BYTES) + b"\n")
    with pytest.raises(ValidationError) as exc:
        yamlsrc.load(path)
    assert only_problem(exc) == f"{path}:1:1: file is larger than 1024 KiB; refusing to read it"


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as exc:
        yamlsrc.load(tmp_path / "nope.yaml")
    assert only_problem(exc) == f"{tmp_path / 'nope.yaml'}: file not found"
    with pytest.raises(ValidationError) as exc:
        yamlsrc.load(tmp_path)
    assert only_problem(exc) == f"{tmp_path}: is a folder, not a file"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.yaml"
    path.write_text("a: 1\n")

    def refuse(*_args: object, **_kw: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("os.open", refuse)  # the bounded reader opens with os.open
    with pytest.raises(ValidationError) as exc:
        yamlsrc.load(path)
    assert only_problem(exc) == f"{path}: cannot be read: permission denied"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.integers(0, 10**30).map(str), st.text("0123456789", min_size=1, max_size=8),
                 st.text("0123456789_:.+-eExobabcdef٣", min_size=1, max_size=8),
                 st.sampled_from(["yes", "No", "on", "~", "null", "0o17", "0x1F", "1_000"])))
def test_plain_scalars_mean_what_yaml_says(value: str) -> None:
    """The fast path for plain text and whole numbers agrees with PyYAML's safe loader."""
    text = f"a: {value}\nb: [{value}]\n"
    try:
        expected = yaml.safe_load(text)
    except yaml.YAMLError:
        return
    try:
        got = yamlsrc.parse(text, "f").plain()
    except ValidationError:
        return  # refused (e.g. a tag-like value); never a different value
    assert got == expected
