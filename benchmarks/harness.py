"""The benchmark harness: one run from cached dumps to the table of issues 3, 4 and 5.

Owns the order of a run and the figures that need no module of their own: the import through
the real command line (a child process: wall time and its peak RSS from ``wait4``), the
library's sizes (``dbstat``), the machine, the git revision and the load. The floor, the reads
and the search rows live in ``floor``, ``reads`` and ``searchbench``; the desktop app's rows in
``ui_bench`` (another engineer's module, called when present); the table in ``report``.
Must not be imported by ``newsreader``; must not import Qt (``ui_bench`` runs Qt in children).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import generate as generator
from benchmarks.floor import measure_floor
from benchmarks.process import measure_command_search, run_measured
from benchmarks.reads import measure_reads
from benchmarks.searchbench import combine, measure_rg, measure_search, sample_queries

REPO = Path(__file__).resolve().parents[1]
_SUMMARY_RE = re.compile(
    r"(\d+) imported, (\d+) unchanged, (\d+) rejected; (\d+) stories added, (\d+) updated"
)


@dataclass(frozen=True)
class RunOptions:
    stories: int
    corpus: Path | None  # None: the generator's built-in synthetic text
    cache: Path  # the generated dumps (reused when they match)
    library: Path  # the fresh library the import writes (replaced)
    json_out: Path
    seed: int = 1
    reads: int = 50
    queries: int = 40  # per search class
    rg_queries: int = 15  # per search class; 0 skips rg
    ui: bool = True
    ui_runs: int = 7
    textstats: bool = True
    textstats_files: int = 1000
    keep_floor: bool = False
    command_runs: int = 24  # `newsreader search` processes (each beside a bare one)
    peers: bool = True  # the naive sqlite-utils + FTS5 trigram pipeline, side by side


# ------------------------------------------------------------------------------ environment
def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "memory_gb": round(memory / 2**30, 1) if memory else None,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }


def git_revision() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def changed_sources() -> list[str]:
    """Files under ``src/`` that differ from HEAD: what "+dirty" means for the code measured."""
    try:
        out = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=REPO,
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    return [line[3:] for line in out.splitlines() if line.strip()]


def load() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


# ------------------------------------------------------------------------------ import
def _remove_library(library: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{library}{suffix}").unlink(missing_ok=True)


def run_import(library: Path, dumps_dir: Path, log_dir: Path) -> dict[str, Any]:
    """``python -m newsreader --library LIB import DUMPS`` into a fresh file, timed."""
    _remove_library(library)
    library.parent.mkdir(parents=True, exist_ok=True)
    log_dir.mkdir(parents=True, exist_ok=True)
    stdout_log, stderr_log = log_dir / "import.out.log", log_dir / "import.err.log"
    command = [sys.executable, "-m", "newsreader", "--library", str(library),
               "import", str(dumps_dir)]
    with stdout_log.open("wb") as out, stderr_log.open("wb") as err:
        # NOTE: through the small launcher of ``process``: a child's ru_maxrss counts
        # from its forking parent's size, and this harness is ~220 MB by now.
        child = run_measured(command, stdout=out, stderr=err)
    seconds = child["seconds"]
    stderr_text = stderr_log.read_text(encoding="utf-8", errors="replace")
    tail = stdout_log.read_bytes()[-4000:].decode("utf-8", errors="replace")
    summary = _SUMMARY_RE.findall(tail)
    imported = unchanged = rejected = added = updated = None
    if summary:
        imported, unchanged, rejected, added, updated = map(int, summary[-1])
    rejected_lines = []
    if rejected:
        with stdout_log.open(encoding="utf-8", errors="replace") as lines:
            rejected_lines = [line.rstrip() for line in lines if line.startswith("rejected")][:5]
    return {
        "command": " ".join(command),
        "seconds": seconds,
        "exit_code": child["exit_code"],
        # Its own, or its parse-ahead helper's if larger (see process.py); never summed.
        "peak_rss_mb": child["peak_rss_mb"],
        "cpu_seconds": child["cpu_seconds"],
        "imported": imported,
        "unchanged": unchanged,
        "rejected": rejected,
        "rejected_examples": rejected_lines,
        "stories_added": added,
        "stories_updated": updated,
        "traceback": "Traceback (most recent call last)" in stderr_text,
        "stderr_tail": stderr_text[-1500:],
        "logs": [str(stdout_log), str(stderr_log)],
    }


# ------------------------------------------------------------------------------ library sizes
def library_figures(library: Path) -> dict[str, Any]:
    """Row counts, raw text sizes and the on-disk size of every table and index."""
    conn = sqlite3.connect(f"file:{library}?mode=ro", uri=True)
    try:
        one = conn.execute
        stories, with_body = one("SELECT count(*), coalesce(sum(has_body), 0) FROM stories").fetchone()
        dumps, dump_bytes = one("SELECT count(*), coalesce(sum(size), 0) FROM dumps").fetchone()
        sources = one("SELECT count(*) FROM sources").fetchone()[0]
        title, summary, blocks_json = one(
            "SELECT coalesce(sum(length(CAST(title AS BLOB))), 0), "
            "coalesce(sum(length(CAST(summary AS BLOB))), 0), "
            "coalesce(sum(length(CAST(blocks AS BLOB))), 0) FROM stories"
        ).fetchone()
        body = one(
            "SELECT coalesce(sum(length(CAST(json_extract(j.value, '$[1]') AS BLOB))), 0) "
            "FROM stories s, json_each(s.blocks) j WHERE s.blocks IS NOT NULL"
        ).fetchone()[0]
        owners = dict(one("SELECT name, tbl_name FROM sqlite_master"))
        objects = {name: size for name, size in
                   one("SELECT name, pgsize FROM dbstat WHERE aggregate = TRUE")}
        page_size = one("PRAGMA page_size").fetchone()[0]
        free = one("PRAGMA freelist_count").fetchone()[0] * page_size
    finally:
        conn.close()
    by_table: dict[str, int] = {}
    for name, size in objects.items():
        owner = "story_search" if name.startswith("story_search") else owners.get(name, name)
        by_table[owner] = by_table.get(owner, 0) + size
    wal = Path(f"{library}-wal")
    return {
        "stories": stories,
        "with_body": with_body,
        "dumps": dumps,
        "sources": sources,
        "file_bytes": library.stat().st_size + (wal.stat().st_size if wal.exists() else 0),
        "free_bytes": free,
        "dump_bytes": dump_bytes,
        # body: the paragraphs' UTF-8 bytes; blocks_json: the column as stored (JSON)
        "text_bytes": {"title": title, "summary": summary, "body": body,
                       "total": title + summary + body, "blocks_json": blocks_json},
        "search_index_bytes": by_table.get("story_search", 0),
        "bytes_by_table": dict(sorted(by_table.items(), key=lambda kv: -kv[1])),
        "bytes_by_object": dict(sorted(objects.items(), key=lambda kv: -kv[1])),
    }


# ------------------------------------------------------------------------------ optional parts
def ui_figures(library: Path, runs: int) -> dict[str, Any]:
    """The desktop app's rows from ``benchmarks.ui_bench.measure``, or why they are missing."""
    try:
        from benchmarks import ui_bench
    except ImportError as err:
        return {"measured": False, "reason": f"benchmarks/ui_bench.py not importable: {err}"}
    measure = getattr(ui_bench, "measure", None)
    if measure is None:
        return {"measured": False, "reason": "benchmarks/ui_bench.py has no measure()"}
    try:
        return {"measured": True, **measure(library, runs=runs)}
    except Exception as err:  # noqa: BLE001 - another engineer's module: report, don't die
        last = traceback.format_exception_only(type(err), err)[-1].strip()
        return {"measured": False, "reason": f"ui_bench.measure failed: {last[:300]}"}


