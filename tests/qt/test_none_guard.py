"""PySide6 6.12 on Python 3.10/3.11 drops a reference to None in each void call; the ui
package gives None a reserve, so a long break window never aborts the app."""

from __future__ import annotations

import sys
from datetime import datetime, timezone

import pytest
from pytestqt.qtbot import QtBot

import posture_coach.ui  # noqa: F401  (the guard runs on import)
from posture_coach.core.clock import FakeClock
from posture_coach.none_guard import RESERVE, keep_none_alive
from posture_coach.ui.guided_break import GuidedBreakWindow
from tests.qt.test_guided_break import bundled


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="platform: None is immortal from 3.12")
def test_none_has_a_reserve_of_references() -> None:
    # (a long test run uses some of the reserve: far less than half)
    assert sys.getrefcount(None) > RESERVE // 2
    before = sys.getrefcount(None)
    assert keep_none_alive()  # a second call adds nothing while the reserve lasts
    assert abs(sys.getrefcount(None) - before) < 1000


def test_a_fifteen_minute_break_plays_to_the_end(qtbot: QtBot) -> None:
    """3,600+ frames (more than None had references without the reserve)."""
    clock = FakeClock(datetime(2026, 3, 2, 9, tzinfo=timezone.utc))
    window = GuidedBreakWindow(bundled().routine("desk-reset"), clock, break_min=15)
    qtbot.addWidget(window)
    window.show()
    window.next()
    frames = 0
    while not window.on_rating_page:
        clock.advance(0.25)
        window.frame()
        frames += 1
    assert frames >= 3500
    assert window.player.records()[-1].exercise_id == "keep-moving"
