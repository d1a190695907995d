"""``make soak``: the real app on a real desktop for a long run (not part of the CI suite).

Starts Xvfb + tint2 + dunst (tests/desktop/xdesktop.py), then the installed
``posture-coach`` with a one-minute break interval (``POSTURE_COACH_TEST_INTERVAL_S``)
and lets it run for ``--minutes`` (30 by default).  Every break window that appears is
finished the way a user does it (xdotool: Enter, then a rating), which records the
break and plans the next one; every ``--linger-every``-th one is first left running for
``--linger`` seconds (its countdown, breathing pacer and step sounds at full frame rate).

Measured and checked at the end:

* **on time**: for every reminder, the journal's ``started_at`` (when the break window
  was shown) minus ``planned_at`` (its due time) must be at most 1 s;
* **memory flat**: resident memory (``VmRSS``) sampled after each break; growth from
  after the first break to the end must stay under 5 MB;
* **no leaks**: X windows owned by the app and its thread count after each break must
  not grow past what they were after the first break;
* the app still answers ``status`` and quits cleanly, with no traceback in its log.

The figures go to ``--out`` (markdown, default ``tests/soak/results/latest.md``) and a
JSON file next to it.  Exit code 0 when every check passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from tests.desktop.xdesktop import TOOLS, Desktop, running_desktop  # noqa: E402

SETTINGS = """\
version: 1
work_days: [mon, tue, wed, thu, fri, sat, sun]
work_start: "00:00"
work_end: "23:59"
notice_s: 5
idle_detection: false
"""

ON_TIME_S = 1.0
RSS_GROWTH_MB = 5.0
POOLED = "Thread (pooled)"
"""Qt's global thread pool (sound, D-Bus calls): its threads come and go (they expire after
30 s idle), bounded by the number of cores; they are counted apart from the others."""


def proc_status(pid: int) -> dict[str, str]:
    out: dict[str, str] = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            out[key] = value.strip()
    return out


def rss_mb(pid: int) -> float:
    return int(proc_status(pid)["VmRSS"].split()[0]) / 1024


def thread_names(pid: int) -> list[str]:
    names = []
    for task in sorted(os.listdir(f"/proc/{pid}/task")):
        try:
            names.append(Path(f"/proc/{pid}/task/{task}/comm").read_text().strip())
        except OSError:
            pass
    return sorted(names)


def app_windows(desk: Desktop, pid: int, visible: bool) -> int:
    args = ["xdotool", "search"] + (["--onlyvisible"] if visible else []) + ["--pid", str(pid)]
    return len(desk.run(*args, check=False).stdout.split())


def cli(desk: Desktop, work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "posture-coach"
    return subprocess.run([str(exe), "--config-dir", str(work / "config"),
                           "--data-dir", str(work / "data"), *args],
                          env=desk.env, capture_output=True, text=True, timeout=30)


def finish_break(desk: Desktop, window: str, deadline_s: float = 20) -> bool:
    """Enter (finish) and 7 (the rating) until the window closes; keys are ignored for 2 s
    after it opens."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        desk.run("xdotool", "key", "--window", window, "Return", check=False)
        desk.run("xdotool", "key", "--window", window, "7", check=False)
        if window not in desk.windows("Break: "):
            return True
        time.sleep(0.3)
    return False


