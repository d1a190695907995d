"""The break window shows each exercise's cautions while it is done: up front the first time
a person meets it, one click (or Alt+C) away afterwards, with the home program's notes and
progression, and what a screen reader hears is what is written."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from posture_coach.core.clock import FakeClock
from posture_coach.core.journal import Journal, Outcome, StepRecord, StepStatus
from posture_coach.core.library import Exercise, Routine, RoutineItem
from posture_coach.core.player import Guidance, guidance
from posture_coach.core.program import load_program
from posture_coach.ui.guided_break import GuidedBreakWindow
from tests.program_helpers import write_program
from tests.qt.a11y import audit
from tests.qt.fakes import FakeTimer
from tests.qt.test_guided_break import SHOTS, START, bundled, run, shown


@pytest.fixture
def desk() -> Routine:
    return bundled().routine("desk-reset")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def make(qtbot: QtBot, clock: FakeClock) -> Iterator[functools.partial[GuidedBreakWindow]]:
    def factory(parent: QObject) -> QTimer:
        return FakeTimer(parent)

    def build(routine: Routine, **kw: object) -> GuidedBreakWindow:
        window = GuidedBreakWindow(routine, clock, timer_factory=factory, **kw)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        return window

    yield functools.partial(build)


def spoken(label: QLabel) -> str:
    """What a screen reader hears for ``label`` (its accessible name, through Qt's
    accessibility interface)."""
    iface = QAccessible.queryAccessibleInterface(label)
    assert iface is not None
    return iface.text(QAccessible.Text.Name)


def squeeze_cautions() -> tuple[str, ...]:
    return bundled().exercise("shoulder-blade-squeeze").cautions


def test_first_time_the_cautions_are_up_front(qtbot: QtBot, desk: Routine, clock: FakeClock,
                                              make: functools.partial[GuidedBreakWindow]
                                              ) -> None:
    window = shown(make(desk, library=bundled(), done_before=frozenset()), qtbot)
    window.next()  # the posture checklist, then the squeezes
    assert window.player.step.exercise_id == "shoulder-blade-squeeze"
    assert window.cautions_panel.isVisible()
    assert window.cautions_heading.text() == ("New to you: read these cautions before you "
                                              "start")
    cautions = squeeze_cautions()
    assert cautions  # the shipped exercise has some
    assert window.cautions_label.text().splitlines() == [f"• {c}" for c in cautions]
    for label in (window.cautions_heading, window.cautions_label):
        assert spoken(label) == label.text()
    assert window.cautions_button.isVisible() and window.cautions_button.isChecked()
    assert window.cautions_button.text() == "&Cautions"
    run(window, clock, 6)  # still there while the exercise is done (a relax, then hold 2)
    assert window.cautions_panel.isVisible()
    # the cautions fit: the panel is as tall as its wrapped text needs
    layout = window.cautions_panel.layout()
    assert layout is not None
    assert window.cautions_panel.height() >= layout.heightForWidth(
        window.cautions_panel.width())
    if SHOTS.is_dir():
        window.grab().save(str(SHOTS / "test-cautions-first-time.png"))
    assert audit(window) == []


def test_met_before_the_cautions_are_one_click_away(
        qtbot: QtBot, desk: Routine, clock: FakeClock,
        make: functools.partial[GuidedBreakWindow]) -> None:
    window = shown(make(desk, done_before=frozenset({"shoulder-blade-squeeze"})), qtbot)
    window.next()
    assert not window.cautions_panel.isVisible()
    assert window.cautions_button.isVisible() and not window.cautions_button.isChecked()
    qtbot.mouseClick(window.cautions_button, Qt.MouseButton.LeftButton)
    assert window.cautions_panel.isVisible() and window.cautions_button.isChecked()
    assert window.cautions_heading.text() == "Cautions"
    assert window.cautions_label.text().splitlines() == [f"• {c}" for c in
                                                         squeeze_cautions()]
    assert spoken(window.cautions_label) == window.cautions_label.text()
    run(window, clock, 10)  # it stays open while the exercise goes on
    assert window.cautions_panel.isVisible()
    qtbot.mouseClick(window.cautions_button, Qt.MouseButton.LeftButton)
    assert not window.cautions_panel.isVisible()
    # the next exercise was never done: its cautions open by themselves
    window.next()
    assert window.player.step.exercise_id == "thoracic-extension-chair"
    assert window.cautions_panel.isVisible()
    assert window.cautions_heading.text().startswith("New to you")
    window.back()  # back to the squeezes: as the person left them, closed
    assert not window.cautions_panel.isVisible()


def test_the_cautions_key(qtbot: QtBot, desk: Routine,
                          make: functools.partial[GuidedBreakWindow]) -> None:
    """Alt+C (the button's mnemonic) opens and closes them; Tab reaches the button."""
    window = shown(make(desk, done_before=frozenset({"shoulder-blade-squeeze"})), qtbot)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.next()
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(window.cautions_panel.isVisible)  # a mnemonic clicks after a flash
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not window.cautions_panel.isVisible())
    assert window.cautions_button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert window.cautions_button.accessibleName() == "Cautions"


