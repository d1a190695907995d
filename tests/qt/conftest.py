"""Widget tests run offscreen: no screen needed."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
