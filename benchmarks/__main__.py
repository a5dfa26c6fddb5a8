"""``python -m benchmarks``: the benchmark command line (run from the repository root).

Owns argument parsing and printing only; the work lives in ``generate`` (the dump library) and
``textstats`` (how close generated text is to the corpus). Must not import Qt.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from benchmarks import generate as generator
from benchmarks import pages as pages_bench
from benchmarks import textstats
from benchmarks.corpus import CorpusError

# ../shared/corpus beside the repository, as the team's machines have it
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "combined.jsonl.gz"


@click.group()
def cli() -> None:
    """Benchmarks for newsreader: build the benchmark library, compare its text, time it."""


@cli.command()
@click.option("--stories", type=click.IntRange(min=1), required=True,
              help="Story rows the import will create (10000, 100000, 1000000).")
@click.option("--corpus", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Real news, gzip JSON lines (title, body, published). "
                   "Without it: built-in synthetic text.")
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for dumps/ and manifest.json (emptied if it holds an older library).")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: up to 2).")
def generate(stories: int, corpus: Path | None, seed: int, out: Path, jobs: int | None) -> None:
    """Write a deterministic library of page dumps in the portal's format."""
    if corpus is not None and not corpus.is_file():
        click.echo(f"warning: no corpus at {corpus}; using the built-in SYNTHETIC text", err=True)
    started = time.perf_counter()
    try:
        manifest = generator.generate(out, stories, seed, corpus, jobs)
    except (CorpusError, FileExistsError) as err:
        raise click.ClickException(str(err)) from None
    seconds = time.perf_counter() - started
    label = "SYNTHETIC (built-in vocabulary, not real news)" if manifest["corpus"] == "synthetic" \
        else manifest["corpus"]
    click.echo(
        f"{manifest['dumps']} dumps, {manifest['bytes'] / 1e6:.1f} MB, "
        f"{manifest['stories_expected']} stories ({manifest['articles']} articles), "
        f"{manifest['headline_groups']} headline groups in {seconds:.1f} s\n"
        f"text: {label}\nmanifest: {out / 'manifest.json'}"
    )


@cli.command(name="textstats")
@click.option("--dumps", "dumps_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              required=True, help="A generated library (its folder or its dumps/ folder).")
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=DEFAULT_CORPUS if DEFAULT_CORPUS.is_file() else None,
              required=not DEFAULT_CORPUS.is_file(), show_default=True)
@click.option("--max-files", type=click.IntRange(min=1), default=3000, show_default=True,
              help="Read at most this many dumps, spread evenly over the library.")
def textstats_command(dumps_dir: Path, corpus: Path, max_files: int) -> None:
    """Compare the character frequencies of generated dumps with the corpus's."""
    report = textstats.compare_library(dumps_dir, corpus, max_files)
    click.echo(textstats.format_report(report))


@cli.command()
@click.option("--stories", type=click.IntRange(min=1), required=True,
              help="Story rows of the benchmark library (10000, 100000, 1000000).")
@click.option("--corpus", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_CORPUS, show_default=True,
              help="Real news (gzip JSON lines). Used when the file exists.")
@click.option("--synthetic", is_flag=True,
              help="Use the built-in synthetic text even when the corpus exists.")
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--cache", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of the generated dumps, reused when it matches "
                   "[default: benchmarks/cache/lib-<stories>[-synthetic]].")
@click.option("--library", "library_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="The library the import writes, replaced at every run "
                                 "[default: <cache>/run/library.sqlite3].")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where the result goes [default: benchmarks/out/run-<stories>.json].")
@click.option("--reads", type=click.IntRange(min=1), default=50, show_default=True,
              help="Timed calls per read row.")
@click.option("--queries", type=click.IntRange(min=1), default=40, show_default=True,
              help="Search queries per class, sampled from the stored text.")
@click.option("--rg-queries", type=click.IntRange(min=0), default=15, show_default=True,
              help="Queries per class also timed with rg -l -F (0: skip rg).")
