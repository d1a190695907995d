"""The app logs to a rotating file in its data folder; users never see a traceback."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

LOG_NAME = "posture-coach.log"


def log_file(data_dir: Path) -> Path:
    return data_dir / "logs" / LOG_NAME


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path | None:
    """Send the app's log to ``<data>/logs/posture-coach.log`` (5 x 512 KiB, user-only)."""
    path = log_file(data_dir)
    root = logging.getLogger("posture_coach")
    root.setLevel(level)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=512 * 1024, backupCount=4, encoding="utf-8")
        try:
            os.chmod(path, 0o600)
        except OSError:
            pass
    except OSError:
        logging.basicConfig(level=level)
        root.warning("cannot write the log file %s; logging to the console", path)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path
