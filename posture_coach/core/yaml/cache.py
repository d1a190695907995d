"""The parse cache: parsed trees kept as JSON in a private folder.

The tray app reads the same few files at every start (the bundled library, settings,
the active program).  Their parsed trees are kept as JSON in a cache folder, keyed by
the file's name and a checksum of its text, so a start usually needs neither PyYAML
(over a megabyte of memory once imported) nor a parse.  Only trees of plain values are
cached; any problem with the cache means: parse the text again.  The folder is given by
whoever builds the app (the launcher: ``<data>/cache/yaml``); without a cache, every
file is parsed.

The cache lives in the data folder, so it trusts nothing there either: the folder and
its parent must be real folders (a link to another folder makes the cache unused, and
nothing there is written, read or removed), both made 0700; entries are read with the
bounded reader (never a FIFO, never through a link).
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

from ... import __version__
from ..atomic import write_atomic
from .nodes import YMap, YNode, YScalar, YSeq


class ParseCache:
    """Parsed trees of YAML texts, kept as JSON files in ``folder`` (made when first
    written, mode 0700); the newest :attr:`KEEP` files are kept."""

    FORMAT = 1
    KEEP = 16

    MAX_ENTRY_BYTES = 8 * 1024 * 1024

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._usable: bool | None = None

    def usable(self, make: bool = False) -> bool:
        """True when the folder (and its parent) are real folders, not links; ``make``
        creates them (0700) when missing."""
        if self._usable:
            return True
        import os
        import stat

        for folder in (self.folder.parent, self.folder):
            try:
                mode = os.lstat(folder).st_mode
            except FileNotFoundError:
                if not make:
                    return False
                try:
                    folder.mkdir(mode=0o700)
                except OSError:
                    return False
                continue
            except OSError:
                self._usable = False
                return False
            if not stat.S_ISDIR(mode):
                self._usable = False
                return False
        self._usable = True
        return True

    def path_for(self, text: str, name: str) -> Path:
        data = text.encode("utf-8", "surrogatepass")
        key = f"{self.FORMAT}|{__version__}|{name}".encode("utf-8", "surrogatepass")
        return self.folder / (f"{zlib.crc32(key):08x}-{zlib.crc32(data):08x}"
                              f"{zlib.adler32(data):08x}-{len(data)}.json")

    def get(self, text: str, name: str) -> YNode | None:
        """The tree parsed before from this very text under this name, or None."""
        if not self.usable():
            return None
        from ..errors import ValidationError
        from ..safefile import read_bounded

        path = self.path_for(text, name)
        try:
            stored = json.loads(read_bounded(path, self.MAX_ENTRY_BYTES, follow=False))
            if stored.get("name") != name:
                return None
            return _decode(stored["root"], name)
        except ValidationError:
            return None  # missing, a link, not a regular file, too big: parse instead
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError,
                RecursionError):
            return None  # unreadable or not ours: parse instead (and write it anew)

    def put(self, text: str, name: str, root: YNode) -> None:
        """Keep ``root`` as the tree of ``text``; silently nothing when it cannot be."""
        path = self.path_for(text, name)
        try:
            payload = json.dumps({"name": name, "root": _encode(root)}, ensure_ascii=False,
                                 separators=(",", ":"))
        except (_Uncacheable, RecursionError, ValueError):
            return
        if not self.usable(make=True):
            return
        try:
            write_atomic(path, payload)
            entries = sorted(path.parent.glob("*.json"), key=lambda p: p.lstat().st_mtime,
                             reverse=True)
            for old in entries[self.KEEP:]:
                old.unlink(missing_ok=True)
        except OSError:
            pass  # a cache that cannot be written only costs time


class _Uncacheable(Exception):
    pass


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
