"""\"Time to get evaluated\": calm rules over the pain diary, and remembering what was shown.

The clinic's page says pain lasting more than a couple of weeks, pain that keeps
coming back, and pain that interferes with sleep or work should be evaluated.
These rules only point that out; they never diagnose.  The rules, over the
daily highest rating in local days (a day "with pain" has a rating of
:data:`PAIN_AT` or more):

* **lasting**: pain on at least 8 of the last 15 days (most days), the first of
  them at least 13 days before today (more than two weeks of pain);
* **coming back**: within the last 60 days, pain came back at least twice after
  a pain-free spell (at least :data:`SPELL_DAYS` days with no rating of
  :data:`PAIN_AT` or more, and at least one rating of :data:`FREE_AT` or less
  in between, so unrecorded days alone never make a spell);
* **sleep or work**: a rating in the last 14 days says the pain interfered with
  sleep or work.

The notification is shown at most once every 7 days (remembered in the
journal under :data:`NOTIFIED_KEY`); the History window's banner shows
whenever a rule holds.  The words are the UI's (translated); this module gives
the reasons and the clinic's contact when a home program supplies one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import Enum
from itertools import pairwise

from .journal import Journal, PainRecord

PAIN_AT = 3
FREE_AT = 1
SPELL_DAYS = 3
LASTING_WINDOW = 15
LASTING_MIN_DAYS = 8
LASTING_SPAN = 13
RECURRING_WINDOW = 60
RECURRING_RETURNS = 2
INTERFERE_WINDOW = 14
NOTIFY_EVERY = timedelta(days=7)
NOTIFIED_KEY = "evaluate_notified_at"
ACK_KEY = "safety_acknowledged_at"
LOOK_BACK_DAYS = max(LASTING_WINDOW, RECURRING_WINDOW, INTERFERE_WINDOW)


class Reason(str, Enum):
    LASTING = "lasting"
    COMING_BACK = "coming-back"
    SLEEP_OR_WORK = "sleep-or-work"


@dataclass(frozen=True)
class Evaluation:
    """Why it is time to get evaluated (never empty), and whom to call, if known."""

    reasons: tuple[Reason, ...]
    clinic_contact: str | None = None


def _daily(ratings: Iterable[PainRecord], tz: tzinfo) -> dict[date, int]:
    out: dict[date, int] = {}
    for p in ratings:
        day = p.at.astimezone(tz).date()
        out[day] = max(out.get(day, 0), p.rating)
    return out


def _lasting(daily: dict[date, int], today: date) -> bool:
    first = today - timedelta(days=LASTING_WINDOW - 1)
    pain = sorted(d for d, r in daily.items() if first <= d <= today and r >= PAIN_AT)
    return len(pain) >= LASTING_MIN_DAYS and (today - pain[0]).days >= LASTING_SPAN


def _returns(ratings: list[PainRecord], tz: tzinfo, today: date) -> int:
    first = today - timedelta(days=RECURRING_WINDOW - 1)
    daily = {d: r for d, r in _daily(ratings, tz).items() if first <= d <= today}
    lowest: dict[date, int] = {}
    for p in ratings:
        day = p.at.astimezone(tz).date()
        lowest[day] = min(lowest.get(day, 10), p.rating)
    pain = sorted(d for d, r in daily.items() if r >= PAIN_AT)
    returns = 0
    for before, after in pairwise(pain):
        gap = (after - before).days - 1
        free_logged = any(lowest.get(before + timedelta(days=i), 10) <= FREE_AT
                          for i in range(1, gap + 1))
        if gap >= SPELL_DAYS and free_logged:
            returns += 1
    return returns


def evaluate(ratings: Iterable[PainRecord], tz: tzinfo, now: datetime,
             clinic_contact: str | None = None) -> Evaluation | None:
    """The reasons to get evaluated now, or None; ``ratings`` cover at least the last
    :data:`LOOK_BACK_DAYS` days."""
    ratings = list(ratings)
    today = now.astimezone(tz).date()
    daily = _daily(ratings, tz)
    reasons: list[Reason] = []
    if _lasting(daily, today):
        reasons.append(Reason.LASTING)
    if _returns(ratings, tz, today) >= RECURRING_RETURNS:
        reasons.append(Reason.COMING_BACK)
    since = today - timedelta(days=INTERFERE_WINDOW - 1)
    if any((p.sleep or p.work) and p.at.astimezone(tz).date() >= since
           and p.at.astimezone(tz).date() <= today for p in ratings):
        reasons.append(Reason.SLEEP_OR_WORK)
    return Evaluation(tuple(reasons), clinic_contact) if reasons else None


def evaluate_journal(journal: Journal, tz: tzinfo, now: datetime,
                     clinic_contact: str | None = None) -> Evaluation | None:
    """:func:`evaluate` over the journal's last :data:`LOOK_BACK_DAYS` days."""
    start = now - timedelta(days=LOOK_BACK_DAYS + 1)
    return evaluate(journal.pain_between(start, now + timedelta(seconds=1)), tz, now,
                    clinic_contact)


def should_notify(last_shown: datetime | None, now: datetime) -> bool:
    """At most one notification every 7 days (after a clock moved back, too)."""
    return last_shown is None or now - last_shown >= NOTIFY_EVERY


def last_notified(journal: Journal) -> datetime | None:
    text = journal.get_state(NOTIFIED_KEY)
    try:
        return None if text is None else datetime.fromisoformat(text)
    except ValueError:
        return None


def notify_due(journal: Journal, tz: tzinfo, now: datetime,
               clinic_contact: str | None = None) -> Evaluation | None:
    """The evaluation to notify about now (and remember that it was), or None."""
    found = evaluate_journal(journal, tz, now, clinic_contact)
    if found is None or not should_notify(last_notified(journal), now):
        return None
    journal.set_state(NOTIFIED_KEY, now.isoformat())
    return found


def acknowledged(journal: Journal) -> bool:
    """Has the user acknowledged the safety screen (shown once at first run)?"""
    return journal.get_state(ACK_KEY) is not None


def acknowledge(journal: Journal, now: datetime) -> None:
    journal.set_state(ACK_KEY, now.isoformat())
