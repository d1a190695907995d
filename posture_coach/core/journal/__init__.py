"""The journal: the app's memory of every break and what was done in it.

A SQLite database in the user's data folder (user-only: folder 0700, file
0600), in WAL mode with foreign keys on.  The break scheduler plans the next
break from it, so a restart keeps the plan.

* **Time.**  Every datetime going in must be timezone-aware; it is stored as
  fixed-width ISO-8601 text in UTC (so text order is time order) and comes
  back as an aware datetime in UTC.  Callers convert to local time.
* **Schema.**  The version lives in ``PRAGMA user_version``.  :data:`MIGRATIONS`
  is a list of SQL scripts; migration *N* runs in one transaction that also
  sets ``user_version = N``.  Before an existing, non-empty journal is
  migrated it is copied to ``<name>.bak-v<old>``.  A journal written by a
  newer posture-coach is refused with :class:`JournalError` and left untouched
  (checked on a read-only connection; SQLite may leave its empty ``-wal`` and
  ``-shm`` side files next to it).
* **Damage.**  A file that is not a database, has a truncated header or fails
  ``PRAGMA quick_check`` is moved aside to ``<name>.corrupt-<YYYYmmdd-HHMMSS>``
  (with its ``-wal``/``-shm``), a new journal is started, and
  :attr:`Journal.notice` tells the user where the old one went.  Nothing is
  ever deleted.
* **Errors.**  Problems a user must be told about (read-only file, full disk,
  a file locked by another program) raise :class:`JournalError` with a message
  naming the file and what to do; a failed write is rolled back, so the
  journal is left as it was.  Programming errors (naive datetimes, a break
  that ends before it starts, data the database's own constraints refuse)
  raise :exc:`ValueError`.

Durability: ``synchronous=NORMAL`` with WAL means a committed break survives
the app being killed or crashing; only a power cut can lose the last few
commits, never corrupt the file.
"""

from .records import (
    THERMAL_MAX_MINUTES,
    THERMAL_MODES,
    BreakRecord,
    JournalError,
    Outcome,
    PainRecord,
    PauseRecord,
    StepRecord,
    StepStatus,
    ThermalRecord,
)
from .schema import MIGRATIONS
from .store import Journal

__all__ = [
    "MIGRATIONS", "THERMAL_MAX_MINUTES", "THERMAL_MODES", "BreakRecord", "Journal",
    "JournalError", "Outcome", "PainRecord", "PauseRecord", "StepRecord", "StepStatus",
    "ThermalRecord",
]
