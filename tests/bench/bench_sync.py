"""Benchmark: ten years from another computer (about 60,000 breaks) merged through the
sync folder (aims: < 5 s, peak memory < 200 MB).

The other computer's journal is bench_history's ten years (23 breaks a weekday with their
steps, a pain rating a day, ice/heat weekly, a pause a month); it writes them to the sync
folder (timed too).  Then a fresh process on a new, empty journal runs one sync, as
`posture-coach sync now` does: read every line, check it, merge, write nothing of its
own.  Its peak resident memory is the child's ``VmHWM``.  Then a second sync with
nothing new (what each change in the folder costs the running app), plain and encrypted.

And the running app (offscreen, History open, another fresh process on another empty
journal): its SyncController merges the same ten years on its worker thread while a 5 ms
QTimer ticks on the GUI thread; the longest gap between two ticks is the longest the GUI
stood still (aim < 100 ms), while the worker merged and then with the History refresh
after it (on the GUI thread: the open window's figures of ten years), and again for a
sync with nothing new.

Run: ``python tests/bench/bench_sync.py`` (or ``make bench`` for the whole suite).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from posture_coach.core import sync
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal
from tests.bench.bench_history import NOW, YEARS, generate

_CHILD = r"""
import json, sys, time
from pathlib import Path
from posture_coach.core import sync
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal
from datetime import datetime, timezone
data = Path(sys.argv[1])
clock = FakeClock(datetime(2026, 11, 24, 16, 0, tzinfo=timezone.utc))
with Journal.open(data / "journal.sqlite3", clock) as journal:
    config = sync.load_config(data)
    start = time.perf_counter()
    first = sync.sync_once(journal, data, config)
    merged = time.perf_counter() - start
    start = time.perf_counter()
    again = sync.sync_once(journal, data, config)
    idle = time.perf_counter() - start
hwm = next(int(line.split()[1]) for line in open("/proc/self/status")
           if line.startswith("VmHWM:"))  # this process's own peak, after exec
print(json.dumps({"hwm_kib": hwm, "merged": merged, "added": first.added.total,
                  "problems": len(first.problems), "again": idle,
                  "again_added": again.added.total + again.written}))
"""


_GUI_CHILD = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from posture_coach.core.clock import FakeClock
from tests.bench.bench_history import NOW, TZ
from tests.qt.apphelpers import build_app

qapp = QApplication([])
app = build_app(Path(sys.argv[1]), FakeClock(NOW), TZ)
app.sync.timer.stop()  # the start's own sync: run below, measured
app.show_history()
settle = QEventLoop()  # the window's first paint and its charts, before anything is timed
QTimer.singleShot(2000, settle.quit)
settle.exec()
ticks = []
tick = QTimer()
tick.setInterval(5)
tick.timeout.connect(lambda: ticks.append(time.perf_counter()))
tick.start()
ended = []
work = app.sync._work


def timed_work(*args):  # the worker's end, as the worker sees it
    work(*args)
    ended.append(time.perf_counter())


app.sync._work = timed_work


def run(settle_s):
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(20)
    done = []

    def check():
        if not app.sync.running and not done:
            done.append(time.perf_counter())
            QTimer.singleShot(int(settle_s * 1000), loop.quit)  # the refresh after it

    poll.timeout.connect(check)
    ticks.clear()
    ended.clear()
    start = time.perf_counter()
    ticks.append(start)
    app.sync.sync_now()
    ticks.append(time.perf_counter())
    poll.start()
    loop.exec()
    poll.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    during = [b - a for a, b in zip(ticks, ticks[1:]) if b <= ended[0]]
    return {"took": ended[0] - start, "stall": max(gaps), "stall_merging": max(during),
            "ticks": len(ticks)}


first = run(1.0)
again = run(0.5)
tick.stop()
print(json.dumps({"first": first, "again": again, "syncs": app.sync.syncs}))
"""


