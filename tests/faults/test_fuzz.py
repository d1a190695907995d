"""Fuzzing with hypothesis, bounded by example counts (about 10 s in all): the YAML
loader, the settings and library readers and the command channel's request parser.
Any exception other than the documented one (ValidationError for files, CommandError
for requests) is a failing test.

``POSTURE_COACH_FUZZ_EXAMPLES`` raises the counts for a longer run outside CI.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from posture_coach.core.commands import (
    COMMANDS,
    MAX_REQUEST_BYTES,
    CommandError,
    Request,
    parse_request,
)
from posture_coach.core.errors import ValidationError
from posture_coach.core.library import Library, parse_library
from posture_coach.core.settings import Settings, parse_settings
from posture_coach.core.yaml import Problems, decode, parse
from tests.helpers import write_library

N = int(os.environ.get("POSTURE_COACH_FUZZ_EXAMPLES", "250"))
fuzz = settings(max_examples=N, deadline=None)

YAML_BITS = ["- ", ": ", "&a ", "*a", "&b ", "*b", "!!str ", "!!python/object ", "!x ",
             "[", "]", "{", "}", ", ", "\n", "  ", "'", '"', "# c", "---\n", "...\n",
             "<<: ", "? ", "|\n", ">\n", "%YAML 1.1\n", "%TAG ! x\n", "\t", "\x00", "\ufeff",
             "\x85", "version", "interval_min", "work_days", "exercises", "routines", "id",
             "1", "-1", "1e999", ".nan", "0x1F", "0o17", "yes", "no", "null", "~",
             "2026-11-23", "12:30", "é", "\U0001f600", "\\", "%", "@", "`"]
yaml_ish = st.lists(st.sampled_from(YAML_BITS), max_size=40).map("".join)
any_text = st.one_of(yaml_ish, st.text(max_size=200))

SETTING_FIELDS = ["version", "interval_min", "work_days", "work_start", "work_end",
                  "notice_s", "natural_break_min", "idle_detection", "routine",
                  "snooze_minutes", "notifications", "sound", "volume", "fullscreen_breaks"]
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
              st.floats(allow_nan=False), st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=10)


def parse_or_refuse(text: str, name: str = "fuzz.yaml") -> object:
    try:
        return parse(text, name)
    except ValidationError as exc:
        assert exc.problems and all(str(p).startswith(name) for p in exc.problems)
        return None


@fuzz
@given(any_text)
def test_yaml_loader(text: str) -> None:
    parse_or_refuse(text)


@fuzz
@given(st.binary(max_size=300))
def test_decoding_bytes(data: bytes) -> None:
    try:
        text = decode(data, "fuzz.yaml")
    except ValidationError as exc:
        assert str(exc.problems[0]).startswith("fuzz.yaml:")
        return
    parse_or_refuse(text)


@fuzz
@given(st.one_of(any_text, st.dictionaries(st.sampled_from(SETTING_FIELDS), json_values,
                                           max_size=8).map(yaml.safe_dump)))
def test_settings_reader(text: str) -> None:
    root = parse_or_refuse(text)
    if root is None:
        return
    problems = Problems()
    result = parse_settings(root, problems)
    assert isinstance(result, Settings)
    for problem in problems.items:
        assert str(problem).startswith("fuzz.yaml:")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fuzzlib")
    write_library(folder)
    return folder


@fuzz
@given(text=any_text)
def test_library_reader(base: Path, text: str) -> None:
    root = parse_or_refuse(text)
    if root is None:
        return
    try:
        assert isinstance(parse_library(root, "fuzz.yaml", base), Library)
    except ValidationError as exc:
        assert exc.problems and all(str(p).startswith("fuzz.yaml") for p in exc.problems)


def requests() -> st.SearchStrategy[bytes]:
    shaped = st.fixed_dictionaries(
        {"cmd": st.one_of(st.sampled_from(COMMANDS), json_values)},
        optional={"minutes": json_values, "for": json_values, "routine": json_values,
                  "path": json_values, "extra": json_values})
    as_json = st.one_of(shaped, json_values).map(
        lambda v: json.dumps(v).encode() + b"\n")
    return st.one_of(as_json, st.binary(max_size=MAX_REQUEST_BYTES + 20),
                     st.text(max_size=100).map(lambda t: t.encode("utf-8", "surrogatepass")),
                     as_json.map(lambda b: b[:-1]), as_json.map(lambda b: b[: len(b) // 2]))


@fuzz
@given(requests())
def test_request_parser(line: bytes) -> None:
    try:
        request = parse_request(line)
    except CommandError as exc:
        assert str(exc)
        return
    assert isinstance(request, Request) and request.cmd in COMMANDS
    assert parse_request(request.to_line()) == request  # what it accepts, it can send
