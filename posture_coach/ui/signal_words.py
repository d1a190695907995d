"""What the desktop signals the app listens to mean, in a patient's words, in one place.

The desktop glue names its signals technically (``X11 _NET_WM_STATE_FULLSCREEN``,
``dunst (dunstctl is-paused)``); that stays in the log and in a tooltip.  What Settings
says is built here from each signal's ``kind``:

* busy signals (``desktop/quiet.py``): ``fullscreen`` (a full-screen window is in
  front), ``do-not-disturb`` (Do Not Disturb is on), ``in-a-call``; a new kind adds one
  phrase to :func:`posture_coach.core.cli_words.busy_phrases` (the command line's
  ``status`` says the same words) and nothing else;
* idle time (``desktop/idle.py``): any working monitor reads the keyboard and mouse.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core import cli_words as words
from .i18n import translate  # Qt's, in the core's shape; literal texts: lupdate finds them


def busy_phrases() -> dict[str, str]:
    """Each busy signal's kind -> the phrase after "Breaks wait while …"."""
    return words.busy_phrases(translate)


def join_or(phrases: list[str]) -> str:
    """``a``, ``a or b``, ``a, b or c`` (the separators translated)."""
    return words.join_or(phrases, translate)


def busy_sentence(kinds: Iterable[str]) -> str:
    """``Breaks wait while a full-screen window is in front or Do Not Disturb is on.``;
    for no known kind, that breaks never wait."""
    phrase_of = busy_phrases()
    phrases = [phrase_of[k] for k in dict.fromkeys(kinds) if k in phrase_of]
    if not phrases:
        return translate("SignalWords", "This desktop tells the app neither about "
                         "full-screen windows, Do Not Disturb nor calls, so breaks never "
                         "wait.")
    return translate("SignalWords", "Breaks wait while {things}.").format(
        things=join_or(phrases))


def idle_sentence(enabled: bool, monitor: str | None) -> str:
    """What the Idle tab says about time away."""
    if not enabled:
        return translate("SignalWords", "Idle detection is off: time away is not noticed.")
    if monitor:
        return translate("SignalWords", "Time away from the keyboard and mouse is noticed, "
                         "and a long enough time away counts as a break.")
    return translate("SignalWords", "This desktop does not tell the app how long the "
                     "keyboard and mouse have been still, so time away is not noticed (breaks "
                     "still come on time).")


def technical(names: str | None) -> str:
    """The technical names, for a tooltip (left untranslated: they are names)."""
    return translate("SignalWords", "Technically: {names}").format(names=names) if names else ""
