"""A small page layout for printed documents: blocks of rich text, drawings, rows and
tables, measured on the paint device and placed on pages, so that a block kept together
never breaks across pages and a heading never ends a page.

:class:`QTextDocument` paginates by itself, but it cannot keep blocks together (Qt's
rich text knows ``page-break-before`` and ``-after``, not ``page-break-inside: avoid``):
the handout's exercises broke between their heading and their cautions.  Here each block
is its own small document (or a drawing), laid out at its width on the printer or PDF
writer, measured, and placed by :func:`paginate`.  A block that fits on a page is never
split; one taller than a page is split at a line boundary (never inside a line, never
right after a heading).  The same code prints to a PDF, a printer and the print preview.

Lengths are in device pixels (the painter's units on a printer or PDF writer);
:class:`Context` converts millimetres.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPagedPaintDevice, QPainter, QPen, QTextDocument

EPS = 0.5


@dataclass
class Context:
    """Where blocks are laid out: the device, the body font and the page's body height."""

    device: QPagedPaintDevice
    font: QFont
    page_height: float = 0.0

    @property
    def dpi(self) -> float:
        return float(self.device.logicalDpiY())

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    def document(self, html: str, width: float, style: str = "") -> QTextDocument:
        """``html`` laid out at ``width`` with the device's font metrics."""
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.device)
        doc.setDefaultFont(self.font)
        doc.setDocumentMargin(0)
        doc.setIndentWidth(6 / 25.4 * 96)  # in 96-dpi pixels: Qt scales it to the device
        if style:
            doc.setDefaultStyleSheet(style)
        doc.setHtml(html)
        doc.setTextWidth(width)
        return doc


class Laid:
    """A block laid out at its width: its height, how it paints, how it splits."""

    height: float = 0.0
    heading: bool = False
    """Keep with the next block: never the last thing on a page."""
    keep: bool = True
    """Never split, unless taller than a page."""
    page_break_before: bool = False

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        raise NotImplementedError

    def split(self, avail: float, page: float) -> tuple[Laid, Laid] | None:
        """A first part at most ``avail`` high and the rest; None: it does not split."""
        return None


def _line_cuts(doc: QTextDocument) -> tuple[list[float], frozenset[float]]:
    """The heights at which ``doc`` can be cut without cutting a line (a table's row
    included: no line of another cell straddles the cut), and those of them that end a
    paragraph or a list item (the better places)."""
    layout = doc.documentLayout()
    spans: list[tuple[float, float]] = []
    ends: set[float] = set()
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        text_layout = block.layout()
        for i in range(text_layout.lineCount()):
            line = text_layout.lineAt(i)
            top = rect.top() + line.y()
            spans.append((top, top + line.height()))
        if text_layout.lineCount():
            ends.add(spans[-1][1])
        block = block.next()
    cuts = [bottom for _, bottom in spans
            if not any(top < bottom - EPS and end > bottom + EPS for top, end in spans)]
    return sorted(set(cuts)), frozenset(ends)


class LaidText(Laid):
    """A rich-text document, or the slice ``top``..``bottom`` of it."""

    def __init__(self, doc: QTextDocument, *, keep: bool = True, heading: bool = False,
                 top: float = 0.0, bottom: float | None = None,
                 cuts: tuple[list[float], frozenset[float]] | None = None,
                 rule_above: float = 0.0) -> None:
        self.doc = doc
        self.keep = keep
        self.heading = heading
        self.top = top
        self.bottom = doc.size().height() if bottom is None else bottom
        self._cuts = cuts
        self.rule_above = rule_above
        """The width of a line ruled above the text (0: none)."""
        self.height = self.bottom - self.top

    @property
    def cuts(self) -> tuple[list[float], frozenset[float]]:
        if self._cuts is None:
            self._cuts = _line_cuts(self.doc)
        return self._cuts

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        painter.save()
        if self.rule_above:
            painter.setPen(QPen(QColor("black"), self.rule_above))
            painter.drawLine(QPointF(x, y), QPointF(x + self.doc.textWidth(), y))
        painter.translate(x, y - self.top)
        # inset by a pixel: Qt draws a line that only touches the clip (as clipped-away
        # text that would still be in the PDF, found by search and read aloud)
        self.doc.drawContents(painter, QRectF(0, self.top + 1, self.doc.textWidth(),
                                              max(0.0, self.height - 2)))
        painter.restore()

    def split(self, avail: float, page: float) -> tuple[Laid, Laid] | None:
        if self.keep and self.height <= page:
            return None
        cuts, ends = self.cuts
        fits = [c for c in cuts
                if self.top + EPS < c <= self.top + avail and c < self.bottom - EPS]
        if not fits:
            return None
        # at the end of a paragraph or list item if that leaves no more than half empty
        whole = [c for c in fits if c in ends and c - self.top >= avail / 2]
        cut = whole[-1] if whole else fits[-1]
        head = LaidText(self.doc, keep=self.keep, top=self.top, bottom=cut, cuts=self.cuts,
                        rule_above=self.rule_above)
        tail = LaidText(self.doc, keep=self.keep, heading=self.heading, top=cut,
                        bottom=self.bottom, cuts=self.cuts)
        return head, tail


