"""The reading view: search bar, headline list and article pane kept in step.

This module owns what the list shows (the browse layout for the current filter, or
search results), keeping the selection and scroll position across refreshes and
across a search (Esc returns to the list where it was), the reading state (opening
marks read; m and s toggle), moving through the list, and copying a story. Slow
work (layouts, searches) runs in ``workers`` on this view's thread pool; block reads
and single-story reads use the GUI's own connection.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QThreadPool, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractItemView, QSplitter, QVBoxLayout, QWidget

from newsreader.store import browse
from newsreader.store.errors import LibraryBusy, LibraryError
from newsreader.store.library import Library
from newsreader.store.records import Story
from newsreader.ui import messages
from newsreader.ui.i18n import Language
from newsreader.ui.listmodel import IdLoader, KeysetLoader, ListContent, StoryListModel
from newsreader.ui.listview import HeadlineView
from newsreader.ui.searchbar import SearchBar
from newsreader.ui.searchflow import SearchFlow
from newsreader.ui.workers import LayoutResult, LayoutTask, SearchOutcome, SearchRequest

if TYPE_CHECKING:
    from newsreader.ui.articleview import ArticleView

log = logging.getLogger(__name__)


@dataclass
class _Place:
    """Where the browse list was: restored after a search or a refresh."""

    story_id: int | None
    row: int | None
    offset: int  # the current row's top, in viewport pixels
    scroll: int
    content: ListContent


class ReaderView(QWidget):
    """Search bar and list on the left, article on the right."""

    storyShown = Signal(int)
    libraryCountChanged = Signal(int)  # stories in the whole library
    layoutApplied = Signal()
    searchApplied = Signal()
    problem = Signal(object)  # a library error worth a dialog (a Message, or text)
    notice = Signal(str)  # a passing condition worth a line in the status bar
    zoomChanged = Signal(int)
    # The headline list has painted for the first time (the article pane can follow).
    listPainted = Signal()

    def __init__(
        self,
        library: Library,
        language: Language,
        pool: QThreadPool,
        parent: QWidget | None = None,
        *,
        zoom: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.language = language
        self.pool = pool
        self._zoom = zoom
        self._article: ArticleView | None = None
        self.flt = browse.BrowseFilter()
        # Stories per block (tests use small blocks to cross block edges).
        self.block = browse.BLOCK
        self.current_story: Story | None = None
        # Stories in the whole library; None until known (it decides the welcome page).
        self.library_total: int | None = None
        self._browse_generation = 0
        self._browse_pending = False
        self._restore_id: int | None = None
        self._browse_place: _Place | None = None
        self.search_outcome: SearchOutcome | None = None
        # Set when the library refused a write: reading state is no longer saved.
        self.read_only = False
        self._import_labels: dict[Any, str] = {}

        self.search_bar = SearchBar()
        self.browse_model = StoryListModel(self)
        self.search_model = StoryListModel(self)
        self.list_view = HeadlineView()
        self.list_view.setModel(self.browse_model)
        self.list_view.selectionModel().currentChanged.connect(self._on_selection_currentChanged)
        self.list_view.viewport().installEventFilter(self)  # for ``listPainted``
        for model in (self.browse_model, self.search_model):
            model.loadFailed.connect(self.problem)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.search_bar)
        column.addWidget(self.list_view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        # The article pane is made after the first paint (see ``article``): an empty
        # placeholder keeps the splitter's shape until then.
        placeholder = QWidget()
        placeholder.setAutoFillBackground(True)
        placeholder.setBackgroundRole(QPalette.ColorRole.Base)  # looks like the empty pane
        self.splitter.addWidget(placeholder)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.searches = SearchFlow(library.path, pool, self._search_request, self)
        self.searches.outcome.connect(self._on_searches_outcome)
        self.searches.failed.connect(self.problem)
        self.search_bar.queryEdited.connect(self._on_search_bar_queryEdited)
        self.search_bar.escaped.connect(self.leave_search)
        self.search_bar.toResults.connect(self._on_search_bar_toResults)
        self.search_bar.filterChanged.connect(self._on_search_bar_filterChanged)
        self.search_bar.orderChanged.connect(self._on_search_bar_orderChanged)

    # -- state -------------------------------------------------------------------------

    @property
    def article(self) -> ArticleView:
        """The article pane, made on first use (it is not needed for the first paint)."""
        if self._article is None:
            from newsreader.ui.articleview import ArticleView

            view = ArticleView(self.language)
            if self._zoom is not None:
                view.set_zoom(self._zoom)
            view.zoomChanged.connect(self.zoomChanged)
            state = self.splitter.saveState()  # sizes, even while the page is hidden
            self.splitter.replaceWidget(1, view).deleteLater()
            self.splitter.restoreState(state)
            self._article = view
        return self._article

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self.list_view.viewport():
            watched.removeEventFilter(self)
            # After the whole paint pass, not in the middle of it.
            QTimer.singleShot(0, self, self.listPainted.emit)
        return False

    def has_article_pane(self) -> bool:
        return self._article is not None

    @property
    def searching(self) -> bool:
        return self.list_view.model() is self.search_model

    @property
    def model(self) -> StoryListModel:
        return self.search_model if self.searching else self.browse_model

    @property
    def busy(self) -> bool:
        """A layout or search is still on its way."""
        return self.searches.busy or self._browse_pending

    def detach(self) -> None:
        """Forget the library (it is about to close): nothing may read from it now."""
        self._browse_generation += 1
        self.searches.cancel()
        for model in (self.browse_model, self.search_model):
            model.set_content(ListContent(0, (), lambda block: []))

    # -- the browse list -------------------------------------------------------------

    def load_first_page(self, flt: browse.BrowseFilter, restore_id: int | None = None) -> None:
        """Show the first block at once (cheap), then ask for the full layout."""
        self.flt = flt
        self._restore_id = restore_id
        lay, rows = browse.first_page(self.library, flt, block=self.block)
        self.browse_model.set_content(self._browse_content(lay, tuple(rows)))
        self._update_count()
        if lay.complete and flt == browse.BrowseFilter():
            # The whole library fitted in one block: nothing more to count.
            self.library_total = lay.total
            self.libraryCountChanged.emit(self.library_total)
            if not self.searching:
                self._restore_selection(None)
        else:
            if lay.complete and not self.searching:
                self._restore_selection(None)
            self.refresh()  # counts off the GUI thread

    def refresh(self) -> None:
        """Recompute the layout off the GUI thread (after an import or a change on disk)."""
        self._browse_generation += 1
        self._browse_pending = True
        selected = self._restore_id
        if selected is None and self.current_story is not None:
            selected = self.current_story.id
        task = LayoutTask(
            self.library.path, self._browse_generation, self.flt, selected, self.block
        )
        task.signals.done.connect(self._on_layout_done)
        task.signals.failed.connect(self._on_layout_failed)
        self.pool.start(task)
        if self.searching or self.search_bar.query().strip():
            self._schedule_search(immediately=True)

    def _browse_content(self, lay: browse.BrowseLayout, first: tuple = ()) -> ListContent:
        label = self._import_label if lay.filter.ordering == "recent" else self.language.day_label
        return ListContent(
            lay.total, lay.groups, KeysetLoader(self.library, lay), first, label, lay.block
        )

    def _import_label(self, dump_id: Any) -> str:
        """A "recently imported" header: read when it comes on screen, then kept."""
        label = self._import_labels.get(dump_id)
        if label is None:
            info = browse.dump_labels(self.library, [dump_id]).get(dump_id)
            if info is None:
                label = self.language.day_label(None)
            else:
                label = self.language.import_label(info.path, info.imported_at)
            if len(self._import_labels) >= 4096:
                self._import_labels.clear()  # bounded: only headers on screen matter
            self._import_labels[dump_id] = label
        return label

    def _on_layout_done(self, generation: int, result: LayoutResult) -> None:
        if generation != self._browse_generation:
            return
        self._browse_pending = False
        place = self._place() if not self.searching else None
        self.browse_model.set_content(self._browse_content(result.layout))
        self.library_total = result.library_total
        if not self.searching:
            self._restore_selection(result.selected_rank, place)
        self._restore_id = None
        self._update_count()
        self.libraryCountChanged.emit(self.library_total)
        self.layoutApplied.emit()

    def _on_layout_failed(self, generation: int, message: object) -> None:
        if generation == self._browse_generation:
            self._browse_pending = False
            self.problem.emit(message)

    def _place(self) -> _Place:
        current = self.list_view.currentIndex()
        story = self.model.story_at(current.row()) if current.isValid() else None
        offset = self.list_view.visualRect(current).top() if story is not None else 0
        return _Place(
            story.id if story is not None else None,
            current.row() if story is not None else None,
            offset,
            self.list_view.verticalScrollBar().value(),
            self.model.content,
        )

    def _restore_selection(self, rank: int | None, place: _Place | None = None) -> None:
        """Select the remembered story at ``rank`` (if any) where it was on screen."""
        model = self.browse_model
        row = None
        if rank is not None:
            row = model.row_of_rank(rank)
        elif self._restore_id is not None:
            row = model.row_of_story(self._restore_id)
        if row is None:
            if place is not None:
                self.list_view.verticalScrollBar().setValue(place.scroll)
            return
        index = model.index(row, 0)
        selection = self.list_view.selectionModel()
        selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect)
        if place is not None and place.story_id is not None:
            bar = self.list_view.verticalScrollBar()
            top = self.list_view.visualRect(index).top()
            bar.setValue(bar.value() + top - place.offset)
        else:
            self.list_view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def set_filter(self, flt: browse.BrowseFilter) -> None:
        if flt == self.flt:
            return
        self.search_bar.set_filter(flt)
        self._apply_filter(flt)

    def _apply_filter(self, flt: browse.BrowseFilter) -> None:
        keep = self.current_story.id if self.current_story is not None else None
        self.load_first_page(flt, restore_id=keep)
        if self.searching or self.search_bar.query().strip():
            self._schedule_search(immediately=True)

    def _on_search_bar_toResults(self) -> None:
        """↓ or Enter in the search field: into the list, on its first story."""
        if self.model.rowCount() == 0:
            return
        self.list_view.setFocus()
        if not self.list_view.currentIndex().isValid():
            self.move(1)

    def _on_search_bar_filterChanged(self, flt: browse.BrowseFilter) -> None:
        self._apply_filter(flt)

    def _update_count(self) -> None:
        if self.searching and self.search_outcome is not None:
            outcome = self.search_outcome
            if outcome.message and not outcome.ids:
                text = messages.translated(outcome.message)
            elif outcome.total == 1:
                text = self.tr("1 result")
            else:
                text = self.tr("{n} results").format(n=f"{outcome.total:,}")
            if outcome.order == "date" and outcome.request.order == "relevance":
                text += self.tr(" (by date: too many to rank)")
        else:
            total = self.browse_model.content.total
            text = self.tr("1 story") if total == 1 else self.tr("{n} stories").format(
                n=f"{total:,}"
            )
        self.search_bar.count_label.setText(text)

    # -- search --------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_bar.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_bar.field.selectAll()

    def _on_search_bar_queryEdited(self, text: str) -> None:
        if not text.strip():
            self.leave_search(clear_field=False)
            return
        self._schedule_search()

    def _on_search_bar_orderChanged(self, order: str) -> None:
        if self.search_bar.query().strip():
            self._schedule_search(immediately=True)

    def _schedule_search(self, immediately: bool = False) -> None:
        self.searches.schedule(immediately=immediately)

    def _search_request(self) -> SearchRequest | None:
        query = self.search_bar.query()
        if not query.strip():
            return None
        return SearchRequest(query, self.search_bar.order(), self.flt)

    def _on_searches_outcome(self, outcome: SearchOutcome) -> None:
        self._apply_search(outcome)

    def _apply_search(self, outcome: SearchOutcome) -> None:
        """Show an outcome: a first page, or every result (which keeps the place)."""
        if outcome.order == "date":
            headers = tuple(outcome.groups)
        else:
            headers = ()
        loader = IdLoader(self.library, outcome.ids, self.block)
        first = outcome.rows if len(outcome.rows) <= self.block else ()
        content = ListContent(
            len(outcome.ids), headers, loader, first, self.language.day_label, self.block
        )
        # The complete answer extends the first page: keep the scroll where it is.
        same_query = (
            self.searching and self.search_outcome is not None
            and self.search_outcome.request == outcome.request
        )
        scroll = self.list_view.verticalScrollBar().value() if same_query else 0
        if not self.searching:
            self._browse_place = self._place()
            self._use_model(self.search_model)
        self.search_outcome = outcome
        self.search_model.highlight_query = outcome.request.query
        self.search_model.set_content(content)
        if self._article is not None:
            self.article.set_query(outcome.request.query)
        if self.current_story is not None:
            rank = loader.rank_of(self.current_story.id)
            if rank is not None:
                self._select_row(self.search_model.row_of_rank(rank), show=False, scroll=False)
        self.list_view.verticalScrollBar().setValue(scroll)
        self._update_count()
        self.searchApplied.emit()

    def leave_search(self, clear_field: bool = True) -> None:
        """Back to the full list, where it was before the search."""
        self.searches.cancel()  # answers still on their way are no longer wanted
        if clear_field:
            self.search_bar.field.clear()
        if self._article is not None:
            self.article.set_query(None)
        self.search_outcome = None
        if not self.searching:
            return
        self._use_model(self.browse_model)
        self.search_model.set_content(ListContent(0, (), lambda b: []))
        place = self._browse_place
        self._browse_place = None
        if place is not None:
            bar = self.list_view.verticalScrollBar()
            bar.setValue(place.scroll)
            row = place.row if place.content is self.browse_model.content else None
            if row is None and place.story_id is not None:
                top_index = self.list_view.indexAt(QPoint(1, 1))
                if top_index.isValid():
                    self.browse_model.story_at(top_index.row())  # loads the block on screen
                row = self.browse_model.row_of_story(place.story_id)
            if row is not None:
                self._select_row(row, scroll=False)
                top = self.list_view.visualRect(self.browse_model.index(row, 0)).top()
                bar.setValue(bar.value() + top - place.offset)
        self._update_count()
        self.list_view.setFocus()

    def _use_model(self, model: StoryListModel) -> None:
        old = self.list_view.selectionModel()
        self.list_view.setModel(model)
        self.list_view.selectionModel().currentChanged.connect(self._on_selection_currentChanged)
        if old is not None:
            old.deleteLater()  # Qt leaves the old selection model to its owner

    # -- the current story --------------------------------------------------------------

    def _select_row(self, row: int, *, show: bool = True, scroll: bool = True) -> None:
        index = self.model.index(row, 0)
        selection = self.list_view.selectionModel()
        if not show:
            selection.blockSignals(True)
        try:
            selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect)
        finally:
            selection.blockSignals(False)
        if not show:
            self.list_view.viewport().update()
        if scroll:
            self.list_view.scrollTo(index)

    def _on_selection_currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not current.isValid():
            return
        row = self.model.story_at(current.row())
        if row is None:
            return
        if self.current_story is not None and self.current_story.id == row.id:
            return
        self.show_story(row.id)

    def show_story(self, story_id: int) -> Story | None:
        story = self.library.get_story(story_id)
        if story is None:
            self.article.show_message(self.tr("This story is no longer in the library."))
            return None
        self.current_story = story
        self.article.show_story(story, self.search_bar.query() if self.searching else None)
        if not story.read:
            self._set_flag(story, read=True)
        self.storyShown.emit(story.id)
        return story

    def _set_flag(self, story: Story, **flag: bool) -> None:
        if self.read_only:
            return
        try:
            if "read" in flag:
                self.library.set_read([story.id], flag["read"])
            if "starred" in flag:
                self.library.set_starred([story.id], flag["starred"])
        except LibraryBusy:
            # Another program holds the lock for now: say so quietly, keep trying later.
            self.notice.emit(self.tr("The library is busy (another program is writing to "
                                     "it): this mark was not saved."))
            return
        except LibraryError as err:
            # Say it once; reading goes on without saving read and starred marks.
            self.read_only = True
            self.problem.emit(err.message)
            return
        self.current_story = dataclasses.replace(story, **flag)
        for model in (self.browse_model, self.search_model):
            model.update_story(story.id, **flag)

    def toggle_read(self) -> None:
        if self.current_story is not None:
            self._set_flag(self.current_story, read=not self.current_story.read)

    def toggle_star(self) -> None:
        if self.current_story is not None:
            self._set_flag(self.current_story, starred=not self.current_story.starred)

    def move(self, step: int) -> bool:
        """Select the next (1) or previous (-1) story; False at the end of the list."""
        model = self.model
        if model.rowCount() == 0:
            return False
        current = self.list_view.currentIndex()
        start = current.row() + step if current.isValid() else 0
        target = self.list_view.step_from(start, step if current.isValid() else 1)
        if target is None:
            return False
        self._select_row(target.row())
        return True

    def page_or_next(self) -> None:
        if self.current_story is None or not self.article.page_down():
            self.move(1)

    def copy_story(self) -> None:
        """Copy the selection in the article, or the whole story with a citation line."""
        if self.article.textCursor().hasSelection():
            self.article.copy()
            return
        if self.current_story is not None:
            from newsreader.ui.article import story_text

            QGuiApplication.clipboard().setText(story_text(self.current_story, self.language))

    def reload_current(self) -> None:
        """Show the current story again (its sources may have grown)."""
        if self.current_story is None:
            return
        story = self.library.get_story(self.current_story.id)
        if story is not None and story != self.current_story:
            self.current_story = story
            scroll = self.article.verticalScrollBar().value()
            self.article.show_story(story, self.article.query)
            self.article.verticalScrollBar().setValue(scroll)

