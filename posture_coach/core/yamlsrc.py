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

import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import Location, Problem, ValidationError

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 100_000


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
    return decode(read_bytes(path, name, max_bytes), name)


def read_bytes(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a whole file, refusing folders and files over ``max_bytes``, with located
    messages."""
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
    return data


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
    """Parse YAML text (one document) into located nodes (from the cache when this very
    text was parsed before under this name)."""
    with paused_gc():
        cached = _cache_get(text, name)
        if cached is not None:
            return cached
        from .yamlparse import parse_text

        root = parse_text(text, name)
        _cache_put(text, name, root)
        return root


# --------------------------------------------------------------------------
# The parse cache
# --------------------------------------------------------------------------
# The tray app reads the same few files at every start (the bundled library, settings,
# the active program).  Their parsed trees are kept as JSON in a private cache folder,
# keyed by the file's name and a checksum of its text, so a start usually needs neither
# PyYAML (over a megabyte of memory once imported) nor a parse.  Only trees of plain
# values are cached; any problem with the cache means: parse the text again.

_CACHE_FORMAT = 1
_CACHE_KEEP = 16
_cache_dir: Path | None = None


def set_cache_dir(folder: Path | None) -> None:
    """Cache parsed files in ``folder`` (None: no cache, the default)."""
    global _cache_dir
    _cache_dir = folder


class _Uncacheable(Exception):
    pass


def _cache_path(text: str, name: str) -> Path | None:
    if _cache_dir is None:
        return None
    import zlib

    from .. import __version__

    data = text.encode("utf-8", "surrogatepass")
    key = f"{_CACHE_FORMAT}|{__version__}|{name}".encode("utf-8", "surrogatepass")
    return _cache_dir / (f"{zlib.crc32(key):08x}-{zlib.crc32(data):08x}"
                         f"{zlib.adler32(data):08x}-{len(data)}.json")


def _encode(node: YNode) -> list[Any]:
    kind = type(node)
    if kind is YScalar:
        value = node.value  # type: ignore[attr-defined]
        if value is not None and type(value) not in (str, int, float, bool):
            raise _Uncacheable  # dates: rare; parsed each time
        return [0, node.line, node.column, value]
    if kind is YSeq:
        return [1, node.line, node.column, node.size,
                [_encode(i) for i in node.items]]  # type: ignore[attr-defined]
    assert isinstance(node, YMap)
    return [2, node.line, node.column, node.size,
            [[_encode(node.keys[k]), _encode(v)] for k, v in node.entries.items()]]


def _decode(item: list[Any], name: str) -> YNode:
    if item[0] == 0:
        return YScalar(name, item[1], item[2], item[3])
    if item[0] == 1:
        seq = YSeq(name, item[1], item[2])
        seq.size = item[3]
        seq.items = [_decode(i, name) for i in item[4]]
        return seq
    if item[0] != 2:
        raise ValueError(f"unknown node kind {item[0]!r}")
    mapping = YMap(name, item[1], item[2])
    mapping.size = item[3]
    for raw_key, raw_value in item[4]:
        key = _decode(raw_key, name)
        if type(key) is not YScalar:
            raise ValueError("a key that is not a scalar")
        mapping.keys[key.value] = key
        mapping.entries[key.value] = _decode(raw_value, name)
    return mapping


def _cache_get(text: str, name: str) -> YNode | None:
    path = _cache_path(text, name)
    if path is None:
        return None
    import json

    try:
        with open(path, encoding="utf-8") as fh:
            stored = json.load(fh)
        if stored.get("name") != name:
            return None
        return _decode(stored["root"], name)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError,
            RecursionError):
        return None  # unreadable or not ours: parse instead (and write it anew)


def _cache_put(text: str, name: str, root: YNode) -> None:
    path = _cache_path(text, name)
    if path is None:
        return
    import json

    from .atomic import write_atomic

    try:
        payload = json.dumps({"name": name, "root": _encode(root)}, ensure_ascii=False,
                             separators=(",", ":"))
    except (_Uncacheable, RecursionError, ValueError):
        return
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(path, payload)
        entries = sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime,
                         reverse=True)
        for old in entries[_CACHE_KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written only costs time


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
    import difflib

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
        if self.node is not None and not known_set.issuperset(self.node.entries):
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
        found = self.node.entries.get(key) if self.node is not None else None
        if type(found) is YScalar and type(found.value) is str:  # the common case, first
            stripped = found.value.strip()
            if stripped and len(stripped) <= max_len:
                return stripped
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
        found = self.node.entries.get(key) if self.node is not None else None
        if type(found) is YScalar:  # the common case, first: a number in range
            value = found.value
            value_type = type(value)
            if (value_type is int or (value_type is float and not integer and value == value)) \
                    and (not positive or value > 0) \
                    and (minimum is None or value >= minimum) \
                    and (maximum is None or value <= maximum):
                return value
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
        found = self.node.entries.get(key) if self.node is not None else None
        if type(found) is YScalar and type(found.value) is str \
                and isinstance(choices, (tuple, list)) and found.value in choices:
            return found.value  # the common case, first
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
        found = self.node.entries.get(key) if self.node is not None else None
        if type(found) is YSeq and len(found.items) >= min_items:  # the common case, first
            fast: list[str] = []
            for item in found.items:
                value = item.value if type(item) is YScalar else None
                if type(value) is not str or len(value) > max_len:
                    break
                words = value.split()
                if not words:
                    break
                fast.append(" ".join(words))
            else:
                return tuple(fast)
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
