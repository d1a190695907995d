"""The command line's answers in words, local time and the person's language (issue 18
item 11); ``--json`` keeps the reply for scripts."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from posture_coach.core.cli_words import answer, in_words

TZ = ZoneInfo("America/Chicago")
NOW = datetime(2026, 12, 1, 20, 23, tzinfo=ZoneInfo("UTC"))  # 14:23 in Chicago


def reply(**extra: object) -> dict[str, object]:
    due = NOW + timedelta(minutes=12)
    out: dict[str, object] = {"state": "running", "next_break": due.isoformat(),
                              "seconds_to_next": 720, "paused_until": None, "paused_by": [],
                              "last_break": None}
    out.update(extra)
    return out


def test_status_says_the_next_break_in_local_time_and_minutes() -> None:
    text = answer("status", reply(idle_detection="X11 screensaver extension",
                                  shown_in="system tray"), NOW, TZ)
    assert text.splitlines()[0] == "Breaks are on. Next break at 14:35, in 12 minutes."
    assert "Shown in the system tray." in text
    assert "+00:00" not in text and "state:" not in text and "None" not in text


def test_status_says_why_the_app_is_a_window() -> None:
    text = answer("status", reply(shown_in="window (no system tray was found)"), NOW, TZ)
    assert "Shown in a small window: no system tray was found." in text.splitlines()
    assert "Shown in a small window (no system tray)." in \
        answer("status", reply(shown_in="window"), NOW, TZ).splitlines()


def test_each_command_says_what_it_did() -> None:
    assert answer("break-now", {"break": "desk-reset"}, NOW, TZ) == \
        "A break is on your screen now."
    assert answer("snooze", reply(), NOW, TZ) == \
        "Snoozed. Next break at 14:35, in 12 minutes."
    until = (NOW + timedelta(minutes=30)).isoformat()
    assert answer("pause", reply(state="paused", paused_until=until, next_break=until,
                                 seconds_to_next=1800), NOW, TZ) == \
        "Breaks are paused until 14:53. Next break at 14:53, in 30 minutes."
    assert answer("resume", reply(), NOW, TZ) == \
        "Breaks resumed. Next break at 14:35, in 12 minutes."
    assert answer("quit", {"quitting": True}, NOW, TZ) == "Posture Coach is quitting."
    tomorrow = (NOW + timedelta(hours=20)).isoformat()
    assert answer("status", reply(state="outside-hours", next_break=tomorrow,
                                  seconds_to_next=72000), NOW, TZ).startswith(
        "Outside your working hours. Next break at Wed 10:23, in 20 h 0 min.")


def test_in_words() -> None:
    assert in_words(30) == "in less than a minute"
    assert in_words(60) == "in 1 minute"
    assert in_words(89 * 60) == "in 89 minutes"
    assert in_words(125 * 60) == "in 2 h 5 min"
