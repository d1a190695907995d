"""A quick reader for the plain YAML our files are written in; the full parser for the rest.

Nearly every line of a library or a program is one of ``key: value``, ``key:``,
``- value`` or ``- key: value``, with plain text, numbers, quoted text without escapes
and one-line flow lists and mappings of such items (``[a chair, a towel]``, ``{sets: 2,
reps: 8}``), and longer texts are ``key: >-`` folded over the lines below.  PyYAML's
event stream costs a Python object per event and our composer another per node; this
reader goes line by line and builds the same located nodes directly, about three times
faster on a 1,000-exercise library.  Each distinct line is read once: a line that
repeats (``position: seated``, a common step) costs a look-up and its nodes.

It is a shortcut, never a second opinion: it takes a text only when every line is in
that plain subset (what it accepts, see :func:`quick_compose`), and it builds exactly
the nodes the full parser would (values, ``file:line:column`` of every node and key,
sizes; ``tests/core/test_yaml_quick.py`` checks that on generated documents).  Anything
else, whether unusual or wrong (escapes, anchors, tags, comments after a value, other
multi-line text than a plain ``>-`` paragraph, tabs, a duplicate key, an empty value, odd
indentation, a value YAML's resolver cannot read), makes it answer ``None``: the full
parser then reads the whole text and reports any problem as before.  Nothing here
imports PyYAML; the caller gives the function that types a plain scalar as YAML's
resolver does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from typing import Any

from .nodes import MAX_DEPTH, MAX_NODES, YMap, YNode, YScalar, YSeq

DECLINE: Any = object()
"""What ``resolve`` answers for a plain scalar the quick reader must leave to the parser."""

# Characters the quick reader leaves to the full parser: controls (tabs and carriage
# returns included), NEL, the line and paragraph separators (YAML line breaks), the
# BOM, surrogates, non-characters and everything outside the Basic Multilingual Plane.
# (Written as the characters refused, not those allowed: a negated class of wide ranges
# takes the re module some 35 ms to compile.)
_UNUSUAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff"
                      "\U00010000-\U0010ffff]")
# The same characters for a text that is all ASCII, as bytes to delete: counting what
# bytes.translate leaves is some four times quicker than the search.
_ASCII_UNUSUAL = bytes(c for c in range(128) if _UNUSUAL.match(chr(c)))
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,127}):(?: +|$)")
# One item of a one-line flow list or mapping: plain text that neither starts with an
# indicator nor holds a flow indicator, a colon or a comment sign, without spaces around.
_ITEM_RE = r"[^ \-?:,\[\]{}#&*!|>'\"%@`](?:[^,\[\]{}#:]*[^ ,\[\]{}#:])?"
_ITEM = re.compile(_ITEM_RE)
# The inside of a flat flow list or mapping: items as above, written ', ' apart (and
# 'key: value'), so that splitting at ', ' and ': ' finds them.
_FLAT_SEQ = re.compile(f"{_ITEM_RE}(?:, {_ITEM_RE})*")
_FLAT_MAP = re.compile(f"{_ITEM_RE}: {_ITEM_RE}(?:, {_ITEM_RE}: {_ITEM_RE})*")
# What a plain block scalar may not start with (YAML's indicators).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_MAX_DEPTH = MAX_DEPTH - 5  # deeper documents are left to the parser (and its limit)


def quick_compose(text: str, name: str, resolve: Callable[[str], Any],
                  implicit: Container[str] | None = None) -> YNode | None:
    """The located nodes of ``text`` when it is a block mapping written in the plain
    subset, else None (then the full parser must read it).

    The subset: lines of ``key: value``, ``key:`` (a nested block below, indented more),
    ``- value`` and ``- key: value`` (a list item, a mapping), blank lines and lines that
    are only a comment; keys are plain identifiers; values are plain one-line scalars
    (typed by ``resolve``, which answers :data:`DECLINE` when unsure), text in double
    quotes without a backslash or in single quotes without a quote inside, one-line flow
    lists and mappings of such items, or ``key: >-`` and a paragraph below: lines of
    text as indented as each other (more than the key), no empty line between them nor
    spaces after them, folded into one line.  Indentation must be consistent, a list more
    indented than its key.  ``implicit``: the first characters of every plain scalar
    that ``resolve`` may make something other than itself (a text starting otherwise is
    taken as text without asking); by default ``resolve`` is asked of every scalar.
    """
    if text.isascii():
        data = text.encode("ascii")
        if len(data.translate(None, _ASCII_UNUSUAL)) != len(data):
            return None
    elif _UNUSUAL.search(text) is not None:
        return None
    memo: dict[str, Any] = {}  # this text's repeated values typed once ('true', '5')

    def typed(value: str) -> Any:
        if implicit is not None and value[0] not in implicit:
            return value
        found = memo.get(value, memo)
        if found is memo:
            found = memo[value] = resolve(value)
        return found

    try:
        return _compose(text, name, typed, _EVERYTHING if implicit is None else implicit)
    except _Decline:
        return None
    except Exception:  # a slip of this shortcut must not cost a crash: the parser decides
        return None


class _Everything:
    def __contains__(self, _item: object) -> bool:
        return True


_EVERYTHING = _Everything()


class _Decline(Exception):
    pass


_BLANK: Any = object()  # the recipe of a blank line or a line that is only a comment
_FOLDED = "folded"  # a value that is a '>-' folded text on the lines below its key


def _read_line(line: str, name: str, resolve: Callable[[str], Any], implicit: Container[str]
               ) -> Any:
    """What one line says, whatever lines are around it: ``(indent, dash, column, key,
    value)``, or :data:`_BLANK`.  ``dash``: a list item; ``column``: where its content
    (a key or a value) starts, 0-based; ``key``: the key, or None on a ``- value`` line;
    ``value``: the value's node as written on line 0 (copied for each line that reads
    the same), None when a block follows (``key:``), or ``(_FOLDED, column)`` for
    ``key: >-``.  Raises :class:`_Decline` for a line outside the plain subset."""
    stripped = line.lstrip(" ")
    if not stripped or stripped[0] == "#":
        return _BLANK
    if "#" in stripped:
        raise _Decline  # a comment after a value, or '#' in text: the parser decides
    indent = len(line) - len(stripped)
    dash = stripped[0] == "-"
    if dash:
        if stripped[1:2] != " ":
            raise _Decline  # '-1', '---', an empty item
        content = stripped[1:].lstrip(" ")
        if not content:
            raise _Decline  # an empty item
        column = len(line) - len(content)
    else:
        content, column = stripped, indent
    found = _KEY.match(content)
    if found is None:
        if not dash:
            raise _Decline
        return indent, dash, column, None, _value(content.rstrip(" "), 0, column, name,
                                                  resolve, implicit)
    key = found.group(1)
    if key[0] in implicit:
        key = resolve(key)
    if type(key) is not str:
        raise _Decline  # 'yes:', 'null:': the parser says
    rest = content[found.end():].rstrip(" ")
    if not rest:
        value: Any = None
    elif rest == ">-":
        value = (_FOLDED, column + found.end())
    else:
        first = rest[0]
        if first not in implicit and first not in _INDICATORS and ": " not in rest \
                and rest[-1] != ":":  # plain text (what _value finds, inlined)
            value = YScalar(name, 0, column + found.end() + 1, rest)
        else:
            value = _value(rest, 0, column + found.end(), name, resolve, implicit)
    return indent, dash, column, key, value


def _copy(node: YNode, line: int) -> YNode:
    """A one-line value's node (written on line 0) as it stands on ``line``."""
    if type(node) is YScalar:
        return YScalar(node.file, line, node.column, node.value)
    scalar = YScalar
    if type(node) is YSeq:
        seq = YSeq(node.file, line, node.column)
        seq.items = [scalar(item.file, line, item.column, item.value)
                     if type(item) is scalar else _copy(item, line) for item in node.items]
        seq.size = node.size
        return seq
    assert type(node) is YMap
    mapping = YMap(node.file, line, node.column)
    entries, keys = mapping.entries, mapping.keys
    for key, value in node.entries.items():
        key_node = node.keys[key]
        keys[key] = scalar(key_node.file, line, key_node.column, key)
        entries[key] = scalar(value.file, line, value.column, value.value) \
            if type(value) is scalar else _copy(value, line)
    mapping.size = node.size
    return mapping


