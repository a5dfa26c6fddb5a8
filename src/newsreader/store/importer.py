"""Importing dump files into the library: one transaction per dump.

This module owns the import path: expanding files and folders, refusing what is not
a dump (with a one-line reason), keeping the original bytes, and merging each
sighting into the stories already stored (see ``merge``). Must not import Qt or the CLI.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsreader.store import search_index
from newsreader.store.errors import ImportCancelled, LibraryError
from newsreader.errors import Message, os_fields
from newsreader.store.connection import explain, transaction
from newsreader.store.library import Library
from newsreader.store.merge import StoryMerger, sightings
from newsreader.store.preparing import (
    PreparedDump,
    prepare_bytes,
    prepared_ahead,
    read_file,
    sha256_of,
    use_helper_process,
)
from newsreader.store.records import FileResult
from newsreader.store.rows import named

#: What importing a folder takes: text dumps, saved pages and single-file (MHTML) pages.
#: The format is then decided by each file's content, not by this suffix.
DUMP_SUFFIXES = (".txt", ".html", ".htm", ".shtml", ".xhtml", ".mhtml", ".mht")
#: A "Web page, complete" save puts the page's assets (scripts, styles, frames, images)
#: in a folder named after it: ``<page>_files`` (Chromium, Firefox; localised names vary).
_ASSET_FOLDER_SUFFIXES = ("_files", ".files", "-files", "_archivos", "-Dateien", "_fichiers")


def _is_page_asset(path: Path, root: Path) -> bool:
    """Whether ``path`` lies in a saved page's assets folder below ``root``."""
    try:
        parts = path.relative_to(root).parts[:-1]
    except ValueError:
        return False
    return any(part.endswith(_ASSET_FOLDER_SUFFIXES) for part in parts)

ProgressCallback = Callable[[int, int, FileResult], None]

# A batch that (re)indexed at least this many stories, and at least a tenth of the
# library, merges the search index's segments at the end (search_index.optimize).
OPTIMIZE_AFTER = 5000


def expand_paths(
    paths: Iterable[str | Path],
) -> Iterator[tuple[str, Path | None, Message | None]]:
    """Yield ``(label, file, error)`` for every dump named by ``paths``.

    Folders are searched recursively for ``DUMP_SUFFIXES``, skipping saved pages' asset
    folders (``<page>_files``); a named file is taken whatever its name. A missing path
    or a folder without dumps yields an error entry instead.
    """
    for given in paths:
        path = Path(given)
        label = str(given)
        if path.is_dir():
            try:
                found = sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in DUMP_SUFFIXES and p.is_file()
                    and not _is_page_asset(p, path)
                )
            except OSError as err:
                yield label, None, Message("folder.unreadable", **os_fields(err))
                continue
            if not found:
                yield label, None, Message("folder.no_dumps")
            for p in found:
                yield str(p), p, None
        elif path.is_file():
            yield label, path, None
        elif path.exists():
            yield label, None, Message("file.not_regular")
        else:
            yield label, None, Message("file.missing")


