"""What the command line says after each command, in the person's language and local
time ("Next break at 14:35, in 12 minutes").  No Qt: ``translate`` is a catalogue's
(the CLI loads the .qm with QtCore's QTranslator) or :func:`~posture_coach.core.texts.english`.

The machine-readable answer is the reply itself, printed with ``--json`` (ISO times).
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from .quiet import NO_SOUND_SERVER
from .texts import Translate, english


def _when(iso: str, now: datetime, tz: tzinfo, translate: Translate) -> str:
    when = datetime.fromisoformat(iso).astimezone(tz)
    if when.date() == now.astimezone(tz).date():
        return when.strftime("%H:%M")
    days = (translate("CliWords", "Mon"), translate("CliWords", "Tue"),
            translate("CliWords", "Wed"), translate("CliWords", "Thu"),
            translate("CliWords", "Fri"), translate("CliWords", "Sat"),
            translate("CliWords", "Sun"))
    return translate("CliWords", "{day} {time}").format(day=days[when.weekday()],
                                                        time=when.strftime("%H:%M"))


def in_words(seconds: float, translate: Translate = english) -> str:
    """``in 12 minutes``, ``in 2 h 5 min``, ``in less than a minute``."""
    minutes = max(0, round(seconds / 60))
    if seconds < 60:
        return translate("CliWords", "in less than a minute")
    if minutes < 90:
        return translate("CliWords", "in %n minute(s)", None, minutes)
    return translate("CliWords", "in {h} h {m} min").format(h=minutes // 60, m=minutes % 60)


def next_break(reply: dict[str, Any], now: datetime, tz: tzinfo,
               translate: Translate = english) -> str:
    """``Next break at 14:35, in 12 minutes.`` or that none is planned."""
    iso = reply.get("next_break")
    if not isinstance(iso, str):
        return translate("CliWords", "No break is planned.")
    seconds = reply.get("seconds_to_next")
    seconds = float(seconds) if isinstance(seconds, (int, float)) else \
        (datetime.fromisoformat(iso) - now).total_seconds()
    return translate("CliWords", "Next break at {when}, {delay}.").format(
        when=_when(iso, now, tz, translate), delay=in_words(seconds, translate))


def _state_line(reply: dict[str, Any], now: datetime, tz: tzinfo, translate: Translate) -> str:
    state = reply.get("state")
    nxt = next_break(reply, now, tz, translate)
    if state == "break-shown":
        return translate("CliWords", "A break is on your screen now.")
    if state == "paused":
        until = reply.get("paused_until")
        if isinstance(until, str):
            return translate("CliWords", "Breaks are paused until {when}.").format(
                when=_when(until, now, tz, translate)) + " " + nxt
        kinds = reply.get("paused_by") or []
        if "idle" in kinds:
            return translate("CliWords", "Breaks are paused while you are away.")
        if "ice-heat" in kinds:
            return translate("CliWords", "Breaks are paused during your ice/heat session.")
        return translate("CliWords", "Breaks are paused.")
    if state == "outside-hours":
        return translate("CliWords", "Outside your working hours.") + " " + nxt
    return translate("CliWords", "Breaks are on.") + " " + nxt


def busy_phrases(translate: Translate = english) -> dict[str, str]:
    """Each busy signal's kind -> the phrase after "Breaks wait while …" (Settings says
    them too: ui/signal_words.py)."""
    return {"fullscreen": translate("SignalWords", "a full-screen window is in front"),
            "do-not-disturb": translate("SignalWords", "Do Not Disturb is on"),
            "in-a-call": translate("SignalWords", "you are in a call (the microphone or "
                                                  "camera is in use)")}


def join_or(phrases: list[str], translate: Translate = english) -> str:
    """``a``, ``a or b``, ``a, b or c`` (the separators translated)."""
    if len(phrases) <= 1:
        return "".join(phrases)
    comma = translate("SignalWords", ", ")
    return comma.join(phrases[:-1]) + translate("SignalWords", " or ") + phrases[-1]


def _busy_line(reply: dict[str, Any], translate: Translate) -> str:
    """When a due break waits, in the words of Settings (the kinds of busy signals)."""
    words = busy_phrases(translate)
    kinds = reply.get("busy_kinds")
    phrases = [words[k] for k in dict.fromkeys(kinds) if k in words] \
        if isinstance(kinds, list) else []
    if not phrases:
        return translate("CliWords", "Breaks never wait: this desktop tells the app neither "
                                     "about full-screen windows, Do Not Disturb nor calls.")
    return translate("CliWords", "Breaks wait while {things}.").format(
        things=join_or(phrases, translate))


def answer(command: str, reply: dict[str, Any], now: datetime, tz: tzinfo,
           translate: Translate = english) -> str:
    """The lines printed after ``command`` succeeded with ``reply``."""
    if command == "quit":
        return translate("CliWords", "Posture Coach is quitting.")
    if command == "break-now":
        return translate("CliWords", "A break is on your screen now.")
    if command == "snooze":
        return translate("CliWords", "Snoozed.") + " " + next_break(reply, now, tz, translate)
    if command == "pause":
        return _state_line(reply, now, tz, translate)
    if command == "resume":
        return translate("CliWords", "Breaks resumed.") + " " + \
            next_break(reply, now, tz, translate)
    lines = [_state_line(reply, now, tz, translate)]
    if command != "status":
        return lines[0]
    note = reply.get("interval_note")
    if note:
        lines.append(str(note))
    idle = reply.get("idle_detection")
    lines.append(translate("CliWords", "Time away is noticed ({how}).").format(how=idle)
                 if idle else translate("CliWords", "Time away is not noticed."))
    lines.append(_busy_line(reply, translate))
    off = reply.get("not_watched")
    if isinstance(off, list) and NO_SOUND_SERVER in off:
        lines.append(translate("CliWords", "The microphone is not watched: no sound server "
                                           "(PulseAudio or PipeWire) answers."))
    shown = reply.get("shown_in")
    if shown == "system tray":
        lines.append(translate("CliWords", "Shown in the system tray."))
    elif isinstance(shown, str) and shown.startswith("window"):
        # "window (no system tray was found)": the tray watch's reason, kept in the words
        why = shown[len("window"):].strip().removeprefix("(").removesuffix(")").strip()
        lines.append(translate("CliWords", "Shown in a small window: {why}.").format(why=why)
                     if why else translate("CliWords",
                                           "Shown in a small window (no system tray)."))
    if reply.get("program"):
        lines.append(translate("CliWords", "Home program: {title}").format(
            title=reply["program"]))
    last = reply.get("last_break")
    if isinstance(last, dict) and isinstance(last.get("ended_at"), str):
        outcomes = {"done": translate("CliWords", "done"),
                    "partial": translate("CliWords", "partly done"),
                    "skipped": translate("CliWords", "skipped"),
                    "snoozed": translate("CliWords", "snoozed"),
                    "natural": translate("CliWords", "natural (away from the computer)")}
        lines.append(translate("CliWords", "Last break: {outcome} at {when}.").format(
            outcome=outcomes.get(str(last.get("outcome")), str(last.get("outcome"))),
            when=_when(last["ended_at"], now, tz, translate)))
    if reply.get("journal_problem"):
        lines.append(translate("CliWords", "Journal: {problem}").format(
            problem=reply["journal_problem"]))
    return "\n".join(lines)
