"""Importing dump files into the library: one transaction per dump.

This module owns the import path: expanding files and folders, refusing what is not
a dump (with a one-line reason), keeping the original bytes, and merging each
sighting into the stories already stored (see ``merge``). Must not import Qt or the CLI.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsreader.store import search_index
from newsreader.store.errors import (
    DiskFull,
    ImportCancelled,
    ImportStopped,
    LibraryBusy,
    LibraryDamaged,
    LibraryError,
    LibraryNotOurs,
    LibraryReadOnly,
)
from newsreader.errors import Message, os_fields
from newsreader.store import compression
from newsreader.store.compression import Codec
from newsreader.store.connection import explain, rollback, transaction
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


#: Dumps of a batch are committed together this often (seconds); 0: each alone.
#: NOTE: each commit writes the batch's index rows as a new FTS5 segment, which FTS5
#: then merges; 1 s instead of 0.5 s halves that (~6% of an import's CPU at 100k)
#: and still lets the window's marks wait well inside its 2 s busy timeout.
COMMIT_EVERY_S = 1.0

#: Errors after which no further dump can be written: the batch stops.
STOPS_THE_BATCH = (DiskFull, LibraryBusy, LibraryDamaged, LibraryNotOurs, LibraryReadOnly)

#: Why a file is ``unfinished`` (message codes): importing the same paths again finishes it.
INTERRUPTED = "import.interrupted"
INTERRUPTED_BY_ERROR = "import.stopped"


def _is_page_asset(path: Path, root: Path) -> bool:
    """Whether ``path`` lies in a saved page's assets folder below ``root``."""
    try:
        parts = path.relative_to(root).parts[:-1]
    except ValueError:
        return False
    return any(is_asset_folder_name(part) for part in parts)


def is_dump_file_name(name: str) -> bool:
    """Whether a folder import takes a file of this name (followed folders use it too)."""
    return Path(name).suffix.lower() in DUMP_SUFFIXES


def is_asset_folder_name(name: str) -> bool:
    """Whether a folder of this name holds a saved page's assets, not dumps."""
    return name.endswith(_ASSET_FOLDER_SUFFIXES)

ProgressCallback = Callable[[int, int, FileResult], None]

# A batch that (re)indexed at least this many stories, and at least a tenth of the
# library, merges the search index's segments at the end (search_index.optimize).
OPTIMIZE_AFTER = 5000


