"""A break's record from the folder: every step field checked, and a value of the wrong
type (a list where text belongs) refused with its field, never a crash."""

from __future__ import annotations

import json
from typing import Any

import pytest

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
