"""The library: one SQLite file of dumps, stories and their sightings.

This module owns opening the file (location, pragmas, migrations, plain-word errors)
and every read query. Imports live in ``importer``. One ``Library`` per thread: a
connection is never shared across threads. Must not import Qt or the CLI.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsreader.errors import os_fields
from newsreader.store.errors import Interrupted, LibraryBusy, LibraryError
from newsreader.store.migrations import migrate, needs_migration
from newsreader.store.records import ImportRecord, Source, Story, StoryRow, blocks_from_json

LIBRARY_ENV = "NEWSREADER_LIBRARY"
LIBRARY_FILENAME = "library.sqlite3"

_ROW_COLUMNS = (
    "id, sort_key, title, untitled, title_truncated, summary, summary_truncated, "
    "published, has_body, read, starred"
)
_STORY_COLUMNS = (
    "id, sort_key, title, untitled, title_truncated, summary, summary_truncated, byline, "
    "keywords, blocks, published, published_raw, has_body, read, starred, url, site"
)


def default_library_path() -> Path:
    """``$NEWSREADER_LIBRARY``, else ``library.sqlite3`` in the platform data folder."""
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path("newsreader", appauthor=False) / LIBRARY_FILENAME


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


class Library:
    """An open library file. Create with :meth:`open`; close with :meth:`close`."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        # Figures derived from the data, kept per connection by the modules that use
        # them (each checks its own freshness, e.g. with ``write_stamp``).
        self.memo: dict[str, Any] = {}

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

        ``busy_timeout`` is how many seconds to wait for another program's lock before
        saying the library is busy (a window passes less than a command does).
        ``closable_anywhere`` lifts sqlite3's same-thread check, for a connection that
        one worker thread uses and another closes once that worker is idle.
        """
        path = Path(path) if path is not None else default_library_path()
        if not path.exists():
            if not create:
                raise LibraryError("library.missing", path=str(path))
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise LibraryError("library.no_folder", path=str(path), **os_fields(err)) from err
        elif path.is_dir():
            raise LibraryError("library.is_folder", path=str(path))
        try:
            conn = sqlite3.connect(
                path, isolation_level=None, timeout=busy_timeout,
                check_same_thread=not closable_anywhere,
            )
        except sqlite3.Error as err:
            raise explain(path, err) from err
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            # WAL lets the desktop app read while an import writes; NORMAL is safe in WAL
            # (a power cut may lose the last commits, never corrupt the file).
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal" and os.access(path, os.W_OK):
                raise LibraryError("library.no_wal", path=str(path), mode=mode)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA cache_size = -32000")
            if needs_migration(conn):
                migrate(conn)
        except sqlite3.Error as err:
            conn.close()
            raise explain(path, err) from err
        except BaseException:
            conn.close()
            raise
        return cls(path, conn)

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

    def count_stories(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM stories").fetchone()[0])

    def list_rows(self, limit: int, before: int | None = None) -> list[StoryRow]:
        """Stories newest first, ``limit`` of them after the sort key ``before``.

        Keyset paging: the next page starts ``before`` the last row's ``sort_key``.
        """
        if before is None:
            sql = f"SELECT {_ROW_COLUMNS} FROM stories ORDER BY sort_key DESC LIMIT ?"
            rows = self.conn.execute(sql, (limit,))
        else:
            sql = (
                f"SELECT {_ROW_COLUMNS} FROM stories WHERE sort_key < ? "
                "ORDER BY sort_key DESC LIMIT ?"
            )
            rows = self.conn.execute(sql, (before, limit))
        return [_story_row(r) for r in rows]

    def rows_by_ids(self, ids: Sequence[int]) -> dict[int, StoryRow]:
        if not ids:
            return {}
        found: dict[int, StoryRow] = {}
        for chunk in chunks(ids):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT {_ROW_COLUMNS} FROM stories WHERE id IN ({marks})"
            for r in self.conn.execute(sql, tuple(chunk)):
                found[r[0]] = _story_row(r)
        return found

    def list_stories(self, limit: int | None) -> list[Story]:
        """Whole stories newest first (undated last); ``None`` means all of them."""
        return list(self.iter_stories(limit))

    def iter_stories(self, limit: int | None = None, *, batch: int = 500) -> Iterator[Story]:
        """Like ``list_stories`` but streamed in keyset pages: bounded memory at 1M."""
        before: int | None = None
        left = limit
        while left is None or left > 0:
            size = batch if left is None else min(batch, left)
            if before is None:
                sql = f"SELECT {_STORY_COLUMNS} FROM stories ORDER BY sort_key DESC LIMIT ?"
                rows = self.conn.execute(sql, (size,)).fetchall()
            else:
                sql = (
                    f"SELECT {_STORY_COLUMNS} FROM stories WHERE sort_key < ? "
                    "ORDER BY sort_key DESC LIMIT ?"
                )
                rows = self.conn.execute(sql, (before, size)).fetchall()
            if not rows:
                return
            yield from self._with_sources(rows)
            before = rows[-1][1]
            if left is not None:
                left -= len(rows)

    def get_story(self, story_id: int) -> Story | None:
        row = self.conn.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        if row is None:
            return None
        return self._with_sources([row])[0]

    def _with_sources(self, rows: list[tuple[Any, ...]]) -> list[Story]:
        if not rows:
            return []
        by_story: dict[int, list[Source]] = {r[0]: [] for r in rows}
        marks = ",".join("?" * len(by_story))
        sql = (
            "SELECT s.story_id, d.path, s.role, s.position, s.published_raw, s.dump_id "
            "FROM sources s JOIN dumps d ON d.id = s.dump_id "
            f"WHERE s.story_id IN ({marks}) ORDER BY s.id"
        )
        for story_id, path, role, position, raw, dump_id in self.conn.execute(
            sql, tuple(by_story)
        ):
            by_story[story_id].append(Source(path, role, position, raw, dump_id))
        return [_story(r, tuple(by_story[r[0]])) for r in rows]

    def imports(self) -> list[ImportRecord]:
        sql = (
            "SELECT id, path, size, sha256, encoding, imported_at, added, updated, warnings "
            "FROM dumps ORDER BY id"
        )
        return [
            ImportRecord(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], tuple(json.loads(r[8])))
            for r in self.conn.execute(sql)
        ]

    def dump_bytes(self, dump_id: int) -> bytes:
        """The original bytes of an imported dump, exactly as the editor imported them."""
        row = self.conn.execute(
            "SELECT compression, data FROM dump_bytes WHERE dump_id = ?", (dump_id,)
        ).fetchone()
        if row is None:
            raise KeyError(dump_id)
        return stored_bytes(*row, dump_id=dump_id)

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

    # -- reading state -------------------------------------------------------------

    def set_read(self, story_ids: Iterable[int], read: bool = True) -> None:
        self._set_flag("read", story_ids, read)

    def set_starred(self, story_ids: Iterable[int], starred: bool = True) -> None:
        self._set_flag("starred", story_ids, starred)

    def _set_flag(self, column: str, story_ids: Iterable[int], value: bool) -> None:
        assert column in ("read", "starred")
        ids = [(int(value), i) for i in story_ids]
        try:
            with _transaction(self.conn):
                self.conn.executemany(f"UPDATE stories SET {column} = ? WHERE id = ?", ids)
        except sqlite3.Error as err:
            raise explain(self.path, err) from err


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception (incl. cancel)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")


transaction = _transaction


def stored_bytes(compression: str, data: bytes, *, dump_id: int = 0) -> bytes:
    """A dump's original bytes from its ``dump_bytes`` row."""
    if compression == "zlib":
        import zlib

        return zlib.decompress(data)
    if compression == "none":
        return bytes(data)
    raise LibraryError("library.unknown_compression", dump=dump_id, name=compression)


def chunks(items: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    """``items`` in slices of ``size``: SQLite limits the parameters of one statement."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _story_row(r: tuple[Any, ...]) -> StoryRow:
    return StoryRow(
        id=r[0],
        sort_key=r[1],
        title=r[2],
        untitled=bool(r[3]),
        title_truncated=bool(r[4]),
        summary=r[5],
        summary_truncated=bool(r[6]),
        published=r[7],
        has_body=bool(r[8]),
        read=bool(r[9]),
        starred=bool(r[10]),
    )


def _story(r: tuple[Any, ...], sources: tuple[Source, ...]) -> Story:
    return Story(
        id=r[0],
        sort_key=r[1],
        title=r[2],
        untitled=bool(r[3]),
        title_truncated=bool(r[4]),
        summary=r[5],
        summary_truncated=bool(r[6]),
        byline=r[7],
        keywords=tuple(json.loads(r[8])),
        blocks=blocks_from_json(r[9]),
        published=r[10],
        published_raw=r[11],
        has_body=bool(r[12]),
        read=bool(r[13]),
        starred=bool(r[14]),
        sources=sources,
        url=r[15],
        site=r[16],
    )
