"""The main window: menus and shortcuts, the page it shows, imports, drops, settings.

This module owns the window around the reading view: opening the library (and the
page and dialog shown when it cannot be opened), the welcome page for an empty
library, File/Edit/View/Story menus with their shortcuts, imports started from the
menus or by dropping files and folders, noticing changes made to the library by
other programs (``PRAGMA data_version``, polled), and saving what QSettings
remembers. The GUI thread owns one library connection; workers open their own.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget

from newsreader.ui.errors import Dialogs
from newsreader.ui.i18n import Language
from newsreader.ui.settings import Settings

# NOTE: this module is on the first-paint path, so it imports neither the store nor the
# reading view (nor PySide6's ``Qt`` namespace, whose ~100 enums cost ~15 ms to create):
# they load in ``open_library``, right after the window has painted once.
if TYPE_CHECKING:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QPaintEvent

    from newsreader.store.library import Library
    from newsreader.store.records import FileResult
    from newsreader.ui.errorpage import LibraryErrorPage
    from newsreader.ui.importflow import ImportController
    from newsreader.ui.reader import ReaderView
    from newsreader.ui.welcome import WelcomeView

log = logging.getLogger(__name__)

# How often to look for changes made by other programs (a cheap PRAGMA).
POLL_MS = 1000
# The longest the window waits for another program's lock (an import commits at
# least every half second; a program that holds the library longer makes it "busy").
GUI_BUSY_TIMEOUT_S = 2.0
#: Start-up opens the library after the window's first paint, or after this long.
OPEN_AT_THE_LATEST_MS = 1000


def _worded(message: str) -> str:
    """A store's message in the user's language, by its code (see ``ui.messages``)."""
    from newsreader.ui.messages import translated  # not needed for the first paint

    return translated(message)


class MainWindow(QMainWindow):
    """The window. ``open_after_paint`` (the app's start-up) paints the empty window
    first and opens the library right after; otherwise it opens in the constructor."""

    # The library was opened, or failed to open and the error page is showing.
    libraryOpened = Signal()

    def __init__(
        self,
        library_path: Path | str | None = None,
        *,
        language: Language | None = None,
        settings: Settings | None = None,
        dialogs: Dialogs | None = None,
        poll_ms: int = POLL_MS,
        open_after_paint: bool = False,
    ) -> None:
        super().__init__()
        self.language = language or Language()
        self.settings = settings or Settings()
        self.dialogs = dialogs or Dialogs()
        # None until opened: the default path needs platformdirs, which start-up can skip.
        self.library_path: Path | None = Path(library_path) if library_path else None
        self.library: Library | None = None
        self.reader: ReaderView | None = None
        self._data_version = 0
        self._opening = False
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        # Pool threads stay for the window's life: each keeps its library connection.
        self.pool.setExpiryTimeout(-1)
        self.setWindowTitle("newsreader")
        self.setAcceptDrops(True)

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        # The welcome and error pages are made when first needed (start-up stays cheap).
        self._welcome: WelcomeView | None = None
        self._error_page: LibraryErrorPage | None = None
        self.importer: ImportController | None = None
        self._build_actions()
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self._on_poll_timeout)

        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 780)
        if open_after_paint:
            self._opening = True
            self._story_actions_enabled(False)
            self._library_actions_enabled(False)
            # A window that never paints (shown off screen, say) still opens its library.
            QTimer.singleShot(OPEN_AT_THE_LATEST_MS, self, self._open_pending)
        else:
            self.open_library(self.library_path)

    # -- pages ---------------------------------------------------------------------------

    @property
    def welcome(self) -> WelcomeView:
        if self._welcome is None:
            from newsreader.ui.welcome import WelcomeView

            self._welcome = WelcomeView()
            self._welcome.importFiles.connect(self.import_files)
            self._welcome.importFolder.connect(self.import_folder)
            self._welcome.openSample.connect(self.open_sample)
            self.stack.addWidget(self._welcome)
        return self._welcome

    @property
    def error_page(self) -> LibraryErrorPage:
        if self._error_page is None:
            from newsreader.ui.errorpage import LibraryErrorPage

            self._error_page = LibraryErrorPage()
            self._error_page.open_button.clicked.connect(self.choose_library)
            self._error_page.retry_button.clicked.connect(
                lambda: self.open_library(self.library_path)
            )
            self.stack.addWidget(self._error_page)
        return self._error_page

    # -- actions -----------------------------------------------------------------------

    def _action(self, text: str, slot: object, *keys: QKeySequence | str) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work with the menu bar hidden too
        return action

    def _build_actions(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        self.import_files_action = self._action(
            self.tr("Import Files…"), self.import_files, QKeySequence.StandardKey.Open
        )
        self.import_folder_action = self._action(
            self.tr("Import Folder…"), self.import_folder, "Ctrl+Shift+O"
        )
        self.sample_action = self._action(self.tr("Open a Sample"), self.open_sample)
        self.open_library_action = self._action(self.tr("Open Library…"), self.choose_library)
        self.quit_action = self._action(self.tr("Quit"), self.close, QKeySequence.StandardKey.Quit)
        for a in (self.import_files_action, self.import_folder_action, self.sample_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.open_library_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = menu.addMenu(self.tr("&Edit"))
        self.copy_action = self._action(
            self.tr("Copy Story"), self._on_copy, QKeySequence.StandardKey.Copy
        )
        self.find_action = self._action(
            self.tr("Search"), self._on_find, QKeySequence.StandardKey.Find
        )
        edit_menu.addAction(self.copy_action)
        edit_menu.addAction(self.find_action)

        view_menu = menu.addMenu(self.tr("&View"))
        self.zoom_in_action = self._action(
            self.tr("Larger Text"), lambda: self._zoom(1), QKeySequence.StandardKey.ZoomIn,
            "Ctrl+="
        )
        self.zoom_out_action = self._action(
            self.tr("Smaller Text"), lambda: self._zoom(-1), QKeySequence.StandardKey.ZoomOut
        )
        self.zoom_reset_action = self._action(
            self.tr("Actual Size"), lambda: self._zoom(0), "Ctrl+0"
        )
        for a in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            view_menu.addAction(a)

        story_menu = menu.addMenu(self.tr("&Story"))
        self.next_action = self._action(self.tr("Next Story"), lambda: self._move(1), "J")
        self.previous_action = self._action(
            self.tr("Previous Story"), lambda: self._move(-1), "K"
        )
        self.page_action = self._action(
            self.tr("Page Down, Then Next Story"), self._on_page, "Space"
        )
        self.read_action = self._action(self.tr("Mark Read or Unread"), self._on_toggle_read, "M")
        self.star_action = self._action(self.tr("Star or Unstar"), self._on_toggle_star, "S")
        for a in (self.next_action, self.previous_action, self.page_action, self.read_action,
                  self.star_action):
            story_menu.addAction(a)

    def _story_actions_enabled(self, enabled: bool) -> None:
        for a in (self.copy_action, self.find_action, self.next_action, self.previous_action,
                  self.page_action, self.read_action, self.star_action):
            a.setEnabled(enabled)

    # -- the library -------------------------------------------------------------------

    def open_library(self, path: Path | None) -> bool:
        """Open ``path`` (None: the default library); on failure show what to do (page
        and dialog), never a traceback."""
        from newsreader.store import browse
        from newsreader.store.errors import LibraryError
        from newsreader.store.library import Library, default_library_path
        from newsreader.ui.reader import ReaderView

        self._opening = False
        self._close_library()
        library_path = Path(path) if path else default_library_path()
        self.library_path = library_path
        try:
            library = Library.open(library_path, busy_timeout=GUI_BUSY_TIMEOUT_S)
            self._data_version = library.data_version()
        except LibraryError as err:
            self._show_library_error(err.message)
            self.libraryOpened.emit()
            return False
        self.library = library
        self.reader = ReaderView(library, self.language, self.pool, zoom=self.settings.zoom())
        self.reader.zoomChanged.connect(self.settings.set_zoom)
        self.reader.search_bar.set_order(self.settings.search_order())
        self.reader.search_bar.orderChanged.connect(self.settings.set_search_order)
        self.reader.storyShown.connect(
            lambda story_id: self.settings.set_last_story(library_path, story_id)
        )
        self.reader.libraryCountChanged.connect(self._on_reader_libraryCountChanged)
        self.reader.problem.connect(self._on_reader_problem)
        self.reader.notice.connect(self._on_reader_notice)
        splitter = self.settings.splitter()
        if splitter is not None:
            self.reader.splitter.restoreState(splitter)
        else:
            self.reader.splitter.setSizes([440, 760])
        self.stack.addWidget(self.reader)
        since, until = self.settings.date_range()
        flt = browse.BrowseFilter(self.settings.show(), since, until)
        self.reader.search_bar.set_filter(flt)
        self.reader.load_first_page(flt, restore_id=self.settings.last_story(library_path))
        if self.reader.library_total is not None:
            self._on_reader_libraryCountChanged(self.reader.library_total)
        else:
            self.stack.setCurrentWidget(self.reader)  # until the count says otherwise
            self._library_actions_enabled(True)
        self.setWindowTitle(f"newsreader — {library_path.name}")
        self._poll.start()
        # The list paints first (start-up is measured to it), the article pane right after.
        self.reader.listPainted.connect(self._make_article_pane)
        self.libraryOpened.emit()
        return True

    def _show_library_error(self, message: str) -> None:
        message = _worded(message)
        self.error_page.message.setText(message)
        self.stack.setCurrentWidget(self.error_page)
        self._story_actions_enabled(False)
        self._library_actions_enabled(False)
        self.dialogs.library_error(self, message)

    def _close_library(self) -> None:
        self._poll.stop()
        if self.importer is not None:
            self.importer.wait()
            self.importer.deleteLater()
            self.importer = None
        self.pool.waitForDone()
        if self.library is not None:
            from newsreader.ui.workers import thread_libraries

            thread_libraries.close(self.library.path)
        if self.reader is not None:
            self._save_reader_settings()
            self.reader.detach()
            self.stack.removeWidget(self.reader)
            self.reader.deleteLater()
            self.reader = None
        if self.library is not None:
            self.library.close()
            self.library = None

    def choose_library(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Open Library"), str((self.library_path or Path.home()).parent),
            self.tr("newsreader libraries (*.sqlite3 *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.open_library(Path(path))

    def _library_actions_enabled(self, enabled: bool) -> None:
        for a in (self.import_files_action, self.import_folder_action, self.sample_action):
            a.setEnabled(enabled)

    def _on_reader_libraryCountChanged(self, total: int) -> None:
        if self.reader is None:
            return
        self._library_actions_enabled(True)
        empty = total == 0
        self.stack.setCurrentWidget(self.welcome if empty else self.reader)
        self._story_actions_enabled(not empty)

    def _on_reader_notice(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _on_reader_problem(self, message: str) -> None:
        self.dialogs.problem(self, self.tr("Library problem"), _worded(message))

    def _on_poll_timeout(self) -> None:
        from newsreader.store.errors import LibraryError  # loaded with the store by now

        if self.library is None or self.reader is None:
            return
        try:
            version = self.library.data_version()
        except LibraryError:
            log.warning("cannot read the library's data version", exc_info=True)
            return
        if version != self._data_version:
            self._data_version = version
            self.reader.refresh()
            self.reader.reload_current()

    # -- importing ------------------------------------------------------------------

    def start_import(self, paths: list[str | Path]) -> bool:
        if self.library is None or not paths:
            return False
        if self.importer is None:
            from newsreader.ui.importflow import ImportController

            self.importer = ImportController(self.library_path, self)
            self.importer.finished.connect(self._on_importer_finished)
            self.importer.failed.connect(self._on_importer_failed)
        if self.importer.running:
            self.statusBar().showMessage(self.tr("An import is already running."), 5000)
            return False
        return self.importer.start([str(p) for p in paths])

    def import_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import Page Dumps"), str(Path.home()),
            self.tr("Page dumps (*.txt);;All files (*)"),
        )
        if paths:
            self.start_import(paths)

    def import_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path = QFileDialog.getExistingDirectory(self, self.tr("Import a Folder of Dumps"),
                                                str(Path.home()))
        if path:
            self.start_import([path])

    def open_sample(self) -> None:
        from newsreader.ui.importflow import sample_path

        self.start_import([sample_path()])

    def _on_importer_finished(self, results: list[FileResult], cancelled: bool) -> None:
        added = sum(r.added for r in results)
        updated = sum(r.updated for r in results)
        self.statusBar().showMessage(
            self.tr("Import finished. Stories added: {added}, updated: {updated}.").format(
                added=added, updated=updated
            ),
            10000,
        )
        if self.library is not None and self.reader is not None:
            self._data_version = self.library.data_version()
            self.reader.refresh()
            self.reader.reload_current()

    def _on_importer_failed(self, message: str) -> None:
        self.dialogs.problem(self, self.tr("Import failed"), _worded(message))
        if self.reader is not None:
            self.reader.refresh()

    # -- drag and drop ---------------------------------------------------------------

    @staticmethod
    def _local_paths(urls: list[QUrl]) -> list[str]:
        return [u.toLocalFile() for u in urls if u.isLocalFile() and u.toLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if self.library is not None and mime.hasUrls() and self._local_paths(mime.urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._local_paths(event.mimeData().urls()) if event.mimeData().hasUrls() else []
        if paths and self.start_import(paths):
            event.acceptProposedAction()
        else:
            event.ignore()

    # -- reading commands ---------------------------------------------------------------

    def _on_copy(self) -> None:
        if self.reader is not None:
            self.reader.copy_story()

    def _on_find(self) -> None:
        if self.reader is not None:
            self.reader.focus_search()

    def _zoom(self, step: int) -> None:
        if self.reader is None:
            return
        view = self.reader.article
        if step == 0:
            view.zoom_reset()
        else:
            view.set_zoom(view.zoom + step)

    def _move(self, step: int) -> None:
        if self.reader is not None:
            self.reader.move(step)

    def _on_page(self) -> None:
        if self.reader is not None:
            self.reader.page_or_next()

    def _on_toggle_read(self) -> None:
        if self.reader is not None:
            self.reader.toggle_read()

    def _on_toggle_star(self) -> None:
        if self.reader is not None:
            self.reader.toggle_star()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._opening:
            # The empty window is on screen: now open the library and fill it.
            QTimer.singleShot(0, self, self._open_pending)

    def _open_pending(self) -> None:
        if self._opening:  # once, and not after the window was closed
            self.open_library(self.library_path)

    def _make_article_pane(self) -> None:
        if self.reader is not None and not self.reader.has_article_pane():
            self.reader.article  # noqa: B018 - the property makes it
            from newsreader.ui.workers import WarmUpTask

            self.pool.start(WarmUpTask())

    # -- closing -------------------------------------------------------------------------

    def _save_reader_settings(self) -> None:
        if self.reader is None:
            return
        self.settings.set_splitter(self.reader.splitter.saveState())
        flt = self.reader.flt
        self.settings.set_show(flt.show)
        self.settings.set_date_range(flt.since, flt.until)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._opening = False
        self.settings.set_geometry(self.saveGeometry())
        self._close_library()
        self.dialogs.close_all()
        self.settings.sync()
        super().closeEvent(event)

