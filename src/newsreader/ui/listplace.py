"""Where the headline list stands: the current row, its place on screen, moving to a row.

This module owns the small geometry shared by browsing and searching: remembering
the current story and its offset in the viewport (``Place``), putting it back there
after the list's content changed, and selecting a row with or without showing its
story. Must not import SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel

from newsreader.ui.listmodel import ListContent, StoryListModel
from newsreader.ui.listview import HeadlineView


@dataclass
class Place:
    """Where the browse list was: restored after a search or a refresh."""

    story_id: int | None
    row: int | None
    offset: int  # the current row's top, in viewport pixels
    scroll: int
    content: ListContent


def capture(view: HeadlineView, model: StoryListModel) -> Place:
    """The current row and scroll position of ``view`` showing ``model``."""
    current = view.currentIndex()
    story = model.story_at(current.row()) if current.isValid() else None
    offset = view.visualRect(current).top() if story is not None else 0
    return Place(
        story.id if story is not None else None,
        current.row() if story is not None else None,
        offset,
        view.verticalScrollBar().value(),
        model.content,
    )


def select_row(
    view: HeadlineView, row: int, *, show: bool = True, scroll: bool = True
) -> None:
    """Make ``row`` current; ``show=False`` selects without opening its story."""
    index = view.model().index(row, 0)
    selection = view.selectionModel()
    if not show:
        selection.blockSignals(True)
    try:
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    finally:
        selection.blockSignals(False)
    if not show:
        view.viewport().update()
    if scroll:
        view.scrollTo(index)


def keep_offset(view: HeadlineView, row: int, offset: int) -> None:
    """Scroll so that ``row`` stands ``offset`` pixels from the viewport's top."""
    bar = view.verticalScrollBar()
    top = view.visualRect(view.model().index(row, 0)).top()
    bar.setValue(bar.value() + top - offset)
