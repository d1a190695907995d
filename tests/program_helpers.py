"""Shared test helpers for home programs: the documented example, written to a folder."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import REPO

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">'
       '<circle cx="50" cy="50" r="40" fill="none" stroke="black" stroke-width="4"/></svg>\n')


def docs_example() -> str:
    """The full commented example in docs/programs.md (its last YAML block)."""
    text = (REPO / "docs" / "programs.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    assert blocks, "docs/programs.md has no YAML example"
    return blocks[-1]


def write_program(folder: Path, text: str | None = None, name: str = "program.yaml") -> Path:
    """The docs example (or ``text``) in ``folder``, with the drawing it names."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pictures").mkdir(exist_ok=True)
    (folder / "pictures" / "towel-wall-slide.svg").write_text(SVG, encoding="utf-8")
    path = folder / name
    path.write_text(docs_example() if text is None else text, encoding="utf-8")
    return path
