"""The printable handout of a home program: one PDF (A4 or Letter), or a printer.

The clinic header, then each exercise with its drawing (SVG rendered to an image at print
resolution, 65 mm wide), its steps, a dose table and its cautions; then the ice/heat plan,
the safety section (the PT's own notes, the library's red flags with the emergency
number, the clinic's urgent-care line, when to have the back evaluated), and last a
weekly tick sheet: each exercise by day, a box for each time it is prescribed a day.

Laid out by :mod:`.flow`, which keeps blocks together: each exercise whole on one page
(unless it is taller than a page), the safety section whole, no page ending with a
heading.  Black text, ruled tables, boxes to tick, and no meaning carried by colour, so
it reads the same printed in black and white.  Every page's footer names the clinic, the
program and the page ("Page 2 of 9").

Every piece of text from the program goes through :func:`html.escape`: a program's text
is shown as plain text, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtSvg import QSvgRenderer

from ..core.library import Library
from ..core.program import Program
from . import flow
from .flow import Block, Group, Picture, Row, Table, Text
from .texts import translate

PAPER = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
RESOLUTION = 300
DRAWING_MM = 65.0
"""The width of an exercise's drawing on the page."""
IMAGE_PX = round(DRAWING_MM / 25.4 * RESOLUTION)
"""Drawings are rendered at the PDF's resolution, whatever the printer's."""
BODY_PT = 11.0
MARGIN_MM = 15.0
FOOTER_PT = 8.0
BOX = "\u2610"  # BALLOT BOX: one to tick each time an exercise is done


def render_image(path: Path, width: int = IMAGE_PX) -> QImage | None:
    """A drawing as a white-backed image (SVG rendered, PNG scaled); None if unreadable."""
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(path))
        if not renderer.isValid():
            return None
        size = renderer.defaultSize()
        height = max(1, round(width * size.height() / max(1, size.width())))
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        return image
    image = QImage(str(path))
    if image.isNull():
        return None
    return image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)


def _esc(text: str) -> str:
    return escape(text, quote=True)


def _size(pt: float, html: str) -> str:
    """A bold line of ``pt`` points (a heading)."""
    return f"<p style='font-size: {pt}pt; font-weight: bold'>{html}</p>"


def _items(tag: str, items: tuple[str, ...] | list[str]) -> str:
    return f"<{tag}>" + "".join(f"<li>{_esc(x)}</li>" for x in items) + f"</{tag}>"


def build_blocks(program: Program, library: Library,
                 images: dict[str, QImage] | None = None) -> list[Block]:
    """The handout as blocks to lay out; ``images`` maps exercise id -> its drawing."""
    images = images or {}
    c = program.clinic

    def field(label: str, value: str) -> str:
        return _esc(translate("Handout", "{label}: {value}").format(label=label, value=value))

    def heading(text: str) -> str:
        return _esc(translate("Handout", "{heading}:").format(heading=text))

    def h2(text: str) -> Text:
        return Text(_size(15, _esc(text)), heading=True)

    def label(text: str) -> Text:
        return Text(f"<p><b>{heading(text)}</b></p>", heading=True)

    head = [_esc(c.address), field(translate("Handout", "Phone"), c.phone)]
    who = [f"<b>{_esc(program.title)}</b>",
           field(translate("Handout", "Clinician"), c.clinician)]
    if program.patient:
        who.append(field(translate("Handout", "For"), program.patient))
    who.append(field(translate("Handout", "Start"), program.start.isoformat()))
    if program.review:
        who.append(field(translate("Handout", "Review"), program.review.isoformat()))
    blocks: list[Block] = [Text(
        "<table width='100%' cellpadding='0' cellspacing='0'><tr>"
        f"<td valign='top'><p style='font-size: 18pt; font-weight: bold'>{_esc(c.name)}</p>"
        f"<p>{'<br/>'.join(head)}</p></td>"
        f"<td align='right' valign='top'><p>{'<br/>'.join(who)}</p></td></tr></table>")]
    comma = translate("Program", ", ")
    when = []
    if program.desk_break:
        when.append(translate("Handout", "At your work breaks: {exercises}").format(
            exercises=comma.join(program.prescription(i).exercise.name
                                 for i in program.desk_break)))
    if program.breaks is not None:
        when.append(translate("Handout", "Take a break every %n minutes", None,
                              program.breaks.interval_min))
    for session in program.home_sessions:
        when.append(translate("Handout", "{session}, {when}: {exercises}").format(
            session=session.name, when=session.when(translate),
            exercises=comma.join(program.prescription(i).exercise.name
                                 for i in session.exercise_ids)))
    if when:
        blocks += [h2(translate("Handout", "When")), Text(_items("ul", when), keep=False)]
    blocks.append(h2(translate("Handout", "Your exercises")))
    for number, p in enumerate(program.prescriptions, 1):
        ex = p.exercise
        title = Text(_size(13, f"{number}. {_esc(ex.name)}"), heading=True, rule_above=True)
        body = Text(f"<p>{_esc(ex.summary)}</p>" + _items("ol", ex.steps))
        image = images.get(ex.id)
        rows = [(translate("Handout", "Dose"), p.dose_text(translate)),
                (translate("Handout", "How often"), p.frequency(translate))]
        if p.notes:
            rows.append((translate("Handout", "Notes"), p.notes))
        if p.progression:
            rows.append((translate("Handout", "Progression"), p.progression))
        dose = Text("<table width='100%' border='1' cellspacing='0' cellpadding='4' "
                    "style='border-collapse: collapse; border-color: #000000'>"
                    + "".join(f"<tr><td width='25%'><b>{_esc(k)}</b></td>"
                              f"<td>{_esc(v)}</td></tr>" for k, v in rows)
                    + "</table>")
        blocks.append(Group((
            title, Row(Picture(image, DRAWING_MM), body) if image is not None else body,
            dose, label(translate("Handout", "Cautions")), Text(_items("ul", ex.cautions)))))
    if program.ice_heat is not None:
        part: list[Block] = [h2(translate("Handout", "Ice and heat")),
                             Text(f"<p>{_esc(program.ice_heat.describe(translate))}</p>")]
        if library.ice_heat is not None:
            part.append(Text(_items("ul", library.ice_heat.cautions)))
        blocks.append(Group(tuple(part)))
    blocks.append(Group(tuple(_safety(program, library, h2, label))))
    blocks.append(_tick_sheet(program))
    return blocks


