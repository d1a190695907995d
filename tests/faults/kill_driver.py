"""A child process for the kill tests: runs the app's real recording paths in a loop
until it is killed.

``python -m tests.faults.kill_driver JOURNAL SEED`` (no Qt: it starts fast) opens the
journal, then forever:
plays a routine through the core player with a fake clock and records it through the
coach (break, steps, pain rating), runs an ice/heat session through the thermal timer
and records it, and now and then snoozes or pauses.  After each record is committed
it prints ``done <table> <id>`` (flushed), so the parent knows what was stored before
its SIGKILL.  It also exports the journal (JSON, beside it) now and then, printing
``done export <breaks in it>``: an export cut by a kill must leave either the last whole
file or none, never a part.  New recording paths add a step here.
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from posture_coach.core import paths
from posture_coach.core.clock import FakeClock
from posture_coach.core.coach import Coach
from posture_coach.core.exchange import export_file
from posture_coach.core.journal import Journal
from posture_coach.core.library import load_library
from posture_coach.core.player import Player
from posture_coach.core.policy import Schedule
from posture_coach.core.thermal import ThermalTimer


def say(table: str, row_id: int | None) -> None:
    sys.stdout.write(f"done {table} {row_id}\n")
    sys.stdout.flush()


def main() -> None:
    path, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    clock = FakeClock(datetime(2026, 11, 23, 9, tzinfo=timezone.utc) + timedelta(days=seed))
    library = load_library(paths.bundled_library(), None).library
    journal = Journal.open(path, clock)
    coach = Coach(journal, clock, timezone.utc, Schedule())
    thermal = ThermalTimer(library.ice_heat) if library.ice_heat else None
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        routine = rng.choice(library.routines)
        coach.start_break(routine.id, clock.now())
        player = Player(routine, clock)
        while player.status != "finished":
            clock.advance(seconds=rng.choice((1, 5, 20)))
            player.update()
            if player.view().kind == "checklist" or rng.random() < 0.2:
                player.next()
        coach.finish_break(player.outcome(), player.records())
        last = journal.last_break()
        assert last is not None
        say("breaks", last.id)
        say("pain", journal.record_pain(at=clock.now(), rating=rng.randint(0, 10),
                                        break_id=last.id))
        if thermal is not None:
            thermal.start(rng.choice(("ice", "heat")), None, clock.monotonic(), clock.now())
            clock.advance(minutes=rng.choice((3, 15)))
            result = thermal.stop(clock.monotonic(), clock.now())
            say("thermal_sessions", journal.record_thermal(
                mode=result.mode, started_at=result.started_at, ended_at=result.ended_at,
                planned_minutes=result.planned_minutes, completed=result.completed))
        if rng.random() < 0.3:
            coach.snooze(5)
            say("breaks", journal.last_break().id)  # type: ignore[union-attr]
        if rng.random() < 0.2:
            coach.pause("30m")
            coach.resume()
        if rng.random() < 0.5:
            export_file(journal, path.parent / "export.json", "json", timezone.utc,
                        clock.now())
            say("export", len(journal.breaks_between(clock.now() - timedelta(days=3650),
                                                     clock.now() + timedelta(days=1))))
        clock.advance(minutes=45)


if __name__ == "__main__":
    main()
