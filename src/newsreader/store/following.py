"""Followed folders: shared folders whose new dumps come into the library by themselves.

This module owns the ``followed_folders`` and ``followed_files`` tables and a *sync*:
look at each followed folder (``folderscan``), record every dump file's size and
modification time, and import the files that have stopped changing. Must not import
Qt or the CLI; never holds the library's write lock while it reads files.

The rules (issue 13):

* A file is taken only when a look finds the same size and modification time as a
  look at least ``settle`` seconds earlier (the earlier look may be the previous
  sync, in another process); until then it is *pending*. A file renamed into place
  is a new path, so it waits the same way. A file that changes after it was taken
  is taken again (its new bytes are a new dump; the merge makes the stories).
* Only files whose size or modification time changed are read: a rescan of an
  unchanged folder reads no file.
* A folder that cannot be listed is *unreachable*: its status says why and when it
  was last synced; nothing recorded about it is dropped, and the next sync retries.
  Files that disappear keep their record, so an emptied mount point does not make
  every file new again when the share comes back.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsreader.errors import Message, os_fields
from newsreader.store.errors import ImportCancelled, LibraryError
from newsreader.store.folderscan import FolderUnreachable, full_path, label, look
from newsreader.store.library import Library, explain, transaction
from newsreader.store.records import FileResult

#: Seconds a file's size and modification time must stay the same before it is taken.
SETTLE_SECONDS = 2.0
# Followed-file records written per statement batch while recording a look.
_CHUNK = 5000

FileCallback = Callable[[FileResult], None]


@dataclass(frozen=True)
class FollowedFolder:
    """A followed folder and how its last look went."""

    id: int
    path: str
    added_at: str
    last_look_at: str | None
    last_good_sync_at: str | None
    error: Message | None  # why the last look failed; None when it worked
    files: int  # dump files recorded in it

    @property
    def reachable(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "reachable": self.reachable,
            "error": str(self.error) if self.error is not None else None,
            "last_good_sync": self.last_good_sync_at,
            "last_look": self.last_look_at,
            "files": self.files,
        }


@dataclass
class FolderSync:
    """What one sync did in one folder."""

    path: str
    reachable: bool = True
    error: Message | None = None
    last_good_sync_at: str | None = None
    seen: int = 0
    pending: int = 0
    imported: int = 0
    unchanged: int = 0
    rejected: int = 0
    added: int = 0  # stories this folder brought in
    updated: int = 0
    skipped_folders: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "reachable": self.reachable,
            "error": str(self.error) if self.error is not None else None,
            "last_good_sync": self.last_good_sync_at,
            "seen": self.seen,
            "pending": self.pending,
            "imported": self.imported,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "added": self.added,
            "updated": self.updated,
        }


@dataclass
class SyncReport:
    """A whole sync: each folder, and each file that was taken or is still pending."""

    folders: list[FolderSync] = field(default_factory=list)
    files: list[FileResult] = field(default_factory=list)
    cancelled: bool = False

    @property
    def pending(self) -> int:
        return sum(f.pending for f in self.folders)

    @property
    def rejected(self) -> int:
        return sum(f.rejected for f in self.folders)

    @property
    def unreachable(self) -> list[FolderSync]:
        return [f for f in self.folders if not f.reachable]

    def to_json(self) -> dict[str, Any]:
        return {
            "folders": [f.to_json() for f in self.folders],
            "files": [f.to_json() for f in self.files],
        }


class FollowError(LibraryError):
    """A followed-folder request that cannot be done (``follow.*``): the user's input."""


def _now_iso() -> str:
    return dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds")


