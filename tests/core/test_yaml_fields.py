"""The field readers' quick common cases give what their full checks give.

``MapReader.text_list`` takes a list of plain texts without its full checks' calls;
``MapReader.text`` tests a text without the call to ``text_problem``.  Whatever the
items, the answer and the problems (with their places) must be those of the
item-by-item reading (kept below as the reference).
"""

from __future__ import annotations

from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from posture_coach.core.safetext import text_problem
from posture_coach.core.yaml import MapReader, Problems, YMap, YNode, YScalar, YSeq, describe
from posture_coach.core.yaml.fields import join


def item_by_item(r: MapReader, key: str, *, required: bool = True, min_items: int = 0,
                 max_len: int = 2000) -> tuple[str, ...]:
    """``MapReader.text_list``, every item through ``text_problem`` (the reference)."""
    given_node = r.node.entries.get(key) if r.node is not None else None
    if type(given_node) is YSeq and len(given_node.items) >= min_items:
        fast: list[str] = []
        for item in given_node.items:
            value = item.value if type(item) is YScalar else None
            if type(value) is not str or len(value) > max_len \
                    or text_problem(value) is not None:
                break
            words = value.split()
            if not words:
                break
            fast.append(" ".join(words))
        else:
            return tuple(fast)
    node = r._get(key, required)
    if node is None:
        return ()
    if not isinstance(node, YSeq):
        r.bad(key, f"must be a list (lines starting with '- '), got {describe(node)}")
        return ()
    if len(node.items) < min_items:
        r.bad(key, f"must list at least {min_items} item" + ("s" if min_items != 1 else ""))
    out: list[str] = []
    for index, item in enumerate(node.items):
        value = item.value if type(item) is YScalar else None
        if type(value) is str and value.strip() and len(value) <= max_len \
                and text_problem(value) is None:
            out.append(" ".join(value.split()))
            continue
        path = join(join(r.path, key), index)
        found = text_problem(value) if type(value) is str else None
        if found is not None:
            r.problems.add(item.loc, path, found[1])
        elif not isinstance(value, str) or not value.strip():
            r.problems.add(item.loc, path, f"must be text, got {describe(item)}")
        else:
            r.problems.add(item.loc, path, f"is longer than {max_len} characters")
    return tuple(out)


_CHARS = [*"ab é.,-", " ", " ", "\n", "\t", "\r", "\xa0", "\u2003", "\x1b", "\x85",
          "\u202e", "\u2028", "\x1f", "\x0b"]
_TEXT = st.one_of(st.text(st.sampled_from(list("ab é.,-")), max_size=12),
                  st.text(st.sampled_from(_CHARS), max_size=8))
_ITEM = st.one_of(_TEXT, _TEXT, _TEXT, st.none(), st.integers(-3, 3), st.booleans(),
                  st.just([]), st.just({}))


def node_of(value: Any, line: int) -> YNode:
    if isinstance(value, list):
        return YSeq("f.yaml", line, 3)
    if isinstance(value, dict):
        return YMap("f.yaml", line, 3)
    return YScalar("f.yaml", line, 5, value)


@settings(max_examples=800, deadline=None)
@given(st.one_of(st.lists(_ITEM, max_size=5), _ITEM), st.integers(0, 2),
       st.sampled_from([2000, 8, 3]))
@example(["a\nb", "c"], 0, 2000)  # a line break inside an item: folded to a space
@example(["a", ""], 0, 2000)
@example(["a  b", "c "], 0, 2000)
@example(["a\xa0b"], 0, 2000)
def test_text_list_reads_as_item_by_item(items: Any, min_items: int, max_len: int) -> None:
    mapping = YMap("f.yaml", 1, 1)
    if isinstance(items, list):
        node: YNode = YSeq("f.yaml", 2, 5)
        node.items = [node_of(value, 3 + n) for n, value in enumerate(items)]
    else:
        node = node_of(items, 2)
    mapping.entries["steps"] = node
    mapping.keys["steps"] = YScalar("f.yaml", 2, 1, "steps")
    answers = []
    for read in (MapReader.text_list, item_by_item):
        problems = Problems()
        r = MapReader(mapping, "ex", problems, ["steps"])
        answers.append((read(r, "steps", min_items=min_items, max_len=max_len),
                        [str(p) for p in problems.items]))
    assert answers[0] == answers[1]


@settings(max_examples=400, deadline=None)
@given(_ITEM, st.sampled_from([2000, 200, 6]))
def test_text_reads_as_before(value: Any, max_len: int) -> None:
    mapping = YMap("f.yaml", 1, 1)
    mapping.entries["name"] = node_of(value, 1)
    mapping.keys["name"] = YScalar("f.yaml", 1, 1, "name")
    problems = Problems()
    got = MapReader(mapping, "ex", problems, ["name"]).text("name", max_len=max_len)
    expected: Any = None
    if isinstance(value, str) and value.strip() and len(value.strip()) <= max_len:
        found = text_problem(value.strip(), one_line=max_len <= 200)
        expected = value.strip() if found is None else None
    assert got == expected
    assert bool(problems.items) is (expected is None)
