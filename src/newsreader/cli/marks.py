"""``newsreader marks export|import``: read and star marks carried between libraries.

This module owns the marks commands' options, output and exit codes (0 done, 1 the
file is not a marks file, 3 the library cannot be used). The work is the store's
(``store.marks``: stories are found by identity, not by row id). Must not import Qt.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from newsreader.cli import CONTEXT, cli, fail, open_library, print_json
from newsreader.store import LibraryError


@cli.group("marks", context_settings=CONTEXT)
def marks_group() -> None:
    """Carry read and star marks to another library (merging, never clearing).

    \b
    Example:
      newsreader marks export ~/marks.json
      newsreader --library ~/other.sqlite3 marks import ~/marks.json
    """


@marks_group.command("export", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_context
def export_command(ctx: click.Context, file: Path, as_json: bool) -> None:
    """Write every read or starred story's marks to FILE ("-" for standard output).

    \b
    Example:
      newsreader marks export marks.json
    """
    from newsreader.store.marks import export_marks

    with open_library(ctx) as library:
        try:
            if str(file) == "-":
                report = export_marks(library, sys.stdout)
            else:
                try:
                    with open(file, "w", encoding="utf-8") as out:
                        report = export_marks(library, out)
                except OSError as err:
                    fail(f"cannot write {file}: {err.strerror}", 1)
        except LibraryError as err:
            fail(str(err), 3)
    if str(file) == "-":
        return
    if as_json:
        print_json(report.to_json())
    else:
        click.echo(f"Exported the marks of {report.stories} stories ({report.read} read, "
                   f"{report.starred} starred) to {file}.")


@marks_group.command("import", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_context
def import_command(ctx: click.Context, file: Path, as_json: bool) -> None:
    """Add the marks in FILE to the same stories of this library ("-": standard input).

    Stories are found by their sources and keys, not by row ids, so the file may come
    from any library; marks are only added, never cleared. Stories this library does
    not hold are counted as missing.

    \b
    Example:
      newsreader marks import marks.json
    """
    from newsreader.store.marks import MarksFileError, import_marks

    with open_library(ctx) as library:
        try:
            if str(file) == "-":
                report = import_marks(library, sys.stdin)
            else:
                try:
                    with open(file, encoding="utf-8") as source:
                        report = import_marks(library, source)
                except OSError as err:
                    fail(f"cannot read {file}: {err.strerror}", 1)
        except MarksFileError as err:
            fail(f"{file}: {err}", 1)
        except LibraryError as err:
            fail(str(err), 3)
    if as_json:
        print_json(report.to_json())
    else:
        click.echo(f"{report.matched} of {report.stories} marked stories found here, "
                   f"{report.changed} gained a mark; {report.missing} not in this library.")
