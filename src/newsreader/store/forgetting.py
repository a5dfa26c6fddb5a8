"""Undoing one import: ``newsreader forget-import ID``.

This module owns removing a dump from the library: its sightings, its original
bytes and its history row go; a story only that dump brought goes with it; a story
also seen in other dumps is recomputed from the sources that remain (by the merge
rules, ``merge.recompute_stories``: exactly as if those had been imported alone);
the search index follows in the same transaction; the dump's hash no longer counts
as imported, so importing the file again brings it back. ``dry_run`` does all of it
inside a transaction that is rolled back, so what it reports is exact. Must not
import Qt or the CLI.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from newsreader.store import search_index
from newsreader.store.connection import explain, rollback
from newsreader.store.library import Library
from newsreader.store.merge import recompute_stories


@dataclass(frozen=True)
class Forgotten:
    """What forgetting an import did (or, in a dry run, would do)."""

    dump_id: int
    path: str
    removed: tuple[int, ...]  # stories gone: only that dump had them
    changed: tuple[int, ...]  # stories kept, recomputed from their other sources
    created: tuple[int, ...]  # stories a regroup split off
    dry_run: bool

    def to_json(self) -> dict[str, object]:
        return {
            "import": self.dump_id,
            "path": self.path,
            "removed": list(self.removed),
            "changed": list(self.changed),
            "created": list(self.created),
            "dry_run": self.dry_run,
        }


def forget_import(library: Library, dump_id: int, *, dry_run: bool = False) -> Forgotten | None:
    """Forget the import ``dump_id``; None when there is no such import."""
    library.require_writable()
    conn = library.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            row = conn.execute("SELECT path FROM dumps WHERE id = ?", (dump_id,)).fetchone()
            if row is None:
                rollback(conn)
                return None
            story_ids = [
                r[0] for r in conn.execute(
                    "SELECT DISTINCT story_id FROM sources WHERE dump_id = ?", (dump_id,)
                )
            ]
            conn.execute("DELETE FROM sources WHERE dump_id = ?", (dump_id,))
            conn.execute("DELETE FROM dump_bytes WHERE dump_id = ?", (dump_id,))
            conn.execute("DELETE FROM dumps WHERE id = ?", (dump_id,))
            regrouped = recompute_stories(conn, story_ids)
            search_index.reindex_touched(conn, regrouped.touched)
            if dry_run:
                rollback(conn)
            else:
                conn.execute("COMMIT")
        except BaseException:
            rollback(conn)
            raise
    except sqlite3.Error as err:
        raise explain(library.path, err) from err
    return Forgotten(
        dump_id=dump_id,
        path=row[0],
        removed=regrouped.removed,
        changed=regrouped.kept,
        created=regrouped.created,
        dry_run=dry_run,
    )


__all__ = ["Forgotten", "forget_import"]
