"""Frozen migrations: an old library upgrades exactly as it did when it was written.

The fixture ``fixtures/libraries/schema-v4-sample.sqlite3`` is the project's sample
imported by the code of schema version 4 (see the README beside it).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from newsreader.store import Library
from newsreader.store import migrations
from newsreader.store.search import search

V4 = Path(__file__).parent / "fixtures" / "libraries" / "schema-v4-sample.sqlite3"
V4_VERSION = 4


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "old.sqlite3"
    shutil.copyfile(V4, target)
    return target


def _schema(conn: sqlite3.Connection) -> set[tuple[str, str, str]]:
    """Tables and indexes with their SQL text, without the search index (derived data)."""
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")
    return {(t, n, sql) for t, n, sql in rows if not n.startswith("story_search")}


def _rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> list[tuple]:
    return conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id").fetchall()


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def test_the_fixture_is_a_schema_4_library_with_the_sample() -> None:
    conn = sqlite3.connect(f"file:{V4}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == V4_VERSION
        assert conn.execute("SELECT count(*) FROM stories").fetchone()[0] == 12
        assert conn.execute("SELECT path FROM dumps").fetchall() == [
            ("src/newsreader/data/sample.txt",)]
    finally:
        conn.close()


def test_the_first_four_migrations_write_the_schema_the_old_code_wrote(tmp_path: Path) -> None:
    fresh = sqlite3.connect(tmp_path / "fresh.sqlite3", isolation_level=None)
    for migration in migrations.MIGRATIONS[:V4_VERSION]:
        migration(fresh)
    old = sqlite3.connect(f"file:{V4}?mode=ro", uri=True)
    try:
        assert _schema(fresh) == _schema(old)
    finally:
        fresh.close()
        old.close()


def test_a_schema_4_library_upgrades_keeping_every_row(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    before = sqlite3.connect(path)
    tables = {t: _columns(before, t) for t in ("dumps", "stories", "sources")}
    rows = {t: _rows(before, t, cols) for t, cols in tables.items()}
    before.close()

    with Library.open(path) as lib:
        conn = lib.conn
        assert migrations.schema_version(conn) == len(migrations.MIGRATIONS)
        for table, cols in tables.items():
            assert _rows(conn, table, cols) == rows[table], table
        # What later migrations added is empty for stories that came from text dumps.
        added = [c for c in _columns(conn, "stories") if c not in tables["stories"]]
        for column in added:
            assert conn.execute(
                f"SELECT count(*) FROM stories WHERE {column} IS NOT NULL").fetchone()[0] == 0
        # The reading surface works on it: newest first, and searchable (the index is
        # rebuilt by today's tokenizer when its signature changed).
        listed = lib.list_rows(100)
        assert len(listed) == 12
        assert [r.sort_key for r in listed] == sorted((r.sort_key for r in listed), reverse=True)
        title = listed[0].title
        assert search(lib, title[:4]).total >= 1


def test_migration_4_recomputes_old_sort_keys_to_what_the_old_code_wrote(
    tmp_path: Path,
) -> None:
    path = _copy(tmp_path)
    conn = sqlite3.connect(path, isolation_level=None)
    written = dict(conn.execute("SELECT id, sort_key FROM stories").fetchall())
    # What schema 3 held: 1440 slots a day.
    conn.execute("UPDATE stories SET sort_key = -(1 << 61) - id")
    for story_id, published in conn.execute("SELECT id, published FROM stories").fetchall():
        if published is None:
            key = -(1 << 62) + story_id
        else:
            minutes = dt.date.fromisoformat(published[:10]).toordinal() * 1440
            if len(published) > 10:
                minutes += int(published[11:13]) * 60 + int(published[14:16]) + 1
            key = (minutes << 24) | story_id
        conn.execute("UPDATE stories SET sort_key = ? WHERE id = ?", (key, story_id))
    assert dict(conn.execute("SELECT id, sort_key FROM stories").fetchall()) != written
    conn.execute("PRAGMA user_version = 3")
    conn.close()
    with Library.open(path) as lib:
        assert dict(lib.conn.execute("SELECT id, sort_key FROM stories").fetchall()) == written


@pytest.mark.parametrize("version", range(V4_VERSION + 1))
def test_a_library_of_any_old_version_reaches_the_same_schema(
    tmp_path: Path, version: int
) -> None:
    old = sqlite3.connect(tmp_path / "old.sqlite3", isolation_level=None)
    for migration in migrations.MIGRATIONS[:version]:
        migration(old)
    old.execute(f"PRAGMA user_version = {version}")
    old.close()
    with Library.open(tmp_path / "old.sqlite3") as upgraded, \
            Library.open(tmp_path / "new.sqlite3") as new:
        assert _schema(upgraded.conn) == _schema(new.conn)
        assert upgraded.conn.execute(
            "SELECT value FROM meta WHERE key = 'search_signature'").fetchone() is not None


def test_the_application_id_a_migration_writes_is_the_one_the_library_checks(
    tmp_path: Path,
) -> None:
    from newsreader.store.library import APPLICATION_ID

    with Library.open(tmp_path / "new.sqlite3") as lib:
        assert lib.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_library_stopped_between_its_migrations_and_its_index_gets_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "lib.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in migrations.MIGRATIONS:
        migration(conn)
    conn.execute(f"PRAGMA user_version = {len(migrations.MIGRATIONS)}")
    conn.close()  # every migration ran; the process stopped before the index was made
    with Library.open(path) as lib:
        assert lib.conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'story_search'").fetchone()[0] == 1
