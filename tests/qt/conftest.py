"""Widget tests run offscreen: no screen needed."""

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session", autouse=True)
def english(qapp: object) -> Iterator[None]:
    """Tests read English text, whatever the machine's language, as the app would show it
    (the launcher installs a catalogue before any widget is built; English has one for its
    plurals).  A test that wants another language uses the ``language`` fixture."""
    from posture_coach.ui.i18n import install_translator

    install_translator(qapp, "en")  # type: ignore[arg-type]
    yield


@pytest.fixture
def language(qapp: object) -> Iterator[object]:
    """``language("es")`` installs that language for one test; English comes back after."""
    from posture_coach.ui.i18n import install_translator

    def use(code: str) -> str:
        return install_translator(qapp, code)  # type: ignore[arg-type]

    yield use
    install_translator(qapp, "en")  # type: ignore[arg-type]
