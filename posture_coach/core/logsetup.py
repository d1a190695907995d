"""The app logs to a rotating file in its data folder; users never see a traceback.

The tray app and every command-line command log there (a message that says "details
are in <log>" names a file that exists).  The log file is opened with ``O_NOFOLLOW``
inside a ``logs`` folder that must be a real folder: a link planted at either place
is not followed (no line is appended to someone else's file, no mode changed on it);
the app then logs nowhere rather than there.
"""

from __future__ import annotations

import logging
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


_HANDLER: Any = None


def _handler_class() -> Any:
    """A rotating log file opened without following a link, created user-only (the
    class is made at first use: ``logging.handlers`` is not imported by a command that
    logs nothing)."""
    global _HANDLER
    if _HANDLER is not None:
        return _HANDLER
    import logging.handlers

    class NoFollowHandler(logging.handlers.RotatingFileHandler):
        def _open(self) -> Any:
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT
                         | _NOFOLLOW | _CLOEXEC | _NONBLOCK, 0o600)
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

    _HANDLER = NoFollowHandler
    return _HANDLER


class _Deferred(logging.Handler):
    """Stands in for the log file until the first record: then the file is opened (as
    :func:`setup_logging` does) and the record written there.  A command that logs
    nothing creates nothing and imports nothing more."""

    def __init__(self, data_dir: Path):
        super().__init__()
        self.data_dir = data_dir

    def emit(self, record: logging.LogRecord) -> None:
        root = logging.getLogger("posture_coach")
        root.removeHandler(self)
        setup_logging(self.data_dir, root.level)
        for handler in root.handlers:
            if record.levelno >= handler.level:
                handler.handle(record)


class _OneLine(logging.Formatter):
    """For the console: the message alone, never a traceback."""

    def formatException(self, ei: Any) -> str:
        return ""

    def formatStack(self, stack_info: str) -> str:
        return ""



def setup_logging(data_dir: Path, level: int = logging.INFO, *, deferred: bool = False
                  ) -> Path | None:
    """Send the app's log to ``<data>/logs/posture-coach.log`` (5 x 512 KiB, user-only);
    the file, or None when it cannot be written (then nothing is logged to a file, and
    warnings go to the console).  Calling it again for the same folder changes nothing.
    ``deferred`` (the command line): the file is opened at the first record, so a command
    that logs nothing costs nothing; the path it will have is returned."""
    path = log_file(data_dir)
    root = logging.getLogger("posture_coach")
    root.setLevel(level)
    for existing in list(root.handlers):
        if isinstance(existing, _Deferred):
            root.removeHandler(existing)  # one data folder per command
        elif isinstance(existing, logging.FileHandler) and \
                existing.baseFilename == os.path.abspath(path):
            return path
    if deferred:
        root.addHandler(_Deferred(data_dir))
        return path
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.parent.mkdir(exist_ok=True, mode=0o700)
        if not stat.S_ISDIR(os.lstat(path.parent).st_mode):
            raise OSError(f"{path.parent} is not a folder (a link?)")
        handler = _handler_class()(path, maxBytes=512 * 1024, backupCount=4,
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
