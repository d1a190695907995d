"""Safe YAML with a location for every node, and small typed field readers.

Files we read come from users and from other people (a physical therapist's
program), so this module trusts nothing:

* at most ``MAX_BYTES`` are read; the text must be UTF-8;
* only the safe subset of YAML: plain scalars, lists and mappings.  A tag that
  would build an object (``!!python/object``), ``!!set``, merge keys and the
  like are refused;
* the node tree is built from the parser's event stream without recursion, so
  deep nesting is refused at a fixed depth instead of overflowing the stack;
* aliases are followed by reference and their expanded size is counted, so a
  "billion laughs" file is refused after ``MAX_NODES`` nodes, not after memory
  runs out;
* duplicate keys are an error (YAML would silently keep the last one).

Every problem raises :class:`~posture_coach.core.errors.ValidationError` with
``file:line:column``.  The field readers (:class:`MapReader`) do not raise:
they collect problems, so one run reports everything wrong with a file.
"""

from __future__ import annotations

import difflib
import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from yaml import events as ev
from yaml.nodes import ScalarNode

from .errors import Location, Problem, ValidationError

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 100_000

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_SEQ_TAGS = {None, "!", _STD + "seq"}
_MAP_TAGS = {None, "!", _STD + "map"}


# --------------------------------------------------------------------------
# Nodes
# --------------------------------------------------------------------------
class YNode:
    """A node of a loaded document; ``loc`` is where it starts."""

    __slots__ = ("column", "file", "line", "size")

    def __init__(self, file: str, line: int, column: int):
        self.file = file
        self.line = line
        self.column = column
        self.size = 1

    @property
    def loc(self) -> Location:
        return Location(self.file, self.line, self.column)

    def plain(self) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError


class YScalar(YNode):
    __slots__ = ("value",)

    def __init__(self, file: str, line: int, column: int, value: Any):
        # No super().__init__: this runs once per value of every file loaded.
        self.file = file
        self.line = line
        self.column = column
        self.size = 1
        self.value = value

    def plain(self) -> Any:
        return self.value


class YSeq(YNode):
    __slots__ = ("items",)

    def __init__(self, file: str, line: int, column: int):
        super().__init__(file, line, column)
        self.items: list[YNode] = []

    def plain(self) -> list[Any]:
        return [i.plain() for i in self.items]


class YMap(YNode):
    __slots__ = ("entries", "keys")

    def __init__(self, file: str, line: int, column: int):
        super().__init__(file, line, column)
        self.entries: dict[Any, YNode] = {}
        self.keys: dict[Any, YScalar] = {}

    def get(self, key: str) -> YNode | None:
        return self.entries.get(key)

    def plain(self) -> dict[Any, Any]:
        return {k: v.plain() for k, v in self.entries.items()}


