"""The launcher keeps PySide6's feature switch from leaving every imported module's
source in linecache (megabytes of a tray app), with the same answer per module."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent("""
    import linecache, sys
    sys.path.insert(0, sys.argv[1])
    import PySide6.QtWidgets
    from posture_coach.shell.launcher import lighten_pyside_import_check
    lightened = sys.argv[2] == "1" and lighten_pyside_import_check()
    import uses_qt, plain_module, difflib, csv
    feature = sys.modules["shibokensupport.feature"]
    print(lightened, feature.pyside_feature_dict.get("uses_qt"),
          feature.pyside_feature_dict.get("plain_module"),
          sum(1 for name in linecache.cache if name.endswith(("difflib.py", "csv.py",
                                                              "plain_module.py"))))
""")


def run(tmp_path: Path, lighten: bool) -> list[str]:
    (tmp_path / "uses_qt.py").write_text("from PySide6.QtCore import QObject\n")
    (tmp_path / "plain_module.py").write_text("VALUE = 1\n")
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path), "1" if lighten else "0"],
                         capture_output=True, text=True, timeout=60, check=True)
    return out.stdout.split()


def test_same_answers_without_the_source_in_linecache(tmp_path: Path) -> None:
    plain = run(tmp_path, lighten=False)
    assert plain[1:3] == ["0", "-1"]  # PySide6's own answers: uses PySide6, does not
    assert int(plain[3]) >= 2  # ... and it kept their sources
    lightened = run(tmp_path, lighten=True)
    assert lightened == ["True", "0", "-1", "0"]
