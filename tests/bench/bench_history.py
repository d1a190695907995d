"""Benchmark: History and export over ten years of daily use (aims: window < 200 ms, CSV < 1 s).

Generates a journal with every weekday of ten years: 23 breaks a day (about 60,000
breaks, mostly done, with their four steps each), a pain rating a day, an ice or
heat session a week and a pause now and then.  Then measures, offscreen:

* opening the History window: the statistics from the journal (today, streak,
  adherence, 90 days of counts, pain, exercises, the evaluation rules) and the
  window shown with its figures (its first paint), then with its charts (the first
  open imports QtCharts after that paint);
* a full CSV export and a full JSON export to a file.

Run: ``python tests/bench/bench_history.py`` (or ``make bench`` for the whole suite).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from posture_coach.core import exchange, safety, stats
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal
from posture_coach.core.policy import Schedule

TZ = ZoneInfo("Europe/Berlin")
UTC = timezone.utc
YEARS = 10
PER_DAY = 23
RUNS = 7
NOW = datetime(2026, 11, 24, 16, 0, tzinfo=TZ)
EXERCISES = ("chin-tuck", "doorway-stretch", "thoracic-extension", "shoulder-rolls")


def _db(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def generate(path: Path) -> int:
    rng = random.Random(5)
    day = NOW.date() - timedelta(days=365 * YEARS)
    breaks, steps, pain, thermal, pauses = [], [], [], [], []
    break_id = 0
    while day <= NOW.date():
        if day.weekday() < 5:
            for i in range(PER_DAY):
                start = datetime(day.year, day.month, day.day, 9, 0, tzinfo=TZ) \
                    + timedelta(minutes=22 * i)
                if start >= NOW:
                    break
                end = start + timedelta(minutes=2)
                outcome = rng.choices(["done", "partial", "skipped", "snoozed", "natural"],
                                      [70, 10, 10, 5, 5])[0]
                break_id += 1
                breaks.append((break_id, _db(start - timedelta(minutes=1)), _db(start),
                               _db(end), None if outcome == "natural" else "desk-reset",
                               outcome, _db(end + timedelta(minutes=10))
                               if outcome == "snoozed" else None, _db(end)))
                if outcome in ("done", "partial", "skipped"):
                    for k, ex in enumerate(EXERCISES):
                        status = "done" if outcome == "done" or (outcome == "partial"
                                                                 and k < 2) else "skipped"
                        steps.append((break_id, k, ex, status, 30.0))
            at = datetime(day.year, day.month, day.day, 17, 0, tzinfo=TZ)
            if at < NOW:
                pain.append((_db(at), rng.randint(0, 6), None, None, _db(at), 0, 0))
            if day.weekday() == 2 and at < NOW:
                thermal.append(("ice" if rng.random() < 0.5 else "heat", _db(at),
                                _db(at + timedelta(minutes=15)), 15, 1, _db(at)))
            if day.day == 1:
                p = datetime(day.year, day.month, day.day, 12, 0, tzinfo=TZ)
                pauses.append(("user", _db(p), _db(p + timedelta(hours=1)),
                               _db(p + timedelta(hours=1))))
        day += timedelta(days=1)
    with Journal.open(path, FakeClock(NOW)) as journal, \
            journal._write("fill") as db:
        db.executemany("INSERT INTO breaks (id, planned_at, started_at, ended_at, routine_id,"
                       " outcome, snooze_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       breaks)
        db.executemany("INSERT INTO steps (break_id, position, exercise_id, status, seconds)"
                       " VALUES (?, ?, ?, ?, ?)", steps)
        db.executemany("INSERT INTO pain (at, rating, note, break_id, created_at, sleep, work)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?)", pain)
        db.executemany("INSERT INTO thermal_sessions (mode, started_at, ended_at,"
                       " planned_minutes, completed, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                       thermal)
        db.executemany("INSERT INTO pauses (reason, started_at, until, ended_at)"
                       " VALUES (?, ?, ?, ?)", pauses)
    return len(breaks)


def open_history(journal: Journal, app: object) -> tuple[float, float]:
    """Seconds from asking for History to the window on screen with its figures (its
    first paint), and to its charts built and drawn (QtCharts comes after that paint)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    painted: list[float] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.perf_counter())
            return False

    start = time.perf_counter()
    from posture_coach.ui.history_window import HistoryWindow

    data = stats.history(journal, Schedule(), TZ, NOW)
    found = safety.evaluate_journal(journal, TZ, NOW)
    window = HistoryWindow(data, TZ, {}, None if found is None else "evaluate")
    spy = FirstPaint()
    window.installEventFilter(spy)
    ready: list[float] = []
    window.charts_ready.connect(lambda: ready.append(time.perf_counter()))
    window.show()
    while not painted or not ready:
        QApplication.processEvents()
    QApplication.processEvents()  # the charts' own paint
    drawn = time.perf_counter()
    window.removeEventFilter(spy)
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return painted[0] - start, drawn - start


def main() -> list[dict[str, object]]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "journal.sqlite3"
        count = generate(path)
        with Journal.open(path, FakeClock(NOW)) as journal:
            first, first_charts = open_history(journal, app)
            warm = [open_history(journal, app)[1] for _ in range(RUNS)]
            stats_times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                h = stats.history(journal, Schedule(), TZ, NOW)
                stats_times.append(time.perf_counter() - start)
            csv_times, json_times = [], []
            for _ in range(3):
                start = time.perf_counter()
                exchange.export_file(journal, Path(tmp) / "all.csv", "csv", TZ, NOW)
                csv_times.append(time.perf_counter() - start)
                start = time.perf_counter()
                exchange.export_file(journal, Path(tmp) / "all.json", "json", TZ, NOW)
                json_times.append(time.perf_counter() - start)
            csv_mib = (Path(tmp) / "all.csv").stat().st_size / 2**20
    label = f"{count:,} breaks over {YEARS} years"
    return [
        {"name": f"History window on screen with its figures, first time, {label}",
         "value": round(first * 1000, 1), "unit": "ms", "aim": "< 200 ms", "runs": 1},
        {"name": "... and its charts drawn, first time (QtCharts imported after that paint)",
         "value": round(first_charts * 1000, 1), "unit": "ms", "aim": "", "runs": 1},
        {"name": "History window open again (statistics + window + charts)",
         "value": round(statistics.median(warm) * 1000, 1), "unit": "ms",
         "aim": "< 200 ms", "runs": RUNS},
        {"name": f"statistics alone (streak {h.streak} days, 90 days of counts)",
         "value": round(statistics.median(stats_times) * 1000, 1), "unit": "ms",
         "aim": "", "runs": RUNS},
        {"name": f"full CSV export ({csv_mib:.1f} MiB)",
         "value": round(statistics.median(csv_times) * 1000, 1), "unit": "ms",
         "aim": "< 1000 ms", "runs": 3},
        {"name": "full JSON export",
         "value": round(statistics.median(json_times) * 1000, 1), "unit": "ms",
         "aim": "", "runs": 3},
    ]


if __name__ == "__main__":
    for row in main():
        print(json.dumps(row))