def _gui_in_child(root: Path) -> dict[str, dict[str, float]]:
    """The running app's figures (see the module's docstring), in a fresh process."""
    top = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", _GUI_CHILD, str(root)], cwd=top, check=True,
                         stdout=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=str(top)))
    return json.loads(out.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def _merge_in_child(data: Path) -> tuple[dict[str, float], float]:
    """The child's figures and its peak resident memory in MiB: its ``VmHWM``, which a new
    program starts afresh (``ru_maxrss`` would count this big parent's pages it forked)."""
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", _CHILD, str(data)], cwd=root, check=True,
                         stdout=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=str(root)))
    figures = json.loads(out.stdout)
    return figures, figures["hwm_kib"] / 1024


def run(tmp: Path, passphrase: str | None) -> dict[str, object]:
    folder = tmp / f"Sync-{'enc' if passphrase else 'plain'}"
    folder.mkdir()
    other = tmp / f"other-{passphrase is not None}"
    other.mkdir()
    count = generate(other / "journal.sqlite3")
    with Journal.open(other / "journal.sqlite3", FakeClock(NOW)) as journal:
        config = sync.enable(other, folder, passphrase)
        start = time.perf_counter()
        written = sync.sync_once(journal, other, config).written
        write_s = time.perf_counter() - start
    size = sum(p.stat().st_size for p in folder.rglob("*.jsonl")) / 2**20
    here = tmp / f"here-{passphrase is not None}"
    here.mkdir()
    sync.enable(here, folder, passphrase)
    figures, peak = _merge_in_child(here)
    assert figures["added"] == written and figures["problems"] == 0, figures
    assert figures["again_added"] == 0, figures
    gui = tmp / f"gui-{passphrase is not None}"
    (gui / "data").mkdir(parents=True, mode=0o700)
    sync.enable(gui / "data", folder, passphrase)
    running = _gui_in_child(gui)
    assert running["syncs"] == 2, running
    return {"breaks": count, "records": written, "mib": size, "write": write_s,
            "merge": figures["merged"], "again": figures["again"], "peak": peak,
            "gui": running}


def main() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for passphrase in (None, "correct horse battery staple"):
            r = run(Path(tmp), passphrase)
            kind = "encrypted" if passphrase else "plain"
            label = (f"{r['breaks']:,} breaks over {YEARS} years ({r['records']:,} records, "
                     f"{r['mib']:.1f} MiB of {kind} JSONL)")
            rows += [
                {"name": f"Sync: merge from another computer, {label}",
                 "value": round(float(r["merge"]), 2), "unit": "s", "aim": "< 5 s",
                 "runs": 1},
                {"name": f"... peak memory of that process (VmHWM) ({kind})",
                 "value": round(float(r["peak"]), 1), "unit": "MiB", "aim": "< 200 MB",
                 "runs": 1},
                {"name": f"... a sync with nothing new, same folder ({kind})",
                 "value": round(float(r["again"]), 2), "unit": "s", "aim": "", "runs": 1},
                {"name": f"... the other computer writing it all ({kind})",
                 "value": round(float(r["write"]), 2), "unit": "s", "aim": "", "runs": 1},
            ]
            gui = r["gui"]
            assert isinstance(gui, dict)
            first, again = gui["first"], gui["again"]
            rows += [
                {"name": f"Running app, History open: the merge on its worker ({kind})",
                 "value": round(first["took"], 2), "unit": "s", "aim": "", "runs": 1},
                {"name": f"... longest GUI-thread stall while it merged ({kind})",
                 "value": round(first["stall_merging"] * 1000), "unit": "ms",
                 "aim": "< 100 ms", "runs": 1},
                {"name": f"... longest GUI-thread stall, the History refresh after it "
                         f"included ({kind})",
                 "value": round(first["stall"] * 1000), "unit": "ms", "aim": "", "runs": 1},
                {"name": f"... a sync with nothing new: its time, the longest stall "
                         f"({kind})",
                 "value": f"{again['took']:.2f} s, {again['stall'] * 1000:.0f} ms",
                 "unit": "", "aim": "< 100 ms stall", "runs": 1},
            ]
    return rows


if __name__ == "__main__":
    for row in main():
        print(f"{row['name']}: {row['value']} {row['unit']} (aim {row['aim'] or '-'})")
