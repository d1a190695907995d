"""Sync (issue 19): one controller, one job.

It watches the sync folder with :class:`QFileSystemWatcher` (inotify on Linux: nothing
wakes while nothing changes, so idle cost is unchanged) and, a moment after the folder
or the journal changed (debounced), runs one :func:`core.sync.sync_once` on a worker
thread of its own, with its own connection to the journal (WAL: the GUI thread reads
meanwhile, and its writes wait at most one merge batch): the other computers' new
records are merged; ours the folder lacks are appended.  Back on the GUI thread (a
queued signal) the History and the plan are refreshed.  One sync at a time: a change
during a sync runs one more after it.  Quitting stops the worker between two batches
(and waits a bounded time).  Each problem (a damaged line, a wrong passphrase) is
logged once and told once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QObject, QTimer, Signal

from ..core import sync
from ..core.clock import Clock
from ..core.journal import Journal, JournalError
from ..core.sync import folder as sync_folder
from ..core.sync import snapshot

if TYPE_CHECKING:
    from ..core.library import Library
    from ..core.settings import Settings
    from ..ui.sync_panel import SyncPanel
    from .program import ProgramController
    from .settings import SettingsController

log = logging.getLogger(__name__)

DEBOUNCE_MS = 1500
"""Wait this long after the last change: a sync engine writes a file in several steps."""
QUIT_WAIT_S = 5.0
"""Quitting waits at most this long for a sync to stop (it stops between two batches,
well within it; the journal is whole either way: each batch is one transaction)."""


class _Relay(QObject):
    """Carries the worker's result to the GUI thread: it lives there, so a signal
    emitted on the worker is queued."""

    done = Signal(object)


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
        self.relay = _Relay(self)
        self.relay.done.connect(self._finished)
        self._worker: threading.Thread | None = None
        self._stop = threading.Event()
        self._again = False  # a change came during a sync: one more after it
        self._closed = False  # the app quits: a result still on its way is dropped
        self.settings_sync: Callable[[sync.SyncConfig], snapshot.Outcome] | None = None
        """The settings and home program, when they sync too (set by the root); run on
        the GUI thread after each sync, since it applies through the settings model."""
        self.settings_note: str | None = None  # what it last did, for the Sync tab

    @property
    def running(self) -> bool:
        """A sync is under way on the worker thread."""
        return self._worker is not None

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
        """Stop watching (a sync under way finishes)."""
        self.timer.stop()
        paths = self.watcher.files() + self.watcher.directories()
        if paths:
            self.watcher.removePaths(paths)

    def shutdown(self, wait_s: float = QUIT_WAIT_S) -> None:
        """The app quits: stop watching, stop a sync under way between two batches and
        wait for it (at most ``wait_s``)."""
        self.stop()
        self._again, self._closed = False, True
        worker = self._worker
        if worker is None:
            return
        self._stop.set()
        worker.join(wait_s)
        if worker.is_alive():  # pragma: no cover - a folder that blocks every read
            log.warning("sync: still running after %.0f s; quitting without it (the "
                        "journal keeps every batch merged)", wait_s)
        self._worker = None

    def forget(self) -> bool:
        """All data on this computer is about to be deleted: stop a sync under way (its
        writes would go to the deleted journal), then stop syncing, or the next sync
        would merge the other computers' records into the fresh journal. The folder's
        files are kept. True if sync was on."""
        was_on = self.config is not None
        self.shutdown()
        self._closed = False  # the app goes on: sync can be turned on again
        if was_on:
            self.disable()
        return was_on

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

    def sync_now(self) -> None:
        """Start one sync on the worker (after the one under way, if any)."""
        self.timer.stop()
        if self.config is None or self._closed:
            return
        if self._worker is not None:
            self._again = True
            return
        journal, config = self.journal(), self.config
        if journal.memory_only:  # no file for a second connection: merge here, it is small
            self._finished(self._sync(journal, config))
            return
        self._stop.clear()
        self._worker = threading.Thread(target=self._work, name="posture-coach-sync",
                                        args=(journal.path, journal.clock, config),
                                        daemon=True)
        self._worker.start()

    def _work(self, path: Path, clock: Clock, config: sync.SyncConfig) -> None:
        """The worker thread: its own connection, one sync, the result sent back."""
        result: sync.SyncReport | str | None
        try:
            with Journal.attach(path, clock) as journal:
                result = self._sync(journal, config)
        except JournalError as exc:
            result = str(exc)
        except Exception as exc:  # never a dead worker that blocks every later sync
            log.exception("sync failed")
            result = f"{type(exc).__name__}: {exc}"
        try:
            self.relay.done.emit(result)
        except RuntimeError:  # pragma: no cover - the app is gone
            pass

    def _sync(self, journal: Journal, config: sync.SyncConfig) -> sync.SyncReport | str | None:
        try:
            return sync.sync_once(journal, self.data, config, stop=self._stop.is_set)
        except sync.SyncStopped:
            log.info("sync: stopped (the app quits); the rest is merged next time")
            return None
        except (sync.SyncError, JournalError, ValueError) as exc:
            return str(exc)

    def _finished(self, result: sync.SyncReport | str | None) -> None:
        """Back on the GUI thread: tell what happened, refresh the History and the plan."""
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.join(1.0)  # it has sent its result: it is ending
        if result is None or self.config is None or self._closed:
            return  # stopped, sync turned off meanwhile, or the app quits
        if isinstance(result, str):
            self.problem = result
            self._tell(result)
            self.state_changed.emit()
        else:
            self._report(result)
        if self._again:
            self._again = False
            self.sync_now()

    def _report(self, report: sync.SyncReport) -> None:
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
        if self.config is not None and self.config.settings and self.settings_sync:
            self._follow_settings(self.config)
        self._watch()
        self.state_changed.emit()

    def _follow_settings(self, config: sync.SyncConfig) -> None:
        try:
            outcome = self.settings_sync(config) if self.settings_sync else None
        except (sync.SyncError, OSError) as exc:
            self._tell(str(exc))
            return
        if outcome is None:
            return
        for problem in outcome.problems:
            if problem not in self._told:
                self._told.add(problem)
                log.warning("sync: %s", problem)
        if outcome.took is not None:
            self.settings_note = QCoreApplication.translate(
                "Sync", "Settings and home program from {name} applied; yours before are "
                "kept in {path}").format(name=outcome.took_name or outcome.took.device,
                                         path=outcome.replaced)
            self.notify(QCoreApplication.translate("Sync", "Settings from your other "
                                                   "computer"), self.settings_note)
        elif outcome.refused is not None:
            self.settings_note = QCoreApplication.translate(
                "Sync", "Newer settings from another computer were refused, yours are "
                "kept: {problem}").format(problem=outcome.refused)
            self._tell(self.settings_note)

    def share_settings(self, on: bool) -> str | None:
        """Sync the settings and home program too, or not; the problem or None."""
        try:
            self.config = sync.share_settings(self.data, on)
        except (sync.SyncError, OSError) as exc:
            return str(exc)
        self.settings_note = None
        self.state_changed.emit()
        if on:
            self.sync_now()
        return None

    def settings_changed(self) -> None:
        """A setting or the home program changed here: written out soon, if they sync."""
        if self.config is not None and self.config.settings:
            self.local_changed()

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
    asked = [False]

    def show() -> None:
        config = controller.config
        if config is not None and not controller.devices and not asked[0]:
            asked[0] = True  # the computers come with the report, read off the GUI thread
            if not controller.running:
                controller.sync_now()
        lines = [DeviceLine(d.name, d.last_wrote.astimezone().strftime("%Y-%m-%d %H:%M")
                            if d.last_wrote else None, d.records,
                            config is not None and d.id == config.device)
                 for d in (controller.devices if config is not None else [])]
        panel.show_state(None if config is None else str(config.folder),
                         config is not None and config.key is not None, lines,
                         controller.problem)
        panel.show_settings_sync(config is not None and config.settings,
                                 controller.settings_note if config is not None else None)

    def chosen(folder: str, passphrase: str) -> None:
        problem = controller.enable(Path(folder), passphrase)
        if problem is not None:
            panel.show_state(None if controller.config is None
                             else str(controller.config.folder),
                             False, [], problem)

    panel.folder_chosen.connect(chosen)
    panel.sync_requested.connect(controller.sync_now)
    panel.share_settings_toggled.connect(lambda on: _share(controller, panel, on))
    panel.stop_requested.connect(controller.disable)
    controller.state_changed.connect(show)
    panel.destroyed.connect(lambda *_: _disconnect(controller, show))
    show()
    return panel


def _share(controller: SyncController, panel: SyncPanel, on: bool) -> None:
    problem = controller.share_settings(on)
    if problem is not None:
        panel.show_settings_sync(False, problem)


def _disconnect(controller: SyncController, slot: Callable[[], None]) -> None:
    try:
        controller.state_changed.disconnect(slot)
    except (RuntimeError, TypeError):
        pass


def follow_settings(controller: SyncController, settings: SettingsController,
                    programs: ProgramController, clock: Clock) -> None:
    """Connect the settings and home program to the folder: taken after each sync when
    they sync; a change here (a setting that syncs, the program) starts one."""
    controller.settings_sync = SettingsFollow(data=controller.data, clock=clock,
                                              settings=settings, programs=programs)
    settings.model.subscribe(sorted(settings.model.fields - set(snapshot.DEVICE_ONLY)),
                             lambda new, old: controller.settings_changed())
    programs.library_changed = lambda library: controller.settings_changed()


class SettingsFollow:
    """The settings and home program through the folder, in the running app: this
    computer's as the settings model and the program controller hold them, another
    computer's newer ones applied through them (the program imported into the store and
    loaded, the settings saved and published: what the Settings dialog and an import
    do)."""

    def __init__(self, *, data: Path, clock: Clock, settings: SettingsController,
                 programs: ProgramController):
        self.data = Path(data)
        self.clock = clock
        self.settings = settings
        self.programs = programs
        self._package: tuple[object, str | None] = (None, None)

    def _program(self, library: Library) -> str | None:
        """The active program as a package, made again only when it changed (it is read
        and checked: not at every sync, on the GUI thread)."""
        store = self.programs.store
        active = store.active_id()
        try:
            mark: object = (active, store.stamp(),
                            (store.root / active / "program.yaml").stat().st_mtime_ns
                            if active else None)
        except OSError:
            mark = None
        if mark is None or mark != self._package[0]:
            self._package = (mark, snapshot.program_payload(self.data, library))
        return self._package[1]

    def __call__(self, config: sync.SyncConfig) -> snapshot.Outcome:
        library = self.programs.base_library

        def local() -> tuple[Settings, str | None]:
            return self.settings.model.current, self._program(library)

        def apply(settings: Settings, package: bytes | None) -> None:
            snapshot.install_program(self.programs.store, package, library)
            self.programs.load_active()
            self.settings.apply(settings)

        return sync.sync_settings(self.data, config, self.clock.now(), local, apply,
                                  wait=False)  # never the GUI thread waiting for a `sync now`
