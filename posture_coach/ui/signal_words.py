"""What the desktop signals the app listens to mean, in a patient's words, in one place.

The desktop glue names its signals technically (``X11 _NET_WM_STATE_FULLSCREEN``,
``dunst (dunstctl is-paused)``); that stays in the log and in a tooltip.  What Settings
says is built here from each signal's ``kind``:

* busy signals (``desktop/quiet.py``): ``fullscreen`` (a full-screen window is in
  front), ``do-not-disturb`` (Do Not Disturb is on); a new kind (a call: microphone or camera in
  use) adds one phrase to :func:`busy_phrases` and nothing else;
* idle time (``desktop/idle.py``): any working monitor reads the keyboard and mouse.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate  # called with literal texts: lupdate finds them


def busy_phrases() -> dict[str, str]:
    """Each busy signal's kind -> the phrase after "Breaks wait while …"."""
    return {"fullscreen": translate("SignalWords", "a full-screen window is in front"),
            "do-not-disturb": translate("SignalWords", "Do Not Disturb is on"),
            "in-a-call": translate("SignalWords", "you are in a call (the microphone or "
                                                  "camera is in use)")}


def join_or(phrases: list[str]) -> str:
    """``a``, ``a or b``, ``a, b or c`` (the separators translated)."""
    if len(phrases) <= 1:
        return "".join(phrases)
    comma = translate("SignalWords", ", ")
    return comma.join(phrases[:-1]) + translate("SignalWords", " or ") + phrases[-1]


def busy_sentence(kinds: Iterable[str]) -> str:
    """``Breaks wait while a full-screen window is in front or Do Not Disturb is on.``;
    for no known kind, that breaks never wait."""
    words = busy_phrases()
    phrases = [words[k] for k in dict.fromkeys(kinds) if k in words]
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
