"""The home-program editor's answers (save through the core's writer, preview the
handout), for the editor inside the app and on its own (``posture-coach program edit``).
Here, not in ``ui/``: the widget only asks; saving and printing are the shell's to connect.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from ..core.errors import ValidationError, print_problems
from ..core.library import Library
from ..ui.i18n import translate


def wire_editor(editor: Any, library: Library) -> None:
    """The editor's answers: save through the core's writer, preview the handout."""
    from ..core.program_writer import preview_program, save_program

    def save(path: Path, draft: Any) -> None:
        try:
            save_program(path, draft, library)
        except ValidationError as exc:
            editor.show_problems([f"{p.path}: {p.message}" if p.path else p.message
                                  for p in exc.problems])
        except OSError as exc:
            editor.show_problems([f"{path}: {exc.strerror or exc}"])
        else:
            editor.show_saved(path)

    def preview(draft: Any) -> None:
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from ..report.handout import build_document, print_document

        try:
            program = preview_program(draft, library)
        except ValidationError as exc:
            editor.show_problems([f"{p.path}: {p.message}" if p.path else p.message
                                  for p in exc.problems])
            return
        document = build_document(program, library)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, editor)
        dialog.setWindowTitle(translate("HomeProgram", "Handout preview"))
        dialog.paintRequested.connect(lambda device: print_document(document, device))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.preview_dialog = dialog
        dialog.open()

    editor.save_requested.connect(save)
    editor.preview_requested.connect(preview)


def run_editor(library: Library, path: Path | None) -> int:
    """``posture-coach program edit [FILE]``: the editor on its own."""

    from PySide6.QtWidgets import QApplication

    from ..core.errors import ValidationError
    from ..core.program import load_program

    program = None
    if path is not None and path.exists():
        try:
            program = load_program(path, library)
        except ValidationError as exc:
            print_problems(exc.problems)
            return 1
    app = QApplication.instance() or QApplication(["posture-coach"])
    from ..ui.program_editor import ProgramEditor

    editor = ProgramEditor(library, program)
    if path is not None:
        editor.path = path
    wire_editor(editor, library)
    editor.show()
    return int(app.exec())
