"""The headline list's model: a window of blocks over any number of stories.

This module owns ``StoryListModel`` and the ``ListContent`` it shows. A content is an
exact row count, the group headers (days, imports, or none for relevance-ordered
results) and a *loader* that fetches one block of ``BLOCK`` stories by key (browse
anchors) or by id (search results). The model keeps only a few blocks and evicts the
one farthest from the row being asked for, so memory stays bounded at any library
size and nothing is ever fetched with OFFSET. Loaders run on the GUI thread against
the GUI's own connection: a block is one indexed range read (a few ms).
"""

from __future__ import annotations

import dataclasses
import logging
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from newsreader.store import browse
from newsreader.store.library import Library
from newsreader.store.records import StoryRow
from newsreader.ui.messages import said

BLOCK = browse.BLOCK
# Blocks kept in memory (3 x 512 rows either side of the view is plenty for scrolling).
MAX_BLOCKS = 8
# Result quotes are read for this many neighbouring rows at a time, and this many kept.
QUOTE_CHUNK = 32
MAX_QUOTES = 4096

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    """Custom data roles of the list."""

    Kind = Qt.ItemDataRole.UserRole + 1  # "header" | "story"
    Story = Qt.ItemDataRole.UserRole + 2  # StoryRow
    StoryId = Qt.ItemDataRole.UserRole + 3
    Header = Qt.ItemDataRole.UserRole + 4  # header label text


Loader = Callable[[int], list[StoryRow]]


# A group header: ``key`` is what ``ListContent.label`` turns into its text. The
# store's groups are used as they come (a "recently imported" list has one per
# import: copying 200k of them would stall the window).
Header = browse.Group


def _no_label(key: Any) -> str:
    return str(key)


@dataclass(frozen=True)
class ListContent:
    """What the list shows: ``total`` stories under ``headers`` (possibly none).

    Header labels are made only for the headers on screen (there may be tens of
    thousands of imports under "recently imported").
    """

    total: int
    headers: tuple[Header, ...]
    loader: Loader
    # Rows already known (block 0), so the first paint needs no extra query.
    first_block: tuple[StoryRow, ...] = ()
    label: Callable[[Any], str] = _no_label
    # Stories per block (the loader's unit).
    block: int = BLOCK
    # Search results: the quote around the first hit for given ids (shown in place of
    # the summary, which may not contain the hit). Read only for rows on screen.
    quotes: Callable[[list[int]], dict[int, str]] | None = None

    @property
    def row_count(self) -> int:
        return self.total + len(self.headers)


def empty_content() -> ListContent:
    return ListContent(0, (), lambda block: [])


class KeysetLoader:
    """Blocks of a browse layout, fetched from their anchor keys."""

    def __init__(self, library: Library, layout: browse.BrowseLayout) -> None:
        self.library = library
        self.layout = layout

    def __call__(self, block: int) -> list[StoryRow]:
        if block >= len(self.layout.anchors):
            return []
        _keys, rows = browse.fetch_block(
            self.library, self.layout.filter, self.layout.anchors[block], self.layout.block
        )
        return rows


class IdLoader:
    """Blocks of a search result: ids in result order, rows fetched by primary key."""

    def __init__(self, library: Library, ids: Sequence[int], block: int = BLOCK) -> None:
        self.library = library
        self.ids = array("q", ids)
        self.block = block

    def rank_of(self, story_id: int) -> int | None:
        """Where a story is in the results (a C-speed scan of the id array)."""
        try:
            return self.ids.index(story_id)
        except ValueError:
            return None

    def __call__(self, block: int) -> list[StoryRow]:
        chunk = self.ids[block * self.block : (block + 1) * self.block]
        found = self.library.rows_by_ids(list(chunk))
        return [found[i] for i in chunk if i in found]


