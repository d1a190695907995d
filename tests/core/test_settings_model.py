"""Settings changes reach each subscriber of the fields that changed, and nobody else."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posture_coach.core.settings import Settings
from posture_coach.core.settings_model import FIELDS, SettingsModel


def test_a_subscriber_hears_only_its_own_fields() -> None:
    model = SettingsModel(Settings())
    heard: list[tuple[str, object, object]] = []
    model.subscribe(("sound", "volume"), lambda new, old: heard.append(
        ("sound", old.volume, new.volume)))
    model.subscribe(("theme",), lambda new, old: heard.append(("theme", old.theme, new.theme)))
    changed = model.set(replace(Settings(), volume=30))
    assert changed == {"volume"}
    assert heard == [("sound", Settings().volume, 30)]
    assert model.current.volume == 30
    heard.clear()
    assert model.set(model.current) == frozenset() and heard == []


def test_subscribers_are_called_in_order_with_the_new_settings_in_place() -> None:
    model = SettingsModel(Settings())
    order: list[str] = []
    model.subscribe(("theme",), lambda new, old: order.append(f"a:{model.current.theme}"))
    model.subscribe(("theme", "sound"), lambda new, old: order.append(f"b:{new.theme}"))
    model.set(replace(Settings(), theme="dark"))
    assert order == ["a:dark", "b:dark"]


def test_unknown_fields_are_refused_when_subscribing() -> None:
    model = SettingsModel(Settings())
    with pytest.raises(ValueError, match=r"unknown settings field.*'volum'"):
        model.subscribe(("volum",), lambda new, old: None)
    with pytest.raises(ValueError, match="at least one"):
        model.subscribe((), lambda new, old: None)


def test_unsubscribe_and_the_decorator() -> None:
    model = SettingsModel(Settings())
    heard: list[int] = []
    stop = model.subscribe(("volume",), lambda new, old: heard.append(new.volume))

    @model.on_change("volume")
    def also(new: Settings, old: Settings) -> None:
        heard.append(-new.volume)

    model.set(replace(Settings(), volume=10))
    stop()
    model.set(replace(Settings(), volume=20))
    assert heard == [10, -10, -20]


@given(st.sets(st.sampled_from(sorted({"volume", "sound", "theme", "notice_s",
                                        "snooze_cap", "fullscreen_breaks"}))))
def test_set_reports_exactly_the_fields_that_differ(names: set[str]) -> None:
    old = Settings()
    changes = {"volume": 7, "sound": not old.sound, "theme": "dark" if old.theme != "dark"
               else "light", "notice_s": old.notice_s + 1, "snooze_cap": old.snooze_cap + 1,
               "fullscreen_breaks": not old.fullscreen_breaks}
    new = replace(old, **{n: changes[n] for n in names})
    model = SettingsModel(old)
    heard: list[str] = []
    for name in sorted(FIELDS):
        model.subscribe((name,), lambda n, o, name=name: heard.append(name))
    assert model.set(new) == names
    assert sorted(heard) == sorted(names)
