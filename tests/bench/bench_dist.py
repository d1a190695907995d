"""Benchmark: the self-contained bundle (make dist) against the venv app, same desktop,
same run: installed size, start to tray ready (median of 5) and resident memory after
start, measured by bench_tray's own code (``measure``: the same starts, the same
steady state, the same /proc readings).

Run: ``python tests/bench/bench_dist.py`` or ``make bench``.  Builds the bundle with
``make dist`` when dist/bundle is missing (a few minutes).  IDLE_SECONDS (bench_tray's)
is kept short here: idle CPU is bench_tray's row.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from tests.bench import bench_tray  # noqa: E402
from tests.desktop.xdesktop import running_desktop  # noqa: E402

BUNDLE = ROOT / "dist" / "bundle" / "posture-coach"


def installed_kib(deb: Path | None) -> tuple[int, str]:
    """The .deb's Installed-Size (KiB, what dpkg and software centres show), else the
    bundle folder's size."""
    if deb is not None:
        out = subprocess.run(["dpkg-deb", "-f", str(deb), "Installed-Size"],
                             capture_output=True, text=True, check=False)
        if out.returncode == 0 and out.stdout.strip().isdigit():
            return int(out.stdout), f"{deb.name} Installed-Size"
    total = sum(p.stat().st_size for p in BUNDLE.rglob("*") if p.is_file()
                and not p.is_symlink())
    return total // 1024, "dist/bundle/posture-coach"


def main() -> list[dict[str, object]]:
    if not (BUNDLE / "posture-coach").is_file():
        subprocess.run(["make", "-C", str(ROOT), "dist"], check=True,
                       stdout=subprocess.DEVNULL)
    debs = sorted((ROOT / "dist").glob("posture-coach_*.deb"))
    size_kib, size_of = installed_kib(debs[-1] if debs else None)
    bench_tray.IDLE_SECONDS = float(os.environ.get("IDLE_SECONDS", "5"))
    venv_exe = Path(sys.executable).parent / "posture-coach"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "posture_coach")],
                   check=True, stdout=subprocess.DEVNULL)  # as bench_tray: an installed app
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        with running_desktop(home / "desktop", home / "shots") as desk:
            venv = bench_tray.measure(desk, [str(venv_exe)], home / "venv")
            bundle = bench_tray.measure(desk, [str(BUNDLE / "posture-coach")],
                                        home / "bundle")

    def ratio(key: str) -> str:
        return f"{bundle[key] / venv[key]:.2f}x"

    mib = size_kib / 1024
    return [
        {"name": f"bundle installed size ({size_of})",
         "value": f"{mib:.1f} MiB ({size_kib * 1024 / 1e6:.0f} MB)", "unit": "",
         "aim": "<= 150 MB"},
        {"name": f"bundle start to tray ready (median of {bench_tray.STARTS})",
         "value": f"{bundle['start_s'] * 1000:.0f} ms vs {venv['start_s'] * 1000:.0f} ms "
                  "venv app =", "unit": ratio("start_s"), "aim": "<= 1.3x"},
        {"name": "bundle resident memory after start",
         "value": f"{bundle['rss_mb']:.1f} MB vs {venv['rss_mb']:.1f} MB venv app =",
         "unit": ratio("rss_mb"), "aim": "<= 1.1x"},
    ]


if __name__ == "__main__":
    for row in main():
        print(json.dumps(row))
