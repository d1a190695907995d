"""The handout's pages as a patient holds them: a program with every exercise of the
shipped library (so page breaks really happen), printed on A4 and Letter, in English and
Spanish, read back page by page with poppler's tools (pdftotext, pdfimages, pdfinfo)."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from posture_coach.core import paths
from posture_coach.core.library import Library, load_library_file
from posture_coach.core.program import Program, load_program
from posture_coach.report.handout import BOX, write_handout

EXERCISE_ROW = re.compile(r"^(\d+)\. ")


def poppler(tool: str, *args: str) -> str:
    exe = shutil.which(tool)
    assert exe, f"{tool} (poppler-utils) is needed"
    return subprocess.run([exe, *args], capture_output=True, text=True, check=True,
                          timeout=60).stdout


def every_exercise_yaml(library: Library, *, emergency: str | None = None) -> str:
    """A long program: every library exercise, 1 to 4 times a day, with notes on some,
    a home session, ice/heat, the PT's safety notes and a review date."""
    lines = ["program: 1", "title: Every exercise", "clinic:", "  name: Harbour Physio",
             '  phone: "+61 2 5550 0100"', "  address: 1 Quay Street, Sydney",
             "  clinician: Sam Okafor, PT"]
    if emergency:
        lines.append(f'  emergency_number: "{emergency}"')
    lines += ["patient: Alex", "start: 2026-11-25", "review: 2026-12-23", "exercises:"]
    for i, ex in enumerate(library.exercises):
        lines += [f"  - exercise: {ex.id}", f"    times_per_day: {1 + i % 4}"]
        if i % 5 == 2:
            lines += ["    days_per_week: 5",
                      "    notes: Go gently on the first days; a little stiffness is fine.",
                      "    progression: After a week, add one more set if it feels easy."]
    ids = [ex.id for ex in library.exercises]
    lines += ["desk_break: [" + ", ".join(ids[:6]) + "]",
              "home_sessions:", "  - id: evening", "    name: Evening session",
              '    at: "19:00"', "    days: every day",
              "    exercises: [" + ", ".join(ids[6:]) + "]",
              "ice_heat:", "  mode: heat", "  minutes: 15", "  times_per_day: 2",
              "safety_notes:",
              "  - Stop any exercise that causes pain spreading into the arm, and call us.",
              "  - Mild soreness the next day is normal; sharp pain is not."]
    return "\n".join(lines) + "\n"


@dataclass
class Printed:
    pdf: Path
    program: Program
    library: Library
    pages: list[str]
    """Each page's text (pdftotext -layout), the footer line taken off."""
    footers: list[str]
    doses: dict[str, str]
    """Each exercise's dose as printed (in the handout's language)."""
    heat: str
    """The ice/heat plan's row on the tick sheet."""

    def flat(self, page: int) -> str:
        return " ".join(self.pages[page].split())


def read_pages(pdf: Path) -> tuple[list[str], list[str]]:
    raw = poppler("pdftotext", "-layout", str(pdf), "-").split("\f")
    if raw and not raw[-1].strip():
        raw.pop()
    pages, footers = [], []
    for text in raw:
        lines = [line.rstrip() for line in text.splitlines() if line.strip()]
        footers.append(" ".join(lines[-1].split()))
        pages.append("\n".join(lines[:-1]))
    return pages, footers