class Importer:
    """Imports files into one library, reporting each file as it is done."""

    def __init__(
        self,
        library: Library,
        *,
        on_file: ProgressCallback | None = None,
        should_cancel: Callable[[], bool] | None = None,
        commit_every: float = 0.5,
        parallel: bool = True,
    ) -> None:
        self.library = library
        self._on_file = on_file
        self._should_cancel = should_cancel or (lambda: False)
        self._commit_every = commit_every
        # Large batches are read and parsed ahead in a helper process (preparing).
        self._parallel = parallel
        self._batching = False
        self._batch_started = 0.0
        # Stories the open batch transaction touched, with their state before it
        # (None when new): their index rows are written just before each commit.
        self._pending_index: dict[int, dict[str, Any] | None] = {}
        self._indexed = 0

    @contextmanager
    def _batch(self) -> Iterator[None]:
        """Group the dumps of a batch into few transactions, one savepoint per dump.

        NOTE: FTS5 writes a new index segment at every commit and every savepoint
        release (and merges them later). So dumps are committed together every
        ``commit_every`` seconds, and their search-index rows are written once, just
        before the commit, not in each dump's savepoint. Each dump stays atomic (its
        savepoint rolls back on failure or cancel, and its index rows were never
        written); an interruption loses at most the last ``commit_every`` seconds of
        completed dumps, never part of one.
        """
        self._batching = self._commit_every > 0
        self._indexed = 0
        try:
            yield
        finally:
            self._batching = False
            self._commit()
        if self._indexed >= max(OPTIMIZE_AFTER, self.library.count_stories() // 10):
            self._optimize_index()

    def _optimize_index(self) -> None:
        conn = self.library.conn
        try:
            with transaction(conn):
                search_index.optimize(conn)
        except sqlite3.Error as err:
            raise explain(self.library.path, err) from err

    def _maybe_commit(self) -> None:
        if time.monotonic() - self._batch_started >= self._commit_every:
            self._commit()

    def _commit(self) -> None:
        conn = self.library.conn
        if not conn.in_transaction:
            return
        try:
            self._indexed += search_index.reindex_touched(conn, self._pending_index)
            conn.execute("COMMIT")
        except sqlite3.Error as err:
            conn.execute("ROLLBACK")
            raise explain(self.library.path, err) from err
        finally:
            self._pending_index = {}

    @contextmanager
    def _dump_transaction(self) -> Iterator[sqlite3.Connection]:
        """One dump's transaction (alone), or its savepoint (in a batch)."""
        conn = self.library.conn
        if not self._batching:
            with transaction(conn):
                yield conn
            return
        if not conn.in_transaction:
            conn.execute("BEGIN IMMEDIATE")
            self._batch_started = time.monotonic()
        conn.execute("SAVEPOINT nr_dump")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK TO nr_dump")
            conn.execute("RELEASE nr_dump")
            raise
        conn.execute("RELEASE nr_dump")

    def _index(self, touched: dict[int, dict[str, Any] | None]) -> None:
        """Index the stories a dump touched, as the last step of its transaction: now
        when it is alone, just before the batch commits in a batch."""
        if not self._batching:
            search_index.reindex_touched(self.library.conn, touched)
            return
        for story_id, before in touched.items():
            # The state before the whole batch is what the index still holds.
            self._pending_index.setdefault(story_id, before)

    def import_paths(self, paths: Iterable[str | Path]) -> list[FileResult]:
        """Import everything ``paths`` names; stop early (cleanly) when cancelled."""
        entries = list(expand_paths(paths))
        with self._batch():
            return list(self._imported(entries))

    def _imported(
        self, entries: list[tuple[str, Path | None, Message | None]]
    ) -> Iterator[FileResult]:
        """Each entry's result, as it is done (stops at a cancel)."""
        files = [(label, path) for label, path, error in entries if path is not None]
        ahead = prepared_ahead(files) if self._parallel and use_helper_process(len(files)) else None
        try:
            for index, (label, path, error) in enumerate(entries):
                if self._should_cancel():
                    break
                try:
                    if error is not None or path is None:
                        result = FileResult(label, "rejected", error=error)
                    elif ahead is not None:
                        result = self._store(next(ahead))
                    else:
                        result = self.import_file(path, label=label)
                except ImportCancelled:
                    break
                except LibraryError as err:
                    # This dump rolled back; the rest of the batch still gets its chance.
                    result = FileResult(label, "rejected", error=err.message)
                self._maybe_commit()
                if self._on_file is not None:
                    self._on_file(index + 1, len(entries), result)
                yield result
        finally:
            if ahead is not None:
                ahead.close()

    def import_file(self, path: Path, *, label: str | None = None) -> FileResult:
        label = label or str(path)
        data = read_file(label, path)
        if isinstance(data, PreparedDump):
            return self._store(data)
        return self.import_bytes(data, label=label)

    def import_bytes(self, data: bytes, *, label: str) -> FileResult:
        """Import one dump's bytes. Raises ``ImportCancelled`` (after rolling back)."""
        sha256 = sha256_of(data)
        unchanged = self._unchanged(label, sha256, len(data))
        if unchanged is not None:
            return unchanged  # known already: no need to parse it
        return self._store(prepare_bytes(label, data, sha256=sha256))

    def _unchanged(self, label: str, sha256: str, size: int) -> FileResult | None:
        known = named(
            self.library.conn,
            "SELECT imported_at, encoding, orphan_timestamps, format FROM dumps WHERE sha256 = ?",
            (sha256,),
        ).fetchone()
        if known is None:
            return None
        return FileResult(
            label,
            "unchanged",
            encoding=known["encoding"],
            orphan_timestamps=known["orphan_timestamps"],
            size=size,
            format=known["format"],
            note=Message("import.unchanged", when=known["imported_at"][:16].replace("T", " ")),
        )

    def _store(self, dump: PreparedDump) -> FileResult:
        """Write one prepared dump in its own transaction (or savepoint)."""
        label = dump.label
        if dump.sha256 is not None:
            unchanged = self._unchanged(label, dump.sha256, dump.size)
            if unchanged is not None:
                return unchanged
        if dump.parsed is None or dump.compressed is None or dump.sha256 is None:
            return FileResult(label, "rejected", size=dump.size, error=dump.error)
        parsed = dump.parsed
        conn = self.library.conn
        try:
            with self._dump_transaction():
                # Another importer may have taken this file while we parsed it.
                unchanged = self._unchanged(label, dump.sha256, dump.size)
                if unchanged is not None:
                    return unchanged
                dump_id = self._insert_dump(conn, dump)
                merger = StoryMerger(conn, dump_id, parsed)
                for sighting in sightings(parsed):
                    if self._should_cancel():
                        raise ImportCancelled()
                    merger.add(sighting)
                conn.execute(
                    "UPDATE dumps SET added = ?, updated = ?, orphan_timestamps = ?, "
                    "warnings = ? WHERE id = ?",
                    (
                        merger.added,
                        merger.updated,
                        parsed.orphan_timestamps,
                        json.dumps(list(parsed.warnings), ensure_ascii=False),
                        dump_id,
                    ),
                )
                self._index(merger.touched)
        except sqlite3.Error as err:
            raise explain(self.library.path, err) from err
        return FileResult(
            label,
            "imported",
            encoding=parsed.encoding,
            added=merger.added,
            updated=merger.updated,
            orphan_timestamps=parsed.orphan_timestamps,
            warnings=parsed.warnings,
            size=dump.size,
            format=parsed.format,
        )

    def _insert_dump(self, conn: sqlite3.Connection, dump: PreparedDump) -> int:
        assert dump.parsed is not None and dump.compressed is not None
        imported_at = dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds")
        cursor = conn.execute(
            "INSERT INTO dumps (sha256, path, size, encoding, imported_at, format) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (dump.sha256, dump.label, dump.size, dump.parsed.encoding, imported_at, dump.parsed.format),
        )
        dump_id = int(cursor.lastrowid or 0)
        conn.execute(
            "INSERT INTO dump_bytes (dump_id, compression, data) VALUES (?, 'zlib', ?)",
            (dump_id, dump.compressed),
        )
        return dump_id


def import_paths(
    library: Library,
    paths: Iterable[str | Path],
    *,
    on_file: ProgressCallback | None = None,
) -> list[FileResult]:
    """Convenience wrapper: import ``paths`` into ``library``."""
    return Importer(library, on_file=on_file).import_paths(paths)


__all__ = ["Importer", "import_paths", "expand_paths", "LibraryError"]
