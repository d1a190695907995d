"""The quick reader of plain YAML (core/yaml/quick.py) agrees with the full parser.

Whatever text it takes, it must build the very nodes PyYAML's events and our composer
build (values and their types, file:line:column of every node and key, sizes); whatever
the full parser refuses, it must leave to the full parser (answer None).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from posture_coach.core.errors import ValidationError
from posture_coach.core.yaml import YMap, YNode, YScalar, YSeq, parsing
from posture_coach.core.yaml.quick import quick_compose


def dump(node: YNode | None) -> Any:
    """Everything a node says, as plain data (types of values included)."""
    if node is None:
        return None
    if type(node) is YScalar:
        return ("scalar", node.file, node.line, node.column, node.size,
                type(node.value).__name__, node.value)
    if type(node) is YSeq:
        return ("seq", node.file, node.line, node.column, node.size,
                [dump(i) for i in node.items])
    assert type(node) is YMap
    return ("map", node.file, node.line, node.column, node.size,
            [(dump(node.keys[k]), dump(v)) for k, v in node.entries.items()])


def quick(text: str) -> YNode | None:
    return quick_compose(text, "f.yaml", parsing._plain_scalar, parsing._IMPLICIT)


def full(text: str) -> Any:
    """The full parser's nodes, or the problems it reports."""
    try:
        return dump(parsing._compose(parsing._events(text), "f.yaml"))
    except ValidationError as exc:
        return ("refused", str(exc))
    except Exception as exc:  # PyYAML's own errors (parse_text words them)
        return ("refused", type(exc).__name__)


def agrees(text: str) -> None:
    got = quick(text)
    if got is not None:
        assert dump(got) == full(text), text


# Characters that matter to YAML, and some that do not.
_CHARS = [*"ab Z é:-#,[]{}'\"&*!|>%@`?.~019_<=\t\r\\", "\u2028", "\x85", "\ufeff"]
_PLAIN_CHARS = list("abZé019._ ")
_WORD = st.one_of(st.text(st.sampled_from(_PLAIN_CHARS), min_size=1, max_size=7),
                  st.text(st.sampled_from(_PLAIN_CHARS), min_size=1, max_size=7),
                  st.text(st.sampled_from(_PLAIN_CHARS), min_size=1, max_size=7),
                  st.text(st.sampled_from(_CHARS), min_size=0, max_size=7))
_KEY = st.one_of(st.sampled_from(["a", "b", "c", "d", "id", "name", "steps", "x_y", "a-b"]),
                 st.sampled_from(["a", "b", "id", "yes", "No", "null", "on", "n", "x_y",
                                  "a-b", "1", "<<", "=", "t"]), _WORD)
_VALUES = ["x", "5", "05", "-3", "1:30", "true", "~", "null",
                                    "2024-01-02", "1e3", "1.5", ".inf", "0x1F", "0b_",
           "a chair", "Stop if pain sharpens.", "No", "<<", "="]