@pytest.fixture(scope="module")
def printed(qapp: object, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[Callable[[str, str], Printed]]:
    """``printed(paper, language)``: the long program's handout, printed once a module."""
    from posture_coach.ui.i18n import install_translator, translate

    base = load_library_file(paths.bundled_library())
    folder = tmp_path_factory.mktemp("handout")
    source = folder / "every.yaml"
    source.write_text(every_exercise_yaml(base, emergency="000"), encoding="utf-8")
    done: dict[tuple[str, str], Printed] = {}

    def make(paper: str, language: str) -> Printed:
        if (paper, language) not in done:
            install_translator(qapp, language)  # type: ignore[arg-type]
            saved = os.environ.get("LC_ALL")
            os.environ["LC_ALL"] = "en_US.UTF-8"  # the locale says 911; the program, 000
            try:
                library = base.localized(language)
                program = load_program(source, library)
                out = write_handout(program, library, folder / f"{paper}-{language}.pdf",
                                    paper)
                doses = {p.exercise.id: p.dose_text(translate) for p in program.prescriptions}
                assert program.ice_heat is not None
                heat = replace(program.ice_heat, when=None).describe(translate)
            finally:
                install_translator(qapp, "en")  # type: ignore[arg-type]
                if saved is None:
                    del os.environ["LC_ALL"]
                else:
                    os.environ["LC_ALL"] = saved
            pages, footers = read_pages(out)
            done[paper, language] = Printed(out, program, library, pages, footers, doses, heat)
        return done[paper, language]
    yield make


HEADINGS = {"en": ("When", "Your exercises", "Ice and heat", "Safety", "Weekly tick sheet",
                   "Cautions:", "From your clinician:", "Urgent care:",
                   "Get your back evaluated if:"),
            "es": ("Cuándo", "Tus ejercicios", "Frío y calor", "Seguridad",
                   "Hoja de registro semanal", "Precauciones:", "De tu profesional:",
                   "Atención urgente:", "Haz que te evalúen la espalda si:")}

CASES = [("a4", "en"), ("letter", "en"), ("a4", "es")]


@pytest.mark.parametrize(("paper", "language"), CASES)
def test_no_page_ends_with_a_heading(printed: Callable[[str, str], Printed], paper: str,
                                     language: str) -> None:
    doc = printed(paper, language)
    assert len(doc.pages) > 10  # the long program really runs over many pages
    headings = set(HEADINGS[language])
    headings |= {f"{n}. {p.exercise.name}" for n, p in enumerate(doc.program.prescriptions, 1)}
    for number, text in enumerate(doc.pages, 1):
        last = " ".join(text.splitlines()[-1].split())
        assert last not in headings, (number, last)
        assert not last.endswith(":"), (number, last)  # "Cautions:", "any of these:"
        word = "Page" if language == "en" else "Página"
        assert doc.footers[number - 1].endswith(f"{word} {number} "
                                                f"{'of' if language == 'en' else 'de'} "
                                                f"{len(doc.pages)}"), doc.footers[number - 1]


def _heading_page(doc: Printed, number: int, name: str) -> int:
    pattern = re.compile(rf"(?<!\d){number}\. {re.escape(name)}")
    return next(i for i in range(len(doc.pages)) if pattern.search(doc.flat(i)))


@pytest.mark.parametrize(("paper", "language"), CASES)
def test_each_exercise_is_whole_on_one_page(printed: Callable[[str, str], Printed],
                                            paper: str, language: str) -> None:
    """An exercise's name, its steps, its dose and its last caution on the same page."""
    doc = printed(paper, language)
    for n, p in enumerate(doc.program.prescriptions, 1):
        page = _heading_page(doc, n, p.exercise.name)
        flat = doc.flat(page)
        for text in (p.exercise.steps[-1], doc.doses[p.exercise.id], p.exercise.cautions[-1]):
            assert " ".join(text.split()) in flat, (p.exercise.id, page + 1, text)


@pytest.mark.parametrize(("paper", "language"), CASES)
def test_the_safety_section_is_kept_together(printed: Callable[[str, str], Printed],
                                             paper: str, language: str) -> None:
    doc = printed(paper, language)
    safety = doc.library.safety
    assert safety is not None
    title = HEADINGS[language][3]
    page = next(i for i, text in enumerate(doc.pages) if title in text.splitlines())
    flat = doc.flat(page)
    urgent = HEADINGS[language][7]
    for text in (*doc.program.safety_notes, *safety.red_flags, *safety.evaluate_when,
                 f"{urgent} {safety.urgent_care[0]}", safety.disclaimer):
        assert " ".join(text.split()) in flat, (page + 1, text)
    # the clinic's number, not 911: the program gives 000 (an Australian clinic)
    call = "Call 000 or seek emergency care now" if language == "en" else "Llama al 000"
    assert call in flat and "911" not in flat


@pytest.mark.parametrize(("paper", "size"), [("a4", "(A4)"), ("letter", "(letter)")])
def test_paper_sizes(printed: Callable[[str, str], Printed], paper: str, size: str) -> None:
    info = poppler("pdfinfo", str(printed(paper, "en").pdf))
    assert size in re.search(r"Page size:\s+(.*)", info).group(1)  # type: ignore[union-attr]


def test_drawings_are_at_least_6_cm_wide(printed: Callable[[str, str], Printed]) -> None:
    doc = printed("a4", "en")
    rows = [line.split() for line in poppler("pdfimages", "-list", str(doc.pdf)).splitlines()[2:]]
    drawn = [p for p in doc.program.prescriptions if p.exercise.illustration is not None]
    assert len(rows) == len(drawn) >= 39
    for row in rows:
        width_px, x_ppi = int(row[3]), float(row[12])
        assert width_px / x_ppi * 2.54 >= 6.0, row


@dataclass
class Word:
    x: float
    y: float
    text: str


def page_words(pdf: Path) -> list[list[Word]]:
    out = poppler("pdftotext", "-bbox", str(pdf), "-")
    pages = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", out, re.S):
        pages.append([Word(float(x), float(y), html.unescape(t)) for x, y, t in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</word>',
            page)])
    return pages


