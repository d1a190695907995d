"""The clinician's adherence report as a PDF: sessions against prescribed, breaks per
day, the pain trend as a chart and the patient's pain notes.

The figures come from :mod:`posture_coach.core.adherence`; this module only lays
them out.  Journal text (pain notes) is escaped: shown as plain text.
"""

from __future__ import annotations

import itertools
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QTextDocument

from ..core.adherence import AdherenceReport
from .handout import write_pdf

CHART_SIZE = (1400, 520)


def _t(text: str) -> str:
    return QCoreApplication.translate("AdherenceReport", text)


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
        p.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), _t("No pain ratings yet"))
    p.end()
    return image


def build_html(report: AdherenceReport) -> str:
    program = report.program
    parts = ["<html><body style='color:#000000; font-family: sans-serif'>",
             f"<h1>{escape(_t('Home program adherence report'))}</h1>"]
    if program is not None:
        c = program.clinic
        parts.append(f"<p><b>{escape(program.title)}</b>, {escape(c.name)} "
                     f"({escape(c.clinician)})"
                     + (f"<br/>{escape(_t('Patient'))}: {escape(program.patient)}"
                        if program.patient else "") + "</p>")
    else:
        parts.append(f"<p>{escape(_t('No home program is active.'))}</p>")
    parts.append(f"<p>{escape(_t('Period'))}: {report.start.isoformat()} – "
                 f"{report.end.isoformat()}</p>")
    table = ("<table width='100%' border='1' cellspacing='0' cellpadding='4' "
             "style='border-collapse: collapse; border-color: #000000'>")
    if report.exercises:
        parts.append(f"<h2>{escape(_t('Sessions done against prescribed'))}</h2>" + table
                     + "<tr>" + "".join(f"<th align='left'>{escape(h)}</th>" for h in (
                         _t("Exercise"), _t("Prescribed"), _t("Done"), _t("Percent")))
                     + "</tr>")
        for e in report.exercises:
            percent = "–" if e.percent is None else f"{e.percent} %"
            parts.append(f"<tr><td>{escape(e.name)}</td><td>{e.prescribed}</td>"
                         f"<td>{e.done}</td><td>{percent}</td></tr>")
        parts.append("</table>")
    parts.append(f"<h2>{escape(_t('Pain (0-10)'))}</h2>"
                 "<p><img src='report://pain-chart' width='640'/></p>")
    notes = [pt for pt in report.pain if pt.note]
    if notes:
        parts.append(f"<h3>{escape(_t('Notes'))}</h3><ul>" + "".join(
            f"<li>{pt.at:%Y-%m-%d %H:%M}, {pt.rating}/10: {escape(pt.note or '')}</li>"
            for pt in notes) + "</ul>")
    parts.append(f"<h2>{escape(_t('Breaks per day'))}</h2>" + table + "<tr>" + "".join(
        f"<th align='left'>{escape(h)}</th>" for h in (
            _t("Day"), _t("Done"), _t("Partly done"), _t("Skipped"), _t("Snoozed"),
            _t("Home sessions"))) + "</tr>")
    for d in report.days:
        parts.append(f"<tr><td>{d.day:%a %Y-%m-%d}</td><td>{d.done}</td><td>{d.partial}</td>"
                     f"<td>{d.skipped}</td><td>{d.snoozed}</td><td>{d.home_sessions}</td>"
                     "</tr>")
    parts.append("</table>")
    parts.append(f"<p><i>{escape(_t('Made by posture-coach on'))} "
                 f"{report.generated_at:%Y-%m-%d %H:%M}.</i></p></body></html>")
    return "".join(parts)


def build_document(report: AdherenceReport) -> QTextDocument:
    doc = QTextDocument()
    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl("report://pain-chart"),
                    pain_chart(report))
    doc.setHtml(build_html(report))
    return doc


def write_report(report: AdherenceReport, out: Path, paper: str = "a4") -> Path:
    title = _t("Home program adherence report")
    return write_pdf(build_document(report), out, paper, title, mode=0o600)  # health data
