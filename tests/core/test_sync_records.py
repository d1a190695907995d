"""A break's record from the folder: every step field checked, and a value of the wrong
type (a list where text belongs) refused with its field, never a crash."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posture_coach.core.sync import records
from posture_coach.core.sync.records import BadRecord, decode

T = "2026-03-04T09:00:00.000000+00:00"


def _line(**change: Any) -> str:
    data = {"planned_at": None, "started_at": T, "ended_at": T, "created_at": T,
            "routine_id": "desk-reset", "outcome": "done", "snooze_until": None,
            "home_session": None,
            "steps": [[0, "chin-tuck", "done", 30.0], [1, "shoulder-rolls", "skipped", 0]]}
    return json.dumps({"v": 1, "id": "ab" * 16, "kind": "break", "data": data | change})


def test_a_whole_break_reads_with_its_steps() -> None:
    kind, uid, data = decode(_line())
    assert (kind, uid) == ("break", "ab" * 16)
    assert data["steps"] == [[0, "chin-tuck", "done", 30.0], [1, "shoulder-rolls", "skipped", 0]]


@pytest.mark.parametrize("change, field", [
    ({"outcome": [1]}, "data.outcome"),
    ({"outcome": {"a": 1}}, "data.outcome"),
    ({"steps": [[0, "chin-tuck", ["done"], 30.0]]}, r"data.steps\[0\]: status"),
    ({"steps": [[0, "chin-tuck", "done", 30.0], [0, "x", "done", 1]]},
     r"data.steps\[1\]: position"),
    ({"steps": [[True, "chin-tuck", "done", 30.0]]}, r"data.steps\[0\]: position"),
    ({"steps": [[1.0, "chin-tuck", "done", 30.0]]}, r"data.steps\[0\]: position"),
    ({"steps": [[0, "", "done", 30.0]]}, r"data.steps\[0\]: exercise"),
    ({"steps": [[0, "x" * 201, "done", 30.0]]}, r"data.steps\[0\]: exercise"),
    ({"steps": [[0, "chin-tuck", "Done", 30.0]]}, r"data.steps\[0\]: status"),
    ({"steps": [[0, "chin-tuck", "done", float("nan")]]}, r"data.steps\[0\]: seconds"),
    ({"steps": [[0, "chin-tuck", "done", float("inf")]]}, r"data.steps\[0\]: seconds"),
    ({"steps": [[0, "chin-tuck", "done", -1]]}, r"data.steps\[0\]: seconds"),
    ({"steps": [[0, "chin-tuck", "done", 86401]]}, r"data.steps\[0\]: seconds"),
    ({"steps": [[0, "chin-tuck", "done", True]]}, r"data.steps\[0\]: seconds"),
    ({"steps": [[0, "chin-tuck", "done"]]}, r"data.steps\[0\]: must be"),
    ({"steps": [{"0": 1}]}, r"data.steps\[0\]: must be"),
])
def test_a_bad_break_names_its_field(change: dict[str, Any], field: str) -> None:
    with pytest.raises(BadRecord, match=field):
        decode(_line(**change))


# -- the fast paths agree with the slow ones -------------------------------------------------

def _outcome(check: Any, data: dict[str, Any]) -> tuple[str, Any]:
    """What a check does to ``data``: the message it refuses with, or the data after it
    (a time in another form is rewritten in the journal's)."""
    try:
        check(data)
    except BadRecord as exc:
        return "refused", str(exc)
    return "ok", data


def _slow_break(data: dict[str, Any]) -> None:
    records._check_break_fields(data)
    records._check_steps(data)


_TIMES = st.sampled_from([
    T, "2026-03-04T09:30:00.000000+00:00", "2026-03-04T08:00:00.000000+00:00",
    "2026-02-30T09:00:00.000000+00:00", "2026-03-04T24:00:00.000000+00:00",
    "2026-03-04T10:00:00+01:00", "2026-03-04T09:00:00", "2026-03-04 09:00:00.000000+00:00",
    "yesterday", "", None, 5, ["x"], "9999-12-31T23:59:59.999999-01:00"])
_TEXTS = st.one_of(st.none(), st.sampled_from(["desk-reset", "", "x" * 200, "x" * 201,
                                                "desk\x00reset", "\x00"]),
                   st.integers(), st.lists(st.text(max_size=2), max_size=1))


_VALID = {"planned_at": None, "started_at": T, "ended_at": "2026-03-04T09:02:00.000000+00:00",
          "created_at": T, "routine_id": "desk-reset", "outcome": "done",
          "snooze_until": None, "home_session": None,
          "steps": [[0, "chin-tuck", "done", 30.0]]}
_CHANGES = {
    "planned_at": _TIMES, "started_at": _TIMES, "ended_at": _TIMES, "created_at": _TIMES,
    "snooze_until": _TIMES, "routine_id": _TEXTS, "home_session": _TEXTS,
    "outcome": st.sampled_from(["done", "snoozed", "skipped", "Done", None, 1, ["done"]]),
    "steps": st.sampled_from([[], [[0, "chin-tuck", "done", 30.0]], None, "x",
                              [[0, "chin-tuck", "done"]], [[0, "chin\x00tuck", "done", 30.0]]])}


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(sorted(_CHANGES)), min_size=1, max_size=3, unique=True)
       .flatmap(lambda names: st.fixed_dictionaries({n: _CHANGES[n] for n in names})),
       st.sets(st.sampled_from(sorted(_VALID)), max_size=2))
def test_the_quick_break_check_agrees_with_the_field_by_field_one(
        change: dict[str, Any], gone: set[str]) -> None:
    """A good break with one to three fields changed and some left out: the same refusal
    (the same message), or the same data."""
    data = {k: v for k, v in (_VALID | change).items() if k not in gone}
    assert _outcome(records._check_break, dict(data)) == _outcome(_slow_break, dict(data))


def _parsed(parse: Any, line: str | bytes) -> tuple[str, Any]:
    try:
        return "ok", parse(line)
    except (ValueError, RecursionError) as exc:
        return type(exc).__name__, str(exc)


_JSONISH = st.text(alphabet='{}[]":,. \t\n0123456789aenlrstuvx\\é\ufeff\x00\ud800',
                   max_size=40)


@settings(max_examples=500, deadline=None)
@given(st.one_of(
    _JSONISH, _JSONISH.map(lambda s: '{"' + s),
    st.recursive(st.none() | st.booleans() | st.floats(allow_nan=False) | st.text(max_size=5),
                 lambda inner: st.lists(inner, max_size=3)
                 | st.dictionaries(st.text(max_size=3), inner, max_size=3),
                 max_leaves=8).map(json.dumps)),
    st.sampled_from(["", " ", "utf-8", "utf-16", "garbage"]))
def test_reading_a_line_is_json_loads(text: str, form: str) -> None:
    """The same value or the same error as ``json.loads``, for text and for the bytes a
    file gives (UTF-8, a UTF-16 line, bytes that are no UTF-8 at all)."""
    raw = text.encode("utf-8", "surrogatepass")
    line: str | bytes = {"": text, " ": f" {text} ", "utf-8": raw,
                         "utf-16": text.encode("utf-16", "surrogatepass"),
                         "garbage": b'{"' + raw + b"\xff"}[form]
    assert _parsed(records.loads, line) == _parsed(json.loads, line)