def describe(node: YNode | None) -> str:
    """How a node reads to a person, for "expected X, got Y" messages."""
    if node is None:
        return "nothing"
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    value = node.plain()
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    return f"{type(value).__name__} {value}"


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------
def read_text(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> str:
    """Read a whole file as UTF-8 text, refusing large or undecodable files."""
    name = display or str(path)
    try:
        if path.is_dir():
            raise ValidationError.single(name, "is a folder, not a file")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except ValidationError:
        raise
    except FileNotFoundError:
        raise ValidationError.single(name, "file not found") from None
    except PermissionError:
        raise ValidationError.single(name, "cannot be read: permission denied") from None
    except OSError as exc:
        raise ValidationError.single(name, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ValidationError.single(
            name, f"file is larger than {max_bytes // 1024} KiB; refusing to read it", 1, 1)
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError.single(
            name, "is UTF-16 text; save the file as UTF-8 (in most editors: Save as, "
            "Encoding: UTF-8)", 1, 1)
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        column = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
        raise ValidationError.single(
            name, "contains NUL bytes: it is not a text file (or it is UTF-16; save it as "
            "UTF-8)", line, column)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + 1
        column = start - (data.rfind(b"\n", 0, start) + 1) + 1
        bad = data[start:start + 1].hex()
        raise ValidationError.single(
            name, f"is not valid UTF-8 text (byte 0x{bad}); save the file as UTF-8",
            line, column) from None


def load(path: Path | str, display: str | None = None, max_bytes: int = MAX_BYTES) -> YNode:
    """Load one YAML document from a file into located nodes."""
    path = Path(path)
    name = display or str(path)
    return parse(read_text(path, name, max_bytes), name)


def parse(text: str, name: str) -> YNode:
    """Parse YAML text (one document) into located nodes."""
    with paused_gc():
        return _parse(text, name)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Building tens of thousands of small objects would trigger the cycle collector
    over and over; what we build has no cycles, so it is paused meanwhile."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _parse(text: str, name: str) -> YNode:
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
    for event in events:
        kind = type(event)
        if kind is scalar_event:
            mark = event.start_mark
            value = event.value
            if event.tag is None and not event.style and not event.anchor and stack \
                    and value and (value[0] not in _IMPLICIT or (
                        value.isdigit() and value.isascii() and (value[0] != "0" or
                                                                 len(value) == 1))):
                # The common cases, inlined: plain text, or a plain decimal whole number
                # (what YAML's resolver and constructor would make of it), in a list or
                # a mapping.
                frame = stack[-1]
                parent = frame.node
                node = YScalar(name, mark.line + 1, mark.column + 1,
                               value if value[0] not in _IMPLICIT else int(value))
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
                    attach(YScalar(name, 0, 0, None))  # reports the size
                continue
            line, column = mark.line + 1, mark.column + 1
            node = YScalar(name, line, column,
                           _scalar(event, Location(name, line, column), constructor))
            if event.anchor:
                anchors[event.anchor] = node
            attach(node)
        elif kind in (ev.SequenceStartEvent, ev.MappingStartEvent):
            is_seq = kind is ev.SequenceStartEvent
            line, column = event.start_mark.line + 1, event.start_mark.column + 1
            loc = Location(name, line, column)
            if event.tag not in (_SEQ_TAGS if is_seq else _MAP_TAGS):
                raise _fail(loc, f"the YAML tag {event.tag!r} is not allowed: this file holds "
                                 "plain lists and mappings only")
            if len(stack) >= MAX_DEPTH:
                raise _fail(loc, f"nesting is deeper than {MAX_DEPTH} levels; refusing to load")
            if stack and type(stack[-1].node) is YMap and stack[-1].key is None:
                raise _fail(loc, "a mapping key must be plain text, not a "
                                 + ("list" if is_seq else "mapping"))
            container: YSeq | YMap = (YSeq if is_seq else YMap)(name, line, column)
            stack.append(_Frame(container, event.anchor))
        elif kind in (ev.SequenceEndEvent, ev.MappingEndEvent):
            frame = stack.pop()
            if frame.anchor:
                anchors[frame.anchor] = frame.node
            attach(frame.node)
        elif kind is ev.AliasEvent:
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
        elif kind is ev.DocumentStartEvent:
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
def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class Problems:
    """Collects problems for one file."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, loc: Location, path: str, message: str) -> None:
        self.items.append(Problem(loc, path, message))

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)


def suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


_MISSING = object()


class MapReader:
    """Typed access to one mapping's fields; problems are collected, not raised.

    Every reader returns ``None`` (or the default) when the field is missing or
    wrong, after recording a problem, so callers simply carry on.
    """

    def __init__(self, node: YNode | None, path: str, problems: Problems,
                 known: Iterable[str], where: Location | None = None):
        self.path = path
        self.problems = problems
        self.known = tuple(known)
        known_set = frozenset(self.known)
        self.node: YMap | None = node if isinstance(node, YMap) else None
        self._raw_node = node
        self._where = where
        if node is not None and self.node is None:
            problems.add(node.loc, path or "(top level)",
                         f"must be a mapping of 'field: value' lines, got {describe(node)}")
        if self.node is not None:
            for key, key_node in self.node.keys.items():
                if not isinstance(key, str):
                    problems.add(key_node.loc, path or "(top level)",
                                 f"field names are text, got {describe(key_node)}")
                elif key not in known_set:
                    problems.add(key_node.loc, join(path, key),
                                 "unknown field" + (suggest(key, self.known) or
                                                    f"; known fields: {', '.join(self.known)}"))

    @property
    def loc(self) -> Location:
        """Where the mapping starts (or where it should have been)."""
        if self._raw_node is not None:
            return self._raw_node.loc
        return self._where or Location("?")

    @property
    def ok(self) -> bool:
        return self.node is not None

    def has(self, key: str) -> bool:
        return self.node is not None and key in self.node.entries

    def raw(self, key: str) -> YNode | None:
        return self.node.entries.get(key) if self.node is not None else None

    def where(self, key: str) -> Location:
        node = self.raw(key)
        return node.loc if node is not None else self.loc

    def _get(self, key: str, required: bool) -> YNode | None:
        node = self.raw(key)
        if node is None:
            if required and self.node is not None:
                self.problems.add(self.loc, join(self.path, key), "required field is missing")
            return None
        if isinstance(node, YScalar) and node.value is None:
            if required:
                self.problems.add(node.loc, join(self.path, key), "must not be empty")
            return None
        return node

    def bad(self, key: str, message: str) -> None:
        self.problems.add(self.where(key), join(self.path, key), message)

    def text(self, key: str, *, required: bool = True, default: str | None = None,
             max_len: int = 2000) -> str | None:
        node = self._get(key, required)
        if node is None:
            return default
        value = node.plain() if isinstance(node, YScalar) else None
        if not isinstance(value, str):
            self.bad(key, f"must be text, got {describe(node)}")
            return default
        value = value.strip()
        if not value:
            self.bad(key, "must not be empty")
            return default
        if len(value) > max_len:
            self.bad(key, f"is longer than {max_len} characters")
            return default
        return value

    def number(self, key: str, *, required: bool = False, default: float | None = None,
               minimum: float | None = None, maximum: float | None = None,
               positive: bool = False, integer: bool = False) -> Any:
        node = self._get(key, required)
        if node is None:
            return default
        value = node.plain() if isinstance(node, YScalar) else None
        kind = "a whole number" if integer else "a number"
        if positive:
            kind = "a positive " + kind.split(" ", 1)[1]
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or (integer and not isinstance(value, int)) or value != value:
            self.bad(key, f"must be {kind}, got {describe(node)}")
            return default
        if positive and value <= 0:
            self.bad(key, f"must be {kind}, got {value}")
            return default
        if minimum is not None and value < minimum:
            self.bad(key, f"must be at least {minimum}, got {value}")
            return default
        if maximum is not None and value > maximum:
            self.bad(key, f"must be at most {maximum}, got {value}")
            return default
        return value

    def boolean(self, key: str, *, default: bool = False) -> bool:
        node = self._get(key, False)
        if node is None:
            return default
        value = node.plain() if isinstance(node, YScalar) else None
        if not isinstance(value, bool):
            self.bad(key, f"must be true or false, got {describe(node)}")
            return default
        return value

    def choice(self, key: str, choices: Iterable[str], *, required: bool = True,
               default: str | None = None) -> str | None:
        options = tuple(choices)
        node = self._get(key, required)
        if node is None:
            return default
        value = node.plain() if isinstance(node, YScalar) else None
        if not isinstance(value, str) or value not in options:
            hint = suggest(value, options) if isinstance(value, str) else ""
            self.bad(key, f"must be one of {', '.join(options)}; got {describe(node)}{hint}")
            return default
        return value

    def seq(self, key: str, *, required: bool = True, min_items: int = 0
            ) -> list[tuple[str, YNode]]:
        node = self._get(key, required)
        if node is None:
            return []
        if not isinstance(node, YSeq):
            self.bad(key, f"must be a list (lines starting with '- '), got {describe(node)}")
            return []
        if len(node.items) < min_items:
            self.bad(key, f"must list at least {min_items} item"
                          + ("s" if min_items != 1 else ""))
        return [(join(join(self.path, key), i), item) for i, item in enumerate(node.items)]

    def text_list(self, key: str, *, required: bool = True, min_items: int = 0,
                  max_len: int = 2000) -> tuple[str, ...]:
        node = self._get(key, required)
        if node is None:
            return ()
        if not isinstance(node, YSeq):
            self.bad(key, f"must be a list (lines starting with '- '), got {describe(node)}")
            return ()
        if len(node.items) < min_items:
            self.bad(key, f"must list at least {min_items} item"
                          + ("s" if min_items != 1 else ""))
        out: list[str] = []
        for index, item in enumerate(node.items):
            value = item.value if type(item) is YScalar else None
            if type(value) is str and value.strip() and len(value) <= max_len:
                out.append(" ".join(value.split()))
                continue
            path = join(join(self.path, key), index)
            if not isinstance(value, str) or not value.strip():
                self.problems.add(item.loc, path, f"must be text, got {describe(item)}")
            else:
                self.problems.add(item.loc, path, f"is longer than {max_len} characters")
        return tuple(out)


def is_within(base: str | os.PathLike[str], candidate: str | os.PathLike[str],
              _cache: dict[str, str] | None = None) -> bool:
    """True when ``candidate`` (links resolved) lies inside ``base``.

    ``_cache`` may carry resolved folders between calls (a library resolves a
    thousand drawings in one folder; each then costs one ``lstat``).
    """
    cache = {} if _cache is None else _cache
    base, candidate = os.fspath(base), os.fspath(candidate)
    try:
        root = cache.get(base)
        if root is None:
            root = cache[base] = os.path.realpath(base)
        folder, leaf = os.path.split(candidate)
        real_folder = cache.get(folder)
        if real_folder is None:
            real_folder = cache[folder] = os.path.realpath(folder)
        real = os.path.join(real_folder, leaf)
        if os.path.islink(real):
            real = os.path.realpath(real)
    except OSError:
        return False
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)
