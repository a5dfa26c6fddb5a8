"""Followed folders in the window: the settings dialog, background syncs, the status.

This module owns when the window syncs its library's followed folders (on opening the
library, when a followed folder changes where the platform reports it through
``QFileSystemWatcher``, every few minutes since network shares often report nothing,
and again soon while files are still being written), running each sync off the GUI
thread with its own library connection, and saying what happened in the status bar:
how many stories came from which folder, or quietly that a shared folder cannot be
reached (never a dialog). The dialog adds and removes folders and sets the rescan
interval. The work is ``store.following``'s; this module has no SQL.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from newsreader.store.following import FollowedFolder, SyncReport
    from newsreader.ui.window import MainWindow

# A change reported by the watcher is looked at after this quiet time (a copy of many
# files reports many changes).
_WATCH_DEBOUNCE_MS = 1500
# At most this many folders are watched (the followed folders and their subfolders).
_WATCH_LIMIT = 256
# The window waits this long for another program's lock before a sync gives up (the
# next rescan tries again).
_BUSY_TIMEOUT_S = 5.0


class SyncJob(QThread):
    """One piece of following work on its own thread, with its own library connection.

    ``kind`` is ``"sync"``, ``"follow"`` or ``"unfollow"``; ``done`` carries the sync
    report (or None), the followed folders afterwards, and a problem (a store
    ``Message``) or None.
    """

    done = Signal(object, object, object)

    def __init__(self, library_path: Path, kind: str, path: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library_path = library_path
        self.kind = kind
        self.path = path
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        from newsreader.store.errors import LibraryError
        from newsreader.store.following import Following
        from newsreader.store.library import Library

        report: SyncReport | None = None
        folders: list[FollowedFolder] = []
        problem: object = None
        try:
            with Library.open(self.library_path, busy_timeout=_BUSY_TIMEOUT_S,
                              create=False) as library:
                following = Following(library)
                try:
                    if self.kind == "follow" and self.path is not None:
                        following.follow(self.path)
                    elif self.kind == "unfollow" and self.path is not None:
                        following.unfollow(self.path)
                    if self.kind in ("sync", "follow"):
                        report = following.sync(should_cancel=self._cancel.is_set)
                except LibraryError as err:
                    problem = err.message
                folders = following.folders()
        except LibraryError as err:
            problem = err.message
        self.done.emit(report, folders, problem)


class FollowingController(QObject):
    """Keeps the open library's followed folders synced while the window is open."""

    foldersChanged = Signal()
    # A sync finished: its report (``store.following.SyncReport``).
    synced = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.library_path: Path | None = None
        self.folders: list[FollowedFolder] = []
        self._jobs: deque[tuple[str, str | None]] = deque()
        self._job: SyncJob | None = None
        self._dialog: FollowingDialog | None = None

        self.action = QAction(self.tr("Followed Folders…"), window)
        self.action.triggered.connect(self.show_dialog)
        window.menus.file_menu.insertAction(window.menus.open_library, self.action)

        self.status = QLabel()
        self.status.setObjectName("followingStatus")
        self.status.hide()
        window.statusBar().addPermanentWidget(self.status)

        self.rescan = QTimer(self)
        self.rescan.timeout.connect(self._on_rescan_timeout)
        self.set_rescan_minutes(self.rescan_minutes())
        self.soon = QTimer(self)  # after a watcher event, or while files are pending
        self.soon.setSingleShot(True)
        self.soon.timeout.connect(self.sync_now)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._on_watcher_directoryChanged)

    # -- the library -----------------------------------------------------------------

    def attach(self, library_path: Path) -> None:
        """A library was opened: sync its followed folders now and from time to time."""
        self.library_path = library_path
        self.rescan.start()
        self.sync_now()

    def detach(self) -> None:
        """The library is closing: stop (a sync in progress stops after its file)."""
        self.rescan.stop()
        self.soon.stop()
        self._jobs.clear()
        if self._job is not None:
            self._job.cancel()
            self._job.wait()
            self._job = None
        self.library_path = None
        self._watch([])
        self.folders = []
        self.status.hide()

    # -- settings --------------------------------------------------------------------

    def rescan_minutes(self) -> int:
        return self.window.settings.rescan_minutes()

    def set_rescan_minutes(self, minutes: int) -> None:
        self.window.settings.set_rescan_minutes(minutes)
        self.rescan.setInterval(int(minutes) * 60_000)

    # -- jobs --------------------------------------------------------------------------

    def sync_now(self) -> None:
        if ("sync", None) not in self._jobs:
            self._queue("sync")

    def add_folder(self, path: str) -> None:
        self._queue("follow", path)

    def remove_folder(self, path: str) -> None:
        self._queue("unfollow", path)

    @property
    def busy(self) -> bool:
        return self._job is not None

    def _queue(self, kind: str, path: str | None = None) -> None:
        if self.library_path is None:
            return
        self._jobs.append((kind, path))
        self._next_job()

    def _next_job(self) -> None:
        if self._job is not None or not self._jobs or self.library_path is None:
            return
        kind, path = self._jobs.popleft()
        self._job = SyncJob(self.library_path, kind, path, self)
        self._job.done.connect(self._on_job_done)
        self._job.start()

    def _on_job_done(self, report: SyncReport | None, folders: list[Any], problem: object) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.wait()
            job.deleteLater()
        if self.library_path is None:
            return  # closed meanwhile
        self.folders = folders
        self._watch([f.path for f in folders if f.reachable])
        self.foldersChanged.emit()
        if report is not None:
            self._show(report)
            if report.pending:
                from newsreader.store.following import SETTLE_SECONDS

                # Files still being written: look again once they may have settled.
                self.soon.start(int(SETTLE_SECONDS * 1000) + 500)
            self.synced.emit(report)
        if problem is not None:
            from newsreader.ui.messages import translated

            self.window.statusBar().showMessage(translated(problem), 10_000)
        self._next_job()

    # -- what the user sees -------------------------------------------------------------

    def _show(self, report: SyncReport) -> None:
        window = self.window
        brought = [(f.path, f.added) for f in report.folders if f.added or f.updated]
        if brought and window.reader is not None:
            window.watch.seen()  # our own write: not "another program changed it"
            window.reader.refresh()
            window.reader.reload_current()
        said = [self.tr("{folder}: {n} new stories").format(folder=_name(path), n=n)
                for path, n in brought if n]
        if said:
            window.statusBar().showMessage("; ".join(said), 15_000)
        away = report.unreachable
        if away:
            lines = []
            for f in away:
                when = (f.last_good_sync_at or "").replace("T", " ")[:16] or self.tr("never")
                lines.append(self.tr("Shared folder temporarily unreachable: {path} (last "
                                     "synced {when})").format(path=f.path, when=when))
            self.status.setText(lines[0] if len(lines) == 1 else self.tr(
                "{n} shared folders temporarily unreachable").format(n=len(lines)))
            self.status.setToolTip("\n".join(lines))
            self.status.show()
        else:
            self.status.hide()

    def show_dialog(self) -> None:
        if self._dialog is None:
            self._dialog = FollowingDialog(self, self.window)
        self._dialog.refresh()
        self._dialog.show()

    # -- watching ----------------------------------------------------------------------

    def _watch(self, roots: list[str]) -> None:
        """Watch the followed folders and their first-level subfolders (bounded)."""
        wanted: list[str] = []
        for root in roots:
            wanted.append(root)
            try:
                with os.scandir(root) as entries:
                    wanted += [e.path for e in entries
                               if e.is_dir(follow_symlinks=False) and not e.name.startswith(".")]
            except OSError:
                continue
        wanted = wanted[:_WATCH_LIMIT]
        current = set(self.watcher.directories())
        gone = [d for d in current if d not in wanted]
        if gone:
            self.watcher.removePaths(gone)
        new = [d for d in wanted if d not in current]
        if new:
            self.watcher.addPaths(new)

    def _on_watcher_directoryChanged(self, _path: str) -> None:
        self.soon.start(_WATCH_DEBOUNCE_MS)

    def _on_rescan_timeout(self) -> None:
        self.sync_now()


