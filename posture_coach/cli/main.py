"""The ``posture-coach`` command.

Only commands that show windows import Qt; ``validate``, ``--help`` and
``--version`` stay light and fast.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import APP_DISPLAY_NAME, __version__
from ..core.commands import PAUSE_CHOICES
from ..core.errors import print_problems
from .common import day_argument

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_NOT_RUNNING = 3
CONTROL = ("status", "break-now", "snooze", "pause", "resume", "quit", "show", "history",
           "log-pain")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="posture-coach",
        description=f"{APP_DISPLAY_NAME}: movement breaks, stretches, breathing and posture "
                    "resets for upper back pain, from the system tray. With no command, "
                    "starts the app.",
    )
    parser.add_argument("--version", action="version", version=f"posture-coach {__version__}")
    parser.add_argument("--config-dir", metavar="DIR",
                        help="use this folder for settings and your own exercise library "
                             "(also: POSTURE_COACH_CONFIG_DIR)")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="use this folder for the journal and logs "
                             "(also: POSTURE_COACH_DATA_DIR)")
    parser.add_argument("--language", metavar="CODE",
                        help="the app's language: system, en or es (else "
                             "POSTURE_COACH_LANG, else the language setting)")
    parser.add_argument("--json", action="store_true",
                        help="answer a control command with JSON for scripts (ISO times)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("run", help="start the app (the default)")
    validate = sub.add_parser(
        "validate", help="check exercise library and home program files; report every problem",
        description="Check exercise library and home program files. With no FILE, checks the "
                    "bundled library and your own library in the config folder, if you have "
                    "one. Every "
                    "problem is printed as file:line:column: field: message. Exit code 0 "
                    "when all files are fine, 1 when any has a problem.")
    validate.add_argument("files", nargs="*", metavar="FILE", type=Path)
    sub.add_parser("status", help="show whether the app runs, its state and the next break")
    now = sub.add_parser("break-now", help="start a break now in the running app")
    now.add_argument("routine", nargs="?", help="a routine id, e.g. desk-reset")
    snooze = sub.add_parser("snooze", help="put the next break off by MINUTES")
    snooze.add_argument("minutes", type=int, metavar="MINUTES")
    pause = sub.add_parser("pause", help="pause breaks for a while")
    pause.add_argument("length", choices=PAUSE_CHOICES, metavar="|".join(PAUSE_CHOICES))
    sub.add_parser("resume", help="resume breaks after a pause")
    sub.add_parser("quit", help="quit the running app")
    sub.add_parser("show", help="show the running app (its tray menu or window)")
    from .program_cli import add_parsers as add_program_parsers

    add_program_parsers(sub)
    sub.add_parser("history", help="open the History window of the running app")
    sub.add_parser("log-pain", help="open \"Log my pain now\" in the running app")
    _add_exchange_commands(sub)
    from .sync_cli import add_parsers as add_sync_parsers

    add_sync_parsers(sub)
    _accept_global_options_anywhere(sub)
    return parser


GLOBAL_OPTIONS = (("--config-dir", {"metavar": "DIR"}), ("--data-dir", {"metavar": "DIR"}),
                  ("--language", {"metavar": "CODE"}), ("--json", {"action": "store_true"}))


def _accept_global_options_anywhere(sub: argparse._SubParsersAction[argparse.ArgumentParser]
                                    ) -> None:
    """``posture-coach export --data-dir D …`` works as ``posture-coach --data-dir D
    export …`` does: every command (and every nested one) takes the global options too.
    Their default is "not given", so one given before the command is kept."""
    for command in set(sub.choices.values()):
        known = {a for action in command._actions for a in action.option_strings}
        for flag, options in GLOBAL_OPTIONS:
            if flag not in known:
                command.add_argument(flag, default=argparse.SUPPRESS,
                                     help=argparse.SUPPRESS, **options)  # type: ignore[arg-type]
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                _accept_global_options_anywhere(action)


# -- export / import (issue 5): no Qt, they work whether or not the app runs ------------


def _add_exchange_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser(
        "export", help="export the journal to a CSV or JSON file",
        description="Export the journal (breaks and their steps, pauses, ice/heat sessions, "
                    "pain ratings). JSON can be imported again (e.g. on a new computer); "
                    "CSV is for spreadsheets. The file is readable by you only.")
    export.add_argument("--format", choices=("csv", "json"), required=True)
    export.add_argument("--since", metavar="DATE", type=_date,
                        help="first day to export, YYYY-MM-DD (local time)")
    export.add_argument("--until", metavar="DATE", type=_date,
                        help="last day to export, YYYY-MM-DD (local time)")
    export.add_argument("--out", metavar="FILE", default="-",
                        help="the file to write; - or none: standard output")
    imp = sub.add_parser(
        "import", help="merge a JSON export into the journal, without duplicates",
        description="Merge a JSON export (from `posture-coach export --format json`) into "
                    "the journal. Records already there are skipped. A bad file is refused "
                    "and the journal is left unchanged.")
    imp.add_argument("file", metavar="FILE", type=Path)


def _date(text: str) -> object:
    return day_argument(text)


def _exchange(command: str, args: argparse.Namespace, data: Path) -> int:
    from datetime import datetime, timezone

    from ..core.clock import SystemClock
    from ..core.datafiles import journal_path, make_private
    from ..core.exchange import ExchangeError, export_file, import_file
    from ..core.journal import Journal, JournalError

    if command == "export" and args.since and args.until and args.since > args.until:
        print(f"posture-coach: --since {args.since} is after --until {args.until}",
              file=sys.stderr)
        return EXIT_USAGE
    path = journal_path(data)
    if command == "export" and not path.exists():
        print(f"posture-coach: there is no journal in {data} yet: nothing to export.",
              file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        from ..core.clock import local_zone

        tz = local_zone()
        make_private(data)
        with Journal.open(path, SystemClock()) as journal:
            now = datetime.now(timezone.utc).astimezone(tz)
            if command == "export":
                if args.out in ("-", ""):  # to standard output, for a pipe or a script
                    from ..core.exchange import export_csv, export_json

                    text = (export_csv(journal, tz, args.since, args.until)
                            if args.format == "csv"
                            else export_json(journal, tz, now, args.since, args.until))
                    sys.stdout.write(text)
                    sys.stdout.flush()
                else:
                    export_file(journal, Path(args.out), args.format, tz, now, args.since,
                                args.until)
                    print(f"exported to {args.out}")
            else:
                result = import_file(journal, args.file, now)
                print(f"imported {args.file}: {result.summary()}")
    except (ExchangeError, JournalError) as exc:
        print(f"posture-coach: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _control(command: str, args: argparse.Namespace, data: Path) -> int:
    """Send one command to the running copy and print its answer."""
    from ..core.commands import CommandError, NotRunning

    request: dict[str, object] = {"cmd": command}
    if command == "break-now" and args.routine:
        request["routine"] = args.routine
    elif command == "snooze":
        request["minutes"] = args.minutes
    elif command == "pause":
        request["for"] = args.length
    try:
        reply = _send_patiently(data, request)
    except NotRunning:
        print("posture-coach is not running" + ("." if command == "status" else
              "; start it with `posture-coach` first."), file=sys.stderr)
        return EXIT_NOT_RUNNING
    except CommandError as exc:
        print(f"posture-coach: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    if not reply.get("ok"):
        print(f"posture-coach: {reply.get('error', 'the app refused the command')}",
              file=sys.stderr)
        return EXIT_PROBLEMS
    if getattr(args, "json", False):
        import json

        print(json.dumps(reply, indent=2, ensure_ascii=False, sort_keys=True))
    elif command not in ("show", "history", "log-pain"):
        print(_answer(command, reply, args))
    return EXIT_OK


def _answer(command: str, reply: dict[str, object], args: argparse.Namespace) -> str:
    """The answer in words, in the app's language (``--language`` wins) and local time."""
    from datetime import datetime, timezone

    from ..core.cli_words import answer
    from ..core.clock import local_zone

    language = getattr(args, "language", None) or str(reply.get("language") or "")
    return answer(command, reply, datetime.now(timezone.utc), local_zone(),
                  _translator(language))


