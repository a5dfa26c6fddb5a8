"""The ``newsreader`` console command: open the desktop app fast, or run a command.

This module owns the entry point. ``newsreader`` alone, or with only
``--library PATH``, opens the window without importing click or the command modules
(start-up is measured against a bare Qt window, and click alone costs ~15 ms);
anything else — a subcommand, ``--help``, ``--version``, a malformed option — goes to
``newsreader.cli``, which owns the command-line contract. Must not import Qt, click or
the store at module level.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: The variable ``newsreader.cli`` also reads for ``--library``.
LIBRARY_ENV = "NEWSREADER_LIBRARY"


def app_library(argv: list[str]) -> tuple[bool, Path | None]:
    """Whether ``argv`` just opens the app, and on which library (None: the default).

    Only the exact forms ``[]``, ``["--library", PATH]`` and ``["--library=PATH"]``
    qualify; a directory given as the library is left to the CLI's own error.
    """
    if not argv:
        value = os.environ.get(LIBRARY_ENV) or None
    elif len(argv) == 2 and argv[0] == "--library" and argv[1] and not argv[1].startswith("-"):
        value = argv[1]
    elif len(argv) == 1 and argv[0].startswith("--library=") and len(argv[0]) > 10:
        value = argv[0][len("--library="):]
    else:
        return False, None
    path = Path(value) if value else None
    if path is not None and path.is_dir():
        return False, None
    return True, path


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point (``newsreader`` and ``python -m newsreader``)."""
    args = sys.argv[1:] if argv is None else argv
    opens_app, library = app_library(args)
    if opens_app:
        try:
            from newsreader.ui.app import run
        except ImportError:
            pass  # no Qt binding: the CLI prints its help instead of a window
        else:
            sys.exit(run(library))
    from newsreader.cli import cli

    cli(args=args, prog_name="newsreader")