def test_rest_keeps_the_exercise_cautions_and_keep_moving_has_none(
        qtbot: QtBot, clock: FakeClock, make: functools.partial[GuidedBreakWindow]) -> None:
    evening = bundled().routine("evening-home-session")
    window = shown(make(evening, break_min=15), qtbot)
    window.next()  # the towel extension's first set, then its rest
    assert window.player.step.kind == "rest"
    assert window.cautions_panel.isVisible()
    towel = bundled().exercise("thoracic-extension-towel")
    assert window.cautions_label.text().splitlines() == [f"• {c}" for c in towel.cautions]
    while not window.player.moving:
        window.skip_step()
    assert not window.cautions_button.isVisible() and not window.cautions_panel.isVisible()
    assert not window.notes_label.isVisible()


def test_a_home_program_shows_its_notes_and_progression(
        qtbot: QtBot, tmp_path: Path, clock: FakeClock,
        make: functools.partial[GuidedBreakWindow]) -> None:
    program = load_program(write_program(tmp_path), bundled())
    desk = program.routines()[0]
    assert desk.items[0].exercise.id == "chin-tuck"
    window = shown(make(desk, program=program, done_before=frozenset({"chin-tuck"})), qtbot)
    notes = program.prescription("chin-tuck").notes
    progression = program.prescription("chin-tuck").progression
    assert notes and progression
    # the therapist's notes are always there; the progression is with the cautions
    assert window.notes_label.isVisible()
    assert window.notes_label.text() == f"Your therapist's notes: {notes}"
    assert spoken(window.notes_label) == window.notes_label.text()
    assert not window.cautions_panel.isVisible()
    window.toggle_cautions()
    assert window.progression_label.text() == f"Progression: {progression}"
    assert spoken(window.progression_label) == window.progression_label.text()
    window.next()  # the doorway stretch has no notes in this program
    assert not window.notes_label.isVisible()


@dataclass(frozen=True)
class Linked(Exercise):
    """An exercise with the library's progression links (lib16's ``easier``/``harder``)."""

    easier: tuple[str, ...] = ()
    harder: tuple[str, ...] = ()


def test_too_hard_too_easy(qtbot: QtBot, clock: FakeClock,
                           make: functools.partial[GuidedBreakWindow]) -> None:
    lib = bundled()
    base = lib.exercise("shoulder-blade-squeeze")
    fields = {f: getattr(base, f) for f in ("name", "kind", "position", "summary",
                                            "steps", "dose", "cautions", "source")}
    fields["id"] = "linked-squeeze"  # not in the library: only its own links count
    linked = Linked(**fields, easier=("shoulder-rolls", "no-such-exercise"),
                    harder=("prone-y-raise",))
    routine = Routine("linked", "Linked", "", (RoutineItem(linked, linked.dose),))
    window = shown(make(routine, library=lib), qtbot)
    assert window.progression_label.text().splitlines() == [
        f"Too hard? Try: {lib.exercise('shoulder-rolls').name}",
        f"Too easy? Try: {lib.exercise('prone-y-raise').name}"]  # an unknown id is left out
    assert spoken(window.progression_label) == window.progression_label.text()


