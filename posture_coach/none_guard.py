"""Keep PySide6 from running Python's ``None`` out of references on Python 3.10/3.11.

This PySide6 (6.12.0) returns ``None`` from its void methods (``setText``,
``setVisible``, ``update``...) without taking a reference to it.  From Python 3.12
``None`` is immortal and that is harmless; on 3.10 and 3.11 every such call leaves
``None`` one reference short.  A break window redraws 4 times a second with about
24 such calls, so a long routine (the evening home session, or a break of 15
minutes) used up all of ``None``'s references and the app aborted
("none_dealloc: deallocating None").  Measured with ``sys.getrefcount(None)`` around
one frame: -24.

:func:`keep_none_alive` gives ``None`` a reserve of 2**40 references once, as
Python 3.12 does by design: at 100 lost references a frame and 40 frames a second,
that lasts for years.  It touches only CPython before 3.12 in a normal (non-debug)
build, where the reference count is the object's first field.
"""

from __future__ import annotations

import sys

RESERVE = 1 << 40


def keep_none_alive() -> bool:
    """Give ``None`` a reserve of references where it needs one; True if it did."""
    if (sys.version_info >= (3, 12) or sys.implementation.name != "cpython"
            or hasattr(sys, "gettotalrefcount")):  # immortal None, or another layout
        return False
    import ctypes

    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value < RESERVE // 2:  # once, and again only if half of it were ever used
        count.value += RESERVE
    return True
