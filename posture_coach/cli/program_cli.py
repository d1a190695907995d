"""``posture-coach program ...`` and ``posture-coach report``: home programs on the command line.

``program import/list/activate`` and ``report --format csv`` stay free of Qt;
``program print``, ``report`` as PDF and ``program edit`` load Qt only when run.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from ..core.errors import print_problems
from ..core.library import Library

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_CANCELLED = 4


def app_library(config: Path) -> Library:
    """The library the app runs with: the bundled one and the user's own, if it is valid."""
    from ..core import paths
    from ..core.library import load_library

    return load_library(paths.bundled_library(), paths.user_library(config)).library


def add_parsers(sub: Any) -> None:
    program = sub.add_parser(
        "program", help="home programs from your physical therapist: import, list, "
                        "activate, print, edit",
        description="Home programs from a physical therapist (see docs/programs.md).")
    psub = program.add_subparsers(dest="program_command", metavar="ACTION", required=True)
    imp = psub.add_parser("import", help="check a program file, show what will change, "
                                         "and make it the active program",
                          description="Check FILE; if it is fine, show what will change and "
                                      "ask before importing it (copied into the data folder "
                                      "with its drawings) and making it active.")
    imp.add_argument("file", type=Path, metavar="FILE",
                     help="a program file (YAML) or a program package (.pcprogram)")
    imp.add_argument("--yes", action="store_true", help="import without asking")
    pk = psub.add_parser("pack", help="one file to hand out: the program and its drawings "
                                      "in a .pcprogram package",
                         description="Check FILE and write it with the drawings it names to "
                                     "one package (a zip) that `program import` and the "
                                     "tray's import accept.")
    pk.add_argument("file", type=Path, metavar="FILE", help="a program file (YAML)")
    pk.add_argument("--out", type=Path, required=True, metavar="NAME.pcprogram")
    psub.add_parser("list", help="list imported programs; * marks the active one")
    act = psub.add_parser("activate", help="make an imported program the active one again")
    act.add_argument("id", metavar="ID", help="a program id from `posture-coach program list`")
    psub.add_parser("deactivate", help="no active program: your settings and the library's "
                                       "routines again")
    pr = psub.add_parser("print", help="write the printable handout of a program as PDF")
    pr.add_argument("file", type=Path, metavar="FILE",
                    help="a program file, or an imported program's id")
    pr.add_argument("--out", type=Path, required=True, metavar="PDF")
    pr.add_argument("--paper", choices=("a4", "letter"), default="a4")
    op = psub.add_parser(
        "open", help="show a program file in the import preview window (what a "
                     "double-click on a program file does)",
        description="Check FILE and show the import preview: what importing it would change, "
                    "with Import and Cancel; or, for a file with problems, each problem with "
                    "its place. A running posture-coach shows it; otherwise a window of its "
                    "own. `posture-coach FILE` does the same.")
    op.add_argument("file", type=Path, metavar="FILE")
    ed = psub.add_parser("edit", help="open the program editor (for the physical therapist)")
    ed.add_argument("file", type=Path, nargs="?", metavar="FILE",
                    help="a program file to open; saved back to the same file")
    report = sub.add_parser(
        "report", help="the clinician's adherence report (PDF or CSV)",
        description="Sessions done against prescribed per exercise, breaks per day, the pain "
                    "trend and the pain notes, from the journal.")
    report.add_argument("--since", type=_date, metavar="YYYY-MM-DD",
                        help="start of the report (default: the active program's start, "
                             "else 28 days ago)")
    report.add_argument("--out", type=Path, required=True, metavar="FILE")
    report.add_argument("--format", choices=("pdf", "csv"), default=None,
                        help="default: from the --out file's extension, else pdf")
    report.add_argument("--paper", choices=("a4", "letter"), default="a4")


def _date(text: str) -> date:
    from .common import day_argument

    day = day_argument(text)
    assert isinstance(day, date)
    return day


