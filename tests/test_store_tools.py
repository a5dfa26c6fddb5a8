"""The library file opens in the tools the README names: sqlite-utils and Datasette.

Both must list and count every table, the search index included (FTS5 refuses to
scan a contentless table, which broke ``sqlite-utils tables --counts``). The tools
run for real: sqlite-utils and ``datasette inspect`` as commands, Datasette's table
pages through its in-process client (no socket).
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.store import Importer, Library
from newsreader.store.search import search

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "newsreader" / "data" / "sample.txt"


@pytest.fixture
def sample_library(library_path: Path) -> Path:
    with Library.open(library_path) as lib:
        [result] = Importer(lib).import_paths([SAMPLE])
        assert result.added > 0
        # A search brings the index up to date the way the app does (search_index.is_current).
        assert search(lib, "书屋").total > 0
    return library_path


def _true_counts(path: Path) -> dict[str, int]:
    """Every table's row count, the FTS table's taken as the stories it indexes."""
    conn = sqlite3.connect(path)
    try:
        names = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        counts = {}
        for name in names:
            if name == "story_search":
                counts[name] = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
            else:
                counts[name] = conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        return counts
    finally:
        conn.close()


def _run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_sqlite_utils_counts_every_table(sample_library: Path) -> None:
    rows = json.loads(_run("sqlite_utils", "tables", "--counts", str(sample_library)))
    counts = {row["table"]: row["count"] for row in rows}
    assert "story_search" in counts
    assert counts == _true_counts(sample_library)
    assert counts["story_search"] == counts["stories"] > 0


def test_datasette_inspect_counts_every_table(sample_library: Path) -> None:
    pytest.importorskip("datasette")
    inspected = json.loads(_run("datasette", "inspect", str(sample_library)))
    [database] = inspected.values()
    counts = {name: table["count"] for name, table in database["tables"].items()}
    assert counts == _true_counts(sample_library)


def test_datasette_serves_every_table(sample_library: Path) -> None:
    pytest.importorskip("datasette")
    from datasette.app import Datasette

    expected = _true_counts(sample_library)

    async def visit() -> dict[str, int]:
        ds = Datasette([str(sample_library)])
        await ds.invoke_startup()
        name = sample_library.stem
        listed = (await ds.client.get(f"/{name}.json")).json()["tables"]
        assert {t["name"] for t in listed} == set(expected)
        seen = {}
        for table in expected:
            response = await ds.client.get(f"/{name}/{table}.json?_size=max")
            assert response.status_code == 200, response.text
            body = response.json()
            seen[table] = body["filtered_table_rows_count"]
            assert len(body["rows"]) == min(seen[table], 1000)
        return seen

    assert asyncio.run(visit()) == expected


def test_the_index_passes_sqlites_own_checks(sample_library: Path) -> None:
    # Readable by tools must not cost consistency: what `check` tools and the sqlite3
    # shell run still passes on the external-content index.
    conn = sqlite3.connect(sample_library)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("INSERT INTO story_search (story_search) VALUES ('integrity-check')")
        # The index answers from its own tokens, not the view: a word of a story is found.
        found = conn.execute(
            "SELECT count(*) FROM story_search WHERE story_search MATCH ?", ('"书屋"',)
        ).fetchone()[0]
        assert found > 0
    finally:
        conn.close()


def test_a_library_with_the_old_contentless_index_is_readable_after_a_search(
    sample_library: Path,
) -> None:
    # Libraries written before the index became external-content carry `content=''`
    # and an older signature; the first search rebuilds the index (search_index.is_current).
    conn = sqlite3.connect(sample_library)
    with conn:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'story_search'").fetchone()[0]
        old = sql.replace("content = 'story_search_content', content_rowid = 'id'", "content = ''")
        assert old != sql
        conn.execute("DROP TABLE story_search")
        conn.execute(old)
        conn.execute("UPDATE meta SET value = 'old' WHERE key = 'search_signature'")
    conn.close()
    broken = subprocess.run(
        [sys.executable, "-m", "sqlite_utils", "tables", "--counts", str(sample_library)],
        capture_output=True, text=True, timeout=120,
    )
    assert "does not support scanning" in broken.stderr
    with Library.open(sample_library) as lib:
        assert search(lib, "书屋").total > 0
    rows = json.loads(_run("sqlite_utils", "tables", "--counts", str(sample_library)))
    assert {row["table"]: row["count"] for row in rows} == _true_counts(sample_library)
