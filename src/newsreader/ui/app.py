"""Starting the desktop app: ``newsreader`` with no subcommand calls ``run``.

This module owns start-up: the QApplication, the translation for the user's locale,
the main window, the last-resort exception hook and the log file. Start-up is staged
so the window is on screen as soon as Qt can paint it: before the first paint only
Qt's widgets, the translation and the window's frame (menus, remembered geometry)
are loaded; the library, the reading view and its rows load right after it, and the
log file after that.

``NEWSREADER_BENCH_FIRST_PAINT=1`` makes the app print
``NEWSREADER_FIRST_PAINT <unix time>`` once the window has painted, then
``NEWSREADER_LIST_PAINT <unix time>`` once the headline list has painted rows (or
the welcome or error page has painted), and quit (``benchmarks/ui_bench.py`` measures
start-up with them).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from newsreader.ui.errors import Dialogs, ExceptionReporter, setup_logging
from newsreader.ui.i18n import Language
from newsreader.ui.icon import APP_ID, app_icon
from newsreader.ui.window import MainWindow

BENCH_ENV = "NEWSREADER_BENCH_FIRST_PAINT"
FIRST_PAINT_MARKER = "NEWSREADER_FIRST_PAINT"
LIST_PAINT_MARKER = "NEWSREADER_LIST_PAINT"

# The log file is opened this long after start-up (the exception hook opens it
# at once when it needs it): it costs ~12 ms that the first screens need more.
LOGGING_DELAY_MS = 1500


class StartupMarks(QObject):
    """The benchmark's clock: prints when the window, then its content, first painted.

    Watches the window's first paint, then, once the library is open, the first paint
    of the headline list with rows in it (or of the welcome or error page standing in
    for it). Filters only those widgets: a filter on every event would slow start-up.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._content: QObject | None = None
        window.installEventFilter(self)
        window.libraryOpened.connect(self._on_window_libraryOpened)

    def _on_window_libraryOpened(self) -> None:
        reader = self._window.reader
        page = self._window.stack.currentWidget()
        self._content = reader.list_view.viewport() if page is reader and reader else page
        if self._content is not None:
            self._content.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            if watched is self._window:
                self._window.removeEventFilter(self)
                self.mark(FIRST_PAINT_MARKER)
            elif watched is self._content:
                self._content.removeEventFilter(self)
                # The rest of this paint pass belongs to the content too.
                QTimer.singleShot(0, self._report_content)
        return False

    def _report_content(self) -> None:
        self.mark(LIST_PAINT_MARKER)
        QApplication.quit()

    @staticmethod
    def mark(name: str) -> None:
        print(f"{name} {time.time():.6f}", flush=True)


def missing_display() -> str | None:
    """A plain sentence when there is no screen to open a window on, else None.

    Without it Qt aborts with a page of plugin diagnostics; on Linux a window needs an
    X11 or Wayland session unless a platform is chosen explicitly.
    """
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). "
        "Start newsreader from a desktop session, or use its commands: newsreader --help"
    )


def run(library_path: Path | None = None, argv: list[str] | None = None) -> int:
    """Open the window on ``library_path`` (default library when None); the exit code."""
    problem = missing_display()
    if problem is not None and QApplication.instance() is None:
        print(f"newsreader: {problem}", file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("newsreader")
    app.setOrganizationName("newsreader")
    app.setApplicationDisplayName("newsreader")
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    language = Language()
    language.install(app)
    dialogs = Dialogs()
    window: MainWindow | None = None  # the hook's dialogs need a parent once it exists
    reporter = ExceptionReporter(dialogs, lambda: window)
    reporter.install()
    window = MainWindow(library_path, language=language, dialogs=dialogs, open_after_paint=True)
    if os.environ.get(BENCH_ENV):
        StartupMarks(window)
    window.show()
    QTimer.singleShot(LOGGING_DELAY_MS, setup_logging)
    try:
        return int(app.exec())
    finally:
        # However the loop ended (the Quit action, Ctrl+C, the benchmark), let the
        # window wait for its background tasks: Python must not shut down under a
        # pool thread that is still running Python code.
        window.close()
        reporter.uninstall()
