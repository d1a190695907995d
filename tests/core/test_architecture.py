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


MAX_METHODS = 30
MAX_FUNCTION_LINES = 80


def shell_definitions() -> list[tuple[str, ast.AST]]:
    found = []
    for path in sources("shell"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                found.append((f"{path.name}:{node.lineno} {node.name}", node))
    return found


def test_no_class_in_the_shell_has_more_than_30_methods() -> None:
    sizes = {where: sum(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
                        for n in node.body)
             for where, node in shell_definitions() if isinstance(node, ast.ClassDef)}
    assert any("PostureCoachApp" in where for where in sizes)
    assert {w: n for w, n in sizes.items() if n > MAX_METHODS} == {}


def test_no_function_in_the_shell_is_longer_than_80_lines() -> None:
    lengths = {where: (node.end_lineno or node.lineno) - node.lineno + 1
               for where, node in shell_definitions()
               if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    assert any("start_app" in where for where in lengths)
    assert {w: n for w, n in lengths.items() if n > MAX_FUNCTION_LINES} == {}


def test_the_composition_root_stays_small() -> None:
    """The root builds and connects; what happens when lives in the controllers."""
    lines = (PACKAGE / "shell" / "root.py").read_text(encoding="utf-8").count("\n")
    assert lines <= 250  # issue 13's aim: build and connect, nothing else
