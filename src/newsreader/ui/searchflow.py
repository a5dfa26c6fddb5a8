"""Running searches as the user types: debounced, one at a time, the newest text wins.

This module owns the timing of searches for the reading view: a short debounce after
each keystroke, at most one ``SearchTask`` on the pool at a time (text typed while
one runs is searched when it ends), and dropping answers to questions no longer
asked (generation numbers). It emits outcomes; the reader decides how to show them.
Must not import SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from newsreader.ui.workers import SearchOutcome, SearchRequest, SearchTask

# Wait this long after a keystroke before searching (typing bursts, input methods).
DEBOUNCE_MS = 25


class SearchFlow(QObject):
    """Turns "the text changed" into searches and their outcomes."""

    outcome = Signal(object)  # SearchOutcome: a first page (complete False), then all
    failed = Signal(object)  # a Message, or an unexpected error's text

    def __init__(
        self,
        library_path: Path,
        pool: QThreadPool,
        request: Callable[[], SearchRequest | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library_path = library_path
        self.pool = pool
        # The search the window wants now (None when the field is empty).
        self.request = request
        self._generation = 0
        self._running = False
        self._pending = False
        self._task: SearchTask | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def busy(self) -> bool:
        return self._running or self._timer.isActive()

    def schedule(self, *, immediately: bool = False) -> None:
        """Search for the current text, after the debounce unless ``immediately``."""
        if immediately:
            self._timer.stop()
            self._start()
        else:
            self._timer.start()

    def cancel(self) -> None:
        """Forget every search asked so far (the answers on their way are dropped)."""
        self._timer.stop()
        self._pending = False
        self._generation += 1

    def _on_timer_timeout(self) -> None:
        self._start()

    def _start(self) -> None:
        request = self.request()
        if request is None:
            return
        if self._running:
            self._pending = True
            if self._task is not None:
                self._task.interrupt()  # its answer is no longer wanted
            return
        self._running = True
        self._pending = False
        self._generation += 1
        task = SearchTask(self.library_path, self._generation, request)
        self._task = task
        task.signals.firstPage.connect(self._on_task_firstPage)
        task.signals.done.connect(self._on_task_done)
        task.signals.failed.connect(self._on_task_failed)
        self.pool.start(task)

    def _wanted(self, generation: int, outcome: SearchOutcome) -> bool:
        return generation == self._generation and outcome.request == self.request()

    def _on_task_firstPage(self, generation: int, outcome: SearchOutcome) -> None:
        if not self._pending and self._wanted(generation, outcome):
            self.outcome.emit(outcome)

    def _finished(self) -> bool:
        """Bookkeeping when a task ends; False when a newer search starts instead."""
        self._running = False
        self._task = None
        if self._pending:
            self._start()
            return False
        return True

    def _on_task_done(self, generation: int, outcome: SearchOutcome) -> None:
        if not self._finished():
            return
        if self._wanted(generation, outcome):
            self.outcome.emit(outcome)
        elif generation == self._generation and self.request() is not None:
            self._start()  # the text or filter changed while it ran

    def _on_task_failed(self, generation: int, message: object) -> None:
        if self._finished() and generation == self._generation:
            self.failed.emit(message)
