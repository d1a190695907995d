"""The shell's controllers, each built alone with fakes for what it is given (no app):
what each does when a setting changes, when saving fails, when the tray comes and goes.
The wired app is tested in test_app.py; these prove each room keeps its own promises."""

from __future__ import annotations

import stat
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from posture_coach.core.settings import Settings, load_settings
from posture_coach.core.settings_model import SettingsModel
from posture_coach.desktop.autostart import AutostartError
from posture_coach.shell.settings import SettingsController
from posture_coach.shell.tray_place import TrayPlacement
from posture_coach.shell.watch import DesktopWatch
from posture_coach.shell.windows import OnceWindows

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=timezone.utc)


class Notices:
    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def notify(self, title: str, text: str) -> None:
        self.shown.append((title, text))


class Tray:
    def __init__(self) -> None:
        self.snooze: list[tuple[int, ...]] = []

    def set_snooze_minutes(self, minutes: tuple[int, ...]) -> None:
        self.snooze.append(tuple(minutes))


class Coach:
    def __init__(self) -> None:
        self.schedules: list[Any] = []
        self.away_since: Any = "away"

    def set_schedule(self, schedule: Any) -> str:
        self.schedules.append(schedule)
        return f"plan for {schedule}"


class Breaks:
    def __init__(self) -> None:
        self.tray = Tray()
        self.notifier = Notices()
        self.coach = Coach()
        self.applied: list[Any] = []
        self.idle: Any = None
        self.quiet: Any = None

    def apply(self, plan: Any) -> None:
        self.applied.append(plan)


class Sounds:
    def __init__(self) -> None:
        self.volumes: list[tuple[int, bool]] = []

    def set_volume(self, volume: int, *, muted: bool) -> None:
        self.volumes.append((volume, muted))


class Autostart:
    name = "fake autostart"

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.calls: list[str] = []

    def enable(self, command: Any) -> None:
        if self.fail:
            raise AutostartError("the autostart folder is read-only")
        self.calls.append("enable")

    def disable(self) -> None:
        self.calls.append("disable")


class Idle:
    name = "fake idle"

    def __init__(self) -> None:
        self.closed = False

    def close(self) -> None:
        self.closed = True


def settings_controller(tmp_path: Path, **kwargs: Any
                        ) -> tuple[SettingsController, Breaks, SettingsModel]:
    breaks = Breaks()
    model = SettingsModel(Settings())
    controller = SettingsController(
        model=model, config=tmp_path / "config", data=tmp_path / "data",
        breaks=breaks, windows=OnceWindows(), routines=lambda: [],  # type: ignore[arg-type]
        sounds=kwargs.pop("sounds", Sounds()), watch=DesktopWatch(
            model=model, coach=breaks.coach, sounds=Sounds()),  # type: ignore[arg-type]
        **kwargs)
    controller.replan_with = lambda: "schedule"
    return controller, breaks, model


def test_a_change_is_saved_published_and_planned_again(qapp: Any, tmp_path: Path) -> None:
    sounds = Sounds()
    controller, breaks, model = settings_controller(tmp_path, sounds=sounds)
    new = replace(Settings(), interval_min=30, volume=20, snooze_minutes=(5,))
    controller.apply(new)
    loaded = load_settings(tmp_path / "config", NOW)
    assert loaded.settings.interval_min == 30 and loaded.settings.volume == 20
    assert model.current == new
    assert sounds.volumes == [(20, False)]  # subscribed to volume: heard it once
    assert breaks.tray.snooze == [(5,)]
    assert breaks.coach.schedules == ["schedule"]
    assert breaks.applied == ["plan for schedule"]  # planned again, never a break at once
    assert breaks.notifier.shown == []


def test_an_unchanged_field_reaches_nobody(qapp: Any, tmp_path: Path) -> None:
    sounds = Sounds()
    controller, breaks, _ = settings_controller(tmp_path, sounds=sounds)
    controller.apply(replace(Settings(), interval_min=50))
    assert sounds.volumes == [] and breaks.tray.snooze == []


def test_settings_that_cannot_be_saved_still_apply_and_say_so(qapp: Any, tmp_path: Path
                                                              ) -> None:
    config = tmp_path / "config"
    config.write_text("a file where the settings folder should be")
    controller, breaks, model = settings_controller(tmp_path)
    new = replace(Settings(), interval_min=60)
    controller.apply(new)
    assert model.current == new  # applies until the app quits
    assert breaks.applied == ["plan for schedule"]
    [(title, text)] = breaks.notifier.shown
    assert "could not save" in title and "until the app quits" in text
    assert config.read_text() == "a file where the settings folder should be"


