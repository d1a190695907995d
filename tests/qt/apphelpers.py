"""The wired app for widget tests: fake clock, notifier, idle monitor and sounds, no
tray and no running jobs, in its own config and data folders."""

from __future__ import annotations

from dataclasses import replace
from datetime import tzinfo
from pathlib import Path

from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal
from posture_coach.core.settings import FILE_NAME, load_settings
from posture_coach.desktop.sound import SilentSounds
from posture_coach.shell.app import JOURNAL_NAME, PostureCoachApp, Services, load_app_library


class FakeNotifier:
    name = "fake"

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def notify(self, title: str, message: str) -> bool:
        self.sent.append((title, message))
        return True


class FakeIdle:
    name = "fake idle"

    def __init__(self) -> None:
        self.seconds: float | None = 0.0

    def idle_seconds(self) -> float | None:
        return self.seconds


PINNED_ROTATION = ("desk-reset",)
"""The rotation these tests' breaks take when no settings file says otherwise: the short
seated desk reset, whose texts they read (the shipped default rotation, which stands and
walks, is tested in tests/core/test_settings.py and by ``test_first_break_by_default``)."""


def build_app(folder: Path, clock: FakeClock, tz: tzinfo,
              notifier: FakeNotifier | None = None,
              idle: FakeIdle | None = None,
              rotation: tuple[str, ...] | None = PINNED_ROTATION) -> PostureCoachApp:
    """The app on ``folder``/config and ``folder``/data, started (quit it after).

    ``rotation``: the routines breaks take when the config folder has no settings file
    (None: the shipped default)."""
    services = Services(folder / "config", folder / "data", clock, tz,
                        idle=idle or FakeIdle(), notifiers=[notifier or FakeNotifier()],
                        use_tray=False, run_jobs=False, sounds=SilentSounds())
    journal = Journal.open(folder / "data" / JOURNAL_NAME, clock)
    loaded = load_settings(services.config, clock.now())
    if rotation is not None and not (services.config / FILE_NAME).exists():
        loaded = replace(loaded, settings=replace(loaded.settings, routines=rotation))
    app = PostureCoachApp(services, load_app_library(services.config).library, loaded,
                          journal)
    app.start()
    return app
