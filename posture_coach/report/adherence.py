"""The clinician's adherence report as a PDF: sessions against prescribed, breaks per
day, the pain trend as a chart and the patient's pain notes.

The figures come from :mod:`posture_coach.core.adherence`; this module only lays
them out.  Journal text (pain notes) is escaped: shown as plain text.
"""

from __future__ import annotations

import itertools
from html import escape
from pathlib import Path

from PySide6.QtCore import QLocale, QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QTextDocument

from ..core.adherence import AdherenceReport
from .handout import write_pdf
from .texts import qdate, translate

CHART_SIZE = (1400, 520)


def pain_chart(report: AdherenceReport, size: tuple[int, int] = CHART_SIZE) -> QImage:
    """Pain 0-10 over the report's days: black line and dots on a ruled grid."""
    width, height = size
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPixelSize(22)
    p.setFont(font)
    left, right, top, bottom = 70, 30, 20, 60
    plot = QRectF(left, top, width - left - right, height - top - bottom)
    grid = QPen(QColor("#999999"), 1, Qt.PenStyle.DashLine)
    axis = QPen(QColor("black"), 2)
    for rating in range(0, 11, 2):
        y = plot.bottom() - plot.height() * rating / 10
        p.setPen(grid)
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(axis)
        p.drawText(QRectF(0, y - 14, left - 10, 28),
                   int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                   str(rating))
    p.setPen(axis)
    p.drawLine(plot.bottomLeft(), plot.bottomRight())
    p.drawLine(plot.bottomLeft(), plot.topLeft())
    span = max(1.0, report.day_count * 86400.0)
    start = report.days[0].day if report.days else report.start
    from datetime import datetime, time

    origin = datetime.combine(start, time(0, 0), tzinfo=report.generated_at.tzinfo)

    def x_of(seconds: float) -> float:
        return plot.left() + plot.width() * min(1.0, max(0.0, seconds / span))

    p.drawText(QRectF(plot.left(), plot.bottom() + 10, 300, 40),
               int(Qt.AlignmentFlag.AlignLeft), report.start.isoformat())
    p.drawText(QRectF(plot.right() - 300, plot.bottom() + 10, 300, 40),
               int(Qt.AlignmentFlag.AlignRight), report.end.isoformat())
    points = [QPointF(x_of((pt.at - origin).total_seconds()),
                      plot.bottom() - plot.height() * pt.rating / 10) for pt in report.pain]
    p.setPen(QPen(QColor("black"), 4))
    for a, b in itertools.pairwise(points):
        p.drawLine(a, b)
    p.setBrush(QColor("black"))
    for point in points:
        p.drawEllipse(point, 7, 7)
    if not points:
        p.drawText(plot, int(Qt.AlignmentFlag.AlignCenter),
                   translate("AdherenceReport", "No pain ratings yet"))
    p.end()
    return image


def build_html(report: AdherenceReport) -> str:
    program = report.program

    def tag(name: str, text: str) -> str:
        return f"<{name}>{escape(text)}</{name}>"

    def field(label: str, value: str) -> str:
        return escape(translate("AdherenceReport", "{label}: {value}").format(
            label=label, value=value))

    parts = ["<html><body style='color:#000000; font-family: sans-serif'>",
             tag("h1", translate("AdherenceReport", "Home program adherence report"))]
    if program is not None:
        c = program.clinic
        patient = ("<br/>" + field(translate("AdherenceReport", "Patient"), program.patient)
                   if program.patient else "")
        parts.append(f"<p><b>{escape(program.title)}</b>, {escape(c.name)} "
                     f"({escape(c.clinician)}){patient}</p>")
    else:
        parts.append(tag("p", translate("AdherenceReport", "No home program is active.")))
    parts.append(tag("p", translate("AdherenceReport", "Period: {start} – {end}").format(
        start=report.start.isoformat(), end=report.end.isoformat())))
    table = ("<table width='100%' border='1' cellspacing='0' cellpadding='4' "
             "style='border-collapse: collapse; border-color: #000000'>")
    if report.exercises:
        headers = (translate("AdherenceReport", "Exercise"),
                   translate("AdherenceReport", "Prescribed"),
                   translate("AdherenceReport", "Done"), translate("AdherenceReport", "Percent"))
        parts.append(tag("h2", translate("AdherenceReport", "Sessions done against prescribed"))
                     + table + "<tr>"
                     + "".join(f"<th align='left'>{escape(h)}</th>" for h in headers) + "</tr>")
        for e in report.exercises:
            percent = "–" if e.percent is None else f"{e.percent} %"
            parts.append(f"<tr><td>{escape(e.name)}</td><td>{e.prescribed}</td>"
                         f"<td>{e.done}</td><td>{percent}</td></tr>")
        parts.append("</table>")
    parts.append(tag("h2", translate("AdherenceReport", "Pain (0-10)"))
                 + "<p><img src='report://pain-chart' width='640'/></p>")
    notes = [pt for pt in report.pain if pt.note]
    if notes:
        parts.append(tag("h3", translate("AdherenceReport", "Notes")) + "<ul>" + "".join(
            f"<li>{pt.at:%Y-%m-%d %H:%M}, {pt.rating}/10: {escape(pt.note or '')}</li>"
            for pt in notes) + "</ul>")
    columns = (translate("AdherenceReport", "Day"),
               translate("AdherenceReport", "Done", "breaks"),
               translate("AdherenceReport", "Partly done"),
               translate("AdherenceReport", "Skipped"), translate("AdherenceReport", "Snoozed"),
               translate("AdherenceReport", "Home sessions"))
    parts.append(tag("h2", translate("AdherenceReport", "Breaks per day")) + table + "<tr>"
                 + "".join(f"<th align='left'>{escape(h)}</th>" for h in columns) + "</tr>")
    locale = QLocale()
    for d in report.days:
        day = locale.toString(qdate(d.day), "ddd yyyy-MM-dd")
        parts.append(f"<tr><td>{escape(day)}</td><td>{d.done}</td><td>{d.partial}</td>"
                     f"<td>{d.skipped}</td><td>{d.snoozed}</td><td>{d.home_sessions}</td>"
                     "</tr>")
    parts.append("</table>")
    parts.append("<p><i>" + escape(translate("AdherenceReport", "Made by posture-coach on {when}.")
                                   .format(when=f"{report.generated_at:%Y-%m-%d %H:%M}"))
                 + "</i></p></body></html>")
    return "".join(parts)


def build_document(report: AdherenceReport) -> QTextDocument:
    doc = QTextDocument()
    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl("report://pain-chart"),
                    pain_chart(report))
    doc.setHtml(build_html(report))
    return doc


def write_report(report: AdherenceReport, out: Path, paper: str = "a4") -> Path:
    title = translate("AdherenceReport", "Home program adherence report")
    return write_pdf(build_document(report), out, paper, title, mode=0o600)  # health data
