"""The ``newsreader`` command line: thin click commands over the store.

This package owns argument parsing, human and ``--json`` output, and exit codes (a
contract other tools rely on). This module holds the group, the helpers every command
shares (``fail``, ``open_library``, ``print_json``, ``CONTEXT``) and the reading and
import commands; a feature with commands of its own adds a module beside it and
registers it in the import list at the end of this file. It must never import Qt or
``newsreader.ui``: ``newsreader`` with no subcommand calls the window opener that the
front door (``newsreader.launch``) passes in ``obj["open_window"]``.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from newsreader.location import LIBRARY_ENV
from newsreader.store import Library, LibraryError
from newsreader.cli.terminal import shown
from newsreader.store.records import FileResult

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


#: Exit statuses (README, "Exit codes"): never reuse one for another meaning.
EXIT_OK = 0
EXIT_REJECTED = 1  # some input was rejected (or a story id does not exist)
EXIT_USAGE = 2
EXIT_LIBRARY = 3  # the library cannot be used or written


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"newsreader: {shown(message)}", err=True)
    sys.exit(code)


def fail_library(err: LibraryError) -> NoReturn:
    """The library cannot be used: one line naming the file and what to do (exit 3)."""
    fail(str(err), EXIT_LIBRARY)


def open_library(ctx: click.Context) -> Library:
    try:
        return Library.open(ctx.obj["library"])
    except LibraryError as err:
        fail_library(err)


def print_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


class _Commands(click.Group):
    """The group: a library problem in any command is one line and exit 3, and an
    interrupt (Ctrl+C, SIGTERM) exits 130 / 143 without a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from newsreader.cli.interrupts import exit_quietly_on_signals

        # NOTE: click 8.2 renamed protected_args (deprecated) to _protected_args.
        pending = getattr(ctx, "_protected_args", None)
        if pending is None:
            pending = ctx.protected_args
        if not pending and not ctx.args:
            return super().invoke(ctx)  # the desktop app handles its own signals
        with exit_quietly_on_signals():
            try:
                return super().invoke(ctx)
            except LibraryError as err:
                fail_library(err)


@click.group(cls=_Commands, invoke_without_command=True, context_settings=CONTEXT)
@click.option(
    "--library",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=LIBRARY_ENV,
    help="Library file to use (default: library.sqlite3 in the platform data folder; "
    f"also ${LIBRARY_ENV}).",
)
@click.version_option(package_name="newsreader")
@click.pass_context
def cli(ctx: click.Context, library: Path | None) -> None:
    """Offline reader and archive for Chinese news page dumps.

    Run without a command to open the desktop app.

    \b
    Example:
      newsreader import ~/dumps/          # import every *.txt below a folder
      newsreader list --limit 20          # the 20 newest stories
    """
    ctx.ensure_object(dict)
    ctx.obj["library"] = library
    if ctx.invoked_subcommand is None:
        open_window = ctx.obj.get("open_window", _no_window)
        try:
            status = open_window(library)
        except ImportError as err:
            # Qt or a system library it needs is missing: the commands still work.
            click.echo(ctx.get_help())
            fail(f"the desktop app cannot start ({err}); see the README for the Qt "
                  "libraries it needs. The commands above work without it.")
        sys.exit(status)


def _no_window(library: Path | None) -> int:
    raise ImportError("the command line was started without newsreader.launch")


# -- import -----------------------------------------------------------------------


def describe(result: FileResult) -> str:
    """One imported file's line of the human-readable import report."""
    if result.status == "rejected":
        return f"rejected   {shown(result.path)}: {shown(result.error)}"
    if result.status == "unfinished":
        return f"unfinished {shown(result.path)}: {shown(result.error)}"
    if result.status == "unchanged":
        note = f" ({result.note})" if result.note else ""
        return f"unchanged  {shown(result.path)}{note}"
    parts = [f"{result.added} new, {result.updated} updated", result.encoding or ""]
    line = f"imported   {shown(result.path)}: " + ", ".join(p for p in parts if p)
    for warning in result.warnings:
        line += f"\n           warning: {shown(warning)}"
    return line


