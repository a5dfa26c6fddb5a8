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


# The harness (issue 3) goes here as `run`: build or reuse the cached library with
# `generator.ensure_library(out, stories, seed, corpus)`, import it through the real
# `newsreader import` path, time the floor and the reads, print the table and write it as JSON.


def main() -> None:
    cli(prog_name="python -m benchmarks")


if __name__ == "__main__":
    sys.exit(main())
