"""The window's menus and shortcuts, and which of them the window's state allows.

This module owns the File/Edit/View/Story menus: their actions, shortcuts (working
with the menu bar hidden too), and binding the reading commands to the reading view
while one is open (``bind`` / ``unbind``): with no reading view an action is
disabled, never a slot that checks for one. Must not import the store, and (it is on
the first-paint path) neither the reading view nor Qt's ``Qt`` namespace.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from newsreader.ui.windowstate import WindowState

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from newsreader.ui.reader import ReaderView


class WindowMenus(QObject):
    """Builds the menu bar of ``window``; ``commands`` are the window's own slots."""

    def __init__(self, window: QMainWindow, commands: dict[str, Callable[[], object]]) -> None:
        super().__init__(window)
        self.window = window
        self._bound: list[tuple[QAction, Callable[[], object]]] = []
        bar = window.menuBar()
        std = QKeySequence.StandardKey

        file_menu = bar.addMenu(self.tr("&File"))
        self.import_files = self._action(
            self.tr("Import Files…"), commands["import_files"], std.Open
        )
        self.import_folder = self._action(
            self.tr("Import Folder…"), commands["import_folder"], "Ctrl+Shift+O"
        )
        self.sample = self._action(self.tr("Open a Sample"), commands["open_sample"])
        self.history = self._action(self.tr("Import History…"), None)
        self.open_library = self._action(self.tr("Open Library…"), commands["choose_library"])
        self.quit = self._action(self.tr("Quit"), commands["quit"], std.Quit)
        for a in (self.import_files, self.import_folder, self.sample, self.history):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.open_library)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        self.file_menu = file_menu

        # Reading commands: connected to the reading view by ``bind``.
        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.copy = self._action(self.tr("Copy Story"), None, std.Copy)
        self.find = self._action(self.tr("Search"), None, std.Find)
        edit_menu.addAction(self.copy)
        edit_menu.addAction(self.find)
        self.edit_menu = edit_menu

        view_menu = bar.addMenu(self.tr("&View"))
        self.zoom_in = self._action(self.tr("Larger Text"), None, std.ZoomIn, "Ctrl+=")
        self.zoom_out = self._action(self.tr("Smaller Text"), None, std.ZoomOut)
        self.zoom_reset = self._action(self.tr("Actual Size"), None, "Ctrl+0")
        for a in (self.zoom_in, self.zoom_out, self.zoom_reset):
            view_menu.addAction(a)
        self.view_menu = view_menu

        story_menu = bar.addMenu(self.tr("&Story"))
        self.next = self._action(self.tr("Next Story"), None, "J")
        self.previous = self._action(self.tr("Previous Story"), None, "K")
        self.page = self._action(self.tr("Page Down, Then Next Story"), None, "Space")
        self.read = self._action(self.tr("Mark Read or Unread"), None, "M")
        self.star = self._action(self.tr("Star or Unstar"), None, "S")
        for a in (self.next, self.previous, self.page, self.read, self.star):
            story_menu.addAction(a)
        self.story_menu = story_menu

    def _action(
        self, text: str, slot: Callable[[], object] | None, *keys: QKeySequence | str
    ) -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        if slot is not None:
            action.triggered.connect(slot)
        self.window.addAction(action)  # shortcuts work with the menu bar hidden too
        return action

    @property
    def library_actions(self) -> tuple[QAction, ...]:
        return (self.import_files, self.import_folder, self.sample)

    @property
    def reading_actions(self) -> tuple[QAction, ...]:
        return (self.copy, self.find, self.zoom_in, self.zoom_out, self.zoom_reset,
                self.next, self.previous, self.page, self.read, self.star, self.history)

    def bind(self, reader: ReaderView) -> None:
        """Connect the reading commands to ``reader`` (a newly opened library)."""
        self.unbind()

        def zoom(step: int) -> Callable[[], None]:
            def run() -> None:
                view = reader.article
                view.zoom_reset() if step == 0 else view.set_zoom(view.zoom + step)

            return run

        pairs: list[tuple[QAction, Callable[[], object]]] = [
            (self.copy, reader.copy_story),
            (self.find, reader.focus_search),
            (self.zoom_in, zoom(1)),
            (self.zoom_out, zoom(-1)),
            (self.zoom_reset, zoom(0)),
            (self.next, lambda: reader.move(1)),
            (self.previous, lambda: reader.move(-1)),
            (self.page, reader.page_or_next),
            (self.read, reader.toggle_read),
            (self.star, reader.toggle_star),
            (self.history, lambda: _open_history(reader)),
        ]
        for action, slot in pairs:
            action.triggered.connect(slot)
        self._bound = pairs

    def unbind(self) -> None:
        for action, slot in self._bound:
            action.triggered.disconnect(slot)
        self._bound = []

    def set_state(self, state: WindowState) -> None:
        """Enable what ``state`` allows."""
        for a in self.library_actions:
            a.setEnabled(state.can_import)
        for a in self.reading_actions:
            a.setEnabled(state.can_read)


def _open_history(reader: ReaderView) -> None:
    from newsreader.ui import importhistory

    importhistory.open_for(reader, reader.library, reader.pool)
