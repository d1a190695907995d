"""Fault tests: the app under a full or read-only disk, a damaged journal, hostile files,
a hostile command channel, kills at random moments, fuzzing and a compressed long day.

Qt here runs offscreen (no screen needed); real-desktop fault tests live in
tests/desktop/.  Helpers that later features plug into are in tests/faults/harness.py.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
