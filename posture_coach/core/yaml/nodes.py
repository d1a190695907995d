"""Located nodes: what a loaded YAML document is made of.

Every node knows the file, line and column where it starts (``loc``) and how many values
it stands for (``size``, aliases counted as often as they are used), so a problem found
later, in a field reader, still says ``file:line:column``.  Nothing here reads files or
imports PyYAML.
"""

from __future__ import annotations

from typing import Any

from ..errors import Location

MAX_DEPTH = 40
MAX_NODES = 100_000


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
        self.file = file  # as YNode's, without the call
        self.line = line
        self.column = column
        self.size = 1
        self.items: list[YNode] = []

    def plain(self) -> list[Any]:
        return [i.plain() for i in self.items]


class YMap(YNode):
    __slots__ = ("entries", "keys")

    def __init__(self, file: str, line: int, column: int):
        self.file = file  # as YNode's, without the call
        self.line = line
        self.column = column
        self.size = 1
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
