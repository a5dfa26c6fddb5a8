"""Compares FTS5 layouts for the search index on an existing library (docs/search.md).

Builds the index of every story of LIBRARY in memory four ways (rowid = story id or the
date-ordered sort key; with or without the one-character prefix index) and prints each
size against the story text. Run: ``python -m benchmarks.index_layouts LIBRARY``.
Must not import Qt.
"""

from __future__ import annotations

import sqlite3
import sys
import time

from newsreader.store import search_index

_NAMES = ["id", "sort_key", "title", "byline", "keywords", "summary", "blocks"]


def main(path: str) -> None:
    src = sqlite3.connect(path)
    states = [dict(zip(_NAMES, r)) for r in src.execute(f"SELECT {', '.join(_NAMES)} FROM stories")]
    tokens = [search_index._tokens(s)[1:] for s in states]
    raw = sum(
        len((s["title"] or "").encode()) + len((s["summary"] or "").encode())
        + len((s["blocks"] or "").encode())
        for s in states
    )
    print(f"{len(states)} stories, story text {raw / 1e6:.1f} MB")
    for label, key, prefix in [
        ("rowid = sort key, prefix='1'", "sort_key", "prefix='1',"),
        ("rowid = story id, prefix='1'", "id", "prefix='1',"),
        ("rowid = sort key, no prefix", "sort_key", ""),
        ("rowid = story id, no prefix", "id", ""),
    ]:
        db = sqlite3.connect(":memory:")
        db.execute(
            "CREATE VIRTUAL TABLE f USING fts5(title, byline, keywords, summary, body, "
            "tokenize=\"unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'\", "
            f"{prefix} content='', columnsize=0)"
        )
        started = time.perf_counter()
        db.executemany(
            "INSERT INTO f(rowid, title, byline, keywords, summary, body) VALUES (?,?,?,?,?,?)",
            [(s[key], *t) for s, t in zip(states, tokens)],
        )
        db.execute("INSERT INTO f(f) VALUES ('optimize')")
        seconds = time.perf_counter() - started
        size = db.execute("SELECT sum(length(block)) FROM f_data").fetchone()[0]
        print(f"{label:30} {size / 1e6:7.1f} MB  {size / raw:5.2f}x  insert {seconds:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1])