@cli.command("import", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report for scripts.")
@click.pass_context
def import_command(ctx: click.Context, paths: tuple[str, ...], as_json: bool) -> None:
    """Import page dumps: files, or folders searched recursively for *.txt.

    Re-importing a file already imported changes nothing. A file is printed imported
    only once it is saved. Exit status: 0 when every file was imported or unchanged,
    1 when any file was rejected, 3 when the library cannot be written (full disk,
    read-only, damaged, busy too long), 130/143 after Ctrl+C/SIGTERM; files not done
    are reported unfinished (importing again finishes them).

    \b
    Example:
      newsreader import today.txt archive/2023/
      newsreader import --json dumps/ | jq '.files[] | select(.status=="rejected")'
    """
    from newsreader.cli.interrupts import stop_on_signals
    from newsreader.store import Importer
    from newsreader.store.errors import ImportStopped

    show_bar = not as_json and sys.stderr.isatty()
    bar = click.progressbar(length=1, label="Importing", file=sys.stderr) if show_bar else None

    def on_file(done: int, total: int, result: FileResult) -> None:
        # Called only once the file's transaction has committed, never inside one.
        if bar is not None:
            bar.length = total
            bar.update(1)
        if not as_json:
            click.echo(("\r" if bar is not None else "") + describe(result))

    stopped: LibraryError | None = None
    with stop_on_signals() as stop:
        library = open_library(ctx)
        if library.was_empty_file:
            click.echo(f"note: {library.path} was an empty (0-byte) file; it is now a new "
                       "library.", err=as_json)
        with library, bar or contextlib.nullcontext():
            importer = Importer(
                library, on_file=on_file, should_cancel=stop.is_set, report_unfinished=True
            )
            try:
                results = importer.import_paths(paths)
            except ImportStopped as err:
                results, stopped = err.results, err.cause
            except LibraryError as err:
                fail_library(err)
        if as_json:
            print_json({"files": [r.to_json() for r in results]})
        else:
            imported = [r for r in results if r.status == "imported"]
            unfinished = sum(r.status == "unfinished" for r in results)
            click.echo(
                f"{len(imported)} imported, "
                f"{sum(r.status == 'unchanged' for r in results)} unchanged, "
                f"{sum(r.status == 'rejected' for r in results)} rejected"
                + (f", {unfinished} unfinished" if unfinished else "")
                + "; "
                f"{sum(r.added for r in imported)} stories added, "
                f"{sum(r.updated for r in imported)} updated."
            )
    if stopped is not None:
        fail(f"{stopped} The import stopped; what was saved stays, and importing the same "
             "files again finishes it.", EXIT_LIBRARY)
    if stop.is_set():
        fail("interrupted; what was saved stays, and importing the same files again "
             "finishes it.", stop.exit_status)
    if any(r.status == "rejected" for r in results):
        sys.exit(EXIT_REJECTED)


# -- reading ----------------------------------------------------------------------


def _story_line(story: Any) -> str:
    when = (story.published or "undated").replace("T", " ")
    mark = "" if story.has_body else "  [headline]"
    return f"{story.id:>7}  {when:<16}  {shown(story.title)}{mark}"


@cli.command("list", context_settings=CONTEXT)
@click.option(
    "--limit", type=click.IntRange(min=0), default=100, show_default=True,
    help="How many stories; 0 means all.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of stories.")
@click.pass_context
def list_command(ctx: click.Context, limit: int, as_json: bool) -> None:
    """List stories, newest first (stories without a date come last).

    \b
    Example:
      newsreader list --limit 20
      newsreader list --limit 0 --json > all-stories.json
    """
    with open_library(ctx) as library:
        stories = library.iter_stories(None if limit == 0 else limit)
        if not as_json:
            for story in stories:
                click.echo(_story_line(story))
            return
        # Streamed, so `list --limit 0 --json` of a million stories stays small in memory.
        click.echo("[", nl=False)
        for n, story in enumerate(stories):
            text = json.dumps(story.to_json(), ensure_ascii=False, indent=2)
            click.echo(("," if n else "") + "\n  " + text.replace("\n", "\n  "), nl=False)
        click.echo("\n]")


@cli.command("show", context_settings=CONTEXT)
@click.argument("story_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the story as JSON.")
@click.pass_context
def show_command(ctx: click.Context, story_id: int, as_json: bool) -> None:
    """Show one story with its text and where it was seen.

    \b
    Example:
      newsreader show 42
    """
    with open_library(ctx) as library:
        story = library.get_story(story_id)
    if story is None:
        fail(f"there is no story with id {story_id}")
    if as_json:
        print_json(story.to_json())
        return
    title = story.title + ("…" if story.title_truncated else "")
    click.secho(shown(title), bold=True)
    meta = [story.byline or "", (story.published or "date unknown").replace("T", " ")]
    meta.append(f"seen in {len({s.dump_id for s in story.sources})} dump(s)")
    click.echo(shown(" · ".join(m for m in meta if m)))
    if story.untitled:
        click.echo("(untitled: the title was taken from the first sentence)")
    if story.keywords:
        click.echo("关键词: " + shown("、".join(story.keywords)))
    click.echo()
    if not story.has_body:
        click.echo(shown(story.summary or "") + ("…" if story.summary_truncated else ""))
        click.echo("\n(only the headline and summary were captured)")
    for block in story.blocks:
        if block.kind == "heading":
            click.secho(shown(block.text), bold=True)
        elif block.kind == "caption":
            click.secho(shown(block.text), dim=True)
        else:
            click.echo(shown(block.text))
        click.echo()
    click.echo("Sources:")
    for s in story.sources:
        click.echo(shown(f"  {s.path}  ({s.role} #{s.position}, {s.published_raw or 'no timestamp'})"))


@cli.command("imports", context_settings=CONTEXT)
@click.option("--json", "as_json", is_flag=True, help="Print the history as JSON.")
@click.pass_context
def imports_command(ctx: click.Context, as_json: bool) -> None:
    """Show the import history: one row per file actually imported.

    \b
    Example:
      newsreader imports --json
    """
    with open_library(ctx) as library:
        records = library.imports()
    if as_json:
        print_json([r.to_json() for r in records])
        return
    for r in records:
        when = r.imported_at[:16].replace("T", " ")
        click.echo(f"{r.id:>5}  {when}  +{r.added} ~{r.updated}  {r.encoding:<9}  {shown(r.path)}")


@cli.command("stats", context_settings=CONTEXT)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def stats_command(ctx: click.Context, as_json: bool) -> None:
    """Show how many stories, dumps and bytes the library holds.

    \b
    Example:
      newsreader stats --json
    """
    with open_library(ctx) as library:
        figures = library.stats()
    if as_json:
        print_json(figures)
        return
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        click.echo(f"{key:<{width}}  {shown(value)}")


# -- search -----------------------------------------------------------------------


def _bold_spans(text: str, spans: list[tuple[int, int]] | tuple, *, color: bool) -> str:
    if not color or not spans:
        return shown(text)
    out, last = [], 0
    for start, end in spans:
        out.append(shown(text[last:start]))
        out.append(click.style(shown(text[start:end]), bold=True))
        last = end
    out.append(shown(text[last:]))
    return "".join(out)


_DATE = click.DateTime(formats=["%Y-%m-%d"])


@cli.command(
    "search",
    context_settings={**CONTEXT, "ignore_unknown_options": True},
)
@click.argument("words", nargs=-1, required=True, type=click.UNPROCESSED)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many results to show.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance",
              show_default=True, help="Order of the results.")
