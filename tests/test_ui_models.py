"""The headline list model: Qt's model tester, row arithmetic, bounded block cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from newsreader.store import Library, browse
from newsreader.store.records import StoryRow
from newsreader.ui import listmodel
from newsreader.ui.listmodel import (
    IdLoader,
    KeysetLoader,
    ListContent,
    Role,
    StoryListModel,
)
from test_ui_helpers import make_dumps, make_library


def _row(i: int) -> StoryRow:
    return StoryRow(i, 10_000 - i, f"标题{i}", False, False, f"摘要{i}", True,
                    "2023-08-10T09:15", i % 2 == 0, False, False)


class CountingLoader:
    """A real loader over an in-memory list that counts what it was asked for."""

    def __init__(self, total: int, block: int) -> None:
        self.total = total
        self.block = block
        self.calls: list[int] = []

    def __call__(self, block: int) -> list[StoryRow]:
        self.calls.append(block)
        start = block * self.block
        return [_row(i) for i in range(start, min(self.total, start + self.block))]


@pytest.fixture
def library(tmp_path: Path):
    with Library.open(make_library(tmp_path, make_dumps(tmp_path, days=3, per_day=5))) as lib:
        yield lib


def _browse_content(lib: Library, block: int = 4) -> ListContent:
    lay = browse.layout(lib, browse.BrowseFilter(), block=block)
    headers = lay.groups
    return ListContent(lay.total, headers, KeysetLoader(lib, lay), label=str, block=block)


def test_browse_model_passes_qt_model_tester(qtmodeltester, library: Library) -> None:
    model = StoryListModel()
    model.set_content(_browse_content(library))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 16 + 4  # stories + one header per day


def test_search_model_passes_qt_model_tester(qtmodeltester, library: Library) -> None:
    ids = [r.id for r in library.list_rows(100)][::-1]
    model = StoryListModel()
    model.set_content(ListContent(len(ids), (), IdLoader(library, ids, 3), block=3))
    qtmodeltester.check(model, force_py=True)
    assert [model.index(r, 0).data(Role.StoryId) for r in range(len(ids))] == ids


def test_rows_map_to_headers_and_stories(library: Library) -> None:
    model = StoryListModel()
    model.set_content(_browse_content(library))
    rows = library.list_rows(100)
    kinds = [model.index(r, 0).data(Role.Kind) for r in range(model.rowCount())]
    assert kinds[0] == "header" and kinds[1] == "story" and kinds[2] == "header"
    stories = [model.index(r, 0).data(Role.StoryId) for r in range(model.rowCount())
               if kinds[r] == "story"]
    assert stories == [r.id for r in rows]
    for rank in range(len(rows)):
        assert model.rank_at(model.row_of_rank(rank)) == rank
    header = model.index(0, 0)
    assert not (model.flags(header) & Qt.ItemFlag.ItemIsSelectable)
    assert model.flags(model.index(1, 0)) & Qt.ItemFlag.ItemIsSelectable


def test_display_marks_truncated_titles(library: Library) -> None:
    model = StoryListModel()
    ids = [r.id for r in library.list_rows(100)]
    model.set_content(ListContent(len(ids), (), IdLoader(library, ids)))
    titles = [model.index(r, 0).data() for r in range(len(ids))]
    row = library.list_rows(1)[0]
    assert titles[0] == row.title + ("…" if row.title_truncated else "")


def test_block_cache_stays_bounded_over_a_million_rows() -> None:
    total, block = 1_000_000, 512
    loader = CountingLoader(total, block)
    model = StoryListModel()
    model.set_content(ListContent(total, (), loader, block=block))
    assert model.rowCount() == total
    # Drag from top to bottom in 20 steps, reading a screenful at each step.
    for step in range(21):
        top = min(total - 30, step * (total // 20))
        for r in range(top, top + 30):
            assert model.index(r, 0).data(Role.StoryId) == r
        assert len(model.cached_blocks()) <= listmodel.MAX_BLOCKS
    # The blocks kept are the ones near the last place read.
    assert max(model.cached_blocks()) == (total - 1) // block
    assert len(loader.calls) <= 2 * 21


def test_update_story_changes_a_loaded_row_and_signals(qtbot, library: Library) -> None:
    model = StoryListModel()
    model.set_content(_browse_content(library))
    row = 1
    story = model.index(row, 0).data(Role.Story)
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.update_story(story.id, read=True, starred=True)
    assert blocker.args[0].row() == row
    changed = model.index(row, 0).data(Role.Story)
    assert changed.read and changed.starred and changed.id == story.id


def test_a_failing_loader_reports_instead_of_raising(qtbot) -> None:
    def broken(block: int) -> list[StoryRow]:
        raise OSError("disk gone")

    model = StoryListModel()
    model.set_content(ListContent(10, (), broken))
    with qtbot.waitSignal(model.loadFailed) as blocker:
        assert model.index(3, 0).data() is None
    assert "disk gone" in blocker.args[0]


class CountingModel(StoryListModel):
    """Counts how often the view asks for the row count (each a Python call)."""

    def __init__(self) -> None:
        super().__init__()
        self.row_count_calls = 0

    def rowCount(self, parent=None) -> int:
        self.row_count_calls += 1
        return super().rowCount() if parent is None else super().rowCount(parent)


def test_the_view_reads_only_visible_rows_of_a_million(qtbot) -> None:
    from newsreader.ui.listview import HeadlineView

    total, block = 1_000_000, 512
    loader = CountingLoader(total, block)
    view = HeadlineView()
    qtbot.addWidget(view)
    view.resize(420, 600)
    model = CountingModel()
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    # A reset, a model switch and a jump to the end each lay out a million rows: a
    # view that asks the model about every row would make ~2 million calls here.
    model.set_content(ListContent(total, (), loader, block=block))
    other = CountingModel()
    other.set_content(ListContent(total, (), loader, block=block))
    view.setModel(other)
    view.setModel(model)
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > total)  # the new model's rows are laid out
    bar.setValue(bar.maximum())
    view.viewport().repaint()
    assert view.indexAt(view.viewport().rect().center()).row() > total - 30
    assert model.row_count_calls + other.row_count_calls < 5_000
    assert set(loader.calls) <= {0, (total - 1) // block, (total - 2) // block}
