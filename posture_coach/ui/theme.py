"""The theme: follow the system, or force light or dark on the whole application.

Light and dark use Qt's Fusion style with a palette chosen for contrast (text on
window and base well above WCAG AA's 4.5:1); "system" puts back the style and palette
the application started with.  The drawings follow (``ui/art.is_dark`` reads the
palette and the colour scheme).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

_original: dict[str, object] = {}


def _palette(dark: bool) -> QPalette:
    p = QPalette()
    R, G = QPalette.ColorRole, QPalette.ColorGroup
    if dark:
        colours = {R.Window: "#202427", R.WindowText: "#eceff1", R.Base: "#15181a",
                   R.AlternateBase: "#263035", R.Text: "#eceff1", R.Button: "#2c3338",
                   R.ButtonText: "#eceff1", R.ToolTipBase: "#263238", R.ToolTipText: "#eceff1",
                   R.Highlight: "#64b5f6", R.HighlightedText: "#0d1214", R.Link: "#90caf9",
                   R.LinkVisited: "#ce93d8", R.PlaceholderText: "#9aa5ab", R.BrightText: "#ffffff",
                   R.Light: "#3b454b", R.Midlight: "#323a3f", R.Mid: "#4b565c",
                   R.Dark: "#111416", R.Shadow: "#000000"}
        disabled = "#7d878c"
    else:
        colours = {R.Window: "#f3f5f6", R.WindowText: "#1c2326", R.Base: "#ffffff",
                   R.AlternateBase: "#eceff1", R.Text: "#1c2326", R.Button: "#e6eaec",
                   R.ButtonText: "#1c2326", R.ToolTipBase: "#ffffff", R.ToolTipText: "#1c2326",
                   R.Highlight: "#1565c0", R.HighlightedText: "#ffffff", R.Link: "#0d47a1",
                   R.LinkVisited: "#6a1b9a", R.PlaceholderText: "#5f6b71", R.BrightText: "#000000",
                   R.Light: "#ffffff", R.Midlight: "#f0f2f3", R.Mid: "#b0bec5",
                   R.Dark: "#90a4ae", R.Shadow: "#455a64"}
        disabled = "#7a858a"
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    for role in (R.WindowText, R.Text, R.ButtonText, R.HighlightedText):
        p.setColor(G.Disabled, role, QColor(disabled))
    return p


# The edge of every control against the window: at least 3:1 (WCAG 1.4.11).  Fusion draws
# edges a shade darker than the window, invisible on a dark one (check boxes were black
# squares) and about 2:1 on the light one.
EDGE = {"dark": "#8d989e", "light": "#6b767b"}

_EDGED = (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
          QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
          QStyle.PrimitiveElement.PE_FrameLineEdit,
          QStyle.PrimitiveElement.PE_Frame,  # lists, tables and text areas (styled panels)
          QStyle.PrimitiveElement.PE_PanelButtonCommand)
_EDGED_COMPLEX = (QStyle.ComplexControl.CC_SpinBox, QStyle.ComplexControl.CC_ComboBox)


class EdgeStyle(QProxyStyle):
    """Fusion, with a visible edge on check boxes, radio buttons, buttons, text, number
    and time fields, and the frames of lists, tables and text areas."""

    def __init__(self, edge: str) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self.edge = QColor(edge)

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        radio = element == QStyle.PrimitiveElement.PE_IndicatorRadioButton
        if element not in _EDGED and not radio:
            return
        self._edge(painter, option, radio)

    def drawComplexControl(self, control: QStyle.ComplexControl,
                           option: QStyleOptionComplex, painter: QPainter,
                           widget: QWidget | None = None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in _EDGED_COMPLEX:
            self._edge(painter, option, False)

    def _edge(self, painter: QPainter, option: QStyleOption, round_: bool) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.edge, 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if round_:
            painter.drawEllipse(rect)
        else:
            painter.drawRoundedRect(rect, 2.0, 2.0)
        painter.restore()


def apply_theme(app: QApplication, theme: str) -> None:
    """``theme``: ``system``, ``light`` or ``dark``."""
    if not _original:
        _original["style"] = app.style().name()
        _original["palette"] = QPalette(app.palette())
    hints = QGuiApplication.styleHints()
    set_scheme = getattr(hints, "setColorScheme", None)  # Qt 6.8+
    if theme in ("light", "dark"):
        app.setStyle(EdgeStyle(EDGE[theme]))
        app.setPalette(_palette(theme == "dark"))
        if set_scheme is not None:
            set_scheme(Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
        return
    if set_scheme is not None:
        set_scheme(Qt.ColorScheme.Unknown)
    style = QStyleFactory.create(str(_original["style"]))
    if style is not None:
        app.setStyle(style)
    palette = _original["palette"]
    assert isinstance(palette, QPalette)
    app.setPalette(palette)
