"""The window's import history, and undoing one import from it.

This module owns the Import History dialog: one row per imported file (newest
first), and **Forget Import…**, which says what forgetting would change (the
store's dry run), asks, then forgets it (``store.forgetting``): stories only that
dump brought go, stories also seen elsewhere lose that source. Both run off the GUI
thread on a connection of their own (they write, and the GUI thread never waits for
the library's lock); the list refreshes by itself when the library changes. Must not
import SQL.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsreader.store.errors import LibraryError
from newsreader.ui.workers import thread_libraries

if TYPE_CHECKING:
    from newsreader.store.forgetting import Forgotten
    from newsreader.store.library import Library


class _ForgetSignals(QObject):
    done = Signal(object)  # Forgotten, or None when the import is gone
    failed = Signal(object)  # the LibraryError


class _ForgetTask(QRunnable):
    def __init__(self, library_path: Path, import_id: int, dry_run: bool) -> None:
        super().__init__()
        self.library_path = library_path
        self.import_id = import_id
        self.dry_run = dry_run
        self.signals = _ForgetSignals()

    def run(self) -> None:
        from newsreader.store.forgetting import forget_import

        try:
            library = thread_libraries.current(self.library_path)
            done = forget_import(library, self.import_id, dry_run=self.dry_run)
        except LibraryError as err:
            thread_libraries.forget_current()
            self.signals.failed.emit(err)
            return
        self.signals.done.emit(done)


class ImportHistoryDialog(QDialog):
    """Every import of ``library``; select one and forget it."""

    forgotten = Signal(object)  # Forgotten, once an import was forgotten for real

    def __init__(self, library: Library, pool: QThreadPool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.pool = pool
        self.setWindowTitle(self.tr("Import History"))
        self.resize(760, 420)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(
            [self.tr("Id"), self.tr("Imported"), self.tr("New"), self.tr("File")]
        )
        self.forget = QPushButton(self.tr("Forget Import…"), self)
        self.forget.clicked.connect(self._on_forget_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.forget, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.tree.currentItemChanged.connect(self._on_tree_currentItemChanged)
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        for record in reversed(self.library.imports()):
            item = QTreeWidgetItem([
                str(record.id), record.imported_at[:16].replace("T", " "),
                f"+{record.added}", record.path,
            ])
            item.setData(0, Qt.ItemDataRole.UserRole, record.id)
            self.tree.addTopLevelItem(item)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        self.forget.setEnabled(self.tree.currentItem() is not None)

    def _on_tree_currentItemChanged(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        self.forget.setEnabled(current is not None)

    def selected_import(self) -> int | None:
        item = self.tree.currentItem()
        return None if item is None else int(item.data(0, Qt.ItemDataRole.UserRole))

    def _on_forget_clicked(self) -> None:
        import_id = self.selected_import()
        if import_id is not None:
            self.start(import_id, dry_run=True)

    def start(self, import_id: int, *, dry_run: bool) -> None:
        """Run the dry run (then ask) or the forgetting itself, off the GUI thread."""
        self.forget.setEnabled(False)
        task = _ForgetTask(self.library.path, import_id, dry_run)
        task.signals.done.connect(self._on_task_done)
        task.signals.failed.connect(self._on_task_failed)
        self.pool.start(task)

    def _on_task_done(self, done: Forgotten | None) -> None:
        self.forget.setEnabled(True)
        if done is None:
            self.refresh()
            return
        if not done.dry_run:
            self.refresh()
            self.forgotten.emit(done)
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Forget Import"), self.tr(
            "Forget the import of {path}? {removed} stories only it brought will be "
            "removed; {changed} stories also seen in other dumps keep those. Importing the "
            "file again brings it back.").format(
                path=done.path, removed=len(done.removed), changed=len(done.changed)),
            QMessageBox.StandardButton.Cancel, self)
        box.addButton(self.tr("Forget"), QMessageBox.ButtonRole.DestructiveRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self._on_confirm_clicked(box, button, done.dump_id))
        self.confirm = box
        box.open()

    def _on_confirm_clicked(self, box: QMessageBox, button: object, import_id: int) -> None:
        if box.buttonRole(button) == QMessageBox.ButtonRole.DestructiveRole:
            self.start(import_id, dry_run=False)

    def _on_task_failed(self, err: LibraryError) -> None:
        from newsreader.ui.messages import translated

        self.forget.setEnabled(True)
        QMessageBox.warning(self, self.tr("Forget Import"), translated(err.message))


def open_for(reader: QWidget, library: Library, pool: QThreadPool) -> ImportHistoryDialog:
    """Show the import history of ``library`` (non-modal, over ``reader``'s window)."""
    dialog = ImportHistoryDialog(library, pool, reader.window())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
