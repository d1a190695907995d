"""An accessibility walker for any window: reuse it for every new window.

``audit(window)`` walks every widget under ``window`` and returns one line per
problem:

* an interactive control (button, check box, spin box, combo box, text field,
  list/tree/table, slider, tab bar, menu bar) without an accessible name set in
  code (a screen reader would have to guess from the text, or say nothing);
* an interactive control the keyboard cannot reach (``Qt.NoFocus``; a menu bar is
  reached with Alt), unless it is listed in ``mouse_only`` because a keyboard path to
  the same action exists;
* a widget whose font is a fixed pixel size (text must follow the system font).

Scroll bars, header views and a table's corner button that item views and text
areas build for themselves are not the window's own controls and are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMenuBar,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QTextEdit,
               QAbstractItemView, QAbstractSlider, QTabBar, QMenuBar)


def _describe(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    shown = f" {text()!r}" if callable(text) and isinstance(text(), str) and text() else ""
    name = widget.objectName()
    return f"{type(widget).__name__}{shown}" + (f" #{name}" if name else "")


def _internal(widget: QWidget) -> bool:
    """A part Qt builds inside another control (its scroll bars, a header, a spin box's
    line edit), named through its owner."""
    if isinstance(widget, (QScrollBar, QHeaderView)):
        return True
    if isinstance(widget, QAbstractButton) and isinstance(widget.parentWidget(),
                                                          QAbstractItemView):
        return True  # a table's corner button (select all), part of its headers
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QAbstractSpinBox, QComboBox, QMenuBar)):
            return True
        if isinstance(parent, QAbstractScrollArea) and widget is not parent.viewport() \
                and isinstance(widget, QAbstractSlider):
            return True
        parent = parent.parentWidget()
    return False


def controls(window: QWidget) -> list[QWidget]:
    """The window's own interactive controls (visible or not: every page is checked)."""
    return [w for w in (window, *window.findChildren(QWidget))
            if isinstance(w, INTERACTIVE) and not _internal(w)]


def audit(window: QWidget, mouse_only: Iterable[QWidget] = ()) -> list[str]:
    allowed = set(map(id, mouse_only))
    problems = []
    for widget in controls(window):
        if not widget.accessibleName().strip():
            problems.append(f"{_describe(widget)}: no accessible name")
        # a menu bar is reached with Alt and its menus' mnemonics, never with Tab
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus and id(widget) not in allowed \
                and not isinstance(widget, QMenuBar):
            problems.append(f"{_describe(widget)}: cannot be reached with the keyboard")
    for widget in (window, *window.findChildren(QWidget)):
        if widget.font().pixelSize() > 0 and widget.testAttribute(
                Qt.WidgetAttribute.WA_SetFont):
            problems.append(f"{_describe(widget)}: fixed pixel font size "
                            f"({widget.font().pixelSize()} px)")
    return problems


def _plain(label: object) -> str:
    """What a sighted person reads in a label: its text without markup or mnemonics."""
    from PySide6.QtGui import QTextDocument

    text = label.text()  # type: ignore[attr-defined]
    if label.textFormat() == Qt.TextFormat.PlainText:  # type: ignore[attr-defined]
        return " ".join(text.split())
    doc = QTextDocument()
    doc.setHtml(text)
    return " ".join(doc.toPlainText().split())


def hidden_text(window: QWidget) -> list[str]:
    """Labels whose spoken name is not their visible text: a screen reader reads a label's
    accessible name, so one set to a generic word ("Step", "Dose") hides what is shown.
    Context belongs in the description or a buddy, never in a name that replaces the text.
    One line per label that shows text and is heard as something else."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QLabel

    problems = []
    for label in window.findChildren(QLabel):
        if not label.isVisibleTo(window) or not label.text().strip():
            continue
        shown = _plain(label).replace("&", "") if label.buddy() else _plain(label)
        iface = QAccessible.queryAccessibleInterface(label)
        heard = " ".join((iface.text(QAccessible.Text.Name) if iface else "").split())
        if heard.replace("&", "") != shown.replace("&", "") and shown not in heard:
            problems.append(f"{_describe(label)} is heard as {heard!r}, shows {shown!r}")
    return problems
