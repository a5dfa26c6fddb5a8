"""Telling the user what went wrong: error dialogs, the log file, the last-resort hook.

This module owns the log file (``platformdirs.user_log_path("newsreader")``), the
dialog for a library that cannot be opened (the store's sentence says what to do;
never a traceback), and the hook that turns an unexpected exception into a dialog
plus a logged traceback. Dialogs are shown with ``open()`` (window-modal, never a
nested event loop) and kept in ``Dialogs.shown`` so tests can find and close them.
Must not import SQL. (QMessageBox and the ``Qt`` namespace are imported when first
needed: this module is on the start-up path, and creating their enums costs ~30 ms.)
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger("newsreader")

_handler: logging.Handler | None = None


def log_path() -> Path:
    import platformdirs

    return platformdirs.user_log_path("newsreader", appauthor=False) / "newsreader.log"


def _private_log_file(path: Path) -> logging.Handler:
    """A rotating log whose files only their owner can read (0600), like the library:
    a log can name stories and files the user read."""
    import logging.handlers

    class PrivateLogFile(logging.handlers.RotatingFileHandler):
        def _open(self):  # type: ignore[no-untyped-def]  # logging's own name
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            return open(fd, "a", encoding=self.encoding, errors=self.errors)

    return PrivateLogFile(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")


def setup_logging() -> Path:
    """Log warnings and errors to the platform log folder (idempotent)."""
    import logging.handlers

    global _handler
    path = log_path()
    if _handler is None:
        try:
            if not path.parent.exists():
                path.parent.mkdir(parents=True, mode=0o700)
                path.parent.chmod(0o700)  # private by default (mkdir's mode meets the umask)
            _handler = _private_log_file(path)
        except OSError:
            _handler = logging.StreamHandler(sys.stderr)
        _handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
        )
        root = logging.getLogger("newsreader")
        root.addHandler(_handler)
        root.setLevel(logging.INFO)
    return path


class Dialogs:
    """Shows message boxes without blocking; remembers them for tests."""

    def __init__(self) -> None:
        self.shown: list[QMessageBox] = []

    def _open(self, box: QMessageBox) -> QMessageBox:
        from PySide6.QtCore import Qt

        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(lambda _result, b=box: self._forget(b))
        self.shown.append(box)
        box.open()
        return box

    def _forget(self, box: QMessageBox) -> None:
        if box in self.shown:
            self.shown.remove(box)

    def library_error(self, parent: QWidget | None, message: str) -> QMessageBox:
        """The library cannot be opened or written: the store's sentence says why."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("Errors", "Cannot open the library"))
        box.setText(QCoreApplication.translate("Errors", "The library cannot be used."))
        box.setInformativeText(message)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        return self._open(box)

    def problem(self, parent: QWidget | None, title: str, message: str) -> QMessageBox:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(message)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        return self._open(box)

    def link_failed(self, parent: QWidget | None, address: str) -> QMessageBox:
        """No browser opened a link: say so, and offer its address for the clipboard."""
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(QCoreApplication.translate("Errors", "Cannot open the link"))
        box.setText(
            QCoreApplication.translate(
                "Errors", "No web browser opened this address:\n{address}"
            ).format(address=address)
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "Errors", "Copy the address and open it in a browser yourself."
            )
        )
        copy = box.addButton(
            QCoreApplication.translate("Errors", "Copy Address"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(address))
        box.addButton(QMessageBox.StandardButton.Close)
        return self._open(box)

    def unexpected(self, parent: QWidget | None, summary: str) -> QMessageBox:
        """A bug: say so plainly, point at the log, keep the traceback out of sight."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("Errors", "Something went wrong"))
        box.setText(
            QCoreApplication.translate(
                "Errors",
                "newsreader ran into an unexpected problem and may not work as it should.",
            )
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "Errors",
                "{summary}\n\nThe details were written to {log}. Please send that file with "
                "a description of what you were doing.",
            ).format(summary=summary, log=log_path())
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        return self._open(box)

    def close_all(self) -> None:
        for box in list(self.shown):
            box.done(0)


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


class ExceptionReporter:
    """``sys.excepthook`` for the GUI: log the traceback, show a dialog, keep running."""

    def __init__(self, dialogs: Dialogs, parent: Callable[[], QWidget | None]) -> None:
        self.dialogs = dialogs
        self.parent = parent
        self._previous: ExceptHook | None = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
            self._previous = None

    def handle(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        import traceback

        setup_logging()
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, error, tb)))
        summary = f"{kind.__name__}: {error}"
        try:
            self.dialogs.unexpected(self.parent(), summary)
        except Exception:  # noqa: BLE001 - never recurse from the hook
            traceback.print_exception(kind, error, tb)