def text_figures(dumps_dir: Path, corpus: Path, max_files: int) -> dict[str, Any]:
    """Issue 3's check: character frequencies of the dumps against the corpus's (TVD)."""
    from benchmarks import textstats

    report = textstats.compare_library(dumps_dir, corpus, max_files)

    def as_dict(d: textstats.Distances) -> dict[str, float]:
        return {"chars": d.chars, "cjk": d.cjk, "bigrams": d.bigrams}

    return {"measured": True, "files": report.files, "whole": as_dict(report.whole),
            "articles": as_dict(report.articles), "noise_floor": as_dict(report.floor),
            "unseen_share": report.unseen_share}


# ------------------------------------------------------------------------------ the run
def _phase(result: dict[str, Any], name: str, started: float) -> None:
    result["phases"][name] = {"seconds": round(time.perf_counter() - started, 2), "load": load()}


def run(options: RunOptions, echo=print) -> dict[str, Any]:  # noqa: ANN001 - click.echo or print
    """Every measurement of one run; the result is what ``report`` prints and the JSON holds."""
    result: dict[str, Any] = {
        "stories_requested": options.stories,
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "git": git_revision(),
        "src_changes": changed_sources(),
        "machine": machine(),
        "load_at_start": load(),
        "phases": {},
    }
    started = time.perf_counter()
    echo(f"dumps: {options.cache} ...")
    manifest, generated = generator.ensure_library(options.cache, options.stories, options.seed,
                                                   options.corpus)
    dumps_dir = options.cache / "dumps"
    result["dumps"] = {
        "dir": str(dumps_dir), "generated_now": generated, "corpus": manifest["corpus"],
        "seed": manifest["seed"], "files": manifest["dumps"], "bytes": manifest["bytes"],
        "stories_expected": manifest["stories_expected"],
    }
    _phase(result, "dumps", started)

    started = time.perf_counter()
    echo(f"import: {manifest['dumps']:,} dumps into {options.library} ...")
    result["import"] = run_import(options.library, dumps_dir, options.library.parent)
    _phase(result, "import", started)
    if not options.library.exists():
        raise RuntimeError(f"the import wrote no library; see {result['import']['logs']}")

    started = time.perf_counter()
    echo("library sizes ...")
    result["library"] = library_figures(options.library)
    _phase(result, "library", started)

    started = time.perf_counter()
    echo("floor: the same rows by plain executemany ...")
    floor_path = options.library.with_name("floor.sqlite3")
    result["floor"] = measure_floor(options.library, floor_path)
    if not options.keep_floor:
        floor_path.unlink(missing_ok=True)
    _phase(result, "floor", started)

    started = time.perf_counter()
    echo(f"reads: {options.reads} runs each ...")
    result["read"] = measure_reads(options.library, options.reads, options.seed)
    _phase(result, "read", started)

    started = time.perf_counter()
    echo(f"search: sampling {options.queries} queries per class ...")
    queries = sample_queries(options.library, options.queries, options.seed)
    timings = measure_search(options.library, queries)
    _phase(result, "search", started)
    started = time.perf_counter()
    if options.rg_queries > 0:
        echo(f"rg: {options.rg_queries} queries per class over {dumps_dir} ...")
        rg = measure_rg(dumps_dir, queries, options.rg_queries)
    else:
        rg = {"measured": False, "reason": "skipped (--rg-queries 0)"}
    _phase(result, "rg", started)
    result["search"] = {"classes": combine(timings, rg), "queries": queries,
                        "rg": {"measured": rg["measured"], "reason": rg.get("reason")}}

    started = time.perf_counter()
    echo("command: newsreader search as a process, beside python -c 'import click, sqlite3' ...")
    # Round-robin over the classes, so a few runs already see every kind of query.
    per_class = [queries[name] for name in sorted(queries) if queries[name]]
    command_queries = [q for pair in zip(*per_class) for q in pair] if per_class else []
    if options.command_runs > 0 and command_queries:
        result["command"] = measure_command_search(options.library, command_queries,
                                                   options.command_runs)
    else:
        result["command"] = {"measured": False}
    _phase(result, "command", started)

    started = time.perf_counter()
    if options.peers:
        echo("peers: the naive sqlite-utils + FTS5 trigram pipeline on the same dumps ...")
        from benchmarks.peers import measure_naive, measure_trigram_search

        naive_path = options.library.with_name("naive.sqlite3")
        result["peers"] = measure_naive(dumps_dir, naive_path)
        result["peers"]["search"] = measure_trigram_search(naive_path, queries)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{naive_path}{suffix}").unlink(missing_ok=True)
    else:
        result["peers"] = {"measured": False}
    _phase(result, "peers", started)

    started = time.perf_counter()
    if options.ui:
        echo("ui: benchmarks/ui_bench.py ...")
        result["ui"] = ui_figures(options.library, options.ui_runs)
    else:
        result["ui"] = {"measured": False, "reason": "skipped (--no-ui)"}
    _phase(result, "ui", started)

    started = time.perf_counter()
    if options.textstats and options.corpus is not None and manifest["corpus"] != "synthetic":
        echo("text: character frequencies against the corpus ...")
        result["text"] = text_figures(dumps_dir, options.corpus, options.textstats_files)
    else:
        result["text"] = {"measured": False, "reason": "synthetic text (no corpus)"
                          if manifest["corpus"] == "synthetic" else "skipped (--no-textstats)"}
    _phase(result, "text", started)
    result["load_at_end"] = load()
    return result


def write_json(result: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    temporary.replace(path)
