"""Read and starred marks on their way to the library, never lost, never waited for.

This module owns saving the reading view's marks without the GUI thread ever
waiting on the library's write lock: each mark is tried at once without waiting;
while another program (an import in a terminal) holds the lock, marks wait here,
the status bar says so, and they are tried again every quarter second, then saved
together. Closing the library saves what is left, waiting a few seconds at most.
Must not import SQL.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from newsreader.store.errors import LibraryBusy, LibraryError
from newsreader.store.library import Library

#: How often waiting marks are tried again.
RETRY_MS = 250
#: How long closing the library may wait to save the marks still waiting.
CLOSE_WAIT_S = 5.0


class MarkQueue(QObject):
    """Marks to save: ``add`` them; they reach the library as soon as it lets them."""

    waiting = Signal(int)  # how many marks wait for the lock (0: all saved)
    refused = Signal(object)  # a LibraryError's message: marks cannot be saved at all

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._pending: dict[tuple[int, str], bool] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(RETRY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.refusing = False

    @property
    def pending(self) -> int:
        return len(self._pending)

    def add(self, story_id: int, column: str, value: bool) -> None:
        if self.refusing:
            return
        self._pending[(story_id, column)] = value
        self.flush()

    def flush(self, wait: float = 0.0) -> bool:
        """Try to save every waiting mark; True when none is left waiting."""
        if not self._pending or self.refusing:
            return True
        marks = [(story_id, column, value) for (story_id, column), value in self._pending.items()]
        try:
            self.library.save_marks(marks, wait=wait)
        except LibraryBusy:
            if not self._timer.isActive():
                self._timer.start()
            self.waiting.emit(len(self._pending))
            return False
        except LibraryError as err:
            self.refusing = True
            self._pending.clear()
            self._timer.stop()
            self.refused.emit(err.message)
            return False
        self._pending.clear()
        if self._timer.isActive():
            self._timer.stop()
            self.waiting.emit(0)
        return True

    def close(self) -> bool:
        """Save what waits before the library closes (waiting a little at most)."""
        self._timer.stop()
        return self.flush(wait=CLOSE_WAIT_S)

    def _on_timer_timeout(self) -> None:
        self.flush()