@pytest.mark.parametrize(("paper", "language"), CASES)
def test_the_tick_sheet_has_a_box_for_each_time_a_day(
        printed: Callable[[str, str], Printed], paper: str, language: str) -> None:
    """Every exercise in its row, numbered as in the handout, with as many boxes each day
    as it is prescribed a day (7 days); the heat plan too; its title and the review date."""
    doc = printed(paper, language)
    title = HEADINGS[language][4]
    first = next(i for i, text in enumerate(doc.pages) if title in text.splitlines())
    assert "2026-12-23" in doc.flat(first)  # bring it to the review
    days = ("mié", "jue") if language == "es" else ("Wed", "Thu")  # the program starts on a Wed
    header = [w.text for w in page_words(doc.pdf)[first] if w.text in days]
    assert header == list(days)
    found: dict[int, tuple[str, int]] = {}
    heat_boxes = 0
    for words in page_words(doc.pdf)[first:]:
        boxes = [w for w in words if BOX in w.text]
        if not boxes:
            continue
        left = min(w.x for w in boxes)
        lines: dict[float, list[Word]] = {}
        for w in words:
            if w.x < left and BOX not in w.text:
                lines.setdefault(round(w.y, 1), []).append(w)
        starts = []  # (y, row label) of each row's first line
        for y in sorted(lines):
            text = " ".join(w.text for w in sorted(lines[y], key=lambda w: w.x))
            if EXERCISE_ROW.match(text) or text.startswith(doc.heat.split()[0]):
                starts.append((y, text))
        labels = {y: " ".join(" ".join(w.text for w in sorted(lines[k], key=lambda w: w.x))
                              for k in sorted(lines) if k >= y) for y, _ in starts}
        for i, (y, text) in enumerate(starts):
            end = starts[i + 1][0] if i + 1 < len(starts) else 1e9
            count = sum(w.text.count(BOX) for w in boxes if y - 3 <= w.y < end - 3)
            match = EXERCISE_ROW.match(text)
            if match is None:
                heat_boxes = count
                continue
            found[int(match.group(1))] = (labels[y], count)
    prescriptions = doc.program.prescriptions
    assert sorted(found) == list(range(1, len(prescriptions) + 1))
    for n, p in enumerate(prescriptions, 1):
        label, count = found[n]
        assert label.startswith(f"{n}. {p.exercise.name}"), (label, p.exercise.name)
        assert count == 7 * p.times_per_day, (p.exercise.id, count)
    assert doc.program.ice_heat is not None
    assert heat_boxes == 7 * doc.program.ice_heat.times_per_day


