"""Benchmark: instructions from the start of the process to the tray icon, counted by
callgrind, for the app and for the bare PySide6 tray (``baseline_tray.py``) in the
same run.

Wall-clock start times on a shared machine move by 30-50 % from one minute to the
next (``bench_tray.py``'s figure); an instruction count does not: the same program,
files and environment give the same count within a fraction of a percent, whatever
else the machine is doing.  This is the figure to compare two commits by
(``START_TREES=/path/a:/path/b`` counts other checkouts of the app too, run with this
venv and ``PYTHONPATH``).

The count stops when the tray icon's window exists on the X server (``xdotool search
--pid``, as ``bench_tray.py``), where ``callgrind_control --dump`` takes the counts so
far.  Under valgrind a program runs some 50 times slower, so a start takes 20-40 s.

Run: ``python tests/bench/bench_start_instructions.py`` (needs valgrind and the
desktop tools `make test` installs) or ``make bench``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.desktop.xdesktop import Desktop, running_desktop  # noqa: E402
from tests.helpers import acknowledge_safety  # noqa: E402

RUNS = 2  # the counts agree to 0.5 %: two show that they do
TIMEOUT_S = 300


def instructions(desk: Desktop, argv: list[str], home: Path,
                 extra_env: dict[str, str] | None = None) -> int:
    """Instructions until the process has its tray window (the dump callgrind takes then)."""
    env = dict(desk.env, POSTURE_COACH_CONFIG_DIR=str(home / "config"),
               POSTURE_COACH_DATA_DIR=str(home / "data"), **(extra_env or {}))
    acknowledge_safety(home / "data")  # the steady state: no first-run safety screen
    out = home / "callgrind.out"
    for old in home.glob("callgrind.out*"):
        old.unlink()
    proc = subprocess.Popen(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                             "--dump-instr=no", "--trace-children=no", *argv],
                            env=env, cwd=home,  # `-m` puts the working folder first
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        start = time.monotonic()
        while not desk.run("xdotool", "search", "--pid", str(proc.pid),
                           check=False).stdout.split():
            if time.monotonic() - start > TIMEOUT_S or proc.poll() is not None:
                raise RuntimeError(f"no tray window from {argv}")
            time.sleep(0.1)
        subprocess.run(["callgrind_control", "--dump", str(proc.pid)], check=True,
                       capture_output=True, timeout=120)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(120)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    dumps = sorted(p for p in home.glob("callgrind.out.*"))  # .1: the dump at the tray
    if not dumps:
        raise RuntimeError("callgrind wrote no dump at the tray window")
    for line in dumps[0].read_text(errors="replace").splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    raise RuntimeError(f"no totals in {dumps[0]}")


def main() -> list[dict[str, object]]:
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        return [{"name": "instructions to the tray icon (callgrind)",
                 "value": "not measured: valgrind is not installed", "unit": "", "aim": ""}]
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "posture_coach")],
                   check=True, stdout=subprocess.DEVNULL)
    programs: dict[str, tuple[list[str], dict[str, str]]] = {
        "baseline": ([sys.executable, str(Path(__file__).parent / "baseline_tray.py")], {}),
        "app": ([sys.executable, "-m", "posture_coach.cli"], {"PYTHONPATH": str(ROOT)}),
    }
    for tree in filter(None, os.environ.get("START_TREES", "").split(":")):
        subprocess.run([sys.executable, "-m", "compileall", "-q",
                        str(Path(tree) / "posture_coach")], stdout=subprocess.DEVNULL)
        programs[tree] = ([sys.executable, "-m", "posture_coach.cli"], {"PYTHONPATH": tree})
    counts: dict[str, list[int]] = {name: [] for name in programs}
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        with running_desktop(home / "desktop", home / "shots") as desk:
            for _ in range(RUNS):  # interleaved: each program's first start fills caches
                for number, (name, (argv, env)) in enumerate(programs.items()):
                    folder = home / f"p{number}"
                    (folder / "data").mkdir(parents=True, exist_ok=True)
                    counts[name].append(instructions(desk, argv, folder, env))
    base = min(counts["baseline"])
    rows: list[dict[str, object]] = []
    for name, values in counts.items():
        if name == "baseline":
            continue
        label = "the app" if name == "app" else name
        rows.append({
            "name": f"instructions to the tray icon (callgrind), {label}, fewest of {RUNS}",
            "value": f"{min(values) / 1e6:.0f} M vs {base / 1e6:.0f} M baseline =",
            "unit": f"{min(values) / base:.2f}x", "aim": "<= 1.3x",
            "runs": {"app": values, "baseline": counts["baseline"]}})
    return rows


if __name__ == "__main__":
    for row in main():
        print(json.dumps(row))
