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
           "Safety: when to get help", "Log my pain now", "Break: Desk reset"}


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
