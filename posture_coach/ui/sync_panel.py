"""The Sync tab of Settings: the folder, the computers that sync through it and when each
last wrote, "Stop syncing", and a plain note that the folder holds health data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class DeviceLine:
    name: str
    last_wrote: str | None
    """Local date and time, already formatted; None: never."""
    records: int
    this_computer: bool


class SyncPanel(QWidget):
    """Emits what the person asks; the shell does it and calls :meth:`show_state`."""

    folder_chosen = Signal(str, str)  # folder, passphrase ("" for none)
    sync_requested = Signal()
    stop_requested = Signal()
    share_settings_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Sync"))
        intro = QLabel(self.tr(
            "Keep your history on every computer: choose a folder that a sync service "
            "keeps (Syncthing, Nextcloud, Dropbox, OneDrive or a network share). Each "
            "computer writes its own files there and reads the others'."))
        note = QLabel(self.tr(
            "The folder holds health data: your breaks, pain and activity ratings. The "
            "files are readable by you only, but the sync service and every computer it "
            "reaches get a copy. Give a passphrase to encrypt them; every computer needs "
            "the same one."))
        for label in (intro, note):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAccessibleName(label.text())
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Passphrase (optional)"))
        self.passphrase.setAccessibleName(self.tr("Passphrase to encrypt the sync folder"))
        self.choose_button = QPushButton(self.tr("&Choose folder..."))
        self.choose_button.setAccessibleName(self.tr("Choose the sync folder"))
        self.choose_button.clicked.connect(self._choose)
        self.sync_button = QPushButton(self.tr("Sync no&w"))
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        self.sync_button.clicked.connect(self.sync_requested)
        self.stop_button = QPushButton(self.tr("S&top syncing"))
        self.stop_button.setAccessibleName(self.tr("Stop syncing"))
        self.stop_button.setAccessibleDescription(
            self.tr("Your journal here and the files in the folder are kept"))
        self.stop_button.clicked.connect(self.stop_requested)
        self.devices = QListWidget()
        self.devices.setAccessibleName(self.tr("Computers that sync"))
        self.share_settings = QCheckBox(self.tr("Also sync my settings and &home program"))
        self.share_settings.setAccessibleDescription(self.tr(
            "The newest of any computer wins; what it replaces is kept in the data "
            "folder. Start at login stays this computer's own."))
        self.share_settings.setToolTip(self.share_settings.accessibleDescription())
        self.share_settings.clicked.connect(self.share_settings_toggled)  # the person's click
        self.settings_note = QLabel()
        self.settings_note.setWordWrap(True)
        self.settings_note.setTextFormat(Qt.TextFormat.PlainText)
        self.settings_note.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        buttons = QHBoxLayout()
        for button in (self.choose_button, self.sync_button, self.stop_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(note)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.passphrase)
        layout.addLayout(buttons)
        layout.addWidget(self.share_settings)
        layout.addWidget(self.settings_note)
        layout.addWidget(QLabel(self.tr("Computers:")))
        layout.addWidget(self.devices, 1)
        layout.addWidget(self.message)
        self.show_state(None, False, [], None)
        self.show_settings_sync(False, None)

    def show_settings_sync(self, on: bool, note: str | None) -> None:
        """Whether the settings and home program sync too, and what that last did."""
        self.share_settings.setChecked(on)  # emits no click
        self.share_settings.setEnabled(self.stop_button.isEnabled())
        self.settings_note.setText(note or "")
        self.settings_note.setAccessibleName(note or "")
        self.settings_note.setVisible(bool(note))

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the sync folder"))
        if folder:
            self.folder_chosen.emit(folder, self.passphrase.text())

    def show_state(self, folder: str | None, encrypted: bool, devices: Sequence[DeviceLine],
                   message: str | None) -> None:
        if folder is None:
            self.folder_label.setText(self.tr("Sync is off."))
        elif encrypted:
            self.folder_label.setText(self.tr("Syncing through {folder} (encrypted).")
                                      .format(folder=folder))
        else:
            self.folder_label.setText(self.tr("Syncing through {folder}.").format(folder=folder))
        self.folder_label.setAccessibleName(self.folder_label.text())
        self.sync_button.setEnabled(folder is not None)
        self.stop_button.setEnabled(folder is not None)
        self.devices.clear()
        for d in devices:
            name = self.tr("{name} (this computer)").format(name=d.name) if d.this_computer \
                else d.name
            if d.last_wrote is None:
                text = self.tr("{name}: nothing written yet").format(name=name)
            else:
                text = self.tr("{name}: last wrote {when}, %n record(s)", "",
                               d.records).format(name=name, when=d.last_wrote)
            self.devices.addItem(text)
        self.message.setText(message or "")
        self.message.setVisible(bool(message))
