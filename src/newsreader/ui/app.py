"""Starting the desktop app: ``newsreader`` with no subcommand calls ``run``.

This module owns start-up: the QApplication, the translation for the user's locale,
the main window, the last-resort exception hook and the log file. It keeps the first
paint cheap: only Qt's widgets and the store's reading path load before it (no
sqlite_utils, no search code); logging is set up after the window is on screen.

``NEWSREADER_BENCH_FIRST_PAINT=1`` makes the app print
``NEWSREADER_FIRST_PAINT <unix time>`` once the window has painted, and quit
(``benchmarks/ui_bench.py`` measures start-up with it).
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
from newsreader.ui.window import MainWindow

BENCH_ENV = "NEWSREADER_BENCH_FIRST_PAINT"
FIRST_PAINT_MARKER = "NEWSREADER_FIRST_PAINT"


class FirstPaint(QObject):
    """Calls back once, right after a widget's first paint has been flushed."""

    def __init__(self, widget: QObject, callback: object) -> None:
        super().__init__(widget)
        self._callback = callback
        self._seen = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._seen and event.type() == QEvent.Type.Paint:
            self._seen = True
            # The children paint in the same pass; report when the pass is over.
            QTimer.singleShot(0, self._callback)  # type: ignore[arg-type]
        return False


def report_first_paint_and_quit() -> None:
    print(f"{FIRST_PAINT_MARKER} {time.time():.6f}", flush=True)
    QApplication.quit()


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
    language = Language()
    language.install(app)
    dialogs = Dialogs()
    window = MainWindow(library_path, language=language, dialogs=dialogs)
    reporter = ExceptionReporter(dialogs, lambda: window)
    reporter.install()
    if os.environ.get(BENCH_ENV):
        FirstPaint(window, report_first_paint_and_quit)
    window.show()
    QTimer.singleShot(0, setup_logging)
    try:
        return int(app.exec())
    finally:
        reporter.uninstall()
