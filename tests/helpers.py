"""Shared test helpers: small library files written into a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

MINIMAL = """\
version: 1
exercises:
  - id: squeeze
    name: Shoulder blade squeezes
    kind: stretch
    position: seated
    summary: Squeeze the shoulder blades.
    steps: [Sit tall., Squeeze., Relax.]
    dose: {reps: 10, hold_s: 5}
    cautions: [Stop if pain sharpens.]
    illustration: assets/exercises/squeeze.svg
    source: general physiotherapy practice
  - id: breathe
    name: Rib breathing
    kind: breathing
    position: seated
    summary: Slow breaths.
    steps: [Breathe in., Breathe out.]
    dose: {inhale_s: 4, exhale_s: 6, cycles: 6}
    cautions: [Stop if dizzy.]
    source: general physiotherapy practice
routines:
  - id: quick
    name: Quick
    summary: A quick one.
    items:
      - exercise: squeeze
        reps: 5
      - exercise: breathe
ice_heat:
  source: clinic page
  minutes: {recommended_min: 10, recommended_max: 15, default: 15, maximum: 20}
  ice: {name: Ice, when: Recent strain., steps: [Wrap it.]}
  heat: {name: Heat, when: Chronic tightness., steps: [Wrap it.]}
  cautions: [Cloth between skin and pack.]
safety:
  source: clinic page
  emergency: Call for help if
  red_flags: [Chest pain]
  evaluate_when: [Pain lasts]
  disclaimer: Not a diagnosis.
"""

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 30">'
       '<circle cx="15" cy="15" r="10" fill="#263238"/></svg>')


def write_library(folder: Path, text: str = MINIMAL, name: str = "exercises.yaml") -> Path:
    """A library file in ``folder`` with the drawing it references."""
    (folder / "assets" / "exercises").mkdir(parents=True, exist_ok=True)
    (folder / "assets" / "exercises" / "squeeze.svg").write_text(SVG)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line number of the nth line containing ``needle``."""
    seen = 0
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == nth:
                return number
    raise AssertionError(f"{needle!r} not found")


def acknowledge_safety(data: Path) -> None:
    """Start a journal in ``data`` with the first-run safety screen already acknowledged,
    so tests and benchmarks of other flows start in the steady state (no first-run
    dialog).  Leaves an existing journal alone."""
    from datetime import datetime, timezone

    from posture_coach.core import safety
    from posture_coach.core.clock import FakeClock
    from posture_coach.core.datafiles import journal_path
    from posture_coach.core.journal import Journal

    path = journal_path(data)
    if path.exists():
        return
    now = datetime.now(timezone.utc)
    with Journal.open(path, FakeClock(now)) as journal:
        safety.acknowledge(journal, now)
