"""The real desktop for end-to-end tests (see xdesktop.py).

In CI (``CI`` set) a missing tool fails the run instead of skipping: ``make test``
installs them.  ``--screenshots=DIR`` keeps the screenshots the tests take.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.desktop.xdesktop import TOOLS, Desktop, require_tools, running_desktop

__all__ = ["Desktop"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--screenshots", metavar="DIR", default=None,
                     help="keep the desktop tests' screenshots in DIR")


@pytest.fixture(scope="session")
def desktop(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[Desktop]:
    require_tools(*TOOLS)
    home = tmp_path_factory.mktemp("desktop")
    keep = request.config.getoption("--screenshots")
    with running_desktop(home, Path(keep) if keep else home / "shots") as desk:
        yield desk
