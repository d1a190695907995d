"""The YAML parser: PyYAML's event stream turned into located nodes, with the safety
limits described in :mod:`posture_coach.core.yaml`.  A text written in plain lines only
is read by the quick reader (:mod:`.quick`) instead, which builds the same nodes.

Kept apart so that PyYAML is imported only when a file must really be parsed: the tray
app usually finds its files in the parse cache (:mod:`.cache`), and
PyYAML's modules are over a megabyte of a small app's memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml
from yaml import events as ev
from yaml.nodes import ScalarNode

from ..errors import Location, Problem, ValidationError
from .nodes import MAX_DEPTH, MAX_NODES, YMap, YNode, YScalar, YSeq, describe
from .quick import DECLINE, quick_compose

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_SEQ_TAGS = {None, "!", _STD + "seq"}
_MAP_TAGS = {None, "!", _STD + "map"}


def parse_text(text: str, name: str) -> YNode:
    quick = quick_compose(text, name, _plain_scalar, _IMPLICIT)  # None: not plain; parse it whole
    if quick is not None:
        return quick
    try:
        root = _compose(_events(text), name)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            what = f"{exc.context}, {exc.problem}"
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise ValidationError.single(name, f"YAML syntax error: {what}", line, col) from None
    except yaml.reader.ReaderError as exc:
        pos = max(0, int(exc.position))
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        raise ValidationError.single(
            name, f"contains a character YAML does not allow ({ord(exc.character):#x})" if
            isinstance(exc.character, str) else "contains a character YAML does not allow",
            line, col) from None
    except yaml.YAMLError as exc:
        raise ValidationError.single(name, f"YAML error: {exc}") from None
    if root is None:
        raise ValidationError.single(name, "file is empty: expected a YAML mapping", 1, 1)
    return root


def _events(text: str) -> Iterator[ev.Event]:
    """The parser's events, pulled straight from its ``get_event``."""
    parser = _Loader(text)
    try:
        get = parser.get_event
        end = ev.StreamEndEvent
        while True:
            event = get()
            if event is None:
                return
            yield event
            if type(event) is end:
                return
    finally:
        parser.dispose()


def _fail(loc: Location, message: str) -> ValidationError:
    return ValidationError([Problem(loc, "", message)])


_RESOLVER = yaml.resolver.Resolver()
_IMPLICIT = _RESOLVER.yaml_implicit_resolvers
_STR = _STD + "str"


def _scalar(event: Any, loc: Location, constructor: Any) -> Any:
    tag = event.tag
    value = event.value
    if tag is None:
        if event.style or (value and value[0] not in _IMPLICIT):
            return value  # quoted, or plain text no implicit type can start with
        tag = _RESOLVER.resolve(ScalarNode, value, event.implicit)
    elif tag == "!":
        return value
    if tag == _STR:
        return value
    if tag == _STD + "merge":
        raise _fail(loc, "merge keys (<<) are not supported; write the fields out in full")
    if tag not in _SCALAR_TAGS:
        raise _fail(loc, f"the YAML tag {event.tag or tag!r} is not allowed: this file holds "
                         "plain data (text, numbers, yes/no, dates, lists and mappings) only")
    node = ScalarNode(tag, value, event.start_mark, event.end_mark)
    try:
        return constructor.yaml_constructors[tag](constructor, node)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        raise _fail(loc, f"cannot read {value!r} as {tag.rsplit(':', 1)[-1]}: {exc}") \
            from None


_QUICK_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _plain_scalar(value: str) -> Any:
    """What the composer makes of a plain, untagged scalar outside an anchor (see
    :func:`_scalar`), or :data:`~.quick.DECLINE` where it would refuse it."""
    if value[0] not in _IMPLICIT:
        return value
    if value.isdigit() and value.isascii() and (value[0] != "0" or len(value) == 1):
        return int(value)
    tag = _RESOLVER.resolve(ScalarNode, value, (True, False))
    if tag == _STR:
        return value
    if tag not in _SCALAR_TAGS:
        return DECLINE
    try:
        return _QUICK_CONSTRUCTOR.yaml_constructors[tag](_QUICK_CONSTRUCTOR,
                                                         ScalarNode(tag, value))
    except (yaml.YAMLError, ValueError, OverflowError):
        return DECLINE


class _Frame:
    __slots__ = ("anchor", "key", "node")

    def __init__(self, node: YSeq | YMap, anchor: str | None):
        self.node = node
        self.anchor = anchor
        self.key: YScalar | None = None  # a mapping's key waiting for its value


