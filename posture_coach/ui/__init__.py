"""Widgets: they take core objects and answer with Qt signals."""

from .none_guard import keep_none_alive

keep_none_alive()  # before any widget runs: see none_guard.py