def _name(path: str) -> str:
    return Path(path).name or path


class FollowingDialog(QDialog):
    """Followed folders and the rescan interval (File ▸ Followed Folders…)."""

    def __init__(self, controller: FollowingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("Followed Folders"))
        self.resize(620, 380)
        intro = QLabel(self.tr(
            "New dumps saved in these folders (a network share, or a folder Syncthing "
            "keeps in step) are imported by themselves. A file is imported once it has "
            "stopped changing."))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.add_button = QPushButton(self.tr("Add Folder…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.sync_button = QPushButton(self.tr("Sync Now"))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.sync_button.clicked.connect(controller.sync_now)
        self.list.currentRowChanged.connect(self._on_list_currentRowChanged)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.sync_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.interval = QSpinBox()
        self.interval.setRange(1, 24 * 60)
        self.interval.setSuffix(self.tr(" min"))
        self.interval.setValue(controller.rescan_minutes())
        self.interval.valueChanged.connect(self._on_interval_valueChanged)
        form = QFormLayout()
        form.addRow(self.tr("Look for new files every"), self.interval)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addWidget(close)
        controller.foldersChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        current = self.list.currentItem().data(Qt.ItemDataRole.UserRole) if self.list.currentItem() else None
        self.list.clear()
        for folder in self.controller.folders:
            when = (folder.last_good_sync_at or "").replace("T", " ")[:16] or self.tr("never")
            if folder.reachable:
                state = self.tr("{files} files; last synced {when}").format(
                    files=folder.files, when=when)
            else:
                state = self.tr("temporarily unreachable; last synced {when}").format(when=when)
            item = QListWidgetItem(f"{folder.path}\n    {state}")
            item.setData(Qt.ItemDataRole.UserRole, folder.path)
            self.list.addItem(item)
            if folder.path == current:
                self.list.setCurrentItem(item)
        self.remove_button.setEnabled(self.list.currentItem() is not None)

    def _on_add_button_clicked(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Follow a Folder"))
        if path:
            self.controller.add_folder(path)

    def _on_remove_button_clicked(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.controller.remove_folder(item.data(Qt.ItemDataRole.UserRole))

    def _on_list_currentRowChanged(self, _row: int) -> None:
        self.remove_button.setEnabled(self.list.currentItem() is not None)

    def _on_interval_valueChanged(self, minutes: int) -> None:
        self.controller.set_rescan_minutes(minutes)
