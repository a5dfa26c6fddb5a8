"""Search mode of the reading view: showing results in place of the browse list.

This module owns the results model, swapping it into the headline list and back
(Esc returns to the list where it was), applying each outcome (a first page, then
every id) without losing the scroll position, and the count line under the search
field. The timing of searches is ``searchflow``'s. Must not import SQL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from newsreader.ui import messages
from newsreader.ui.listmodel import IdLoader, ListContent, StoryListModel
from newsreader.ui.listplace import Place, capture
from newsreader.ui.searchflow import SearchFlow
from newsreader.ui.workers import SearchOutcome, SearchRequest

if TYPE_CHECKING:
    from newsreader.ui.reader import ReaderView


class SearchMode(QObject):
    """The results list and the way into and out of it."""

    searchApplied = Signal()
    problem = Signal(object)

    def __init__(self, reader: ReaderView) -> None:
        super().__init__(reader)
        self.reader = reader
        self.bar = reader.search_bar
        self.model = StoryListModel(self)
        self.model.loadFailed.connect(self.problem)
        self.outcome: SearchOutcome | None = None
        self._browse_place: Place | None = None
        self.flow = SearchFlow(reader.library.path, reader.pool, self._request, self)
        self.flow.outcome.connect(self._on_flow_outcome)
        self.flow.failed.connect(self.problem)
        self.bar.queryEdited.connect(self._on_bar_queryEdited)
        self.bar.escaped.connect(self.leave)
        self.bar.orderChanged.connect(self._on_bar_orderChanged)

    @property
    def active(self) -> bool:
        """The results are in the list (not merely typed)."""
        return self.reader.list_view.model() is self.model

    @property
    def wanted(self) -> bool:
        """Results are shown or asked for."""
        return self.active or bool(self.bar.query().strip())

    def detach(self) -> None:
        self.flow.cancel()
        self.model.set_content(ListContent(0, (), lambda block: []))

    def schedule(self, immediately: bool = False) -> None:
        self.flow.schedule(immediately=immediately)

    def _request(self) -> SearchRequest | None:
        query = self.bar.query()
        if not query.strip():
            return None
        return SearchRequest(query, self.bar.order(), self.reader.flt)

    def _on_bar_queryEdited(self, text: str) -> None:
        if not text.strip():
            # Emptied by editing: the list comes back, the typing stays in the field.
            self.leave(clear_field=False, focus_list=False)
            return
        self.schedule()

    def _on_bar_orderChanged(self, order: str) -> None:
        if self.bar.query().strip():
            self.schedule(immediately=True)

    def _on_flow_outcome(self, outcome: SearchOutcome) -> None:
        self.apply(outcome)

    def apply(self, outcome: SearchOutcome) -> None:
        """Show an outcome: a first page, or every result (which keeps the place)."""
        reader = self.reader
        view = reader.list_view
        block = reader.block
        headers = tuple(outcome.groups) if outcome.order == "date" else ()
        loader = IdLoader(reader.library, outcome.ids, block)
        first = outcome.rows if len(outcome.rows) <= block else ()
        query = outcome.request.query

        def quotes(ids: list[int]) -> dict[int, str]:
            from newsreader.store import search as store_search  # loaded by the search

            return store_search.quotes(reader.library, query, ids)

        content = ListContent(
            len(outcome.ids), headers, loader, first, reader.language.day_label, block,
            quotes=quotes,
        )
        # The complete answer extends the first page: keep the scroll where it is.
        same_query = (
            self.active and self.outcome is not None
            and self.outcome.request == outcome.request
        )
        scroll = view.verticalScrollBar().value() if same_query else 0
        if not self.active:
            self._browse_place = capture(view, reader.browse_model)
            reader.use_model(self.model)
        self.outcome = outcome
        self.bar.show_order(outcome.order)  # honest when forced into date order
        self.model.highlight_query = outcome.request.query
        self.model.set_content(content)
        if reader.has_article_pane():
            reader.article.set_query(outcome.request.query)
        current = reader.current_story
        if current is not None:
            rank = loader.rank_of(current.id)
            if rank is not None:
                reader.select_row(self.model.row_of_rank(rank), show=False, scroll=False)
        view.verticalScrollBar().setValue(scroll)
        reader.update_count()
        self.searchApplied.emit()

    def leave(self, clear_field: bool = True, *, focus_list: bool = True) -> None:
        """Back to the full list, where it was before the search (Esc: into the list)."""
        reader = self.reader
        self.flow.cancel()  # answers still on their way are no longer wanted
        if clear_field:
            self.bar.field.clear()
        if reader.has_article_pane():
            reader.article.set_query(None)
        self.outcome = None
        self.bar.show_order(self.bar.order())
        if not self.active:
            return
        reader.use_model(reader.browse_model)
        self.model.set_content(ListContent(0, (), lambda b: []))
        place, self._browse_place = self._browse_place, None
        reader.browsing.return_to(place)
        reader.update_count()
        if focus_list:
            reader.list_view.setFocus()

    def update_count(self) -> None:
        """The count line: results (and why they are by date), or stories listed."""
        if self.active and self.outcome is not None:
            outcome = self.outcome
            if outcome.message and not outcome.ids:
                text = messages.translated(outcome.message)
            elif outcome.total == 1:
                text = self.tr("1 result")
            else:
                text = self.tr("{n} results").format(n=f"{outcome.total:,}")
            if outcome.order == "date" and outcome.request.order == "relevance":
                text += self.tr(" (by date: too many to rank)")
        else:
            total = self.reader.browse_model.content.total
            text = self.tr("1 story") if total == 1 else self.tr("{n} stories").format(
                n=f"{total:,}"
            )
        self.bar.count_label.setText(text)
