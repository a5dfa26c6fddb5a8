"""The library: one SQLite file of dumps, stories and their sightings.

This module owns opening the file (location, pragmas, migrations, plain-word errors)
and every read query. Imports live in ``importer``. One ``Library`` per thread: a
connection is never shared across threads. Must not import Qt or the CLI.
"""

from __future__ import annotations

import errno
import functools
import inspect
import json
import os
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsreader.errors import os_fields
from newsreader.location import default_library_path
from newsreader.store import search_index
from newsreader.store.connection import chunks, explain, transaction
from newsreader.store.errors import (
    LibraryDamaged,
    LibraryError,
    LibraryNotOurs,
    LibraryReadOnly,
    LibraryTooNew,
)
from newsreader.store.migrations import migrate, needs_migration
from newsreader.store.records import ImportRecord, Source, Story, StoryRow
from newsreader.store.rows import ROW_COLUMNS, STORY_COLUMNS, named, story, story_row

#: ``PRAGMA application_id`` of every library this program makes ("NwRd").
APPLICATION_ID = 0x4E775264

_OUR_TABLES = {"dumps", "dump_bytes", "stories", "sources"}


def _make_private_file(path: Path) -> None:
    """Create an empty library file only its owner can read (and its folder)."""
    folder = path.parent
    try:
        if not folder.exists():
            # NOTE: the data folder holds everything the user read and starred:
            # private by default. A folder the user made keeps its own mode.
            folder.mkdir(parents=True, mode=0o700)
            folder.chmod(0o700)  # mkdir's mode is filtered by the umask
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    except FileExistsError:
        pass  # another process made it meanwhile
    except OSError as err:
        if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise LibraryReadOnly(
                "library.create_read_only", path=str(path), folder=str(folder)
            ) from err
        raise LibraryError("library.no_folder", path=str(path), **os_fields(err)) from err


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1


def _why_read_only(path: Path) -> LibraryReadOnly | None:
    """Why the library at ``path`` cannot be written, or None when it can."""
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        return LibraryReadOnly("library.read_only", path=str(path))
    if not os.access(folder, os.W_OK):
        # NOTE: SQLite writes a -wal and a -shm file beside the library while it is
        # open for writing, so a writable file in a read-only folder is read-only too.
        return LibraryReadOnly("library.read_only_folder", path=str(path), folder=str(folder))
    return None


