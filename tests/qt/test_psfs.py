"""The Patient-Specific Functional Scale on screen: the rating dialog, the wired app asking
when due (notification + dialog, skip remembered, never during a break), History's trend
(following the light or dark theme) and the clinician's report with the reference."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posture_coach import cli
from posture_coach.core import paths
from posture_coach.core.adherence import build_report, to_csv
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal
from posture_coach.core.journal.psfs import PsfsRecord, psfs_since, record_psfs
from posture_coach.core.library import load_library_file
from posture_coach.core.program import load_program
from posture_coach.core.psfs import SKIPPED_KEY, summarize
from posture_coach.shell.app import PostureCoachApp
from posture_coach.ui.history_window import HistoryWindow
from posture_coach.ui.psfs_dialog import PsfsDialog
from tests.program_helpers import docs_example, write_program
from tests.qt.apphelpers import FakeNotifier, build_app
from tests.qt.test_handout import pdf_text

TZ = ZoneInfo("Europe/Berlin")
START_10 = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)  # the docs example's start day
OUTCOMES = ("outcomes:\n  psfs:\n    - Lifting my toddler\n    - Driving for 30 minutes\n"
            "  every_days: 7\n")


def program_file(folder: Path) -> Path:
    return write_program(folder, docs_example() + OUTCOMES)


# ---------------------------------------------------------------- the dialog
def test_dialog_rates_each_activity_and_answers_once(qtbot: QtBot) -> None:
    dialog = PsfsDialog(["Lifting <b>my</b> toddler", "Driving"], {"Driving": 4})
    qtbot.addWidget(dialog)
    rated: list[list] = []
    skipped: list[bool] = []
    dialog.rated.connect(rated.append)
    dialog.skipped.connect(lambda: skipped.append(True))
    from PySide6.QtWidgets import QLabel

    names = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Lifting <b>my</b> toddler" in names and "last time: 4" in names
    shown = next(label for label in dialog.findChildren(QLabel)
                 if label.text().startswith("Lifting"))
    assert shown.textFormat() == Qt.TextFormat.PlainText  # program text, never markup
    assert dialog.boxes[1].value() == 4 and dialog.boxes[0].value() == 5
    assert dialog.boxes[0].accessibleName() == "Lifting <b>my</b> toddler: rating from 0 to 10"
    dialog.boxes[0].setValue(2)
    dialog.boxes[1].setValue(11)  # clamped by the box
    dialog.save_button.click()
    assert rated == [[("Lifting <b>my</b> toddler", 2), ("Driving", 10)]] and not skipped
    dialog.reject()  # closing after saving is not a skip
    assert not skipped


def test_escape_or_close_is_a_skip(qtbot: QtBot) -> None:
    dialog = PsfsDialog(["Driving"])
    qtbot.addWidget(dialog)
    dialog.show()
    skipped: list[bool] = []
    dialog.skipped.connect(lambda: skipped.append(True))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert skipped == [True] and not dialog.isVisible()


# ---------------------------------------------------------------- the wired app
@pytest.fixture
def running(tmp_path: Path, qtbot: QtBot) -> Iterator[tuple[PostureCoachApp, FakeClock,
                                                             FakeNotifier]]:
    clock = FakeClock(START_10)
    notifier = FakeNotifier()
    app = build_app(tmp_path, clock, TZ, notifier)
    QApplication.processEvents()  # the check at start: no program yet, nothing asked
    assert app.psfs_dialog is None
    app.import_program(program_file(tmp_path / "clinic"))
    assert app.program is not None and app.program.outcomes is not None
    yield app, clock, notifier
    app.quit()


def test_asked_at_the_start_then_every_week(running, qtbot: QtBot) -> None:  # type: ignore
    app, clock, notifier = running
    app.psfs.check()
    dialog = app.psfs_dialog
    assert isinstance(dialog, PsfsDialog) and dialog.isVisible()
    assert dialog.activities == ("Lifting my toddler", "Driving for 30 minutes")
    assert notifier.sent[-1][0] == "How are your activities going?"
    assert "rate 2 activities" in notifier.sent[-1][1]
    dialog.boxes[0].setValue(3)
    dialog.boxes[1].setValue(6)
    dialog.save_button.click()
    stored = psfs_since(app.journal)
    assert [(r.activity, r.rating) for r in stored] == [("Lifting my toddler", 3),
                                                        ("Driving for 30 minutes", 6)]
    assert stored[0].at == START_10
    qtbot.waitUntil(lambda: app.psfs_dialog is None)  # closed and deleted
    sent = len(notifier.sent)
    clock.advance(timedelta(days=6, hours=23).total_seconds())
    app.psfs.check()
    assert app.psfs_dialog is None and len(notifier.sent) == sent  # not yet
    clock.advance(timedelta(hours=2).total_seconds())
    app.psfs.check()
    assert app.psfs_dialog is None  # a break is due right now: it comes first
    app.break_away()  # taken; the next one is 40 minutes away
    app.psfs.check()
    again = app.psfs_dialog
    assert isinstance(again, PsfsDialog)
    assert again.boxes[1].value() == 6  # starts from the last rating


def test_a_skip_is_remembered_until_the_next_due_time(running, qtbot: QtBot) -> None:  # type: ignore
    app, clock, _notifier = running
    app.psfs.check()
    app.psfs_dialog.skip_button.click()
    assert app.journal.get_state(SKIPPED_KEY) == START_10.isoformat()
    assert psfs_since(app.journal) == []
    qtbot.waitUntil(lambda: app.psfs_dialog is None)
    clock.advance(timedelta(days=1).total_seconds())
    app.psfs.check()
    assert app.psfs_dialog is None
    # skipped on the start day: asked again a week after the start
    clock.advance(timedelta(days=6).total_seconds())
    app.break_away()
    app.psfs.check()
    assert isinstance(app.psfs_dialog, PsfsDialog)


def test_never_during_a_break(running, qtbot: QtBot) -> None:  # type: ignore
    app, _clock, notifier = running
    app.break_now(app.routine_id)
    assert app.break_window is not None
    app.psfs.check()
    assert app.psfs_dialog is None
    assert not any(t == "How are your activities going?" for t, _m in notifier.sent)


def test_a_break_hides_the_open_dialog_until_it_is_over(running,  # type: ignore
                                                        qtbot: QtBot) -> None:
    app, _clock, _notifier = running
    app.psfs.check()
    dialog = app.psfs_dialog
    dialog.boxes[0].setValue(8)
    app.break_now(app.routine_id)
    assert not dialog.isVisible() and not dialog.answered  # out of the break's way
    app.psfs.check()  # the tick during the break: still hidden
    assert not dialog.isVisible()
    assert app.journal.get_state(SKIPPED_KEY) is None and psfs_since(app.journal) == []
    app.break_window.snooze_button.click()
    qtbot.waitUntil(lambda: app.break_window is None)
    app.psfs.check()  # after the break: back as it was left
    assert app.psfs_dialog is dialog and dialog.isVisible() and dialog.boxes[0].value() == 8


def test_history_shows_the_trend(running, qtbot: QtBot) -> None:  # type: ignore
    app, clock, _notifier = running
    record_psfs(app.journal, START_10, [("Lifting my toddler", 3), ("Driving for 30 minutes", 6)])
    record_psfs(app.journal, START_10 + timedelta(days=7), [("Lifting my toddler", 7),
                                                           ("Driving for 30 minutes", 6)])
    clock.advance(timedelta(days=8).total_seconds())
    app.show_history()
    window = app.history_window
    assert window.tabs.isTabVisible(window.tabs.indexOf(window.psfs_tab))
    table = window.psfs_table
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert rows == [["Lifting my toddler", "3 (2026-11-23)", "7 (2026-11-30)", "+4"],
                    ["Driving for 30 minutes", "6 (2026-11-23)", "6 (2026-11-30)", "0"]]
    series = window.psfs_chart.series()
    assert [s.name() for s in series] == ["Lifting my toddler", "Driving for 30 minutes"]
    assert [p.y() for p in series[0].points()] == [3.0, 7.0]


def test_history_chart_follows_the_dark_theme(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtGui import QPalette

    from posture_coach.core import stats
    from posture_coach.ui import theme

    summary = summarize([PsfsRecord(1, START_10, "Driving", 4),
                         PsfsRecord(2, START_10 + timedelta(days=7), "Driving", 6)])
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        for name in ("dark", "light"):
            theme.apply_theme(app, name)
            with Journal.open(tmp_path / f"{name}.sqlite3", FakeClock(START_10)) as j:
                data = stats.history(j, _schedule(), TZ, START_10)
            window = HistoryWindow(data, TZ, psfs=summary)
            qtbot.addWidget(window)
            palette = window.palette()
            for chart in (window.psfs_chart, window.breaks_chart):  # the window's colours
                assert chart.backgroundBrush().color() == \
                    palette.color(QPalette.ColorRole.Window), name
                assert chart.legend().labelColor() == \
                    palette.color(QPalette.ColorRole.WindowText), name
                assert all(axis.labelsColor() == palette.color(QPalette.ColorRole.WindowText)
                           for axis in chart.axes()), name
    finally:
        theme.apply_theme(app, "system")


def _schedule():  # type: ignore[no-untyped-def]
    from posture_coach.core.settings import Settings

    return Settings().schedule(None)


# ---------------------------------------------------------------- the report
def test_report_table_with_the_reference(tmp_path: Path, qtbot: QtBot) -> None:
    from posture_coach.report.adherence import build_html, write_report

    library = load_library_file(paths.bundled_library())
    program = load_program(program_file(tmp_path / "p"), library)
    clock = FakeClock(START_10 + timedelta(days=14))
    with Journal.open(tmp_path / "j.sqlite3", clock) as j:
        record_psfs(j, START_10, [("Lifting my toddler", 3), ("Driving for 30 minutes", 6)])
        record_psfs(j, START_10 + timedelta(days=14), [("Lifting my toddler", 7),
                                                       ("Driving for 30 minutes", 7)])
        report = build_report(j, program, clock.now(), TZ)
    assert report.psfs.average_change == pytest.approx(2.5)
    text = " ".join(pdf_text(write_report(report, tmp_path / "r.pdf")).split())
    assert "Patient-Specific Functional Scale (0-10)" in text
    assert "3 (2026-11-23) 7 (2026-12-07) +4 yes" in text, text  # the name may wrap
    assert "6 (2026-11-23) 7 (2026-12-07) +1 minutes" in text
    html = build_html(report)
    assert ("<tr><td>Lifting my toddler</td><td>3 (2026-11-23)</td><td>7 (2026-12-07)</td>"
            "<td>+4</td><td>yes</td></tr>") in html
    assert ("<tr><td>Driving for 30 minutes</td><td>6 (2026-11-23)</td><td>7 (2026-12-07)"
            "</td><td>+1</td><td></td></tr>") in html
    assert "Average 4.5 7.0 +2.5 yes" in text
    assert "Stratford et al. 1995, Physiotherapy Canada" in text
    assert "not a diagnosis" in text
    rows = list(csv.reader(io.StringIO(to_csv(report))))
    assert ["Lifting my toddler", "3", "2026-11-23", "7", "2026-12-07", "4", "2"] in rows


def test_report_says_when_nothing_was_rated_yet(tmp_path: Path, qtbot: QtBot) -> None:
    from posture_coach.report.adherence import build_html

    library = load_library_file(paths.bundled_library())
    program = load_program(program_file(tmp_path / "p"), library)
    with Journal.open(tmp_path / "j.sqlite3", FakeClock(START_10)) as j:
        html = build_html(build_report(j, program, START_10, TZ))
    assert "Patient-Specific Functional Scale" in html and "No activity ratings yet." in html
    plain = load_program(write_program(tmp_path / "q"), library)
    with Journal.open(tmp_path / "k.sqlite3", FakeClock(START_10)) as j:
        assert "Patient-Specific" not in build_html(build_report(j, plain, START_10, TZ))


def test_cli_report_carries_the_psfs(tmp_path: Path, qtbot: QtBot,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    dirs = ["--config-dir", str(tmp_path / "cfg"), "--data-dir", str(tmp_path / "data")]
    assert cli.main([*dirs, "program", "import", "--yes",
                     str(program_file(tmp_path / "p"))]) == 0
    with Journal.open(tmp_path / "data" / "journal.sqlite3", FakeClock(START_10)) as j:
        record_psfs(j, START_10, [("Driving for 30 minutes", 2)])
    assert cli.main([*dirs, "report", "--out", str(tmp_path / "r.pdf")]) == 0
    text = " ".join(pdf_text(tmp_path / "r.pdf").split())
    assert "2 (2026-11-23) 2 (2026-11-23) 0" in text
    assert "minimal clinically important difference" in text


def test_the_editor_shows_the_activities_and_keeps_them(tmp_path: Path, qtbot: QtBot) -> None:
    from posture_coach.core.program_writer import save_program
    from posture_coach.ui.program_editor import ProgramEditor

    library = load_library_file(paths.bundled_library())
    program = load_program(program_file(tmp_path / "p"), library)
    editor = ProgramEditor(library, program)
    qtbot.addWidget(editor)
    assert not editor.psfs_label.isHidden()
    assert "every 7 days" in editor.psfs_label.text()
    assert "Lifting my toddler, Driving for 30 minutes" in editor.psfs_label.text()
    saved = save_program(tmp_path / "p" / "edited.yaml", editor.draft(), library)
    assert saved.outcomes == program.outcomes
