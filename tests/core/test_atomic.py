"""Atomic writes: the old file or the whole new one, never a part; no temporary left."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from posture_coach.core.atomic import atomic_path, write_atomic


def test_write_replaces_whole_with_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "settings.yaml"
    target.write_text("old")
    write_atomic(target, "new ✓\n")
    assert target.read_text(encoding="utf-8") == "new ✓\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    write_atomic(target, b"\x00bytes", 0o644)
    assert target.read_bytes() == b"\x00bytes"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.yaml"]


def test_an_error_in_the_block_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "program.yaml"
    target.write_text("old")
    with pytest.raises(ValueError), atomic_path(target) as temp:
        temp.write_text("half")
        raise ValueError("the check refused it")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["program.yaml"]


def test_a_missing_folder_is_an_error_not_a_stray_file(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_atomic(tmp_path / "nowhere" / "file", "x")
