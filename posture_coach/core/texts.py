"""Translatable text made in the core, without Qt.

The core never imports Qt, yet some of the text a user reads is made here (the
dose of an exercise, the one line about the next break).  Functions that make
such text take a ``translate`` argument with the signature of Qt's
``QCoreApplication.translate(context, source, disambiguation=None, n=-1)`` and
call it with literal strings::

    translate("Dose", "%n rep(s)", None, reps)

``pyside6-lupdate`` finds these calls by their name (``translate``), so the
strings land in ``posture_coach/translations/*.ts`` like any widget's
``self.tr(...)``.  The UI passes ``QCoreApplication.translate``; the core's own
callers and tests get :func:`english`, which needs no Qt: it substitutes ``%n``
and reads ``(s)`` as the English plural, the same forms the English catalogue
(``posture_coach_en.ts``) gives Qt.
"""

from __future__ import annotations

from typing import Protocol


class Translate(Protocol):
    def __call__(self, context: str, source: str, disambiguation: str | None = None,
                 n: int = -1) -> str: ...


def english(context: str, source: str, disambiguation: str | None = None,
            n: int = -1) -> str:
    """The source text itself, with ``%n`` filled in and ``(s)`` made singular or plural."""
    if n < 0:
        return source
    return source.replace("(s)", "" if n == 1 else "s").replace("%n", str(n))