@click.option("--since", type=_DATE, help="Only stories published on or after this date.")
@click.option("--until", type=_DATE, help="Only stories published on or before this date.")
@click.option("--has-body", is_flag=True, help="Only stories with a full article text.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.pass_context
def search_command(
    ctx: click.Context,
    words: tuple[str, ...],
    limit: int,
    sort: str,
    since: Any,
    until: Any,
    has_body: bool,
    as_json: bool,
) -> None:
    """Search saved stories; Chinese words of any length are found anywhere.

    Words separated by spaces are all required; "a phrase" keeps words together;
    -word excludes; A OR B takes either; title:word searches titles only.
    Traditional and Simplified characters, full- and half-width forms and
    upper and lower case are all the same to search.

    \b
    Example:
      newsreader search 儿童 -保障
      newsreader search title:临沂 --since 2023-08-01 --json
      newsreader search Magic OR 荣耀 --sort date
    """
    from newsreader.store.search import search

    with open_library(ctx) as library:
        try:
            results = search(
                library,
                " ".join(words),
                limit=limit,
                sort=sort,
                since=since.date() if since else None,
                until=until.date() if until else None,
                has_body=has_body,
            )
        except LibraryError as err:
            fail_library(err)
    if as_json:
        print_json(results.to_json())
        if results.message:
            click.echo(results.message, err=True)
        return
    if results.message:
        click.echo(results.message)
        return
    color = sys.stdout.isatty()
    order = "by relevance" if results.order == "relevance" else "newest first"
    if results.order != sort:
        order += " (too many matches to rank; showing the newest)"
    click.echo(f"{results.total} {'story' if results.total == 1 else 'stories'}, {order}")
    for hit in results.hits:
        when = (hit.published or "undated").replace("T", " ")
        click.echo()
        click.echo(f"{hit.id:>7}  {when:<16}  " + click.style(shown(hit.title), bold=color))
        click.echo("         " + _bold_spans(hit.snippet, hit.highlights, color=color))


@cli.command("reindex", context_settings=CONTEXT)
@click.pass_context
def reindex_command(ctx: click.Context) -> None:
    """Rebuild the search index from the stored stories.

    Searching keeps the index up to date by itself; use this after restoring a
    library from an old backup, or to compact the index.

    \b
    Example:
      newsreader reindex
    """
    with open_library(ctx) as library:
        try:
            count = library.reindex()
        except LibraryError as err:
            fail_library(err)
    click.echo(f"Reindexed {count} stories.")


# Commands that live in modules of their own register themselves on ``cli`` when
# imported; they import the shared helpers above, so these imports come last.
# One line per module (kept sorted), so parallel features rarely touch the same line.
from newsreader.cli import follow  # noqa: E402,F401
from newsreader.cli import marks  # noqa: E402,F401
from newsreader.cli import upkeep  # noqa: E402,F401
