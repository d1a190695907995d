"""Every window fits the screen's available area at 1x, 1.5x and 2x on 1280x800 and
1920x1080 (QT_SCALE_FACTOR, an offscreen screen of that size): sized from the screen,
its content scrolling where it is taller, every button on the window or reachable by
scrolling.  Each size runs the whole app in a process of its own (fitcheck.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
WINDOWS = {"Exercise library — Posture Coach", "History", "Settings", "Ice or heat",
           "Safety: when to get help", "Log my pain now", "Break: Desk reset",
           "Home program editor", "Home program: import preview",
           "Posture Coach"}  # the window the app lives in where there is no tray


@pytest.mark.parametrize("scale", ["1", "1.5", "2"])
@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_every_window_fits_the_screen(size: tuple[int, int], scale: str,
                                      tmp_path: Path) -> None:
    width, height = size
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "screen", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               QT_SCALE_FACTOR=scale, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-m", "tests.qt.fitcheck"], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    _x, _y, w, h = report["area"]
    # the screen seen in logical pixels: scaling is in effect
    assert abs(w - width / float(scale)) <= 1 and abs(h - height / float(scale)) <= 1, \
        report["area"]
    titles = {win["title"] for win in report["windows"]}
    assert titles >= WINDOWS, titles
    for win in report["windows"]:
        assert win["fits"], f"{win['title']} {win['frame']} is not inside {report['area']}"
        assert win["unreachable"] == [], f"{win['title']}: {win['unreachable']} out of reach"


POINTER_CHILD = """
import json
from PySide6.QtCore import QPoint
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QVBoxLayout, QWidget
app = QApplication([])
from posture_coach.ui import screen_fit
screen_fit.ensure_installed()
QCursor.setPos(QPoint(1500, 300))  # on the right screen
dialog = QDialog()  # sized by its layout, polished as it shows
QVBoxLayout(dialog).addWidget(QLabel("A dialog"))
big = QWidget()
big.resize(1000, 700)  # more than 8/9 of the screen: Qt would not centre it
placed = QWidget()
placed.resize(300, 200)
placed.move(40, 50)  # placed by the app: left where it is
for window in (dialog, big, placed):
    window.show()
    app.processEvents()
app.processEvents()
print(json.dumps({name: w.frameGeometry().getRect() for name, w in
                  (("dialog", dialog), ("big", big), ("placed", placed))}))
"""


def test_a_new_window_opens_on_the_screen_with_the_pointer(tmp_path: Path) -> None:
    """Two screens (offscreen): windows the app did not place open whole on the screen
    under the mouse, centred; a window the app placed stays where it was put."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "left", "x": 0, "y": 0, "width": 1024, "height": 768,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "right", "x": 1024, "y": 0, "width": 1280, "height": 800,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", POINTER_CHILD], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    frames = json.loads(done.stdout.strip().splitlines()[-1])
    for name in ("dialog", "big"):
        x, y, w, h = frames[name]
        assert x >= 1024 and x + w <= 1024 + 1280 and y >= 0 and y + h <= 800, frames
        assert abs((x + w / 2) - (1024 + 640)) <= 2, frames  # centred
    assert frames["placed"][:2] == [40, 50], frames