def _compose(events: Iterator[Any], name: str) -> YNode | None:
    anchors: dict[str, YNode] = {}
    stack: list[_Frame] = []
    constructor = yaml.constructor.SafeConstructor()
    root: YNode | None = None
    documents = 0
    total = 0

    def attach(node: YNode) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        frame = stack[-1]
        parent = frame.node
        if type(parent) is YSeq:
            parent.items.append(node)
        else:
            assert isinstance(parent, YMap)
            key_node = frame.key
            if key_node is None:
                if not isinstance(node, YScalar):
                    raise _fail(node.loc, "a mapping key must be plain text, not "
                                          + describe(node))
                key = node.value
                if key in parent.entries:
                    first = parent.keys[key]
                    raise _fail(node.loc, f"duplicate key {key!r} (first written at line "
                                          f"{first.line}); each key may appear once")
                frame.key = node
                return
            parent.entries[key_node.value] = node
            parent.keys[key_node.value] = key_node
            frame.key = None
        parent.size += node.size
        if parent.size > MAX_NODES:
            raise _fail(parent.loc, f"the document expands to more than {MAX_NODES} values "
                                    "(through aliases or sheer size); refusing to load it")

    scalar_event = ev.ScalarEvent
    map_start, seq_start = ev.MappingStartEvent, ev.SequenceStartEvent
    map_end, seq_end = ev.MappingEndEvent, ev.SequenceEndEvent
    alias_event, document_start = ev.AliasEvent, ev.DocumentStartEvent
    implicit = _IMPLICIT
    scalar, seq_type, map_type = YScalar, YSeq, YMap  # locals: the loop runs per value
    for event in events:
        kind = type(event)
        if kind is scalar_event:
            mark = event.start_mark
            value = event.value
            if event.tag is None and not event.style and not event.anchor and stack \
                    and value and (value[0] not in implicit or (
                        value.isdigit() and value.isascii() and (value[0] != "0" or
                                                                 len(value) == 1))):
                # The common cases, inlined: plain text, or a plain decimal whole number
                # (what YAML's resolver and constructor would make of it), in a list or
                # a mapping.
                frame = stack[-1]
                parent = frame.node
                node = scalar(name, mark.line + 1, mark.column + 1,
                              value if value[0] not in implicit else int(value))
                if type(parent) is YSeq:
                    parent.items.append(node)
                elif frame.key is None:
                    if value in parent.entries:  # type: ignore[union-attr]
                        attach(node)  # reports the duplicate
                    frame.key = node
                    continue
                else:
                    key_node = frame.key
                    parent.entries[key_node.value] = node  # type: ignore[union-attr]
                    parent.keys[key_node.value] = key_node  # type: ignore[union-attr]
                    frame.key = None
                parent.size += 1
                if parent.size > MAX_NODES:
                    attach(scalar(name, 0, 0, None))  # reports the size
                continue
            line, column = mark.line + 1, mark.column + 1
            node = scalar(name, line, column,
                          _scalar(event, Location(name, line, column), constructor))
            if event.anchor:
                anchors[event.anchor] = node
            attach(node)
        elif kind is map_end or kind is seq_end:
            frame = stack.pop()
            done = frame.node
            if frame.anchor:
                anchors[frame.anchor] = done
            if stack and not done.size + stack[-1].node.size > MAX_NODES:
                # The common case, inlined: a finished list or mapping is a list item
                # or a mapping's value.
                up = stack[-1]
                parent = up.node
                if type(parent) is YSeq:
                    parent.items.append(done)
                    parent.size += done.size
                    continue
                waiting = up.key
                if waiting is not None:
                    parent.entries[waiting.value] = done  # type: ignore[union-attr]
                    parent.keys[waiting.value] = waiting  # type: ignore[union-attr]
                    up.key = None
                    parent.size += done.size
                    continue
            attach(done)
        elif kind is map_start or kind is seq_start:
            is_seq = kind is seq_start
            line, column = event.start_mark.line + 1, event.start_mark.column + 1
            if event.tag not in (_SEQ_TAGS if is_seq else _MAP_TAGS):
                raise _fail(Location(name, line, column),
                            f"the YAML tag {event.tag!r} is not allowed: this file holds "
                            "plain lists and mappings only")
            if len(stack) >= MAX_DEPTH:
                raise _fail(Location(name, line, column),
                            f"nesting is deeper than {MAX_DEPTH} levels; refusing to load")
            if stack and type(stack[-1].node) is map_type and stack[-1].key is None:
                raise _fail(Location(name, line, column),
                            "a mapping key must be plain text, not a "
                            + ("list" if is_seq else "mapping"))
            container: YSeq | YMap = (seq_type if is_seq else map_type)(name, line, column)
            stack.append(_Frame(container, event.anchor))
        elif kind is alias_event:
            target = anchors.get(event.anchor or "")
            loc = Location(name, event.start_mark.line + 1, event.start_mark.column + 1)
            if target is None:
                raise _fail(loc, f"alias *{event.anchor} refers to an anchor that is not "
                                 "defined before it (or to a list/mapping that contains it)")
            total += target.size
            if total > MAX_NODES:
                raise _fail(loc, f"aliases expand the document beyond {MAX_NODES} values; "
                                 "refusing to load it")
            attach(target)
        elif kind is document_start:
            documents += 1
            if documents > 1:
                raise _fail(Location(name, event.start_mark.line + 1,
                                     event.start_mark.column + 1),
                            "holds more than one YAML document (a second '---'); "
                            "keep one document per file")
    return root


# --------------------------------------------------------------------------
# Field readers
# --------------------------------------------------------------------------
