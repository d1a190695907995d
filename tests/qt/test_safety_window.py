"""The safety screen keeps the clinic page's levels, each under its own heading, and a screen
reader hears every word of it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from posture_coach.core import paths
from posture_coach.core.library import Safety, load_library_file
from posture_coach.ui.safety_window import SafetyDialog
from tests.qt.a11y import audit

SEED_URGENT = ("Severe neck pain with fever, trauma, progressive weakness, severe headache, "
               "or dizziness requires immediate medical attention.")
"""The clinic page's "When to see urgent care:" section, word for word."""


@pytest.fixture
def safety() -> Safety:
    found = load_library_file(paths.bundled_library()).safety
    assert found is not None
    return found


def spoken(label: QLabel) -> str:
    iface = QAccessible.queryAccessibleInterface(label)
    assert iface is not None
    return iface.text(QAccessible.Text.Name)


def test_two_levels_each_under_its_heading(qtbot: QtBot, safety: Safety) -> None:
    d = SafetyDialog(safety)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    assert d.emergency_heading.text() == "Emergency care"
    assert d.emergency_text.text() == safety.emergency
    assert d.red_flags.text().splitlines() == [f"• {f}" for f in safety.red_flags]
    assert d.urgent_heading is not None and d.urgent_text is not None
    assert d.urgent_heading.text() == "When to see urgent care"
    assert d.urgent_text.text() == SEED_URGENT  # the clinic's words, not a bullet of the list
    assert "neck pain with fever" not in d.red_flags.text()
    assert d.evaluate_heading.text() == "When to get your back evaluated"
    # read top to bottom: emergency, its list, urgent care, evaluation
    order = [d.emergency_heading, d.emergency_text, d.red_flags, d.urgent_heading,
             d.urgent_text, d.evaluate_heading, d.evaluate_text, d.disclaimer]
    tops = [w.mapTo(d, w.rect().topLeft()).y() for w in order]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    for heading in (d.emergency_heading, d.urgent_heading, d.evaluate_heading):
        assert heading.font().bold()
        assert heading.font().pointSizeF() > d.red_flags.font().pointSizeF()
    layout = d.layout()
    assert layout is not None  # as tall as its text needs: no empty half under it
    assert d.height() <= layout.totalHeightForWidth(d.width()) + 2
    assert audit(d) == []


def test_a_screen_reader_hears_every_word(qtbot: QtBot, safety: Safety) -> None:
    d = SafetyDialog(safety, first_run=True, high_pain=True)
    qtbot.addWidget(d)
    labels = d.findChildren(QLabel)
    assert set(labels) == set(d.labels)  # no text outside the list
    for label in labels:
        assert label.text() and spoken(label) == label.text()
    heard = d.spoken_text()
    for words in (*safety.red_flags, *safety.urgent_care, *safety.evaluate_when,
                  safety.emergency, safety.disclaimer, "When to see urgent care",
                  "Emergency care", "rated your pain 8"):
        assert words in heard


def test_without_an_urgent_care_line(qtbot: QtBot, safety: Safety) -> None:
    from dataclasses import replace
    d = SafetyDialog(replace(safety, urgent_care=()))
    qtbot.addWidget(d)
    assert d.urgent_heading is None and "urgent care" not in d.spoken_text()
