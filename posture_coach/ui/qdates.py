"""Python dates to QDate, spelled out (PySide6 accepts a ``date`` at run time, but not
every version's type stubs say so)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
