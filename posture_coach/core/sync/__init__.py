"""Sync of the journal through a folder that a sync engine keeps (Syncthing, Nextcloud,
Dropbox, OneDrive, a network share): pure Python, no Qt.

Each computer appends its own records to its own files in the folder
(:mod:`.folder`), in the line format of :mod:`.records`, optionally encrypted with a
passphrase (:mod:`.crypto`); :mod:`.engine` reads the others' and merges them into the
journal (the SQL is in :mod:`posture_coach.core.journal.sync_rows`).
"""

from .engine import (
    SyncConfig,
    SyncError,
    SyncReport,
    SyncStopped,
    devices,
    disable,
    enable,
    load_config,
    share_settings,
    sync_once,
    sync_settings,
)

__all__ = ["SyncConfig", "SyncError", "SyncReport", "SyncStopped",
           "devices", "disable", "enable",
           "load_config", "share_settings", "sync_once", "sync_settings"]
