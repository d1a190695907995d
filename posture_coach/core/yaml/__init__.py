"""Safe YAML with a location for every node, and small typed field readers.

Files we read come from users and from other people (a physical therapist's
program), so this package trusts nothing:

* at most ``MAX_BYTES`` are read; the text must be UTF-8 (:mod:`.reading`);
* only the safe subset of YAML: plain scalars, lists and mappings.  A tag that
  would build an object (``!!python/object``), ``!!set``, merge keys and the
  like are refused (:mod:`.parsing`, the only module that imports PyYAML);
* the node tree is built from the parser's event stream without recursion, so
  deep nesting is refused at a fixed depth instead of overflowing the stack;
* aliases are followed by reference and their expanded size is counted, so a
  "billion laughs" file is refused after ``MAX_NODES`` nodes, not after memory
  runs out;
* duplicate keys are an error (YAML would silently keep the last one).

Every problem raises :class:`~posture_coach.core.errors.ValidationError` with
``file:line:column``.  The field readers (:class:`MapReader`, :mod:`.fields`) do not
raise: they collect problems, so one run reports everything wrong with a file.

The rooms, in import order (none imports a later one): :mod:`.nodes` (located nodes),
:mod:`.reading` (bounded file reading), :mod:`.quick` (plain lines straight to nodes,
or None), :mod:`.parsing` (the quick reader, else PyYAML's events to nodes),
:mod:`.cache` (:class:`ParseCache`, parsed trees as JSON in a folder given by the caller),
:mod:`.loading` (read, then cache or parse), :mod:`.fields` (typed field readers).
"""

from .cache import ParseCache
from .fields import MapReader, Problems, join, suggest
from .loading import load, parse, paused_gc
from .nodes import MAX_DEPTH, MAX_NODES, YMap, YNode, YScalar, YSeq, describe
from .reading import MAX_BYTES, decode, is_within, read_bytes, read_text

__all__ = [
    "MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "MapReader", "ParseCache", "Problems", "YMap",
    "YNode", "YScalar", "YSeq", "decode", "describe", "is_within", "join", "load", "parse",
    "paused_gc", "read_bytes", "read_text", "suggest",
]