def _safety(program: Program, library: Library, h2: Callable[[str], Text],
            label: Callable[[str], Text]) -> list[Block]:
    """The safety section: the PT's notes, what to do in an emergency (the number for
    this patient), the clinic's urgent-care line, when to have the back evaluated."""
    c = program.clinic
    part: list[Block] = [h2(translate("Handout", "Safety"))]
    if program.safety_notes:
        part += [label(translate("Handout", "From your clinician")),
                 Text(_items("ul", program.safety_notes))]
    safety = library.safety
    if safety is not None:
        from ..core.emergency import fill, for_program

        emergency = fill(safety.emergency, for_program(program), translate)
        # boxed in black: what to do in an emergency stands out without colour
        part.append(Text("<table width='100%' border='2' cellspacing='0' cellpadding='6' "
                         "style='border-collapse: collapse; border-color: #000000'><tr><td>"
                         f"<p><b>{_esc(emergency)}</b></p>" + _items("ul", safety.red_flags)
                         + "</td></tr></table>"))
        if safety.urgent_care:  # the clinic's urgent-care line, under its own heading
            part += [label(translate("Handout", "Urgent care")),
                     Text(_items("ul", safety.urgent_care))]
        part += [label(translate("Handout", "Get your back evaluated if")),
                 Text(_items("ul", safety.evaluate_when)),
                 Text(f"<p><i>{_esc(safety.disclaimer)}</i></p>")]
    part.append(Text("<p>" + _esc(translate("Handout", "Questions? Call {clinic}: {phone}")
                                  .format(clinic=c.name, phone=c.phone)) + "</p>"))
    return part


def _day_names() -> tuple[str, ...]:
    """Short day names for the tick sheet's columns (Monday first)."""
    return (translate("Handout", "Mon"), translate("Handout", "Tue"),
            translate("Handout", "Wed"), translate("Handout", "Thu"),
            translate("Handout", "Fri"), translate("Handout", "Sat"),
            translate("Handout", "Sun"))


def _boxes(count: int) -> str:
    return (f"<p align='center' style='font-size: 14pt'>{' '.join([BOX] * count)}</p>")


def _tick_sheet(program: Program) -> Group:
    """A page to tick each time an exercise is done, by day (the week begins on the
    program's first day), and to bring to the review."""
    names = _day_names()
    first = program.start.weekday()
    days = tuple(names[(first + i) % 7] for i in range(7))
    exercise = translate("Handout", "Exercise")
    header = (f"<p><b>{_esc(exercise)}</b></p>",
              *(f"<p align='center'><b>{_esc(d)}</b></p>" for d in days))
    rows = []
    for number, p in enumerate(program.prescriptions, 1):
        name = (f"<p><b>{number}. {_esc(p.exercise.name)}</b></p>"
                f"<p style='font-size: 9pt'>{_esc(p.frequency(translate))}</p>")
        rows.append((name, *[_boxes(p.times_per_day)] * 7))
    if program.ice_heat is not None:
        plan = replace(program.ice_heat, when=None)
        rows.append((f"<p><b>{_esc(plan.describe(translate))}</b></p>",
                     *[_boxes(plan.times_per_day)] * 7))
    if program.review:
        bring = translate("Handout", "Tick a box each time you do an exercise. Bring this "
                                     "sheet to your review on {date}.").format(
            date=program.review.isoformat())
    else:
        bring = translate("Handout", "Tick a box each time you do an exercise. Bring this "
                                     "sheet to your next appointment.")
    week = translate("Handout", "Week starting: {blank}").format(blank="_" * 16)
    who = ""
    if program.patient:
        who = _esc(translate("Handout", "{label}: {value}").format(
            label=translate("Handout", "For"), value=program.patient)) + "&nbsp;" * 6
    return Group((
        Text(_size(15, _esc(translate("Handout", "Weekly tick sheet"))), heading=True),
        Text(f"<p>{_esc(bring)}</p><p>{who}{_esc(week)}</p>", heading=True),
        Table((3.4, *[1.0] * 7), header, tuple(rows))),
        keep=False, page_break_before=True)


