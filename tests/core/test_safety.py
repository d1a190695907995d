"""\"Time to get evaluated\": the rules over a pain diary built by hand, once a week."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posture_coach.core import safety
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal, PainRecord
from posture_coach.core.safety import Reason

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 10, 18, 0, tzinfo=BERLIN)
TODAY = NOW.date()


def rating(back: int, value: int, *, sleep: bool = False, work: bool = False,
           hour: int = 10) -> PainRecord:
    day = TODAY - timedelta(days=back)
    return PainRecord(0, datetime.combine(day, time(hour), tzinfo=BERLIN), value, None, None,
                      sleep, work)


def reasons(ratings: list[PainRecord]) -> tuple[Reason, ...]:
    found = safety.evaluate(ratings, BERLIN, NOW)
    return () if found is None else found.reasons


def test_no_diary_no_reason() -> None:
    assert safety.evaluate([], BERLIN, NOW) is None


def test_pain_on_most_days_for_more_than_two_weeks() -> None:
    # 8 painful days out of the last 15, the first 14 days ago
    diary = [rating(b, 5) for b in (14, 12, 10, 8, 6, 4, 2, 0)]
    assert reasons(diary) == (Reason.LASTING,)
    # the same 8 days but all within the last 8 days: not yet two weeks
    assert reasons([rating(b, 5) for b in range(8)]) == ()
    # 7 painful days only: not most days
    assert reasons([rating(b, 5) for b in (14, 12, 10, 8, 6, 4, 2)]) == ()
    # mild ratings are not pain days
    assert reasons([rating(b, 2) for b in range(15)]) == ()


def test_pain_coming_back_after_pain_free_spells() -> None:
    diary = [rating(40, 6), rating(38, 0), rating(35, 1), rating(30, 5), rating(29, 0),
             rating(25, 7)]
    assert reasons(diary) == (Reason.COMING_BACK,)
    # a gap without any pain-free rating is not a pain-free spell (nothing was logged)
    assert reasons([rating(40, 6), rating(30, 5), rating(20, 7)]) == ()
    # only one return
    assert reasons([rating(40, 6), rating(38, 0), rating(30, 5)]) == ()


def test_pain_interfering_with_sleep_or_work_in_the_last_two_weeks() -> None:
    assert reasons([rating(3, 4, sleep=True)]) == (Reason.SLEEP_OR_WORK,)
    assert reasons([rating(13, 4, work=True)]) == (Reason.SLEEP_OR_WORK,)
    assert reasons([rating(14, 4, work=True)]) == ()


def test_contact_is_passed_through() -> None:
    found = safety.evaluate([rating(1, 4, sleep=True)], BERLIN, NOW, "Clinic: 555-0100")
    assert found is not None and found.clinic_contact == "Clinic: 555-0100"


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with Journal.open(tmp_path / "journal.sqlite3", FakeClock(NOW)) as j:
        yield j


def test_notification_at_most_once_a_week_remembered_in_the_journal(
        journal: Journal) -> None:
    journal.record_pain(at=NOW - timedelta(days=1), rating=6, sleep=True)
    assert safety.notify_due(journal, BERLIN, NOW) is not None
    assert safety.last_notified(journal) == NOW
    assert safety.notify_due(journal, BERLIN, NOW + timedelta(days=6, hours=23)) is None
    journal.record_pain(at=NOW + timedelta(days=7), rating=6, work=True)
    assert safety.notify_due(journal, BERLIN, NOW + timedelta(days=7)) is not None
    # a clock moved back does not bring a second one
    assert safety.notify_due(journal, BERLIN, NOW) is None


def test_acknowledgement_is_stored(journal: Journal) -> None:
    assert not safety.acknowledged(journal)
    safety.acknowledge(journal, NOW)
    assert safety.acknowledged(journal)


@given(st.lists(st.tuples(st.integers(0, 70), st.integers(0, 10), st.booleans(),
                          st.booleans()), max_size=60),
       st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
       st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)))
def test_properties(entries: list[tuple[int, int, bool, bool]], last: datetime,
                    now: datetime) -> None:
    diary = [rating(b, v, sleep=s, work=w) for b, v, s, w in entries]
    found = safety.evaluate(diary, BERLIN, NOW)
    # no rating of pain and no interference: never a reason
    if all(v < safety.PAIN_AT and not (s or w) for _b, v, s, w in entries):
        assert found is None
    # adding a pain-free rating today never adds a reason
    calmer = safety.evaluate([*diary, rating(0, 0, hour=23)], BERLIN, NOW)
    assert set(calmer.reasons if calmer else ()) <= set(found.reasons if found else ())
    # the weekly limit
    last_aware, now_aware = last.replace(tzinfo=BERLIN), now.replace(tzinfo=BERLIN)
    assert safety.should_notify(last_aware, now_aware) == (
        now_aware - last_aware >= timedelta(days=7))
    assert safety.should_notify(None, now_aware)


def test_days_before_the_window_are_ignored() -> None:
    old = [rating(b, 8, sleep=True) for b in range(61, 80)]
    assert reasons(old) == ()
    assert date(2026, 3, 10) == TODAY
