"""Widgets: they take core objects and answer with Qt signals."""
