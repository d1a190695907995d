"""Qt's own messages (qt.multimedia about PipeWire and VA libraries, "PulseAudioService:
pa_context_connect() failed", the platform plugin's notes) go to the app's log, each
distinct one once, at a level that says what it means to this app, instead of stderr.

Messages Qt writes about a missing sound server or video acceleration are expected on
many desktops and change nothing for the user (sounds just stay silent): they are
logged at INFO.  Other warnings stay warnings; critical and fatal ones are errors.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("posture_coach.qt")

# categories (or message starts) whose warnings are expected where there is no sound
# server or video acceleration: worth a line in the log, not a warning
EXPECTED = ("qt.multimedia", "PulseAudioService", "qt.qpa.xcb: could not connect",
            "This plugin does not support")
MAX_REMEMBERED = 500  # distinct messages kept to log each once; then repeats are dropped

_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
           QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
           QtMsgType.QtFatalMsg: logging.CRITICAL}


def level_for(kind: QtMsgType, category: str, message: str) -> int:
    """The log level for one of Qt's messages."""
    level = _LEVELS.get(kind, logging.WARNING)
    if level == logging.WARNING and any(
            category.startswith(e) or message.startswith(e) for e in EXPECTED):
        return logging.INFO
    return level


class QtMessageRouter:
    """The handler given to ``qInstallMessageHandler``; ``seen`` counts what came."""

    def __init__(self, previous: Callable[..., Any] | None = None) -> None:
        self.previous = previous
        self.seen: dict[tuple[str, str], int] = {}
        self.dropped = 0

    def __call__(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        category = str(getattr(context, "category", "") or "")
        key = (category, message)
        if key in self.seen:
            self.seen[key] += 1  # said once already
        elif len(self.seen) < MAX_REMEMBERED:
            self.seen[key] = 1
            where = f"{category}: " if category and category != "default" else ""
            log.log(level_for(kind, category, message), "%s%s", where, message)
        else:
            self.dropped += 1  # a flood of distinct messages: the log keeps the first ones
        if self.previous is not None:  # a test's own capture (pytest-qt) still sees it
            self.previous(kind, context, message)


_router: QtMessageRouter | None = None


def route_qt_messages() -> QtMessageRouter:
    """Install the router (once); what was installed before is still called after it,
    except Qt's default handler, which would print to stderr."""
    global _router
    if _router is None:
        _router = QtMessageRouter()
        _router.previous = qInstallMessageHandler(_router)
    return _router
