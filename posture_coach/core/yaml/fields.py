"""Small typed field readers over located nodes.

The readers (:class:`MapReader`) do not raise: they collect problems in
:class:`Problems`, so one run reports everything wrong with a file, each problem with
its ``file:line:column`` and field path.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..errors import Location, Problem, ValidationError
from ..safetext import bad_anywhere, bad_one_line, text_problem
from .nodes import YMap, YNode, YScalar, YSeq, describe

ONE_LINE_MAX = 200
"""Text fields of at most this many characters (names, titles, a phone number) are one
line: a line break or a tab in them is refused like any control character."""


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
        given = self.node.entries.get(key) if self.node is not None else None
        if type(given) is YScalar and type(given.value) is str:  # the common case, first
            stripped = given.value.strip()
            if stripped and len(stripped) <= max_len \
                    and (bad_one_line if max_len <= ONE_LINE_MAX else bad_anywhere)(
                        stripped) is None:  # text_problem's test
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
        found = text_problem(value, one_line=max_len <= ONE_LINE_MAX)
        if found is not None:
            self.bad(key, found[1])
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
        given = self.node.entries.get(key) if self.node is not None else None
        if type(given) is YSeq and len(given.items) >= min_items:  # the common case, first
            fast: list[str] = []
            for item in given.items:
                value = item.value if type(item) is YScalar else None
                if type(value) is not str or len(value) > max_len \
                        or bad_anywhere(value) is not None:  # text_problem's test
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
            if type(value) is str and value.strip() and len(value) <= max_len \
                    and text_problem(value) is None:
                out.append(" ".join(value.split()))
                continue
            path = join(join(self.path, key), index)
            found = text_problem(value) if type(value) is str else None
            if found is not None:
                self.problems.add(item.loc, path, found[1])
            elif not isinstance(value, str) or not value.strip():
                self.problems.add(item.loc, path, f"must be text, got {describe(item)}")
            else:
                self.problems.add(item.loc, path, f"is longer than {max_len} characters")
        return tuple(out)
