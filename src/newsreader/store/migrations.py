"""The library's schema, as an ordered list of frozen migrations.

This module owns every CREATE/ALTER statement. ``PRAGMA user_version`` holds the
number of migrations applied; a library from a newer program (a higher number than
we know) is refused rather than guessed at. Must not import Qt, the parsers, the CLI
or any other store module but ``errors``.

Each migration is frozen: self-contained SQL, and where data must be computed, a copy
of the function as it was when the migration was written, inside the migration. So an
old library upgrades the same way whatever today's code says (``tests/
test_store_migrations.py`` upgrades a schema-4 library made by the code of that time).
Append only; never change a migration that has been released.

NOTE: the full-text index is not built here. It is derived data with its own version
(the tokenizer's signature in ``meta``): ``store.search_index`` creates it when a
library has none and rebuilds it when the signature changed. A migration cannot
freeze a tokenizer.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

from newsreader.store.errors import LibraryTooNew

# What sqlite-utils 3.x wrote for the first release's tables, kept verbatim so that
# every library has the same schema text whichever sqlite-utils is installed.
_M1 = (
    """CREATE TABLE "dumps" (
   "id" INTEGER PRIMARY KEY,
   "sha256" TEXT NOT NULL,
   "path" TEXT NOT NULL,
   "size" INTEGER NOT NULL,
   "encoding" TEXT NOT NULL,
   "imported_at" TEXT NOT NULL,
   "added" INTEGER DEFAULT 0,
   "updated" INTEGER DEFAULT 0,
   "orphan_timestamps" INTEGER DEFAULT 0,
   "warnings" TEXT DEFAULT '[]',
   "format" TEXT NOT NULL
)""",
    """CREATE UNIQUE INDEX "idx_dumps_sha256"
    ON "dumps" ("sha256")""",
    # NOTE: the original bytes live in their own table so that scanning `dumps`
    # (the import history) never drags megabytes of blobs through the page cache.
    """CREATE TABLE "dump_bytes" (
   "dump_id" INTEGER PRIMARY KEY REFERENCES "dumps"("id"),
   "compression" TEXT NOT NULL,
   "data" BLOB NOT NULL
)""",
    # ``sort_key``: newest-first order as one integer (see identity.sort_key); the
    # list pages by it. ``keywords`` is a JSON array, ``blocks`` one of [kind, text].
    """CREATE TABLE "stories" (
   "id" INTEGER PRIMARY KEY,
   "sort_key" INTEGER NOT NULL,
   "title" TEXT NOT NULL,
   "title_key" TEXT NOT NULL,
   "untitled" INTEGER DEFAULT 0,
   "title_truncated" INTEGER DEFAULT 0,
   "summary" TEXT,
   "summary_truncated" INTEGER DEFAULT 0,
   "byline" TEXT,
   "keywords" TEXT NOT NULL DEFAULT '[]',
   "blocks" TEXT,
   "has_body" INTEGER NOT NULL DEFAULT 0,
   "text_key" TEXT NOT NULL,
   "published" TEXT,
   "published_date" TEXT,
   "published_raw" TEXT,
   "last_dump_id" INTEGER,
   "read" INTEGER DEFAULT 0,
   "starred" INTEGER DEFAULT 0
)""",
    """CREATE UNIQUE INDEX "idx_stories_sort_key"
    ON "stories" ("sort_key")""",
    """CREATE INDEX "idx_stories_title_key_published_date"
    ON "stories" ("title_key", "published_date")""",
    """CREATE INDEX "idx_stories_text_key"
    ON "stories" ("text_key")""",
    """CREATE TABLE "sources" (
   "id" INTEGER PRIMARY KEY,
   "story_id" INTEGER NOT NULL REFERENCES "stories"("id"),
   "dump_id" INTEGER NOT NULL REFERENCES "dumps"("id"),
   "role" TEXT NOT NULL,
   "position" INTEGER NOT NULL,
   "published_raw" TEXT
)""",
    """CREATE INDEX "idx_sources_story_id"
    ON "sources" ("story_id")""",
    """CREATE INDEX "idx_sources_dump_id"
    ON "sources" ("dump_id")""",
)


def _m1_library(conn: sqlite3.Connection) -> None:
    """Dumps with their original bytes, stories, and the sightings that link them."""
    for statement in _M1:
        conn.execute(statement)


def _m2_search_index(conn: sqlite3.Connection) -> None:
    """The ``meta`` table, where the search index keeps its signature.

    NOTE: this migration used to build the index too; the index is now the store's
    derived data (see the module's docstring), created right after migrating.
    """
    conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")


def _m3_list_and_rank_indexes(conn: sqlite3.Connection) -> None:
    """Indexes for the filtered headline lists, and a narrow one for ranking.

    NOTE: partial indexes keep "unread" and "starred" pages index-only lookups however
    few stories match. Story rows carry their whole body, so looking up the sort keys
    of 10k search matches in the table reads 10k scattered pages (~70 ms at 1M
    stories); the same lookups in a (id, sort_key, has_body) index take ~20 ms.
    """
    for statement in (
        "CREATE INDEX IF NOT EXISTS stories_unread ON stories (sort_key) WHERE read = 0",
        "CREATE INDEX IF NOT EXISTS stories_starred ON stories (sort_key) WHERE starred = 1",
        "CREATE INDEX IF NOT EXISTS stories_recent ON stories (last_dump_id, sort_key)",
        "CREATE INDEX IF NOT EXISTS stories_rank ON stories (id, sort_key, has_body)",
    ):
        conn.execute(statement)


def _m4_sort_keys_with_day_slots(conn: sqlite3.Connection) -> None:
    """Recompute sort keys with 1441 slots a day.

    Libraries written before had 1440, which put a story at 23:59 into the next day.
    The key function is a frozen copy of ``identity.sort_key`` as of this migration.
    """
    day_slots, seq_bits, undated_base = 1441, 24, -(1 << 62)

    def sort_key(story_id: int, published: str | None) -> int:
        if not published:
            return undated_base + story_id
        minutes = dt.date.fromisoformat(published[:10]).toordinal() * day_slots
        if len(published) > 10:
            clock = dt.time.fromisoformat(published[11:16])
            minutes += clock.hour * 60 + clock.minute + 1
        return (minutes << seq_bits) | (story_id & ((1 << seq_bits) - 1))

    # Park every key out of the way first: the UNIQUE index must hold at each row.
    conn.execute("UPDATE stories SET sort_key = -(1 << 61) - id")
    rows = conn.execute("SELECT id, published FROM stories").fetchall()
    conn.executemany(
        "UPDATE stories SET sort_key = ? WHERE id = ?",
        [(sort_key(i, published), i) for i, published in rows],
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


def _m6_application_id(conn: sqlite3.Connection) -> None:
    """Mark the file as a newsreader library, so no other program's file is taken for one."""
    application_id = 0x4E775264  # "NwRd": frozen here, equal to library.APPLICATION_ID
    conn.execute(f"PRAGMA application_id = {application_id:d}")


def _m7_compression_dictionaries(conn: sqlite3.Connection) -> None:
    """zstd dictionaries trained on the library's own dumps (see store.compression);
    ``dump_bytes.compression`` names one as ``zstd:<name>``. Rows stored before stay
    zlib and read as before."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS compression_dictionaries ("
        "name TEXT PRIMARY KEY, data BLOB NOT NULL, samples INTEGER NOT NULL, "
        "created_at TEXT NOT NULL)"
    )


def _m8_followed_folders(conn: sqlite3.Connection) -> None:
    """Followed folders and each dump file's size and mtime as last seen (issue 13).

    NOTE: ``followed_files`` is WITHOUT ROWID, keyed by (folder, path): a rescan reads
    one folder's rows from one b-tree in key order (~0.1 s for 100k files). Paths are
    bytes, since a file name need not be UTF-8.
    """
    conn.execute(
        "CREATE TABLE IF NOT EXISTS followed_folders ("
        " id INTEGER PRIMARY KEY,"
        " path TEXT NOT NULL UNIQUE,"
        " added_at TEXT NOT NULL,"
        " last_look_at TEXT,"
        " last_good_sync_at TEXT,"
        " error TEXT)"  # JSON {code, fields}: why the last look failed
    )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS followed_files ("
        " folder_id INTEGER NOT NULL REFERENCES followed_folders (id),"
        " rel_path BLOB NOT NULL,"
        " size INTEGER NOT NULL,"
        " mtime_ns INTEGER NOT NULL,"
        " seen_at REAL NOT NULL,"  # Unix time a look first found this size and mtime
        " done_size INTEGER,"  # the size and mtime last taken (imported, unchanged, rejected)
        " done_mtime_ns INTEGER,"
        " status TEXT,"
        " PRIMARY KEY (folder_id, rel_path)) WITHOUT ROWID"
    )


Migration = Callable[[sqlite3.Connection], None]

# Append only: a released library has run every migration before its number.
MIGRATIONS: list[Migration] = [
    _m1_library,
    _m2_search_index,
    _m3_list_and_rank_indexes,
    _m4_sort_keys_with_day_slots,
    _m5_story_address,
    _m6_application_id,
    _m7_compression_dictionaries,
    _m8_followed_folders,
]


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def needs_migration(conn: sqlite3.Connection) -> bool:
    version = schema_version(conn)
    if version > len(MIGRATIONS):
        raise LibraryTooNew("library.too_new", version=version, known=len(MIGRATIONS))
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
