"""The home-program editor's answers (save through the core's writer, preview the
handout), for the editor inside the app and on its own (``posture-coach program edit``).
Here, not in ``ui/``: the widget only asks; saving and printing are the shell's to connect.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from ..core.errors import ValidationError, print_problems
from ..core.library import Library
from ..ui.i18n import translate

if TYPE_CHECKING:
    from ..core.program_writer import ProgramDraft
    from ..ui.program_editor import ProgramEditor


def check_drawing(path: Path) -> list[str]:
    """What is wrong with a drawing file the PT chose, in words (none: it may be used):
    checked as any file from outside (:func:`~posture_coach.core.drawings.read_drawing`)."""
    from ..core.drawings import read_drawing

    try:
        read_drawing(path, str(path))
    except ValidationError as exc:
        return [p.message for p in exc.problems]
    return []


def _field_names() -> dict[str, str]:
    """The fields of a saved file's problems, in the editor's words."""
    return {
        "define.name": translate("HomeProgram", "name"),
        "define.id": translate("HomeProgram", "id"),
        "define.kind": translate("HomeProgram", "kind"),
        "define.position": translate("HomeProgram", "position"),
        "define.summary": translate("HomeProgram", "summary"),
        "define.steps": translate("HomeProgram", "steps"),
        "define.dose": translate("HomeProgram", "dose"),
        "define.cautions": translate("HomeProgram", "cautions"),
        "define.source": translate("HomeProgram", "source"),
        "define.illustration": translate("HomeProgram", "drawing"),
        "define.easier": translate("HomeProgram", "easier versions"),
        "define.harder": translate("HomeProgram", "harder versions"),
        "name": translate("HomeProgram", "name"), "at": translate("HomeProgram", "time"),
        "days": translate("HomeProgram", "days"),
        "exercises": translate("HomeProgram", "exercises"),
    }


def plain_problem(path: str, message: str, draft: ProgramDraft) -> str:
    """A problem of the saved file in the editor's words: ``exercises[2].define.steps``
    is "Towel slide, steps", ``home_sessions[1].at`` "Home session Morning, time"."""
    import re

    found = re.match(r"^(exercises|home_sessions)\[(\d+)\]\.?(.*)$", path)
    if not found:
        return f"{path}: {message}" if path else message
    index, rest = int(found.group(2)), found.group(3)
    names = _field_names()
    key = next((k for k in sorted(names, key=len, reverse=True)
                if rest == k or rest.startswith(k + ".") or rest.startswith(k + "[")), None)
    field = names[key] if key else rest
    if found.group(1) == "exercises":
        exercises = draft.exercises
        what = index < len(exercises) and exercises[index]
        name = (what.define.name if what and what.define else
                what.exercise_id if what else str(index + 1))
        return translate("HomeProgram", "Exercise {name}, {field}: {problem}").format(
            name=name, field=field, problem=message) if field else \
            translate("HomeProgram", "Exercise {name}: {problem}").format(
                name=name, problem=message)
    written = [s for s in draft.sessions if s.exercise_ids]
    name = written[index].name if index < len(written) else str(index + 1)
    return translate("HomeProgram", "Home session {name}, {field}: {problem}").format(
        name=name, field=field or translate("HomeProgram", "session"), problem=message)


def wire_editor(editor: ProgramEditor, library: Library) -> None:
    """The editor's answers: save through the core's writer, preview the handout; a
    drawing the PT chooses is checked as an untrusted file."""
    from ..core.program_writer import preview_program, save_program

    editor.check_drawing = check_drawing

    def problems(exc: ValidationError, draft: ProgramDraft) -> list[str]:
        return [plain_problem(p.path, p.message, draft) for p in exc.problems]

    def save(path: Path, draft: ProgramDraft) -> None:
        try:
            save_program(path, draft, library)
        except ValidationError as exc:
            editor.show_problems(problems(exc, draft))
        except OSError as exc:
            editor.show_problems([f"{path}: {exc.strerror or exc}"])
        else:
            editor.show_saved(path)

    def preview(draft: ProgramDraft) -> None:
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from ..report.handout import build_document, print_document

        try:
            program = preview_program(draft, library)
        except ValidationError as exc:
            editor.show_problems(problems(exc, draft))
            return
        except OSError as exc:
            editor.show_problems([str(exc.strerror or exc)])
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
