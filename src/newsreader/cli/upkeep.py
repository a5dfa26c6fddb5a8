"""Looking after a library: ``check [--repair]``, ``backup``, ``restore``, ``forget-import``.

This module owns those commands' options, output and exit statuses (0 done or
healthy, 1 problems found or no such import, 2 usage, 3 the library cannot be used
or is damaged beyond repair). The work is the store's (``store.checkup``,
``store.backups``, ``store.forgetting``). Must not import Qt.
"""

from __future__ import annotations

from pathlib import Path

import click

from newsreader.cli import (
    CONTEXT,
    EXIT_LIBRARY,
    EXIT_REJECTED,
    cli,
    fail,
    open_library,
    print_json,
)
from newsreader.cli.terminal import shown
from newsreader.store.library import default_library_path


def _library_path(ctx: click.Context) -> Path:
    return Path(ctx.obj["library"]) if ctx.obj["library"] else default_library_path()


@cli.command("check", context_settings=CONTEXT)
@click.option("--repair", is_flag=True,
              help="Rebuild the search index and SQLite's indexes and drop sightings "
                   "that point at nothing; say what was fixed.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def check_command(ctx: click.Context, repair: bool, as_json: bool) -> None:
    """Check the library file, its search index, and that sources and dumps agree.

    Exit status: 0 healthy (after --repair: everything fixed), 1 problems found,
    3 damaged beyond repair (restore a backup: the newest known one is named).

    \b
    Example:
      newsreader check
      newsreader check --repair
    """
    from newsreader.store.backups import known_backups
    from newsreader.store.checkup import check

    path = _library_path(ctx)
    if not path.exists():
        fail(f"there is no library at {path}", EXIT_LIBRARY)
    report = check(path, repair=repair)
    backups = known_backups(path) if report.damaged else []
    if as_json:
        print_json({**report.to_json(), "backups": [b.to_json() for b in backups]})
    else:
        for problem in report.fixed:
            click.echo(f"fixed:   {shown(problem.text)}")
        for problem in report.problems:
            click.echo(f"problem: {shown(problem.text)}")
        if report.healthy:
            click.echo(f"{shown(path)}: healthy ({report.stories} stories; the file, the "
                       "search index, sources and dumps agree).")
        elif not report.damaged and not repair:
            click.echo("Run `newsreader check --repair` to rebuild what can be rebuilt.")
    if report.damaged:
        newest = (f" The newest backup known is {backups[0].path} (made {backups[0].made_at}):"
                  f" `newsreader restore {backups[0].path}`." if backups
                  else " No backup of it is known.")
        fail(f"{path} is damaged beyond repair: restore it from a backup.{newest}",
             EXIT_LIBRARY)
    if not report.healthy:
        raise SystemExit(EXIT_REJECTED)


@cli.command("backup", context_settings=CONTEXT)
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print what was made as JSON.")
@click.pass_context
def backup_command(ctx: click.Context, target: Path, as_json: bool) -> None:
    """Copy the library to a new file, consistent even while it is in use.

    The window may stay open and an import may run: the copy is the library as it
    was at one moment. Restore it with `newsreader restore FILE`.

    \b
    Example:
      newsreader backup ~/backups/news-2023-08-10.sqlite3
    """
    from newsreader.store.backups import backup

    if target.exists():
        raise click.BadParameter(f"{target} already exists; choose a new file.",
                                 param_hint="TARGET")
    with open_library(ctx) as library:
        made = backup(library, target)
    if as_json:
        print_json(made.to_json())
    else:
        click.echo(f"Backed up {made.stories} stories to {shown(made.path)}.")


@cli.command("restore", context_settings=CONTEXT)
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def restore_command(ctx: click.Context, source: Path) -> None:
    """Make the library a copy of a backup (everything since the backup is lost).

    \b
    Example:
      newsreader restore ~/backups/news-2023-08-10.sqlite3
    """
    from newsreader.store.backups import restore

    path = _library_path(ctx)
    made = restore(source, path)
    click.echo(f"Restored {made.stories} stories from {shown(made.path)} into {shown(path)}.")


@cli.command("forget-import", context_settings=CONTEXT)
@click.argument("import_id", type=int)
@click.option("--dry-run", is_flag=True, help="Say what would change; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print what changed as JSON.")
@click.pass_context
def forget_import_command(ctx: click.Context, import_id: int, dry_run: bool,
                          as_json: bool) -> None:
    """Undo one import (an id from `newsreader imports`).

    Stories only that dump brought are removed; stories also seen in other dumps
    just lose that source and are recomputed from the rest. Importing the file
    again brings it back.

    \b
    Example:
      newsreader forget-import 12 --dry-run
      newsreader forget-import 12
    """
    from newsreader.store.forgetting import forget_import

    with open_library(ctx) as library:
        done = forget_import(library, import_id, dry_run=dry_run)
    if done is None:
        fail(f"there is no import with id {import_id}", EXIT_REJECTED)
    if as_json:
        print_json(done.to_json())
        return
    verb = "Would forget" if dry_run else "Forgot"
    click.echo(f"{verb} import {import_id} ({shown(done.path)}): "
               f"{len(done.removed)} stories removed, {len(done.changed)} kept with their "
               f"other sources" + (f", {len(done.created)} split off" if done.created else "")
               + ".")
