"""Two screens: GNOME Shell with two virtual monitors and sway with two headless
outputs.  A full-screen break covers every screen (the break on one, a cover on the
other, each exactly its screen); a windowed break lies whole on one screen (on Wayland
the compositor places it: the app does not position windows there)."""

from __future__ import annotations

import json
import subprocess
import sys
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
from tests.desktop.xdesktop import TOOLS, Desktop, require_tools, running_desktop

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




# --- X11: Xvfb with two RandR monitors ------------------------------------------------


@pytest.fixture(scope="module")
def x11_two(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[Desktop]:
    """Xvfb split into two 1280x800 RandR monitors side by side (one 2560x800 screen),
    tint2 and dunst: Qt sees two screens."""
    require_tools(*TOOLS, "xrandr", "xprop")
    home = tmp_path_factory.mktemp("x11-two")
    keep = request.config.getoption("--screenshots")
    shots = Path(keep) if keep else home / "shots"
    with running_desktop(home, shots, monitors=TWO) as desk:
        yield desk


def x_windows(desk: Desktop, pid: int) -> list[dict[str, Any]]:
    """The app's visible top-level windows: title, frame, full screen or not (no window
    manager here, so a window's frame is its own geometry)."""
    found = []
    for wid in desk.run("xdotool", "search", "--onlyvisible", "--pid", str(pid),
                        check=False).stdout.split():
        title = desk.run("xdotool", "getwindowname", wid, check=False).stdout.strip()
        try:
            x, y, width, height = desk.geometry(wid)
        except (KeyError, subprocess.CalledProcessError):
            continue  # gone meanwhile
        if width <= 32 and height <= 32:
            continue  # the tray icon, embedded in tint2
        state = desk.run("xprop", "-id", wid, "_NET_WM_STATE", check=False).stdout
        found.append({"id": wid, "title": title, "x": x, "y": y, "width": width,
                      "height": height, "fullscreen": "FULLSCREEN" in state})
    return found


def x_screens(desk: Desktop) -> list[dict[str, Any]]:
    return [{"name": name, "x": x, "y": y, "width": w, "height": h}
            for name, x, y, w, h in desk.monitors()]


def test_x11_has_two_screens_for_qt(x11_two: Desktop, tmp_path: Path) -> None:
    """The RandR monitors are what Qt's xcb plugin shows as screens (not one wide one)."""
    probe = ("import json; from PySide6.QtGui import QGuiApplication as A; a = A([]); "
             "print(json.dumps([[s.geometry().x(), s.geometry().y(), s.geometry().width(),"
             " s.geometry().height()] for s in a.screens()]))")
    out = x11_two.run(sys.executable, "-c", probe, timeout=30).stdout
    assert json.loads(out) == [[0, 0, 1280, 800], [1280, 0, 1280, 800]], out
    assert [s["x"] for s in x_screens(x11_two)] == [0, 1280]


def test_x11_a_full_screen_break_covers_every_screen(x11_two: Desktop, tmp_path: Path
                                                     ) -> None:
    desk = x11_two
    screens = x_screens(desk)
    assert len(screens) == 2, screens
    desk.pointer_to(1280 + 640, 400)  # the break on the second screen, a cover on the first
    proc = start_app(desk, tmp_path, SETTINGS + "fullscreen_breaks: true\n")  # type: ignore[arg-type]
    try:
        desk.wait_for(lambda: cli(desk, tmp_path, "status").returncode == 0, 20, "the app")  # type: ignore[arg-type]
        assert cli(desk, tmp_path, "break-now").returncode == 0  # type: ignore[arg-type]

        def covered() -> list[dict[str, Any]] | None:
            mine = x_windows(desk, proc.pid)
            rects = sorted((w["x"], w["y"], w["width"], w["height"]) for w in mine)
            want = sorted((s["x"], s["y"], s["width"], s["height"]) for s in screens)
            return mine if rects == want else None
        try:
            mine = desk.wait_for(covered, 20, "a full-screen window on each screen exactly")
        except AssertionError:
            raise AssertionError((x_windows(desk, proc.pid), screens)) from None
        assert isinstance(mine, list)
        by_x = {w["x"]: w for w in mine}
        assert "Break: Desk reset" in by_x[1280]["title"], mine  # where the pointer is
        assert all(w["fullscreen"] for w in mine), mine
        desk.screenshot("x11-two-screens-fullscreen")
    finally:
        stop_app(desk, tmp_path, proc)  # type: ignore[arg-type]


def test_x11_windows_open_on_the_screen_with_the_pointer(x11_two: Desktop, tmp_path: Path
                                                        ) -> None:
    """A windowed break and the other windows open whole on the pointer's screen: the
    second screen (not where Qt would put them by itself), then the first."""
    desk = x11_two
    first, second = x_screens(desk)
    desk.pointer_to(second["x"] + 200, second["y"] + 150)
    proc = start_app(desk, tmp_path)  # type: ignore[arg-type]

    def on(screen: dict[str, Any], titles: set[str]) -> list[dict[str, Any]]:
        def placed() -> list[dict[str, Any]] | None:
            mine = [w for w in x_windows(desk, proc.pid)
                    if w["title"].split(" — ")[0] in titles]
            return mine if len(mine) == len(titles) and all(inside(w, screen)
                                                              for w in mine) else None
        try:
            found = desk.wait_for(placed, 10, f"{titles} whole on {screen['name']}")
        except AssertionError:
            raise AssertionError((x_windows(desk, proc.pid), screen)) from None
        assert isinstance(found, list)
        assert not any(w["fullscreen"] for w in found), found
        return found
    try:
        desk.wait_for(lambda: cli(desk, tmp_path, "status").returncode == 0, 20, "the app")  # type: ignore[arg-type]
        assert cli(desk, tmp_path, "break-now").returncode == 0  # type: ignore[arg-type]
        assert cli(desk, tmp_path, "history").returncode == 0  # type: ignore[arg-type]
        on(second, {"Break: Desk reset", "History"})
        desk.screenshot("x11-two-screens-windowed")
        desk.pointer_to(first["x"] + 300, first["y"] + 300)
        assert cli(desk, tmp_path, "log-pain").returncode == 0  # type: ignore[arg-type]
        on(first, {"Log my pain now"})
        on(second, {"Break: Desk reset", "History"})  # the others stay where they are
    finally:
        stop_app(desk, tmp_path, proc)  # type: ignore[arg-type]