class Following:
    """The followed folders of one library (use on the thread that opened it)."""

    def __init__(self, library: Library, *, settle: float = SETTLE_SECONDS) -> None:
        self.library = library
        self.settle = settle

    # -- the list ----------------------------------------------------------------

    def follow(self, path: str | Path) -> FollowedFolder:
        """Follow ``path`` (an existing folder) and take a first look at it."""
        folder = Path(os.path.abspath(os.path.expanduser(str(path))))
        if not folder.is_dir():
            code = "follow.not_a_folder" if folder.exists() else "follow.no_such_folder"
            raise FollowError(code, path=str(folder))
        conn = self.library.conn
        try:
            with transaction(conn):
                conn.execute(
                    "INSERT INTO followed_folders (path, added_at) VALUES (?, ?) "
                    "ON CONFLICT (path) DO NOTHING",
                    (str(folder), _now_iso()),
                )
        except Exception as err:
            raise _wrapped(self.library, err) from err
        # The first look starts every file's clock: a sync `settle` seconds from now
        # takes what stopped changing.
        self.sync(only=str(folder), take=False)
        return next(f for f in self.folders() if f.path == str(folder))

    def unfollow(self, path: str | Path) -> bool:
        """Stop following ``path``; the stories it brought stay. False if not followed."""
        folder = os.path.abspath(os.path.expanduser(str(path)))
        conn = self.library.conn
        try:
            with transaction(conn):
                row = conn.execute(
                    "SELECT id FROM followed_folders WHERE path IN (?, ?)", (folder, str(path))
                ).fetchone()
                if row is None:
                    return False
                conn.execute("DELETE FROM followed_files WHERE folder_id = ?", (row[0],))
                conn.execute("DELETE FROM followed_folders WHERE id = ?", (row[0],))
        except Exception as err:
            raise _wrapped(self.library, err) from err
        return True

    def folders(self) -> list[FollowedFolder]:
        rows = self.library.conn.execute(
            "SELECT f.id, f.path, f.added_at, f.last_look_at, f.last_good_sync_at, f.error, "
            "(SELECT count(*) FROM followed_files WHERE folder_id = f.id) "
            "FROM followed_folders f ORDER BY f.path"
        ).fetchall()
        return [
            FollowedFolder(r[0], r[1], r[2], r[3], r[4], _message(r[5]), r[6]) for r in rows
        ]

    # -- syncing -----------------------------------------------------------------

    def sync(
        self,
        *,
        on_file: FileCallback | None = None,
        should_cancel: Callable[[], bool] | None = None,
        only: str | None = None,
        take: bool = True,
    ) -> SyncReport:
        """Look at every followed folder once and take the files that settled."""
        cancel = should_cancel or (lambda: False)
        report = SyncReport()
        self.library.require_writable()
        for folder in self.folders():
            if only is not None and folder.path != only:
                continue
            if cancel():
                report.cancelled = True
                break
            result = self._sync_folder(folder, report, on_file, cancel, take)
            report.folders.append(result)
        return report

    def sync_until_settled(
        self,
        *,
        on_file: FileCallback | None = None,
        should_cancel: Callable[[], bool] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> SyncReport:
        """Sync again and again until no file is pending (``sync --wait``).

        The report holds every file taken on the way and the last pass's folders.
        """
        cancel = should_cancel or (lambda: False)
        taken: list[FileResult] = []
        totals: dict[str, FolderSync] = {}
        while True:
            report = self.sync(on_file=on_file, should_cancel=cancel)
            taken += [f for f in report.files if f.status != "pending"]
            for f in report.folders:
                total = totals.setdefault(f.path, FolderSync(f.path))
                for name in ("imported", "unchanged", "rejected", "added", "updated"):
                    setattr(total, name, getattr(total, name) + getattr(f, name))
                for name in ("reachable", "error", "last_good_sync_at", "seen", "pending",
                             "skipped_folders"):
                    setattr(total, name, getattr(f, name))
            if report.cancelled or report.pending == 0 or cancel():
                pending = [f for f in report.files if f.status == "pending"]
                return SyncReport(
                    [totals[f.path] for f in report.folders], taken + pending, report.cancelled
                )
            sleep(self.settle)

    def _sync_folder(
        self,
        folder: FollowedFolder,
        report: SyncReport,
        on_file: FileCallback | None,
        cancel: Callable[[], bool],
        take: bool,
    ) -> FolderSync:
        root = Path(folder.path)
        result = FolderSync(folder.path, last_good_sync_at=folder.last_good_sync_at)
        started = time.time()
        try:
            seen = look(root)
        except FolderUnreachable as err:
            return self._unreachable(folder, result, err.fields)
        result.seen = len(seen.files)
        result.skipped_folders = seen.skipped_folders
        settled = self._record_look(folder.id, seen.files, started)
        pending = [rel for rel, _size, _mtime, ready in settled if not ready]
        ready = sorted((rel, size, mtime) for rel, size, mtime, ok in settled if ok)
        if take and ready:
            still, gone = self._take(folder, ready, result, report, on_file, cancel)
            pending += still
            if gone:
                return self._unreachable(folder, result, gone)
        elif ready:
            pending += [rel for rel, _size, _mtime in ready]
        for rel in sorted(pending):
            entry = FileResult(label(root, rel), "pending", note=Message("follow.pending"))
            report.files.append(entry)
            if on_file is not None:
                on_file(entry)
        result.pending = len(pending)
        if not cancel():
            result.last_good_sync_at = _now_iso()
            self._write(
                "UPDATE followed_folders SET last_look_at = ?, last_good_sync_at = ?, "
                "error = NULL WHERE id = ?",
                (result.last_good_sync_at, result.last_good_sync_at, folder.id),
            )
        else:
            report.cancelled = True
        return result

    def _unreachable(
        self, folder: FollowedFolder, result: FolderSync, fields: dict[str, Any]
    ) -> FolderSync:
        result.reachable = False
        result.error = Message("follow.unreachable", path=folder.path, **fields)
        self._write(
            "UPDATE followed_folders SET last_look_at = ?, error = ? WHERE id = ?",
            (_now_iso(), json.dumps({"code": result.error.code, "fields": result.error.fields},
                                    ensure_ascii=False), folder.id),
        )
        return result

    def _record_look(
        self, folder_id: int, files: list[Any], now: float
    ) -> list[tuple[bytes, int, int, bool]]:
        """Record this look; return each file not yet taken as (rel, size, mtime, settled)."""
        conn = self.library.conn
        known: dict[bytes, tuple[int, int, float, int | None, int | None]] = {
            bytes(r[0]): (r[1], r[2], r[3], r[4], r[5])
            for r in conn.execute(
                "SELECT rel_path, size, mtime_ns, seen_at, done_size, done_mtime_ns "
                "FROM followed_files WHERE folder_id = ?",
                (folder_id,),
            )
        }
        fresh: list[tuple[int, bytes, int, int, float]] = []
        out: list[tuple[bytes, int, int, bool]] = []
        for f in files:
            row = known.get(f.rel)
            if row is None or row[0] != f.size or row[1] != f.mtime_ns:
                fresh.append((folder_id, f.rel, f.size, f.mtime_ns, now))
                out.append((f.rel, f.size, f.mtime_ns, False))
            elif row[3] == f.size and row[4] == f.mtime_ns:
                continue  # taken already, unchanged since: not even read
            else:
                out.append((f.rel, f.size, f.mtime_ns, now - row[2] >= self.settle))
        for start in range(0, len(fresh), _CHUNK):
            self._write_many(
                "INSERT INTO followed_files (folder_id, rel_path, size, mtime_ns, seen_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (folder_id, rel_path) DO UPDATE SET "
                "size = excluded.size, mtime_ns = excluded.mtime_ns, seen_at = excluded.seen_at",
                fresh[start : start + _CHUNK],
            )
        return out

    def _take(
        self,
        folder: FollowedFolder,
        ready: list[tuple[bytes, int, int]],
        result: FolderSync,
        report: SyncReport,
        on_file: FileCallback | None,
        cancel: Callable[[], bool],
    ) -> tuple[list[bytes], dict[str, Any] | None]:
        """Import the settled files; return (still pending, why the folder went away)."""
        from newsreader.store.importer import STOPS_THE_BATCH, Importer
        from newsreader.store.preparing import read_file

        root = Path(folder.path)
        importer = Importer(self.library, parallel=False, commit_every=0)
        pending: list[bytes] = []
        done: list[tuple[int, int, str, int, bytes]] = []
        try:
            for rel, size, mtime in ready:
                if cancel():
                    report.cancelled = True
                    break
                path = Path(os.fsdecode(full_path(root, rel)))
                name = label(root, rel)
                data = read_file(name, path)
                now = _stat(path)
                if now is None:
                    if not root.is_dir():
                        return pending, os_fields(FileNotFoundError(2, "No such file or directory"))
                    continue  # deleted or renamed since the look: nothing to take
                if now != (size, mtime) or (isinstance(data, bytes) and len(data) != size):
                    # It changed while we read it: still being written.
                    self._write_many(
                        "UPDATE followed_files SET size = ?, mtime_ns = ?, seen_at = ? "
                        "WHERE folder_id = ? AND rel_path = ?",
                        [(now[0], now[1], time.time(), folder.id, rel)],
                    )
                    pending.append(rel)
                    continue
                if isinstance(data, bytes):
                    try:
                        entry = importer.import_bytes(data, label=name)
                    except ImportCancelled:
                        report.cancelled = True
                        break
                    except LibraryError as err:
                        if isinstance(err, STOPS_THE_BATCH):
                            raise
                        entry = FileResult(name, "rejected", error=err.message, size=size)
                else:
                    entry = FileResult(name, "rejected", error=data.error, size=data.size)
                _count(result, entry)
                report.files.append(entry)
                if getattr(entry.error, "code", None) != "file.unreadable":
                    # NOTE: a file that could not be read is tried again next time
                    # (a share's hiccup); one that was read is not, until it changes.
                    done.append((size, mtime, entry.status, folder.id, rel))
                if on_file is not None:
                    on_file(entry)
        finally:
            # What was taken is recorded even when the sync stops half-way.
            self._write_many(
                "UPDATE followed_files SET done_size = ?, done_mtime_ns = ?, status = ? "
                "WHERE folder_id = ? AND rel_path = ?",
                done,
            )
        return pending, None

    # -- writing -------------------------------------------------------------------

    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        self._write_many(sql, [params])

    def _write_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        conn = self.library.conn
        try:
            with transaction(conn):
                conn.executemany(sql, rows)
        except Exception as err:
            raise _wrapped(self.library, err) from err


def _count(result: FolderSync, entry: FileResult) -> None:
    if entry.status == "imported":
        result.imported += 1
        result.added += entry.added
        result.updated += entry.updated
    elif entry.status == "unchanged":
        result.unchanged += 1
    elif entry.status == "rejected":
        result.rejected += 1


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _message(stored: str | None) -> Message | None:
    if not stored:
        return None
    value = json.loads(stored)
    return Message(value["code"], **value["fields"])


def _wrapped(library: Library, err: Exception) -> Exception:
    import sqlite3

    if isinstance(err, sqlite3.Error):
        return explain(library.path, err)
    return err


def iter_settled(report: SyncReport) -> Iterator[FileResult]:
    """The files a sync took (imported, unchanged or rejected), not the pending ones."""
    return (f for f in report.files if f.status != "pending")