def test_an_exercise_taller_than_a_page_breaks_between_lines(qapp: object,
                                                              tmp_path: Path) -> None:
    """The PT's own exercise with 40 long steps and 30 cautions, and 30 safety notes: too
    tall for one page, so they go on over the next at a line boundary; still no page ends
    with a heading, the heading has its first step under it, and nothing is lost."""
    library = load_library_file(paths.bundled_library())
    step = ("Move slowly and keep breathing while you do this part of the movement, "
            "then rest for a moment before the next part (step {n}).")
    caution = "Stop if it hurts more than a little; this is caution number {n}."
    note = "A note from your clinician about how this program should feel, number {n}."
    lines = ["program: 1", "title: Long", "clinic:", "  name: Harbour Physio",
             '  phone: "+61 2 5550 0100"', "  address: 1 Quay Street",
             "  clinician: Sam Okafor, PT", "start: 2026-11-23", "exercises:",
             "  - define:", "      id: long-one", "      name: A very long exercise",
             "      kind: movement", "      position: any",
             "      summary: An exercise with many steps.", "      steps:"]
    lines += [f"        - {step.format(n=n)}" for n in range(1, 41)]
    lines += ["      dose: {reps: 8}", "      cautions:"]
    lines += [f"        - {caution.format(n=n)}" for n in range(1, 31)]
    lines += ["      source: Harbour Physio", "  - exercise: chin-tuck",
              "desk_break: [long-one, chin-tuck]", "safety_notes:"]
    lines += [f"  - {note.format(n=n)}" for n in range(1, 31)]
    source = tmp_path / "long.yaml"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    program = load_program(source, library)
    out = write_handout(program, library, tmp_path / "long.pdf")
    pages, _ = read_pages(out)
    assert len(pages) >= 4
    flat = [" ".join(p.split()) for p in pages]
    for number, text in enumerate(pages, 1):
        last = " ".join(text.splitlines()[-1].split())
        assert not last.endswith(":") and last not in HEADINGS["en"], (number, last)
        assert last != "1. A very long exercise", number
        if number == 1:  # the steps go on over the page: broken between two steps
            assert re.search(r"\(step \d+\)\.$", last), (number, last)
    everything = " ".join(flat)
    for n in range(1, 41):
        assert everything.count(f"(step {n}).") == 1, n
    assert everything.count("Move slowly and keep breathing") == 40  # no hidden repeats
    for n in range(1, 31):
        assert caution.format(n=n) in everything and note.format(n=n) in everything, n
    first = next(i for i, f in enumerate(flat) if "1. A very long exercise" in f)
    assert "(step 1)." in flat[first]


def test_the_print_dialogs_printer_gets_the_same_pages(qapp: object, tmp_path: Path) -> None:
    """The tray's Print and the editor's preview paint on a QPrinter (1200 dpi, the
    printer's own margins): the same layout, drawings still 6 cm or more."""
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrinter

    from posture_coach.report.handout import build_document, print_document
    from tests.program_helpers import write_program

    library = load_library_file(paths.bundled_library())
    program = load_program(write_program(tmp_path / "clinic"), library)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    print_document(build_document(program, library), printer)
    margins = printer.pageLayout().margins(QPageLayout.Unit.Millimeter)
    assert min(margins.left(), margins.top(), margins.right(), margins.bottom()) >= 15
    words = [w for page in page_words(tmp_path / "printed.pdf") for w in page]
    assert min(w.x for w in words) >= 15 * 72 / 25.4 - 1  # text inside a 15 mm margin
    assert min(w.y for w in words) >= 15 * 72 / 25.4 - 1
    pages, footers = read_pages(tmp_path / "printed.pdf")
    assert footers[-1].endswith(f"Page {len(pages)} of {len(pages)}")
    for n, p in enumerate(program.prescriptions, 1):
        page = next(i for i, t in enumerate(pages) if f"{n}. {p.exercise.name}" in t)
        assert " ".join(p.exercise.cautions[-1].split()) in " ".join(pages[page].split())
    assert "Weekly tick sheet" in pages[-1]
    rows = poppler("pdfimages", "-list", str(tmp_path / "printed.pdf")).splitlines()[2:]
    assert len(rows) == 4  # three library drawings and the PT's own
    for row in rows:
        cells = row.split()
        assert int(cells[3]) / float(cells[12]) * 2.54 >= 6.0, row


def test_the_print_preview_shows_every_page(qapp: object, tmp_path: Path) -> None:
    """The editor's preview (a QPrintPreviewWidget asking for its pages): as many pages as
    the PDF of the same program."""
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

    from posture_coach.report.handout import build_document, print_document
    from tests.program_helpers import write_program

    library = load_library_file(paths.bundled_library())
    program = load_program(write_program(tmp_path / "clinic"), library)
    pdf = write_handout(program, library, tmp_path / "h.pdf")
    pages = int(re.search(r"Pages:\s+(\d+)",  # type: ignore[union-attr]
                          poppler("pdfinfo", str(pdf))).group(1))
    document = build_document(program, library)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))  # as the PDF
    preview = QPrintPreviewWidget(printer)
    preview.paintRequested.connect(lambda device: print_document(document, device))
    preview.updatePreview()
    assert preview.pageCount() == pages >= 3
    preview.deleteLater()
