"""The reading view: search bar, headline list and article pane kept in step.

This module owns the view's layout (the list column beside the article pane, which
is made after the list's first paint) and how its parts are wired: ``browsing``
(the browse list for the current filter), ``searchmode`` (results in place of it),
``reading`` (the current story and its marks). The window talks to this view only.
Slow work (layouts, searches) runs in ``workers`` on this view's thread pool; block
reads and single-story reads use the GUI's own connection. Must not import SQL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QThreadPool, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from newsreader.store import browse
from newsreader.store.library import Library
from newsreader.store.records import Story
from newsreader.ui.browsing import BrowseList
from newsreader.ui.emptynote import EmptyNote
from newsreader.ui.i18n import Language
from newsreader.ui.listmodel import StoryListModel
from newsreader.ui.listplace import select_row
from newsreader.ui.listview import HeadlineView
from newsreader.ui.reading import StoryReading
from newsreader.ui.searchbar import SearchBar
from newsreader.ui.searchmode import SearchMode

if TYPE_CHECKING:
    from newsreader.ui.articleview import ArticleView
    from newsreader.ui.workers import SearchOutcome


class ReaderView(QWidget):
    """Search bar and list on the left, article on the right."""

    storyShown = Signal(int)
    libraryCountChanged = Signal(int)  # stories in the whole library
    layoutApplied = Signal()
    searchApplied = Signal()
    problem = Signal(object)  # a library error worth a dialog (a Message, or text)
    notice = Signal(str)  # a passing condition worth a line in the status bar
    zoomChanged = Signal(int)
    linkFailed = Signal(str)  # an address no browser opened
    linkHovered = Signal(str)  # the address under the mouse, "" when it left
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

        self.search_bar = SearchBar()
        self.list_view = HeadlineView()
        self.reading = StoryReading(self)
        self.browsing = BrowseList(self)
        self.search = SearchMode(self)
        self.list_view.setModel(self.browse_model)
        self.list_view.selectionModel().currentChanged.connect(self.reading.on_current_changed)
        self.list_view.viewport().installEventFilter(self)  # for ``listPainted``
        for part in (self.browsing, self.search, self.reading):
            part.problem.connect(self.problem)
        self.reading.notice.connect(self.notice)
        self.reading.storyShown.connect(self.storyShown)
        self.browsing.layoutApplied.connect(self.layoutApplied)
        self.browsing.libraryCountChanged.connect(self.libraryCountChanged)
        self.search.searchApplied.connect(self.searchApplied)
        self.search_bar.toResults.connect(self._on_search_bar_toResults)
        self.list_view.escaped.connect(self._on_list_view_escaped)
        self.empty_note = EmptyNote(self.list_view.viewport())
        self.empty_note.clearFilter.connect(self._on_empty_note_clearFilter)
        self.search_bar.filterChanged.connect(self._on_search_bar_filterChanged)

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

    # -- parts -------------------------------------------------------------------------

    @property
    def article(self) -> ArticleView:
        """The article pane, made on first use (it is not needed for the first paint)."""
        if self._article is None:
            from newsreader.ui.articleview import ArticleView

            view = ArticleView(self.language)
            if self._zoom is not None:
                view.set_zoom(self._zoom)
            view.zoomChanged.connect(self.zoomChanged)
            view.linkFailed.connect(self.linkFailed)
            view.linkHovered.connect(self.linkHovered)
            state = self.splitter.saveState()  # sizes, even while the page is hidden
            self.splitter.replaceWidget(1, view).deleteLater()
            self.splitter.restoreState(state)
            self._article = view
        return self._article

    def has_article_pane(self) -> bool:
        return self._article is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self.list_view.viewport():
            watched.removeEventFilter(self)
            # After the whole paint pass, not in the middle of it.
            QTimer.singleShot(0, self, self._on_list_painted)
        return False

    def _on_list_painted(self) -> None:
        # The list paints first (start-up is measured to it), the article pane right after.
        self.listPainted.emit()
        if self._article is None:
            self.article  # noqa: B018 - the property makes it
            from newsreader.ui.workers import WarmUpTask

            self.pool.start(WarmUpTask())

    # -- state -------------------------------------------------------------------------

    @property
    def browse_model(self) -> StoryListModel:
        return self.browsing.model

    @property
    def search_model(self) -> StoryListModel:
        return self.search.model

    @property
    def searching(self) -> bool:
        return self.search.active

    @property
    def model(self) -> StoryListModel:
        return self.search_model if self.searching else self.browse_model

    @property
    def flt(self) -> browse.BrowseFilter:
        return self.browsing.flt

    @property
    def block(self) -> int:
        return self.browsing.block

    @block.setter
    def block(self, value: int) -> None:
        self.browsing.block = value

    @property
    def library_total(self) -> int | None:
        return self.browsing.library_total

    @property
    def current_story(self) -> Story | None:
        return self.reading.current

    @property
    def search_outcome(self) -> SearchOutcome | None:
        return self.search.outcome

    @property
    def read_only(self) -> bool:
        return self.reading.read_only

    @property
    def busy(self) -> bool:
        """A layout or search is still on its way."""
        return self.search.flow.busy or self.browsing.pending

    def detach(self) -> None:
        """Forget the library (it is about to close): nothing may read from it now."""
        self.browsing.detach()
        self.search.detach()
        self.reading.detach()

    # -- the list ----------------------------------------------------------------------

    def use_model(self, model: StoryListModel) -> None:
        old = self.list_view.selectionModel()
        self.list_view.setModel(model)
        self.list_view.selectionModel().currentChanged.connect(self.reading.on_current_changed)
        if old is not None:
            old.deleteLater()  # Qt leaves the old selection model to its owner

    def select_row(self, row: int, *, show: bool = True, scroll: bool = True) -> None:
        select_row(self.list_view, row, show=show, scroll=scroll)

    def update_count(self) -> None:
        """The count line, and the note an empty list shows instead of nothing."""
        self.search.update_count()
        outcome = self.search.outcome
        if self.searching and outcome is not None:
            if outcome.total == 0 and not outcome.message:
                self.empty_note.show_no_results(outcome.request.query, self.flt)
                return
        elif not self.searching and self.browse_model.content.total == 0 and (
            self.flt != browse.BrowseFilter() and not self.browsing.pending
        ):
            self.empty_note.show_all_hidden()
            return
        self.empty_note.hide()

    def _on_empty_note_clearFilter(self) -> None:
        self.set_filter(browse.BrowseFilter())

    def load_first_page(self, flt: browse.BrowseFilter, restore_id: int | None = None) -> None:
        self.browsing.load_first_page(flt, restore_id)

    def refresh(self) -> None:
        """Recompute the list (after an import or a change on disk), and the results."""
        self.browsing.refresh()
        if self.search.wanted:
            self.search.schedule(immediately=True)

    def set_filter(self, flt: browse.BrowseFilter) -> None:
        if flt == self.flt:
            return
        self.search_bar.set_filter(flt)
        self._apply_filter(flt)

    def _apply_filter(self, flt: browse.BrowseFilter) -> None:
        keep = self.current_story.id if self.current_story is not None else None
        self.load_first_page(flt, restore_id=keep)
        if self.search.wanted:
            self.search.schedule(immediately=True)

    def _on_search_bar_filterChanged(self, flt: browse.BrowseFilter) -> None:
        self._apply_filter(flt)

    def _on_search_bar_toResults(self) -> None:
        """↓ or Enter in the search field: into the list, on its first story."""
        if self.model.rowCount() == 0:
            return
        self.list_view.setFocus()  # Qt makes a row current on focus, without selecting it
        current = self.list_view.currentIndex()
        if current.isValid() and self.model.is_story_row(current.row()):
            self.select_row(current.row())  # highlighted, as opened
        else:
            self.list_view.setCurrentIndex(self.model.index(-1, 0))
            self.move(1)

    def _on_list_view_escaped(self) -> None:
        """Esc in the results leaves the search, back to the list where it was."""
        if self.search.wanted:
            self.search.leave()

    # -- commands (the window's menus call these) ---------------------------------------

    def focus_search(self) -> None:
        self.search_bar.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_bar.field.selectAll()

    def leave_search(self, clear_field: bool = True) -> None:
        self.search.leave(clear_field)

    def show_story(self, story_id: int) -> Story | None:
        return self.reading.show_story(story_id)

    def toggle_read(self) -> None:
        self.reading.toggle_read()

    def toggle_star(self) -> None:
        self.reading.toggle_star()

    def move(self, step: int) -> bool:
        return self.reading.move(step)

    def page_or_next(self) -> None:
        self.reading.page_or_next()

    def copy_story(self) -> None:
        self.reading.copy_story()

    def reload_current(self) -> None:
        self.reading.reload_current()
