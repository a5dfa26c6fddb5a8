"""Imports started from the window: the file dialogs, dropped files, the status line.

This module owns turning a user's choice (File menu, the welcome page's buttons, a
drop of files or folders) into one import on the window's ``ImportController``, and
saying in the status bar what it did. Must not import the store.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QMainWindow

    from PySide6.QtWidgets import QFileDialog

    from newsreader.store.records import FileResult
    from newsreader.ui.i18n import Language
    from newsreader.ui.importflow import ImportController
    from newsreader.ui.settings import Settings


class WindowImports(QObject):
    """One window's imports; ``finished`` says the library changed."""

    finished = Signal()
    failed = Signal(object)  # a Message, or an unexpected error's text

    def __init__(self, window: QMainWindow, settings: Settings, language: Language) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.language = language
        self.library_path: Path | None = None
        self.controller: ImportController | None = None

    def open_on(self, library_path: Path | None) -> None:
        """Imports now go to ``library_path`` (None: no library is open)."""
        self.stop()
        self.library_path = library_path

    @property
    def running(self) -> bool:
        return self.controller is not None and self.controller.running

    def stop(self) -> None:
        """Cancel a running import and wait for it (the library is closing)."""
        if self.controller is not None:
            self.controller.wait()
            self.controller.deleteLater()
            self.controller = None

    def start(self, paths: list[str | Path]) -> bool:
        if self.library_path is None or not paths:
            return False
        if self.controller is None:
            from newsreader.ui.importflow import ImportController

            self.controller = ImportController(self.library_path, self.window)
            self.controller.finished.connect(self._on_controller_finished)
            self.controller.failed.connect(self.failed)
        if self.controller.running:
            self._say(self.tr("An import is already running."), 5000)
            return False
        return self.controller.start([str(p) for p in paths])

    def _folder(self) -> str:
        """Where the file dialogs open: the folder of the last import, else home."""
        folder = self.settings.import_folder()
        return str(folder if folder is not None and folder.is_dir() else Path.home())

    def _options(self) -> QFileDialog.Option:
        from PySide6.QtWidgets import QFileDialog

        # NOTE: a desktop's own dialog speaks the desktop's language; when the user
        # chose another for newsreader, Qt's dialog (translated with it) says the same.
        if self.language.forced:
            return QFileDialog.Option.DontUseNativeDialog
        return QFileDialog.Option(0)

    def choose_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(
            self.window, self.tr("Import Page Dumps"), self._folder(),
            self.tr("Page dumps and saved pages (*.txt *.html *.htm *.shtml *.xhtml *.mhtml *.mht);;All files (*)"),
            options=self._options(),
        )
        if paths:
            self.settings.set_import_folder(Path(paths[0]).parent)
            self.start(paths)

    def choose_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path = QFileDialog.getExistingDirectory(
            self.window, self.tr("Import a Folder of Dumps"), self._folder(),
            QFileDialog.Option.ShowDirsOnly | self._options(),
        )
        if path:
            self.settings.set_import_folder(Path(path).parent)
            self.start([path])

    def open_sample(self) -> None:
        from newsreader.ui.importflow import sample_path

        self.start([sample_path()])

    def _on_controller_finished(self, results: list[FileResult], cancelled: bool) -> None:
        added = sum(r.added for r in results)
        updated = sum(r.updated for r in results)
        if cancelled:
            done = sum(r.status != "rejected" for r in results)
            text = self.tr(
                "Import cancelled: {files} files were read before you cancelled. "
                "Stories added: {added}, updated: {updated}."
            ).format(files=done, added=added, updated=updated)
        else:
            text = self.tr("Import finished. Stories added: {added}, updated: {updated}.")
            text = text.format(added=added, updated=updated)
        self._say(text, 10000)
        self.finished.emit()

    def _say(self, text: str, ms: int) -> None:
        self.window.statusBar().showMessage(text, ms)

    def drag_enter(self, event: QDragEnterEvent) -> None:
        """Accept a drag of local files or folders while a library is open."""
        mime = event.mimeData()
        if self.library_path is not None and mime.hasUrls() and self.local_paths(mime.urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def drop(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        paths = self.local_paths(mime.urls()) if mime.hasUrls() else []
        if paths and self.start(paths):
            event.acceptProposedAction()
        else:
            event.ignore()

    @staticmethod
    def local_paths(urls: list[QUrl]) -> list[str]:
        """The local files and folders among dropped ``urls``."""
        return [u.toLocalFile() for u in urls if u.isLocalFile() and u.toLocalFile()]
