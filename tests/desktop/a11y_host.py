"""Run by test_new_user.py's screen reader test on the test desktop, with Qt's
accessibility bridge on: opens every window of the app (the real composition root on a
fake clock, as tests/qt/fitcheck.py does) and prints, one JSON line a round, each
window's title and the text of every label a sighted person sees in it.

Round ``n`` shows page ``n`` of every window with tabs (Settings, History, the program
editor) and, from round 1, the break window's first exercise past its posture
checklist. The test reads the same windows through the accessibility bus after each
line, then writes a line on stdin for the next round; after the last round the host
prints ``{"done": true}`` and quits on the next line.

    python tests/desktop/a11y_host.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget, QWidget

APP_NAME = "posture-coach-a11y"
OPENERS = ("show_library", "show_history", "show_settings", "show_ice_heat", "show_safety",
           "log_pain", "programs.show_editor", "break_now")


def plain(label: QLabel) -> str:
    """What a sighted person reads in a label: its text without markup or mnemonics."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextDocument

    text = label.text()
    if label.textFormat() != Qt.TextFormat.PlainText:
        doc = QTextDocument()
        doc.setHtml(text)
        text = doc.toPlainText()
    if label.buddy() is not None:
        text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split())


def seen(window: QWidget) -> list[str]:
    return [text for label in window.findChildren(QLabel)
            if label.isVisible() and not label.visibleRegion().isEmpty()
            and (text := plain(label))]


def main() -> None:
    app = QApplication([APP_NAME])
    app.setApplicationName(APP_NAME)
    from posture_coach.core.clock import FakeClock
    from posture_coach.ui.i18n import install_translator
    from tests.helpers import acknowledge_safety
    from tests.qt.apphelpers import build_app

    install_translator(app, "en")
    tz = ZoneInfo("Europe/Berlin")
    folder = Path(tempfile.mkdtemp(prefix="a11y-host-"))
    acknowledge_safety(folder / "data")
    clock = FakeClock(datetime(2026, 11, 23, 10, 0, tzinfo=tz))
    coach = build_app(folder, clock, tz)
    for opener in OPENERS:
        owner = coach
        for name in opener.split(".")[:-1]:  # a controller's own opener
            owner = getattr(owner, name)
        method = getattr(owner, opener.rsplit(".", 1)[-1])
        method("desk-reset") if opener == "break_now" else method()
        app.processEvents()
    windows = [w for w in app.topLevelWidgets() if w.isVisible() and w.windowTitle()]
    tabs = [t for w in windows for t in w.findChildren(QTabWidget)]
    rounds = max([t.count() for t in tabs] + [2])
    done = [0]

    def step() -> None:
        """The next round; the accessibility bus is answered from the event loop between
        rounds, so the host waits for the test's line there, never blocking."""
        n = done[0]
        done[0] += 1
        if n == rounds:
            print(json.dumps({"done": True}), flush=True)
            return
        if n > rounds:
            coach.quit()
            app.quit()
            return
        for tab in tabs:
            tab.setCurrentIndex(min(n, tab.count() - 1))
        if n == 1:
            clock.advance(5)  # past the break window's guard against a stray key
            coach.break_window.skip_step()  # the checklist done: the first exercise
        app.processEvents()
        print(json.dumps({"round": n, "windows": [
            # a window is heard by its accessible name where it has one, else its title
            {"title": w.accessibleName() or w.windowTitle(), "labels": seen(w)}
            for w in windows
            if w.isVisible()]}), flush=True)

    def on_line() -> None:
        if not sys.stdin.readline():  # the test is gone
            done[0] = rounds + 1
        step()

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(on_line)
    QTimer.singleShot(0, step)
    app.exec()

if __name__ == "__main__":
    main()