class LaidPicture(Laid):
    def __init__(self, image: QImage, width: float, height: float) -> None:
        self.image = image
        self.width = width
        self.height = height

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        painter.drawImage(QRectF(x, y, self.width, self.height), self.image)


class LaidShift(Laid):
    """A block painted ``dx`` to the right (the text beside a drawing, after a break)."""

    def __init__(self, inner: Laid, dx: float) -> None:
        self.inner, self.dx = inner, dx
        self.height, self.heading, self.keep = inner.height, inner.heading, inner.keep

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        self.inner.paint(painter, x + self.dx, y)

    def split(self, avail: float, page: float) -> tuple[Laid, Laid] | None:
        parts = self.inner.split(avail, page)
        return None if parts is None else (LaidShift(parts[0], self.dx),
                                           LaidShift(parts[1], self.dx))


class LaidRow(Laid):
    """A drawing with a text beside it."""

    def __init__(self, left: LaidPicture, gap: float, right: Laid) -> None:
        self.left, self.gap, self.right = left, gap, right
        self.height = max(left.height, right.height)

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        self.left.paint(painter, x, y)
        self.right.paint(painter, x + self.left.width + self.gap, y)

    def split(self, avail: float, page: float) -> tuple[Laid, Laid] | None:
        if self.height <= page or self.left.height > avail:
            return None
        parts = self.right.split(avail, page)
        if parts is None:
            return None
        head = LaidRow(self.left, self.gap, parts[0])
        return head, LaidShift(parts[1], self.left.width + self.gap)


class LaidGroup(Laid):
    """Blocks one under the other, ``gap`` apart, kept together (unless ``keep`` is
    False, or the group is taller than a page: then split between blocks, never right
    after a heading, or inside the first block that does not fit)."""

    def __init__(self, children: Sequence[Laid], gap: float, *, keep: bool = True,
                 page_break_before: bool = False) -> None:
        self.children = list(children)
        self.gap = gap
        self.keep = keep
        self.page_break_before = page_break_before
        self.heading = bool(self.children) and self.children[-1].heading
        self.height = (sum(c.height for c in self.children)
                       + gap * max(0, len(self.children) - 1))

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        for child in self.children:
            child.paint(painter, x, y)
            y += child.height + self.gap

    def split(self, avail: float, page: float) -> tuple[Laid, Laid] | None:
        if self.keep and self.height <= page:
            return None
        used = 0.0
        boundary = 0
        for k, child in enumerate(self.children):
            top = used + (self.gap if k else 0.0)
            if top + child.height <= avail:
                used = top + child.height
                if not child.heading and k + 1 < len(self.children):
                    boundary = k + 1
                continue
            parts = child.split(avail - top, page)
            if parts is not None:
                head = LaidGroup([*self.children[:k], parts[0]], self.gap)
                tail = LaidGroup([parts[1], *self.children[k + 1:]], self.gap, keep=self.keep)
                return head, tail
            break
        if boundary:
            return (LaidGroup(self.children[:boundary], self.gap),
                    LaidGroup(self.children[boundary:], self.gap, keep=self.keep))
        return None


@dataclass
class LaidTable(Laid):
    """Rows under a header row that is repeated on every page the table reaches."""

    header: Laid
    rows: list[Laid]
    page_break_before: bool = False
    keep: bool = False
    height: float = field(init=False)

    def __post_init__(self) -> None:
        self.height = self.header.height + sum(r.height for r in self.rows)

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        self.header.paint(painter, x, y)
        y += self.header.height
        for row in self.rows:
            row.paint(painter, x, y)
            y += row.height

    def split(self, avail: float, page: float) -> tuple[Laid, Laid] | None:
        used, k = self.header.height, 0
        while k < len(self.rows) and used + self.rows[k].height <= avail:
            used += self.rows[k].height
            k += 1
        if k == 0 or k == len(self.rows):
            return None
        return LaidTable(self.header, self.rows[:k]), LaidTable(self.header, self.rows[k:])


class LaidCells(Laid):
    """One row of a ruled table: cells of given widths, each a block, boxed in black."""

    def __init__(self, cells: Sequence[tuple[float, Laid | None]], pad: float,
                 pen: float) -> None:
        self.cells = list(cells)
        self.pad, self.pen = pad, pen
        self.height = max((c.height for _, c in self.cells if c is not None),
                          default=0.0) + 2 * pad

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        painter.save()
        painter.setPen(QPen(QColor("black"), self.pen))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        left = x
        for width, cell in self.cells:
            painter.drawRect(QRectF(left, y, width, self.height))
            if cell is not None:
                cell.paint(painter, left + self.pad, y + self.pad)
            left += width
        painter.restore()