def _translator(language: str) -> Any:
    """A translate function from the compiled catalogue (QtCore only, no app needed);
    English without one."""
    import os

    from ..core.texts import english

    choice = (language or os.environ.get("POSTURE_COACH_LANG") or "system").lower()
    if choice == "system":
        import locale

        choice = locale.getlocale()[0] or os.environ.get("LANG", "") or "en"
    code = choice.replace("-", "_").split("_")[0].split(".")[0]
    if code in ("en", "c", "posix", ""):
        return english  # the source text: no catalogue, no Qt
    try:
        from PySide6.QtCore import QTranslator

        from ..ui.i18n import CATALOGUE, translations_dir

        catalogue = QTranslator()
        if not catalogue.load(f"{CATALOGUE}_{code}", str(translations_dir())):
            return english
    except Exception:
        return english

    def translate(context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        found = catalogue.translate(context, source, disambiguation, n)
        return found.replace("%n", str(n)) if found else english(context, source,
                                                                 disambiguation, n)
    return translate


def _send_patiently(data: Path, request: dict[str, object]) -> dict[str, object]:
    """Send; if a copy is still starting (its icon shows before it listens), wait up to
    5 s for it rather than saying it is not running."""
    import time

    from ..core.commands import NotRunning
    from ..desktop.channel.client import is_starting, send_command

    deadline = time.monotonic() + 5
    while True:
        try:
            reply = send_command(data, request)
        except NotRunning:
            if time.monotonic() > deadline or not is_starting(data):
                raise
        else:
            starting = not reply.get("ok") and "still starting" in str(reply.get("error"))
            if not starting or time.monotonic() > deadline:
                return reply
        time.sleep(0.1)


def _validate(files: Sequence[Path], config: Path) -> int:
    from ..core import paths
    from ..core.errors import ValidationError
    from ..core.library import load_library_file, merge_user_library
    from ..core.program import is_program, parse_program
    from ..core.yaml import YMap, load

    bundled_path = paths.bundled_library()
    targets = list(files)
    if not targets:
        targets = [bundled_path]
        user = paths.user_library(config)
        if user.exists():
            targets.append(user)
    failed = 0
    bundled = None
    for target in targets:
        name = str(target)
        try:
            root = load(target, name)
            if is_program(root):
                from .program_cli import app_library

                if target.is_symlink():  # as `program import` says: the file itself
                    raise ValidationError.single(
                        name, "is a symbolic link; give the program file itself")

                program = parse_program(root, name, target.resolve().parent,
                                        app_library(config))
                print(f"{name}: OK, home program {program.title!r} from "
                      f"{program.clinic.name}: {len(program.prescriptions)} exercises, "
                      f"{len(program.home_sessions)} home sessions")
                continue
            full = isinstance(root, YMap) and (
                "ice_heat" in root.entries or "safety" in root.entries)
            if full or not isinstance(root, YMap):
                library = load_library_file(target, name)
                kind = "library"
            else:
                if bundled is None:
                    bundled = load_library_file(bundled_path)
                library = merge_user_library(bundled, target, name)
                kind = "user library (checked together with the bundled library)"
        except ValidationError as exc:
            failed += 1
            count = print_problems(exc.problems)
            print(f"{name}: {count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
            continue
        print(f"{name}: OK, {kind}: {len(library.exercises)} exercises, "
              f"{len(library.routines)} routines")
    return EXIT_PROBLEMS if failed else EXIT_OK


PROGRAM_SUFFIXES = (".yaml", ".yml", ".pcprogram")
_VALUE_OPTIONS = ("--config-dir", "--data-dir", "--language")


def with_program_file(argv: Sequence[str], commands: Sequence[str]) -> list[str]:
    """``posture-coach FILE`` (what a double-clicked program file runs, the launcher's
    ``Exec=posture-coach %f``) means ``posture-coach program open FILE``: the first word
    that is neither an option, an option's value nor a command, when it names a file or
    ends like a program file."""
    words = list(argv)
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--":
            return words
        if word.startswith("-"):
            i += 2 if word in _VALUE_OPTIONS else 1
            continue
        if word in commands:
            return words
        if word.lower().endswith(PROGRAM_SUFFIXES) or Path(word).is_file():
            return [*words[:i], "program", "open", *words[i:]]
        return words
    return words


def main(argv: Sequence[str] | None = None) -> int:
    """The ``posture-coach`` command.  Everything it prints goes through the terminal
    sanitiser (no control character from a file reaches the terminal raw); every command
    logs to the rotating log in the data folder; an unexpected error is one plain line
    naming that log, which exists, and the details are in it, never on the screen."""
    _safe_terminal()
    given = list(sys.argv[1:] if argv is None else argv)
    if given:
        parser = build_parser()
        commands = [name for action in parser._actions
                    if isinstance(action, argparse._SubParsersAction) for name in action.choices]
        args = parser.parse_args(with_program_file(given, commands))
    else:
        args = plain_start()
    from ..core import paths

    config = paths.config_dir(args.config_dir)
    data = paths.data_dir(args.data_dir)
    command = args.command or "run"
    log_path: Path | None = None
    try:
        from ..core.logsetup import setup_logging

        log_path = setup_logging(data, deferred=command != "run")
        if command == "validate":
            return _validate(args.files, config)
        if command in CONTROL:
            return _control(command, args, data)
        if command in ("program", "report"):
            from .program_cli import run as run_program

            return run_program(args, config, data)
        if command in ("export", "import"):
            return _exchange(command, args, data)
        if command == "sync":
            from .sync_cli import run as run_sync

            return run_sync(args, data, config)
        from ..shell.launcher import run

        return run(config, data, language=args.language)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: never a traceback for a user
        print(unexpected(exc, log_path), file=sys.stderr)
        return EXIT_PROBLEMS


def plain_start() -> argparse.Namespace:
    """What the parser makes of no arguments, without building it: plain
    ``posture-coach`` is how the desktop starts the app, and the parser's whole tree of
    commands cost about a tenth of the time to the tray icon (tests/cli keep the two
    equal)."""
    return argparse.Namespace(config_dir=None, data_dir=None, language=None, json=False,
                              command=None)


def unexpected(exc: BaseException, log_path: Path | None) -> str:
    """Log ``exc`` with its traceback; the one line that tells the person."""
    logging.getLogger("posture_coach").critical("unexpected error", exc_info=exc)
    for handler in logging.getLogger("posture_coach").handlers:
        handler.flush()
    text = " ".join(str(exc).split())
    text = text if len(text) <= 200 else text[:197] + "..."
    where = (f"Details are in {log_path}." if log_path is not None and log_path.is_file()
             else "No log file could be written in the data folder.")
    return (f"posture-coach: unexpected error ({exc.__class__.__name__}"
            + (f": {text}" if text else "") + f"). {where}")


def _safe_terminal() -> None:
    from ..core.safetext import SafeStream

    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, SafeStream):
            setattr(sys, name, SafeStream(stream))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