def run(args: argparse.Namespace, config: Path, data: Path) -> int:
    from ..core.errors import ValidationError
    from ..core.program_store import StoreError
    from ..core.safefile import UnusualTarget, check_target

    try:
        if args.command == "report" or getattr(args, "program_command", None) == "print":
            check_target(args.out)  # a new name or a regular file, before any work
        if args.command == "report":
            return _report(args, config, data)
        action = args.program_command
        if action == "import":
            return _import(args, config, data)
        if action == "pack":
            return _pack(args, config)
        if action == "list":
            return _list(config, data)
        if action == "activate":
            return _activate(args.id, config, data)
        if action == "deactivate":
            from ..core.program_store import ProgramStore

            ProgramStore(data).deactivate()
            print("No program is active now; your settings' schedule and the library's "
                  "routines apply." + _running_note(data))
            return EXIT_OK
        if action == "print":
            return _print(args, config, data)
        if action == "edit":
            return _edit(args, config)
        if action == "open":
            return _open(args, config, data)
    except ValidationError as exc:
        count = print_problems(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found; nothing was changed.",
              file=sys.stderr)
        return EXIT_PROBLEMS
    except (StoreError, UnusualTarget) as exc:
        print(f"posture-coach: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    raise AssertionError(f"unhandled program action {args}")  # pragma: no cover


def _running_note(data: Path) -> str:
    """Tell a running copy that the active program changed (it would otherwise see it on
    its next minute tick), and say what happened."""
    from ..core.commands import CommandError, NotRunning
    from ..desktop.channel.client import send_command

    try:
        reply = send_command(data, {"cmd": "program-changed"}, timeout=5.0)
    except NotRunning:
        return ""
    except (CommandError, OSError):
        return "\nA running posture-coach picks this up within a minute."
    if reply.get("ok") and reply.get("program") is not None:
        return f"\nThe running posture-coach now follows {reply['program']}."
    return "\nThe running posture-coach has been told."


def _current_schedule(config: Path) -> Any:
    from datetime import datetime, timezone

    from ..core.settings import load_settings

    return load_settings(config, datetime.now(timezone.utc)).settings.schedule()


def _import(args: argparse.Namespace, config: Path, data: Path) -> int:
    from ..core.program import describe_changes
    from ..core.program_store import ProgramStore, program_source, read_checked

    library = app_library(config)
    store = ProgramStore(data)
    with program_source(args.file) as (source, display):
        _bytes, program = read_checked(source, library, display)
    current = store.active(library)
    old = current.program if current is not None else None
    print(f"{args.file}: OK. Importing it will change this:")
    for line in describe_changes(program, old, _current_schedule(config)):
        print(f"  - {line}")
    if not args.yes:
        if not sys.stdin.isatty():
            print("Not imported: run with --yes to import without asking.", file=sys.stderr)
            return EXIT_CANCELLED
        answer = input("Import and make it the active program? [y/N] ").strip().lower()
        if answer not in ("y", "yes"):
            print("Not imported; nothing was changed.")
            return EXIT_CANCELLED
    stored = store.import_file(args.file, library)
    print(f"Imported as {stored.id} and made active." + _running_note(data))
    return EXIT_OK


def _pack(args: argparse.Namespace, config: Path) -> int:
    from ..core.package import SUFFIX, is_package, pack_program
    from ..core.program_store import read_checked

    if not is_package(args.out):
        print(f"posture-coach: {args.out}: a program package is named NAME{SUFFIX}; "
              "nothing was written.", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        data, program = read_checked(args.file, app_library(config))
        entries = pack_program(data, program, args.file.resolve().parent, args.out)
    except OSError as exc:
        print(f"posture-coach: cannot write {args.out}: {exc.strerror or exc}",
              file=sys.stderr)
        return EXIT_PROBLEMS
    drawings = len(entries) - 1
    print(f"{args.out}: the program and {drawings} drawing{'s' if drawings != 1 else ''}, "
          "ready to hand out (`posture-coach program import` or the tray's import).")
    return EXIT_OK


def _list(config: Path, data: Path) -> int:
    from ..core.program_store import ProgramStore

    library = app_library(config)
    stored = ProgramStore(data).all(library)
    if not stored:
        print("No program imported yet: `posture-coach program import FILE`.")
        return EXIT_OK
    for entry in stored:
        mark = "*" if entry.active else " "
        if entry.program is not None:
            p = entry.program
            print(f"{mark} {entry.id}  {p.title} ({p.clinic.name}, {p.clinic.clinician}), "
                  f"from {p.start.isoformat()}")
        else:
            print(f"{mark} {entry.id}  cannot be used now: "
                  f"{entry.problems.problems[0] if entry.problems else 'unknown problem'}")
    return EXIT_OK


def _activate(program_id: str, config: Path, data: Path) -> int:
    from ..core.program_store import ProgramStore

    library = app_library(config)
    store = ProgramStore(data)
    entry = store.get(program_id, library)
    if entry.program is None:
        assert entry.problems is not None
        print_problems(entry.problems.problems)
        print(f"{program_id} cannot be used with the current exercise library; the active "
              "program was not changed.", file=sys.stderr)
        return EXIT_PROBLEMS
    store.activate(program_id)
    print(f"{program_id} is the active program: {entry.program.title}."
          + _running_note(data))
    return EXIT_OK


def _program_from(target: Path, config: Path, data: Path, language: str = "en") -> Any:
    from ..core.program import load_program
    from ..core.program_store import ProgramStore

    library = app_library(config).localized(language)
    if not target.exists() and "/" not in str(target):
        entry = ProgramStore(data).get(str(target), library)
        if entry.program is None:
            assert entry.problems is not None
            raise entry.problems
        return library, entry.program
    return library, load_program(target, library)


def _print(args: argparse.Namespace, config: Path, data: Path) -> int:
    from ..report.handout import write_handout

    code = _use_language(_qt_app(), args, config)
    library, program = _program_from(args.file, config, data, code)
    write_handout(program, library, args.out, paper=args.paper)
    print(f"Handout written to {args.out}")
    return EXIT_OK


def _report(args: argparse.Namespace, config: Path, data: Path) -> int:
    from ..core.adherence import build_report, to_csv
    from ..core.clock import SystemClock
    from ..core.journal import Journal, JournalError
    from ..core.program_store import ProgramStore

    library = app_library(config)
    active = ProgramStore(data).active(library)
    program = active.program if active is not None else None
    clock = SystemClock()
    from ..core.clock import local_zone

    tz = local_zone()
    journal_path = data / "journal.sqlite3"
    first_day = not journal_path.exists()
    try:
        # Day one (nothing recorded yet): the prescription with zeros, from an empty
        # journal held in memory; no journal file is created for it.
        journal = (Journal.in_memory(journal_path, clock) if first_day
                   else Journal.open(journal_path, clock))
    except JournalError as exc:
        print(f"posture-coach: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    with journal:
        report = build_report(journal, program, clock.now(), tz, since=args.since)
    fmt = args.format or ("csv" if args.out.suffix.lower() == ".csv" else "pdf")
    if fmt == "csv":
        from ..core.atomic import write_atomic

        write_atomic(args.out, to_csv(report))  # health data: readable by you only
    else:
        from ..report.adherence import write_report

        _use_language(_qt_app(), args, config)
        write_report(report, args.out, paper=args.paper)
    print(f"Report written to {args.out}")
    if first_day:
        print(f"Nothing is recorded in {data} yet: the report shows the prescription "
              "with nothing done.")
    return EXIT_OK


def _qt_app() -> Any:
    """A QApplication for rendering (offscreen when there is no display)."""
    import os

    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") \
            and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["posture-coach"])


def _open(args: argparse.Namespace, config: Path, data: Path) -> int:
    """The import preview of a program file: in the running copy when there is one (it
    imports into its own data folder and plans again), else in a window of its own."""
    from ..core.commands import CommandError, NotRunning
    from ..desktop.channel.client import send_command

    path = Path(os.path.abspath(args.file.expanduser()))
    try:
        reply = send_command(data, {"cmd": "open-program", "path": str(path)}, timeout=5.0)
    except NotRunning:
        reply = None
    except (CommandError, OSError) as exc:  # a copy that cannot take it: show it here
        log.warning("the running copy did not take %s: %s", path, exc)
        reply = None
    if reply is not None and reply.get("ok"):
        print(f"{path}: shown in the running posture-coach.")
        return EXIT_OK
    return _open_window(path, args, config, data)


def _open_window(path: Path, args: argparse.Namespace, config: Path, data: Path) -> int:
    """The preview in a window of its own; Import imports and activates the program here.
    A file with problems shows them, located, in the same window (and on stderr)."""
    from ..core.errors import ValidationError
    from ..core.program import describe_changes
    from ..core.program_store import ProgramStore, StoreError, program_source, read_checked
    from ..ui.i18n import translate
    from ..ui.import_preview import ImportPreviewDialog

    app = _qt_app()
    app.setQuitOnLastWindowClosed(False)
    _use_language(app, args, config)
    library = app_library(config)
    store = ProgramStore(data)
    try:  # a program package (.pcprogram) is checked and unpacked for the preview
        with program_source(path) as (source, display):
            _bytes, program = read_checked(source, library, display)
    except ValidationError as exc:
        problems = [str(p) for p in exc.problems]
        for problem in problems:
            print(problem, file=sys.stderr)
        dialog = ImportPreviewDialog.problems(path.name, problems)
        dialog.exec()
        return EXIT_PROBLEMS
    current = store.active(library)
    changes = describe_changes(program, current.program if current is not None else None,
                               _current_schedule(config), translate)
    dialog = ImportPreviewDialog.changes(program, changes)
    wanted: list[bool] = []
    dialog.import_requested.connect(lambda: wanted.append(True))
    dialog.exec()
    if not wanted:
        print("Not imported; nothing was changed.")
        return EXIT_CANCELLED
    try:
        stored = store.import_file(path, library)
    except (ValidationError, StoreError) as exc:  # changed since it was checked
        from PySide6.QtWidgets import QMessageBox

        print(f"posture-coach: {exc}", file=sys.stderr)
        QMessageBox.warning(None, translate("HomeProgram", "The program was not imported"),
                            str(exc))
        return EXIT_PROBLEMS
    print(f"Imported as {stored.id} and made active." + _running_note(data))
    return EXIT_OK


def _edit(args: argparse.Namespace, config: Path) -> int:
    from PySide6.QtWidgets import QApplication

    from ..shell.editor import run_editor

    app = QApplication.instance() or QApplication(["posture-coach"])
    code = _use_language(app, args, config)
    return run_editor(app_library(config).localized(code), args.file)


def _use_language(app: Any, args: argparse.Namespace, config: Path) -> str:
    """Install the language for windows and printed text: ``--language``, else
    ``POSTURE_COACH_LANG``, else the ``language`` setting; the code used."""
    from ..core.clock import SystemClock
    from ..core.settings import load_settings
    from ..ui.i18n import install_translator, language_override

    language = language_override(getattr(args, "language", None))
    if language is None:
        language = load_settings(config, SystemClock().now()).settings.language
    return install_translator(app, language)