Placed = list[tuple[Laid, float]]


def paginate(blocks: Sequence[Laid], page: float, gap: float) -> list[Placed]:
    """Each page's blocks with their tops.  A block goes where it fits; a block kept
    together that does not fit starts a new page; one that may split (or is taller than
    a page) fills the page and goes on on the next."""
    pages: list[Placed] = [[]]
    y = 0.0
    queue = list(reversed(_glue_headings(blocks, gap)))
    while queue:
        block = queue.pop()
        here = pages[-1]
        if block.page_break_before and here:
            pages.append([])
            y = 0.0
            here = pages[-1]
        top = y + gap if here else 0.0
        if top + block.height <= page:
            here.append((block, top))
            y = top + block.height
            continue
        parts = block.split(page - top, page)
        if parts is not None:
            here.append((parts[0], top))
            queue.append(parts[1])
            pages.append([])
            y = 0.0
            continue
        if here:
            pages.append([])
            y = 0.0
            queue.append(block)
            continue
        here.append((block, 0.0))  # taller than a page and cannot split: clipped
        pages.append([])
        y = 0.0
    if not pages[-1] and len(pages) > 1:
        pages.pop()
    return pages


def _glue_headings(blocks: Sequence[Laid], gap: float) -> list[Laid]:
    """A heading and the block after it as one group, so the heading never ends a page."""
    out: list[Laid] = []
    pending: list[Laid] = []
    for block in blocks:
        pending.append(block)
        if not block.heading:
            out.append(pending[0] if len(pending) == 1 else
                       LaidGroup(pending, gap, page_break_before=pending[0].page_break_before))
            pending = []
    if pending:
        out.append(LaidGroup(pending, gap))
    return out


# ---------------------------------------------------------------- what to lay out

@dataclass(frozen=True)
class Text:
    """Rich text (Qt's HTML subset); ``heading``: keep with the next block."""

    html: str
    keep: bool = True
    heading: bool = False
    rule_above: bool = False


@dataclass(frozen=True)
class Picture:
    """A drawing ``width_mm`` wide (its height from the image's proportions)."""

    image: QImage
    width_mm: float


@dataclass(frozen=True)
class Row:
    """A drawing with a text beside it."""

    picture: Picture
    text: Text
    gap_mm: float = 5.0


@dataclass(frozen=True)
class Group:
    children: tuple[Block, ...]
    keep: bool = True
    gap_mm: float = 2.0
    page_break_before: bool = False


@dataclass(frozen=True)
class Table:
    """A ruled table: column widths as shares of the width, a header row repeated on
    every page, rows of rich-text cells."""

    shares: tuple[float, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    pad_mm: float = 1.5
    page_break_before: bool = False


Block = Text | Picture | Row | Group | Table

STYLE = ("p, li { margin-top: 0; margin-bottom: 0 } ul, ol { margin-top: 2px; margin-bottom: 0 }"
         " h1, h2, h3 { margin-top: 0; margin-bottom: 0 }")


def lay(block: Block, ctx: Context, width: float) -> Laid:
    """``block`` laid out ``width`` wide on ``ctx``'s device."""
    if isinstance(block, Text):
        return LaidText(ctx.document(block.html, width, STYLE), keep=block.keep,
                        heading=block.heading,
                        rule_above=ctx.mm(0.3) if block.rule_above else 0.0)
    if isinstance(block, Picture):
        w = min(width, ctx.mm(block.width_mm))
        h = w * block.image.height() / max(1, block.image.width())
        return LaidPicture(block.image, w, h)
    if isinstance(block, Row):
        left = lay(block.picture, ctx, width)
        assert isinstance(left, LaidPicture)
        gap = ctx.mm(block.gap_mm)
        return LaidRow(left, gap, lay(block.text, ctx, max(1.0, width - left.width - gap)))
    if isinstance(block, Group):
        return LaidGroup([lay(c, ctx, width) for c in block.children], ctx.mm(block.gap_mm),
                         keep=block.keep, page_break_before=block.page_break_before)
    return _lay_table(block, ctx, width)


def _lay_table(table: Table, ctx: Context, width: float) -> LaidTable:
    total = sum(table.shares)
    widths = [width * s / total for s in table.shares]
    pad, pen = ctx.mm(table.pad_mm), ctx.mm(0.3)
    laid: dict[tuple[str, float], Laid] = {}  # the same cell text is laid out once

    def cell(html: str, w: float) -> Laid | None:
        if not html:
            return None
        key = (html, w)
        if key not in laid:
            laid[key] = LaidText(ctx.document(html, w - 2 * pad, STYLE))
        return laid[key]

    def row(cells: tuple[str, ...]) -> Laid:
        return LaidCells([(w, cell(c, w)) for w, c in zip(widths, cells)], pad, pen)
    return LaidTable(row(table.header), [row(r) for r in table.rows],
                     page_break_before=table.page_break_before)