@click.option("--ui/--no-ui", default=True, show_default=True,
              help="Measure the desktop app with benchmarks/ui_bench.py.")
@click.option("--ui-runs", type=click.IntRange(min=1), default=7, show_default=True)
@click.option("--textstats/--no-textstats", default=True, show_default=True,
              help="Compare the dumps' character frequencies with the corpus.")
@click.option("--keep-floor", is_flag=True, help="Keep the floor's SQLite file.")
@click.option("--command-runs", type=click.IntRange(min=0), default=24, show_default=True,
              help="`newsreader search` processes timed beside a bare interpreter (0 skips).")
@click.option("--peers/--no-peers", default=True, show_default=True,
              help="Also build the naive sqlite-utils + FTS5 trigram library and time it.")
def run(stories: int, corpus: Path, synthetic: bool, seed: int, cache: Path | None,
        library_path: Path | None, json_out: Path | None, reads: int, queries: int,
        rg_queries: int, ui: bool, ui_runs: int, textstats: bool, keep_floor: bool,
        command_runs: int, peers: bool) -> None:
    """Build (or reuse) the dumps, import them, print the benchmark table, write it as JSON."""
    from benchmarks import harness, report

    use_corpus: Path | None = None if synthetic else corpus
    if use_corpus is not None and not use_corpus.is_file():
        click.echo(f"warning: no corpus at {use_corpus}; using the built-in SYNTHETIC text",
                   err=True)
        use_corpus = None
    repo = Path(__file__).resolve().parents[1]
    if cache is None:
        cache = repo / "benchmarks" / "cache" / (
            f"lib-{stories}" + ("" if use_corpus else "-synthetic"))
    previous = generator.read_manifest(cache)
    if previous and (previous.get("corpus") == "synthetic") != (use_corpus is None):
        raise click.ClickException(
            f"{cache} holds dumps made from {previous.get('corpus')!r} text; pass "
            + ("--corpus PATH" if use_corpus is None else "--synthetic")
            + " to reuse them, or another --cache")
    options = harness.RunOptions(
        stories=stories, corpus=use_corpus, cache=cache,
        library=library_path or cache / "run" / "library.sqlite3",
        json_out=json_out or repo / "benchmarks" / "out" / f"run-{stories}.json",
        seed=seed, reads=reads, queries=queries, rg_queries=rg_queries, ui=ui, ui_runs=ui_runs,
        textstats=textstats, keep_floor=keep_floor, command_runs=command_runs,
        peers=peers,
    )
    try:
        result = harness.run(options, echo=lambda line: click.echo(line, err=True))
    except (CorpusError, FileExistsError) as err:
        raise click.ClickException(str(err)) from None
    result["table"] = report.rows_as_json(result)
    harness.write_json(result, options.json_out)
    click.echo(report.format_table(result))
    click.echo(f"json: {options.json_out}")


@cli.command(name="pages")
@click.option("--pages", "pages_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=pages_bench.DEFAULT_PAGES, show_default=True,
              help="Saved pages with their expected fields (<source>/<name>.html + .expected.json).")
@click.option("--no-anchors", is_flag=True, help="Score newsreader only, not the other extractors.")
@click.option("--split", type=click.Choice(["tune", "check"]), default=None,
              help="Only the pages the rules were tuned on, or only the held-out ones.")
@click.option("--failures/--no-failures", default=True, show_default=True,
              help="List the pages newsreader misses, and how.")
def pages_command(pages_dir: Path, no_anchors: bool, split: str | None, failures: bool) -> None:
    """Score the import of saved web pages (and the anchors, where installed).

    \b
    Example:
      python -m benchmarks pages --pages ../shared/pages
    """
    rows = pages_bench.run(pages_dir, anchors=not no_anchors, split=split)
    click.echo(pages_bench.format_table(rows))
    if failures:
        click.echo(pages_bench.format_failures(rows))


def main() -> None:
    cli(prog_name="python -m benchmarks")


if __name__ == "__main__":
    sys.exit(main())
