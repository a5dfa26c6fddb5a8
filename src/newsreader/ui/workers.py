"""Work that must not block the window: layouts, searches and imports, each on a thread
with its own library connection (a sqlite connection is never shared across threads).

This module owns the tasks and how they report back: ``LayoutTask`` (count, groups
and block anchors of a filtered list), ``SearchTask`` (matching story ids in order,
with day groups for date order) on a ``QThreadPool``, and ``ImportWorker`` on its own
``QThread`` (progress per file, cancel). Results carry the generation number they were
asked with, so a slow answer to an old question is ignored.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal, Slot

from newsreader.store import browse
from newsreader.store.errors import Interrupted, LibraryError
from newsreader.store.library import Library
from newsreader.store.records import FileResult, StoryRow

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    """Signals of a pool task (a QRunnable cannot have its own)."""

    done = Signal(int, object)
    failed = Signal(int, object)  # generation, a Message or an unexpected error's text


class ThreadLibraries:
    """One library connection per pool thread, kept from task to task.

    NOTE: a fresh connection per task threw away SQLite's page cache and the store's
    per-connection figures (the library size, ~25 ms to count at a million stories)
    every time. ``threading.local`` cannot keep them: PySide6 gives a pool thread a
    new Python thread state for every task, and the thread-local values go with it.
    So connections are kept by the thread's id, each used only by its own thread.
    They are opened ``closable_anywhere`` so that ``close`` can run on the GUI
    thread once the pool has finished its work.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_thread: dict[int, Library] = {}

    def current(self, path: Path) -> Library:
        """This thread's connection to ``path`` (opened on first use)."""
        ident = threading.get_ident()
        with self._lock:
            cached = self._by_thread.pop(ident, None)
        if cached is not None and cached.path == Path(path):
            library = cached
        else:
            if cached is not None:
                cached.close()
            library = Library.open(path, create=False, closable_anywhere=True)
        with self._lock:
            self._by_thread[ident] = library
        return library

    def forget_current(self) -> None:
        """Close this thread's connection (after an error it may be unusable)."""
        with self._lock:
            cached = self._by_thread.pop(threading.get_ident(), None)
        if cached is not None:
            cached.close()

    def close(self, path: Path) -> None:
        """Close every kept connection to ``path``; call only when no task runs on it."""
        with self._lock:
            closing = [lib for lib in self._by_thread.values() if lib.path == Path(path)]
            self._by_thread = {
                k: lib for k, lib in self._by_thread.items() if lib.path != Path(path)
            }
        for library in closing:
            library.close()


# The connections of every pool thread in this process.
thread_libraries = ThreadLibraries()


class _Task(QRunnable):
    def __init__(self, library_path: Path, generation: int) -> None:
        super().__init__()
        self.library_path = library_path
        self.generation = generation
        self.signals = TaskSignals()
        self._library: Library | None = None

    def run(self) -> None:
        try:
            library = thread_libraries.current(self.library_path)
            self._library = library
            with library.explaining_errors():
                result = self.work(library)
        except Interrupted as err:
            # An interrupted task was superseded (see ``interrupt``): nobody waits for it.
            self.signals.failed.emit(self.generation, err.message)
        except LibraryError as err:
            thread_libraries.forget_current()
            if err.code == "library.failed":  # SQLite said something the store did not expect
                log.exception("background task failed")
            self.signals.failed.emit(self.generation, err.message)
        except Exception as err:  # noqa: BLE001 - reported to the window, and logged
            thread_libraries.forget_current()
            log.exception("background task failed")
            self.signals.failed.emit(self.generation, f"{type(err).__name__}: {err}")
        else:
            self.signals.done.emit(self.generation, result)

    def work(self, library: Library) -> Any:
        raise NotImplementedError

    def interrupt(self) -> None:
        """Stop the query this task is running now (safe from any thread).

        A superseded search (the user typed on) would otherwise hold the pool's
        attention for up to a few hundred milliseconds at a million stories.
        """
        library = self._library
        if library is not None:
            library.interrupt()


@dataclass(frozen=True)
class LayoutResult:
    layout: browse.BrowseLayout
    # Rank of the story the window had selected, when it is still in the list.
    selected_rank: int | None
    library_total: int


class LayoutTask(_Task):
    """The full layout of a filtered list (plus where the selected story went)."""

    def __init__(
        self, library_path: Path, generation: int, flt: browse.BrowseFilter,
        selected_id: int | None, block: int = browse.BLOCK,
    ) -> None:
        super().__init__(library_path, generation)
        self.flt = flt
        self.selected_id = selected_id
        self.block = block

    def work(self, library: Library) -> LayoutResult:
        # One read transaction: the anchors, groups and rank describe the same snapshot.
        with library.snapshot():
            layout = browse.layout(library, self.flt, block=self.block)
            rank = None
            if self.selected_id is not None:
                key = browse.key_of(library, self.flt, self.selected_id)
                if key is not None:
                    rank = browse.rank_of(library, layout, key)
            total = library.count_stories()
        return LayoutResult(layout, rank, total)


@dataclass(frozen=True)
class SearchRequest:
    query: str
    order: str  # "relevance" | "date"
    flt: browse.BrowseFilter


