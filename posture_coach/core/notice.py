"""The words of the notice before a break and of the one when it is due.

Written as a person would say it: "Break in 30 s" over "Desk reset, about 2 minutes"
(read together: "Break in 30 s: desk reset, about 2 minutes").  No Qt: ``translate`` is
Qt's translate in the app, :func:`~posture_coach.core.texts.english` in the core's tests.
"""

from __future__ import annotations

from .texts import Translate, english


def routine_length(routine_name: str, routine_seconds: float,
                   translate: Translate = english) -> str:
    """``Desk reset, about 2 minutes`` (whole minutes, at least one)."""
    minutes = max(1, round(routine_seconds / 60))
    return translate("Notice", "{routine}, about %n minute(s)", None, minutes).format(
        routine=routine_name)


def in_time(seconds: float, translate: Translate = english) -> str:
    """``30 s`` under a minute, ``2 min`` from a minute on (rounded to whole minutes)."""
    whole = max(1, round(seconds))
    if whole < 60:
        return translate("Notice", "{n} s").format(n=whole)
    return translate("Notice", "{n} min").format(n=round(whole / 60))


def notice_before(seconds: float, routine_name: str, routine_seconds: float,
                  translate: Translate = english) -> tuple[str, str]:
    """The notice ``seconds`` before a break: its title and its line."""
    return (translate("Notice", "Break in {time}").format(time=in_time(seconds, translate)),
            routine_length(routine_name, routine_seconds, translate))


def notice_due(routine_name: str, routine_seconds: float,
               translate: Translate = english) -> tuple[str, str]:
    """The notice when the break is due (when no notice came before it)."""
    return (translate("Notice", "Time for a break"),
            routine_length(routine_name, routine_seconds, translate))
