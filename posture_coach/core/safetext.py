"""Text from outside: characters a file may not carry, and text made safe for a terminal.

A title, a phone number or a note in a program comes from someone else's file and is
shown in windows, printed on a handout and written at a terminal.  Control characters
(``ESC ] 0 ;`` sets a terminal's title, ``ESC [ 2 J`` clears it, NUL cuts a PDF string)
and the bidirectional overrides and isolates (which make ``exe.txt`` read as
``txt.exe``) have no place in any of them: :func:`text_problem` names the first one and
where it is, so the reader can refuse the field with its place.

:func:`for_terminal` is the one sanitiser for what the command line prints: every such
character is shown escaped (``\\x1b``, ``\\u202e``), never sent raw.  :class:`SafeStream`
wraps ``sys.stdout``/``sys.stderr`` with it.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BAD_ANYWHERE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029" + _BIDI + "]")
_BAD_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029" + _BIDI + "]")
_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029" + _BIDI + "]")
_NAMES = {"\x00": "NUL", "\x1b": "ESC", "\r": "a carriage return", "\n": "a line break",
          "\t": "a tab", "\x07": "BEL", "\x7f": "DEL"}


bad_anywhere = _BAD_ANYWHERE.search
"""The first character no text may carry (a line break and a tab are fine), or None:
the test :func:`text_problem` makes, without the call, for readers that check many
values."""
bad_one_line = _BAD_ONE_LINE.search
"""The same for a one-line text (``text_problem(..., one_line=True)``)."""


def describe_char(char: str) -> str:
    code = ord(char)
    name = _NAMES.get(char)
    if name is None:
        name = ("a bidirectional control character" if char in _BIDI
                else "a line separator" if char in "\u2028\u2029" else "a control character")
    return f"{name} (U+{code:04X})"


def text_problem(value: str, *, one_line: bool = False) -> tuple[int, str] | None:
    """The index of the first character ``value`` may not carry and what to say of it;
    None when it is fine.  ``one_line``: line breaks and tabs are refused too."""
    found = (_BAD_ONE_LINE if one_line else _BAD_ANYWHERE).search(value)
    if found is None:
        return None
    return found.start(), (f"contains {describe_char(found.group())} at character "
                           f"{found.start() + 1}; write plain text only")


def for_terminal(text: str) -> str:
    """``text`` with every control and bidirectional character escaped (line breaks and
    tabs kept)."""
    if not _TERMINAL.search(text):
        return text
    return _TERMINAL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class SafeStream:
    """A text stream whose writes pass through :func:`for_terminal`."""

    def __init__(self, raw: TextIO):
        self._raw = raw

    def write(self, text: str) -> int:
        self._raw.write(for_terminal(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)
