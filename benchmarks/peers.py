"""What a user would build instead, side by side: a naive sqlite-utils pipeline with FTS5 trigram.

Owns the **peers** rows (issue 15). The naive pipeline is what the sqlite-utils documentation
leads to: parse every dump with newsreader's own parser, ``insert_all`` one row per story
(title, summary, body text; no dedup, no merging of a story seen in many dumps, no original
bytes kept), then ``enable_fts(..., tokenize="trigram")``. It runs as a child process through
``process``'s launcher (wall time, CPU, its own peak RSS), into a fresh file; its index size
comes from ``dbstat``. Then the same sampled queries as the search rows are asked of it:
``MATCH`` for terms of 3+ characters (trigram's floor), ``LIKE '%q%'`` (a scan) below that,
``LIMIT 20`` ordered by FTS5's rank. Its recall differs from newsreader's (no folding of
width, case or Traditional forms; trigram sees no one- or two-character words): the rows
compare speed and size, not results. Must not import Qt.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.process import run_measured

TABLE = "naive_stories"


def _pipeline(dumps_dir: Path, target: Path) -> None:
    """The naive import itself (runs in the measured child)."""
    import sqlite_utils

    from newsreader.dumps import DumpError, parse_dump

    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    db = sqlite_utils.Database(target)

    def rows():
        for path in sorted(dumps_dir.rglob("*.txt")):
            try:
                parsed = parse_dump(path.read_bytes())
            except DumpError:
                continue
            for h in parsed.headlines:
                yield {"title": h.title, "summary": h.summary or "", "body": "",
                       "published": h.timestamp.iso if h.timestamp.date else None}
            a = parsed.article
            if a is not None:
                stamp = a.headline.timestamp if a.headline else None
                yield {"title": a.title, "summary": (a.headline.summary or "") if a.headline
                       else "", "body": "\n".join(b.text for b in a.blocks),
                       "published": stamp.iso if stamp and stamp.date else None}

    db[TABLE].insert_all(rows(), batch_size=2000)
    db[TABLE].enable_fts(["title", "summary", "body"], tokenize="trigram")
    db.conn.close()


def measure_naive(dumps_dir: Path, target: Path) -> dict[str, Any]:
    """The naive pipeline's wall time, CPU, peak RSS, rows and index size."""
    command = [sys.executable, "-m", "benchmarks.peers", str(dumps_dir), str(target)]
    child = run_measured(command)
    conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    try:
        rows = conn.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0]
        index = conn.execute(
            "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE ?", (f"{TABLE}_fts%",)
        ).fetchone()[0]
    finally:
        conn.close()
    size = target.stat().st_size + sum(
        Path(f"{target}{s}").stat().st_size for s in ("-wal",) if Path(f"{target}{s}").exists()
    )
    return {"measured": True, **child, "rows": rows, "index_bytes": index, "file_bytes": size}


def measure_trigram_search(target: Path, queries: dict[str, list[str]]) -> dict[str, Any]:
    """Median and p95 ms per query class on the naive library (first 20 rows)."""
    conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    fts = f"{TABLE}_fts"
    match_sql = (f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? ORDER BY rank LIMIT 20")
    like_sql = (f"SELECT rowid FROM {TABLE} WHERE title LIKE ?1 OR summary LIKE ?1 "
                "OR body LIKE ?1 LIMIT 20")
    out: dict[str, Any] = {}
    try:
        conn.execute(match_sql, ('"预热"',)).fetchall()  # warm the connection
        for name, qs in queries.items():
            timings = []
            for q in qs:
                terms = q.split()
                started = time.perf_counter()
                if all(len(t) >= 3 for t in terms):
                    expr = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
                    conn.execute(match_sql, (expr,)).fetchall()
                else:
                    conn.execute(like_sql, (f"%{terms[0]}%",)).fetchall()
                timings.append((time.perf_counter() - started) * 1000)
            if timings:
                timings.sort()
                out[name] = {"median_ms": statistics.median(timings),
                             "p95_ms": timings[max(0, round(0.95 * len(timings)) - 1)],
                             "queries": len(timings)}
    finally:
        conn.close()
    return out


if __name__ == "__main__":
    _pipeline(Path(sys.argv[1]), Path(sys.argv[2]))
