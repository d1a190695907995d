"""What the app is built from: folders, the clock and the time zone, and the desktop
services, each replaceable (tests hand in fakes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Any

from ..core.clock import Clock
from ..core.yaml import ParseCache


@dataclass
class Services:
    """What the app is built from; tests replace any of it."""

    config: Path
    data: Path
    clock: Clock
    tz: tzinfo
    idle: Any = None  # desktop.idle.IdleMonitor | None; "auto" to detect
    notifiers: Any = None  # list of desktop.notify.Notifier; None for the default chain
    use_tray: bool | None = None
    run_jobs: bool = True  # False: jobs are planned but never fire (tests with a fake clock)
    sounds: Any = None  # desktop.sound.Sounds; None for the real one
    quiet: Any = None  # desktop.quiet.QuietSignal | None; "auto" to detect
    autostart: Any = None  # desktop.autostart.Autostart; None for this OS's own
    parse_cache: ParseCache | None = None  # parsed copies of files read (None: parse each)