def build_html(program: Program, library: Library) -> str:
    """The handout's text as (Qt rich text) HTML, block after block (for checks)."""
    def texts(block: Block) -> list[str]:
        if isinstance(block, Text):
            return [block.html]
        if isinstance(block, Row):
            return [block.text.html]
        if isinstance(block, Group):
            return [t for child in block.children for t in texts(child)]
        if isinstance(block, Table):
            return [*block.header, *(c for row in block.rows for c in row)]
        return []
    return "".join(t for b in build_blocks(program, library) for t in texts(b))


class Printable(Protocol):
    def print_(self, device: QPagedPaintDevice) -> None: ...


@dataclass
class Handout:
    """The handout's blocks, ready to lay out on any printer or PDF writer."""

    blocks: list[Block]
    footer: str

    def print_(self, device: QPagedPaintDevice) -> None:
        _margins_at_least(device, MARGIN_MM)
        painter = QPainter()
        if not painter.begin(device):
            raise OSError("the printer or PDF file could not be opened")
        try:
            self._paint(painter, device)
        finally:
            painter.end()

    def _paint(self, painter: QPainter, device: QPagedPaintDevice) -> None:
        font = QFont(QGuiApplication.font())
        font.setPointSizeF(BODY_PT)
        # no "fl"/"ff" ligatures: the PDF's text reads (and is found by search) as written
        font.setFeature(QFont.Tag("liga"), 0)
        ctx = flow.Context(device, font)
        small = QFont(font)
        small.setPointSizeF(FOOTER_PT)
        footer_h = ctx.mm(8)
        width, height = float(device.width()), float(device.height())
        laid = [flow.lay(b, ctx, width) for b in self.blocks]
        pages = flow.paginate(laid, height - footer_h, ctx.mm(5))
        for number, placed in enumerate(pages, 1):
            if number > 1:
                device.newPage()
            for block, y in placed:
                block.paint(painter, 0.0, y)
            painter.setFont(small)
            painter.setPen(QColor("black"))
            box = QRectF(0, height - ctx.mm(5), width, ctx.mm(5))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                             self.footer)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                             translate("Handout", "Page {page} of {pages}").format(
                                 page=number, pages=len(pages)))


def _margins_at_least(device: QPagedPaintDevice, mm: float) -> None:
    """Margins of at least ``mm`` (a printer's own are often 3-4 mm: too close to the
    edge for a page a patient holds and writes on)."""
    unit = QPageLayout.Unit.Millimeter
    now = device.pageLayout().margins(unit)
    want = QMarginsF(max(now.left(), mm), max(now.top(), mm), max(now.right(), mm),
                     max(now.bottom(), mm))
    if want != now:
        device.setPageMargins(want, unit)


def build_document(program: Program, library: Library) -> Handout:
    images: dict[str, QImage] = {}
    for p in program.prescriptions:
        picture = p.exercise.illustration
        if picture is None:
            continue
        image = render_image(picture)
        if image is not None:
            images[p.exercise.id] = image
    footer = translate("Handout", "{clinic} · {title}").format(clinic=program.clinic.name,
                                                               title=program.title)
    return Handout(build_blocks(program, library, images), footer)


def page_layout(paper: str) -> QPageLayout:
    return QPageLayout(QPageSize(PAPER[paper]), QPageLayout.Orientation.Portrait,
                       QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                       QPageLayout.Unit.Millimeter)


def print_document(doc: Printable, device: QPagedPaintDevice) -> None:
    """Print ``doc`` on a printer chosen in a print dialog (or any paged device)."""
    doc.print_(device)


def write_handout(program: Program, library: Library, out: Path, paper: str = "a4") -> Path:
    """Write the handout PDF to ``out`` (atomically: a temporary file, then renamed)."""
    return write_pdf(build_document(program, library), out, paper, program.title)


def write_pdf(doc: Printable, out: Path, paper: str, title: str,
              mode: int = 0o644) -> Path:
    """Write ``doc`` as a PDF atomically (``mode``: 0o600 for the patient's own data)."""
    from ..core.atomic import atomic_path

    out = Path(out)
    with atomic_path(out, mode, suffix=".pdf") as temp:
        writer = QPdfWriter(str(temp))
        writer.setResolution(RESOLUTION)
        writer.setTitle(title)
        writer.setCreator("posture-coach")
        writer.setPageLayout(page_layout(paper))
        doc.print_(writer)
        del writer  # closes the file
    return out
