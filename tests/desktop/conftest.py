"""The real desktops for end-to-end tests: X11 (xdesktop.py: Xvfb, tint2, dunst) and
Wayland (wdesktop.py: GNOME Shell with its AppIndicator tray, sway with waybar and mako).

Each desktop starts once per test session.  In CI (``CI`` set) a missing tool or a
desktop that does not start fails the run, with the desktop's log, instead of skipping:
``make test`` installs them.  ``--screenshots=DIR`` keeps the screenshots the tests take.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.desktop.wdesktop import (
    GNOME_TOOLS,
    SWAY_TOOLS,
    DesktopFailed,
    WaylandDesktop,
    missing_tools,
    running_gnome,
    running_sway,
    system_python_has_gi,
)
from tests.desktop.xdesktop import TOOLS, Desktop, require_tools, running_desktop

__all__ = ["Desktop", "WaylandDesktop"]


_WAYLAND_FIXTURES = frozenset({"gnome", "sway", "wayland"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (``make test`` runs the suite on every core), the tests on the
    Wayland desktops go to one worker, so GNOME Shell and sway start once per run, not
    once per worker; every other test goes wherever a worker is free."""
    for item in items:
        if _WAYLAND_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group("wayland"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--screenshots", metavar="DIR", default=None,
                     help="keep the desktop tests' screenshots in DIR")


def _shots(request: pytest.FixtureRequest, home: Path) -> Path:
    keep = request.config.getoption("--screenshots")
    return Path(keep) if keep else home / "shots"


@pytest.fixture(scope="session")
def desktop(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[Desktop]:
    require_tools(*TOOLS)
    home = tmp_path_factory.mktemp("desktop")
    with running_desktop(home, _shots(request, home)) as desk:
        yield desk


def _need(tools: tuple[str, ...]) -> None:
    missing = missing_tools(tools)
    if not missing and not system_python_has_gi():
        missing = ["python3-gi for /usr/bin/python3"]
    if missing:
        message = f"desktop tools missing: {', '.join(missing)} (make test installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _failed(what: str, exc: DesktopFailed) -> None:
    """A desktop that does not start: a failure with its log (never a skip in CI)."""
    message = f"{what} did not start:\n{exc}"
    if os.environ.get("CI") or os.environ.get("POSTURE_COACH_REQUIRE_DESKTOPS"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def gnome(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[WaylandDesktop]:
    """GNOME Shell on Wayland (headless), its AppIndicator extension as the tray."""
    _need(GNOME_TOOLS)
    home = tmp_path_factory.mktemp("gnome")
    try:
        context = running_gnome(home, _shots(request, home))
        desk = context.__enter__()
    except DesktopFailed as exc:
        _failed("GNOME Shell", exc)
        return
    try:
        yield desk
    finally:
        context.__exit__(None, None, None)


@pytest.fixture(scope="session")
def sway(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[WaylandDesktop]:
    """sway (headless wlroots) with waybar's tray and mako."""
    _need(SWAY_TOOLS)
    home = tmp_path_factory.mktemp("sway")
    try:
        context = running_sway(home, _shots(request, home))
        desk = context.__enter__()
    except DesktopFailed as exc:
        _failed("sway", exc)
        return
    try:
        yield desk
    finally:
        context.__exit__(None, None, None)


@pytest.fixture(params=["gnome", "sway"])
def wayland(request: pytest.FixtureRequest) -> WaylandDesktop:
    """Each Wayland desktop in turn (both start once per session)."""
    desk = request.getfixturevalue(request.param)
    assert isinstance(desk, WaylandDesktop)
    return desk
