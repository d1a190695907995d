"""The .deb test builds the package (make dist: a few minutes), installs it with dpkg,
runs it and removes it: `make dist-test` runs it (POSTURE_COACH_DIST_TEST=1), `make test`
does not (it would take the suite past its time budget)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.desktop.xdesktop import TOOLS, Desktop, require_tools, running_desktop


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("POSTURE_COACH_DIST_TEST"):
        return
    skip = pytest.mark.skip(reason="builds and installs the .deb: run `make dist-test`")
    for item in items:
        if "tests/dist/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(skip)


@pytest.fixture(scope="module")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    require_tools(*TOOLS)
    home = tmp_path_factory.mktemp("desktop")
    keep = os.environ.get("POSTURE_COACH_SHOTS")
    with running_desktop(home, Path(keep) if keep else home / "shots") as desk:
        yield desk
