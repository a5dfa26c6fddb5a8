"""Whole processes measured from outside: wall time, CPU time and their own peak memory.

Owns ``run_measured`` (one command's wall and CPU time and ITS OWN peak RSS) and the
**command** rows: ``newsreader search`` end to end as a child process, side by side with
``python -c "import click, sqlite3"`` (interleaved in one loop, so both see the same
load), and whether the command prints the same results as the store in process.

Peak memory. ``ru_maxrss`` of a child counts from the size of the process that forked
it: Linux carries the forked copy's high-water mark across ``exec`` (the earlier
harness reported its own ~220 MB for every child). So each measured command is
started by a small launcher (``python -m benchmarks.process CMD...``, a bare
interpreter of ~10 MB), which waits for it with ``wait4`` and reports that child's own
rusage; any peak below the launcher's size would read as the launcher's size.
``tests/test_benchmark_memory.py`` shows the figure follow a 200 MB allocation and
ignore the caller's size. Must not import Qt; importable without ``newsreader``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

BASELINE = [sys.executable, "-c", "import click, sqlite3"]


def run_measured(command: list[str], *, stdout: Any = subprocess.DEVNULL,
                 stderr: Any = subprocess.DEVNULL, env: dict[str, str] | None = None
                 ) -> dict[str, Any]:
    """Run ``command`` through the launcher: seconds, cpu_seconds, peak_rss_mb, exit_code.

    ``peak_rss_mb`` is the peak RSS of the largest single process of the command (the
    command itself, or a helper process it started and waited for).

    ``seconds`` is the command's own wall time (the launcher's start-up is not in it).
    """
    launcher = [sys.executable, "-m", "benchmarks.process", *command]
    repo = str(Path(__file__).resolve().parents[1])
    child_env = dict(os.environ if env is None else env)
    child_env["PYTHONPATH"] = os.pathsep.join(
        p for p in (repo, child_env.get("PYTHONPATH", "")) if p
    )
    read, write = os.pipe()
    try:
        proc = subprocess.Popen(
            [*launcher[:3], str(write), *launcher[3:]], stdout=stdout, stderr=stderr,
            stdin=subprocess.DEVNULL, pass_fds=(write,), env=child_env,
        )
    finally:
        os.close(write)
    with os.fdopen(read, "r") as report:
        text = report.read()
    proc.wait()
    if not text:
        raise RuntimeError(f"the launcher reported nothing (exit {proc.returncode}): {command}")
    return json.loads(text)


def _launch(report_fd: int, command: list[str]) -> int:
    """The launcher itself: run ``command``, report its own rusage as JSON on ``report_fd``."""
    import time

    started = time.perf_counter()
    child = subprocess.Popen(command)
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    with os.fdopen(report_fd, "w") as out:
        json.dump({
            "seconds": seconds,
            # The child's and the helper processes' it waited for, added up.
            "cpu_seconds": usage.ru_utime + usage.ru_stime,
            # Linux, kilobytes: the largest ONE process of the child and the helpers it
            # waited for (wait4 folds those in); never a sum, never the launcher's caller.
            "peak_rss_mb": usage.ru_maxrss / 1024,
            "exit_code": code,
        }, out)
    return code


def measure_command_search(library: Path, queries: list[str], runs: int = 24) -> dict[str, Any]:
    """``newsreader --library LIB search Q --json`` beside a bare ``import click, sqlite3``.

    ``runs`` searches, cycling through ``queries``, each right after a baseline run. The
    command's output is compared with the store's own ``search(...).to_json()``.
    """
    from newsreader.store import Library
    from newsreader.store.search import search

    queries = queries[:runs]
    expected: dict[str, Any] = {}
    with Library.open(library, create=False) as lib:
        for q in queries:
            expected[q] = search(lib, q, limit=20).to_json()
    base: list[dict[str, Any]] = []
    timed: list[dict[str, Any]] = []
    same = True
    out_path = library.with_name("command-search.json")
    for i in range(runs):
        q = queries[i % len(queries)]
        base.append(run_measured(BASELINE))
        with out_path.open("wb") as out:
            timed.append(run_measured(
                [sys.executable, "-m", "newsreader", "--library", str(library),
                 "search", q, "--json"], stdout=out))
        got = json.loads(out_path.read_text(encoding="utf-8"))
        same = same and got == expected[q]
    out_path.unlink(missing_ok=True)

    def med(rows: list[dict[str, Any]], key: str) -> float:
        return statistics.median(r[key] for r in rows) * 1000

    return {
        "measured": True,
        "queries": len(queries),
        "runs": len(timed),
        "search_ms": med(timed, "seconds"),
        "search_cpu_ms": med(timed, "cpu_seconds"),
        "baseline_ms": med(base, "seconds"),
        "baseline_cpu_ms": med(base, "cpu_seconds"),
        "search_peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in timed),
        "baseline_peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in base),
        "exit_codes": sorted({r["exit_code"] for r in timed}),
        "same_results": same,
    }


if __name__ == "__main__":
    sys.exit(_launch(int(sys.argv[1]), sys.argv[2:]))
