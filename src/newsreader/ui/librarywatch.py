"""Noticing that another program changed the library (an import from the command line).

This module owns the poll of SQLite's ``PRAGMA data_version`` (through the store's
``data_version()``): cheap, it changes only when another connection committed. The
window's own writes are acknowledged with ``seen()`` so they do not count as
another program's. Must not import SQL.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from newsreader.store.library import Library

log = logging.getLogger(__name__)


class LibraryWatch(QObject):
    """Polls one open library; ``changed`` when another program committed to it."""

    changed = Signal()

    def __init__(self, poll_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library: Library | None = None
        self._version = 0
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self, library: Library) -> None:
        self.library = library
        self.seen()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.library = None

    def seen(self) -> None:
        """The library as it is now is known (after the window's own import)."""
        assert self.library is not None
        self._version = self.library.data_version()

    def _on_timer_timeout(self) -> None:
        from newsreader.store.errors import LibraryError  # loaded with the store by now

        assert self.library is not None  # the timer runs only while one is open
        try:
            version = self.library.data_version()
        except LibraryError:
            log.warning("cannot read the library's data version", exc_info=True)
            return
        if version != self._version:
            self._version = version
            self.changed.emit()