def _connect(
    path: Path, busy_timeout: float, closable_anywhere: bool, read_only: bool
) -> sqlite3.Connection:
    def connect(target: str | Path, uri: bool) -> sqlite3.Connection:
        return sqlite3.connect(
            target, isolation_level=None, timeout=busy_timeout, uri=uri,
            check_same_thread=not closable_anywhere,
        )

    try:
        if not read_only:
            return connect(path, uri=False)
        location = "file:" + urllib.parse.quote(str(path.resolve()))
        conn = connect(location + "?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            conn.close()
        # NOTE: a WAL library in a read-only folder cannot make its -shm file; nobody
        # can write there either, so reading it as immutable is safe.
        return connect(location + "?immutable=1", uri=True)
    except sqlite3.Error as err:
        raise explain(path, err) from err


def _identify(path: Path, conn: sqlite3.Connection) -> None:
    """Refuse a file this program did not make (before anything writes to it)."""
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app_id == APPLICATION_ID:
        return
    not_ours = LibraryNotOurs("library.not_ours", path=str(path))
    if app_id != 0:
        raise not_ours
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    names = {
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
    }
    if not names and version == 0:
        return  # an empty database: ours to fill
    if version >= 1 and _OUR_TABLES <= names:
        return  # made by newsreader before libraries carried an application id
    raise not_ours


def _guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    """Let a read method raise only ``LibraryError`` for a damaged or unusable file.

    SQLite's own errors (a malformed page, a lock) and stored JSON that no longer
    parses both become the coded errors ``explain`` gives; generators are guarded
    while they are consumed.
    """

    def convert(self: Library, err: Exception) -> LibraryError:
        if isinstance(err, sqlite3.Error):
            return explain(self.path, err)
        return LibraryDamaged("library.bad_value", path=str(self.path), reason=str(err))

    if inspect.isgeneratorfunction(method):

        @functools.wraps(method)
        def generator(self: Library, *args: Any, **kwargs: Any) -> Any:
            try:
                yield from method(self, *args, **kwargs)
            except (sqlite3.Error, ValueError) as err:
                raise convert(self, err) from err

        return generator

    @functools.wraps(method)
    def wrapper(self: Library, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except (sqlite3.Error, ValueError) as err:
            raise convert(self, err) from err

    return wrapper


class Library:
    """An open library file. Create with :meth:`open`; close with :meth:`close`."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        # Figures derived from the data, kept per connection by the modules that use
        # them (each checks its own freshness, e.g. with ``write_stamp``).
        self.memo: dict[str, Any] = {}
        # Why the file cannot be written (None: it can); set by ``open``.
        self.read_only_error: LibraryReadOnly | None = None
        # The file existed but was empty (0 bytes) and became a new library.
        self.was_empty_file = False
        # How long a write waits for another program's lock (``open``'s busy_timeout).
        self.busy_timeout_ms = 10_000

    # -- opening -------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str | None = None,
        *,
        create: bool = True,
        closable_anywhere: bool = False,
        busy_timeout: float = 10.0,
    ) -> Library:
        """Open (and, with ``create``, make and migrate) the library at ``path``.

        Only an empty file or one this program made is ever written: anything else
        raises ``LibraryNotOurs`` and is left untouched. A file that cannot be
        written (its permissions, a read-only folder or mount) is opened read-only:
        reading works, and every write raises ``LibraryReadOnly`` saying why.

        ``busy_timeout`` is how many seconds to wait for another program's lock before
        saying the library is busy (a window passes less than a command does).
        ``closable_anywhere`` lifts sqlite3's same-thread check, for a connection that
        one worker thread uses and another closes once that worker is idle.
        """
        path = Path(path) if path is not None else default_library_path()
        new_file = False
        if not path.exists():
            if not create:
                raise LibraryError("library.missing", path=str(path))
            _make_private_file(path)
            new_file = True
        elif path.is_dir():
            raise LibraryError("library.is_folder", path=str(path))
        was_empty = not new_file and _size(path) == 0
        read_only = _why_read_only(path)
        if read_only is not None and (new_file or was_empty):
            raise read_only
        conn = _connect(path, busy_timeout, closable_anywhere, read_only is not None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            _identify(path, conn)
            if read_only is None:
                # WAL lets the desktop app read while an import writes; NORMAL is safe
                # in WAL (a power cut may lose the last commits, never corrupt the file).
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if mode.lower() != "wal":
                    raise LibraryError("library.no_wal", path=str(path), mode=mode)
                conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA cache_size = -32000")
            try:
                stale = needs_migration(conn)
            except LibraryTooNew as err:
                raise LibraryTooNew("library.too_new_file", path=str(path), **err.fields) from err
            if stale:
                if read_only is not None:
                    raise LibraryReadOnly("library.old_read_only", path=str(path))
                migrate(conn)
            if read_only is None and not search_index.exists(conn):
                # A new library, one from before the index, or one whose maker was
                # stopped between its last migration and this: it gets today's index.
                with transaction(conn):
                    search_index.create_with_contents(conn)
        except sqlite3.Error as err:
            conn.close()
            raise explain(path, err) from err
        except BaseException:
            conn.close()
            raise
        library = cls(path, conn)
        library.read_only_error = read_only
        library.busy_timeout_ms = int(busy_timeout * 1000)
        library.was_empty_file = was_empty
        return library

    @property
    def read_only(self) -> bool:
        return self.read_only_error is not None

    def require_writable(self) -> None:
        """Raise ``LibraryReadOnly`` (saying why) when this library cannot be written."""
        if self.read_only_error is not None:
            raise self.read_only_error

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def explaining_errors(self) -> Iterator[Library]:
        """Run store calls whose SQLite errors should reach the caller as this store's
        coded errors (``LibraryError``; ``Interrupted`` after :meth:`interrupt`)."""
        try:
            yield self
        except sqlite3.Error as err:
            raise explain(self.path, err) from err

    def interrupt(self) -> None:
        """Stop the query running on this connection now (safe from any thread); it
        raises ``Interrupted`` inside :meth:`explaining_errors`."""
        try:
            self.conn.interrupt()
        except sqlite3.ProgrammingError:
            pass  # the connection is closed: nothing runs on it any more

    def write_stamp(self) -> tuple[int, int]:
        """Changes whenever anyone, this connection included, has committed a write."""
        return self.data_version(), self.conn.total_changes

    def data_version(self) -> int:
        """Changes when another connection commits (cheap; for noticing CLI imports)."""
        try:
            return int(self.conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error as err:
            raise explain(self.path, err) from err

    # -- reading -------------------------------------------------------------------

    @contextmanager
    def snapshot(self) -> Iterator[Library]:
        """Read several queries from one consistent state of the library (a read
        transaction: an import committing meanwhile is not seen half-way)."""
        self.conn.execute("BEGIN")
        try:
            yield self
        finally:
            self.conn.execute("COMMIT")

    @_guarded
    def count_stories(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM stories").fetchone()[0])

    @_guarded
    def list_rows(self, limit: int, before: int | None = None) -> list[StoryRow]:
        """Stories newest first, ``limit`` of them after the sort key ``before``.

        Keyset paging: the next page starts ``before`` the last row's ``sort_key``.
        """
        if before is None:
            sql = f"SELECT {ROW_COLUMNS} FROM stories ORDER BY sort_key DESC LIMIT ?"
            rows = named(self.conn, sql, (limit,))
        else:
            sql = (
                f"SELECT {ROW_COLUMNS} FROM stories WHERE sort_key < ? "
                "ORDER BY sort_key DESC LIMIT ?"
            )
            rows = named(self.conn, sql, (before, limit))
        return [story_row(r) for r in rows]

    @_guarded
    def rows_by_ids(self, ids: Sequence[int]) -> dict[int, StoryRow]:
        if not ids:
            return {}
        found: dict[int, StoryRow] = {}
        for chunk in chunks(ids):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT {ROW_COLUMNS} FROM stories WHERE id IN ({marks})"
            for r in named(self.conn, sql, tuple(chunk)):
                found[r["id"]] = story_row(r)
        return found

    def list_stories(self, limit: int | None) -> list[Story]:
        """Whole stories newest first (undated last); ``None`` means all of them."""
        return list(self.iter_stories(limit))

    @_guarded
    def iter_stories(self, limit: int | None = None, *, batch: int = 500) -> Iterator[Story]:
        """Like ``list_stories`` but streamed in keyset pages: bounded memory at 1M."""
        before: int | None = None
        left = limit
        while left is None or left > 0:
            size = batch if left is None else min(batch, left)
            if before is None:
                sql = f"SELECT {STORY_COLUMNS} FROM stories ORDER BY sort_key DESC LIMIT ?"
                rows = named(self.conn, sql, (size,)).fetchall()
            else:
                sql = (
                    f"SELECT {STORY_COLUMNS} FROM stories WHERE sort_key < ? "
                    "ORDER BY sort_key DESC LIMIT ?"
                )
                rows = named(self.conn, sql, (before, size)).fetchall()
            if not rows:
                return
            yield from self._with_sources(rows)
            before = rows[-1]["sort_key"]
            if left is not None:
                left -= len(rows)

    @_guarded
    def get_story(self, story_id: int) -> Story | None:
        row = named(
            self.conn, f"SELECT {STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        if row is None:
            return None
        return self._with_sources([row])[0]

    def _with_sources(self, rows: list[sqlite3.Row]) -> list[Story]:
        if not rows:
            return []
        by_story: dict[int, list[Source]] = {r["id"]: [] for r in rows}
        marks = ",".join("?" * len(by_story))
        sql = (
            "SELECT s.story_id, d.path, s.role, s.position, s.published_raw, s.dump_id "
            "FROM sources s JOIN dumps d ON d.id = s.dump_id "
            f"WHERE s.story_id IN ({marks}) ORDER BY s.id"
        )
        for story_id, path, role, position, raw, dump_id in self.conn.execute(
            sql, tuple(by_story)
        ):
            by_story[story_id].append(Source(
                path=path, role=role, position=position, published_raw=raw, dump_id=dump_id
            ))
        return [story(r, by_story[r["id"]]) for r in rows]

    @_guarded
    def imports(self) -> list[ImportRecord]:
        sql = (
            "SELECT id, path, size, sha256, encoding, imported_at, added, updated, warnings, "
            "format FROM dumps ORDER BY id"
        )
        return [
            ImportRecord(
                id=r["id"], path=r["path"], size=r["size"], sha256=r["sha256"],
                encoding=r["encoding"], imported_at=r["imported_at"], added=r["added"],
                updated=r["updated"], warnings=tuple(json.loads(r["warnings"])),
                format=r["format"],
            )
            for r in named(self.conn, sql)
        ]

    @_guarded
    def dump_bytes(self, dump_id: int) -> bytes:
        """The original bytes of an imported dump, exactly as the editor imported them."""
        row = self.conn.execute(
            "SELECT compression, data FROM dump_bytes WHERE dump_id = ?", (dump_id,)
        ).fetchone()
        if row is None:
            raise KeyError(dump_id)
        return stored_bytes(*row, dump_id=dump_id, conn=self.conn)

    @_guarded
    def stats(self) -> dict[str, Any]:
        one = self.conn.execute
        stories, with_body, read, starred = one(
            "SELECT count(*), coalesce(sum(has_body), 0), coalesce(sum(read), 0), "
            "coalesce(sum(starred), 0) FROM stories"
        ).fetchone()
        undated = one("SELECT count(*) FROM stories WHERE published IS NULL").fetchone()[0]
        dumps, dump_bytes = one("SELECT count(*), coalesce(sum(size), 0) FROM dumps").fetchone()
        sources = one("SELECT count(*) FROM sources").fetchone()[0]
        oldest, newest = one(
            "SELECT min(published_date), max(published_date) FROM stories"
        ).fetchone()
        page_size = one("PRAGMA page_size").fetchone()[0]
        page_count = one("PRAGMA page_count").fetchone()[0]
        return {
            "library": str(self.path),
            "stories": stories,
            "with_body": with_body,
            "headline_only": stories - with_body,
            "undated": undated,
            "read": read,
            "starred": starred,
            "sources": sources,
            "dumps": dumps,
            "dump_bytes": dump_bytes,
            "oldest": oldest,
            "newest": newest,
            "file_bytes": page_size * page_count,
        }

    # -- the search index ----------------------------------------------------------

    def reindex(self) -> int:
        """Rebuild the search index from the stored stories, then compact it; return
        how many stories it holds."""
        self.require_writable()
        try:
            with transaction(self.conn):
                count = search_index.rebuild(self.conn)
            self.optimize()
        except sqlite3.Error as err:
            raise explain(self.path, err) from err
        return count

    def optimize(self) -> None:
        """Merge the search index's segments into one (smaller, faster to query)."""
        try:
            search_index.optimize(self.conn)
        except sqlite3.Error as err:
            raise explain(self.path, err) from err

    # -- reading state -------------------------------------------------------------

    def set_read(self, story_ids: Iterable[int], read: bool = True) -> None:
        self._set_flag("read", story_ids, read)

    def set_starred(self, story_ids: Iterable[int], starred: bool = True) -> None:
        self._set_flag("starred", story_ids, starred)

    def save_marks(
        self, marks: Iterable[tuple[int, str, bool]], *, wait: float | None = None
    ) -> None:
        """Save ``(story_id, "read" | "starred", value)`` marks in one transaction.

        ``wait`` is how long to wait for another program's write lock (None: the
        library's own busy timeout; 0: not at all, for a GUI thread that must never
        wait). Raises ``LibraryBusy`` when the lock was not had in time (nothing saved).
        """
        self.require_writable()
        rows = {"read": [], "starred": []}  # type: dict[str, list[tuple[int, int]]]
        for story_id, column, value in marks:
            rows[column].append((int(value), story_id))
        try:
            if wait is not None:
                self.conn.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
            try:
                with transaction(self.conn):
                    for column, values in rows.items():
                        if values:
                            self.conn.executemany(
                                f"UPDATE stories SET {column} = ? WHERE id = ?", values
                            )
            finally:
                if wait is not None:
                    self.conn.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms}")
        except sqlite3.Error as err:
            raise explain(self.path, err) from err

    def _set_flag(self, column: str, story_ids: Iterable[int], value: bool) -> None:
        assert column in ("read", "starred")
        self.require_writable()
        ids = [(int(value), i) for i in story_ids]
        try:
            with transaction(self.conn):
                self.conn.executemany(f"UPDATE stories SET {column} = ? WHERE id = ?", ids)
        except sqlite3.Error as err:
            raise explain(self.path, err) from err


def stored_bytes(compression: str, data: bytes, *, dump_id: int = 0,
                 conn: sqlite3.Connection | None = None) -> bytes:
    """A dump's original bytes from its ``dump_bytes`` row (see ``store.compression``)."""
    from newsreader.store.compression import stored_bytes as decompress

    return decompress(compression, data, dump_id=dump_id, conn=conn)
