"""The house rules a reader relies on, checked on the source (the import rules are
import-linter's: ``make lint``): SQL lives in the journal package only, and the shell
keeps its classes and functions small enough to read."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "posture_coach"
SQL = re.compile(r"\b(SELECT\s+\S|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
                 r"CREATE\s+(TABLE|INDEX)|PRAGMA\s+\w)")


def sources(under: str = "") -> list[Path]:
    return sorted((PACKAGE / under).rglob("*.py"))


def test_sql_is_written_only_in_the_journal_package() -> None:
    journal = PACKAGE / "core" / "journal"
    found = []
    for path in sources():
        if journal in path.parents:
            continue
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and SQL.search(node.value):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + [getattr(node, "module", "") or ""]
                if "sqlite3" in names:
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} imports sqlite3")
    assert found == []
    assert any(SQL.search(p.read_text()) for p in journal.glob("*.py"))  # the check sees SQL


def test_the_journal_has_no_raw_query_door() -> None:
    from posture_coach.core.journal import Journal

    assert not hasattr(Journal, "query") and not hasattr(Journal, "transaction")
