"""store.browse: keyset blocks from anchors, groups, filters and ranks on real libraries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsreader.store import Importer, Library, browse
from newsreader.store.identity import sort_key
from test_ui_helpers import BASE_DAY, list_dump, make_dumps, make_library, write


@pytest.fixture
def library(tmp_path: Path):
    path = make_library(tmp_path, make_dumps(tmp_path, days=4, per_day=7))
    with Library.open(path) as lib:
        browse.create_browse_indexes(lib.conn)
        yield lib


def _all_by_blocks(lib: Library, lay: browse.BrowseLayout) -> list[int]:
    ids: list[int] = []
    for anchor in lay.anchors:
        _keys, rows = browse.fetch_block(lib, lay.filter, anchor, lay.block)
        ids.extend(r.id for r in rows)
    return ids


@pytest.mark.parametrize("block", [1, 3, 4, 512])
def test_blocks_from_anchors_cover_the_list_exactly(library: Library, block: int) -> None:
    lay = browse.layout(library, browse.BrowseFilter(), block=block)
    expected = [r.id for r in library.list_rows(1000)]
    assert lay.total == len(expected) == 29
    assert len(lay.anchors) == -(-lay.total // block)
    assert _all_by_blocks(library, lay) == expected


def test_day_groups_newest_first_with_counts(library: Library) -> None:
    lay = browse.layout(library, browse.BrowseFilter(), block=5)
    days = [dt.date.fromordinal(g.key) for g in lay.groups]
    assert days == [BASE_DAY - dt.timedelta(days=i) for i in range(5)]
    assert [g.count for g in lay.groups] == [1, 7, 7, 7, 7]
    assert [g.first_rank for g in lay.groups] == [0, 1, 8, 15, 22]


def test_undated_stories_come_last_in_their_own_group(tmp_path: Path, library: Library) -> None:
    undated = write(tmp_path, "undated.txt", list_dump(900, 2, BASE_DAY))
    text = undated.read_text(encoding="utf-8").replace("23年08月10日", "23年13月40日")
    undated.write_text(text, encoding="utf-8")
    Importer(library).import_paths([undated])
    lay = browse.layout(library, browse.BrowseFilter(), block=4)
    assert lay.groups[-1].key is None and lay.groups[-1].count == 2
    ids = _all_by_blocks(library, lay)
    assert ids == [r.id for r in library.list_rows(1000)]


def test_unread_and_starred_filters(library: Library) -> None:
    rows = library.list_rows(1000)
    library.set_read([r.id for r in rows[::2]])
    library.set_starred([rows[3].id, rows[10].id])
    unread = browse.layout(library, browse.BrowseFilter("unread"), block=4)
    assert _all_by_blocks(library, unread) == [r.id for r in rows[1::2]]
    assert unread.total == browse.count(library, browse.BrowseFilter("unread"))
    starred = browse.layout(library, browse.BrowseFilter("starred"), block=4)
    assert _all_by_blocks(library, starred) == [rows[3].id, rows[10].id]


def test_date_range_is_inclusive_and_drops_undated(library: Library) -> None:
    day = BASE_DAY - dt.timedelta(days=2)
    flt = browse.BrowseFilter("all", since=day, until=day + dt.timedelta(days=1))
    lay = browse.layout(library, flt, block=3)
    assert [dt.date.fromordinal(g.key) for g in lay.groups] == [day + dt.timedelta(days=1), day]
    rows = library.list_rows(1000)
    expected = [r.id for r in rows if r.published[:10] in (str(day), str(day + dt.timedelta(1)))]
    assert _all_by_blocks(library, lay) == expected


def test_recent_orders_by_newest_import_and_groups_by_dump(
    tmp_path: Path, library: Library
) -> None:
    # An old dump imported last comes first under "recently imported".
    old = write(tmp_path, "old.txt", list_dump(500, 3, dt.date(2019, 1, 5)))
    Importer(library).import_paths([old])
    lay = browse.layout(library, browse.BrowseFilter("recent"), block=2)
    first = lay.groups[0]
    labels = browse.dump_labels(library, [first.key])
    assert labels[first.key].path.endswith("old.txt") and first.count == 3
    ids = _all_by_blocks(library, lay)
    assert len(ids) == lay.total == 32
    _keys, top = browse.fetch_block(library, lay.filter, None, 3)
    assert {r.published[:10] for r in top} == {"2019-01-05"}


def test_first_page_is_a_prefix_of_the_full_layout(library: Library) -> None:
    provisional, rows = browse.first_page(library, browse.BrowseFilter(), block=10)
    assert not provisional.complete and provisional.total == 10
    full = browse.layout(library, browse.BrowseFilter(), block=10)
    assert [r.id for r in rows] == _all_by_blocks(library, full)[:10]
    small, _ = browse.first_page(library, browse.BrowseFilter(), block=100)
    assert small.complete and small.total == 29


def test_rank_of_finds_every_story(library: Library) -> None:
    lay = browse.layout(library, browse.BrowseFilter(), block=4)
    for rank, row in enumerate(library.list_rows(1000)):
        key = browse.key_of(library, lay.filter, row.id)
        assert key is not None
        assert browse.rank_of(library, lay, key) == rank


def test_day_of_key_agrees_with_identity() -> None:
    day = dt.date(2023, 8, 10)
    for time in (None, dt.time(0, 0), dt.time(12, 30), dt.time(23, 58), dt.time(23, 59)):
        key = sort_key(123, day, time)
        assert browse.day_of_key(key) == day.toordinal()
        assert browse.day_start_key(day) <= key < browse.day_start_key(day + dt.timedelta(1))
    assert browse.day_of_key(sort_key(5, None, None)) is None


def test_browse_indexes_are_used(library: Library) -> None:
    plans = {
        "unread": "SELECT id FROM stories WHERE read = 0 AND sort_key <= 5 "
        "ORDER BY sort_key DESC LIMIT 5",
        "recent": "SELECT id FROM stories WHERE (last_dump_id, sort_key) <= (5, 5) "
        "ORDER BY last_dump_id DESC, sort_key DESC LIMIT 5",
    }
    for name, sql in plans.items():
        plan = " ".join(r[-1] for r in library.conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "INDEX stories_" in plan and "TEMP B-TREE" not in plan, (name, plan)


def test_search_helpers_keep_order(library: Library) -> None:
    rows = library.list_rows(1000)
    ids = [r.id for r in rows][::-1]
    keys = browse.sort_keys_for_ids(library, ids)
    assert list(keys) == [r.sort_key for r in rows][::-1]
    library.set_read(ids[:5])
    assert browse.keep_ids(library, ids, browse.BrowseFilter("unread")) == ids[5:]
    groups = browse.groups_for_keys([r.sort_key for r in rows])
    assert [g.count for g in groups] == [1, 7, 7, 7, 7]
