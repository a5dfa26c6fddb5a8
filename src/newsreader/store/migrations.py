"""The library's schema, as an ordered list of migrations.

This module owns every CREATE/ALTER statement. ``PRAGMA user_version`` holds the
number of migrations applied; a library from a newer program (a higher number than
we know) is refused rather than guessed at. Must not import Qt, the parsers or the CLI.

sqlite-utils builds the tables (it is imported only here and only when a migration
actually runs, so opening an up-to-date library stays cheap for the desktop app).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from newsreader.store.errors import LibraryError


def _m1_library(conn: sqlite3.Connection) -> None:
    """Dumps with their original bytes, stories, and the sightings that link them."""
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    db["dumps"].create(
        {
            "id": int,
            "sha256": str,
            "path": str,
            "size": int,
            "encoding": str,
            "imported_at": str,
            "added": int,
            "updated": int,
            "orphan_timestamps": int,
            "warnings": str,  # JSON array of one-line strings
            "format": str,  # which parser read it, so a re-parse knows what to redo
        },
        pk="id",
        not_null={"sha256", "path", "size", "encoding", "imported_at", "format"},
        defaults={"added": 0, "updated": 0, "orphan_timestamps": 0, "warnings": "[]"},
    )
    db["dumps"].create_index(["sha256"], unique=True)
    # NOTE: the original bytes live in their own table so that scanning `dumps`
    # (the import history) never drags megabytes of blobs through the page cache.
    db["dump_bytes"].create(
        {"dump_id": int, "compression": str, "data": bytes},
        pk="dump_id",
        foreign_keys=[("dump_id", "dumps", "id")],
        not_null={"compression", "data"},
    )
    db["stories"].create(
        {
            "id": int,
            # Newest-first order as one integer (see identity.sort_key): the list pages
            # by it and the search index uses it as its rowid.
            "sort_key": int,
            "title": str,
            "title_key": str,
            "untitled": int,
            "title_truncated": int,
            "summary": str,
            "summary_truncated": int,
            "byline": str,
            "keywords": str,  # JSON array
            "blocks": str,  # JSON array of [kind, text]
            "has_body": int,
            "text_key": str,
            "published": str,
            "published_date": str,
            "published_raw": str,
            "last_dump_id": int,
            "read": int,
            "starred": int,
        },
        pk="id",
        not_null={"sort_key", "title", "title_key", "keywords", "has_body", "text_key"},
        defaults={
            "untitled": 0,
            "title_truncated": 0,
            "summary_truncated": 0,
            "keywords": "[]",
            "has_body": 0,
            "read": 0,
            "starred": 0,
        },
    )
    db["stories"].create_index(["sort_key"], unique=True)
    db["stories"].create_index(["title_key", "published_date"])
    db["stories"].create_index(["text_key"])
    db["sources"].create(
        {
            "id": int,
            "story_id": int,
            "dump_id": int,
            "role": str,
            "position": int,
            "published_raw": str,
        },
        pk="id",
        foreign_keys=[("story_id", "stories", "id"), ("dump_id", "dumps", "id")],
        not_null={"story_id", "dump_id", "role", "position"},
    )
    db["sources"].create_index(["story_id"])
    db["sources"].create_index(["dump_id"])


def _m2_search_index(conn: sqlite3.Connection) -> None:
    """The full-text index of stories (see ``search_index``), filled from the stories."""
    from newsreader.store import search_index

    search_index.create_with_contents(conn)


def _m3_list_and_rank_indexes(conn: sqlite3.Connection) -> None:
    """Indexes for the filtered headline lists, and a narrow one for ranking.

    NOTE: story rows carry their whole body, so looking up the sort keys of 10k
    search matches in the table reads 10k scattered pages (~70 ms at 1M stories);
    the same lookups in a (id, sort_key, has_body) index take ~20 ms.
    """
    from newsreader.store import browse

    browse.create_browse_indexes(conn)
    conn.execute("CREATE INDEX IF NOT EXISTS stories_rank ON stories (id, sort_key, has_body)")


def _m4_sort_keys_with_day_slots(conn: sqlite3.Connection) -> None:
    """Recompute sort keys with 1441 slots a day (identity.DAY_SLOTS).

    Libraries written before had 1440, which put a story at 23:59 into the next day.
    """
    from newsreader.store.identity import parse_published, sort_key

    # Park every key out of the way first: the UNIQUE index must hold at each row.
    conn.execute("UPDATE stories SET sort_key = -(1 << 61) - id")
    rows = conn.execute("SELECT id, published FROM stories").fetchall()
    conn.executemany(
        "UPDATE stories SET sort_key = ? WHERE id = ?",
        [(sort_key(i, *parse_published(published)), i) for i, published in rows],
    )


def _m5_story_address(conn: sqlite3.Connection) -> None:
    """A story's page address and site name (saved web pages, issue 11).

    The address is also an identity: the same page saved twice is one story.
    """
    have = {row[1] for row in conn.execute("PRAGMA table_info(stories)")}
    for column in ("url", "site"):
        if column not in have:  # idempotent, like the migrations before it
            conn.execute(f"ALTER TABLE stories ADD COLUMN {column} TEXT")
    conn.execute("CREATE INDEX IF NOT EXISTS stories_url ON stories (url) WHERE url IS NOT NULL")


Migration = Callable[[sqlite3.Connection], None]

# Append only: a released library has run every migration before its number.
MIGRATIONS: list[Migration] = [
    _m1_library,
    _m2_search_index,
    _m3_list_and_rank_indexes,
    _m4_sort_keys_with_day_slots,
    _m5_story_address,
]


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def needs_migration(conn: sqlite3.Connection) -> bool:
    version = schema_version(conn)
    if version > len(MIGRATIONS):
        raise LibraryError("library.too_new", version=version, known=len(MIGRATIONS))
    return version < len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the missing migrations, each in its own transaction; return the version."""
    needs_migration(conn)  # refuses a newer library
    version = schema_version(conn)
    for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            if schema_version(conn) >= number:
                conn.execute("ROLLBACK")
                continue
            migration(conn)
            conn.execute(f"PRAGMA user_version = {number:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return schema_version(conn)