_VALUE = st.one_of(st.sampled_from(_VALUES), _WORD)


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Nearly plain YAML documents: nested blocks, flow lists and mappings, comments and
    blank lines, odd spacing and indentation now and then."""
    lines: list[str] = []

    def value_text(depth: int) -> str:
        kind = draw(st.integers(0, 5))
        if kind <= 2 or depth > 2:
            return draw(_VALUE)
        items = draw(st.lists(st.deferred(lambda: st.just(None)), max_size=3))
        sep = draw(st.sampled_from([", "] * 6 + [",", " , ", ",  "]))
        if kind == 4:
            return "[" + sep.join(value_text(depth + 1) for _ in items) + "]"
        return "{" + sep.join(f"{draw(_KEY)}: {value_text(depth + 1)}" for _ in items) + "}"

    def folded(pad: str, key: str, gap: str, tail: str, indent: int) -> None:
        """``key: >-`` and its lines of text, now and then with what the quick reader
        must leave to the parser (other indicators, empty lines, odd indentation...)."""
        style = draw(st.sampled_from([">-"] * 12 + [">", "|-", "|", ">+", ">1-", ">-  "]))
        lines.append(f"{pad}{key}:{gap}{style}{tail}")
        inner = indent + draw(st.sampled_from([2, 2, 2, 1, 3, 4, 0]))
        for _ in range(draw(st.integers(0, 3))):
            if draw(st.integers(0, 11)) == 0:
                lines.append(draw(st.sampled_from(["", " ", " " * (inner + 1)])))
            shift = draw(st.sampled_from([0] * 10 + [1, 2, -1]))
            words = draw(st.lists(_VALUE, min_size=1, max_size=3))
            lines.append(" " * max(0, inner + shift) + " ".join(words)
                         + draw(st.sampled_from([""] * 10 + [" ", " # c"])))

    def block(indent: int, depth: int, as_item: bool) -> None:
        seq = draw(st.booleans()) and not as_item and depth > 0
        count = draw(st.integers(1, 3))
        for index in range(count):
            pad = " " * indent
            if draw(st.integers(0, 19)) == 0:
                lines.append(pad + draw(st.sampled_from(["", "# note", "  ", "#", "  # x"])))
            if draw(st.integers(0, 29)) == 0:
                pad = " " * draw(st.integers(0, indent + 2))  # odd indentation
            gap = draw(st.sampled_from([" "] * 12 + ["  ", ""]))
            tail = draw(st.sampled_from([""] * 12 + [" ", " # c", "#"]))
            if seq:
                if depth < 3 and draw(st.integers(0, 2)) == 0:
                    key = draw(_KEY)
                    nested = draw(st.booleans())
                    lines.append(f"{pad}-{gap}{key}:" + ("" if nested else
                                                         f" {value_text(0)}") + tail)
                    inner = indent + 1 + len(gap)
                    if nested:
                        block(inner + draw(st.integers(1, 2)), depth + 1, False)
                    if draw(st.booleans()):
                        block(inner, depth + 1, True)
                else:
                    lines.append(f"{pad}-{gap}{value_text(0)}{tail}")
            else:
                key = draw(_KEY) if draw(st.booleans()) else f"k{index}"
                if depth < 3 and draw(st.integers(0, 2)) == 0:
                    lines.append(f"{pad}{key}:{tail}")
                    block(indent + draw(st.sampled_from([2, 2, 2, 1, 3, 0])), depth + 1, False)
                elif draw(st.integers(0, 5)) == 0:
                    folded(pad, key, gap, tail, indent)
                else:
                    lines.append(f"{pad}{key}:{gap}{value_text(0)}{tail}")
            if as_item and index == 0:
                break

    block(0, 0, False)
    end = draw(st.sampled_from(["\n"] * 6 + ["", "\n\n", "\n...\n", "\n---\nb: 1\n"]))
    return "\n".join(lines) + end


_LEAF = st.one_of(st.sampled_from([v for v in _VALUES if v not in ("-3", "<<", "=", "1:30")]),
                  st.text(st.sampled_from(_PLAIN_CHARS), min_size=1, max_size=8)
                  .map(str.strip).filter(bool))
_TREE = st.recursive(_LEAF, lambda inner: st.one_of(
    st.lists(inner, min_size=1, max_size=3),
    st.dictionaries(st.sampled_from(["a", "b", "id", "name", "x_y", "n", "t"]), inner,
                    min_size=1, max_size=3)), max_leaves=14)


@st.composite
def plain_documents(draw: st.DrawFn) -> str:
    """Documents written the way our files are: block mappings and lists, one-line flow
    lists and mappings, values of every plain type."""
    lines: list[str] = []

    def flow(value: Any) -> str:
        if isinstance(value, list):
            return "[" + ", ".join(flow(v) for v in value) + "]"
        if isinstance(value, dict):
            return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
        return str(value)

    def write(value: Any, indent: int, lead: str) -> None:
        """``lead``: the text before the value on its first line ('key:' or '-')."""
        item = lead.endswith("-")
        if not item and not isinstance(value, (list, dict)) and draw(st.integers(0, 3)) == 0:
            lines.append(f"{lead} >-")  # folded text: its words over lines of their own
            words = str(value).split()
            pad = " " * (indent + draw(st.integers(1, 4)))
            while words:
                take = draw(st.integers(1, len(words)))
                lines.append(pad + " ".join(words[:take]))
                words = words[take:]
            if draw(st.integers(0, 3)) == 0:
                lines.append("")  # an empty line after the text (which '-' strips)
            return
        if not isinstance(value, (list, dict)) or draw(st.integers(0, 3)) == 0 \
                or (item and isinstance(value, list)):  # no list on a dash line of its own
            lines.append(f"{lead} {flow(value)}")
            return
        step = draw(st.integers(1, 4))
        if isinstance(value, list):
            lines.append(lead)
            for item in value:
                write(item, indent + step, " " * (indent + step) + "-")
            return
        if item:  # '- key: value' on the dash line
            column = len(lead) + 1
            for index, (key, item) in enumerate(value.items()):
                write(item, column, (lead + " " if index == 0 else " " * column) + f"{key}:")
            return
        lines.append(lead)
        for key, item in value.items():
            write(item, indent + step, " " * (indent + step) + f"{key}:")

    tree = draw(st.dictionaries(st.sampled_from(["a", "b", "version", "items"]), _TREE,
                                min_size=1, max_size=3))
    for key, value in tree.items():
        write(value, 0, f"{key}:")
    return "\n".join(lines) + "\n"


_TEXT_WORDS = st.one_of(
    st.text(st.sampled_from(_PLAIN_CHARS), min_size=1, max_size=6).map(str.strip).filter(bool),
    st.sampled_from(["#", "# c", "a: b", "-", "- x", "'q'", '"q"', "&a", "*a", "!x", "[a",
                     "{b}", "x:", "|", ">", "---", "...", "%", "@", "`", "?", "~", "5",
                     "true", "null", "é"]))


_QUOTED_CHARS = [*"ab  é,:#[]{}-&*!|>", "\\", '"', "'"]


@st.composite
def text_documents(draw: st.DrawFn) -> str:
    """Plain documents whose text values are ``>-`` folded over lines or quoted, in the
    places our files use them (a top-level key, a nested key, a key of a list item), with
    what the quick reader must leave to the parser now and then: an empty or a more
    indented line, spaces at a line's end, a line of spaces, text as indented as its key,
    escapes and quotes inside quotes."""
    lines: list[str] = []

    def quoted() -> str:
        """Quoted text (one line), alone or in a flow list or mapping."""
        def one() -> str:
            mark = draw(st.sampled_from(['"', '"', "'"]))
            return mark + draw(st.text(st.sampled_from(_QUOTED_CHARS), max_size=8)) + mark
        form = draw(st.integers(0, 3))
        if form <= 1:
            return one()
        if form == 2:
            return "[" + ", ".join(draw(st.sampled_from([one(), "a b", "5"]))
                                   for _ in range(draw(st.integers(1, 3)))) + "]"
        return "{" + ", ".join(f"k{n}: " + draw(st.sampled_from([one(), "x", "true"]))
                               for n in range(draw(st.integers(1, 3)))) + "}"

    for index in range(draw(st.integers(1, 3))):
        where = draw(st.integers(0, 3))
        if where == 0:
            lines.append(f"k{index}: >-")
            column = 0
        elif where == 1:
            step = draw(st.integers(1, 3))
            lines += [f"k{index}:", " " * step + "t: >-"]
            column = step
        else:
            step = draw(st.sampled_from([1, 2, 2, 0]))
            lead = " " * step + "- "
            lines.append(f"k{index}:")
            if where == 3:
                lines += [lead + "x: 1", " " * len(lead) + "t: >-"]
            else:
                lines.append(lead + "t: >-")
            column = len(lead)
        if draw(st.integers(0, 2)) == 0:  # quoted text instead, on the key's line
            lines[-1] = lines[-1][:-2] + quoted()
            continue
        inner = column + draw(st.sampled_from([2] * 6 + [1, 3, 4, 0]))
        for _ in range(draw(st.sampled_from([1, 1, 2, 2, 3, 0]))):
            odd = draw(st.integers(0, 14))
            if odd == 0:
                lines.append(draw(st.sampled_from(["", " ", " " * (inner + 1)])))
            shift = draw(st.sampled_from([1, -1])) if odd == 1 else 0
            words = draw(st.lists(_TEXT_WORDS, min_size=1, max_size=4))
            lines.append(" " * max(0, inner + shift) + " ".join(words)
                         + (" " if odd == 2 else ""))
        after = draw(st.integers(0, 5))
        if after == 0:
            lines.append("")
        elif after == 1:
            lines.append(" " * draw(st.integers(0, inner + 1)) + "# a comment")
        if draw(st.integers(0, 3)) == 0:
            lines.append(" " * column + "u: 1")  # a key after the text, beside its key
    return "\n".join(lines) + "\n"


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_documents())
@example("a: >-\n  one\n  two\nb: 1\n")
@example("a:\n  - t: >-\n      # not a comment\n    # a comment\n    u: 1\n")
@example("a: [b, \"c, d]\", 'e']\nf: {g: \"h\", i: ''}\nj: 'k \\ l'\n")
def test_quick_reader_reads_folded_and_quoted_text_as_the_parser(text: str) -> None:
    agrees(text)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plain_documents())
def test_quick_reader_reads_plain_documents_as_the_parser(text: str) -> None:
    expected = full(text)
    got = quick(text)
    assert got is not None or expected[0] == "refused", text
    agrees(text)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
@example("a: 1\nb:\n  - x\n  - {c: true}\n")
@example("exercises:\n  - id: a\n    steps: [one, two]\n    dose: {sets: 2, reps: 8}\n")
@example("a: {b: [c, d], e: f}\n")
def test_quick_reader_agrees_with_the_parser(text: str) -> None:
    agrees(text)


@pytest.mark.parametrize("text", [
    "a: 1\nb:\n  - x\n  - {c: true}\n",
    "# comment\n\nversion: 1\nitems:\n  - id: a\n    tags: [x, y z]\n    n: 5\n  - b\n",
    "a: {b: [c, d], e: f}\nc: []\nd: {}\n",
    "a: 2024-01-02\nb: 1:30\nc: 0x1F\nd: ~\ne: yes\nf: 1.5\n",
    "a: >-\n  folded\n",
    "a: 'quoted'\nb: \"quoted: too, [x]\"\nc:\n  - \"\"\nd: [x, \"y, z\", 'w']\n",
    "a: >-\n  folded text, # not a comment,\n  - on: two lines\n\n\nb: 1\n",
    "a:\n  - b: >-\n      x\n      y\n    c: >-\n     z\n  - d\n",
])
def test_plain_texts_are_read_quickly_and_alike(text: str) -> None:
    got = quick(text)
    assert got is not None
    assert dump(got) == full(text)


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",             # a duplicate key: the parser reports it
    "a: 'it''s'\n",             # quoted text with a quote inside
    "a: \"tab\\there\"\n",          # ... or an escape
    "a: [\"b\\\"c\"]\n",
    "a: \"b\" c\n",
    "a: x # comment\n",
    "a:\n",                      # an empty value
    "a:\n- x\n",                 # a list as indented as its key
    "a: b\n  c\n",               # text over two lines
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a: [1, 2\n",
    "a: 0b_\n",                  # the constructor refuses it: the parser says where
    "a: 1\n---\nb: 2\n",
    "a:\tb\n",
    "yes: 1\n",                  # a key that is not text
    "- a\n",                     # a list at the top
    "a: {b: 1, b: 2}\n",
    "a: [b,c]\n",
    "a:\n  - \n",              # an empty item, written with its space
    "a: >-\n  x\n\n  y\n",        # folded text: an empty line inside
    "a: >-\n  x\n    y\n",        # ... a more indented line (its break is kept)
    "a: >-\n  x \n  y\n",         # ... spaces at the end of a line
    "a: >-\n   \n  x\n",          # ... a line of spaces
    "a: >-\n\n  x\n",             # ... an empty first line
    "a: >-\nb: 1\n",              # ... no text at all
    "a:\n  b: >-\n  x\n",         # ... as indented as its key
    "a: >\n  x\n",                # other block texts: '>', '|', '|-', '>+', '>2-'
    "a: |-\n  x\n",
    "a: >+\n  x\n",
    "a: >2-\n   x\n",
    "a:\n  - >-\n    x\n",        # folded text as a list item
])
def test_anything_else_is_left_to_the_parser(text: str) -> None:
    assert quick(text) is None


@pytest.mark.parametrize("code", [*range(0x20), 0x7f, 0x85, 0x9f, 0x2028, 0xfeff, 0x1f600])
def test_a_control_character_anywhere_leaves_the_text_to_the_parser(code: int) -> None:
    char = chr(code)
    if char == "\n":
        return
    for text in (f"a: b{char}c\n", f"a: b\n# {char}\n", f"a: [b, c]\nd: é{char}\n"):
        assert quick(text) is None, repr(text)
    assert quick("a: b c\n") is not None and quick("a: é\n") is not None


def test_the_bench_library_and_parse_text_take_the_quick_way(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    try:
        import bench_validate
    finally:
        sys.path.pop(0)
    text = bench_validate.generate(tmp_path).read_text()
    got = quick(text)
    assert got is not None and dump(got) == full(text)

    def no_events(_text: str) -> Any:
        raise AssertionError("the full parser was used")

    monkeypatch.setattr(parsing, "_events", no_events)
    assert dump(parsing.parse_text(text, "f.yaml")) == dump(got)


def test_the_bundled_library_takes_the_quick_way() -> None:
    """Its '>-' paragraphs and quoted translations are read without PyYAML, into the
    very nodes PyYAML's events give."""
    text = (Path(__file__).resolve().parents[2] / "exercises.yaml").read_text("utf-8")
    assert ">-" in text and ': "' in text
    got = quick(text)
    assert got is not None and dump(got) == full(text)
