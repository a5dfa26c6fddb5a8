"""Importing from the window: choosing files, the progress dialog, the final report.

This module owns one import at a time: an ``ImportWorker`` on its own ``QThread``
(its own library connection), a progress dialog with Cancel (dumps already done
stay, the current one rolls back), and the report dialog (stories added and updated,
warnings, rejected files with reasons). Dialogs open with ``open()``, never a nested
event loop, and stay reachable as attributes for tests. Must not import SQL.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsreader.store.records import FileResult
from newsreader.ui import colours, messages
from newsreader.ui.workers import ImportWorker

log = logging.getLogger(__name__)


def sample_path() -> Path:
    """The sample dump shipped in the package."""
    return Path(str(resources.files("newsreader") / "data" / "sample.txt"))


class ImportReportDialog(QDialog):
    """What an import did, file by file."""

    def __init__(
        self, results: list[FileResult], cancelled: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import Report"))
        self.results = results
        imported = [r for r in results if r.status == "imported"]
        unchanged = sum(r.status == "unchanged" for r in results)
        rejected = sum(r.status == "rejected" for r in results)
        added = sum(r.added for r in imported)
        updated = sum(r.updated for r in imported)
        lines = [
            self.tr("Stories added: {added}, updated: {updated}.").format(
                added=added, updated=updated
            ),
            self.tr("Files imported: {imported}, already imported: {unchanged}, "
                    "rejected: {rejected}.")
            .format(imported=len(imported), unchanged=unchanged, rejected=rejected),
        ]
        if cancelled:
            lines.append(
                self.tr("Cancelled: the files listed were imported; the file being read when "
                        "you cancelled was left out entirely.")
            )
        self.summary = QLabel("\n".join(lines))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTreeWidget()
        self.table.setUniformRowHeights(False)
        self.table.setWordWrap(True)
        self.table.setHeaderLabels(
            [self.tr("File"), self.tr("Result"), self.tr("Added"), self.tr("Updated"),
             self.tr("Notes")]
        )
        statuses = {
            "imported": self.tr("imported"),
            "unchanged": self.tr("already imported"),
            "rejected": self.tr("rejected"),
        }
        warning = colours.warning(self.palette())

        # What changed comes first (most stories first), then rejections, then files
        # that added nothing; files already imported are folded into one counted row.
        def weight(r: FileResult) -> tuple[int, int]:
            changed = r.added + r.updated
            rank = 0 if changed else (1 if r.status == "rejected" else 2)
            return rank, -changed

        shown = sorted((r for r in results if r.status != "unchanged"), key=weight)
        same = [r for r in results if r.status == "unchanged"]
        for r in shown:
            self.table.addTopLevelItem(self._item(r, statuses, warning))
        self.unchanged_item: QTreeWidgetItem | None = None
        if same:
            folded = _Row([self.tr("{n} files already imported").format(n=len(same)),
                           statuses["unchanged"], "", "", ""])
            for r in same:
                folded.addChild(self._item(r, statuses, warning))
            self.table.addTopLevelItem(folded)
            folded.setExpanded(False)
            self.unchanged_item = folded
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the order above
        header = self.table.header()
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setStretchLastSection(True)
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addWidget(self.table, 1)
        column.addWidget(buttons)
        self.resize(720, 360)

    def _item(self, r: FileResult, statuses: dict[str, str], warning: QColor) -> _Row:
        notes = [r.error] if r.error else []
        notes.extend(r.warnings)
        if r.note:
            notes.append(r.note)
        notes = [messages.translated(n) for n in notes]
        name = Path(r.path).name or r.path
        item = _Row(
            [name, statuses.get(r.status, r.status), str(r.added) if r.status == "imported"
             else "", str(r.updated) if r.status == "imported" else "", "\n".join(notes)]
        )
        item.setToolTip(0, r.path)
        for column in (2, 3):
            item.setTextAlignment(
                column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
            )
        if r.status == "rejected":
            item.setForeground(1, warning)
        return item


class _Row(QTreeWidgetItem):
    """A report row: the Added and Updated columns sort as numbers."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        column = self.treeWidget().sortColumn() if self.treeWidget() else 0
        if column in (2, 3):
            def number(item: QTreeWidgetItem) -> int:
                text = item.text(column)
                return int(text) if text.isdigit() else -1

            return number(self) < number(other)
        return self.text(column) < other.text(column)


class ImportController(QObject):
    """Runs one import at a time for a window."""

    started = Signal()
    finished = Signal(list, bool)  # results, cancelled
    failed = Signal(object)  # a Message, or an unexpected error's text

    def __init__(self, library_path: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self.library_path = library_path
        self.window = parent
        self.thread: QThread | None = None
        self.worker: ImportWorker | None = None
        self.progress: QProgressDialog | None = None
        self.report: ImportReportDialog | None = None
        self.results: list[FileResult] = []

    @property
    def running(self) -> bool:
        return self.thread is not None

    def start(self, paths: list[str]) -> bool:
        """Import ``paths`` in the background; False when an import is already running."""
        if self.running or not paths:
            return False
        self.results = []
        self.worker = ImportWorker(self.library_path, [str(p) for p in paths])
        self.thread = QThread(self)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._on_worker_progress)
        self.worker.finished.connect(self._on_worker_finished)
        self.worker.failed.connect(self._on_worker_failed)

        self.progress = QProgressDialog(
            self.tr("Importing…"), self.tr("Cancel"), 0, 0, self.window
        )
        self.progress.setWindowTitle(self.tr("Import"))
        # Not modal: reading goes on while a long import runs (the list fills as it does).
        self.progress.setWindowModality(Qt.WindowModality.NonModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self.progress.show()
        self.started.emit()
        self.thread.start()
        return True

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            if self.progress is not None:
                self.progress.setLabelText(self.tr("Cancelling…"))

    def wait(self, msecs: int = 30000) -> None:
        """Cancel and wait for the worker (window closing)."""
        if self.worker is not None:
            self.worker.cancel()
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait(msecs)

    def _on_worker_progress(self, done: int, total: int, result: FileResult) -> None:
        self.results.append(result)
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            if self.worker is not None and not self.worker.cancelled:
                self.progress.setLabelText(
                    self.tr("Imported {done} of {total}: {name}").format(
                        done=done, total=total, name=Path(result.path).name
                    )
                )

    def _finish_thread(self) -> None:
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()
            self.thread.deleteLater()
        if self.worker is not None:
            self.worker.deleteLater()
        self.thread = None
        self.worker = None
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.reset()
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _on_worker_finished(self, results: list[FileResult], cancelled: bool) -> None:
        self._finish_thread()
        self.results = list(results)
        self.report = ImportReportDialog(self.results, cancelled, self.window)
        self.report.setWindowModality(Qt.WindowModality.WindowModal)
        self.report.open()
        self.finished.emit(self.results, cancelled)

    def _on_worker_failed(self, message: object) -> None:
        self._finish_thread()
        self.failed.emit(message)
