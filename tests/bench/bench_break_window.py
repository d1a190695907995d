"""Benchmark: the guided break window on a real X server.  How long from asking for a
break until its window is on screen (exposed), median of 20; and how resident memory
grows over 300 opens and closes (after 20 to warm up).

Run: ``python tests/bench/bench_break_window.py`` (or ``make bench``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.desktop.xdesktop import running_desktop  # noqa: E402

OPENS = 20
CYCLES = 300

CHILD = r'''
import gc, json, statistics, sys, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop
from PySide6.QtWidgets import QApplication
from posture_coach.shell.app import (
    JOURNAL_NAME,
    PostureCoachApp,
    Services,
    load_app_library,
    local_zone,
)
from posture_coach.core.clock import SystemClock
from posture_coach.core.journal import Journal
from posture_coach.core.settings import load_settings
from posture_coach.desktop.sound import SilentSounds

class Quiet:
    name = "quiet"
    def notify(self, title, message):
        return True

def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

home = Path(sys.argv[1])
app = QApplication([])
clock = SystemClock()
services = Services(home / "c", home / "d", clock, local_zone(), notifiers=[Quiet()],
                    run_jobs=False, sounds=SilentSounds())
journal = Journal.open(home / "d" / JOURNAL_NAME, clock)
coach = PostureCoachApp(services, load_app_library(services.config).library,
                        load_settings(services.config, clock.now()), journal)
coach.start()

def cycle():
    start = time.perf_counter()
    coach.break_now("desk-reset")
    window = coach.break_window
    while not (window.windowHandle() is not None and window.windowHandle().isExposed()):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    shown = time.perf_counter() - start
    window.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    return shown

latencies = [cycle() for _ in range(int(sys.argv[2]))]
gc.collect()
before = rss()
for _ in range(int(sys.argv[3])):
    cycle()
gc.collect()
after = rss()

# The breathing pacer's real frame rate: count painted frames over 3 s of breathing.
from PySide6.QtCore import QTimer
coach.break_now("breathing-break")
window = coach.break_window
frames = []
original = window.frame
def counted():
    frames.append(time.perf_counter())
    original()
window.frame = counted
window.frame_timer.timeout.disconnect()
window.frame_timer.timeout.connect(counted)
loop = QEventLoop()
QTimer.singleShot(3000, loop.quit)
loop.exec()
fps = (len(frames) - 1) / (frames[-1] - frames[0]) if len(frames) > 1 else 0.0
window.close()
app.processEvents()
print(json.dumps({"median_ms": statistics.median(latencies) * 1000, "fps": fps,
                  "first_ms": latencies[0] * 1000, "growth_mb": after - before,
                  "rss_mb": after}), flush=True)
coach.quit()
import os
os._exit(0)  # skip interpreter teardown of live Qt objects: nothing left to measure
'''


def main() -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        with running_desktop(home / "desktop", home / "shots") as desk:
            out = subprocess.run([sys.executable, "-c", CHILD, str(home / "app"), str(OPENS),
                                  str(CYCLES)], env=desk.env, capture_output=True, text=True,
                                 timeout=900, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    return [
        {"name": f"break window on screen after being asked (median of {OPENS}; "
                 f"the first, cold: {figures['first_ms']:.0f} ms)",
         "value": f"{figures['median_ms']:.0f}", "unit": "ms", "aim": "< 150 ms"},
        {"name": "breathing pacer frames per second on screen (3 s of breathing)",
         "value": f"{figures['fps']:.1f}", "unit": "fps", "aim": ">= 30 fps"},
        {"name": f"memory growth over {CYCLES} break window opens and closes",
         "value": f"{figures['growth_mb']:.1f}", "unit": "MB", "aim": "< 5 MB"},
    ]


if __name__ == "__main__":
    for row in main():
        print(json.dumps(row))
