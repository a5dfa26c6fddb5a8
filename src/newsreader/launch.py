"""The one front door: ``newsreader`` (and ``python -m newsreader``) decides window or
command.

This module owns the entry point and that decision. ``newsreader`` alone, or with only
``--library PATH``, opens the window without importing click or the command modules
(start-up is measured against a bare Qt window, and click alone costs ~15 ms);
anything else — a subcommand, ``--help``, ``--version``, a malformed option — goes to
``newsreader.cli``, which owns the command-line contract and never imports Qt: when
its parser finds no subcommand it calls back the window opener given here (or, with
no Qt, says why after its help). Must not import Qt, click or the store at module level.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsreader.location import library_from_environment


def app_library(argv: list[str]) -> tuple[bool, Path | None]:
    """Whether ``argv`` just opens the app, and on which library (None: the default).

    Only the exact forms ``[]``, ``["--library", PATH]`` and ``["--library=PATH"]``
    qualify; a directory given as the library is left to the CLI's own error.
    """
    if not argv:
        value = library_from_environment()
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


def open_window(library: Path | None) -> int:
    """Run the desktop app on ``library`` (None: the default); its exit status.

    Raises ``ImportError`` when Qt (or a system library it needs) is missing.
    """
    from newsreader.ui.app import run

    return run(library)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point (``newsreader`` and ``python -m newsreader``)."""
    args = sys.argv[1:] if argv is None else argv
    opens_app, library = app_library(args)
    if opens_app:
        try:
            status = open_window(library)
        except ImportError:
            pass  # no Qt binding: the CLI prints its help and says why instead
        else:
            sys.exit(status)
    from newsreader.cli import cli

    cli(args=args, prog_name="newsreader", obj={"open_window": open_window})
