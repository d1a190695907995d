"""What the command line's parts share (argument types), so that neither imports the other."""

from __future__ import annotations

import argparse


def day_argument(text: str) -> object:
    """A day on the command line: YYYY-MM-DD, in the years every record lies in."""
    from datetime import date

    from ..core.exchange import FIRST_YEAR, LAST_YEAR

    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date like 2026-03-01 (YYYY-MM-DD)") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"{text} is outside the years the journal holds; give a day from "
            f"{FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31")
    return day
