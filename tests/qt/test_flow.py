"""The page layout of printed documents (report/flow.py): its promises, for any blocks.

Blocks here are stand-ins of given heights that record where they are painted, so the
promises are checked on what would be painted: the order is kept, nothing runs past a
page, a group kept together is on one page, a heading is never the last thing on a
page, and a block taller than a page goes on over the next ones."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from posture_coach.report.flow import Laid, LaidGroup, LaidTable, paginate

PAGE = 100.0
GAP = 2.0


@dataclass
class Painted:
    name: str
    top: float
    bottom: float
    heading: bool


class Leaf(Laid):
    """A block of a given height that cannot split; it records where it is painted."""

    def __init__(self, name: str, height: float, heading: bool = False) -> None:
        self.name, self.height, self.heading = name, height, heading
        self.log: list[Painted] = []

    def paint(self, painter: object, x: float, y: float) -> None:
        self.log.append(Painted(self.name, y, y + self.height, self.heading))


def painted(pages: list[list[tuple[Laid, float]]], leaves: list[Leaf]) -> list[list[Painted]]:
    out = []
    for placed in pages:
        for leaf in leaves:
            leaf.log.clear()
        for block, y in placed:
            block.paint(None, 0.0, y)  # type: ignore[arg-type]
        page = sorted((p for leaf in leaves for p in leaf.log), key=lambda p: p.top)
        out.append(page)
    return out


@st.composite
def documents(draw: st.DrawFn) -> tuple[list[Laid], list[Leaf], list[set[str]]]:
    """Top-level blocks: leaves, headings followed by a leaf, groups kept together (a
    heading and one to four leaves, at most a page high), and groups of leaves and
    headings that may be taller than a page."""
    blocks: list[Laid] = []
    leaves: list[Leaf] = []
    kept: list[set[str]] = []
    for i in range(draw(st.integers(1, 25))):
        kind = draw(st.sampled_from(["leaf", "heading", "group", "long"]))
        if kind == "long":  # a group that may be taller than a page: it must split
            parts: list[Leaf] = []
            for k in range(draw(st.integers(2, 8))):
                if draw(st.booleans()):
                    parts.append(Leaf(f"t{i}.{k}h", draw(st.floats(3, 10)), heading=True))
                parts.append(Leaf(f"t{i}.{k}", draw(st.floats(3, 40))))
            long = LaidGroup(parts, GAP)
            blocks.append(long)
            leaves += parts
            if long.height <= PAGE:
                kept.append({p.name for p in parts})
        elif kind == "group":
            head = Leaf(f"g{i}h", draw(st.floats(3, 10)), heading=True)
            body = [Leaf(f"g{i}.{k}", draw(st.floats(3, 25)))
                    for k in range(draw(st.integers(1, 4)))]
            group = LaidGroup([head, *body], GAP)
            if group.height > PAGE:
                continue
            blocks.append(group)
            leaves += [head, *body]
            kept.append({head.name, *(b.name for b in body)})
        elif kind == "heading":
            head, leaf = Leaf(f"h{i}", draw(st.floats(3, 10)), heading=True), \
                Leaf(f"l{i}", draw(st.floats(3, 60)))
            blocks += [head, leaf]
            leaves += [head, leaf]
        else:
            leaf = Leaf(f"l{i}", draw(st.floats(3, 90)))
            blocks.append(leaf)
            leaves.append(leaf)
    return blocks, leaves, kept


@settings(max_examples=200, deadline=None)
@given(documents())
def test_pages_keep_order_fit_keep_groups_and_never_end_with_a_heading(
        doc: tuple[list[Laid], list[Leaf], list[set[str]]]) -> None:
    blocks, leaves, kept = doc
    pages = painted(paginate(blocks, PAGE, GAP), leaves)
    assert [p.name for page in pages for p in page] == [leaf.name for leaf in leaves]
    for page in pages:
        assert page, "no empty page"
        assert page[-1].bottom <= PAGE + 1e-6
        assert not page[-1].heading, [p.name for p in page]
        for a, b in pairwise(page):
            assert b.top >= a.bottom - 1e-6  # nothing painted over another
    where = {p.name: i for i, page in enumerate(pages) for p in page}
    for group in kept:
        assert len({where[name] for name in group}) == 1, group


def test_a_group_taller_than_a_page_breaks_after_a_block_not_after_a_heading() -> None:
    parts = [Leaf("title", 8, heading=True), Leaf("a", 40), Leaf("b", 40),
             Leaf("sub", 8, heading=True), Leaf("c", 40)]
    pages = painted(paginate([LaidGroup(parts, GAP)], PAGE, GAP), parts)
    assert [[p.name for p in page] for page in pages] == [["title", "a", "b"], ["sub", "c"]]


def test_a_table_repeats_its_header_on_each_page() -> None:
    header = Leaf("header", 10)
    rows = [Leaf(f"r{i}", 20) for i in range(9)]
    pages = painted(paginate([LaidTable(header, list(rows))], PAGE, GAP), [header, *rows])
    assert [[p.name for p in page] for page in pages] == [
        ["header", "r0", "r1", "r2", "r3"], ["header", "r4", "r5", "r6", "r7"],
        ["header", "r8"]]


def test_a_block_that_cannot_split_and_is_taller_than_a_page_gets_a_page_of_its_own() -> None:
    parts = [Leaf("a", 30), Leaf("huge", 150), Leaf("b", 30)]
    pages = painted(paginate(parts, PAGE, GAP), parts)
    assert [[p.name for p in page] for page in pages] == [["a"], ["huge"], ["b"]]
