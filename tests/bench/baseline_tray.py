"""The baseline every desktop benchmark is compared with: a bare PySide6 tray icon with
a menu and an APScheduler QtScheduler holding one job, doing nothing else."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone

from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.qt import QtScheduler
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon


def main() -> int:
    app = QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)
    pixmap = QPixmap(32, 32)
    pixmap.fill()
    tray = QSystemTrayIcon(QIcon(pixmap))
    menu = QMenu()
    menu.addAction("Quit").triggered.connect(app.quit)
    tray.setContextMenu(menu)
    tray.show()
    scheduler = QtScheduler(executors={"default": DebugExecutor()})
    scheduler.add_job(lambda: None, "date",
                      run_date=datetime.now(timezone.utc) + timedelta(minutes=45))
    scheduler.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
