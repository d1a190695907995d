"""The handout and the clinician's report as PDFs: their text (pdftotext) is what a
patient and a clinician read."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from posture_coach import cli
from posture_coach.core import paths
from posture_coach.core.adherence import build_report
from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal, Outcome, StepRecord, StepStatus
from posture_coach.core.library import load_library_file
from posture_coach.core.program import Program, load_program
from posture_coach.report.adherence import write_report
from posture_coach.report.handout import build_html, write_handout
from tests.program_helpers import docs_example, write_program

TZ = ZoneInfo("Europe/Berlin")


def pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is needed"
    text = subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True, timeout=60).stdout
    for ligature, letters in (("\ufb00", "ff"), ("\ufb01", "fi"), ("\ufb02", "fl"),
                              ("\ufb03", "ffi"), ("\ufb04", "ffl")):
        text = text.replace(ligature, letters)
    return re.sub(r"[ \t]+", " ", text)


def pdf_pages(path: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True,
                          timeout=60).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    size = re.search(r"Page size:\s+(.*)", info).group(1)  # type: ignore[union-attr]
    return pages, size


def assert_handout_text(text: str, program: Program) -> None:
    for word in (program.clinic.name, program.clinic.phone, program.clinic.address,
                 program.clinic.clinician, program.title):
        assert " ".join(word.split()) in " ".join(text.split()), word
    flat = " ".join(text.split())
    for p in program.prescriptions:
        assert p.exercise.name in flat, p.exercise.name
        assert p.dose_text() in flat, p.dose_text()
        assert p.frequency() in flat, p.frequency()
        assert p.exercise.cautions[0] in flat
    assert "Evening session, every day at 19:00" in flat
    assert "Heat for 15 minutes, 2 times a day" in flat
    for note in program.safety_notes:
        assert note in flat


@pytest.mark.parametrize(("paper", "size"), [("a4", "(A4)"), ("letter", "(letter)")])
def test_handout_pdf(tmp_path: Path, qtbot: QtBot, paper: str, size: str) -> None:
    library = load_library_file(paths.bundled_library())
    program = load_program(write_program(tmp_path / "p"), library)
    out = write_handout(program, library, tmp_path / "handout.pdf", paper=paper)
    pages, page_size = pdf_pages(out)
    assert pages >= 2 and size in page_size
    text = pdf_text(out)
    assert_handout_text(text, program)
    assert "Get your back evaluated if" in text
    assert not list(tmp_path.glob(".handout*"))  # no temporary file left behind


def test_handout_escapes_text(tmp_path: Path, qtbot: QtBot) -> None:
    """The checks refuse markup; the handout escapes text anyway (a second guard)."""
    library = load_library_file(paths.bundled_library())
    program = load_program(write_program(tmp_path / "p"), library)
    from dataclasses import replace

    from posture_coach.core.program import Clinic

    odd = replace(program, clinic=Clinic("A < B & <b>C</b>", "1", "x", "y"))
    html = build_html(odd, library, {})
    assert "A &lt; B &amp; &lt;b&gt;C&lt;/b&gt;" in html and "<b>C</b>" not in html


def test_cli_print_and_report(tmp_path: Path, qtbot: QtBot,
                              capsys: pytest.CaptureFixture[str]) -> None:
    dirs = ["--config-dir", str(tmp_path / "cfg"), "--data-dir", str(tmp_path / "data")]
    source = write_program(tmp_path / "p")
    assert cli.main([*dirs, "program", "print", str(source), "--out",
                     str(tmp_path / "h.pdf"), "--paper", "letter"]) == 0
    assert "(letter)" in pdf_pages(tmp_path / "h.pdf")[1]
    assert cli.main([*dirs, "program", "import", "--yes", str(source)]) == 0
    # print an imported program by its id
    assert cli.main([*dirs, "program", "print", "2026-11-23-upper-back-home-program",
                     "--out", str(tmp_path / "h2.pdf")]) == 0
    assert "Riverside Physiotherapy" in pdf_text(tmp_path / "h2.pdf")
    # the command reads the real clock: record an hour ago
    clock = FakeClock(datetime.now(timezone.utc) - timedelta(hours=1))
    since = (clock.now() - timedelta(days=1)).date().isoformat()
    with Journal.open(tmp_path / "data" / "journal.sqlite3", clock) as j:
        j.record_break(planned_at=None, started_at=clock.now(),
                       ended_at=clock.now() + timedelta(minutes=2),
                       routine_id="program-desk-break", outcome=Outcome.DONE,
                       steps=[StepRecord(0, "chin-tuck", StepStatus.DONE, 30.0)])
        j.record_pain(at=clock.now(), rating=4, note="better after the walk")
    assert cli.main([*dirs, "report", "--since", since, "--out",
                     str(tmp_path / "r.csv")]) == 0
    csv_text = (tmp_path / "r.csv").read_text(encoding="utf-8")
    assert "chin-tuck,Chin tucks," in csv_text and "better after the walk" in csv_text
    assert cli.main([*dirs, "report", "--since", since, "--out",
                     str(tmp_path / "r.pdf")]) == 0
    text = " ".join(pdf_text(tmp_path / "r.pdf").split())
    assert "Home program adherence report" in text
    assert "Upper back home program" in text and "Chin tucks" in text
    assert "better after the walk" in text and "Breaks per day" in text


def test_report_pdf_with_pain_chart(tmp_path: Path, qtbot: QtBot) -> None:
    library = load_library_file(paths.bundled_library())
    program = load_program(write_program(tmp_path / "p", docs_example()), library)
    start = datetime(2026, 11, 23, 9, tzinfo=TZ)
    clock = FakeClock(start + timedelta(days=13))
    with Journal.open(tmp_path / "j.sqlite3", clock) as j:
        for day in range(14):
            j.record_pain(at=start + timedelta(days=day), rating=max(0, 7 - day // 2),
                          note="first day" if day == 0 else None)
        report = build_report(j, program, clock.now(), TZ)
    from posture_coach.report.adherence import pain_chart

    chart = pain_chart(report)
    # black dots on white: the chart is drawn, and readable without colour
    dark = sum(1 for x in range(0, chart.width(), 4) for y in range(0, chart.height(), 4)
               if chart.pixelColor(x, y).lightness() < 80)
    assert dark > 50
    out = write_report(report, tmp_path / "report.pdf")
    text = pdf_text(out)
    assert "first day" in text, text


def test_cli_report_on_day_one(tmp_path: Path, qtbot: QtBot,
                               capsys: pytest.CaptureFixture[str]) -> None:
    """Before anything is recorded the report is written: the prescription with zeros (for
    the PT preparing the first review), and no journal file is created for it."""
    dirs = ["--config-dir", str(tmp_path / "cfg"), "--data-dir", str(tmp_path / "data")]
    journal = tmp_path / "data" / "journal.sqlite3"
    # no program, no journal: a report that says so
    assert cli.main([*dirs, "report", "--out", str(tmp_path / "none.pdf")]) == 0
    assert "No home program is active." in " ".join(pdf_text(tmp_path / "none.pdf").split())
    assert "Nothing is recorded" in capsys.readouterr().out
    assert cli.main([*dirs, "program", "import", "--yes",
                     str(write_program(tmp_path / "p"))]) == 0
    assert not journal.exists()
    assert cli.main([*dirs, "report", "--out", str(tmp_path / "r.csv")]) == 0
    assert not journal.exists()
    rows = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8"))))
    chin = next(row for row in rows if row and row[0] == "chin-tuck")
    assert chin[1] == "Chin tucks" and int(chin[2]) > 0 and chin[3] == "0"
    assert cli.main([*dirs, "report", "--out", str(tmp_path / "r.pdf")]) == 0
    assert not journal.exists()
    text = " ".join(pdf_text(tmp_path / "r.pdf").split())
    assert "Upper back home program" in text and "Chin tucks" in text
    assert re.search(r"Chin tucks \d+ 0 0%", text)  # prescribed, none done yet


@pytest.mark.parametrize(("env", "line", "expected"), [
    ({"LC_ALL": "en_AU.UTF-8"}, None, "Call 000 or seek emergency care now"),
    ({"LC_ALL": "en_US.UTF-8"}, '  emergency_number: "111"', "Call 111 or seek emergency care"),
    ({"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}, None,
     "Call your local emergency number or seek emergency care now"),
])
def test_handout_gives_the_right_emergency_number(
        tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
        env: dict[str, str], line: str | None, expected: str) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    library = load_library_file(paths.bundled_library())
    text = docs_example()
    if line is not None:
        text = text.replace("  clinician: Dana Lee, PT\n", f"  clinician: Dana Lee, PT\n{line}\n")
    program = load_program(write_program(tmp_path / "p", text), library)
    out = tmp_path / "h.pdf"
    write_handout(program, library, out)
    flat = " ".join(pdf_text(out).split())
    assert expected in flat
    assert "{emergency_number}" not in flat and "911" not in flat.replace(expected, "")


def test_handout_has_the_urgent_care_line_under_its_heading(tmp_path: Path,
                                                            qtbot: QtBot) -> None:
    library = load_library_file(paths.bundled_library())
    assert library.safety is not None and library.safety.urgent_care
    program = load_program(write_program(tmp_path / "p"), library)
    out = tmp_path / "h.pdf"
    write_handout(program, library, out)
    flat = " ".join(pdf_text(out).split())
    line = " ".join(library.safety.urgent_care[0].split())
    assert f"Urgent care: {line}" in flat


def test_a_handout_with_every_library_exercise(tmp_path: Path, qtbot: QtBot,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Every exercise of the shipped library, printed with `posture-coach program print`:
    the PDF's text holds each one's name, dose and every caution."""
    library = load_library_file(paths.bundled_library())
    lines = ["program: 1", "title: Every exercise", "clinic:", "  name: Harbour Physio",
             "  phone: +1 555 0100", "  address: 1 Quay Street", "  clinician: Sam Okafor, PT",
             "start: 2026-11-23", "exercises:"]
    lines += [f"  - exercise: {ex.id}" for ex in library.exercises]
    lines += ["desk_break: [" + ", ".join(ex.id for ex in library.exercises) + "]"]
    source = tmp_path / "every.yaml"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    program = load_program(source, library)
    assert len(program.prescriptions) == len(library.exercises) >= 39
    out = tmp_path / "every.pdf"
    dirs = ["--config-dir", str(tmp_path / "config"), "--data-dir", str(tmp_path / "data")]
    assert cli.main([*dirs, "program", "print", str(source), "--out", str(out)]) == 0
    flat = " ".join(pdf_text(out).split())
    for p in program.prescriptions:
        assert p.exercise.name in flat, p.exercise.name
        assert p.dose_text() in flat, (p.exercise.id, p.dose_text())
        for caution in p.exercise.cautions:
            assert " ".join(caution.split()) in flat, (p.exercise.id, caution)
