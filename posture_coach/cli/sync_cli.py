"""``posture-coach sync enable|now|status|disable``: sync through a folder (issue 19).

No Qt: they work whether or not the app runs.  When it runs, it is told (the command
channel's ``sync-changed``) so it watches the new folder, stops watching, or shows what
was merged; when it does not, these commands do the work themselves.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.settings import Settings
    from ..core.sync import SyncConfig

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
PASSPHRASE_ENV = "POSTURE_COACH_SYNC_PASSPHRASE"
HEALTH_NOTE = ("Note: the sync folder holds health data (breaks, pain and PSFS ratings). "
               "Its files are readable by you only, but the sync service and every "
               "computer it reaches can copy them; use --passphrase-file to encrypt them.")
HEALTH_NOTE_ENCRYPTED = ("Note: the sync folder holds health data (breaks, pain and PSFS "
                         "ratings), encrypted with your passphrase: the sync service and the "
                         "computers it reaches see only ciphertext. Every computer needs the "
                         "same passphrase; without it the records cannot be read.")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sync = sub.add_parser(
        "sync", help="sync your history with your other computers through a folder",
        description="Sync breaks, pain and PSFS ratings, ice/heat sessions, pauses and "
                    "home sessions through a folder that a sync service keeps (Syncthing, "
                    "Nextcloud, Dropbox, OneDrive, a network share). Each computer writes "
                    "only its own files there and merges the others'. Works whether or "
                    "not the app runs.")
    what = sync.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    enable = what.add_parser("enable", help="sync through FOLDER (then sync once)")
    enable.add_argument("folder", metavar="FOLDER", type=Path)
    enable.add_argument("--passphrase-file", metavar="FILE", type=Path,
                        help="encrypt the folder with the passphrase in FILE (its first "
                             f"line; also: {PASSPHRASE_ENV}); every computer needs the same")
    what.add_parser("now", help="write ours, merge theirs, then exit")
    what.add_parser("status", help="the folder, and each computer and when it last wrote")
    what.add_parser("disable", help="stop syncing (your journal and the folder are kept)")
    share = what.add_parser(
        "settings", help="also sync your settings and home program (on), or not (off)",
        description="With it on, the newest settings and home program of any computer "
                    "win (start at login stays each computer's own); what they replace "
                    "is kept in the data folder. Turned on, this computer takes the "
                    "newest of the others' first.")
    share.add_argument("state", choices=("on", "off"))


def _passphrase(args: argparse.Namespace) -> str | None:
    from ..core.safefile import read_bounded

    if getattr(args, "passphrase_file", None) is not None:
        raw = read_bounded(args.passphrase_file, 4096)
        text = raw.decode("utf-8", "replace").splitlines()
        return text[0] if text and text[0] else None
    return os.environ.get(PASSPHRASE_ENV) or None


def _tell_app(data: Path) -> bool:
    """Tell a running copy; False when none runs."""
    from ..core.commands import CommandError, NotRunning
    from ..desktop.channel.client import send_command

    try:
        reply = send_command(data, {"cmd": "sync-changed"})
    except (NotRunning, CommandError):
        return False
    return bool(reply.get("ok"))


def _sync_settings(config_dir: Path, data: Path, config: SyncConfig) -> None:
    """The settings and home program, when their sync is on: ours written, or the newest
    other computer's taken (checked; a bad one refused with its place)."""
    from datetime import datetime, timezone

    from ..core.settings import load_settings
    from ..core.sync import snapshot, sync_settings
    from .program_cli import app_library

    library = app_library(config_dir)

    def local() -> tuple[Settings, str | None]:
        loaded = load_settings(config_dir, datetime.now(timezone.utc))
        return loaded.settings, snapshot.program_payload(data, library)

    outcome = sync_settings(data, config, datetime.now(timezone.utc), local,
                            snapshot.apply_files(config_dir, data, library))
    for problem in outcome.problems:
        print(f"posture-coach: sync: {problem}", file=sys.stderr)
    if outcome.refused is not None:
        print(f"posture-coach: sync: {outcome.summary()}", file=sys.stderr)
    elif outcome.took is not None:
        print(outcome.summary())


def run(args: argparse.Namespace, data: Path, config_dir: Path | None = None) -> int:
    from ..core.clock import SystemClock
    from ..core.datafiles import journal_path, make_private
    from ..core.errors import ValidationError
    from ..core.journal import Journal, JournalError
    from ..core.sync import (
        SyncError,
        devices,
        disable,
        enable,
        load_config,
        share_settings,
        sync_once,
    )

    action = args.sync_command
    try:
        make_private(data)
        if action == "disable":
            was = disable(data)
            _tell_app(data)
            print("sync is off; your journal and the folder's files are kept." if was
                  else "sync was already off.")
            return EXIT_OK
        config: SyncConfig | None
        if action == "settings":
            config = share_settings(data, args.state == "on")
            _tell_app(data)
            print("your settings and home program sync too; the newest of any computer "
                  "wins, and what it replaces is kept in the data folder." if config.settings
                  else "your settings and home program no longer sync (they are kept).")
            return EXIT_OK
        if action == "enable":
            config = enable(data, args.folder, _passphrase(args))
            print(f"sync is on: {config.folder} (this computer: {config.name}, "
                  f"{config.device}{', encrypted' if config.key else ''})")
            print(HEALTH_NOTE_ENCRYPTED if config.key else HEALTH_NOTE)
        else:
            config = load_config(data)
        if config is None:
            print("sync is off; turn it on with `posture-coach sync enable FOLDER`.",
                  file=sys.stderr if action == "now" else sys.stdout)
            return EXIT_PROBLEMS if action == "now" else EXIT_OK
        if action == "status":
            print(f"sync folder: {config.folder}"
                  + (" (encrypted)" if config.key else ""))
            print(f"this computer: {config.name} ({config.device})")
            print("settings and home program: " + ("synced" if config.settings
                                                   else "not synced"))
            for device in devices(config):
                when = (device.last_wrote.astimezone().strftime("%Y-%m-%d %H:%M")
                        if device.last_wrote else "never")
                mine = " (this computer)" if device.id == config.device else ""
                print(f"  {device.name}{mine}: {device.records} records, last wrote {when}")
            return EXIT_OK
        with Journal.open(journal_path(data), SystemClock()) as journal:
            report = sync_once(journal, data, config)
        for problem in report.problems:
            print(f"posture-coach: sync: {problem}", file=sys.stderr)
        print(report.summary())
        if config.settings and config_dir is not None:
            _sync_settings(config_dir, data, config)
        _tell_app(data)
        return EXIT_OK
    except (SyncError, JournalError) as exc:
        print(f"posture-coach: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except ValidationError as exc:
        print(f"posture-coach: {exc.problems[0].message}", file=sys.stderr)
        return EXIT_PROBLEMS