def _compose(text: str, name: str, resolve: Callable[[str], Any], implicit: Container[str]
             ) -> YNode | None:
    indents: list[int] = []  # the column of each open block's keys or dashes
    blocks: list[YMap | YSeq] = []
    waiting: YScalar | None = None  # a key whose value is the block on the next lines
    root: YMap | None = None
    # Each distinct line is read once (a library repeats many: 'position: seated',
    # 'each_side: true', a common step); a line that repeats costs a look-up and its nodes.
    recipes: dict[str, Any] = {}
    folding: list[Any] | None = None  # a '>-' text being read: [node, indent, lines, blank]
    scalar, seq_type, map_type = YScalar, YSeq, YMap
    blank = _BLANK
    current = -1  # indents[-1], the column of the open block (-1: none yet)
    line_no = 0
    for line in text.split("\n"):
        line_no += 1
        if folding is not None:  # the lines of a '>-' text
            if not line:
                folding[3] = True  # an empty line: the end, unless more text follows
                continue
            stripped = line.lstrip(" ")
            indent = len(line) - len(stripped)
            if folding[1] < 0:  # its first line sets the indentation
                if indent <= indents[-1] or not stripped:
                    raise _Decline  # an empty text, or spaces only
                folding[1] = indent
            if indent >= folding[1] or not stripped:
                if indent != folding[1] or folding[3] or not stripped or line[-1] == " ":
                    raise _Decline  # kept line breaks, an empty line inside, spaces
                folding[2].append(stripped)
                continue
            folding[0].value = " ".join(folding[2])
            folding = None
        recipe = recipes.get(line)
        if recipe is None:
            recipe = recipes[line] = _read_line(line, name, resolve, implicit)
        if recipe is blank:
            continue
        indent, dash, column, key, value = recipe
        if waiting is not None:  # the block of the key on a line before
            if indent <= indents[-1] or len(indents) >= _MAX_DEPTH:
                raise _Decline  # an empty value, or a list as indented as its key
            block: YMap | YSeq = seq_type(name, line_no, indent + 1) if dash \
                else map_type(name, line_no, indent + 1)
            parent = blocks[-1]
            parent.entries[waiting.value] = block  # type: ignore[union-attr]
            parent.keys[waiting.value] = waiting  # type: ignore[union-attr]
            waiting = None
            indents.append(indent)
            blocks.append(block)
            current = indent
        elif indent != current:  # the end of blocks, or the first line
            while indents and indents[-1] > indent:
                _close(indents, blocks)
            if not indents:
                if root is not None or indent or dash:
                    raise _Decline  # a second top level, or a top level that is no mapping
                root = map_type(name, line_no, 1)
                indents.append(0)
                blocks.append(root)
            elif indents[-1] != indent:
                raise _Decline
            current = indent
        top = blocks[-1]
        if dash:
            if type(top) is not seq_type:
                raise _Decline
            if key is None:  # a value
                if type(value) is scalar:
                    top.items.append(scalar(name, line_no, value.column, value.value))
                    top.size += 1
                    continue
                node = _copy(value, line_no)
                top.items.append(node)
                top.size += node.size
                continue
            if len(indents) >= _MAX_DEPTH:
                raise _Decline
            item = map_type(name, line_no, column + 1)  # a list item that is a mapping
            top.items.append(item)
            top = item
            indents.append(column)
            blocks.append(top)
            current = column
        elif type(top) is not map_type or key is None:
            raise _Decline
        if key in top.entries:
            raise _Decline  # a duplicate key: the parser says
        key_node = scalar(name, line_no, column + 1, key)
        if type(value) is scalar:  # the common case, first
            top.entries[key] = scalar(name, line_no, value.column, value.value)
            top.keys[key] = key_node
            top.size += 1
            continue
        if value is None:
            waiting = key_node
            continue
        elif type(value) is tuple:  # '>-': the text is on the lines below
            node = scalar(name, line_no, value[1] + 1, None)
            folding = [node, -1, [], False]
        else:
            node = _copy(value, line_no)
        top.entries[key] = node
        top.keys[key] = key_node
        top.size += node.size
    if folding is not None:
        if folding[1] < 0:
            raise _Decline
        folding[0].value = " ".join(folding[2])
    if waiting is not None or root is None:
        raise _Decline
    while len(indents) > 1:
        _close(indents, blocks)
    if root.size > MAX_NODES:
        raise _Decline  # the parser refuses it with its place
    return root


