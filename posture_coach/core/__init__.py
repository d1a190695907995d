"""The core: pure Python, no Qt.  Files -> typed objects -> decisions.

Nothing in this package imports PySide6; ``tests/core/test_no_qt.py`` proves it.
"""
