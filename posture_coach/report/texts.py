"""The little the printed documents need from Qt besides painting: translated texts (in
the core's :class:`~posture_coach.core.texts.Translate` shape, so core objects describe
themselves in the reader's language) and Python dates as Qt's.  Kept here so that
``report/`` imports nothing from ``ui/``."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate


def translate(context: str, source: str, disambiguation: str | None = None,
              n: int = -1) -> str:
    """Qt's translate with the core's :class:`~posture_coach.core.texts.Translate` shape."""
    return QCoreApplication.translate(context, source, disambiguation, n)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