def _close(indents: list[int], blocks: list[YMap | YSeq]) -> None:
    indents.pop()
    done = blocks.pop()
    if not blocks:
        raise _Decline  # pragma: no cover - the top level is never closed here
    blocks[-1].size += done.size


def _value(text: str, line: int, column: int, name: str, resolve: Callable[[str], Any],
           implicit: Container[str]) -> YNode:
    """The node of a one-line value that starts at ``column`` (0-based)."""
    first = text[0]
    if first == "[" or first == "{":
        if _NESTED.search(text, 1, len(text) - 1) is None:
            return _flat_flow(text, line, column, name, resolve, implicit)
        return _flow(text, line, column, name, resolve)
    if first == '"' or first == "'":  # quoted text on one line, without escapes
        if len(text) < 2 or text[-1] != first or first in text[1:-1] \
                or (first == '"' and "\\" in text):
            raise _Decline
        return YScalar(name, line, column + 1, text[1:-1])
    if first in _INDICATORS or ": " in text or text[-1] == ":":
        raise _Decline
    value = resolve(text)
    if value is DECLINE:
        raise _Decline
    return YScalar(name, line, column + 1, value)


_NESTED = re.compile(r"[\[\]{}]")


def _flat_flow(text: str, line: int, column: int, name: str,
               resolve: Callable[[str], Any], implicit: Container[str]) -> YNode:
    """``[a, b]`` or ``{k: v, l: w}`` of plain items, on one line (none nested)."""
    is_seq = text[0] == "["
    if text[-1] != ("]" if is_seq else "}"):
        raise _Decline
    inner = text[1:-1]
    if inner and (_FLAT_SEQ if is_seq else _FLAT_MAP).fullmatch(inner) is None:
        return _flow(text, line, column, name, resolve)  # quoted items, or a slip
    at = column + 2  # the 1-based column of the first item
    if is_seq:
        seq = YSeq(name, line, column + 1)
        if inner:
            items = seq.items
            for part in inner.split(", "):
                value = part if part[0] not in implicit else resolve(part)
                if value is DECLINE:
                    raise _Decline
                items.append(YScalar(name, line, at, value))
                at += len(part) + 2
            seq.size += len(items)
        return seq
    mapping = YMap(name, line, column + 1)
    if inner:
        entries, keys = mapping.entries, mapping.keys
        for part in inner.split(", "):
            key_text, _sep, value_text = part.partition(": ")
            key = key_text if key_text[0] not in implicit else resolve(key_text)
            value = value_text if value_text[0] not in implicit else resolve(value_text)
            if type(key) is not str or key in entries or value is DECLINE:
                raise _Decline
            entries[key] = YScalar(name, line, at + len(key_text) + 2, value)
            keys[key] = YScalar(name, line, at, key)
            at += len(part) + 2
        mapping.size += len(entries)
    return mapping


