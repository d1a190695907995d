"""The app logs to a rotating file in its data folder; users never see a traceback.

The tray app and every command-line command log there (a message that says "details
are in <log>" names a file that exists).  The log file is opened with ``O_NOFOLLOW``
inside a ``logs`` folder that must be a real folder: a link planted at either place
is not followed (no line is appended to someone else's file, no mode changed on it);
the app then logs nowhere rather than there.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat
from pathlib import Path
from typing import Any

LOG_NAME = "posture-coach.log"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def log_file(data_dir: Path) -> Path:
    return data_dir / "logs" / LOG_NAME


class _NoFollowHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file opened without following a link, created user-only."""

    def _open(self) -> Any:
        fd = os.open(self.baseFilename,
                     os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NOFOLLOW | _CLOEXEC | _NONBLOCK,
                     0o600)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise OSError(f"{self.baseFilename} is not a regular file")
            if stat.S_IMODE(info.st_mode) & 0o077 and hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)
        except BaseException:
            os.close(fd)
            raise
        return open(fd, "a", encoding=self.encoding or "utf-8", errors=self.errors,
                    closefd=True)


class _OneLine(logging.Formatter):
    """For the console: the message alone, never a traceback."""

    def formatException(self, ei: Any) -> str:
        return ""

    def formatStack(self, stack_info: str) -> str:
        return ""



def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path | None:
    """Send the app's log to ``<data>/logs/posture-coach.log`` (5 x 512 KiB, user-only);
    the file, or None when it cannot be written (then nothing is logged to a file, and
    warnings go to the console).  Calling it again for the same folder changes nothing."""
    path = log_file(data_dir)
    root = logging.getLogger("posture_coach")
    root.setLevel(level)
    for existing in root.handlers:
        if isinstance(existing, _NoFollowHandler) and \
                existing.baseFilename == os.path.abspath(path):
            return path
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.parent.mkdir(exist_ok=True, mode=0o700)
        if not stat.S_ISDIR(os.lstat(path.parent).st_mode):
            raise OSError(f"{path.parent} is not a folder (a link?)")
        handler = _NoFollowHandler(path, maxBytes=512 * 1024, backupCount=4,
                                   encoding="utf-8")
    except OSError:
        console = logging.StreamHandler()
        console.setLevel(logging.WARNING)
        console.setFormatter(_OneLine("posture-coach: %(message)s"))
        root.addHandler(console)
        root.warning("cannot write the log file %s; logging to the console", path)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path