def test_guidance_without_cautions_or_links_is_empty() -> None:
    ex = bundled().exercise("walk-break")
    g = guidance(ex, done_before=frozenset({"walk-break"}))
    assert g == Guidance(cautions=ex.cautions, first_time=False)
    assert g.empty is (not ex.cautions)
    assert guidance(ex).first_time


def test_the_journal_knows_what_was_done_before(tmp_path: Path, clock: FakeClock) -> None:
    with Journal.open(tmp_path / "journal.db", clock) as journal:
        assert journal.exercises_done() == frozenset()
        journal.record_break(
            planned_at=None, started_at=clock.now(), ended_at=clock.now(),
            routine_id="desk-reset", outcome=Outcome.PARTIAL,
            steps=(StepRecord(0, "chin-tuck", StepStatus.DONE, 30.0),
                   StepRecord(1, "bird-dog", StepStatus.SKIPPED, 0.0)))
        # skipped is not done: its cautions still come up front next time
        assert journal.exercises_done() == frozenset({"chin-tuck"})


def test_the_shipped_progressions_show_in_the_break_window(
        qtbot: QtBot, clock: FakeClock, make: functools.partial[GuidedBreakWindow]) -> None:
    """Every exercise of the shipped library with easier or harder versions names them all
    in its cautions panel (the library's links, both ends)."""
    lib = bundled()
    easier_of, harder_of = getattr(lib, "easier", None), getattr(lib, "harder", None)
    if not callable(easier_of) or not callable(harder_of):
        pytest.skip("this library has no progression links yet (lib16)")
    linked = [e for e in lib.exercises if easier_of(e.id) or harder_of(e.id)]
    assert linked
    for ex in linked:
        routine = Routine(f"one-{ex.id}", ex.name, "", (RoutineItem(ex, ex.dose),))
        window = make(routine, library=lib)
        want = []
        easier = [lib.exercise(i).name for i in easier_of(ex.id)]
        harder = [lib.exercise(i).name for i in harder_of(ex.id)]
        if easier:
            want.append(f"Too hard? Try: {', '.join(easier)}")
        if harder:
            want.append(f"Too easy? Try: {', '.join(harder)}")
        assert window.progression_label.text().splitlines() == want, ex.id
        window.close()


def test_the_words_fit_at_the_default_size(
        qtbot: QtBot, desk: Routine, make: functools.partial[GuidedBreakWindow]) -> None:
    """At the window's default size every word (instructions and cautions) shows without
    scrolling; the drawing gives way.  (A small screen: tests/desktop at 200 %.)"""
    window = shown(make(desk), qtbot)
    for _ in range(3):
        area = window.text_area
        qtbot.waitUntil(lambda area=area: area.height() >= area.needed_height())  # type: ignore[misc]
        assert not area.verticalScrollBar().isVisible(), window.player.step.exercise_id
        window.next()


def test_a_screen_reader_hears_what_the_step_says(
        qtbot: QtBot, desk: Routine, clock: FakeClock,
        make: functools.partial[GuidedBreakWindow]) -> None:
    window = shown(make(desk), qtbot)
    window.next()
    run(window, clock, 9)  # into the second rep
    labels = (window.name_label, window.step_label, window.dose_label, window.lines_label,
              window.rep_label)
    for label in labels:
        assert label.text() and spoken(label) == label.text()
    assert window.rep_label.text() == "Rep 2 of 5"
    assert window.lines_label.accessibleDescription() == "Instructions"
