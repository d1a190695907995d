"""Loading a YAML document: read the file (bounded), then take its parsed tree from the
parse cache or parse it (PyYAML is imported only then).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .cache import ParseCache
from .nodes import YNode
from .reading import MAX_BYTES, read_text


def load(path: Path | str, display: str | None = None, max_bytes: int = MAX_BYTES,
         cache: ParseCache | None = None) -> YNode:
    """Load one YAML document from a file into located nodes."""
    path = Path(path)
    name = display or str(path)
    return parse(read_text(path, name, max_bytes), name, cache)


def parse(text: str, name: str, cache: ParseCache | None = None) -> YNode:
    """Parse YAML text (one document) into located nodes (from ``cache`` when this very
    text was parsed before under this name)."""
    with paused_gc():
        if cache is not None:
            cached = cache.get(text, name)
            if cached is not None:
                return cached
        from .parsing import parse_text

        root = parse_text(text, name)
        if cache is not None:
            cache.put(text, name, root)
        return root


@contextmanager
def paused_gc() -> Iterator[None]:
    """Building tens of thousands of small objects would trigger the cycle collector
    over and over; what we build has no cycles, so it is paused meanwhile.

    On the way out, what was built is moved to the collector's oldest generation
    (``freeze`` then ``unfreeze``: two list splices), or the first allocation after
    would scan every one of those objects as young (some 70 ms for a 1,000-exercise
    library on a busy machine).  They are still freed by reference counting as ever,
    and a full collection still looks at them."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
