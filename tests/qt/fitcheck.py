"""Run by test_screen_fit.py in a process of its own (a screen size and scale are fixed
when Qt starts): opens every window of the app and prints, as JSON, each one's frame, the
screen's available area and the buttons that cannot be reached."""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QWidget

OPENERS = ("show_library", "show_history", "show_settings", "show_ice_heat", "show_safety",
           "log_pain", "programs.show_editor", "break_now")


def in_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def unreachable(window: QWidget) -> list[str]:
    """Buttons that lie outside their window and cannot be scrolled to."""
    out = []
    inside = QRect(0, 0, window.width(), window.height())
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or in_scroll_area(button):
            continue
        top_left = button.mapTo(window, button.rect().topLeft())
        if not inside.contains(QRect(top_left, button.size())):
            out.append(button.text() or button.accessibleName() or button.objectName())
    return out


def main() -> None:
    app = QApplication(sys.argv[:1])
    from posture_coach.core.clock import FakeClock
    from posture_coach.ui.i18n import install_translator
    from tests.helpers import acknowledge_safety
    from tests.qt.apphelpers import build_app

    install_translator(app, "en")
    tz = ZoneInfo("Europe/Berlin")
    folder = Path(tempfile.mkdtemp(prefix="fitcheck-"))
    acknowledge_safety(folder / "data")
    coach = build_app(folder, FakeClock(datetime(2026, 11, 23, 10, 0, tzinfo=tz)), tz)
    for opener in OPENERS:
        owner = coach
        for name in opener.split(".")[:-1]:  # a controller's own opener
            owner = getattr(owner, name)
        method = getattr(owner, opener.rsplit(".", 1)[-1])
        method("desk-reset") if opener == "break_now" else method()
        app.processEvents()
    app.processEvents()
    screen = app.primaryScreen()
    area = screen.availableGeometry()
    windows = []
    for window in app.topLevelWidgets():
        if not window.isVisible():
            continue
        frame = window.frameGeometry()
        windows.append({"title": window.windowTitle(),
                        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                        "fits": area.contains(frame), "unreachable": unreachable(window)})
    print(json.dumps({"area": [area.x(), area.y(), area.width(), area.height()],
                      "scale": screen.devicePixelRatio(), "windows": windows}))
    coach.quit()


if __name__ == "__main__":
    main()