class StoryListModel(QAbstractListModel):
    """Headers and stories as one flat list of rows (uniform heights: see listview)."""

    loadFailed = Signal(object)  # a Message, or an unexpected error's text

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._content = empty_content()
        self._header_rows: list[int] = []
        self._first_ranks: list[int] = []
        self._blocks: dict[int, list[StoryRow]] = {}
        self._quotes: dict[int, str] = {}
        self.highlight_query: str | None = None

    # -- content -------------------------------------------------------------------

    @property
    def content(self) -> ListContent:
        return self._content

    def set_content(self, content: ListContent) -> None:
        self.beginResetModel()
        self._content = content
        self._first_ranks = [h.first_rank for h in content.headers]
        self._header_rows = [h.first_rank + i for i, h in enumerate(content.headers)]
        self._blocks = {}
        self._quotes = {}
        if content.first_block:
            self._blocks[0] = list(content.first_block)
        self.endResetModel()

    @property
    def rows_dated(self) -> bool:
        """No day headers (results by relevance): each row shows its own date."""
        return not self._content.headers

    def cached_blocks(self) -> list[int]:
        return sorted(self._blocks)

    # -- row arithmetic ----------------------------------------------------------------

    def header_at(self, row: int) -> int | None:
        """The header number at ``row``, or None for a story row."""
        i = bisect_right(self._header_rows, row) - 1
        if i >= 0 and self._header_rows[i] == row:
            return i
        return None

    def header_row_above(self, row: int) -> int | None:
        """The row of the header of ``row``'s group (itself for a header), or None."""
        i = bisect_right(self._header_rows, row) - 1
        return self._header_rows[i] if i >= 0 else None

    def rank_at(self, row: int) -> int | None:
        """The story's 0-based position (ignoring headers), or None for a header."""
        if not 0 <= row < self._content.row_count:
            return None
        i = bisect_right(self._header_rows, row) - 1
        if i >= 0 and self._header_rows[i] == row:
            return None
        return row - (i + 1)

    def row_of_rank(self, rank: int) -> int:
        return rank + bisect_right(self._first_ranks, rank)

    def is_story_row(self, row: int) -> bool:
        return self.rank_at(row) is not None

    def story_at(self, row: int) -> StoryRow | None:
        rank = self.rank_at(row)
        if rank is None:
            return None
        block, offset = divmod(rank, self._content.block)
        rows = self._block(block)
        return rows[offset] if offset < len(rows) else None

    def _block(self, block: int) -> list[StoryRow]:
        rows = self._blocks.get(block)
        if rows is not None:
            return rows
        try:
            rows = self._content.loader(block)
        except Exception as err:  # noqa: BLE001 - a failed read must not kill painting
            log.exception("cannot load block %d", block)
            self.loadFailed.emit(said(err))
            rows = []
        while len(self._blocks) >= MAX_BLOCKS:
            # Evict the block farthest from the one being read: the view is near it.
            far = max(self._blocks, key=lambda b: abs(b - block))
            del self._blocks[far]
        self._blocks[block] = rows
        return rows

    def _quoted(self, row: int, story: StoryRow) -> StoryRow:
        """A search result with the quote around its hit as its second line."""
        quotes = self._content.quotes
        if quotes is None:
            return story
        quote = self._quotes.get(story.id)
        if quote is None:
            rank = self.rank_at(row) or 0
            start = rank - rank % QUOTE_CHUNK
            ids = []
            for r in range(start, min(start + QUOTE_CHUNK, self._content.total)):
                neighbour = self.story_at(self.row_of_rank(r))
                if neighbour is not None and neighbour.id not in self._quotes:
                    ids.append(neighbour.id)
            if len(self._quotes) + len(ids) > MAX_QUOTES:
                self._quotes.clear()  # bounded: only rows on screen matter
            try:
                self._quotes.update(quotes(ids))
            except Exception as err:  # noqa: BLE001 - a failed read must not kill painting
                log.exception("cannot read result quotes")
                self.loadFailed.emit(said(err))
            quote = self._quotes.setdefault(story.id, story.summary or "")
        return dataclasses.replace(story, summary=quote, summary_truncated=False)

    def row_of_story(self, story_id: int) -> int | None:
        """The row of a story among the blocks in memory (None when not loaded)."""
        for block, rows in self._blocks.items():
            for offset, row in enumerate(rows):
                if row.id == story_id:
                    return self.row_of_rank(block * self._content.block + offset)
        return None

    def update_story(self, story_id: int, **changes: Any) -> None:
        """Change a loaded row in place (read, starred) and repaint it."""
        for block, rows in self._blocks.items():
            for offset, row in enumerate(rows):
                if row.id == story_id:
                    rows[offset] = dataclasses.replace(row, **changes)
                    index = self.index(self.row_of_rank(block * self._content.block + offset), 0)
                    self.dataChanged.emit(index, index)
                    return

    # -- QAbstractItemModel -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return self._content.row_count

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.header_at(index.row()) is not None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | (
            Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._content.row_count:
            return None
        row = index.row()
        header = self.header_at(row)
        if header is not None:
            label = self._content.label(self._content.headers[header].key)
            if role in (Qt.ItemDataRole.DisplayRole, Role.Header):
                return label
            if role == Role.Kind:
                return "header"
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return label
            return None
        if role == Role.Kind:
            return "story"
        story = self.story_at(row)
        if story is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return story.title + ("…" if story.title_truncated else "")
        if role == Role.Story:
            return self._quoted(row, story)
        if role == Role.StoryId:
            return story.id
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = (
                self.tr("Full article")
                if story.has_body
                else self.tr("Headline only: the dump captured no article text")
            )
            return f"{story.title}\n{kind}"
        return None
