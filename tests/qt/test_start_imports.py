"""What the tray app's start imports: none of the heavy or rarely needed libraries that
only a window, a print or a sync brings (each was measured in start time or memory:
OpenSSL through hashlib/secrets, cryptography, QtCharts, QtNetwork, QtSvg, QtMultimedia,
PyYAML, which the parse cache spares)."""

from __future__ import annotations

import os
import subprocess
import sys

HEAVY = ("_hashlib", "cryptography", "PySide6.QtCharts", "PySide6.QtNetwork",
         "PySide6.QtSvg", "PySide6.QtMultimedia", "yaml")


def test_the_tray_apps_modules_leave_the_heavy_ones_for_later() -> None:
    probe = ("import sys\n"
             "import posture_coach.cli.main, posture_coach.shell.launcher, "
             "posture_coach.shell.app\n"
             f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr[-800:]
    assert done.stdout.split() == [], f"loaded at start: {done.stdout.strip()}"
