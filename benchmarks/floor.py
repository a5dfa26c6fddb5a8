"""The import's floor: the rows an import wrote, inserted by plain ``sqlite3`` and nothing else.

Owns measuring the floor of the benchmark table (issue 3): every row of ``dumps``,
``dump_bytes``, ``stories`` and ``sources`` is read back from an imported library and
inserted with ``executemany`` into a fresh file, in one transaction, with the same table
definitions but no secondary index and no search index. Reading the rows back is not timed;
the inserts and the commit are. No parsing, no hashing, no compression: what is left is the
cost of SQLite writing the bytes, the least any import of the same rows could take.
Must not import ``newsreader`` (the thing being measured) or Qt.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

TABLES = ("dumps", "dump_bytes", "stories", "sources")
_CHUNK = 2000


def _table_sql(source: sqlite3.Connection, table: str) -> str:
    row = source.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    if row is None:
        raise RuntimeError(f"the imported library has no table {table!r}")
    return row[0]


def measure_floor(library: Path, floor: Path) -> dict[str, Any]:
    """Copy the imported rows into ``floor`` (replaced) and time the inserts and the commit.

    Returns seconds, row counts per table and the floor file's size.
    """
    for leftover in (floor, floor.with_name(floor.name + "-journal")):
        leftover.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{library}?mode=ro", uri=True)
    # NOTE: plain sqlite3 defaults (rollback journal, synchronous FULL): on a fresh file a
    # rollback journal writes nothing for new pages, so this is the cheapest safe way.
    target = sqlite3.connect(floor, isolation_level=None)
    rows: dict[str, int] = {}
    seconds = 0.0
    try:
        for table in TABLES:
            target.execute(_table_sql(source, table))
        started = time.perf_counter()
        target.execute("BEGIN")
        seconds += time.perf_counter() - started
        for table in TABLES:
            cursor = source.execute(f"SELECT * FROM [{table}] ORDER BY rowid")
            marks = ",".join("?" * len(cursor.description))
            insert = f"INSERT INTO [{table}] VALUES ({marks})"
            count = 0
            while chunk := cursor.fetchmany(_CHUNK):  # read back untimed
                started = time.perf_counter()
                target.executemany(insert, chunk)
                seconds += time.perf_counter() - started
                count += len(chunk)
            rows[table] = count
        started = time.perf_counter()
        target.execute("COMMIT")
        seconds += time.perf_counter() - started
    finally:
        target.close()
        source.close()
    return {"seconds": seconds, "rows": rows, "file_bytes": floor.stat().st_size}
