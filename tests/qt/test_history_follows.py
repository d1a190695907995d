"""The open History window follows the history model (napari's pattern): a pain rating
logged from the tray shows in it at once; once it is closed it hears nothing more."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pytestqt.qtbot import QtBot

from posture_coach.core.clock import FakeClock
from tests.qt.apphelpers import build_app

TZ = ZoneInfo("Europe/Berlin")
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)


def test_an_open_history_follows_the_journal_until_closed(tmp_path: Path, qtbot: QtBot
                                                          ) -> None:
    app = build_app(tmp_path, FakeClock(MONDAY_10), TZ)
    try:
        model = app.care.history_model
        before = model.listening
        app.show_history()
        window = app.history_window
        assert model.listening == before + 1  # the window subscribed
        assert "No pain ratings" in window.pain_summary.text()
        app.care.pain_logged(6, "after a long meeting", False, False)  # what the dialog sends
        assert "No pain ratings" not in window.pain_summary.text()
        assert "6" in window.pain_summary.text()
        window.close()
        qtbot.waitUntil(lambda: app.windows.get("history_window") is None)
        assert model.listening == before  # unsubscribed when closed
        app.care.pain_logged(2, "", False, False)  # heard by nobody but the others
    finally:
        app.quit()
