"""The full-text index of stories: an FTS5 table fed with pre-made tokens.

This module owns the ``story_search`` table: creating it, keeping it in step with
every import (same transaction), and rebuilding it. What the tokens are is decided
by ``newsreader.search.tokens`` (pure text code); this module only moves them in and
out of SQLite. Must not import Qt.

Design, in short (docs/search.md has the figures):

* Python's ``sqlite3`` cannot register an FTS5 tokenizer, and the library must stay
  a plain SQLite file any shell can query. So we tokenize in Python and hand FTS5
  space-separated tokens; ``unicode61`` with every letter, number, mark,
  punctuation and symbol category as token characters splits only on the spaces.
* Han text (and any other non-Latin, non-digit text) is indexed as overlapping
  character pairs plus a trailing single character per run, like Lucene's CJK
  analyzer; ``prefix='1'`` makes one-character queries a single index lookup.
* The index keeps no copy of the text (it is already in ``stories``) and its rowid
  is the story id. NOTE: it is an external-content table over the view
  ``story_search_content`` rather than contentless (``content=''``): FTS5 refuses
  any scan of a contentless table ("table does not support scanning"), so
  ``sqlite-utils tables --counts`` and Datasette failed on the library. Searching
  reads only rowids, so the view is read only by such tools. Never run FTS5's
  ``'rebuild'``, nor ``'integrity-check'`` with rank 1, on it: they tokenize the
  view's text, not our tokens (``PRAGMA integrity_check`` and the plain
  ``'integrity-check'`` pass, with SQLite 3.40 and 3.54 alike). NOTE: using the date-ordered ``sort_key`` as rowid would make
  "newest first" the index's own order, but its large gaps cost 5-8 bytes per
  posting: measured on the 10k benchmark library, 4.6x the raw text against 2.8x
  with story ids. Date order is found by walking ``sort_key`` instead (see
  ``store.search``).
* SQLite 3.40 has no ``contentless_delete``: changing a story means FTS5's
  ``'delete'`` command with exactly the tokens that were indexed, which we can
  recompute from the stored story as long as the tokenizer is unchanged. The
  tokenizer's signature is kept in ``meta``; when it changes the index is rebuilt.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from newsreader.store.connection import chunks
from newsreader.store.records import story_fields

TABLE = "story_search"
#: What a scan of the index shows: each story's text under the index's column names.
CONTENT_VIEW = "story_search_content"
COLUMNS = ("title", "byline", "keywords", "summary", "body")
_CREATE_VIEW = (
    f"CREATE VIEW IF NOT EXISTS {CONTENT_VIEW} AS "
    "SELECT id, title, byline, keywords, summary, blocks AS body FROM stories"
)
_CREATE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
    + ", ".join(COLUMNS)
    + ", tokenize = \"unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'\""
    + ", prefix = '1', columnsize = 0"
    + f", content = '{CONTENT_VIEW}', content_rowid = 'id')"
)
_SOURCE_COLUMNS = "id, title, byline, keywords, summary, blocks"
_INSERT = f"INSERT INTO {TABLE} (rowid, {', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)"
_DELETE = (
    f"INSERT INTO {TABLE} ({TABLE}, rowid, {', '.join(COLUMNS)}) "
    "VALUES ('delete', ?, ?, ?, ?, ?, ?)"
)


def signature() -> str:
    """What the index was built with; a different one means "rebuild"."""
    from newsreader.search import tokens_signature

    return f"{tokens_signature()} rowid-id content-view"


def exists(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)
    ).fetchone()
    return row is not None


def _tokens(state: Mapping[str, Any]) -> tuple[Any, ...]:
    """The FTS row for a story state (any mapping with the stories columns)."""
    from newsreader.search import index_field

    fields = story_fields(
        state["title"], state["byline"], state["keywords"], state["summary"], state["blocks"]
    )
    return (
        state["id"],
        index_field([fields["title"]]),
        index_field([fields["byline"]] if fields["byline"] else []),
        index_field(fields["keywords"]),
        index_field([fields["summary"]] if fields["summary"] else []),
        index_field(fields["body"]),
    )


def _indexed_part(state: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(state[name] for name in ("title", "byline", "keywords", "summary", "blocks"))


def reindex_touched(
    conn: sqlite3.Connection, touched: Mapping[int, Mapping[str, Any] | None]
) -> int:
    """Bring the index in step with the stories one import created or changed.

    ``touched`` maps story ids to their state before the import (None when new).
    Returns how many index rows were written.
    """
    if not touched or not exists(conn):
        return 0
    deletes: list[tuple[Any, ...]] = []
    inserts: list[tuple[Any, ...]] = []
    ids = list(touched)
    names = [c.strip() for c in _SOURCE_COLUMNS.split(",")]
    seen: set[int] = set()
    for chunk in chunks(ids):
        marks = ",".join("?" * len(chunk))
        cursor = conn.execute(
            f"SELECT {_SOURCE_COLUMNS} FROM stories WHERE id IN ({marks})", chunk
        )
        for row in cursor:
            now = dict(zip(names, row))
            seen.add(now["id"])
            before = touched[now["id"]]
            if before is not None:
                if _indexed_part(before) == _indexed_part(now):
                    continue  # only a source or a timestamp changed: same tokens
                deletes.append(_tokens(before))
            inserts.append(_tokens(now))
    # A story merged into another or left without sources is gone: so are its tokens.
    for story_id in ids:
        gone = touched[story_id]
        if story_id not in seen and gone is not None:
            deletes.append(_tokens(gone))
    if deletes:
        conn.executemany(_DELETE, deletes)
    if inserts:
        conn.executemany(_INSERT, inserts)
    return len(inserts)


def _set_signature(conn: sqlite3.Connection, value: str) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('search_signature', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (value,),
    )


def stored_signature(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'search_signature'").fetchone()
    return row[0] if row else None


def is_current(conn: sqlite3.Connection) -> bool:
    return exists(conn) and stored_signature(conn) == signature()


def rebuild(conn: sqlite3.Connection, *, batch: int = 2000) -> int:
    """Drop and refill the index from the stories table (caller holds a transaction)."""
    conn.execute(f"DROP TABLE IF EXISTS {TABLE}")
    conn.execute(_CREATE_VIEW)
    conn.execute(_CREATE)
    count = 0
    last = 0
    names = [c.strip() for c in _SOURCE_COLUMNS.split(",")]
    while True:
        # Keyset over id: bounded memory at any library size.
        rows = conn.execute(
            f"SELECT {_SOURCE_COLUMNS} FROM stories WHERE id > ? ORDER BY id LIMIT ?",
            (last, batch),
        ).fetchall()
        if not rows:
            break
        conn.executemany(_INSERT, [_tokens(dict(zip(names, r))) for r in rows])
        count += len(rows)
        last = rows[-1][0]
    _set_signature(conn, signature())
    return count


def create_with_contents(conn: sqlite3.Connection) -> None:
    """The meta table and a filled index (a library that has none: see ``Library.open``)."""
    conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
    rebuild(conn)


def optimize(conn: sqlite3.Connection) -> None:
    """Merge the index's segments into one (smaller, faster to query).

    NOTE: every commit of an import adds a segment and FTS5 merges them only
    partly as it goes; after a large import, merging them all took 2.6 s on the 100k
    benchmark library and cut the index by 6% and one-character queries by half.
    """
    if exists(conn):
        conn.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')")