def run(minutes: float, interval_s: float, out: Path, linger_every: int = 3,
        linger_s: float = 40) -> int:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        print(f"desktop tools missing: {', '.join(missing)}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="posture-coach-soak-"))
    (work / "config").mkdir()
    (work / "config" / "settings.yaml").write_text(SETTINGS)
    samples: list[dict[str, float]] = []
    names: list[list[str]] = []
    problems: list[str] = []
    with running_desktop(work / "home", work / "shots") as desk:
        env = dict(desk.env, POSTURE_COACH_TEST_INTERVAL_S=str(interval_s))
        exe = Path(sys.executable).parent / "posture-coach"
        proc = subprocess.Popen([str(exe), "--config-dir", str(work / "config"),
                                 "--data-dir", str(work / "data")], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        started = time.monotonic()
        try:
            desk.wait_for(lambda: cli(desk, work, "status").returncode == 0, 30,
                          "the app to answer status")
            first_rss = rss_mb(proc.pid)
            end = started + minutes * 60
            while time.monotonic() < end and proc.poll() is None:
                found = desk.windows("Break: ")
                if not found:
                    time.sleep(0.2)
                    continue
                if linger_every and len(samples) % linger_every == linger_every - 1:
                    time.sleep(linger_s)  # let it play: frames, pacer, sounds
                if not finish_break(desk, found[0]):
                    problems.append(f"a break window did not close at "
                                    f"{time.monotonic() - started:.0f} s")
                    break
                time.sleep(1.0)  # let the window be destroyed and the journal written
                samples.append({"t": round(time.monotonic() - started, 1),
                                "rss_mb": round(rss_mb(proc.pid), 2),
                                "threads": len([n for n in thread_names(proc.pid)
                                                if n != POOLED]),
                                "pooled": len([n for n in thread_names(proc.pid)
                                               if n == POOLED]),
                                "windows": app_windows(desk, proc.pid, visible=False),
                                "visible": app_windows(desk, proc.pid, visible=True)})
                names.append(thread_names(proc.pid))
                print(f"break {len(samples)}: {samples[-1]} {names[-1]}", flush=True)
            alive = proc.poll() is None
            status_ok = alive and cli(desk, work, "status").returncode == 0
            if alive:
                cli(desk, work, "quit")
                proc.wait(timeout=20)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        err = proc.stderr.read() if proc.stderr else ""
    log_text = (work / "data" / "logs" / "posture-coach.log").read_text()
    db = sqlite3.connect(f"file:{work / 'data' / 'journal.sqlite3'}?mode=ro", uri=True)
    rows = db.execute("SELECT planned_at, started_at, outcome FROM breaks "
                      "WHERE planned_at IS NOT NULL ORDER BY id").fetchall()
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    db.close()
    late = [(datetime.fromisoformat(s) - datetime.fromisoformat(p)).total_seconds()
            for p, s, _o in rows]

    if not alive:
        problems.append(f"the app exited early (code {proc.returncode})")
    if not status_ok:
        problems.append("the app did not answer status at the end")
    if proc.returncode not in (0, None):
        problems.append(f"exit code {proc.returncode}")
    if "Traceback" in err or "Traceback" in log_text or "unexpected error" in log_text:
        problems.append("a traceback in the app's output or log")
    if integrity != "ok":
        problems.append(f"integrity_check: {integrity}")
    if len(samples) < 2:
        problems.append(f"only {len(samples)} breaks happened")
    if late and max(late) > ON_TIME_S:
        problems.append(f"a reminder came {max(late):.3f} s after its due time "
                        f"(allowed {ON_TIME_S} s)")
    if late and min(late) < -0.05:
        problems.append(f"a reminder came {-min(late):.3f} s before its due time")
    growth = samples[-1]["rss_mb"] - samples[0]["rss_mb"] if samples else 0.0
    if growth >= RSS_GROWTH_MB:
        problems.append(f"resident memory grew {growth:.2f} MB after the first break")
    if samples:
        for key in ("threads", "windows", "visible"):
            base = samples[0][key]
            worst = max(s[key] for s in samples)
            if worst > base:
                problems.append(f"{key} grew from {base} to {worst}")
        pooled = max(s["pooled"] for s in samples)
        if pooled > (os.cpu_count() or 1):
            problems.append(f"{pooled} pooled threads, more than the {os.cpu_count()} cores")

    figures = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "minutes": minutes, "interval_s": interval_s,
        "breaks_finished": len(samples), "reminders_in_journal": len(rows),
        "lateness_s": {"max": round(max(late), 3) if late else None,
                       "median": round(sorted(late)[len(late) // 2], 3) if late else None,
                       "min": round(min(late), 3) if late else None},
        "rss_mb": {"at_start": round(first_rss, 2),
                   "after_first_break": samples[0]["rss_mb"] if samples else None,
                   "at_end": samples[-1]["rss_mb"] if samples else None,
                   "max": max(s["rss_mb"] for s in samples) if samples else None,
                   "growth_after_first_break": round(growth, 2)},
        "threads": [int(s["threads"]) for s in samples],
        "pooled": [int(s["pooled"]) for s in samples],
        "windows": [int(s["windows"]) for s in samples],
        "integrity_check": integrity,
        "problems": problems,
        "samples": samples,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(figures, indent=2))
    lines = [
        f"Soak run {figures['when']}: {minutes:g} min, break interval {interval_s:g} s, "
        f"one break in {linger_every} left playing {linger_s:g} s first, with `make soak`.",
        "",
        "| check | result | aim |",
        "|---|---|---|",
        f"| breaks finished | {len(samples)} | every reminder |",
        f"| reminder lateness (started - due) | max {figures['lateness_s']['max']} s, "
        f"median {figures['lateness_s']['median']} s | <= {ON_TIME_S:g} s |",
        f"| resident memory | {figures['rss_mb']['after_first_break']} MB after the first "
        f"break, {figures['rss_mb']['at_end']} MB at the end (growth {growth:.2f} MB) "
        f"| growth < {RSS_GROWTH_MB:g} MB |",
        f"| threads after each break (besides Qt's pool) | "
        f"{min(figures['threads'], default=0)}-{max(figures['threads'], default=0)} | flat |",
        f"| Qt pool threads | at most {max(figures['pooled'], default=0)} "
        f"| <= {os.cpu_count()} (cores) |",
        f"| X windows of the app after each break | {min(figures['windows'], default=0)}-"
        f"{max(figures['windows'], default=0)} | flat |",
        f"| journal integrity_check | {integrity} | ok |",
        "",
        "Result: " + ("PASS" if not problems else "FAIL: " + "; ".join(problems)),
    ]
    out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    shutil.rmtree(work, ignore_errors=True)
    return 0 if not problems else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--interval", type=float, default=60, help="break interval, seconds")
    parser.add_argument("--linger-every", type=int, default=3,
                        help="leave every Nth break playing before finishing it (0: never)")
    parser.add_argument("--linger", type=float, default=40, help="seconds to leave it playing")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.md")
    args = parser.parse_args()
    os.environ.pop("QT_QPA_PLATFORM", None)
    return run(args.minutes, args.interval, args.out, args.linger_every, args.linger)


if __name__ == "__main__":
    sys.exit(main())