@dataclass(frozen=True)
class SearchOutcome:
    """Matching stories in result order.

    A *first page* (``complete`` False) has only the first ``len(ids)`` results (with
    their rows, and the day groups of those) while ``total`` is already exact; the
    complete outcome that follows has every id.
    """

    request: SearchRequest
    total: int
    order: str
    ids: list[int]
    groups: list[browse.Group]  # day groups when ordered by date, else empty
    message: str | None
    complete: bool = True
    rows: tuple[StoryRow, ...] = ()


# Results in the quick first answer: a screenful and a half. (Each costs a snippet in
# ``store.search.search``, which this does not show: keep it small.)
FIRST_PAGE = 30


def first_page(library: Library, request: SearchRequest) -> SearchOutcome | None:
    """The first results of a broad query, fast; None when the full answer is as quick.

    Every id of a query that matches half the library takes seconds to list and
    group by day; its first page, in date order, takes milliseconds. A narrower
    query is ranked by relevance, which needs every candidate anyway: no first page.
    The unread/starred filters need every id too.
    """
    from newsreader.store import search as store_search

    flt = request.flt
    if flt.show in ("unread", "starred"):
        return None
    total, ids, message = store_search.newest_page(
        library, request.query, limit=FIRST_PAGE, sort=request.order,
        since=flt.since, until=flt.until,
    )
    if total == 0:
        return SearchOutcome(request, 0, request.order, [], [], message)
    if ids is None:
        return None
    found = library.rows_by_ids(ids)
    rows = tuple(found[i] for i in ids if i in found)
    groups = browse.groups_for_keys([row.sort_key for row in rows])
    complete = len(ids) >= total
    return SearchOutcome(request, total, "date", [r.id for r in rows], groups,
                         message, complete, rows)


def run_search(library: Library, request: SearchRequest) -> SearchOutcome:
    """Every matching id in result order, filtered like the list, grouped by day for date order."""
    from newsreader.store import search as store_search

    flt = request.flt
    total, order, ids = store_search.search_ids(
        library, request.query, sort=request.order, since=flt.since, until=flt.until
    )
    ids = list(ids)
    message = None
    if total == 0:
        # Say why when the query has nothing to search for (only exclusions, say).
        message = store_search.search(library, request.query, limit=1).message
    if flt.show in ("unread", "starred"):
        ids = browse.keep_ids(library, ids, flt)
        total = len(ids)
    groups: list[browse.Group] = []
    if order == "date" and ids:
        # NOTE: for a broad query this is most of the time; the first page is shown
        # before it (see first_page).
        keys = browse.sort_keys_for_ids(library, ids)
        groups = browse.groups_for_keys(keys)
    return SearchOutcome(request, total, order, ids, groups, message)


class SearchSignals(TaskSignals):
    firstPage = Signal(int, object)  # generation, SearchOutcome (incomplete)


class SearchTask(_Task):
    """A search: the first page as soon as it is known, then every result."""

    def __init__(self, library_path: Path, generation: int, request: SearchRequest) -> None:
        super().__init__(library_path, generation)
        self.request = request
        self.signals = SearchSignals()

    def work(self, library: Library) -> SearchOutcome:
        quick = first_page(library, self.request)
        if quick is not None:
            if quick.complete:
                return quick
            self.signals.firstPage.emit(self.generation, quick)
        return run_search(library, self.request)


class WarmUpTask(QRunnable):
    """Loads the search code and its folding tables before the first keystroke.

    NOTE: the tables are shipped data now (a few ms to load, not the ~300 ms they took
    to build), but the search modules still cost ~20 ms to import; this runs after
    the first paint, on the pool, and touches no library.
    """

    def run(self) -> None:
        try:
            import newsreader.store.search  # noqa: F401
            from newsreader.search import compile_query, fold

            fold("預熱 warm-up ０１")
            compile_query("预热 -x")
        except Exception:  # noqa: BLE001 - only an optimisation
            log.warning("search warm-up failed", exc_info=True)


class ImportWorker(QObject):
    """Imports files on a QThread; the current dump rolls back on cancel."""

    progress = Signal(int, int, object)  # done, total, FileResult
    finished = Signal(object, bool)  # list[FileResult], cancelled
    failed = Signal(object)  # a Message or an unexpected error's text

    def __init__(self, library_path: Path, paths: list[str]) -> None:
        super().__init__()
        self.library_path = library_path
        self.paths = paths
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @Slot()
    def run(self) -> None:
        from newsreader.store.importer import Importer

        try:
            with Library.open(self.library_path) as library:
                importer = Importer(
                    library,
                    on_file=self._on_importer_file,
                    should_cancel=self._cancel.is_set,
                )
                results = importer.import_paths(self.paths)
        except LibraryError as err:
            self.failed.emit(err.message)
            return
        except Exception as err:  # noqa: BLE001 - shown to the user, and logged
            log.exception("import failed")
            self.failed.emit(f"{type(err).__name__}: {err}")
            return
        self.finished.emit(results, self._cancel.is_set())

    def _on_importer_file(self, done: int, total: int, result: FileResult) -> None:
        self.progress.emit(done, total, result)
