"""The pieces that read and show what comes from outside (issue 15): the bounded reader
(``core/safefile``), control and bidi characters and the terminal sanitiser
(``core/safetext``), SVG references (``core/drawings``), and the data folder's
no-follow helpers (``core/datafiles``)."""

from __future__ import annotations

import io
import os
import re
import stat
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posture_coach.core import datafiles
from posture_coach.core.drawings import svg_reference_problems
from posture_coach.core.errors import ValidationError
from posture_coach.core.safefile import (
    UnusualTarget,
    check_target,
    clean_stale_temps,
    read_bounded,
)
from posture_coach.core.safetext import SafeStream, for_terminal, text_problem

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
                 "\u2028\u2029]")


# --- the bounded reader ---------------------------------------------------------------


def test_reads_a_regular_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 5000)
    assert read_bounded(path, 5000) == b"x" * 5000


def test_refuses_more_than_the_bound_even_when_the_size_lies(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 5001)
    with pytest.raises(ValidationError, match="larger than"):
        read_bounded(path, 5000)


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder", "socket"])
def test_refuses_what_is_not_a_regular_file_without_blocking(tmp_path: Path, kind: str
                                                             ) -> None:
    path = tmp_path / "f"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    else:
        import socket

        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
        sock.close()
    start = time.monotonic()
    with pytest.raises(ValidationError) as exc:
        read_bounded(path, 1024, "shown.yaml")
    assert time.monotonic() - start < 1
    message = str(exc.value.problems[0])
    assert message.startswith("shown.yaml: ")
    assert "regular file" in message or "folder" in message or "socket" in message


def test_follow_false_refuses_a_link(tmp_path: Path) -> None:
    (tmp_path / "real").write_text("x")
    (tmp_path / "link").symlink_to("real")
    assert read_bounded(tmp_path / "link", 10) == b"x"
    with pytest.raises(ValidationError, match="symbolic link"):
        read_bounded(tmp_path / "link", 10, follow=False)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="file not found"):
        read_bounded(tmp_path / "none", 10)


# --- where the app is told to write -----------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "link", "dangling", "folder"])
def test_check_target_refuses_what_a_rename_would_replace(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "out"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "link":
        (tmp_path / "victim").write_text("v")
        path.symlink_to("victim")
    elif kind == "dangling":
        path.symlink_to("nowhere")
    else:
        path.mkdir()
    with pytest.raises(UnusualTarget, match="Nothing was written"):
        check_target(path)


def test_check_target_takes_a_new_name_or_a_regular_file(tmp_path: Path) -> None:
    check_target(tmp_path / "new")
    (tmp_path / "old").write_text("x")
    check_target(tmp_path / "old")


def test_stale_temps_only_old_ones_of_our_pattern(tmp_path: Path) -> None:
    old = time.time() - 3600
    names = {".export.json.ab12cd34.tmp": True, ".x.ab12cd34.tmp.keep": False,
             "export.json": False, ".export.json.short.tmp": False}
    for name in names:
        (tmp_path / name).write_text("x")
        os.utime(tmp_path / name, (old, old))
    (tmp_path / ".fresh.ab12cd34.tmp").write_text("x")  # a write in progress
    (tmp_path / ".link.ab12cd34.tmp").symlink_to("export.json")
    removed = {Path(p).name for p in clean_stale_temps(tmp_path)}
    assert removed == {n for n, gone in names.items() if gone}
    assert (tmp_path / ".fresh.ab12cd34.tmp").exists()
    assert (tmp_path / ".link.ab12cd34.tmp").is_symlink()
    assert clean_stale_temps(tmp_path, "other") == []


# --- control and bidi characters ------------------------------------------------------


@pytest.mark.parametrize("text", ["a\x1b[2Jb", "\u202egnp.exe", "a\x00b", "a\x9bb", "a\x7fb",
                                  "a\u2066b", "a\u2028b", "a\rb"])
def test_text_problem_names_the_character(text: str) -> None:
    found = text_problem(text)
    assert found is not None
    index, message = found
    assert message.startswith("contains ") and "U+" in message
    assert index == RAW.search(text).start()  # type: ignore[union-attr]


def test_line_breaks_only_where_text_may_have_lines() -> None:
    assert text_problem("one\ntwo\tthree") is None
    assert text_problem("one\ntwo", one_line=True) is not None
    assert text_problem("Café, niño, 東京, emoji 🙂") is None


@given(st.text())
def test_the_terminal_never_gets_a_raw_control_character(text: str) -> None:
    shown = for_terminal(text)
    assert not RAW.search(shown)
    assert for_terminal(shown) == shown  # idempotent
    if not RAW.search(text):
        assert shown == text


@given(st.text())
def test_text_problem_is_none_exactly_for_clean_text(text: str) -> None:
    assert (text_problem(text) is None) == (not RAW.search(text))


def test_safe_stream_escapes_what_is_written() -> None:
    raw = io.StringIO()
    stream = SafeStream(raw)
    stream.write("title \x1b]0;pwned\x07 ok\n")
    assert raw.getvalue() == "title \\x1b]0;pwned\\x07 ok\n"
    assert stream.getvalue() == raw.getvalue()  # everything else passes through


# --- SVG references ---------------------------------------------------------------------


@pytest.mark.parametrize("body", [
    '<image href="../x.png"/>', "<image xlink:href='/etc/x.png'/>", '<use href="b.svg#a"/>',
    '<rect style="fill:url(file:///x)"/>', "<style>@import 'x.css';</style>",
    '<feImage href="http://h/x"/>', '<script src="x.js"/>'])
def test_an_outside_reference_is_located(body: str) -> None:
    text = '<svg xmlns="http://www.w3.org/2000/svg">\n  ' + body + "\n</svg>\n"
    problems = svg_reference_problems(text, "d.svg")
    assert problems
    assert problems[0].location.file == "d.svg" and problems[0].location.line == 2


def test_inner_references_pass() -> None:
    text = ('<svg xmlns="http://www.w3.org/2000/svg"><defs><g id="a"/></defs>'
            '<use href="#a"/><use xlink:href=" #a"/><rect fill="url(#a)"/></svg>')
    assert svg_reference_problems(text, "d.svg") == []


def test_the_shipped_drawings_refer_to_nothing_outside() -> None:
    from tests.helpers import REPO

    for path in (REPO / "assets").rglob("*.svg"):
        assert svg_reference_problems(path.read_text(encoding="utf-8"), str(path)) == []


# --- the data folder -------------------------------------------------------------------


def test_make_private_changes_only_our_regular_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "logs").mkdir(parents=True)
    victim = tmp_path / "victim.txt"
    victim.write_text("theirs")
    os.chmod(victim, 0o644)
    (data / "journal.sqlite3.bak-v1").symlink_to(victim)
    (data / "logs" / "posture-coach.log").write_text("ours")
    os.chmod(data / "logs" / "posture-coach.log", 0o644)
    datafiles.make_private(data)
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert stat.S_IMODE((data / "logs" / "posture-coach.log").stat().st_mode) == 0o600
    assert stat.S_IMODE((data / "cache").stat().st_mode) == 0o700


def test_our_files_never_look_behind_a_link(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.log").write_text("x")
    (data / "logs").symlink_to(other)
    assert datafiles.our_files(data) == []
    assert datafiles.our_links(data) == [data / "logs"]
