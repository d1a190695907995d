"""Python dates and times to Qt's and back, spelled out: PySide6 converts them itself
at run time, but not every version's type stubs say so."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def pytime(moment: QTime) -> time:
    return time(moment.hour(), moment.minute(), moment.second())
