"""The browse list: what the headline list shows when no search is running.

This module owns the browse model for the current filter: the cheap first block
shown at once, the full layout (count, groups, block anchors) computed off the GUI
thread, the labels of "recently imported" headers, and keeping the selected story
where it was on screen across a refresh. Must not import SQL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtWidgets import QAbstractItemView

from newsreader.store import browse
from newsreader.ui.listmodel import KeysetLoader, ListContent, StoryListModel
from newsreader.ui.listplace import Place, capture, keep_offset
from newsreader.ui.workers import LayoutResult, LayoutTask

if TYPE_CHECKING:
    from newsreader.ui.reader import ReaderView


class BrowseList(QObject):
    """The reader's browse model and its background layouts."""

    layoutApplied = Signal()
    libraryCountChanged = Signal(int)  # stories in the whole library
    problem = Signal(object)

    def __init__(self, reader: ReaderView) -> None:
        super().__init__(reader)
        self.reader = reader
        self.library = reader.library
        self.model = StoryListModel(self)
        self.model.loadFailed.connect(self.problem)
        self.flt = browse.BrowseFilter()
        # Stories per block (tests use small blocks to cross block edges).
        self.block = browse.BLOCK
        # Stories in the whole library; None until known (it decides the welcome page).
        self.library_total: int | None = None
        self._generation = 0
        self.pending = False
        self._restore_id: int | None = None
        self._import_labels: dict[Any, str] = {}

    def detach(self) -> None:
        self._generation += 1
        self.model.set_content(ListContent(0, (), lambda block: []))

    def load_first_page(self, flt: browse.BrowseFilter, restore_id: int | None = None) -> None:
        """Show the first block at once (cheap), then ask for the full layout."""
        self.flt = flt
        self._restore_id = restore_id
        lay, rows = browse.first_page(self.library, flt, block=self.block)
        self.model.set_content(self._content(lay, tuple(rows)))
        self._show_span()
        self.reader.update_count()
        if lay.complete and flt == browse.BrowseFilter():
            # The whole library fitted in one block: nothing more to count.
            self.library_total = lay.total
            self.libraryCountChanged.emit(self.library_total)
            if not self.reader.searching:
                self._restore_selection(None)
        else:
            if lay.complete and not self.reader.searching:
                self._restore_selection(None)
            self.refresh()  # counts off the GUI thread

    def refresh(self) -> None:
        """Recompute the layout off the GUI thread (after an import or a change on disk)."""
        self._generation += 1
        self.pending = True
        selected = self._restore_id
        current = self.reader.current_story
        if selected is None and current is not None:
            selected = current.id
        task = LayoutTask(self.library.path, self._generation, self.flt, selected, self.block)
        task.signals.done.connect(self._on_task_done)
        task.signals.failed.connect(self._on_task_failed)
        self.reader.pool.start(task)

    def _show_span(self) -> None:
        """The date filter's "any date" shows the library's own first and last day."""
        self.reader.search_bar.dates.set_library_span(*browse.date_span(self.library))

    def _content(self, lay: browse.BrowseLayout, first: tuple = ()) -> ListContent:
        language = self.reader.language
        label = self._import_label if lay.filter.ordering == "recent" else language.day_label
        return ListContent(
            lay.total, lay.groups, KeysetLoader(self.library, lay), first, label, lay.block
        )

    def _import_label(self, dump_id: Any) -> str:
        """A "recently imported" header: read when it comes on screen, then kept."""
        label = self._import_labels.get(dump_id)
        if label is None:
            language = self.reader.language
            info = browse.dump_labels(self.library, [dump_id]).get(dump_id)
            if info is None:
                label = language.day_label(None)
            else:
                label = language.import_label(info.path, info.imported_at)
            if len(self._import_labels) >= 4096:
                self._import_labels.clear()  # bounded: only headers on screen matter
            self._import_labels[dump_id] = label
        return label

    def _on_task_done(self, generation: int, result: LayoutResult) -> None:
        if generation != self._generation:
            return
        self.pending = False
        searching = self.reader.searching
        place = capture(self.reader.list_view, self.model) if not searching else None
        self.model.set_content(self._content(result.layout))
        self.library_total = result.library_total
        self._show_span()
        if not searching:
            self._restore_selection(result.selected_rank, place)
        self._restore_id = None
        self.reader.update_count()
        self.libraryCountChanged.emit(self.library_total)
        self.layoutApplied.emit()

    def _on_task_failed(self, generation: int, message: object) -> None:
        if generation == self._generation:
            self.pending = False
            self.problem.emit(message)

    def _restore_selection(self, rank: int | None, place: Place | None = None) -> None:
        """Select the remembered story at ``rank`` (if any) where it was on screen."""
        view = self.reader.list_view
        row = None
        if rank is not None:
            row = self.model.row_of_rank(rank)
        elif self._restore_id is not None:
            row = self.model.row_of_story(self._restore_id)
        if row is None:
            if place is not None:
                view.verticalScrollBar().setValue(place.scroll)
            return
        index = self.model.index(row, 0)
        selection = view.selectionModel()
        selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect)
        if place is not None and place.story_id is not None:
            keep_offset(view, row, place.offset)
        else:
            view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def return_to(self, place: Place | None) -> None:
        """Back from a search: the list scrolled and selected as it was."""
        if place is None:
            return
        view = self.reader.list_view
        view.verticalScrollBar().setValue(place.scroll)
        row = place.row if place.content is self.model.content else None
        if row is None and place.story_id is not None:
            top_index = view.indexAt(QPoint(1, 1))
            if top_index.isValid():
                self.model.story_at(top_index.row())  # loads the block on screen
            row = self.model.row_of_story(place.story_id)
        if row is not None:
            self.reader.select_row(row, scroll=False)
            keep_offset(view, row, place.offset)
