"""The notice's words, as a person would say them (issue 18 item 10)."""

from hypothesis import given
from hypothesis import strategies as st

from posture_coach.core.notice import in_time, notice_before, notice_due, routine_length


def test_the_notice_reads_as_a_person_would_say_it() -> None:
    assert notice_before(30, "Desk reset", 110) == ("Break in 30 s",
                                                    "Desk reset, about 2 minutes")
    assert notice_before(120, "Movement break", 310) == ("Break in 2 min",
                                                         "Movement break, about 5 minutes")
    assert notice_due("Driving reset", 20) == ("Time for a break",
                                               "Driving reset, about 1 minute")


@given(st.floats(min_value=0, max_value=3600))
def test_in_time_is_seconds_under_a_minute_then_minutes(seconds: float) -> None:
    text = in_time(seconds)
    number, unit = text.split(" ")
    assert int(number) >= 1
    assert unit == ("s" if round(seconds) < 60 else "min")


@given(st.floats(min_value=0, max_value=7200))
def test_routine_length_is_whole_minutes_at_least_one(seconds: float) -> None:
    text = routine_length("R", seconds)
    minutes = max(1, round(seconds / 60))
    assert text == f"R, about {minutes} minute{'' if minutes == 1 else 's'}"
