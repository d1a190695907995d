"""Sync (issue 19): one controller, one job.

It watches the sync folder with :class:`QFileSystemWatcher` (inotify on Linux: nothing
wakes while nothing changes, so idle cost is unchanged) and, a moment after the folder
or the journal changed (debounced), runs one :func:`core.sync.sync_once`: the other
computers' new records are merged and the History and the plan refreshed; ours the
folder lacks are appended.  Each problem (a damaged line, a wrong passphrase) is logged
once and told once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QObject, QTimer, Signal

from ..core import sync
from ..core.journal import Journal, JournalError
from ..core.sync import folder as sync_folder

if TYPE_CHECKING:
    from ..ui.sync_panel import SyncPanel

log = logging.getLogger(__name__)

DEBOUNCE_MS = 1500
"""Wait this long after the last change: a sync engine writes a file in several steps."""


class SyncController(QObject):
    """Keeps the journal and the sync folder in step while the app runs."""

    state_changed = Signal()  # the folder, the computers or the last result changed

    def __init__(self, *, data: Path, journal: Callable[[], Journal],
                 notify: Callable[[str, str], object], merged: Sequence[Callable[[], None]],
                 debounce_ms: int = DEBOUNCE_MS):
        super().__init__()
        self.data = Path(data)
        self.journal = journal
        self.notify = notify
        self.merged = merged  # told after records came in: the History, the plan
        self.config: sync.SyncConfig | None = None
        self.devices: list[sync_folder.Device] = []
        self.last_report: sync.SyncReport | None = None
        self.problem: str | None = None
        self.syncs = 0
        self._told: set[str] = set()
        self._telling = False
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._changed)
        self.watcher.fileChanged.connect(self._changed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(self.sync_now)

    # ------------------------------------------------------------------ life cycle
    def start(self) -> None:
        """Read this computer's sync settings; when on, watch the folder and sync soon."""
        try:
            self.config = sync.load_config(self.data)
        except sync.SyncError as exc:
            self.config = None
            self._tell(str(exc))
        self._watch()
        if self.config is not None and not self._telling:
            self.timer.start()
        self.state_changed.emit()

    def stop(self) -> None:
        self.timer.stop()
        paths = self.watcher.files() + self.watcher.directories()
        if paths:
            self.watcher.removePaths(paths)

    def reload(self) -> None:
        """The settings or the journal changed elsewhere (``posture-coach sync enable``,
        ``disable`` or ``now``, which may have merged records: the History is told)."""
        self.stop()
        self.start()
        self._tell_merged()

    def _tell_merged(self) -> None:
        self._telling = True  # their records refresh the History: not ours to write
        try:
            for told in self.merged:
                told()
        finally:
            self._telling = False

    # ------------------------------------------------------------------ what the person does
    def enable(self, folder: Path, passphrase: str | None) -> str | None:
        """Sync through ``folder``; the problem (nothing changed) or None."""
        try:
            sync.enable(self.data, folder, passphrase or None)
        except (sync.SyncError, OSError) as exc:
            return str(exc)
        self.problem = None
        self.reload()
        self.sync_now()
        return None

    def disable(self) -> None:
        """Stop syncing; the journal and the folder's files are kept."""
        sync.disable(self.data)
        self.stop()
        self.config = None
        self.devices = []
        self.problem = None
        self.state_changed.emit()

    def local_changed(self) -> None:
        """The journal got a record here: write it out soon."""
        if self.config is not None and not self._telling:
            self.timer.start()

    # ------------------------------------------------------------------ the work
    def _changed(self, path: str) -> None:
        self._watch()  # a file replaced by a rename is no longer watched: add it again
        self.timer.start()

    def _watch(self) -> None:
        if self.config is None:
            return
        root = sync_folder.app_folder(self.config.folder)
        wanted = [str(self.config.folder)] if self.config.folder.is_dir() else []
        if root.is_dir() and not root.is_symlink():
            wanted.append(str(root))
            for device in sorted(root.iterdir()):
                if device.is_dir() and not device.is_symlink():
                    wanted.append(str(device))
                    wanted.extend(str(f) for f in sorted(device.iterdir())
                                  if sync_folder.is_change_file(f.name) and f.is_file()
                                  and not f.is_symlink())
        have = set(self.watcher.files()) | set(self.watcher.directories())
        new = [p for p in wanted if p not in have]
        if new:
            self.watcher.addPaths(new)

    def sync_now(self) -> sync.SyncReport | None:
        """One sync now; None when sync is off or could not run (then it is told)."""
        self.timer.stop()
        if self.config is None:
            return None
        try:
            report = sync.sync_once(self.journal(), self.data, self.config)
        except (sync.SyncError, JournalError, ValueError) as exc:
            self.problem = str(exc)
            self._tell(self.problem)
            self.state_changed.emit()
            return None
        self.syncs += 1
        self.problem = None
        self.last_report, self.devices = report, report.devices
        fresh = [p for p in report.problems if p not in self._told]
        if fresh:
            self._told.update(fresh)
            self.notify(QCoreApplication.translate(
                "Sync", "Sync skipped something it could not read"),
                QCoreApplication.translate(
                    "Sync", "%n problem(s) in the sync folder; the rest was merged. The "
                    "first: {problem}", None, len(fresh)).format(problem=fresh[0]))
        if report.added.total:
            self._tell_merged()
        self._watch()
        self.state_changed.emit()
        return report

    def panel(self) -> SyncPanel:
        """The Sync tab of the Settings dialog."""
        return build_panel(self)

    def _tell(self, message: str) -> None:
        log.error("sync: %s", message)
        if message not in self._told:
            self._told.add(message)
            self.notify(QCoreApplication.translate("Sync", "Posture Coach could not sync"),
                        message)


def build_panel(controller: SyncController) -> SyncPanel:
    """The Sync tab for the Settings dialog, kept up to date while it is open."""
    from ..ui.sync_panel import DeviceLine, SyncPanel

    panel = SyncPanel()

    def show() -> None:
        config = controller.config
        if config is not None and not controller.devices:
            try:
                controller.devices = sync.devices(config)
            except OSError:
                controller.devices = []
        lines = [DeviceLine(d.name, d.last_wrote.astimezone().strftime("%Y-%m-%d %H:%M")
                            if d.last_wrote else None, d.records,
                            config is not None and d.id == config.device)
                 for d in (controller.devices if config is not None else [])]
        panel.show_state(None if config is None else str(config.folder),
                         config is not None and config.key is not None, lines,
                         controller.problem)

    def chosen(folder: str, passphrase: str) -> None:
        problem = controller.enable(Path(folder), passphrase)
        if problem is not None:
            panel.show_state(None if controller.config is None
                             else str(controller.config.folder),
                             False, [], problem)

    panel.folder_chosen.connect(chosen)
    panel.sync_requested.connect(controller.sync_now)
    panel.stop_requested.connect(controller.disable)
    controller.state_changed.connect(show)
    panel.destroyed.connect(lambda *_: _disconnect(controller, show))
    show()
    return panel


def _disconnect(controller: SyncController, slot: Callable[[], None]) -> None:
    try:
        controller.state_changed.disconnect(slot)
    except (RuntimeError, TypeError):
        pass
