"""The main window: the page it shows, opening and closing the library, settings.

This module owns the window around the reading view: opening the library (and the
page and dialog shown when it cannot be opened), the welcome page for an empty
library, the window's ``WindowState`` (which page, which commands: see
``windowstate``), noticing changes made to the library by other programs
(``PRAGMA data_version``, polled), and saving what QSettings remembers. Menus live in
``windowmenus``, imports and drops in ``windowimports``, what the reading view
remembers in ``remembered``. The GUI thread owns one
library connection; workers open their own.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMainWindow

from newsreader.ui.errors import Dialogs
from newsreader.ui.i18n import Language
from newsreader.ui.librarywatch import LibraryWatch
from newsreader.ui.settings import Settings
from newsreader.ui.windowimports import WindowImports
from newsreader.ui.windowmenus import WindowMenus
from newsreader.ui.windowpages import WindowPages, fit_to_screen
from newsreader.ui.windowstate import WindowState

# NOTE: this module is on the first-paint path, so it imports neither the store nor the
# reading view (nor PySide6's ``Qt`` namespace, whose ~100 enums cost ~15 ms to create):
# they load in ``open_library``, right after the window has painted once.
if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QPaintEvent

    from newsreader.store.library import Library
    from newsreader.ui.errorpage import LibraryErrorPage
    from newsreader.ui.following import FollowingController
    from newsreader.ui.importflow import ImportController
    from newsreader.ui.reader import ReaderView
    from newsreader.ui.welcome import WelcomeView

# How often to look for changes made by other programs (a cheap PRAGMA).
POLL_MS = 1000
# The longest the window waits for another program's lock (an import commits at
# least every half second; a program that holds the library longer makes it "busy").
GUI_BUSY_TIMEOUT_S = 2.0
# The first window's size, in device-independent pixels (fitted to the screen).
DEFAULT_SIZE = (1200, 780)
#: Start-up opens the library after the window's first paint, or after this long.
OPEN_AT_THE_LATEST_MS = 1000


def _worded(message: object) -> str:
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
        self.following: FollowingController | None = None  # made with the first library
        self.state = WindowState.OPENING
        self._opening = False
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        # Pool threads stay for the window's life: each keeps its library connection.
        self.pool.setExpiryTimeout(-1)
        self.setWindowTitle("newsreader")
        self.setAcceptDrops(True)  # files and folders dropped on the window are imported

        self.imports = WindowImports(self, self.settings, self.language)
        self.imports.finished.connect(self._on_imports_finished)
        self.imports.failed.connect(self._on_imports_failed)
        self.menus = WindowMenus(self, {
            "import_files": self.imports.choose_files,
            "import_folder": self.imports.choose_folder,
            "open_sample": self.imports.open_sample, "choose_library": self.choose_library,
            "quit": self.close,
        })
        self.stack = WindowPages({
            "import_files": self.imports.choose_files,
            "import_folder": self.imports.choose_folder,
            "open_sample": self.imports.open_sample, "choose_library": self.choose_library,
            "retry": lambda: self.open_library(self.library_path),
        })
        self.setCentralWidget(self.stack)
        self.watch = LibraryWatch(poll_ms, self)
        self.watch.changed.connect(self._on_watch_changed)

        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
        fit_to_screen(self)
        if open_after_paint:
            self._opening = True
            self._set_state(WindowState.OPENING)
            # A window that never paints (shown off screen, say) still opens its library.
            QTimer.singleShot(OPEN_AT_THE_LATEST_MS, self, self._open_pending)
        else:
            self.open_library(self.library_path)

    # -- state and pages -----------------------------------------------------------------

    def _set_state(self, state: WindowState) -> None:
        """Show the page of ``state`` and enable the commands it allows."""
        self.state = state
        self.stack.show_state(state, self.reader)
        self.menus.set_state(state)

    @property
    def welcome(self) -> WelcomeView:
        return self.stack.welcome

    @property
    def error_page(self) -> LibraryErrorPage:
        return self.stack.error_page

    # The menus' actions, by the names tests and other modules know them.
    @property
    def import_files_action(self) -> QAction:
        return self.menus.import_files

    @property
    def next_action(self) -> QAction:
        return self.menus.next

    @property
    def find_action(self) -> QAction:
        return self.menus.find

    # -- the library -------------------------------------------------------------------

    def open_library(self, path: Path | None) -> bool:
        """Open ``path`` (None: the default library); on failure show what to do (page
        and dialog), never a traceback."""
        from newsreader.store.errors import LibraryError
        from newsreader.location import default_library_path
        from newsreader.store.library import Library
        from newsreader.ui import remembered
        from newsreader.ui.reader import ReaderView

        self._opening = False
        self._close_library()
        library_path = Path(path) if path else default_library_path()
        self.library_path = library_path
        try:
            library = Library.open(library_path, busy_timeout=GUI_BUSY_TIMEOUT_S)
            library.data_version()  # reads the file: a damaged one fails here
        except LibraryError as err:
            self._show_library_error(err.message)
            return False
        self.library = library
        self.imports.open_on(library_path)
        reader = self.reader = ReaderView(
            library, self.language, self.pool, zoom=self.settings.zoom()
        )
        reader.libraryCountChanged.connect(self._on_reader_libraryCountChanged)
        reader.problem.connect(self._on_reader_problem)
        reader.notice.connect(self._on_reader_notice)
        reader.linkHovered.connect(self._on_reader_linkHovered)
        reader.linkFailed.connect(lambda url: self.dialogs.link_failed(self, url))
        self.stack.addWidget(reader)
        self.menus.bind(reader)
        remembered.restore(reader, self.settings, library_path)
        if reader.library_total is not None:
            self._on_reader_libraryCountChanged(reader.library_total)
        else:
            self._set_state(WindowState.READING)  # until the count says otherwise
        self.setWindowTitle(f"newsreader — {library_path.name}")
        self.watch.start(library)
        self._follow(library_path)
        self.libraryOpened.emit()
        return True

    def _follow(self, library_path: Path) -> None:
        """Sync the library's followed folders now and while it is open."""
        if self.following is None:
            from newsreader.ui.following import FollowingController

            self.following = FollowingController(self)
        self.following.attach(library_path)

    def _show_library_error(self, message: object) -> None:
        message = _worded(message)
        self.error_page.message.setText(message)
        self._set_state(WindowState.NO_LIBRARY)
        self.dialogs.library_error(self, message)
        self.libraryOpened.emit()

    def _close_library(self) -> None:
        self.watch.stop()
        if self.following is not None:
            self.following.detach()
        self.imports.open_on(None)
        self.pool.waitForDone()
        if self.library is not None:
            from newsreader.ui.workers import thread_libraries

            thread_libraries.close(self.library.path)
        if self.state.has_library:
            assert self.reader is not None
            from newsreader.ui import remembered

            remembered.save(self.reader, self.settings)
            self.reader.reading.marks.close()  # marks still waiting for a lock
            self.menus.unbind()
            self.reader.detach()
            self.stack.removeWidget(self.reader)
            self.reader.deleteLater()
            self.reader = None
        self._set_state(WindowState.OPENING)
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

    def _on_reader_libraryCountChanged(self, total: int) -> None:
        self._set_state(WindowState.EMPTY if total == 0 else WindowState.READING)

    def _on_reader_notice(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _on_reader_linkHovered(self, address: str) -> None:
        if address:
            self.statusBar().showMessage(address)
        else:
            self.statusBar().clearMessage()

    def _on_reader_problem(self, message: object) -> None:
        self.dialogs.problem(self, self.tr("Library problem"), _worded(message))

    def _on_watch_changed(self) -> None:
        assert self.reader is not None  # the watch runs only while a library is open
        self.reader.refresh()
        self.reader.reload_current()
        if self.imports.running:
            return  # the window's own import: its progress dialog says what happens
        self.statusBar().showMessage(
            self.tr("The list was refreshed: another program changed the library."), 8000
        )

    # -- importing ------------------------------------------------------------------

    @property
    def importer(self) -> ImportController | None:
        return self.imports.controller

    def start_import(self, paths: list[str | Path]) -> bool:
        return self.imports.start(paths)

    # NOTE: imports run only while a library is open (closing it waits for them), so
    # these slots and the poll find the library and the reading view in place.
    def _on_imports_finished(self) -> None:
        assert self.reader is not None
        self.watch.seen()
        self.reader.refresh()
        self.reader.reload_current()

    def _on_imports_failed(self, message: object) -> None:
        assert self.reader is not None
        self.dialogs.problem(self, self.tr("Import failed"), _worded(message))
        self.reader.refresh()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.imports.drag_enter(event)

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        self.imports.drag_enter(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.imports.drop(event)

    # -- start-up and closing ----------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._opening:
            # The empty window is on screen: now open the library and fill it.
            QTimer.singleShot(0, self, self._open_pending)

    def _open_pending(self) -> None:
        if self._opening:  # once, and not after the window was closed
            self.open_library(self.library_path)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._opening = False
        self.settings.set_geometry(self.saveGeometry())
        self._close_library()
        self.dialogs.close_all()
        self.settings.sync()
        super().closeEvent(event)
