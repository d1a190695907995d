"""posture-coach: a system-tray coach for upper back pain."""

from .none_guard import keep_none_alive

__version__ = "0.1.0"
APP_NAME = "posture-coach"
APP_DISPLAY_NAME = "Posture Coach"

# Before any PySide6 call, whichever room makes it first (widgets, printed documents,
# the command line): see none_guard.py.
keep_none_alive()
