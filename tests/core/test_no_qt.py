"""The core never imports Qt: importing all of it in a fresh interpreter loads no PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import posture_coach.core


def test_core_does_not_import_qt() -> None:
    modules = [m.name for m in pkgutil.walk_packages(posture_coach.core.__path__,
                                                    "posture_coach.core.")]
    assert "posture_coach.core.library" in modules
    assert "posture_coach.core.yaml.parsing" in modules
    code = ("import sys\n"
            + "".join(f"import {m}\n" for m in modules)
            + "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
              "('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'))\n"
              "print(','.join(bad))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ""


def test_validate_command_does_not_import_qt() -> None:
    code = ("import sys\nfrom posture_coach import cli\n"
            "rc = cli.main(['validate'])\n"
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'\n"
            "sys.exit(rc)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
