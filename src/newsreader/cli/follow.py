"""``newsreader follow`` and ``newsreader sync``: shared folders that fill the library.

This module owns the followed-folder commands: their options, human and ``--json``
output and exit codes (0 nothing rejected, 1 a file rejected, 4 a followed folder
unreachable). The work is the store's (``store.following``). Must not import Qt.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from newsreader.cli import CONTEXT, cli, describe, fail, open_library, print_json
from newsreader.store import LibraryError
from newsreader.store.records import FileResult

if TYPE_CHECKING:
    from newsreader.store import Library
    from newsreader.store.following import FollowedFolder, Following

#: ``sync``'s exit status when a followed folder could not be reached.
EXIT_UNREACHABLE = 4


def _following(library: Library, settle: float | None = None) -> Following:
    from newsreader.store.following import SETTLE_SECONDS, Following

    return Following(library, settle=SETTLE_SECONDS if settle is None else settle)


def _folder_line(folder: FollowedFolder) -> str:
    when = (folder.last_good_sync_at or "never").replace("T", " ")[:19]
    state = "ok" if folder.reachable else f"unreachable ({folder.error})"
    return f"{folder.path}  [{state}; {folder.files} files; last good sync {when}]"


@cli.command("follow", context_settings=CONTEXT)
@click.argument("path", required=False)
@click.option("--list", "as_list", is_flag=True, help="List the followed folders.")
@click.option("--remove", "remove", metavar="PATH", help="Stop following PATH.")
@click.option("--json", "as_json", is_flag=True, help="Print the folders as JSON.")
@click.pass_context
def follow_command(
    ctx: click.Context, path: str | None, as_list: bool, remove: str | None, as_json: bool
) -> None:
    """Follow a shared folder: `newsreader sync` (and the window) imports its new dumps.

    The folder is one an SMB/NFS share, Syncthing or rsync keeps in step between
    desktops; the list of followed folders is kept in the library. Stopping to follow
    a folder keeps the stories it brought.

    \b
    Example:
      newsreader follow /mnt/newsroom/dumps
      newsreader follow --list
      newsreader follow --remove /mnt/newsroom/dumps
    """
    if sum((path is not None, as_list, remove is not None)) != 1:
        raise click.UsageError("give one of PATH, --list or --remove PATH")
    with open_library(ctx) as library:
        following = _following(library)
        try:
            if remove is not None:
                if not following.unfollow(remove):
                    fail(f"{remove} is not a followed folder", 2)
                message = f"No longer following {remove} (its stories stay)."
            elif path is not None:
                folder = following.follow(path)
                message = (f"Following {folder.path}: {folder.files} dump files seen; "
                           "`newsreader sync` imports them once they stop changing.")
            else:
                message = ""
            folders = following.folders()
        except LibraryError as err:
            fail(str(err), 2 if err.code.startswith("follow.") else 1)
    if as_json:
        print_json({"folders": [f.to_json() for f in folders]})
    elif as_list:
        for folder in folders:
            click.echo(_folder_line(folder))
        if not folders:
            click.echo("No followed folders. Add one with `newsreader follow PATH`.")
    else:
        click.echo(message)


def _describe_sync(result: FileResult) -> str:
    if result.status == "pending":
        return f"pending    {result.path} ({result.note})"
    return describe(result)


@cli.command("sync", context_settings=CONTEXT)
@click.option("--wait", is_flag=True,
              help="Look again until no file is pending (still being written).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report for scripts.")
@click.option("--settle", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="How long a file's size and time must stay the same before it is "
              "imported (default 2).")
@click.pass_context
def sync_command(ctx: click.Context, wait: bool, as_json: bool, settle: float | None) -> None:
    """Import the new and changed dumps of every followed folder, then exit.

    A file is imported once a look finds the same size and modification time as a
    look at least 2 seconds earlier (the previous sync counts); until then it is
    pending. Names of unfinished downloads and copies (*.part, *.tmp, ~$*, .*,
    *.crdownload) are skipped. Unchanged files are not read again. Exit status: 0
    when nothing was rejected (pending files are not an error), 1 when a file was
    rejected, 4 when a followed folder could not be reached.

    \b
    Example:
      newsreader sync                      # from cron or a systemd timer
      newsreader sync --wait --json | jq '.folders'
    """
    def on_file(result: FileResult) -> None:
        if not as_json:
            click.echo(_describe_sync(result))

    with open_library(ctx) as library:
        following = _following(library, settle)
        try:
            if wait:
                report = following.sync_until_settled(on_file=on_file)
            else:
                report = following.sync(on_file=on_file)
        except LibraryError as err:
            fail(str(err), 3)
    if as_json:
        print_json(report.to_json())
    else:
        for folder in report.folders:
            if not folder.reachable:
                when = (folder.last_good_sync_at or "never").replace("T", " ")[:19]
                click.echo(f"unreachable {folder.path}: {folder.error} "
                           f"(last good sync {when})", err=True)
            else:
                click.echo(f"{folder.path}: {folder.imported} imported, {folder.unchanged} "
                           f"unchanged, {folder.rejected} rejected, {folder.pending} pending; "
                           f"{folder.added} stories added, {folder.updated} updated.")
        if not report.folders:
            click.echo("No followed folders. Add one with `newsreader follow PATH`.")
    if report.unreachable:
        sys.exit(EXIT_UNREACHABLE)
    if report.rejected:
        sys.exit(1)
