"""A long-running Qt app must survive many calls of Qt methods that return nothing.

PySide6 6.12.0 on Python < 3.12 drops a reference to None on each such call (setText,
update, setVisible, ...); None's count (about 5,000 at start) reaches zero after a few
thousand calls and the interpreter aborts ("Fatal Python error: none_dealloc").  The
guided break window alone makes thousands of them in a few full breaks.  The app's
package gives None a reserve there (posture_coach/none_guard.py, run by
posture_coach/__init__.py, so every room has it: widgets, printed documents, the command
line).  These tests run 100,000 such calls in a child process (so the suite survives a
failure): with any part of the app imported they must pass whatever PySide6 does.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication, QLabel
{import_line}
app = QApplication([])
label = QLabel()
for i in range(50_000):
    label.setText("x")
    label.update()
print("survived")
"""


@pytest.mark.parametrize("import_line", [
    "import posture_coach.ui  # as every window of the app does",
    "import posture_coach.report.handout  # printing alone, no widget module",
])
def test_a_hundred_thousand_void_qt_calls_do_not_abort_the_app(import_line: str) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE.format(import_line=import_line)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-800:]
    assert done.stdout.split()[-1] == "survived"