def test_start_at_login_on_off_and_a_refusal_is_told(qapp: Any, tmp_path: Path) -> None:
    autostart = Autostart()
    controller, breaks, _ = settings_controller(tmp_path, autostart=autostart)
    controller.apply(replace(Settings(), start_at_login=True))
    controller.apply(replace(Settings(), start_at_login=False))
    assert autostart.calls == ["enable", "disable"]
    failing = Autostart(fail=True)
    controller, breaks, _ = settings_controller(tmp_path / "b", autostart=failing)
    controller.apply(replace(Settings(), start_at_login=True))
    [(title, text)] = breaks.notifier.shown
    assert "Start at login" in title and "read-only" in text


def test_idle_detection_off_closes_the_monitor_and_forgets_time_away(qapp: Any,
                                                                    tmp_path: Path) -> None:
    given = Idle()
    controller, breaks, model = settings_controller(tmp_path)
    watch = DesktopWatch(model=model, coach=breaks.coach, sounds=Sounds(),  # type: ignore
                         idle=given)
    monitor = Idle()
    watch.idle = monitor
    controller.apply(replace(Settings(), idle_detection=False))
    assert monitor.closed and watch.idle is None and breaks.coach.away_since is None
    assert watch.state.current.idle_monitor is None  # said to whoever shows it
    controller.apply(Settings())  # on again: the monitor the app was given comes back
    assert watch.idle is given and watch.state.current.idle_monitor == "fake idle"


def test_the_settings_file_is_private(qapp: Any, tmp_path: Path) -> None:
    controller, _, _ = settings_controller(tmp_path)
    controller.apply(replace(Settings(), interval_min=40))
    [saved] = (tmp_path / "config").iterdir()
    assert not stat.S_IMODE(saved.stat().st_mode) & 0o077


# ---------------------------------------------------------------- tray placement


class Watch(QObject):
    changed = Signal(bool)

    def __init__(self, reason: str = "") -> None:
        super().__init__()
        self.reason = reason
        self.closed = False

    def close(self) -> None:
        self.closed = True


class PlacedTray:
    def __init__(self) -> None:
        self.in_tray = False
        self.window = None
        self.moves: list[bool] = []

    def place(self, available: bool) -> bool:
        moved = available != self.in_tray
        self.in_tray = available
        self.moves.append(available)
        return moved

    def show(self) -> None:
        pass


def test_the_app_moves_into_a_tray_that_appears_and_back_when_it_goes(qapp: Any) -> None:
    tray, watch, refreshed = PlacedTray(), Watch("no system tray yet"), []
    placement = TrayPlacement(tray, watch, lambda: refreshed.append(True))
    assert placement.shown_in() == "window (no system tray yet)"
    watch.changed.emit(True)
    assert tray.in_tray and placement.shown_in() == "system tray"
    watch.changed.emit(True)  # told twice: moved once, the status refreshed once
    assert refreshed == [True]
    watch.reason = "the system tray went away"
    watch.changed.emit(False)
    assert not tray.in_tray and placement.shown_in() == "window (the system tray went away)"
    assert refreshed == [True, True]
    placement.close()
    assert watch.closed


# ---------------------------------------------------------------- language


class LanguageTray(Tray):
    def __init__(self) -> None:
        super().__init__()
        self.retranslated: list[tuple[list[tuple[str, str]], str | None]] = []

    def retranslate(self, routines: list[tuple[str, str]], snooze: Any, title: str | None
                    ) -> None:
        self.retranslated.append((routines, title))


class Program:
    def __init__(self, library: Any) -> None:
        self.base_library = library
        self.library = library
        self.program = None
        self.applied = 0

    def apply(self, program: Any) -> None:
        self.library = self.base_library
        self.applied += 1


def test_a_new_language_rebuilds_the_library_and_the_tray_menu(qapp: Any) -> None:
    from posture_coach.core import paths
    from posture_coach.core.library import load_library_file
    from posture_coach.shell.language import LanguageController
    from posture_coach.ui.i18n import current_language, install_translator

    library = load_library_file(paths.bundled_library())
    breaks = Breaks()
    breaks.tray = LanguageTray()
    breaks.refresh_tray = lambda: None  # type: ignore[attr-defined]
    program = Program(library)
    model = SettingsModel(replace(Settings(), language="en"))
    install_translator(qapp, "en")
    try:
        LanguageController(model=model, source_library=library, program=program,  # type: ignore[arg-type]
                           breaks=breaks, windows=OnceWindows(), reopen={})  # type: ignore[arg-type]
        model.set(replace(Settings(), language="es"))
        assert current_language() == "es"
        assert program.applied == 1
        spanish = {r.id: r.name for r in library.localized("es").routines}
        [(routines, _title)] = breaks.tray.retranslated
        assert dict(routines) == spanish and spanish != {r.id: r.name for r in library.routines}
        model.set(replace(Settings(), language="es", interval_min=30))  # not the language
        assert program.applied == 1
    finally:
        install_translator(qapp, "en")
