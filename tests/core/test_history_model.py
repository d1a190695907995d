"""The History model: subscribers hear each change; figures are computed once per change
and only when asked; a journal that cannot be read keeps the last good view."""

from __future__ import annotations

from posture_coach.core.history_model import HistoryModel, HistoryView
from posture_coach.core.journal import JournalError


class Source:
    def __init__(self) -> None:
        self.computed = 0
        self.fail: str | None = None

    def __call__(self) -> HistoryView:
        if self.fail:
            raise JournalError(self.fail)
        self.computed += 1
        return HistoryView(history=f"figures {self.computed}", evaluation=None)


def test_nothing_is_computed_while_nobody_looks() -> None:
    source = Source()
    model = HistoryModel(source)
    for _ in range(5):
        model.changed()
    assert source.computed == 0


def test_each_subscriber_hears_each_change_and_the_view_is_computed_once() -> None:
    source = Source()
    model = HistoryModel(source)
    seen: list[object] = []
    model.subscribe(lambda: seen.append(("a", model.view())))
    model.subscribe(lambda: seen.append(("b", model.view())))
    model.changed()
    [(_, first), (_, second)] = seen
    assert first is second and source.computed == 1
    model.changed()
    assert seen[-1][1].history == "figures 2"  # type: ignore[union-attr]


def test_an_unsubscribed_listener_hears_nothing_more() -> None:
    model = HistoryModel(Source())
    heard: list[int] = []
    unsubscribe = model.subscribe(lambda: heard.append(1))
    same = model.subscribe(lambda: heard.append(2))
    model.changed()
    unsubscribe()
    unsubscribe()  # twice is harmless
    model.changed()
    assert heard == [1, 2, 2] and model.listening == 1
    same()
    assert model.listening == 0


def test_a_journal_that_cannot_be_read_gives_no_view_and_says_why() -> None:
    source = Source()
    model = HistoryModel(source)
    assert model.view() is not None
    source.fail = "the journal is locked by another program"
    model.changed()
    assert model.view() is None and model.problem == "the journal is locked by another program"
    source.fail = None
    model.changed()
    view = model.view()
    assert view is not None and view.history == "figures 2" and model.problem is None
