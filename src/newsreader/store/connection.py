"""One connection's plumbing: transactions, parameter-sized chunks, and SQLite's
errors said as this store's coded errors.

This module owns the small pieces every store module that runs SQL shares; it imports
no other store module but ``errors``, so any of them may use it. Must not import Qt.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from newsreader.store.errors import Interrupted, LibraryBusy, LibraryError


def explain(path: Path, err: sqlite3.Error) -> LibraryError:
    """Turn SQLite's wording into what the user should do about it (a coded error)."""
    text = str(err).lower()
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return LibraryError("library.damaged", path=str(path))
    if "readonly" in text or "read-only" in text:
        return LibraryError("library.read_only", path=str(path))
    if "locked" in text or "busy" in text:
        return LibraryBusy("library.busy", path=str(path))
    if "unable to open" in text:
        return LibraryError("library.cannot_open", path=str(path))
    if "disk" in text and "full" in text:
        return LibraryError("library.disk_full", path=str(path))
    if "interrupt" in text:
        return Interrupted("library.interrupted", path=str(path))
    return LibraryError("library.failed", path=str(path), reason=str(err))


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception (incl. cancel)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def chunks(items: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    """``items`` in slices of ``size``: SQLite limits the parameters of one statement."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