def _flow(text: str, line: int, column: int, name: str, resolve: Callable[[str], Any]
          ) -> YNode:
    """``[a, b]`` or ``{k: v, l: [w, x]}`` of plain items, on one line (nested at most
    :data:`_FLOW_DEPTH` deep)."""
    node, end = _flow_at(text, 0, line, column, name, resolve, 1)
    if end != len(text):
        raise _Decline
    return node


_FLOW_DEPTH = 4


def _flow_at(text: str, at: int, line: int, column: int, name: str,
             resolve: Callable[[str], Any], depth: int) -> tuple[YNode, int]:
    """The flow list or mapping that starts at ``text[at]``, and where it ends."""
    is_seq = text[at] == "["
    close = "]" if is_seq else "}"
    node: YSeq | YMap = YSeq(name, line, column + at + 1) if is_seq \
        else YMap(name, line, column + at + 1)
    at += 1
    if text[at:at + 1] == close:
        return node, at + 1
    item = _ITEM.match
    while True:
        if is_seq:
            value, at = _flow_value(text, at, line, column, name, resolve, depth)
            node.items.append(value)  # type: ignore[union-attr]
        else:
            found = item(text, at)
            if found is None or text[found.end():found.end() + 2] != ": ":
                raise _Decline
            key = resolve(found.group())
            if type(key) is not str or key in node.entries:  # type: ignore[union-attr]
                raise _Decline
            key_node = YScalar(name, line, column + at + 1, key)
            value, at = _flow_value(text, found.end() + 2, line, column, name, resolve, depth)
            node.entries[key] = value  # type: ignore[union-attr]
            node.keys[key] = key_node  # type: ignore[union-attr]
        node.size += value.size
        following = text[at:at + 2]
        if following == ", ":
            at += 2
        elif following[:1] == close:
            return node, at + 1
        else:
            raise _Decline


def _flow_value(text: str, at: int, line: int, column: int, name: str,
                resolve: Callable[[str], Any], depth: int) -> tuple[YNode, int]:
    """One item of a flow list or value of a flow mapping: plain, or a nested one."""
    first = text[at:at + 1]
    if first == "[" or first == "{":
        if depth >= _FLOW_DEPTH:
            raise _Decline
        return _flow_at(text, at, line, column, name, resolve, depth + 1)
    if first == '"' or first == "'":  # quoted text without escapes
        end = text.find(first, at + 1)
        if end < 0 or (first == '"' and "\\" in text[at:end]):
            raise _Decline
        return YScalar(name, line, column + at + 1, text[at + 1:end]), end + 1
    found = _ITEM.match(text, at)
    if found is None:
        raise _Decline
    value = resolve(found.group())
    if value is DECLINE:
        raise _Decline
    return YScalar(name, line, column + at + 1, value), found.end()
