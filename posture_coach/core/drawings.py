"""Drawings from outside must be whole in themselves.

An SVG in a home program (or a user's library) is drawn in the app and on the printed
handout.  SVG can pull in other files: ``<image href="../../secret.png">``, ``<use
href="other.svg#x">``, an external entity in a DOCTYPE, a ``file:`` or ``http:`` URL, a
stylesheet (``<?xml-stylesheet?>``, ``@import``, ``url(...)``).  Any of those would draw
something from outside the program's folder, so :func:`svg_reference_problems` refuses
them with their line and column; references inside the drawing (``href="#shape"``,
``url(#gradient)``) are fine.  PNG files cannot refer to anything.

The check reads the text, it does not parse it as XML: a DOCTYPE is refused whole (a
drawing needs none), and every ``href``/``src`` attribute and ``url(`` is looked at.
"""

from __future__ import annotations

import re

from .errors import Location, Problem

MAX_DRAWING_BYTES = 1024 * 1024

_DOCTYPE = re.compile(r"<!DOCTYPE|<!ENTITY", re.I)
_STYLESHEET_PI = re.compile(r"<\?xml-stylesheet", re.I)
_IMPORT = re.compile(r"@import", re.I)
_HREF = re.compile(r"""(?:^|[\s"'])((?:[\w.-]+:)?(?:href|src))\s*=\s*(["'])(.*?)\2""",
                   re.I | re.S)
_URL = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)""", re.I | re.S)
_ENTITY_REF = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)[\w.-]+;", re.I)


def _place(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _inner(target: str) -> bool:
    return target.strip().startswith("#")


def svg_reference_problems(text: str, name: str) -> list[Problem]:
    """What in the SVG ``text`` (the file ``name``) refers to anything outside it."""
    found: list[tuple[int, str]] = []
    for match in _DOCTYPE.finditer(text):
        found.append((match.start(), "has a DOCTYPE or an entity, which can refer to other "
                                     "files; a drawing needs none: remove it"))
        break
    for match in _STYLESHEET_PI.finditer(text):
        found.append((match.start(), "refers to a stylesheet; a drawing must carry its "
                                     "own styles"))
    for match in _IMPORT.finditer(text):
        found.append((match.start(), "refers to another file (@import); a drawing must be "
                                     "whole in itself"))
    for match in _HREF.finditer(text):
        if not _inner(match.group(3)):
            target = match.group(3)[:80]
            found.append((match.start(1), f"refers to {target!r} outside itself "
                                          f"({match.group(1)}); a drawing may only refer to "
                                          "its own parts (href=\"#id\")"))
    for match in _URL.finditer(text):
        if not _inner(match.group(2)):
            target = match.group(2)[:80]
            found.append((match.start(), f"refers to {target!r} outside itself (url()); a "
                                         "drawing may only refer to its own parts "
                                         "(url(#id))"))
    for match in _ENTITY_REF.finditer(text):
        found.append((match.start(), f"uses the entity {match.group()!r}, which refers to "
                                     "something outside the drawing"))
        break
    problems = []
    for index, message in sorted(found)[:5]:
        line, column = _place(text, index)
        problems.append(Problem(Location(name, line, column), "", message))
    return problems
