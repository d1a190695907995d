"""The printable handout of a home program: one PDF (A4 or Letter), or a printer.

Built as a :class:`QTextDocument`: the clinic header, then each exercise with
its drawing (SVG rendered to an image), its steps, a dose table and its
cautions; then the ice/heat plan and the safety section (the library's red
flags and the PT's own notes).  Black text, ruled tables and no meaning carried
by colour, so it reads the same printed in black and white.

Every piece of text from the program goes through :func:`html.escape`: a
program's text is shown as plain text, never as markup.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import (
    QColor,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer

from ..core.library import Library
from ..core.program import Program
from .texts import translate

PAPER = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
RESOLUTION = 300
IMAGE_PX = 360


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
        renderer.render(painter)
        painter.end()
        return image
    image = QImage(str(path))
    if image.isNull():
        return None
    return image.scaledToWidth(width)


def _esc(text: str) -> str:
    return escape(text, quote=True)


def build_html(program: Program, library: Library, images: dict[str, str]) -> str:
    """The handout as (Qt rich text) HTML; ``images`` maps exercise id -> resource url."""
    c = program.clinic

    def field(label: str, value: str) -> str:
        return _esc(translate("Handout", "{label}: {value}").format(label=label, value=value))

    def heading(text: str) -> str:
        return _esc(translate("Handout", "{heading}:").format(heading=text))

    def h2(text: str) -> str:
        return f"<h2>{_esc(text)}</h2>"

    head = [_esc(c.address), field(translate("Handout", "Phone"), c.phone)]
    who = [f"<b>{_esc(program.title)}</b>",
           field(translate("Handout", "Clinician"), c.clinician)]
    if program.patient:
        who.append(field(translate("Handout", "For"), program.patient))
    who.append(field(translate("Handout", "Start"), program.start.isoformat()))
    if program.review:
        who.append(field(translate("Handout", "Review"), program.review.isoformat()))
    parts = [
        "<html><body style='color:#000000; font-family: sans-serif'>",
        "<table width='100%' cellpadding='6' style='border-bottom: 2px solid #000000'><tr>"
        f"<td><h1 style='margin:0'>{_esc(c.name)}</h1>"
        f"<p style='margin:0'>{'<br/>'.join(head)}</p>"
        "</td><td align='right' valign='top'>"
        f"<p style='margin:0'>{'<br/>'.join(who)}</p></td></tr></table>",
    ]
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
        parts.append(h2(translate("Handout", "When")) + "<ul>"
                     + "".join(f"<li>{_esc(w)}</li>" for w in when) + "</ul>")
    parts.append(h2(translate("Handout", "Your exercises")))
    for number, p in enumerate(program.prescriptions, 1):
        ex = p.exercise
        parts.append(f"<h3>{number}. {_esc(ex.name)}</h3>")
        image = images.get(ex.id)
        steps = "".join(f"<li>{_esc(s)}</li>" for s in ex.steps)
        parts.append("<table width='100%' cellpadding='4'><tr>"
                     + (f"<td width='30%' valign='top'><img src='{image}' width='180'/></td>"
                        if image else "")
                     + f"<td valign='top'><p>{_esc(ex.summary)}</p><ol>{steps}</ol></td>"
                       "</tr></table>")
        rows = [(translate("Handout", "Dose"), p.dose_text(translate)),
                (translate("Handout", "How often"), p.frequency(translate))]
        if p.notes:
            rows.append((translate("Handout", "Notes"), p.notes))
        if p.progression:
            rows.append((translate("Handout", "Progression"), p.progression))
        parts.append("<table width='100%' border='1' cellspacing='0' cellpadding='4' "
                     "style='border-collapse: collapse; border-color: #000000'>"
                     + "".join(f"<tr><td width='25%'><b>{_esc(k)}</b></td>"
                               f"<td>{_esc(v)}</td></tr>" for k, v in rows)
                     + "</table>")
        parts.append("<p><b>" + heading(translate("Handout", "Cautions")) + "</b></p><ul>"
                     + "".join(f"<li>{_esc(x)}</li>" for x in ex.cautions) + "</ul>")
    if program.ice_heat is not None:
        parts.append(h2(translate("Handout", "Ice and heat"))
                     + f"<p>{_esc(program.ice_heat.describe(translate))}</p>")
        if library.ice_heat is not None:
            parts.append("<ul>" + "".join(f"<li>{_esc(x)}</li>"
                                          for x in library.ice_heat.cautions) + "</ul>")
    parts.append(h2(translate("Handout", "Safety")))
    if program.safety_notes:
        parts.append("<p><b>" + heading(translate("Handout", "From your clinician"))
                     + "</b></p><ul>"
                     + "".join(f"<li>{_esc(n)}</li>" for n in program.safety_notes) + "</ul>")
    safety = library.safety
    if safety is not None:
        from ..core.emergency import fill, for_program

        emergency = fill(safety.emergency, for_program(program), translate)
        parts.append(f"<p><b>{_esc(emergency)}</b></p><ul>"
                     + "".join(f"<li>{_esc(f)}</li>" for f in safety.red_flags) + "</ul>")
        if safety.urgent_care:  # the clinic's urgent-care line, under its own heading
            parts.append("<p>" + heading(translate("Handout", "Urgent care")) + "</p><ul>"
                         + "".join(f"<li>{_esc(f)}</li>" for f in safety.urgent_care)
                         + "</ul>")
        parts.append("<p>" + heading(translate("Handout", "Get your back evaluated if"))
                     + "</p><ul>"
                     + "".join(f"<li>{_esc(f)}</li>" for f in safety.evaluate_when) + "</ul>")
        parts.append(f"<p><i>{_esc(safety.disclaimer)}</i></p>")
    parts.append("<p>" + _esc(translate("Handout", "Questions? Call {clinic}: {phone}").format(
        clinic=c.name, phone=c.phone)) + "</p>")
    parts.append("</body></html>")
    return "".join(parts)


def build_document(program: Program, library: Library) -> QTextDocument:
    doc = QTextDocument()
    images: dict[str, str] = {}
    for p in program.prescriptions:
        picture = p.exercise.illustration
        if picture is None:
            continue
        image = render_image(picture)
        if image is None:
            continue
        url = f"handout://exercise/{p.exercise.id}"
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
        images[p.exercise.id] = url
    doc.setHtml(build_html(program, library, images))
    return doc


def page_layout(paper: str) -> QPageLayout:
    return QPageLayout(QPageSize(PAPER[paper]), QPageLayout.Orientation.Portrait,
                       QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)


def print_document(doc: QTextDocument, device: QPagedPaintDevice) -> None:
    """Print ``doc`` on a printer chosen in a print dialog (or any paged device)."""
    doc.print_(device)


def write_handout(program: Program, library: Library, out: Path, paper: str = "a4") -> Path:
    """Write the handout PDF to ``out`` (atomically: a temporary file, then renamed)."""
    return write_pdf(build_document(program, library), out, paper, program.title)


def write_pdf(doc: QTextDocument, out: Path, paper: str, title: str,
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
