"""The command line: ``posture-coach`` and its subcommands (:mod:`.main`), the ``program``
and ``report`` commands (:mod:`.program_cli`).  ``main`` is the console script's entry
point; the exit codes are part of the command line's promise."""

from .main import EXIT_OK, EXIT_PROBLEMS, main

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "main"]
