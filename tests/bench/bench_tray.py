"""Benchmark: the tray app against a bare PySide6 tray with a QtScheduler, same desktop,
same run.  Start to tray ready (median of 5), resident memory after start, and CPU
seconds over 60 s idle.

Run: ``python tests/bench/bench_tray.py`` (needs the desktop tools `make test`
installs) or ``make bench``.  IDLE_SECONDS=10 shortens the idle measurement for a
quick look (the README's figures use 60).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.desktop.xdesktop import Desktop, running_desktop  # noqa: E402
from tests.helpers import acknowledge_safety  # noqa: E402

STARTS = 5
IDLE_SECONDS = float(os.environ.get("IDLE_SECONDS", "60"))
TICKS = os.sysconf("SC_CLK_TCK")


def tray_ready(desk: Desktop, pid: int, timeout: float = 30) -> float:
    """Seconds until the process has a window (its tray icon) on the X server."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        out = desk.run("xdotool", "search", "--pid", str(pid), check=False).stdout.split()
        if out:
            return time.perf_counter() - start
        time.sleep(0.01)
    raise RuntimeError("no tray window appeared")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def launch(desk: Desktop, argv: list[str], home: Path) -> subprocess.Popen[bytes]:
    env = dict(desk.env)
    if "posture-coach" in Path(argv[0]).name:
        acknowledge_safety(home / "data")  # the steady state: no first-run safety screen
    env.update(POSTURE_COACH_CONFIG_DIR=str(home / "config"),
               POSTURE_COACH_DATA_DIR=str(home / "data"))
    return subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def measure(desk: Desktop, argv: list[str], home: Path) -> dict[str, float]:
    starts = []
    # One home for every start, as a person's: the first start makes the journal and
    # fills the parse cache; the figures are the median start and the last one's memory.
    for i in range(STARTS):
        run_home = home
        t0 = time.perf_counter()
        proc = launch(desk, argv, run_home)
        try:
            tray_ready(desk, proc.pid)
            starts.append(time.perf_counter() - t0)
            if i == STARTS - 1:
                time.sleep(5)  # settle
                rss = rss_mb(proc.pid)
                cpu0 = cpu_seconds(proc.pid)
                time.sleep(IDLE_SECONDS)
                cpu = (cpu_seconds(proc.pid) - cpu0) * 60 / IDLE_SECONDS
        finally:
            stop(proc)
    return {"start_s": statistics.median(starts), "rss_mb": rss, "cpu_per_min": cpu}


def cpu_text(per_min: float) -> str:
    if per_min == 0:  # /proc counts in clock ticks (10 ms): none in the whole window
        return f"< {60 / IDLE_SECONDS / TICKS:.2f} CPU-s/min"
    return f"{per_min:.3f} CPU-s/min"


def main() -> list[dict[str, object]]:
    exe = Path(sys.executable).parent / "posture-coach"
    # An installed package has its bytecode compiled (pip does it); a checkout run with
    # PYTHONDONTWRITEBYTECODE would compile every module at every start instead.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "posture_coach")],
                   check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        with running_desktop(home / "desktop", home / "shots") as desk:
            base = measure(desk, [sys.executable, str(Path(__file__).parent / "baseline_tray.py")],
                           home / "baseline")
            app = measure(desk, [str(exe)], home / "app")

    def ratio(key: str) -> str:
        return f"{app[key] / base[key]:.2f}x" if base[key] else "n/a"

    idle = f"{IDLE_SECONDS:g} s"
    return [
        {"name": f"start to tray ready (median of {STARTS})",
         "value": f"{app['start_s'] * 1000:.0f} ms vs {base['start_s'] * 1000:.0f} ms baseline =",
         "unit": ratio("start_s"), "aim": "<= 1.3x"},
        {"name": "resident memory after start",
         "value": f"{app['rss_mb']:.1f} MB vs {base['rss_mb']:.1f} MB baseline =",
         "unit": ratio("rss_mb"), "aim": "<= 1.15x"},
        {"name": f"CPU while idle (measured over {idle})",
         "value": f"{cpu_text(app['cpu_per_min'])} vs {cpu_text(base['cpu_per_min'])} baseline",
         "unit": "", "aim": "<= 0.02 CPU-s/min"},
    ]


if __name__ == "__main__":
    for row in main():
        print(json.dumps(row))
