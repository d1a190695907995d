"""`posture-coach FILE` (a double-click) with a program package: the preview shows what
importing it would change, and a hostile package shows its located refusal instead."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from posture_coach.cli import program_cli
from posture_coach.ui.import_preview import ImportPreviewDialog
from tests.faults.test_package import _good_entries, _link, _zip


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[ImportPreviewDialog]:
    dialogs: list[ImportPreviewDialog] = []

    def record(self: ImportPreviewDialog) -> int:  # instead of waiting for a person
        dialogs.append(self)
        return 0

    monkeypatch.setattr(ImportPreviewDialog, "exec", record)
    return dialogs


def open_window(archive: Path, tmp_path: Path) -> int:
    return program_cli._open_window(archive, argparse.Namespace(language="en"),
                                    tmp_path / "config", tmp_path / "data")


def test_a_package_opens_in_the_preview(qapp, tmp_path: Path,  # type: ignore[no-untyped-def]
                                        shown: list[ImportPreviewDialog]) -> None:
    archive = _zip(tmp_path / "p.pcprogram", _good_entries())
    assert open_window(archive, tmp_path) == program_cli.EXIT_CANCELLED  # shown, not taken
    assert len(shown) == 1 and shown[0].import_button is not None
    assert not (tmp_path / "data" / "programs").exists() or \
        not any((tmp_path / "data" / "programs").iterdir())


def test_a_hostile_package_shows_its_refusal(qapp, tmp_path: Path,  # type: ignore[no-untyped-def]
                                             shown: list[ImportPreviewDialog],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    archive = _zip(tmp_path / "bad.pcprogram",
                   [*_good_entries(), (_link("x.svg", "/etc/passwd"), b"")])
    assert open_window(archive, tmp_path) == program_cli.EXIT_PROBLEMS
    assert len(shown) == 1 and shown[0].import_button is None
    texts = [shown[0].lines.item(i).text() for i in range(shown[0].lines.count())]
    assert any("bad.pcprogram" in t and "x.svg" in t for t in texts), texts
    assert "bad.pcprogram" in capsys.readouterr().err