def path_label(path: str | Path) -> str:
    """``path`` as text that can always be stored, printed and put in JSON.

    A name that is not valid UTF-8 (common for Chinese archives unzipped from GBK zips)
    keeps its readable part and shows each undecodable byte escaped (``\\xd0``), the
    same in the library, the report and JSON.
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _walk(root: Path) -> tuple[list[Path], list[tuple[Path, OSError]]]:
    """Every file below ``root`` and the folders that could not be read.

    NOTE: a loop with a stack, not recursion (``Path.rglob`` recurses and raised
    ``RecursionError`` on a folder 1,100 levels deep); a folder reached twice through
    symbolic links is read once.
    """
    files: list[Path] = []
    failed: list[tuple[Path, OSError]] = []
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        if entry.is_dir():
                            stack.append(Path(entry.path))
                        elif entry.is_file():
                            files.append(Path(entry.path))
                    except OSError:
                        continue  # vanished or unreadable entry: not a dump we can read
        except OSError as err:
            failed.append((folder, err))
    return files, failed


def expand_paths(
    paths: Iterable[str | Path],
) -> Iterator[tuple[str, Path | None, Message | None]]:
    """Yield ``(label, file, error)`` for every dump named by ``paths``.

    Folders are searched recursively for ``DUMP_SUFFIXES``, skipping saved pages' asset
    folders (``<page>_files``); a named file is taken whatever its name. A missing path,
    a folder without dumps or a folder that cannot be read yields an error entry
    instead. Labels are ``path_label``s.
    """
    for given in paths:
        path = Path(given)
        label = path_label(given)
        if path.is_dir():
            files, failed = _walk(path)
            if failed and failed[0][0] == path:
                yield label, None, Message("folder.unreadable", **os_fields(failed[0][1]))
                continue
            found = sorted(
                p for p in files
                if is_dump_file_name(p.name) and not _is_page_asset(p, path)
            )
            for folder, err in sorted(failed, key=lambda f: f[0]):
                yield path_label(folder), None, Message("folder.unreadable", **os_fields(err))
            if not found and not failed:
                yield label, None, Message("folder.no_dumps")
            for p in found:
                yield path_label(p), p, None
        elif path.is_file():
            yield label, path, None
        elif path.exists():
            yield label, None, Message("file.not_regular")
        else:
            yield label, None, Message("file.missing")


class Importer:
    """Imports files into one library, reporting each file once it is durable.

    ``on_file(done, total, result)`` is called for each input file in order, and for
    an imported file only after the transaction holding it has committed (so what a
    caller prints as imported is in the library even if the process is killed the
    next moment), and never while a write transaction is open (so a slow reader of
    the output, a paused pager, never holds the library's lock).
    """

    def __init__(
        self,
        library: Library,
        *,
        on_file: ProgressCallback | None = None,
        should_cancel: Callable[[], bool] | None = None,
        commit_every: float | None = None,
        parallel: bool = True,
        report_unfinished: bool = False,
    ) -> None:
        self.library = library
        self._on_file = on_file
        self._should_cancel = should_cancel or (lambda: False)
        self._commit_every = COMMIT_EVERY_S if commit_every is None else commit_every
        # Large batches are read and parsed ahead in a helper process (preparing).
        self._parallel = parallel
        # Whether the files a cancel left out are listed as "unfinished" (the command
        # line's report) or simply missing (the window says "cancelled").
        self._report_unfinished = report_unfinished
        self._batching = False
        self._batch_started = 0.0
        # Stories the open batch transaction touched, with their state before it
        # (None when new): their index rows are written just before each commit.
        self._pending_index: dict[int, dict[str, Any] | None] = {}
        self._indexed = 0
        # Results waiting for the open transaction to commit: (entry index, result).
        self._queued: list[tuple[int, FileResult]] = []
        self._results: list[FileResult | None] = []
        # How new dumps' bytes are compressed: the library's zstd dictionary, once it
        # has one (see store.compression); read when first needed.
        self._codec: Codec | None = None

    # -- transactions ----------------------------------------------------------------

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
        """Write the batch's index rows and commit; then report what it held.

        NOTE: stories and their index rows commit together or not at all. Anything
        that stops this half-way (an error, a KeyboardInterrupt between the index
        rows and the COMMIT) rolls the whole open transaction back.
        """
        conn = self.library.conn
        if conn.in_transaction:
            try:
                self._indexed += search_index.reindex_touched(conn, self._pending_index)
                conn.execute("COMMIT")
            except sqlite3.Error as err:
                self._rollback()
                raise explain(self.library.path, err) from err
            except BaseException:
                self._rollback()
                raise
            finally:
                self._pending_index = {}
        self._flush()

    def _rollback(self) -> None:
        """Roll back the open transaction, whatever state SQLite left it in."""
        self._pending_index = {}
        rollback(self.library.conn)

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
            try:
                conn.execute("ROLLBACK TO nr_dump")
                conn.execute("RELEASE nr_dump")
            except sqlite3.Error:
                # The whole transaction is gone already (SQLite rolls back by itself
                # on some errors, a full disk among them): nothing of the batch stays.
                self._rollback()
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

    # -- reporting -------------------------------------------------------------------

    def _report(self, index: int, result: FileResult) -> None:
        self._queued.append((index, result))
        if not self.library.conn.in_transaction:
            self._flush()

    def _flush(self) -> None:
        queued, self._queued = self._queued, []
        for index, result in queued:
            self._tell(index, result)

    def _tell(self, index: int, result: FileResult) -> None:
        self._results[index] = result
        if self._on_file is not None:
            self._on_file(index + 1, len(self._results), result)

    def _abandon(self, reason: str, entries: list[tuple[str, Path | None, Message | None]]) -> None:
        """After a rollback: what it held and everything not tried is unfinished."""
        queued, self._queued = self._queued, []
        for index, result in queued:
            if result.status != "rejected":
                result = FileResult(
                    result.path, "unfinished", size=result.size, error=Message(reason)
                )
            self._tell(index, result)
        self._leave_out(reason, entries)

    def _leave_out(self, reason: str, entries: list[tuple[str, Path | None, Message | None]]) -> None:
        for index, (label, _path, _error) in enumerate(entries):
            if self._results[index] is None:
                self._tell(index, FileResult(label, "unfinished", error=Message(reason)))

    # -- the batch -------------------------------------------------------------------

    def import_paths(self, paths: Iterable[str | Path]) -> list[FileResult]:
        """Import everything ``paths`` names; stop early (cleanly) when cancelled.

        Raises ``ImportStopped`` (with the whole report) when the library cannot be
        written any more: a full disk, a lock held too long, a damaged file.
        """
        self.library.require_writable()
        entries = list(expand_paths(paths))
        self._results = [None] * len(entries)
        self._queued = []
        self._indexed = 0
        self._batching = self._commit_every > 0
        stopped: LibraryError | None = None
        cancelled = False
        try:
            cancelled = self._import_entries(entries)
            self._commit()
        except LibraryError as err:
            self._rollback()
            stopped = err
            self._abandon(INTERRUPTED_BY_ERROR, entries)
        except KeyboardInterrupt:
            # A second Ctrl+C, or one the caller did not turn into a cancel: the
            # open transaction may be half-written, so none of it stays.
            self._rollback()
            cancelled = True
            self._abandon(INTERRUPTED, entries)
        finally:
            self._batching = False
        if cancelled and self._report_unfinished:
            self._leave_out(INTERRUPTED, entries)
        results = [r for r in self._results if r is not None]
        if stopped is not None:
            raise ImportStopped(stopped, results) from stopped
        if not cancelled and self._indexed >= max(
            OPTIMIZE_AFTER, self.library.count_stories() // 10
        ):
            try:
                self._optimize_index()
            except LibraryError as err:
                raise ImportStopped(err, results) from err
        return results

    def _current_codec(self) -> Codec:
        if self._codec is None:
            self._codec = compression.library_codec(self.library.conn)
        return self._codec

    def _batch_codec(self, files: list[tuple[str, Path]]) -> Codec:
        """The library's codec; on a large batch into a library without a dictionary,
        first train one on a sample of the batch (~1 s) and keep it in the library."""
        codec = self._current_codec()
        if codec.dictionary is not None or len(files) < compression.TRAIN_MIN_FILES:
            return codec
        step = max(1, len(files) // compression.TRAIN_SAMPLES)
        samples = [data for label, path in files[::step][: compression.TRAIN_SAMPLES]
                   if isinstance(data := read_file(label, path), bytes)]
        dictionary = compression.train(samples)
        if dictionary is None:
            return codec
        conn = self.library.conn
        try:
            with transaction(conn):
                self._codec = compression.save_dictionary(conn, dictionary, len(samples))
        except sqlite3.Error as err:
            raise explain(self.library.path, err) from err
        return self._codec

    def _import_entries(self, entries: list[tuple[str, Path | None, Message | None]]) -> bool:
        """Import the entries in order; True when cancelled part-way."""
        files = [(label, path) for label, path, error in entries if path is not None]
        codec = self._batch_codec(files)
        ahead = (prepared_ahead(files, codec)
                 if self._parallel and use_helper_process(len(files)) else None)
        conn = self.library.conn
        try:
            for index, (label, path, error) in enumerate(entries):
                if self._should_cancel():
                    return True
                if error is not None or path is None:
                    self._report(index, FileResult(label, "rejected", error=error))
                    continue
                if ahead is not None and conn.in_transaction and not ahead.ready():
                    self._commit()  # never hold the lock while waiting for the helper
                try:
                    if ahead is not None:
                        result = self._store(next(ahead))
                    else:
                        result = self.import_file(path, label=label)
                except ImportCancelled:
                    return True
                except LibraryError as err:
                    if isinstance(err, STOPS_THE_BATCH):
                        raise
                    # This dump rolled back; the rest of the batch still gets its chance.
                    result = FileResult(label, "rejected", error=err.message)
                self._report(index, result)
                self._maybe_commit()
        finally:
            if ahead is not None:
                ahead.close()
        return False

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
        return self._store(prepare_bytes(label, data, sha256=sha256, codec=self._current_codec()))

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
            "INSERT INTO dump_bytes (dump_id, compression, data) VALUES (?, ?, ?)",
            (dump_id, dump.compression, dump.compressed),
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
