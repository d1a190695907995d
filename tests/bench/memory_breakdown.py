"""Where the app's resident memory goes, compared with the bare tray baseline:
RSS per mapping (shared library, heap, anonymous) from /proc/PID/smaps, both
processes started on the same real desktop.  Not part of `make bench`'s table; a
tool for working on the memory figure.

Run: ``python tests/bench/memory_breakdown.py``
"""

from __future__ import annotations

import collections
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.desktop.xdesktop import running_desktop  # noqa: E402
from tests.helpers import acknowledge_safety  # noqa: E402


def rss_by_mapping(pid: int) -> collections.Counter[str]:
    out: collections.Counter[str] = collections.Counter()
    current = "[anon]"
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        parts = line.split()
        if parts and "-" in parts[0] and not parts[0].endswith(":"):
            current = parts[5] if len(parts) > 5 else "[anon]"
        elif line.startswith("Rss:"):
            out[current] += int(parts[1])
    return out


def main() -> None:
    exe = Path(sys.executable).parent / "posture-coach"
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        with running_desktop(home / "desktop", home / "shots") as desk:
            env = dict(desk.env, POSTURE_COACH_CONFIG_DIR=str(home / "c"),
                       POSTURE_COACH_DATA_DIR=str(home / "d"))
            acknowledge_safety(home / "d")  # the steady state: no first-run safety screen
            first = subprocess.Popen([str(exe)], env=env)  # a first start fills the caches
            time.sleep(4)
            first.terminate()
            first.wait()
            app = subprocess.Popen([str(exe)], env=env)
            base = subprocess.Popen([sys.executable, str(Path(__file__).parent /
                                                         "baseline_tray.py")], env=env)
            time.sleep(6)
            a, b = rss_by_mapping(app.pid), rss_by_mapping(base.pid)
            for proc in (app, base):
                proc.terminate()
                proc.wait()
    print(f"app {sum(a.values()) / 1024:.1f} MB, baseline {sum(b.values()) / 1024:.1f} MB")
    diff = {k: a[k] - b.get(k, 0) for k in set(a) | set(b)}
    for name, kib in sorted(diff.items(), key=lambda kv: -abs(kv[1]))[:20]:
        print(f"{kib / 1024:+7.2f} MB  {name}")


if __name__ == "__main__":
    main()
