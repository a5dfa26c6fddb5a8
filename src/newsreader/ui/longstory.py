"""Reading a very long story's body off the GUI thread, chunk by chunk.

This module owns ``LongStoryTask``: on the reader's pool, with the thread's own
library connection, it streams a story's paragraphs (``store.longstories``) and
hands them to the window in chunks, so the first page shows at once and the window
never waits for the rest. A task whose story is no longer wanted stops at the next
chunk. Must not import SQL.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from newsreader.store import longstories
from newsreader.store.errors import LibraryError
from newsreader.ui.workers import thread_libraries

log = logging.getLogger(__name__)

# Blocks per chunk, and the pause after each (300,000 blocks: 600 chunks, ~0.6 s of pauses).
CHUNK = 500
PAUSE_S = 0.001


class LongStorySignals(QObject):
    chunk = Signal(int, list)  # story id, blocks as stored (see store.longstories)
    done = Signal(int)  # story id
    failed = Signal(int, object)  # story id, a Message or text


class LongStoryTask(QRunnable):
    """Streams one story's blocks; ``cancel`` makes it stop early."""

    def __init__(self, library_path: Path, story_id: int) -> None:
        super().__init__()
        self.library_path = library_path
        self.story_id = story_id
        self.signals = LongStorySignals()
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True

    def run(self) -> None:
        try:
            library = thread_libraries.current(self.library_path)
            with library.explaining_errors():
                for blocks in longstories.iter_stored_blocks(library, self.story_id, CHUNK):
                    if self.cancelled:
                        return
                    self.signals.chunk.emit(self.story_id, blocks)
                    # NOTE: a breath between chunks: on a busy machine a thread that holds
                    # Python's lock when the OS preempts it makes the GUI wait with it.
                    time.sleep(PAUSE_S)
        except LibraryError as err:
            thread_libraries.forget_current()
            self.signals.failed.emit(self.story_id, err.message)
            return
        except Exception as err:  # noqa: BLE001 - reported to the window, and logged
            thread_libraries.forget_current()
            log.exception("reading a long story failed")
            self.signals.failed.emit(self.story_id, f"{type(err).__name__}: {err}")
            return
        if not self.cancelled:
            self.signals.done.emit(self.story_id)


class MarkSignals(QObject):
    failed = Signal(object)  # the LibraryError


class LongStoryMarkTask(QRunnable):
    """Saves read or starred on a very long story, off the GUI thread.

    NOTE: SQLite rewrites a whole row to change one column; for a story of 300,000
    paragraphs that is tens of megabytes (a third of a second), too long for the GUI.
    """

    def __init__(self, library_path: Path, story_id: int, flag: dict[str, bool]) -> None:
        super().__init__()
        self.library_path = library_path
        self.story_id = story_id
        self.flag = flag
        self.signals = MarkSignals()

    def run(self) -> None:
        try:
            library = thread_libraries.current(self.library_path)
            with library.explaining_errors():
                if "read" in self.flag:
                    library.set_read([self.story_id], self.flag["read"])
                if "starred" in self.flag:
                    library.set_starred([self.story_id], self.flag["starred"])
        except LibraryError as err:
            thread_libraries.forget_current()
            self.signals.failed.emit(err)
