"""The wheel carries exercises.yaml and assets/, found through package resources."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.helpers import REPO


def test_wheel_ships_library_and_drawings(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "-w", str(dist), str(REPO)],
                   check=True, capture_output=True, timeout=300)
    [wheel] = dist.glob("posture_coach-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "posture_coach/data/exercises.yaml" in names
    svgs = {n for n in names if n.startswith("posture_coach/data/assets/exercises/")}
    assert len(svgs) >= 14
    assert "posture_coach/data/assets/icons/posture-coach.svg" in names
    assert any(n.endswith("entry_points.txt") for n in names)
    shared = "posture_coach-0.1.0.data/data/share/"
    assert shared + "applications/posture-coach.desktop" in names
    assert shared + "icons/hicolor/scalable/apps/posture-coach.svg" in names
    for size in (16, 22, 24, 32, 48, 64, 128, 256):
        assert f"{shared}icons/hicolor/{size}x{size}/apps/posture-coach.png" in names

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--target", str(target), str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(target))
    code = ("import posture_coach, sys\n"
            "from posture_coach.core import paths\n"
            "print(posture_coach.__file__)\nprint(paths.bundled_root())\n"
            "from posture_coach import cli\nsys.exit(cli.main(['validate']))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    module_file, root, verdict = out.stdout.splitlines()[:3]
    assert module_file.startswith(str(target))
    assert root == str(target / "posture_coach" / "data")
    assert "OK, library: 39 exercises, 6 routines" in verdict
