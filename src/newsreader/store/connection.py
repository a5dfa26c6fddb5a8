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

from newsreader.store.errors import (
    DiskFull,
    Interrupted,
    LibraryBusy,
    LibraryDamaged,
    LibraryError,
    LibraryNotOurs,
    LibraryReadOnly,
)


def explain(path: Path, err: sqlite3.Error) -> LibraryError:
    """Turn SQLite's wording into what the user should do about it (a coded error)."""
    text = str(err).lower()
    if "malformed" in text or "corrupt" in text:
        return LibraryDamaged("library.malformed", path=str(path))
    if "not a database" in text:
        return LibraryNotOurs("library.damaged", path=str(path))
    if "readonly" in text or "read-only" in text:
        return LibraryReadOnly("library.read_only", path=str(path))
    if "locked" in text or "busy" in text:
        return LibraryBusy("library.busy", path=str(path))
    if "unable to open" in text:
        return LibraryError("library.cannot_open", path=str(path))
    if "disk" in text and "full" in text:
        return DiskFull("library.disk_full", path=str(path))
    if "interrupt" in text:
        return Interrupted("library.interrupted", path=str(path))
    if getattr(err, "sqlite_errorname", "").startswith("SQLITE_IOERR"):
        # NOTE: SQLite reports a write refused for a file size limit (ulimit -f, EFBIG)
        # as a plain I/O error, like a failing disk: the advice is the same.
        return DiskFull("library.write_failed", path=str(path))
    return LibraryError("library.failed", path=str(path), reason=str(err))


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception (incl. cancel)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        rollback(conn)
        raise
    conn.execute("COMMIT")


def rollback(conn: sqlite3.Connection) -> None:
    """Roll back the open transaction, whatever state SQLite left it in."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # SQLite rolled back by itself (a full disk can do that)


def chunks(items: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    """``items`` in slices of ``size``: SQLite limits the parameters of one statement."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
