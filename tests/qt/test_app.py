"""The wired app, offscreen, with a fake clock, fake notifications and fake idle time:
every tray action, the command channel handler, the plan and what the journal stored."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from posture_coach.core.clock import FakeClock
from posture_coach.core.commands import CommandError, Request
from posture_coach.core.journal import Journal, Outcome
from posture_coach.core.settings import load_settings
from posture_coach.desktop.sound import SilentSounds
from posture_coach.shell.app import JOURNAL_NAME, PostureCoachApp, Services, load_app_library
from tests.qt.apphelpers import FakeIdle, FakeNotifier, build_app

TZ = ZoneInfo("Europe/Berlin")
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)


@pytest.fixture
def parts(tmp_path: Path, qtbot: QtBot) -> Iterator[tuple[PostureCoachApp, FakeClock,
                                                          FakeNotifier, FakeIdle]]:
    clock = FakeClock(MONDAY_10)
    notifier, idle = FakeNotifier(), FakeIdle()
    app = build_app(tmp_path, clock, TZ, notifier, idle)
    yield app, clock, notifier, idle
    app.quit()


def play_through(app: PostureCoachApp, clock: FakeClock, rating: int | None = 3) -> None:
    """Do the whole break shown: let each hold run, tick through checklists, rate."""
    window = app.break_window
    for _ in range(2000):
        if window.on_rating_page:
            break
        if window.player.view().kind == "checklist":
            window.next()
        else:
            clock.advance(seconds=1)
            window.frame()
    window.rate(rating)


def breaks(app: PostureCoachApp) -> list[tuple[Outcome, str | None]]:
    start = datetime(2000, 1, 1, tzinfo=TZ)
    return [(b.outcome, b.routine_id)
            for b in app.journal.breaks_between(start, start + timedelta(days=365 * 50))]


def test_first_plan_is_an_interval_after_start(parts) -> None:  # type: ignore[no-untyped-def]
    app, _clock, _n, _i = parts
    assert app.coach.current_plan.due == MONDAY_10 + timedelta(minutes=45)
    job = app.scheduler.get_job("due")
    assert job is not None and job.next_run_time == MONDAY_10 + timedelta(minutes=45)
    notice = app.scheduler.get_job("notice")
    assert notice is not None
    assert notice.next_run_time == MONDAY_10 + timedelta(minutes=45, seconds=-30)
    assert app.tray.window is not None  # offscreen: no tray, so the fallback window
    assert app.tray.window.status.text() == "Next break at 10:45 (in 45 min)"
    app.tray.refresh_next()
    assert app.tray.next_action.text() == "Next break in 45:00"


def test_first_break_by_default_stands_walks_and_moves(tmp_path: Path,
                                                        qtbot: QtBot) -> None:
    """No settings file: breaks take the shipped rotation, which follows the clinic's page
    (stand, walk, and gently move your upper back), one routine after the other."""
    clock = FakeClock(MONDAY_10)
    notifier = FakeNotifier()
    app = build_app(tmp_path, clock, TZ, notifier, rotation=None)
    try:
        taken = []
        for _ in range(3):
            due = app.coach.current_plan.due
            clock.set(due - timedelta(seconds=30))
            app.on_notice(due)
            clock.set(due)
            app.on_due(due)
            assert app.break_window is not None
            taken.append(app.break_window.routine.id)
            play_through(app, clock)
        assert taken == ["stand-and-move", "movement-break", "stand-and-move"]
        assert notifier.sent[0][1].startswith("Stand, walk and move, about ")
        [first, *_rest] = app.journal.breaks_between(MONDAY_10, MONDAY_10 + timedelta(days=1))
        assert [s.exercise_id for s in first.steps][:2] == ["walk-break", "shoulder-rolls"]
    finally:
        app.quit()


def test_notice_then_break_then_done(parts, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    app, clock, notifier, _idle = parts
    due = app.coach.current_plan.due
    clock.advance(minutes=44, seconds=30)
    app.on_notice(due)
    # read together: "Break in 30 s: Desk reset, about 2 minutes"
    assert notifier.sent == [("Break in 30 s", "Desk reset, about 2 minutes")]
    clock.advance(seconds=30)
    app.on_due(due)
    window = app.break_window
    assert window is not None and window.isVisible()
    assert app.tray.state == "due"
    assert app.scheduler.get_job("due") is None  # nothing else while a break is shown
    play_through(app, clock, rating=2)
    assert breaks(app) == [(Outcome.DONE, "desk-reset")]
    [record] = app.journal.breaks_between(MONDAY_10, MONDAY_10 + timedelta(hours=2))
    assert [(s.exercise_id, s.status.value) for s in record.steps] == [
        ("posture-reset-desk", "done"), ("shoulder-blade-squeeze", "done"),
        ("thoracic-extension-chair", "done"), ("rib-breathing", "done")]
    assert [round(s.seconds) for s in record.steps][1:] == [37, 32, 30]  # doses and relaxes
    pain = app.journal.last_pain()
    assert pain is not None and pain.rating == 2
    assert pain.break_id == app.journal.last_break().id
    assert app.sounds.played.count("end") == 1 and "step" in app.sounds.played
    assert record.planned_at == due
    assert app.coach.current_plan.due == clock.now() + timedelta(minutes=45)
    assert app.tray.state == "running"


def test_cautions_up_front_until_an_exercise_was_done(parts) -> None:  # type: ignore[no-untyped-def]
    """The break window learns from the journal which exercises were done before."""
    app, clock, _notifier, _idle = parts
    desk = app.library.routine("desk-reset")
    app.breaks.show_break(desk, None)
    window = app.break_window
    window.next()  # to the squeezes, never done: their cautions are open
    assert window.player.step.exercise_id == "shoulder-blade-squeeze"
    assert window.cautions_open and window.cautions_panel.isVisible()
    window.skip_step()  # skipped is not done
    play_through(app, clock)
    app.breaks.show_break(desk, None)
    window = app.break_window
    window.next()
    assert window.player.step.exercise_id == "shoulder-blade-squeeze"
    assert window.cautions_open  # skipped last time: still up front
    window.next()
    assert window.player.step.exercise_id == "thoracic-extension-chair"
    assert not window.cautions_open and not window.cautions_panel.isVisible()
    assert window.cautions_button.isVisible()  # done before: one click away
    window.finish()
    window.rate(None)


def test_snooze_skip_and_close(parts) -> None:  # type: ignore[no-untyped-def]
    app, clock, _n, _i = parts
    clock.advance(minutes=45)
    app.on_due(app.coach.current_plan.due)
    app.break_window.snooze()
    assert breaks(app) == [(Outcome.SNOOZED, "desk-reset")]
    assert app.coach.current_plan.due == clock.now() + timedelta(minutes=5)
    clock.advance(minutes=5)
    app.on_due(app.coach.current_plan.due)
    app.break_window.close()  # closing without an answer is an honest skip
    assert breaks(app)[-1] == (Outcome.SKIPPED, "desk-reset")
    assert app.coach.current_plan.due == clock.now() + timedelta(minutes=45)


def test_tray_menu_actions(parts) -> None:  # type: ignore[no-untyped-def]
    app, _clock, _n, _i = parts
    tray = app.tray
    tray.snooze_actions[1].trigger()  # snooze 10 before the break is due: put it off
    assert app.coach.current_plan.due == MONDAY_10 + timedelta(minutes=55)
    pause_30 = tray.pause_menu.actions()[0]
    assert pause_30.text() == "For 30 minutes"
    assert not tray.resume_action.isEnabled()
    pause_30.trigger()
    plan = app.coach.current_plan
    assert plan.state.value == "paused" and plan.pause_until == MONDAY_10 + timedelta(minutes=30)
    assert tray.resume_action.isEnabled()
    assert tray.state == "paused"
    tray.pause_menu.actions()[3].trigger()  # until tomorrow
    assert app.coach.current_plan.pause_until == datetime(2026, 11, 24, 9, 0, tzinfo=TZ)
    tray.resume_action.trigger()
    assert app.coach.current_plan.state.value == "running"
    tray.routine_actions["breathing-break"].trigger()
    assert app.break_window is not None
    assert app.break_window.routine.id == "breathing-break"
    app.break_window.finish()  # finish at once: nothing done
    app.break_window.rate(None)
    assert breaks(app)[-1] == (Outcome.SKIPPED, "breathing-break")
    tray.library_action.trigger()
    assert app.library_window is not None and app.library_window.isVisible()
    tray.safety_action.trigger()
    assert "Chest pain" in app.safety_dialog.spoken_text()
    app.safety_dialog.close()
    app.library_window.close()


def menu_mnemonics(menu) -> list[str]:  # type: ignore[no-untyped-def]
    """The keys that pick entries in one menu level (the letter after a single '&')."""
    import re

    keys = []
    for action in menu.actions():
        found = re.search(r"&([^&])", action.text().replace("&&", ""))
        if found:
            keys.append(found.group(1).lower())
    return keys


def test_every_menu_level_has_distinct_keys(parts) -> None:  # type: ignore[no-untyped-def]
    """Two entries with one key would make the key cycle instead of choose (a desktop
    test found "&History" and "&Home program" fighting over h)."""
    app = parts[0]
    menus = [app.tray.menu] + [a.menu() for a in app.tray.menu.actions() if a.menu()]
    for menu in menus:
        keys = menu_mnemonics(menu)
        assert len(keys) == len(set(keys)), (menu.title(), keys)


def test_idle_counts_as_a_natural_break(parts) -> None:  # type: ignore[no-untyped-def]
    app, clock, _n, idle = parts
    app.show_history()
    assert "1 natural" not in app.history_window.today_label.text()
    clock.advance(minutes=20)
    idle.seconds = 200  # away for more than the 3-minute break length
    app.tick()
    assert app.coach.current_plan.due is None  # no reminders while away
    clock.advance(minutes=30)
    idle.seconds = 5  # back
    app.tick()
    assert breaks(app) == [(Outcome.NATURAL, None)]
    assert "1 natural" in app.history_window.today_label.text()  # the open History follows
    returned = clock.now() - timedelta(seconds=5)
    assert app.coach.current_plan.due == returned + timedelta(minutes=45)


def test_sleep_gives_one_plan_not_a_burst(parts) -> None:  # type: ignore[no-untyped-def]
    app, clock, _n, _i = parts
    clock.sleep(hours=3)  # the laptop slept through several would-be breaks
    app.tick()
    assert breaks(app) == [(Outcome.NATURAL, None)]
    assert app.coach.current_plan.due == clock.now() + timedelta(minutes=45)
    assert len([j for j in app.scheduler.get_jobs() if j.id == "due"]) == 1


def test_restart_keeps_the_plan(tmp_path: Path, qtbot: QtBot) -> None:
    clock = FakeClock(MONDAY_10)
    services = Services(tmp_path / "c", tmp_path / "d", clock, TZ, notifiers=[FakeNotifier()],
                        use_tray=False, run_jobs=False, sounds=SilentSounds())

    def make() -> PostureCoachApp:
        journal = Journal.open(tmp_path / "d" / JOURNAL_NAME, clock)
        app = PostureCoachApp(services, load_app_library(services.config).library,
                              load_settings(services.config, clock.now()), journal)
        app.start()
        return app

    first = make()
    first.break_now("desk-reset")
    play_through(first, clock)
    finished = clock.now()
    clock.advance(minutes=10)
    first.quit()
    clock.advance(minutes=5)
    second = make()
    assert second.coach.current_plan.due == finished + timedelta(minutes=45)
    second.quit()


def test_command_handler(parts) -> None:  # type: ignore[no-untyped-def]
    app, _clock, _n, _i = parts
    status = app.handle_command(Request("status", {}))
    assert status["state"] == "running" and status["seconds_to_next"] == 45 * 60
    assert status["interval_note"] is None and status["shown_in"] == "window"
    assert status["next_break"] == "2026-11-23T10:45:00+01:00"
    app.handle_command(Request("snooze", {"minutes": 15}))
    assert app.coach.current_plan.due == MONDAY_10 + timedelta(minutes=60)
    reply = app.handle_command(Request("pause", {"for": "1h"}))
    assert reply["paused_until"] == "2026-11-23T11:00:00+01:00"
    app.handle_command(Request("resume", {}))
    reply = app.handle_command(Request("break-now", {"routine": "movement-break"}))
    assert reply == {"break": "movement-break"}
    assert app.handle_command(Request("status", {}))["state"] == "break-shown"
    with pytest.raises(CommandError, match="unknown routine 'nope'"):
        app.handle_command(Request("break-now", {"routine": "nope"}))
    app.break_window.close()
    assert app.handle_command(Request("quit", {})) == {"quitting": True}


def test_clicking_a_notification_opens_the_break(parts) -> None:  # type: ignore[no-untyped-def]
    app, _clock, _n, _i = parts
    app.notifier.clicked.emit()  # a tray balloon or the toast was clicked
    assert app.break_window is not None
    assert app.break_window.routine.id == "desk-reset"
    app.notifier.clicked.emit()  # a second click raises the same window
    assert app.coach.pending is not None
    app.break_window.close()
    assert breaks(app) == [(Outcome.SKIPPED, "desk-reset")]


def test_quit_from_the_menu_stops_everything(parts) -> None:  # type: ignore[no-untyped-def]
    app, _clock, _n, _i = parts
    app.tray.quit_action.trigger()
    assert not app.tick_timer.isActive()
    assert not app.scheduler.running


def test_ice_heat_session_pauses_breaks_and_is_recorded(parts) -> None:  # type: ignore[no-untyped-def]
    app, clock, notifier, _i = parts
    app.tray.ice_heat_action.trigger()
    window = app.ice_heat_window
    assert window is not None and window.isVisible()
    window.choose("heat")
    window.minutes.setValue(12)
    window.start()
    assert app.coach.current_plan.due is None  # a break waits while a session runs
    assert app.scheduler.get_job("due") is None
    assert app.tray.window.status.text() == "Ice/heat: 12:00 left; breaks wait"
    clock.advance(minutes=12)
    window._on_tick()  # the window's 1 s timer firing once the time is up
    assert notifier.sent[-1][0] == "Heat session done"
    assert app.sounds.played[-1] == "end"
    record = app.journal.last_thermal()
    assert record is not None and (record.mode, record.planned_minutes, record.completed) == (
        "heat", 12, True)
    assert app.coach.current_plan.due is not None
    window.close()
    app.tray.ice_heat_action.trigger()  # the next window knows when the last one ended
    assert app.ice_heat_window is not None
    app.ice_heat_window.close()


def test_quitting_mid_break_and_mid_session_keeps_what_was_done(
        tmp_path: Path, qtbot: QtBot) -> None:
    """Quit with a break on screen (one step done) and a heat session running: the journal
    holds the break as partly done with its steps, and the session as not completed."""
    clock = FakeClock(MONDAY_10)
    app = build_app(tmp_path, clock, TZ)
    app.show_ice_heat()
    app.ice_heat_window.choose("heat")
    app.ice_heat_window.start()
    app.break_now("desk-reset")
    window = app.break_window
    assert window.player.view().kind == "checklist"  # the posture reset: tick it through
    window.next()
    clock.advance(minutes=3)
    app.quit()
    reopened = Journal.open(tmp_path / "data" / JOURNAL_NAME, clock)
    try:
        last = reopened.last_break()
        assert last is not None and last.outcome is Outcome.PARTIAL
        assert last.routine_id == "desk-reset"
        assert last.steps[0].status.value == "done"
        thermal = reopened.last_thermal()
        assert thermal is not None and thermal.mode == "heat" and not thermal.completed
    finally:
        reopened.close()
