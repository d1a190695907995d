"""Two screens: GNOME Shell with two virtual monitors and sway with two headless
outputs.  A full-screen break covers every screen (the break on one, a cover on the
other, each exactly its screen); a windowed break lies whole on one screen (on Wayland
the compositor places it: the app does not position windows there)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.desktop.conftest import _failed, _need
from tests.desktop.test_wayland_desktops import SETTINGS, cli, start_app, stop_app
from tests.desktop.wdesktop import (
    GNOME_TOOLS,
    SWAY_TOOLS,
    DesktopFailed,
    WaylandDesktop,
    running_gnome,
    running_sway,
)

pytestmark = pytest.mark.desktop

TWO = ("1280x800", "1280x800")


@pytest.fixture(scope="module", params=["gnome", "sway"])
def two_screens(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[WaylandDesktop]:
    kind = request.param
    _need(GNOME_TOOLS if kind == "gnome" else SWAY_TOOLS)
    home = tmp_path_factory.mktemp(f"{kind}-two")
    keep = request.config.getoption("--screenshots")
    shots = Path(keep) if keep else home / "shots"
    run = running_gnome if kind == "gnome" else running_sway
    try:
        context = run(home, shots, monitors=TWO)
        desk = context.__enter__()
    except DesktopFailed as exc:
        _failed(f"{kind} with two screens", exc)
        return
    try:
        yield desk
    finally:
        context.__exit__(None, None, None)


def inside(window: dict[str, Any], screen: dict[str, Any]) -> bool:
    return (screen["x"] <= window["x"] and screen["y"] <= window["y"]
            and window["x"] + window["width"] <= screen["x"] + screen["width"]
            and window["y"] + window["height"] <= screen["y"] + screen["height"])


def test_a_full_screen_break_covers_every_screen(two_screens: WaylandDesktop,
                                                 tmp_path: Path) -> None:
    desk = two_screens
    screens = desk.outputs()
    assert len(screens) == 2, screens
    proc = start_app(desk, tmp_path, SETTINGS + "fullscreen_breaks: true\n")
    try:
        desk.wait_for(lambda: cli(desk, tmp_path, "status").returncode == 0, 20, "the app")
        assert cli(desk, tmp_path, "break-now").returncode == 0
        desk.window("Break: Desk reset")

        def covered() -> list[dict[str, Any]] | None:
            mine = [w for w in desk.windows() if w["pid"] == proc.pid and w["fullscreen"]]
            rects = sorted((w["x"], w["y"], w["width"], w["height"]) for w in mine)
            want = sorted((s["x"], s["y"], s["width"], s["height"]) for s in screens)
            return mine if rects == want else None
        mine = desk.wait_for(covered, 20, "a full-screen window on each screen")
        assert any("Break: Desk reset" in w["title"] for w in mine), mine
        desk.screenshot(f"{desk.kind}-two-screens-fullscreen")
    finally:
        stop_app(desk, tmp_path, proc)


def test_a_windowed_break_lies_whole_on_one_screen(two_screens: WaylandDesktop,
                                                   tmp_path: Path) -> None:
    desk = two_screens
    screens = desk.outputs()
    proc = start_app(desk, tmp_path)
    try:
        desk.wait_for(lambda: cli(desk, tmp_path, "status").returncode == 0, 20, "the app")
        assert cli(desk, tmp_path, "break-now").returncode == 0
        window = desk.window("Break: Desk reset")
        assert not window["fullscreen"]
        assert any(inside(window, s) for s in screens), (window, screens)
    finally:
        stop_app(desk, tmp_path, proc)


